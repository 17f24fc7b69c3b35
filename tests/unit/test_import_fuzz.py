"""Fuzzing the import CLI (issue 13): a few hundred seeded byte flips and truncations of a
small demo batch — its .shp, .dbf and .shx, its zip, and the same patches as a GeoPackage —
each in a process of its own with a time limit. No traceback, no hang, nothing half-written,
and an existing store unchanged by every refused import. ``make fuzz`` runs more cases."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

CASES, SEED = 250, 13


def test_fuzzed_batches_import_or_are_refused_with_a_message():
    env = {**os.environ, "PROJ_DATA": "/usr/share/proj", "PYTHONPATH": str(ROOT), "LANG": "C"}
    done = subprocess.run([sys.executable, "-m", "bench.fuzz_import", "--cases", str(CASES),
                           "--seed", str(SEED)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)
    result = json.loads(done.stdout)
    target = ROOT / "var" / "reports"
    target.mkdir(parents=True, exist_ok=True)
    (target / "fuzz_import.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
    assert result["crash_cases"] == [] and result["crashes"] == 0
    assert result["imported"] + result["refused"] == CASES
    assert result["imported"] and result["refused"] and result["into_existing"] == CASES // 2
    assert all(by.get("imported", 0) + by.get("refused", 0) == CASES // 5
               for by in result["by_target"].values())
    assert all(message.startswith("error: ") and "Traceback" not in message
               for message in result["refusals"])
