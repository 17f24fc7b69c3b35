"""``farmland_guard:importpatches``: a delivered batch into a work store (DESIGN.md §6.1)."""

from __future__ import annotations

import logging

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from .. import dependencies
from ..core.errors import Cancelled
from .base import FarmlandGuardAlgorithm

LOG = logging.getLogger(__name__)


class ImportPatchesAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = dependencies.IMPORT_PACKAGES
    INPUT, ENCODING, PROFILE, STORE = "INPUT", "ENCODING", "PROFILE", "STORE"
    LAYER, CRS = "LAYER", "CRS"
    IMPORTED, REPAIRED, REJECTED, REPORT = "IMPORTED", "REPAIRED", "REJECTED", "REPORT"

    def name(self):
        return "importpatches"

    def displayName(self):  # noqa: N802
        return self.tr("Import change patches into a work store")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Reads a batch of change patches as the province sends it (.zip, .shp, .gpkg, .gdb, "
            ".geojson), maps its fields to the national schema, detects GBK or UTF-8, "
            "reprojects to CGCS2000, repairs geometries, recomputes ellipsoidal areas and "
            "writes the work store. Re-importing into an existing store keeps every verdict. "
            "Rejected records are listed in the report (CSV beside the store).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("Batch file (.zip, .shp, .gpkg, .gdb, .geojson)"),
            behavior=QgsProcessingParameterFile.File,
            fileFilter="Patch batches (*.zip *.shp *.gpkg *.gdb *.geojson *.json)"))
        self.addParameter(QgsProcessingParameterString(
            self.ENCODING, self.tr("Text encoding (auto, GBK, UTF-8…)"), defaultValue="auto"))
        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, self.tr("Field-mapping profile (auto, national, wpzf_tb, client)"),
            defaultValue="auto"))
        self.addParameter(QgsProcessingParameterString(
            self.LAYER, self.tr("Layer to import when the input holds several"), optional=True))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, self.tr("Coordinate system when the file has none"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.STORE, self.tr("Work store"), fileFilter="GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputNumber(self.IMPORTED, self.tr("Imported patches")))
        self.addOutput(QgsProcessingOutputNumber(self.REPAIRED, self.tr("Repaired patches")))
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, self.tr("Rejected records")))
        self.addOutput(QgsProcessingOutputString(self.REPORT, self.tr("Import report (CSV)")))

    def process(self, parameters, context, feedback):
        self.require_packages()
        from ..core.crs import CrsError
        from ..core.expected import EXPECTED, message, unexpected
        from ..store import importer

        crs = self.parameterAsCrs(parameters, self.CRS, context)
        try:
            result = importer.run(
                self.parameterAsFile(parameters, self.INPUT, context),
                self.parameterAsFileOutput(parameters, self.STORE, context),
                encoding=self.parameterAsString(parameters, self.ENCODING, context),
                profile=self.parameterAsString(parameters, self.PROFILE, context),
                layer=self.parameterAsString(parameters, self.LAYER, context) or None,
                crs=crs.authid() or crs.toWkt() if crs.isValid() else None,
                progress=feedback.setProgress, cancelled=feedback.isCanceled)
        except Cancelled:
            feedback.reportError(self.tr("Import cancelled; the store is unchanged."))
            return {}
        except CrsError as error:
            hint = (self.tr(" Suggested: {crs} (set the CRS parameter).")
                    .format(crs=error.suggestion) if error.suggestion else "")
            raise QgsProcessingException(str(error) + hint) from error
        except EXPECTED as error:  # the same words as the command line
            raise QgsProcessingException(message(error)) from error
        except Exception as error:  # a bug: the details go to the log, the user reads plain words
            LOG.exception("importpatches failed")
            raise QgsProcessingException(unexpected(error)) from error
        for note in result.notes:
            feedback.pushInfo(note)
        feedback.pushInfo(self.tr("{imported} of {records} records imported ({added} new, "
                                  "{updated} updated, {vanished} vanished, {flagged} to look "
                                  "at again); {repaired} repaired, {rejected} rejected.")
                          .format(**vars(result)))
        for problem in result.problems:
            feedback.pushInfo(f"#{problem.record} {problem.jcbh} {problem.field}: {problem.message}")
        return {self.STORE: str(result.store), self.IMPORTED: result.imported,
                self.REPAIRED: result.repaired, self.REJECTED: result.rejected,
                self.REPORT: str(result.report)}
