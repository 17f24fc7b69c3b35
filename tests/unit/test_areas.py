"""Ellipsoidal areas on CGCS2000 against pyproj's geodesic reference, in 亩."""

import math

import numpy as np
import pytest
import shapely

from farmland_guard.core import areas
from farmland_guard.core.units import format_mu


def random_patches(n, seed=1):
    """Patch-sized polygons (0.3–60 亩) scattered over China, in lon/lat."""
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(75, 134, n), rng.uniform(18, 53, n)
    result = []
    for x, y in zip(lon, lat):
        k = rng.integers(4, 9)
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        radius = rng.uniform(0.0002, 0.0025, k)
        ring = np.column_stack([x + radius * np.cos(angles) / math.cos(math.radians(y)),
                                y + radius * np.sin(angles)])
        result.append(shapely.Polygon(ring))
    return np.array(result, dtype=object)


def test_mu_conversion():
    assert areas.SQM_PER_MU == pytest.approx(666.6666667)
    assert float(areas.m2_to_mu(2000.0)) == pytest.approx(3.0)
    assert areas.m2_to_mu(10000.0) == pytest.approx(15.0)  # 1 公顷 = 15 亩
    assert format_mu(1.23456789) == "1.2346"
    assert format_mu(float("nan")) == "" and format_mu(None) == ""


def test_agrees_with_geodesic_reference_within_1e_5_mu():
    patches = random_patches(200)
    fast = areas.m2_to_mu(areas.ellipsoidal_areas_m2(patches))
    reference = areas.m2_to_mu([areas.geodesic_area_m2(p) for p in patches])
    assert np.max(np.abs(fast - reference)) < 1e-5  # the precheck bar is 1e-4 亩


def test_holes_and_multiparts():
    outer = shapely.box(113.70, 35.20, 113.71, 35.21)
    hole = shapely.box(113.702, 35.202, 113.704, 35.204)
    with_hole = shapely.Polygon(outer.exterior.coords, [hole.exterior.coords])
    other = shapely.box(113.72, 35.20, 113.721, 35.201)
    multi = shapely.MultiPolygon([with_hole, other])
    got = areas.ellipsoidal_areas_m2([outer, hole, with_hole, multi])
    assert got[2] == pytest.approx(got[0] - got[1], rel=1e-9)
    assert got[3] == pytest.approx(areas.geodesic_area_m2(multi), abs=0.01)  # 1.5e-5 亩


def test_missing_and_empty_geometries():
    got = areas.ellipsoidal_areas_m2([None, shapely.Polygon(), shapely.box(113, 35, 113.001, 35.001)])
    assert math.isnan(got[0]) and got[1] == 0.0 and got[2] > 0
    assert np.isnan(areas.ellipsoidal_areas_m2([None])).all()
    assert areas.ellipsoidal_areas_m2([shapely.Polygon()]).tolist() == [0.0]


def test_uses_the_cgcs2000_ellipsoid():
    geod = areas.cgcs2000_geod()
    assert geod.a == 6378137.0
    assert 1 / geod.f == pytest.approx(298.257222101)
