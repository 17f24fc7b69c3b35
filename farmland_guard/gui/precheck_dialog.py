"""套合分析 of the open work store: pick the land-use, 永农, 红线 and approval layers of the
project, run the precheck as a QgsTask (progress, cancel) and write every patch's and parcel's
figures and suggested verdict into the store in one transaction."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsWkbTypes
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
)

from ..core import codelists, verdicts
from .store_task import StoreTask, precheck_task, run_in_background

# words in a layer's name or source that say what it holds (national table names included)
FARMLAND_WORDS = ("永久基本农田", "永农", "YJJBNT", "JBNT")
REDLINE_WORDS = ("生态保护红线", "红线", "STBHHX")
APPROVAL_WORDS = ("批", "供地", "挂钩", "备案", "NZY", "GDXM", "ZJGG", "SSNYD", "LSYD", "PFWJ")
# words that say which kind of approval a layer holds (its features' PZLX field, when present,
# wins); a layer that says none is a 农转用 approval
KIND_WORDS = (("临时", "临时用地批复"), ("LSYD", "临时用地批复"), ("设施", "设施农用地备案"),
              ("SSNYD", "设施农用地备案"), ("挂钩", "增减挂钩"), ("ZJGG", "增减挂钩"),
              ("供地", "供地"), ("GDXM", "供地"), ("宅基地", "宅基地审批"),
              ("单独选址", "单独选址/先行用地"), ("先行用地", "单独选址/先行用地"))
KIND_ROLE = Qt.UserRole + 1


def _says(layer, words) -> bool:
    text = f"{layer.name()} {layer.source()}".upper()
    return any(w.upper() in text for w in words)


def file_source(layer) -> str | None:
    """The layer as GDAL names it (``path|layername=…``), or None when it is not a file."""
    return layer.source() if layer is not None and layer.providerType() == "ogr" else None


def overlay_layers() -> list:
    """The project's polygon layers that may overlay the patches (patch layers, with JCBH,
    are what is overlaid)."""
    return [layer for layer in QgsProject.instance().mapLayers().values()
            if layer.type() == layer.VectorLayer
            and layer.geometryType() == QgsWkbTypes.PolygonGeometry
            and layer.fields().indexOf("JCBH") < 0]


def approval_kind(layer) -> str:
    """The kind of approval a layer's name or source says it holds, 农转用 by default."""
    return next((kind for word, kind in KIND_WORDS if _says(layer, (word,))),
                verdicts.DEFAULT_APPROVAL)


def landuse_layer():
    """The project's land-use layer (one with DLBM), DLTB first; None when there is none."""
    found = [layer for layer in overlay_layers() if layer.fields().indexOf("DLBM") >= 0]
    found.sort(key=lambda layer: "DLTB" not in layer.source().upper())
    return found[0] if found else None


