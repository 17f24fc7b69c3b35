"""core.field_reports: each bad-input rule named by source, row and field; swapped lat/lon read
back with a warning; links inside, by distance and none beyond it; SFXY."""

import datetime as dt

import numpy as np
import pyproj
import pytest
import shapely

from farmland_guard.core import field_reports as fr
from farmland_guard.core import profiles
from farmland_guard.core.areas import cgcs2000_geod
from farmland_guard.core.language import render

LON, LAT = 113.9, 35.3


def parse(*rows, **kwargs):
    return fr.parse(rows, "巡田.csv", **kwargs)


def messages(parsed):
    return [(p.row, p.field, p.fatal, render(p.message, "en")) for p in parsed.problems]


@pytest.mark.parametrize("value, expected", [
    ("2024-05-03T14:20:00", dt.datetime(2024, 5, 3, 14, 20)),
    ("2024-05-03 14:20", dt.datetime(2024, 5, 3, 14, 20)),
    ("2024/5/3 14:20", dt.datetime(2024, 5, 3, 14, 20)),
    ("2024/5/3", dt.datetime(2024, 5, 3)),
    ("2024年5月3日 14:20", dt.datetime(2024, 5, 3, 14, 20)),
    ("20240503", dt.datetime(2024, 5, 3)),
    (45415.5, dt.datetime(2024, 5, 3, 12, 0)),  # Excel serial: 2024-05-03 noon
    ("45415.5", dt.datetime(2024, 5, 3, 12, 0)),
    (dt.date(2024, 5, 3), dt.datetime(2024, 5, 3)),
    ("2024-05-03T14:20:00+08:00", dt.datetime(2024, 5, 3, 14, 20)),
    (None, None), ("", None),
])
def test_times(value, expected):
    assert fr.parse_time(value) == expected


def test_a_good_row_with_its_fields_under_chinese_names(tmp_path):
    (tmp_path / "p1.jpg").write_bytes(b"x")
    parsed = fr.parse([{"编号": "R1", "上报时间": "2024/5/3 14:20", "上报人": "张三",
                        "问题描述": "新建房屋", "照片": "p1.jpg", "经度": LON, "纬度": LAT}],
                      "巡田.csv", base_dir=tmp_path)
    (report,) = parsed.reports
    assert parsed.problems == []
    assert (report.SBBH, report.SBSJ, report.SBR, report.SBMS, report.ZPLJ, report.ZPCZ) == (
        "R1", dt.datetime(2024, 5, 3, 14, 20), "张三", "新建房屋", "p1.jpg", 1)
    assert (report.lon, report.lat, report.LYWJ, report.LYH) == (LON, LAT, "巡田.csv", 1)


def test_no_coordinates_is_refused_naming_the_row():
    parsed = parse({"LON": LON, "LAT": LAT, "SBSJ": "2024-05-01"}, {"LON": "", "LAT": ""},
                   {"LON": LON, "LAT": None},
                   {"SBMS": "nothing"})
    assert len(parsed.reports) == 1
    found = messages(parsed)
    assert [(row, fatal) for row, _, fatal, _ in found] == [(2, True), (3, True), (4, True)]
    assert all("no coordinates" in m for *_, m in found)
    assert found[1][1] == "LAT"  # the blank one is named


def test_swapped_lat_lon_is_read_back_with_a_warning():
    parsed = parse({"X": LAT, "Y": LON, "SBSJ": "2024-05-01"})
    (report,) = parsed.reports
    assert (report.lon, report.lat) == (LON, LAT)
    ((row, name, fatal, message),) = messages(parsed)
    assert (row, name, fatal) == (1, "X/Y", False) and "swapped" in message


def test_projected_coordinates_as_degrees_are_refused_and_read_with_their_crs():
    x, y = pyproj.Transformer.from_crs(4490, 4526, always_xy=True).transform(LON, LAT)
    parsed = parse({"X": x, "Y": y})
    assert parsed.reports == [] and parsed.refused[0].row == 1
    assert "not degrees" in render(parsed.refused[0].message, "en")
    parsed = parse({"X": x, "Y": y}, crs="EPSG:4526")
    (report,) = parsed.reports
    assert abs(report.lon - LON) < 1e-7 and abs(report.lat - LAT) < 1e-7
    # a CRS that is not the coordinates' own puts them outside China: refused
    wrong = parse({"X": x, "Y": y}, crs="EPSG:3857")
    assert wrong.reports == [] and "outside China" in render(wrong.refused[0].message, "en")


