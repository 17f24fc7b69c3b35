"""Long store work (import, precheck) as a QgsTask: progress and cancel in the QGIS task bar,
the UI thread stays free."""

from __future__ import annotations

import contextvars
import logging

from qgis.core import QgsApplication, QgsTask

from ..core.errors import Cancelled
from ..core.expected import EXPECTED

LOG = logging.getLogger(__name__)


class StoreTask(QgsTask):
    def __init__(self, description: str, work, **arguments):
        """``work(progress=, cancelled=, **arguments)`` runs in the task's thread, in the
        context (the message language) of the thread that made the task, and raises
        ``Cancelled`` when it stops on a cancel."""
        super().__init__(description, QgsTask.CanCancel)
        self.work, self.arguments = work, arguments
        self.context = contextvars.copy_context()
        self.result = None
        self.error: Exception | None = None

    def run(self) -> bool:
        try:
            self.result = self.context.run(self.work, progress=self.setProgress,
                                           cancelled=self.isCanceled, **self.arguments)
            return True
        except Cancelled:
            return False
        except EXPECTED as error:
            self.error = error
            return False
        except Exception as error:  # a bug: keep the details in the log, tell the user plainly
            LOG.exception("%s failed", self.description())
            self.error = error
            return False


def run_in_background(task: StoreTask, progress_bar, finished) -> None:
    """Run ``task`` in the background, its progress on ``progress_bar``; ``finished`` is
    called when it ends, whether it completed, failed or was cancelled."""
    task.progressChanged.connect(lambda p: progress_bar.setValue(int(p)))
    task.taskCompleted.connect(finished)
    task.taskTerminated.connect(finished)
    QgsApplication.taskManager().addTask(task)


def import_task(description: str, **arguments) -> StoreTask:
    from ..store import importer

    return StoreTask(description, importer.run, **arguments)


def precheck_task(description: str, **arguments) -> StoreTask:
    from ..store import precheck

    return StoreTask(description, precheck.run, **arguments)
