"""田长制 grids (网格) and 一地一码 (issue 17): each patch or parcel goes to the grid it overlaps
most; a grid layer's overlaps and gaps are listed (DESIGN.md §4.5).

Everything is given in CGCS2000 lon/lat. One bounding-box query pairs patches with grid cells;
a pair where one side lies inside the other takes that side's area, so GEOS intersects only the
pairs that really cross (as core.precheck does).

Overlaps are ellipsoidal 亩: every piece of one patch is measured in the same equal-area
projection (Lambert azimuthal on the CGCS2000 ellipsoid, centred on the patch's 0.1° cell, as
core.areas measures), so the pieces of a patch compare exactly as their true areas do. Planar
areas in degrees would not do: a degree of longitude shrinks with cos(latitude), so two pieces
of one patch at different latitudes compare with a relative error of about Δlat · tan(lat)
(1e-5 for a 100 m patch at 35°N), enough to flip a near-tie at the 1e-6 亩 tie tolerance.
Measuring costs one projection of the crossing pieces and is cheap beside the intersections.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely

from .areas import CELL_DEGREES, _laea
from .units import SQM_PER_MU

TIE_MU = 1e-6  # overlaps within this of the largest are a tie
CHECK_TOLERANCE_MU = 0.01  # overlaps and gaps of a grid layer smaller than this are not listed
TIE, OUTSIDE = "并列", "无网格"  # FPBZ, the assignment note
WORKERS = max(1, min(4, os.cpu_count() or 1))
MIN_PAIRS_PER_THREAD = 2048


@dataclass
class Assignment:
    """``index``: the grid of each patch (-1: none); ``ties``: (patch, [tied grids, the chosen
    first], their overlap in 亩); ``outside``: the patches no grid overlaps; ``overlap_mu``: the
    chosen grid's overlap with each patch (0 outside). Unpacks as (index, ties, outside)."""

    index: np.ndarray
    ties: list
    outside: list
    overlap_mu: np.ndarray

    def __iter__(self):
        return iter((self.index, self.ties, self.outside))

    def note(self, k: int) -> str:
        """FPBZ of patch ``k``: blank, 并列 or 无网格."""
        return OUTSIDE if self.index[k] < 0 else TIE if k in self._tied else ""

    @cached_property
    def _tied(self) -> set:
        return {t[0] for t in self.ties}


def _as_array(geoms) -> np.ndarray:
    return np.asarray(list(geoms) if not isinstance(geoms, np.ndarray) else geoms, dtype=object)


def _cells(geoms) -> np.ndarray:
    """The 0.1° cell of each geometry's centre (the projection core.areas measures it in)."""
    b = shapely.bounds(geoms)
    return np.floor((b[:, :2] + b[:, 2:]) / 2 / CELL_DEGREES).astype(np.int64)


def _areas_in(pieces, cells) -> np.ndarray:
    """m² of each piece measured in the equal-area projection of the given cell."""
    areas = np.zeros(len(pieces))
    if not len(pieces):
        return areas
    keys, group = np.unique(cells, axis=0, return_inverse=True)
    group = group.ravel()
    for g, (lon, lat) in enumerate(keys):
        members = np.flatnonzero(group == g)
        centre = (np.array([lon, lat]) + 0.5) * CELL_DEGREES
        with np.errstate(invalid="ignore"):
            areas[members] = shapely.area(shapely.transform(pieces[members], _laea(*centre)))
    return np.nan_to_num(areas)


