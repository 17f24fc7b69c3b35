"""``batch load``: a delivered package read as the plugin's importer reads it
(``core.delivery``: GBK shapefiles in a zip, Gauss–Krüger zones, repairs, the same problems)
and written in one transaction — all of it, or nothing."""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from farmland_guard.core.batch import ID, Problem
from farmland_guard.core.delivery import read_batch
from farmland_guard.core.language import say
from farmland_guard.core.sources import SourceError

from .context import Context
from .geometry import SRID
from .models import Batch

GEOMETRY = ("geometry", "geom", "RECORD")
# a patch row as written: ``fields`` is JSON text, ``geom`` WKB (EWKB with the SRID on PostGIS)
COLUMNS = ("jcbh", "xzqdm", "tblx", "tbmj_mu", "fields", "geom", "minx", "miny", "maxx", "maxy")
SQLITE_CHUNK = 500  # jcbh per IN (…) query: well under SQLite's limit on parameters


@dataclass
class Loaded:
    batch_id: int
    records: int
    added: int
    updated: int
    repaired: int
    rejected: int
    problems: list[Problem] = field(default_factory=list)


def _native(value):
    """What ``json.dumps`` cannot write itself: numpy scalars, dates."""
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _values(series) -> list:
    """A column as Python values, missing ones (None, NaN, NaT) as ``None``."""
    values = series.tolist()
    for i in np.flatnonzero(series.isna().to_numpy()):
        values[i] = None
    return values


def _rows(frame, codes: list[str], geometries, postgres: bool) -> list[tuple]:
    """The patch rows (``COLUMNS``) in bulk: the fields as JSON text, the outlines as WKB
    (binary EWKB with the SRID for PostGIS), the bbox from one shapely call."""
    columns = [c for c in frame.columns if c not in GEOMETRY]
    values = {c: _values(frame[c]) for c in columns}
    encode = json.JSONEncoder(ensure_ascii=False, default=_native).encode
    fields = [encode(dict(zip(columns, row))) for row in zip(*values.values())]
    if postgres:
        wkb = shapely.to_wkb(shapely.set_srid(geometries, SRID), include_srid=True).tolist()
    else:
        wkb = shapely.to_wkb(geometries).tolist()
    bounds = shapely.bounds(geometries).tolist()
    empty = [None] * len(frame)
    return list(zip(values[ID], codes, values.get("TBLX", empty), values["TBMJ_MU"], fields, wkb,
                    *zip(*bounds)))


def _write_sqlite(dbapi, batch_id: int, region: str, rows: list[tuple]) -> tuple[int, int]:
    """Plain ``executemany`` on the session's own connection (one transaction): patches seen
    before in ``region`` (the caller's scope) are updated (their fields and outline, never their
    verdict), the others added. Returns (added, updated)."""
    cursor = dbapi.cursor()
    ids, known = [r[0] for r in rows], set()
    for start in range(0, len(ids), SQLITE_CHUNK):
        part = ids[start:start + SQLITE_CHUNK]
        known.update(j for (j,) in cursor.execute(
            f"SELECT jcbh FROM patches WHERE substr(xzqdm, 1, ?) = ? "
            f"AND jcbh IN ({','.join('?' * len(part))})", [len(region), region, *part]))
    cursor.executemany(
        f"INSERT INTO patches (batch_id, {', '.join(COLUMNS)}) "
        f"VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
        [(batch_id, *r) for r in rows if r[0] not in known])
    cursor.executemany(
        f"UPDATE patches SET batch_id = ?, {', '.join(f'{c} = ?' for c in COLUMNS[1:])} "
        "WHERE jcbh = ?", [(batch_id, *r[1:], r[0]) for r in rows if r[0] in known])
    cursor.close()
    return len(rows) - len(known), len(known)


_TYPES = ("text", "text", "text", "float8", "text", "bytea", "float8", "float8", "float8", "float8")
_VALUES = ("l.xzqdm", "l.tblx", "l.tbmj_mu", "l.fields::json", "ST_GeomFromEWKB(l.geom)",
           "l.minx", "l.miny", "l.maxx", "l.maxy")
_TEMP_TABLE = ("CREATE TEMP TABLE fg_load ("
               + ", ".join(f"{c} {t}" for c, t in zip(COLUMNS, _TYPES)) + ") ON COMMIT DROP")
# without a temporary table (TEMPORARY revoked from the role): one array per column, unnested
_UNNEST = ("unnest(" + ", ".join(f"%b::{t}[]" for t in _TYPES) + ") AS l("
           + ", ".join(COLUMNS) + ")")


