"""Child parcels: cut by a line or by land use, areas summing to the parent, own verdicts."""

import json
import sqlite3

import pyogrio
import pytest
import shapely

from farmland_guard.core import parcels
from farmland_guard.core.areas import ellipsoidal_areas_m2, geodesic_area_m2, m2_to_mu
from farmland_guard.store import gpkg
from farmland_guard.store.history import History
from farmland_guard.store.parcels import Parcels
from farmland_guard.store.results import VerdictError, Verdicts
from farmland_guard.store.workstore import WorkStore

ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 0.5}
OTHER = {"PDLX": "其他", "HCHLX": "农业结构调整"}
SQUARE = shapely.box(113.60, 35.20, 113.602, 35.202)  # about 0.04 km², 60 亩


def across(geom, fraction=0.5):
    """A north-south line across ``geom`` at ``fraction`` of its width."""
    minx, miny, maxx, maxy = geom.bounds
    x = minx + (maxx - minx) * fraction
    return shapely.LineString([(x, miny - 0.001), (x, maxy + 0.001)])


def mu(geom):
    return float(m2_to_mu(ellipsoidal_areas_m2([geom]))[0])


# --- core ------------------------------------------------------------------------------------

def test_a_line_across_cuts_in_two_and_the_halves_sum_to_the_whole():
    result = parcels.cut("P", [SQUARE], across(SQUARE, 0.3))
    halves = result[0]
    assert len(halves) == 2
    assert sum(mu(h) for h in halves) == pytest.approx(mu(SQUARE), abs=1e-6)
    assert sorted(round(mu(h) / mu(SQUARE), 3) for h in halves) == [0.3, 0.7]
    assert parcels.check("P", SQUARE, mu(SQUARE), halves) == []


def test_a_line_that_stops_inside_or_misses_is_refused():
    inside = shapely.LineString([(113.601, 35.1995), (113.601, 35.201)])
    with pytest.raises(parcels.SplitError, match="edge to edge"):
        parcels.cut("P", [SQUARE], inside)
    with pytest.raises(parcels.SplitError, match="edge to edge"):
        parcels.cut("P", [SQUARE], shapely.LineString([(114, 35), (114.1, 35.1)]))


def test_a_multipart_patch_cut_through_one_part_keeps_the_other():
    other = shapely.box(113.61, 35.20, 113.611, 35.201)
    patch = shapely.MultiPolygon([SQUARE, other])
    parts = parcels.cut("P", [patch], across(SQUARE))[0]
    assert len(parts) == 3
    assert sum(mu(p) for p in parts) == pytest.approx(mu(patch), abs=1e-6)


def test_a_patch_with_a_hole_is_cut_around_it():
    holed = SQUARE.difference(shapely.box(113.6008, 35.2008, 113.6012, 35.2012))
    parts = parcels.cut("P", [holed], across(holed))[0]
    assert sum(mu(p) for p in parts) == pytest.approx(mu(holed), abs=1e-6)
    assert mu(holed) < mu(SQUARE)


def test_land_use_split_gives_one_parcel_per_code_and_absorbs_slivers():
    west, east = shapely.box(113.59, 35.19, 113.6012, 35.21), shapely.box(113.6012, 35.19, 113.62, 35.21)
    sliver = shapely.box(113.6012, 35.2019999, 113.6013, 35.202)  # a boundary mismatch, far below 0.1 亩
    landuse = [("0102", west), ("0602", east.difference(sliver)), ("1006", sliver)]
    result = parcels.by_landuse("P", SQUARE, landuse)
    assert [code for code, _ in result] == ["0102", "0602"]
    assert sum(mu(g) for _, g in result) == pytest.approx(mu(SQUARE), abs=1e-5)
    assert parcels.check("P", SQUARE, mu(SQUARE), [g for _, g in result]) == []


def test_land_use_split_keeps_the_uncovered_part_and_refuses_one_class():
    half = shapely.box(113.59, 35.19, 113.601, 35.21)
    result = parcels.by_landuse("P", SQUARE, [("0102", half)])
    assert [code for code, _ in result] == ["0102", None]
    with pytest.raises(parcels.SplitError, match="one land-use class"):
        parcels.by_landuse("P", SQUARE, [("0102", SQUARE.buffer(0.01))])


def test_check_names_the_rule_when_parcels_overlap_leave_the_patch_or_miss_area():
    left, right = shapely.box(113.60, 35.20, 113.6012, 35.202), shapely.box(113.6008, 35.20, 113.602, 35.202)
    problems = parcels.check("P", SQUARE, mu(SQUARE), [left, right])
    assert {p.rule for p in problems} == {"parcels_sum", "parcels_inside"}
    assert "overlapping" in str(problems[-1])
    short = parcels.check("P", SQUARE, mu(SQUARE), [shapely.box(113.60, 35.20, 113.601, 35.202)])
    assert [p.rule for p in short] == ["parcels_sum"] and "P" in str(short[0])
    outside = parcels.check("P", SQUARE, mu(SQUARE), [SQUARE.buffer(0.0001)])
    assert "parcels_inside" in {p.rule for p in outside}


