"""``farmland_guard:precheck`` (套合): the patches with their official areas in land use,
永久基本农田, 生态保护红线 and approvals, and a suggested verdict (DESIGN.md §6.1, §6.3).

An overlay layer that is a file GDAL reads (GeoPackage, shapefile…, with or without the filter
set on it in QGIS) is read as the workbench reads it, through GDAL (``core.layers``): these
layers are the bulk of the work. Any other layer (memory, a database, a selection, a feature
limit, a CRS set in QGIS over the file's) is read through QGIS, straightened and reprojected to
CGCS2000 with the project's transform context. The patches are read through QGIS (they are
written to the output). Either way the layers reach ``core.precheck`` as the store's precheck
hands them over (``store.precheck.assemble``), with the same profile rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from .. import dependencies
from ..core.errors import Cancelled
from ..core.units import MU_DECIMALS
from ..qgis_areas import PLAIN, lonlat_wkb, to_cgcs2000
from .base import FarmlandGuardAlgorithm

TEXT_FIELDS = ("DLFZ", "PWFZ", "GDDB", "JYPD", "JYLX", "JYLY")
GDAL_PACKAGES = ("pyogrio",)  # the fast path; without it every layer is read through QGIS
GDAL_OPTIONS = {"layername", "subset"}  # what core.layers understands of an OGR source
KIND_SEPARATORS = r"[,，;；、]"


def qgis_value(value):
    """A QGIS attribute as core takes it: None for NULL, Python dates for QDate/QDateTime."""
    if isinstance(value, QVariant):
        return None
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def gdal_source(layer, text: bool = False) -> str | None:
    """The OGR source (``path|layername=…|subset=…``) GDAL can read exactly as QGIS shows
    ``layer``; None when only QGIS can (another provider, a virtual path, other options, an SQL
    subset, a CRS set in QGIS over the file's). ``text``: its text fields matter, and a
    shapefile's are read by QGIS in the encoding it knows for that layer: once QGIS has opened
    one shapefile with an encoding of its own (the GBK batch), it sets GDAL's SHAPE_ENCODING to
    '' for the whole process and GDAL no longer decodes any shapefile, .cpg or not."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    if not layer.crs().isValid() or layer.crs() != layer.dataProvider().crs():
        return None
    source = layer.source()
    path, _, options = source.partition("|")
    if text and path.lower().endswith((".shp", ".dbf")):
        return None
    options = options.partition("subset=")[0]  # QGIS puts the subset last; it may hold "|"
    keys = {o.partition("=")[0].strip().lower() for o in options.split("|") if o.strip()}
    if keys - GDAL_OPTIONS or not path or not Path(path).exists():
        return None
    from ..core import layers as layer_io

    where = layer_io.subset(source)
    if where is not None and where.lstrip().lower().startswith("select"):
        return None
    return source


class PrecheckAlgorithm(FarmlandGuardAlgorithm):
    PACKAGES = (*dependencies.AREA_PACKAGES, "pandas")
    PATCHES, LANDUSE, FARMLAND, REDLINE, APPROVALS, APPROVAL_KINDS, PROFILE, OUTPUT = (
        "PATCHES", "LANDUSE", "FARMLAND", "REDLINE", "APPROVALS", "APPROVAL_KINDS", "PROFILE",
        "OUTPUT")

    def name(self):
        return "precheck"

    def displayName(self):  # noqa: N802
        return self.tr("Precheck patches (overlay with land use, farmland, red line, approvals)")

    def shortHelpString(self):  # noqa: N802
        from ..core import precheck

        return self.tr(
            "Overlays every patch with the land-use layer (DLBM; KCXS for the area net of "
            "field banks; GDDB, the quality grade of cultivated land), permanent basic "
            "farmland, the ecological red line and the approval layers, and adds their areas on "
            "the CGCS2000 ellipsoid in mu (4 decimals): {fields}; DLFZ (mu by land-use group) "
            "and PWFZ (mu covered by each kind of approval); GDDB, the quality grade of the "
            "cultivated land the patch occupies (the grade covering the largest cultivated "
            "area of the patch, the better grade on a tie; empty without cultivated land or "
            "without a GDDB field), and a suggested verdict JYPD (合法, 违法, 其他 or 需人工核查) with its "
            "sub-type JYLX and its reason JYLY. An approval counts when it is valid at the "
            "patch's after-image date HSX: its kind is its PZLX field, else the kind given for "
            "its layer in APPROVAL_KINDS, else 农转用批文; PZRQ (approval date), YXQZ (expiry of "
            "a 临时用地), PZWH and PZJG are read where present. The patch's TBLX (change type) "
            "decides between the rules for agricultural change and for construction. PROFILE "
            "chooses the rules (tolerance, whether K-suffixed land counts as cultivated, KCXS "
            "in percent): a profile id, or auto for the one the patches' fields match. A layer "
            "not given leaves its fields empty. Layers stored in files (GeoPackage, "
            "shapefile…) are read directly through GDAL, with the filter set on them in QGIS; "
            "others through QGIS. Invalid geometries are repaired and reported."
        ).format(fields=", ".join(precheck.FIELDS))

    def initAlgorithm(self, config=None):  # noqa: N802
        from ..core import profiles

        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PATCHES, self.tr("Change patches (with JCBH; TBLX and HSX where known)"),
            polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LANDUSE, self.tr("Land use (DLTB, with DLBM; KCXS and GDDB where present)"),
            polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FARMLAND, self.tr("Permanent basic farmland"), polygons, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REDLINE, self.tr("Ecological red line"), polygons, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.APPROVALS, self.tr("Approval layers (PZLX, PZRQ, YXQZ, PZWH, PZJG where "
                                    "present)"), QgsProcessing.TypeVectorPolygon, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.APPROVAL_KINDS, self.tr("Kind of each approval layer, in order, comma-separated "
                                         "(for features without PZLX; empty: 农转用批文)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, self.tr("Profile of the precheck rules ({profiles}, auto)")
            .format(profiles=", ".join(profiles.profiles())), defaultValue=profiles.DEFAULT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Prechecked patches"), QgsProcessing.TypeVectorPolygon))

    # --- parameters ----------------------------------------------------------------------------

    def _rules(self, parameters, context, patches):
        from ..core import profiles, suggest

        chosen = self.parameterAsString(parameters, self.PROFILE, context).strip() or profiles.DEFAULT
        if chosen.lower() == "auto":
            found = profiles.detect(patches.fields().names())
            chosen = found.id if found else profiles.DEFAULT
        if chosen not in profiles.profiles():
            raise QgsProcessingException(self.tr("Unknown profile {profile}; the profiles are: "
                                                 "{known}, auto").format(
                profile=chosen, known=", ".join(profiles.profiles())))
        return chosen, suggest.Rules.of_profile(chosen)

    def _kinds(self, parameters, context, count: int) -> list:
        """The kind chosen for each approval layer (None: its features' PZLX, else 农转用)."""
        from ..core import codelists, verdicts

        text = self.parameterAsString(parameters, self.APPROVAL_KINDS, context).strip()
        if not text:
            return [None] * count
        items = [item.strip() for item in re.split(KIND_SEPARATORS, text)]
        while len(items) > count and not items[-1]:
            items.pop()
        if len(items) != count:
            raise QgsProcessingException(self.tr(
                "APPROVAL_KINDS lists {given} kind(s) for {count} approval layer(s): give one per "
                "layer, in the order of APPROVALS, separated by commas (leave one empty for a "
                "layer whose features carry PZLX)").format(given=len(items), count=count))
        kinds = []
        for item in items:
            kind = codelists.evidence_kind(item) if item else None
            if item and kind is None:
                raise QgsProcessingException(self.tr(
                    "APPROVAL_KINDS: '{kind}' is not a kind of approval; the kinds are: "
                    "{allowed}").format(kind=item, allowed=", ".join(
                        dict.fromkeys([*codelists.hchlx(verdicts.LEGAL), *codelists.pzlx()]))))
            kinds.append(kind)
        return kinds

    def _feature_source_layer(self, parameters, key, context):
        """The layer behind a feature-source parameter where the whole layer is meant (no
        selection, no feature limit); None otherwise, or when not given."""
        value = parameters.get(key)
        if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
                value.selectedFeaturesOnly or getattr(value, "featureLimit", -1) >= 0
                or getattr(value, "filterExpression", "")):
            return None
        return self.parameterAsVectorLayer(parameters, key, context)

    # --- the algorithm -------------------------------------------------------------------------

    def process(self, parameters, context, feedback):
        self.require_packages()
        from ..core import precheck, suggest
        from ..core.crs import CrsError
        from ..core.sources import SourceError
        from ..store import precheck as store_precheck

        patches = self.source(parameters, self.PATCHES, context)
        landuse = self.source(parameters, self.LANDUSE, context)
        if landuse.fields().lookupField("DLBM") < 0:
            raise QgsProcessingException(self.tr("The land-use layer has no DLBM field."))
        profile, rules = self._rules(parameters, context, patches)
        feedback.pushInfo(self.tr("Rules of profile {profile}.").format(profile=profile))
        sources = {key: self.parameterAsSource(parameters, key, context)
                   for key in (self.FARMLAND, self.REDLINE)}
        sources[self.LANDUSE] = landuse
        approvals = self.parameterAsLayerList(parameters, self.APPROVALS, context)
        kinds = self._kinds(parameters, context, len(approvals))
        fast = not dependencies.missing(GDAL_PACKAGES)
        # (label, GDAL source or None, what QGIS reads otherwise, required fields, optional ones)
        slots = []
        for key in (self.LANDUSE, self.FARMLAND, self.REDLINE):
            if sources[key] is None:
                slots.append(None)
                continue
            self.check_crs(sources[key])
            layer = self._feature_source_layer(parameters, key, context) if fast else None
            required, optional = (store_precheck.LANDUSE_FIELDS if key == self.LANDUSE
                                  else ((), ()))
            slots.append((sources[key].sourceName(), gdal_source(layer), sources[key], required,
                          optional))
        for layer in approvals:
            self.check_crs(layer)
            slots.append((layer.name(), gdal_source(layer, text=True) if fast else None, layer, (),
                          store_precheck.APPROVAL_FIELDS))

        added = ([QgsField(name, QVariant.Double, "double", 20, MU_DECIMALS)
                  for name in precheck.FIELDS]
                 # no width: a reason (JYLY) may be longer than 254 characters, and a GeoPackage
                 # refuses the whole feature rather than cut it
                 + [QgsField(name, QVariant.String, "string") for name in TEXT_FIELDS])
        kept, fields = self.output_fields(patches.fields(), added)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             patches.wkbType(), patches.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            features, geoms = self._patches(patches, context)
            values = {name: self._column(patches, features, name) for name in ("TBLX", "HSX")}
            read = self._layers(slots, geoms, context, feedback)
            land, farm, red, *approval_layers = read
            layers = store_precheck.assemble(
                [land], [farm] if farm else [], [red] if red else [],
                list(zip(approval_layers, kinds)), rules)
            result = precheck.overlay(
                geoms, layers, lambda p: feedback.setProgress(30 + 0.6 * p), feedback.isCanceled,
                context=store_precheck.context_of(values["TBLX"], values["HSX"], rules),
                adjustable_cultivated=rules.adjustable_cultivated)
        except Cancelled:
            feedback.reportError(self.tr("Precheck cancelled."))
            return {}
        except (SourceError, CrsError) as error:
            raise QgsProcessingException(str(error)) from error
        for note in result.notes:
            feedback.pushWarning(note)
        suggestions = suggest.suggest_all(result, values["TBLX"], rules)
        jcbh_index = patches.fields().lookupField("JCBH")
        for k, feature in enumerate(features):
            if feedback.isCanceled():
                feedback.reportError(self.tr("Precheck cancelled."))
                return {}
            if k in result.patch_notes:
                key = feature.attributes()[jcbh_index] if jcbh_index >= 0 else feature.id()
                feedback.pushWarning(f"{key}: {result.patch_notes[k]}")
            record = result.record(k)
            attributes = feature.attributes()
            feature.setFields(fields, False)
            feature.setAttributes([attributes[i] for i in kept]
                                  + [record[n] for n in precheck.FIELDS]
                                  + [result.dlfz(k), result.pwfz(k), result.gddb(k), *suggestions[k]])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
            if k % 1000 == 0:
                feedback.setProgress(90 + 10 * k / max(len(features), 1))
        return {self.OUTPUT: dest_id}

    @staticmethod
    def _column(source, features, name) -> list:
        index = source.fields().lookupField(name)
        return [qgis_value(f.attributes()[index]) if index >= 0 else None for f in features]

    def _layers(self, slots, geoms, context, feedback):
        """The overlay layers as ``core.layers.Layer`` (None where not given): the files
        through GDAL, two at a time beside the others read through QGIS."""
        from concurrent.futures import ThreadPoolExecutor, wait

        import numpy as np
        import shapely

        from ..core import layers as layer_io

        bounds = shapely.total_bounds(geoms)
        within = None if np.isnan(bounds).any() else QgsRectangle(*bounds)
        total = max(len([s for s in slots if s]), 1)
        done = [0]

        def step():
            done[0] += 1
            feedback.setProgress(30 * done[0] / total)

        read = [None] * len(slots)
        with ThreadPoolExecutor(max_workers=2) as pool:  # GDAL reads while the other reprojects
            futures = {}
            for k, slot in enumerate(slots):
                if slot and slot[1]:
                    _, source, _, required, optional = slot
                    feedback.pushInfo(self.tr("{layer}: read through GDAL").format(
                        layer=layer_io.label_of(source)))
                    futures[pool.submit(layer_io.read, source, required, optional,
                                        near=geoms)] = k
            for k, slot in enumerate(slots):
                if not slot or slot[1]:
                    continue
                if feedback.isCanceled():
                    self._cancel(futures)
                label, _, source, required, optional = slot
                feedback.pushInfo(self.tr("{layer}: read through QGIS").format(layer=label))
                read[k] = self._read(source, (*required, *optional), context, within, feedback,
                                     lambda p, start=done[0]: feedback.setProgress(
                                         30 * (start + p) / total))
                step()
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.2)
                for future in finished:
                    read[futures[future]] = future.result()  # raises what the read raised
                    step()
                if pending and feedback.isCanceled():
                    self._cancel(futures)
        return read

    @staticmethod
    def _cancel(futures):
        """Drop the reads not started (those under way end first) and stop."""

        for future in futures:
            future.cancel()
        raise Cancelled()

    def _patches(self, source, context):
        """The patch features and their geometries in CGCS2000 lon/lat."""
        import shapely

        transform = to_cgcs2000(source.sourceCrs(), context.transformContext())
        features = list(source.getFeatures(QgsFeatureRequest(),
                                           QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks))
        return features, shapely.from_wkb([lonlat_wkb(f.geometry(), transform) for f in features],
                                          on_invalid="ignore")

    def _read(self, source, fields, context, within, feedback, progress):
        """A layer read through QGIS as ``core.layers.Layer``: geometries in CGCS2000 lon/lat
        (lon = x) and the ``fields`` present (upper case); ``within``: lon/lat bounds, only
        features that meet them are read."""
        import numpy as np
        import shapely

        from ..core import layers as layer_io

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
                rows.append([qgis_value(values[i]) for i in indexes])
            if n % 10000 == 0:
                if feedback.isCanceled():
                    raise Cancelled()
                progress(n / total)
        columns = list(zip(*rows)) if rows else [[] for _ in present]
        return layer_io.Layer(source.sourceName(), shapely.from_wkb(wkbs, on_invalid="ignore"),
                              {f.upper(): np.array(list(column), dtype=object)
                               for f, column in zip(present, columns)})
