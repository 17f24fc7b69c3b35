"""farmland_guard:assigngrids and farmland_guard:linkreports through Processing on a real store
made by the importer: a grid as a memory layer in Gauss–Krüger with Chinese field names, with a
tie, an overlap and a gap; reports from a CSV file and from a point layer."""

import sqlite3

import processing
import pyproj
import pytest
import shapely

from farmland_guard.core import field_reports as core_reports
from farmland_guard.core import grids as core_grids
from farmland_guard.processing.precheck import qgis_value
from farmland_guard.store import gpkg
from tests.qgis.conftest import memory_layer

pytestmark = pytest.mark.usefixtures("provider")
TO_GK = pyproj.Transformer.from_crs(4490, 4526, always_xy=True)


def rows(store, table):
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY fid")]
    finally:
        conn.close()


def patches(store):
    return [(r["JCBH"], gpkg.geometries([r["geom"]])[0]) for r in rows(store, "patches")]


def gk_wkt(geom):
    return shapely.transform(geom, lambda c: shapely.get_coordinates(shapely.points(
        *TO_GK.transform(c[:, 0], c[:, 1])))).wkt


def grid_layer(store):
    """The first patch's box twice (an exact tie: WG02 and WG01 → WG01; and an overlap), a cell
    over the rest of the patches with a hole (a gap), and a cell overlapping it (an overlap)."""
    (first, geom), *_ = patches(store)
    minx, miny, maxx, maxy = geom.bounds
    everything = shapely.total_bounds([g for _, g in patches(store)])
    x0, y0, x1, y1 = everything[0] - 0.01, everything[1] - 0.01, everything[2] + 0.01, \
        everything[3] + 0.01
    hole = shapely.box(x1 + 0.001, y0, x1 + 0.002, y0 + 0.001)
    big = shapely.difference(shapely.box(x0, y0, x1 + 0.003, y1),
                             shapely.box(minx, miny, maxx, maxy).buffer(1e-9))
    big = shapely.difference(big, hole)
    over = shapely.box(x1 + 0.0025, y0, x1 + 0.004, y0 + 0.001)
    cells = [(shapely.box(minx, miny, maxx, maxy), "WG02"),
             (shapely.box(minx, miny, maxx, maxy), "WG01"), (big, "WG03"), (over, "WG04")]
    layer = memory_layer("MultiPolygon?crs=EPSG:4526&field=网格编码:string&field=地块代码:string"
                         "&field=乡镇名称:string&field=村级田长:string", "网格",
                         [(gk_wkt(g), [code, f"DK-{code}", "城关镇", "李四"])
                          for g, code in cells])
    return layer, first


def test_assigngrids_assigns_lists_the_tie_and_the_gap_and_overlap(store):
    layer, first = grid_layer(store)
    result = processing.run("farmland_guard:assigngrids", {
        "STORE": str(store), "GRIDS": layer, "OUTPUT": "memory:"})
    n = len(rows(store, "patches"))
    assert result["ASSIGNED"] == n and result["TIES"] >= 1 and result["OUTSIDE"] == 0
    stored = {r["JCBH"]: r for r in rows(store, "patches")}
    assert stored[first]["WGBM"] == "WG01" and stored[first]["FPBZ"] == core_grids.TIE
    assert stored[first]["DKDM"] == "DK-WG01" and stored[first]["XZMC"] == "城关镇"
    tied = {k for k, r in stored.items() if r["FPBZ"] == core_grids.TIE}
    assert first in tied and len(tied) == result["TIES"]
    assert {r["WGBM"] for k, r in stored.items() if k not in tied} == {"WG03"}
    listing = [f.attributes() for f in result["OUTPUT"].getFeatures()]
    assert sorted(row[2] for row in listing if row[0] == core_grids.TIE) == sorted(tied)
    tie = next(row for row in listing if row[0] == core_grids.TIE and row[2] == first)
    assert tie[1] == "patch" and tie[3] == "WG01、WG02"
    overlaps = sorted(sorted(row[3].split("、")) for row in listing
                      if row[0] == core_grids.OVERLAP)
    assert overlaps == [["WG01", "WG02"], ["WG03", "WG04"]]
    assert [row[0] for row in listing].count(core_grids.GAP) == 1