def test_parcel_areas_are_ellipsoidal():
    half = parcels.cut("P", [SQUARE], across(SQUARE))[0][0]
    assert parcels.areas_mu([half])[0] == pytest.approx(geodesic_area_m2(half) / (2000 / 3), abs=1e-4)


# --- store -----------------------------------------------------------------------------------

def patch_geometry(store, jcbh):
    with sqlite3.connect(store) as conn:
        blob, area = conn.execute("SELECT geom, TBMJ_MU FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()
    return gpkg.geometries([blob])[0], area


def first_patch(store):
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT JCBH FROM patches ORDER BY TBMJ_MU DESC").fetchone()[0]


def test_cutting_a_stored_patch_numbers_parcels_and_records_history(store):
    jcbh = first_patch(store)
    geom, area = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        added = Parcels(ws).cut(jcbh, across(geom, 0.4))
        assert len(added) >= 2 and added[0] == f"{jcbh}_1"
        found = Parcels(ws).of(jcbh)
        assert sum(p["TBMJ_MU"] for p in found) == pytest.approx(area, abs=0.01)
        # cut one parcel again: the other keeps its id, the new ones number on
        second = Parcels(ws).cut(jcbh, across(found[0]["geom"], 0.5))
        ids = [p["DKBH"] for p in Parcels(ws).of(jcbh)]
        assert found[0]["DKBH"] not in ids and found[1]["DKBH"] in ids
        assert second[0] == f"{jcbh}_{len(found) + 1}"
        history = ws.conn.execute("SELECT action, field, old, new FROM history WHERE JCBH = ? "
                                  "AND field = 'DKBH' ORDER BY fid", (jcbh,)).fetchall()
        assert [h[0] for h in history] == ["split", "split"]
        assert json.loads(history[1][3]) == ids
        assert ws.conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'parcels'").fetchone()[0] == 2
    frame = pyogrio.read_dataframe(store, layer="parcels")  # GDAL reads what sqlite3 wrote
    assert sorted(frame["DKBH"]) == sorted(ids)
    assert m2_to_mu(ellipsoidal_areas_m2(frame.geometry.values)).sum() == pytest.approx(area, abs=0.01)


def test_each_parcel_takes_its_own_verdict_and_undo_reaches_it(store):
    jcbh = first_patch(store)
    geom, _ = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        first, second = Parcels(ws).cut(jcbh, across(geom))[:2]
        v = Verdicts(ws)
        edits = History(ws, v, Parcels(ws))
        v.save(first, ILLEGAL)
        v.save(second, OTHER)
        assert v.current(first)["PDLX"] == "违法" and v.current(second)["PDLX"] == "其他"
        assert v.current(jcbh).get("PDLX") is None  # the patch's own verdict is apart
        row = ws.conn.execute("SELECT JCBH, DKBH FROM results WHERE DKBH = ?", (first,)).fetchone()
        assert row == (jcbh, first)
        assert ws.conn.execute("SELECT PDLX, HCZT FROM parcels WHERE DKBH = ?",
                               (first,)).fetchone() == ("违法", "内业完成")
        assert {r[0] for r in ws.conn.execute("SELECT DISTINCT DKBH FROM history WHERE "
                                              "action = 'save'")} == {first, second}
        edits.undo()
        assert v.current(second).get("PDLX") is None and v.current(first)["PDLX"] == "违法"
        edits.redo()
        assert v.current(second)["PDLX"] == "其他"


def test_a_parcel_verdict_is_checked_against_the_parcel_area(store):
    jcbh = first_patch(store)
    geom, area = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        first = Parcels(ws).cut(jcbh, across(geom, 0.2))[0]
        small = Parcels(ws).of(jcbh)[0]["TBMJ_MU"]
        with pytest.raises(VerdictError, match=first):
            Verdicts(ws).save(first, {**ILLEGAL, "WFMJ": round(area, 4)})
        assert small < area


def test_a_judged_parcel_cannot_be_cut_or_merged_away(store):
    jcbh = first_patch(store)
    geom, _ = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        first = Parcels(ws).cut(jcbh, across(geom))[0]
        Verdicts(ws).save(first, OTHER)
        before = ws.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        part = Parcels(ws).of(jcbh)[0]["geom"]
        with pytest.raises(VerdictError, match="already has a verdict"):
            Parcels(ws).cut(jcbh, across(part))
        with pytest.raises(VerdictError, match="already has a verdict"):
            Parcels(ws).merge(jcbh)
        assert ws.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0] == before


