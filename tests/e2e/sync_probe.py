"""Runs inside QGIS desktop (``qgis --code``) for ``test_sync_desktop``: the work store
``FG_STORE`` opened, the 同步 dock shown; sign in to ``FG_URL`` through the dock (the password
into this profile's auth manager), 上报 — the server changed the result meanwhile, so the
outcome is a conflict —, the conflict dialog opened and a field chosen. A screenshot of the
screen to ``FG_SHOT``, what it saw to the JSON file ``FG_REPORT``; then QGIS quits."""

import json
import os
import subprocess
import time
from pathlib import Path

import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtTest import QTest

report = {}


def finish():
    with open(os.environ["FG_REPORT"], "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    os._exit(0)


def when(condition, then, timeout=60.0):
    """``then()`` once ``condition()`` holds, polling without blocking QGIS."""
    deadline = time.monotonic() + timeout

    def poll():
        try:
            if condition():
                then()
            elif time.monotonic() > deadline:
                report["timed_out"] = then.__name__
                finish()
            else:
                QTimer.singleShot(200, poll)
        except Exception as error:  # noqa: BLE001 - report it, never a modal dialog
            report["error"] = repr(error)
            finish()

    poll()


def start():
    window = qgis.utils.iface.mainWindow()
    window.setGeometry(window.screen().availableGeometry())
    QgsApplication.authManager().setMasterPassword(os.environ["FG_MASTER"], True)
    plugin = qgis.utils.plugins["farmland_guard"]
    plugin.open_store(Path(os.environ["FG_STORE"]))
    dock = plugin.sync_dock
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [520], Qt.Horizontal)
    report["store"] = str(dock.store)
    report["status_before"] = dock.status.text()
    dock.url.setText(os.environ["FG_URL"])
    dock.user.setText(os.environ["FG_USER"])
    QTest.keyClicks(dock.password, os.environ["FG_PASSWORD"])
    QTest.mouseClick(dock.sign_in_button, Qt.LeftButton)

    def signed_in():
        report["who"] = dock.who.text()
        report["batches"] = dock.batch_table.rowCount()
        QTest.mouseClick(dock.push_button, Qt.LeftButton)
        when(lambda: not dock.busy(), pushed)

    def pushed():
        table = dock.outcomes
        report["outcomes"] = [[table.item(r, c).text() for c in range(3)]
                              for r in range(table.rowCount())]
        report["status_after"] = dock.status.text()
        report["conflicts_button"] = dock.conflicts_button.text()
        QTest.mouseClick(dock.conflicts_button, Qt.LeftButton)
        dialog = dock.conflict_dialog
        dialog.move(window.geometry().left() + 8, window.geometry().top() + 140)
        dialog.choose("WFMJ", "mine")
        table = dialog.table
        report["fields"] = [[table.item(r, c).text() if table.item(r, c) else "" for c in range(4)]
                            for r in range(table.rowCount())]
        report["merge_enabled"] = dialog.merge.isEnabled()
        report["title"] = dialog.title.text()
        QTimer.singleShot(1500, shoot)

    def shoot():
        QCoreApplication.processEvents()
        subprocess.run(["/usr/bin/import", "-window", "root", os.environ["FG_SHOT"]], check=False)
        finish()

    when(lambda: not dock.busy() and dock.who.text() != dock.tr("Not signed in."), signed_in)


def guarded():
    try:
        start()
    except Exception as error:  # noqa: BLE001 - never a modal error dialog under Xvfb
        report["error"] = repr(error)
        finish()


QTimer.singleShot(3000, guarded)
