"""Which work stores the technician opened: the recent ones (in the QGIS settings, across
projects) and the one the QGIS project was last saved with (a project entry, so reopening the
project reopens its store)."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import QgsProject

from ..settings import Setting

RECENT = Setting("recent_stores", "[]")  # JSON list of paths, the latest first
RECENT_COUNT = 8
SCOPE, KEY = "farmland_guard", "store"


def is_store(path: Path) -> bool:
    from ..store.workstore import schema_version  # numpy, shapely: only when asked

    try:
        return Path(path).is_file() and schema_version(Path(path)) is not None
    except Exception:  # not a GeoPackage at all
        return False


def recent() -> list[Path]:
    """The stores opened lately that still exist, the latest first."""
    try:
        paths = [Path(p) for p in json.loads(RECENT.get()) if isinstance(p, str)]
    except ValueError:
        paths = []
    return [p for p in paths if p.is_file()]


def remember(path: Path) -> None:
    """``path`` first among the recent stores, and the store of the current project."""
    path = Path(path).resolve()
    paths = [str(path)] + [str(p) for p in recent() if p.resolve() != path]
    RECENT.set(json.dumps(paths[:RECENT_COUNT], ensure_ascii=False))
    project = QgsProject.instance()
    # relative to the project file when the project saves relative paths
    written = project.writePath(str(path))
    if project.readEntry(SCOPE, KEY, "")[0] != written:
        project.writeEntry(SCOPE, KEY, written)


def of_project() -> Path | None:
    """The store the current project was saved with, when it is still there."""
    project = QgsProject.instance()
    written, found = project.readEntry(SCOPE, KEY, "")
    if not found or not written:
        return None
    path = Path(project.readPath(written))
    return path if path.is_file() else None