def test_a_cut_keeps_the_verdict_of_a_parcel_it_leaves_alone(store):
    jcbh = first_patch(store)
    geom, _ = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        first, second = Parcels(ws).cut(jcbh, across(geom))[:2]
        Verdicts(ws).save(first, OTHER)
        other = next(p for p in Parcels(ws).of(jcbh) if p["DKBH"] == second)
        Parcels(ws).cut(jcbh, across(other["geom"]))
        kept = next(p for p in Parcels(ws).of(jcbh) if p["DKBH"] == first)
        assert (kept["PDLX"], kept["HCHLX"], kept["HCZT"]) == ("其他", "农业结构调整", "内业完成")


def test_split_by_land_use_and_merge_back(store, demo_data):
    out, manifest = demo_data
    landuse = pyogrio.read_dataframe(out / manifest["base_file"], layer="DLTB").to_crs("EPSG:4490")
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT JCBH, geom, TBMJ_MU FROM patches").fetchall()
    tree = shapely.STRtree(landuse.geometry.values)
    def two_classes():  # the first patch on two land-use classes
        for jcbh, blob, area in rows:
            geom = gpkg.geometries([blob])[0]
            hits = tree.query(geom, predicate="intersects")
            pairs = [(landuse["DLBM"].iloc[h], landuse.geometry.iloc[h]) for h in hits]
            codes = {c for c, g in pairs if mu(shapely.intersection(geom, g)) >= 0.5}
            if len(codes) >= 2:
                return jcbh, area, pairs, codes
        pytest.fail("no demo patch lies on two land-use classes")

    jcbh, area, pairs, codes = two_classes()
    with WorkStore(store) as ws:
        made = Parcels(ws).by_landuse(jcbh, pairs)
        found = Parcels(ws).of(jcbh)
        assert [p["DKBH"] for p in found] == made
        assert codes <= {p["DLBM"] for p in found}
        assert sum(p["TBMJ_MU"] for p in found) == pytest.approx(area, abs=0.01)
        Parcels(ws).merge(jcbh)
        assert Parcels(ws).of(jcbh) == []
        assert ws.conn.execute("SELECT action FROM history WHERE JCBH = ? ORDER BY fid DESC",
                               (jcbh,)).fetchone()[0] == "merge"


def test_a_failed_split_writes_nothing(store):
    jcbh = first_patch(store)
    with WorkStore(store) as ws:
        before = [ws.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("parcels", "history", "outbox")]
        with pytest.raises(parcels.SplitError, match=jcbh):
            Parcels(ws).cut(jcbh, shapely.LineString([(100, 30), (100.1, 30.1)]))
        after = [ws.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("parcels", "history", "outbox")]
        assert before == after


def test_a_split_and_a_merge_are_undone_and_redone_like_verdicts(store):
    jcbh = first_patch(store)
    geom, _ = patch_geometry(store, jcbh)
    with WorkStore(store) as ws:
        v = Verdicts(ws)
        edits = History(ws, v, Parcels(ws))
        made = Parcels(ws).cut(jcbh, across(geom, 0.3))
        outline = {p["DKBH"]: p["TBMJ_MU"] for p in Parcels(ws).of(jcbh)}
        assert edits.undo() is not None
        assert Parcels(ws).of(jcbh) == []
        assert edits.redo() is not None
        assert {p["DKBH"]: p["TBMJ_MU"] for p in Parcels(ws).of(jcbh)} == outline
        Parcels(ws).merge(jcbh)
        edits.undo()  # the merge: the parcels come back, ids and areas as they were
        assert {p["DKBH"]: p["TBMJ_MU"] for p in Parcels(ws).of(jcbh)} == outline
        v.save(made[0], OTHER)
        lines = ws.conn.execute("SELECT COUNT(*) FROM history WHERE field = 'geom'").fetchone()[0]
        assert lines == 5  # split, undo, redo, merge, undo: each with the outlines before and after
    with WorkStore(store) as ws:  # after a restart the undo stack is still there
        v = Verdicts(ws)
        edits = History(ws, v, Parcels(ws))
        edits.undo()  # the verdict
        assert v.current(made[0]).get("PDLX") is None
        edits.undo()  # the split (its merge was undone already)
        assert Parcels(ws).of(jcbh) == []


def test_a_cut_across_two_parcels_keeps_each_ones_land_use_code(store, demo_data):
    jcbh = first_patch(store)
    geom, _ = patch_geometry(store, jcbh)
    west = shapely.box(*geom.bounds).intersection(
        shapely.box(geom.bounds[0] - 1, geom.bounds[1] - 1, (geom.bounds[0] + geom.bounds[2]) / 2, 90))
    landuse = [("0102", west), ("0602", shapely.box(*geom.bounds).difference(west))]
    with WorkStore(store) as ws:
        Parcels(ws).by_landuse(jcbh, landuse, min_mu=0.001)
        minx, miny, maxx, maxy = geom.bounds
        line = shapely.LineString([(minx - 0.001, (miny + maxy) / 2), (maxx + 0.001, (miny + maxy) / 2)])
        Parcels(ws).cut(jcbh, line)
        codes = sorted(p["DLBM"] for p in Parcels(ws).of(jcbh))
        assert codes.count("0102") >= 2 and codes.count("0602") >= 2 and None not in codes
