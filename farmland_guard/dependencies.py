"""Python packages the plugin needs beyond QGIS, checked without importing them.

QGIS on Windows ships numpy, shapely and pyproj but usually not pandas, geopandas or pyogrio;
a missing one must become a clear message, never a traceback.
"""

from __future__ import annotations

import importlib.util
import sys

from .core.errors import FarmlandGuardError
from .core.language import say

# import name -> pip name
REQUIRED = {
    "numpy": "numpy",
    "shapely": "shapely",
    "pyproj": "pyproj",
    "pandas": "pandas",
    "geopandas": "geopandas",
    "pyogrio": "pyogrio",
}
if sys.version_info < (3, 11):
    REQUIRED["tomli"] = "tomli"
# needed only by what uses them, never asked for at start-up
OPTIONAL = {
    "openpyxl": "openpyxl",  # the ledgers' xlsx workbooks
}

AREA_PACKAGES = ("numpy", "shapely", "pyproj")  # ellipsoidal areas
IMPORT_PACKAGES = ("numpy", "shapely", "pyproj", "pandas", "geopandas", "pyogrio")  # imports
WORKBOOK_PACKAGES = ("openpyxl",)  # xlsx workbooks


class MissingDependencyError(FarmlandGuardError, RuntimeError):
    code = "dependency"

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(say("missing Python packages: {names}", "缺少 Python 依赖包：{names}",
                             names=", ".join(names)), names=names)


def missing(names=None) -> list[str]:
    """The pip names of the required packages (or of ``names``, optional ones too) that cannot
    be imported."""
    known = {**REQUIRED, **OPTIONAL}
    wanted = REQUIRED if names is None else {n: known[n] for n in names}
    return [pip for module, pip in wanted.items() if importlib.util.find_spec(module) is None]


def require(*names: str) -> None:
    absent = missing(names)
    if absent:
        raise MissingDependencyError(absent)


def pip_command(names: list[str]) -> str:
    return "python -m pip install " + " ".join(names)
