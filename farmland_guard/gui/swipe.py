"""卷帘: the before imagery drawn over the main map left of a line that follows the mouse, so
a change shows by sweeping across it. The layer is rendered once per map refresh, off the
canvas's own settings, and only cut at the line while the mouse moves."""

from __future__ import annotations

from qgis.core import QgsMapRendererParallelJob
from qgis.gui import QgsMapCanvasItem
from qgis.PyQt.QtCore import QEvent, QObject, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QPen


class Swipe(QgsMapCanvasItem):
    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self.layer = None
        self.image = QImage()
        self.x = 0.0
        self.job = None
        self.mouse = _MouseFollower(self)
        self.setZValue(-5)  # over the map, under highlights and rubber bands
        self.hide()

    @property
    def active(self) -> bool:
        return self.isVisible()

    def toggle(self, layer) -> bool:
        """Swipe ``layer`` over the map, or stop; returns whether it is now on."""
        if self.active or layer is None:
            self.stop()
            return False
        self.layer = layer
        self.x = self.canvas.width() / 2
        self.canvas.mapCanvasRefreshed.connect(self.render)
        self.canvas.viewport().installEventFilter(self.mouse)
        self.canvas.viewport().setMouseTracking(True)
        self.show()
        self.render()
        return True

    def stop(self) -> None:
        if self.active:
            self.canvas.mapCanvasRefreshed.disconnect(self.render)
            self.canvas.viewport().removeEventFilter(self.mouse)
        if self.job is not None:
            self.job.cancelWithoutBlocking()
            self.job = None
        self.layer = None
        self.hide()

    def render(self) -> None:
        if self.layer is None:
            return
        settings = self.canvas.mapSettings()
        settings.setLayers([self.layer])
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        if self.job is not None:
            self.job.cancelWithoutBlocking()
        self.job = QgsMapRendererParallelJob(settings)
        self.job.finished.connect(lambda job=self.job: self.rendered(job))
        self.job.start()

    def rendered(self, job) -> None:
        if job is not self.job:
            return
        self.image = job.renderedImage()
        self.job = None
        self.setRect(self.canvas.extent())
        self.update()

    def move_to(self, x: float) -> None:
        self.x = min(max(x, 0.0), float(self.canvas.width()))
        self.update()

    def paint(self, painter, option=None, widget=None):
        if self.image.isNull():
            return
        ratio = self.image.devicePixelRatioF() or 1.0
        height = self.image.height() / ratio
        painter.drawImage(QRectF(0, 0, self.x, height), self.image,
                          QRectF(0, 0, self.x * ratio, self.image.height()))
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.drawLine(int(self.x), 0, int(self.x), int(height))


class _MouseFollower(QObject):
    def __init__(self, swipe: Swipe):
        super().__init__()
        self.swipe = swipe

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.MouseMove and not event.buttons() & Qt.LeftButton:
            self.swipe.move_to(event.pos().x())
        return False
