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
import math
import os
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import landuse as lu
from .areas import ellipsoidal_areas_m2
from .errors import Cancelled, never
from .language import say
from .repair import flat_polygons
from .units import MU_DECIMALS, SQM_PER_MU
from .verdicts import DEFAULT_APPROVAL, FACILITY, TEMPORARY

# 亩 of the patch (TBMJ_MU); 耕地 gross and net of 田坎, 水田 gross and net; 永农, 永农 ∩ 耕地,
# 红线; covered by the approvals valid at HSX, the covered share (0–1); what they leave of the
# 耕地 (gross, net), of the 水田 (gross, net) and of the 永农.
FIELDS = ("TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "STJMJ", "JBNTMJ", "JBNTGDMJ", "STHXMJ", "PWMJ",
          "PWFGL", "WFGMJ", "WFGJMJ", "WPSTMJ", "WPSTJMJ", "WPJBNTMJ")
GRADE = "GDDB"  # besides them, as text: the quality grade of the 耕地 occupied (main_grades)
NEEDS_APPROVALS = ("PWMJ", "PWFGL", "WFGMJ", "WFGJMJ", "WPSTMJ", "WPSTJMJ", "WPJBNTMJ")
WORKERS = max(1, min(4, os.cpu_count() or 1))
CHUNK = 16384  # pairs per step: the unit of progress and of cancelling
LANDUSE, FARMLAND, REDLINE, APPROVAL = range(4)


VALID, LATE, EXPIRED, MISUSED = range(4)  # what an approval is to a patch it touches


@dataclass
class Approvals:
    """One approval layer (geometries in CGCS2000 lon/lat) and, per feature where known, its
    kind (a 合法 evidence kind of the code lists), 批准日期, 有效期至, 批准文号 and 批准机关."""

    geometries: np.ndarray
    kind: np.ndarray | None = None
    date: np.ndarray | None = None  # datetime.date or None
    expiry: np.ndarray | None = None
    number: np.ndarray | None = None
    authority: np.ndarray | None = None
    layer_kind: str | None = None  # the kind chosen for the layer, for features without one

    def column(self, name: str) -> np.ndarray:
        values = getattr(self, name)
        n = len(self.geometries)
        return np.full(n, None, dtype=object) if values is None else np.asarray(values, dtype=object)

    def kinds(self) -> np.ndarray:
        own = self.column("kind")
        fallback = self.layer_kind or DEFAULT_APPROVAL
        return np.array([k or fallback for k in own], dtype=object)


@dataclass
class Layers:
    """The overlay layers, geometries in CGCS2000 lon/lat. ``None``: the layer was not given."""

    landuse: np.ndarray
    dlbm: np.ndarray
    kcxs: np.ndarray | None = None  # 田坎系数 of each land-use polygon (a fraction, NaN: blank)
    farmland: np.ndarray | None = None
    redline: np.ndarray | None = None
    approvals: list | None = None  # Approvals, or bare geometry arrays, one per layer
    gddb: np.ndarray | None = None  # 耕地等别 GDDB of each land-use polygon as written (None,
    # NaN or "": blank); ``None``: the layer has no GDDB field

    def approval_layers(self) -> list[Approvals]:
        return [a if isinstance(a, Approvals) else Approvals(np.asarray(a, dtype=object))
                for a in self.approvals or []]


@dataclass
class Patches:
    """What the rules need of the patches besides their outlines: the after-image date (an
    approval must not postdate it) and whether the change is construction (a 设施农用地 filing
    covers no building). ``None`` where unknown."""

    hsx: np.ndarray | None = None  # datetime.date per patch
    construction: np.ndarray | None = None  # bool per patch


@dataclass
class Cover:
    """An approval as it meets one patch."""

    status: int  # VALID, LATE, EXPIRED or MISUSED
    kind: str
    number: str | None
    date: object  # datetime.date or None
    authority: str | None
    mu: float  # the part of the patch it covers