class PrecheckDialog(QDialog):
    # (not ``done``: that would hide QDialog.done(), which closing the dialog calls)
    completed = pyqtSignal(object)  # PrecheckResult

    def __init__(self, store_path, parent=None):
        super().__init__(parent)
        self.store_path = store_path
        self.task: StoreTask | None = None
        self.setWindowTitle(self.tr("Precheck (overlay)"))
        polygons = overlay_layers()
        exclude = [layer for layer in QgsProject.instance().mapLayers().values()
                   if layer not in polygons]
        self.landuse = self._combo(exclude, False)
        self.landuse.setLayer(landuse_layer())
        self.farmland = self._combo(exclude, True)
        self.farmland.setLayer(next((x for x in polygons if _says(x, FARMLAND_WORDS)), None))
        self.redline = self._combo(exclude, True)
        self.redline.setLayer(next((x for x in polygons if _says(x, REDLINE_WORDS)), None))
        self.approvals = QListWidget()
        for layer in polygons:
            item = QListWidgetItem(layer.name())
            item.setData(Qt.UserRole, layer.id())
            item.setData(KIND_ROLE, approval_kind(layer))
            item.setToolTip(codelists.hchlx(verdicts.LEGAL)[approval_kind(layer)])
            item.setCheckState(Qt.Checked if _says(layer, APPROVAL_WORDS) else Qt.Unchecked)
            self.approvals.addItem(item)
        # the kind of the approval layer picked in the list (features with PZLX keep their own)
        self.kind = QComboBox()
        for code, name in codelists.hchlx(verdicts.LEGAL).items():
            self.kind.addItem(name, code)
        self.approvals.currentItemChanged.connect(self.show_kind)
        self.kind.currentIndexChanged.connect(self.set_kind)
        self.approvals.setCurrentRow(0)
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.start = QPushButton(self.tr("Run"))
        self.start.clicked.connect(self.run)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Land use (with DLBM)"), self.landuse)
        form.addRow(self.tr("Permanent basic farmland"), self.farmland)
        form.addRow(self.tr("Ecological red line"), self.redline)
        form.addRow(self.tr("Approvals"), self.approvals)
        form.addRow(self.tr("Kind of the approval layer picked"), self.kind)
        form.addRow(self.progress)
        form.addRow(self.message)
        form.addRow(buttons)

    def show_kind(self, item, _previous=None) -> None:
        if item is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(item.data(KIND_ROLE))))

    def set_kind(self) -> None:
        item = self.approvals.currentItem()
        if item is not None:
            item.setData(KIND_ROLE, self.kind.currentData())
            item.setToolTip(self.kind.currentText())

    def _combo(self, exclude, optional: bool) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox()
        combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        combo.setExceptedLayerList(list(exclude))
        combo.setAllowEmptyLayer(optional)
        return combo

    def sources(self) -> dict:
        """The layers as GDAL sources (raises ValueError naming a layer that is not a file)."""
        def source(layer):
            found = file_source(layer)
            if layer is not None and found is None:
                raise ValueError(self.tr("{layer} is not a file layer; save it to a GeoPackage "
                                         "first, or run the Processing algorithm, which takes "
                                         "any layer").format(layer=layer.name()))
            return found

        if self.landuse.currentLayer() is None:
            raise ValueError(self.tr("Pick the land-use layer."))
        project = QgsProject.instance()
        items = [self.approvals.item(i) for i in range(self.approvals.count())]
        approvals = [(project.mapLayer(item.data(Qt.UserRole)), item.data(KIND_ROLE))
                     for item in items if item.checkState() == Qt.Checked]
        return {"landuse": source(self.landuse.currentLayer()),
                "farmland": source(self.farmland.currentLayer()),
                "redline": source(self.redline.currentLayer()),
                "approvals": [(source(layer), kind) for layer, kind in approvals
                              if layer is not None]}

    def run(self) -> None:
        try:
            sources = self.sources()
        except ValueError as error:
            self.message.setText(str(error))
            return
        self.task = precheck_task(self.tr("Precheck of {store}").format(store=self.store_path.name),
                                  store=self.store_path, **sources)
        self.progress.setValue(0)
        self.progress.show()
        self.start.setEnabled(False)
        self.message.setText(self.tr("Overlaying…"))
        run_in_background(self.task, self.progress, self.finished)

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
        else:
            self.reject()

    def finished(self) -> None:
        task, self.task = self.task, None
        self.progress.hide()
        self.start.setEnabled(True)
        if task.result is None:
            self.message.setText(str(task.error) if task.error else
                                 self.tr("Cancelled; the store is as it was."))
            return
        result = task.result
        unsure = self.tr("no suggestion")
        counts = ", ".join(f"{verdict or unsure} {n}" for verdict, n in result.suggested.most_common())
        self.message.setText(self.tr("{patches} patches and {parcels} parcels overlaid; "
                                     "suggested: {counts}.").format(
            patches=result.patches, parcels=result.parcels, counts=counts)
            + "".join(f"\n{note}" for note in result.notes[:20]))
        self.completed.emit(result)
