"""审核 mode's rooms: the bar under the verdict form where a reviewer approves or returns the
result in view with a comment, and the batch dialog that previews what a decision on many
results will change — how many, which, the decision, the new state and the comment — before
anything is written. Decisions go to the work store (``store.review``) and its outbox; the
workbench (the controller) does the writing."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.verdicts import APPROVE, RETURN
from .shortcuts import keys_of


class ReviewPanel(QWidget):
    """The comment and the two decisions for the result in view."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review_panel")
        self.status = QLabel()
        self.status.setObjectName("review_status")
        self.status.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setObjectName("review_comment_edit")
        self.comment.setPlaceholderText(self.tr("Review comment (预审意见): what to fix — needed "
                                                "to return"))
        self.approve_button = QPushButton(self.tr("Approve ({keys})").format(
            keys=keys_of("approve")))
        self.approve_button.setObjectName("approve")
        self.return_button = QPushButton(self.tr("Send back ({keys})").format(
            keys=keys_of("return_current")))
        self.return_button.setObjectName("return")
        self.return_button.setStyleSheet("QPushButton { color: #b00000; }")
        self.batch_button = QPushButton(self.tr("Batch review…"))
        self.batch_button.setObjectName("review_batch")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status)
        column.addWidget(self.comment)
        row = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.batch_button):
            row.addWidget(button)
        column.addLayout(row)

    def take_comment(self) -> str:
        """The comment typed (cleared for the next result)."""
        text = self.comment.text().strip()
        self.comment.clear()
        return text


class ReviewBatchDialog(QDialog):
    """A decision for many results at once, previewed: nothing is written before Apply."""

    def __init__(self, workbench, decision: str = APPROVE):
        super().__init__(workbench)
        self.workbench = workbench
        self.setWindowTitle(self.tr("Batch review"))
        self.rows = self._rows()
        self.approve = QRadioButton(self.tr("Approve"))
        self.give_back = QRadioButton(self.tr("Send back (return)"))
        self.decisions = QButtonGroup(self)
        for button in (self.approve, self.give_back):
            self.decisions.addButton(button)
        (self.approve if decision == APPROVE else self.give_back).setChecked(True)
        self.comment = QLineEdit(workbench.review.comment.text().strip())
        self.comment.setPlaceholderText(self.tr("Review comment (预审意见): needed to return"))
        self.summary = QLabel()
        self.summary.setObjectName("preview")
        self.summary.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setObjectName("preview_list")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Apply | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Apply).clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        decisions = QHBoxLayout()
        decisions.addWidget(self.approve)
        decisions.addWidget(self.give_back)
        form = QFormLayout(self)
        form.addRow(self.tr("Decision"), decisions)
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow(self.summary)
        form.addRow(self.listing)
        form.addRow(self.buttons)
        self.decisions.buttonToggled.connect(lambda *_: self.update_preview())
        self.comment.textChanged.connect(self.update_preview)
        self.planned: dict = {}
        self.update_preview()

    def _rows(self) -> list:
        """The rows picked in the queue, else every row it shows (those waiting for review)."""
        queue = self.workbench.queue
        picked = queue.selected_rows()
        return picked if len(picked) > 1 else queue.shown_rows()

    def decision(self) -> str:
        return APPROVE if self.approve.isChecked() else RETURN

    def keys(self) -> list[str]:
        return self.workbench.reviews.keys_of([r.jcbh for r in self.rows])

    def update_preview(self) -> None:
        decision, comment = self.decision(), self.comment.text().strip()
        planned, problems = self.workbench.reviews.plan(self.keys(), decision, comment)
        self.planned = planned
        states = sorted({new["HCZT"] for _, new in planned.values()})
        self.listing.clear()
        self.listing.addItems([f"{key}  {record['fields'].get('HCZT')} → {new['HCZT']}"
                               for key, (record, new) in planned.items()])
        text = self.tr("{count} results will be {decision} ({states}), with the comment: "
                       "{comment}. One step, undone with {undo} until it is sent.").format(
            count=len(planned),
            decision=self.tr("approved") if decision == APPROVE else self.tr("returned"),
            states="、".join(states) or "—", comment=comment or self.tr("none"),
            undo=keys_of("undo"))
        if problems:
            text += "\n" + self.tr("Refused — nothing is written while one is:") + "\n" + \
                "\n".join(str(p) for p in problems[:5])
            if len(problems) > 5:
                text += "\n" + self.tr("… and {count} more.").format(count=len(problems) - 5)
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.Apply).setEnabled(bool(planned) and not problems)

    def apply(self) -> None:
        if self.workbench.apply_review([r.jcbh for r in self.rows], self.decision(),
                                       self.comment.text().strip()):
            self.accept()
            self.workbench.window().activateWindow()
            self.workbench.table.setFocus()
        else:
            self.summary.setText(self.workbench.message.text())
