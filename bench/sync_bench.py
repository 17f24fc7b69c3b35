"""The sync, end to end through the real server process on loopback:
- push: 10,000 verdicts judged in a work store (one batch label) pushed by the sync engine,
  against the floor of a bare bulk insert of the same rows into SQLite (the server's database
  on the same disk); target ≤ 3 s;
- pull: a 20,000-patch batch pulled into a new work store (package + import), against
  ``ogr2ogr`` copying the same patches from the server's ``/ogc`` into a GeoPackage; target ≤ 5 s;
- load: 100 concurrent clients × 100 results (10 pushes of 10 each) against PostgreSQL: every
  one accounted for, p50/p95 per push."""

from __future__ import annotations

import concurrent.futures
import json
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.import_bench import DATA, data
from bench.timing import alternate, describe, spread
from tests.server.servers import PASSWORD, PostgresCluster, Server, cli, env

COUNTY = "410724"
RESULTS = 10_000
CLIENTS, PER_CLIENT, PER_PUSH = 100, 100, 10
RUNS = 3


def _server(db: str, folder: Path, source: Path, workers: int = 1) -> Server:
    cli(db, "migrate", data=folder)
    cli(db, "user", "add", "bench", "--role", "technician", "--region", COUNTY,
        "--password-stdin", stdin=PASSWORD + "\n", data=folder)
    cli(db, "batch", "load", str(source), "--region", COUNTY, data=folder)
    return Server(db, folder, workers=workers)


def _empty_results(db: str) -> None:
    """Back to no results, so each run pushes the same 10,000 as new."""
    owner = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    with owner.begin() as conn:
        for table in ("applied_ops", "idempotency", "changes", "results"):
            conn.execute(text(f"DELETE FROM {table}"))
    owner.dispose()


def push_run(served: Server, store_path: Path, folder: Path) -> float:
    from farmland_guard.store.outbox import Outbox
    from farmland_guard.store.results import Verdicts
    from farmland_guard.store.workstore import WorkStore
    from farmland_guard.sync import engine
    from farmland_guard.sync.client import Client

    _empty_results(served.db)
    copy = folder / "push-run.gpkg"
    shutil.copyfile(store_path, copy)
    with WorkStore(copy) as store:
        patches = [j for j, in store.conn.execute(f"SELECT JCBH FROM patches ORDER BY JCBH "
                                                  f"LIMIT {RESULTS}")]
        Verdicts(store).label(patches, {"PDLX": "其他", "HCHLX": "非新增"})
        client = Client(served.url)
        client.sign_in("bench", PASSWORD)
        started = time.perf_counter()
        report = engine.push(Outbox(store), client)
        seconds = time.perf_counter() - started
    assert report.count("applied") == RESULTS, report.outcomes[:3]
    return seconds


def floor_run(folder: Path) -> float:
    """The same rows bulk-inserted into a bare SQLite table in one transaction."""
    path = folder / "floor.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE results (id TEXT PRIMARY KEY, jcbh TEXT, pdlx TEXT, hchlx TEXT, "
                 "hczt TEXT, data TEXT, version INTEGER, updated_by TEXT, updated_at TEXT)")
    rows = [(str(uuid.uuid4()), f"{COUNTY}SJBG25{n:06d}", "其他", "非新增", "内业完成",
             json.dumps({"PDLX": "其他", "HCHLX": "非新增", "HCZT": "内业完成"},
                        ensure_ascii=False), 1, "bench", "2026-12-03T00:00:00")
            for n in range(RESULTS)]
    started = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def pull_run(served: Server, folder: Path) -> float:
    from farmland_guard.store import importer

    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + served.token("bench")
    started = time.perf_counter()
    [batch] = session.get(served.url + "/sync/v1/batches").json()
    package = folder / "pulled.gpkg"
    with session.get(served.url + f"/sync/v1/batches/{batch['id']}/package", stream=True) as got:
        got.raise_for_status()
        with open(package, "wb") as out:
            shutil.copyfileobj(got.raw, out)
    store = folder / "pulled-store.gpkg"
    store.unlink(missing_ok=True)
    done = importer.run(package, store)
    seconds = time.perf_counter() - started
    assert done.imported == batch["patches"]
    return seconds


