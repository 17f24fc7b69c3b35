"""The precheck (套合) of a work store: every patch and parcel overlaid with the layers, its
figures and suggested verdict written in one transaction. A cancel before the write leaves the
store untouched; a ``QgsTask`` wraps ``run`` with its progress and cancel."""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..core import codelists, dates, precheck, suggest
from ..core import layers as layer_io
from ..core.errors import Cancelled, never
from ..core.language import say
from . import gpkg
from .workstore import WorkStore, now

WRITTEN = tuple(f for f in precheck.FIELDS if f != "TBMJ_MU")
APPROVAL_FIELDS = ("PZLX", "PZRQ", "YXQZ", "PZWH", "PZJG")


@dataclass
class PrecheckResult:
    patches: int
    parcels: int
    suggested: Counter  # suggested verdict ("" when none) -> how many patches and parcels
    notes: list = field(default_factory=list)


def _sources(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, (str, Path)) else list(value)


def _approval_source(value) -> tuple:
    """(source, the kind chosen for the layer or None) of ``source`` or ``(source, kind)``."""
    return tuple(value) if isinstance(value, tuple) else (value, None)


def approvals_of(layer: layer_io.Layer, kind: str | None) -> precheck.Approvals:
    """An approval layer as the overlay takes it: each feature's kind (its ``PZLX``, else the
    layer's), dates, 文号 and 机关."""
    columns = layer.columns

    def column(name, convert):
        values = columns.get(name)
        return None if values is None else np.array([convert(v) for v in values], dtype=object)

    def text(value):
        return None if value is None or str(value).strip() == "" else str(value).strip()

    return precheck.Approvals(
        layer.geometries, column("PZLX", codelists.evidence_kind),
        column("PZRQ", dates.parse_or_none), column("YXQZ", dates.parse_or_none),
        column("PZWH", text), column("PZJG", text), codelists.evidence_kind(kind) if kind else None)


# (required, optional) of a land-use layer: GDDB is the 耕地等别 the precheck records
LANDUSE_FIELDS = (("DLBM",), ("KCXS", "BSM", precheck.GRADE))


def read_layers(landuse, farmland=None, redline=None, approvals: Sequence = (),
                near=None, rules: suggest.Rules | None = None) -> precheck.Layers:
    """The overlay layers from their sources (``path`` or ``path|layername=NAME``), what lies
    near the ``near`` geometries; ``landuse`` may be several sources (e.g. the land use of two
    counties), read as one layer; an approval source may be ``(source, kind)``."""
    land_sources, farm_sources, red_sources = (_sources(v) for v in (landuse, farmland, redline))
    approval_sources = [_approval_source(v) for v in _sources(approvals)]
    jobs = [(s, *LANDUSE_FIELDS) for s in land_sources]
    jobs += [(s, (), ()) for s in farm_sources + red_sources]
    jobs += [(s, (), APPROVAL_FIELDS) for s, _ in approval_sources]
    with ThreadPoolExecutor(max_workers=2) as pool:  # GDAL reads while the other reprojects
        read = list(pool.map(lambda job: layer_io.read(*job, near=near), jobs))
    land, rest = read[:len(land_sources)], read[len(land_sources):]
    n_farm, n_red = len(farm_sources), len(red_sources)
    return assemble(land, rest[:n_farm], rest[n_farm:n_farm + n_red],
                    [(r, kind) for r, (_, kind) in zip(rest[n_farm + n_red:], approval_sources)],
                    rules)


def assemble(land: Sequence[layer_io.Layer], farmland: Sequence[layer_io.Layer] = (),
             redline: Sequence[layer_io.Layer] = (), approvals: Sequence[tuple] = (),
             rules: suggest.Rules | None = None) -> precheck.Layers:
    """The overlay layers from layers already read (however they were): the land use (one or
    several, with ``DLBM`` and, where present, ``KCXS`` checked by the profile's rules,
    ``BSM`` to name a bad polygon and ``GDDB``, the 耕地等别: blank on the polygons of a layer
    without it, all None when no layer has it), 永农 and 红线 (none: not given), and the approval layers as
    ``(layer, the kind chosen for it or None)``."""
    rules = rules or suggest.Rules.of_profile()

    def joined(part):
        return np.concatenate([r.geometries for r in part]) if part else None

    kcxs = (np.concatenate([precheck.field_bank_fractions(
                r.columns["KCXS"], rules.kcxs_percent, r.label, r.columns.get("BSM"))
            for r in land]) if all("KCXS" in r.columns for r in land) else None)
    gddb = (np.concatenate([r.columns.get(precheck.GRADE, np.full(len(r.geometries), np.nan))
                            for r in land])  # (a numeric field stays numeric: read faster)
            if any(precheck.GRADE in r.columns for r in land) else None)
    return precheck.Layers(joined(land), np.concatenate([r.columns["DLBM"] for r in land]), kcxs,
                           joined(farmland), joined(redline),
                           [approvals_of(r, kind) for r, kind in approvals] or None, gddb)


