"""前后时相: two map views, before and after, that follow the patch and each other, each labelled
with its date and showing the outline of the patch (and of its parcels) over the imagery; and,
on the main map, a blink of the after imagery and a swipe of the before. In 复核影像 mode
(``recheck_bar``) the after side is a newer image picked for the re-check, the before side
still the patch's own before image: blink and swipe compare the two."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsWkbTypes
from qgis.gui import QgsMapCanvas, QgsMapLayerComboBox, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDockWidget, QGridLayout, QLabel, QWidget

from .recheck_bar import RecheckBar
from .swipe import Swipe

BEFORE_WORDS = ("前时相", "before", "qsx")
AFTER_WORDS = ("后时相", "after", "hsx")
PATCH_COLOUR = QColor(255, 0, 255)  # as the patch is highlighted on the main map
PARCEL_COLOUR = QColor(255, 212, 0)


def outline_band(canvas, colour: QColor, width: int, style=Qt.SolidLine) -> QgsRubberBand:
    """An unfilled outline drawn over a map view."""
    band = QgsRubberBand(canvas, QgsWkbTypes.PolygonGeometry)
    band.setStrokeColor(colour)
    band.setFillColor(QColor(0, 0, 0, 0))
    band.setWidth(width)
    band.setLineStyle(style)
    return band


def guess_layer(words):
    """The project's raster layer whose name says it is the before (or after) imagery."""
    for layer in QgsProject.instance().mapLayers().values():
        if layer.type() == layer.RasterLayer and any(w in layer.name().lower() for w in words):
            return layer
    return None


