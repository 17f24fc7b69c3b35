"""A map tool to draw the line a patch is cut along: click the vertices, right-click or Enter
to finish, Backspace to take the last vertex back, Esc to give up."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor


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
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.finish()
        elif event.key() == Qt.Key_Backspace and self.points:
            self.points.pop()
            self.redraw()
        elif event.key() == Qt.Key_Escape:
            self.reset()
            self.cancelled.emit()
        else:
            event.ignore()
            return
        event.accept()

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
