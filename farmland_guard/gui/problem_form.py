"""新建问题: a problem found by a 巡察, 督察, 信访… entered by hand — its source, description,
measures, deadline, who answers for it, the patches it concerns (typed, or the map's selection)
and where it is (the selected patches' outline, or a point clicked on the map)."""

from __future__ import annotations

import datetime as dt
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import codelists
from ..core.rectification import RectificationError

STORE_CRS = "EPSG:4490"
PROBLEM_STYLE = "color: #b00000"
DATE_HINT = "YYYY-MM-DD"
NOWHERE, SELECTION, POINT = "none", "selection", "point"  # where the problem is


class MeasuresList(QListWidget):
    """整改措施 as check boxes, from the code list."""

    def __init__(self, parent=None):
        super().__init__(parent)
        for code in codelists.zgcs():
            item = QListWidgetItem(code)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(self.sizeHintForRow(0) * 3 + 6)
        self.setFlow(QListWidget.LeftToRight)
        self.setWrapping(True)

    def set_checked(self, measures) -> None:
        for n in range(self.count()):
            item = self.item(n)
            item.setCheckState(Qt.Checked if item.text() in measures else Qt.Unchecked)

    def checked(self) -> list[str]:
        return [self.item(n).text() for n in range(self.count())
                if self.item(n).checkState() == Qt.Checked]


def date_edit(text: str = "") -> QLineEdit:
    """A date typed as the store keeps it; the rules say what is wrong with a bad one."""
    edit = QLineEdit(text or "")
    edit.setPlaceholderText(DATE_HINT)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("0000-00-00") + 16)
    return edit


def keys_of(text: str) -> list[str]:
    """The patch ids typed: separated by commas, spaces or new lines."""
    return [k for k in re.split(r"[\s,，、;；]+", text) if k]


