"""Land-use groups of the 三调 DLBM codes (DESIGN.md §3.3), code by code."""

import numpy as np
import pytest

from farmland_guard.core import codelists, landuse

BUILT = "建设用地"
EXPECTED = {
    "0101": "耕地", "0102": "耕地", "0103": "耕地",
    "0201": "园地", "0201K": "园地", "0202": "园地", "0202K": "园地", "0203": "园地",
    "0203K": "园地", "0204": "园地", "0204K": "园地",
    "0301": "林地", "0301K": "林地", "0302": "林地", "0302K": "林地", "0303": "湿地",
    "0304": "湿地", "0305": "林地", "0305K": "林地", "0306": "湿地", "0307": "林地",
    "0307K": "林地",
    "0401": "草地", "0402": "湿地", "0403": "草地", "0403K": "草地", "0404": "草地",
    "05H1": BUILT, "0508": BUILT, "0601": BUILT, "0602": BUILT, "0603": BUILT, "0701": BUILT,
    "0702": BUILT, "08H1": BUILT, "08H2": BUILT, "0809": BUILT, "0810": BUILT, "09": BUILT,
    "1001": BUILT, "1002": BUILT, "1003": BUILT, "1004": BUILT, "1005": BUILT,
    "1006": "其他农用地", "1007": BUILT, "1008": BUILT, "1009": BUILT,
    "1101": "水域", "1102": "水域", "1103": "水域", "1104": "水域", "1104A": "水域",
    "1104K": "水域", "1105": "湿地", "1106": "湿地", "1107": "水域", "1107A": "水域",
    "1108": "湿地", "1109": BUILT, "1110": "水域",
    "1201": BUILT, "1202": "其他农用地", "1203": "其他农用地",
    "1204": "未利用地", "1205": "未利用地", "1206": "未利用地", "1207": "未利用地",
}


def test_every_national_code_is_checked_here():
    assert set(codelists.dlbm()) == set(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_group_of_each_code(code):
    assert landuse.group_of(code) == EXPECTED[code]


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_only_0101_0102_0103_are_cultivated(code):
    assert landuse.is_cultivated(code) == (code in ("0101", "0102", "0103"))


def test_field_banks_and_adjustable_codes_are_not_cultivated():
    assert not landuse.is_cultivated("1203")  # 田坎
    for code in ("0201K", "0301K", "0307K", "0403K", "1104K"):
        assert landuse.is_adjustable(code) and not landuse.is_cultivated(code), code
    assert not landuse.is_adjustable("0201") and not landuse.is_adjustable("K")


def test_codes_are_read_as_written_in_the_field():
    assert landuse.group_of(" 0102 ") == "耕地"
    assert landuse.group_of("0201k") == "园地" and landuse.is_adjustable("0201k")
    for odd in (None, "", "9999", "01", "0102X"):
        assert landuse.group_of(odd) == landuse.unknown_group()
        assert not landuse.is_cultivated(odd)


def test_classify_matches_the_code_by_code_answers():
    codes = np.array([*EXPECTED, None, "  0101", "0201k", "xx"], dtype=object)
    group, adjustable, paddy = landuse.classify(codes)
    names = landuse.groups()
    assert [names[g] for g in group] == [landuse.group_of(c) for c in codes]
    assert list(adjustable) == [landuse.is_adjustable(c) for c in codes]
    assert list(paddy) == [landuse.normalise(c) == "0101" for c in codes]
    empty = landuse.classify(np.array([], dtype=object))
    assert all(len(column) == 0 for column in empty)


def test_groups_end_with_the_unknown_group():
    names = landuse.groups()
    assert names[0] == "耕地" and names[-1] == landuse.unknown_group()
    assert len(set(names)) == len(names)


def test_salt_pans_are_construction_land_and_named():
    assert landuse.group_of("0603") == BUILT and codelists.dlbm()["0603"] == "盐田"


def test_every_adjustable_code_has_its_name():
    adjustable = [code for code in EXPECTED if code.endswith("K")]
    assert len(adjustable) == 10
    for code in adjustable:
        assert codelists.dlbm()[code].startswith("可调整"), code


def test_adjustable_codes_count_as_cultivated_only_where_a_profile_says_so():
    codes = np.array(["0102", "0201K", "0102K", "0301"], dtype=object)
    group, adjustable, _ = landuse.classify(codes)
    assert list(landuse.cultivated_mask(group, adjustable)) == [True, False, False, False]
    # 0102K (耕地 turned to something else that may be turned back) is 耕地 under the switch
    assert list(landuse.cultivated_mask(group, adjustable, True)) == [True, False, True, False]
