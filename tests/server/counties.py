"""Counties of their own for tests that write many results (workers, races, faults): each in a
province nobody else in the region matrix sees, with its own technicians."""

from __future__ import annotations

import geopandas as gpd
import shapely

from .servers import PASSWORD, cli

SEATS = {"510104": (104.08, 30.65), "520102": (106.6, 26.6), "530102": (102.7, 25.04)}


def seed_county(server, county: str, patches: int, users=()) -> list[str]:
    """``patches`` small squares near the county's seat loaded as a batch, and its users
    (technicians); returns the patches' JCBH."""
    lon, lat = SEATS[county]
    shapes = [shapely.MultiPolygon([shapely.box(lon + 0.001 * (n % 50), lat + 0.001 * (n // 50),
                                                lon + 0.001 * (n % 50) + 0.0004,
                                                lat + 0.001 * (n // 50) + 0.0005)])
              for n in range(patches)]
    rows = [{"JCBH": f"{county}SJBG25{n:06d}", "XZQDM": county, "TBLX": "20",
             "QSX": "2024-10-01", "HSX": "2025-03-01"} for n in range(patches)]
    path = server.data / f"{county}.gpkg"
    gpd.GeoDataFrame(rows, geometry=shapes, crs="EPSG:4490").to_file(path, driver="GPKG")
    cli(server.db, "batch", "load", str(path), "--region", county, data=server.data)
    for name in users:
        cli(server.db, "user", "add", name, "--role", "technician", "--region", county,
            "--password-stdin", stdin=PASSWORD + "\n", data=server.data)
    return [r["JCBH"] for r in rows]
