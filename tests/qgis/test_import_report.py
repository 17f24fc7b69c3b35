"""The import dialog and its report as a technician meets them: the 图层 row only for a file of
several layers, 取消导入 enabled only while importing, the 标记 rows counted in the summary and a
row of the report opening its patch in the workbench."""

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QApplication

import farmland_guard
from farmland_guard.gui import work_stores
from farmland_guard.gui.import_dialog import ImportDialog, ReportDialog
from tests.qgis.conftest import wait_for


@pytest.fixture()
def batch_zip(demo_data):
    out, manifest = demo_data
    return out / manifest["patch_zip"]


def open_report():
    """The import report on screen (found among the windows: another test's leftover modal may
    be the active one)."""
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, ReportDialog) and w.isVisible()), None)


def visible_in_form(dialog, widget):
    return not widget.isHidden() and not dialog.form.labelForField(widget).isHidden()


def test_layer_row_only_for_several_layers(batch_zip, tmp_path):
    dialog = ImportDialog()
    dialog.show()
    assert not visible_in_form(dialog, dialog.layer)  # nothing chosen yet
    dialog.source.setFilePath(str(batch_zip))
    assert not visible_in_form(dialog, dialog.layer)  # one layer: named in the info
    assert "Layer:" in dialog.info.text()
    from qgis.core import QgsVectorFileWriter, QgsVectorLayer

    from tests.qgis.conftest import memory_layer

    two = tmp_path / "两层.gpkg"
    for name in ("甲", "乙"):
        layer = memory_layer("Polygon?crs=EPSG:4490&field=JCBH:string", name,
                             [("POLYGON((114 35,114.01 35,114.01 35.01,114 35))", ["1"])])
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.layerName = name
        if two.exists():
            options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
        QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(two), QgsProject.instance().transformContext(),
                                                  options)
    assert QgsVectorLayer(f"{two}|layername=乙", "", "ogr").isValid()
    dialog.source.setFilePath(str(two))
    assert visible_in_form(dialog, dialog.layer) and dialog.layer.count() == 2
    dialog.source.setFilePath(str(batch_zip))  # back to one layer: hidden again
    assert not visible_in_form(dialog, dialog.layer)


def test_cancel_is_enabled_only_while_importing(batch_zip, tmp_path):
    dialog = ImportDialog()
    dialog.show()
    assert dialog.cancel.isVisible() and not dialog.cancel.isEnabled()
    dialog.source.setFilePath(str(batch_zip))
    dialog.store.setFilePath(str(tmp_path / "s.gpkg"))
    assert not dialog.cancel.isEnabled()
    results, states = [], []
    dialog.imported.connect(results.append)

    def close_report():
        modal = open_report()
        if modal is not None:
            modal.reject()
        else:
            QTimer.singleShot(20, close_report)

    dialog.start.click()
    states.append(dialog.cancel.isEnabled())
    QTimer.singleShot(20, close_report)
    wait_for(lambda: results and dialog.task is None)
    assert states == [True]
    assert not dialog.cancel.isEnabled()


def test_report_counts_the_marked_rows(batch_zip, tmp_path):
    from farmland_guard.store import importer

    result = importer.run(batch_zip, tmp_path / "s.gpkg")
    marked = [p for p in result.problems if p.action == "flagged"]
    assert marked  # the demo batch has patches whose MJ differs from their area
    report = ReportDialog(result)
    assert f"{len(marked)} marked (area differs from MJ)" in report.summary.text()


def test_a_report_row_opens_its_patch(batch_zip, tmp_path, qgis_iface):
    work_stores.RECENT.set("[]")
    QgsProject.instance().clear()
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        qgis_iface.mainWindow().findChild(QAction, "FarmlandGuardImport").trigger()
        dialog = plugin.import_dialog
        dialog.source.setFilePath(str(batch_zip))
        dialog.store.setFilePath(str(tmp_path / "s.gpkg"))
        seen = []

        def use_report():
            modal = open_report()
            if modal is None:
                QTimer.singleShot(20, use_report)
                return
            table = modal.table
            row = next(r for r in range(table.rowCount()) if table.item(r, 3).text() == "Flagged")
            jcbh = table.item(row, 1).text()
            table.setCurrentCell(row, 1)
            rect = table.visualRect(table.model().index(row, 1))
            QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
            QTest.mouseDClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
            seen.append((jcbh, plugin.workbench.current_row().jcbh))
            modal.reject()

        QTimer.singleShot(20, use_report)
        dialog.start.click()
        wait_for(lambda: seen)
        jcbh, shown = seen[0]
        assert shown == jcbh  # the workbench, and the map, on the patch of the row
        dialog.reject()
    finally:
        plugin.unload()
        QgsProject.instance().clear()
        work_stores.RECENT.set("[]")
