"""Import of 20,000 GBK patches (EPSG:4526 shapefile) against ``ogr2ogr -f GPKG -t_srs EPSG:4490``
with the same encoding. Targets: new store ≤ 1.5× the peer; re-import into a store holding
20,000 verdicts ≤ 2× the peer. Peak memory is printed."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dev.qgis_desktop import ROOT

PATCHES, LANDUSE, SEED = 20_000, 30_000, 410724
RUNS = 3
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
                    "--config", "SHAPE_ENCODING", "CP936"], check=True, env=env())
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
        peer = statistics.median(ogr2ogr(source, tmp) for _ in range(RUNS))
        new_runs = []
        for n in range(RUNS):
            store = tmp / f"new-{n}.gpkg"
            new_runs.append(ours(source, store))
        store = tmp / "new-0.gpkg"
        subprocess.run([sys.executable, "-c", JUDGE_ALL, str(store)], check=True, env=env(),
                       cwd=ROOT)
        re_runs = [ours(source, store) for _ in range(RUNS)]
        for leftover in tmp.glob("*.csv"):
            leftover.unlink()
    new = statistics.median(r["seconds"] for r in new_runs)
    again = statistics.median(r["seconds"] for r in re_runs)
    result = {
        "bench": "import", "patches": new_runs[0]["imported"], "ogr2ogr_s": round(peer, 2),
        "new_store_s": round(new, 2), "new_ratio": round(new / peer, 2), "new_target": 1.5,
        "reimport_s": round(again, 2), "reimport_ratio": round(again / peer, 2),
        "reimport_target": 2.0,
        "peak_mib": round(max(r["peak_mib"] for r in new_runs + re_runs)),
    }
    print(f"Import of {result['patches']} GBK patches: ogr2ogr -t_srs {peer:.2f} s; new store "
          f"{new:.2f} s = {new / peer:.2f}x (target 1.5x); re-import with 20,000 verdicts "
          f"{again:.2f} s = {again / peer:.2f}x (target 2x); peak memory "
          f"{result['peak_mib']} MiB")
    shutil.rmtree(tmp, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
