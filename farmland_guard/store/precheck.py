"""The precheck (套合) of a work store: every patch and parcel overlaid with the layers, its
figures and suggested verdict written in one transaction. A cancel before the write leaves the
store untouched; a ``QgsTask`` wraps ``run`` with its progress and cancel."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..core import layers as layer_io
from ..core import precheck, suggest
from ..core.language import say
from . import gpkg
from .workstore import WorkStore, now

WRITTEN = ("GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ")
Cancelled = precheck.Cancelled


@dataclass
class PrecheckResult:
    patches: int
    parcels: int
    suggested: Counter  # suggested verdict ("" when none) -> how many patches and parcels
    notes: list = field(default_factory=list)


def _never() -> bool:
    return False


def _sources(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, (str, Path)) else list(value)


def read_layers(landuse, farmland=None, redline=None, approvals: Sequence = (),
                near=None) -> precheck.Layers:
    """The overlay layers from their sources (``path`` or ``path|layername=NAME``), what lies
    near the ``near`` geometries; ``landuse`` may be several sources (e.g. the land use of two
    counties), read as one layer."""
    land_sources, farm_sources, red_sources, approval_sources = (
        _sources(v) for v in (landuse, farmland, redline, approvals))
    jobs = [(s, ("DLBM",), ("KCXS",)) for s in land_sources]
    jobs += [(s, (), ()) for s in farm_sources + red_sources + approval_sources]
    with ThreadPoolExecutor(max_workers=2) as pool:  # GDAL reads while the other reprojects
        read = list(pool.map(lambda job: layer_io.read(*job, near=near), jobs))
    land, rest = read[:len(land_sources)], read[len(land_sources):]
    n_farm, n_red = len(farm_sources), len(red_sources)

    def joined(part):
        return np.concatenate([r.geometries for r in part]) if part else None

    kcxs = (np.concatenate([layer_io.numbers(r.columns["KCXS"]) for r in land])
            if all("KCXS" in r.columns for r in land) else None)
    return precheck.Layers(joined(land), np.concatenate([r.columns["DLBM"] for r in land]), kcxs,
                           joined(rest[:n_farm]), joined(rest[n_farm:n_farm + n_red]),
                           [r.geometries for r in rest[n_farm + n_red:]] or None)


def run(store, landuse, farmland=None, redline=None, approvals: Sequence = (),
        profile: str | None = None, progress: Callable[[float], None] = lambda p: None,
        cancelled: Callable[[], bool] = _never) -> PrecheckResult:
    """Precheck every patch and parcel of ``store`` against the layers given."""
    rules = suggest.Rules.of_profile(profile)
    with WorkStore(Path(store)) as ws:
        rows = [("patches", *r) for r in ws.conn.execute(
            "SELECT fid, JCBH, TBLX, geom FROM patches ORDER BY fid")]
        rows += [("parcels", *r) for r in ws.conn.execute(
            "SELECT p.fid, p.DKBH, t.TBLX, p.geom FROM parcels p "
            "LEFT JOIN patches t ON t.JCBH = p.JCBH ORDER BY p.fid")]
        geoms = gpkg.geometries([r[4] for r in rows])
        overlay_layers = read_layers(landuse, farmland, redline, approvals, geoms)
        progress(25)
        if cancelled():
            raise Cancelled()
        result = precheck.overlay(geoms, overlay_layers, lambda p: progress(25 + 0.7 * p),
                                  cancelled)
        suggestions = suggest.suggest_all(result, [r[3] for r in rows], rules)
        if cancelled():
            raise Cancelled()
        stamp = now()
        updates = {"patches": [], "parcels": []}
        for k, (table, fid, *_) in enumerate(rows):
            record = result.record(k)
            updates[table].append((*(record[f] for f in WRITTEN), result.dlfz(k),
                                   *suggestions[k], stamp, fid))
        assignments = ", ".join(f"{f} = ?" for f in (*WRITTEN, "DLFZ", "JYPD", "JYLY", "TSSJ"))
        with ws.transaction() as conn:
            for table, values in updates.items():
                conn.executemany(f"UPDATE {table} SET {assignments} WHERE fid = ?", values)
    progress(100)
    notes = list(result.notes)
    for k, note in sorted(result.patch_notes.items()):
        table, _, key = rows[k][:3]
        notes.append(say("patch {key}: {note}", "图斑 {key}：{note}", key=key, note=note)
                     if table == "patches" else
                     say("parcel {key}: {note}", "地块 {key}：{note}", key=key, note=note))
    return PrecheckResult(len(updates["patches"]), len(updates["parcels"]),
                          Counter(verdict or "" for verdict, _ in suggestions), notes)
