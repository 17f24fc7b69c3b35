from farmland_guard.core import codelists


def test_tblx_codes_of_the_national_list():
    tblx = codelists.tblx()
    assert len(tblx) == 34
    assert tblx["20"] == "建(构)筑物"
    assert tblx["01"] == tblx["1"] == "耕地"
    assert tblx["GF"] == "光伏"


def test_tblx_label():
    assert codelists.tblx_label("YH") == "YH 硬化"
    assert codelists.tblx_label(" 20 ") == "20 建(构)筑物"
    assert codelists.tblx_label("XX") == "XX"
    assert codelists.tblx_label(None) == ""


def test_dlbm_names():
    dlbm = codelists.dlbm()
    assert dlbm["0101"] == "水田" and dlbm["0102"] == "水浇地" and dlbm["0103"] == "旱地"
    assert dlbm["1203"] == "田坎" and dlbm["0201K"] == "可调整果园"
