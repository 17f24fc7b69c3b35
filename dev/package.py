"""Assembles the plugin folder and zip: one top folder ``farmland_guard/`` holding the package,
metadata.txt, LICENSE, the icons and styles and the compiled .qm files; no tests, no caches.

    python dev/package.py        # build/farmland_guard/ and dist/farmland_guard-<version>.zip
"""

from __future__ import annotations

import configparser
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "farmland_guard"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*")


def version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def assemble(build: Path) -> Path:
    target = build / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / PLUGIN, target, ignore=SKIP)
    for name in ("metadata.txt", "LICENSE"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "resources", target / "resources", ignore=SKIP)
    qm_files = sorted((ROOT / "i18n").glob("*.qm"))
    if not qm_files:
        raise SystemExit("no compiled translations in i18n/: run `make translate` first")
    (target / "i18n").mkdir()
    for qm in qm_files:
        shutil.copy2(qm, target / "i18n" / qm.name)
    return target


def zip_folder(folder: Path, dist: Path) -> Path:
    dist.mkdir(parents=True, exist_ok=True)
    archive = dist / f"{PLUGIN}-{version()}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            z.write(path, Path(PLUGIN) / path.relative_to(folder))
    return archive


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    build = Path(argv[0]) if argv else ROOT / "build"
    dist = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    print(zip_folder(assemble(build), dist))


if __name__ == "__main__":
    main()
