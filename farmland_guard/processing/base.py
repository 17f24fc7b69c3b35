"""What every farmland_guard algorithm shares: translation, instances, its Python packages."""

from __future__ import annotations

from qgis.core import QgsFields, QgsProcessingAlgorithm, QgsProcessingException

from .. import dependencies
from ..core.language import using
from ..settings import user_locale
from ..translation import Translatable


class FarmlandGuardAlgorithm(Translatable, QgsProcessingAlgorithm):
    PACKAGES: tuple[str, ...] = ()  # Python packages beyond QGIS that the algorithm needs

    def createInstance(self):  # noqa: N802
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """``process`` with core's messages in the interface's language: the algorithm runs in
        a worker thread, which does not share the interface's context."""
        with using(user_locale()):
            return self.process(parameters, context, feedback)

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def require_packages(self, names: tuple[str, ...] | None = None) -> None:
        """A clear message, not a traceback, when the QGIS Python lacks a package (of the
        algorithm's, or of ``names``)."""
        missing = dependencies.missing(self.PACKAGES if names is None else names)
        if missing:
            raise QgsProcessingException(
                self.tr("Missing Python packages: {names}. Install them with: {command}")
                .format(names=", ".join(missing), command=dependencies.pip_command(missing)))

    def source(self, parameters, key: str, context):
        """The feature source of parameter ``key``, refused without a CRS (areas need one)."""
        found = self.parameterAsSource(parameters, key, context)
        if found is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, key))
        self.check_crs(found)
        return found

    def check_crs(self, source) -> None:
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(self.tr("{layer} has no coordinate reference system; "
                                                 "set it first.").format(layer=source.sourceName()))

    @staticmethod
    def output_fields(source_fields, added) -> tuple[list[int], QgsFields]:
        """Indexes of the input fields kept (one named as a field the algorithm writes, in any
        case and of any type, gives way to it) and the output fields: those, then ``added``."""
        names = {f.name().upper() for f in added}
        kept = [i for i, f in enumerate(source_fields) if f.name().upper() not in names]
        fields = QgsFields()
        for i in kept:
            fields.append(source_fields.at(i))
        for field in added:
            fields.append(field)
        return kept, fields
