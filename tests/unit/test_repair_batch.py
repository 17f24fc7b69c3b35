"""Geometry repair and the mapping of a batch to the national schema."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from farmland_guard.core.areas import ellipsoidal_areas_m2, m2_to_mu
from farmland_guard.core.batch import build, date, number
from farmland_guard.core.repair import repair

BOWTIE = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])


def test_repair_cases():
    square = shapely.box(0, 0, 10, 10)
    sliver_multi = shapely.MultiPolygon([square, shapely.Polygon([(20, 20), (20, 20.000001),
                                                                  (21, 20), (20, 20)])])
    result = repair([square, BOWTIE, None, shapely.Polygon(), shapely.Point(1, 1),
                     sliver_multi, shapely.Polygon([(0, 0), (1, 1), (2, 2), (0, 0)])])
    assert result.geometries[0].geom_type == "MultiPolygon" and 0 not in result.notes
    assert result.geometries[1].area == pytest.approx(50) and "Self-intersection" in result.notes[1]
    assert result.rejected[2] == "no geometry (null)"
    assert result.rejected[3] == "empty geometry"
    assert result.rejected[4] == "not a polygon (Point)"
    assert len(result.geometries[5].geoms) == 1 and "dropped 1" in result.notes[5]
    assert result.rejected[6] == "no area left after repair"


@pytest.mark.parametrize("raw, expected", [
    ("2024-10-15", "2024-10-15"), ("20241015", "2024-10-15"), ("2024/10/5", "2024-10-05"),
    ("2024年10月15日", "2024-10-15"), ("2024.10", "2024-10"), ("202410", "2024-10"),
    (None, None), ("", None),
])
def test_dates(raw, expected):
    assert date(raw) == (expected, None)


def test_bad_date_is_kept_as_text_with_a_complaint():
    value, complaint = date("去年秋天")
    assert value == "去年秋天" and "not a date" in complaint


@pytest.mark.parametrize("raw, expected", [(12.5, 12.5), ("1,234.5", 1234.5), ("88平方米", 88.0),
                                           (None, None)])
def test_numbers(raw, expected):
    assert number(raw) == (expected, None)


def test_build_maps_repairs_rejects_and_flags():
    squares = [shapely.box(38460000 + 200 * i, 3900000, 38460000 + 200 * i + 100, 3900100)
               for i in range(5)]
    x, y = 38460200, 3900000
    bowtie = shapely.Polygon([(x, y), (x + 100, y + 100), (x + 100, y), (x, y + 100)])
    frame = gpd.GeoDataFrame({
        "TBBH": ["A", "B", "A", None, "E"],
        "TBMJ": [10000.0, "abc", 10000.0, 1.0, 9000.0],
        "QSX": ["20241015", "2024-10-16", "x", None, None],
        "EXTRA": ["keep", "me", "too", "", "x"],
        "TBMJ_MU": [1, 2, 3, 4, 5],  # collides with a store column
    }, geometry=[squares[0], bowtie, squares[2], squares[3], None], crs="EPSG:4526")
    batch = build(frame, {"JCBH": "TBBH", "MJ": "TBMJ", "QSX": "QSX"}, label="t.shp")
    assert list(batch.frame["JCBH"]) == ["A", "B"]
    assert batch.rejected == 3 and batch.repaired == 2  # B: bowtie made valid, MJ 'abc'
    assert any(p.record == 2 and "made valid" in p.message for p in batch.problems)
    rejected = {p.record: p.message for p in batch.problems if p.action == "rejected"}
    assert "duplicate JCBH A: record 1" in rejected[3]
    assert rejected[4] == "no JCBH (patch id)"
    assert rejected[5] == "no geometry (null)"
    assert batch.frame["QSX"].tolist() == ["2024-10-15", "2024-10-16"]
    assert batch.frame["MJ"].isna().tolist() == [False, True]
    assert any(p.field == "MJ" and "'abc' is not a number" in p.message for p in batch.problems)
    assert batch.extras == ["EXTRA", "YS_TBMJ_MU"]
    assert batch.frame["EXTRA"].tolist() == ["keep", "me"]
    expected = m2_to_mu(ellipsoidal_areas_m2(batch.geometries))
    assert np.allclose(batch.frame["TBMJ_MU"], np.round(expected, 4))
    # 100 m × 100 m in zone 38 is 14.999 亩 on the ellipsoid: MJ 10000 m² (15 亩) is within 0.01
    assert batch.frame["MJYC"].tolist() == [0, 0]
