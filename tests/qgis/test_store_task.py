"""Long work runs in a task thread, in the message language of the interface that started it."""

import threading

from farmland_guard.core import language
from farmland_guard.gui.store_task import StoreTask


def test_a_task_speaks_the_language_of_the_thread_that_made_it(qgis_app):
    def work(progress, cancelled):
        return language.say("{n} patches", "{n} 个图斑", n=3)

    language.set_language("zh_CN")
    try:
        task = StoreTask("t", work)
    finally:
        language.set_language("en")
    worker = threading.Thread(target=task.run)  # a thread of its own, as the task manager's
    worker.start()
    worker.join()
    assert task.result == "3 个图斑"
