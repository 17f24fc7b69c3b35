"""核查工作台: judging a work store's patches at keyboard speed. This is the controller: it lays
out the rooms — the queue (``queue_panel``), the parcel tools (``parcel_tools``), the verdict
form (``verdict_form``), the evidence (``evidence_panel``) and the history — opens the store
and carries what one room does to the others and to the map. Its keys are the table of
``shortcuts``."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import QByteArray, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import profiles, verdicts
from ..core.history import sentences
from ..settings import SYNC_ROLE, WORKBENCH_SPLIT
from .evidence_panel import EvidencePanel
from .parcel_tools import ParcelTools
from .patch_on_map import PatchOnMap
from .queue_panel import QueuePanel
from .review_panel import ReviewBatchDialog, ReviewPanel
from .shortcuts import QUEUE, QUEUE_AND_MAP, KeyRouter, keys_of
from .store_layer import show_store
from .verdict_form import VerdictForm

RELOAD_ALL = 500  # a change to more patches reads the whole queue again
REVIEWER_ROLES = ("reviewer", "admin")  # the server's roles that approve and return


class Workbench(QDockWidget):
    OBJECT_NAME = "FarmlandGuardWorkbench"
    saved = pyqtSignal(str)  # JCBH
    patch_shown = pyqtSignal(object, object, object)  # extent in map CRS, QSX, HSX
    outlines_shown = pyqtSignal(object)  # [the patch, its parcels…] as QgsGeometry in map CRS
    blink_requested = pyqtSignal()
    swipe_requested = pyqtSignal()
    # the store's problems (store.problems.Problems; None without a store) and the patch in view
    problems_shown = pyqtSignal(object, str)
    recheck_requested = pyqtSignal(bool)  # 整改到位 (True) or not, on the re-check image

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Verification workbench"))
        self.canvas = canvas
        self.store = self.verdicts = self.edits = self.store_queue = self.layer = None
        self.ledger = None  # store.problems.Problems of the open store
        self.reviews = None  # store.review.Reviews of the open store
        self.reviewing = False  # 审核 mode
        self.parcels_layer = None
        self.previous: dict | None = None  # the verdict saved last, for "same as previous"
        self.outline = None  # the patch in view, in the map's CRS

        self.queue = QueuePanel()
        self.queue.current_changed.connect(self.show_current)
        self.queue.precheck_button.clicked.connect(self.open_precheck)
        self.queue.jump_box.returnPressed.connect(self.jump_typed)
        self.parcels = ParcelTools(canvas)
        self.parcels.target_changed.connect(self.target_changed)
        self.parcels.changed.connect(self.parcels_changed)
        self.parcels.told.connect(self.inform)
        self.parcels.failed.connect(self.warn)
        self.form = VerdictForm(self.suggested_areas)
        self.form.save_button.clicked.connect(self.save)
        self.form.save_next_button.clicked.connect(self.save_and_next)
        self.form.batch_button.clicked.connect(self.open_batch)
        self.form.run_precheck.connect(self.open_precheck)
        self.form.edited.connect(self.recheck)
        self.problems: list = []  # the rules the last save broke, until they are fixed
        self.evidence = EvidencePanel()
        self.history = QListWidget()  # one sentence per action, wrapped to the dock's width
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.message.setText(self.no_store_text())
        self.sync_status = QLabel()  # the sync dock's word on the store: unsent, last sync…
        self.sync_status.setObjectName("sync_status")
        self.sync_status.setWordWrap(True)
        self.sync_status.hide()
        self.on_map = PatchOnMap(canvas)
        # 审核 mode, for a reviewer (the role the sync dock learnt from the server)
        self.review_switch = QCheckBox(self.tr("审核 mode: approve or return submitted results"))
        self.review_switch.setObjectName("review_mode")
        self.review_switch.toggled.connect(self.set_review_mode)
        self.review = ReviewPanel()
        self.review.approve_button.clicked.connect(self.approve)
        self.review.return_button.clicked.connect(self.return_current)
        self.review.batch_button.clicked.connect(self.open_review_batch)
        self.review.comment.returnPressed.connect(self.return_current)
        self.review.hide()

        judging = QWidget()
        column = QVBoxLayout(judging)
        column.setContentsMargins(2, 2, 2, 2)
        column.addWidget(self.form)
        self.form.layout().insertWidget(self.form.essentials, self.parcels)  # after the essentials
        form_area = QScrollArea()
        form_area.setWidgetResizable(True)
        form_area.setWidget(judging)
        self.form_area = form_area
        # the form, the evidence and the history: one labelled box of tabs below the queue, so
        # that on a laptop's 768 pixels the queue and the form's essentials both show
        self.tabs = QTabWidget()
        self.tabs.setObjectName("judging_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(form_area, self.tr("Verdict"))
        self.tabs.addTab(self.evidence, self.tr("Evidence"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.split = split = QSplitter(Qt.Vertical)
        split.setObjectName("workbench_split")
        split.setChildrenCollapsible(False)
        split.addWidget(self.queue.table)  # the queue's rows share the height with the form
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 480])  # the queue and the form
        self.queue.table.setMinimumHeight(110)
        saved = WORKBENCH_SPLIT.get()
        self.split_kept = bool(saved)
        if saved:
            split.restoreState(QByteArray.fromBase64(saved.encode("ascii")))
        split.splitterMoved.connect(self.keep_layout)
        actions = QHBoxLayout()  # always in sight, below the form's scroll
        for button in (self.form.save_button, self.form.save_next_button, self.form.batch_button):
            actions.addWidget(button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.review_switch)
        layout.addWidget(self.queue)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addWidget(self.review)
        layout.addWidget(self.message)
        layout.addWidget(self.sync_status)
        self.setWidget(body)

        # the keys wherever the focus is inside the workbench (a filter on each of its widgets:
        # it hears them before QGIS's shortcuts), and on the map
        self.keys = KeyRouter(self, (QUEUE_AND_MAP, QUEUE), self, within=self)
        self.keys.watch(self)
        self.visibilityChanged.connect(lambda shown: shown and self.take_the_column())
        self.map_keys = KeyRouter(self, (QUEUE_AND_MAP,), self)  # Ctrl+S on the map: QGIS's
        canvas.installEventFilter(self.map_keys)
        self.refresh_role()

    def take_the_column(self) -> None:
        """Share the dock column with the patch list as tabs, the workbench in front: on a
        1366×768 laptop the two stacked leave the form a few lines."""
        from qgis.PyQt.QtWidgets import QMainWindow

        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating() or not self.isVisible():
            return
        patches = window.findChild(QDockWidget, "FarmlandGuardPatchDock")
        if (patches is None or patches.isFloating() or not patches.isVisible()
                or window.dockWidgetArea(patches) != window.dockWidgetArea(self)
                or self in window.tabifiedDockWidgets(patches)):
            return
        window.tabifyDockWidget(patches, self)
        self.raise_()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if not self.split_kept:  # until the technician moves it: the queue a third
            height = max(self.split.height(), 300)
            self.split.setSizes([int(height * 0.34), height - int(height * 0.34)])

    def keep_layout(self, *_) -> None:
        """The split between the queue and the form, kept for the next start."""
        self.split_kept = True
        WORKBENCH_SPLIT.set(bytes(self.split.saveState().toBase64()).decode("ascii"))

    @property
    def table(self):
        """The queue's table, where the keys are heard."""
        return self.queue.table

    @property
    def target(self):
        """Which of the patch and its parcels the form judges."""
        return self.parcels.target

    def current_row(self):
        return self.queue.current_row()

    # --- the store -------------------------------------------------------------------------

    def open_store(self, store: Path, layer) -> None:
        from ..store.history import History
        from ..store.parcels import Parcels
        from ..store.problems import Problems
        from ..store.queue import Queue
        from ..store.results import Verdicts
        from ..store.review import Reviews
        from ..store.workstore import WorkStore

        self.close_store()
        self.store = WorkStore(store)
        self.verdicts = Verdicts(self.store)
        self.reviews = Reviews(self.store)
        self.ledger = Problems(self.store)
        self.edits = History(self.store, self.verdicts, Parcels(self.store), self.reviews)
        self.store_queue = Queue(self.store)
        self.layer = layer
        self.parcels_layer = show_store(store, "parcels")
        self.parcels.pick_landuse_layer()
        self.queue.set_rows(self.store_queue.rows())
        self.take_the_column()
        self.setWindowTitle(self.tr("Verification workbench — {store}").format(store=Path(store).stem))
        self.queue.show_progress(self.store_queue.progress())
        self.refresh_role()
        if self.reviewing:
            self.set_review_mode(True)
        if self.queue.proxy.rowCount():
            self.queue.go_to(0)
        self.inform("")

    def no_store_text(self) -> str:
        return self.tr("No work store is open: open one (Open work store…, or a recent one) or "
                       "import a batch, from the menu 耕地卫片核查.")

    def needs_store(self) -> bool:
        """True when a store is open; otherwise says so in the workbench."""
        if self.store is None:
            self.warn(self.no_store_text())
            self.show()
            return False
        return True

    def next_unverified_from_start(self) -> None:
        """The first patch in view still unverified (the first row when it is)."""
        row = self.current_row()
        if row is not None and row.state != verdicts.UNCHECKED:
            self.next_unverified()

    def close_store(self) -> None:
        self.on_map.clear()
        self.outline = None
        self.show_outlines()
        self.evidence.show_patch(None, None)
        self.form.show_followup(None, [], [])
        self.problems_shown.emit(None, "")
        if self.store is not None:
            self.store.close()
        self.store = self.verdicts = self.edits = self.store_queue = self.reviews = None
        self.ledger = None
        self.layer = self.parcels_layer = None
        self.queue.set_rows([])
        self.parcels.clear()

    def after_change(self, jcbhs) -> None:
        """Refresh the rows, counts, form and map after the store changed."""
        if len(jcbhs) > RELOAD_ALL:  # a batch: reading the queue again is quicker than row by row
            kept = self.current_row()
            self.queue.set_rows(self.store_queue.rows())
            if kept is not None:
                self.queue.jump(kept.jcbh)  # stay on the patch the technician was looking at
        else:
            self.queue.update_rows(self.store_queue.rows(jcbhs))
        self.queue.show_progress(self.store_queue.progress())
        current = self.current_row()
        if current is not None:
            self.parcels.show(self.store, self.layer, current, keep=self.parcels.key())
            self.show_history(current.jcbh)
            self.show_outlines()
            self.show_followup(current.jcbh)
        for layer in (self.layer, self.parcels_layer):
            if layer is not None:
                # A repaint reads the committed rows afresh; reloading the provider would pull
                # the dataset from under other readers of the layer (the patch dock's task).
                layer.triggerRepaint()

    def parcels_changed(self, jcbh: str) -> None:
        """A cut, split or merge: parcels cut after the precheck get their own figures, from
        the layers the precheck read (the form says when they cannot)."""
        self.refresh_parcel_figures(jcbh)
        self.after_change([jcbh])

    def refresh_parcel_figures(self, jcbh: str) -> None:
        from ..store import precheck

        if self.verdicts.precheck(jcbh).get("TSSJ"):
            try:
                precheck.refresh_parcels(self.store.path, jcbh)
            except Exception as error:  # noqa: BLE001 - a layer moved or unreadable: say it
                self.warn(self.tr("The parcels' precheck figures could not be computed: "
                                  "{error}").format(error=error))

    # --- the patch in view -----------------------------------------------------------------

    def show_current(self) -> None:
        row = self.current_row()
        if row is None or self.verdicts is None:
            return
        self.parcels.show(self.store, self.layer, row)
        self.evidence.show_patch(self.store, row.jcbh)
        self.show_history(row.jcbh)
        self.show_followup(row.jcbh)
        self.message.setText("")
        self.outline = self.on_map.show(self.layer, row.fid) if self.layer else None
        if self.outline is not None:
            self.patch_shown.emit(self.canvas.extent(), row.qsx, row.hsx)
            self.show_outlines()

    def show_review_status(self) -> None:
        """What the decisions do to the result in view (审核 mode)."""
        if not self.reviewing:
            return
        key = self.parcels.key()
        if key is None or self.reviews is None:
            self.review.status.setText("")
            return
        state = self.verdicts.current(key).get("HCZT")
        targets = self.reviews.targets(state)
        if not targets:
            self.review.status.setText(self.tr("{key} is {state}: nothing to review.").format(
                key=key, state=state))
            return
        self.review.status.setText(self.tr(
            "{key} is {state}: approve → {approved}, return → {returned}. {waiting} results wait "
            "for review.").format(key=key, state=state, approved=targets[verdicts.APPROVE],
                                  returned=targets[verdicts.RETURN],
                                  waiting=self.queue.proxy.rowCount()))

    def show_outlines(self) -> None:
        """The patch in view and its parcels, for the before and after views."""
        outlines = [] if self.outline is None else [
            self.outline, *self.parcels.outlines(self.canvas.mapSettings().destinationCrs())]
        self.outlines_shown.emit(outlines)

    def show_followup(self, jcbh: str) -> None:
        """What followed the verdict — grid, 田长, early reports, problems and cases — in the
        form, and the problems to the re-check (before/after) views."""
        from ..store import patch_followup

        conn = self.store.conn
        self.form.show_followup(patch_followup.grid_of(conn, jcbh),
                                patch_followup.early_reports(conn, jcbh),
                                patch_followup.problems_of(self.ledger, jcbh))
        self.problems_shown.emit(self.ledger, jcbh)

    def rechecked(self, jcbh: str) -> None:
        """The re-check views recorded a result on the patch's problems."""
        if self.store is not None:
            self.after_change([jcbh])

    def show_history(self, jcbh: str) -> None:
        """Who changed what and when on this patch and its parcels, the latest first."""
        self.history.clear()
        self.history.addItems(sentences(self.edits.of(jcbh)))

    def target_changed(self) -> None:
        key = self.parcels.key()
        if key is not None and self.verdicts is not None:
            self.problems = []
            self.form.fill(self.verdicts.current(key))
            self.form.show_precheck(self.verdicts.precheck(key))
            self.show_review_status()

    def suggested_areas(self) -> dict:
        """Illegal areas to start from (``core.verdicts.suggested_areas``): what the approvals
        leave of the patch or parcel, its 耕地, 水田 and 永农, when the precheck ran; otherwise
        its area."""
        key = self.parcels.key()
        if key is None or self.verdicts is None:
            return {}
        return verdicts.suggested_areas(self.verdicts.figures(key))

    # --- what the keys do (``shortcuts.SHORTCUTS``) ------------------------------------------

    def step(self, delta: int) -> None:
        self.queue.step(delta)

    def next_unverified(self) -> None:
        if self.needs_store() and not self.queue.next_unverified():
            self.message.setText(self.tr("Every patch in view is verified."))

    def jump(self, jcbh: str | None = None) -> None:
        self.queue.jump(jcbh)

    def jump_typed(self) -> None:
        """Go to the patch whose id was typed in the jump box (a unique tail will do)."""
        text = self.queue.jump_box.text().strip()
        found = self.queue.find(text)
        if found is None or not self.queue.jump(found):
            self.warn(self.tr("No single patch in the queue has the id {text}.").format(text=text))
            return
        self.queue.jump_box.clear()
        self.table.setFocus()

    def pick_kind(self, number: int) -> None:
        if self.current_row() is not None:
            self.form.pick_kind(number)

    def same_as_previous(self) -> None:
        if self.previous is not None:
            self.form.fill(self.previous)

    def save(self) -> bool:
        row, key = self.current_row(), self.parcels.key()
        if row is None or self.verdicts is None or key is None or self.reviewing:
            return False  # a reviewer decides; the verdict is the technician's
        values = self.form.values()
        if self.form.locked():  # the rectification alone
            values = {f: values[f] for f in verdicts.RECTIFICATION}
        try:
            self.verdicts.save(key, values)
        except verdicts.VerdictError as error:
            self.show_problems(error.violations)
            return False
        self.show_problems([])
        self.previous = values
        self.after_change([row.jcbh])
        self.inform("\n".join([self.tr("Saved {jcbh}.").format(jcbh=key)] + [
            str(w) for w in verdicts.warnings(key, values, self.verdicts.figures(key)["TBMJ_MU"])]))
        self.saved.emit(row.jcbh)
        return True

    def save_and_next(self) -> None:
        """Save, then on to the next patch of the queue."""
        if self.save():
            self.queue.step(1)

    def show_problems(self, problems: list) -> None:
        """The rules the form breaks: said, and their fields framed; none: both cleared."""
        self.problems = list(problems)
        self.form.show_problems({p.field for p in self.problems})
        if self.problems:
            self.warn("\n".join(str(p) for p in self.problems))
        elif self.message.styleSheet():  # an error shown: it is fixed
            self.inform("")

    def recheck(self) -> None:
        """After an edit, the refusal shown is checked again: it clears once it is fixed."""
        key = self.parcels.key()
        if not self.problems or key is None or self.verdicts is None:
            return
        values = self.form.values()
        if self.form.locked():
            values = {f: values[f] for f in verdicts.RECTIFICATION}
        self.show_problems(self.verdicts.check(key, values))

    def open_batch(self):
        """The batch dialog for the verdict in the form; returns it (for scripts and tests)."""
        from .batch_dialog import BatchLabelDialog

        if not self.needs_store():
            return None
        dialog = BatchLabelDialog(self)
        dialog.show()
        return dialog

    def apply_batch(self, jcbhs: list, verdict: dict, overwrite: bool) -> bool:
        try:
            done = self.verdicts.label(jcbhs, verdict, overwrite)
        except verdicts.VerdictError as error:
            self.warn(str(error))
            return False
        self.after_change(jcbhs)
        self.table.setFocus()  # back in the workbench, where the undo key is heard
        self.inform(self.tr("{changed} patches labelled, {skipped} already judged and skipped; "
                            "{undo} undoes it.").format(changed=done.changed, skipped=done.skipped,
                                                        undo=keys_of("undo")))
        return True

    def undo(self) -> None:
        self._replay(self.edits.undo if self.edits else None, self.tr("Nothing to undo."))

    def redo(self) -> None:
        self._replay(self.edits.redo if self.edits else None, self.tr("Nothing to redo."))

    def _replay(self, action, nothing: str) -> None:
        if action is None:
            return
        try:
            op = action()
        except verdicts.VerdictError as error:
            self.warn(str(error))
            return
        if op is None:
            self.inform(nothing)
            return
        patches = self.edits.patches_of(op)
        told = self.replay_told(op)
        if any(change.field == "DKBH" for change in self.edits.replayed(op)):
            for jcbh in patches:  # parcels back: their figures too
                self.refresh_parcel_figures(jcbh)
        self.after_change(patches)
        self.inform(told)

    def replay_told(self, op: str) -> str:
        """What an undo or redo did, in sentences (the first few of a batch, and how many)."""
        told = sentences(self.edits.replayed(op))
        shown = told[:3]
        if len(told) > len(shown):
            shown.append(self.tr("… and {count} more.").format(count=len(told) - len(shown)))
        return "\n".join(shown)

    # --- 审核 mode ---------------------------------------------------------------------------

    def refresh_role(self) -> None:
        """Offer 审核 mode to a reviewer (the role the sync dock keeps in the settings)."""
        allowed = SYNC_ROLE.get() in REVIEWER_ROLES
        self.review_switch.setVisible(allowed)
        if not allowed and self.reviewing:
            self.review_switch.setChecked(False)

    def set_review_mode(self, on: bool) -> None:
        """审核 mode: the queue shows the results waiting for review, the form shows each
        read-only, and the review bar approves or returns it. Off: back to judging."""
        if self.review_switch.isChecked() != on:
            self.review_switch.setChecked(on)  # comes back here through ``toggled``
            return
        self.reviewing = on
        self.review.setVisible(on)
        tools = self.parcels  # a reviewer neither judges nor splits
        for widget in (self.form.save_button, self.form.save_next_button, self.form.batch_button,
                       tools.cut_button, tools.landuse_button, tools.landuse, tools.merge_button):
            widget.setVisible(not on)
        self.queue.only_states = self.review_states() if on else None
        self.queue.apply_filter()
        if self.store is None:
            return
        if on:
            if self.queue.proxy.rowCount():
                self.queue.go_to(0)
            self.show_review_status()
            self.inform(self.tr("审核 mode: {count} results wait for review.").format(
                count=self.queue.proxy.rowCount()))
        else:
            self.inform("")

    def review_states(self) -> frozenset:
        """The workflow states a reviewer decides on (with the profile's city level)."""
        city_level = self.reviews.city_level if self.reviews is not None \
            else profiles.city_level()
        return frozenset(s for s in verdicts.READ_ONLY if verdicts.review_targets(s, city_level))

    def approve(self) -> None:
        """Approve the result in view, with the comment typed if any, and go on."""
        row = self.current_row()
        if not self.reviewing:
            if SYNC_ROLE.get() in REVIEWER_ROLES:
                self.inform(self.tr("Switch on 审核 mode to approve or return results."))
            return
        if row is not None:
            self.apply_review([row.jcbh], verdicts.APPROVE, self.review.comment.text())

    def return_current(self) -> None:
        """Return the result in view with the comment typed; without one, ask for it."""
        row = self.current_row()
        if not self.reviewing or row is None:
            return
        if not self.review.comment.text().strip():
            self.review.comment.setFocus()
            self.warn(self.tr("Type what is to be fixed (the review comment) and confirm it to "
                              "return {jcbh}.").format(jcbh=row.jcbh))
            return
        self.apply_review([row.jcbh], verdicts.RETURN, self.review.comment.text())

    def apply_review(self, jcbhs: list, decision: str, comment: str | None) -> bool:
        """A decision on the results of ``jcbhs`` (the parcels' of a split patch) as one
        action, in the store and its outbox; the queue moves on to the next waiting."""
        if not self.needs_store():
            return False
        position = max(self.table.currentIndex().row(), 0)
        try:
            done = self.reviews.decide(self.reviews.keys_of(jcbhs), decision, comment)
        except verdicts.VerdictError as error:
            self.warn(str(error))
            return False
        self.review.comment.clear()
        self.after_change(jcbhs)
        if self.queue.proxy.rowCount():
            self.queue.go_to(min(position, self.queue.proxy.rowCount() - 1))
        self.table.setFocus()
        said = self.tr("{count} approved → {state}") if decision == verdicts.APPROVE \
            else self.tr("{count} returned → {state}")
        self.inform(said.format(count=done.count, state=done.state) + "; " + self.tr(
            "queued to send ({undo} undoes it until then); {waiting} wait for review.").format(
                undo=keys_of("undo"), waiting=self.queue.proxy.rowCount()))
        return True

    def open_review_batch(self):
        """The batch review dialog, previewing before it writes; returns it (for tests)."""
        if not self.needs_store() or not self.reviewing:
            return None
        dialog = ReviewBatchDialog(self)
        dialog.show()
        return dialog

    def start_cut(self) -> None:
        if not self.reviewing:
            self.parcels.start_cut()

    def step_target(self, delta: int) -> None:
        self.parcels.step_target(delta)

    def blink(self) -> None:
        self.blink_requested.emit()

    def swipe(self) -> None:
        self.swipe_requested.emit()

    def record_recheck(self, ok: bool) -> None:
        self.recheck_requested.emit(ok)

    # --- the rest --------------------------------------------------------------------------

    def open_precheck(self):
        """The 套合分析 dialog for the open store; returns it (for scripts and tests)."""
        from .precheck_dialog import PrecheckDialog

        if not self.needs_store():
            return None
        dialog = PrecheckDialog(self.store.path, self)
        dialog.completed.connect(lambda _: self.after_change([r.jcbh for r in self.queue.model.rows]))
        dialog.show()
        return dialog

    def show_sync_status(self, text: str) -> None:
        self.sync_status.setText(text)
        self.sync_status.setVisible(bool(text))

    def inform(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def warn(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00000")

    def detach(self) -> None:
        """Stop listening to the map's keys and leave its tools (the canvas outlives us)."""
        self.canvas.removeEventFilter(self.map_keys)
        self.keys.unwatch(self)
        self.parcels.detach()
