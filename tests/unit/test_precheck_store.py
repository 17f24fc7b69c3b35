"""The precheck of a work store: patches and parcels in one transaction; cancel changes nothing."""

import json
import sqlite3

import geopandas as gpd
import pyogrio
import pytest
import shapely

from farmland_guard.core import codelists, crs, precheck, suggest
from farmland_guard.core import layers as layer_io
from farmland_guard.core.errors import Cancelled
from farmland_guard.core.sources import SourceError
from farmland_guard.store import gpkg, schema
from farmland_guard.store import precheck as store_precheck
from farmland_guard.store.workstore import WorkStore


@pytest.fixture()
def sources(demo_data):
    out, manifest = demo_data
    base = out / manifest["base_file"]

    def layer(name):
        return f"{base}|layername={name}"

    return {"landuse": layer("DLTB"), "farmland": layer("YJJBNT"), "redline": layer("STBHHX"),
            "approvals": [layer(n) for n in ("NZY", "GDXM", "ZJGG", "SSNYD", "LSYD")]}


def rows(store, table="patches"):
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY fid")]
    finally:
        conn.close()


def add_parcel(store, jcbh):
    """Half of a patch as its parcel ``JCBH_1`` (what splitting would make)."""
    with WorkStore(store) as ws, ws.transaction() as conn:
        blob = conn.execute("SELECT geom FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()[0]
        patch = gpkg.geometries([blob])[0]
        minx, miny, maxx, maxy = patch.bounds
        half = shapely.intersection(patch, shapely.box(minx, miny, (minx + maxx) / 2, maxy))
        conn.execute("INSERT INTO parcels(geom, DKBH, JCBH) VALUES (?, ?, ?)",
                     (gpkg.blobs([shapely.MultiPolygon([half])], schema.SRS_ID)[0],
                      f"{jcbh}_1", jcbh))
    return half


def test_every_patch_and_parcel_gets_its_figures_in_one_run(store, sources):
    jcbh = rows(store)[0]["JCBH"]
    half = add_parcel(store, jcbh)
    progress = []
    result = store_precheck.run(store, **sources, progress=progress.append)
    patches, parcels = rows(store), rows(store, "parcels")
    assert (result.patches, result.parcels) == (len(patches), 1)
    assert sum(result.suggested.values()) == len(patches) + 1
    assert progress[-1] == 100 and progress == sorted(progress)
    stamps = {p["TSSJ"] for p in patches + parcels}
    assert len(stamps) == 1 and None not in stamps  # one transaction, one time
    for p in patches:
        assert p["GDMJ"] is not None and p["JYLY"], p["JCBH"]
        assert p["JYPD"] in suggest.SUGGESTIONS
        # the suggested sub-type is a code of the lists, never a word of the rules' own
        assert p["JYLX"] in {None, *codelists.hchlx("合法"), *codelists.hchlx("其他"),
                             *codelists.wflx()}, p["JYLX"]
        assert 0 <= p["WFGMJ"] <= p["GDMJ"] <= p["TBMJ_MU"] + 1e-4
        assert 0 <= p["PWFGL"] <= 1
        groups = json.loads(p["DLFZ"])
        assert groups.get("耕地", 0) == p["GDMJ"]
    assert {p["JYPD"] for p in patches} >= {"合法", "违法", "其他"}
    parent = next(p for p in patches if p["JCBH"] == jcbh)
    parcel = parcels[0]
    assert parcel["GDMJ"] <= parent["GDMJ"] + 1e-4 and parcel["JYLY"]
    layer = layer_io.read(sources["landuse"], ("DLBM",), ("KCXS", "GDDB"))
    alone = precheck.overlay([half], precheck.Layers(layer.geometries, layer.columns["DLBM"],
                                                     gddb=layer.columns["GDDB"]))
    assert parcel["GDMJ"] == alone.record(0)["GDMJ"]
    assert parcel["GDDB"] == alone.gddb(0) and (parcel["GDDB"] is None) == (not parcel["GDMJ"])


def test_figures_match_the_overlay_of_the_same_layers(store, sources):
    store_precheck.run(store, **sources)
    patches = rows(store)
    geoms = gpkg.geometries([p["geom"] for p in patches])
    layers = store_precheck.read_layers(**sources, near=geoms)
    context = store_precheck.context_of([p["TBLX"] for p in patches], [p["HSX"] for p in patches],
                                        suggest.Rules.of_profile())
    expected = precheck.overlay(geoms, layers, context=context)
    for k, p in enumerate(patches):
        for field in precheck.FIELDS[1:]:
            assert p[field] == expected.record(k)[field], (p["JCBH"], field)
        assert p["GDDB"] == expected.gddb(k), p["JCBH"]
        # the patch area of the import and of the precheck are one and the same measure
        assert p["TBMJ_MU"] == pytest.approx(expected.record(k)["TBMJ_MU"], abs=1e-4)


def test_layers_not_given_leave_their_fields_empty(store, sources):
    store_precheck.run(store, sources["landuse"])
    for p in rows(store):
        assert p["GDMJ"] is not None
        assert all(p[f] is None for f in ("JBNTMJ", "JBNTGDMJ", "STHXMJ", "WPJBNTMJ", "PWFZ",
                                          *precheck.NEEDS_APPROVALS))


def test_the_grade_of_the_cultivated_land_occupied_is_written_as_text(store, sources, tmp_path):
    """The demo land use grades its 耕地 (GDDB, an integer field): every patch on 耕地 gets the
    grade as text; a land use without GDDB leaves it NULL everywhere, figures unchanged."""
    store_precheck.run(store, sources["landuse"])
    with_grades = rows(store)
    on_cultivated = [p for p in with_grades if p["GDMJ"]]
    assert on_cultivated and all(p["GDDB"] in {str(g) for g in range(1, 16)}
                                 for p in on_cultivated)
    assert all(p["GDDB"] is None for p in with_grades if not p["GDMJ"])
    path, _, name = sources["landuse"].partition("|layername=")
    frame = pyogrio.read_dataframe(path, layer=name).drop(columns=["GDDB"])
    pyogrio.write_dataframe(frame, tmp_path / "dltb.gpkg", layer="DLTB")
    store_precheck.run(store, f"{tmp_path / 'dltb.gpkg'}|layername=DLTB")
    without = rows(store)
    assert all(p["GDDB"] is None for p in without)
    assert [p["GDMJ"] for p in without] == [p["GDMJ"] for p in with_grades]


def test_cancel_leaves_the_store_untouched(store, sources):
    before = rows(store)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2  # after the layers are read, during the overlay

    with pytest.raises(Cancelled):
        store_precheck.run(store, **sources, cancelled=cancelled)
    assert rows(store) == before
    with pytest.raises(Cancelled):
        store_precheck.run(store, **sources, cancelled=lambda: True)
    assert rows(store) == before


def test_land_use_of_two_counties_is_read_as_one_layer(store, sources, tmp_path):
    """The land use split in two files (west and east): the same figures as the whole."""
    path, name = layer_io.parse(sources["landuse"])
    frame = pyogrio.read_dataframe(path, layer=name)
    west = frame.geometry.centroid.x < frame.geometry.centroid.x.median()
    halves = []
    for part, keep in (("west", west), ("east", ~west)):
        halves.append(str(tmp_path / f"{part}.gpkg"))
        pyogrio.write_dataframe(gpd.GeoDataFrame(frame[keep]), halves[-1])
    store_precheck.run(store, sources["landuse"])
    whole = [p["GDMJ"] for p in rows(store)]
    store_precheck.run(store, halves)
    assert [p["GDMJ"] for p in rows(store)] == whole


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_a_bad_layer_is_refused_with_a_message_naming_it(store, sources, tmp_path):
    with pytest.raises(SourceError, match="DLTB has no field DLBM_X"):
        layer_io.read(sources["landuse"], ("DLBM_X",))
    with pytest.raises(SourceError, match="cannot be opened"):
        store_precheck.run(store, sources["landuse"].replace("DLTB", "NOPE"))
    with pytest.raises(SourceError, match="does not exist"):
        store_precheck.run(store, str(tmp_path / "missing.gpkg"))
    path, _ = layer_io.parse(sources["landuse"])
    frame = pyogrio.read_dataframe(path, layer="XZQ_XIAN")
    no_code = tmp_path / "no_code.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame(frame), no_code)
    with pytest.raises(SourceError, match=r"no_code.gpkg has no field DLBM; its fields are: XZQDM"):
        store_precheck.run(store, str(no_code))
    bare = tmp_path / "no_crs.gpkg"
    shapes = shapely.from_wkb(shapely.to_wkb(frame.geometry.values))  # without their CRS
    pyogrio.write_dataframe(gpd.GeoDataFrame({"DLBM": ["0101"]}, geometry=shapes), bare)
    with pytest.raises(crs.CrsError, match="no coordinate system"):
        store_precheck.run(store, str(bare))
    assert all(p["TSSJ"] is None for p in rows(store))


def test_parse_layer_sources():
    assert layer_io.parse("a/b.gpkg|layername=DLTB") == ("a/b.gpkg", "DLTB")
    assert layer_io.parse("a/b.gpkg|layerid=0|layername= YJJBNT") == ("a/b.gpkg", "YJJBNT")
    assert layer_io.parse("a/b.shp") == ("a/b.shp", None)
    assert layer_io.label_of("a/b.gpkg|layername=DLTB") == "b.gpkg › DLTB"


def test_a_layer_filter_set_in_qgis_is_kept():
    assert layer_io.subset("a/b.gpkg|layername=NZY|subset=\"PZWH\" LIKE '豫%'") == "\"PZWH\" LIKE '豫%'"
    assert layer_io.subset("a/b.gpkg|layername=NZY") is None
    assert layer_io.subset("a/b.shp") is None


def test_a_field_bank_coefficient_above_one_is_refused_naming_the_polygon(store, sources,
                                                                          tmp_path):
    path, name = layer_io.parse(sources["landuse"])
    frame = pyogrio.read_dataframe(path, layer=name)
    frame["KCXS"] = frame["KCXS"] * 100  # percents where fractions belong
    bad = tmp_path / "dltb.gpkg"
    pyogrio.write_dataframe(frame, bad, layer="DLTB")
    with pytest.raises(SourceError, match=r"dltb.gpkg › DLTB.*KCXS.* polygon\(s\).*e\.g\. \d+"):
        store_precheck.run(store, f"{bad}|layername=DLTB")
    assert all(p["TSSJ"] is None for p in rows(store))


def test_parcels_cut_later_are_overlaid_with_the_layers_the_last_precheck_read(store, sources,
                                                                              tmp_path):
    jcbh = rows(store)[0]["JCBH"]
    assert store_precheck.refresh_parcels(store, jcbh) is None  # no precheck yet: nothing to use
    store_precheck.run(store, **sources)
    recorded = store_precheck.recorded_sources(store)
    assert recorded["landuse"] == sources["landuse"] and len(recorded["approvals"]) == 5
    add_parcel(store, jcbh)  # cut after the precheck: no figures of its own
    assert rows(store, "parcels")[0]["TSSJ"] is None
    before = {r["JCBH"]: r["TSSJ"] for r in rows(store)}
    result = store_precheck.refresh_parcels(store, jcbh)
    assert (result.patches, result.parcels) == (0, 1)
    parcel = rows(store, "parcels")[0]
    assert parcel["TSSJ"] and parcel["GDMJ"] is not None and parcel["JYPD"]
    assert {r["JCBH"]: r["TSSJ"] for r in rows(store)} == before  # the patches untouched
    # the same as a whole precheck gives the parcel
    store_precheck.run(store, **sources)
    again = rows(store, "parcels")[0]
    assert {f: again[f] for f in ("GDMJ", "JBNTMJ", "WFGMJ", "JYPD")} == \
        {f: parcel[f] for f in ("GDMJ", "JBNTMJ", "WFGMJ", "JYPD")}


def test_no_refresh_when_a_layer_the_precheck_read_is_gone(store, demo_data, tmp_path):
    import shutil

    out, manifest = demo_data
    moved = tmp_path / "base.gpkg"
    shutil.copy(out / manifest["base_file"], moved)
    store_precheck.run(store, f"{moved}|layername=DLTB")
    jcbh = rows(store)[0]["JCBH"]
    add_parcel(store, jcbh)
    moved.unlink()
    assert store_precheck.refresh_parcels(store, jcbh) is None
    assert rows(store, "parcels")[0]["TSSJ"] is None  # said missing by the workbench
