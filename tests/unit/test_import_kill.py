"""SIGKILL an import into an existing store at random moments, 20 times: the store always opens,
passes PRAGMA integrity_check, holds the old or the new batch (never a mix) and every verdict."""

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pyogrio
import pytest

from bench.datagen import generate
from farmland_guard.store import importer
from tests.conftest import ROOT
from tests.unit.test_workstore import judge

KILLS = 20


def state(store):
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        patches = frozenset(conn.execute(
            "SELECT JCBH, TBLX, PCZT, TXHASH, HCZT, PDLX, FHBZ FROM patches"))
        results = frozenset(conn.execute("SELECT id, JCBH, PDLX FROM results"))
        imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        rtree = conn.execute("SELECT COUNT(*) FROM rtree_patches_geom").fetchone()[0]
    assert rtree == len(patches)
    return patches, results, imports


def command(source, store):
    return [sys.executable, "-m", "farmland_guard.store", "import", str(source), str(store)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kill")
    manifest = generate(tmp / "data", patches=3000, landuse=6000, seed=11, imagery=False)
    a = pyogrio.read_dataframe(tmp / "data" / manifest["patch_file"], encoding="GBK")
    b = a.iloc[300:].copy()
    b.loc[b.index[:200], "geometry"] = b.geometry.iloc[:200].buffer(2, join_style="mitre")
    b.loc[b.index[200:400], "TBLX"] = "QT"
    paths = {"A": tmp / "A.shp", "B": tmp / "B.shp"}
    pyogrio.write_dataframe(a, paths["A"], encoding="GBK")
    pyogrio.write_dataframe(b, paths["B"], encoding="GBK")
    snapshot = tmp / "snapshot.gpkg"
    importer.run(paths["A"], snapshot)
    judge(snapshot, list(a["JCBH"].iloc[::10]))  # 300 verdicts, some on patches that vanish
    old = state(snapshot)
    done = tmp / "done.gpkg"
    shutil.copy(snapshot, done)
    started = time.monotonic()
    subprocess.run(command(paths["B"], done), check=True, capture_output=True, cwd=ROOT)
    duration = time.monotonic() - started
    return paths, snapshot, old, state(done), duration, tmp


def test_sigkill_during_reimport(setup):
    paths, snapshot, old, new, duration, tmp = setup
    assert old != new and old[1] == new[1]  # same verdicts, different batch
    rng = random.Random(410724)
    outcomes = []
    for n in range(KILLS):
        store = tmp / f"kill-{n}.gpkg"
        shutil.copy(snapshot, store)
        process = subprocess.Popen(command(paths["B"], store), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = state(store)
        assert now in (old, new), f"kill {n} left a mix"
        assert now[1] == old[1], "every verdict is kept"
        outcomes.append("old" if now == old else "new")
    report = {"kills": KILLS, "old": outcomes.count("old"), "new": outcomes.count("new"),
              "import_seconds": round(duration, 2)}
    target = ROOT / "var" / "reports"
    target.mkdir(parents=True, exist_ok=True)
    (target / "kill_test.json").write_text(json.dumps(report), encoding="utf-8")


def test_sigkill_during_a_new_store_leaves_nothing_or_a_whole_store(setup):
    paths, _, _, _, duration, tmp = setup
    rng = random.Random(7)
    for n in range(5):
        store = tmp / f"new-{n}.gpkg"
        process = subprocess.Popen(command(paths["A"], store), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if store.exists():
            assert len(state(store)[0]) == 3000
        # whatever a killed run left under a temporary name goes with the next import
        importer.run(paths["A"], store)
        assert not list(tmp.glob(f".new-{n}.importing-*"))
        assert len(state(store)[0]) == 3000
