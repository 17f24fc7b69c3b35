"""Fuzzing the import CLI: seeded byte flips and truncations of a small demo batch (its .shp,
.dbf and .shx, the zip they come in, and the same patches as a GeoPackage), each case run in
a process of its own with a time limit, half of them into an existing work store.

Checked for every case: the dialog's preview (the first 20 rows) reads it or says what is
wrong; the CLI exits 0 (imported) or 2 (refused with a message), never with a traceback; no
hang, nothing half-written beside the store, and an existing store unchanged when the import
is refused (a sound SQLite file when it is not).

Each case is a fork of a parent that has imported the modules once (a fresh interpreter per
case would spend most of the time importing); the parent itself never opens a dataset, so
every child starts from the state a new process has.

    python -m bench.fuzz_import --cases 2000 --seed 1      # ``make fuzz``
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

PATCHES = 20
TIMEOUT_S = 30.0
TARGETS = ("shp", "dbf", "shx", "gpkg", "zip")
SHAPEFILE = ("shp", "shx", "dbf", "prj")


@dataclass
class Outcome:
    target: str
    mutation: str
    into_existing: bool
    kind: str  # imported | refused | crash
    message: str
    seconds: float


def in_child(work, timeout: float = TIMEOUT_S, output: Path | None = None) -> tuple[int, float]:
    """``work()`` in a forked process, its stdout and stderr into ``output``: (exit code, or
    -signal, or None after a hang; seconds)."""
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            if output is not None:
                fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                sys.stdout = sys.stderr = open(fd, "w", encoding="utf-8", closefd=False)
            code = work()
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 0)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), time.monotonic() - started
        if time.monotonic() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, time.monotonic() - started
        time.sleep(0.005)


def prepare(folder: Path, patches: int = PATCHES) -> None:
    """The batch to mutate: ``base.shp`` (GBK, no .cpg), ``base.zip`` and ``base.gpkg``."""
    import zipfile

    import pyogrio

    from bench.datagen import generate

    demo = folder / "demo"
    manifest = generate(demo, patches=patches, landuse=200, seed=7, imagery=False)
    frame = pyogrio.read_dataframe(demo / manifest["patch_file"], encoding="GBK")
    for suffix in SHAPEFILE:
        shutil.copyfile((demo / manifest["patch_file"]).with_suffix(f".{suffix}"),
                        folder / f"base.{suffix}")
    with zipfile.ZipFile(folder / "base.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for suffix in SHAPEFILE:
            z.write(folder / f"base.{suffix}", f"变化图斑.{suffix}")
    pyogrio.write_dataframe(frame, folder / "base.gpkg", layer="BHTB")
    shutil.rmtree(demo)


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Flip 1–8 bytes (half the time in the headers, where formats keep their counts and
    widths) or cut the file short."""
    if rng.random() < 0.25:
        at = rng.randrange(len(data))
        return data[:at], f"truncated at {at} of {len(data)}"
    out = bytearray(data)
    flips = []
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(min(len(out), 512)) if rng.random() < 0.5 else rng.randrange(len(out))
        out[at] ^= rng.randrange(1, 256)
        flips.append(at)
    return bytes(out), "flipped bytes " + ",".join(map(str, sorted(flips)))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def preview(source: Path, work: Path) -> int:
    """What the import dialog does first (the first rows only): 0 when it reads them or says
    what is wrong in words; a bug shows as a traceback and exit 4."""
    from farmland_guard.core.delivery import inspect
    from farmland_guard.core.expected import EXPECTED

    work.mkdir()
    try:
        inspect(source, work, rows=20)
    except EXPECTED:
        pass
    except Exception:
        traceback.print_exc()
        return 4
    return 0


