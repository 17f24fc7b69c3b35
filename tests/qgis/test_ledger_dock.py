"""The 台账 dock in real PyQGIS, offscreen: layers of reserve, occupations and illegal
occupations with figures computed by hand, picked in the dock, computed in a QgsTask; the county
table, 增违挂钩 and the ratio read back from the models; a double click on a figure lists the
entries behind it and a double click on a freeze zooms the map to the patch; a wrong input
names its row and field; the charts render; a screenshot of the dock in Chinese."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtTest import QTest

from farmland_guard.core.language import set_language
from farmland_guard.gui import ledger_dock as dock_module
from farmland_guard.gui.ledger_dock import LedgerDock
from farmland_guard.gui.ledger_model import LedgerModel
from tests.conftest import ROOT
from tests.qgis.conftest import memory_layer, wait_for

SCREENS = ROOT / "var" / "screens"
D = Decimal


# National coefficients: grade g → 1 − 0.05 (g − 1): 1 → 1.00, 2 → 0.95, 3 → 0.90.
RESERVE = [  # XMBH, XZQDM, RKRQ, BCGDMJ, BCSTMJ, ZLDB
    ("R1", "450102", "2023-01-10", 100.0, 40.0, "2"),  # 产能 100 × 0.95 = 95
    ("R2", "450102", "2023-06-01", 50.0, 10.0, "3"),  # 产能 50 × 0.90 = 45
    ("R3", "450103", "2023-03-01", 30.0, 0.0, "1"),  # 产能 30
]
OCCUPATIONS = [  # XMBH, XZQDM, PZRQ, ZYGDMJ, ZYSTMJ, ZLDB
    ("O1", "450102", "2023-05-01", 60.0, 20.0, "2"),  # 产能 57, all from R1 (R2 came later)
    ("O2", "450103", "2023-02-01", 10.0, 0.0, "1"),  # before R3: short 10 and 10, 先补后占
]
ILLEGAL = [  # JCBH, XZQDM, ND, WFGDMJ, WFSTMJ, ZLDB, WFMJ, ZGZT; a square at (x, y)
    ("450102202400001", "450102", 2024, 30.0, 5.0, "2", 32.0, "未整改", 108.30, 22.80),
    ("450102202400002", "450102", 2024, 25.0, 0.0, "3", 25.0, "未整改", 108.40, 22.80),
    ("450103202400001", "450103", 2024, 40.0, 0.0, "1", 41.0, "未整改", 108.50, 22.90),
]
# After O1, R1 holds 40 / 20 / 38 (数量 / 水田 / 产能). Freezes in JCBH order:
#   …001: 30 / 5 / 28.5 from R1 → R1 holds 10 / 15 / 9.5
#   …002: 25 / 0 / 22.5: 10 / – / 9.5 from R1, 15 / – / 13 from R2 → R2 holds 35 / 10 / 32
#   450103…001: 40 / 0 / 40 from R3's 30 / – / 30: 10 and 10 short
# 450102: KC 150 / 50 / 140, XH 60 / 20 / 57, DJ 55 / 5 / 51, KY 35 / 25 / 32, balanced.
# 450103: KC 30 / 0 / 30, XH 0, DJ 30 / 0 / 30, KY 0, QK 10 + 10 = 20 / 0 / 20, XBHZ_WG 1.
DENOMINATORS = [("450102", 2024, 200.0), ("450103", 2024, 400.0)]
# BL 450102: 55 ÷ 200 = 0.275 ≥ 0.15 问责 (55 亩 ≤ 100: no 约谈); 450103: 40 ÷ 400 = 0.10 预警.


def layers(negative_reserve=False):
    reserve = memory_layer(
        "None?field=XMBH:string&field=XZQDM:string&field=RKRQ:string&field=BCGDMJ:double"
        "&field=BCSTMJ:double&field=ZLDB:string", "储备库",
        [("", row) for row in RESERVE] if not negative_reserve
        else [("", RESERVE[0]), ("", ("R9", "450102", "2023-01-01", -5.0, 0.0, "2"))])
    occupations = memory_layer(
        "None?field=XMBH:string&field=XZQDM:string&field=PZRQ:string&field=ZYGDMJ:double"
        "&field=ZYSTMJ:double&field=ZLDB:string", "建设占用", [("", row) for row in OCCUPATIONS])
    illegal = memory_layer(
        "Polygon?crs=EPSG:4490&field=JCBH:string&field=XZQDM:string&field=ND:integer"
        "&field=WFGDMJ:double&field=WFSTMJ:double&field=ZLDB:string&field=WFMJ:double"
        "&field=ZGZT:string", "违法图斑", [(square(r[8], r[9]), r[:8]) for r in ILLEGAL])
    denominators = memory_layer("None?field=XZQDM:string&field=ND:integer&field=XZJSZYGDMJ:double",
                                "分母", [("", row) for row in DENOMINATORS])
    made = [reserve, occupations, illegal, denominators]
    QgsProject.instance().addMapLayers(made)
    return made


def square(x, y, side=0.001):
    return f"POLYGON(({x} {y},{x + side} {y},{x + side} {y + side},{x} {y + side},{x} {y}))"


@pytest.fixture()
def dock(qt_chinese, qgis_canvas):
    set_language("zh_CN")  # the core's messages too, as the plugin sets them (english_messages
    # sets English back after the test)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    widget = LedgerDock(qgis_canvas)
    widget.resize(1300, 900)
    widget.show()
    made = []
    yield widget, made
    widget.cleanup()
    widget.close()
    widget.deleteLater()
    QgsProject.instance().removeMapLayers([layer.id() for layer in made])


def pick(widget, reserve, occupations, illegal, denominators):
    widget.reserve_box.setLayer(reserve)
    widget.occupations_box.setLayer(occupations)
    widget.illegal_box.setLayer(illegal)
    widget.denominators_box.setLayer(denominators)
    wait_for(lambda: not widget.busy())


def table(widget, name):
    """A table of the dock as {region code (and year): {column code: figure}}."""
    model = widget.models[name]
    rows = {}
    for r in range(model.rowCount()):
        figures = {model.code(c): model.index(r, c).data(LedgerModel.VALUE_ROLE)
                   for c in range(model.columnCount())}
        key = figures["XZQDM"] if "ND" not in figures else (figures["XZQDM"], figures["ND"])
        rows[key] = figures
    return rows


def cell(widget, name, key, code):
    model = widget.models[name]
    column = model.columns.index(code)
    row = next(r for r in range(model.rowCount()) if model.rows[r]["XZQDM"] == key)
    return model.index(row, column)


def double_click(view, index):
    view.scrollTo(index)
    rect = view.visualRect(index)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())


def settle():
    """The layout done (shown and hidden parts) before a screenshot."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


