"""The import as a QgsTask: progress and cancel in the QGIS task bar, the UI thread stays free."""

from __future__ import annotations

import logging

from qgis.core import QgsTask

LOG = logging.getLogger(__name__)


class ImportTask(QgsTask):
    def __init__(self, description: str, **arguments):
        super().__init__(description, QgsTask.CanCancel)
        self.arguments = arguments
        self.result = None
        self.error: Exception | None = None

    def run(self) -> bool:
        from ..core.crs import CrsError
        from ..core.encoding import DbfError
        from ..core.sources import SourceError
        from ..store import importer
        from ..store.workstore import StoreError

        try:
            self.result = importer.run(progress=self.setProgress, cancelled=self.isCanceled,
                                       **self.arguments)
            return True
        except importer.ImportCancelled:
            return False
        except (SourceError, CrsError, DbfError, StoreError, OSError) as error:
            self.error = error
            return False
        except Exception as error:  # a bug: keep the details in the log, tell the user plainly
            LOG.exception("import failed")
            self.error = error
            return False
