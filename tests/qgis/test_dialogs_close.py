"""Every dialog of the plugin opened and closed by each of its ways out — its Cancel or Close
button, OK or Apply where it has one, the window's X and Esc — with no exception in a slot.

An exception raised inside a Qt slot does not reach pytest by itself (PyQt prints it, or aborts):
``slot_errors`` installs a ``sys.excepthook`` that collects them and fails the test. The list of
dialogs is checked against the QDialog subclasses under ``farmland_guard/gui`` so a new dialog
cannot be forgotten."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QCloseEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox

from tests.qgis.conftest import wait_for

GUI = Path(__file__).resolve().parents[2] / "farmland_guard" / "gui"


@pytest.fixture()
def slot_errors(monkeypatch):
    """Exceptions raised in Qt slots during the test; any left at the end fails it."""
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(value))
    yield seen
    assert not seen, f"exception in a Qt slot: {seen[0]!r}"


@pytest.fixture()
def imported(demo_data, tmp_path):
    from farmland_guard.store import importer

    out, manifest = demo_data
    return importer.run(out / manifest["patch_zip"], tmp_path / "r.gpkg")


def make_import(request):
    from farmland_guard.gui.import_dialog import ImportDialog

    return ImportDialog()


def make_mapping(request):
    from farmland_guard.gui.import_dialog import ImportDialog
    from farmland_guard.gui.mapping_dialog import MappingDialog

    out, manifest = request.getfixturevalue("demo_data")
    importer = ImportDialog()
    importer.source.setFilePath(str(out / manifest["patch_zip"]))
    return MappingDialog(importer.preview.frame, importer.mapping)


def make_report(request):
    from farmland_guard.gui.import_dialog import ReportDialog

    return ReportDialog(request.getfixturevalue("imported"))


def make_precheck(request):
    return request.getfixturevalue("bench").open_precheck()


def make_batch(request):
    bench = request.getfixturevalue("bench")
    bench.form.pick_kind(3)  # 其他, 农业结构调整: a verdict to apply
    bench.form.sub.setCurrentIndex(bench.form.sub.findData("农业结构调整"))
    dialog = bench.open_batch()
    assert dialog.buttons.button(QDialogButtonBox.Apply).isEnabled(), dialog.preview.text()
    return dialog


def make_conflicts(request):
    from farmland_guard.gui.conflict_dialog import ConflictDialog

    return ConflictDialog(request.getfixturevalue("store"))


def make_review_batch(request):
    from farmland_guard.store.outbox import Outbox

    bench = request.getfixturevalue("bench")
    jcbh = bench.queue.model.rows[0].jcbh
    bench.verdicts.save(jcbh, {"PDLX": "其他", "HCHLX": "农业结构调整"})
    bench.verdicts.save(jcbh, {"HCZT": "已上报"})
    outbox = Outbox(bench.store)
    chunk = outbox.next_chunk()  # sent: the result is under review
    outbox.settle(chunk, [{"op_id": op["op_id"], "status": "applied",
                           "version": op["base_version"] + 1} for op in chunk.ops])
    bench.queue.set_rows(bench.store_queue.rows())
    bench.review_switch.setChecked(True)  # 审核 mode (the switch shows for reviewers only)
    dialog = bench.open_review_batch()
    assert dialog.buttons.button(QDialogButtonBox.Apply).isEnabled(), dialog.summary.text()
    return dialog


def ledger(request):
    """The rectification ledger of a demo store, with one 巡察 problem."""
    from farmland_guard.store.problems import Problems
    from farmland_guard.store.workstore import WorkStore

    store = WorkStore(request.getfixturevalue("store"))
    request.addfinalizer(store.close)
    problems = Problems(store)
    county = store.conn.execute("SELECT XZQDM FROM patches LIMIT 1").fetchone()[0]
    return problems, problems.create({"LY": "巡察", "XZQDM": county})


def make_new_problem(request):
    from farmland_guard.gui.problem_form import NewProblemDialog

    dialog = NewProblemDialog(ledger(request)[0], request.getfixturevalue("qgis_canvas"),
                              lambda: None)
    dialog.pick_point()  # closed while a point is being picked
    return dialog


def make_edit_problem(request):
    from farmland_guard.gui.problem_edit import EditProblemDialog

    return EditProblemDialog(*ledger(request))


def make_xiaohao(request):
    from farmland_guard.gui.xiaohao_dialog import XiaohaoDialog

    return XiaohaoDialog(*ledger(request))


def button(role):
    def press(dialog):
        box = dialog.findChild(QDialogButtonBox)
        if box is not None and box.button(role) is not None:
            box.button(role).click()
        else:  # the precheck dialog's own Cancel
            dialog.cancel.click()
    return press


def window_x(dialog):
    QApplication.sendEvent(dialog, QCloseEvent())


def close_method(dialog):
    dialog.close()


def escape(dialog):
    QTest.keyClick(dialog, Qt.Key_Escape)


CANCEL, CLOSE = button(QDialogButtonBox.Cancel), button(QDialogButtonBox.Close)
SAVE = button(QDialogButtonBox.Save)
OK, APPLY = button(QDialogButtonBox.Ok), button(QDialogButtonBox.Apply)
COMMON = {"window X": window_x, "close()": close_method, "Esc": escape}
DIALOGS = {  # class name -> (how to make it, its own ways out)
    "ImportDialog": (make_import, {"Close": CLOSE}),
    "MappingDialog": (make_mapping, {"Cancel": CANCEL, "OK": OK}),
    "ReportDialog": (make_report, {"Close": CLOSE}),
    "PrecheckDialog": (make_precheck, {"Cancel": CANCEL}),
    "BatchLabelDialog": (make_batch, {"Cancel": CANCEL, "Apply": APPLY}),
    "ConflictDialog": (make_conflicts, {"Close": CLOSE}),
    "ReviewBatchDialog": (make_review_batch, {"Cancel": CANCEL, "Apply": APPLY}),
    "NewProblemDialog": (make_new_problem, {"Cancel": CANCEL, "Save": SAVE}),
    "EditProblemDialog": (make_edit_problem, {"Cancel": CANCEL, "Save": SAVE}),
    "XiaohaoDialog": (make_xiaohao, {"Cancel": CANCEL}),
}
CASES = [(name, way, press) for name, (_, own) in DIALOGS.items()
         for way, press in {**own, **COMMON}.items()]


def dialog_classes() -> set[str]:
    """The classes under gui/ that derive from QDialog (directly or through another one)."""
    found = {}
    for path in GUI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
    dialogs, grown = {"QDialog"}, True
    while grown:
        new = {name for name, bases in found.items() if bases & dialogs} - dialogs
        dialogs |= new
        grown = bool(new)
    return dialogs - {"QDialog"}


def test_every_dialog_of_the_plugin_is_in_the_list():
    assert dialog_classes() == set(DIALOGS)


@pytest.mark.parametrize(("name", "way", "press"), CASES, ids=[f"{n}-{w}" for n, w, _ in CASES])
def test_dialog_closes(name, way, press, request, slot_errors):
    dialog = DIALOGS[name][0](request)
    assert type(dialog).__name__ == name
    dialog.show()
    QApplication.setActiveWindow(dialog)
    wait_for(dialog.isVisible)
    press(dialog)
    QApplication.processEvents()
    assert not dialog.isVisible(), f"{name} still open after {way}"
    assert not slot_errors
    dialog.deleteLater()
