"""Alembic, driven from Python: ``migrate`` brings any database, empty or older, to the head.
A database already at the head is told apart by one query, without loading Alembic (every
command migrates first; the operator's ``batch load`` should not pay for it)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from .db import engine

HERE = Path(__file__).parent / "migrations"
HEAD = "0004"  # the last revision under migrations/versions (a test keeps the two in step)


def config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["engine"] = engine(url)
    return cfg


def at_head(url: str) -> bool:
    try:
        with engine(url).connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    except DBAPIError:  # no table yet: an empty database
        return False


def upgrade(url: str, revision: str = "head") -> None:
    if revision == "head" and at_head(url):
        return
    from alembic import command

    command.upgrade(config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(config(url), revision)


def current(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
