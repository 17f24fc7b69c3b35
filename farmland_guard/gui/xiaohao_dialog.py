"""销号: a problem closed with its date, by whom and why. Refused, naming what is missing, without
an attachment showing the rectification done — then 添加证据… attaches the file to the problem
(JCBH = WTBH, as the workbench keeps a patch's photos) and 销号 can be asked again."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ..core import identity
from ..core.rectification import RectificationError
from .problem_form import PROBLEM_STYLE

EVIDENCE = "evidence"  # the field a refusal names when no attachment shows the rectification


class XiaohaoDialog(QDialog):
    closed = pyqtSignal(str)  # the operation id

    def __init__(self, ledger, wtbh: str, parent=None):
        super().__init__(parent)
        self.ledger, self.wtbh = ledger, wtbh
        self.setWindowTitle(self.tr("Close problem {wtbh}").format(wtbh=wtbh))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.who = QLineEdit(identity.user())
        self.who.setObjectName("who")
        self.why = QPlainTextEdit()
        self.why.setObjectName("why")
        self.why.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Closed on"), self.date)
        form.addRow(self.tr("Closed by"), self.who)
        form.addRow(self.tr("Reason"), self.why)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.evidence_button = QPushButton(self.tr("Add evidence…"))
        self.evidence_button.setObjectName("add_evidence")
        self.evidence_button.clicked.connect(self.choose_evidence)
        self.evidence_button.hide()  # offered once 销号 is refused for the want of it
        self.evidence_note = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.close_button = self.buttons.addButton(self.tr("Close the problem"),
                                                   QDialogButtonBox.AcceptRole)
        self.close_button.setObjectName("xiaohao")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.evidence_button)
        layout.addWidget(self.evidence_note)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        try:
            op = self.ledger.close(self.wtbh, self.date.date().toString("yyyy-MM-dd"),
                                   self.who.text().strip(), self.why.toPlainText().strip())
        except RectificationError as error:
            self.message.setText(error.message())
            self.evidence_button.setVisible(any(v.field == EVIDENCE for v in error.violations))
            return
        self.closed.emit(op)
        self.accept()

    def add_evidence(self, paths) -> int:
        """Attach files to the problem; returns how many."""
        from ..store.evidence import attach

        for path in paths:
            attach(self.ledger.store, Path(path), self.wtbh)
        if paths:
            self.evidence_note.setText(self.tr("{count} files attached: close the problem "
                                               "again.").format(count=len(paths)))
            self.message.clear()
        return len(paths)

    def choose_evidence(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Evidence for {wtbh}").format(wtbh=self.wtbh), "",
            self.tr("Photos and documents") + " (*.jpg *.jpeg *.png *.tif *.pdf *.doc *.docx);;* (*)")
        self.add_evidence(paths)