def ogr_run(served: Server, folder: Path) -> float:
    out = folder / "ogr.gpkg"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{served.url}/ogc", "patches",
                    "--config", "GDAL_HTTP_AUTH", "BASIC", "--config", "GDAL_HTTP_USERPWD",
                    f"bench:{PASSWORD}", "-oo", "PAGE_SIZE=5000"], check=True, env=env(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def many_clients(served: Server) -> dict:
    """CLIENTS threads, each its own session, pushing PER_CLIENT results PER_PUSH at a time."""
    _empty_results(served.db)
    owner = create_engine(served.db.replace("postgresql://", "postgresql+psycopg://"))
    with owner.connect() as conn:
        patches = [j for j, in conn.execute(text("SELECT jcbh FROM patches ORDER BY jcbh "
                                                 f"LIMIT {CLIENTS * PER_CLIENT}"))]
    bearer = served.token("bench")
    local = threading.local()

    def client(number: int) -> list[float]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["Authorization"] = "Bearer " + bearer
        mine = patches[number * PER_CLIENT:(number + 1) * PER_CLIENT]
        took = []
        for start in range(0, PER_CLIENT, PER_PUSH):
            ops = [{"op_id": str(uuid.uuid4()), "kind": "result", "id": str(uuid.uuid4()),
                    "base_version": 0, "data": {"JCBH": j, "PDLX": "其他", "HCHLX": "非新增",
                                                "HCZT": "内业完成"}}
                   for j in mine[start:start + PER_PUSH]]
            began = time.perf_counter()
            answer = local.session.post(served.url + "/sync/v1/push", json={"ops": ops},
                                        headers={"Idempotency-Key": str(uuid.uuid4())},
                                        timeout=300)
            took.append(time.perf_counter() - began)
            answer.raise_for_status()
            assert {r["status"] for r in answer.json()["results"]} == {"applied"}
        return took

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        latencies = sorted(t for took in pool.map(client, range(CLIENTS)) for t in took)
    wall = time.perf_counter() - started
    with owner.connect() as conn:
        held = conn.execute(text("SELECT COUNT(*) FROM results")).scalar_one()
        seqs = conn.execute(text("SELECT COUNT(*), MIN(seq), MAX(seq) FROM changes")).one()
    owner.dispose()
    quantile = statistics.quantiles(latencies, n=100)
    return {"results": held, "expected": CLIENTS * PER_CLIENT, "pushes": len(latencies),
            "feed_gap_free": seqs[0] == seqs[2] - seqs[1] + 1,
            "p50_ms": round(quantile[49] * 1000), "p95_ms": round(quantile[94] * 1000),
            "wall_s": round(wall, 2)}


def main() -> dict:
    from farmland_guard.store import importer

    data()
    source = DATA / json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))["patch_zip"]
    folder = Path(tempfile.mkdtemp(prefix="fg-sync-bench-"))
    try:
        store = folder / "store.gpkg"
        importer.run(source, store)
        served = _server(f"sqlite:///{folder}/fg.db", folder, source)
        try:
            pushes = alternate(RUNS, floor=lambda: floor_run(folder),
                               ours=lambda: push_run(served, store, folder))
            pulls = alternate(RUNS, peer=lambda: ogr_run(served, folder),
                              ours=lambda: pull_run(served, folder))
        finally:
            served.stop()
        cluster = PostgresCluster().start()
        try:
            (folder / "pg").mkdir()
            pg = _server(cluster.database("fg_bench"), folder / "pg", source, workers=2)
            try:
                load = many_clients(pg)
            finally:
                pg.stop()
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    push, floor = spread(pushes["ours"]), spread(pushes["floor"])
    pull, peer = spread(pulls["ours"]), spread(pulls["peer"])
    print(f"Sync over loopback, ours and the peer alternating, {RUNS} runs")
    print(f"  push {RESULTS} verdicts (SQLite)        {describe(push)}   target ≤ 3 s")
    print(f"    floor: bare bulk insert           {describe(floor)}   ratio "
          f"{push['median'] / floor['median']:.1f}x")
    print(f"  pull a 20,000-patch batch           {describe(pull)}   target ≤ 5 s")
    print(f"    peer: ogr2ogr /ogc -> GPKG         {describe(peer)}   ratio "
          f"{pull['median'] / peer['median']:.2f}x")
    print(f"  {CLIENTS} clients x {PER_CLIENT} results (PostgreSQL, 2 workers): "
          f"{load['results']}/{load['expected']} held, feed gap-free {load['feed_gap_free']}, "
          f"per push p50 {load['p50_ms']} ms p95 {load['p95_ms']} ms, {load['wall_s']} s in all")
    return {"bench": "sync", "push_s": round(push["median"], 2),
            "floor_s": round(floor["median"], 3),
            "push_ratio": round(push["median"] / floor["median"], 1),
            "pull_s": round(pull["median"], 2), "ogr2ogr_s": round(peer["median"], 2),
            "pull_ratio": round(pull["median"] / peer["median"], 2), "clients": load}


if __name__ == "__main__":
    main()
