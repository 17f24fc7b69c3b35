"""Importing a delivered batch into a work store, all or nothing.

A new store is written under a temporary name and renamed into place; a re-import into an
existing store is one SQLite transaction. Either way a cancelled, failed or killed import
leaves the store exactly as it was, and a re-import keeps every verdict and attachment.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import shapely

from ..core.batch import ID, Batch, Problem
from ..core.delivery import read_batch
from ..core.errors import Cancelled, never
from ..core.language import say
from ..core.sources import SourceError, shapefile_parts
from . import gpkg, schema
from .workstore import WorkStore, now, user

DISK_FACTOR = 3  # the store and its temporary copy need about this many times the input


@dataclass
class ImportResult:
    store: Path
    records: int
    imported: int
    repaired: int
    rejected: int
    added: int = 0
    updated: int = 0
    vanished: int = 0
    flagged: int = 0
    problems: list[Problem] = field(default_factory=list)
    report: Path | None = None
    notes: list[str] = field(default_factory=list)


def input_files(path: Path) -> list[Path]:
    """The files an input is made of: a FileGDB folder's, a shapefile's parts, or itself."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    if path.suffix.lower() == ".shp":
        return sorted(shapefile_parts(path).values())
    return [path]


def input_size(path: Path) -> int:
    return sum(p.stat().st_size for p in input_files(path))


def check_disk(source: Path, store: Path) -> None:
    need = input_size(source) * DISK_FACTOR
    free = shutil.disk_usage(store.parent).free
    if free < need:
        raise SourceError(say("not enough disk space in {folder} to import {name}: it needs "
                              "about {need:.0f} MiB, {free:.0f} MiB are free",
                              "{folder} 磁盘空间不足，无法导入 {name}：约需 {need:.0f} MiB，"
                              "只剩 {free:.0f} MiB", folder=store.parent, name=source.name,
                              need=need / 2**20, free=free / 2**20))


def file_sha256(path: Path) -> str:
    """One digest of everything the input is made of (a corrected .dbf changes it)."""
    digest = hashlib.sha256()
    for item in input_files(path):
        with open(item, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def geometry_hashes(geoms) -> list[str]:
    """Hash of each geometry to 1e-7° (about 1 cm), so reprojection noise is not a change."""
    normal = shapely.normalize(np.asarray(geoms, dtype=object))
    coords, owner = shapely.get_coordinates(normal, return_index=True)
    coords = np.round(coords, 7)
    splits = np.flatnonzero(np.diff(owner)) + 1
    return [hashlib.sha1(chunk.tobytes()).hexdigest()
            for chunk in np.split(coords, splits)] if len(coords) else []


def run(source: Path, store: Path, encoding: str = "auto", profile: str = "auto",
        layer: str | None = None, crs: str | None = None, mapping: dict | None = None,
        progress: Callable[[float], None] = lambda p: None,
        cancelled: Callable[[], bool] = never) -> ImportResult:
    """Import ``source`` into ``store`` (created if missing)."""
    source, store = Path(source), Path(store)
    if not source.exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=source))
    if store.resolve() == source.resolve():
        raise SourceError(say("the work store cannot be the delivered file {name} itself; "
                              "choose another name", "工作库不能就是下发的文件 {name} 本身；"
                              "请换一个名称", name=source.name))
    store.parent.mkdir(parents=True, exist_ok=True)
    check_disk(source, store)
    # Unpacked files go beside the store (the disk checked), unless its folder has a '!',
    # which GDAL paths read as an archive separator.
    beside = store.parent if "!" not in str(store.parent.resolve()) else None
    with tempfile.TemporaryDirectory(prefix=".fg-import-", dir=beside) as work:
        delivery = read_batch(source, Path(work), encoding, profile, layer, crs, mapping)
        found, batch = delivery.found, delivery.batch
        frame, chosen, verdict = found.frame, found.layer, found.encoding
        progress(55)
        if cancelled():
            raise Cancelled()
        info = {"at": now(), "who": user(), "source": str(source),
                "source_sha256": file_sha256(chosen.path if chosen.is_shapefile and
                                             source.suffix.lower() == ".zip" else source),
                "layer": chosen.label, "profile": delivery.profile,
                "encoding": f"{verdict.encoding} ({verdict.source})",
                "crs": str(frame.crs.to_string() if frame.crs is not None else crs)}
        counts = write(batch, store, info, progress, cancelled)
    notes = [n for n in (verdict.note, *chosen.notes) if n]
    result = ImportResult(store, batch.source_records, len(batch.frame), batch.repaired,
                          batch.rejected, *counts, problems=batch.problems, notes=notes)
    result.report = write_report(result)
    progress(100)
    return result


