"""Child parcels (地块) of a patch: cut by a line drawn across it, or by the land-use polygons
it overlaps. Geometries are shapely in CGCS2000 longitude/latitude (EPSG:4490).

A split always partitions what it splits, so the parcels cover at most the parent and their
areas sum to the parent's; ``check`` proves it within the tolerance of DESIGN.md §3.4 before
anything is written.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely import ops

from .areas import ellipsoidal_areas_m2, m2_to_mu
from .errors import FarmlandGuardError
from .language import say
from .precheck import polygonal
from .verdicts import AREA_TOLERANCE_MU, Violation

MIN_PARCEL_MU = 0.1  # smaller pieces of a land-use split are slivers of mismatched boundaries
MIN_CUT_MU = AREA_TOLERANCE_MU  # smaller pieces of a drawn cut are where it clipped a corner


class SplitError(FarmlandGuardError, ValueError):
    """The split cannot be made; the message says why, naming the patch."""

    code = "split"


def parcel_id(jcbh: str, number: int) -> str:
    return f"{jcbh}_{number}"


def number_of(dkbh: str) -> int:
    """The number of a parcel id made here (``JCBH_n``); 0 for an id made elsewhere (a split
    pulled from the server may name its parcels otherwise)."""
    head, _, tail = dkbh.rpartition("_")
    return int(tail) if head and tail.isdigit() else 0


def _polygonal(geom) -> list:
    """The polygons of a geometry (lines and points from a split boundary dropped)."""
    parts = shapely.get_parts(geom)
    return [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]


def as_multipolygon(geom):
    polygons = []
    for part in _polygonal(geom):
        polygons += list(shapely.get_parts(part))
    return shapely.MultiPolygon(polygons)


def cut(jcbh: str, pieces: list, line) -> dict[int, list]:
    """Cut ``pieces`` (the patch, or its parcels) with a drawn ``line``: index of each piece
    the line crosses -> its new parts. A line that crosses nothing is refused."""
    if line is None or line.geom_type not in ("LineString", "MultiLineString") or line.length == 0:
        raise SplitError(say("patch {jcbh}: draw a line to cut along",
                             "图斑 {jcbh}：请画一条分割线", jcbh=jcbh))
    result = {}
    for index, piece in enumerate(pieces):
        if not piece.intersects(line):
            continue
        parts = []
        for polygon in shapely.get_parts(piece):
            parts += _polygonal(ops.split(polygon, line))
        if len(parts) > len(shapely.get_parts(piece)):
            kept = _fold_slivers([as_multipolygon(p) for p in parts], MIN_CUT_MU)
            if len(kept) > 1:
                result[index] = kept
    if not result:
        raise SplitError(say("patch {jcbh}: the line must cross the patch from edge to edge",
                             "图斑 {jcbh}：分割线须完整穿过图斑", jcbh=jcbh))
    return result


def by_landuse(jcbh: str, patch, landuse: list[tuple[str, object]],
               min_mu: float = MIN_PARCEL_MU) -> list[tuple[str | None, object]]:
    """Split ``patch`` by the land-use polygons it overlaps: one parcel per land-use code
    (DLBM, dissolved), the part covered by none as a parcel without code. Pieces under
    ``min_mu`` go to the parcel they share the longest boundary with, so the parcels still
    add up to the patch."""
    pieces: dict[str | None, list] = {}
    rest = patch
    repaired, _ = polygonal([geom for _, geom in landuse])  # as delivered: bow ties too
    for (code, _), geom in zip(landuse, repaired):
        if geom is None or geom.is_empty:
            continue
        overlap = shapely.intersection(patch, geom)
        if _polygonal(overlap):
            pieces.setdefault(code, []).append(overlap)
            rest = shapely.difference(rest, geom)
    if _polygonal(rest):
        pieces.setdefault(None, []).append(rest)
    merged = [(code, as_multipolygon(shapely.union_all(parts))) for code, parts in pieces.items()]
    merged = [(code, g) for code, g in merged if not g.is_empty]
    kept = _fold_slivers([g for _, g in merged], min_mu, keys=[code for code, _ in merged])
    if len(kept) < 2:
        raise SplitError(say("patch {jcbh}: it lies on one land-use class (pieces under {mu} 亩 "
                             "are not parcels); nothing to split",
                             "图斑 {jcbh}：只压占一种地类（小于 {mu} 亩的碎片不成地块），无需分割",
                             jcbh=jcbh, mu=min_mu))
    return kept


def _fold_slivers(geoms: list, min_mu: float, keys=None) -> list:
    """``geoms`` with each one under ``min_mu`` joined to the big one it shares the longest
    boundary with (the largest when it touches none), so they still add up to the whole.
    With ``keys``, (key, geometry) pairs of the big ones."""
    areas = m2_to_mu(ellipsoidal_areas_m2(geoms))
    big = [k for k in range(len(geoms)) if areas[k] >= min_mu] or [int(np.argmax(areas))]
    groups = {k: [geoms[k]] for k in big}
    for k in range(len(geoms)):
        if k not in groups:
            shared = [shapely.length(shapely.intersection(geoms[k].boundary, geoms[b].boundary))
                      for b in big]
            best = big[int(np.argmax(shared))] if max(shared) > 0 else big[int(np.argmax(areas[big]))]
            groups[best].append(geoms[k])
    joined = [as_multipolygon(shapely.union_all(groups[k])) if len(groups[k]) > 1 else groups[k][0]
              for k in big]
    return joined if keys is None else [(keys[k], g) for k, g in zip(big, joined)]


def check(jcbh: str, parent, parent_mu: float, geoms) -> list[Violation]:
    """DESIGN.md §3.4: the parcels cover at most the parent, and sum to it within tolerance."""
    problems = []
    areas = m2_to_mu(ellipsoidal_areas_m2(geoms))
    total = float(np.sum(areas))
    if abs(total - parent_mu) > AREA_TOLERANCE_MU:
        problems.append(Violation(jcbh, "TBMJ_MU", "parcels_sum", say(
            "the parcels add up to {total:.4f} 亩, the patch is {area:.4f} 亩 (tolerance {tol} 亩)",
            "各地块合计 {total:.4f} 亩，图斑为 {area:.4f} 亩（容差 {tol} 亩）",
            total=total, area=parent_mu, tol=AREA_TOLERANCE_MU)))
    outside = m2_to_mu(ellipsoidal_areas_m2([shapely.difference(shapely.union_all(geoms), parent)]))[0]
    overlap = total - m2_to_mu(ellipsoidal_areas_m2([shapely.union_all(geoms)]))[0]
    if outside > AREA_TOLERANCE_MU or overlap > AREA_TOLERANCE_MU:
        problems.append(Violation(jcbh, "DKBH", "parcels_inside", say(
            "the parcels must lie inside the patch without overlapping ({outside:.4f} 亩 outside, "
            "{overlap:.4f} 亩 overlapping)",
            "地块须位于图斑内且互不重叠（图斑外 {outside:.4f} 亩，重叠 {overlap:.4f} 亩）",
            outside=outside, overlap=overlap)))
    return problems


def areas_mu(geoms) -> list[float]:
    return [round(float(a), 4) for a in m2_to_mu(ellipsoidal_areas_m2(geoms))]
