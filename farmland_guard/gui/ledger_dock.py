"""台账 dock (issue 16): 占补平衡 (the county table and 增违挂钩), 进出平衡 (and the 永农 out-flows),
违法比例, computed in a ``QgsTask`` from the layers picked — again whenever one of them changes,
or a verdict is saved in the open work store when that is the source of the illegal results.
Double click a figure for the entries behind it, and a patch among those for the patch on the
map; the charts are exported as PNG."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProject,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import balance, ledger_fields, profiles, regions
from ..core import ratio as ratio_table
from ..core.expected import EXPECTED, message, unexpected
from . import ledger_charts, ledger_drill, ledger_task
from .ledger_model import LedgerModel
from .mapping_dialog import MappingDialog
from .patch_on_map import PatchOnMap

PROBLEM = "color: #b00000"
RECOMPUTE_DELAY_MS = 300  # edits come in bursts: one computation after the last
QUOTA_COLUMNS = ("XZQDM", "ND", "JHND", "WFMJ", "ZK", "TH", "KJ", "DD")
FIELDS_PROPERTY = "farmland_guard/ledger_fields/{kind}"  # a layer's mapping, JSON, saved with it
PICKED_ENTRY = "ledger/{kind}"  # a project's layer (id) picked for a kind; "store" for the store
SCOPE = "farmland_guard"
PREVIEW_ROWS = 20
FLOW_COLUMNS = ("XZQDM", "ND", "ZD", "OUT_GD", "OUT_ST", "OUT_CN", "IN_GD", "IN_ST", "IN_CN",
                "JBNT_WG", "PH")


class ChartView(QLabel):
    """A chart's PNG shown scaled to the room it has; the PNG itself kept for export."""

    def __init__(self):
        super().__init__()
        self.png = b""
        self.full = QPixmap()
        self.file_name = ""  # offered when the chart is exported
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.setMinimumSize(240, 140)

    def set_png(self, png: bytes, file_name: str) -> None:
        self.png, self.file_name = png, file_name
        self.full = QPixmap()
        self.full.loadFromData(png, "PNG")
        self._fit()

    def set_note(self, text: str) -> None:
        self.png, self.full = b"", QPixmap()
        self.clear()
        self.setText(text)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self.full.isNull():
            self.setPixmap(self.full.scaled(self.size(), Qt.KeepAspectRatio,
                                            Qt.SmoothTransformation))


