"""``farmland_guard:batchlabel``: one verdict for the patches a filter selects (DESIGN.md §6.3).

The whole batch is validated before anything is written: one invalid verdict and nothing is
written. Patches already judged are skipped unless OVERWRITE. One action, one undo step.
"""

from __future__ import annotations

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from .. import dependencies
from ..core import codelists
from .base import FarmlandGuardAlgorithm


class BatchLabelAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    STORE, FILTER, PDLX, HCHLX, WFLX, NOTE, OVERWRITE = (
        "STORE", "FILTER", "PDLX", "HCHLX", "WFLX", "NOTE", "OVERWRITE")
    CHANGED, SKIPPED = "CHANGED", "SKIPPED"

    def name(self):
        return "batchlabel"

    def displayName(self):  # noqa: N802
        return self.tr("Batch label patches")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Gives one verdict to every patch of a work store that the filter expression "
            "selects. Patches already judged are skipped unless OVERWRITE is set. All verdicts "
            "are checked before anything is written: one invalid verdict and nothing is "
            "written. The change is one step in the history, undone in one step.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Work store"), fileFilter="GeoPackage (*.gpkg)"))
        self.addParameter(QgsProcessingParameterExpression(
            self.FILTER, self.tr("Patches to label (expression over the patches)"),
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.PDLX, self.tr("Verdict (PDLX)"), options=codelists.pdlx()))
        self.addParameter(QgsProcessingParameterString(
            self.HCHLX, self.tr("Sub-type (HCHLX)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.WFLX, self.tr("Kind of violation (WFLX)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.NOTE, self.tr("Note"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.OVERWRITE, self.tr("Overwrite patches already judged"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber(self.CHANGED, self.tr("Patches labelled")))
        self.addOutput(QgsProcessingOutputNumber(self.SKIPPED, self.tr("Patches skipped")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.require_packages()
        from ..store.results import VerdictError, Verdicts
        from ..store.workstore import StoreError, WorkStore

        store = self.parameterAsFile(parameters, self.STORE, context)
        # as text: an expression that does not parse must be refused, not read as "all"
        expression = self.parameterAsString(parameters, self.FILTER, context)
        layer = QgsVectorLayer(f"{store}|layername=patches", "patches", "ogr")
        if not layer.isValid():
            raise QgsProcessingException(self.tr("{store} is not a work store").format(store=store))
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(["JCBH"], layer.fields())
        if expression:
            parsed = QgsExpression(expression)
            if parsed.hasParserError():
                raise QgsProcessingException(self.tr("The filter is not a valid expression: "
                                                     "{error}").format(error=parsed.parserErrorString()))
            request.setFilterExpression(expression)
        jcbhs = [f["JCBH"] for f in layer.getFeatures(request)]
        del layer  # release the file before writing
        verdict = {"PDLX": codelists.pdlx()[self.parameterAsEnum(parameters, self.PDLX, context)]}
        for key, field in ((self.HCHLX, "HCHLX"), (self.WFLX, "WFLX"), (self.NOTE, "NYSM")):
            value = self.parameterAsString(parameters, key, context)
            if value:
                verdict[field] = value
        try:
            with WorkStore(store) as ws:
                done = Verdicts(ws).label(jcbhs, verdict,
                                          self.parameterAsBoolean(parameters, self.OVERWRITE, context))
        except (VerdictError, StoreError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("{changed} patches labelled, {skipped} already judged and skipped.")
                          .format(changed=done.changed, skipped=done.skipped))
        return {self.CHANGED: done.changed, self.SKIPPED: done.skipped}
