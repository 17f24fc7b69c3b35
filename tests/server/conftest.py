"""Every server test runs against a real server process on loopback, once on SQLite and once on
PostgreSQL + PostGIS (a cluster started for the session and dropped after)."""

from __future__ import annotations

import pytest

from .regions import COUNTIES, USERS, batch_file
from .servers import PASSWORD, PostgresCluster, Server, cli

DATABASES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def make_database(request, tmp_path_factory):
    """A new empty database of a kind: ``make_database("sqlite")`` → URL."""
    count = [0]

    def make(kind: str) -> str:
        count[0] += 1
        if kind == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('sqlite')}/fg{count[0]}.db"
        return request.getfixturevalue("postgres").database(f"fg{count[0]}")

    return make


@pytest.fixture(scope="session", params=DATABASES)
def server(request, make_database, tmp_path_factory):
    """A server with the users of the region matrix and a batch in each county."""
    db = make_database(request.param)
    data = tmp_path_factory.mktemp(f"server-{request.param}")
    cli(db, "migrate", data=data)
    for name, (role, region) in USERS.items():
        cli(db, "user", "add", name, "--role", role, "--region", region, "--password-stdin",
            stdin=PASSWORD + "\n", data=data)
    for county in COUNTIES:
        cli(db, "batch", "load", str(batch_file(data, county)), "--region", county, data=data)
    running = Server(db, data)
    running.kind = request.param
    yield running
    running.stop()
