"""``farmland_guard:precheck`` (套合): the patches with their official areas in land use,
永久基本农田, 生态保护红线 and approvals, and a suggested verdict (DESIGN.md §6.1).

Layers may come from any provider in any CRS: features are read through QGIS, straightened
and reprojected to CGCS2000 with the project's transform context, and handed to
``core.precheck`` as WKB.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import dependencies
from ..core.units import MU_DECIMALS
from ..qgis_areas import PLAIN, lonlat_wkb, to_cgcs2000
from .base import FarmlandGuardAlgorithm

AREA_FIELDS = ("TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ")
TEXT_FIELDS = ("DLFZ", "JYPD", "JYLY")


class PrecheckAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    PATCHES, LANDUSE, FARMLAND, REDLINE, APPROVALS, OUTPUT = (
        "PATCHES", "LANDUSE", "FARMLAND", "REDLINE", "APPROVALS", "OUTPUT")

    def name(self):
        return "precheck"

    def displayName(self):  # noqa: N802
        return self.tr("Precheck patches (overlay with land use, farmland, red line, approvals)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Overlays every patch with the land-use layer (DLBM), permanent basic farmland, the "
            "ecological red line and the approval layers, and adds their areas on the CGCS2000 "
            "ellipsoid in mu (4 decimals): TBMJ_MU (patch), GDMJ (cultivated land 0101/0102/0103), "
            "GDJMJ (the same net of field banks, KCXS), STMJ (paddy 0101), JBNTMJ, STHXMJ, PWMJ "
            "(covered by the union of the approvals, never counted twice), PWFGL (covered share "
            "0–1), WFGMJ (cultivated land no approval covers), DLFZ (mu by land-use group), and a "
            "suggested verdict JYPD with its reason JYLY. A layer not given leaves its fields "
            "empty. Invalid geometries are repaired and reported.")

    def initAlgorithm(self, config=None):  # noqa: N802
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PATCHES, self.tr("Change patches (with JCBH)"), polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LANDUSE, self.tr("Land use (DLTB, with DLBM)"), polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FARMLAND, self.tr("Permanent basic farmland"), polygons, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REDLINE, self.tr("Ecological red line"), polygons, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.APPROVALS, self.tr("Approval layers"), QgsProcessing.TypeVectorPolygon,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Prechecked patches"), QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.require_packages()
        from ..core import precheck, suggest

        patches = self.source(parameters, self.PATCHES, context)
        landuse = self.source(parameters, self.LANDUSE, context)
        if landuse.fields().lookupField("DLBM") < 0:
            raise QgsProcessingException(self.tr("The land-use layer has no DLBM field."))
        others = [self.parameterAsSource(parameters, key, context)
                  for key in (self.FARMLAND, self.REDLINE)]
        others += self.parameterAsLayerList(parameters, self.APPROVALS, context)
        kept, fields = self.output_fields(
            patches.fields(),
            [QgsField(name, QVariant.Double, "double", 20, MU_DECIMALS) for name in AREA_FIELDS]
            + [QgsField(name, QVariant.String, "string", 254) for name in TEXT_FIELDS])
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             patches.wkbType(), patches.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            features, geoms = self._patches(patches, context)
            layers = self._layers(geoms, landuse, others, context, feedback)
            result = precheck.overlay(geoms, layers, lambda p: feedback.setProgress(30 + 0.6 * p),
                                      feedback.isCanceled)
        except precheck.Cancelled:
            feedback.reportError(self.tr("Precheck cancelled."))
            return {}
        for note in result.notes:
            feedback.pushWarning(note)
        tblx_index = patches.fields().lookupField("TBLX")
        jcbh_index = patches.fields().lookupField("JCBH")
        tblx = [f.attributes()[tblx_index] if tblx_index >= 0 else None for f in features]
        suggestions = suggest.suggest_all(result, tblx, suggest.Rules.of_profile())
        for k, feature in enumerate(features):
            if k in result.patch_notes:
                key = feature.attributes()[jcbh_index] if jcbh_index >= 0 else feature.id()
                feedback.pushWarning(f"{key}: {result.patch_notes[k]}")
            record = result.record(k)
            values = feature.attributes()
            feature.setFields(fields, False)
            feature.setAttributes([values[i] for i in kept] + [record[n] for n in AREA_FIELDS]
                                  + [result.dlfz(k), *suggestions[k]])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if k % 1000 == 0:
                feedback.setProgress(90 + 10 * k / max(len(features), 1))
        return {self.OUTPUT: dest_id}

    def _layers(self, geoms, landuse, others, context, feedback):
        """The overlay layers, read where the patches are: land use, farmland, red line, then
        the approval layers; ``None`` for a layer not given."""
        import numpy as np
        import shapely

        from ..core import layers as layer_io
        from ..core import precheck

        bounds = shapely.total_bounds(geoms)
        within = None if np.isnan(bounds).any() else QgsRectangle(*bounds)
        todo = [landuse, *others]
        read = []
        for step, source in enumerate(todo):
            if feedback.isCanceled():
                raise precheck.Cancelled()
            read.append(None if source is None else self._read(
                source, ("DLBM", "KCXS") if step == 0 else (), context, within,
                lambda p, step=step: feedback.setProgress(30 * (step + p) / len(todo))))
        land, values = read[0]
        kcxs = values.get("KCXS")
        return precheck.Layers(
            land, np.asarray(values["DLBM"], dtype=object),
            None if kcxs is None else layer_io.numbers(kcxs),
            *(None if r is None else r[0] for r in read[1:3]), [r[0] for r in read[3:]] or None)

    def _patches(self, source, context):
        """The patch features and their geometries in CGCS2000 lon/lat."""
        import shapely

        transform = to_cgcs2000(source.sourceCrs(), context.transformContext())
        features = list(source.getFeatures(QgsFeatureRequest(),
                                           QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks))
        return features, shapely.from_wkb([lonlat_wkb(f.geometry(), transform) for f in features],
                                          on_invalid="ignore")

    def _read(self, source, fields, context, within, progress):
        """Geometries of ``source`` in CGCS2000 lon/lat (lon = x) and the ``fields`` present;
        ``within``: lon/lat bounds, only features that meet them are read."""
        import shapely

        self.check_crs(source)
        transform = to_cgcs2000(source.sourceCrs(), context.transformContext())
        request = QgsFeatureRequest()
        # Straight polygons QGIS reprojects in C++; curves must be straightened first, in their
        # own CRS (an arc through reprojected points is not the reprojected arc).
        linear = QgsWkbTypes.flatType(source.wkbType()) in PLAIN
        if linear:
            request.setDestinationCrs(transform.destinationCrs(), context.transformContext())
            transform = None
        present = [f for f in fields if source.fields().lookupField(f) >= 0]
        request.setSubsetOfAttributes(present, source.fields())
        if within is not None:
            request.setFilterRect(within if linear else transform.transformBoundingBox(
                within, QgsCoordinateTransform.ReverseTransform))
        if isinstance(source, QgsProcessingFeatureSource):
            features = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
        else:
            features = source.getFeatures(request)
        total = max(source.featureCount(), 1)
        indexes = [source.fields().lookupField(f) for f in present]
        wkbs, rows = [], []
        for n, feature in enumerate(features):
            wkbs.append(lonlat_wkb(feature.geometry(), transform))
            if indexes:
                values = feature.attributes()
                rows.append([values[i] for i in indexes])
            if n % 10000 == 0:
                progress(n / total)
        columns = zip(*rows) if rows else [[] for _ in present]
        values = {f: [None if isinstance(v, QVariant) else v for v in column]
                  for f, column in zip(present, columns)}  # NULL comes as a QVariant
        return shapely.from_wkb(wkbs, on_invalid="ignore"), values

