"""``farmland_guard:batchlabel``: one verdict for the patches a filter selects (DESIGN.md §6.3).

The whole batch is validated before anything is written: one invalid verdict and nothing is
written. Patches already judged are skipped unless OVERWRITE. One action, one undo step.

The coded parameters (PDLX, HCHLX, WFLX, SFNRWFJS, SFZDGC) are enums of the codes themselves
(static strings), so a model or ``qgis_process`` says ``PDLX=其他`` and keeps meaning it when a
code list is reordered; an index into the list (``PDLX=2``) still works.
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
from ..core import codelists, verdicts
from .base import FarmlandGuardAlgorithm

YES, NO = "是", "否"


def code_options() -> dict[str, list[str]]:
    """The codes each coded parameter takes, in the code lists' order."""
    return {"PDLX": codelists.pdlx(),
            "HCHLX": list(dict.fromkeys([*codelists.hchlx(verdicts.LEGAL),
                                         *codelists.hchlx(verdicts.OTHER)])),
            "WFLX": list(codelists.wflx()),
            "SFNRWFJS": [YES, NO],
            "SFZDGC": [YES, NO]}


class BatchLabelAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.AREA_PACKAGES
    STORE, FILTER, PDLX, HCHLX, WFLX, SFNRWFJS, SFZDGC, NOTE, OVERWRITE = (
        "STORE", "FILTER", "PDLX", "HCHLX", "WFLX", "SFNRWFJS", "SFZDGC", "NOTE", "OVERWRITE")
    CHANGED, SKIPPED = "CHANGED", "SKIPPED"

    def name(self):
        return "batchlabel"

    def displayName(self):  # noqa: N802
        return self.tr("Batch label patches")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Gives one verdict to every patch of a work store that the filter expression "
            "selects. PDLX, HCHLX, WFLX, SFNRWFJS and SFZDGC take the code itself (PDLX=其他, "
            "WFLX=未批先建(未报即用)) or its index in the list. A 违法 verdict takes each "
            "patch's illegal areas (WFMJ, WFGDMJ, WFSTMJ, WFJBNTMJ) from its own precheck "
            "figures (the patch area where no precheck ran); SFNRWFJS (counts toward the "
            "illegal-occupation ratio) is 是 and SFZDGC (key project) 否 unless given, and "
            "both are for 违法 only. Patches already judged are skipped unless OVERWRITE is "
            "set. All verdicts are checked before anything is written: one invalid verdict "
            "and nothing is written. The change is one step in the history, undone in one "
            "step.")

    def initAlgorithm(self, config=None):  # noqa: N802
        options = code_options()
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Work store"), fileFilter="GeoPackage (*.gpkg)"))
        self.addParameter(QgsProcessingParameterExpression(
            self.FILTER, self.tr("Patches to label (expression over the patches)"),
            optional=True))
        for key, label, optional in (
                (self.PDLX, self.tr("Verdict (PDLX)"), False),
                (self.HCHLX, self.tr("Sub-type (HCHLX)"), True),
                (self.WFLX, self.tr("Kind of violation (WFLX)"), True),
                (self.SFNRWFJS, self.tr("Counts toward the illegal-occupation ratio (SFNRWFJS; "
                                        "违法 only, default 是)"), True),
                (self.SFZDGC, self.tr("Key project (SFZDGC; 违法 only, default 否)"), True)):
            self.addParameter(QgsProcessingParameterEnum(
                key, label, options=options[key], optional=optional, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            self.NOTE, self.tr("Note"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.OVERWRITE, self.tr("Overwrite patches already judged"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber(self.CHANGED, self.tr("Patches labelled")))
        self.addOutput(QgsProcessingOutputNumber(self.SKIPPED, self.tr("Patches skipped")))

    def code(self, parameters, key: str, context) -> str | None:
        """The code a coded parameter holds: the code itself or its index in the list."""
        options = code_options()[key]
        value = self.parameterAsString(parameters, key, context).strip()
        if value == "":
            return None
        if value in options:
            return value
        if value.isdigit() and int(value) < len(options):
            return options[int(value)]
        raise QgsProcessingException(self.tr(
            "{key}: '{value}' is not one of the codes {allowed} (or their index, 0 to {last})")
            .format(key=key, value=value, allowed="、".join(options), last=len(options) - 1))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Codes or indexes alike: each coded value is checked as its code."""
        resolved = dict(parameters)
        for key in code_options():
            try:
                resolved[key] = self.code(parameters, key, context)
            except QgsProcessingException as error:
                return False, error.args[0] if error.args else str(error)
        return super().checkParameterValues(resolved, context)

    def verdict(self, parameters, context) -> dict:
        """The verdict the parameters give, with the defaults of a 违法 verdict."""
        from ..core import verdicts

        verdict = {"PDLX": self.code(parameters, self.PDLX, context)}
        for key in (self.HCHLX, self.WFLX, self.SFNRWFJS, self.SFZDGC):
            value = self.code(parameters, key, context)
            if value is not None:
                verdict[key] = value
        if verdict["PDLX"] == verdicts.ILLEGAL:
            verdict.setdefault(self.SFNRWFJS, YES)
            verdict.setdefault(self.SFZDGC, NO)
        else:
            given = [key for key in (self.WFLX, self.SFNRWFJS, self.SFZDGC) if key in verdict]
            if given:
                raise QgsProcessingException(self.tr(
                    "{fields} only go with PDLX=违法 (the verdict given is {verdict})")
                    .format(fields=", ".join(given), verdict=verdict["PDLX"]))
        note = self.parameterAsString(parameters, self.NOTE, context)
        if note:
            verdict["NYSM"] = note
        return verdict

    def process(self, parameters, context, feedback):
        self.require_packages()
        from ..store.results import VerdictError, Verdicts
        from ..store.workstore import StoreError, WorkStore

        store = self.parameterAsFile(parameters, self.STORE, context)
        verdict = self.verdict(parameters, context)
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
        try:
            with WorkStore(store) as ws:
                done = Verdicts(ws).label(jcbhs, verdict,
                                          self.parameterAsBoolean(parameters, self.OVERWRITE, context))
        except (VerdictError, StoreError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("{changed} patches labelled, {skipped} already judged and skipped.")
                          .format(changed=done.changed, skipped=done.skipped))
        return {self.CHANGED: done.changed, self.SKIPPED: done.skipped}