class BeforeAfterDock(QDockWidget):
    OBJECT_NAME = "FarmlandGuardBeforeAfter"

    def __init__(self, main_canvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Before / after"))
        self.main_canvas = main_canvas
        self.syncing = False
        self.canvases, self.pickers, self.dates = [], [], []
        self.patch_bands, self.parcel_bands = [], []  # one each per view
        body = QWidget()
        grid = QGridLayout(body)
        for column, (title, words) in enumerate(((self.tr("Before"), BEFORE_WORDS),
                                                 (self.tr("After"), AFTER_WORDS))):
            picker = QgsMapLayerComboBox()
            picker.setFilters(QgsMapLayerProxyModel.RasterLayer)
            picker.setAllowEmptyLayer(True)
            picker.setLayer(guess_layer(words))
            date = QLabel(title)
            canvas = QgsMapCanvas()
            canvas.setMinimumSize(240, 240)
            canvas.setCanvasColor(main_canvas.canvasColor())
            picker.layerChanged.connect(lambda layer, c=canvas: self.show_layer(c, layer))
            canvas.extentsChanged.connect(lambda c=canvas: self.follow(c))
            grid.addWidget(picker, 0, column)
            grid.addWidget(date, 1, column)
            grid.addWidget(canvas, 2, column)
            self.canvases.append(canvas)
            self.pickers.append(picker)
            self.dates.append(date)
            self.show_layer(canvas, picker.currentLayer())
            self.parcel_bands.append(outline_band(canvas, PARCEL_COLOUR, 2, Qt.DashLine))
            self.patch_bands.append(outline_band(canvas, PATCH_COLOUR, 3))
        self.recheck = RecheckBar()
        self.recheck.switched.connect(lambda _: self.show_after())
        self.recheck.image_changed.connect(self.show_after)
        grid.addWidget(self.recheck, 3, 0, 1, 2)
        self.setWidget(body)
        self.swipe = Swipe(main_canvas)
        self.patch_dates: tuple = (None, None)
        # which imagery the main map shows while blinking, on the map itself
        self.blink_note = QLabel(main_canvas)
        self.blink_note.setObjectName("blink_note")
        self.blink_note.setStyleSheet("QLabel { background: rgba(255, 255, 255, 220); color: #000; "
                                      "font-weight: bold; padding: 4px 8px; "
                                      "border: 2px solid #1565c0; border-radius: 3px; }")
        self.blink_note.move(10, 10)
        self.blink_note.hide()

    def show_layer(self, canvas, layer) -> None:
        canvas.setDestinationCrs(self.main_canvas.mapSettings().destinationCrs())
        canvas.setLayers([layer] if layer is not None else [])
        canvas.refresh()

    def refresh_layers(self) -> None:
        """Pick up imagery added to the project since the views were made."""
        for picker, words in zip(self.pickers, (BEFORE_WORDS, AFTER_WORDS)):
            if picker.currentLayer() is None and guess_layer(words) is not None:
                picker.setLayer(guess_layer(words))
        self.show_layer(self.canvases[0], self.pickers[0].currentLayer())
        self.show_after()

    def after_layer(self):
        """The after side: the re-check image in 复核影像 mode, else the patch's after image."""
        return self.recheck.layer() if self.recheck.on else self.pickers[1].currentLayer()

    def after_title(self) -> tuple[str, str | None]:
        """The after side's name and date."""
        if self.recheck.on:
            return self.tr("Re-check image"), self.recheck.image_date()
        return self.tr("After"), self.patch_dates[1]

    def show_after(self) -> None:
        """The after view and its label, for the mode and image in force."""
        self.pickers[1].setEnabled(not self.recheck.on)
        self.show_layer(self.canvases[1], self.after_layer())
        title, date = self.after_title()
        self.dates[1].setText(f"{title} {date}" if date else title)
        if not self.blink_note.isHidden():
            self.note_shown(self.blink_note.property("showing"))

    def show_patch(self, extent, before_date: str | None, after_date: str | None) -> None:
        """Both views on ``extent`` (in the main map's CRS), labelled with the patch's dates."""
        self.patch_dates = (before_date, after_date)
        title = self.tr("Before")
        self.dates[0].setText(f"{title} {before_date}" if before_date else title)
        self.show_after()
        self.syncing = True
        for canvas in self.canvases:
            canvas.setDestinationCrs(self.main_canvas.mapSettings().destinationCrs())
            canvas.setExtent(extent)
            canvas.refresh()
        self.syncing = False

    def show_outlines(self, outlines: list) -> None:
        """The patch (the first of ``outlines``) and its parcels (the rest), as QgsGeometry in
        the main map's CRS, outlined on both views; none to take them off."""
        for patch_band, parcel_band in zip(self.patch_bands, self.parcel_bands):
            for band, geometries in ((patch_band, outlines[:1]), (parcel_band, outlines[1:])):
                band.reset(QgsWkbTypes.PolygonGeometry)
                for geometry in geometries:
                    band.addGeometry(geometry, None, False)
                band.updatePosition()
                band.update()

    def follow(self, moved) -> None:
        """Pan or zoom one view and the other follows."""
        if self.syncing:
            return
        self.syncing = True
        for canvas in self.canvases:
            if canvas is not moved:
                canvas.setExtent(moved.extent())
                canvas.refresh()
        self.syncing = False

    def blink(self) -> str | None:
        """Blink the main map between the after and the before imagery: the one shown is
        hidden and the other shown, never neither, with a note on the map of which it is.
        Returns "after" or "before" (None without after imagery in the project's layers)."""
        root = QgsProject.instance().layerTreeRoot()
        before, after = (root.findLayer(layer.id()) if layer is not None else None
                         for layer in (self.pickers[0].currentLayer(), self.after_layer()))
        if after is None:
            return None
        showing = "before" if after.isVisible() and before is not None else "after"
        after.setItemVisibilityChecked(showing == "after")
        if before is not None:
            before.setItemVisibilityChecked(showing == "before")
            for node in (before, after):  # shown, also when its group was off
                parent = node.parent()
                while parent is not None and parent is not root:
                    if showing == ("before" if node is before else "after"):
                        parent.setItemVisibilityChecked(True)
                    parent = parent.parent()
        replaced = self.pickers[1].currentLayer()
        if self.recheck.on and replaced is not None and replaced is not self.after_layer():
            hidden = root.findLayer(replaced.id())  # the patch's own after image would cover
            if hidden is not None and hidden not in (before, after):  # the before one
                hidden.setItemVisibilityChecked(False)
        self.note_shown(showing)
        return showing

    def note_shown(self, showing: str) -> None:
        """The note on the main map: which imagery it shows, its date, and the key."""
        from .shortcuts import keys_of

        title, date = ((self.tr("Before"), self.patch_dates[0]) if showing == "before"
                       else self.after_title())
        self.blink_note.setProperty("showing", showing)
        self.blink_note.setText(self.tr("Showing: {imagery} ({key} switches)").format(
            imagery=f"{title} {date}" if date else title, key=keys_of("blink")))
        self.blink_note.adjustSize()
        self.blink_note.show()
        self.blink_note.raise_()

    def toggle_swipe(self) -> bool:
        """Swipe the before imagery over the main map, or stop; returns whether it is on."""
        return self.swipe.toggle(self.pickers[0].currentLayer())

    def detach(self) -> None:
        """Take the swipe off the main map (the canvas outlives the dock)."""
        self.swipe.stop()
        self.main_canvas.scene().removeItem(self.swipe)
        self.blink_note.deleteLater()
