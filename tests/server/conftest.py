"""Every server test runs against a real server process on loopback, once on SQLite and once on
PostgreSQL + PostGIS (a cluster started for the session and dropped after).

A database is seeded once per kind (``seed``: migrations, the users of the region matrix, a
batch in each county) and copied for each server that needs one of its own — a file copy on
SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL — so a fresh server costs a second, not
the twenty the command line takes to seed one."""

from __future__ import annotations

import sqlite3
import time

import pytest

from .seeded import seed
from .servers import PostgresCluster, Server

DATABASES = ("sqlite", "postgresql")
STARTED = time.perf_counter()


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


@pytest.fixture(scope="session")
def seeded_database(request, make_database, tmp_path_factory):
    """A new database of a kind holding what ``seed`` writes: ``seeded_database("sqlite")``."""
    templates: dict[str, str] = {}
    count = [0]

    def make(kind: str) -> str:
        if kind not in templates:
            templates[kind] = make_database(kind)
            seed(templates[kind], tmp_path_factory.mktemp(f"seed-{kind}"))
        count[0] += 1
        template = templates[kind]
        if kind == "sqlite":
            target = tmp_path_factory.mktemp("sqlite") / f"copy{count[0]}.db"
            with sqlite3.connect(template.removeprefix("sqlite:///")) as source, \
                    sqlite3.connect(target) as copy:
                source.backup(copy)
            return f"sqlite:///{target}"
        cluster = request.getfixturevalue("postgres")
        name = f"copy{count[0]}"
        cluster.psql(f"CREATE DATABASE {name} TEMPLATE {template.rsplit('/', 1)[1]} OWNER fg")
        return template.rsplit("/", 1)[0] + "/" + name

    return make


@pytest.fixture(scope="session", params=DATABASES)
def server(request, seeded_database, tmp_path_factory):
    """A server with the users of the region matrix and a batch in each county."""
    running = Server(seeded_database(request.param),
                     tmp_path_factory.mktemp(f"server-{request.param}"))
    running.kind = request.param
    yield running
    running.stop()


@pytest.fixture()
def fresh_server(server, seeded_database, tmp_path_factory):
    """``fresh_server(**environment)``: another server of the same kind as ``server`` on a
    database of its own (seeded alike), for tests that need exact counts or other settings;
    stopped when the test ends."""
    started = []

    def start(**environment) -> Server:
        running = Server(seeded_database(server.kind),
                         tmp_path_factory.mktemp(f"fresh-{server.kind}"), **environment)
        running.kind = server.kind
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(
        f"tests/server: {time.perf_counter() - STARTED:.1f} s since the session began")
