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


def test_base_layers(demo_data):
    out, manifest = demo_data
    layers = {name for name, _ in pyogrio.list_layers(out / manifest["base_file"])}
    assert layers == {"XZQ_XIAN", "XZQ_XZ", "DLTB", "YJJBNT", "STBHHX", "NZY", "GDXM", "ZJGG",
                      "SSNYD"}
    nzy = pyogrio.read_dataframe(out / manifest["base_file"], layer="NZY")
    assert nzy["PZWH"].str.contains("〔20").all() and (nzy["PZMJ"] > 0).all()
    assert manifest["counts"]["XZQ_XZ"] == 11


def test_same_seed_same_data(tmp_path, demo_data):
    out, manifest = demo_data
    again = datagen.generate(tmp_path, patches=120, landuse=4000, seed=7, imagery=False)
    assert json.dumps(again["counts"]) == json.dumps(manifest["counts"])
    assert (tmp_path / manifest["patch_file"]).with_suffix(".dbf").read_bytes() == \
        (out / manifest["patch_file"]).with_suffix(".dbf").read_bytes()


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
