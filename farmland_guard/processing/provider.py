"""The ``farmland_guard`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..about import PLUGIN_ID, version
from ..paths import asset
from ..translation import Translatable
from .assign_grids import AssignGridsAlgorithm
from .balance import BalanceAlgorithm
from .batch_label import BatchLabelAlgorithm
from .ellipsoidal_area import EllipsoidalAreaAlgorithm
from .illegal_ratio import IllegalRatioAlgorithm
from .import_patches import ImportPatchesAlgorithm
from .link_reports import LinkReportsAlgorithm
from .precheck import PrecheckAlgorithm
from .ranking import RankingAlgorithm


class FarmlandGuardProvider(Translatable, QgsProcessingProvider):
    def id(self):
        return PLUGIN_ID

    def name(self):
        return self.tr("Farmland patch verification")

    def longName(self):  # noqa: N802
        return f"{self.name()} {version()}"

    def icon(self):
        return QIcon(str(asset("resources", "icons", "farmland_guard.svg")))

    def loadAlgorithms(self):  # noqa: N802
        self.addAlgorithm(EllipsoidalAreaAlgorithm())
        self.addAlgorithm(ImportPatchesAlgorithm())
        self.addAlgorithm(BatchLabelAlgorithm())
        self.addAlgorithm(PrecheckAlgorithm())
        self.addAlgorithm(BalanceAlgorithm())
        self.addAlgorithm(IllegalRatioAlgorithm())
        self.addAlgorithm(AssignGridsAlgorithm())
        self.addAlgorithm(LinkReportsAlgorithm())
        self.addAlgorithm(RankingAlgorithm())
