"""导入图斑包: choose the batch file, check what it holds, import it as a QgsTask, see the report."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem
from qgis.gui import QgsFileWidget, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import dependencies
from .mapping_dialog import MappingDialog, remember, remembered
from .store_task import StoreTask, import_task, run_in_background

LOG = logging.getLogger(__name__)
ENCODINGS = ["GBK", "UTF-8", "GB18030", "BIG5", "CP1252"]
PREVIEW_ROWS = 20


def input_path(chosen: str) -> Path:
    """A file picked inside a FileGDB folder stands for the folder."""
    path = Path(chosen)
    return path.parent if path.parent.suffix.lower() == ".gdb" else path


class ImportDialog(QDialog):
    imported = pyqtSignal(object)  # the ImportResult
    patch_wanted = pyqtSignal(str)  # JCBH: a row of the report asked to see its patch

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import change patches"))
        self.preview = None
        self.mapping: dict | None = None
        self.task: StoreTask | None = None
        self.default_store = ""

        self.source = QgsFileWidget()
        self.source.setFilter(self.tr("Patch batches") +
                              " (*.zip *.shp *.gpkg *.geojson *.json *.gdbtable gdb);;* (*)")
        self.source.fileChanged.connect(self.new_source)
        self.layer = QComboBox()
        self.layer.currentIndexChanged.connect(self.analyse)
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("Detect automatically"), "auto")
        for name in ENCODINGS:
            self.encoding.addItem(name, name)
        self.encoding.currentIndexChanged.connect(self.analyse)
        self.mapping_button = QPushButton(self.tr("Field mapping…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.crs = QgsProjectionSelectionWidget()
        self.crs.setOptionVisible(QgsProjectionSelectionWidget.CrsNotSet, True)
        self.crs.setNotSetText(self.tr("As the file says"))
        self.crs.setCrs(QgsCoordinateReferenceSystem())
        self.store = QgsFileWidget()
        self.store.setStorageMode(QgsFileWidget.SaveFile)
        self.store.setFilter("GeoPackage (*.gpkg)")
        self.store.setConfirmOverwrite(False)  # an existing store is merged, never overwritten
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Batch file"), self.source)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow(self.tr("Text encoding"), self.encoding)
        form.addRow(self.tr("Fields"), self.mapping_button)
        form.addRow(self.tr("Coordinate system"), self.crs)
        form.addRow(self.tr("Work store"), self.store)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.start = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        self.start.setEnabled(False)
        self.start.clicked.connect(self.run)
        self.cancel = self.buttons.addButton(self.tr("Cancel import"), QDialogButtonBox.ActionRole)
        self.cancel.setEnabled(False)  # only while importing
        self.cancel.clicked.connect(self.cancel_import)
        self.buttons.rejected.connect(self.close_if_idle)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self.form = form
        self.show_layers()
        self.missing = dependencies.missing(dependencies.IMPORT_PACKAGES)
        if self.missing:
            self.say(self.tr("The Python packages {names} are missing; install them with: "
                             "{command}").format(names=", ".join(self.missing),
                                                 command=dependencies.pip_command(self.missing)),
                     problem=True)

    # --- what the file holds -------------------------------------------------------------

    def say(self, text: str, problem: bool = False) -> None:
        self.info.setText(text)
        self.info.setStyleSheet("color: #b00000" if problem else "")

    def new_source(self) -> None:
        """Another file: forget the layers and the store name chosen for the last one."""
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.blockSignals(False)
        self.show_layers()
        self.analyse()

    def show_layers(self) -> None:
        """The 图层 row only for a file of several layers (the one layer is named in the info)."""
        several = self.layer.count() > 1
        self.layer.setVisible(several)
        self.form.labelForField(self.layer).setVisible(several)

    def analyse(self) -> None:
        """Read the batch's layer list, encoding, fields and first rows (a quick look)."""
        self.preview, self.mapping = None, None
        self.start.setEnabled(False)
        chosen = self.source.filePath()
        if not chosen or self.missing:
            return
        from ..core.delivery import inspect
        from ..core.expected import EXPECTED, message, unexpected
        from ..core.sources import SeveralLayersError

        source = input_path(chosen)
        layer = self.layer.currentData() if self.layer.count() > 1 else None
        try:
            with tempfile.TemporaryDirectory(prefix=".fg-preview-") as work:
                self.preview = inspect(source, Path(work), self.encoding.currentData(),
                                       layer=layer, rows=PREVIEW_ROWS)
        except SeveralLayersError as error:
            self.offer_layers(error.layers)
            self.say(str(error), problem=True)
            return
        except EXPECTED as error:  # the same words as the command line
            self.say(message(error), problem=True)
            return
        except Exception as error:  # a bug: the details go to the log, the user reads plain words
            LOG.exception("preview of %s failed", source)
            self.say(unexpected(error), problem=True)
            return
        preview = self.preview
        self.mapping = remembered(preview.province, preview.fields) or preview.mapping
        if self.store.filePath() in ("", self.default_store):
            # named after the batch, never the delivered file itself (it may be a .gpkg)
            self.default_store = str(source.with_name(source.stem + "_核查.gpkg"))
            self.store.setFilePath(self.default_store)
        crs = preview.frame.crs
        lines = [
            self.tr("Layer: {layer}").format(layer=preview.layer.label),
            self.tr("Text encoding: {encoding} ({how})").format(
                encoding=preview.encoding.encoding, how=preview.encoding.note or
                preview.encoding.source),
            self.tr("Coordinate system: {crs}").format(
                crs=crs.to_string() if crs is not None else self.tr("none in the file — choose one")),
            self.tr("Fields: {profile}").format(
                profile=preview.profile.name if preview.profile else self.tr("no profile fits — "
                                                                             "map them by hand")),
            *preview.layer.notes,
        ]
        self.say("\n".join(lines), problem=self.mapping is None or crs is None)
        self.start.setEnabled(self.mapping is not None)

    def offer_layers(self, layers) -> None:
        self.layer.blockSignals(True)
        self.layer.clear()
        for layer in layers:
            self.layer.addItem(layer.label, layer.name or layer.path.stem)
        self.layer.blockSignals(False)
        self.show_layers()

    def edit_mapping(self) -> None:
        if self.preview is None:
            return
        dialog = MappingDialog(self.preview.frame, self.mapping or {}, self)
        if dialog.exec_() == QDialog.Accepted:
            self.mapping = dialog.mapping()
            remember(self.preview.province, self.preview.fields, self.mapping)
            self.start.setEnabled("JCBH" in self.mapping)

    # --- the import ------------------------------------------------------------------------

    def run(self, crs: str | None = None) -> None:
        store = self.store.filePath()
        if not store:
            self.say(self.tr("Choose where the work store goes."), problem=True)
            return
        if not store.lower().endswith(".gpkg"):
            store += ".gpkg"
        chosen_crs = self.crs.crs()
        self.task = import_task(
            self.tr("Importing {name}").format(name=Path(self.source.filePath()).name),
            source=input_path(self.source.filePath()), store=Path(store),
            encoding=self.encoding.currentData(),
            layer=self.layer.currentData() if self.layer.count() > 1 else None,
            crs=crs or (chosen_crs.authid() or chosen_crs.toWkt() if chosen_crs.isValid() else None),
            mapping=self.mapping)
        self.busy(True)
        run_in_background(self.task, self.progress, self.finished)

    def busy(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.cancel.setEnabled(running)
        self.start.setEnabled(not running)

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def close_if_idle(self) -> None:
        if self.task is None:
            self.reject()

    def finished(self) -> None:
        from ..core.crs import CrsError
        from ..core.expected import EXPECTED, message, unexpected

        task, self.task = self.task, None
        self.busy(False)
        if task.result is not None:
            self.say(self.tr("Imported into {store}.").format(store=task.result.store))
            self.imported.emit(task.result)
            report = ReportDialog(task.result, self)
            report.patch_wanted.connect(self.patch_wanted)
            report.exec_()
            return
        error = task.error
        if error is None:
            self.say(self.tr("Import cancelled; the work store is unchanged."))
        elif isinstance(error, CrsError) and error.suggestion:
            answer = QMessageBox.question(
                self, self.tr("Coordinate system"),
                self.tr("{error}\n\nUse {crs}?").format(error=error, crs=error.suggestion))
            if answer == QMessageBox.Yes:
                self.crs.setCrs(QgsCoordinateReferenceSystem(error.suggestion))
                self.run(error.suggestion)
                return
            self.say(str(error), problem=True)
        else:
            self.say(self.tr("The import failed and the work store is unchanged: {error}")
                     .format(error=message(error) if isinstance(error, EXPECTED)
                             else unexpected(error)), problem=True)


class ReportDialog(QDialog):
    """Counts, then one line per record that was repaired, flagged or rejected; a row opens
    its patch in the workbench (double-click or Enter)."""

    patch_wanted = pyqtSignal(str)  # JCBH

    def __init__(self, result, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.rejected_ids = {p.jcbh for p in result.problems if p.action == "rejected"}
        marked = len({p.record for p in result.problems if p.action == "flagged"})
        summary = QLabel(self.tr(
            "{records} records read: {imported} imported ({added} new, {updated} updated, "
            "{vanished} no longer in the batch, {flagged} to look at again), {repaired} "
            "repaired, {marked} marked (area differs from MJ), {rejected} rejected.").format(
                marked=marked, **vars(result)))
        summary.setWordWrap(True)
        notes = QLabel("\n".join(result.notes))
        notes.setVisible(bool(result.notes))
        table = QTableWidget(len(result.problems), 5)
        table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Patch ID"), self.tr("Field"),
                                         self.tr("Action"), self.tr("Reason")])
        actions = {"rejected": self.tr("Rejected"), "repaired": self.tr("Repaired"),
                   "flagged": self.tr("Flagged")}
        for row, p in enumerate(result.problems):
            for column, value in enumerate([p.record, p.jcbh, p.field,
                                            actions.get(p.action, p.action), p.message]):
                table.setItem(row, column, QTableWidgetItem(str(value)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectRows)
        table.setToolTip(self.tr("Double-click a row to see its patch"))
        table.activated.connect(self.go_to_patch)
        self.table = table
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        open_csv = buttons.addButton(self.tr("Open the CSV report"), QDialogButtonBox.ActionRole)
        open_csv.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.report))))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, notes, table, self.message, QLabel(str(result.report)), buttons):
            layout.addWidget(widget)
        self.summary = summary
        self.resize(900, 480)

    def go_to_patch(self, index) -> None:
        jcbh = self.table.item(index.row(), 1).text()
        if not jcbh or jcbh in self.rejected_ids:
            self.message.setText(self.tr("Record {record} was rejected: it is not in the work "
                                         "store.").format(record=self.table.item(index.row(), 0).text()))
            return
        self.message.setText("")
        self.patch_wanted.emit(jcbh)