def _intersections(patches, grids, i, j, workers: int = WORKERS,
                   shared: bool = False) -> np.ndarray:
    """``patches[i] ∩ grids[j]`` (``i`` sorted), in ``workers`` threads (shapely releases the
    GIL). Each thread has its own patches (the pairs are split between patches) and its own
    copies of the cells it meets (GEOS geometries are not safe to share between threads);
    ``shared``: the two sides hold the same geometries, so both are copied."""
    def cut(a, b):
        with np.errstate(invalid="ignore"):  # GEOS overlay leaves a harmless FP flag
            return shapely.intersection(a, b)

    if workers < 2 or len(i) < 2 * MIN_PAIRS_PER_THREAD:
        return cut(patches[i], grids[j])
    bounds = np.linspace(0, len(i), workers + 1).astype(int)
    # move each boundary to the start of its patch's pairs: no patch in two threads
    bounds = np.unique(np.searchsorted(i, i[np.minimum(bounds, len(i) - 1)], side="left"))
    bounds = np.r_[bounds[bounds < len(i)], len(i)]
    jobs = []
    for k, (s, e) in enumerate(zip(bounds[:-1], bounds[1:])):
        left, cells = patches[i[s:e]], grids[j[s:e]]
        if k:  # the first thread works on the originals, the others on copies
            cells = shapely.from_wkb(shapely.to_wkb(cells))
            if shared:
                left = shapely.from_wkb(shapely.to_wkb(left))
        jobs.append((left, cells))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return np.concatenate(list(pool.map(lambda job: cut(*job), jobs)))


def overlaps(patches, grids) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(patch index, grid index, m² of their overlap) of every pair that overlaps (> 0)."""
    i, j = shapely.STRtree(grids).query(patches, predicate="intersects")
    if not len(i):
        return i, j, np.zeros(0)
    cells = _cells(patches)[i]
    inner = shapely.contains_properly(grids[j], patches[i])  # the patch lies in the cell
    outer = np.zeros(len(i), dtype=bool)
    rest = np.flatnonzero(~inner)
    outer[rest] = shapely.contains_properly(patches[i[rest]], grids[j[rest]])  # cell in patch
    pieces = np.empty(len(i), dtype=object)
    pieces[inner] = patches[i[inner]]
    pieces[outer] = grids[j[outer]]
    cut = np.flatnonzero(~inner & ~outer)
    pieces[cut] = _intersections(patches, grids, i[cut], j[cut])
    m2 = _areas_in(pieces, cells)
    keep = m2 > 0
    return i[keep], j[keep], m2[keep]


def assign(patch_geoms, grid_geoms, codes=None, tie_mu: float = TIE_MU) -> Assignment:
    """The grid each patch overlaps most (ellipsoidal 亩). Overlaps within ``tie_mu`` 亩 of the
    largest tie: the grid with the smaller code (``codes``, the WGBM of each grid; default the
    grid's index) wins and the patch is listed; a patch no grid overlaps gets -1, listed."""
    patches, grids = _as_array(patch_geoms), _as_array(grid_geoms)
    n = len(patches)
    index = np.full(n, -1, dtype=np.int64)
    best_mu = np.zeros(n)
    ties: list = []
    if n and len(grids):
        present = np.flatnonzero(~shapely.is_missing(patches) & ~shapely.is_empty(patches))
        i, j, m2 = overlaps(patches[present], grids)
        i = present[i]
        mu = m2 / SQM_PER_MU
        order = np.lexsort((j, i))
        i, j, mu = i[order], j[order], mu[order]
        top = np.full(n, -np.inf)
        np.maximum.at(top, i, mu)
        near = mu >= top[i] - tie_mu  # the candidates of each patch: within the tolerance
        ci, cj, cmu = i[near], j[near], mu[near]
        starts = np.flatnonzero(np.r_[True, ci[1:] != ci[:-1]]) if len(ci) else ci
        ends = np.r_[starts[1:], len(ci)] if len(ci) else ci
        for s, e in zip(starts.tolist(), ends.tolist()):
            k = int(ci[s])
            if e - s == 1:
                index[k], best_mu[k] = cj[s], cmu[s]
                continue
            ranked = sorted(range(s, e), key=lambda r: _code_key(codes, int(cj[r])))
            index[k], best_mu[k] = cj[ranked[0]], cmu[ranked[0]]
            ties.append((k, [int(cj[r]) for r in ranked], [float(cmu[r]) for r in ranked]))
    outside = np.flatnonzero(index < 0).tolist()
    return Assignment(index, ties, outside, best_mu)


def _code_key(codes, g: int):
    """How grids compare on a tie: by code (numbers as numbers, then text), then index."""
    if codes is None:
        return (0, 0.0, "", g)
    code = codes[g]
    text = "" if code is None else str(code).strip()
    try:
        return (0, float(text), text, g)
    except ValueError:
        return (1, 0.0, text, g)


@dataclass
class GridProblem:
    kind: str  # OVERLAP or GAP
    codes: list  # the grid codes concerned (the overlapping pair; the grids around a gap)
    mu: float  # its ellipsoidal area in 亩
    geometry: object  # lon/lat


OVERLAP, GAP = "重叠", "缝隙"


def check(grid_geoms, codes, tolerance_mu: float = CHECK_TOLERANCE_MU) -> list[GridProblem]:
    """Overlaps between grids and gaps (holes inside the union of the grid layer) larger than
    ``tolerance_mu`` 亩, with the codes of the grids concerned. Not fatal: listed."""
    from .areas import ellipsoidal_areas_m2

    grids = _as_array(grid_geoms)
    ok = ~shapely.is_missing(grids) & ~shapely.is_empty(grids)
    found: list[GridProblem] = []
    if not ok.any():
        return found
    kept = np.flatnonzero(ok)
    g = grids[kept]
    tree = shapely.STRtree(g)
    a, b = tree.query(g, predicate="intersects")
    pair = a < b
    a, b = a[pair], b[pair]
    if len(a):
        pieces = _intersections(g, g, a, b, shared=True)
        area = shapely.area(pieces)  # neighbours that only touch meet in a line: no area
        some = np.flatnonzero(area > 0)
        mu = np.nan_to_num(ellipsoidal_areas_m2(pieces[some])) / SQM_PER_MU
        for k, m in zip(some.tolist(), mu.tolist()):
            if m > tolerance_mu:
                found.append(GridProblem(OVERLAP, [codes[kept[a[k]]], codes[kept[b[k]]]], m,
                                         pieces[k]))
    union = shapely.union_all(g)
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union)
             if isinstance(part, shapely.Polygon) for ring in part.interiors]
    if holes:
        holes = np.array(holes, dtype=object)
        mu = ellipsoidal_areas_m2(holes) / SQM_PER_MU
        big = np.flatnonzero(mu > tolerance_mu)
        if len(big):
            hole_i, grid_i = tree.query(holes[big], predicate="intersects")
            around: dict = {}
            for h, k in zip(hole_i.tolist(), grid_i.tolist()):
                around.setdefault(h, []).append(codes[kept[k]])
            for h, k in enumerate(big.tolist()):
                found.append(GridProblem(GAP, sorted(set(around.get(h, [])), key=str),
                                         float(mu[k]), holes[k]))
    return found


