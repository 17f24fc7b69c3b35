"""冲突处理: a result (a split, a problem of the rectification ledger) edited here and on the
server since the last copy both agreed on. The base, mine and the server's copy side by side,
field by field, the fields that differ marked; the user keeps theirs, takes the server's, or
merges field by field. Nothing is written until
they choose, and the choice is one action (undoable) that goes back as a new op on the
server's version (``Outbox.resolve``)."""

from __future__ import annotations

import logging
from pathlib import Path

import shapely
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import cases, rectification, verdicts
from ..core.expected import EXPECTED, message
from ..core.ops import OpKind

LOG = logging.getLogger(__name__)
MINE, SERVER = "mine", "server"
SPLIT = "parcels"  # the one "field" of a split's conflict
PLACE = "geom_wkb"  # a problem's location (hex WKB), compared like a field
# A problem's fields (its number is the conflict's, the same on both sides), then its place.
PROBLEM_FIELDS = tuple(f for f in (*rectification.FIELDS, *cases.FIELDS) if f != "WTBH") + (PLACE,)
DIFFERS = QColor("#fff1b8")  # the fields the two sides disagree on
CHOSEN = QColor("#d9f2d9")  # the side chosen for a field
COLUMN_FIELD, COLUMN_BASE, COLUMN_MINE, COLUMN_SERVER, COLUMN_CHOICE = range(5)


def _value(value):
    return None if value in (None, "", []) else value