def test_county_table_quota_and_ratio_as_computed_by_hand(dock):
    widget, made = dock
    made += layers()
    pick(widget, *made)
    assert widget.result is not None, widget.message.text()
    counties = table(widget, "counties")
    assert [(r["JB"], code) for code, r in counties.items()] == [
        ("县", "450102"), ("县", "450103"), ("市", "450100"), ("省", "450000")]
    nanning = counties["450102"]
    assert [nanning[f"{f}_{led}"] for f in ("KC", "XH", "DJ", "KY", "QK")
            for led in ("GD", "ST", "CN")] == [D(v) for v in (
                150, 50, 140, 60, 20, 57, 55, 5, 51, 35, 25, 32, 0, 0, 0)]
    assert (nanning["XBHZ_WG"], nanning["PH"]) == (0, "是")
    other = counties["450103"]
    assert [other[f"{f}_GD"] for f in ("KC", "XH", "DJ", "KY", "QK")] == [D(v) for v in (
        30, 0, 30, 0, 20)]
    assert (other["QK_CN"], other["XBHZ_WG"], other["PH"]) == (D(20), 1, "否")
    assert counties["450100"]["DJ_GD"] == D(85) and counties["450100"]["PH"] == "否"

    model = widget.models["counties"]
    index = cell(widget, "counties", "450102", "KC_GD")
    assert index.data() == "150.0000"  # 亩 to 4 decimals
    assert model.headerData(index.column(), Qt.Horizontal) == "库存数量"
    assert model.headerData(index.column(), Qt.Horizontal, Qt.ToolTipRole) == "KC_GD"
    short = cell(widget, "counties", "450103", "QK_GD")
    assert short.data(Qt.ForegroundRole).name() == "#b00000"  # red: a shortfall
    assert cell(widget, "counties", "450103", "PH").data(Qt.ForegroundRole).name() == "#b00000"
    assert cell(widget, "counties", "450102", "PH").data(Qt.ForegroundRole) is None

    quota = table(widget, "quota")  # 增违挂钩: withheld from 2025's plan = all illegal land
    assert quota[("450102", 2024)]["ZK"] == D(57) and quota[("450102", 2024)]["JHND"] == 2025
    assert quota[("450103", 2024)]["DD"] == D(41)  # 未整改: pending

    ratio = table(widget, "ratio")
    assert ratio[("450102", 2024)]["BL"] == D("0.275") and ratio[("450102", 2024)]["YJ"] == "问责"
    assert ratio[("450103", 2024)]["BL"] == D("0.1") and ratio[("450103", 2024)]["YJ"] == "预警"
    assert ratio[("450100", 2024)]["BL"] == D("0.158333")  # 95 ÷ 600, to 6 places: 问责
    assert ratio[("450100", 2024)]["YJ"] == "问责"
    assert cell(widget, "ratio", "450103", "YJ").data(Qt.BackgroundRole).name() == "#fdebc8"
    assert cell(widget, "ratio", "450102", "BL").data() == "27.50 %"
    gross = widget.models["ratio"].columns.index("WFGDMJ_MZ")  # no gross figure given: hidden
    assert widget.views["ratio"].isColumnHidden(gross)


