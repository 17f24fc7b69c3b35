"""The demo generator: a realistic 获嘉县 batch, GBK shapefile without .cpg, seeded."""

import json
import zipfile

import numpy as np
import pyogrio
import pytest
import shapely

from bench import datagen
from farmland_guard.core.areas import SQM_PER_MU
from farmland_guard.core.codelists import tblx


def test_patches_carry_national_fields(demo_data):
    out, manifest = demo_data
    shp = out / manifest["patch_file"]
    frame = pyogrio.read_dataframe(shp, encoding="GBK")
    assert len(frame) == 120
    for field in ("XZQDM", "XMC", "JCBH", "TBLX", "QSX", "HSX", "DLBM", "DLMC", "SFYN", "SFHX", "MJ"):
        assert field in frame.columns
    assert frame["JCBH"].str.fullmatch(r"410724SJBG25\d{6}").all()
    assert frame["JCBH"].is_unique
    assert (frame["XMC"] == "获嘉县").all()
    assert set(frame["SFYN"]) <= {"是", "否"}
    assert (frame["QSX"] < frame["HSX"]).all()
    assert set(frame["TBLX"]) <= set(tblx())
    area_mu = frame["MJ"] / SQM_PER_MU
    assert area_mu.between(0.2, 61).all()
    assert frame.geometry.is_valid.all()
    left, right = shapely.STRtree(frame.geometry.values).query(frame.geometry.values,
                                                               predicate="intersects")
    assert (left == right).all(), "patches of one batch do not overlap"


def test_shapefile_is_gbk_without_cpg_or_language_byte(demo_data):
    out, manifest = demo_data
    shp = out / manifest["patch_file"]
    assert not shp.with_suffix(".cpg").exists()
    dbf = shp.with_suffix(".dbf").read_bytes()
    assert dbf[29] == 0
    assert "获嘉县".encode("gbk") in dbf and "获嘉县".encode() not in dbf
    assert "CGCS2000_3_Degree_GK_Zone_38" in shp.with_suffix(".prj").read_text()
    names = zipfile.ZipFile(out / manifest["patch_zip"]).namelist()
    assert sorted(names) == sorted(f"{shp.stem}{s}" for s in (".shp", ".shx", ".dbf", ".prj"))


def test_land_use_has_realistic_shares(demo_data):
    out, manifest = demo_data
    dltb = pyogrio.read_dataframe(out / manifest["base_file"], layer="DLTB")
    share = dltb.groupby("DLBM")["TBMJ"].sum() / dltb["TBMJ"].sum()
    cultivated = share.reindex(["0101", "0102", "0103"]).fillna(0).sum()
    assert 0.4 < cultivated < 0.85, share
    assert share.get("0702", 0) > 0.03  # villages
    assert {"1203", "1006", "1003"} <= set(dltb["DLBM"])
    assert dltb["DLBM"].str.endswith("K").any()
    assert dltb["ZLDWDM"].str.fullmatch(r"410724\d{6}").all()
    farmland = dltb["DLBM"].isin(["0101", "0102", "0103"])
    assert (dltb.loc[farmland, "KCMJ"] > 0).all() and (dltb.loc[~farmland, "KCMJ"] == 0).all()
    assert np.allclose(dltb["TBDLMJ"], dltb["TBMJ"] - dltb["KCMJ"], atol=0.011)
    outline = pyogrio.read_dataframe(out / manifest["base_file"], layer="XZQ_XIAN").geometry[0]
    assert dltb.geometry.area.sum() == pytest.approx(outline.area, rel=1e-6)  # a tessellation


APPROVALS = {"NZY": "农用地转用", "GDXM": "供地", "ZJGG": "增减挂钩", "SSNYD": "设施农用地",
             "LSYD": "临时用地"}


def read(demo, layer):
    out, manifest = demo
    return pyogrio.read_dataframe(out / manifest["base_file"], layer=layer)


def patches_of(demo):
    out, manifest = demo
    return pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK")


def covering(approvals, patches):
    """(approval index, patch index) of every approval that covers part of a patch."""
    a, p = shapely.STRtree(patches.geometry.values).query(approvals.geometry.values,
                                                          predicate="intersects")
    shared = shapely.area(shapely.intersection(approvals.geometry.values[a],
                                               patches.geometry.values[p]))
    return a[shared > 1], p[shared > 1]


def test_base_layers(demo_data):
    out, manifest = demo_data
    layers = {name for name, _ in pyogrio.list_layers(out / manifest["base_file"])}
    assert layers == {"XZQ_XIAN", "XZQ_XZ", "DLTB", "YJJBNT", "STBHHX", *APPROVALS}
    nzy = read(demo_data, "NZY")
    assert nzy["PZWH"].str.contains("〔20").all() and (nzy["PZMJ"] > 0).all()
    assert manifest["counts"]["XZQ_XZ"] == 11
    assert set(manifest["counts"]) == layers
    assert all(manifest["counts"][name] > 0 for name in APPROVALS)


def test_towns_are_named_as_today(demo_data):
    towns = read(demo_data, "XZQ_XZ").set_index("XZQDM")["XZQMC"]
    assert towns["410724202"] == "太山镇"
    assert not towns.str.contains("太山乡").any()