def one_case(n: int, target: str, base: Path, existing: Path, work: Path,
             rng: random.Random) -> Outcome:
    from farmland_guard.store.__main__ import main

    folder = work / f"case-{n}"
    inputs = folder / "in"
    inputs.mkdir(parents=True)
    if target in SHAPEFILE:
        for suffix in SHAPEFILE:
            shutil.copyfile(base / f"base.{suffix}", inputs / f"批次.{suffix}")
        source = inputs / "批次.shp"
        victim = source.with_suffix(f".{target}")
    else:
        source = victim = inputs / f"批次.{target}"
        shutil.copyfile(base / f"base.{target}", source)
    data, mutation = mutate(victim.read_bytes(), rng)
    victim.write_bytes(data)
    into_existing = n % 2 == 1
    out = folder / "out"
    out.mkdir()
    store = out / "store.gpkg"
    before = None
    if into_existing:
        shutil.copyfile(existing, store)
        before = digest(store)
    log = folder / "output.txt"
    code, seconds = in_child(lambda: preview(source, folder / "preview") or main(
        ["import", str(source), str(store)]), output=log)
    text = log.read_text(encoding="utf-8", errors="replace")
    problems = []
    if code is None:
        problems.append(f"hang: killed after {TIMEOUT_S:.0f} s")
    elif "Traceback" in text or code not in (0, 2):
        problems.append(f"exit {code}")
    left = sorted(p.name for p in out.iterdir() if p.name != store.name
                  and not (code == 0 and p.suffix == ".csv"))
    if left:
        problems.append(f"left beside the store: {left}")
    if code == 2 and into_existing and digest(store) != before:
        problems.append("the existing store was changed by a refused import")
    if code == 2 and not into_existing and store.exists():
        problems.append("a refused import wrote a store")
    if code == 0:
        with sqlite3.connect(store) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append("the store fails its integrity check")
    kind = "crash" if problems else {0: "imported", 2: "refused"}[code]
    message = "; ".join(problems) + ("\n" + text if problems else "") if problems else (
        text.strip().splitlines()[-1] if code == 2 else "")
    if not problems:
        shutil.rmtree(folder)
    return Outcome(target, mutation, into_existing, kind, message, seconds)


def run(cases: int, seed: int, work: Path | None = None) -> dict:
    """``cases`` fuzz cases with ``seed``; the counts, the slowest case and every crash."""
    import farmland_guard.store.__main__  # noqa: F401  (imported once, before any fork)

    started = time.monotonic()
    work = Path(work or tempfile.mkdtemp(prefix="fg-fuzz-"))
    base = work / "base"
    base.mkdir(parents=True, exist_ok=True)
    code, _ = in_child(lambda: prepare(base) or 0, timeout=120, output=work / "prepare.txt")
    assert code == 0, (work / "prepare.txt").read_text()
    existing = work / "existing" / "store.gpkg"
    existing.parent.mkdir()
    from farmland_guard.store.__main__ import main

    code, _ = in_child(lambda: main(["import", str(base / "base.shp"), str(existing)]),
                       output=work / "existing.txt")
    assert code == 0, (work / "existing.txt").read_text()
    rng = random.Random(seed)
    outcomes = [one_case(n, TARGETS[n % len(TARGETS)], base, existing, work, rng)
                for n in range(cases)]
    counts = collections.Counter(o.kind for o in outcomes)
    refusals = collections.Counter(o.message for o in outcomes if o.kind == "refused")
    result = {
        "cases": cases, "seed": seed, "seconds": round(time.monotonic() - started, 1),
        "imported": counts["imported"], "refused": counts["refused"], "crashes": counts["crash"],
        "into_existing": sum(o.into_existing for o in outcomes),
        "slowest_case_s": round(max(o.seconds for o in outcomes), 2) if outcomes else 0,
        "by_target": {t: dict(collections.Counter(o.kind for o in outcomes if o.target == t))
                      for t in TARGETS},
        "crash_cases": [vars(o) for o in outcomes if o.kind == "crash"],
        "refusals": dict(refusals.most_common()),
    }
    if not result["crash_cases"]:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args(argv)
    result = run(args.cases, args.seed, args.work)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    sys.exit(1 if main()["crashes"] else 0)
