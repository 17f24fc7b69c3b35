"""The workbench's verdict form: 判定类型 by button (or its number key), sub-type, kind of violation,
evidence, the illegal areas (pre-filled from ``core.verdicts.suggested_areas`` through the
controller), the ratio flags and the rectification, which stays open once the verdict is
locked. It shows and collects verdict fields; the controller saves them."""

from __future__ import annotations

from typing import Callable

from qgis.gui import QgsDateEdit
from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import cases, codelists, dates, rectification, verdicts
from ..core.units import format_mu
from .queue_panel import combo, narrow
from .shortcuts import keys_of

AREA_FIELDS = verdicts.AREAS
TEXT_FIELDS = ("PZWH", "PZJG", "NYSM", "WYSM", "BJYY")
LEGAL_FIELDS = ("PZWH", "PZJG", "PZRQ", "YXQZ")
DATE_FIELDS = ("PZRQ", "YXQZ")
DATE_FORMAT = "yyyy-MM-dd"
# the verdict picked stands out: filled, bold, framed
CHECKED_STYLE = ("QPushButton:checked { background-color: #1565c0; color: white; "
                 "font-weight: bold; border: 2px solid #0d47a1; border-radius: 3px; }")
PROBLEM_STYLE = "border: 2px solid #d00000;"
# a returned result: impossible to miss; a past review's comment: quiet
RETURNED_STYLE = ("QFrame#review_box { background-color: #fdecea; border: 2px solid #c62828; "
                  "border-radius: 3px; } QLabel { color: #8e0000; }")
PAST_REVIEW_STYLE = ("QFrame#review_box { background-color: #f3f3f3; border: 1px solid #bdbdbd; "
                     "border-radius: 3px; } QLabel { color: #424242; }")


def area_box() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(4)
    spin.setMaximum(1e7)
    spin.setMinimumWidth(72)  # not as wide as 10000000.0000: the dock fits a laptop's screen
    return spin


