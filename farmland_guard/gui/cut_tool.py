"""A map tool to draw the line a patch is cut along: click the vertices, right-click to finish;
its keys (finish, take the last vertex back, give up) are those of ``shortcuts.SHORTCUTS``."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from .shortcuts import CUTTING, bindings, event_code


class CutTool(QgsMapTool):
    drawn = pyqtSignal(object)  # QgsGeometry (line) in the map's CRS
    cancelled = pyqtSignal()

    def __init__(self, canvas):
        super().__init__(canvas)
        self.points: list[QgsPointXY] = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.LineGeometry)
        self.band.setColor(QColor(255, 140, 0))
        self.band.setWidth(2)
        self.setCursor(Qt.CrossCursor)
        self.keys = bindings(self, (CUTTING,))

    def canvasPressEvent(self, event):  # noqa: N802
        if event.button() == Qt.RightButton:
            self.finish()
        elif event.button() == Qt.LeftButton:
            self.points.append(self.toMapCoordinates(event.pos()))
            self.redraw()

    def canvasMoveEvent(self, event):  # noqa: N802
        if self.points:
            self.redraw(self.toMapCoordinates(event.pos()))

    def keyPressEvent(self, event):  # noqa: N802
        action = self.keys.get(event_code(event))
        if action is None or action() is False:  # not ours, or nothing to do: QGIS's key
            event.ignore()
            return
        event.accept()

    def take_back(self) -> bool:
        """Take the last vertex back (False: there is none)."""
        if not self.points:
            return False
        self.points.pop()
        self.redraw()
        return True

    def give_up(self) -> None:
        self.reset()
        self.cancelled.emit()

    def redraw(self, moving: QgsPointXY | None = None) -> None:
        points = self.points + ([moving] if moving is not None else [])
        self.band.setToGeometry(QgsGeometry.fromPolylineXY(points), None)

    def finish(self) -> None:
        if len(self.points) >= 2:
            line = QgsGeometry.fromPolylineXY(self.points)
            self.reset()
            self.drawn.emit(line)

    def reset(self) -> None:
        self.points = []
        self.band.reset(QgsWkbTypes.LineGeometry)

    def deactivate(self):
        self.reset()
        super().deactivate()
