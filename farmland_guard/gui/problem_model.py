"""The 整改台账 list: one row per problem (the store's records, dicts), overdue ones in red with
⚠ and how many days late in the 期限 column."""

from __future__ import annotations

import datetime as dt

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QColor

from ..core import cases, dates, rectification

NO_PARENT = QModelIndex()
RED = QColor("#b00000")
WARNING = "⚠"
CASE = "case"  # a column of its own: the case state is worked out, not stored
COLUMNS = ("WTBH", "LY", "WTMS", "ZGCS", "ZGQX", "ZRDW", "ZRR", "ZGZT", CASE, "XHRQ")
HEADERS = {  # translated in the context "ProblemModel"
    "WTBH": QT_TRANSLATE_NOOP("ProblemModel", "Problem"),
    "LY": QT_TRANSLATE_NOOP("ProblemModel", "Source"),
    "WTMS": QT_TRANSLATE_NOOP("ProblemModel", "Description"),
    "ZGCS": QT_TRANSLATE_NOOP("ProblemModel", "Measures"),
    "ZGQX": QT_TRANSLATE_NOOP("ProblemModel", "Deadline"),
    "ZRDW": QT_TRANSLATE_NOOP("ProblemModel", "Responsible unit"),
    "ZRR": QT_TRANSLATE_NOOP("ProblemModel", "Responsible person"),
    "ZGZT": QT_TRANSLATE_NOOP("ProblemModel", "State"),
    CASE: QT_TRANSLATE_NOOP("ProblemModel", "Case"),
    "XHRQ": QT_TRANSLATE_NOOP("ProblemModel", "Closed on"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ProblemModel", text)


def days_late(problem: dict, today: dt.date) -> int:
    """How many days past its deadline an overdue problem is (0 when it is not overdue)."""
    if not rectification.overdue(problem, today):
        return 0
    return (today - dates.parse(problem["ZGQX"])).days


def value(problem: dict, code: str) -> str:
    if code == CASE:
        return cases.case_state(problem)
    found = problem.get(code)
    if isinstance(found, list):
        return "、".join(found)
    return "" if found is None else str(found)


class ProblemModel(QAbstractTableModel):
    WTBH_ROLE = Qt.UserRole

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[dict], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today or dt.date.today()
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def row_of(self, wtbh: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r["WTBH"] == wtbh), -1)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        problem, code = self.rows[index.row()], COLUMNS[index.column()]
        late = days_late(problem, self.today)
        if role == Qt.DisplayRole:
            text = value(problem, code)
            return f"{WARNING} {text}" if code == "ZGQX" and late else text
        if role == self.WTBH_ROLE:
            return problem["WTBH"]
        if role == Qt.ForegroundRole and late:
            return RED
        if role == Qt.ToolTipRole:
            if late:
                return QCoreApplication.translate("ProblemModel",
                                                  "Overdue by {days} days").format(days=late)
            return value(problem, code) if code == "WTMS" else None
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or section >= len(COLUMNS):
            return None
        if role == Qt.DisplayRole:
            return tr(HEADERS[COLUMNS[section]])
        if role == Qt.ToolTipRole:
            return COLUMNS[section] if COLUMNS[section] != CASE else None
        return None

    def sort(self, column, order=Qt.AscendingOrder):
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda r: value(r, COLUMNS[column]),
                       reverse=order == Qt.DescendingOrder)
        self.layoutChanged.emit()
