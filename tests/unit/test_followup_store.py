"""store.grids and store.field_reports on a real store made by the importer: a grid layer file
imported (Chinese field names, a projected CRS), every patch and parcel assigned in one go,
reports read from CSV, xlsx and GeoJSON and linked."""

import json
import sqlite3

import geopandas as gpd
import openpyxl
import pyproj
import shapely

from farmland_guard.core import field_reports as core_reports
from farmland_guard.core import grids as core_grids
from farmland_guard.store import field_reports, gpkg
from farmland_guard.store import grids as store_grids


def rows(store, table):
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY fid")]
    finally:
        conn.close()


def patch_geoms(store):
    return {r["JCBH"]: gpkg.geometries([r["geom"]])[0] for r in rows(store, "patches")}


def grid_file(tmp_path, store, cells=4):
    """A grid over the patches' extent, cells x cells, with a hole where one cell is missing,
    in Gauss–Krüger (EPSG:4526) with Chinese field names."""
    geoms = list(patch_geoms(store).values())
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    pad = 0.001
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    dx, dy = (maxx - minx) / cells, (maxy - miny) / cells
    boxes, codes = [], []
    for a in range(cells):
        for b in range(cells):
            if (a, b) == (1, 1):
                continue  # the gap
            boxes.append(shapely.box(minx + a * dx, miny + b * dy, minx + (a + 1) * dx,
                                     miny + (b + 1) * dy))
            codes.append(f"WG{a}{b}")
    frame = gpd.GeoDataFrame({"网格编码": codes, "地块代码": [f"DK{c}" for c in codes],
                              "乡镇代码": ["410724100"] * len(codes),
                              "乡镇名称": ["城关镇"] * len(codes),
                              "村级田长": ["李四"] * len(codes), "网格员": ["王五"] * len(codes)},
                             geometry=boxes, crs="EPSG:4490").to_crs("EPSG:4526")
    path = tmp_path / "网格.gpkg"
    frame.to_file(path, layer="网格")
    return path, dict(zip(codes, boxes))


def test_a_grid_file_is_imported_and_every_patch_assigned(store, tmp_path):
    path, cells = grid_file(tmp_path, store)
    result = store_grids.import_grids(store, path)
    assert result.grids == len(cells) and result.rejected == {}
    assert result.mapping["WGBM"] == "网格编码" and result.mapping["WGY"] == "网格员"
    assert [p.kind for p in result.problems] == [core_grids.GAP]
    stored = rows(store, "grids")
    assert sorted(r["WGBM"] for r in stored) == sorted(cells)
    assert {r["CJTZ"] for r in stored} == {"李四"}
    assigned = store_grids.assign(store)
    patches = rows(store, "patches")
    assert assigned.patches == len(patches)
    codes = list(cells)
    expected = core_grids.assign(list(patch_geoms(store).values()), list(cells.values()), codes)
    for row, g in zip(patches, expected.index):
        if g < 0:
            assert row["WGBM"] is None and row["FPBZ"] == core_grids.OUTSIDE
        else:
            assert row["WGBM"] == codes[g] and row["DKDM"] == f"DK{codes[g]}"
            assert (row["XZDM"], row["XZMC"]) == ("410724100", "城关镇")
    assert len(assigned.outside) == int((expected.index < 0).sum())
    some = next(r for r in patches if r["WGBM"])
    assert store_grids.grid_of(store, some["JCBH"])["WGY"] == "王五"


def test_a_second_grid_replaces_the_first(store, tmp_path):
    path, cells = grid_file(tmp_path, store)
    store_grids.import_grids(store, path)
    (tmp_path / "b").mkdir()
    path, cells = grid_file(tmp_path / "b", store, cells=2)
    store_grids.import_grids(store, path)
    assert len(rows(store, "grids")) == len(cells) == 3


def reports_near(store):
    """One report inside the first patch, one 20 m east of it, one 5 km away."""
    jcbh, geom = next(iter(patch_geoms(store).items()))
    inside = shapely.point_on_surface(geom)
    east = pyproj.Geod(ellps="GRS80").fwd(geom.bounds[2], inside.y, 90, 20)[:2]
    return jcbh, [(inside.x, inside.y), east, (inside.x + 0.05, inside.y)]


def test_reports_from_csv_are_stored_and_linked(store, tmp_path):
    jcbh, points = reports_near(store)
    (tmp_path / "1.jpg").write_bytes(b"jpg")
    csv = ["编号,上报时间,上报人,问题描述,照片,经度,纬度",
           f"A,2000/1/3 9:00,张三,新建房,1.jpg,{points[0][0]},{points[0][1]}",
           f"B,2099-01-01,李四,推土,2.jpg,{points[1][1]},{points[1][0]}",  # swapped
           f"C,2024-05-01,王五,远处,,{points[2][0]},{points[2][1]}",
           "D,2024-05-01,赵六,没有坐标,,,"]
    path = tmp_path / "巡田.csv"
    path.write_text("\n".join(csv), encoding="gb18030")
    result = field_reports.import_reports(store, path)
    assert result.imported == 3
    assert [(p.row, p.fatal) for p in result.problems] == [(2, False), (2, False), (4, True)]
    stored = {r["SBBH"]: r for r in rows(store, "field_reports")}
    assert stored["A"]["JCBH"] == jcbh and stored["A"]["JL"] == 0 and stored["A"]["ZPCZ"] == 1
    assert stored["A"]["SFXY"] == core_reports.EARLY  # 2000: before any after-image
    assert stored["B"]["JCBH"] == jcbh and 19.99 <= stored["B"]["JL"] < 50  # ≥ 20 m: east of its bbox
    assert stored["B"]["SFXY"] == core_reports.NOT_EARLY and stored["B"]["ZPCZ"] == 0
    assert stored["C"]["JCBH"] is None and stored["C"]["SFXY"] is None
    assert (stored["A"]["LYWJ"], stored["A"]["LYH"]) == ("巡田.csv", 1)
    assert stored["A"]["SBSJ"] == "2000-01-03T09:00:00"
    assert (result.linked.linked, result.linked.unlinked, result.linked.early) == (2, 1, 1)
    assert field_reports.early_reports(store) == {jcbh: True}
    # the same file again replaces its reports
    field_reports.import_reports(store, path)
    assert len(rows(store, "field_reports")) == 3


def test_reports_from_xlsx_and_geojson(store, tmp_path):
    jcbh, points = reports_near(store)
    book = openpyxl.Workbook()
    book.active.append(["SBBH", "SBSJ", "LON", "LAT"])
    book.active.append(["X1", 45415.5, *points[0]])
    book.save(tmp_path / "r.xlsx")
    result = field_reports.import_reports(store, tmp_path / "r.xlsx", max_distance_m=10)
    assert result.problems == [] and result.linked.linked == 1
    features = [{"type": "Feature", "properties": {"SBBH": "G1", "SBSJ": "2024-05-03"},
                 "geometry": {"type": "Point", "coordinates": list(points[1])}}]
    (tmp_path / "r.geojson").write_text(json.dumps({"type": "FeatureCollection",
                                                    "features": features}), encoding="utf-8")
    result = field_reports.import_reports(store, tmp_path / "r.geojson", max_distance_m=10)
    stored = {r["SBBH"]: r for r in rows(store, "field_reports")}
    assert stored["X1"]["JCBH"] == jcbh and stored["X1"]["SBSJ"] == "2024-05-03T12:00:00"
    assert stored["G1"]["JCBH"] is None  # 20 m away, beyond 10
    assert (result.linked.linked, result.linked.unlinked) == (1, 1)
