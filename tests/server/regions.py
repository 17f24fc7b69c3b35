"""Test data: small delivered batches in three counties — two of city 4107 (河南新乡: 获嘉县
410724, 原阳县 410725) and one of another province (河北石家庄 130102) — with Chinese text, and
the users of the region matrix."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

COUNTIES = {"410724": (113.66, 35.26), "410725": (113.94, 35.06), "130102": (114.52, 38.05)}
PATCHES = 20  # per county; each test file judges patches of its own (see the files)
USERS = {  # name: (role, region)
    "tech_a": ("technician", "410724"),
    "tech_b": ("technician", "410725"),
    "tech_c": ("technician", "130102"),
    "city_rev": ("reviewer", "4107"),
    "prov_rev": ("reviewer", "41"),
    "other_rev": ("reviewer", "13"),
    "admin41": ("admin", "41"),
}


def jcbh(county: str, n: int) -> str:
    return f"{county}SJBG25{n:06d}"


def batch_file(folder: Path, county: str) -> Path:
    """A GeoPackage of ``PATCHES`` square patches of about 3 亩 near the county's seat."""
    lon, lat = COUNTIES[county]
    rows, shapes = [], []
    for n in range(1, PATCHES + 1):
        x, y = lon + 0.004 * (n % 4), lat + 0.004 * (n // 4)
        shapes.append(shapely.MultiPolygon([shapely.box(x, y, x + 0.0004, y + 0.0005)]))
        rows.append({"JCBH": jcbh(county, n), "XZQDM": county, "XMC": "测试县·图斑",
                     "TBLX": "20", "QSX": "2024-10-01", "HSX": "2025-03-01", "MJ": 2000.0,
                     "BZ": "备注：'; DROP TABLE patches; --"})
    path = folder / f"{county}_BHTB.gpkg"
    gpd.GeoDataFrame(rows, geometry=shapes, crs="EPSG:4490").to_file(path, driver="GPKG")
    return path
