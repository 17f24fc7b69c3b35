"""Encoding detection, field-mapping profiles and CRS rules, case by case."""

import numpy as np
import pytest
import shapely

from farmland_guard.core import crs, encoding, profiles

GBK_TEXT = "获嘉县亢村镇".encode("gbk")
UTF8_TEXT = "获嘉县亢村镇".encode()


def text(*columns):
    """A DbfText of columns given as lists of values, one per record."""
    import numpy as np

    fields = []
    for column in columns:
        distinct = sorted(set(column))
        fields.append((distinct, np.array([distinct.index(v) for v in column])))
    return encoding.DbfText(0, fields, [])


def test_detect_gbk_and_utf8():
    assert encoding.detect(text([b"abc", GBK_TEXT, GBK_TEXT])).encoding == "GBK"
    assert encoding.detect(text([UTF8_TEXT], [b"x"])).encoding == "UTF-8"
    assert encoding.detect(text([b"plain"])).encoding == "UTF-8"


def test_mixed_encodings_name_the_minority_records():
    verdict = encoding.detect(text([GBK_TEXT] * 4, [b"", b"", UTF8_TEXT, b""]))
    assert verdict.encoding == "GBK" and verdict.bad_records == [3]
    assert "mixed encodings" in verdict.note


def test_aliases():
    for name in ("936", "cp936", "GB2312", "gbk", "GB18030"):
        assert encoding.normalise(name) == "GBK"
    assert encoding.normalise("utf8") == "UTF-8"


@pytest.mark.parametrize("fields, expected", [
    (["JCBH", "XZQDM", "XMC", "TBLX", "QSX", "HSX", "MJ"], "national"),
    (["TBBH", "XZQHDM", "XZQHMC", "TBMJ", "X", "Y", "QSX", "HSX", "YEAR"], "wpzf_tb"),
    (["JCBH", "DKBH", "JCMJ", "XZQDM"], "client"),
    (["jcbh", "tblx", "mj"], "national"),
    (["ID", "NAME"], None),
])
def test_profile_detection(fields, expected):
    found = profiles.detect(fields)
    assert (found.id if found else None) == expected


def test_profile_mapping():
    old = profiles.profiles()["wpzf_tb"]
    mapping = old.mapping(["TBBH", "XZQHDM", "TBMJ", "YEAR", "OTHER"])
    assert mapping == {"JCBH": "TBBH", "XZQDM": "XZQHDM", "MJ": "TBMJ", "ND": "YEAR"}


def box(x, y, size):
    return shapely.box(x, y, x + size, y + size)


def test_guess_gk_zone_from_the_easting_prefix():
    assert crs.guess((38_460_000, 3_900_000, 38_470_000, 3_910_000)) == "EPSG:4526"
    assert crs.guess((113.5, 35.0, 113.8, 35.3)) == "EPSG:4490"
    assert crs.guess((460_000, 3_900_000, 470_000, 3_910_000)) is None  # no zone prefix


def test_reprojection_lands_in_china():
    out = crs.to_cgcs2000([box(38_460_000, 3_900_000, 100)], "EPSG:4526")
    lon, lat = shapely.get_coordinates(out[0])[0]
    assert 113 < lon < 114 and 35 < lat < 36


@pytest.mark.parametrize("geoms, source, message", [
    ([box(35.2, 113.6, 0.001)], "EPSG:4490", "swapped"),
    ([box(38_460_000, 3_900_000, 100)], "EPSG:4490", "metres"),
    ([box(2.35, 48.85, 0.001)], "EPSG:4490", "outside China"),
    ([box(38_460_000, 3_900_000, 100)], "EPSG:4527", "zone prefix 38"),
])
def test_silently_wrong_coordinates_are_refused(geoms, source, message):
    with pytest.raises(crs.CrsError, match=message):
        crs.to_cgcs2000(np.array(geoms, dtype=object), source, "x.shp")


def test_wrong_prj_suggests_the_right_zone():
    with pytest.raises(crs.CrsError) as error:
        crs.to_cgcs2000([box(38_460_000, 3_900_000, 100)], "EPSG:4490")
    assert error.value.suggestion == "EPSG:4526"
