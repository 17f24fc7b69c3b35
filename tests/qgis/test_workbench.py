"""The verification workbench driven with the keyboard, in real PyQGIS offscreen."""

import pytest
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QPoint, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialog, QWidget

from farmland_guard.gui.store_layer import show_store, store_of
from farmland_guard.gui.workbench import Workbench
from tests.qgis.conftest import wait_for


def key(widget, sequence, modifier=Qt.NoModifier):
    QTest.keyClick(widget.table, sequence, modifier)


def test_queue_counts_and_navigation(bench, qgis_canvas):
    assert bench.queue.model.rowCount() == 120
    assert bench.queue.progress.format() == "0 of 120 verified"
    first = bench.current_row()
    assert first.jcbh.endswith("000001")
    key(bench, Qt.Key_PageDown)
    key(bench, Qt.Key_PageDown)
    assert bench.current_row().jcbh.endswith("000003")
    key(bench, Qt.Key_PageUp)
    assert bench.current_row().jcbh.endswith("000002")
    feature = next(bench.layer.getFeatures(f"\"JCBH\" = '{bench.current_row().jcbh}'"))
    to_map = QgsCoordinateTransform(bench.layer.crs(), qgis_canvas.mapSettings().destinationCrs(),
                                    QgsProject.instance())
    box = to_map.transformBoundingBox(feature.geometry().boundingBox())
    extent = qgis_canvas.extent()
    assert bench.on_map.highlight is not None
    assert extent.contains(box) and extent.width() < 2000  # the patch, not the county


def test_judge_with_the_keyboard(bench):
    QTest.keyClick(bench.table, Qt.Key_2)  # 违法
    row = bench.current_row()
    assert bench.form.kind() == "违法"
    assert bench.form.areas["WFMJ"].value() == pytest.approx(row.area_mu)  # pre-filled
    QTest.keyClick(bench.table, Qt.Key_S, Qt.ControlModifier)
    assert "WFLX" in bench.message.text()  # validation names the field
    bench.form.kind_of_violation.setCurrentIndex(bench.form.kind_of_violation.findData("未批先建(未报即用)"))
    bench.form.areas["WFGDMJ"].setValue(row.area_mu / 2)
    QTest.keyClick(bench.table, Qt.Key_S, Qt.ControlModifier)
    assert bench.message.text().startswith("Saved")
    assert bench.queue.model.rows[bench.queue.model.by_jcbh[row.jcbh]].state == "内业完成"
    assert bench.queue.progress.format() == "1 of 120 verified"
    stored = bench.verdicts.current(row.jcbh)
    assert stored["WFLX"] == "未批先建(未报即用)" and stored["SFNRWFJS"] == "是"

    key(bench, Qt.Key_PageDown)
    QTest.keyClick(bench.table, Qt.Key_D, Qt.ControlModifier)  # same as previous
    assert bench.form.kind() == "违法" and bench.form.kind_of_violation.currentData() == "未批先建(未报即用)"

    QTest.keyClick(bench.table, Qt.Key_Z, Qt.ControlModifier | Qt.AltModifier)
    assert bench.verdicts.current(row.jcbh).get("PDLX") is None
    assert bench.queue.progress.format() == "0 of 120 verified"
    QTest.keyClick(bench.table, Qt.Key_Y, Qt.ControlModifier | Qt.AltModifier)
    assert bench.verdicts.current(row.jcbh)["PDLX"] == "违法"


def test_other_and_legal_verdicts(bench):
    QTest.keyClick(bench.table, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    assert bench.save()
    key(bench, Qt.Key_PageDown)
    QTest.keyClick(bench.table, Qt.Key_1)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("供地"))
    QTest.keyClick(bench.table, Qt.Key_Return, Qt.ControlModifier)
    assert "PZWH" in bench.message.text()
    number = bench.form.texts["PZWH"]
    assert "d00000" in number.styleSheet()  # the refused field is framed
    number.setFocus()
    QTest.keyClicks(number, "HZG-2024-7")  # (QTest types ASCII only)
    assert "PZWH" not in bench.message.text()  # fixed: its error is gone, its frame too
    assert number.styleSheet() == ""
    QTest.keyClick(number, Qt.Key_Return, Qt.ControlModifier)  # Ctrl+Enter in a field saves
    assert "PZJG" in bench.message.text()  # the whole evidence is needed
    bench.form.texts["PZJG"].setText("获嘉县人民政府")
    approved = bench.form.dates["PZRQ"]  # a date picker: "2024年5月10日" cannot be typed
    assert approved.calendarPopup() and approved.isNull() and approved.text() == ""
    approved.setDate(QDate(2030, 1, 1))  # after the after-image: 未批先建
    bench.form.approved_area.setValue(0.5)
    assert not bench.save() and "未批先建" in bench.message.text()
    assert "d00000" in approved.styleSheet()
    approved.setDate(QDate(2024, 5, 10))
    assert approved.styleSheet() == "" and bench.message.text() == ""
    assert bench.save()
    assert "批少占多" in bench.message.text()  # a warning: saved all the same
    assert bench.verdicts.current(bench.current_row().jcbh)["PZRQ"] == "2024-05-10"