def test_drill_down_to_the_freezes_and_the_patch_on_the_map(dock, qgis_canvas):
    widget, made = dock
    made += layers()
    pick(widget, *made)
    view = widget.views["counties"]
    double_click(view, cell(widget, "counties", "450102", "DJ_GD"))
    assert widget.details.isVisible()
    details = widget.models["details"]
    listed = [(row["jcbh"], row["reserve"], row["amount"]) for row in details.rows]
    assert listed == [("450102202400001", "R1", D(30)), ("450102202400002", "R1", D(10)),
                      ("450102202400002", "R2", D(15))]  # 30 + 10 + 15 = 55 = DJ_GD
    assert "冻结数量" in widget.details_title.text()

    double_click(view, cell(widget, "counties", "450102", "KC_CN"))
    lines = {row["xmbh"]: row for row in widget.models["details"].rows}
    assert (lines["R1"]["amount"], lines["R1"]["consumed"], lines["R1"]["frozen"],
            lines["R1"]["left"]) == (D(95), D(57), D("38"), D(0))  # 28.5 + 9.5 frozen
    assert lines["R2"]["left"] == D(32)

    double_click(view, cell(widget, "counties", "450102", "DJ_GD"))
    qgis_canvas.setExtent(QgsRectangle(100, 20, 101, 21))
    double_click(widget.views["details"], widget.models["details"].index(2, 0))
    patch = made[2]
    feature = next(f for f in patch.getFeatures() if f["JCBH"] == "450102202400002")
    assert qgis_canvas.extent().contains(feature.geometry().boundingBox())
    assert patch.selectedFeatureIds() == [feature.id()]

    double_click(widget.views["quota"], cell(widget, "quota", "450102", "DD"))  # 增违挂钩 待定
    assert [(r["jcbh"], r["area"]) for r in widget.models["details"].rows] == [
        ("450102202400001", D(32)), ("450102202400002", D(25))]  # 32 + 25 = 57
    double_click(widget.views["quota"], cell(widget, "quota", "450102", "TH"))
    assert widget.models["details"].rowCount() == 0 and "没有" in widget.details_title.text()

    widget.tabs.setCurrentIndex(2)
    ratio_view = widget.views["ratio"]
    double_click(ratio_view, cell(widget, "ratio", "450103", "WFGDMJ"))
    assert [row["jcbh"] for row in widget.models["details"].rows] == ["450103202400001"]