@dataclass
class Overlay:
    values: dict  # field of FIELDS -> 亩 per patch (PWFGL a share), NaN where unknown
    groups: dict  # land-use group -> 亩 per patch, with the "of which 可调整地类" figure
    notes: list = field(default_factory=list)  # repairs made to the layers
    patch_notes: dict = field(default_factory=dict)  # patch index -> repair made to it
    covers: dict = field(default_factory=dict)  # patch index -> [Cover] of the approvals it meets
    by_kind: dict = field(default_factory=dict)  # patch index -> {kind: 亩} of valid approvals
    grades: np.ndarray | None = None  # GDDB per patch (text or None); None: no GDDB field

    def gddb(self, k: int) -> str | None:
        """The quality grade (耕地等别) of the 耕地 patch ``k`` occupies (see ``main_grades``),
        None where unknown."""
        return None if self.grades is None else self.grades[k]

    def record(self, k: int) -> dict:
        """The fields of patch ``k``: rounded floats, None where unknown."""
        return {name: None if np.isnan(v[k]) else float(v[k]) for name, v in self.values.items()}

    def dlfz(self, k: int) -> str | None:
        """亩 by land-use group as JSON, groups the patch does not touch left out."""
        if np.isnan(self.values["TBMJ_MU"][k]):
            return None
        found = {group: float(mu[k]) for group, mu in self.groups.items() if mu[k] > 0}
        return json.dumps(found, ensure_ascii=False)

    def pwfz(self, k: int) -> str | None:
        """亩 of the patch each kind of valid approval covers, as JSON (None: no approvals given)."""
        if np.isnan(self.values["PWMJ"][k]):
            return None
        return json.dumps(self.by_kind.get(k, {}), ensure_ascii=False)


def field_bank_fractions(values, percent: bool, label: str, ids=None) -> np.ndarray:
    """田坎系数 KCXS as fractions. A blank stays NaN (the overlay reports it, never reads it as
    0); a coefficient above 1 is a percent only where the profile says so, otherwise the
    polygons holding one are refused by name, as is a negative one."""
    from .layers import numbers
    from .sources import SourceError

    kcxs = numbers(values)
    if percent:
        kcxs = np.where(kcxs > 1, kcxs / 100, kcxs)
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero((kcxs > 1) | (kcxs < 0))
    if len(bad):
        names = [str(ids[k]) if ids is not None else str(k + 1) for k in bad[:5]]
        raise SourceError(say(
            "{label}: the field-bank coefficient KCXS must lie between 0 and 1 (a fraction); "
            "{count} polygon(s) hold another value, e.g. {names} ({value})",
            "{label}：田坎系数 KCXS 应在 0 到 1 之间（小数）；有 {count} 个图斑不符，如 {names}（{value}）",
            label=label, count=len(bad), names="、".join(names),
            value=np.asarray(values, dtype=object)[bad[0]]))
    return kcxs


