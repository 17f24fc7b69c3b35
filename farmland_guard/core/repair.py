"""Geometry repair of delivered patches: valid MultiPolygons with area, each change reported."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from .language import say

POLYGON, MULTIPOLYGON = 3, 6
MIN_PART_M2 = 0.01  # parts smaller than this (in m², after projection) are slivers


@dataclass
class Repaired:
    geometries: np.ndarray  # MultiPolygons; None where rejected
    notes: dict  # record index -> what was repaired
    rejected: dict  # record index -> why it was refused
    areas: np.ndarray  # area of each repaired geometry as ``measure`` gives it; NaN if rejected


def flat_polygons(geometries):
    """(polygons, owner index) inside each geometry, collections from make_valid included."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    while True:
        kinds = shapely.get_type_id(parts)
        nested = np.isin(kinds, [MULTIPOLYGON, 7])
        if not nested.any():
            keep = kinds == POLYGON
            return parts[keep], owner[keep]
        inner, inner_owner = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], inner])
        owner = np.concatenate([owner[~nested], owner[nested][inner_owner]])


def not_finite(geometries) -> dict[int, str]:
    """Geometries holding a vertex that is NaN or infinite (GEOS refuses to work on them), by
    index, with the first such vertex named."""
    coords, owner = shapely.get_coordinates(np.asarray(geometries, dtype=object),
                                            return_index=True)
    bad = np.flatnonzero(~np.isfinite(coords).all(axis=1))
    if not len(bad):
        return {}
    owners, first = np.unique(owner[bad], return_index=True)
    starts = np.searchsorted(owner, owners)
    return {int(i): say("vertex {vertex} is not a finite number ({x:.3f}, {y:.3f}): the geometry "
                        "is damaged", "第 {vertex} 个顶点不是有限数值（{x:.3f}, {y:.3f}）：图形已损坏",
                        vertex=int(k - start) + 1, x=coords[k, 0], y=coords[k, 1])
            for i, k, start in zip(owners, bad[first], starts)}


def repair(geometries, measure=shapely.area) -> Repaired:
    """Make valid, drop empty and zero-area parts, normalise to MultiPolygon.

    ``measure(parts)`` gives the area in m² of parts for the sliver test; by default their
    planar area (right for projected coordinates; pass the ellipsoidal one for lon/lat).
    """
    geoms = np.asarray(geometries, dtype=object)
    notes: dict = {}
    rejected: dict = {}
    result = np.full(len(geoms), None, dtype=object)
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    for i in np.flatnonzero(missing):
        rejected[i] = say("no geometry (null)", "没有图形（空值）")
    for i in np.flatnonzero(empty):
        rejected[i] = say("empty geometry", "图形为空")
    todo = np.flatnonzero(~missing & ~empty)
    polygonal = np.isin(shapely.get_type_id(geoms[todo]), [POLYGON, MULTIPOLYGON])
    for i in todo[~polygonal]:
        rejected[i] = say("not a polygon ({kind})", "不是面（{kind}）", kind=geoms[i].geom_type)
    todo = todo[polygonal]
    broken = not_finite(geoms[todo])
    for k, why in broken.items():
        rejected[todo[k]] = why
    todo = np.delete(todo, list(broken))
    fixed = geoms[todo].copy()
    invalid = ~shapely.is_valid(fixed)
    for i in todo[invalid]:
        notes[i] = [say("made valid ({why})", "已修复为有效图形（{why}）",
                        why=shapely.is_valid_reason(geoms[i]))]
    fixed[invalid] = shapely.make_valid(fixed[invalid])

    parts, owner = flat_polygons(fixed)
    part_areas = measure(parts) if len(parts) else np.array([], dtype=float)
    with np.errstate(invalid="ignore"):
        keep = part_areas >= MIN_PART_M2  # NaN (unprojectable) parts are not kept
    total = np.bincount(owner, minlength=len(todo))
    kept = np.bincount(owner[keep], minlength=len(todo))
    for k in np.flatnonzero(kept < total):
        notes.setdefault(todo[k], []).append(
            say("dropped {count} empty or zero-area part(s)", "删除了 {count} 个空的或零面积的部分",
                count=total[k] - kept[k]))
    for k in np.flatnonzero(kept == 0):
        rejected[todo[k]] = say("no area left after repair", "修复后没有剩余面积")
        notes.pop(todo[k], None)
    areas = np.full(len(geoms), np.nan)
    if keep.any():
        order = np.argsort(owner[keep], kind="stable")  # parts of a geometry side by side
        has, dense = np.unique(owner[keep][order], return_inverse=True)
        result[todo[has]] = shapely.multipolygons(parts[keep][order], indices=dense.ravel())
        sums = np.bincount(owner[keep], weights=part_areas[keep], minlength=len(todo))
        areas[todo[has]] = sums[has]
    return Repaired(result, {i: "; ".join(n) for i, n in notes.items()}, rejected, areas)
