"""The 台账 dock's tables: one model for every table and drill-down list, rows as dicts keyed by
the national field codes (or the attribute names of the core's records), headers in words with
the code in the tooltip, 亩 to 4 decimals, BL as a percentage, warnings coloured."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core import ratio

NO_PARENT = QModelIndex()
RED, AMBER = QColor("#b00000"), QColor("#9a5b00")
RED_BACK, AMBER_BACK = QColor("#f9dada"), QColor("#fdebc8")

HEADERS = {  # code -> words (translated in the context "LedgerModel")
    "JB": QT_TRANSLATE_NOOP("LedgerModel", "Level"),
    "XZQDM": QT_TRANSLATE_NOOP("LedgerModel", "Region code"),
    "ND": QT_TRANSLATE_NOOP("LedgerModel", "Year"),
    "KC_GD": QT_TRANSLATE_NOOP("LedgerModel", "Reserve area"),
    "KC_ST": QT_TRANSLATE_NOOP("LedgerModel", "Reserve paddy"),
    "KC_CN": QT_TRANSLATE_NOOP("LedgerModel", "Reserve capacity"),
    "XH_GD": QT_TRANSLATE_NOOP("LedgerModel", "Consumed area"),
    "XH_ST": QT_TRANSLATE_NOOP("LedgerModel", "Consumed paddy"),
    "XH_CN": QT_TRANSLATE_NOOP("LedgerModel", "Consumed capacity"),
    "DJ_GD": QT_TRANSLATE_NOOP("LedgerModel", "Frozen area"),
    "DJ_ST": QT_TRANSLATE_NOOP("LedgerModel", "Frozen paddy"),
    "DJ_CN": QT_TRANSLATE_NOOP("LedgerModel", "Frozen capacity"),
    "KY_GD": QT_TRANSLATE_NOOP("LedgerModel", "Available area"),
    "KY_ST": QT_TRANSLATE_NOOP("LedgerModel", "Available paddy"),
    "KY_CN": QT_TRANSLATE_NOOP("LedgerModel", "Available capacity"),
    "QK_GD": QT_TRANSLATE_NOOP("LedgerModel", "Shortfall area"),
    "QK_ST": QT_TRANSLATE_NOOP("LedgerModel", "Shortfall paddy"),
    "QK_CN": QT_TRANSLATE_NOOP("LedgerModel", "Shortfall capacity"),
    "XBHZ_WG": QT_TRANSLATE_NOOP("LedgerModel", "Compensate-first violations"),
    "PH": QT_TRANSLATE_NOOP("LedgerModel", "Balanced"),
    # 增违挂钩
    "JHND": QT_TRANSLATE_NOOP("LedgerModel", "Plan year"),
    "WFMJ": QT_TRANSLATE_NOOP("LedgerModel", "Illegal area"),
    "ZK": QT_TRANSLATE_NOOP("LedgerModel", "Withheld"),
    "TH": QT_TRANSLATE_NOOP("LedgerModel", "Returned"),
    "KJ": QT_TRANSLATE_NOOP("LedgerModel", "Deducted"),
    "DD": QT_TRANSLATE_NOOP("LedgerModel", "Pending"),
    # 进出平衡
    "ZD": QT_TRANSLATE_NOOP("LedgerModel", "Regime"),
    "OUT_GD": QT_TRANSLATE_NOOP("LedgerModel", "Out-flow area"),
    "OUT_ST": QT_TRANSLATE_NOOP("LedgerModel", "Out-flow paddy"),
    "OUT_CN": QT_TRANSLATE_NOOP("LedgerModel", "Out-flow capacity"),
    "IN_GD": QT_TRANSLATE_NOOP("LedgerModel", "In-flow area"),
    "IN_ST": QT_TRANSLATE_NOOP("LedgerModel", "In-flow paddy"),
    "IN_CN": QT_TRANSLATE_NOOP("LedgerModel", "In-flow capacity"),
    "JBNT_WG": QT_TRANSLATE_NOOP("LedgerModel", "Out-flows from permanent basic farmland"),
    # 违法比例
    "WFGDMJ": QT_TRANSLATE_NOOP("LedgerModel", "Illegal cultivated land"),
    "WFGDMJ_MZ": QT_TRANSLATE_NOOP("LedgerModel", "Illegal cultivated land (gross)"),
    "XZJSZYGDMJ": QT_TRANSLATE_NOOP("LedgerModel", "New construction on cultivated land"),
    "FMLY": QT_TRANSLATE_NOOP("LedgerModel", "Denominator from"),
    "BL": QT_TRANSLATE_NOOP("LedgerModel", "Ratio"),
    "YJ": QT_TRANSLATE_NOOP("LedgerModel", "Warning"),
    "YT": QT_TRANSLATE_NOOP("LedgerModel", "Interview"),
    "YTLY": QT_TRANSLATE_NOOP("LedgerModel", "Interview reason"),
    # the drill-down lists (attribute names of the core's records)
    "occupation": QT_TRANSLATE_NOOP("LedgerModel", "Occupation"),
    "reserve": QT_TRANSLATE_NOOP("LedgerModel", "Reserve entry"),
    "ledger": QT_TRANSLATE_NOOP("LedgerModel", "Ledger"),
    "amount": QT_TRANSLATE_NOOP("LedgerModel", "Amount"),
    "jcbh": QT_TRANSLATE_NOOP("LedgerModel", "Patch ID"),
    "xzqdm": QT_TRANSLATE_NOOP("LedgerModel", "Region code"),
    "state": QT_TRANSLATE_NOOP("LedgerModel", "State"),
    "later_entries": QT_TRANSLATE_NOOP("LedgerModel", "Later entries hold some"),
    "kind": QT_TRANSLATE_NOOP("LedgerModel", "Short for"),
    "xmbh": QT_TRANSLATE_NOOP("LedgerModel", "Project ID"),
    "date": QT_TRANSLATE_NOOP("LedgerModel", "Date"),
    "consumed": QT_TRANSLATE_NOOP("LedgerModel", "Consumed"),
    "frozen": QT_TRANSLATE_NOOP("LedgerModel", "Frozen"),
    "left": QT_TRANSLATE_NOOP("LedgerModel", "Left"),
    "year": QT_TRANSLATE_NOOP("LedgerModel", "Year"),
    "gd": QT_TRANSLATE_NOOP("LedgerModel", "Cultivated land"),
    "st": QT_TRANSLATE_NOOP("LedgerModel", "Paddy"),
    "cn": QT_TRANSLATE_NOOP("LedgerModel", "Capacity"),
    "area": QT_TRANSLATE_NOOP("LedgerModel", "Illegal area"),
    "gross": QT_TRANSLATE_NOOP("LedgerModel", "Cultivated land (gross)"),
    "measure": QT_TRANSLATE_NOOP("LedgerModel", "Rectification measure"),
    "outcome": QT_TRANSLATE_NOOP("LedgerModel", "Outcome"),
    "key": QT_TRANSLATE_NOOP("LedgerModel", "Row"),
    "direction": QT_TRANSLATE_NOOP("LedgerModel", "Direction"),
    "from_class": QT_TRANSLATE_NOOP("LedgerModel", "Land class before"),
    "to_class": QT_TRANSLATE_NOOP("LedgerModel", "Land class after"),
    "farmland": QT_TRANSLATE_NOOP("LedgerModel", "Permanent basic farmland"),
}
LEDGER_NAMES = {"GD": QT_TRANSLATE_NOOP("LedgerModel", "area"),
                "ST": QT_TRANSLATE_NOOP("LedgerModel", "paddy"),
                "CN": QT_TRANSLATE_NOOP("LedgerModel", "capacity")}
COUNTS = {"XBHZ_WG", "JBNT_WG", "ND", "JHND", "year"}  # whole numbers, not 亩


def tr(text: str) -> str:
    return QCoreApplication.translate("LedgerModel", text)


def header(code: str) -> str:
    return tr(HEADERS[code]) if code in HEADERS else code


def text(code: str, value) -> str:
    """A cell as shown: 亩 (and 产能) to 4 decimals, BL as a percentage, 是/否 for flags."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return QCoreApplication.translate("LedgerModel", "yes") if value \
            else QCoreApplication.translate("LedgerModel", "no")
    if code == "BL":
        return f"{Decimal(value) * 100:.2f} %"
    if code == "ledger":
        return tr(LEDGER_NAMES.get(value, value))
    if isinstance(value, Decimal) or (isinstance(value, float) and code not in COUNTS):
        return f"{Decimal(str(value)):.4f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def warning(code: str, value) -> str | None:
    """"red", "amber" or None: the cells a reader must not miss."""
    if code == "PH" and value == ratio.NO:
        return "red"
    if (code.startswith("QK_") or code in ("JBNT_WG", "XBHZ_WG")) and value and value > 0:
        return "red"
    if code == "YJ":
        return {ratio.WARNING: "amber", ratio.ACCOUNTABLE: "red"}.get(value)
    return None


