"""``farmland_guard:linkreports``: 巡田上报 reports from a field app into the work store, each
linked to the patch it lies in or near (issue 17, DESIGN.md §4.5)."""

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
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import dependencies
from .base import FarmlandGuardAlgorithm
from .precheck import qgis_value

READ_AS_FILES = (".csv", ".txt", ".xlsx", ".xlsm", ".geojson", ".json")
# the listing: every report of the file, with its link and its problems
LISTING = (("SBBH", QVariant.String), ("LYH", QVariant.Int), ("JCBH", QVariant.String),
           ("JL", QVariant.Double), ("SFXY", QVariant.String), ("WT", QVariant.String))


class LinkReportsAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    STORE, REPORTS, CRS, MAX_DISTANCE, OUTPUT = ("STORE", "REPORTS", "CRS", "MAX_DISTANCE",
                                                 "OUTPUT")
    LINKED, UNLINKED, EARLY = "LINKED", "UNLINKED", "EARLY"

    def name(self):
        return "linkreports"

    def displayName(self):  # noqa: N802
        return self.tr("Link field reports to patches (巡田上报)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Reads the reports a field app exported (CSV, xlsx, GeoJSON or any layer: time "
            "SBSJ, reporter SBR, description SBMS, photo path ZPLJ, and longitude/latitude "
            "fields such as X/Y, LON/LAT, 经度/纬度, or a point geometry) into the work store, "
            "then links every report of the store to the patch it lies in (JL 0), else to the "
            "nearest patch within MAX_DISTANCE geodesic metres (default: the profile's, 50 m "
            "nationally). SFXY is 是 when the report came before the patch's after-image date "
            "HSX. Coordinates are CGCS2000 degrees unless CRS is given. A pair that fits China "
            "only swapped is read swapped, with a warning; projected coordinates given without "
            "their CRS, and reports without coordinates, are refused, naming the row; a photo "
            "that does not exist (relative to the file's folder) is listed and ZPCZ set to 0. "
            "Importing the same file again replaces its reports. The output table lists every "
            "report of the file with its link and problems.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Work store"), behavior=QgsProcessingParameterFile.File,
            fileFilter="GeoPackage (*.gpkg)"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REPORTS, self.tr("Reports (a table, CSV, xlsx or point layer)"),
            [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, self.tr("CRS of the coordinate fields when not CGCS2000 degrees"),
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_DISTANCE, self.tr("Largest distance to a patch (m; empty: the profile's)"),
            QgsProcessingParameterNumber.Double, optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Reports with their link and problems"),
            QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(self.LINKED, self.tr("Reports linked")))
        self.addOutput(QgsProcessingOutputNumber(self.UNLINKED, self.tr("Reports not linked")))
        self.addOutput(QgsProcessingOutputNumber(
            self.EARLY, self.tr("Reports before the satellite (SFXY 是)")))

    def _reports(self, parameters, context) -> tuple[Path, list[dict] | None]:
        """The report file (for its name and photo folder) and its rows read through QGIS,
        or None when the file is read as it is (CSV, xlsx, GeoJSON: the text as written)."""
        from ..qgis_areas import lonlat_wkb, to_cgcs2000

        layer = self.parameterAsVectorLayer(parameters, self.REPORTS, context)
        text = layer.source() if isinstance(layer, QgsVectorLayer) else self.parameterAsString(
            parameters, self.REPORTS, context)
        path = Path(str(text).partition("|")[0])
        if path.is_file() and path.suffix.lower() in READ_AS_FILES:
            return path, None
        source = self.parameterAsSource(parameters, self.REPORTS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.REPORTS))
        import shapely

        names = source.fields().names()
        geometric = source.wkbType() != QgsWkbTypes.NoGeometry and source.sourceCrs().isValid()
        transform = (to_cgcs2000(source.sourceCrs(), context.transformContext())
                     if geometric else None)
        rows = []
        for feature in source.getFeatures():
            row = dict(zip(names, map(qgis_value, feature.attributes())))
            if geometric:
                wkb = lonlat_wkb(feature.geometry(), transform)
                row["geometry"] = shapely.from_wkb(wkb) if wkb is not None else None
            rows.append(row)
        name = path if path.is_file() else Path(source.sourceName())
        return name, rows

    def process(self, parameters, context, feedback):
        self.require_packages()
        from ..core.errors import FarmlandGuardError
        from ..core.language import render
        from ..store import field_reports

        store = self.parameterAsFile(parameters, self.STORE, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        distance = (self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)
                    if parameters.get(self.MAX_DISTANCE) not in (None, "") else None)
        path, rows = self._reports(parameters, context)
        try:
            result = field_reports.import_reports(
                store, path, crs=(crs.authid() or crs.toWkt()) if crs.isValid() else None,
                max_distance_m=distance, rows=rows)
        except FarmlandGuardError as error:
            raise QgsProcessingException(str(error)) from error
        for problem in result.problems:
            text = render(problem.text())
            feedback.reportError(text) if problem.fatal else feedback.pushWarning(text)
        linked = result.linked
        feedback.pushInfo(self.tr("{imported} reports imported from {name}; in the store "
                                  "{linked} linked, {unlinked} not linked, {early} before the "
                                  "satellite").format(imported=result.imported, name=path.name,
                                                      linked=linked.linked,
                                                      unlinked=linked.unlinked,
                                                      early=linked.early))
        fields = QgsFields()
        for name, kind in LISTING:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                          QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        problems: dict = {}
        for problem in result.problems:
            problems.setdefault(problem.row, []).append(
                f"{problem.field}: {render(problem.message)}")
        mine = {r["LYH"]: r for r in linked.rows if r["LYWJ"] == path.name}
        for row in sorted(set(mine) | set(problems)):
            found = mine.get(row, {})
            feature = QgsFeature(fields)
            feature.setAttributes([found.get("SBBH"), row, found.get("JCBH"), found.get("JL"),
                                   found.get("SFXY"), "；".join(problems.get(row, [])) or None])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters,
                                                                    self.OUTPUT))
        return {self.OUTPUT: dest, self.LINKED: linked.linked, self.UNLINKED: linked.unlinked,
                self.EARLY: linked.early}