class NewProblemDialog(QDialog):
    """Not modal: the map stays at hand to select patches or click the point."""

    saved = pyqtSignal(str)  # the new problem's WTBH

    def __init__(self, ledger, canvas, patches_layer, towns=(), parent=None):
        """``patches_layer``: a callable giving the store's patches layer in the map (or None);
        ``towns``: (XZDM, XZMC) known in the store."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New problem"))
        self.ledger, self.canvas, self.patches_layer = ledger, canvas, patches_layer
        self.point = None  # the clicked point, EPSG:4490
        self.tool = None
        self.previous_tool = None

        self.source = QComboBox()
        for code, name in codelists.wtly().items():
            self.source.addItem(name, code)
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(70)
        self.measures = MeasuresList()
        self.deadline = date_edit()
        self.unit = QLineEdit()
        self.person = QLineEdit()
        self.found_on = date_edit(dt.date.today().isoformat())
        self.town = QComboBox()
        self.town.setEditable(True)
        self.town.addItem("", "")
        for code, name in towns:
            self.town.addItem(name or code, code)
        self.patches = QLineEdit()
        self.patches.setPlaceholderText(self.tr("Patch ids, separated by commas"))
        from_map = QPushButton(self.tr("Map selection"))
        from_map.setObjectName("patches_from_map")
        from_map.setToolTip(self.tr("The patches selected in the store's patches layer"))
        from_map.clicked.connect(self.take_selected_patches)
        patches_row = QHBoxLayout()
        patches_row.addWidget(self.patches, 1)
        patches_row.addWidget(from_map)

        self.where = QComboBox()
        self.where.setObjectName("where")
        self.where.addItem(self.tr("No location"), NOWHERE)
        self.where.addItem(self.tr("Outline of the selected patches"), SELECTION)
        self.where.addItem(self.tr("A point clicked on the map"), POINT)
        self.pick_button = QPushButton(self.tr("Click on the map…"))
        self.pick_button.setObjectName("pick_point")
        self.pick_button.clicked.connect(self.pick_point)
        self.point_label = QLabel()
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.pick_button)
        where_row.addWidget(self.point_label)

        form = QFormLayout()
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Measures"), self.measures)
        form.addRow(self.tr("Deadline"), self.deadline)
        form.addRow(self.tr("Responsible unit"), self.unit)
        form.addRow(self.tr("Responsible person"), self.person)
        form.addRow(self.tr("Found on"), self.found_on)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Patches"), self._row(patches_row))
        form.addRow(self.tr("Location"), self._row(where_row))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.finished.connect(self.stop_picking)

    @staticmethod
    def _row(row) -> QWidget:
        holder = QWidget()
        row.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(row)
        return holder

    # --- the map ---------------------------------------------------------------------------

    def selected_features(self) -> list:
        layer = self.patches_layer()
        return list(layer.getSelectedFeatures()) if layer is not None else []

    def take_selected_patches(self) -> None:
        found = [str(f["JCBH"]) for f in self.selected_features()]
        if not found:
            self.message.setText(self.tr("No patch is selected in the store's patches layer."))
            return
        self.patches.setText(", ".join(found))
        self.message.clear()

    def pick_point(self) -> None:
        """The next click on the map is the problem's point."""
        self.tool = QgsMapToolEmitPoint(self.canvas)
        self.tool.canvasClicked.connect(self.point_clicked)
        self.previous_tool = self.canvas.mapTool()
        self.canvas.setMapTool(self.tool)
        self.point_label.setText(self.tr("click on the map"))

    def point_clicked(self, point, _button=None) -> None:
        transform = QgsCoordinateTransform(self.canvas.mapSettings().destinationCrs(),
                                           QgsCoordinateReferenceSystem(STORE_CRS),
                                           QgsProject.instance())
        self.point = transform.transform(point)
        self.point_label.setText(f"{self.point.x():.6f}, {self.point.y():.6f}")
        self.where.setCurrentIndex(self.where.findData(POINT))
        self.stop_picking()

    def stop_picking(self, *_) -> None:
        if self.tool is None:
            return
        if self.canvas.mapTool() is self.tool:
            if self.previous_tool is not None:
                self.canvas.setMapTool(self.previous_tool)
            else:
                self.canvas.unsetMapTool(self.tool)
        self.tool.deleteLater()
        self.tool = self.previous_tool = None

    def geometry_wkb(self) -> bytes | None:
        """The chosen location as WKB in the store's CRS (the patches layer's)."""
        where = self.where.currentData()
        if where == POINT:
            if self.point is None:
                raise ValueError(self.tr("Click the problem's point on the map first."))
            return bytes(QgsGeometry.fromPointXY(self.point).asWkb())
        if where == SELECTION:
            features = self.selected_features()
            if not features:
                raise ValueError(self.tr("No patch is selected in the store's patches layer."))
            outline = QgsGeometry.unaryUnion([f.geometry() for f in features])
            return bytes(outline.asWkb())
        return None

    # --- saving ----------------------------------------------------------------------------

    def fields(self) -> dict:
        town_text = self.town.currentText().strip()
        index = self.town.findText(town_text)
        code = self.town.itemData(index) if index > 0 else ""
        fields = {"LY": self.source.currentData(),
                  "WTMS": self.description.toPlainText().strip() or None,
                  "ZGCS": self.measures.checked(),
                  "ZGQX": self.deadline.text().strip() or None,
                  "ZRDW": self.unit.text().strip() or None,
                  "ZRR": self.person.text().strip() or None,
                  "PDRQ": self.found_on.text().strip() or None,
                  "GLTB": keys_of(self.patches.text())}
        if town_text:
            fields.update(XZDM=code or None, XZMC=town_text)
        return fields

    def save(self) -> None:
        """Create the problem; what is wrong is said in words and nothing is saved."""
        try:
            wtbh = self.ledger.create(self.fields(), self.geometry_wkb())
        except RectificationError as error:
            self.message.setText(error.message())
            return
        except ValueError as error:
            self.message.setText(str(error))
            return
        self.saved.emit(wtbh)
        self.accept()
