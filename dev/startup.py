"""Runs inside QGIS desktop (``qgis --code``): makes the demo's patch layer current.

With ``FG_REPORT`` set it also checks what a user would see, once the map and the patch dock
have finished loading: which plugins are active, whether the dock is visible and what it
lists, whether unloading leaves no trace (``FG_RELOAD=1``); with ``FG_IMPORT`` (a batch file)
and ``FG_IMPORT_STORE`` it imports the batch through the plugin's dialog as a user would,
screenshots the report (``FG_IMPORT_SHOT``) and closes it. It writes all that to the JSON file
``FG_REPORT``, takes a screenshot of the screen to ``FG_SCREENSHOT`` and quits QGIS.
"""

import json
import os
import subprocess
import sys
import time

import qgis.utils
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QDockWidget, QMenu, QToolBar

HEAVY = ("geopandas", "pandas", "pyogrio", "fastapi", "sqlalchemy")
fg_heavy_at_start = [m for m in HEAVY if m in sys.modules]
fg_started = time.monotonic()


def fg_patch_layer():
    """The patches the project shows: a work store's first (the one the workbench opened),
    else the batch as delivered; never a store's parcels."""
    found = [layer for layer in QgsProject.instance().mapLayers().values()
             if isinstance(layer, QgsVectorLayer) and layer.fields().lookupField("JCBH") >= 0
             and not layer.source().endswith("layername=parcels")]
    found.sort(key=lambda layer: not layer.source().endswith("layername=patches"))
    return found[0] if found else None


def fg_dock():
    return qgis.utils.iface.mainWindow().findChild(QDockWidget, "FarmlandGuardPatchDock")


def fg_traces():
    window = qgis.utils.iface.mainWindow()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    return {
        "docks": len(window.findChildren(QDockWidget, "FarmlandGuardPatchDock")),
        "toolbars": len(window.findChildren(QToolBar, "FarmlandGuardToolbar")),
        "menus": len(window.findChildren(QMenu, "FarmlandGuardMenu")),
        "provider": "farmland_guard" in [p.id() for p in
                                         qgis.core.QgsApplication.processingRegistry().providers()],
    }


def fg_select_patches():
    layer = fg_patch_layer()
    if layer is not None:
        qgis.utils.iface.setActiveLayer(layer)


def fg_ready():
    dock = fg_dock()
    return (dock is not None and not dock.loading
            and not qgis.utils.iface.mapCanvas().isDrawing())


def fg_report():
    report = {"active_plugins": list(qgis.utils.active_plugins),
              "heavy_modules_at_start": fg_heavy_at_start}
    if os.environ.get("FG_RELOAD") == "1":
        for n in (1, 2):
            qgis.utils.unloadPlugin("farmland_guard")
            report[f"after_unload_{n}"] = fg_traces()
            qgis.utils.loadPlugin("farmland_guard")
            qgis.utils.startPlugin("farmland_guard")
        fg_select_patches()
    if os.environ.get("FG_IMPORT"):
        fg_wait_then(lambda: fg_import(report))
    else:
        fg_wait_then(lambda: fg_finish(report))


def fg_import(report):
    """Import through the menu action and the dialog, as a technician would."""
    window = qgis.utils.iface.mainWindow()
    window.findChild(QAction, "FarmlandGuardImport").trigger()
    dialog = qgis.utils.plugins["farmland_guard"].import_dialog
    dialog.source.setFilePath(os.environ["FG_IMPORT"])
    dialog.store.setFilePath(os.environ["FG_IMPORT_STORE"])
    report["import_info"] = dialog.info.text()
    dialog.start.click()
    deadline = time.monotonic() + 60

    def poll():
        modal = QApplication.activeModalWidget()
        if modal is not None and type(modal).__name__ == "ReportDialog":
            QTimer.singleShot(800, lambda: fg_close_report(report, modal, dialog))
        elif time.monotonic() < deadline:
            QTimer.singleShot(200, poll)
        else:
            report["import_summary"] = None
            fg_finish(report)

    QTimer.singleShot(200, poll)


