"""Long store work (import, precheck) as a QgsTask: progress and cancel in the QGIS task bar,
the UI thread stays free."""

from __future__ import annotations

import logging

from qgis.core import QgsApplication, QgsTask

LOG = logging.getLogger(__name__)


def _expected_errors() -> tuple:
    """Failures a person can act on: bad input, a store it cannot use, a full disk."""
    from ..store.expected import EXPECTED

    return EXPECTED


class StoreTask(QgsTask):
    def __init__(self, description: str, work, cancelled_error, **arguments):
        """``work(progress=, cancelled=, **arguments)`` runs in the task's thread and raises
        ``cancelled_error`` when it stops on a cancel."""
        super().__init__(description, QgsTask.CanCancel)
        self.work, self.cancelled_error = work, cancelled_error
        self.arguments = arguments
        self.result = None
        self.error: Exception | None = None

    def run(self) -> bool:
        try:
            self.result = self.work(progress=self.setProgress, cancelled=self.isCanceled,
                                    **self.arguments)
            return True
        except self.cancelled_error:
            return False
        except _expected_errors() as error:
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

    return StoreTask(description, importer.run, importer.ImportCancelled, **arguments)


def precheck_task(description: str, **arguments) -> StoreTask:
    from ..store import precheck

    return StoreTask(description, precheck.run, precheck.Cancelled, **arguments)