def test_degrees_outside_china_are_refused():
    parsed = parse({"X": 2.35, "Y": 48.85})
    assert parsed.reports == [] and "outside China" in render(parsed.refused[0].message, "en")


def test_a_missing_photo_is_listed_and_not_fatal(tmp_path):
    (tmp_path / "a.jpg").write_bytes(b"x")
    parsed = fr.parse([{"X": LON, "Y": LAT, "TIME": "2024-05-01", "PHOTO": "a.jpg;b.jpg"},
                       {"X": LON, "Y": LAT, "TIME": "2024-05-01", "PHOTO": "a.jpg"},
                       {"X": LON, "Y": LAT, "TIME": "2024-05-01", "PHOTO": ""}], "r.csv", base_dir=tmp_path)
    assert [r.ZPCZ for r in parsed.reports] == [0, 1, 0]
    ((row, name, fatal, message),) = messages(parsed)
    assert (row, name, fatal) == (1, "PHOTO", False) and "b.jpg" in message


def test_a_bad_time_is_listed_and_left_blank_and_no_time_field_told_once():
    parsed = parse({"X": LON, "Y": LAT, "SBSJ": "yesterday"})
    assert parsed.reports[0].SBSJ is None
    assert messages(parsed)[0][:3] == (1, "SBSJ", False)
    parsed = parse({"X": LON, "Y": LAT}, {"X": LON, "Y": LAT})
    assert [(p.row, p.field) for p in parsed.problems] == [(1, "SBSJ")]


def test_point_geometries_of_geojson_records_and_wkt():
    parsed = parse({"geometry": {"type": "Point", "coordinates": [LON, LAT]}},
                   {"geometry": shapely.Point(LON, LAT)}, {"WKT": f"POINT ({LON} {LAT})"},
                   {"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}})
    assert len(parsed.reports) == 3
    assert parsed.refused[0].row == 4 and parsed.refused[0].field == "geometry"


def test_ids_given_twice_are_kept_apart():
    parsed = parse({"SBBH": "A", "X": LON, "Y": LAT}, {"SBBH": "A", "X": LON, "Y": LAT},
                   {"X": LON, "Y": LAT})
    assert [r.SBBH for r in parsed.reports] == ["A", "A-2", "巡田-3"]


# --- linking -------------------------------------------------------------------------------------

def metres_east(lon, lat, m):
    return cgcs2000_geod().fwd(lon, lat, 90, m)[:2]


PATCH = shapely.box(LON, LAT, LON + 0.001, LAT + 0.001)
OTHER = shapely.box(LON + 0.01, LAT, LON + 0.011, LAT + 0.001)


def test_links_inside_by_distance_and_none_beyond():
    inside = shapely.Point(LON + 0.0005, LAT + 0.0005)
    east = metres_east(LON + 0.001, LAT + 0.0005, 30)  # 30 m east of PATCH's east edge
    far = metres_east(LON + 0.001, LAT + 0.0005, 80)
    points = [inside, shapely.Point(*east), shapely.Point(*far)]
    links = fr.link(points, [PATCH, OTHER], [None, None], 50)
    assert links.index.tolist() == [0, 0, -1]
    assert links.distance_m[0] == 0
    assert abs(links.distance_m[1] - 30) < 0.01  # geodesic metres
    assert np.isnan(links.distance_m[2])
    assert fr.link(points, [PATCH, OTHER], [None, None], 100).index.tolist() == [0, 0, 0]


def test_the_nearest_of_two_patches_wins():
    between = shapely.Point(*metres_east(LON + 0.001, LAT + 0.0005, 20))
    near_other = shapely.Point(*metres_east(LON + 0.01, LAT + 0.0005, -10))
    links = fr.link([between, near_other], [PATCH, OTHER], [None, None], 50)
    assert links.index.tolist() == [0, 1]
    assert abs(links.distance_m[1] - 10) < 0.01


def test_sfxy_reported_before_the_after_image():
    points = [shapely.Point(LON + 0.0005, LAT + 0.0005)] * 3 + [shapely.Point(0, 0)]
    times = [dt.datetime(2024, 4, 30, 9), dt.datetime(2024, 5, 1, 9), None,
             dt.datetime(2024, 1, 1)]
    links = fr.link(points, [PATCH], [dt.date(2024, 5, 1)], 50, times)
    assert links.early.tolist() == [fr.EARLY, fr.NOT_EARLY, None, None]


def test_the_profile_gives_the_distance():
    assert profiles.report_distance_m() == 50.0
