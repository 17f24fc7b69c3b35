"""The patch dock: the patches of the current layer with id, type, county and area in 亩."""

from __future__ import annotations

import math

from qgis.core import QgsApplication, QgsMapLayer, QgsVectorLayer, QgsWkbTypes
from qgis.gui import QgsFilterLineEdit, QgsMapCanvas
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .. import dependencies
from ..core.units import format_mu
from .patch_model import (
    ID_FIELD,
    PatchLoadTask,
    PatchTableModel,
    can_compute_areas,
    field_name,
)
from .tables import row_table

RELOAD_DELAY_MS = 300
ZOOM_MARGIN = 1.5


class PatchDock(QDockWidget):
    OBJECT_NAME = "FarmlandGuardPatchDock"

    def __init__(self, canvas: QgsMapCanvas, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.tr("Patches"))
        self.canvas = canvas
        self.layer: QgsVectorLayer | None = None
        self.task: PatchLoadTask | None = None
        self.notes: list[str] = []

        self.model = PatchTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(PatchTableModel.SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)

        self.filter_edit = QgsFilterLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by ID, type or county…"))
        self.filter_edit.textChanged.connect(self._filter)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.table = row_table(self.proxy)
        self.table.activated.connect(self.zoom_to_index)  # double click or Enter
        self.count = QLabel()
        self.count.setObjectName("count")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.filter_edit, self.message, self.table, self.count):
            layout.addWidget(widget)
        self.setWidget(body)

        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        self.set_layer(None)

    # --- layer -------------------------------------------------------------------------

    def set_layer(self, layer: QgsMapLayer | None) -> None:
        """Show the patches of ``layer``, or say why it holds none."""
        self._disconnect_layer()
        self.layer = layer if self._usable(layer) else None
        if self.layer is not None:
            for signal in self._change_signals():
                signal.connect(self._schedule_reload)
            self.layer.willBeDeleted.connect(self._forget_layer)
        self.reload()

    def _change_signals(self):
        """Signals after which the list may be stale (the edit buffer is listed too)."""
        layer = self.layer
        return (layer.featureAdded, layer.featureDeleted, layer.attributeValueChanged,
                layer.geometryChanged, layer.afterCommitChanges, layer.afterRollBack,
                layer.subsetStringChanged, layer.dataSourceChanged)

    def _schedule_reload(self, *_):
        self.reload_timer.start()

    def _usable(self, layer) -> bool:
        if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            self._show_problem(self.tr("Select a polygon layer with a JCBH field in the Layers panel."))
            return False
        if layer.geometryType() != QgsWkbTypes.PolygonGeometry:
            self._show_problem(
                self.tr("Layer “{name}” is not a polygon layer ({kind}); patches are polygons.")
                .format(name=layer.name(), kind=QgsWkbTypes.displayString(layer.wkbType()))
            )
            return False
        if field_name(layer, ID_FIELD) is None:
            self._show_problem(
                self.tr("Layer “{name}” has no JCBH (patch ID) field, so it is not a patch layer.")
                .format(name=layer.name())
            )
            return False
        return True

    def _disconnect_layer(self) -> None:
        if self.layer is None or sip.isdeleted(self.layer):
            return
        pairs = [(signal, self._schedule_reload) for signal in self._change_signals()]
        for signal, slot in pairs + [(self.layer.willBeDeleted, self._forget_layer)]:
            try:
                signal.disconnect(slot)
            except TypeError:  # not connected
                pass

    def _forget_layer(self) -> None:
        self.set_layer(None)

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        self._cancel_task()
        if self.layer is None:
            self.model.set_rows([])
            self._update_count()
            return
        self.notes = []
        missing = can_compute_areas()
        if missing:
            self.notes.append(
                self.tr("Areas cannot be computed: the Python packages {names} are missing "
                        "from the QGIS Python. Install them with: {command}")
                .format(names=", ".join(missing), command=dependencies.pip_command(missing))
            )
        if not self.layer.crs().isValid():
            self.notes.append(
                self.tr("Layer “{name}” has no coordinate reference system, so its "
                        "ellipsoidal areas cannot be computed. Set the layer CRS first.")
                .format(name=self.layer.name())
            )
        self.task = PatchLoadTask(self.layer, self.tr("Loading patches of {name}")
                                  .format(name=self.layer.name()), with_areas=not missing)
        self.task.taskCompleted.connect(self._loaded)
        self.task.taskTerminated.connect(self._failed)
        self.count.setText(self.tr("Loading…"))
        QgsApplication.taskManager().addTask(self.task)

    @property
    def loading(self) -> bool:
        return self.task is not None

    def _cancel_task(self) -> None:
        if self.task is not None:
            for signal, slot in ((self.task.taskCompleted, self._loaded),
                                 (self.task.taskTerminated, self._failed)):
                signal.disconnect(slot)
            self.task.cancel()
            self.task = None

    def _loaded(self) -> None:
        rows, self.task = self.task.rows, None
        self.model.set_rows(rows)
        if not rows:
            self.notes.append(self.tr("Layer “{name}” holds no patches.").format(name=self.layer.name()))
        self._show_notes()
        self._update_count()

    def _failed(self) -> None:
        error, self.task = self.task.error, None
        self.model.set_rows([])
        self.notes.append(
            self.tr("The patches of layer “{name}” could not be read: {error}")
            .format(name=self.layer.name(), error=error or self.tr("cancelled"))
        )
        self._show_notes()
        self._update_count()

    # --- display -----------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.notes = [text]
        self._show_notes()

    def _show_notes(self) -> None:
        self.message.setText("\n".join(self.notes))
        self.message.setVisible(bool(self.notes))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.rows
        shown = [rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].area_mu
                 for r in range(self.proxy.rowCount())]
        area = sum(a for a in shown if not math.isnan(a))
        self.count.setText(
            self.tr("{shown} of {total} patches, {area} mu")
            .format(shown=len(shown), total=len(rows), area=format_mu(area))
        )

    def zoom_to_index(self, index) -> None:
        if self.layer is None or not index.isValid():
            return
        fid = self.proxy.data(index, PatchTableModel.FID_ROLE)
        self.canvas.zoomToFeatureIds(self.layer, [fid])
        self.canvas.zoomByFactor(ZOOM_MARGIN)
        self.canvas.flashFeatureIds(self.layer, [fid])

    def cleanup(self) -> None:
        """Let go of the layer and any running task before the dock is removed."""
        self._cancel_task()
        self._disconnect_layer()
        self.layer = None
