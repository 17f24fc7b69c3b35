"""Official areas: ellipsoidal on CGCS2000, stored in m², shown in 亩.

Geometries are projected to a Lambert azimuthal equal-area projection on the CGCS2000
ellipsoid, centred on the data, and measured there with vectorised shapely. An equal-area
projection keeps areas exact; for patch-sized polygons the result agrees with the geodesic
area of ``pyproj.Geod`` within 1e-7 亩 and is far faster.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

CGCS2000_A = 6378137.0
CGCS2000_RF = 298.257222101
SQM_PER_MU = 2000.0 / 3.0
MU_DECIMALS = 4


def m2_to_mu(square_metres):
    return np.asarray(square_metres, dtype=float) / SQM_PER_MU


def format_mu(mu: float) -> str:
    return "" if mu is None or np.isnan(mu) else f"{mu:.{MU_DECIMALS}f}"


def cgcs2000_geod() -> pyproj.Geod:
    return pyproj.Geod(a=CGCS2000_A, rf=CGCS2000_RF)


def ellipsoidal_areas_m2(lonlat_geometries) -> np.ndarray:
    """Area in m² of each geometry given in CGCS2000 longitude/latitude (EPSG:4490, x = lon).

    Missing or empty geometries get NaN or 0.
    """
    geoms = np.asarray(lonlat_geometries, dtype=object)
    present = ~shapely.is_missing(geoms)
    areas = np.full(geoms.shape, np.nan)
    if not present.any():
        return areas
    minx, miny, maxx, maxy = shapely.total_bounds(geoms[present])
    if np.isnan(minx):  # every geometry is empty
        areas[present] = 0.0
        return areas
    laea = pyproj.Proj(
        f"+proj=laea +lat_0={(miny + maxy) / 2} +lon_0={(minx + maxx) / 2} "
        f"+a={CGCS2000_A} +rf={CGCS2000_RF} +units=m +no_defs"
    )

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = laea(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    areas[present] = shapely.area(shapely.transform(geoms[present], project))
    return areas


def geodesic_area_m2(lonlat_geometry) -> float:
    """Reference geodesic area of one lon/lat geometry (slow; used to check the fast path)."""
    area, _ = cgcs2000_geod().geometry_area_perimeter(lonlat_geometry)
    return abs(area)
