"""Engines and transactions. SQLite (the embedded default) runs in WAL mode with writers
taking the lock at BEGIN; PostgreSQL needs nothing in the process, so several workers share it."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .scope import Scope, enter

WRITE = "farmland_guard_write"


@lru_cache(maxsize=8)
def engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        made = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite(made)
        return made
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _sqlite(made: Engine) -> None:
    @event.listens_for(made, "connect")
    def _connect(dbapi, _):
        dbapi.isolation_level = None  # transactions begun below, not by the driver
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                       "busy_timeout=30000"):
            dbapi.execute(f"PRAGMA {pragma}")

    @event.listens_for(made, "begin")
    def _begin(conn):
        # a writer takes the lock at once: no deadlock upgrading a read lock later
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE)
                             else "BEGIN")


@contextmanager
def transaction(url: str, scope: Scope | None, write: bool = False):
    """One transaction under ``scope``: committed when the block ends, rolled back on error."""
    with Session(engine(url), expire_on_commit=False) as session:
        with session.begin():
            session.connection(execution_options={WRITE: write})
            enter(session, scope)
            yield session
