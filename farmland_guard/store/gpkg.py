"""Plain sqlite3 on a GeoPackage: geometry blobs, and the ST_* functions GDAL's R-tree
triggers call on every write to a spatial table (without them sqlite3 cannot write there)."""

from __future__ import annotations

import sqlite3
import struct
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import shapely

ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
HEADER = struct.Struct("<2sBBi")
XY_ENVELOPE = struct.Struct("<4d")


def quote(identifier: str) -> str:
    """An SQL identifier, whatever characters a province put in its field names."""
    return '"' + identifier.replace('"', '""') + '"'


def blobs(geometries, srs_id: int, bounds=None) -> list[bytes | None]:
    """GeoPackage geometry blobs (little-endian, XY envelope) of shapely geometries."""
    geoms = np.asarray(geometries, dtype=object)
    wkbs = shapely.to_wkb(geoms, byte_order=1, flavor="iso")
    bounds = shapely.bounds(geoms) if bounds is None else bounds
    head = HEADER.pack(b"GP", 0, 0b0000_0011, srs_id)
    return [None if wkb is None else
            head + XY_ENVELOPE.pack(b[0], b[2], b[1], b[3]) + wkb
            for wkb, b in zip(wkbs, bounds)]


@contextmanager
def bulk_spatial_index(conn: sqlite3.Connection, table: str, column: str = "geom"):
    """Inside a transaction: lift the R-tree triggers of ``table`` for a bulk write; the
    caller fills the R-tree itself (``index_rows``); the triggers come back before commit."""
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
        "AND name LIKE ?", (table, f"rtree_{table}_{column}_%")).fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        conn.execute(sql)


def index_rows(conn: sqlite3.Connection, table: str, fids, bounds, column: str = "geom"):
    """Put the bounds (minx, miny, maxx, maxy rows) of features ``fids`` in the R-tree,
    west to east: neighbours go in together, which keeps the tree's nodes tight and quick."""
    if not len(bounds):
        return
    order = np.argsort(bounds[:, 0], kind="stable")
    box = bounds[order][:, [0, 2, 1, 3]]
    conn.executemany(
        f'INSERT OR REPLACE INTO "rtree_{table}_{column}"(id, minx, maxx, miny, maxy) '
        "VALUES (?, ?, ?, ?, ?)",
        zip(np.asarray(fids, dtype=np.int64)[order].tolist(), *box.T.tolist()))


def _split(blob: bytes):
    flags = blob[3]
    envelope = ENVELOPE_BYTES.get((flags >> 1) & 0b111, 0)
    return flags, blob[8:8 + envelope], blob[8 + envelope:]


def wkb_of(blob: bytes | None) -> bytes | None:
    return None if blob is None else _split(blob)[2]


def geometries(blob_list) -> np.ndarray:
    return shapely.from_wkb([wkb_of(b) for b in blob_list])


def _envelope(blob):
    if blob is None:
        return None
    flags, envelope, wkb = _split(blob)
    if flags & 0b1_0000:
        return None
    if envelope:
        minx, maxx, miny, maxy = struct.unpack("<4d", envelope[:32])
        return minx, maxx, miny, maxy
    minx, miny, maxx, maxy = shapely.bounds(shapely.from_wkb(wkb))
    return minx, maxx, miny, maxy


def _is_empty(blob):
    return 1 if blob is None or _envelope(blob) is None else 0


def connect(path: Path, timeout: float = 30.0) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), able to write spatial tables."""
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    conn.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(
            name, 1, lambda blob, i=i: None if (e := _envelope(blob)) is None else e[i],
            deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