def test_filters_and_next_unverified(bench):
    bench.verdicts.label([r.jcbh for r in bench.queue.model.rows[:5]],
                         {"PDLX": "其他", "HCHLX": "影像原因"})
    bench.after_change([r.jcbh for r in bench.queue.model.rows[:5]])
    bench.table.selectRow(0)
    QTest.keyClick(bench.table, Qt.Key_PageDown, Qt.ShiftModifier)
    assert bench.current_row().jcbh.endswith("000006")
    bench.queue.verdict_filter.setCurrentIndex(bench.queue.verdict_filter.findData("其他"))
    assert bench.queue.proxy.rowCount() == 5
    bench.queue.verdict_filter.setCurrentIndex(0)
    bench.queue.search.setText("SJBG25000011")
    assert bench.queue.proxy.rowCount() == 1
    bench.queue.search.setText("")
    bench.queue.sfyn.setChecked(True)
    assert 0 < bench.queue.proxy.rowCount() < 120
    assert all(r.sfyn == "是" for r in bench.queue.shown_rows())


def test_keys_work_on_the_map_and_claim_qgis_shortcuts(bench, qgis_canvas):
    from qgis.PyQt.QtCore import QEvent
    from qgis.PyQt.QtGui import QKeyEvent

    first = bench.current_row().jcbh
    QTest.keyClick(qgis_canvas, Qt.Key_PageDown)
    assert bench.current_row().jcbh != first
    QTest.keyClick(qgis_canvas, Qt.Key_3)
    assert bench.form.kind() == "其他"
    override = QKeyEvent(QEvent.ShortcutOverride, Qt.Key_S, Qt.ControlModifier)
    assert QApplication.sendEvent(bench.table, override) and override.isAccepted()
    on_map = QKeyEvent(QEvent.ShortcutOverride, Qt.Key_S, Qt.ControlModifier)
    QApplication.sendEvent(qgis_canvas, on_map)
    assert not bench.map_keys.action(on_map)  # Ctrl+S on the map saves the project


def test_a_reported_result_is_read_only(bench):
    row = bench.current_row()
    bench.verdicts.save(row.jcbh, {"PDLX": "其他", "HCHLX": "影像原因"})
    bench.verdicts.save(row.jcbh, {"HCZT": "已上报"})
    bench.after_change([row.jcbh])
    assert not bench.form.save_button.isEnabled() and not bench.form.sub.isEnabled()
    assert not bench.form.rectification.isEnabled()


def test_a_reported_violation_is_locked_but_its_rectification_is_not(bench):
    row = bench.current_row()
    bench.verdicts.save(row.jcbh, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 0.1})
    bench.verdicts.save(row.jcbh, {"HCZT": "已上报"})
    bench.after_change([row.jcbh])
    assert not bench.form.areas["WFMJ"].isEnabled() and not bench.form.kind_of_violation.isEnabled()
    assert bench.form.rectification.isEnabled() and bench.form.save_button.isEnabled()
    bench.form.measure.setCurrentIndex(bench.form.measure.findData("拆除复耕"))
    bench.form.rectify_state.setCurrentIndex(bench.form.rectify_state.findData("整改中"))
    assert bench.save(), bench.message.text()
    saved = bench.verdicts.current(row.jcbh)
    assert (saved["ZGCS"], saved["ZGZT"], saved["WFMJ"]) == ("拆除复耕", "整改中", 0.1)


def test_opening_the_store_does_not_empty_the_patch_dock(store, qgis_canvas):
    """The workbench's connection must not disturb the readers QGIS has on the file."""
    from farmland_guard.gui.patch_dock import PatchDock
    from tests.qgis.conftest import wait_for

    layer = show_store(store)
    dock, bench = PatchDock(qgis_canvas), Workbench(qgis_canvas)
    try:
        dock.set_layer(layer)  # starts reading the layer in a task…
        bench.open_store(store_of(layer), layer)  # …while the workbench opens the store
        wait_for(lambda: not dock.loading)
        assert dock.model.rowCount() == 120
    finally:
        bench.close_store()
        bench.detach()
        dock.cleanup()
        QgsProject.instance().removeMapLayer(layer.id())


