"""The workbench's parcel tools: which of the patch and its parcels the form judges, and cutting
the patch into parcels — along a line drawn on the map, by the land-use polygons it overlaps —
or merging them back. Geometry from the map and the land-use layer is brought to the store's
CGCS2000 here; the store (``store.parcels``) does the rest."""

from __future__ import annotations

from qgis.core import (
    NULL,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsProject,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QPushButton, QWidget

from ..core.units import format_mu
from ..qgis_areas import lonlat_wkb, to_cgcs2000
from .cut_tool import CutTool
from .shortcuts import keys_of

AREA_ROLE = Qt.UserRole + 1


class ParcelTools(QWidget):
    target_changed = pyqtSignal()  # the form is to show another patch or parcel
    changed = pyqtSignal(str)  # JCBH: its parcels changed in the store
    told = pyqtSignal(str)  # a message for the technician
    failed = pyqtSignal(str)  # a refusal, with its reason

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.store = self.layer = self.row = None
        self.parcels: list[dict] = []  # of the patch shown, from ``store.parcels``
        self.cut_tool = CutTool(canvas)
        self.cut_tool.drawn.connect(self.cut_along)
        self.cut_tool.cancelled.connect(self.end_cut)
        self.tool_before_cut = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.target = QComboBox()
        self.target.setObjectName("target")
        self.target.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(16)  # narrow: the dock fits a laptop's screen
        self.target.currentIndexChanged.connect(lambda _: self.target_changed.emit())
        form.addRow(self.tr("Patch or parcel"), self.target)
        self.cut_button = QPushButton(self.tr("Cut along a line ({keys})").format(
            keys=keys_of("start_cut")))
        self.cut_button.clicked.connect(self.start_cut)
        self.landuse_button = QPushButton(self.tr("Split by land use"))
        self.landuse_button.clicked.connect(self.split_by_landuse)
        self.merge_button = QPushButton(self.tr("Merge parcels"))
        self.merge_button.clicked.connect(self.merge_parcels)
        self.landuse = QgsMapLayerComboBox()
        self.landuse.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.landuse.setMinimumContentsLength(6)  # narrow: the dock fits a laptop's screen
        self.landuse.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.landuse.setToolTip(self.tr("The land-use layer (with DLBM) to split by"))
        splitting = QHBoxLayout()
        for widget in (self.cut_button, self.landuse_button, self.landuse, self.merge_button):
            splitting.addWidget(widget)
        splitting.setStretch(2, 1)
        form.addRow(self.tr("Parcels"), splitting)

    def key(self) -> str | None:
        """The JCBH or DKBH the form judges."""
        return self.target.currentData()

    def show(self, store, layer, row, keep: str | None = None) -> None:
        """The patch and its parcels to judge, the one kept (or the patch) current."""
        from ..store.parcels import Parcels

        self.store, self.layer, self.row = store, layer, row
        self.parcels = Parcels(store).of(row.jcbh)
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("Whole patch {jcbh} ({area} mu)").format(
            jcbh=row.jcbh, area=format_mu(row.area_mu)), row.jcbh)
        self.target.setItemData(0, row.area_mu, AREA_ROLE)
        for parcel in self.parcels:
            label = " ".join(str(v) for v in (parcel["DKBH"], parcel["DLBM"] or "",
                                              f"{format_mu(parcel['TBMJ_MU'])} 亩",
                                              parcel["PDLX"] or "") if v)
            self.target.addItem(label, parcel["DKBH"])
            self.target.setItemData(self.target.count() - 1, parcel["TBMJ_MU"], AREA_ROLE)
        self.target.setCurrentIndex(max(0, self.target.findData(keep)))
        self.target.blockSignals(False)
        self.merge_button.setEnabled(self.target.count() > 1)
        self.target_changed.emit()

    def clear(self) -> None:
        self.store = self.layer = self.row = None
        self.parcels = []
        self.target.clear()

    def outlines(self, crs) -> list[QgsGeometry]:
        """The parcels of the patch shown, in ``crs`` (the map's)."""
        if self.layer is None:
            return []
        transform = QgsCoordinateTransform(self.layer.crs(), crs, QgsProject.instance())
        found = []
        for parcel in self.parcels:
            if parcel["geom"] is None:
                continue
            geometry = QgsGeometry()
            geometry.fromWkb(parcel["geom"].wkb)
            geometry.transform(transform)
            found.append(geometry)
        return found

    def step_target(self, delta: int) -> None:
        if self.target.count():
            self.target.setCurrentIndex((self.target.currentIndex() + delta) % self.target.count())

    def pick_landuse_layer(self) -> None:
        """Offer the project's land-use layer (one with DLBM) to split by, DLTB first."""
        from .precheck_dialog import landuse_layer

        found = landuse_layer()
        if found is not None:
            self.landuse.setLayer(found)

    # --- cutting ---------------------------------------------------------------------------

    def start_cut(self) -> None:
        if self.row is None:
            return
        if self.canvas.mapTool() is not self.cut_tool:
            self.tool_before_cut = self.canvas.mapTool()
        self.canvas.setMapTool(self.cut_tool)
        self.canvas.setFocus()
        self.told.emit(self.tr("Click across the patch to draw the cut; right-click or {finish} to "
                               "finish, {give_up} to give up.").format(
                                   finish=keys_of("finish"), give_up=keys_of("give_up")))

    def end_cut(self) -> None:
        if self.canvas.mapTool() is self.cut_tool:
            if self.tool_before_cut is not None:
                self.canvas.setMapTool(self.tool_before_cut)
            else:
                self.canvas.unsetMapTool(self.cut_tool)

    def cut_along(self, line) -> None:
        """Cut the current patch (or the parcels the line crosses) along a drawn line."""
        import shapely

        self.end_cut()
        to_store = to_cgcs2000(self.canvas.mapSettings().destinationCrs(),
                               QgsProject.instance().transformContext())
        line = shapely.from_wkb(lonlat_wkb(line, to_store))  # None when it cannot be projected
        self._change(lambda parcels, jcbh: parcels.cut(jcbh, line))

    def split_by_landuse(self) -> None:
        import shapely

        layer, row = self.landuse.currentLayer(), self.row
        if row is None:
            return
        if layer is None or layer.fields().indexOf("DLBM") < 0:
            self.failed.emit(self.tr("Pick a land-use layer with a DLBM field to split by."))
            return
        patch = next(self.layer.getFeatures(QgsFeatureRequest(row.fid))).geometry()
        to_layer = QgsCoordinateTransform(self.layer.crs(), layer.crs(), QgsProject.instance())
        to_store = to_cgcs2000(layer.crs(), QgsProject.instance().transformContext())
        request = QgsFeatureRequest(to_layer.transformBoundingBox(patch.boundingBox()))
        pieces = []  # (curves straightened, Z dropped, empty or unprojectable ones left out)
        for feature in layer.getFeatures(request.setSubsetOfAttributes(["DLBM"], layer.fields())):
            code = feature["DLBM"]
            pieces.append((None if code is None or code == NULL else str(code),
                           shapely.from_wkb(lonlat_wkb(feature.geometry(), to_store))))
        self._change(lambda parcels, jcbh: parcels.by_landuse(jcbh, pieces))

    def merge_parcels(self) -> None:
        self._change(lambda parcels, jcbh: parcels.merge(jcbh) or [])

    def _change(self, change) -> None:
        import shapely

        from ..core.parcels import SplitError
        from ..core.verdicts import VerdictError
        from ..store.parcels import Parcels

        row = self.row
        if row is None or self.store is None:
            return
        try:
            added = change(Parcels(self.store), row.jcbh)
        except (SplitError, VerdictError) as error:
            self.failed.emit(str(error))
            return
        except shapely.errors.GEOSException as error:  # geometry GEOS cannot cut, even repaired
            self.failed.emit(self.tr("{jcbh}: the geometry cannot be split ({error})").format(
                jcbh=row.jcbh, error=error))
            return
        self.changed.emit(row.jcbh)  # the workbench shows the patch afresh
        if added:
            self.target.setCurrentIndex(max(0, self.target.findData(added[0])))
        self.told.emit(self.tr("{jcbh}: {count} parcels.").format(
            jcbh=row.jcbh, count=self.target.count() - 1))

    def detach(self) -> None:
        """Leave the cut tool (the canvas outlives us)."""
        self.end_cut()
        self.canvas.scene().removeItem(self.cut_tool.band)