def _write_postgres(dbapi, batch_id: int, region: str, rows: list[tuple]) -> tuple[int, int]:
    """As ``_write_sqlite``, on PostgreSQL: the rows go by binary COPY into a temporary table,
    then into ``patches`` with one UPDATE and one INSERT … SELECT, so row-level security checks
    every row (COPY straight into ``patches`` is refused: it is under row-level security)."""
    from psycopg.errors import InsufficientPrivilege

    with dbapi.cursor() as cursor:
        cursor.execute("SAVEPOINT fg_load")
        try:
            cursor.execute(_TEMP_TABLE)
        except InsufficientPrivilege:
            cursor.execute("ROLLBACK TO SAVEPOINT fg_load")
            return _write_postgres_arrays(cursor, batch_id, rows)
        cursor.execute("RELEASE SAVEPOINT fg_load")
        with cursor.copy("COPY fg_load FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(_TYPES)
            for row in rows:
                copy.write_row(row)
        known = {j for (j,) in cursor.execute(
            "SELECT p.jcbh FROM patches p JOIN fg_load l ON l.jcbh = p.jcbh")}
        if known:
            sets = ", ".join(f"{c} = {v}" for c, v in zip(COLUMNS[1:], _VALUES))
            cursor.execute(f"UPDATE patches SET batch_id = %s, {sets} FROM fg_load l "
                           "WHERE patches.jcbh = l.jcbh", (batch_id,))
        cursor.execute(f"INSERT INTO patches (batch_id, {', '.join(COLUMNS)}) "
                       f"SELECT %s, l.jcbh, {', '.join(_VALUES)} FROM fg_load l "
                       "WHERE NOT EXISTS (SELECT 1 FROM patches p WHERE p.jcbh = l.jcbh)",
                       (batch_id,))
        cursor.execute("DROP TABLE fg_load")
    return len(rows) - len(known), len(known)


def _write_postgres_arrays(cursor, batch_id: int, rows: list[tuple]) -> tuple[int, int]:
    known = {j for (j,) in cursor.execute("SELECT jcbh FROM patches WHERE jcbh = ANY(%b)",
                                          ([r[0] for r in rows],))}
    old = [r for r in rows if r[0] in known]
    new = [r for r in rows if r[0] not in known]
    if old:
        sets = ", ".join(f"{c} = {v}" for c, v in zip(COLUMNS[1:], _VALUES))
        cursor.execute(f"UPDATE patches SET batch_id = %s, {sets} FROM {_UNNEST} "
                       "WHERE patches.jcbh = l.jcbh", (batch_id, *map(list, zip(*old))))
    if new:
        cursor.execute(f"INSERT INTO patches (batch_id, {', '.join(COLUMNS)}) "
                       f"SELECT %s, l.jcbh, {', '.join(_VALUES)} FROM {_UNNEST}",
                       (batch_id, *map(list, zip(*new))))
    return len(new), len(old)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    for part in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if part.is_file():
            with open(part, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


def load(ctx: Context, source: Path, region: str, name: str | None = None,
         encoding: str = "auto", profile: str = "auto", layer: str | None = None,
         crs: str | None = None) -> Loaded:
    source = Path(source)
    if not source.exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=source))
    with tempfile.TemporaryDirectory(prefix="fg-load-") as work:
        delivery = read_batch(source, Path(work), encoding, profile, layer, crs)
    built = delivery.batch
    frame = built.frame
    problems = list(built.problems)
    codes = [c or region for c in frame["XZQDM"].tolist()]
    inside = np.array([str(c).startswith(region) for c in codes], dtype=bool)
    for i in np.flatnonzero(~inside):
        problems.append(Problem(int(frame["RECORD"][i]), frame[ID][i], "XZQDM", "region",
                                "rejected", say("{code} is outside region {region}",
                                                "{code} 不在辖区 {region} 之内",
                                                code=codes[i], region=region)))
    if not inside.any():
        raise SourceError(say("none of the patches of {label} lies in region {region}",
                              "{label} 中没有图斑位于辖区 {region} 之内",
                              label=delivery.label, region=region))
    keep = np.flatnonzero(inside)
    batch = Batch(name=name or source.stem, xzqdm=region, source_sha256=_digest(source),
                  loaded_by=ctx.scope.user, report=[])
    ctx.session.add(batch)
    ctx.session.flush()
    postgres = ctx.session.get_bind().dialect.name == "postgresql"
    rows = _rows(frame.iloc[keep], [codes[i] for i in keep], built.geometries[keep], postgres)
    write = _write_postgres if postgres else _write_sqlite
    added, updated = write(ctx.session.connection().connection.dbapi_connection, batch.id,
                           ctx.scope.region, rows)
    batch.patches = added + updated
    batch.report = [vars(p) | {"message": str(p.message)} for p in problems]
    ctx.journal("load", "batch", str(batch.id), region, None, 1,
                {"source": source.name, "added": added, "updated": updated,
                 "rejected": len({p.record for p in problems if p.action == "rejected"})})
    return Loaded(batch.id, built.source_records, added, updated, built.repaired,
                  len({p.record for p in problems if p.action == "rejected"}), problems)
