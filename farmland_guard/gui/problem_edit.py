"""A problem's rectification and case (立案, 挂牌督办, 约谈, 移送, 结案) edited: only the state's
allowed moves are offered (销号 has its own dialog); what the rules refuse is said naming the
field, and nothing is saved."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..core import codelists, rectification
from ..core.rectification import NAMES, RectificationError
from .problem_form import PROBLEM_STYLE, MeasuresList, date_edit

TEXTS = ("ZRDW", "ZRR", "LABH", "YTR", "YSDW")
DATES = ("ZGQX", "LARQ", "GPQX", "YTRQ", "YSRQ", "JARQ")
EDIT_WIDTH = 900
CASE_LAYOUT = (("LABH", "LARQ"), ("GPJB", "GPQX"), ("YTR", "YTRQ"), ("YSDW", "YSRQ"),
               ("JARQ",))


def next_states(state: str | None) -> list[str]:
    """The state itself and where it may move by hand (已销号 only through 销号)."""
    moves = codelists.zgzt()
    first = next(iter(moves))
    allowed = moves.get(state, []) if state else [first, *moves[first]]
    return [s for s in dict.fromkeys([state or first, *allowed]) if s != rectification.CLOSED
            or s == state]


class EditProblemDialog(QDialog):
    saved = pyqtSignal(str)  # the operation id

    def __init__(self, ledger, wtbh: str, parent=None):
        super().__init__(parent)
        self.ledger, self.wtbh = ledger, wtbh
        self.record = ledger.get(wtbh)
        self.setWindowTitle(self.tr("Problem {wtbh}").format(wtbh=wtbh))
        self.edits = {}
        for name in TEXTS:
            self.edits[name] = QLineEdit(self.record.get(name) or "")
        for name in DATES:
            self.edits[name] = date_edit(self.record.get(name))
        for name, edit in self.edits.items():
            edit.setObjectName(name)
        self.measures = MeasuresList()
        self.measures.set_checked(self.record.get("ZGCS") or [])
        self.state = QComboBox()
        self.state.setObjectName("ZGZT")
        self.state.addItems(next_states(self.record.get("ZGZT")))
        self.level = QComboBox()
        self.level.setObjectName("GPJB")
        self.level.addItem("", "")
        for code, name in codelists.gpjb().items():
            self.level.addItem(f"{code} {name}", code)
        self.level.setCurrentIndex(max(self.level.findData(self.record.get("GPJB") or ""), 0))
        self.edits["GPJB"] = self.level

        rectify = QGroupBox(self.tr("Rectification"))
        form = QFormLayout(rectify)
        form.addRow(self.tr("Measures"), self.measures)
        form.addRow(self.tr("Deadline"), self.edits["ZGQX"])
        form.addRow(self.tr("Responsible unit"), self.edits["ZRDW"])
        form.addRow(self.tr("Responsible person"), self.edits["ZRR"])
        form.addRow(self.tr("State"), self.state)
        case = QGroupBox(self.tr("Case"))
        grid = QGridLayout(case)
        for row, names in enumerate(CASE_LAYOUT):
            for column, name in enumerate(names):
                grid.addWidget(QLabel(NAMES[name]), row, 2 * column)
                grid.addWidget(self.edits[name], row, 2 * column + 1)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        title = QLabel(f"<b>{wtbh}</b> {self.record.get('LY') or ''} "
                       f"{self.record.get('WTMS') or ''}")
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        both = QHBoxLayout()
        both.addWidget(rectify, 1)
        both.addWidget(case, 1)
        layout.addLayout(both)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(EDIT_WIDTH)  # both groups' fields readable side by side

    def changes(self) -> dict:
        """The fields the form changes (blank is no value)."""
        found = {name: (edit.currentData() if edit is self.level else edit.text().strip()) or None
                 for name, edit in self.edits.items()}
        found["ZGCS"] = self.measures.checked()
        found["ZGZT"] = self.state.currentText()
        return {name: new for name, new in found.items()
                if new != (self.record.get(name) or ([] if name == "ZGCS" else None))}

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.reject()
            return
        try:
            op = self.ledger.update(self.wtbh, changes)
        except RectificationError as error:
            self.message.setText(error.message())
            return
        self.saved.emit(op)
        self.accept()
