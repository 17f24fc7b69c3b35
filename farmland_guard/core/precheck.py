"""The precheck overlay (套合): each patch's official areas in land use, 永久基本农田, 生态保护红线
and approvals, ellipsoidal on CGCS2000, in 亩 (DESIGN.md §1 step 2, §6.1).

Everything is given in CGCS2000 lon/lat. One bounding-box query pairs patches with the polygons
of every layer; a pair where one side lies inside the other takes that side's area, so GEOS
intersects only the pairs that really cross. The pairs are cut into strips of patches, west to
east, worked by threads (shapely releases the GIL). GEOS 3.11 geometries are not safe to share
between threads (lazy envelopes, prepared indexes), so a polygon met by two strips is copied
for the later one and no geometry is ever touched by two threads.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import landuse as lu
from .areas import ellipsoidal_areas_m2
from .language import say
from .repair import flat_polygons
from .units import MU_DECIMALS, SQM_PER_MU

FIELDS = ("TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ")
WORKERS = max(1, min(4, os.cpu_count() or 1))
CHUNK = 16384  # pairs per step: the unit of progress and of cancelling
LANDUSE, FARMLAND, REDLINE, APPROVAL = range(4)


class Cancelled(Exception):
    """The user cancelled the overlay."""


@dataclass
class Layers:
    """The overlay layers, geometries in CGCS2000 lon/lat. ``None``: the layer was not given."""

    landuse: np.ndarray
    dlbm: np.ndarray
    kcxs: np.ndarray | None = None  # 田坎系数 of each land-use polygon (a fraction)
    farmland: np.ndarray | None = None
    redline: np.ndarray | None = None
    approvals: list | None = None  # one geometry array per approval layer


@dataclass
class Overlay:
    values: dict  # field of FIELDS -> 亩 per patch (PWFGL a share), NaN where unknown
    groups: dict  # land-use group -> 亩 per patch, with the "of which 可调整地类" figure
    notes: list = field(default_factory=list)  # repairs made to the layers
    patch_notes: dict = field(default_factory=dict)  # patch index -> repair made to it

    def record(self, k: int) -> dict:
        """The fields of patch ``k``: rounded floats, None where unknown."""
        return {name: None if np.isnan(v[k]) else float(v[k]) for name, v in self.values.items()}

    def dlfz(self, k: int) -> str | None:
        """亩 by land-use group as JSON, groups the patch does not touch left out."""
        if np.isnan(self.values["TBMJ_MU"][k]):
            return None
        found = {group: float(mu[k]) for group, mu in self.groups.items() if mu[k] > 0}
        return json.dumps(found, ensure_ascii=False)


def _never() -> bool:
    return False


def _mu(square_metres) -> np.ndarray:
    return np.round(np.asarray(square_metres, dtype=float) / SQM_PER_MU, MU_DECIMALS)


def polygonal(geoms) -> tuple[np.ndarray, np.ndarray]:
    """Geometries with the invalid ones made valid (their polygonal parts kept); and which."""
    geoms = np.asarray(geoms, dtype=object)
    present = np.flatnonzero(~shapely.is_missing(geoms) & ~shapely.is_empty(geoms))
    bad = present[~shapely.is_valid(geoms[present])]
    if not len(bad):
        return geoms, bad
    geoms = geoms.copy()
    parts, owner = flat_polygons(shapely.make_valid(geoms[bad]))
    order = np.argsort(owner, kind="stable")
    has, dense = np.unique(owner[order], return_inverse=True)
    geoms[bad] = None
    geoms[bad[has]] = shapely.multipolygons(parts[order], indices=dense.ravel())
    return geoms, bad


def overlay(patches, layers: Layers, progress=lambda percent: None, cancelled=_never,
            workers: int = WORKERS) -> Overlay:
    """The precheck fields of every patch (lon/lat geometries) against ``layers``."""
    given = np.asarray(patches, dtype=object)
    patches, fixed = polygonal(given)
    patch_notes = {int(k): say("made valid ({why})", "已修复为有效图形（{why}）",
                               why=shapely.is_valid_reason(given[k])) for k in fixed}
    approvals = [np.asarray(a, dtype=object) for a in layers.approvals or []]
    parts = [(LANDUSE, layers.landuse), (FARMLAND, layers.farmland), (REDLINE, layers.redline)]
    parts += [(APPROVAL, a) for a in approvals]
    parts = [(kind, np.asarray(g, dtype=object)) for kind, g in parts if g is not None]
    geoms = np.concatenate([g for _, g in parts])
    kind = np.concatenate([np.full(len(g), k) for k, g in parts])
    patch_m2 = ellipsoidal_areas_m2(patches)

    # The patches' tree is small; the layers' polygons are looked up in it, not the reverse.
    layer_index, patch_index = shapely.STRtree(patches).query(geoms)
    order = np.lexsort((layer_index, patch_index))
    i, j = patch_index[order], layer_index[order]
    keep = kind[j] == APPROVAL  # pieces kept for the union of approvals…
    codes = np.asarray(layers.dlbm, dtype=object)
    group, adjustable, paddy = lu.classify(codes)
    cultivated = (np.asarray(lu.groups()) == lu.CULTIVATED)[group] & ~adjustable
    n_landuse = len(codes)
    if approvals:  # …and 耕地 pieces of patches that approvals touch, for WFGMJ
        touched = np.zeros(len(patches), dtype=bool)
        touched[i[keep]] = True
        landuse_pair = j < n_landuse
        keep[landuse_pair] = cultivated[j[landuse_pair]] & touched[i[landuse_pair]]
    progress(5)

    i, j, m2, pieces, repaired = _measure_pairs(patches, patch_m2, geoms, i, j, keep, workers,
                                                lambda p: progress(5 + 85 * p), cancelled)
    n = len(patches)
    values = {"TBMJ_MU": patch_m2}
    on = j < n_landuse
    li, lj, la = i[on], j[on], m2[on]
    names = lu.groups()
    by_group = np.bincount(li * len(names) + group[lj], weights=la,
                           minlength=n * len(names)).reshape(n, len(names))
    groups = {name: _mu(by_group[:, g]) for g, name in enumerate(names)}
    groups[lu.adjustable_label()] = _mu(np.bincount(li, la * adjustable[lj], minlength=n))
    gd = cultivated[lj]
    values["GDMJ"] = np.bincount(li[gd], la[gd], minlength=n)
    if layers.kcxs is not None:
        kcxs = np.nan_to_num(np.asarray(layers.kcxs, dtype=float))
        values["GDJMJ"] = np.bincount(li[gd], la[gd] * (1 - kcxs[lj[gd]]), minlength=n)
    values["STMJ"] = np.bincount(li[gd & paddy[lj]], la[gd & paddy[lj]], minlength=n)
    for name, which in (("JBNTMJ", FARMLAND), ("STHXMJ", REDLINE)):
        if any(k == which for k, _ in parts):
            on = kind[j] == which
            values[name] = np.bincount(i[on], m2[on], minlength=n)
    if approvals:
        values.update(_approved(patches, patch_m2, values["GDMJ"], i, j, m2, pieces,
                                kind[j] == APPROVAL, j < n_landuse))
    progress(98)

    result = {}
    missing = np.isnan(patch_m2)
    for name in FIELDS:
        v = values.get(name)
        if v is None:
            result[name] = np.full(n, np.nan)
            continue
        result[name] = np.round(v, MU_DECIMALS) if name == "PWFGL" else _mu(v)
        result[name][missing] = np.nan
    notes = []
    labels = {LANDUSE: say("land use", "地类图斑"), FARMLAND: say("permanent basic farmland",
                                                                 "永久基本农田"),
              REDLINE: say("ecological red line", "生态保护红线"),
              APPROVAL: say("approvals", "批准用地")}
    for which, label in labels.items():
        count = int(np.sum(kind[np.unique(repaired)] == which))  # once, if two strips fixed it
        if count:
            notes.append(say("{layer}: {count} invalid polygon(s) made valid",
                             "{layer}：{count} 个无效图形已修复", layer=label, count=count))
    progress(100)
    return Overlay(result, groups, notes, patch_notes)


def _approved(patches, patch_m2, gdmj, i, j, m2, pieces, approval, landuse) -> dict:
    """PWMJ (the union of approvals in the patch, never counted twice), PWFGL and WFGMJ."""
    n = len(patches)
    covered = np.full(n, None, dtype=object)
    whole = np.zeros(n, dtype=bool)  # an approval holds the whole patch: measured as the patch
    whole[i[approval & (m2 == patch_m2[i])]] = True
    rest = approval & ~whole[i] & (m2 > 0)
    ri, rp = i[rest], pieces[rest]
    starts = np.flatnonzero(np.r_[True, ri[1:] != ri[:-1]]) if len(ri) else np.zeros(0, int)
    for s, e in zip(starts, np.r_[starts[1:], len(ri)]):
        covered[ri[s]] = rp[s] if e - s == 1 else shapely.union_all(rp[s:e])
    pw = np.where(whole, patch_m2, 0.0)
    part = np.flatnonzero(~shapely.is_missing(covered))
    pw[part] = ellipsoidal_areas_m2(covered[part])
    # 耕地 pieces of partly covered patches: the part of each piece the approvals cover
    gd = np.flatnonzero(landuse & ~shapely.is_missing(pieces) & ~shapely.is_missing(covered[i]))
    shapely.prepare(covered[part])
    inside = shapely.contains_properly(covered[i[gd]], pieces[gd])
    approved = m2[gd].copy()
    cut = gd[~inside]
    with np.errstate(invalid="ignore"):
        approved[~inside] = ellipsoidal_areas_m2(shapely.intersection(pieces[cut], covered[i[cut]]))
    shapely.destroy_prepared(covered[part])
    wfg = gdmj - np.bincount(i[gd], approved, minlength=n)
    wfg[whole] = 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.clip(pw / patch_m2, 0, 1)
    return {"PWMJ": pw, "PWFGL": share, "WFGMJ": np.clip(wfg, 0, None)}


def _strips(patches, i, workers: int) -> np.ndarray:
    """Strip of each patch: west to east, about the same number of pairs in each."""
    x = shapely.bounds(patches)[:, 0]
    order = np.argsort(np.nan_to_num(x), kind="stable")
    pairs = np.bincount(i, minlength=len(patches))[order]
    before = np.cumsum(pairs) - pairs  # the pairs of the patches west of each one
    strip = np.empty(len(patches), dtype=np.int64)
    total = max(int(pairs.sum()), 1)
    strip[order] = np.minimum(before * workers // total, workers - 1)
    return strip


def _measure_pairs(patches, patch_m2, geoms, i, j, keep, workers, progress, cancelled):
    strip_of = _strips(patches, i, workers)[i] if len(i) else np.zeros(0, int)
    first = np.full(len(geoms), -1)
    jobs = []
    for s in range(workers):
        on = np.flatnonzero(strip_of == s)
        own = geoms.copy()
        used = np.unique(j[on])
        shared = used[first[used] >= 0]  # met by an earlier strip: this one gets a copy
        first[used[first[used] < 0]] = s
        if len(shared):
            own[shared] = shapely.from_wkb(shapely.to_wkb(geoms[shared]))
        jobs.append((own, i[on], j[on], keep[on]))
    done, stop, lock = [0], threading.Event(), threading.Lock()

    def step(count):
        with lock:
            done[0] += count

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_strip, patches, patch_m2, *job, step, stop) for job in jobs]
        while True:
            finished, running = wait(futures, timeout=0.2, return_when=FIRST_EXCEPTION)
            progress(done[0] / max(len(i), 1))
            failed = any(f.exception() for f in finished)
            if failed or cancelled():
                stop.set()  # the other strips stop at their next step
                if not failed:
                    raise Cancelled()
            if not running or failed:
                break
        results = [f.result() for f in futures]
    return tuple(np.concatenate(column) for column in zip(*results))


def _strip(patches, patch_m2, geoms, i, j, keep, step, stop):
    """Areas of the pairs of one strip that meet; the kept pieces; the polygons repaired."""
    out = []
    for s in range(0, len(i), CHUNK):
        if stop.is_set():
            return None
        out.append(_chunk(patches, patch_m2, geoms, i[s:s + CHUNK], j[s:s + CHUNK],
                          keep[s:s + CHUNK]))
        step(len(i[s:s + CHUNK]))
    if not out:
        out.append(_chunk(patches, patch_m2, geoms, i, j, keep))
    return tuple(np.concatenate(column) for column in zip(*out))


def _chunk(patches, patch_m2, geoms, i, j, keep):
    # ``geoms`` is this strip's own array: repairs go into it, so each polygon is fixed once.
    candidates = np.unique(j)
    fixed, bad = polygonal(geoms[candidates])
    geoms[candidates[bad]] = fixed[bad]
    shapely.prepare(patches[np.unique(i)])
    meet = shapely.intersects(patches[i], geoms[j])
    i, j, keep = i[meet], j[meet], keep[meet]
    inner = shapely.contains_properly(patches[i], geoms[j])  # the polygon lies in the patch
    outer = np.zeros(len(i), dtype=bool)
    rest = np.flatnonzero(~inner)
    prepared = np.unique(j[rest])
    shapely.prepare(geoms[prepared])
    outer[rest] = shapely.contains_properly(geoms[j[rest]], patches[i[rest]])  # the patch in it
    shapely.destroy_prepared(geoms[prepared])
    shapely.destroy_prepared(patches[np.unique(i)])
    pieces = np.where(inner, geoms[j], None)
    cross = ~inner & ~outer
    with np.errstate(invalid="ignore"):  # GEOS overlay leaves a harmless FP flag
        pieces[cross] = shapely.intersection(patches[i[cross]], geoms[j[cross]])
    m2 = np.where(outer, patch_m2[i], 0.0)
    m2[~outer] = np.nan_to_num(ellipsoidal_areas_m2(pieces[~outer]))
    pieces[outer] = patches[i[outer]]
    pieces[~keep] = None
    return i, j, m2, pieces, candidates[bad]