def grade_text(value) -> str | None:
    """A quality grade (GDDB) as the store keeps it: text, spaces stripped, a whole number
    written without decimals (3, 3.0, "3.0" and " 3 " are all "3"), any other number as
    Python writes it ("3.50" is "3.5"), other text as written; None where blank."""
    if value is None or isinstance(value, bool) or type(value).__name__ == "NAType":  # pandas NA
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else format(float(value), "g")
    text = str(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    return str(int(number)) if number.is_integer() else format(number, "g")


def _grade_order(grade: str) -> tuple:
    """Better grades first: numbers by value (等别 1 is the best), then any other text."""
    try:
        return (0, float(grade), grade)
    except ValueError:
        return (1, 0.0, grade)


def main_grades(i, j, m2, gddb, n: int) -> np.ndarray:
    """GDDB of each of ``n`` patches from its 耕地 pieces (pair ``k``: patch ``i[k]``, land-use
    polygon ``j[k]``, ``m2[k]`` of the patch on it; only pieces that are 耕地 by the rules in
    force, the profile's 可调整地类 rule included, are to be given). The rule: the grade whose
    耕地 polygons cover the largest 耕地 area of the patch, areas (gross, as GDMJ) summed per
    grade and compared in 亩 to 4 decimals; a tie goes to the better grade, the lower number;
    pieces without a grade are left out; a patch with no graded 耕地 piece gets None. Grades
    as ``grade_text`` writes them. The polygons' grades are read once each, the pairs summed
    with numpy."""
    out = np.full(n, None, dtype=object)
    i, j, m2 = np.asarray(i), np.asarray(j), np.asarray(m2, dtype=float)
    met = m2 > 0
    i, j, m2 = i[met], j[met], m2[met]
    used, row = np.unique(j, return_inverse=True)
    values = np.asarray(gddb)[used]
    if values.dtype.kind in "fiu":  # a numeric field (as GDAL reads it): each value read once
        values, back = np.unique(values, return_inverse=True)
    else:
        back = np.arange(len(values))
    texts = [grade_text(v) for v in values.tolist()]
    names = sorted({t for t in texts if t is not None}, key=_grade_order)
    if not names:
        return out
    rank = {name: r for r, name in enumerate(names)}
    code = np.array([-1 if t is None else rank[t] for t in texts],
                    dtype=np.int64)[back.ravel()][row.ravel()]
    graded = code >= 0
    i, code, m2 = i[graded], code[graded], m2[graded]
    keys, inverse = np.unique(i * len(names) + code, return_inverse=True)
    mu = _mu(np.bincount(inverse.ravel(), m2))
    patch, grade = keys // len(names), keys % len(names)
    order = np.lexsort((grade, -mu, patch))  # per patch: the largest area, then the best grade
    first = order[np.r_[True, patch[order][1:] != patch[order][:-1]]]
    out[patch[first]] = np.array(names, dtype=object)[grade[first]]
    return out


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


def overlay(patches, layers: Layers, progress=lambda percent: None, cancelled=never,
            workers: int = WORKERS, context: Patches | None = None,
            adjustable_cultivated: bool = False) -> Overlay:
    """The precheck fields of every patch (lon/lat geometries) against ``layers``;
    ``context``: the patches' dates and change types, which decide what an approval covers;
    ``adjustable_cultivated``: K-suffixed 可调整地类 count as 耕地 (a profile's choice)."""
    given = np.asarray(patches, dtype=object)
    patches, fixed = polygonal(given)
    n = len(patches)
    patch_notes = {int(k): say("made valid ({why})", "已修复为有效图形（{why}）",
                               why=shapely.is_valid_reason(given[k])) for k in fixed}
    approvals = layers.approval_layers()
    parts = [(LANDUSE, layers.landuse), (FARMLAND, layers.farmland), (REDLINE, layers.redline)]
    parts += [(APPROVAL, a.geometries) for a in approvals]
    parts = [(kind, np.asarray(g, dtype=object)) for kind, g in parts if g is not None]
    geoms = np.concatenate([g for _, g in parts])
    kind = np.concatenate([np.full(len(g), k) for k, g in parts])
    patch_m2 = ellipsoidal_areas_m2(patches)

    # The patches' tree is small; the layers' polygons are looked up in it, not the reverse.
    layer_index, patch_index = shapely.STRtree(patches).query(geoms)
    order = np.lexsort((layer_index, patch_index))
    i, j = patch_index[order], layer_index[order]
    codes = np.asarray(layers.dlbm, dtype=object)
    group, adjustable, paddy = lu.classify(codes)
    cultivated = lu.cultivated_mask(group, adjustable, adjustable_cultivated)
    n_landuse = len(codes)
    # Pieces kept: of the approvals, 永农 and 红线 (unioned per patch); the 耕地 pieces of the
    # patches that approvals touch (measured against their union); all land-use pieces of the
    # patches 永农 touches (a 永农 piece that is one of them needs no geometry, see _farmland).
    keep = kind[j] != LANDUSE
    by_approvals, by_farmland = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    by_approvals[i[kind[j] == APPROVAL]] = True
    by_farmland[i[kind[j] == FARMLAND]] = True
    landuse_pair = j < n_landuse
    li = i[landuse_pair]
    keep[landuse_pair] = by_farmland[li] | (cultivated[j[landuse_pair]] & by_approvals[li])
    progress(5)

    i, j, m2, pieces, repaired = _measure_pairs(patches, patch_m2, geoms, i, j, keep, workers,
                                                lambda p: progress(5 + 85 * p), cancelled)
    values = {"TBMJ_MU": patch_m2}
    on = j < n_landuse
    li, lj, la = i[on], j[on], m2[on]
    names = lu.groups()
    by_group = np.bincount(li * len(names) + group[lj], weights=la,
                           minlength=n * len(names)).reshape(n, len(names))
    groups = {name: _mu(by_group[:, g]) for g, name in enumerate(names)}
    groups[lu.adjustable_label()] = _mu(np.bincount(li, la * adjustable[lj], minlength=n))
    gd = cultivated[lj]
    st = gd & paddy[lj]
    values["GDMJ"] = np.bincount(li[gd], la[gd], minlength=n)
    values["STMJ"] = np.bincount(li[st], la[st], minlength=n)
    grades = None if layers.gddb is None else main_grades(li[gd], lj[gd], la[gd], layers.gddb, n)
    net = None
    if layers.kcxs is not None:
        net = 1 - np.asarray(layers.kcxs, dtype=float)  # NaN where the coefficient is blank
        values["GDJMJ"] = np.bincount(li[gd], la[gd] * net[lj[gd]], minlength=n)
        values["STJMJ"] = np.bincount(li[st], la[st] * net[lj[st]], minlength=n)
    given_kinds = {k for k, _ in parts}
    landuse_row = np.where(on, j, 0)  # (read only where ``on``)
    cultivated_pieces = on & cultivated[landuse_row] & ~shapely.is_missing(pieces)
    if REDLINE in given_kinds:  # overlapping polygons of one layer are counted once
        _, values["STHXMJ"], _ = _union_by_patch(patches, patch_m2, i, m2, pieces,
                                                 kind[j] == REDLINE, workers)
    farmland = None
    if FARMLAND in given_kinds:
        farmland = _farmland(patches, patch_m2, i, m2, pieces, kind[j] == FARMLAND,
                             on & ~shapely.is_missing(pieces), cultivated_pieces, values, workers)
    covers, by_kind = {}, {}
    if approvals:
        first_approval = len(geoms) - sum(len(layer.geometries) for layer in approvals)
        on_approval = kind[j] == APPROVAL
        a = np.where(on_approval, j - first_approval, 0)  # the pair's row in the approvals
        status, attributes = _approval_status(approvals, context, i, a, on_approval, n)
        valid = on_approval & (status == VALID)
        covered, values["PWMJ"], all_covered = _union_by_patch(patches, patch_m2, i, m2, pieces,
                                                               valid, workers)
        with np.errstate(invalid="ignore", divide="ignore"):
            values["PWFGL"] = np.clip(values["PWMJ"] / patch_m2, 0, 1)
        approved = np.zeros(len(i))  # of each kept 耕地 piece, the part the approvals cover
        approved[cultivated_pieces] = _inside_pieces(covered, all_covered, i, m2, pieces,
                                                     cultivated_pieces, workers)
        paddy_pieces = cultivated_pieces & paddy[landuse_row]
        factor = np.ones(len(i)) if net is None else np.where(on, net[landuse_row], 0.0)
        for name, total, which, scale in (("WFGMJ", "GDMJ", cultivated_pieces, None),
                                          ("WPSTMJ", "STMJ", paddy_pieces, None),
                                          ("WFGJMJ", "GDJMJ", cultivated_pieces, factor),
                                          ("WPSTJMJ", "STJMJ", paddy_pieces, factor)):
            if total in values:  # what the approvals leave of it
                taken = approved if scale is None else approved * scale
                values[name] = values[total] - np.bincount(i[which], taken[which], minlength=n)
        if farmland is not None:  # what the approvals leave of the 永农
            tiled, union, whole, clean = farmland
            values["WPJBNTMJ"] = values["JBNTMJ"] - np.where(
                clean, np.bincount(i[tiled], approved[tiled], minlength=n),
                _overlap_areas(union, whole, covered, all_covered, patch_m2))
        for name in ("WFGMJ", "WFGJMJ", "WPSTMJ", "WPSTJMJ"):
            if name in values:  # an approval holding the whole patch leaves nothing
                values[name][all_covered] = 0.0
        covers, by_kind = _covers(i, a, m2, pieces, status, attributes, on_approval, patches,
                                  patch_m2, values["PWMJ"])
    progress(98)

    result = {}
    missing = np.isnan(patch_m2)
    for name in FIELDS:
        v = values.get(name)
        if v is None:
            result[name] = np.full(n, np.nan)
            continue
        result[name] = np.round(v, MU_DECIMALS) if name == "PWFGL" else _mu(np.clip(v, 0, None))
        result[name][missing] = np.nan
    if grades is not None:
        grades[missing] = None
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
    if net is not None:
        blank = np.unique(lj[gd & np.isnan(net[lj])])
        if len(blank):
            notes.append(say("land use: {count} cultivated polygon(s) without a field-bank "
                             "coefficient (KCXS); the net cultivated area of the patches on them "
                             "is left empty", "地类图斑：{count} 个耕地图斑缺少田坎系数 KCXS，"
                             "其上图斑的耕地净面积置空", count=len(blank)))
    progress(100)
    return Overlay(result, groups, notes, patch_notes, covers, by_kind, grades)


def _farmland(patches, patch_m2, i, m2, pieces, farmland, landuse, cultivated, values, workers):
    """JBNTMJ (the 永农 pieces of each patch unioned, so overlaps count once) and JBNTGDMJ
    (of it 耕地), written into ``values``. A 永农 polygon cut from the 地类图斑 it lies on — the
    usual case — gives, point for point, the same piece as that 耕地 polygon: a patch whose 永农
    pieces are all such tiles, none twice, needs no geometry (land-use polygons do not
    overlap), on 耕地 or not. The others are unioned, their 耕地 pieces measured inside it.
    Returns what the approvals step needs: the 耕地 pieces tiled by 永农, the union, whether it
    is the whole patch, and which patches were clean."""
    n = len(patches)
    keys = _keys(i, pieces, landuse | farmland)
    landuse_keys = {keys[r] for r in np.flatnonzero(landuse)}
    fl_rows = np.flatnonzero(farmland & (m2 > 0))  # (a polygon that only touches adds nothing)
    fl_keys = [keys[r] for r in fl_rows]
    seen, twice = set(), set()
    for key in fl_keys:
        (twice if key in seen else seen).add(key)
    tile = np.array([k in landuse_keys and k not in twice for k in fl_keys], dtype=bool)
    clean = np.zeros(n, dtype=bool)
    clean[i[fl_rows]] = True
    clean[i[fl_rows[~tile]]] = False
    tiled = np.zeros(len(i), dtype=bool)
    tiled[cultivated] = [keys[r] in seen for r in np.flatnonzero(cultivated)]
    tiled &= clean[i]
    union, area, whole = _union_by_patch(patches, patch_m2, i, m2, pieces,
                                         farmland & ~clean[i], workers)
    values["JBNTMJ"] = np.where(clean, np.bincount(i[farmland], m2[farmland], minlength=n), area)
    # the rest: where 耕地 fills the patch, 永农 ∩ 耕地 is the 永农; where 永农 fills it, the 耕地
    full_gd = _fills(values["GDMJ"], patch_m2)
    full_jbnt = whole | _fills(values["JBNTMJ"], patch_m2)
    todo = cultivated & ~(clean | full_gd | full_jbnt)[i]
    inside = np.bincount(i[todo], _inside_pieces(union, whole, i, m2, pieces, todo, workers),
                         minlength=n)
    values["JBNTGDMJ"] = np.where(
        clean, np.bincount(i[tiled], m2[tiled], minlength=n),
        np.where(full_gd, values["JBNTMJ"], np.where(full_jbnt, values["GDMJ"], inside)))
    return tiled, union, whole, clean


def _keys(i, pieces, which) -> list:
    """(patch, the piece's WKB) of the ``which`` pairs: equal keys, the very same piece."""
    wkb = np.full(len(i), None, dtype=object)
    rows = which & ~shapely.is_missing(pieces)
    wkb[rows] = shapely.to_wkb(pieces[rows])
    return list(zip(i.tolist(), wkb.tolist()))


def _fills(m2, patch_m2) -> np.ndarray:
    """Whether an area is all of its patch (to a millionth: the pieces' areas sum up)."""
    with np.errstate(invalid="ignore"):
        return m2 >= patch_m2 * (1 - 1e-6)


def _union_by_patch(patches, patch_m2, i, m2, pieces, which, workers=1) -> tuple:
    """The union of the ``which`` pieces of each patch (None where none) and its area in m²;
    a piece that is the whole patch stands for the union (the patch itself, which the
    measures below recognise). Pairs come grouped by patch."""
    n = len(patches)
    union = np.full(n, None, dtype=object)
    whole = np.zeros(n, dtype=bool)
    whole[i[which & (m2 == patch_m2[i])]] = True
    rest = which & ~whole[i] & (m2 > 0)
    ri, rp, rm = i[rest], pieces[rest], m2[rest]
    area = np.zeros(n)
    if len(ri):
        starts = np.flatnonzero(np.r_[True, ri[1:] != ri[:-1]])
        sizes = np.diff(np.r_[starts, len(ri)])
        single = sizes == 1
        union[ri[starts[single]]] = rp[starts[single]]
        area[ri[starts[single]]] = rm[starts[single]]
        multi = np.flatnonzero(~single)
        if len(multi):  # one row per patch, its pieces padded with None: one call unions all
            counts = sizes[multi]
            column = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            grid = np.full((len(multi), counts.max()), None, dtype=object)
            grid[np.repeat(np.arange(len(multi)), counts), column] = \
                rp[np.repeat(starts[multi], counts) + column]
            joined = _by_patch(lambda g: shapely.union_all(g, axis=1), np.arange(len(grid)),
                               workers, grid)
            union[ri[starts[multi]]] = joined
            area[ri[starts[multi]]] = ellipsoidal_areas_m2(joined)
    union[whole] = patches[whole]
    area[whole] = patch_m2[whole]
    return union, area, whole


def _inside_pieces(union, whole, i, m2, pieces, which, workers=1) -> np.ndarray:
    """For each ``which`` piece, the m² of it inside its patch's ``union`` (0 where none);
    ``whole``: the patches whose union is the patch itself, which holds all their pieces."""
    rows = np.flatnonzero(which)
    out = np.zeros(len(rows))
    has = ~shapely.is_missing(union[i[rows]])
    held = has & whole[i[rows]]
    out[held] = m2[rows[held]]
    rows_has = rows[has & ~held]
    cover = union[i[rows_has]]
    distinct = np.unique(i[rows_has])
    shapely.prepare(union[distinct])
    inside = shapely.contains_properly(cover, pieces[rows_has])
    shapely.destroy_prepared(union[distinct])
    got = m2[rows_has].copy()
    cut = ~inside
    with np.errstate(invalid="ignore"):
        got[cut] = np.nan_to_num(ellipsoidal_areas_m2(_by_patch(
            shapely.intersection, i[rows_has[cut]], workers, pieces[rows_has[cut]], cover[cut])))
    out[has & ~held] = got
    return out


def _by_patch(function, owners, workers, *arrays) -> np.ndarray:
    """``function(*arrays)`` in ``workers`` threads, on slices that never part the rows of one
    patch (``owners``, grouped): a geometry is never touched by two threads."""
    n = len(owners)
    if workers < 2 or n < 1000:
        return function(*arrays)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    cuts = np.unique(np.r_[0, starts[np.searchsorted(starts, np.arange(1, workers) * n // workers)
                                     .clip(0, len(starts) - 1)], n])

    def part(k):
        with np.errstate(invalid="ignore"):  # (numpy's error state is per thread)
            return function(*(a[cuts[k]:cuts[k + 1]] for a in arrays))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return np.concatenate(list(pool.map(part, range(len(cuts) - 1))))


def _overlap_areas(a, whole_a, b, whole_b, patch_m2) -> np.ndarray:
    """Per patch, the m² shared by its two unions ``a`` and ``b`` (either may be None); a
    union that is the whole patch shares all of the other."""
    out = np.zeros(len(patch_m2))
    has_a, has_b = ~shapely.is_missing(a), ~shapely.is_missing(b)
    both = has_a & has_b
    out[both & whole_a & whole_b] = patch_m2[both & whole_a & whole_b]
    one_whole = both & (whole_a ^ whole_b)
    out[one_whole & whole_a] = ellipsoidal_areas_m2(b[one_whole & whole_a])
    out[one_whole & whole_b] = ellipsoidal_areas_m2(a[one_whole & whole_b])
    cut = np.flatnonzero(both & ~whole_a & ~whole_b)
    with np.errstate(invalid="ignore"):
        out[cut] = np.nan_to_num(ellipsoidal_areas_m2(shapely.intersection(a[cut], b[cut])))
    return out


def _approval_status(approvals: list[Approvals], context: Patches | None, i, a, on, n):
    """For each pair: whether the approval makes its patch legal (VALID) or not, and why —
    dated after the after-image (LATE), a 临时用地 expired by then (EXPIRED), a 设施农用地
    filing under a building (MISUSED). Also the approvals' attributes, concatenated."""
    attributes = {name: np.concatenate([layer.column(name) for layer in approvals])
                  for name in ("date", "expiry", "number", "authority")}
    attributes["kind"] = np.concatenate([layer.kinds() for layer in approvals])
    status = np.full(len(i), VALID)
    rows = np.flatnonzero(on)
    if context is None or not len(rows):
        return status, attributes
    hsx = np.full(n, None, dtype=object) if context.hsx is None else np.asarray(context.hsx,
                                                                                 dtype=object)
    built = (np.zeros(n, dtype=bool) if context.construction is None
             else np.asarray(context.construction, dtype=bool))
    for row in rows:
        after, k = hsx[i[row]], a[row]
        kind, date, expiry = attributes["kind"][k], attributes["date"][k], attributes["expiry"][k]
        if kind == FACILITY and built[i[row]]:
            status[row] = MISUSED
        elif after is not None and date is not None and date > after:
            status[row] = LATE
        elif kind == TEMPORARY and after is not None and expiry is not None and expiry < after:
            status[row] = EXPIRED
    return status, attributes


def _covers(i, a, m2, pieces, status, attributes, on, patches, patch_m2, approved):
    """Per patch, the approvals it meets (kind, number, date, status, 亩) and 亩 by kind of
    the valid ones: each kind's own union, so overlapping approvals of a kind count once (the
    union of them all, ``approved``, where a patch meets one kind only)."""
    covers = {}
    rows = np.flatnonzero(on & (m2 > 0))
    mu = np.round(m2[rows] / SQM_PER_MU, MU_DECIMALS).tolist()
    for row, k, area in zip(rows.tolist(), a[rows].tolist(), mu):
        covers.setdefault(int(i[row]), []).append(Cover(
            int(status[row]), attributes["kind"][k], attributes["number"][k],
            attributes["date"][k], attributes["authority"][k], area))
    by_kind = {}
    valid = on & (status == VALID) & (m2 > 0)
    if not valid.any():
        return covers, by_kind
    pair_kind = np.where(on, attributes["kind"][np.where(on, a, 0)], None)
    kinds_of = {}
    for patch, name in zip(i[valid].tolist(), pair_kind[valid].tolist()):
        kinds_of.setdefault(patch, set()).add(name)
    mixed = np.zeros(len(patches), dtype=bool)
    mixed[[p for p, names in kinds_of.items() if len(names) > 1]] = True
    for patch, names in kinds_of.items():
        if len(names) == 1:
            by_kind[patch] = {next(iter(names)): float(_mu(approved[patch]))}
    for name in sorted({n for names in kinds_of.values() if len(names) > 1 for n in names}):
        _, area, _ = _union_by_patch(patches, patch_m2, i, m2, pieces,
                                     valid & mixed[i] & (pair_kind == name))
        for k in np.flatnonzero(area > 0):
            by_kind.setdefault(int(k), {})[name] = float(_mu(area[k]))
    return covers, by_kind


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
