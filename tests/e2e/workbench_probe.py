"""Runs inside QGIS desktop (``qgis --code``) for ``test_workbench_desktop``: a batch imported
and prechecked, the workbench opened on it as a technician would see it on this screen, the
queue filtered to 建议其他, then B blinked twice on the map. Screenshots to ``FG_SHOTS``
(a folder), what it saw to the JSON file ``FG_REPORT``; then QGIS quits."""

import json
import os
import subprocess
from pathlib import Path

import qgis.utils
from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

SHOTS = Path(os.environ["FG_SHOTS"])
report = {}


def shot(name):
    QCoreApplication.processEvents()
    path = SHOTS / f"{name}.png"
    subprocess.run(["/usr/bin/import", "-window", "root", str(path)], check=False)
    report.setdefault("shots", []).append(str(path))


def inside(widget, area):
    """Whether ``widget`` shows whole inside ``area`` (a scroll area's viewport, unscrolled)."""
    top_left = widget.mapTo(area, widget.rect().topLeft())
    return top_left.y() >= 0 and top_left.y() + widget.height() <= area.height()


def on_screen(widget):
    screen = widget.screen().availableGeometry()
    corner = widget.mapToGlobal(widget.rect().bottomRight())
    return widget.isVisible() and screen.contains(corner)


def step(actions):
    if actions:
        actions[0]()
        QTimer.singleShot(1500, lambda: step(actions[1:]))


def start():
    from farmland_guard.gui.store_layer import show_store
    from farmland_guard.store import importer, precheck

    window = qgis.utils.iface.mainWindow()
    window.setGeometry(window.screen().availableGeometry())
    store = SHOTS / "store.gpkg"
    importer.run(Path(os.environ["FG_BATCH"]), store)
    base = os.environ["FG_BASE"]
    precheck.run(store, f"{base}|layername=DLTB", f"{base}|layername=YJJBNT",
                 f"{base}|layername=STBHHX", [(f"{base}|layername=NZY", None),
                                              (f"{base}|layername=GDXM", None)])
    plugin = qgis.utils.plugins["farmland_guard"]
    bench = plugin.workbench
    layer = show_store(store)
    qgis.utils.iface.setActiveLayer(layer)
    bench.show()
    bench.raise_()
    window.resizeDocks([bench], [int(os.environ.get("FG_BENCH_WIDTH", "560"))], Qt.Horizontal)
    bench.open_store(store, layer)
    views = plugin.before_after
    views.show()
    views.refresh_layers()
    QApplication.setActiveWindow(window)
    bench.table.setFocus()

    def suggested():
        box = bench.queue.suggested
        box.setCurrentIndex(box.findData("其他"))
        bench.queue.go_to(0)
        QTest.keyClick(bench.table, Qt.Key_3)

    def look():
        form, area = bench.form, bench.form_area.viewport()
        report["suggested"] = form.suggested.text()
        report["figures"] = form.figures.text()
        report["queue_row"] = [bench.queue.proxy.index(0, c).data() for c in range(7)]
        report["shown_rows"] = bench.queue.proxy.rowCount()
        last = bench.table.rowAt(bench.table.viewport().height() - 1)
        report["queue_rows_visible"] = last + 1 if last >= 0 else bench.queue.proxy.rowCount()
        report["essentials_unscrolled"] = {
            name: inside(widget, area) for name, widget in (
                ("verdict", form.kinds), ("suggestion", form.precheck_box), ("sub", form.sub),
                ("illegal_area", form.areas["WFMJ"]), ("permanent_farmland", form.areas["WFJBNTMJ"]))}
        report["save_on_screen"] = on_screen(form.save_button)
        report["tabs"] = [bench.tabs.tabText(i) for i in range(bench.tabs.count())]
        checked = form.kind_buttons.checkedButton()
        report["checked"] = checked.text() if checked else None
        shot("workbench")

    def to_imagery():
        bench.queue.clear_filters()
        after = views.pickers[1].currentLayer()
        if after is not None:
            area = QgsCoordinateTransform(after.crs(), bench.layer.crs(),
                                          QgsProject.instance()).transformBoundingBox(after.extent())
            feature = next(bench.layer.getFeatures(QgsFeatureRequest().setFilterRect(area)), None)
            if feature is not None:
                bench.jump(feature["JCBH"])
        canvas = qgis.utils.iface.mapCanvas()
        canvas.setFocus()
        report["layers"] = [p.currentLayer().name() if p.currentLayer() else None
                            for p in views.pickers]

    def blink(name):
        canvas = qgis.utils.iface.mapCanvas()
        QTest.keyClick(canvas, Qt.Key_B)
        root = QgsProject.instance().layerTreeRoot()
        report[name] = {"note": views.blink_note.text(),
                        "visible": [bool(p.currentLayer()) and root.findLayer(
                            p.currentLayer().id()).isVisible() for p in views.pickers]}

    def finish():
        with open(os.environ["FG_REPORT"], "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
        os._exit(0)

    step([suggested, look, to_imagery, lambda: blink("blink1"), lambda: shot("blink-before"),
          lambda: blink("blink2"), lambda: shot("blink-after"), finish])


try:
    QTimer.singleShot(3000, start)
except Exception as error:  # noqa: BLE001 - never a modal error dialog under Xvfb
    print(error)
    os._exit(1)
