"""The patch queue of a work store: a table model over its rows (``store.queue.QueueRow``;
20,000 rows stay fluid) and the filters a technician works with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt
from qgis.PyQt.QtGui import QColor

from ..core.codelists import tblx_label
from ..core.units import format_mu
from ..core.verdicts import RETURNED_STATES
from .tables import RowsModel

OVERDUE_MARK = "⚠"  # a problem of the patch is past its 整改期限

if TYPE_CHECKING:
    from ..store.queue import QueueRow


class QueueModel(RowsModel):
    SORT_ROLE = Qt.UserRole
    ROW_ROLE = Qt.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.by_jcbh: dict[str, int] = {}

    def headers(self) -> list[str]:
        return [self.tr("Patch ID"), self.tr("Type"), self.tr("Area (mu)"), self.tr("State"),
                self.tr("Verdict"), self.tr("Suggested"), self.tr("Flag")]

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.by_jcbh = {r.jcbh: i for i, r in enumerate(rows)}
        super().set_rows(rows)

    def update_row(self, row: QueueRow) -> None:
        i = self.by_jcbh[row.jcbh]
        self.rows[i] = row
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == self.ROW_ROLE:
            return row
        column = index.column()
        values = (row.jcbh, tblx_label(row.tblx), format_mu(row.area_mu), row.state, row.verdict,
                  row.suggested,
                  ("⚑" if row.flagged else "") + ("↩" if row.state in RETURNED_STATES else "")
                  + (OVERDUE_MARK if row.overdue else ""))
        if role == Qt.DisplayRole:
            return values[column]
        if role == self.SORT_ROLE:
            return row.area_mu if column == 2 else values[column]
        if role == Qt.ForegroundRole and row.state in RETURNED_STATES:
            return QColor("#b00000")  # sent back: to fix first
        if role == Qt.ToolTipRole and column == 6 and row.overdue:
            return self.tr("A problem of this patch is past its rectification deadline")
        if role == Qt.TextAlignmentRole and column == 2:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class QueueFilter(QSortFilterProxyModel):
    """State, verdict, suggested verdict, type, 永农/红线, returned, flagged, overdue
    rectification, case state and a JCBH search, combined; ``states``: the only states shown
    (审核 mode's: those under review)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(QueueModel.SORT_ROLE)
        self.criteria: dict = {}

    def set_criteria(self, **criteria) -> None:
        self.criteria = {k: v for k, v in criteria.items() if v not in (None, "", False)}
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802
        row = self.sourceModel().rows[source_row]
        c = self.criteria
        return ((not c.get("text") or c["text"].upper() in row.jcbh.upper())
                and (not c.get("state") or row.state == c["state"])
                and (not c.get("verdict") or row.verdict == c["verdict"])
                and (not c.get("suggested") or row.suggested == c["suggested"])
                and (not c.get("tblx") or row.tblx == c["tblx"])
                and (not c.get("sfyn") or row.sfyn == "是")
                and (not c.get("sfhx") or row.sfhx == "是")
                and (not c.get("returned") or row.state in RETURNED_STATES)
                and (not c.get("flagged") or row.flagged)
                and (not c.get("overdue") or row.overdue)
                and (not c.get("case") or c["case"] in row.cases)
                and (not c.get("states") or row.state in c["states"]))