def test_approvals_carry_kind_number_authority_date_and_area(demo_data):
    for name, kind in APPROVALS.items():
        frame = read(demo_data, name)
        assert (frame["PZLX"] == kind).all(), name
        assert frame["PZWH"].str.fullmatch(r".+〔20\d\d〕\d+号").all(), name
        assert frame["PZJG"].str.len().gt(0).all(), name
        assert str(frame["PZRQ"].dtype).startswith("datetime64") and frame["PZRQ"].notna().all()
        assert (frame["PZMJ"] > 0).all(), name
        # 文号 year is the approval's year
        assert (frame["PZWH"].str.extract(r"〔(\d{4})〕")[0].astype(int)
                == frame["PZRQ"].dt.year).all(), name
    lsyd = read(demo_data, "LSYD")
    assert (lsyd["YXQZ"] > lsyd["PZRQ"]).all()


def test_some_approvals_over_patches_are_dated_after_the_after_image(demo_data):
    patches = patches_of(demo_data)
    for name in ("NZY", "GDXM"):
        frame = read(demo_data, name)
        a, p = covering(frame, patches)
        late = frame["PZRQ"].values[a] > patches["HSX"].values[p]
        assert 0 < late.sum() < 0.5 * len(late), name  # 未批先建, regularised later


def test_an_expired_temporary_use_lies_over_a_patch(demo_data):
    patches = patches_of(demo_data)
    lsyd = read(demo_data, "LSYD")
    a, p = covering(lsyd, patches)
    expired = lsyd["YXQZ"].values[a] < patches["HSX"].values[p]
    assert expired.any() and not expired.all()


def test_a_facility_filing_lies_under_a_building(demo_data):
    patches = patches_of(demo_data)
    _, p = covering(read(demo_data, "SSNYD"), patches)
    assert (patches["TBLX"].values[p] == "20").any()


def test_patches_on_every_kind_of_land(demo_data):
    """非新增 on 建设用地; agricultural types on 一般耕地 and on 永农; construction on 耕地,
    on 林地/园地/草地 and on 未利用地."""
    from farmland_guard.core import landuse

    patches = patches_of(demo_data)
    dltb = read(demo_data, "DLTB")
    group = np.array([landuse.group_of(c) for c in dltb["DLBM"]])
    p, land, shared = datagen.overlaps(patches.geometry.values, dltb)
    share = {}
    for name in set(group):
        on = group[land] == name
        share[name] = np.bincount(p[on], shared[on], minlength=len(patches)) / \
            patches.geometry.area.values
    farmland = datagen.touches(patches.geometry.values, read(demo_data, "YJJBNT"))
    assert (farmland == (patches["SFYN"] == "是").values).all()
    main = np.array(sorted(share))[np.argmax(np.column_stack([share[k] for k in sorted(share)]),
                                             axis=1)]
    agricultural = patches["TBLX"].isin(["01", "02", "03", "04", "KT", "SM", "ND", "SJ"]).values
    construction = patches["TBLX"].isin(["20", "YH", "DT", "TD", "DL1", "DL2", "GF", "CK"]).values
    assert (share["建设用地"] > 0.95).sum() >= 3
    assert (agricultural & (main == "耕地") & ~farmland).any()
    assert (agricultural & farmland).any()
    assert (construction & (main == "耕地")).any()
    assert (construction & np.isin(main, ["林地", "园地", "草地"])).any()
    assert (construction & (main == "未利用地")).any()


def test_permanent_farmland_holds_some_non_cultivated_land_and_overlaps(demo_data):
    jbnt = read(demo_data, "YJJBNT")
    other = ~jbnt["DLBM"].isin(["0101", "0102", "0103"])
    assert 0.01 < other.mean() < 0.1
    assert set(jbnt.loc[other, "DLBM"]) <= datagen.FARMLAND_EXTRA
    geoms = jbnt.geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    left, right = left[left < right], right[left < right]
    shared = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    assert (shared > 1).sum() >= 3  # overlapping pairs: union before measuring
    overlap = shapely.intersection(geoms[left[shared > 1]], geoms[right[shared > 1]])
    patches = patches_of(demo_data).geometry.values
    assert len(shapely.STRtree(patches).query(overlap, predicate="intersects")[0])


def test_same_seed_same_data(tmp_path, demo_data):
    out, manifest = demo_data
    again = datagen.generate(tmp_path, patches=120, landuse=4000, seed=7, imagery=False)
    assert json.dumps(again["counts"]) == json.dumps(manifest["counts"])
    assert (tmp_path / manifest["patch_file"]).with_suffix(".dbf").read_bytes() == \
        (out / manifest["patch_file"]).with_suffix(".dbf").read_bytes()
    for layer in ("YJJBNT", "NZY", "SSNYD", "LSYD"):
        first, second = read(demo_data, layer), read((tmp_path, again), layer)
        assert first.drop(columns="geometry").equals(second.drop(columns="geometry")), layer
        assert shapely.equals_exact(first.geometry.values, second.geometry.values, 0).all()


def test_imagery_shows_the_changes(tmp_path):
    from osgeo import gdal

    manifest = datagen.generate(tmp_path, patches=60, landuse=3000, seed=3, imagery=True)
    imagery = manifest["imagery"]
    assert imagery["patches_in_window"] > 0
    before = gdal.Open(str(tmp_path / "imagery" / imagery["files"]["before"]))
    after = gdal.Open(str(tmp_path / "imagery" / imagery["files"]["after"]))
    assert before.RasterCount == 3 and before.GetRasterBand(1).GetOverviewCount() == 4
    assert "4526" in before.GetSpatialRef().GetAuthorityCode(None)
    a, b = before.ReadAsArray().astype(float), after.ReadAsArray().astype(float)
    assert np.abs(a - b).mean() > 5  # seasons and changes differ visibly
