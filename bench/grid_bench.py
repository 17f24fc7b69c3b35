"""Issue 17: 田长制 grids and 巡田上报, each against its peer in the same run.

(a) 20,000 patches assigned to 100,000 grid cells (a 400 × 250 grid with jittered vertices over
    a county, EPSG:4490): ours (``core.grids.assign``: STRtree pairs, a part fully inside takes
    its own area, ellipsoidal 亩 in one projection per patch, ties by the smaller WGBM) against
    QGIS ``native:joinattributesbylocation`` with METHOD=2 ("one-to-one, the feature with the
    largest overlap"), the same largest-overlap rule the issue names as
    ``native:joinbylocationsummary`` (that one sums or lists every match; METHOD=2 of
    joinattributesbylocation is the largest-overlap join), on the same data in memory layers,
    timed in a QGIS process of its own (QGIS measures the overlap in the layer's CRS:
    degrees², not 亩). Agreement: the share of patches given the same grid.
(b) 50,000 reports linked to 20,000 patches within 50 m: ours (``core.field_reports.link``:
    inside, else nearest within 50 geodesic metres, SFXY) against geopandas ``sjoin_nearest``
    with ``max_distance`` 50 in Gauss–Krüger zone 38 (EPSG:4526), the floor: data already
    projected (and, beside it, with the projection of both layers counted).
Each side is timed ``ROUNDS`` times, alternating where in one process, and its best run counts.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time

import numpy as np

from dev.qgis_desktop import ROOT

EXTENT = (113.5, 35.0, 113.9, 35.3)  # a county in CGCS2000 lon/lat
NX, NY = 400, 250  # 100,000 cells of about 91 m × 133 m
PATCHES, REPORTS, SEED = 20_000, 50_000, 17
MAX_DISTANCE_M = 50.0
GK_CRS = "EPSG:4526"  # CGCS2000 3° Gauss–Krüger zone 38 (central meridian 114°E)
ROUNDS = 3


def grid(seed: int = SEED):
    """The cells (shapely polygons sharing their jittered vertices: a clean coverage) and
    their WGBM."""
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = EXTENT
    dx, dy = (x1 - x0) / NX, (y1 - y0) / NY
    xs, ys = np.meshgrid(np.linspace(x0, x1, NX + 1), np.linspace(y0, y1, NY + 1), indexing="ij")
    jitter = rng.uniform(-0.25, 0.25, (2, NX + 1, NY + 1))
    jitter[:, [0, -1], :] = 0
    jitter[:, :, [0, -1]] = 0
    xs, ys = xs + jitter[0] * dx, ys + jitter[1] * dy
    i, j = np.meshgrid(np.arange(NX), np.arange(NY), indexing="ij")
    i, j = i.ravel(), j.ravel()
    corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)]
    rings = np.stack([np.stack([xs[a, b], ys[a, b]], axis=-1) for a, b in corners], axis=1)
    cells = shapely.polygons(rings)
    codes = np.array([f"410724{k:06d}" for k in range(len(cells))], dtype=object)
    return cells, codes


def _metres_to_degrees(lat):
    return 1 / (111_320.0 * np.cos(np.radians(lat))), 1 / 110_574.0


def patches(seed: int = SEED):
    """Rotated rectangles of 15–250 m sides (about 3 亩 on average) anywhere in the county,
    about 2 % of them just outside it; their HSX dates."""
    import datetime as dt

    import shapely

    rng = np.random.default_rng(seed + 1)
    x0, y0, x1, y1 = EXTENT
    pad = 0.002  # about 2 % of the patches fall outside the grid
    cx = rng.uniform(x0 - pad, x1 + pad, PATCHES)
    cy = rng.uniform(y0 - pad, y1 + pad, PATCHES)
    half = np.clip(rng.exponential(30, (2, PATCHES)), 7.5, 125)  # half sides, m
    angle = rng.uniform(0, math.pi, PATCHES)
    kx, ky = _metres_to_degrees(cy)
    unit = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], dtype=float)
    ex, ey = unit[None, :, 0] * half[0][:, None], unit[None, :, 1] * half[1][:, None]
    c, s = np.cos(angle)[:, None], np.sin(angle)[:, None]
    rx, ry = ex * c - ey * s, ex * s + ey * c
    rings = np.stack([cx[:, None] + rx * kx[:, None], cy[:, None] + ry * ky], axis=-1)
    first = dt.date(2024, 1, 1)
    hsx = [first + dt.timedelta(days=int(d)) for d in rng.integers(0, 366, PATCHES)]
    return shapely.polygons(rings), hsx, (cx, cy, half)


def reports(seed: int = SEED, placed=None):
    """Points: 90 % around a patch (from its centre out to 80 m beyond its corner: inside,
    near and beyond 50 m), 10 % anywhere; their times."""
    import datetime as dt

    import shapely

    rng = np.random.default_rng(seed + 2)
    cx, cy, half = placed if placed is not None else patches(seed)[2]
    n_near = int(REPORTS * 0.9)
    k = rng.integers(0, PATCHES, n_near)
    reach = np.hypot(half[0][k], half[1][k]) + 80
    r = reach * np.sqrt(rng.uniform(0, 1, n_near))
    theta = rng.uniform(0, 2 * math.pi, n_near)
    kx, ky = _metres_to_degrees(cy[k])
    x = np.r_[cx[k] + r * np.cos(theta) * kx, rng.uniform(EXTENT[0], EXTENT[2], REPORTS - n_near)]
    y = np.r_[cy[k] + r * np.sin(theta) * ky, rng.uniform(EXTENT[1], EXTENT[3], REPORTS - n_near)]
    start = dt.datetime(2023, 10, 1)
    times = [start + dt.timedelta(minutes=int(m)) for m in rng.integers(0, 600 * 24 * 60,
                                                                        REPORTS)]
    return shapely.points(x, y), times


def _best(run, rounds: int = ROUNDS) -> tuple[float, object]:
    best, out = math.inf, None
    for _ in range(rounds):
        started = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - started)
    return best, out


# --- (a) in QGIS, a process of its own -------------------------------------------------------------

def qgis_join(rounds: str = str(ROUNDS)) -> dict:
    """native:joinattributesbylocation METHOD=2 on memory layers of the same data; the best
    of ``rounds`` runs, and the WGBM it gave each patch (by patch order)."""
    from pathlib import Path

    from qgis.core import (
        QgsApplication,
        QgsFeature,
        QgsField,
        QgsGeometry,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QVariant

    app = QgsApplication([], False)
    app.initQgis()

    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    import shapely

    cells, codes = grid()
    geoms = patches()[0]

    def layer(kind, field, values, polygons):
        out = QgsVectorLayer(f"{kind}?crs=EPSG:4490", field, "memory")
        out.dataProvider().addAttributes([QgsField(field, QVariant.String)])
        out.updateFields()
        features = []
        for value, wkb in zip(values, shapely.to_wkb(polygons)):
            feature = QgsFeature(out.fields())
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            feature.setGeometry(geometry)
            feature.setAttributes([value])
            features.append(feature)
        out.dataProvider().addFeatures(features)
        return out

    grid_layer = layer("Polygon", "WGBM", codes, cells)
    patch_layer = layer("Polygon", "PID", [str(k) for k in range(len(geoms))], geoms)

    def run():
        return processing.run("native:joinattributesbylocation", {
            "INPUT": patch_layer, "JOIN": grid_layer, "PREDICATE": [0], "JOIN_FIELDS": ["WGBM"],
            "METHOD": 2, "DISCARD_NONMATCHING": False, "PREFIX": "", "OUTPUT": "memory:"})

    seconds, result = _best(run, int(rounds))
    chosen = {f["PID"]: f["WGBM"] for f in result["OUTPUT"].getFeatures()}
    wgbm = [chosen.get(str(k)) for k in range(len(geoms))]
    return {"seconds": seconds, "wgbm": [w if isinstance(w, str) else None for w in wgbm]}


def _child(function: str) -> dict:
    import os

    env = {**os.environ, "PROJ_DATA": "/usr/share/proj", "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen"}
    code = (f"import json; from bench.grid_bench import {function}; "
            f"print(json.dumps({function}()))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the run ---------------------------------------------------------------------------------------

def main() -> dict:
    import geopandas as gpd

    from farmland_guard.core import field_reports, grids

    cells, codes = grid()
    geoms, hsx, placed = patches()
    points, times = reports(placed=placed)

    ours_a, assignment = _best(lambda: grids.assign(geoms, cells, codes))
    check_s, problems = _best(lambda: grids.check(cells, codes), 1)
    native = _child("qgis_join")
    ours_wgbm = [codes[g] if g >= 0 else None for g in assignment.index]
    same = sum(a == b for a, b in zip(ours_wgbm, native["wgbm"]))
    differing = [k for k, (a, b) in enumerate(zip(ours_wgbm, native["wgbm"])) if a != b]

    ours_b, links = _best(lambda: field_reports.link(points, geoms, hsx, MAX_DISTANCE_M, times))
    point_frame = gpd.GeoDataFrame(geometry=points, crs="EPSG:4490")
    patch_frame = gpd.GeoDataFrame(geometry=geoms, crs="EPSG:4490")
    projected = point_frame.to_crs(GK_CRS), patch_frame.to_crs(GK_CRS)

    def floor(frames=projected):
        return gpd.sjoin_nearest(frames[0], frames[1], how="left",
                                 max_distance=MAX_DISTANCE_M, distance_col="JL")

    def with_projection():
        return floor((point_frame.to_crs(GK_CRS), patch_frame.to_crs(GK_CRS)))

    floor_s, joined = _best(floor)
    floor_proj_s, _ = _best(with_projection)
    # sjoin_nearest gives every patch at the same least distance (a point inside overlapping
    # patches: several at 0); ours takes the first: the same when ours is among theirs
    theirs = joined["index_right"].fillna(-1).astype(int).to_numpy()
    ours_of_row = links.index[joined.index.to_numpy()]
    hit = np.zeros(len(links.index), dtype=bool)
    np.logical_or.at(hit, joined.index.to_numpy(), theirs == ours_of_row)
    link_same = int(hit.sum())
    link_several = int(joined.index.duplicated().sum())
    result = {
        "bench": "grids", "patches": PATCHES, "grid_cells": len(cells), "reports": REPORTS,
        "assign_ours_s": round(ours_a, 3), "assign_qgis_s": round(native["seconds"], 3),
        "assign_qgis_over_ours": round(native["seconds"] / ours_a, 1),
        "assign_same_grid": same, "assign_ties": len(assignment.ties),
        "assign_outside": len(assignment.outside), "assign_differing": len(differing),
        "grid_check_s": round(check_s, 3), "grid_check_problems": len(problems),
        "link_ours_s": round(ours_b, 3), "link_sjoin_nearest_s": round(floor_s, 3),
        "link_sjoin_nearest_with_projection_s": round(floor_proj_s, 3),
        "link_ours_over_floor": round(ours_b / floor_s, 2),
        "link_ours_over_floor_with_projection": round(ours_b / floor_proj_s, 2),
        "linked": int((links.index >= 0).sum()),
        "inside": int((links.distance_m == 0).sum()),
        "early": int(sum(1 for e in links.early if e == field_reports.EARLY)),
        "link_same_patch": link_same, "link_floor_extra_rows_for_ties": link_several,
        "best_of": ROUNDS}
    print(f"Grids: {PATCHES:,} patches to {len(cells):,} cells: ours {ours_a:.2f} s, QGIS "
          f"native:joinattributesbylocation METHOD=2 {native['seconds']:.2f} s = "
          f"{result['assign_qgis_over_ours']}x; same grid for {same:,} of {PATCHES:,} "
          f"({len(assignment.ties)} ties, {len(assignment.outside)} outside); grid check "
          f"(overlaps, gaps) {check_s:.2f} s")
    print(f"Reports: {REPORTS:,} to {PATCHES:,} patches within {MAX_DISTANCE_M:.0f} m: ours "
          f"{ours_b:.2f} s, geopandas sjoin_nearest {floor_s:.2f} s projected beforehand "
          f"({floor_proj_s:.2f} s with the projection) = {result['link_ours_over_floor']}x "
          f"the floor ({result['link_ours_over_floor_with_projection']}x); "
          f"{result['linked']:,} linked ({result['inside']:,} inside), same patch as the floor "
          f"(ours among its nearest) for {link_same:,} of {REPORTS:,} (best of {ROUNDS})")
    return result


if __name__ == "__main__":
    main()