def test_recomputed_when_a_layer_changes(dock):
    widget, made = dock
    made += layers()
    pick(widget, *made)
    before = widget.result
    reserve = made[0]
    reserve.startEditing()
    feature = next(f for f in reserve.getFeatures() if f["XMBH"] == "R3")
    reserve.changeAttributeValue(feature.id(), reserve.fields().indexOf("BCGDMJ"), 45.0)
    assert reserve.commitChanges()
    wait_for(lambda: widget.result is not before and not widget.busy())
    counties = table(widget, "counties")
    # R3 now 45: the freeze of 40 is met (QK_GD 10 from O2 only), 5 available
    assert (counties["450103"]["QK_GD"], counties["450103"]["KY_GD"]) == (D(10), D(5))

    widget.hide()  # a hidden dock computes nothing until it is shown again
    shown = widget.result
    reserve.startEditing()
    reserve.changeAttributeValue(feature.id(), reserve.fields().indexOf("BCGDMJ"), 50.0)
    assert reserve.commitChanges()
    wait_for(lambda: not widget.busy())
    assert widget.result is shown and widget.stale
    widget.show()
    wait_for(lambda: widget.result is not shown and not widget.busy())
    assert table(widget, "counties")["450103"]["KY_GD"] == D(10)

    shown = widget.result  # a picked layer removed from the project: computed without it
    QgsProject.instance().removeMapLayer(made.pop(1).id())
    wait_for(lambda: widget.result is not shown and not widget.busy())
    assert widget.occupations_box.currentLayer() is None
    assert table(widget, "counties")["450102"]["XH_GD"] == D(0)


def test_recompute_reads_a_file_changed_outside_qgis(dock, tmp_path):
    from qgis.core import QgsVectorLayer

    widget, made = dock
    made += layers()
    path = tmp_path / "储备库.csv"

    def write(rows):
        path.write_text("XMBH,XZQDM,RKRQ,BCGDMJ,BCSTMJ,ZLDB\n" + "".join(
            ",".join(str(v) for v in row) + "\n" for row in rows), "utf-8")

    write(RESERVE)
    reserve = QgsVectorLayer(str(path), "储备库文件", "ogr")
    assert reserve.isValid()
    QgsProject.instance().addMapLayer(reserve)
    made.append(reserve)
    pick(widget, reserve, *made[1:4])
    assert table(widget, "counties")["450102"]["KC_GD"] == D(150)
    write([RESERVE[0], ("R2", "450102", "2023-06-01", 70.0, 10.0, "3"), RESERVE[2]])
    shown = widget.result
    QTest.mouseClick(widget.recompute_button, Qt.LeftButton)
    wait_for(lambda: widget.result is not shown and not widget.busy())
    assert table(widget, "counties")["450102"]["KC_GD"] == D(170)  # 100 + 70


def test_a_wrong_input_names_its_row_and_field(dock):
    widget, made = dock
    made += layers(negative_reserve=True)
    pick(widget, *made)
    assert widget.result is None
    assert widget.models["counties"].rowCount() == 0  # nothing from a half-read table
    said = widget.message.text()
    assert widget.message.isVisible()
    assert "储备库" in said and "BCGDMJ" in said and "2" in said
    assert "Traceback" not in said
    SCREENS.mkdir(parents=True, exist_ok=True)
    widget.resize(1300, 600)
    settle()
    assert widget.grab().save(str(SCREENS / "ledger_dock_error.png"))


def test_cancelled_before_the_figures_came(dock):
    widget, made = dock
    made += layers()
    widget.reserve_box.setLayer(made[0])
    assert widget.busy()
    widget.stop()  # the Cancel button
    wait_for(lambda: not widget.busy())
    assert widget.result is None and widget.message.text() == "已取消。"


def test_work_store_chosen_without_one_open(dock):
    widget, _ = dock
    widget.use_store()
    wait_for(lambda: not widget.busy())
    assert widget.uses_store() and "工作库" in widget.message.text()


