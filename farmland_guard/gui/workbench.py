"""核查工作台: the patch queue of a work store, navigation at keyboard speed, the verdict form.

Keyboard, in the queue and on the map: PgDown / PgUp next and previous patch, Shift+PgDown next
unverified, Ctrl+J jump to an id, 1 / 2 / 3 合法 / 违法 / 其他, Ctrl+D same as the previous
verdict, Ctrl+Enter save (Ctrl+S too in the queue), Ctrl+B batch label, Ctrl+Alt+Z undo,
Ctrl+Alt+Y redo, B blink the after imagery on the map, W swipe the before imagery, C cut the
patch along a line drawn on the map, [ / ] previous and next parcel of the patch.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    NULL,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProject,
)
from qgis.gui import QgsHighlight, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QEvent, QObject, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core import codelists, verdicts
from ..core.units import format_mu
from ..core.verdicts import UNCHECKED
from ..qgis_areas import lonlat_wkb, to_cgcs2000
from .cut_tool import CutTool
from .evidence_panel import EvidencePanel
from .queue_model import QueueFilter, QueueModel
from .store_layer import show_store
from .tables import row_table

AREA_ROLE = Qt.UserRole + 1
ZOOM_MARGIN = 2.5  # the patch and enough of its surroundings to judge it
MIN_VIEW_M = 150.0  # never zoom closer than this, so the surroundings stay in sight
AREA_FIELDS = ("WFMJ", "WFGDMJ", "WFSTMJ", "WFJBNTMJ")
TEXT_FIELDS = ("PZWH", "PZJG", "PZRQ", "YXQZ", "NYSM", "WYSM", "BJYY")
LEGAL_FIELDS = ("PZWH", "PZJG", "PZRQ", "YXQZ")


class KeyRouter(QObject):
    """The workbench's keys, claimed before QGIS's own shortcuts (Ctrl+S saves the project
    there) while the focus is in the workbench or on the map, and only then."""

    def __init__(self, keys: dict, parent=None):
        super().__init__(parent)
        self.keys = keys  # (key, modifiers) -> action

    def action(self, event):
        modifiers = int(event.modifiers()) & ~int(Qt.KeypadModifier)
        return self.keys.get((event.key(), modifiers))

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.ShortcutOverride and self.action(event) is not None:
            event.accept()
            return True
        if event.type() == QEvent.KeyPress:
            action = self.action(event)
            if action is not None:
                action()
                return True
        return False


class Workbench(QDockWidget):
    OBJECT_NAME = "FarmlandGuardWorkbench"
    saved = pyqtSignal(str)  # JCBH
    patch_shown = pyqtSignal(object, object, object)  # extent in map CRS, QSX, HSX
    blink_requested = pyqtSignal()
    swipe_requested = pyqtSignal()

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Verification workbench"))
        self.canvas = canvas
        self.store = None
        self.verdicts = None
        self.edits = None
        self.layer = None
        self.highlight = None
        self.previous: dict | None = None
        self.loading_form = False
        self.parcels_layer = None
        self.cut_tool = CutTool(canvas)
        self.cut_tool.drawn.connect(self.cut_along)
        self.cut_tool.cancelled.connect(self.end_cut)
        self.tool_before_cut = None

        self.model = QueueModel(self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # for batch labelling
        self.table.selectionModel().currentRowChanged.connect(self.show_current)

        self.progress = QProgressBar()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Patch ID…"))
        self.state = self._combo(self.tr("All states"), list(codelists.workflow()))
        self.verdict_filter = self._combo(self.tr("All verdicts"), codelists.pdlx())
        self.tblx = self._combo(self.tr("All types"), list(codelists.tblx()))
        self.sfyn = QCheckBox(self.tr("Permanent farmland"))
        self.sfhx = QCheckBox(self.tr("Red line"))
        self.returned = QCheckBox(self.tr("Returned"))
        self.flagged = QCheckBox(self.tr("Flagged"))
        self.search.textChanged.connect(self.apply_filter)
        for widget in (self.state, self.verdict_filter, self.tblx):
            widget.currentIndexChanged.connect(self.apply_filter)
        for widget in (self.sfyn, self.sfhx, self.returned, self.flagged):
            widget.toggled.connect(self.apply_filter)

        self.form = self._build_form()
        self.evidence = EvidencePanel()
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")

        filters = QHBoxLayout()
        for widget in (self.search, self.state, self.verdict_filter, self.tblx):
            filters.addWidget(widget)
        checks = QHBoxLayout()
        for widget in (self.sfyn, self.sfhx, self.returned, self.flagged):
            checks.addWidget(widget)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.precheck_button = QPushButton(self.tr("Precheck (overlay)…"))
        self.precheck_button.clicked.connect(self.open_precheck)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.precheck_button)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addLayout(checks)
        form_area = QScrollArea()
        form_area.setWidgetResizable(True)
        form_area.setWidget(self.form)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(form_area)
        split.addWidget(self.evidence)
        split.addWidget(self.history)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 400, 150, 100])  # the queue and the form first
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.setWidget(body)
        keys = self.key_map()
        self.keys = KeyRouter(keys, self)
        self.table.installEventFilter(self.keys)
        map_keys = {k: v for k, v in keys.items() if k[0] != Qt.Key_S}
        self.map_keys = KeyRouter(map_keys, self)  # Ctrl+S on the map still saves the project
        canvas.installEventFilter(self.map_keys)

    # --- building --------------------------------------------------------------------------

    def _combo(self, everything: str, values) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(str(value), value)
        return combo

    def _build_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.target = QComboBox()
        self.target.setObjectName("target")
        self.target.currentIndexChanged.connect(self.target_changed)
        form.addRow(self.tr("Patch or parcel"), self.target)
        self.cut_button = QPushButton(self.tr("Cut along a line (C)"))
        self.cut_button.clicked.connect(self.start_cut)
        self.landuse_button = QPushButton(self.tr("Split by land use"))
        self.landuse_button.clicked.connect(self.split_by_landuse)
        self.merge_button = QPushButton(self.tr("Merge parcels"))
        self.merge_button.clicked.connect(self.merge_parcels)
        self.landuse = QgsMapLayerComboBox()
        self.landuse.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.landuse.setToolTip(self.tr("The land-use layer (with DLBM) to split by"))
        splitting = QHBoxLayout()
        for widget in (self.cut_button, self.landuse_button, self.landuse, self.merge_button):
            splitting.addWidget(widget)
        form.addRow(self.tr("Parcels"), splitting)
        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        for number, kind in enumerate(codelists.pdlx(), start=1):
            button = QPushButton(f"{number} {kind}")
            button.setCheckable(True)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button, number)
            kinds.addWidget(button)
        self.kind_buttons.buttonClicked.connect(lambda _: self.kind_changed())
        form.addRow(self.tr("Verdict"), kinds)
        self.sub = QComboBox()
        form.addRow(self.tr("Sub-type"), self.sub)
        self.kind_of_violation = self._combo("", list(codelists.wflx()))
        form.addRow(self.tr("Kind of violation"), self.kind_of_violation)
        self.texts = {}
        labels = {"PZWH": self.tr("Approval number"), "PZJG": self.tr("Approving authority"),
                  "PZRQ": self.tr("Approval date"), "YXQZ": self.tr("Valid until (temporary use)"),
                  "NYSM": self.tr("Desk note"), "WYSM": self.tr("Field note"),
                  "BJYY": self.tr("Flag reason")}
        for field in TEXT_FIELDS:
            self.texts[field] = QLineEdit()
            if field in ("PZRQ", "YXQZ"):
                self.texts[field].setPlaceholderText("YYYY-MM-DD")
            form.addRow(labels[field], self.texts[field])
        self.approved_area = QDoubleSpinBox()
        self.approved_area.setDecimals(4)
        self.approved_area.setMaximum(1e7)
        form.addRow(self.tr("Approved area (mu)"), self.approved_area)
        self.areas = {}
        names = {"WFMJ": self.tr("Illegal area (mu)"), "WFGDMJ": self.tr("of it cultivated (mu)"),
                 "WFSTMJ": self.tr("of that paddy (mu)"), "WFJBNTMJ": self.tr("of it permanent "
                                                                              "farmland (mu)")}
        for field in AREA_FIELDS:
            spin = QDoubleSpinBox()
            spin.setDecimals(4)
            spin.setMaximum(1e7)
            self.areas[field] = spin
            form.addRow(names[field], spin)
        self.counts_toward = QCheckBox(self.tr("Counts toward the illegal-occupation ratio"))
        self.key_project = QCheckBox(self.tr("Key project (exempt from the ratio)"))
        self.flag = QCheckBox(self.tr("Flag for a second look"))
        form.addRow(self.counts_toward)
        form.addRow(self.key_project)
        form.addRow(self.flag)
        # 整改 happens after the verdict, also once it is reported or approved: its own box,
        # left enabled when the verdict is locked
        self.rectification = QWidget()
        rectify = QFormLayout(self.rectification)
        rectify.setContentsMargins(0, 0, 0, 0)
        self.measure = self._combo("", list(codelists.zgcs()))
        self.rectify_state = self._combo("", list(codelists.zgzt()))
        rectify.addRow(self.tr("Rectification measure"), self.measure)
        rectify.addRow(self.tr("Rectification state"), self.rectify_state)
        form.addRow(self.rectification)
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.batch_button = QPushButton(self.tr("Batch label… (Ctrl+B)"))
        self.batch_button.clicked.connect(self.open_batch)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.batch_button)
        form.addRow(actions)
        return box

    def key_map(self) -> dict:
        none, ctrl, shift, alt = (int(Qt.NoModifier), int(Qt.ControlModifier),
                                  int(Qt.ShiftModifier), int(Qt.AltModifier))
        keys = {(Qt.Key_PageDown, none): lambda: self.step(1),
                (Qt.Key_PageUp, none): lambda: self.step(-1),
                (Qt.Key_PageDown, shift): self.next_unverified,
                (Qt.Key_J, ctrl): self.jump,
                (Qt.Key_S, ctrl): self.save,
                (Qt.Key_Return, ctrl): self.save,
                (Qt.Key_Enter, ctrl): self.save,
                (Qt.Key_D, ctrl): self.same_as_previous,
                (Qt.Key_B, ctrl): self.open_batch,
                (Qt.Key_Z, ctrl | alt): self.undo,
                (Qt.Key_Y, ctrl | alt): self.redo,
                (Qt.Key_B, none): self.blink_requested.emit,
                (Qt.Key_W, none): self.swipe_requested.emit,
                (Qt.Key_C, none): self.start_cut,
                (Qt.Key_BracketLeft, none): lambda: self.step_target(-1),
                (Qt.Key_BracketRight, none): lambda: self.step_target(1)}
        for number, key in enumerate((Qt.Key_1, Qt.Key_2, Qt.Key_3), start=1):
            keys[(key, none)] = lambda n=number: self.pick_kind(n)
        return keys

    # --- the store -------------------------------------------------------------------------

    def open_store(self, store: Path, layer) -> None:
        from ..store.history import History
        from ..store.parcels import Parcels
        from ..store.queue import Queue
        from ..store.results import Verdicts
        from ..store.workstore import WorkStore

        self.close_store()
        self.store = WorkStore(store)
        self.verdicts = Verdicts(self.store)
        self.edits = History(self.store, self.verdicts, Parcels(self.store))
        self.queue = Queue(self.store)
        self.layer = layer
        self.parcels_layer = show_store(store, "parcels")
        self.pick_landuse_layer()
        self.model.set_rows(self.queue.rows())
        self.setWindowTitle(self.tr("Verification workbench — {store}").format(store=Path(store).stem))
        self.update_counts()
        if self.proxy.rowCount():
            self.go_to(0)

    def close_store(self) -> None:
        self.clear_highlight()
        self.evidence.show_patch(None, None)
        if self.store is not None:
            self.store.close()
        self.store = self.verdicts = self.edits = self.layer = self.parcels_layer = None
        self.model.set_rows([])
        self.target.clear()

    def update_counts(self) -> None:
        progress = self.queue.progress()
        self.progress.setMaximum(max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(self.tr("{done} of {total} verified").format(
            done=progress.done, total=progress.total))
        self.counts.setText(" · ".join(f"{s} {n}" for s, n in sorted(progress.states.items())))

    def apply_filter(self) -> None:
        self.proxy.set_criteria(
            text=self.search.text().strip(), state=self.state.currentData(),
            verdict=self.verdict_filter.currentData(), tblx=self.tblx.currentData(),
            sfyn=self.sfyn.isChecked(), sfhx=self.sfhx.isChecked(),
            returned=self.returned.isChecked(), flagged=self.flagged.isChecked())

    # --- navigation ------------------------------------------------------------------------

    def go_to(self, row: int) -> None:
        """Make a row of the (filtered) queue current, even while the dock is hidden."""
        index = self.proxy.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def current_row(self):
        index = self.table.currentIndex()
        return None if not index.isValid() else self.row_at(index.row())

    def row_at(self, row: int):
        """The queue row at ``row`` of the (filtered) view."""
        return self.proxy.data(self.proxy.index(row, 0), QueueModel.ROW_ROLE)

    def step(self, delta: int) -> None:
        if not self.proxy.rowCount():
            return
        row = self.table.currentIndex().row()
        self.go_to(min(max(row + delta, 0), self.proxy.rowCount() - 1) if row >= 0 else 0)

    def next_unverified(self) -> None:
        start = self.table.currentIndex().row() + 1
        total = self.proxy.rowCount()
        for offset in range(total):
            r = (start + offset) % total
            if self.row_at(r).state == UNCHECKED:
                self.go_to(r)
                return
        self.message.setText(self.tr("Every patch in view is verified."))

    def jump(self, jcbh: str | None = None) -> None:
        if jcbh is None:
            self.search.setFocus()
            self.search.selectAll()
            return
        for r in range(self.proxy.rowCount()):
            if self.row_at(r).jcbh == jcbh:
                self.go_to(r)
                return

    def show_current(self) -> None:
        row = self.current_row()
        if row is None or self.verdicts is None:
            return
        self.show_parcels(row)
        self.evidence.show_patch(self.store, row.jcbh)
        self.show_history(row.jcbh)
        self.message.setText("")
        self.zoom_to(row.fid)

    def show_history(self, jcbh: str) -> None:
        """Who changed what and when on this patch, the latest first."""
        self.history.clear()
        for c in self.edits.of(jcbh):
            where = f"{c.dkbh}  " if c.dkbh else ""
            self.history.addItem(f"{c.at[:19].replace('T', ' ')}  {c.who}  {c.action}  {where}{c.field}: "
                                 f"{_shown(c.old)} → {_shown(c.new)}")

    def zoom_to(self, fid: int) -> None:
        if self.layer is None:
            return
        feature = next(self.layer.getFeatures(QgsFeatureRequest(fid)), None)
        if feature is None or not feature.hasGeometry():
            return
        transform = QgsCoordinateTransform(self.layer.crs(),
                                           self.canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        box = transform.transformBoundingBox(feature.geometry().boundingBox())
        box.scale(ZOOM_MARGIN)
        if self.canvas.mapSettings().destinationCrs().isGeographic():
            minimum = MIN_VIEW_M / 111_000
        else:
            minimum = MIN_VIEW_M
        if box.width() < minimum and box.height() < minimum:
            box.scale(minimum / max(box.width(), box.height(), 1e-9))
        self.canvas.setExtent(box)
        self.canvas.refresh()
        row = self.current_row()
        self.patch_shown.emit(self.canvas.extent(), row.qsx, row.hsx)
        self.clear_highlight()
        self.highlight = QgsHighlight(self.canvas, feature.geometry(), self.layer)
        self.highlight.setColor(QColor(255, 0, 255))
        self.highlight.setWidth(3)
        self.highlight.show()

    def detach(self) -> None:
        """Stop listening to the map's keys and leave its tools (the canvas outlives us)."""
        self.canvas.removeEventFilter(self.map_keys)
        self.end_cut()
        self.canvas.scene().removeItem(self.cut_tool.band)

    def clear_highlight(self) -> None:
        if self.highlight is not None:
            self.highlight.hide()
            self.canvas.scene().removeItem(self.highlight)
            self.highlight = None

    # --- the form --------------------------------------------------------------------------

    def pick_kind(self, number: int) -> None:
        button = self.kind_buttons.button(number)
        if button is not None and self.current_row() is not None:
            button.setChecked(True)
            self.kind_changed()

    def kind(self) -> str | None:
        button = self.kind_buttons.checkedButton()
        return None if button is None else button.property("kind")

    def kind_changed(self) -> None:
        kind = self.kind()
        current = self.sub.currentData()
        self.sub.clear()
        self.sub.addItem("", None)
        for code, name in codelists.hchlx(kind).items():
            self.sub.addItem(name, code)
        self.sub.setCurrentIndex(max(0, self.sub.findData(current)))
        illegal = kind == verdicts.ILLEGAL
        for widget in (self.kind_of_violation, self.counts_toward, self.key_project,
                       self.rectification, *self.areas.values()):
            widget.setEnabled(illegal)
        for field in LEGAL_FIELDS:
            self.texts[field].setEnabled(kind == verdicts.LEGAL)
        self.approved_area.setEnabled(kind == verdicts.LEGAL)
        if illegal and not self.loading_form and not self.areas["WFMJ"].value():
            for field, value in self.suggested_areas().items():
                self.areas[field].setValue(value)
            self.counts_toward.setChecked(True)

    def suggested_areas(self) -> dict:
        """Illegal areas to start from (``core.verdicts.suggested_areas``): what the approvals
        leave of the patch or parcel, its 耕地, 水田 and 永农, when the precheck ran; otherwise
        its area."""
        key = self.target.currentData()
        if key is None or self.verdicts is None:
            return {}
        return verdicts.suggested_areas(self.verdicts.figures(key))

    def fill_form(self, fields: dict) -> None:
        self.loading_form = True
        self.kind_buttons.setExclusive(False)
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == fields.get("PDLX"))
        self.kind_buttons.setExclusive(True)
        self.kind_changed()
        self.sub.setCurrentIndex(max(0, self.sub.findData(fields.get("HCHLX"))))
        self.kind_of_violation.setCurrentIndex(
            max(0, self.kind_of_violation.findData(fields.get("WFLX"))))
        for field, widget in self.texts.items():
            widget.setText(str(fields.get(field) or ""))
        for field, widget in self.areas.items():
            widget.setValue(float(fields.get(field) or 0))
        self.approved_area.setValue(float(fields.get("PZMJ") or 0))
        self.counts_toward.setChecked(fields.get("SFNRWFJS") == verdicts.YES)
        self.key_project.setChecked(fields.get("SFZDGC") == verdicts.YES)
        self.measure.setCurrentIndex(max(0, self.measure.findData(fields.get("ZGCS"))))
        self.rectify_state.setCurrentIndex(max(0, self.rectify_state.findData(fields.get("ZGZT"))))
        self.flag.setChecked(bool(fields.get("BJ")))
        locked = verdicts.check_editable("", fields.get("HCZT")) is not None
        # the verdict is read-only; evidence, apart from the form, may still be added, and the
        # rectification of a 违法 recorded
        for widget in (*self.kind_buttons.buttons(), self.sub, self.kind_of_violation,
                       *self.texts.values(), self.approved_area, *self.areas.values(),
                       self.counts_toward, self.key_project, self.flag, self.save_button,
                       self.batch_button):
            widget.setEnabled(not locked)
        if locked:
            rectifiable = fields.get("PDLX") == verdicts.ILLEGAL
            self.rectification.setEnabled(rectifiable)
            self.save_button.setEnabled(rectifiable)
        else:
            self.kind_changed()  # what the verdict enables
        self.loading_form = False

    def form_values(self) -> dict:
        kind = self.kind()
        values = {"PDLX": kind, "HCHLX": self.sub.currentData(),
                  "WFLX": self.kind_of_violation.currentData() if kind == verdicts.ILLEGAL else None,
                  "BJ": 1 if self.flag.isChecked() else None}
        for field, widget in self.texts.items():
            values[field] = widget.text().strip() or None
        illegal = kind == verdicts.ILLEGAL
        for field, widget in self.areas.items():
            values[field] = round(widget.value(), 4) if illegal else None
        values["PZMJ"] = round(self.approved_area.value(), 4) if kind == verdicts.LEGAL else None
        for field, box in (("SFNRWFJS", self.counts_toward), ("SFZDGC", self.key_project)):
            values[field] = (verdicts.YES if box.isChecked() else verdicts.NO) if illegal else None
        values["ZGCS"] = self.measure.currentData() if illegal else None
        values["ZGZT"] = self.rectify_state.currentData() if illegal else None
        return values

    def save(self) -> bool:
        from ..store.results import VerdictError

        row, key = self.current_row(), self.target.currentData()
        if row is None or self.verdicts is None or key is None:
            return False
        values = self.form_values()
        if not self.kind_buttons.buttons()[0].isEnabled():  # locked: the rectification alone
            values = {f: values[f] for f in verdicts.RECTIFICATION}
        try:
            self.verdicts.save(key, values)
        except VerdictError as error:
            self.warn(str(error))
            return False
        self.previous = values
        self.after_change([row.jcbh])
        self.message.setStyleSheet("")
        self.message.setText("\n".join([self.tr("Saved {jcbh}.").format(jcbh=key)] + [
            str(w) for w in verdicts.warnings(key, values, self.verdicts.figures(key)["TBMJ_MU"])]))
        self.saved.emit(row.jcbh)
        return True

    def warn(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00000")

    def open_precheck(self):
        """The 套合分析 dialog for the open store; returns it (for scripts and tests)."""
        from .precheck_dialog import PrecheckDialog

        if self.store is None:
            return None
        dialog = PrecheckDialog(self.store.path, self)
        dialog.completed.connect(lambda _: self.after_change([r.jcbh for r in self.model.rows]))
        dialog.show()
        return dialog

    def open_batch(self):
        """The batch dialog for the verdict in the form; returns it (for scripts and tests)."""
        from .batch_dialog import BatchLabelDialog

        if self.verdicts is None:
            return None
        dialog = BatchLabelDialog(self)
        dialog.show()
        return dialog

    def apply_batch(self, jcbhs: list, verdict: dict, overwrite: bool) -> bool:
        from ..store.results import VerdictError

        try:
            done = self.verdicts.label(jcbhs, verdict, overwrite)
        except VerdictError as error:
            self.warn(str(error))
            return False
        self.after_change(jcbhs)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("{changed} patches labelled, {skipped} already judged and "
                                     "skipped; Ctrl+Alt+Z undoes it.").format(
                                         changed=done.changed, skipped=done.skipped))
        return True

    def same_as_previous(self) -> None:
        if self.previous is not None:
            self.fill_form(self.previous)

    def undo(self) -> None:
        self._replay(self.edits.undo if self.verdicts else None)

    def redo(self) -> None:
        self._replay(self.edits.redo if self.verdicts else None)

    def _replay(self, action) -> None:
        from ..store.results import VerdictError

        if action is None:
            return
        try:
            op = action()
        except VerdictError as error:
            self.warn(str(error))
            return
        if op is not None:
            self.after_change(self.edits.patches_of(op))

    def after_change(self, jcbhs) -> None:
        """Refresh the rows, counts, form and map after the store changed."""
        if len(jcbhs) > 500:  # a batch: reading the queue again is quicker than row by row
            kept = self.current_row()
            self.model.set_rows(self.queue.rows())
            if kept is not None:
                self.jump(kept.jcbh)  # stay on the patch the technician was looking at
        else:
            for row in self.queue.rows(jcbhs):
                self.model.update_row(row)
        self.update_counts()
        current = self.current_row()
        if current is not None:
            self.show_parcels(current, keep=self.target.currentData())
            self.show_history(current.jcbh)
        for layer in (self.layer, self.parcels_layer):
            if layer is not None:
                # A repaint reads the committed rows afresh; reloading the provider would pull
                # the dataset from under other readers of the layer (the patch dock's task).
                layer.triggerRepaint()

    # --- parcels ---------------------------------------------------------------------------

    def show_parcels(self, row, keep: str | None = None) -> None:
        """The patch and its parcels to judge, the one kept (or the patch) current."""
        from ..store.parcels import Parcels

        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("Whole patch {jcbh} ({area} mu)").format(
            jcbh=row.jcbh, area=format_mu(row.area_mu)), row.jcbh)
        self.target.setItemData(0, row.area_mu, AREA_ROLE)
        for parcel in Parcels(self.store).of(row.jcbh):
            label = " ".join(str(v) for v in (parcel["DKBH"], parcel["DLBM"] or "",
                                              f"{format_mu(parcel['TBMJ_MU'])} 亩",
                                              parcel["PDLX"] or "") if v)
            self.target.addItem(label, parcel["DKBH"])
            self.target.setItemData(self.target.count() - 1, parcel["TBMJ_MU"], AREA_ROLE)
        self.target.setCurrentIndex(max(0, self.target.findData(keep)))
        self.target.blockSignals(False)
        self.merge_button.setEnabled(self.target.count() > 1)
        self.target_changed()

    def target_changed(self) -> None:
        key = self.target.currentData()
        if key is not None and self.verdicts is not None:
            self.fill_form(self.verdicts.current(key))

    def step_target(self, delta: int) -> None:
        if self.target.count():
            self.target.setCurrentIndex((self.target.currentIndex() + delta) % self.target.count())

    def pick_landuse_layer(self) -> None:
        """Offer the project's land-use layer (one with DLBM) to split by, DLTB first."""
        from .precheck_dialog import landuse_layer

        found = landuse_layer()
        if found is not None:
            self.landuse.setLayer(found)

    def start_cut(self) -> None:
        if self.current_row() is None:
            return
        if self.canvas.mapTool() is not self.cut_tool:
            self.tool_before_cut = self.canvas.mapTool()
        self.canvas.setMapTool(self.cut_tool)
        self.canvas.setFocus()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Click across the patch to draw the cut; right-click or Enter "
                                     "to finish, Esc to give up."))

    def end_cut(self) -> None:
        if self.canvas.mapTool() is self.cut_tool:
            if self.tool_before_cut is not None:
                self.canvas.setMapTool(self.tool_before_cut)
            else:
                self.canvas.unsetMapTool(self.cut_tool)

    def cut_along(self, line) -> None:
        """Cut the current patch (or the parcels the line crosses) along a drawn line."""
        import shapely

        self.end_cut()
        to_store = to_cgcs2000(self.canvas.mapSettings().destinationCrs(),
                               QgsProject.instance().transformContext())
        line = shapely.from_wkb(lonlat_wkb(line, to_store))  # None when it cannot be projected
        self._change_parcels(lambda parcels, jcbh: parcels.cut(jcbh, line))

    def split_by_landuse(self) -> None:
        import shapely

        layer, row = self.landuse.currentLayer(), self.current_row()
        if row is None:
            return
        if layer is None or layer.fields().indexOf("DLBM") < 0:
            self.warn(self.tr("Pick a land-use layer with a DLBM field to split by."))
            return
        patch = next(self.layer.getFeatures(QgsFeatureRequest(row.fid))).geometry()
        to_layer = QgsCoordinateTransform(self.layer.crs(), layer.crs(), QgsProject.instance())
        to_store = to_cgcs2000(layer.crs(), QgsProject.instance().transformContext())
        request = QgsFeatureRequest(to_layer.transformBoundingBox(patch.boundingBox()))
        pieces = []  # (curves straightened, Z dropped, empty or unprojectable ones left out)
        for feature in layer.getFeatures(request.setSubsetOfAttributes(["DLBM"], layer.fields())):
            code = feature["DLBM"]
            pieces.append((None if code is None or code == NULL else str(code),
                           shapely.from_wkb(lonlat_wkb(feature.geometry(), to_store))))
        self._change_parcels(lambda parcels, jcbh: parcels.by_landuse(jcbh, pieces))

    def merge_parcels(self) -> None:
        self._change_parcels(lambda parcels, jcbh: parcels.merge(jcbh) or [])

    def _change_parcels(self, change) -> None:
        import shapely

        from ..core.parcels import SplitError
        from ..store.parcels import Parcels
        from ..store.results import VerdictError

        row = self.current_row()
        if row is None or self.store is None:
            return
        try:
            added = change(Parcels(self.store), row.jcbh)
        except (SplitError, VerdictError) as error:
            self.warn(str(error))
            return
        except shapely.errors.GEOSException as error:  # geometry GEOS cannot cut, even repaired
            self.warn(self.tr("{jcbh}: the geometry cannot be split ({error})").format(
                jcbh=row.jcbh, error=error))
            return
        self.after_change([row.jcbh])
        if added:
            self.target.setCurrentIndex(max(0, self.target.findData(added[0])))
        self.message.setStyleSheet("")
        self.message.setText(self.tr("{jcbh}: {count} parcels.").format(
            jcbh=row.jcbh, count=self.target.count() - 1))


def _shown(value) -> str:
    """A history value as a person reads it."""
    import json

    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
