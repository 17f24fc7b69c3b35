"""The one logging facade: the standard ``farmland_guard`` logger, routed to QgsMessageLog.

Every module logs with ``logging.getLogger(__name__)``; core and the server need nothing else.
The plugin installs ``QgsMessageLogHandler`` while it is loaded; the gui adds a handler that
pushes records logged with ``extra=NOTIFY`` to the message bar, for the user to see.
"""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOGGER_NAME = "farmland_guard"
LOG_TAB = "farmland_guard"
NOTIFY = {"notify": True}

LEVELS = {
    logging.DEBUG: Qgis.Info,
    logging.INFO: Qgis.Info,
    logging.WARNING: Qgis.Warning,
    logging.ERROR: Qgis.Critical,
    logging.CRITICAL: Qgis.Critical,
}


def qgis_level(record: logging.LogRecord):
    return LEVELS.get(record.levelno, Qgis.Info)


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


class QgsMessageLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        QgsMessageLog.logMessage(self.format(record), LOG_TAB, qgis_level(record))
