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
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

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

    def __init__(self, preview, mapping: dict, parent=None, *, fields: dict | None = None,
                 required=(), source: str | None = None):
        """``preview``: the first rows of the source, a DataFrame or a (field names, rows as
        dicts) pair; ``mapping``: national -> source field, as detected; ``fields``: national
        -> its label (default: the import's national fields); ``required``: the national
        fields OK needs a source field for; ``source``: the name the dialog's title gives."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Field mapping") if source is None
                            else self.tr("Field mapping: {source}").format(source=source))
        if isinstance(preview, tuple):
            self.sources, rows = list(preview[0]), preview[1][:self.PREVIEW_ROWS]
        else:
            self.sources = [c for c in preview.columns if c != "geometry"]
            rows = preview.head(self.PREVIEW_ROWS)[self.sources].to_dict("records")
        self.rows = rows
        self.required = tuple(required)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        if fields is None:
            from ..core.batch import NATIONAL  # pandas and the rest: the import's, not the dock's

            fields = {n: n for n in NATIONAL}
        for national, label in fields.items():
            combo = QComboBox()
            combo.setObjectName(national)
            combo.addItem(self.tr("(none)"), None)
            for name in self.sources:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(national))))
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[national] = combo
            form.addRow(f"{label} *" if national in self.required else label, combo)
        fields_box = QGroupBox(self.tr("National field ← field in the file"))
        fields_box.setLayout(form)
        self.hint = QLabel(self.tr("Choose a field for each one marked *."))
        self.hint.setObjectName("hint")
        self.table = QTableWidget()
        shown = QGroupBox(self.tr("Preview of the first rows"))
        shown_layout = QVBoxLayout(shown)
        shown_layout.addWidget(self.table)
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(fields_box)
        body.addWidget(shown, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.refresh()

    def mapping(self) -> dict:
        return {n: c.currentData() for n, c in self.combos.items() if c.currentData()}

    def refresh(self) -> None:
        mapping = self.mapping()
        complete = all(n in mapping for n in self.required)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(complete)
        self.hint.setVisible(not complete)
        columns = list(mapping)
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(self.rows))
        self.table.setHorizontalHeaderLabels(columns)
        for row, record in enumerate(self.rows):
            for column, national in enumerate(columns):
                value = record.get(mapping[national])
                self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