def shown(value) -> str:
    value = _value(value)
    if value is None:
        return "—"
    if isinstance(value, list) and not isinstance(value[0], dict):  # a problem's measures…
        return "、".join(map(str, value))
    if isinstance(value, list):  # a split's parcels
        return "\n".join(f"{p.get('DKBH')} {p.get('DLBM') or ''} {p.get('TBMJ_MU') or 0:.4f}"
                         for p in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def shown_field(name: str, value) -> str:
    """A value as the table shows it: a location as its WKT (shortened)."""
    if name == PLACE and _value(value) is not None:
        text = shapely.from_wkb(bytes.fromhex(value)).wkt
        return text if len(text) <= 60 else text[:57] + "…"
    return shown(value)


def _fields(conflict: dict) -> tuple:
    return PROBLEM_FIELDS if conflict.get("kind") == OpKind.PROBLEM.value else verdicts.FIELDS


def label_of(conflict: dict, name: str) -> str:
    names = rectification.NAMES if conflict.get("kind") == OpKind.PROBLEM.value else verdicts.NAMES
    return f"{names.get(name, name)} {name}"


def fields_of(conflict: dict) -> list[str]:
    """The verdict fields any of the three copies holds, in the form's order; a split's
    conflict has one: its parcels; a problem's, the ledger's fields and its location."""
    if conflict.get("kind") == OpKind.PARCELS.value:
        return [SPLIT]
    copies = [conflict.get(k) or {} for k in ("base", "mine", "server")]
    return [f for f in _fields(conflict) if any(_value(c.get(f)) is not None for c in copies)]


def differing(conflict: dict) -> list[str]:
    mine, server = conflict.get("mine") or {}, conflict.get("server") or {}
    return [f for f in fields_of(conflict) if _value(mine.get(f)) != _value(server.get(f))]


def merged(conflict: dict, choices: dict[str, str]) -> dict:
    """The verdict the choices make: the fields both sides agree on, and for each field they
    differ on the side chosen (every differing field needs a choice)."""
    mine, server = conflict.get("mine") or {}, conflict.get("server") or {}
    fields = _fields(conflict)
    chosen = {k: v for k, v in mine.items() if k not in fields}  # JCBH, DKBH…
    for name in fields_of(conflict):
        if name in choices:
            side = mine if choices[name] == MINE else server
        else:
            side = mine  # the same on both sides
        if _value(side.get(name)) is not None:
            chosen[name] = side[name]
    return chosen


class ConflictDialog(QDialog):
    resolved = pyqtSignal(str)  # the result's id

    def __init__(self, store: Path, parent=None):
        super().__init__(parent)
        from ..store.outbox import Outbox
        from ..store.workstore import WorkStore

        self.setObjectName("FarmlandGuardConflicts")
        self.setWindowTitle(self.tr("Resolve sync conflicts"))
        self.store = WorkStore(store)
        self.outbox = Outbox(self.store)
        self.conflicts: list[dict] = []
        self.current: dict | None = None

        self.list = QListWidget()
        self.list.setObjectName("conflict_list")
        self.list.currentRowChanged.connect(self.show_conflict)
        intro = QLabel(self.tr("This result was changed here and on the server since the last "
                               "copy both agreed on. Nothing is overwritten until you choose: keep "
                               "yours, take the server's, or choose field by field and merge."))
        intro.setWordWrap(True)
        self.title = QLabel()
        self.title.setObjectName("conflict_title")
        self.comment = QLabel()
        self.comment.setWordWrap(True)
        self.comment.setObjectName("conflict_comment")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("conflict_fields")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Base (last agreed)"),
                                              self.tr("Mine"), self.tr("Server's"),
                                              self.tr("Keep")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choices: dict[str, QComboBox] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")

        self.keep_mine = QPushButton(self.tr("Keep mine"))
        self.keep_mine.setObjectName("keep_mine")
        self.take_server = QPushButton(self.tr("Take the server's"))
        self.take_server.setObjectName("take_server")
        self.merge = QPushButton(self.tr("Merge the chosen fields"))
        self.merge.setObjectName("merge")
        self.keep_mine.clicked.connect(lambda: self.resolve_all(MINE))
        self.take_server.clicked.connect(lambda: self.resolve_all(SERVER))
        self.merge.clicked.connect(self.resolve_chosen)
        actions = QHBoxLayout()
        for button in (self.keep_mine, self.take_server, self.merge):
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.comment, self.table):
            column.addWidget(widget)
        column.addLayout(actions)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        split.setSizes([190, 830])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1040, 540)
        self.reload()

    def reload(self) -> None:
        self.conflicts = self.outbox.conflicts()
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            mine = conflict.get("mine") or {}
            label = mine.get("DKBH") or mine.get("JCBH") or conflict["id"]  # a problem: WTBH
            item = QListWidgetItem(label)
            item.setToolTip(self.tr("{count} fields differ").format(count=len(differing(conflict))))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.conflicts:
            self.list.setCurrentRow(0)
            self.show_conflict(0)
        else:
            self.show_conflict(-1)

    def show_conflict(self, row: int) -> None:
        self.current = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.table.setRowCount(0)
        self.choices = {}
        for button in (self.keep_mine, self.take_server, self.merge):
            button.setEnabled(self.current is not None)
        if self.current is None:
            self.title.setText(self.tr("No conflicts are left."))
            self.comment.clear()
            return
        conflict = self.current
        mine = conflict.get("mine") or {}
        if conflict.get("kind") == OpKind.PROBLEM.value:
            title = self.tr("Problem {wtbh}: {count} fields differ (server's version {version})")
        else:
            title = self.tr("Patch {jcbh}: {count} fields differ (server's version {version})")
        self.title.setText(title.format(jcbh=mine.get("DKBH") or mine.get("JCBH", ""),
                                        wtbh=conflict["id"], count=len(differing(conflict)),
                                        version=conflict.get("server_version")))
        note = (conflict.get("server") or {}).get("SJYSYJ")
        self.comment.setText(self.tr("The reviewer's comment on the server's copy: {comment}")
                             .format(comment=note) if note else "")
        different = set(differing(conflict))
        names = fields_of(conflict)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            label = QTableWidgetItem(self.tr("Parcels (id, land use, mu)") if name == SPLIT
                                     else self.tr("Location") if name == PLACE
                                     else label_of(conflict, name))
            label.setData(Qt.UserRole, name)
            self.table.setItem(row, COLUMN_FIELD, label)
            for column, key in ((COLUMN_BASE, "base"), (COLUMN_MINE, "mine"),
                                (COLUMN_SERVER, "server")):
                item = QTableWidgetItem(shown_field(name, (conflict.get(key) or {}).get(name)))
                if name in different and column != COLUMN_BASE:
                    item.setBackground(QBrush(DIFFERS))
                self.table.setItem(row, column, item)
            if name in different:
                label.setBackground(QBrush(DIFFERS))
                font = label.font()
                font.setBold(True)
                label.setFont(font)
                choice = QComboBox()
                choice.setObjectName(f"choice_{name}")
                choice.addItem(self.tr("— choose —"), None)
                choice.addItem(self.tr("Mine"), MINE)
                choice.addItem(self.tr("Server's"), SERVER)
                choice.currentIndexChanged.connect(lambda _=0, r=row: self.mark_choice(r))
                self.choices[name] = choice
                self.table.setCellWidget(row, COLUMN_CHOICE, choice)
            else:
                self.table.setItem(row, COLUMN_CHOICE, QTableWidgetItem(self.tr("the same")))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()  # a split lists a parcel a line
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message.clear()
        self.update_merge()

    def mark_choice(self, row: int) -> None:
        name = self.table.item(row, COLUMN_FIELD).data(Qt.UserRole)
        side = self.choices[name].currentData()
        for column, key in ((COLUMN_MINE, MINE), (COLUMN_SERVER, SERVER)):
            self.table.item(row, column).setBackground(
                QBrush(CHOSEN if side == key else DIFFERS))
        self.update_merge()

    def choose(self, name: str, side: str) -> None:
        """Choose ``side`` (``MINE`` or ``SERVER``) for a field that differs."""
        box = self.choices[name]
        box.setCurrentIndex(box.findData(side))

    def update_merge(self) -> None:
        left = [n for n, box in self.choices.items() if box.currentData() is None]
        self.merge.setEnabled(self.current is not None and not left)
        self.merge.setToolTip(self.tr("Choose a side for: {fields}").format(
            fields=", ".join(label_of(self.current, n) for n in left)) if left else "")

    def resolve_all(self, side: str) -> None:
        if self.current is not None:
            self.apply({name: side for name in differing(self.current)})

    def resolve_chosen(self) -> None:
        if self.current is None:
            return
        choices = {name: box.currentData() for name, box in self.choices.items()}
        if any(side is None for side in choices.values()):
            self.message.setText(self.tr("Choose mine or the server's for every field marked."))
            return
        self.apply(choices)

    def apply(self, choices: dict[str, str]) -> None:
        conflict = self.current
        try:
            self.outbox.resolve(conflict["id"], merged(conflict, choices))
        except Exception as error:  # noqa: BLE001 - a message, never a traceback in a slot
            if not isinstance(error, EXPECTED):
                LOG.exception("resolving %s failed", conflict["id"])
            self.message.setText(self.tr("Not resolved: {error}").format(error=message(error)))
            self.message.setStyleSheet("color: #b00000")
            return
        self.message.setStyleSheet("")
        jcbh = (conflict.get("mine") or {}).get("JCBH", "")
        self.resolved.emit(conflict["id"])
        self.reload()
        self.message.setText(self.tr("Resolved {jcbh}; it goes to the server with the next push.")
                             .format(jcbh=jcbh))

    def done(self, result: int) -> None:  # noqa: D401 - closing, however it closes
        if self.store is not None:
            self.store.close()
            self.store = None
        super().done(result)
