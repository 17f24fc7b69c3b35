"""Fix the field mapping by hand, with a preview of the first rows as they will be imported."""

from __future__ import annotations

import json

from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.batch import NATIONAL
from ..settings import Setting

# province (2 digits) -> field-set signature -> mapping; JSON in QgsSettings
REMEMBERED = Setting("mappings", "{}")


def signature(fields) -> str:
    return "|".join(sorted(f.upper() for f in fields))


def remembered(province: str, fields) -> dict | None:
    return json.loads(REMEMBERED.get()).get(province, {}).get(signature(fields))


def remember(province: str, fields, mapping: dict) -> None:
    memory = json.loads(REMEMBERED.get())
    memory.setdefault(province, {})[signature(fields)] = mapping
    REMEMBERED.set(json.dumps(memory, ensure_ascii=False))


class MappingDialog(QDialog):
    PREVIEW_ROWS = 20

    def __init__(self, preview, mapping: dict, parent=None):
        """``preview``: the first rows of the source (a DataFrame); ``mapping``: national ->
        source field, as detected."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Field mapping"))
        self.preview = preview.head(self.PREVIEW_ROWS)
        self.sources = [c for c in preview.columns if c != "geometry"]
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for national in NATIONAL:
            combo = QComboBox()
            combo.addItem(self.tr("(none)"), None)
            for source in self.sources:
                combo.addItem(source, source)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(national))))
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[national] = combo
            form.addRow(national, combo)
        fields = QGroupBox(self.tr("National field ← field in the file"))
        fields.setLayout(form)
        self.table = QTableWidget()
        shown = QGroupBox(self.tr("Preview of the first rows"))
        shown_layout = QVBoxLayout(shown)
        shown_layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(fields)
        body.addWidget(shown, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.refresh()

    def mapping(self) -> dict:
        return {n: c.currentData() for n, c in self.combos.items() if c.currentData()}

    def refresh(self) -> None:
        mapping = self.mapping()
        columns = list(mapping)
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(self.preview))
        self.table.setHorizontalHeaderLabels(columns)
        for row, (_, record) in enumerate(self.preview.iterrows()):
            for column, national in enumerate(columns):
                value = record[mapping[national]]
                self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