def context_of(tblx, hsx, rules: suggest.Rules) -> precheck.Patches:
    """The patches' after-image dates and whether each change is construction."""
    return precheck.Patches(np.array([dates.parse_or_none(v, month_end=True) for v in hsx],
                                     dtype=object),
                            np.array([rules.is_construction(t) for t in tblx], dtype=bool))


SOURCES_KEY = "precheck_sources"  # store_meta: the layers the last whole precheck read (JSON)


def _jsonable(value):
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return None if value is None else str(value)


def recorded_sources(store) -> dict | None:
    """The layers and profile the store's last whole precheck read, or None."""
    with WorkStore(Path(store)) as ws:
        text = ws.meta(SOURCES_KEY)
    return None if not text else json.loads(text)


def refresh_parcels(store, jcbh: str) -> PrecheckResult | None:
    """The precheck of the parcels of patch ``jcbh`` (cut after the precheck ran) against the
    layers the last whole precheck read; None when none is recorded or a layer is gone."""
    sources = recorded_sources(store)
    if sources is None:
        return None
    approvals = [tuple(a) if isinstance(a, list) else a for a in sources.get("approvals") or ()]
    for source in [*_sources(sources.get("landuse")), *_sources(sources.get("farmland")),
                   *_sources(sources.get("redline")), *(a[0] if isinstance(a, tuple) else a
                                                        for a in approvals)]:
        if not Path(str(source).split("|")[0]).exists():
            return None
    return run(store, sources.get("landuse"), sources.get("farmland"), sources.get("redline"),
               approvals, sources.get("profile"), parcels_of=jcbh)


def run(store, landuse, farmland=None, redline=None, approvals: Sequence = (),
        profile: str | None = None, progress: Callable[[float], None] = lambda p: None,
        cancelled: Callable[[], bool] = never, parcels_of: str | None = None) -> PrecheckResult:
    """Precheck every patch and parcel of ``store`` against the layers given (recorded in
    the store, for parcels cut later), or only the parcels of patch ``parcels_of``."""
    rules = suggest.Rules.of_profile(profile)
    with WorkStore(Path(store)) as ws:
        rows = [] if parcels_of is not None else [("patches", *r) for r in ws.conn.execute(
            "SELECT fid, JCBH, TBLX, HSX, geom FROM patches ORDER BY fid")]
        rows += [("parcels", *r) for r in ws.conn.execute(
            "SELECT p.fid, p.DKBH, t.TBLX, t.HSX, p.geom FROM parcels p "
            "LEFT JOIN patches t ON t.JCBH = p.JCBH WHERE ?1 IS NULL OR p.JCBH = ?1 "
            "ORDER BY p.fid", (parcels_of,))]
        if not rows:
            return PrecheckResult(0, 0, Counter())
        geoms = gpkg.geometries([r[5] for r in rows])
        overlay_layers = read_layers(landuse, farmland, redline, approvals, geoms, rules)
        progress(25)
        if cancelled():
            raise Cancelled()
        tblx = [r[3] for r in rows]
        result = precheck.overlay(geoms, overlay_layers, lambda p: progress(25 + 0.7 * p),
                                  cancelled, context=context_of(tblx, [r[4] for r in rows], rules),
                                  adjustable_cultivated=rules.adjustable_cultivated)
        suggestions = suggest.suggest_all(result, tblx, rules)
        if cancelled():
            raise Cancelled()
        stamp = now()
        updates = {"patches": [], "parcels": []}
        for k, (table, fid, *_) in enumerate(rows):
            record = result.record(k)
            updates[table].append((*(record[f] for f in WRITTEN), result.dlfz(k), result.pwfz(k),
                                   result.gddb(k), *suggestions[k], stamp, fid))
        assignments = ", ".join(f"{f} = ?" for f in (*WRITTEN, "DLFZ", "PWFZ", precheck.GRADE,
                                                      "JYPD", "JYLX", "JYLY", "TSSJ"))
        with ws.transaction() as conn:
            for table, values in updates.items():
                conn.executemany(f"UPDATE {table} SET {assignments} WHERE fid = ?", values)
            if parcels_of is None:
                conn.execute("DELETE FROM store_meta WHERE key = ?", (SOURCES_KEY,))
                conn.execute("INSERT INTO store_meta(key, value) VALUES (?, ?)", (
                    SOURCES_KEY, json.dumps({
                        "landuse": _jsonable(landuse), "farmland": _jsonable(farmland),
                        "redline": _jsonable(redline), "approvals": _jsonable(list(approvals)),
                        "profile": profile}, ensure_ascii=False)))
    progress(100)
    notes = list(result.notes)
    for k, note in sorted(result.patch_notes.items()):
        table, _, key = rows[k][:3]
        notes.append(say("patch {key}: {note}", "图斑 {key}：{note}", key=key, note=note)
                     if table == "patches" else
                     say("parcel {key}: {note}", "地块 {key}：{note}", key=key, note=note))
    return PrecheckResult(len(updates["patches"]), len(updates["parcels"]),
                          Counter(verdict or "" for verdict, *_ in suggestions), notes)
