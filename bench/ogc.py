"""``/ogc`` read speed. The 20,000-patch batch is loaded into a server (SQLite, ``batch load``);
then, alternating with the peer:
- ours: every patch paged through ``/ogc/collections/patches/items`` (``limit`` = page_max,
  following the ``next`` links), the bodies read whole;
- peer: ``ogr2ogr -f GeoJSON /vsistdout/`` reading the same patches from a GeoPackage (made
  from the same zip by ogr2ogr, in EPSG:4490 like ours).
The ratio is printed; then the latency of single-item requests (``/items/{JCBH}``) under 50
concurrent readers, ~2,000 requests: p50, p95, p99 and the throughput. Last, a verdict pushed
for every patch (违法, half of them rectified), and every result paged through
``/ogc/collections/results/items`` like the patches (in the same alternation): what the
ledgers read of a server."""

from __future__ import annotations

import concurrent.futures
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from bench.import_bench import DATA, data
from bench.timing import alternate, describe, spread
from tests.server.servers import PG_BIN, PostgresCluster, Server, cli, env

RUNS = 5  # alternating runs of ours and the peer (bench/timing.py)
READERS, REQUESTS = 50, 2000
COUNTY = "410724"
USER, PASSWORD = "bench_tech", "bench-pass-word"


def server_cli(db: str, folder: Path, *args, stdin: str | None = None) -> str:
    return cli(db, *args, stdin=stdin, data=folder).stdout


def token(url: str) -> str:
    answer = requests.post(url + "/auth/token", data={"username": USER, "password": PASSWORD},
                           timeout=30)
    answer.raise_for_status()
    return answer.json()["access_token"]


def page_all(url: str, bearer: str, collection: str = "patches") -> dict:
    """Every feature through the next links; the bodies kept to check them after timing."""
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + bearer
    bodies = []
    started = time.perf_counter()
    answer = session.get(f"{url}/ogc/collections/{collection}/items", params={"limit": 5000})
    while True:
        answer.raise_for_status()
        bodies.append(answer.content)
        following = [link["href"] for link in json.loads(_links(answer.content))
                     if link["rel"] == "next"]
        if not following:
            break
        answer = session.get(following[0])
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bodies": bodies}


def _links(body: bytes) -> bytes:
    """The page's links without decoding its features (they come last)."""
    start = body.index(b'"links":') + len(b'"links":')
    return body[start:body.index(b',"features":[', start)]


def peer(gpkg: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", str(gpkg)], check=True,
                   stdout=subprocess.DEVNULL, env=env())
    return time.perf_counter() - started


def single_items(url: str, bearer: str, ids: list[str]) -> dict:
    """``REQUESTS`` single-item requests from ``READERS`` threads, each with its session."""
    local = threading.local()
    rng = random.Random(410724)
    chosen = [rng.choice(ids) for _ in range(REQUESTS)]

    def one(jcbh: str) -> float:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["Authorization"] = "Bearer " + bearer
        started = time.perf_counter()
        answer = local.session.get(f"{url}/ogc/collections/patches/items/{jcbh}", timeout=60)
        answer.raise_for_status()
        return time.perf_counter() - started

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(READERS) as pool:
        latencies = sorted(pool.map(one, chosen))
    wall = time.perf_counter() - started
    quantile = statistics.quantiles(latencies, n=100)
    return {"p50_ms": round(quantile[49] * 1000, 1), "p95_ms": round(quantile[94] * 1000, 1),
            "p99_ms": round(quantile[98] * 1000, 1), "requests": len(latencies),
            "per_s": round(len(latencies) / wall)}


def judge(url: str, bearer: str, ids: list[str]) -> None:
    """A 违法 verdict for every patch, 1,000 to a push; every other one rectified."""
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + bearer
    for start in range(0, len(ids), 1000):
        ops = []
        for n, jcbh in enumerate(ids[start:start + 1000]):
            data = {"JCBH": jcbh, "PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 0.01,
                    "WFGDMJ": 0.01, "SFNRWFJS": "是", "SFZDGC": "否", "HCZT": "内业完成"}
            if n % 2:
                data.update(ZGCS="拆除复耕", ZGZT="已整改")
            ops.append({"op_id": str(uuid.uuid4()), "kind": "result", "id": str(uuid.uuid4()),
                        "base_version": 0, "data": data})
        answer = session.post(url + "/sync/v1/push", json={"ops": ops},
                              headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=600)
        answer.raise_for_status()
        assert {r["status"] for r in answer.json()["results"]} == {"applied"}, answer.text[:500]


