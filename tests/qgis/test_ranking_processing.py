"""farmland_guard:ranking through Processing on a real work store (the demo batch imported,
verdicts saved as the plugin saves them, the towns, grids, problems and reports of
tests/ranking_store.py), with the ranking worked out by hand there."""


import openpyxl
import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from farmland_guard.core import profiles
from tests import ranking_store
from tests.ranking_store import T2, T3

pytestmark = pytest.mark.usefixtures("provider")
PERIOD = {"START": "2025-01-01", "END": "2025-06-30"}


def rows_of(output):
    layer = output if isinstance(output, QgsVectorLayer) else QgsVectorLayer(output)
    return [{n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()]


def test_towns_ranked_with_their_figures_and_lists(store, tmp_path, monkeypatch):
    p = ranking_store.build(store)
    # a red list and a black list of one each (the national sizes, 3 and 3, would put all three
    # towns on the red list)
    national = profiles.ranking_rules()
    monkeypatch.setattr(profiles, "ranking_rules",
                        lambda profile=None: {**national, "red_size": 1, "black_size": 1})
    xlsx = tmp_path / "红黑榜.xlsx"
    result = processing.run("farmland_guard:ranking", {
        "STORE": str(store), **PERIOD, "UNIT": 0, "OUTPUT": "TEMPORARY_OUTPUT",
        "XLSX": str(xlsx)})
    rows = rows_of(result["OUTPUT"])
    assert [(r["PM"], r["DW"], f"{r['ZF']:.2f}") for r in rows] == ranking_store.EXPECTED
    assert [r["BD"] for r in rows] == ["红榜", "", "黑榜"]
    assert (result["RED"], result["BLACK"]) == (T3, T2)
    t1 = rows[1]
    assert (t1["DWMC"], t1["XZWFGDMJ"], t1["DF_WF"], t1["TBS"], t1["YPDS"], t1["HSL"],
            t1["WTS"], t1["XHS"], t1["ZGWCL"], t1["ZGWCLBFB"], t1["WFTBS"], t1["ZBS"],
            t1["ZBL"], t1["WFTB"], t1["WTBH"], t1["XHWTBH"]) == (
        "太山镇", 0.6, 40, 2, 2, 1, 2, 1, 0.5, 50, 1, 1, 1, p[0], "P1,P2", "P1")
    assert "核查率不计分" in rows[0]["BZ"]  # T3 has no patch in the period
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["红黑榜", "未计入", "规则"]
    sheet = book["红黑榜"]
    assert [c.value for c in sheet[1]][:5] == ["排名", "榜单", "单位", "单位名称", "总分"]
    assert [c.value for c in sheet[3]][:5] == [1, "红榜", T3, "照镜镇", 100]
    left = {r[0].value: r[1].value for r in book["未计入"].iter_rows(min_row=3)}
    assert left[p[5]] == "图斑无所属单位" and left["P4"] == "问题无判定日期（PDRQ）"


def test_by_township_tianzhang(store):
    ranking_store.build(store)
    result = processing.run("farmland_guard:ranking", {
        "STORE": str(store), **PERIOD, "UNIT": 3, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert [r["DW"] for r in rows_of(result["OUTPUT"])] == ["王五", "张三", "李四"]


def test_bad_input_is_told_plainly(store, tmp_path):
    ranking_store.build(store)
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("farmland_guard:ranking", {
            "STORE": str(store), "START": "2025-06-30", "END": "2025-01-01", "UNIT": 0,
            "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "after its end" in str(caught.value)
    other = tmp_path / "x.gpkg"
    other.write_bytes(b"not a store")
    with pytest.raises(QgsProcessingException):
        processing.run("farmland_guard:ranking", {
            "STORE": str(other), **PERIOD, "UNIT": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
