"""What the ledger algorithms (``balance``, ``illegalratio``) share: their input tables read
whole into attribute dicts (any table or layer QGIS opens: CSV, xlsx, GeoPackage…), a work
store read through its judged results, the profile, table outputs without geometry and the
optional xlsx workbook."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import dependencies
from ..core.errors import FarmlandGuardError
from .base import FarmlandGuardAlgorithm
from .precheck import qgis_value

BL_DECIMALS = 6  # the ratio, a fraction
SCORE_DECIMALS = 2  # a 红黑榜 score, 0–100


def field_of(column) -> QgsField:
    """The output field of a table column (core.workbook.Column)."""
    from ..core.units import MU_DECIMALS
    from ..core.workbook import INTEGER, MU, RATIO, SCORE

    if column.kind in (MU, RATIO, SCORE):
        return QgsField(column.code, QVariant.Double, "double", 20,
                        {MU: MU_DECIMALS, SCORE: SCORE_DECIMALS}.get(column.kind, BL_DECIMALS))
    if column.kind == INTEGER:
        return QgsField(column.code, QVariant.Int, "integer")
    return QgsField(column.code, QVariant.String, "string")


def plain(value):
    """A table value as a QGIS attribute: decimals as floats."""
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


class LedgerAlgorithm(FarmlandGuardAlgorithm):
    PROFILE, XLSX = "PROFILE", "XLSX"
    TABLES = [QgsProcessing.TypeVector]  # with or without geometry

    # --- parameters ----------------------------------------------------------------------------

    def add_table(self, key: str, label: str, optional: bool = False) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(key, label, self.TABLES,
                                                              optional=optional))

    def add_profile(self) -> None:
        from ..core import profiles

        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, self.tr("Profile ({profiles})").format(
                profiles=", ".join(profiles.profiles())), defaultValue=profiles.DEFAULT))

    def add_table_output(self, key: str, label: str) -> None:
        self.addParameter(QgsProcessingParameterFeatureSink(key, label,
                                                            QgsProcessing.TypeVector))

    def add_xlsx(self) -> None:
        self.addParameter(QgsProcessingParameterFileDestination(
            self.XLSX, self.tr("Workbook (xlsx)"), self.tr("Excel workbook (*.xlsx)"),
            optional=True, createByDefault=False))

    def profile(self, parameters, context) -> str:
        from ..core import profiles

        chosen = self.parameterAsString(parameters, self.PROFILE, context).strip() \
            or profiles.DEFAULT
        if chosen not in profiles.profiles():
            raise QgsProcessingException(self.tr("Unknown profile {profile}; the profiles are: "
                                                 "{known}").format(
                profile=chosen, known=", ".join(profiles.profiles())))
        return chosen

    # --- inputs --------------------------------------------------------------------------------

    def _file_of(self, parameters, key: str, context) -> Path | None:
        """The file behind a table parameter, where it is one."""
        layer = self.parameterAsVectorLayer(parameters, key, context)
        text = layer.source() if layer is not None else self.parameterAsString(
            parameters, key, context)
        path = Path(str(text).partition("|")[0]) if text else None
        return path if path is not None and path.is_file() else None

    def store_of(self, parameters, key: str, context) -> Path | None:
        """The work store a table parameter names (its file, or a layer of it), else None."""
        from ..store.workstore import schema_version

        path = self._file_of(parameters, key, context)
        if path is None or path.suffix.lower() != ".gpkg":
            return None
        return path if schema_version(path) is not None else None

    def table(self, parameters, key: str, context) -> tuple[list[dict], str] | None:
        """Every feature of a table parameter as {field name: value}, and the name its
        messages give it (the file's name where it is one); None when not given."""
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            if parameters.get(key) not in (None, ""):
                raise QgsProcessingException(self.invalidSourceError(parameters, key))
            return None
        names = source.fields().names()
        rows = [dict(zip(names, map(qgis_value, f.attributes())))
                for f in source.getFeatures()]
        path = self._file_of(parameters, key, context)
        return rows, path.name if path is not None else source.sourceName()

    def illegal_table(self, parameters, key: str, context, feedback,
                      profile: str) -> tuple[list[dict], str] | None:
        """The judged patches: a work store's results (its file, or one of its layers, given),
        or a table of them."""
        from ..store.ledgers import illegal_rows

        store = self.store_of(parameters, key, context)
        if store is None:
            return self.table(parameters, key, context)
        feedback.pushInfo(self.tr("{store}: the judged results of the work store")
                          .format(store=store.name))
        return illegal_rows(store, profile), store.name

    # --- outputs -------------------------------------------------------------------------------

    def write_table(self, parameters, key: str, context, columns, rows: list[dict]) -> str:
        fields = QgsFields()
        for column in columns:
            fields.append(field_of(column))
        sink, dest_id = self.parameterAsSink(parameters, key, context, fields,
                                             QgsWkbTypes.NoGeometry,
                                             QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes([plain(row.get(c.code)) for c in columns])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, key))
        return dest_id

    def write_workbook(self, parameters, context, feedback, sheets) -> str | None:
        """The xlsx workbook, where one is asked for."""
        from ..core import workbook

        path = self.parameterAsFileOutput(parameters, self.XLSX, context)
        if not path:
            return None
        self.require_packages(dependencies.WORKBOOK_PACKAGES)
        try:
            workbook.write(path, sheets)
        except (FarmlandGuardError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("Workbook written: {path}").format(path=path))
        return path
