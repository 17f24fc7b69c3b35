"""The server's ``batch load`` of the 20,000-patch demo batch (a GBK shapefile in a zip, EPSG:4526)
against ``ogr2ogr -f PostgreSQL`` of the same file with the same reprojection to EPSG:4490. Target:
the whole command (``python -m farmland_guard_server batch load FILE --region 410724 --db URL``:
start-up, reading, checks, repairs, one transaction) ≤ 2× the peer. Each run gets a fresh database
in a throwaway PostgreSQL cluster, migrated (ours) or with PostGIS created (the peer) before the
clock starts. The in-process ``load()`` and the same pair on SQLite are printed for information."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

from bench import import_bench
from bench.timing import alternate, describe, spread
from dev.qgis_desktop import ROOT

if str(ROOT / "server") not in sys.path:
    sys.path.insert(0, str(ROOT / "server"))

from tests.server.servers import PostgresCluster, env  # noqa: E402

REGION = "410724"
RUNS = 3  # alternating rounds (bench/timing.py)
LOADED = re.compile(r"(\d+) records, (\d+) new")


def data() -> Path:
    """The zip of the import benchmark's 20,000 patches (generated once under var/bench)."""
    import_bench.data()
    manifest = json.loads((import_bench.DATA / "manifest.json").read_text(encoding="utf-8"))
    return import_bench.DATA / manifest["patch_zip"]


def server_cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "farmland_guard_server", *args],
                          capture_output=True, text=True, env=env(), cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"{args[:2]}: exit {done.returncode}\n{done.stderr[-3000:]}")
    return done.stdout


def ours(source: Path, url: str) -> dict:
    server_cli("migrate", "--db", url)  # the schema exists before a batch arrives
    started = time.perf_counter()
    out = server_cli("batch", "load", str(source), "--region", REGION, "--db", url)
    seconds = time.perf_counter() - started
    records, added = map(int, LOADED.search(out).groups())
    return {"seconds": seconds, "records": records, "added": added}


def in_process(source: Path, url: str) -> dict:
    """``loading.load`` in this process (modules imported, schema migrated): what the
    command spends on reading, checking and writing, without the interpreter's start-up."""
    from farmland_guard_server import migrate
    from farmland_guard_server.config import Settings
    from farmland_guard_server.context import Context
    from farmland_guard_server.db import transaction
    from farmland_guard_server.loading import load
    from farmland_guard_server.scope import Scope

    settings = Settings.load(url)
    migrate.upgrade(settings.db_url)
    scope = Scope("bench", "admin", REGION)
    started = time.perf_counter()
    with transaction(settings.db_url, scope, write=True) as session:
        done = load(Context(session, scope, settings), source, REGION)
    return {"seconds": time.perf_counter() - started, "added": done.added}


def ogr2ogr(source: Path, *target: str) -> float:
    """The peer: the same zip, the same encoding and reprojection, MultiPolygons as ours holds
    (without ``-nlt PROMOTE_TO_MULTI`` the column is typed Polygon and every multi-part patch
    gets a warning)."""
    started = time.perf_counter()
    subprocess.run(["ogr2ogr", *target, f"/vsizip/{source}", "-t_srs", "EPSG:4490",
                    "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom",
                    "--config", "SHAPE_ENCODING", "CP936"],
                   check=True, env=env(), capture_output=True)
    return time.perf_counter() - started


def main() -> dict:
    source = data()
    cluster = PostgresCluster().start()
    numbers = count()
    try:
        with tempfile.TemporaryDirectory(prefix="fg-batchload-") as folder:
            tmp = Path(folder)

            def database() -> str:
                return cluster.database(f"load{next(numbers)}")

            def peer_pg() -> float:
                url = database()
                name = url.rsplit("/", 1)[1]
                cluster.psql("CREATE EXTENSION postgis", name)
                return ogr2ogr(source, "-f", "PostgreSQL",
                               f"PG:host=127.0.0.1 port={cluster.port} dbname={name} user=fg "
                               "password=fg")

            def sqlite() -> str:
                return f"sqlite:///{tmp}/ours{next(numbers)}.db"

            def peer_sqlite() -> float:
                return ogr2ogr(source, "-f", "SQLite", str(tmp / f"peer{next(numbers)}.sqlite"))

            ogr2ogr(source, "-f", "SQLite", str(tmp / "warm.sqlite"))  # warm the file cache
            runs = alternate(RUNS, peer=peer_pg, ours=lambda: ours(source, database()),
                             load=lambda: in_process(source, database()),
                             peer_sqlite=peer_sqlite, ours_sqlite=lambda: ours(source, sqlite()))
    finally:
        cluster.stop()
    loaded = {r["added"] for name in ("ours", "load", "ours_sqlite") for r in runs[name]}
    assert len(loaded) == 1, f"runs loaded different counts: {loaded}"
    s = {name: spread(values) for name, values in runs.items()}
    ratio = {name: round(s[name]["median"] / s[peer]["median"], 2)
             for name, peer in (("ours", "peer"), ("load", "peer"),
                                ("ours_sqlite", "peer_sqlite"))}
    result = {
        "bench": "batchload", "patches": loaded.pop(),
        "ogr2ogr_pg_s": round(s["peer"]["median"], 2),
        "ogr2ogr_pg_spread_s": [round(s["peer"]["min"], 2), round(s["peer"]["max"], 2)],
        "cli_pg_s": round(s["ours"]["median"], 2),
        "cli_pg_spread_s": [round(s["ours"]["min"], 2), round(s["ours"]["max"], 2)],
        "cli_pg_ratio": ratio["ours"], "target": 2.0,
        "load_pg_s": round(s["load"]["median"], 2), "load_pg_ratio": ratio["load"],
        "ogr2ogr_sqlite_s": round(s["peer_sqlite"]["median"], 2),
        "cli_sqlite_s": round(s["ours_sqlite"]["median"], 2),
        "cli_sqlite_ratio": ratio["ours_sqlite"],
    }
    print(f"batch load of {result['patches']} GBK patches (EPSG:4526 → 4490), ours and ogr2ogr "
          f"alternating:\n"
          f"  PostgreSQL  ogr2ogr {describe(s['peer'])}\n"
          f"              batch load (the command) {describe(s['ours'])} = {ratio['ours']:.2f}x "
          f"(target 2x)\n"
          f"              load() in process {describe(s['load'])} = {ratio['load']:.2f}x\n"
          f"  SQLite      ogr2ogr {describe(s['peer_sqlite'])}\n"
          f"              batch load (the command) {describe(s['ours_sqlite'])} = "
          f"{ratio['ours_sqlite']:.2f}x (information)")
    return result


if __name__ == "__main__":
    main()
