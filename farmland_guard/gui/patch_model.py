"""The rows of the patch dock: read in a QgsTask, shown through a table model."""

from __future__ import annotations

import math
from typing import NamedTuple

from qgis.core import (
    QgsFeatureRequest,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.PyQt.QtCore import Qt

from .. import dependencies
from ..core.codelists import tblx_label
from ..core.units import format_mu
from ..qgis_areas import areas_mu, lonlat_wkb, to_cgcs2000
from .tables import RowsModel

ID_FIELD = "JCBH"
AREA_COLUMN = 2
COLUMN_FIELDS = {0: 1, 1: 2, 3: 3}  # table column -> PatchRow field (area is formatted apart)


class PatchRow(NamedTuple):
    fid: int
    jcbh: str
    tblx: str
    county: str
    area_mu: float  # NaN when it cannot be computed


def field_name(layer: QgsVectorLayer, name: str) -> str | None:
    """The layer's spelling of a national field name (shapefiles may carry any case)."""
    index = layer.fields().lookupField(name)
    return layer.fields().at(index).name() if index >= 0 else None


def attr(feature, name: str | None) -> str:
    """A feature's attribute as text; '' for NULL or an absent field."""
    value = feature[name] if name else None
    return "" if value is None or (hasattr(value, "isNull") and value.isNull()) else str(value)


class PatchLoadTask(QgsTask):
    """Reads id, type, county and geometry of every patch and computes its ellipsoidal area."""

    def __init__(self, layer: QgsVectorLayer, description: str, with_areas: bool):
        super().__init__(description, QgsTask.CanCancel)
        self.source = QgsVectorLayerFeatureSource(layer)
        self.layer_crs = layer.crs()
        self.transform_context = QgsProject.instance().transformContext()
        self.names = {n: field_name(layer, n) for n in (ID_FIELD, "TBLX", "XZQDM", "XMC")}
        self.total = max(layer.featureCount(), 1)
        self.with_areas = with_areas and self.layer_crs.isValid()
        self.rows: list[PatchRow] = []
        self.error: Exception | None = None

    def run(self) -> bool:
        try:
            return self._read()
        except Exception as error:  # reported by the dock, never raised into QGIS
            self.error = error
            return False

    def _read(self) -> bool:
        names = self.names
        wanted = [n for n in names.values() if n]
        request = QgsFeatureRequest().setSubsetOfAttributes(wanted, self.source.fields())
        if not self.with_areas:
            request.setFlags(QgsFeatureRequest.NoGeometry)
        transform = to_cgcs2000(self.layer_crs, self.transform_context)
        rows, wkbs = [], []
        for n, feature in enumerate(self.source.getFeatures(request)):
            if self.isCanceled():
                return False
            county = " ".join(
                t for t in (attr(feature, names["XZQDM"]), attr(feature, names["XMC"])) if t)
            rows.append(
                PatchRow(
                    feature.id(),
                    attr(feature, names[ID_FIELD]),
                    tblx_label(attr(feature, names["TBLX"])),
                    county,
                    math.nan,
                )
            )
            if self.with_areas:
                wkbs.append(lonlat_wkb(feature.geometry(), transform))
            if n % 1000 == 0:
                self.setProgress(80.0 * n / self.total)
        if self.with_areas:
            rows = with_areas(rows, wkbs)
        self.rows = rows
        return not self.isCanceled()


def with_areas(rows: list[PatchRow], wkbs: list) -> list[PatchRow]:
    return [row._replace(area_mu=float(a)) for row, a in zip(rows, areas_mu(wkbs))]


def can_compute_areas() -> list[str]:
    """The missing packages that prevent area computation (empty when all are there)."""
    return dependencies.missing(dependencies.AREA_PACKAGES)


class PatchTableModel(RowsModel):
    SORT_ROLE = Qt.UserRole
    FID_ROLE = Qt.UserRole + 1

    def headers(self) -> list[str]:
        return [self.tr("Patch ID (JCBH)"), self.tr("Type (TBLX)"), self.tr("Area (mu)"),
                self.tr("County")]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == self.FID_ROLE:
            return row.fid
        if column == AREA_COLUMN:
            if role == Qt.DisplayRole:
                return format_mu(row.area_mu) or "—"
            if role == self.SORT_ROLE:
                return -1.0 if math.isnan(row.area_mu) else row.area_mu
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return None
        if role in (Qt.DisplayRole, self.SORT_ROLE, Qt.ToolTipRole):
            return row[COLUMN_FIELDS[column]]
        return None
