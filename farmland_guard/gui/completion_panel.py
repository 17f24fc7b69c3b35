"""整改完成率 by town, county and source (``core.completion.table``), the rate as counties write
it ("67 %"); a click on a figure asks for the problems behind it."""

from __future__ import annotations

from qgis.PyQt.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    pyqtSignal,
)
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..core import completion

NO_PARENT = QModelIndex()
LEVELS = (completion.TOWN, completion.COUNTY, completion.SOURCE)
COLUMNS = ("JB", "unit", "WTS", "XHS", "WCLBFB")
FIGURES = {"WTS": "WTBH", "XHS": "XHWTBH", "WCLBFB": "WTBH"}  # a figure -> the problems behind
HEADERS = {
    "JB": QT_TRANSLATE_NOOP("CompletionModel", "Level"),
    "unit": QT_TRANSLATE_NOOP("CompletionModel", "Unit"),
    "WTS": QT_TRANSLATE_NOOP("CompletionModel", "Problems"),
    "XHS": QT_TRANSLATE_NOOP("CompletionModel", "Closed"),
    "WCLBFB": QT_TRANSLATE_NOOP("CompletionModel", "Completion"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("CompletionModel", text)


def unit(row: dict) -> str:
    """The group a row counts: the town (its name, else code), the county, the source."""
    if row["JB"] == completion.TOWN:
        return row["XZMC"] or row["XZDM"] or QCoreApplication.translate("CompletionModel",
                                                                        "(no town)")
    if row["JB"] == completion.COUNTY:
        return row["XZQDM"] or QCoreApplication.translate("CompletionModel", "(no county)")
    return row["LY"]


def cell(row: dict, code: str) -> str:
    if code == "unit":
        return unit(row)
    if code == "WCLBFB":
        return "—" if row["WCLBFB"] is None else f"{row['WCLBFB']} %"
    return str(row[code])


class CompletionModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_problems(self, problems) -> None:
        self.beginResetModel()
        self.rows = completion.table(problems, LEVELS)
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, code = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return cell(row, code)
        if role == Qt.TextAlignmentRole and code in FIGURES:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and code in FIGURES:
            return QCoreApplication.translate("CompletionModel", "Click to list these problems")
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and section < len(COLUMNS):
            return tr(HEADERS[COLUMNS[section]])
        return None

    def behind(self, index) -> tuple[list[str], str] | None:
        """The problems behind the figure at ``index`` and a sentence saying what they are."""
        if not index.isValid() or COLUMNS[index.column()] not in FIGURES:
            return None
        code = COLUMNS[index.column()]
        row = self.rows[index.row()]
        translate = QCoreApplication.translate
        what = translate("CompletionModel", "closed problems") if code == "XHS" \
            else translate("CompletionModel", "problems")
        return list(row[FIGURES[code]]), translate(
            "CompletionModel", "{what} of {unit} ({level})").format(
            what=what, unit=unit(row), level=row["JB"])


class CompletionView(QTableView):
    wanted = pyqtSignal(list, str)  # the WTBH behind a clicked figure, what they are

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("completion")
        self.model_ = CompletionModel(self)
        self.setModel(self.model_)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.clicked.connect(self.figure_clicked)

    def figure_clicked(self, index) -> None:
        found = self.model_.behind(index)
        if found is not None:
            self.wanted.emit(*found)