def date_box() -> QgsDateEdit:
    """A date picker that may be empty (free text like "2024年5月10日" cannot be typed)."""
    edit = QgsDateEdit()
    edit.setAllowNull(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumWidth(96)
    edit.setNullRepresentation("")  # no date shows blank (``clear`` would show today's, greyed)
    edit.setDate(QDate())
    return edit


def recheck_result(fcjg) -> str:
    """复核结果 as said: 是 整改到位, 否 未到位."""
    return {verdicts.YES: "整改到位", verdicts.NO: "未到位"}.get(fcjg, fcjg or "")


def grid_of(pairs, columns: int = 2) -> QGridLayout:
    """(label, widget) pairs laid out ``columns`` to a row, each label beside its field."""
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    for k, (label, widget) in enumerate(pairs):
        row, column = divmod(k, columns)
        grid.addWidget(QLabel(label), row, 2 * column)
        grid.addWidget(widget, row, 2 * column + 1)
        grid.setColumnStretch(2 * column + 1, 1)
    return grid


class VerdictForm(QWidget):
    edited = pyqtSignal()  # the technician changed a field
    run_precheck = pyqtSignal()  # asked for the precheck (the figures are missing)

    def __init__(self, suggest: Callable[[], dict], parent=None):
        """``suggest``: the illegal areas to start from for what the form shows."""
        super().__init__(parent)
        self.suggest = suggest
        self.loading = False
        self.suggestion: dict = {}  # what the precheck suggests for what the form shows
        self.setStyleSheet(CHECKED_STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)

        # what the reviewer said: a returned result shows it first, in red
        self.review_box = QFrame()
        self.review_box.setObjectName("review_box")
        self.review_box.setFrameShape(QFrame.StyledPanel)
        review = QVBoxLayout(self.review_box)
        review.setContentsMargins(6, 3, 6, 3)
        self.review_title = QLabel()
        self.review_title.setObjectName("review_title")
        self.review_title.setWordWrap(True)
        self.review_comment = QLabel()
        self.review_comment.setObjectName("review_comment")
        self.review_comment.setWordWrap(True)
        self.review_comment.setTextInteractionFlags(Qt.TextSelectableByMouse)
        review.addWidget(self.review_title)
        review.addWidget(self.review_comment)
        column.addWidget(self.review_box)
        self.review_box.hide()

        # the verdict and, beside it, what the precheck suggests
        self.kind_buttons = QButtonGroup(self)
        self.kinds = QWidget()
        kinds = QHBoxLayout(self.kinds)
        kinds.setContentsMargins(0, 0, 0, 0)
        kinds.addWidget(QLabel(self.tr("Verdict")))
        for number, kind in enumerate(codelists.pdlx(), start=1):
            button = QPushButton(f"{keys_of('pick_kind', (number,))} {kind}")
            button.setCheckable(True)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button, number)
            kinds.addWidget(button)
        self.kind_buttons.buttonClicked.connect(lambda _: self.kind_changed())
        column.addWidget(self.kinds)
        # no title row: "建议" heads its first line (height is short on a laptop)
        self.precheck_box = QFrame()
        self.precheck_box.setObjectName("precheck_box")
        self.precheck_box.setFrameShape(QFrame.StyledPanel)
        box = QGridLayout(self.precheck_box)
        box.setContentsMargins(6, 2, 6, 2)
        box.setVerticalSpacing(2)
        self.suggested = QLabel()
        self.suggested.setObjectName("suggested")
        self.suggested.setWordWrap(True)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.figures.setWordWrap(True)
        self.take_button = QPushButton(self.tr("Take it"))
        self.take_button.setToolTip(self.tr("Pick the suggested verdict and sub-type"))
        self.take_button.clicked.connect(self.take_suggestion)
        self.precheck_button = QPushButton(self.tr("Run the precheck…"))
        self.precheck_button.clicked.connect(self.run_precheck.emit)
        box.addWidget(self.suggested, 0, 0)
        box.addWidget(self.take_button, 0, 1)
        box.addWidget(self.figures, 1, 0)
        box.addWidget(self.precheck_button, 1, 1)
        box.setColumnStretch(0, 1)
        column.addWidget(self.precheck_box)

        self.sub = narrow(QComboBox(), 8)
        self.kind_of_violation = combo("", list(codelists.wflx()))
        column.addLayout(grid_of([(self.tr("Sub-type"), self.sub),
                                  (self.tr("Kind of violation"), self.kind_of_violation)]))
        names = {"WFMJ": self.tr("Illegal area (mu)"), "WFGDMJ": self.tr("of it cultivated (mu)"),
                 "WFSTMJ": self.tr("of that paddy (mu)"), "WFJBNTMJ": self.tr("of it permanent "
                                                                              "farmland (mu)")}
        self.areas = {field: area_box() for field in AREA_FIELDS}
        column.addLayout(grid_of([(names[f], self.areas[f]) for f in AREA_FIELDS]))
        self.essentials = column.count()  # what stays in sight without scrolling ends here
        self.counts_toward = QCheckBox(self.tr("Counts toward the illegal-occupation ratio"))
        self.key_project = QCheckBox(self.tr("Key project (exempt from the ratio)"))
        self.flag = QCheckBox(self.tr("Flag for a second look"))
        flags = QGridLayout()  # two to a row: the form fits a laptop's narrow dock
        for k, box_ in enumerate((self.counts_toward, self.key_project, self.flag)):
            flags.addWidget(box_, *divmod(k, 2))
        column.addLayout(flags)

        labels = {"PZWH": self.tr("Approval number"), "PZJG": self.tr("Approving authority"),
                  "PZRQ": self.tr("Approval date"), "YXQZ": self.tr("Valid until (temporary use)"),
                  "NYSM": self.tr("Desk note"), "WYSM": self.tr("Field note"),
                  "BJYY": self.tr("Flag reason")}
        self.texts = {field: QLineEdit() for field in TEXT_FIELDS}
        self.dates = {field: date_box() for field in DATE_FIELDS}
        self.approved_area = area_box()
        fields = {**self.texts, **self.dates}
        column.addLayout(grid_of([(labels[f], fields[f]) for f in LEGAL_FIELDS]
                                 + [(self.tr("Approved area (mu)"), self.approved_area)]))
        column.addLayout(grid_of([(labels[f], fields[f]) for f in ("NYSM", "WYSM", "BJYY")]))
        # 整改 happens after the verdict, also once it is reported or approved: its own box,
        # left enabled when the verdict is locked
        self.rectification = QWidget()
        self.measure = combo("", list(codelists.zgcs()))
        self.rectify_state = combo("", list(codelists.zgzt()))
        rectify = grid_of([(self.tr("Rectification measure"), self.measure),
                           (self.tr("Rectification state"), self.rectify_state)])
        self.rectification.setLayout(rectify)
        column.addWidget(self.rectification)
        # after the verdict, read-only: the grid and its 田长, early 巡田 reports, the problems
        # and their cases (edited in the 整改台账)
        self.followup = QLabel()
        self.followup.setObjectName("followup")
        self.followup.setWordWrap(True)
        self.followup.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.followup.setStyleSheet("QLabel#followup { background-color: #f5f7fa; "
                                    "border: 1px solid #c5cbd3; border-radius: 3px; "
                                    "padding: 3px 6px; }")
        self.followup.hide()
        column.addWidget(self.followup)
        column.addStretch(1)
        # the workbench lays these out where they stay in sight
        self.save_button = QPushButton(self.tr("Save ({keys})").format(keys=keys_of("save")))
        self.save_next_button = QPushButton(self.tr("Save and next ({keys})").format(
            keys=keys_of("save_and_next")))
        self.batch_button = QPushButton(self.tr("Batch label… ({keys})").format(
            keys=keys_of("open_batch")))
        self.widgets = {"PDLX": self.kinds, "HCHLX": self.sub, "WFLX": self.kind_of_violation,
                        **self.texts, **self.dates, "PZMJ": self.approved_area, **self.areas,
                        "SFNRWFJS": self.counts_toward, "SFZDGC": self.key_project,
                        "ZGCS": self.measure, "ZGZT": self.rectify_state}
        for widget in (self.sub, self.kind_of_violation, self.measure, self.rectify_state):
            widget.currentIndexChanged.connect(self._edited)
        for widget in (*self.areas.values(), self.approved_area):
            widget.valueChanged.connect(self._edited)
        for widget in self.texts.values():
            widget.textChanged.connect(self._edited)
        for widget in self.dates.values():
            widget.dateValueChanged.connect(self._edited)
        for widget in (self.counts_toward, self.key_project, self.flag):
            widget.toggled.connect(self._edited)
        self.show_precheck({})

    def _edited(self, *_) -> None:
        if not self.loading:
            self.edited.emit()

    # --- the precheck's suggestion -----------------------------------------------------------

    def show_precheck(self, found: dict) -> None:
        """What the precheck suggests and found (``store.results.Verdicts.precheck``): the
        suggested verdict, its reason and the overlay figures; for a parcel cut after the
        precheck, that its figures are missing."""
        self.suggestion = found
        missing = not found.get("TSSJ")
        self.take_button.setEnabled(bool(found.get("JYPD")) and found.get("JYPD") in
                                    codelists.pdlx())
        self.precheck_button.setVisible(missing)
        if missing and found.get("PATCH_TSSJ"):
            self.precheck_box.setStyleSheet("QLabel { color: #b05000; }")
            self.suggested.setText(self.tr(
                "This parcel was cut after the precheck: its figures are missing, and its "
                "illegal areas start from its area alone. Run the precheck again."))
            self.figures.setText("")
            return
        self.precheck_box.setStyleSheet("")
        if missing:
            self.suggested.setText(self.tr("No precheck yet."))
            self.figures.setText("")
            return
        kind = " · ".join(v for v in (found.get("JYPD"), found.get("JYLX")) if v) or "—"
        reason = found.get("JYLY") or ""
        self.suggested.setText(self.tr("Precheck suggests") + f" <b>{kind}</b>"
                               + (f"<br>{reason}" if reason else ""))
        names = (("GDMJ", self.tr("cultivated")), ("STMJ", self.tr("paddy")),
                 ("JBNTMJ", self.tr("permanent farmland")), ("STHXMJ", self.tr("red line")),
                 ("PWMJ", self.tr("approved")), ("WFGMJ", self.tr("uncovered cultivated")))
        # beside the 耕地: its quality grade (耕地等别), which a freeze's 产能 is reckoned by
        grade = (" " + self.tr("(grade {grade})").format(grade=found["GDDB"])
                 if found.get("GDDB") else "")
        self.figures.setText(self.tr("{figures} mu").format(figures=" · ".join(
            f"{name} {format_mu(found.get(field)) or '—'}{grade if field == 'GDMJ' else ''}"
            for field, name in names)))

    # --- after the verdict (read-only) ---------------------------------------------------------

    def show_followup(self, grid, reports: list, problems: list) -> None:
        """The patch's grid (``store.patch_followup.Grid``; None before grids are assigned) with
        its chain of 田长 and 网格员, the 巡田 reports made before the satellite saw it, and its
        problems with their rectification and case; nothing to say: hidden."""
        lines = []
        if grid is not None:
            place = " · ".join(v for v in (grid.town, grid.village) if v)
            lines.append(self.tr("Grid {wgbm}, plot code {dkdm}").format(
                wgbm=grid.wgbm or "—", dkdm=grid.dkdm or "—") + (f" ({place})" if place else ""))
            if grid.note:
                lines.append(self.tr("Grid assignment: {note}").format(note=grid.note))
            titles = {"SJTZ": self.tr("city 田长"), "XJTZ": self.tr("county 田长"),
                      "XZTZ": self.tr("town 田长"), "CJTZ": self.tr("village 田长"),
                      "WGY": self.tr("grid officer")}
            chain = [f"{titles[f]} {name}" for f, name in grid.people.items()]
            if chain:
                lines.append(" → ".join(chain))
        for report in reports[:1]:  # the earliest says it; the rest are in the reports layer
            lines.append("<b>" + self.tr("田长 reported before the satellite ({day} {who})").format(
                day=report.day, who=report.who or report.sbbh) + "</b>")
        for problem in problems:
            lines.append(self.problem_line(problem))
        self.followup.setText("<br>".join(lines))
        self.followup.setVisible(bool(lines))

    def problem_line(self, problem: dict) -> str:
        """A problem's rectification and case in one line."""
        parts = [problem.get("ZGZT") or ""]
        if problem.get("ZGQX"):
            late = rectification.overdue(problem)
            parts.append(self.tr("deadline {date}").format(date=problem["ZGQX"])
                         + (" ⚠" if late else ""))
        if problem.get("FCRQ"):
            parts.append(self.tr("re-checked {date}: {result}").format(
                date=problem["FCRQ"], result=recheck_result(problem.get("FCJG"))))
        case = cases.case_state(problem)
        details = [f"{rectification.NAMES[f]} {problem[f]}" for f in cases.FIELDS
                   if problem.get(f)]
        parts.append(self.tr("case: {state}").format(state=case)
                     + (f"（{'，'.join(details)}）" if details else ""))
        return self.tr("Problem {wtbh}: {parts}").format(
            wtbh=problem["WTBH"], parts=" · ".join(p for p in parts if p))

    # --- the reviewer's comment ----------------------------------------------------------------

    def show_review(self, fields: dict) -> None:
        """The reviewer's comment (``SJYSYJ``) and name (``SHR``): prominent while the result
        is returned, as history once it is reported again; hidden when there is none."""
        state, comment = fields.get("HCZT"), fields.get("SJYSYJ")
        who = fields.get("SHR") or self.tr("the reviewer")
        returned = state in verdicts.RETURNED_STATES
        if not comment and not returned:
            self.review_box.hide()
            return
        if returned:
            self.review_box.setStyleSheet(RETURNED_STYLE)
            self.review_title.setText("<b>" + self.tr("↩ {state} by {who}: fix and report "
                                                      "again").format(state=state, who=who)
                                      + "</b>")
            self.review_comment.setText(self.tr("Review comment (预审意见): {comment}").format(
                comment=comment or self.tr("none given")))
        else:
            self.review_box.setStyleSheet(PAST_REVIEW_STYLE)
            self.review_title.setText(self.tr("Last review comment, by {who}:").format(who=who))
            self.review_comment.setText(comment)
        self.review_box.show()

    def take_suggestion(self) -> None:
        """Pick the suggested verdict and its sub-type."""
        kind = self.suggestion.get("JYPD")
        if kind not in codelists.pdlx():
            return
        self.pick_kind(codelists.pdlx().index(kind) + 1)
        sub = self.suggestion.get("JYLX")
        target = self.sub if kind != verdicts.ILLEGAL else self.kind_of_violation
        found = target.findData(sub)
        if found < 0:
            found = target.findText(sub or "")
        if sub and found >= 0:
            target.setCurrentIndex(found)

    # --- problems ------------------------------------------------------------------------------

    def show_problems(self, fields) -> None:
        """Frame the fields a rule refuses (``fields``: their names); the others plain."""
        for field, widget in self.widgets.items():
            widget.setStyleSheet(PROBLEM_STYLE if field in fields else "")

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
        self.sub.setEnabled(self.sub.count() > 1)  # 违法 has none: its kind is 违法类型
        illegal = kind == verdicts.ILLEGAL
        for widget in (self.kind_of_violation, self.counts_toward, self.key_project,
                       self.rectification, *self.areas.values()):
            widget.setEnabled(illegal)
        for field in LEGAL_FIELDS:
            {**self.texts, **self.dates}[field].setEnabled(kind == verdicts.LEGAL)
        self.approved_area.setEnabled(kind == verdicts.LEGAL)
        if illegal and not self.loading and not self.areas["WFMJ"].value():
            for field, value in self.suggest().items():
                self.areas[field].setValue(value)
            self.counts_toward.setChecked(True)
        self._edited()

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
        for field, widget in self.dates.items():
            day = dates.parse_or_none(fields.get(field))
            if day is None:
                widget.setDate(QDate())
            else:
                widget.setDate(QDate(day.year, day.month, day.day))
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
                       *self.texts.values(), *self.dates.values(), self.approved_area,
                       *self.areas.values(), self.counts_toward, self.key_project, self.flag,
                       self.save_button, self.save_next_button, self.batch_button,
                       self.take_button):
            widget.setEnabled(not locked)
        if locked:
            rectifiable = fields.get("PDLX") == verdicts.ILLEGAL
            self.rectification.setEnabled(rectifiable)
            self.save_button.setEnabled(rectifiable)
            self.save_next_button.setEnabled(rectifiable)
        else:
            self.kind_changed()  # what the verdict enables
        self.show_review(fields)
        self.show_problems(())
        self.loading = False

    def values(self) -> dict:
        """The verdict fields the form holds (those its kind does not take left empty)."""
        kind = self.kind()
        values = {"PDLX": kind, "HCHLX": self.sub.currentData(),
                  "WFLX": self.kind_of_violation.currentData() if kind == verdicts.ILLEGAL else None,
                  "BJ": 1 if self.flag.isChecked() else None}
        for field, widget in self.texts.items():
            values[field] = widget.text().strip() or None
        for field, widget in self.dates.items():
            values[field] = None if widget.isNull() else widget.date().toString(DATE_FORMAT)
        illegal = kind == verdicts.ILLEGAL
        for field, widget in self.areas.items():
            values[field] = round(widget.value(), 4) if illegal else None
        values["PZMJ"] = round(self.approved_area.value(), 4) if kind == verdicts.LEGAL else None
        for field, box in (("SFNRWFJS", self.counts_toward), ("SFZDGC", self.key_project)):
            values[field] = (verdicts.YES if box.isChecked() else verdicts.NO) if illegal else None
        values["ZGCS"] = self.measure.currentData() if illegal else None
        values["ZGZT"] = self.rectify_state.currentData() if illegal else None
        return values
