"""整改台账 dock (issue 17): the open work store's problems — derived from the 违法 verdicts or
entered by hand — filtered by source, state, case, town and overdue; edited (rectification and
case), closed (销号, with its evidence), shown on the map; the 整改完成率 below, each figure
opening the problems behind it; the problem's history beside it; the dock's last edit or 销号
undone from the keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import cases, codelists
from ..core.expected import EXPECTED, message
from .completion_panel import CompletionView
from .patch_on_map import MIN_VIEW_M, ZOOM_MARGIN
from .problem_edit import EditProblemDialog
from .problem_form import PROBLEM_STYLE, STORE_CRS, NewProblemDialog
from .problem_model import ProblemModel
from .shortcuts import FOLLOWUP, KeyRouter, keys_of
from .store_layer import source_of
from .tables import row_table
from .xiaohao_dialog import XiaohaoDialog

ALL = ""  # a filter's "any" entry


class FollowupDock(QDockWidget):
    OBJECT_NAME = "FarmlandGuardFollowup"

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Rectification ledger"))
        self.canvas = canvas
        self.store = None  # the open WorkStore
        self.ledger = None  # its Problems
        self.last_op: str | None = None  # the dock's last edit or 销号, for undo
        self.behind: set[str] | None = None  # the problems of a clicked completion figure
        self.band: QgsRubberBand | None = None
        self.dialog = None  # the new-problem dialog (not modal: the map stays at hand)

        self.source = self._filter("source", codelists.wtly())
        self.state = self._filter("state", {s: s for s in codelists.zgzt()})
        self.case = self._filter("case", {s: s for s in cases.STATES})
        self.town = self._filter("town", {})
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setObjectName("overdue")
        self.overdue.toggled.connect(self.refresh)
        filters = QHBoxLayout()
        for label, box in ((self.tr("Source"), self.source), (self.tr("State"), self.state),
                           (self.tr("Case"), self.case), (self.tr("Town"), self.town)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
        filters.addWidget(self.overdue)

        self.derive_button = self._button("derive", self.tr("From the verdicts"), self.derive,
                                          self.tr("One problem per illegal verdict of the store"))
        self.new_button = self._button("new", self.tr("New problem…"), self.new_problem)
        self.edit_button = self._button("edit", self.tr("Edit…"), self.edit_problem)
        self.close_button = self._button("xiaohao", self.tr("Close the problem…"), self.close_problem)
        self.undo_button = self._button("undo", self.tr("Undo ({keys})").format(
            keys=keys_of("undo_last")), self.undo_last,
            self.tr("Undo the last edit or closing made in this dock"))
        actions = QHBoxLayout()
        for button in (self.derive_button, self.new_button, self.edit_button, self.close_button):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.undo_button)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.behind_label = QLabel()
        self.behind_label.setObjectName("behind")
        self.show_all_button = self._button("show_all", self.tr("Show all"), self.show_all)
        behind_row = QHBoxLayout()
        behind_row.addWidget(self.behind_label, 1)
        behind_row.addWidget(self.show_all_button)
        self.behind_box = QWidget()
        self.behind_box.setLayout(behind_row)
        behind_row.setContentsMargins(0, 0, 0, 0)
        self.behind_box.hide()

        self.model = ProblemModel(self)
        self.table = row_table(self.model)
        self.table.setObjectName("problems")
        self.table.doubleClicked.connect(lambda index: self.show_on_map(
            self.model.rows[index.row()]["WTBH"]))
        self.table.selectionModel().currentRowChanged.connect(self.current_changed)
        self.completion = CompletionView()
        self.completion.wanted.connect(self.show_behind)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.completion, self.tr("Completion rate"))
        self.tabs.addTab(self.history, self.tr("History"))
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.behind_box)
        layout.addWidget(split, 1)
        self.setWidget(body)
        self.router = KeyRouter(self, (FOLLOWUP,), self, within=self)
        self.router.watch(self)
        self.enable()

    # --- building --------------------------------------------------------------------------

    def _filter(self, name: str, choices: dict) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(self.tr("(all)"), ALL)
        for code, text in choices.items():
            box.addItem(text, code)
        box.currentIndexChanged.connect(self.refresh)
        return box

    def _button(self, name: str, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def say(self, text: str, problem: bool = True) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)

    def enable(self) -> None:
        open_ = self.ledger is not None
        chosen = self.current() is not None
        for button in (self.derive_button, self.new_button):
            button.setEnabled(open_)
        for button in (self.edit_button, self.close_button):
            button.setEnabled(open_ and chosen)
        self.undo_button.setEnabled(open_ and self.last_op is not None)

    # --- the store -------------------------------------------------------------------------

    def set_store(self, path) -> None:
        """The work store open in the workbench (None: none is)."""
        from ..store.problems import Problems
        from ..store.workstore import WorkStore

        if path is not None and self.store is not None \
                and self.store.path.resolve() == Path(path).resolve():
            return
        self.close_store()
        if path is not None:
            try:
                self.store = WorkStore(Path(path))
            except EXPECTED as error:
                self.say(message(error))  # and the list emptied: it was another store's
            else:
                self.ledger = Problems(self.store)
                self.say("", problem=False)
        self.refresh()

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = self.ledger = None
        self.last_op = None
        self.behind = None

    def store_saved(self, *_) -> None:
        """The store changed elsewhere (a sync): the list read again."""
        self.refresh()

    # --- the list --------------------------------------------------------------------------

    def refresh(self, *_) -> None:
        """The list as the filters ask, the completion over every problem, the towns offered."""
        keep = self.current()
        if self.ledger is None:
            self.model.set_rows([])
            self.completion.model_.set_problems([])
            self.history.clear()
            self.enable()
            return
        every = self.ledger.list()
        self._fill_towns(every)
        rows = self.ledger.list(
            source=self.source.currentData() or None, state=self.state.currentData() or None,
            overdue=True if self.overdue.isChecked() else None,
            case=self.case.currentData() or None, town=self.town.currentData() or None)
        if self.behind is not None:
            rows = [r for r in rows if r["WTBH"] in self.behind]
        self.model.set_rows(rows, dt.date.today())
        self.completion.model_.set_problems(every)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select(keep)
        else:
            self.show_history(None)
        self.enable()

    def _fill_towns(self, problems) -> None:
        towns = {}
        for problem in problems:
            code = problem.get("XZDM") or problem.get("XZMC")
            if code:
                towns.setdefault(code, problem.get("XZMC") or code)
        chosen = self.town.currentData()
        self.town.blockSignals(True)
        self.town.clear()
        self.town.addItem(self.tr("(all)"), ALL)
        for code, name in sorted(towns.items()):
            self.town.addItem(name, code)
        self.town.setCurrentIndex(max(self.town.findData(chosen), 0))
        self.town.blockSignals(False)

    def current(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()]["WTBH"] if index.isValid() else None

    def select(self, wtbh: str) -> bool:
        row = self.model.row_of(wtbh)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.show_history(wtbh)
        return True

    def current_changed(self, *_) -> None:
        self.show_history(self.current())
        self.enable()

    def show_history(self, wtbh: str | None) -> None:
        """The problem's changes, the latest first, in sentences."""
        from ..core.history import sentences
        from ..store.history import History

        self.history.clear()
        if wtbh is not None and self.store is not None:
            self.history.addItems(sentences(History(self.store).of(wtbh)))

    def show_behind(self, wtbhs: list, what: str) -> None:
        """The list narrowed to the problems behind a completion figure (filters cleared)."""
        self.behind = set(wtbhs)
        self._clear_filters()
        self.behind_label.setText(self.tr("{count} {what}").format(count=len(wtbhs), what=what))
        self.behind_box.show()
        self.refresh()

    def _clear_filters(self) -> None:
        for box in (self.source, self.state, self.case, self.town):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(False)
        self.overdue.blockSignals(False)

    def show_all(self) -> None:
        self.behind = None
        self.behind_box.hide()
        self.refresh()

    # --- what the buttons do ---------------------------------------------------------------

    def derive(self) -> None:
        """One problem per 违法 verdict, those there refreshed; the outcome in words."""
        if self.ledger is None:
            return
        try:
            done = self.ledger.derive()
        except EXPECTED as error:
            self.say(message(error))
            return
        self.say(self.tr("From the verdicts: {created} created, {refreshed} refreshed, {kept} "
                         "kept as edited by hand, {orphaned} no longer illegal (kept).").format(
            created=len(done.created), refreshed=len(done.refreshed), kept=len(done.kept),
            orphaned=len(done.orphaned)), problem=False)
        self.refresh()

    def patches_layer(self) -> QgsVectorLayer | None:
        """The store's patches layer in the map, if it is there."""
        if self.store is None:
            return None
        wanted = source_of(self.store.path)
        return next((layer for layer in QgsProject.instance().mapLayers().values()
                     if isinstance(layer, QgsVectorLayer) and layer.source() == wanted), None)

    def new_problem(self) -> NewProblemDialog | None:
        if self.ledger is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        towns = [(self.town.itemData(n), self.town.itemText(n))
                 for n in range(1, self.town.count())]
        self.dialog = NewProblemDialog(self.ledger, self.canvas, self.patches_layer, towns, self)
        self.dialog.saved.connect(self.created)
        self.dialog.show()
        return self.dialog

    def created(self, wtbh: str) -> None:
        self.say(self.tr("Problem {wtbh} created.").format(wtbh=wtbh), problem=False)
        self._clear_filters()  # the new problem in sight whatever the list showed
        self.show_all()
        self.select(wtbh)

    def edit_problem(self) -> EditProblemDialog | None:
        wtbh = self.current()
        if self.ledger is None or wtbh is None:
            return None
        dialog = EditProblemDialog(self.ledger, wtbh, self)
        dialog.saved.connect(lambda op: self.changed(wtbh, op, self.tr("Problem {wtbh} saved.")))
        dialog.open()
        return dialog

    def close_problem(self) -> XiaohaoDialog | None:
        wtbh = self.current()
        if self.ledger is None or wtbh is None:
            return None
        dialog = XiaohaoDialog(self.ledger, wtbh, self)
        dialog.closed.connect(lambda op: self.changed(wtbh, op, self.tr("Problem {wtbh} "
                                                                        "closed.")))
        dialog.open()
        return dialog

    def changed(self, wtbh: str, op: str, said: str) -> None:
        self.last_op = op
        self.say(said.format(wtbh=wtbh) + " " + self.tr("{keys} undoes it.").format(
            keys=keys_of("undo_last")), problem=False)
        self.refresh()
        self.select(wtbh)

    def undo_last(self) -> None:
        """The dock's last edit or 销号 undone (a change of its own in the history)."""
        if self.ledger is None or self.last_op is None:
            self.say(self.tr("Nothing to undo."), problem=False)
            return
        from ..store.history import UNDO

        try:
            self.ledger.replay(self.last_op, UNDO)
        except EXPECTED as error:
            self.say(message(error))
            return
        self.last_op = None
        self.say(self.tr("Undone."), problem=False)
        self.refresh()

    # --- the map ---------------------------------------------------------------------------

    def show_on_map(self, wtbh: str) -> bool:
        """The map on the problem's location (highlighted), its patches selected; on the
        patches alone when it has no location."""
        if self.ledger is None:
            return False
        record = self.ledger.get(wtbh)
        canvas_crs = self.canvas.mapSettings().destinationCrs()
        extent = None
        layer = self.patches_layer()
        if layer is not None and record["GLTB"]:
            keys = ", ".join(QgsExpression.quotedValue(k) for k in record["GLTB"])
            layer.selectByExpression(f'"JCBH" IN ({keys})')
            if layer.selectedFeatureCount():
                to_map = QgsCoordinateTransform(layer.crs(), canvas_crs, QgsProject.instance())
                extent = to_map.transformBoundingBox(layer.boundingBoxOfSelected())
        self.clear_band()
        shape = self.ledger.geometry(wtbh)
        if shape is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(shape.wkb)
            geometry.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS),
                                                      canvas_crs, QgsProject.instance()))
            box = geometry.boundingBox()
            if extent is None:
                extent = box
            else:
                extent.combineExtentWith(box)
            point = geometry.type() == QgsWkbTypes.PointGeometry
            self.band = QgsRubberBand(self.canvas, QgsWkbTypes.PointGeometry if point
                                      else QgsWkbTypes.PolygonGeometry)
            self.band.setColor(QColor(255, 0, 255))
            self.band.setFillColor(QColor(255, 0, 255, 40))
            self.band.setWidth(3)
            self.band.setIconSize(14)
            self.band.setToGeometry(geometry, None)
        if extent is None:
            self.say(self.tr("Problem {wtbh} has no location and none of its patches is in the "
                             "map.").format(wtbh=wtbh))
            return False
        extent.scale(ZOOM_MARGIN)
        minimum = MIN_VIEW_M / 111_000 if canvas_crs.isGeographic() else MIN_VIEW_M
        if extent.width() < minimum and extent.height() < minimum:
            centre = extent.center()
            extent = QgsRectangle(centre.x() - minimum / 2, centre.y() - minimum / 2,
                                  centre.x() + minimum / 2, centre.y() + minimum / 2)
        self.canvas.setExtent(extent)
        self.canvas.refresh()
        return True

    def clear_band(self) -> None:
        if self.band is not None:
            self.canvas.scene().removeItem(self.band)
            self.band = None

    def cleanup(self) -> None:
        """The store closed, the map left as it was, before the dock goes."""
        if self.dialog is not None:
            self.dialog.close()
        self.router.unwatch(self)
        self.clear_band()
        self.close_store()
