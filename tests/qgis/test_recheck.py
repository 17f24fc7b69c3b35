"""复核影像 in real PyQGIS, offscreen: a 违法 patch's problem re-checked on a newer GeoTIFF picked
in the before/after dock (the before side keeps the patch's own before image; blink and swipe
compare the two), 整改到位 clicked and read back from the store; the verdict form shows the
grid's 田长 and an early 巡田 report; the queue filters the overdue patch and the case state."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QDate, QPoint, Qt
from qgis.PyQt.QtTest import QTest

from farmland_guard.core import cases, rectification, verdicts
from farmland_guard.gui.before_after import BeforeAfterDock
from farmland_guard.gui.queue_model import OVERDUE_MARK
from farmland_guard.gui.recheck_bar import date_in
from farmland_guard.store.problems import Problems
from tests.conftest import ROOT
from tests.qgis.test_ledger_dock import settle

SCREENS = ROOT / "var" / "screens"
ILLEGAL = {"PDLX": verdicts.ILLEGAL, "WFLX": "未批先建(未报即用)", "WFMJ": 0.5}


def geotiff(path, box, colour):
    """A small RGB GeoTIFF of one colour over ``box`` (x0, y0, x1, y1 in EPSG:4490)."""
    x0, y0, x1, y1 = box
    data = gdal.GetDriverByName("GTiff").Create(str(path), 64, 64, 3, gdal.GDT_Byte)
    data.SetGeoTransform((x0, (x1 - x0) / 64, 0, y1, 0, -(y1 - y0) / 64))
    crs = osr.SpatialReference()
    crs.ImportFromEPSG(4490)
    data.SetProjection(crs.ExportToWkt())
    for band, value in enumerate(colour, start=1):
        data.GetRasterBand(band).WriteArray(np.full((64, 64), value, dtype=np.uint8))
    data.FlushCache()
    del data


@pytest.fixture()
def judged(bench, tmp_path):
    """The first two patches 违法, their problems derived (the first overdue, the second under
    a case), the grid and an early 巡田 report of the first; a before, an after and a newer
    image over the first, in the project; the before/after dock wired as the plugin wires it."""
    first, second = (bench.queue.row_at(r).jcbh for r in range(2))
    for jcbh in (first, second):
        bench.verdicts.save(jcbh, ILLEGAL)
    ledger = Problems(bench.store)
    assert sorted(ledger.derive().created) == [first, second]
    ledger.update(first, {"PDRQ": "2024-05-01", "ZGQX": "2024-08-31"})  # overdue
    ledger.update(second, {"LABH": "豫国土立〔2024〕7号", "LARQ": "2024-06-01"})
    with bench.store.transaction() as conn:
        conn.execute("UPDATE patches SET WGBM = 'WG-01', DKDM = 'DK-0001', FPBZ = '并列' "
                     "WHERE JCBH = ?", (first,))
        conn.execute("INSERT INTO grids(WGBM, DKDM, XZMC, CJMC, SJTZ, XJTZ, XZTZ, CJTZ, WGY) "
                     "VALUES ('WG-01', 'DK-0001', '太山镇', '东村', '李市', '王县', '赵乡', "
                     "'钱村', '孙网')")
        conn.execute("INSERT INTO field_reports(SBBH, SBSJ, SBR, JCBH, SFXY) VALUES "
                     "('SB-9', '2024-05-03T09:30:00', '张三', ?, ?)", (first, verdicts.YES))
    bench.after_change([first, second])
    box = next(bench.layer.getFeatures(f"\"JCBH\" = '{first}'")).geometry().boundingBox()
    box.grow(3 * max(box.width(), box.height()))  # the image fills the views
    layers = []
    for name, colour in (("前时相 2024-04-01", (40, 120, 40)), ("后时相 2024-09-01", (160, 90, 60)),
                         ("复核 GF2_20250301", (60, 160, 60))):
        path = tmp_path / f"{name}.tif"
        geotiff(path, (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()), colour)
        layer = QgsRasterLayer(str(path), name)
        assert layer.isValid()
        layers.append(QgsProject.instance().addMapLayer(layer))
    dock = BeforeAfterDock(bench.canvas)
    bench.patch_shown.connect(dock.show_patch)
    bench.outlines_shown.connect(dock.show_outlines)
    bench.blink_requested.connect(dock.blink)
    bench.swipe_requested.connect(dock.toggle_swipe)
    bench.problems_shown.connect(dock.recheck.show_problems)
    bench.recheck_requested.connect(dock.recheck.record)
    dock.recheck.rechecked.connect(bench.rechecked)
    dock.resize(640, 520)
    dock.show()
    bench.show_current()  # the first patch, shown to the dock too
    yield dock, ledger, (first, second), layers
    dock.detach()
    dock.deleteLater()
    for layer in layers:
        QgsProject.instance().removeMapLayer(layer.id())


def test_dates_in_image_names():
    assert date_in("GF2_20250301_L1A") == dt.date(2025, 3, 1)
    assert date_in("复核 2025年3月1日") == dt.date(2025, 3, 1)
    assert date_in("img 2025.3.1 v2") == dt.date(2025, 3, 1)
    assert date_in("tile 20251399") is None and date_in("谷歌影像") is None


def test_recheck_on_a_newer_image(judged, bench, qt_chinese):
    dock, ledger, (first, _second), (before, after, newer) = judged
    bar = dock.recheck
    assert [c.layers() for c in dock.canvases] == [[before], [after]]
    assert not bar.ok_button.isVisible()
    QTest.mouseClick(bar.switch, Qt.LeftButton, pos=QPoint(8, bar.switch.height() // 2))
    assert bar.on and bar.picker.isVisible()
    for _ in range(bar.picker.count()):  # picked with the arrow keys, as a user may
        if bar.layer() is newer:
            break
        QTest.keyClick(bar.picker, Qt.Key_Down)
    assert bar.layer() is newer
    assert bar.date.date() == QDate(2025, 3, 1)  # read from the name
    # the before side keeps the patch's own before image; the after side is the new one
    assert [c.layers() for c in dock.canvases] == [[before], [newer]]
    assert dock.dates[1].text().endswith("2025-03-01") and "2024-04-01" not in dock.dates[1].text()
    assert not dock.pickers[1].isEnabled()

    root = QgsProject.instance().layerTreeRoot()
    QTest.keyClick(bench.table, Qt.Key_B)  # blink: between the before and the new image
    assert root.findLayer(before.id()).isVisible() and not root.findLayer(newer.id()).isVisible()
    assert not root.findLayer(after.id()).isVisible()  # the old after image covers nothing
    QTest.keyClick(bench.table, Qt.Key_B)
    assert root.findLayer(newer.id()).isVisible() and not root.findLayer(before.id()).isVisible()
    assert "2025-03-01" in dock.blink_note.text()
    QTest.keyClick(bench.table, Qt.Key_W)  # swipe: the before image over the map
    assert dock.swipe.active and dock.swipe.layer is before
    QTest.keyClick(bench.table, Qt.Key_W)
    assert not dock.swipe.active

    assert bar.ok_button.isEnabled() and bar.status.text().startswith("1 ")
    QTest.mouseClick(bar.ok_button, Qt.LeftButton)
    problem = ledger.get(first)
    assert (problem["FCRQ"], problem["FCJG"], problem["ZGZT"]) == (
        "2025-03-01", rectification.YES, rectification.RECTIFIED)
    assert "复核：2025-03-01 整改到位" in bar.status.text()
    assert "2025-03-01" in bench.form.followup.text()  # the form heard it
    assert not bench.current_row().overdue  # rectified: no longer late
    QTest.keyClick(bench.table, Qt.Key_2, Qt.ControlModifier | Qt.AltModifier)  # 未到位
    problem = ledger.get(first)
    assert (problem["FCJG"], problem["ZGZT"]) == (rectification.NO, rectification.IN_PROGRESS)
    assert "未到位" in bar.status.text()

    for canvas in dock.canvases:
        canvas.refresh()
        canvas.waitWhileRendering()
    settle()
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert dock.grab().save(str(SCREENS / "recheck.png"))


def test_recheck_needs_a_problem_under_rectification(judged, bench):
    dock, ledger, (first, _second), (_before, _after, newer) = judged
    bar = dock.recheck
    bar.switch.setChecked(True)
    bar.picker.setLayer(newer)
    bench.queue.go_to(2)  # not judged: no problem
    assert not bar.ok_button.isEnabled()
    assert not bar.record(True) and "复核" in bar.status.text()
    assert ledger.get(first)["FCRQ"] is None


def test_form_shows_the_grid_the_early_report_and_the_cases(judged, bench):
    SCREENS.mkdir(parents=True, exist_ok=True)
    _dock, _ledger, (first, second), _layers = judged
    assert bench.current_row().jcbh == first
    text = bench.form.followup.text()
    assert bench.form.followup.isVisible()
    for said in ("WG-01", "DK-0001", "太山镇", "东村", "并列", "李市", "王县", "赵乡", "钱村",
                 "孙网", "2024-05-03 张三", first, "2024-08-31 ⚠", cases.NONE):
        assert said in text, said
    bench.tabs.setCurrentIndex(0)
    bench.form_area.ensureWidgetVisible(bench.form.followup)
    settle()
    assert bench.grab().save(str(SCREENS / "recheck_form.png"))
    bench.queue.go_to(1)
    text = bench.form.followup.text()
    assert second in text and cases.OPENED in text and "豫国土立〔2024〕7号" in text
    assert "张三" not in text
    bench.queue.go_to(2)
    assert not bench.form.followup.isVisible()


def test_queue_filters_overdue_and_case_state(judged, bench):
    _dock, _ledger, (first, second), _layers = judged
    queue = bench.queue
    assert queue.model.rowCount() == 120
    assert OVERDUE_MARK in queue.proxy.index(0, 6).data()
    assert OVERDUE_MARK not in (queue.proxy.index(1, 6).data() or "")
    QTest.mouseClick(queue.overdue, Qt.LeftButton)
    assert [r.jcbh for r in queue.shown_rows()] == [first]
    QTest.mouseClick(queue.overdue, Qt.LeftButton)
    queue.case.setCurrentIndex(queue.case.findData(cases.OPENED))
    assert [r.jcbh for r in queue.shown_rows()] == [second]
    queue.case.setCurrentIndex(queue.case.findData(cases.NONE))
    assert [r.jcbh for r in queue.shown_rows()] == [first]
    queue.clear_filters()
    assert queue.proxy.rowCount() == 120 and queue.case.currentData() is None
