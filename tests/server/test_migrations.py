"""Every migration up, down and up again on an empty database of each kind; on PostgreSQL the
row-level security the migrations set up, checked below the server, as the application role."""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest

from .conftest import DATABASES
from .regions import PATCHES
from .servers import env

# Runs in a process of its own (the server package on its path, as the CLI has it): each
# revision up one at a time, every one down to the base, then up to the head again, with the
# tables and the current revision seen after each step.
STEPS = r"""
import json, sys
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from farmland_guard_server import migrate
from farmland_guard_server.config import database_url
from farmland_guard_server.db import engine

url = database_url(sys.argv[1])
revisions = [s.revision for s in
             reversed(list(ScriptDirectory.from_config(migrate.config(url)).walk_revisions()))]

def seen(step):
    engine(url).dispose()
    tables = sorted(t for t in inspect(engine(url)).get_table_names()
                    if t not in ("spatial_ref_sys", "alembic_version"))
    policies = []
    if url.startswith("postgresql"):
        with engine(url).connect() as conn:
            policies = sorted(conn.execute(text("SELECT tablename FROM pg_policies")).scalars())
    steps.append({"step": step, "current": migrate.current(url), "tables": tables,
                  "policies": policies})

steps = []
for revision in revisions:
    migrate.upgrade(url, revision)
    seen("up " + revision)
for revision in reversed(revisions):
    before = revisions[revisions.index(revision) - 1] if revisions.index(revision) else "base"
    migrate.downgrade(url, before)
    seen("down " + before)
migrate.upgrade(url, "head")
seen("up head")
print(json.dumps({"revisions": revisions, "steps": steps}))
"""


def run_steps(url: str) -> dict:
    done = subprocess.run([sys.executable, "-c", STEPS, url], capture_output=True, text=True,
                          env=env(), timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("kind", DATABASES)
def test_every_migration_goes_up_down_and_up_again(kind, make_database):
    record = run_steps(make_database(kind))
    revisions, steps = record["revisions"], record["steps"]
    assert revisions[:2] == ["0001", "0002"]
    for step in steps:
        print(kind, step["step"], "→", step["current"], len(step["tables"]), "tables")
    first_up = [s for s in steps if s["step"].startswith("up ")][:len(revisions)]
    assert [s["current"] for s in first_up] == revisions
    head_tables = first_up[-1]["tables"]
    assert {"results", "patches", "audit", "users", "refresh_tokens", "changes",
            "problems"} <= set(head_tables)
    downs = [s for s in steps if s["step"].startswith("down ")]
    # 0004 brings the rectification ledger's problems and takes them away again
    assert ["problems" in s["tables"] for s in steps] == [(s["current"] or "") >= "0004"
                                                          for s in steps]
    assert [s["current"] for s in downs] == [*reversed(revisions[:-1]), None]
    assert downs[-1]["tables"] == [], "the base leaves no table behind"
    assert steps[-1]["current"] == revisions[-1] and steps[-1]["tables"] == head_tables
    if kind == "postgresql":  # row-level security comes and goes with 0002
        assert [bool(s["policies"]) for s in steps] == [(s["current"] or "") >= "0002"
                                                        for s in steps]
        assert {"patches", "results", "audit", "changes", "problems"} <= \
            set(steps[-1]["policies"])


def test_row_level_security_holds_below_the_server(server, seeded_database):
    """Connected as the owner, then as the application role the server's transactions run as:
    the region setting decides which rows exist; without it, none; the audit is append-only."""
    if server.kind != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    url = seeded_database("postgresql")
    with psycopg.connect(url) as conn:
        owner = conn.execute("SELECT count(*), count(DISTINCT xzqdm) FROM patches").fetchone()
        assert owner == (3 * PATCHES, 3)
        audit = dict(conn.execute("SELECT xzqdm, count(*) FROM audit GROUP BY xzqdm").fetchall())
        conn.execute("INSERT INTO audit (at, who, role, region, xzqdm, action, entity, "
                     "entity_id) VALUES (now(), 't', 'admin', '41', '410724', 'test', 'x', '1')")
        conn.commit()

        def as_app(region: str | None, sql: str):
            with conn.transaction():
                conn.execute("SET LOCAL ROLE farmland_guard_app")
                if region is not None:
                    conn.execute("SELECT set_config('farmland_guard.region', %s, true)",
                                 (region,))
                return conn.execute(sql).fetchall()

        counted = "SELECT xzqdm, count(*) FROM patches GROUP BY xzqdm ORDER BY xzqdm"
        assert as_app("410724", counted) == [("410724", PATCHES)]
        assert as_app("4107", counted) == [("410724", PATCHES), ("410725", PATCHES)]
        assert as_app("13", counted) == [("130102", PATCHES)]
        assert as_app(None, counted) == []
        assert as_app("", counted) == []
        assert as_app("410724", "SELECT count(*) FROM audit") == [(audit["410724"] + 1,)]
        assert as_app("410725", "SELECT count(*) FROM audit") == [(audit["410725"],)]
        assert as_app("13", "SELECT count(*) FROM audit") == [(audit["130102"],)]
        # another region's rows cannot be reached, nor can a row be moved out of the region
        assert as_app("410725", "UPDATE patches SET tblx = 'x' WHERE xzqdm = '410724' "
                                "RETURNING id") == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_app("410724", "UPDATE patches SET xzqdm = '410725' RETURNING id")
        for sql in ("UPDATE audit SET action = 'x' RETURNING id", "DELETE FROM audit RETURNING id"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                as_app("410724", sql)
            # not even the owner changes the audit: a trigger refuses it
            with pytest.raises(psycopg.errors.RaiseException):
                with conn.transaction():
                    conn.execute(sql)
        assert conn.execute("SELECT count(*) FROM audit WHERE action = 'test'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM audit").fetchone() == (sum(audit.values()) + 1,)


def test_the_head_the_server_knows_is_the_last_revision():
    from alembic.script import ScriptDirectory
    from farmland_guard_server import migrate

    scripts = ScriptDirectory.from_config(migrate.config("sqlite:///:memory:"))
    assert scripts.get_current_head() == migrate.HEAD
