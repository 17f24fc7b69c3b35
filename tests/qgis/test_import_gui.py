"""Import through Processing, as a QgsTask, and through the dialog, in real PyQGIS."""

import json
import sqlite3

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from farmland_guard.gui.import_dialog import ImportDialog, ReportDialog
from farmland_guard.gui.mapping_dialog import REMEMBERED, MappingDialog, remembered
from farmland_guard.gui.store_layer import show_store
from farmland_guard.gui.store_task import import_task
from tests.qgis.conftest import wait_for

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture()
def batch_zip(demo_data):
    out, manifest = demo_data
    return out / manifest["patch_zip"]


def test_processing_importpatches(batch_zip, tmp_path):
    store = tmp_path / "批次 一.gpkg"
    result = processing.run("farmland_guard:importpatches", {
        "INPUT": str(batch_zip), "ENCODING": "auto", "PROFILE": "auto", "STORE": str(store)})
    assert result["IMPORTED"] == 120 and result["REJECTED"] == 0
    assert result["STORE"] == str(store) and store.exists()
    assert result["REPORT"].endswith(".csv")
    layer = QgsVectorLayer(f"{store}|layername=patches", "p", "ogr")
    assert layer.isValid() and layer.featureCount() == 120
    assert layer.crs().authid() == "EPSG:4490"
    assert {f["XMC"] for f in layer.getFeatures()} == {"获嘉县"}


def test_processing_reports_bad_input_as_a_message(tmp_path):
    bad = tmp_path / "空.zip"
    import zipfile

    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(QgsProcessingException, match="holds no GIS layer"):
        processing.run("farmland_guard:importpatches", {"INPUT": str(bad),
                                                        "STORE": str(tmp_path / "s.gpkg")})
    assert not (tmp_path / "s.gpkg").exists()


def test_processing_takes_the_crs_parameter(demo_data, tmp_path):
    out, manifest = demo_data
    import shutil

    for part in (out / manifest["patch_file"]).parent.glob("410724_2025_BHTB.*"):
        if part.suffix != ".prj" and part.suffix != ".zip":
            shutil.copy(part, tmp_path / part.name)
    source = tmp_path / manifest["patch_file"]
    with pytest.raises(QgsProcessingException, match="Suggested: EPSG:4526"):
        processing.run("farmland_guard:importpatches", {"INPUT": str(source),
                                                        "STORE": str(tmp_path / "s.gpkg")})
    result = processing.run("farmland_guard:importpatches", {
        "INPUT": str(source), "CRS": "EPSG:4526", "STORE": str(tmp_path / "s.gpkg")})
    assert result["IMPORTED"] == 120


def test_task_cancel_leaves_the_store_unchanged(batch_zip, tmp_path):
    store = tmp_path / "s.gpkg"
    first = import_task("import", source=batch_zip, store=store)
    QgsApplication.taskManager().addTask(first)
    wait_for(lambda: first.status() in (first.Complete, first.Terminated))
    assert first.result.imported == 120
    with sqlite3.connect(store) as conn:
        before = conn.execute("SELECT COUNT(*), MAX(fid) FROM imports").fetchone()
    task = import_task("import again", source=batch_zip, store=store)
    task.cancel()  # cancelled before it could finish: nothing written
    QgsApplication.taskManager().addTask(task)
    wait_for(lambda: task.status() in (task.Complete, task.Terminated))
    assert task.result is None and task.error is None
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*), MAX(fid) FROM imports").fetchone() == before


def test_store_layer_is_styled_and_reloaded(batch_zip, tmp_path):
    from farmland_guard.store import importer

    store = tmp_path / "s.gpkg"
    importer.run(batch_zip, store)
    layer = show_store(store)
    try:
        assert layer.isValid() and layer.featureCount() == 120
        assert layer.renderer().type() == "RuleRenderer"
        labels = [r.label() for r in layer.renderer().rootRule().children()]
        assert "未核查" in labels and "需复核（图形已变化）" in labels
        assert show_store(store) is layer  # a second import reloads, never adds twice
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def close_next_modal(button=None):
    """Answer the next modal dialog (the report or a question) as a user would."""
    def answer():
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(50, answer)
            return
        answer.seen.append(widget)
        if isinstance(widget, QMessageBox):
            widget.button(button or QMessageBox.Yes).click()
        else:
            widget.reject()
    answer.seen = []
    QTimer.singleShot(50, answer)
    return answer.seen


def test_dialog_imports_and_reports(batch_zip, tmp_path):
    dialog = ImportDialog()
    dialog.show()
    results = []
    dialog.imported.connect(results.append)
    dialog.source.setFilePath(str(batch_zip))
    assert "GBK" in dialog.info.text() and "EPSG:4526" in dialog.info.text()
    assert dialog.start.isEnabled()
    dialog.store.setFilePath(str(tmp_path / "来自对话框.gpkg"))
    seen = close_next_modal()
    dialog.start.click()
    wait_for(lambda: results and seen)
    assert results[0].imported == 120
    assert isinstance(seen[0], ReportDialog)
    assert seen[0].table.rowCount() == len(results[0].problems)
    assert "120 imported" in seen[0].summary.text()


