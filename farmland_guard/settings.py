"""Typed plugin settings over QgsSettings: one place for every key, its type and default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QLocale

T = TypeVar("T")

PREFIX = "farmland_guard/"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def get(self) -> T:
        return QgsSettings().value(PREFIX + self.key, self.default, type=type(self.default))

    def set(self, value: T) -> None:
        if not isinstance(value, type(self.default)):
            raise TypeError(f"{self.key} takes {type(self.default).__name__}, not {value!r}")
        QgsSettings().setValue(PREFIX + self.key, value)


# Write debug messages to the QGIS message log.
DEBUG = Setting("debug", False)
# The technician's name, as the history records it ("" : the full name QGIS knows).
USER_NAME = Setting("user_name", "")
# The signed-in user's role on the sync server (technician, reviewer, admin; "" when not
# signed in): the sync dock sets it from /sync/v1/me; a reviewer gets the workbench's 审核 mode.
SYNC_ROLE = Setting("sync/role", "")
# The workbench's split between queue, form and evidence/history (QSplitter.saveState, base64).
WORKBENCH_SPLIT = Setting("workbench/split", "")


def user_locale() -> str:
    """The interface locale QGIS uses: its override setting, else the system locale."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        chosen = settings.value("locale/userLocale", "", type=str)
        if chosen:
            return chosen
    return QLocale.system().name()

# The central server of the sync (同步), e.g. https://gdwp.example.gov.cn
SYNC_URL = Setting("sync/url", "")
# The id of the QGIS authentication configuration (Basic: user name and password) the sync signs
# in with; the credentials themselves live in the QGIS auth manager, never in these settings.
SYNC_AUTHCFG = Setting("sync/authcfg", "")
# Where pulled batches become work stores ("" : beside the project, else the home folder).
SYNC_FOLDER = Setting("sync/folder", "")