def write(batch: Batch, store: Path, info: dict, progress, cancelled) -> tuple[int, int, int, int]:
    if store.exists():
        with WorkStore(store) as ws:
            return merge(ws, batch, info, progress, cancelled)
    for stale in store.parent.glob(f".{store.stem}.importing-*"):
        stale.unlink()  # left by an import that was killed (the file and its journals)
    temporary = store.with_name(f".{store.stem}.importing-{os.getpid()}.gpkg")
    try:
        schema.create(temporary, store.stem)
        with WorkStore(temporary, scratch=True) as ws:
            counts = merge(ws, batch, info, progress, cancelled)
            ws.conn.execute("PRAGMA journal_mode=WAL")  # the store works in WAL from now on
        with open(temporary, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(temporary, store)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    return counts


def merge(ws: WorkStore, batch: Batch, info: dict, progress, cancelled):
    """Add new patches, update delivered ones, mark vanished ones; verdicts are untouched."""
    frame = batch.frame
    hashes = geometry_hashes(batch.geometries)
    bounds = shapely.bounds(batch.geometries)
    blobs = gpkg.blobs(batch.geometries, schema.SRS_ID, bounds)
    conn = ws.conn
    with ws.transaction(), gpkg.bulk_spatial_index(conn, "patches"):
        present = {row[1].upper() for row in conn.execute("PRAGMA table_info(patches)")}
        for extra in batch.extras:  # SQLite names ignore case, as does the check
            if extra.upper() not in present:
                conn.execute(f"ALTER TABLE patches ADD COLUMN {gpkg.quote(extra)} TEXT")
        columns = list(schema.DELIVERED) + batch.extras
        cursor = conn.execute(
            "INSERT INTO imports(at, who, source, source_sha256, layer, profile, encoding, crs, "
            "records, imported, repaired, rejected) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (info["at"], info["who"], info["source"], info["source_sha256"], info["layer"],
             info["profile"], info["encoding"], info["crs"], batch.source_records, len(frame),
             batch.repaired, batch.rejected))
        import_id = str(cursor.lastrowid)
        quoted = ", ".join(gpkg.quote(c) for c in columns)
        existing = {row[0]: row[1:] for row in conn.execute(
            f'SELECT JCBH, TXHASH, HCZT, PDLX, PCZT, {quoted} FROM patches')}
        judged = {row[0] for row in conn.execute("SELECT DISTINCT JCBH FROM results")}
        cells = frame[columns].astype(object)
        values = [tuple(row) for row in cells.where(cells.notna(), None).to_numpy().tolist()]
        inserts, updates, history, written, reshaped = [], [], [], [], []
        flagged = 0
        ids = frame[ID].tolist()
        for i, jcbh in enumerate(ids):
            old = existing.get(jcbh)
            if old is None:
                inserts.append((blobs[i], jcbh, *values[i], schema.UNCHECKED, schema.IN_BATCH, 0,
                                hashes[i], import_id))
                written.append(i)
                continue
            old_hash, state, verdict, batch_state = old[:4]
            geometry_changed = old_hash != hashes[i]
            if not geometry_changed and tuple(old[4:]) == values[i] and batch_state == schema.IN_BATCH:
                continue
            if geometry_changed:
                reshaped.append(jcbh)
            second_look = geometry_changed and (
                jcbh in judged or state != schema.UNCHECKED or verdict is not None)
            if second_look:
                flagged += 1
                history.append((jcbh, "geometry", old_hash, hashes[i]))
            if batch_state != schema.IN_BATCH:
                history.append((jcbh, "PCZT", batch_state, schema.IN_BATCH))
            updates.append((blobs[i], *values[i], hashes[i], import_id, int(second_look),
                            "图形在新批次中变化" if second_look else None, jcbh))
            written.append(i)
        progress(70)
        conn.executemany(
            f'INSERT INTO patches(geom, JCBH, {quoted}, HCZT, PCZT, FHBZ, TXHASH, PCBH) '
            f'VALUES ({", ".join("?" * (len(columns) + 7))})', inserts)
        assignments = ", ".join(f"{gpkg.quote(c)} = ?" for c in columns)
        conn.executemany(
            f"UPDATE patches SET geom = ?, {assignments}, TXHASH = ?, PCBH = ?, "
            f"PCZT = '{schema.IN_BATCH}', FHBZ = MAX(FHBZ, ?), FHYY = COALESCE(?, FHYY) "
            "WHERE JCBH = ?", updates)
        history += _forget_old_outline(conn, reshaped)
        fid_of = dict(conn.execute("SELECT JCBH, fid FROM patches"))
        gpkg.index_rows(conn, "patches", [fid_of[ids[i]] for i in written], bounds[written])
        delivered = set(ids)
        vanished = [j for j, old in existing.items()  # a refused record has not vanished
                    if j not in delivered and j not in batch.refused_ids
                    and old[3] != schema.LEFT_BATCH]
        conn.executemany(f"UPDATE patches SET PCZT = '{schema.LEFT_BATCH}' WHERE JCBH = ?",
                         [(j,) for j in vanished])
        history += [(j, "PCZT", existing[j][3], schema.LEFT_BATCH) for j in vanished]
        conn.executemany(
            "INSERT INTO history(at, who, action, JCBH, field, old, new, op) "
            "VALUES (?, ?, 'import', ?, ?, ?, ?, ?)",
            [(info["at"], info["who"], j, f, o, n, f"import-{import_id}") for j, f, o, n in history])
        conn.execute(
            "UPDATE gpkg_contents SET (min_x, max_x, min_y, max_y) = (SELECT MIN(minx), "
            "MAX(maxx), MIN(miny), MAX(maxy) FROM rtree_patches_geom), "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = 'patches'")
        counts = (len(inserts), len(updates), len(vanished), flagged)
        conn.execute("UPDATE imports SET added = ?, updated = ?, vanished = ?, flagged = ? "
                     "WHERE fid = ?", (*counts, import_id))
        progress(95)
        if cancelled():
            raise Cancelled()
    return counts


def _forget_old_outline(conn, reshaped: list) -> list:
    """What was worked out on a patch's old outline: its precheck figures go (a new precheck
    gives them again), and so do its parcels while none is judged; judged parcels stay, and
    the patch is flagged for a second look. Returns history rows (JCBH, field, old, new)."""
    stale = ", ".join(f"{f} = NULL" for f in schema.PRECHECK_FIELDS)
    for table in ("patches", "parcels"):
        conn.executemany(f"UPDATE {table} SET {stale} WHERE JCBH = ?", [(j,) for j in reshaped])
    history = []
    for jcbh in reshaped:
        rows = conn.execute("SELECT DKBH, PDLX FROM parcels WHERE JCBH = ?", (jcbh,)).fetchall()
        if rows and not any(verdict for _, verdict in rows):
            conn.execute("DELETE FROM parcels WHERE JCBH = ?", (jcbh,))
            history.append((jcbh, "DKBH", json.dumps([d for d, _ in rows], ensure_ascii=False), "[]"))
    return history


def write_report(result: ImportResult) -> Path:
    """The problems as CSV beside the store (UTF-8 with BOM, so Excel reads it)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = result.store.with_name(f"{result.store.stem}_导入报告_{stamp}.csv")
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow([say("record", "记录号"), say("JCBH", "监测编号"), say("field", "字段"),
                      say("rule", "规则"), say("action", "处理"), say("reason", "说明")])
        actions = {"rejected": say("rejected", "拒绝"), "repaired": say("repaired", "修复"),
                   "flagged": say("flagged", "标记")}
        for p in result.problems:
            out.writerow([p.record, p.jcbh, p.field, p.rule, actions.get(p.action, p.action),
                          p.message])
    return path