class LedgerDock(QDockWidget):
    OBJECT_NAME = "FarmlandGuardLedgers"

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Ledgers"))
        self.canvas = canvas
        self.on_map = PatchOnMap(canvas)
        self.store: Path | None = None  # the open work store
        self.task = None
        self.result: ledger_task.Result | None = None
        self.watched: list = []  # the picked layers, whose changes recompute
        self.stale = False  # the inputs changed while the dock was hidden
        self.models: dict[str, LedgerModel] = {}
        self.views: dict[str, QTableView] = {}
        self.notes: list[str] = []  # said with the next result (a mapping dropped)
        self.mapping_dialog: MappingDialog | None = None
        self.field_buttons: dict[str, QPushButton] = {}

        # --- inputs (a layer's removal seen before the pickers', which would pick its
        # neighbour in the list instead of none)
        QgsProject.instance().layersWillBeRemoved.connect(self._forget_layers)
        QgsProject.instance().readProject.connect(self.project_read)
        self.store_text = self.tr("Current work store")
        self.reserve_box = self._layer_box("reserve")
        self.occupations_box = self._layer_box("occupations")
        self.illegal_box = self._layer_box("illegal")
        self.illegal_box.setAdditionalItems([self.store_text])
        self.flows_box = self._layer_box("flows")
        self.denominators_box = self._layer_box("denominators")
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profile")
        for pid, profile in profiles.profiles().items():
            self.profile_box.addItem(profile.name, pid)
        self.profile_box.setCurrentIndex(max(self.profile_box.findData(profiles.DEFAULT), 0))
        inputs = QGroupBox(self.tr("Inputs"))
        grid = QGridLayout(inputs)
        pairs = [(self.tr("Reserve"), self.reserve_box),
                 (self.tr("Construction occupations"), self.occupations_box),
                 (self.tr("Illegal occupations"), self.illegal_box),
                 (self.tr("Flows (optional)"), self.flows_box),
                 (self.tr("Denominators (optional)"), self.denominators_box),
                 (self.tr("Profile"), self.profile_box)]
        for n, (label, box) in enumerate(pairs):
            grid.addWidget(QLabel(label), n // 3, 2 * (n % 3))
            grid.addWidget(self._with_fields_button(box), n // 3, 2 * (n % 3) + 1)
            grid.setColumnStretch(2 * (n % 3) + 1, 1)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(16)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.stop)
        self.recompute_button = QPushButton(self.tr("Recompute"))
        self.recompute_button.setObjectName("recompute")
        self.recompute_button.setToolTip(self.tr("Read the inputs again (a file changed outside "
                                                 "QGIS) and compute"))
        self.recompute_button.clicked.connect(self.reload)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        busy.addStretch()
        busy.addWidget(self.recompute_button)

        # --- 占补平衡: the county table above, 增违挂钩 and the chosen region's chart below
        self.ledger_chart = ChartView()
        self.ledger_chart.setObjectName("ledger_chart")
        balance_tab = QSplitter(Qt.Vertical)
        balance_tab.addWidget(self._view("counties"))
        below = QSplitter(Qt.Horizontal)
        below.addWidget(self._titled(self.tr("Quota withheld for new illegal land"),
                                     self._view("quota")))
        below.addWidget(self._chart_box(self.ledger_chart, "ledger_export"))
        balance_tab.addWidget(below)
        self.views["counties"].selectionModel().currentRowChanged.connect(self.draw_ledger_chart)

        flows_tab = QSplitter(Qt.Vertical)
        flows_tab.addWidget(self._view("flows"))
        flows_tab.addWidget(self._titled(self.tr("Out-flows from permanent basic farmland"),
                                         self._view("violations")))

        self.ratio_chart = ChartView()
        self.ratio_chart.setObjectName("ratio_chart")
        ratio_tab = QSplitter(Qt.Horizontal)
        ratio_tab.addWidget(self._view("ratio"))
        ratio_tab.addWidget(self._chart_box(self.ratio_chart, "ratio_export"))
        ratio_tab.setStretchFactor(0, 3)  # the table's warning columns in sight
        ratio_tab.setStretchFactor(1, 2)

        self.tabs = QTabWidget()
        self.tabs.addTab(balance_tab, self.tr("Occupation and compensation"))
        self.tabs.addTab(flows_tab, self.tr("In and out"))
        self.tabs.addTab(ratio_tab, self.tr("Illegal occupation ratio"))

        # --- the entries behind a figure
        self.details_title = QLabel()
        self.details_title.setObjectName("details_title")
        self.details_title.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(lambda: self.details.hide())
        self.details = QWidget()
        column = QVBoxLayout(self.details)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.details_title, 1)
        top.addWidget(close)
        column.addLayout(top)
        column.addWidget(self._view("details"))
        self.details.hide()

        self.split = split = QSplitter(Qt.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(self.details)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(inputs)
        layout.addWidget(self.message)
        layout.addLayout(busy)
        layout.addWidget(split, 1)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOMPUTE_DELAY_MS)
        self.timer.timeout.connect(self.recompute)
        for box in self.boxes():
            box.currentIndexChanged.connect(self.inputs_changed)
            box.layerChanged.connect(self._layer_picked)
        self.profile_box.currentIndexChanged.connect(self.schedule)
        self._show_busy(False)
        self.show_result(None)
        self.say(self.tr("Pick the reserve, the construction occupations and the illegal "
                         "occupations (a layer, or the current work store)."), problem=False)
        self.project_read()  # the plugin started after the project was read

    # --- building ------------------------------------------------------------------------

    def _layer_box(self, name: str) -> QgsMapLayerComboBox:
        box = QgsMapLayerComboBox()
        box.setObjectName(name)
        box.setFilters(QgsMapLayerProxyModel.VectorLayer)
        box.setAllowEmptyLayer(True)
        box.setLayer(None)
        return box

    def _with_fields_button(self, box) -> QWidget:
        """A picker with its 字段… button beside it (the profile's without)."""
        if not isinstance(box, QgsMapLayerComboBox):
            return box
        kind = box.objectName()
        button = QPushButton(self.tr("Fields…"))
        button.setObjectName(f"{kind}_fields")
        button.setToolTip(self.tr("Which field of the layer holds each field of the table"))
        button.setEnabled(False)
        button.clicked.connect(lambda: self.edit_fields(kind))
        self.field_buttons[kind] = button
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(box, 1)
        row.addWidget(button)
        return pair

    def _view(self, name: str) -> QTableView:
        model = LedgerModel(self)
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectItems)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        view.doubleClicked.connect(lambda index, n=name: self.drill(n, index))
        self.models[name], self.views[name] = model, view
        return view

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _chart_box(self, chart: ChartView, name: str) -> QWidget:
        export = QPushButton(self.tr("Export PNG…"))
        export.setObjectName(name)
        export.clicked.connect(lambda: self.export(chart))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(chart, 1)
        column.addWidget(export, 0, Qt.AlignRight)
        return box

    # --- inputs --------------------------------------------------------------------------

    def uses_store(self) -> bool:
        return self.illegal_box.currentLayer() is None \
            and self.illegal_box.currentText() == self.store_text

    def use_store(self) -> None:
        """The open work store's results as the illegal occupations."""
        self.illegal_box.setCurrentIndex(self.illegal_box.findText(self.store_text))

    def set_store(self, path) -> None:
        """The work store open in the workbench (None: none is)."""
        self.store = Path(path) if path else None
        if self.uses_store():
            self.schedule()

    def store_saved(self, *_) -> None:
        """A verdict was saved in the open work store."""
        if self.uses_store():
            self.schedule()

    def boxes(self) -> tuple[QgsMapLayerComboBox, ...]:
        return (self.reserve_box, self.occupations_box, self.illegal_box, self.flows_box,
                self.denominators_box)

    def layers(self) -> list:
        return [b.currentLayer() for b in self.boxes() if b.currentLayer() is not None]

    def box(self, kind: str) -> QgsMapLayerComboBox:
        return next(b for b in self.boxes() if b.objectName() == kind)

    def _layer_picked(self, layer) -> None:
        self.picked(self.sender().objectName(), layer)

    def picked(self, kind: str, layer) -> None:
        """A layer picked: its fields asked for where a required one is not found."""
        self.field_buttons[kind].setEnabled(layer is not None)
        if layer is None or self.mapping_dialog is not None:  # one asked at a time
            return
        if ledger_fields.missing(kind, layer.fields().names(), self.mapping_of(layer, kind)):
            self.edit_fields(kind)

    def mapping_of(self, layer, kind: str) -> dict[str, str]:
        """The mapping kept with ``layer`` for ``kind``; a field the layer no longer has is
        dropped from it, and the next result says so."""
        try:
            mapping = json.loads(layer.customProperty(FIELDS_PROPERTY.format(kind=kind)) or "{}")
        except ValueError:
            mapping = {}
        names = layer.fields().names()
        gone = {n: f for n, f in mapping.items() if f not in names}
        if gone:
            mapping = {n: f for n, f in mapping.items() if n not in gone}
            self.keep_mapping(layer, kind, mapping)
            self.notes.append(self.tr("{layer}: the field mapping of {fields} is dropped: the "
                                      "layer has no such field any more.").format(
                layer=layer.name(), fields=", ".join(f"{n} → {f}" for n, f in gone.items())))
        return mapping

    @staticmethod
    def keep_mapping(layer, kind: str, mapping: dict[str, str]) -> None:
        key = FIELDS_PROPERTY.format(kind=kind)
        if mapping:
            layer.setCustomProperty(key, json.dumps(mapping, ensure_ascii=False))
        else:
            layer.removeCustomProperty(key)

    def edit_fields(self, kind: str) -> MappingDialog | None:
        """The mapping dialog of the layer picked for ``kind``, opened without blocking; OK
        keeps the mapping with the layer and computes again."""
        layer = self.box(kind).currentLayer()
        if layer is None:
            return None
        from qgis.core import QgsFeatureRequest

        names = layer.fields().names()
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setLimit(
            PREVIEW_ROWS)
        rows = [{n: ledger_task.plain(v) for n, v in zip(names, f.attributes())}
                for f in layer.getFeatures(request)]
        required, optional = ledger_fields.FIELDS[kind]
        dialog = MappingDialog(
            (names, rows), ledger_fields.guess(kind, names, self.mapping_of(layer, kind)), self,
            fields={n: f"{n} {ledger_fields.NAMES.get(n, '')}".strip()
                    for n in (*required, *optional)},
            required=required, source=layer.name())
        dialog.setObjectName("ledger_fields")
        dialog.accepted.connect(lambda: self.fields_chosen(layer, kind, dialog.mapping()))
        dialog.finished.connect(lambda _: self._fields_closed(dialog))
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def _fields_closed(self, dialog) -> None:
        if self.mapping_dialog is dialog:
            self.mapping_dialog = None
        dialog.deleteLater()

    def fields_chosen(self, layer, kind: str, mapping: dict[str, str]) -> None:
        if sip.isdeleted(layer):
            return
        # only where a field is named otherwise: the same name needs no mapping
        self.keep_mapping(layer, kind, {n: f for n, f in mapping.items() if f != n})
        self.schedule()

    def project_read(self, *_) -> None:
        """The layers a project names for the ledgers (``ledger/<kind>``) picked."""
        project = QgsProject.instance()
        for box in self.boxes():
            chosen, found = project.readEntry(SCOPE, PICKED_ENTRY.format(kind=box.objectName()))
            if not found:
                continue
            if box is self.illegal_box and chosen == "store":
                self.use_store()
            elif project.mapLayer(chosen) is not None:
                box.setLayer(project.mapLayer(chosen))

    def inputs_changed(self, *_) -> None:
        self._unwatch()
        self.watched = self.layers()
        for layer in self.watched:
            layer.dataChanged.connect(self.schedule)
            layer.afterCommitChanges.connect(self.schedule)
        self.schedule()

    def _unwatch(self) -> None:
        for layer in self.watched:
            if sip.isdeleted(layer):
                continue
            for signal in (layer.dataChanged, layer.afterCommitChanges):
                try:
                    signal.disconnect(self.schedule)
                except TypeError:  # not connected
                    pass
        self.watched = []

    def _forget_layers(self, layers) -> None:
        gone = {layer if isinstance(layer, str) else layer.id() for layer in layers}
        for box in self.boxes():
            if box.currentLayer() is not None and box.currentLayer().id() in gone:
                box.setLayer(None)

    def schedule(self, *_) -> None:
        self.timer.start()

    def reload(self) -> None:
        """The picked layers read again from their files, then the tables."""
        for layer in self.layers():
            layer.reload()
        self.schedule()

    def inputs(self) -> ledger_task.Inputs:
        def table(kind):
            layer = self.box(kind).currentLayer()
            return None if layer is None else ledger_task.Table.of(layer,
                                                                   self.mapping_of(layer, kind))

        return ledger_task.Inputs(
            table("reserve"), table("occupations"), table("illegal"),
            self.store if self.uses_store() else None, table("flows"), table("denominators"),
            self.profile_box.currentData())

    # --- computing -----------------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None or self.timer.isActive()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.schedule()

    def recompute(self) -> None:
        """The tables from the inputs as they are now; a hidden dock waits until it is shown
        (a verdict saved in the workbench must not cost a whole balance)."""
        self.cancel()
        self.stale = not self.isVisible()
        if self.stale:
            return
        if self.uses_store() and self.store is None:
            self.show_result(None)
            self.say(self.tr("No work store is open: open one, or pick a layer of illegal "
                             "occupations."))
            return
        inputs = self.inputs()
        if not inputs.given():
            self.show_result(None)
            self.say(self.tr("Pick the reserve, the construction occupations and the illegal "
                             "occupations (a layer, or the current work store)."), problem=False)
            return
        task = ledger_task.task(self.tr("Computing the ledgers"), inputs)
        task.progressChanged.connect(lambda p, t=task: self._progress(t, p))
        task.taskCompleted.connect(lambda t=task: self._finished(t))
        task.taskTerminated.connect(lambda t=task: self._finished(t))
        self.task = task
        self._show_busy(True)
        QgsApplication.taskManager().addTask(task)

    def cancel(self) -> None:
        """Stop the running computation; its result, if it still comes, is ignored."""
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()
            self.task = None
            self._show_busy(False)

    def stop(self) -> None:
        """Cancel asked for: no tables until the next computation."""
        self.cancel()
        self.show_result(None)
        self.say(self.tr("Cancelled."))

    def _progress(self, task, value) -> None:
        if task is self.task:
            self.progress.setValue(int(value))

    def _finished(self, task) -> None:
        if task is not self.task:  # superseded or cancelled
            return
        self.task = None
        self._show_busy(False)
        self.notes, notes = [], self.notes  # said once
        if task.result is not None:
            self.show_result(task.result)
            ungraded = task.result.ungraded
            self.say("\n".join(notes if ungraded is None else (*notes, self.tr(
                "The occupation and compensation table is not computed: it needs the quality "
                "grade (ZLDB) of every illegal occupation that freezes. The rest is shown."),
                message(ungraded))))
        else:
            self.show_result(None)  # never the figures of inputs that changed since
            said = [self.problem(task.error) if task.error is not None
                    else self.tr("Cancelled.")]
            if any(getattr(p, "rule", None) == "field"
                   for p in getattr(task.error, "problems", None) or []):
                said.append(self.tr("A field is named otherwise in the layer: name it with "
                                    "Fields… beside its picker."))
            self.say("\n".join((*notes, *said)))

    @staticmethod
    def problem(error: Exception) -> str:
        """A failure in words (a wrong input names its source, row and field), never a
        traceback."""
        return message(error) if isinstance(error, EXPECTED) else unexpected(error)

    def _show_busy(self, running: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def say(self, text: str, problem: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM if problem else "")
        self.message.setVisible(bool(text))

    # --- showing -------------------------------------------------------------------------

    def show_result(self, result: ledger_task.Result | None) -> None:
        self.result = result
        ledgers = result.ledgers if result else None
        self.models["counties"].set_table(balance.COLUMNS, ledgers.counties if ledgers else [])
        self.models["quota"].set_table(QUOTA_COLUMNS, ledgers.quota if ledgers else [])
        self.models["flows"].set_table(FLOW_COLUMNS, ledgers.flows if ledgers else [])
        violations = ledgers.flow_violations if ledgers else []
        self.models["violations"].set_table(ledger_drill.COLUMNS[ledger_drill.Flow],
                                            ledger_drill.listing(violations)[1], violations)
        self.models["ratio"].set_table(ratio_table.COLUMNS, result.ratio if result else [])
        gross = ratio_table.COLUMNS.index("WFGDMJ_MZ")  # shown where some input has it
        self.views["ratio"].setColumnHidden(gross, all(r["WFGDMJ_MZ"] is None
                                                       for r in self.models["ratio"].rows))
        self.details.hide()
        counties = self.views["counties"]
        if self.models["counties"].rowCount():
            counties.setCurrentIndex(self.models["counties"].index(0, 0))
        self.draw_ledger_chart()
        self.draw_ratio_chart()

    def draw_ledger_chart(self, *_) -> None:
        index = self.views["counties"].currentIndex()
        if self.result is None or not index.isValid():
            self.ledger_chart.set_note(self.tr("Pick a region in the table for its chart."))
            return
        row = self.models["counties"].rows[index.row()]
        self._draw(self.ledger_chart, f"{row['XZQDM']}.png", ledger_charts.ledger_png, row)

    def draw_ratio_chart(self) -> None:
        if self.result is None or not any(r["JB"] == regions.COUNTY for r in self.result.ratio):
            self.ratio_chart.set_note(self.tr("No ratio yet: it needs illegal occupations."))
            return
        years = sorted({r["ND"] for r in self.result.ratio})
        self._draw(self.ratio_chart, f"BL_{years[0]}-{years[-1]}.png" if len(years) > 1
                   else f"BL_{years[0]}.png", ledger_charts.ratio_png, self.result.ratio,
                   self.result.rules)

    @staticmethod
    def _draw(chart: ChartView, file_name: str, draw, *arguments) -> None:
        try:
            chart.set_png(draw(*arguments), file_name)
        except ledger_charts.ChartsUnavailable as missing:
            chart.set_note(str(missing))

    def export(self, chart: ChartView) -> None:
        if not chart.png:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the chart"), chart.file_name,
                                              "PNG (*.png)")
        if not path:
            return
        try:
            Path(path).write_bytes(chart.png)
        except OSError as error:
            self.say(message(error))

    # --- drill-down ----------------------------------------------------------------------

    def drill(self, table: str, index) -> None:
        """The entries behind a figure below the tabs; a patch among them on the map."""
        if self.result is None or not index.isValid():
            return
        model = self.models[table]
        item = model.items[index.row()]
        if table in ("details", "violations"):
            jcbh = ledger_drill.patch_of(item)
            if jcbh is not None:
                self.zoom_to(jcbh)
            return
        code = model.code(index.column())
        items = ledger_drill.behind(self.result, table, model.rows[index.row()], code)
        columns, rows = ledger_drill.listing(items)
        row = model.rows[index.row()]
        where = " ".join(str(v) for v in (row.get("XZQDM"), row.get("ND")) if v is not None)
        header = model.headerData(index.column(), Qt.Horizontal)
        self.details_title.setText(
            self.tr("{figure} of {region}: {count} entries (double click a patch to see it on "
                    "the map)").format(figure=header, region=where, count=len(items))
            if items else self.tr("Nothing is listed behind {figure} of {region}.")
            .format(figure=header, region=where))
        self.models["details"].set_table(columns, rows, items)
        for n, column in enumerate(columns):  # a column no entry fills says nothing
            self.views["details"].setColumnHidden(n, all(r[column] is None for r in rows))
        if not self.details.isVisible():  # a third of the room, whatever it had before
            total = sum(self.split.sizes())
            self.details.show()
            self.split.setSizes([total - total // 3, total // 3])

    def patch_layers(self) -> list:
        """Where a patch is looked for: the illegal layer when it has geometry, then the work
        stores' patches and parcels layers in the project (the open store's first)."""
        from .store_layer import source_of

        found = []
        illegal = self.illegal_box.currentLayer()
        if illegal is not None and illegal.isSpatial():
            found.append(illegal)
        layers = list(QgsProject.instance().mapLayers().values())
        for table in ("patches", "parcels"):  # a patch before the parcels it was split into
            mine = source_of(self.store, table) if self.store else None
            found += [layer for layer in layers if layer.source() == mine]
            found += [layer for layer in layers if layer not in found
                      and layer.source().endswith(f"|layername={table}")]
        return found

    def zoom_to(self, key: str) -> bool:
        """The map on the patch (JCBH) or parcel (DKBH, a split patch's) ``key``, selected in
        its layer."""
        for layer in self.patch_layers():
            names = [layer.fields().field(i).name() for i in
                     (layer.fields().lookupField(n) for n in ("JCBH", "DKBH")) if i >= 0]
            if not names:
                continue
            request = QgsFeatureRequest().setFilterExpression(" OR ".join(
                f"{QgsExpression.quotedColumnRef(n)} = {QgsExpression.quotedValue(key)}"
                for n in names))
            feature = next(layer.getFeatures(request), None)
            if feature is not None and feature.hasGeometry():
                self.on_map.show(layer, feature.id())
                layer.selectByIds([feature.id()])
                return True
        self.say(self.tr("Patch {jcbh} is in no layer of the map: add the illegal layer with "
                         "its geometry, or open its work store.").format(jcbh=key))
        return False

    def cleanup(self) -> None:
        """Let go of the layers, the map and any running computation before the dock goes."""
        self.cancel()
        self._unwatch()
        QgsProject.instance().layersWillBeRemoved.disconnect(self._forget_layers)
        QgsProject.instance().readProject.disconnect(self.project_read)
        for box in self.boxes():  # a dock let go of asks nothing of the layers removed after
            box.layerChanged.disconnect(self._layer_picked)
        self.on_map.clear()