def test_charts_render_export_and_screenshot(dock, tmp_path, monkeypatch):
    widget, made = dock
    made += layers()
    pick(widget, *made)
    ratio_png, ledger_png = widget.ratio_chart.png, widget.ledger_chart.png
    assert ratio_png.startswith(b"\x89PNG") and ledger_png.startswith(b"\x89PNG")
    assert not QImage.fromData(ratio_png).isNull()
    widget.views["counties"].setCurrentIndex(cell(widget, "counties", "450103", "KC_GD"))
    assert widget.ledger_chart.png != ledger_png  # the chosen county's chart

    out, offered = tmp_path / "比例.png", []
    monkeypatch.setattr(dock_module.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (offered.append(a[2]), (str(out), "PNG (*.png)"))[1])
    widget.tabs.setCurrentIndex(2)
    QTest.mouseClick(widget.findChild(dock_module.QPushButton, "ratio_export"), Qt.LeftButton)
    assert out.read_bytes() == widget.ratio_chart.png and offered == ["BL_2024.png"]

    widget.tabs.setCurrentIndex(0)
    double_click(widget.views["counties"], cell(widget, "counties", "450102", "DJ_GD"))
    SCREENS.mkdir(parents=True, exist_ok=True)
    widget.resize(1300, 1000)
    settle()
    assert widget.grab().save(str(SCREENS / "ledger_dock.png"))
    widget.tabs.setCurrentIndex(2)
    double_click(widget.views["ratio"], cell(widget, "ratio", "450102", "WFGDMJ"))
    settle()
    assert widget.grab().save(str(SCREENS / "ledger_dock_ratio.png"))


def test_charts_without_matplotlib_say_so(dock, monkeypatch):
    widget, made = dock
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    made += layers()
    pick(widget, *made)
    assert widget.result is not None and widget.ratio_chart.png == b""
    assert "matplotlib" in widget.ratio_chart.text()


ILLEGAL_VERDICT = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFGDMJ": 0.6,
                   "WFSTMJ": 0.2}


def test_the_open_work_store_as_the_illegal_occupations(dock, store, qgis_canvas):
    from farmland_guard.gui.store_layer import show_store
    from farmland_guard.store import gpkg
    from farmland_guard.store.results import Verdicts
    from farmland_guard.store.workstore import WorkStore

    widget, made = dock
    made.append(show_store(store))
    with gpkg.connect(store) as conn:
        first, second = (r[0] for r in conn.execute(
            "SELECT JCBH FROM patches WHERE TBMJ_MU > 2 ORDER BY JCBH LIMIT 2"))
        conn.execute("UPDATE patches SET GDDB = '2', ND = '2024'")  # as a precheck with 三调 GDDB
    with WorkStore(store) as opened:
        Verdicts(opened).save(first, ILLEGAL_VERDICT)
    widget.set_store(store)
    widget.use_store()
    wait_for(lambda: not widget.busy())
    assert widget.result is not None, widget.message.text()
    counties = [r for r in widget.models["counties"].rows if r["JB"] == "县"]
    # no reserve at all: the freeze of 0.6 亩 is all shortfall
    assert sum(r["QK_GD"] for r in counties) == D("0.6") and counties[0]["PH"] == "否"

    with WorkStore(store) as opened:
        Verdicts(opened).save(second, {**ILLEGAL_VERDICT, "WFGDMJ": 0.5})
    before = widget.result
    widget.store_saved(second)  # the workbench's signal, as the plugin connects it
    wait_for(lambda: widget.result is not before and not widget.busy())
    counties = [r for r in widget.models["counties"].rows if r["JB"] == "县"]
    assert sum(r["QK_GD"] for r in counties) == D("1.1")  # 0.6 + 0.5

    county = next(r["XZQDM"] for r in counties if r["QK_GD"])
    double_click(widget.views["counties"], cell(widget, "counties", county, "QK_GD"))
    details = widget.models["details"]
    row = next(r for r in range(details.rowCount()) if details.rows[r]["occupation"] == first)
    qgis_canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    double_click(widget.views["details"], details.index(row, 0))
    layer = made[-1]
    assert [f["JCBH"] for f in layer.getSelectedFeatures()] == [first]


