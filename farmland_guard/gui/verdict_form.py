"""The workbench's verdict form: 判定类型 by button (or its number key), sub-type, kind of violation,
evidence, the illegal areas (pre-filled from ``core.verdicts.suggested_areas`` through the
controller), the ratio flags and the rectification, which stays open once the verdict is
locked. It shows and collects verdict fields; the controller saves them."""

from __future__ import annotations

from typing import Callable

from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..core import codelists, verdicts
from .queue_panel import combo
from .shortcuts import keys_of

AREA_FIELDS = verdicts.AREAS
TEXT_FIELDS = ("PZWH", "PZJG", "PZRQ", "YXQZ", "NYSM", "WYSM", "BJYY")
LEGAL_FIELDS = ("PZWH", "PZJG", "PZRQ", "YXQZ")
DATE_FIELDS = ("PZRQ", "YXQZ")


def area_box() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(4)
    spin.setMaximum(1e7)
    return spin


class VerdictForm(QWidget):
    def __init__(self, suggest: Callable[[], dict], parent=None):
        """``suggest``: the illegal areas to start from for what the form shows."""
        super().__init__(parent)
        self.suggest = suggest
        self.loading = False
        form = QFormLayout(self)
        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        for number, kind in enumerate(codelists.pdlx(), start=1):
            button = QPushButton(f"{keys_of('pick_kind', (number,))} {kind}")
            button.setCheckable(True)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button, number)
            kinds.addWidget(button)
        self.kind_buttons.buttonClicked.connect(lambda _: self.kind_changed())
        form.addRow(self.tr("Verdict"), kinds)
        self.sub = QComboBox()
        form.addRow(self.tr("Sub-type"), self.sub)
        self.kind_of_violation = combo("", list(codelists.wflx()))
        form.addRow(self.tr("Kind of violation"), self.kind_of_violation)
        labels = {"PZWH": self.tr("Approval number"), "PZJG": self.tr("Approving authority"),
                  "PZRQ": self.tr("Approval date"), "YXQZ": self.tr("Valid until (temporary use)"),
                  "NYSM": self.tr("Desk note"), "WYSM": self.tr("Field note"),
                  "BJYY": self.tr("Flag reason")}
        self.texts = {}
        for field in TEXT_FIELDS:
            self.texts[field] = QLineEdit()
            if field in DATE_FIELDS:
                self.texts[field].setPlaceholderText("YYYY-MM-DD")
            form.addRow(labels[field], self.texts[field])
        self.approved_area = area_box()
        form.addRow(self.tr("Approved area (mu)"), self.approved_area)
        names = {"WFMJ": self.tr("Illegal area (mu)"), "WFGDMJ": self.tr("of it cultivated (mu)"),
                 "WFSTMJ": self.tr("of that paddy (mu)"), "WFJBNTMJ": self.tr("of it permanent "
                                                                              "farmland (mu)")}
        self.areas = {}
        for field in AREA_FIELDS:
            self.areas[field] = area_box()
            form.addRow(names[field], self.areas[field])
        self.counts_toward = QCheckBox(self.tr("Counts toward the illegal-occupation ratio"))
        self.key_project = QCheckBox(self.tr("Key project (exempt from the ratio)"))
        self.flag = QCheckBox(self.tr("Flag for a second look"))
        form.addRow(self.counts_toward)
        form.addRow(self.key_project)
        form.addRow(self.flag)
        # 整改 happens after the verdict, also once it is reported or approved: its own box,
        # left enabled when the verdict is locked
        self.rectification = QWidget()
        rectify = QFormLayout(self.rectification)
        rectify.setContentsMargins(0, 0, 0, 0)
        self.measure = combo("", list(codelists.zgcs()))
        self.rectify_state = combo("", list(codelists.zgzt()))
        rectify.addRow(self.tr("Rectification measure"), self.measure)
        rectify.addRow(self.tr("Rectification state"), self.rectify_state)
        form.addRow(self.rectification)
        self.save_button = QPushButton(self.tr("Save ({keys})").format(keys=keys_of("save")))
        self.batch_button = QPushButton(self.tr("Batch label… ({keys})").format(
            keys=keys_of("open_batch")))
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.batch_button)
        form.addRow(actions)

    def kind(self) -> str | None:
        button = self.kind_buttons.checkedButton()
        return None if button is None else button.property("kind")

    def pick_kind(self, number: int) -> None:
        button = self.kind_buttons.button(number)
        if button is not None:
            button.setChecked(True)
            self.kind_changed()

    def locked(self) -> bool:
        """The verdict is read-only (reported or approved): the rectification alone is saved."""
        return not self.kind_buttons.buttons()[0].isEnabled()

    def kind_changed(self) -> None:
        kind = self.kind()
        current = self.sub.currentData()
        self.sub.clear()
        self.sub.addItem("", None)
        for code, name in codelists.hchlx(kind).items():
            self.sub.addItem(name, code)
        self.sub.setCurrentIndex(max(0, self.sub.findData(current)))
        illegal = kind == verdicts.ILLEGAL
        for widget in (self.kind_of_violation, self.counts_toward, self.key_project,
                       self.rectification, *self.areas.values()):
            widget.setEnabled(illegal)
        for field in LEGAL_FIELDS:
            self.texts[field].setEnabled(kind == verdicts.LEGAL)
        self.approved_area.setEnabled(kind == verdicts.LEGAL)
        if illegal and not self.loading and not self.areas["WFMJ"].value():
            for field, value in self.suggest().items():
                self.areas[field].setValue(value)
            self.counts_toward.setChecked(True)

    def fill(self, fields: dict) -> None:
        """Show a verdict (its fields and workflow state); a locked one read-only."""
        self.loading = True
        self.kind_buttons.setExclusive(False)
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == fields.get("PDLX"))
        self.kind_buttons.setExclusive(True)
        self.kind_changed()
        self.sub.setCurrentIndex(max(0, self.sub.findData(fields.get("HCHLX"))))
        self.kind_of_violation.setCurrentIndex(
            max(0, self.kind_of_violation.findData(fields.get("WFLX"))))
        for field, widget in self.texts.items():
            widget.setText(str(fields.get(field) or ""))
        for field, widget in self.areas.items():
            widget.setValue(float(fields.get(field) or 0))
        self.approved_area.setValue(float(fields.get("PZMJ") or 0))
        self.counts_toward.setChecked(fields.get("SFNRWFJS") == verdicts.YES)
        self.key_project.setChecked(fields.get("SFZDGC") == verdicts.YES)
        self.measure.setCurrentIndex(max(0, self.measure.findData(fields.get("ZGCS"))))
        self.rectify_state.setCurrentIndex(max(0, self.rectify_state.findData(fields.get("ZGZT"))))
        self.flag.setChecked(bool(fields.get("BJ")))
        locked = verdicts.check_editable("", fields.get("HCZT")) is not None
        # the verdict is read-only; evidence, apart from the form, may still be added, and the
        # rectification of a 违法 recorded
        for widget in (*self.kind_buttons.buttons(), self.sub, self.kind_of_violation,
                       *self.texts.values(), self.approved_area, *self.areas.values(),
                       self.counts_toward, self.key_project, self.flag, self.save_button,
                       self.batch_button):
            widget.setEnabled(not locked)
        if locked:
            rectifiable = fields.get("PDLX") == verdicts.ILLEGAL
            self.rectification.setEnabled(rectifiable)
            self.save_button.setEnabled(rectifiable)
        else:
            self.kind_changed()  # what the verdict enables
        self.loading = False

    def values(self) -> dict:
        """The verdict fields the form holds (those its kind does not take left empty)."""
        kind = self.kind()
        values = {"PDLX": kind, "HCHLX": self.sub.currentData(),
                  "WFLX": self.kind_of_violation.currentData() if kind == verdicts.ILLEGAL else None,
                  "BJ": 1 if self.flag.isChecked() else None}
        for field, widget in self.texts.items():
            values[field] = widget.text().strip() or None
        illegal = kind == verdicts.ILLEGAL
        for field, widget in self.areas.items():
            values[field] = round(widget.value(), 4) if illegal else None
        values["PZMJ"] = round(self.approved_area.value(), 4) if kind == verdicts.LEGAL else None
        for field, box in (("SFNRWFJS", self.counts_toward), ("SFZDGC", self.key_project)):
            values[field] = (verdicts.YES if box.isChecked() else verdicts.NO) if illegal else None
        values["ZGCS"] = self.measure.currentData() if illegal else None
        values["ZGZT"] = self.rectify_state.currentData() if illegal else None
        return values
