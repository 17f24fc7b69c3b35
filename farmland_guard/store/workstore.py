"""Opening a work store: version check and migrations, WAL, one transaction per user action."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from ..core import identity
from ..core.errors import FarmlandGuardError
from ..core.language import say
from . import gpkg, schema


class StoreError(FarmlandGuardError, RuntimeError):
    """The file is not a work store this version can use, or lacks what was asked of it."""

    code = "store"


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version a work store records; raises ``sqlite3.Error``, ``TypeError`` or
    ``ValueError`` for a file that is no work store."""
    row = conn.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0] if row else None)


def schema_version(path: Path) -> int | None:
    """The schema version of the work store at ``path``, read without writing to the file (QGIS
    may have it open); None when it is no work store."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:  # ``with`` would commit, not close: close it, the file is QGIS's too
        return stored_version(conn)
    except (sqlite3.Error, TypeError, ValueError):
        return None
    finally:
        conn.close()


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


user = identity.user  # who the history names: see core.identity


class WorkStore:
    def __init__(self, path: Path, scratch: bool = False):
        """``scratch``: a store being built under a temporary name, made safe by the final
        rename rather than by journaling (which would write everything twice)."""
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(say("{path} does not exist", "{path} 不存在", path=self.path))
        self.conn = gpkg.connect(self.path)
        try:  # look before touching: another GeoPackage must be left exactly as it is
            version = stored_version(self.conn)
        except (sqlite3.DatabaseError, TypeError, ValueError) as error:
            self.conn.close()
            raise StoreError(say("{name} is not a farmland_guard work store ({error})",
                                 "{name} 不是 farmland_guard 工作库（{error}）",
                                 name=self.path.name, error=error)) from error
        if scratch:
            self.conn.execute("PRAGMA journal_mode=OFF")
            self.conn.execute("PRAGMA synchronous=OFF")
        else:
            # The journal mode is left as it is: stores are made in WAL, but QGIS switches a
            # GeoPackage between WAL and DELETE as it opens and closes it, and changing the
            # mode under QGIS's open readers empties them. Transactions are atomic in both.
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                self.conn.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL only
        if version > schema.SCHEMA_VERSION:
            self.conn.close()
            raise StoreError(say("{name} was made by a newer farmland_guard (schema {found} > "
                                 "{known}); update the plugin",
                                 "{name} 由更新版本的 farmland_guard 创建（库结构 {found} > "
                                 "{known}）；请升级插件", name=self.path.name, found=version,
                                 known=schema.SCHEMA_VERSION))
        self._migrate(version)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self):
        """One user action: all of it or nothing, and no other writer meanwhile."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, schema.SCHEMA_VERSION + 1):
            with self.transaction() as conn:
                for statement in schema.MIGRATIONS[target]:
                    if callable(statement):  # a step SQL text cannot say (GDAL's layers)
                        statement(conn)
                    else:
                        conn.execute(statement)
                conn.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'",
                             (str(target),))

    @property
    def files_dir(self) -> Path:
        """Attachments, kept by SHA-256 in a folder beside the store."""
        return self.path.with_name(self.path.stem + ".files")

    def add_attachment(self, file: Path, jcbh: str, dkbh: str = "", mime: str = "",
                       meta: str = "") -> str:
        """Keep ``file`` for a patch; the same content is stored once whatever its name."""
        digest = hashlib.sha256()
        with open(file, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        target = self.files_dir / sha[:2] / sha
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            shutil.copyfile(file, partial)
            partial.replace(target)
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO attachments(sha256, JCBH, DKBH, name, mime, size, meta, "
                "added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha, jcbh, dkbh, Path(file).name, mime, target.stat().st_size, meta, now(),
                 user()))
        return sha
