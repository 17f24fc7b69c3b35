"""Geometry repair of delivered patches: valid MultiPolygons with area, each change reported."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

POLYGON, MULTIPOLYGON = 3, 6
MIN_PART_M2 = 0.01  # parts smaller than this (in m², after projection) are slivers


@dataclass
class Repaired:
    geometries: np.ndarray  # MultiPolygons; None where rejected
    notes: dict  # record index -> what was repaired
    rejected: dict  # record index -> why it was refused


def polygonal_parts(geometry):
    """The polygons inside any geometry (collections from make_valid included)."""
    parts = shapely.get_parts(geometry)
    out = []
    for part in parts:
        kind = shapely.get_type_id(part)
        if kind == POLYGON:
            out.append(part)
        elif kind in (MULTIPOLYGON, 7):
            out.extend(polygonal_parts(part))
    return out


def repair(geometries, measure=shapely.area) -> Repaired:
    """Make valid, drop empty and zero-area parts, normalise to MultiPolygon.

    ``measure(parts)`` gives the area in m² of parts for the sliver test; by default their
    planar area (right for projected coordinates; pass the ellipsoidal one for lon/lat).
    """
    geoms = np.asarray(geometries, dtype=object)
    notes, rejected = {}, {}
    result = np.empty(len(geoms), dtype=object)
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    for i in np.flatnonzero(missing):
        rejected[i] = "no geometry (null)"
    for i in np.flatnonzero(empty):
        rejected[i] = "empty geometry"
    todo = np.flatnonzero(~missing & ~empty)
    kinds = shapely.get_type_id(geoms[todo])
    for i in todo[~np.isin(kinds, [POLYGON, MULTIPOLYGON])]:
        rejected[i] = f"not a polygon ({geoms[i].geom_type})"
    todo = todo[np.isin(kinds, [POLYGON, MULTIPOLYGON])]
    valid = shapely.is_valid(geoms[todo])
    for i in todo[~valid]:
        notes[i] = [f"made valid ({shapely.is_valid_reason(geoms[i])})"]
    fixed = geoms[todo].copy()
    fixed[~valid] = shapely.make_valid(fixed[~valid])
    for i, geom in zip(todo, fixed):
        parts = polygonal_parts(geom)
        areas = measure(np.array(parts, dtype=object)) if parts else np.array([])
        kept = [p for p, a in zip(parts, areas) if a >= MIN_PART_M2]
        if len(kept) < len(parts):
            notes.setdefault(i, []).append(
                f"dropped {len(parts) - len(kept)} empty or zero-area part(s)")
        if not kept:
            rejected[i] = "no area left after repair"
            notes.pop(i, None)
            continue
        result[i] = shapely.MultiPolygon(kept)
    return Repaired(result, {i: "; ".join(n) for i, n in notes.items()}, rejected)