def fg_close_report(report, modal, dialog):
    report["import_summary"] = modal.summary.text()
    report["import_rows"] = modal.table.rowCount()
    if os.environ.get("FG_IMPORT_SHOT"):
        subprocess.run(["/usr/bin/import", "-window", "root", os.environ["FG_IMPORT_SHOT"]],
                       check=False)
    modal.reject()
    dialog.hide()
    layer = qgis.utils.iface.activeLayer()
    report["active_layer"] = layer.source() if layer is not None else None
    if os.environ.get("FG_LABEL"):
        fg_wait_then(lambda: fg_label(report))
    else:
        fg_wait_then(lambda: fg_finish(report))


def fg_show_views(report, bench):
    """Open the before/after views on a patch that lies on the demo imagery."""
    from qgis.core import QgsCoordinateTransform, QgsFeatureRequest

    views = qgis.utils.plugins["farmland_guard"].before_after
    views.show()
    after = views.pickers[1].currentLayer()
    if after is not None:
        area = QgsCoordinateTransform(after.crs(), bench.layer.crs(),
                                      QgsProject.instance()).transformBoundingBox(after.extent())
        feature = next(bench.layer.getFeatures(QgsFeatureRequest().setFilterRect(area)), None)
        if feature is not None:
            bench.jump(feature["JCBH"])
    report["views"] = {"visible": views.isVisible(), "dates": [d.text() for d in views.dates],
                       "layers": [p.currentLayer().name() if p.currentLayer() else None
                                  for p in views.pickers]}
    fg_cut_and_swipe(report, bench, views)


