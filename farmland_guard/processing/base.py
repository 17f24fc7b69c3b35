"""What every farmland_guard algorithm shares: translation, instances, its Python packages."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from .. import dependencies
from ..translation import Translatable


class FarmlandGuardAlgorithm(Translatable, QgsProcessingAlgorithm):
    PACKAGES: tuple[str, ...] = ()  # Python packages beyond QGIS that the algorithm needs

    def createInstance(self):  # noqa: N802
        return type(self)()

    def require_packages(self) -> None:
        """A clear message, not a traceback, when the QGIS Python lacks a package."""
        missing = dependencies.missing(self.PACKAGES)
        if missing:
            raise QgsProcessingException(
                self.tr("Missing Python packages: {names}. Install them with: {command}")
                .format(names=", ".join(missing), command=dependencies.pip_command(missing)))
