"""The 整改台账 dock in real PyQGIS, offscreen, on a demo work store with verdicts saved as the
workbench saves them, in Chinese: problems derived from the 违法 verdicts; a 信访 problem entered
through the form (patches from the map selection, a point clicked on the map); an overdue row in
red; a case field edited and its history; 销号 refused without evidence, then accepted once a
file is attached; the 整改完成率 of a 巡察 and a click on its figure; undo; a screenshot."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QFileDialog

from farmland_guard.core import completion, identity
from farmland_guard.core.language import set_language
from farmland_guard.gui import problem_model
from farmland_guard.gui.followup_dock import FollowupDock
from farmland_guard.gui.problem_edit import EditProblemDialog
from farmland_guard.gui.store_layer import show_store
from farmland_guard.gui.xiaohao_dialog import XiaohaoDialog
from farmland_guard.store.problems import Problems
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from tests.conftest import ROOT

SCREENS = ROOT / "var" / "screens"
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0}


def patches(store, n):
    with WorkStore(store) as ws:
        return [r[0] for r in ws.conn.execute(
            "SELECT JCBH FROM patches WHERE TBMJ_MU > 2 ORDER BY JCBH LIMIT ?", (n,))]


@pytest.fixture()
def dock(qt_chinese, store, qgis_canvas):
    set_language("zh_CN")  # the core's messages too, as the plugin sets them
    layer = show_store(store)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    qgis_canvas.setExtent(QgsCoordinateTransform(layer.crs(), qgis_canvas.mapSettings()
                                                 .destinationCrs(), QgsProject.instance())
                          .transformBoundingBox(layer.extent()))
    widget = FollowupDock(qgis_canvas)
    widget.resize(1200, 800)
    widget.show()
    widget.set_store(store)
    yield widget
    widget.cleanup()
    widget.close()
    widget.deleteLater()
    QgsProject.instance().removeMapLayer(layer.id())


def click(button):
    QTest.mouseClick(button, Qt.LeftButton)


def listed(widget):
    return [row["WTBH"] for row in widget.model.rows]


def judge(store, keys, verdict=ILLEGAL):
    with WorkStore(store) as ws:
        for key in keys:
            Verdicts(ws).save(key, verdict)


def test_derived_problems_appear_and_show_on_the_map(dock, store, qgis_canvas):
    a, b = patches(store, 2)
    judge(store, [a, b])
    assert listed(dock) == []
    click(dock.derive_button)
    assert listed(dock) == [a, b]
    assert "新建 2" in dock.message.text(), dock.message.text()
    click(dock.derive_button)  # again: nothing new
    assert "新建 0" in dock.message.text() and listed(dock) == [a, b]
    index = dock.model.index(1, 0)
    rect = dock.table.visualRect(index)
    QTest.mouseClick(dock.table.viewport(), Qt.LeftButton, pos=rect.center())
    QTest.mouseDClick(dock.table.viewport(), Qt.LeftButton, pos=rect.center())
    layer = dock.patches_layer()
    assert [f["JCBH"] for f in layer.getSelectedFeatures()] == [b]
    outline = next(layer.getSelectedFeatures()).geometry()
    outline.transform(QgsCoordinateTransform(layer.crs(), qgis_canvas.mapSettings()
                                             .destinationCrs(), QgsProject.instance()))
    assert qgis_canvas.extent().contains(outline.boundingBox())
    assert qgis_canvas.extent().width() < 2000 and dock.band is not None
    dock.set_store(store.with_name("gone.gpkg"))  # another store, which cannot be opened
    assert listed(dock) == [] and "不存在" in dock.message.text()
    assert not dock.derive_button.isEnabled()


def test_a_complaint_entered_through_the_form(dock, store, qgis_canvas):
    (a,) = patches(store, 1)
    layer = dock.patches_layer()
    layer.selectByExpression(f"\"JCBH\" = '{a}'")
    dock.source.setCurrentIndex(dock.source.findData("督察"))  # cleared for the new problem
    click(dock.new_button)
    form = dock.dialog
    form.source.setCurrentIndex(form.source.findData("信访"))
    form.description.insertPlainText("村民反映有人在耕地上建房")  # QTest types ASCII only
    form.measures.item(0).setCheckState(Qt.Checked)  # 拆除复耕
    QTest.keyClicks(form.deadline, "2025-01-01")  # before the finding: refused
    form.unit.insert("太山镇人民政府")
    form.person.insert("王五")
    click(form.findChild(type(form.pick_button), "patches_from_map"))
    assert form.patches.text() == a
    click(form.pick_button)
    tool = form.tool
    assert qgis_canvas.mapTool() is tool
    pixel = QPoint(qgis_canvas.width() // 3, qgis_canvas.height() // 3)
    QTest.mouseClick(qgis_canvas.viewport(), Qt.LeftButton, Qt.NoModifier, pixel)
    assert form.where.currentData() == "point" and qgis_canvas.mapTool() is not tool
    click(form.buttons.button(QDialogButtonBox.Save))
    assert "整改期限" in form.message.text() and form.isVisible()
    with WorkStore(store) as ws:
        assert Problems(ws).list() == []  # nothing saved
    form.deadline.clear()
    QTest.keyClicks(form.deadline, "2099-12-31")
    click(form.buttons.button(QDialogButtonBox.Save))
    assert not form.isVisible(), form.message.text()
    (wtbh,) = listed(dock)
    assert wtbh.startswith("WT-") and dock.current() == wtbh and dock.source.currentIndex() == 0
    record = dock.ledger.get(wtbh)
    assert (record["LY"], record["GLTB"], record["ZGCS"]) == ("信访", [a], ["拆除复耕"])
    assert (record["ZRDW"], record["ZRR"], record["ZGQX"]) == ("太山镇人民政府", "王五", "2099-12-31")
    clicked = qgis_canvas.getCoordinateTransform().toMapCoordinates(pixel.x(), pixel.y())
    expected = QgsCoordinateTransform(qgis_canvas.mapSettings().destinationCrs(),
                                      QgsCoordinateReferenceSystem("EPSG:4490"),
                                      QgsProject.instance()).transform(QgsPointXY(clicked))
    point = dock.ledger.geometry(wtbh)
    assert point.geom_type == "Point"
    assert (point.x, point.y) == pytest.approx((expected.x(), expected.y()), abs=1e-6)


def test_a_form_given_up_while_picking_gives_the_map_its_tool_back(dock, qgis_canvas):
    before = qgis_canvas.mapTool()
    click(dock.new_button)
    click(dock.dialog.pick_button)
    assert qgis_canvas.mapTool() is dock.dialog.tool
    click(dock.dialog.buttons.button(QDialogButtonBox.Cancel))
    assert qgis_canvas.mapTool() is before and not dock.dialog.isVisible()


def test_the_filters(dock, store):
    a, b = patches(store, 2)
    with WorkStore(store) as ws:
        ws.conn.execute("UPDATE patches SET XZDM = '410724100', XZMC = '太山镇' WHERE JCBH = ?",
                        (b,))
    judge(store, [a, b])
    click(dock.derive_button)
    with WorkStore(store) as ws:
        county = ws.conn.execute("SELECT XZQDM FROM patches LIMIT 1").fetchone()[0]
        ledger = Problems(ws)
        opened = ledger.create({"LY": "督察", "XZQDM": county, "LABH": "立字第1号",
                                "LARQ": dt.date.today().isoformat()})
        ledger.move(a, "整改中")
    dock.refresh()
    assert listed(dock) == [a, b, opened]
    dock.source.setCurrentIndex(dock.source.findData("督察"))
    assert listed(dock) == [opened]
    dock.source.setCurrentIndex(0)
    dock.case.setCurrentIndex(dock.case.findData("已立案"))
    assert listed(dock) == [opened]
    dock.case.setCurrentIndex(0)
    dock.state.setCurrentIndex(dock.state.findData("整改中"))
    assert listed(dock) == [a]
    dock.state.setCurrentIndex(0)
    assert dock.town.itemText(1) == "太山镇"
    dock.town.setCurrentIndex(1)
    assert listed(dock) == [b]


def test_an_overdue_problem_stands_out(dock, store):
    with WorkStore(store) as ws:
        county = ws.conn.execute("SELECT XZQDM FROM patches LIMIT 1").fetchone()[0]
        ledger = Problems(ws)
        late = ledger.create({"LY": "督察", "XZQDM": county, "PDRQ": "2025-01-01",
                              "ZGQX": "2025-06-30"})
        ledger.create({"LY": "督察", "XZQDM": county, "ZGQX": "2099-12-31"})
    dock.refresh()
    row = dock.model.row_of(late)
    deadline = dock.model.index(row, problem_model.COLUMNS.index("ZGQX"))
    days = (dt.date.today() - dt.date(2025, 6, 30)).days
    assert deadline.data() == "⚠ 2025-06-30"
    assert deadline.data(Qt.ForegroundRole) == problem_model.RED
    assert dock.model.index(row, 0).data(Qt.ForegroundRole) == problem_model.RED
    assert deadline.data(Qt.ToolTipRole) == f"已逾期 {days} 天"
    other = dock.model.index(1 - row, problem_model.COLUMNS.index("ZGQX"))
    assert other.data(Qt.ForegroundRole) is None and "⚠" not in other.data()
    dock.overdue.setChecked(True)
    assert listed(dock) == [late]


def test_a_case_field_edited_shows_in_the_history_and_undoes(dock, store):
    (a,) = patches(store, 1)
    judge(store, [a])
    click(dock.derive_button)
    dock.select(a)
    click(dock.edit_button)
    (edit,) = [d for d in dock.findChildren(EditProblemDialog) if d.isVisible()]
    assert edit.windowTitle() == f"问题 {a}"
    QTest.keyClicks(edit.edits["GPQX"], "2099-01-01")  # a deadline without its level: refused
    click(edit.buttons.button(QDialogButtonBox.Save))
    assert "挂牌督办级别" in edit.message.text() and edit.isVisible()
    assert dock.ledger.get(a)["version"] == 1
    edit.edits["GPQX"].clear()
    edit.edits["LABH"].insert("豫0724立〔2025〕12号")
    QTest.keyClicks(edit.edits["LARQ"], dt.date.today().isoformat())
    edit.state.setCurrentIndex(edit.state.findText("整改中"))
    assert edit.state.findText("已销号") == -1  # 销号 has its own dialog
    click(edit.buttons.button(QDialogButtonBox.Save))
    assert not edit.isVisible()
    record = dock.ledger.get(a)
    assert (record["LABH"], record["ZGZT"]) == ("豫0724立〔2025〕12号", "整改中")
    case = dock.model.index(dock.model.row_of(a), problem_model.COLUMNS.index("case"))
    assert case.data() == "已立案"
    history = [dock.history.item(n).text() for n in range(dock.history.count())]
    assert any("立案号 豫0724立〔2025〕12号" in line for line in history), history
    dock.table.setFocus()
    QTest.keyClick(dock.table, Qt.Key_Z, Qt.ControlModifier)
    record = dock.ledger.get(a)
    assert record["LABH"] is None and record["ZGZT"] == "未整改"
    assert dock.message.text() == "已撤销。"


def test_closing_is_refused_without_evidence_then_accepted(dock, store, tmp_path, monkeypatch):
    (a,) = patches(store, 1)
    judge(store, [a])
    click(dock.derive_button)
    dock.ledger.move(a, "已整改")
    dock.refresh()
    dock.select(a)
    click(dock.close_button)
    (closing,) = [d for d in dock.findChildren(XiaohaoDialog) if d.isVisible()]
    assert closing.windowTitle() == f"销号 {a}"
    assert closing.who.text() == identity.user()
    closing.why.insertPlainText("已拆除复耕，现场核实")
    click(closing.close_button)
    assert "整改佐证" in closing.message.text() and closing.isVisible()
    assert closing.evidence_button.isVisible()
    assert dock.ledger.get(a)["ZGZT"] == "已整改"
    photo = tmp_path / "复耕后.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not much of a photo")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(photo)], ""))
    click(closing.evidence_button)
    assert dock.ledger.evidence(a) == 1
    click(closing.close_button)
    assert not closing.isVisible(), closing.message.text()
    record = dock.ledger.get(a)
    assert (record["ZGZT"], record["XHR"], record["XHYY"]) == ("已销号", identity.user(),
                                                              "已拆除复耕，现场核实")
    assert record["XHRQ"] == dt.date.today().isoformat()
    row = dock.model.row_of(a)
    assert dock.model.index(row, problem_model.COLUMNS.index("XHRQ")).data() == record["XHRQ"]
    assert "销号：" in dock.history.item(0).text() and "已销号" in dock.history.item(0).text()


def inspections(store, tmp_path):
    """Three 巡察 problems of the county, two of them closed, and one 信访 left open."""
    evidence = tmp_path / "整改照片.png"
    evidence.write_bytes(b"\x89PNG not much of a picture")
    from farmland_guard.store.evidence import attach

    with WorkStore(store) as ws:
        county = ws.conn.execute("SELECT XZQDM FROM patches LIMIT 1").fetchone()[0]
        ledger = Problems(ws)
        found = [ledger.create({"LY": "巡察", "XZQDM": county, "WTMS": f"巡察发现第{n}处",
                                "ZRDW": "自然资源局", "ZGQX": "2099-06-30"}) for n in (1, 2, 3)]
        ledger.create({"LY": "信访", "XZQDM": county, "WTMS": "群众来信",
                       "ZGQX": "2025-06-30", "PDRQ": "2025-03-01"})
        for wtbh in found[:2]:
            attach(ws, evidence, wtbh)
            ledger.move(wtbh, "已整改")
            ledger.close(wtbh, dt.date.today(), "李四", "整改到位")
    return found


def test_completion_rate_and_its_figure_open_the_problems(dock, store, tmp_path):
    found = inspections(store, tmp_path)
    dock.refresh()
    model = dock.completion.model_
    row = next(n for n, r in enumerate(model.rows)
               if r["JB"] == completion.SOURCE and r["LY"] == "巡察")
    index = model.index(row, 4)
    assert [model.index(row, c).data() for c in range(5)] == ["来源", "巡察", "3", "2", "67 %"]
    assert len(listed(dock)) == 4
    dock.completion.scrollTo(index)
    QTest.mouseClick(dock.completion.viewport(), Qt.LeftButton,
                     pos=dock.completion.visualRect(index).center())
    assert listed(dock) == found
    assert dock.behind_box.isVisible() and "3" in dock.behind_label.text()
    closed = model.index(row, 3)
    QTest.mouseClick(dock.completion.viewport(), Qt.LeftButton,
                     pos=dock.completion.visualRect(closed).center())
    assert listed(dock) == found[:2]
    click(dock.show_all_button)
    assert len(listed(dock)) == 4 and not dock.behind_box.isVisible()


def test_screenshot(dock, store, tmp_path):
    a, b, c = patches(store, 3)
    with WorkStore(store) as ws:
        ws.conn.execute("UPDATE patches SET XZDM = '410724100', XZMC = '太山镇' WHERE JCBH IN "
                        "(?, ?)", (a, b))
    judge(store, [a, b, c])
    inspections(store, tmp_path)
    click(dock.derive_button)
    dock.ledger.update(a, {"ZGCS": ["拆除复耕"], "ZGQX": "2099-03-31", "ZRDW": "太山镇人民政府",
                           "ZRR": "王五", "LABH": "豫0724立〔2025〕12号",
                           "LARQ": dt.date.today().isoformat()})
    dock.refresh()
    dock.select(a)
    dock.tabs.setCurrentIndex(0)
    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / "followup_dock.png"
    assert dock.grab().save(str(path))
    assert path.stat().st_size > 10_000
    dock.tabs.setCurrentWidget(dock.history)
    assert dock.grab().save(str(SCREENS / "followup_history.png"))
    form = dock.new_problem()
    assert form.grab().save(str(SCREENS / "followup_new_problem.png"))
    form.close()
    edit = dock.edit_problem()
    edit.edits["GPQX"].insert("2099-01-01")
    edit.save()  # refused: the message in the picture
    assert edit.grab().save(str(SCREENS / "followup_edit.png"))
    edit.close()
