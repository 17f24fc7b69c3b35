"""``farmland_guard:ellipsoidalarea``: each polygon's area on the CGCS2000 ellipsoid in 亩."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QVariant

from .. import dependencies
from ..core.units import MU_DECIMALS
from ..qgis_areas import areas_mu, lonlat_wkb, to_cgcs2000
from .base import FarmlandGuardAlgorithm

AREA_FIELD = "TBMJ_MU"
CHUNK = 5000


class EllipsoidalAreaAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    def name(self):
        return "ellipsoidalarea"

    def displayName(self):  # noqa: N802
        return self.tr("Ellipsoidal area in mu (CGCS2000)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Adds the field TBMJ_MU: the area of each polygon on the CGCS2000 ellipsoid "
            "(a = 6378137, 1/f = 298.257222101) in mu (1 mu = 2000/3 m²), with 4 decimals, "
            "whatever the layer's CRS. Official areas are ellipsoidal, never planar."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Polygon layer"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("With ellipsoidal area"), QgsProcessing.TypeVectorPolygon))

    def process(self, parameters, context, feedback):
        self.require_packages()
        source = self.source(parameters, self.INPUT, context)
        kept, fields = self.output_fields(
            source.fields(), [QgsField(AREA_FIELD, QVariant.Double, "double", 20, MU_DECIMALS)])
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        transform = to_cgcs2000(source.sourceCrs(), context.transformContext())
        total = max(source.featureCount(), 1)
        chunk: list[QgsFeature] = []
        for n, feature in enumerate(source.getFeatures(), start=1):
            if feedback.isCanceled():
                return {}
            chunk.append(QgsFeature(feature))
            if len(chunk) == CHUNK:
                self._write(chunk, fields, kept, transform, sink)
                chunk = []
                feedback.setProgress(100.0 * n / total)
        self._write(chunk, fields, kept, transform, sink)
        return {self.OUTPUT: dest_id}

    @staticmethod
    def _write(chunk, fields, kept, transform, sink):
        areas = areas_mu([lonlat_wkb(f.geometry(), transform) for f in chunk])
        for feature, area in zip(chunk, areas):
            values = feature.attributes()
            attributes = [values[i] for i in kept]
            attributes.append(None if area != area else round(float(area), MU_DECIMALS))
            feature.setFields(fields, False)
            feature.setAttributes(attributes)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
