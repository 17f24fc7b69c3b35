"""Before/after views follow the patch and each other; blink toggles the after imagery; the
swipe shows the before imagery left of a line that follows the mouse."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QEvent, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QMouseEvent
from qgis.PyQt.QtWidgets import QApplication

from farmland_guard.gui.before_after import BeforeAfterDock
from farmland_guard.gui.store_layer import show_store, store_of
from farmland_guard.gui.workbench import Workbench
from tests.qgis.conftest import wait_for


@pytest.fixture()
def imagery(demo_data):
    out, manifest = demo_data
    files, dates = manifest["imagery"]["files"], manifest["imagery"]["dates"]
    layers = [QgsRasterLayer(str(out / "imagery" / files["before"]), f"前时相 {dates['before']}"),
              QgsRasterLayer(str(out / "imagery" / files["after"]), f"后时相 {dates['after']}")]
    for layer in layers:
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
    yield layers, manifest["imagery"]["window"]
    for layer in layers:
        QgsProject.instance().removeMapLayer(layer.id())


def test_views_pick_the_imagery_follow_the_patch_and_each_other(imagery, qgis_canvas):
    (before, after), window = imagery
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    dock = BeforeAfterDock(qgis_canvas)
    dock.show()
    assert [p.currentLayer() for p in dock.pickers] == [before, after]
    x0, y0, x1, y1 = window
    patch = QgsRectangle(x0 + 1000, y0 + 1000, x0 + 1300, y0 + 1200)
    dock.show_patch(patch, "2024-10-15", "2025-03-20")
    left, right = dock.canvases
    assert left.extent().contains(patch) and right.extent().contains(patch)
    assert dock.dates[0].text().endswith("2024-10-15") and dock.dates[1].text().endswith("2025-03-20")
    left.setExtent(QgsRectangle(x0, y0, x0 + 2000, y0 + 2000))  # the user pans one view
    assert right.extent().center().x() == pytest.approx(left.extent().center().x(), abs=1)
    root = QgsProject.instance().layerTreeRoot()
    before_node, after_node = root.findLayer(before.id()), root.findLayer(after.id())
    before_node.setItemVisibilityChecked(False)  # as a project opens: the after imagery on top
    after_node.setItemVisibilityChecked(True)
    # blink: between the two images, never neither (a blank map), with a note on the map
    assert dock.blink() == "before"
    assert before_node.isVisible() and not after_node.isVisible()
    assert not dock.blink_note.isHidden() and "2024-10-15" in dock.blink_note.text()
    assert dock.blink() == "after"
    assert after_node.isVisible() and not before_node.isVisible()
    assert "2025-03-20" in dock.blink_note.text()


def test_the_workbench_drives_the_views(imagery, store, qgis_canvas):
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    layer = show_store(store)
    dock = BeforeAfterDock(qgis_canvas)
    bench = Workbench(qgis_canvas)
    bench.patch_shown.connect(dock.show_patch)
    bench.outlines_shown.connect(dock.show_outlines)
    parcels = show_store(store_of(layer), "parcels")
    try:
        bench.open_store(store_of(layer), layer)
        row = bench.current_row()
        qsx, hsx = bench.store.conn.execute("SELECT QSX, HSX FROM patches WHERE JCBH = ?",
                                            (row.jcbh,)).fetchone()
        assert dock.dates[0].text().endswith(qsx) and dock.dates[1].text().endswith(hsx)
        assert dock.canvases[0].extent().center().x() == pytest.approx(
            qgis_canvas.extent().center().x(), abs=1)

        # the patch outlined on both views, where it lies on the map
        to_map = QgsCoordinateTransform(layer.crs(), qgis_canvas.mapSettings().destinationCrs(),
                                        QgsProject.instance())
        patch = next(layer.getFeatures(QgsFeatureRequest(row.fid))).geometry()
        patch.transform(to_map)
        for band, canvas in zip(dock.patch_bands, dock.canvases):
            assert band.scene() is canvas.scene() and band.isVisible()
            drawn = band.asGeometry()
            assert drawn.area() == pytest.approx(patch.area(), rel=1e-6)
            assert drawn.hausdorffDistance(patch) < 0.01  # metres
            assert canvas.extent().contains(drawn.boundingBox())
        assert all(band.asGeometry().isEmpty() for band in dock.parcel_bands)

        # cut in two: its parcels too, and the next patch's outline replaces them
        bench.parcels.landuse.setLayer(None)
        box = patch.boundingBox()
        x = box.center().x()
        bench.parcels.cut_along(QgsGeometry.fromPolylineXY(
            [QgsPointXY(x, box.yMaximum() + 5), QgsPointXY(x, box.yMinimum() - 5)]))
        assert bench.target.count() == 3, bench.message.text()
        for band in dock.parcel_bands:
            drawn = band.asGeometry()  # held: constGet() points into it
            assert drawn.constGet().partCount() == 2
            assert drawn.area() == pytest.approx(patch.area(), rel=1e-3)
        assert dock.patch_bands[1].asGeometry().area() == pytest.approx(patch.area(), rel=1e-6)
        bench.step(1)
        following = next(layer.getFeatures(QgsFeatureRequest(bench.current_row().fid))).geometry()
        following.transform(to_map)
        assert dock.patch_bands[0].asGeometry().hausdorffDistance(following) < 0.01
        assert all(band.asGeometry().isEmpty() for band in dock.parcel_bands)
        bench.close_store()
        assert all(band.asGeometry().isEmpty() for band in dock.patch_bands)
    finally:
        bench.close_store()
        bench.detach()
        QgsProject.instance().removeMapLayer(layer.id())
        QgsProject.instance().removeMapLayer(parcels.id())


def test_swipe_shows_the_before_imagery_left_of_the_mouse(imagery, qgis_canvas):
    (before, after), window = imagery
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    qgis_canvas.setLayers([after])
    x0, y0, x1, y1 = window
    qgis_canvas.setExtent(QgsRectangle(x0 + 2300, y0 + 2300, x0 + 2700, y0 + 2700))
    dock = BeforeAfterDock(qgis_canvas)
    try:
        assert dock.toggle_swipe() is True
        wait_for(lambda: not dock.swipe.image.isNull())
        image = dock.swipe.image
        assert image.size() == qgis_canvas.mapSettings().outputSize()
        samples = [QColor(image.pixelColor(x, y)) for x in range(0, image.width(), 3)
                   for y in range(0, image.height(), 3)]
        assert sum(c.alpha() == 255 for c in samples) > 0.9 * len(samples)  # imagery all over
        assert len({c.name() for c in samples}) > 20
        move = QMouseEvent(QEvent.MouseMove, QPointF(50, 20), Qt.NoButton, Qt.NoButton, Qt.NoModifier)
        QApplication.sendEvent(qgis_canvas.viewport(), move)  # (QTest's needs a shown window)
        assert dock.swipe.x == 50
        qgis_canvas.refresh()  # a new map picture renders the before imagery afresh
        wait_for(lambda: dock.swipe.job is None)
        assert dock.toggle_swipe() is False and not dock.swipe.isVisible()
    finally:
        dock.detach()