def fg_cut_and_swipe(report, bench, views):
    """Cut the patch in view in two with the mouse (C, two clicks, right-click), then swipe
    the before imagery over the map (W), both from the map's keyboard focus."""
    from qgis.core import QgsCoordinateTransform, QgsFeatureRequest
    from qgis.PyQt.QtCore import QPoint, Qt
    from qgis.PyQt.QtTest import QTest

    canvas = qgis.utils.iface.mapCanvas()
    canvas.setFocus()
    row = bench.current_row()
    feature = next(bench.layer.getFeatures(QgsFeatureRequest(row.fid)))
    box = QgsCoordinateTransform(bench.layer.crs(), canvas.mapSettings().destinationCrs(),
                                 QgsProject.instance()).transformBoundingBox(feature.geometry().boundingBox())
    pixels = canvas.getCoordinateTransform()
    ends = [pixels.transform(box.center().x(), y) for y in (box.yMaximum(), box.yMinimum())]
    ends = [QPoint(round(p.x()), round(p.y()) + shift) for p, shift in zip(ends, (-15, 15))]
    QTest.keyClick(canvas, Qt.Key_C)
    for point in ends:
        QTest.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    QTest.mouseClick(canvas.viewport(), Qt.RightButton, Qt.NoModifier, ends[-1])
    report["parcels"] = [bench.target.itemText(i) for i in range(bench.target.count())]
    report["cut_message"] = bench.message.text()
    # the patch and its parcels outlined on both views
    report["view_outlines"] = [[fg_parts(band.asGeometry()) for band in bands]
                               for bands in (views.patch_bands, views.parcel_bands)]
    QTest.keyClick(canvas, Qt.Key_W)
    QTest.mouseMove(canvas.viewport(), QPoint(canvas.width() // 3, canvas.height() // 2))
    report["swipe"] = {"on": views.swipe.active, "x": views.swipe.x}


def fg_parts(geometry):
    """(parts, area in map units) of an outline drawn on a before/after view."""
    parts = 0 if geometry.isEmpty() else geometry.constGet().partCount()  # ``geometry`` holds it
    return parts, geometry.area()


def fg_label(report):
    """Judge five patches in the workbench with the keyboard alone, as a technician would."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest

    bench = qgis.utils.plugins["farmland_guard"].workbench
    bench.raise_()
    QApplication.setActiveWindow(qgis.utils.iface.mainWindow())
    bench.table.setFocus()
    QTest.keyClick(bench.table, Qt.Key_3)  # 其他
    QTest.keyClick(bench.form.sub, Qt.Key_Down)  # its first sub-type
    bench.table.setFocus()
    QTest.keyClick(bench.table, Qt.Key_Return, Qt.ControlModifier)  # save
    for _ in range(4):
        QTest.keyClick(bench.table, Qt.Key_PageDown)
        QTest.keyClick(bench.table, Qt.Key_D, Qt.ControlModifier)  # same as previous
        QTest.keyClick(bench.table, Qt.Key_Return, Qt.ControlModifier)
    report["labelled"] = [(r.jcbh, r.state, r.verdict) for r in bench.queue.model.rows[:6]]
    fg_show_views(report, bench)
    report["workbench_progress"] = bench.queue.progress.format()
    report["workbench_message"] = bench.message.text()
    if os.environ.get("FG_LABEL_SHOT"):
        QTimer.singleShot(1500, lambda: (
            subprocess.run(["/usr/bin/import", "-window", "root", os.environ["FG_LABEL_SHOT"]],
                           check=False), fg_precheck(report, bench)))
    else:
        fg_precheck(report, bench)


def fg_precheck(report, bench, limit_s=120):
    """套合分析 from the workbench on the demo project's layers, as a QgsTask; then finish."""
    dialog = bench.open_precheck()
    report["precheck_layers"] = {
        "landuse": dialog.landuse.currentLayer().name() if dialog.landuse.currentLayer() else None,
        "approvals": [dialog.approvals.item(i).text() for i in range(dialog.approvals.count())
                      if dialog.approvals.item(i).checkState() == Qt.Checked]}
    dialog.start.click()
    deadline = time.monotonic() + limit_s

    def poll():
        if dialog.task is not None and time.monotonic() < deadline:
            QTimer.singleShot(200, poll)
            return
        report["precheck_message"] = dialog.message.text()
        report["precheck_form"] = {f: w.value() for f, w in bench.form.areas.items()}
        shot = os.environ.get("FG_PRECHECK_SHOT")
        if shot:
            subprocess.run(["/usr/bin/import", "-window", "root", shot], check=False)
        dialog.close()
        fg_finish(report)

    poll()


def fg_workbench():
    """What the workbench shows: the store the project reopened, the patch, the labels."""
    plugin = qgis.utils.plugins.get("farmland_guard")
    bench = plugin.workbench if plugin else None
    if bench is None or bench.store is None:
        return {"store": None, "visible": bool(bench and bench.isVisible())}
    row = bench.current_row()
    labelled = [layer.name() for layer in QgsProject.instance().mapLayers().values()
                if isinstance(layer, QgsVectorLayer) and layer.fields().lookupField("JCBH") >= 0
                and layer.labelsEnabled()]
    return {"store": str(bench.store.path), "visible": bench.isVisible(),
            "title": bench.windowTitle(), "current": row.jcbh if row else None,
            "progress": bench.queue.progress.format(), "layer": bench.layer.name(),
            "labelled_layers": labelled}


def fg_finish(report):
    dock = fg_dock()
    report.setdefault("workbench", fg_workbench())
    report.update({
        "dock_visible": bool(dock and dock.isVisible()),
        "dock_title": dock.windowTitle() if dock else None,
        "rows": dock.model.rowCount() if dock else None,
        "count_text": dock.count.text() if dock else None,
        "message": dock.message.text() if dock and dock.message.isVisible() else "",
        "traces": fg_traces(),
        "plugin_times": dict(qgis.utils.plugin_times),
        "seconds": round(time.monotonic() - fg_started, 1),
    })
    QCoreApplication.processEvents()
    shot = os.environ.get("FG_SCREENSHOT")
    if shot:
        subprocess.run(["/usr/bin/import", "-window", "root", shot], check=False)
        report["screenshot"] = shot
    with open(os.environ["FG_REPORT"], "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    os._exit(0)


def fg_wait_then(action, settle_ms=1500, limit_s=90):
    deadline = time.monotonic() + limit_s

    def poll():
        if fg_ready() or time.monotonic() > deadline:
            QTimer.singleShot(settle_ms, action)
        else:
            QTimer.singleShot(250, poll)

    QTimer.singleShot(250, poll)


fg_select_patches()
if os.environ.get("FG_REPORT"):
    # Xvfb has no window manager to maximise with: fill the screen by hand.
    qgis.utils.iface.mainWindow().setGeometry(
        qgis.utils.iface.mainWindow().screen().availableGeometry())
    fg_wait_then(fg_report)