def test_dialog_asks_for_the_crs_when_the_file_has_none(demo_data, tmp_path):
    out, manifest = demo_data
    import shutil

    for part in (out / manifest["patch_file"]).parent.glob("410724_2025_BHTB.*"):
        if part.suffix not in (".prj", ".zip"):
            shutil.copy(part, tmp_path / part.name)
    dialog = ImportDialog()
    results = []
    dialog.imported.connect(results.append)
    dialog.source.setFilePath(str(tmp_path / manifest["patch_file"]))
    assert "none in the file" in dialog.info.text()
    dialog.store.setFilePath(str(tmp_path / "s.gpkg"))
    question = close_next_modal(QMessageBox.Yes)
    dialog.start.click()
    wait_for(lambda: question and isinstance(question[0], QMessageBox))
    report = close_next_modal()
    wait_for(lambda: results and report)
    assert results[0].imported == 120
    assert dialog.crs.crs().authid() == "EPSG:4526"


def test_dialog_says_what_is_wrong_with_a_bad_file(tmp_path):
    bad = tmp_path / "坏.shp"
    bad.write_text("not a shapefile")
    for suffix in (".shx", ".dbf"):
        bad.with_suffix(suffix).write_text("x")
    dialog = ImportDialog()
    dialog.source.setFilePath(str(bad))
    assert "is not a shapefile" in dialog.info.text()
    assert not dialog.start.isEnabled()


def test_mapping_dialog_previews_and_is_remembered_per_province(batch_zip, tmp_path):
    QgsSettings().remove("farmland_guard/mappings")
    dialog = ImportDialog()
    dialog.source.setFilePath(str(batch_zip))
    preview = dialog.preview
    mapping = MappingDialog(preview.frame, dialog.mapping)
    assert mapping.table.rowCount() == 20
    header = [mapping.table.horizontalHeaderItem(c).text() for c in range(mapping.table.columnCount())]
    assert "JCBH" in header and "XMC" in header
    combo = mapping.combos["BZ"]
    combo.setCurrentIndex(combo.findData("DLMC"))  # a province that keeps notes elsewhere
    assert mapping.mapping()["BZ"] == "DLMC"
    from farmland_guard.gui.mapping_dialog import remember

    remember(preview.province, preview.fields, mapping.mapping())
    assert preview.province == "41"
    assert remembered("41", preview.fields)["BZ"] == "DLMC"
    assert remembered("13", preview.fields) is None
    again = ImportDialog()
    again.source.setFilePath(str(batch_zip))
    assert again.mapping["BZ"] == "DLMC"
    assert json.loads(REMEMBERED.get())["41"]
    QgsSettings().remove("farmland_guard/mappings")


def test_choosing_another_file_forgets_the_layers_of_the_last(demo_data, tmp_path):
    import pyogrio

    out, manifest = demo_data
    frame = pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK").head(5)
    two = tmp_path / "两层.gpkg"
    pyogrio.write_dataframe(frame, two, layer="A")
    pyogrio.write_dataframe(frame, two, layer="B")
    dialog = ImportDialog()
    dialog.source.setFilePath(str(two))
    assert dialog.layer.count() == 2 and not dialog.start.isEnabled()
    dialog.layer.setCurrentIndex(1)
    assert dialog.start.isEnabled() and "两层.gpkg › B" in dialog.info.text()
    assert dialog.store.filePath().endswith("两层_核查.gpkg")  # never the delivered file
    dialog.source.setFilePath(str(out / manifest["patch_zip"]))
    assert dialog.layer.count() == 0 and dialog.start.isEnabled()
    assert dialog.store.filePath().endswith("410724_2025_BHTB_核查.gpkg")


@pytest.fixture(scope="module")
def ten_patches(demo_data):
    from tests.bad_batches import ten_patches

    return ten_patches(*demo_data)


def bad_batch_names():
    from tests.bad_batches import CASES

    return list(CASES)


@pytest.mark.parametrize("name", bad_batch_names())
def test_dialog_and_processing_say_what_the_command_line_says(name, ten_patches, tmp_path,
                                                             capsys):
    """Issue 13: each input that crashed or was refused whole gets the CLI's words in the
    dialog (its preview, else its import) and in Processing."""
    from farmland_guard.store.__main__ import main
    from tests.bad_batches import CASES

    source = CASES[name][0](ten_patches, tmp_path / "in")
    code = main(["import", str(source), str(tmp_path / "cli" / "s.gpkg")])
    told = capsys.readouterr().err.strip().removeprefix("error: ")
    assert code in (0, 2)
    parameters = {"INPUT": str(source), "STORE": str(tmp_path / "processing" / "s.gpkg")}
    if code == 2:
        with pytest.raises(QgsProcessingException) as raised:
            processing.run("farmland_guard:importpatches", parameters)
        assert str(raised.value) == told
    else:
        assert processing.run("farmland_guard:importpatches", parameters)["IMPORTED"] > 0
    dialog = ImportDialog()
    dialog.source.setFilePath(str(source))
    if code == 2 and dialog.info.text() == told:
        assert not dialog.start.isEnabled()
        return
    assert "failed" not in dialog.info.text() and dialog.start.isEnabled(), dialog.info.text()
    dialog.store.setFilePath(str(tmp_path / "dialog" / "s.gpkg"))
    # a failed import shows no report: a watcher left waiting would answer a later test's dialog
    report = close_next_modal() if code != 2 else None
    dialog.start.click()
    wait_for(lambda: dialog.task is None)
    if code == 2:
        assert dialog.info.text() == ("The import failed and the work store is unchanged: "
                                      + told)
        assert not (tmp_path / "dialog" / "s.gpkg").exists()
    else:
        wait_for(lambda: report)
        assert isinstance(report[0], ReportDialog)
