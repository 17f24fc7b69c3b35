"""The patch being judged on the main map: zoomed to with enough of its surroundings to judge
it, and highlighted."""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry, QgsProject
from qgis.gui import QgsHighlight
from qgis.PyQt.QtGui import QColor

ZOOM_MARGIN = 2.5  # the patch and enough of its surroundings to judge it
MIN_VIEW_M = 150.0  # never zoom closer than this, so the surroundings stay in sight


class PatchOnMap:
    def __init__(self, canvas):
        self.canvas = canvas
        self.highlight = None

    def show(self, layer, fid: int) -> QgsGeometry | None:
        """Zoom to feature ``fid`` of ``layer`` and highlight it; returns its outline in the
        map's CRS (None when it has none)."""
        feature = next(layer.getFeatures(QgsFeatureRequest(fid)), None)
        if feature is None or not feature.hasGeometry():
            return None
        transform = QgsCoordinateTransform(layer.crs(), self.canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        box = transform.transformBoundingBox(feature.geometry().boundingBox())
        box.scale(ZOOM_MARGIN)
        if self.canvas.mapSettings().destinationCrs().isGeographic():
            minimum = MIN_VIEW_M / 111_000
        else:
            minimum = MIN_VIEW_M
        if box.width() < minimum and box.height() < minimum:
            box.scale(minimum / max(box.width(), box.height(), 1e-9))
        self.canvas.setExtent(box)
        self.canvas.refresh()
        self.clear()
        self.highlight = QgsHighlight(self.canvas, feature.geometry(), layer)
        self.highlight.setColor(QColor(255, 0, 255))
        self.highlight.setWidth(3)
        self.highlight.show()
        outline = QgsGeometry(feature.geometry())
        outline.transform(transform)
        return outline

    def clear(self) -> None:
        if self.highlight is not None:
            self.highlight.hide()
            self.canvas.scene().removeItem(self.highlight)
            self.highlight = None