def measure(db: str, folder: Path, source: Path, gpkg: Path) -> dict:
    """Load, serve, then page (alternating with the peer) and read single items."""
    server_cli(db, folder, "migrate")
    server_cli(db, folder, "user", "add", USER, "--role", "technician", "--region", COUNTY,
               "--password-stdin", stdin=PASSWORD + "\n")
    started = time.perf_counter()
    server_cli(db, folder, "batch", "load", str(source), "--region", COUNTY)
    load_s = time.perf_counter() - started
    served = Server(db, folder)
    try:
        bearer = token(served.url)
        warm = page_all(served.url, bearer)  # and the file cache of both
        peer(gpkg)
        features = [f for body in warm["bodies"] for f in json.loads(body)["features"]]
        ids = [f["id"] for f in features]
        assert len(ids) == len(set(ids)), "a patch came twice"
        latency = single_items(served.url, bearer, ids)
        judge(served.url, bearer, ids)
        warm_results = page_all(served.url, bearer, "results")
        results = [f for body in warm_results["bodies"] for f in json.loads(body)["features"]]
        assert len({f["id"] for f in results}) == len(ids), "a result missing or twice"
        runs = alternate(RUNS, peer=lambda: peer(gpkg),
                         ours=lambda: page_all(served.url, bearer),
                         results=lambda: page_all(served.url, bearer, "results"))
    finally:
        served.stop()
    ours, theirs, verdicts = spread(runs["ours"]), spread(runs["peer"]), spread(runs["results"])
    return {"patches": len(ids), "pages": len(warm["bodies"]),
            "megabytes": round(sum(len(b) for b in warm["bodies"]) / 2**20, 1),
            "load_s": round(load_s, 2), "paging": ours, "peer": theirs,
            "paging_s": round(ours["median"], 2),
            "paging_spread_s": [round(ours["min"], 2), round(ours["max"], 2)],
            "ogr2ogr_geojson_s": round(theirs["median"], 2),
            "ogr2ogr_spread_s": [round(theirs["min"], 2), round(theirs["max"], 2)],
            "ratio": round(ours["median"] / theirs["median"], 2),
            "single_item": {"readers": READERS, **latency}, "results": verdicts,
            "results_paging_s": round(verdicts["median"], 2),
            "results_megabytes": round(sum(len(b) for b in warm_results["bodies"]) / 2**20, 1)}


def postgres():
    """A throwaway PostgreSQL + PostGIS cluster (the one the server tests use), if installed."""
    return PostgresCluster() if (PG_BIN / "initdb").exists() else None


def main() -> dict:
    data()
    source = DATA / json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))["patch_zip"]
    folder = Path(tempfile.mkdtemp(prefix="fg-ogc-bench-"))
    measured = {}
    try:
        gpkg = folder / "peer.gpkg"
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4490", "-nln", "patches",
                        "-nlt", "MULTIPOLYGON", str(gpkg), f"/vsizip/{source}", "--config",
                        "SHAPE_ENCODING", "CP936"], check=True, env=env(),
                       stderr=subprocess.DEVNULL)
        (folder / "sqlite").mkdir()
        measured["sqlite"] = measure(f"sqlite:///{folder}/sqlite/fg.db", folder / "sqlite",
                                     source, gpkg)
        cluster = postgres()
        if cluster is not None:
            cluster.start()
            try:
                (folder / "postgresql").mkdir()
                measured["postgresql"] = measure(cluster.database("fg_bench"),
                                                 folder / "postgresql", source, gpkg)
            finally:
                cluster.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    first = measured["sqlite"]
    print(f"OGC API Features: {first['patches']} patches ({first['megabytes']} MiB of GeoJSON "
          f"in {first['pages']} pages of 5000), ours and the peer alternating, {RUNS} runs")
    print(f"  {'':34}" + "".join(f"{kind:>36}" for kind in measured))
    rows = {
        "batch load (CLI)": [f"{m['load_s']:.2f} s" for m in measured.values()],
        "paging all through /ogc items": [describe(m["paging"]) for m in measured.values()],
        "peer: ogr2ogr GeoJSON from gpkg": [describe(m["peer"]) for m in measured.values()],
        "ratio (ours / peer)": [f"{m['ratio']:.2f}x" for m in measured.values()],
        f"single item, {READERS} readers p50/p95/p99": [
            "{p50_ms:.0f} / {p95_ms:.0f} / {p99_ms:.0f} ms".format(**m["single_item"])
            for m in measured.values()],
        "  throughput": [f"{m['single_item']['per_s']} requests/s" for m in measured.values()],
        "paging all results": [describe(m["results"]) for m in measured.values()],
        "  results GeoJSON": [f"{m['results_megabytes']} MiB" for m in measured.values()],
    }
    for name, cells in rows.items():
        print(f"  {name:34}" + "".join(f"{cell:>36}" for cell in cells))
    result = {"bench": "ogc"}
    for kind, m in measured.items():
        result[kind] = {k: v for k, v in m.items() if k not in ("paging", "peer", "results")}
    return result


if __name__ == "__main__":
    main()