# --- the grid layer's fields ----------------------------------------------------------------------

# national field -> the names a grid layer may give it (compared ignoring case)
GRID_FIELDS = {
    "WGBM": ("WGBM", "网格编码", "网格编号", "网格代码", "GRID_ID", "GRID_CODE"),
    "DKDM": ("DKDM", "地块代码", "地块编码", "一地一码", "PLOT_CODE"),
    "XZDM": ("XZDM", "乡镇代码", "乡镇编码", "TOWN_CODE"),
    "XZMC": ("XZMC", "乡镇名称", "乡镇", "TOWN", "TOWN_NAME"),
    "CJMC": ("CJMC", "村名称", "村名", "行政村", "村", "VILLAGE"),
    "SJTZ": ("SJTZ", "市级田长"),
    "XJTZ": ("XJTZ", "县级田长"),
    "XZTZ": ("XZTZ", "乡级田长", "乡镇级田长"),
    "CJTZ": ("CJTZ", "村级田长"),
    "WGY": ("WGY", "网格员", "网格长"),
}
ASSIGNED_FIELDS = ("WGBM", "DKDM", "XZDM", "XZMC")  # what a patch or parcel takes of its grid


def grid_mapping(field_names) -> dict:
    """national field -> the layer's field that carries it, for those present."""
    by_upper = {str(f).strip().upper(): f for f in field_names}
    found = {}
    for national, names in GRID_FIELDS.items():
        hit = next((by_upper[n.upper()] for n in names if n.upper() in by_upper), None)
        if hit is not None:
            found[national] = hit
    return found