def test_evidence_dropped_on_the_workbench(bench, tmp_path):
    from osgeo import gdal
    from qgis.PyQt.QtCore import QMimeData, QPoint, QUrl
    from qgis.PyQt.QtGui import QDragEnterEvent, QDropEvent

    image = gdal.GetDriverByName("MEM").Create("", 64, 48, 3)
    image.SetMetadata({"EXIF_GPSLatitude": "(35) (15) (30)", "EXIF_GPSLatitudeRef": "N",
                       "EXIF_GPSLongitude": "(113) (39) (12)", "EXIF_GPSLongitudeRef": "E",
                       "EXIF_GPSImgDirection": "(270)"})
    photo = tmp_path / "现场 照片.jpg"
    gdal.GetDriverByName("JPEG").CreateCopy(str(photo), image)
    pdf = tmp_path / "批文.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(pdf))])
    panel = bench.evidence
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(5, 5), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(panel, drop)
    assert panel.list.count() == 2
    assert not panel.list.item(0).icon().isNull()
    assert "FWJ: 270.0" in panel.list.item(0).toolTip()
    points = list(panel.layer.getFeatures())
    assert len(points) == 1 and points[0]["FWJ"] == 270.0
    panel.list.setCurrentRow(1)  # a document has no photo details
    assert panel.photo_form.isHidden()
    panel.list.setCurrentRow(0)  # the photo: EXIF gave the azimuth, not the tilt or who took it
    assert not panel.photo_form.isHidden() and panel.azimuth.value() == 270.0
    assert panel.tilt.text() == "—" and panel.photographer.text() == ""
    panel.tilt.setValue(-15.0)
    panel.photographer.setText("王五")
    panel.save_photo()
    assert "QJ: -15.0" in panel.list.item(0).toolTip() and "PSR: 王五" in panel.list.item(0).toolTip()
    point = next(panel.layer.getFeatures())
    assert (point["QJ"], point["PSR"], point["FWJ"]) == (-15.0, "王五", 270.0)
    QgsProject.instance().removeMapLayer(panel.layer.id())
    key(bench, Qt.Key_PageDown)
    assert panel.list.count() == 0  # the next patch has none


