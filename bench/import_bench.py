"""Import of 20,000 GBK patches (EPSG:4526 shapefile) against ``ogr2ogr -f GPKG -t_srs EPSG:4490``
with the same encoding. Targets: new store ≤ 1.5× the peer; re-import into a store holding
20,000 verdicts ≤ 2× the peer. Peak memory is printed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import alternate, describe, spread
from dev.qgis_desktop import ROOT

PATCHES, LANDUSE, SEED = 20_000, 30_000, 410724
RUNS = 5  # alternating runs of ours and the peer (bench/timing.py)
DATA = ROOT / "var" / "bench" / f"patches-{PATCHES}-{SEED}"

# Runs in a fresh process: modules are imported first (as in QGIS), then the import is timed.
TIMED_IMPORT = """
import json, resource, sys, time
import geopandas, pyogrio  # imported once when QGIS loads the import dialog
from farmland_guard.store import importer
started = time.perf_counter()
result = importer.run(sys.argv[1], sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - started, "imported": result.imported,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
JUDGE_ALL = """
import sys, uuid
from farmland_guard.store.workstore import WorkStore
with WorkStore(sys.argv[1]) as ws, ws.transaction() as conn:
    ids = [r[0] for r in conn.execute("SELECT JCBH FROM patches")]
    conn.execute("UPDATE patches SET HCZT = '内业完成', PDLX = '违法'")
    conn.executemany("INSERT INTO results(id, JCBH, PDLX, data, version) VALUES (?,?,?,?,1)",
                     [(str(uuid.uuid4()), j, "违法", "{}") for j in ids])
"""


def data() -> Path:
    manifest = DATA / "manifest.json"
    if not manifest.exists():
        from bench.datagen import generate

        generate(DATA, PATCHES, LANDUSE, SEED, imagery=False)
    return DATA / json.loads(manifest.read_text(encoding="utf-8"))["patch_file"]


def env() -> dict:
    return {**os.environ, "PROJ_DATA": "/usr/share/proj", "PYTHONPATH": str(ROOT)}


def ogr2ogr(source: Path, tmp: Path) -> float:
    target = tmp / "peer.gpkg"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4490", str(target), str(source),
                    "--config", "SHAPE_ENCODING", "CP936"], check=True, env=env(),
                   stderr=subprocess.DEVNULL)  # its note on Polygon vs MultiPolygon
    return time.perf_counter() - started


def ours(source: Path, store: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", TIMED_IMPORT, str(source), str(store)],
                         check=True, capture_output=True, text=True, env=env(), cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> dict:
    source = data()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ogr2ogr(source, tmp)  # warm the file cache
        stores = iter(tmp / f"new-{n}.gpkg" for n in range(RUNS))
        new_runs = alternate(RUNS, peer=lambda: ogr2ogr(source, tmp),
                             ours=lambda: ours(source, next(stores)))
        store = tmp / "new-0.gpkg"
        subprocess.run([sys.executable, "-c", JUDGE_ALL, str(store)], check=True, env=env(),
                       cwd=ROOT)
        re_runs = alternate(RUNS, peer=lambda: ogr2ogr(source, tmp),
                            ours=lambda: ours(source, store))
        for leftover in tmp.glob("*.csv"):
            leftover.unlink()
    peer, new = spread(new_runs["peer"] + re_runs["peer"]), spread(new_runs["ours"])
    again = spread(re_runs["ours"])
    result = {
        "bench": "import", "patches": new_runs["ours"][0]["imported"],
        "ogr2ogr_s": round(peer["median"], 2),
        "ogr2ogr_spread_s": [round(peer["min"], 2), round(peer["max"], 2)],
        "new_store_s": round(new["median"], 2),
        "new_store_spread_s": [round(new["min"], 2), round(new["max"], 2)],
        "new_ratio": round(new["median"] / peer["median"], 2), "new_target": 1.5,
        "reimport_s": round(again["median"], 2),
        "reimport_spread_s": [round(again["min"], 2), round(again["max"], 2)],
        "reimport_ratio": round(again["median"] / peer["median"], 2), "reimport_target": 2.0,
        "peak_mib": round(max(r["peak_mib"] for r in new_runs["ours"] + re_runs["ours"])),
    }
    print(f"Import of {result['patches']} GBK patches, ours and ogr2ogr alternating: ogr2ogr "
          f"-t_srs {describe(peer)}; new store {describe(new)} = {result['new_ratio']:.2f}x "
          f"(target 1.5x); re-import with 20,000 verdicts {describe(again)} = "
          f"{result['reimport_ratio']:.2f}x (target 2x); peak memory {result['peak_mib']} MiB")
    shutil.rmtree(tmp, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
