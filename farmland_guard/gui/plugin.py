"""Wires the plugin into QGIS: menu, toolbar, patch dock, Processing provider, translator, log."""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QInputDialog, QMenu, QMessageBox

from .. import dependencies
from ..about import metadata
from ..core import identity
from ..core.language import set_language
from ..log import NOTIFY, QgsMessageLogHandler, logger, qgis_level
from ..paths import asset
from ..settings import DEBUG, USER_NAME
from ..translation import Translatable, install_qt_translator, install_translator
from . import work_stores
from .before_after import BeforeAfterDock
from .followup_dock import FollowupDock
from .ledger_dock import LedgerDock
from .patch_dock import PatchDock
from .store_layer import hide_raw_labels, show_store, store_of, style_if_plain
from .sync_dock import SyncDock
from .workbench import Workbench

MESSAGE_SECONDS = 10
WORKBENCH_WIDTH = 520


class MessageBarHandler(logging.Handler):
    """Pushes log records marked ``extra=NOTIFY`` to the QGIS message bar."""

    def __init__(self, iface):
        super().__init__()
        self.iface = iface

    def filter(self, record):
        return getattr(record, "notify", False)

    def emit(self, record):
        self.iface.messageBar().pushMessage(
            "farmland_guard", self.format(record), qgis_level(record), MESSAGE_SECONDS
        )