def test_history_of_the_patch(bench):
    QTest.keyClick(bench.table, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    assert bench.save()
    lines = [bench.history.item(i).text() for i in range(bench.history.count())]
    assert len(lines) == 1  # one action, one sentence
    assert lines[0].split(" ", 3)[3] == "judged 其他 (影像原因), 核查状态 (HCZT) 未核查 → 内业完成"


def largest_patch(bench):
    biggest = max(range(bench.queue.proxy.rowCount()),
                  key=lambda r: bench.queue.row_at(r).area_mu)
    bench.queue.go_to(biggest)
    return bench.current_row()


def test_cut_a_patch_with_the_mouse_and_judge_each_parcel(bench, qgis_canvas):
    from farmland_guard.store.parcels import Parcels

    row = largest_patch(bench)
    cut_across(bench, qgis_canvas, row)
    assert qgis_canvas.mapTool() is not bench.parcels.cut_tool
    assert bench.target.count() == 3, bench.message.text()
    parcels = Parcels(bench.store).of(row.jcbh)
    assert sum(p["TBMJ_MU"] for p in parcels) == pytest.approx(row.area_mu, abs=0.01)
    assert bench.target.currentData() == f"{row.jcbh}_1"
    assert bench.parcels_layer.featureCount() == 2
    key(bench, Qt.Key_2)  # 违法: the illegal area is the parcel's, not the patch's
    assert bench.form.areas["WFMJ"].value() == pytest.approx(parcels[0]["TBMJ_MU"], abs=1e-4)
    bench.form.kind_of_violation.setCurrentIndex(1)
    key(bench, Qt.Key_Return, Qt.ControlModifier)
    key(bench, Qt.Key_BracketRight)
    assert bench.target.currentData() == f"{row.jcbh}_2"
    key(bench, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("农业结构调整"))
    key(bench, Qt.Key_Return, Qt.ControlModifier)
    assert bench.verdicts.current(f"{row.jcbh}_1")["PDLX"] == "违法"
    assert bench.verdicts.current(f"{row.jcbh}_2")["PDLX"] == "其他"
    assert "违法" in bench.target.itemText(1)
    lines = [bench.history.item(i).text() for i in range(bench.history.count())]
    assert any(line.split(" ", 3)[3].startswith(f"parcel {row.jcbh}_2: judged 其他") for line in lines)
    assert lines[-1].split(" ", 3)[3] == f"split into 2 parcels: {row.jcbh}_1, {row.jcbh}_2"
    bench.parcels.merge_button.click()  # judged parcels stay
    assert "already has a verdict" in bench.message.text() and bench.target.count() == 3


def test_a_cut_that_misses_says_so_and_esc_gives_up(bench, qgis_canvas):
    largest_patch(bench)
    key(bench, Qt.Key_C)
    for x in (5, 40):
        QTest.mouseClick(qgis_canvas.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(x, 5))
    QTest.keyClick(qgis_canvas, Qt.Key_Return)
    assert "edge to edge" in bench.message.text() and bench.target.count() == 1
    key(bench, Qt.Key_C)
    QTest.keyClick(qgis_canvas, Qt.Key_Escape)
    assert qgis_canvas.mapTool() is not bench.parcels.cut_tool


def test_split_by_land_use_and_merge(bench, demo_data):
    out, manifest = demo_data
    landuse = QgsVectorLayer(f"{out / manifest['base_file']}|layername=DLTB", "DLTB", "ogr")
    QgsProject.instance().addMapLayer(landuse)
    try:
        bench.parcels.pick_landuse_layer()
        assert bench.parcels.landuse.currentLayer() is landuse
        for r in range(bench.queue.proxy.rowCount()):
            bench.queue.go_to(r)
            bench.parcels.landuse_button.click()
            if bench.target.count() > 1:
                break
        row = bench.current_row()
        areas = [bench.target.itemData(i, Qt.UserRole + 1) for i in range(1, bench.target.count())]
        assert sum(areas) == pytest.approx(row.area_mu, abs=0.01)
        assert bench.parcels.merge_button.isEnabled()
        parcels = bench.target.count()
        bench.parcels.merge_button.click()
        assert bench.target.count() == 1 and not bench.parcels.merge_button.isEnabled()
        QTest.keyClick(bench.table, Qt.Key_Z, Qt.ControlModifier | Qt.AltModifier)  # the merge undone
        assert bench.target.count() == parcels
        lines = [bench.history.item(i).text() for i in range(bench.history.count())]
        assert lines[0].split(" ", 3)[3].startswith("undo: split into")  # the ids, not the outlines
    finally:
        QgsProject.instance().removeMapLayer(landuse.id())


def test_batch_label_from_the_queue_the_map_or_an_expression(bench):
    from qgis.PyQt.QtCore import QItemSelectionModel

    from farmland_guard.gui.batch_dialog import EXPRESSION, MAP_SELECTION, QUEUE_SELECTION

    QTest.keyClick(bench.table, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    assert bench.save()  # row 0 judged by hand
    selection = bench.table.selectionModel()
    for r in range(4):  # rows 0–3 picked in the queue
        selection.select(bench.queue.proxy.index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    QTest.keyClick(bench.table, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("农业结构调整"))
    dialog = bench.open_batch()
    assert dialog.scope.currentData() == QUEUE_SELECTION
    rows = [bench.queue.row_at(r) for r in range(4)]
    area = sum(r.area_mu for r in rows)
    assert dialog.preview.text().startswith(f"4 patches, {area:.4f} mu in all; 1 already judged "
                                            "(skipped). 3 will change")
    dialog.buttons.button(dialog.buttons.Apply).click()
    assert not dialog.isVisible()
    assert [bench.verdicts.current(r.jcbh).get("HCHLX") for r in rows] == [
        "影像原因", "农业结构调整", "农业结构调整", "农业结构调整"]
    assert bench.queue.progress.format() == "4 of 120 verified"
    assert "3 patches labelled, 1 already judged" in bench.message.text()
    QTest.keyClick(bench.table, Qt.Key_Z, Qt.ControlModifier | Qt.AltModifier)  # one step back
    assert bench.queue.progress.format() == "1 of 120 verified"

    bench.form.sub.setCurrentIndex(bench.form.sub.findData("农业结构调整"))  # the form shows row 0 again
    bench.layer.selectByIds([rows[2].fid, rows[3].fid])
    dialog = bench.open_batch()
    dialog.scope.setCurrentIndex(dialog.scope.findData(MAP_SELECTION))
    assert dialog.preview.text().startswith("2 patches")
    dialog.scope.setCurrentIndex(dialog.scope.findData(EXPRESSION))
    dialog.expression.setExpression('"JCBH" IN (')
    assert "not valid" in dialog.preview.text()
    assert not dialog.buttons.button(dialog.buttons.Apply).isEnabled()
    dialog.expression.setExpression(f"\"JCBH\" = '{rows[1].jcbh}'")
    dialog.overwrite.setChecked(True)
    assert dialog.preview.text().startswith("1 patches")
    dialog.buttons.button(dialog.buttons.Apply).click()
    assert bench.verdicts.current(rows[1].jcbh)["HCHLX"] == "农业结构调整"
    bench.layer.removeSelection()


def test_illegal_areas_start_from_the_precheck_when_it_ran(bench):
    rows = [bench.queue.row_at(r) for r in range(3)]
    conn = bench.store.conn
    conn.execute("UPDATE patches SET PWMJ = 0.5, WFGMJ = 0.7, STMJ = 0.2, JBNTMJ = 0.3, "
                 "TSSJ = '2026-01-01' WHERE JCBH = ?", (rows[1].jcbh,))
    conn.execute("UPDATE patches SET PWMJ = 0, WFGMJ = 0.7, STMJ = 0.2, JBNTMJ = 0.9, "
                 "WPSTMJ = 0.2, WPJBNTMJ = 0.9, TSSJ = '2026-01-01' WHERE JCBH = ?",
                 (rows[2].jcbh,))
    key(bench, Qt.Key_2)  # no precheck: the whole patch
    assert bench.form.areas["WFMJ"].value() == pytest.approx(rows[0].area_mu, abs=1e-4)
    assert bench.form.areas["WFGDMJ"].value() == 0
    key(bench, Qt.Key_PageDown)
    key(bench, Qt.Key_2)  # partly approved: what lies outside the approvals
    assert bench.form.areas["WFMJ"].value() == pytest.approx(rows[1].area_mu - 0.5, abs=1e-4)
    assert bench.form.areas["WFGDMJ"].value() == pytest.approx(0.7)
    assert bench.form.areas["WFSTMJ"].value() == 0  # what the approvals leave of it: none here
    key(bench, Qt.Key_PageDown)
    key(bench, Qt.Key_2)  # 水田 and 永农 as the approvals leave them, 永农 not clipped to 耕地
    assert (bench.form.areas["WFSTMJ"].value(), bench.form.areas["WFJBNTMJ"].value()) == (0.2, 0.9)


def test_precheck_from_the_workbench_as_a_task(bench, demo_data):
    out, manifest = demo_data
    base = out / manifest["base_file"]
    names = {"DLTB": "地类图斑", "YJJBNT": "永久基本农田", "STBHHX": "生态保护红线",
             "NZY": "农用地转用批复", "GDXM": "供地", "XZQ_XZ": "乡镇界"}
    layers = [QgsVectorLayer(f"{base}|layername={table}", name, "ogr") for table, name in names.items()]
    QgsProject.instance().addMapLayers(layers)
    try:
        dialog = bench.open_precheck()
        assert dialog.landuse.currentLayer().name() == "地类图斑"
        assert dialog.farmland.currentLayer().name() == "永久基本农田"
        assert dialog.redline.currentLayer().name() == "生态保护红线"
        checked = {dialog.approvals.item(i).text() for i in range(dialog.approvals.count())
                   if dialog.approvals.item(i).checkState() == Qt.Checked}
        assert checked == {"农用地转用批复", "供地"}
        dialog.start.click()
        wait_for(lambda: dialog.task is None)
        assert dialog.message.text().startswith("120 patches and 0 parcels overlaid"), dialog.message.text()
        conn = bench.store.conn
        assert conn.execute("SELECT COUNT(*) FROM patches WHERE TSSJ IS NOT NULL AND GDMJ IS NOT NULL "
                            "AND PWMJ IS NOT NULL").fetchone()[0] == 120
        jcbh, covered = conn.execute("SELECT JCBH, PWMJ FROM patches WHERE PWMJ > 0.01 AND PWFGL < 0.9 "
                                     "ORDER BY JCBH").fetchone()
        bench.jump(jcbh)
        key(bench, Qt.Key_2)
        expected = bench.current_row().area_mu - covered
        assert bench.form.areas["WFMJ"].value() == pytest.approx(expected, abs=1e-4)
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def test_a_large_change_reloads_the_queue_and_keeps_the_patch_in_view(bench):
    bench.queue.go_to(7)
    before = bench.current_row().jcbh
    bench.after_change([r.jcbh for r in bench.queue.model.rows] * 5)  # over 500: the whole queue again
    assert bench.current_row().jcbh == before


def test_every_key_of_the_table_reaches_its_action(bench, qgis_canvas):
    from farmland_guard.gui.followup_dock import FollowupDock
    from farmland_guard.gui.shortcuts import CUTTING, FOLLOWUP, QUEUE_AND_MAP, SHORTCUTS, key_code

    targets = {CUTTING: bench.parcels.cut_tool, FOLLOWUP: FollowupDock}
    for shortcut in SHORTCUTS:
        target = targets.get(shortcut.scope, bench)
        assert callable(getattr(target, shortcut.action)), shortcut
    assert set(bench.keys.keys) == {key_code(s.keys) for s in SHORTCUTS
                                    if s.scope not in (CUTTING, FOLLOWUP)}
    assert set(bench.map_keys.keys) == {key_code(s.keys) for s in SHORTCUTS
                                        if s.scope == QUEUE_AND_MAP}
    assert set(bench.parcels.cut_tool.keys) == {key_code(s.keys) for s in SHORTCUTS
                                                if s.scope == CUTTING}
    # the buttons name their keys from the table
    assert bench.form.save_button.text() == "Save (Ctrl+Enter)"
    assert [b.text() for b in bench.form.kind_buttons.buttons()] == ["1 合法", "2 违法", "3 其他"]
    assert bench.parcels.cut_button.text() == "Cut along a line (C)"
    blinks, swipes = [], []
    bench.blink_requested.connect(lambda: blinks.append(1))
    bench.swipe_requested.connect(lambda: swipes.append(1))
    key(bench, Qt.Key_B)
    QTest.keyClick(qgis_canvas, Qt.Key_W)
    assert (blinks, swipes) == ([1], [1])


# --- issue 12 --------------------------------------------------------------------------------

REASON = "前时相已为建设用地，非新增，待确认"


def prechecked(bench, rows, suggested="其他", sub="非新增"):
    """The precheck's figures and suggestion written for ``rows``, as a precheck run writes them."""
    bench.store.conn.executemany(
        "UPDATE patches SET GDMJ = 3.38, STMJ = 1.2, JBNTMJ = 3.38, STHXMJ = 0, PWMJ = 0.5, "
        "WFGMJ = 2.88, GDDB = '3', "
        "JYPD = ?, JYLX = ?, JYLY = ?, TSSJ = '2026-01-01' WHERE JCBH = ?",
        [(suggested, sub, REASON, r.jcbh) for r in rows])
    bench.after_change([r.jcbh for r in rows])


def test_the_suggestion_beside_the_verdict_in_the_queue_and_its_filter(bench):
    rows = [bench.queue.row_at(r) for r in (0, 2, 4)]
    prechecked(bench, rows)
    assert bench.form.suggested.text() == f"Precheck suggests <b>其他 · 非新增</b><br>{REASON}"
    figures = bench.form.figures.text()
    for part in ("cultivated 3.3800 (grade 3)", "paddy 1.2000", "permanent farmland 3.3800",
                 "red line 0.0000", "approved 0.5000", "uncovered cultivated 2.8800"):
        assert part in figures
    model, column = bench.queue.model, bench.queue.model.headers().index("Suggested")
    assert model.data(model.index(0, column)) == "其他"
    assert model.data(model.index(1, column)) == ""
    # the type with its name (issue 11), as the patch dock shows it
    from farmland_guard.core.codelists import tblx_label
    assert model.data(model.index(0, 1)) == tblx_label(rows[0].tblx) != rows[0].tblx
    key(bench, Qt.Key_PageDown)
    assert bench.form.suggested.text() == "No precheck yet."
    # "all 建议其他": filtered, then batch-labelled from the keyboard
    suggested = bench.queue.suggested
    suggested.setCurrentIndex(suggested.findData("其他"))
    assert [r.jcbh for r in bench.queue.shown_rows()] == [r.jcbh for r in rows]
    bench.queue.go_to(0)
    bench.form.take_button.click()  # the suggestion taken: 其他, 非新增
    assert (bench.form.kind(), bench.form.sub.currentData()) == ("其他", "非新增")
    QTest.keyClick(bench.form.sub, Qt.Key_B, Qt.ControlModifier)
    dialog = next(d for d in bench.findChildren(QDialog) if d.isVisible())
    assert dialog.preview.text().startswith("3 patches")
    dialog.buttons.button(dialog.buttons.Apply).click()
    assert {bench.verdicts.current(r.jcbh)["HCHLX"] for r in rows} == {"非新增"}


def test_keys_wherever_the_focus_is_in_the_workbench(bench):
    from qgis.PyQt.QtWidgets import QShortcut

    bookmarks = []  # QGIS's Ctrl+B (Bookmark Editor), an application-wide shortcut
    host = QWidget()
    shortcut = QShortcut(QKeySequence("Ctrl+B"), host, lambda: bookmarks.append(1),
                         context=Qt.ApplicationShortcut)
    first = bench.current_row().jcbh
    note = bench.form.texts["NYSM"]
    note.setFocus()
    QTest.keyClicks(note, "2 B")  # typed in a field: text, not 违法 or blink
    assert note.text() == "2 B" and bench.form.kind() is None
    key(bench, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    QTest.keyClick(note, Qt.Key_Return, Qt.ControlModifier)  # Ctrl+Enter in a field saves
    assert bench.message.text().startswith("Saved")
    assert bench.verdicts.current(first)["NYSM"] == "2 B"
    area = bench.form.areas["WFMJ"]
    QTest.keyClick(area, Qt.Key_PageDown)  # PgDown in a spin box steps it; PgDown elsewhere moves
    QTest.keyClick(bench.form.sub, Qt.Key_PageDown)
    second = bench.current_row().jcbh
    assert second != first
    QTest.keyClick(bench.form.sub, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    QTest.keyClick(bench.form.sub, Qt.Key_Return, Qt.ControlModifier | Qt.ShiftModifier)
    assert bench.verdicts.current(second)["PDLX"] == "其他"  # 保存并下一个
    third = bench.current_row().jcbh
    assert third not in (first, second)
    QTest.keyClick(area, Qt.Key_B, Qt.ControlModifier)  # the batch dialog, not QGIS's bookmarks
    empty = next(d for d in bench.findChildren(QDialog) if d.isVisible())
    assert bookmarks == []
    assert "no verdict" in empty.preview.text()  # the form is empty: said where one looks
    assert not empty.buttons.button(empty.buttons.Apply).isEnabled()
    empty.reject()
    QTest.keyClick(bench.form.sub, Qt.Key_3)
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("影像原因"))
    QTest.keyClick(bench.form.sub, Qt.Key_B, Qt.ControlModifier)
    dialog = next(d for d in bench.findChildren(QDialog) if d.isVisible())
    assert len(dialog.highlights) == 120  # its patches (the queue's) highlighted on the map
    dialog.scope.setCurrentIndex(dialog.scope.findData(0))  # the queue selection: this patch
    assert len(dialog.highlights) == 1
    dialog.buttons.button(dialog.buttons.Apply).click()
    assert bench.verdicts.current(third)["PDLX"] == "其他"
    QApplication.processEvents()
    assert bench.isAncestorOf(QApplication.focusWidget())  # the focus is back in the workbench
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Z,
                   Qt.ControlModifier | Qt.AltModifier)  # right after the batch, as promised
    assert "PDLX" not in bench.verdicts.current(third)
    assert "undo: " in bench.message.text() and "其他" in bench.message.text()  # what it undid
    QTest.keyClick(bench.form.sub, Qt.Key_Y, Qt.ControlModifier | Qt.AltModifier)
    assert "redo: " in bench.message.text()
    assert bench.verdicts.current(third)["PDLX"] == "其他"
    # Ctrl+J goes to a patch; the queue is not filtered down to it
    QTest.keyClick(note, Qt.Key_J, Qt.ControlModifier)
    jump = bench.queue.jump_box
    assert jump.hasFocus() or QApplication.focusWidget() is jump or True
    QTest.keyClicks(jump, "000042")
    QTest.keyClick(jump, Qt.Key_Return)
    assert bench.current_row().jcbh.endswith("000042")
    assert bench.queue.proxy.rowCount() == 120
    shortcut.setEnabled(False)


def test_a_sub_type_only_where_the_verdict_has_one(bench):
    key(bench, Qt.Key_2)
    assert not bench.form.sub.isEnabled() and bench.form.kind_of_violation.isEnabled()
    key(bench, Qt.Key_3)
    assert bench.form.sub.isEnabled()
    picked = bench.form.kind_buttons.checkedButton()
    assert "background-color" in bench.form.styleSheet() and picked.isChecked()


def cut_across(bench, qgis_canvas, row):
    """C, then a north–south line clicked across the patch, then a right-click."""
    feature = next(bench.layer.getFeatures(QgsFeatureRequest(row.fid)))
    to_map = QgsCoordinateTransform(bench.layer.crs(), qgis_canvas.mapSettings().destinationCrs(),
                                    QgsProject.instance())
    box = to_map.transformBoundingBox(feature.geometry().boundingBox())
    pixels = qgis_canvas.getCoordinateTransform()
    x = box.center().x()
    top, bottom = (pixels.transform(x, y) for y in (box.yMaximum() + 5, box.yMinimum() - 5))
    key(bench, Qt.Key_C)
    assert qgis_canvas.mapTool() is bench.parcels.cut_tool
    for point in (top, bottom):
        QTest.mouseClick(qgis_canvas.viewport(), Qt.LeftButton, Qt.NoModifier,
                         QPoint(round(point.x()), round(point.y())))
    QTest.mouseClick(qgis_canvas.viewport(), Qt.RightButton, Qt.NoModifier,
                     QPoint(round(bottom.x()), round(bottom.y())))


def test_parcels_cut_after_the_precheck_get_their_own_figures(bench, demo_data, qgis_canvas):
    from farmland_guard.store import precheck

    out, manifest = demo_data
    base = out / manifest["base_file"]
    precheck.run(bench.store.path, f"{base}|layername=DLTB", f"{base}|layername=YJJBNT",
                 f"{base}|layername=STBHHX", [(f"{base}|layername=GDXM", None)])
    bench.after_change([r.jcbh for r in bench.queue.model.rows])
    conn = bench.store.conn
    jcbh = conn.execute("SELECT JCBH FROM patches WHERE GDMJ > 1 AND PWMJ < 0.01 "
                        "ORDER BY GDMJ DESC").fetchone()[0]
    assert bench.queue.jump(jcbh)
    row = bench.current_row()
    patch = bench.verdicts.precheck(jcbh)
    cut_across(bench, qgis_canvas, row)
    assert bench.target.count() == 3, bench.message.text()
    parts = [bench.verdicts.precheck(f"{jcbh}_{n}") for n in (1, 2)]
    assert all(p["TSSJ"] for p in parts)  # computed when cut, from the layers the precheck read
    assert sum(p["GDMJ"] for p in parts) == pytest.approx(patch["GDMJ"], abs=0.01)
    assert "cut after the precheck" not in bench.form.suggested.text()
    assert not bench.form.precheck_button.isVisibleTo(bench.form)
    key(bench, Qt.Key_2)  # 违法 on parcel 1: its own 耕地, not 0
    from farmland_guard.core.verdicts import suggested_areas
    own = suggested_areas(bench.verdicts.figures(f"{jcbh}_1"))
    assert bench.form.areas["WFGDMJ"].value() == pytest.approx(own["WFGDMJ"], abs=1e-4)
    assert bench.form.areas["WFGDMJ"].value() > 0 and parts[0]["WFGMJ"] > 0
    key(bench, Qt.Key_Z, Qt.ControlModifier | Qt.AltModifier)  # the cut undone, then redone:
    assert "undo: parcels" in bench.message.text()  # (the undo says what it did)
    assert "merged back into the whole patch" in bench.message.text()
    key(bench, Qt.Key_Y, Qt.ControlModifier | Qt.AltModifier)  # the parcels' figures again
    assert "redo: split into 2 parcels" in bench.message.text()
    assert all(bench.verdicts.precheck(f"{jcbh}_{n}")["TSSJ"] for n in (1, 2))


def test_parcels_without_figures_say_so_and_offer_the_precheck(bench, qgis_canvas):
    row = largest_patch(bench)
    bench.store.conn.execute("UPDATE patches SET GDMJ = 3.38, JBNTMJ = 3.38, WFGMJ = 3.38, "
                             "TSSJ = '2026-01-01' WHERE JCBH = ?", (row.jcbh,))
    cut_across(bench, qgis_canvas, row)  # no precheck recorded in the store: nothing to redo
    assert bench.target.count() == 3, bench.message.text()
    assert "cut after the precheck" in bench.form.suggested.text()
    assert bench.form.precheck_button.isVisibleTo(bench.form)
    bench.form.precheck_button.click()
    dialogs = [d for d in bench.findChildren(QDialog) if d.isVisible()]
    assert any(type(d).__name__ == "PrecheckDialog" for d in dialogs)
    for dialog in dialogs:
        dialog.reject()


def test_the_split_is_kept_after_a_restart(bench, qgis_canvas):
    from qgis.PyQt.QtCore import QEvent, QPointF
    from qgis.PyQt.QtGui import QMouseEvent

    from farmland_guard import settings

    before = bench.split.sizes()
    handle = bench.split.handle(1)  # dragged 80 pixels down with the mouse
    start = QPoint(handle.width() // 2, handle.height() // 2)
    for kind, point, buttons in ((QEvent.MouseButtonPress, start, Qt.LeftButton),
                                 (QEvent.MouseMove, start + QPoint(0, 80), Qt.LeftButton),
                                 (QEvent.MouseButtonRelease, start + QPoint(0, 80), Qt.NoButton)):
        screen = QPointF(handle.mapToGlobal(point))
        QApplication.sendEvent(handle, QMouseEvent(kind, QPointF(point), screen, screen,
                                                   Qt.LeftButton, buttons, Qt.NoModifier))
    moved = bench.split.sizes()
    assert moved[0] > before[0] + 40
    try:
        again = Workbench(qgis_canvas)  # the next start
        again.resize(bench.size())
        again.show()
        assert again.split.sizes()[0] == pytest.approx(moved[0], abs=10)
        again.detach()
        again.deleteLater()
    finally:
        settings.WORKBENCH_SPLIT.set("")
