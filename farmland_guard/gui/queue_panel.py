"""The workbench's queue: the store's patches in a table with their filters, how far the batch
is verified, and moving through it (next, previous, next unverified, jump to an id). The panel
holds the progress and the filters; its ``table`` the workbench lays out beside the form."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core import cases, codelists
from ..core.verdicts import REVIEW, UNCHECKED
from .queue_model import QueueFilter, QueueModel
from .shortcuts import keys_of
from .tables import row_table


def narrow(box: QComboBox, letters: int = 6) -> QComboBox:
    """A pick list as narrow as ``letters`` (its long items show when it opens): the dock
    fits a laptop's screen."""
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(letters)
    return box


def combo(everything: str, values) -> QComboBox:
    """A pick list of ``values``, the first item (``everything``) standing for none picked."""
    box = QComboBox()
    narrow(box)
    box.addItem(everything, None)
    for value in values:
        box.addItem(str(value), value)
    return box


class QueuePanel(QWidget):
    current_changed = pyqtSignal()  # another row became current

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QueueModel(self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.only_states: frozenset | None = None  # 审核 mode: the states under review
        self.table = row_table(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # for batch labelling
        rows = self.table.verticalHeader()  # compact rows: more of the queue in sight
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.current_changed.emit())

        self.progress = QProgressBar()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.precheck_button = QPushButton(self.tr("Precheck (overlay)…"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by patch ID…"))
        self.jump_box = QLineEdit()  # goes to a patch; the filters stay
        self.jump_box.setObjectName("jump")
        self.jump_box.setPlaceholderText(self.tr("Go to patch ID ({keys})").format(
            keys=keys_of("jump")))
        self.state = combo(self.tr("All states"), list(codelists.workflow()))
        self.verdict_filter = combo(self.tr("All verdicts"), codelists.pdlx())
        self.suggested = combo(self.tr("All suggestions"), [*codelists.pdlx(), REVIEW])
        self.suggested.setToolTip(self.tr("The precheck's suggested verdict"))
        self.tblx = narrow(QComboBox())
        self.tblx.addItem(self.tr("All types"), None)
        for code in codelists.tblx():
            self.tblx.addItem(codelists.tblx_label(code), code)
        self.sfyn = QCheckBox(self.tr("Permanent farmland"))
        self.sfhx = QCheckBox(self.tr("Red line"))
        self.returned = QCheckBox(self.tr("Returned"))
        self.flagged = QCheckBox(self.tr("Flagged"))
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.overdue.setObjectName("overdue")
        self.overdue.setToolTip(self.tr("Patches with a problem past its rectification deadline"))
        self.case = combo(self.tr("All cases"), cases.STATES)
        self.case.setObjectName("case")
        self.case.setToolTip(self.tr("The case state of the patch's problems"))
        self.search.textChanged.connect(self.apply_filter)
        for widget in (self.state, self.verdict_filter, self.suggested, self.tblx, self.case):
            widget.currentIndexChanged.connect(self.apply_filter)
        for widget in (self.sfyn, self.sfhx, self.returned, self.flagged, self.overdue):
            widget.toggled.connect(self.apply_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.jump_box, 1)
        top.addWidget(self.precheck_button)
        layout.addLayout(top)
        self.search.setMinimumWidth(60)
        for widgets in ((self.search, self.state, self.verdict_filter, self.suggested, self.tblx),
                        (self.sfyn, self.sfhx, self.returned, self.flagged, self.overdue,
                         self.case, self.counts)):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            layout.addLayout(row)
        self.counts.setWordWrap(False)
        self.counts.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # never widens
        self.counts.setAlignment(Qt.AlignRight | Qt.AlignVCenter)

    # --- rows ------------------------------------------------------------------------------

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)

    def update_rows(self, rows: list) -> None:
        for row in rows:
            self.model.update_row(row)

    def show_progress(self, progress) -> None:
        """``store.queue.Progress``: the bar and the count of each state."""
        self.progress.setMaximum(max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(self.tr("{done} of {total} verified").format(
            done=progress.done, total=progress.total))
        self.counts.setText(" · ".join(f"{s} {n}" for s, n in sorted(progress.states.items())))

    def apply_filter(self) -> None:
        self.proxy.set_criteria(
            text=self.search.text().strip(), state=self.state.currentData(),
            verdict=self.verdict_filter.currentData(), suggested=self.suggested.currentData(),
            tblx=self.tblx.currentData(),
            sfyn=self.sfyn.isChecked(), sfhx=self.sfhx.isChecked(),
            returned=self.returned.isChecked(), flagged=self.flagged.isChecked(),
            overdue=self.overdue.isChecked(), case=self.case.currentData(),
            states=self.only_states)

    # --- moving through it -----------------------------------------------------------------

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

    def shown_rows(self) -> list:
        """Every row the filters let through, in the view's order."""
        return [self.row_at(r) for r in range(self.proxy.rowCount())]

    def selected_rows(self) -> list:
        return [self.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def step(self, delta: int) -> None:
        if not self.proxy.rowCount():
            return
        row = self.table.currentIndex().row()
        self.go_to(min(max(row + delta, 0), self.proxy.rowCount() - 1) if row >= 0 else 0)

    def next_unverified(self) -> bool:
        """The next patch in view still unverified; False when there is none."""
        start = self.table.currentIndex().row() + 1
        total = self.proxy.rowCount()
        for offset in range(total):
            r = (start + offset) % total
            if self.row_at(r).state == UNCHECKED:
                self.go_to(r)
                return True
        return False

    def find(self, text: str) -> str | None:
        """The patch id ``text`` names: itself, or the one patch whose id ends with (else
        contains) it, case aside."""
        wanted = text.strip().upper()
        if not wanted:
            return None
        ids = list(self.model.by_jcbh)
        for test in (lambda j: j.upper() == wanted, lambda j: j.upper().endswith(wanted),
                     lambda j: wanted in j.upper()):
            found = [j for j in ids if test(j)]
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def clear_filters(self) -> None:
        for box in (self.state, self.verdict_filter, self.suggested, self.tblx, self.case):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for widget in (self.search, ):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for box in (self.sfyn, self.sfhx, self.returned, self.flagged, self.overdue):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.apply_filter()

    def jump(self, jcbh: str | None = None) -> bool:
        """Go to the patch ``jcbh`` — the filters stay, unless they hide it — or, without
        one, to the box to type its id; False when the queue has no such patch."""
        if jcbh is None:
            self.jump_box.setFocus()
            self.jump_box.selectAll()
            return True
        if jcbh not in self.model.by_jcbh:
            return False
        for _attempt in range(2):
            for r in range(self.proxy.rowCount()):
                if self.row_at(r).jcbh == jcbh:
                    self.go_to(r)
                    return True
            self.clear_filters()  # the filters hid it
        return False