class FarmlandGuardPlugin(Translatable):
    def __init__(self, iface):
        self.iface = iface
        self.translator = install_translator()
        self.qt_translator = install_qt_translator()  # the dialogs' Close, OK, Cancel, Apply
        self.provider = None
        self.dock: PatchDock | None = None
        self.menu: QMenu | None = None
        self.toolbar = None
        self.about_action: QAction | None = None
        self.import_action: QAction | None = None
        self.open_action: QAction | None = None
        self.name_action: QAction | None = None
        self.recent_menu: QMenu | None = None
        self.import_dialog = None
        self.workbench: Workbench | None = None
        self.before_after: BeforeAfterDock | None = None
        self.sync_dock: SyncDock | None = None
        self.ledger_dock: LedgerDock | None = None
        self.followup_dock: FollowupDock | None = None
        self.handlers: list[logging.Handler] = []

    def initProcessing(self):  # noqa: N802 - called by QGIS
        if self.provider is None:
            from ..processing.provider import FarmlandGuardProvider

            self.provider = FarmlandGuardProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - called by QGIS
        self._install_logging()
        self.initProcessing()
        title = self.tr("Farmland patch verification")
        icon = QIcon(str(asset("resources", "icons", "farmland_guard.svg")))
        window = self.iface.mainWindow()

        self.dock = PatchDock(self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        toggle = self.dock.toggleViewAction()
        toggle.setIcon(icon)
        toggle.setText(self.tr("Patch list"))
        toggle.setToolTip(self.tr("Show or hide the list of change patches"))
        self.import_action = QAction(QgsApplication.getThemeIcon("/mActionAddOgrLayer.svg"),
                                     self.tr("Import change patches…"), window)
        self.import_action.setObjectName("FarmlandGuardImport")
        self.import_action.triggered.connect(self.show_import)
        self.open_action = QAction(QgsApplication.getThemeIcon("/mActionFileOpen.svg"),
                                   self.tr("Open work store…"), window)
        self.open_action.setObjectName("FarmlandGuardOpenStore")
        self.open_action.triggered.connect(self.choose_store)
        self.name_action = QAction(self.tr("Your name in the history…"), window)
        self.name_action.setObjectName("FarmlandGuardUserName")
        self.name_action.triggered.connect(self.ask_user_name)
        identity.set_user(self.user_name())
        self.about_action = QAction(self.tr("About farmland_guard…"), window)
        self.about_action.triggered.connect(self.show_about)

        self.menu = QMenu(title, window.menuBar())
        self.menu.setObjectName("FarmlandGuardMenu")
        self.menu.addAction(self.import_action)
        self.menu.addAction(self.open_action)
        self.recent_menu = self.menu.addMenu(self.tr("Recent work stores"))
        self.recent_menu.setObjectName("FarmlandGuardRecentStores")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.fill_recent()
        self.menu.addAction(toggle)
        self.menu.addSeparator()
        self.menu.addAction(self.name_action)
        self.menu.addAction(self.about_action)
        menu_actions = window.menuBar().actions()
        if menu_actions:  # before Help, the last menu of QGIS
            window.menuBar().insertMenu(menu_actions[-1], self.menu)
        else:
            window.menuBar().addMenu(self.menu)

        self.toolbar = self.iface.addToolBar(title)
        self.toolbar.setObjectName("FarmlandGuardToolbar")
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(toggle)

        self.workbench = Workbench(self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.workbench)
        self.workbench.hide()
        self.before_after = BeforeAfterDock(self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.BottomDockWidgetArea, self.before_after)
        self.before_after.hide()
        self.workbench.patch_shown.connect(self.before_after.show_patch)
        self.workbench.outlines_shown.connect(self.before_after.show_outlines)
        self.workbench.blink_requested.connect(self.before_after.blink)
        self.workbench.swipe_requested.connect(self.before_after.toggle_swipe)
        self.workbench.problems_shown.connect(self.before_after.recheck.show_problems)
        self.workbench.recheck_requested.connect(self.before_after.recheck.record)
        self.before_after.recheck.rechecked.connect(self.workbench.rechecked)
        views_toggle = self.before_after.toggleViewAction()
        views_toggle.setText(self.tr("Before / after views"))
        views_toggle.setIcon(QgsApplication.getThemeIcon("/mActionTileWindows.svg"))
        workbench_toggle = self.workbench.toggleViewAction()
        workbench_toggle.setText(self.tr("Verification workbench"))
        workbench_toggle.setIcon(QgsApplication.getThemeIcon("/mActionOpenTable.svg"))
        self.menu.insertAction(toggle, workbench_toggle)
        self.menu.insertAction(toggle, views_toggle)
        self.toolbar.addAction(workbench_toggle)
        self.toolbar.addAction(views_toggle)

        self.sync_dock = SyncDock(window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.sync_dock)
        self.sync_dock.hide()
        self.sync_dock.pulled.connect(self.on_imported)
        self.sync_dock.store_changed.connect(self.store_synced)
        self.sync_dock.status_shown.connect(self.workbench.show_sync_status)
        self.sync_dock.role_known.connect(lambda _: self.workbench.refresh_role())
        self.workbench.saved.connect(lambda _: self.sync_dock.refresh_status())
        sync_toggle = self.sync_dock.toggleViewAction()
        sync_toggle.setText(self.tr("Sync with the server"))
        sync_toggle.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.menu.insertAction(toggle, sync_toggle)
        self.toolbar.addAction(sync_toggle)

        self.ledger_dock = LedgerDock(self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.BottomDockWidgetArea, self.ledger_dock)
        self.ledger_dock.hide()
        self.workbench.saved.connect(self.ledger_dock.store_saved)
        self.sync_dock.store_changed.connect(self.ledger_dock.store_saved)
        ledger_toggle = self.ledger_dock.toggleViewAction()
        ledger_toggle.setText(self.tr("Ledgers"))
        ledger_toggle.setToolTip(self.tr("Show or hide the ledgers: occupation and compensation, "
                                         "in and out, the illegal occupation ratio"))
        ledger_toggle.setIcon(QgsApplication.getThemeIcon("/mActionCalculateField.svg"))
        self.menu.insertAction(toggle, ledger_toggle)
        self.toolbar.addAction(ledger_toggle)

        self.followup_dock = FollowupDock(self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.BottomDockWidgetArea, self.followup_dock)
        self.followup_dock.hide()
        self.sync_dock.store_changed.connect(self.followup_dock.store_saved)
        followup_toggle = self.followup_dock.toggleViewAction()
        followup_toggle.setText(self.tr("Rectification ledger"))
        followup_toggle.setToolTip(self.tr("Show or hide the rectification ledger: the problems "
                                           "to rectify, their cases, closing and completion rate"))
        followup_toggle.setIcon(QgsApplication.getThemeIcon("/mActionOpenTableVisible.svg"))
        self.menu.insertAction(toggle, followup_toggle)
        self.toolbar.addAction(followup_toggle)

        self.iface.currentLayerChanged.connect(self.dock.set_layer)
        self.iface.currentLayerChanged.connect(self.follow_layer)
        self.dock.set_layer(self.iface.activeLayer())
        self.follow_layer(self.iface.activeLayer())
        QgsProject.instance().readProject.connect(self.project_read)
        if QgsProject.instance().fileName():  # the plugin loaded after the project
            self.project_read()
        self._warn_missing_dependencies()

    def unload(self):
        if self.followup_dock is not None:
            self.followup_dock.cleanup()
            self.iface.removeDockWidget(self.followup_dock)
            self.followup_dock.deleteLater()
            self.followup_dock = None
        if self.ledger_dock is not None:
            self.ledger_dock.cleanup()
            self.iface.removeDockWidget(self.ledger_dock)
            self.ledger_dock.deleteLater()
            self.ledger_dock = None
        if self.sync_dock is not None:
            self.sync_dock.cancel()
            self.iface.removeDockWidget(self.sync_dock)
            self.sync_dock.deleteLater()
            self.sync_dock = None
        if self.workbench is not None:
            QgsProject.instance().readProject.disconnect(self.project_read)
            self.iface.currentLayerChanged.disconnect(self.follow_layer)
            self.workbench.close_store()
            self.workbench.detach()
            self.iface.removeDockWidget(self.workbench)
            self.workbench.deleteLater()
            self.workbench = None
        if self.before_after is not None:
            self.before_after.detach()
            self.iface.removeDockWidget(self.before_after)
            self.before_after.deleteLater()
            self.before_after = None
        if self.dock is not None:
            self.iface.currentLayerChanged.disconnect(self.dock.set_layer)
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        for action in (self.about_action, self.import_action, self.open_action, self.name_action):
            if action is not None:
                action.deleteLater()
        self.about_action = self.import_action = self.open_action = self.recent_menu = None
        self.name_action = None
        identity.set_user(None)
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
            self.import_dialog = None
        self.workbench: Workbench | None = None
        self.before_after: BeforeAfterDock | None = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        for translator in (self.translator, self.qt_translator):
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self.translator = self.qt_translator = None
        set_language("en")
        for handler in self.handlers:
            logger().removeHandler(handler)
        self.handlers = []

    def _install_logging(self):
        self.handlers = [QgsMessageLogHandler(), MessageBarHandler(self.iface)]
        log = logger()
        log.setLevel(logging.DEBUG if DEBUG.get() else logging.INFO)
        for handler in self.handlers:
            log.addHandler(handler)

    def _warn_missing_dependencies(self):
        missing = dependencies.missing()
        if missing:
            logger().warning(
                self.tr("farmland_guard needs the Python packages {names}, which are missing "
                        "from the QGIS Python. Install them with: {command} "
                        "(on Windows, in the OSGeo4W Shell).")
                .format(names=", ".join(missing), command=dependencies.pip_command(missing)),
                extra=NOTIFY,
            )

    def show_import(self):
        if self.import_dialog is None:
            from .import_dialog import ImportDialog

            self.import_dialog = ImportDialog(self.iface.mainWindow())
            self.import_dialog.imported.connect(self.on_imported)
            self.import_dialog.patch_wanted.connect(self.show_patch)
        self.import_dialog.show()
        self.import_dialog.raise_()

    def on_imported(self, result):
        self.open_store(result.store)
        logger().info(
            self.tr("{imported} patches imported into {store}; {rejected} rejected.")
            .format(imported=result.imported, store=result.store, rejected=result.rejected),
            extra=NOTIFY)

    # --- work stores -------------------------------------------------------------------------

    def choose_store(self):
        """打开工作库…: pick a store's GeoPackage, starting where the last one was."""
        stores = work_stores.recent()
        chosen, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), self.tr("Open work store"),
            str(stores[0].parent) if stores else "", self.tr("Work stores") + " (*.gpkg)")
        if chosen:
            self.open_store(Path(chosen))

    def fill_recent(self):
        self.recent_menu.clear()
        stores = work_stores.recent()
        for path in stores:
            action = self.recent_menu.addAction(path.stem)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_store(p))
        if not stores:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def open_store(self, path: Path) -> bool:
        """The store's patches in the map, styled, and the workbench on its next unverified
        patch; the store is remembered (recent stores, and the project's store)."""
        path = Path(path)
        if not work_stores.is_store(path):
            logger().warning(self.tr("{path} is not a work store of farmland_guard: import a "
                                     "batch to make one.").format(path=path), extra=NOTIFY)
            return False
        layer = show_store(path)
        hide_raw_labels(layer)  # one label per patch: the store's
        self.iface.setActiveLayer(layer)  # the patch dock and the workbench follow
        self.follow_layer(layer)
        self.show_workbench()
        self.workbench.next_unverified_from_start()
        self.before_after.refresh_layers()
        work_stores.remember(path)
        self.sync_dock.set_store(path)
        self.ledger_dock.set_store(path)
        self.followup_dock.set_store(path)
        return True

    def project_read(self, *_):
        """A project saved with a store open opens it again."""
        path = work_stores.of_project()
        if path is not None and work_stores.is_store(path):
            self.open_store(path)

    @staticmethod
    def user_name() -> str:
        """The name the history records: the one given to the plugin, else the full name QGIS
        knows (never only the login of the account, when QGIS knows better)."""
        return USER_NAME.get().strip() or QgsApplication.userFullName() or ""

    def ask_user_name(self) -> None:
        name, ok = QInputDialog.getText(
            self.iface.mainWindow(), self.tr("Your name in the history"),
            self.tr("The name the history of each patch records for what you do:"),
            text=self.user_name())
        if ok and name.strip():
            USER_NAME.set(name.strip())
            identity.set_user(name.strip())

    def show_patch(self, jcbh: str) -> None:
        """A patch of the open store in the workbench and on the map (from the import report)."""
        self.show_workbench()
        self.workbench.jump(jcbh)

    def show_workbench(self):
        """The workbench in front (it takes a tab over the patch dock when shown)."""
        window = self.iface.mainWindow()
        self.workbench.show()
        self.workbench.raise_()
        if self.workbench.width() < WORKBENCH_WIDTH:  # the verdict buttons side by side
            window.resizeDocks([self.workbench], [WORKBENCH_WIDTH], Qt.Horizontal)

    def follow_layer(self, layer):
        """Open the workbench on the store whose patches layer became current."""
        store = store_of(layer)
        if store is not None and (self.workbench.store is None
                                  or self.workbench.store.path.resolve() != store.resolve()):
            style_if_plain(layer, store)  # added by hand: the store's look, not one plain colour
            hide_raw_labels(layer)
            self.workbench.open_store(store, layer)
            self.before_after.refresh_layers()
            work_stores.remember(store)
            self.sync_dock.set_store(store)
            self.ledger_dock.set_store(store)
            self.followup_dock.set_store(store)

    def store_synced(self, path: str) -> None:
        """A sync or a resolved conflict changed the store: the workbench reads it again."""
        bench = self.workbench
        if bench is not None and bench.store is not None \
                and bench.store.path.resolve() == Path(path).resolve():
            bench.after_change([row.jcbh for row in bench.queue.model.rows])

    def show_about(self):
        meta = metadata()
        QMessageBox.about(
            self.iface.mainWindow(),
            self.tr("About farmland_guard"),
            self.tr("{name} {version}\n\n{about}\n\nLicence: GPL-2.0-or-later")
            .format(name=meta["name"], version=meta["version"], about=meta["about"]),
        )
