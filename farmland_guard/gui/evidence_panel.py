"""举证: a patch's photos and documents as thumbnails (drop files on them, or add them), and the
photos on the map as points with an arrow in the direction they were taken (JZZP)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProject,
    QgsProperty,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, Qt, QVariant, pyqtSignal
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

THUMB = 96
PHOTO_LAYER_FIELDS = (("JCBH", QVariant.String), ("name", QVariant.String),
                      ("PSSJ", QVariant.String), ("PSR", QVariant.String),
                      ("FWJ", QVariant.Double), ("QJ", QVariant.Double))


def photo_layer(name: str) -> QgsVectorLayer:
    """A memory layer of photo points; each arrow turns to the photo's azimuth (FWJ)."""
    layer = QgsVectorLayer("Point?crs=EPSG:4490", name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in PHOTO_LAYER_FIELDS])
    layer.updateFields()
    symbol = QgsMarkerSymbol.createSimple({"name": "arrow", "color": "#ffd400",
                                           "outline_color": "#000000", "size": "5"})
    symbol.symbolLayer(0).setShape(QgsSimpleMarkerSymbolLayerBase.Arrow)
    symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyAngle,
                                                 QgsProperty.fromField("FWJ"))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


class EvidencePanel(QWidget):
    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.jcbh = None
        self.layer: QgsVectorLayer | None = None
        self.list = QListWidget()
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setMinimumHeight(THUMB + 40)
        self.setAcceptDrops(True)
        self.list.setAcceptDrops(False)  # drops land on the panel
        add = QPushButton(self.tr("Add photos or documents…"))
        add.clicked.connect(self.choose_files)
        hint = QLabel(self.tr("or drop files here"))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def show_patch(self, store, jcbh: str | None) -> None:
        self.store, self.jcbh = store, jcbh
        self.refresh()

    def refresh(self) -> None:
        from ..store.evidence import evidence_of

        self.list.clear()
        if self.store is None or self.jcbh is None:
            return
        for item in evidence_of(self.store, self.jcbh):
            pixmap = QPixmap(str(item["path"])) if item["mime"].startswith("image/") else None
            icon = (QIcon(pixmap.scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation))
                    if pixmap is not None and not pixmap.isNull() else QIcon.fromTheme("text-x-generic"))
            entry = QListWidgetItem(icon, item["name"])
            entry.setToolTip("\n".join(f"{k}: {item[k]}" for k in ("PSSJ", "PSR", "FWJ", "QJ")
                                       if k in item))
            entry.setData(Qt.UserRole, item["sha256"])
            self.list.addItem(entry)

    def add_files(self, paths) -> int:
        from ..store.evidence import attach

        if self.store is None or self.jcbh is None:
            return 0
        for path in paths:
            attach(self.store, Path(path), self.jcbh)
        self.refresh()
        self.update_layer()
        self.changed.emit()
        return len(paths)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Evidence for {jcbh}").format(jcbh=self.jcbh), "",
            self.tr("Photos and documents") + " (*.jpg *.jpeg *.png *.tif *.pdf *.doc *.docx);;* (*)")
        self.add_files(paths)

    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls() and self.jcbh is not None:
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if self.add_files([p for p in paths if Path(p).is_file()]):
            event.acceptProposedAction()

    def update_layer(self) -> None:
        """Every located photo of the store on the map, as an arrow."""
        from ..store.evidence import evidence_of

        if self.store is None:
            return
        photos = [e for e in evidence_of(self.store) if "lon" in e and "lat" in e]
        if not photos:
            return
        if self.layer is None or QgsProject.instance().mapLayer(self.layer.id()) is None:
            self.layer = photo_layer(self.tr("Field photos (JZZP)"))
            QgsProject.instance().addMapLayer(self.layer)
        provider = self.layer.dataProvider()
        provider.truncate()
        features = []
        for item in photos:
            feature = QgsFeature(self.layer.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(item["lon"], item["lat"])))
            feature.setAttributes([item["JCBH"], item["name"], item.get("PSSJ"), item.get("PSR"),
                                   item.get("FWJ"), item.get("QJ")])
            features.append(feature)
        provider.addFeatures(features)
        self.layer.updateExtents()
        self.layer.triggerRepaint()