def test_assigngrids_on_a_store_without_patches_outside(store):
    far = memory_layer("Polygon?crs=EPSG:4490&field=WGBM:string", "网格",
                       [("POLYGON((100 30, 100.1 30, 100.1 30.1, 100 30.1, 100 30))", ["X"])])
    result = processing.run("farmland_guard:assigngrids", {
        "STORE": str(store), "GRIDS": far, "OUTPUT": "memory:"})
    n = len(rows(store, "patches"))
    assert result["OUTSIDE"] == n and result["TIES"] == 0
    assert {r["FPBZ"] for r in rows(store, "patches")} == {core_grids.OUTSIDE}


def test_linkreports_from_a_csv_file(store, tmp_path):
    (jcbh, geom), *_ = patches(store)
    inside = shapely.point_on_surface(geom)
    x, y = TO_GK.transform(inside.x, inside.y)
    path = tmp_path / "巡田.csv"
    path.write_text("SBBH,SBSJ,SBR,LON,LAT,PHOTO\n"
                    f"A,2000-01-01 08:00,张三,{inside.x},{inside.y},a.jpg\n"
                    f"B,2000-01-01,李四,{inside.y},{inside.x},\n"  # swapped
                    f"C,2000-01-01,王五,{x},{y},\n"  # projected, no CRS: refused
                    "D,2000-01-01,赵六,,,\n", encoding="utf-8")
    result = processing.run("farmland_guard:linkreports", {
        "STORE": str(store), "REPORTS": str(path), "OUTPUT": "memory:"})
    assert (result["LINKED"], result["UNLINKED"], result["EARLY"]) == (2, 0, 2)
    listing = {f["LYH"]: [qgis_value(v) for v in f.attributes()]
               for f in result["OUTPUT"].getFeatures()}
    assert sorted(listing) == [1, 2, 3, 4]
    assert listing[1][:5] == ["A", 1, jcbh, 0.0, core_reports.EARLY]
    assert "a.jpg" in listing[1][5]  # the missing photo
    assert listing[2][2] == jcbh and "swapped" in listing[2][5]
    assert listing[3][0] is None and "not degrees" in listing[3][5]
    assert listing[4][0] is None and "no coordinates" in listing[4][5]
    # with the CRS, the projected row is read
    projected = tmp_path / "gk.csv"
    projected.write_text(f"SBBH,SBSJ,X,Y\nP,2099-01-01,{x},{y}\n", encoding="utf-8")
    result = processing.run("farmland_guard:linkreports", {
        "STORE": str(store), "REPORTS": str(projected), "CRS": "EPSG:4526",
        "OUTPUT": "memory:"})
    assert (result["LINKED"], result["EARLY"]) == (3, 2)
    stored = {r["SBBH"]: r for r in rows(store, "field_reports")}
    assert stored["P"]["JCBH"] == jcbh and stored["P"]["SFXY"] == core_reports.NOT_EARLY


def test_linkreports_from_a_point_layer_with_a_distance(store):
    (jcbh, geom), *_ = patches(store)
    east = pyproj.Geod(ellps="GRS80").fwd(geom.bounds[2], geom.centroid.y, 90, 30)[:2]
    layer = memory_layer("Point?crs=EPSG:4526&field=编号:string&field=上报时间:string", "巡田",
                         [(gk_wkt(shapely.Point(*east)), ["R1", "2024/5/3 14:20"])])
    near = processing.run("farmland_guard:linkreports", {
        "STORE": str(store), "REPORTS": layer, "MAX_DISTANCE": 1000, "OUTPUT": "memory:"})
    assert near["LINKED"] == 1
    (row,) = [[qgis_value(v) for v in f.attributes()] for f in near["OUTPUT"].getFeatures()]
    assert row[0] == "R1" and row[2] is not None and row[3] >= 29.9
    far = processing.run("farmland_guard:linkreports", {
        "STORE": str(store), "REPORTS": layer, "MAX_DISTANCE": 10, "OUTPUT": "memory:"})
    assert (far["LINKED"], far["UNLINKED"]) == (0, 1)
