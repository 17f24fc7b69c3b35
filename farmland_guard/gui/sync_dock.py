"""同步 dock: the technician's link with the central server. Sign in (the password kept in the
QGIS auth manager), the batches assigned to them, 拉取 a batch into a work store as an import
makes one, 上报 the store's unsent changes, 同步 (push, then the server's changes), each in a
``QgsTask`` with progress and cancel; what the server said of each item in words; the
conflicts to settle; the store's status: unsent changes, last sync, returned patches."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.expected import EXPECTED, message
from ..log import NOTIFY, logger
from ..settings import SYNC_AUTHCFG, SYNC_FOLDER, SYNC_ROLE, SYNC_URL
from ..sync.errors import SignInNeeded
from . import network, sync_task
from .store_task import run_in_background

PROBLEM = "color: #b00000"
COLOURS = {"applied": "#1e7b1e", "duplicate": "#1e7b1e", "taken": "#1f4e9c",
           "conflict": "#b36b00", "rejected": "#b00000"}


class SyncDock(QDockWidget):
    OBJECT_NAME = "FarmlandGuardSync"
    pulled = pyqtSignal(object)  # the ImportResult of a pulled batch: open its store
    store_changed = pyqtSignal(str)  # a sync or a resolved conflict changed this store
    status_shown = pyqtSignal(str)  # the store's sync status in words ("" : no store)
    role_known = pyqtSignal(str)  # the server says who the user is: the workbench follows

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Sync"))
        self.client = None
        self.store: Path | None = None
        self.task = None
        self.batches: list[dict] = []
        self.me: dict = {}
        self.conflict_dialog = None
        self.last_status = None
        self.task_then = None

        # --- the server and who I am
        self.url = QLineEdit(SYNC_URL.get())
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("https://…")
        # the credentials are read from the auth manager only when used: reading them asks
        # QGIS for its master password, which a dock must not do at QGIS's start
        stored = bool(SYNC_AUTHCFG.get())
        self.user = QLineEdit()
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        if stored:
            self.password.setPlaceholderText(self.tr("kept in the QGIS authentication manager"))
            self.user.setPlaceholderText(self.tr("kept in the QGIS authentication manager"))
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.clicked.connect(self.sign_in)
        self.password.returnPressed.connect(self.sign_in)
        self.who = QLabel(self.tr("Not signed in."))
        self.who.setObjectName("who")
        self.who.setWordWrap(True)
        server = QGroupBox(self.tr("Server"))
        form = QFormLayout(server)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.sign_in_button, self.who)

        # --- the batches assigned to me
        self.batch_table = QTableWidget(0, 3)
        self.batch_table.setObjectName("batches")
        self.batch_table.setHorizontalHeaderLabels([self.tr("Batch"), self.tr("County"),
                                                    self.tr("Patches")])
        self.batch_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.batch_table.setSelectionBehavior(QTableWidget.SelectRows)
        self.batch_table.setSelectionMode(QTableWidget.SingleSelection)
        self.batch_table.verticalHeader().setVisible(False)
        self.batch_table.horizontalHeader().setStretchLastSection(True)
        self.batch_table.itemSelectionChanged.connect(self.update_buttons)
        self.folder = QgsFileWidget()
        self.folder.setObjectName("folder")
        self.folder.setStorageMode(QgsFileWidget.GetDirectory)
        self.folder.setFilePath(SYNC_FOLDER.get() or self.default_folder())
        self.pull_button = QPushButton(self.tr("Pull"))
        self.pull_button.setObjectName("pull")
        self.pull_button.setToolTip(self.tr("Download the chosen batch and make it a work store "
                                            "in the folder, as an import does"))
        self.pull_button.clicked.connect(self.pull)
        batches = QGroupBox(self.tr("Batches assigned to me"))
        column = QVBoxLayout(batches)
        column.addWidget(self.batch_table)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Into")))
        row.addWidget(self.folder, 1)
        row.addWidget(self.pull_button)
        column.addLayout(row)

        # --- the open work store
        self.store_label = QLabel()
        self.store_label.setObjectName("store")
        self.store_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.push_button = QPushButton(self.tr("Submit"))
        self.push_button.setObjectName("push")
        self.push_button.setToolTip(self.tr("Send the store's unsent changes to the server"))
        self.push_button.clicked.connect(self.push)
        self.sync_button = QPushButton(self.tr("Sync"))
        self.sync_button.setObjectName("sync")
        self.sync_button.setToolTip(self.tr("Send the unsent changes, then take what the server "
                                            "changed: the reviewers' returns and approvals"))
        self.sync_button.clicked.connect(self.sync)
        self.conflicts_button = QPushButton(self.tr("Resolve conflicts"))
        self.conflicts_button.setObjectName("conflicts")
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        store = QGroupBox(self.tr("Work store"))
        column = QVBoxLayout(store)
        column.addWidget(self.store_label)
        column.addWidget(self.status)
        row = QHBoxLayout()
        for button in (self.push_button, self.sync_button, self.conflicts_button):
            row.addWidget(button)
        column.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        column.addLayout(row)

        # --- what the server said, item by item
        self.outcomes = QTableWidget(0, 3)
        self.outcomes.setObjectName("outcomes")
        self.outcomes.setHorizontalHeaderLabels([self.tr("Patch"), self.tr("Outcome"),
                                                 self.tr("Details")])
        self.outcomes.setEditTriggers(QTableWidget.NoEditTriggers)
        self.outcomes.verticalHeader().setVisible(False)
        self.outcomes.horizontalHeader().setStretchLastSection(True)
        self.outcomes.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(server)
        layout.addWidget(batches, 1)
        layout.addWidget(store)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcomes, 2)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.set_store(None)
        self.visibilityChanged.connect(lambda shown: shown and self.take_the_column())

    def take_the_column(self) -> None:
        """A tab beside the workbench, the whole height of the dock column: stacked below it,
        the outcomes would get a few lines."""
        from qgis.PyQt.QtWidgets import QMainWindow

        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating() or not self.isVisible():
            return
        bench = window.findChild(QDockWidget, "FarmlandGuardWorkbench")
        if (bench is None or bench.isFloating() or not bench.isVisible()
                or window.dockWidgetArea(bench) != window.dockWidgetArea(self)
                or self in window.tabifiedDockWidgets(bench)):
            return
        window.tabifyDockWidget(bench, self)
        self.raise_()

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    def default_folder() -> str:
        home = QgsProject.instance().homePath()
        return home or str(Path.home())

    def inform(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def warn(self, text: str) -> None:
        self.message.setStyleSheet(PROBLEM)
        self.message.setText(text)

    def fail(self, text: str) -> None:
        """A failure of the sync: in the dock, and on the QGIS message bar (the dock may be
        behind another tab)."""
        self.warn(text)
        logger().warning(text, extra=NOTIFY)

    def busy(self) -> bool:
        return self.task is not None

    def update_buttons(self) -> None:
        idle = not self.busy()
        self.sign_in_button.setEnabled(idle)
        self.pull_button.setEnabled(idle and self.chosen_batch() is not None)
        self.push_button.setEnabled(idle and self.store is not None)
        self.sync_button.setEnabled(idle and self.store is not None)
        self.cancel_button.setEnabled(not idle)
        conflicts = self.last_status.conflicts if self.last_status else 0
        self.conflicts_button.setEnabled(idle and self.store is not None and conflicts > 0)
        self.conflicts_button.setText(self.tr("Resolve conflicts ({count})").format(count=conflicts)
                                      if conflicts else self.tr("Resolve conflicts"))

    def chosen_batch(self) -> dict | None:
        rows = self.batch_table.selectionModel().selectedRows() if self.batch_table.selectionModel() else []
        return self.batches[rows[0].row()] if rows else None

    def client_for(self, url: str):
        if self.client is None or self.client.url != url.rstrip("/"):
            self.client = network.client(url)
        return self.client

    # --- the work store ------------------------------------------------------------------

    def set_store(self, path) -> None:
        """The store the workbench has open (None: none); its status in the dock."""
        self.store = Path(path) if path else None
        self.last_status = None
        if self.store is None:
            self.store_label.setText(self.tr("No work store is open: pull a batch, or open a "
                                             "work store."))
            self.status.clear()
            self.status_shown.emit("")
        else:
            self.store_label.setText(self.tr("Work store: {name}").format(name=self.store.name))
            self.store_label.setToolTip(str(self.store))
            self.refresh_status()
        self.update_buttons()

    def refresh_status(self) -> None:
        if self.store is None or self.busy():  # the task's end shows it
            return
        try:
            self.show_status(sync_task.status_of(self.store))
        except EXPECTED as error:
            self.warn(message(error))

    def show_status(self, status) -> None:
        self.last_status = status
        if status.sync_at:
            when = QDateTime.fromString(status.sync_at, Qt.ISODate).toLocalTime() \
                .toString("yyyy-MM-dd HH:mm")
        else:
            when = self.tr("never")
        text = self.tr("Unsent changes: {pending} · last sync: {at} · returned patches: "
                       "{returned}").format(pending=status.pending, at=when,
                                            returned=status.returned)
        if status.conflicts:
            text += " · " + self.tr("conflicts: {count}").format(count=status.conflicts)
        if status.rejected:
            text += " · " + self.tr("refused by the server: {count}").format(count=status.rejected)
        self.status.setText(text)
        self.status_shown.emit(text)
        self.update_buttons()

    # --- signing in ----------------------------------------------------------------------

    def sign_in(self) -> None:
        url, user, password = self.url.text().strip(), self.user.text().strip(), self.password.text()
        if not url.startswith(("http://", "https://")):
            self.warn(self.tr("Give the server's address, starting with https:// (or http://)."))
            return
        if password and not user:
            self.warn(self.tr("Give your user name."))
            return
        SYNC_URL.set(url)
        try:
            if password:
                network.save_credentials(user, password, url)
                self.password.clear()
                self.password.setPlaceholderText(self.tr("kept in the QGIS authentication manager"))
            credentials = network.credentials()
        except EXPECTED as error:
            self.warn(message(error))
            return
        if credentials is None or (user and credentials[0] != user):
            self.warn(self.tr("Give your user name and password: they will be kept in the QGIS "
                              "authentication manager."))
            return
        self.user.setText(credentials[0])
        self.start(self.tr("Signing in to {url}").format(url=url), sync_task.sign_in,
                   self.signed_in, client=self.client_for(url), credentials=credentials)

    def signed_in(self, done) -> None:
        self.me = done.me
        SYNC_ROLE.set(self.me.get("role") or "")  # the 审核 mode is the reviewers'
        self.role_known.emit(SYNC_ROLE.get())
        roles = {"technician": self.tr("technician"), "reviewer": self.tr("reviewer"),
                 "admin": self.tr("administrator")}
        self.who.setText(self.tr("Signed in as {user} ({role}, region {region})").format(
            user=self.me.get("full_name") or self.me.get("user", ""),
            role=roles.get(self.me.get("role"), self.me.get("role", "")),
            region=", ".join(self.me.get("regions") or [])))
        self.show_batches(done.batches)
        self.inform(self.tr("Signed in; {count} batches are assigned to you.")
                    .format(count=len(done.batches)))

    def show_batches(self, batches: list[dict]) -> None:
        self.batches = list(batches)
        self.batch_table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            for column, value in enumerate((batch.get("name") or str(batch["id"]),
                                            batch.get("XZQDM", ""), str(batch.get("patches", "")))):
                self.batch_table.setItem(row, column, QTableWidgetItem(value))
        self.batch_table.resizeColumnsToContents()
        self.batch_table.horizontalHeader().setStretchLastSection(True)
        if self.batches:
            self.batch_table.selectRow(0)
        self.update_buttons()

    def credentials(self):
        try:
            return network.credentials()
        except EXPECTED:
            return None

    # --- pull, push, sync ----------------------------------------------------------------

    def ready(self) -> bool:
        """A server and credentials to use; otherwise says what is missing."""
        url = self.url.text().strip() or SYNC_URL.get()
        if not url:
            self.warn(self.tr("Give the server's address and sign in first."))
            return False
        if self.client_for(url).access is None and self.credentials() is None:
            self.warn(self.tr("Sign in first."))
            return False
        return True

    def pull(self) -> None:
        batch = self.chosen_batch()
        if batch is None or not self.ready():
            return
        folder = self.folder.filePath().strip() or self.default_folder()
        SYNC_FOLDER.set(folder)
        self.start(self.tr("Pulling batch {name}").format(name=batch.get("name") or batch["id"]),
                   sync_task.pull_batch, self.was_pulled, client=self.client,
                   credentials=self.credentials(), batch=batch, folder=Path(folder))

    def was_pulled(self, done) -> None:
        result = done.imported
        self.inform(self.tr("Pulled into {store}: {imported} patches; {rejected} rejected.")
                    .format(store=Path(result.store).name, imported=result.imported,
                            rejected=result.rejected))
        self.pulled.emit(result)
        if self.store is None or Path(self.store).resolve() != Path(result.store).resolve():
            self.set_store(result.store)
        else:
            self.show_status(done.status)
            self.store_changed.emit(str(self.store))

    def push(self) -> None:
        self._push_or_sync(sync_task.push, self.tr("Submitting {store}"))

    def sync(self) -> None:
        self._push_or_sync(sync_task.sync, self.tr("Syncing {store}"))

    def _push_or_sync(self, job, description: str) -> None:
        if self.store is None:
            self.warn(self.tr("No work store is open: pull a batch, or open a work store."))
            return
        if not self.ready():
            return
        self.start(description.format(store=self.store.name), job, self.synced,
                   client=self.client, credentials=self.credentials(), store=self.store)

    def synced(self, done) -> None:
        self.show_outcomes(done.report)
        self.show_status(done.status)
        self.store_changed.emit(str(self.store))
        if done.status.conflicts:
            self.warn(self.tr("{count} conflicts wait for your choice: Resolve conflicts.")
                      .format(count=done.status.conflicts))
        else:
            self.inform(self.tr("Done."))

    def words(self, outcome) -> tuple[str, str]:
        """What the server said of one item, in words, and its details."""
        detail = outcome.detail or ""
        if outcome.status == "applied":
            return self.tr("accepted"), ""
        if outcome.status == "duplicate":
            return self.tr("duplicate (already accepted)"), ""
        if outcome.status == "conflict":
            return self.tr("conflict"), self.tr("changed on the server too: choose what to keep")
        if outcome.status == "rejected":
            return self.tr("rejected"), self.tr("Reason: {reason}").format(reason=detail)
        if outcome.status == "taken":
            return self.tr("updated"), (self.tr("Reviewer's comment: {comment}")
                                        .format(comment=detail) if detail else "")
        return outcome.status, detail

    def show_outcomes(self, report) -> None:
        outcomes = report.outcomes if report is not None else []
        self.outcomes.setRowCount(len(outcomes))
        for row, outcome in enumerate(outcomes):
            status, detail = self.words(outcome)
            items = [QTableWidgetItem(outcome.jcbh or outcome.id), QTableWidgetItem(status),
                     QTableWidgetItem(detail)]
            items[1].setData(Qt.UserRole, outcome.status)
            items[1].setForeground(QBrush(QColor(COLOURS.get(outcome.status, "#000000"))))
            items[2].setToolTip(detail)
            for column, item in enumerate(items):
                self.outcomes.setItem(row, column, item)
        self.outcomes.resizeColumnsToContents()
        self.outcomes.horizontalHeader().setStretchLastSection(True)
        if report is None:
            self.summary.clear()
            return
        self.summary.setText(self.tr("{applied} accepted, {duplicate} already accepted, "
                                     "{conflict} conflicts, {rejected} rejected, {taken} updated "
                                     "from the server").format(
            applied=report.count("applied"), duplicate=report.count("duplicate"),
            conflict=report.count("conflict"), rejected=report.count("rejected"),
            taken=report.count("taken")))

    # --- conflicts -----------------------------------------------------------------------

    def open_conflicts(self):
        """The conflict dialog over the open store; returns it (for scripts and tests)."""
        if self.store is None:
            return None
        if self.conflict_dialog is not None:  # one at a time
            self.conflict_dialog.raise_()
            self.conflict_dialog.activateWindow()
            return self.conflict_dialog
        from .conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.store, self)
        dialog.resolved.connect(lambda _: self.after_resolve())
        dialog.finished.connect(lambda _: setattr(self, "conflict_dialog", None))
        self.conflict_dialog = dialog
        dialog.show()
        return dialog

    def after_resolve(self) -> None:
        self.refresh_status()
        self.store_changed.emit(str(self.store))

    # --- the task ------------------------------------------------------------------------

    def start(self, description: str, job, then, **arguments) -> None:
        if self.busy():
            return
        self.task = sync_task.task(description, job, **arguments)
        self.task_then = then
        self.progress.setValue(0)
        self.inform(description + "…")
        run_in_background(self.task, self.progress, self.finished)
        self.update_buttons()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def finished(self, *_) -> None:
        task, self.task = self.task, None
        if task is None:
            return
        self.progress.setValue(100 if task.result is not None else 0)
        self.update_buttons()
        if task.result is not None:
            self.task_then(task.result)
        elif task.error is None:
            self.inform(self.tr("Cancelled; nothing was lost: what was sent is kept, the rest "
                                "goes with the next sync."))
            self.refresh_status()
        elif isinstance(task.error, SignInNeeded):
            if self.client is not None:
                self.client.access = self.client.refresh_token = None
            self.fail(self.tr("The server asks you to sign in again: {error}")
                      .format(error=message(task.error)))
        elif isinstance(task.error, EXPECTED):
            self.fail(message(task.error))
            self.refresh_status()
        else:  # a bug: the details are in the log
            self.fail(self.tr("The sync failed unexpectedly ({kind}: {error}); nothing was lost. "
                              "The details are in the QGIS message log.")
                      .format(kind=type(task.error).__name__, error=task.error))
            self.refresh_status()
        self.update_buttons()

    def closeEvent(self, event):  # noqa: N802
        if self.conflict_dialog is not None:
            self.conflict_dialog.close()
        super().closeEvent(event)