class LedgerModel(QAbstractTableModel):
    """Rows (dicts) under ``columns`` (codes); ``items`` are what each row stands for (the
    core's records, for a drill-down), the rows themselves when not given."""

    VALUE_ROLE = Qt.UserRole  # the figure itself (Decimal, int, str…)
    CODE_ROLE = Qt.UserRole + 1  # the column's code

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[dict] = []
        self.items: list = []

    def set_table(self, columns, rows: list[dict], items: list | None = None) -> None:
        self.beginResetModel()
        self.columns, self.rows = list(columns), rows
        self.items = items if items is not None else rows
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT):  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def code(self, column: int) -> str:
        return self.columns[column]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        code = self.columns[index.column()]
        value = self.rows[index.row()].get(code)
        if role == Qt.DisplayRole:
            return text(code, value)
        if role == self.VALUE_ROLE:
            return value
        if role == self.CODE_ROLE:
            return code
        if role == Qt.TextAlignmentRole and isinstance(value, (Decimal, int, float)) \
                and not isinstance(value, bool):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role in (Qt.ForegroundRole, Qt.BackgroundRole):
            colour = warning(code, value)
            if colour is not None:
                front, back = (RED, RED_BACK) if colour == "red" else (AMBER, AMBER_BACK)
                return front if role == Qt.ForegroundRole else back
        if role == Qt.FontRole and (warning(code, value) or (code == "YT" and value == ratio.YES)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or section >= len(self.columns):
            return None
        if role == Qt.DisplayRole:
            return header(self.columns[section])
        if role == Qt.ToolTipRole:
            return self.columns[section]
        return None
