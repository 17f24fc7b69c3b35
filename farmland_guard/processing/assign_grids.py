"""``farmland_guard:assigngrids``: a 田长制 grid layer into the work store, and every patch and
parcel assigned to the grid it overlaps most (issue 17, DESIGN.md §4.5)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import dependencies
from ..core.units import MU_DECIMALS
from .base import FarmlandGuardAlgorithm
from .precheck import qgis_value

# the listing: LX what (并列, 无网格, 重叠, 缝隙), DX of what (patches, parcels, grids), BH the
# JCBH or DKBH, WGBM the grid(s) concerned (the chosen one first), MJ its 亩
LISTING = (("LX", QVariant.String), ("DX", QVariant.String), ("BH", QVariant.String),
           ("WGBM", QVariant.String), ("MJ", QVariant.Double))
SEPARATOR = "、"


def listing_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in LISTING:
        fields.append(QgsField(name, kind, "double", 20, MU_DECIMALS) if kind == QVariant.Double
                      else QgsField(name, kind, "string"))
    return fields


class AssignGridsAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    STORE, GRIDS, OUTPUT = "STORE", "GRIDS", "OUTPUT"
    ASSIGNED, TIES, OUTSIDE = "ASSIGNED", "TIES", "OUTSIDE"

    def name(self):
        return "assigngrids"

    def displayName(self):  # noqa: N802
        return self.tr("Assign patches to grids (田长制 网格, 一地一码)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Imports a grid layer (网格 polygons, any CRS) into the work store, replacing the "
            "grid it held, and assigns every patch and parcel to the grid it overlaps most "
            "(ellipsoidal area on CGCS2000): WGBM, DKDM (plot code), XZDM and XZMC (town) are "
            "written on it. Fields are found by name, ignoring case: WGBM or 网格编码, DKDM or "
            "地块代码, XZDM or 乡镇代码, XZMC or 乡镇名称, CJMC or 村名称, SJTZ/XJTZ/XZTZ/CJTZ or "
            "市级/县级/乡级/村级田长, WGY or 网格员. Overlaps within 0.000001 mu are a tie: the "
            "grid with the smaller WGBM wins and FPBZ says 并列; a patch no grid overlaps gets "
            "FPBZ 无网格. The output table lists the ties, the patches outside every grid and "
            "the grid layer's overlaps and gaps (larger than 0.01 mu) with the grid codes "
            "concerned; they are listed, not fatal.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Work store"), behavior=QgsProcessingParameterFile.File,
            fileFilter="GeoPackage (*.gpkg)"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, self.tr("Grid layer (网格)"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Ties, patches outside every grid, grid overlaps and gaps"),
            QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(self.ASSIGNED,
                                                 self.tr("Patches and parcels assigned")))
        self.addOutput(QgsProcessingOutputNumber(self.TIES, self.tr("Ties (并列)")))
        self.addOutput(QgsProcessingOutputNumber(self.OUTSIDE,
                                                 self.tr("Outside every grid (无网格)")))

    def process(self, parameters, context, feedback):
        self.require_packages()
        import numpy as np
        import shapely

        from ..core import grids as core_grids
        from ..core.errors import FarmlandGuardError
        from ..qgis_areas import lonlat_wkb, to_cgcs2000
        from ..store import grids as store_grids

        store = self.parameterAsFile(parameters, self.STORE, context)
        source = self.source(parameters, self.GRIDS, context)
        mapping = core_grids.grid_mapping(source.fields().names())
        if "WGBM" not in mapping:
            feedback.pushWarning(self.tr("The grid layer has no WGBM (网格编码) field: the "
                                         "grids are named by their position"))
        transform = to_cgcs2000(source.sourceCrs(), context.transformContext())
        names = source.fields().names()
        wkbs, rows = [], []
        for feature in source.getFeatures():
            wkbs.append(lonlat_wkb(feature.geometry(), transform))
            attributes = dict(zip(names, map(qgis_value, feature.attributes())))
            rows.append({national: store_grids.text_value(attributes.get(found))
                         for national, found in mapping.items()})
        feedback.setProgress(20)
        try:
            imported = store_grids.write_grids(store, shapely.from_wkb(np.array(wkbs, object)),
                                               rows, source.sourceName())
            feedback.setProgress(50)
            assigned = store_grids.assign(store)
        except FarmlandGuardError as error:
            raise QgsProcessingException(str(error)) from error
        for k, why in sorted(imported.rejected.items()):
            feedback.pushWarning(self.tr("Grid feature {n} refused: {why}").format(
                n=k + 1, why=str(why)))
        feedback.pushInfo(self.tr("{grids} grids imported; {patches} patches and {parcels} "
                                  "parcels assigned, {ties} ties, {outside} outside every grid")
                          .format(grids=imported.grids, patches=assigned.patches,
                                  parcels=assigned.parcels, ties=len(assigned.ties),
                                  outside=len(assigned.outside)))
        fields = listing_fields()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                          QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        what = {"patches": self.tr("patch"), "parcels": self.tr("parcel")}
        lines = [(core_grids.TIE, what[t], key, SEPARATOR.join(map(str, codes)), mu[0])
                 for t, key, codes, mu in assigned.ties]
        lines += [(core_grids.OUTSIDE, what[t], key, None, 0.0) for t, key in assigned.outside]
        lines += [(p.kind, self.tr("grid"), None, SEPARATOR.join(map(str, p.codes)), p.mu)
                  for p in imported.problems]
        for line in lines:
            feature = QgsFeature(fields)
            feature.setAttributes([line[0], line[1], line[2], line[3],
                                   round(float(line[4]), MU_DECIMALS)])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters,
                                                                    self.OUTPUT))
        for problem in imported.problems:
            feedback.pushWarning(self.tr("Grid {kind}: {codes}, {mu} mu").format(
                kind=problem.kind, codes=SEPARATOR.join(map(str, problem.codes)),
                mu=round(problem.mu, MU_DECIMALS)))
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.ASSIGNED: assigned.patches + assigned.parcels,
                self.TIES: len(assigned.ties), self.OUTSIDE: len(assigned.outside)}