FLOWS = [  # XZQDM, ND, LX, YDLBM, XDLBM, MJ, STMJ, ZLDB, SFJBNT
    ("450102", 2023, "流出", "0101", "0201", 10.0, 0.0, "2", "是"),  # 产能 9.5, from 永农
    ("450102", 2023, "流入", "0201", "0103", 8.0, 0.0, "1", "否"),  # 产能 8
    ("450102", 2024, "流出", "0103", "0301", 5.0, 0.0, "2", "否"),  # 2024: an occupation
]
# 2023 (进出平衡): out 10 / 0 / 9.5 against in 8 / 0 / 8: not balanced, one 永农 out-flow.
# 2024 (占补平衡): the 5 亩 out-flow consumes on 2024-12-31, from R1 after O1: XH_GD 60 + 5.


def test_in_and_out_flows_and_the_cut_over(dock):
    widget, made = dock
    made += layers()
    flows = memory_layer(
        "None?field=XZQDM:string&field=ND:integer&field=LX:string&field=YDLBM:string"
        "&field=XDLBM:string&field=MJ:double&field=STMJ:double&field=ZLDB:string"
        "&field=SFJBNT:string", "进出", [("", row) for row in FLOWS])
    QgsProject.instance().addMapLayer(flows)
    made.append(flows)
    widget.flows_box.setLayer(flows)
    pick(widget, *made[:4])
    assert widget.result is not None, widget.message.text()
    rows = table(widget, "flows")
    separate = rows[("450102", 2023)]
    assert (separate["OUT_GD"], separate["IN_GD"], separate["OUT_CN"], separate["IN_CN"]) == (
        D(10), D(8), D("9.5"), D(8))
    assert (separate["ZD"], separate["PH"], separate["JBNT_WG"]) == ("进出平衡", "否", 1)
    assert (rows[("450102", 2024)]["ZD"], rows[("450102", 2024)]["PH"]) == ("占补平衡", None)
    assert table(widget, "counties")["450102"]["XH_GD"] == D(65)
    assert [r["year"] for r in widget.models["violations"].rows] == [2023]

    widget.tabs.setCurrentIndex(1)
    view = widget.views["flows"]
    model = widget.models["flows"]
    row = next(r for r in range(model.rowCount()) if model.rows[r]["ND"] == 2023)
    double_click(view, model.index(row, model.columns.index("JBNT_WG")))
    assert [(r["direction"], r["gd"]) for r in widget.models["details"].rows] == [("流出", D(10))]


def test_a_ratio_table_without_grades_still_gives_the_ratio(dock):
    widget, made = dock
    ratio_table = memory_layer(  # the illegalratio table of DESIGN.md §6.3: no grade
        "None?field=JCBH:string&field=XZQDM:string&field=ND:integer&field=WFGDMJ:double"
        "&field=SFNRWFJS:string&field=SFZDGC:string", "违法比例表",
        [("", ("A1", "450102", 2024, 24.0, "是", "否")),
         ("", ("A2", "450102", 2024, 6.0, "是", "是"))])  # 重点工程: exempt
    denominators = memory_layer("None?field=XZQDM:string&field=ND:integer"
                                "&field=XZJSZYGDMJ:double", "分母", [("", ("450102", 2024, 200.0))])
    QgsProject.instance().addMapLayers([ratio_table, denominators])
    made += [ratio_table, denominators]
    widget.illegal_box.setLayer(ratio_table)
    widget.denominators_box.setLayer(denominators)
    wait_for(lambda: not widget.busy())
    assert widget.result is not None and widget.models["counties"].rowCount() == 0
    assert "ZLDB" in widget.message.text() and widget.message.isVisible()
    row = table(widget, "ratio")[("450102", 2024)]
    assert (row["WFGDMJ"], row["BL"], row["YJ"]) == (D(24), D("0.12"), "预警")  # 24 ÷ 200
    assert table(widget, "quota")[("450102", 2024)]["ZK"] == D(30)  # all illegal land withheld
