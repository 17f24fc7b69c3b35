"""举证: a patch's photos and documents as thumbnails (drop files on them, or add them), the
photo's time, photographer, azimuth and tilt (from EXIF, editable where it lacked them), and the
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
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
        layout.addWidget(self._build_photo_form())
        self.list.currentItemChanged.connect(self.show_photo)

    def _build_photo_form(self) -> QWidget:
        """拍摄时间, 拍摄人, 方位角, 倾角 of the chosen photo; '—' where nothing is known."""
        self.photo_form = QWidget()
        form = QFormLayout(self.photo_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.taken = QLineEdit()
        self.taken.setPlaceholderText("2025-03-20T10:15:00")
        self.photographer = QLineEdit()
        self.azimuth = _angle(0, 360)
        self.tilt = _angle(-90, 90)
        save = QPushButton(self.tr("Save photo details"))
        save.clicked.connect(self.save_photo)
        form.addRow(self.tr("Taken at"), self.taken)
        form.addRow(self.tr("Photographer"), self.photographer)
        form.addRow(self.tr("Azimuth (°)"), self.azimuth)
        form.addRow(self.tr("Tilt (°)"), self.tilt)
        form.addRow(save)
        self.photo_form.hide()
        return self.photo_form

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

    def current_photo(self) -> dict | None:
        from ..store.evidence import evidence_of

        entry = self.list.currentItem()
        if entry is None or self.store is None:
            return None
        sha = entry.data(Qt.UserRole)
        return next((e for e in evidence_of(self.store, self.jcbh) if e["sha256"] == sha), None)

    def show_photo(self) -> None:
        item = self.current_photo()
        photo = item is not None and item["mime"].startswith("image/")
        self.photo_form.setVisible(photo)  # room for the thumbnails otherwise
        item = item if photo else {}
        self.taken.setText(item.get("PSSJ") or "")
        self.photographer.setText(item.get("PSR") or "")
        for spin, field in ((self.azimuth, "FWJ"), (self.tilt, "QJ")):
            spin.setValue(spin.minimum() if item.get(field) is None else item[field])

    def save_photo(self) -> None:
        from ..store.evidence import edit_photo

        item = self.current_photo()
        if item is None:
            return
        angles = {field: None if spin.value() == spin.minimum() else round(spin.value(), 1)
                  for spin, field in ((self.azimuth, "FWJ"), (self.tilt, "QJ"))}
        edit_photo(self.store, item["sha256"], self.jcbh, PSSJ=self.taken.text().strip() or None,
                   PSR=self.photographer.text().strip() or None, **angles)
        row = self.list.currentRow()
        self.refresh()
        self.list.setCurrentRow(row)
        self.update_layer()
        self.changed.emit()

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


def _angle(low: float, high: float) -> QDoubleSpinBox:
    """Degrees, with one step below ``low`` meaning 'not known'."""
    spin = QDoubleSpinBox()
    spin.setDecimals(1)
    spin.setRange(low - 1, high)
    spin.setSpecialValueText("—")
    return spin
