"""Returns and 审核 mode in the workbench, in real PyQGIS offscreen: a returned result stands
out in the queue's filter and the form; a reviewer approves with a key, returns with a comment,
and decides a batch after a preview — all offline, as review ops in the store's outbox."""

import json
import uuid

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from farmland_guard.settings import SYNC_ROLE
from farmland_guard.store.outbox import Outbox

OTHER = {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"}


@pytest.fixture()
def role():
    def set_role(name):
        SYNC_ROLE.set(name)

    set_role("")  # whatever an earlier run left in the settings
    yield set_role
    SYNC_ROLE.set("")


def pushed(bench):
    """What a push answered 'applied' to every op waiting (the server's version one up)."""
    outbox = Outbox(bench.store)
    while (chunk := outbox.next_chunk()) is not None:
        outbox.settle(chunk, [{"op_id": op["op_id"], "status": "applied",
                               "version": op["base_version"] + 1} for op in chunk.ops])


def submit(bench, jcbhs):
    for jcbh in jcbhs:
        bench.verdicts.save(jcbh, OTHER)
        bench.verdicts.save(jcbh, {"HCZT": "已上报"})
    pushed(bench)
    bench.queue.set_rows(bench.store_queue.rows())


def review_ops(bench):
    return [(e, json.loads(d)) for e, d in bench.store.conn.execute(
        "SELECT entity_id, data FROM outbox WHERE kind = 'review' ORDER BY fid")]


def state(bench, jcbh):
    return bench.verdicts.current(jcbh)["HCZT"]


def test_a_pulled_return_stands_out_until_reported_again(bench):
    jcbh = bench.queue.model.rows[4].jcbh
    submit(bench, [jcbh])
    rid, version, data = bench.store.conn.execute(
        "SELECT id, version, data FROM results WHERE JCBH = ?", (jcbh,)).fetchone()
    copy = {"id": rid, "version": version + 1, "JCBH": jcbh, "SJYSYJ": "照片不清楚，请补拍",
            "updated_by": "prov_rev",
            "data": {**json.loads(data), "HCZT": "省级退回", "SJYSYJ": "照片不清楚，请补拍"}}
    assert Outbox(bench.store).take([copy]) == {rid: "taken"}
    bench.after_change([jcbh])
    bench.queue.returned.setChecked(True)  # the queue's Returned filter lists it
    assert [r.jcbh for r in bench.queue.shown_rows()] == [jcbh]
    index = bench.queue.proxy.mapToSource(bench.queue.proxy.index(0, 6))
    assert bench.queue.model.data(index).endswith("↩")
    assert bench.queue.model.data(index, Qt.ForegroundRole).name() == "#b00000"  # in red
    bench.queue.go_to(0)
    box = bench.form.review_box
    assert box.isVisible() and "c62828" in box.styleSheet()  # red: impossible to miss
    assert "省级退回" in bench.form.review_title.text()
    assert "prov_rev" in bench.form.review_title.text()
    assert "照片不清楚，请补拍" in bench.form.review_comment.text()
    # fixed and reported again: the state leaves 退回, the comment stays as history
    bench.verdicts.save(jcbh, {"HCHLX": "非新增"})
    bench.verdicts.save(jcbh, {"HCZT": "已上报"})
    bench.after_change([jcbh])
    assert bench.queue.shown_rows() == []
    bench.queue.returned.setChecked(False)
    bench.jump(jcbh)
    assert box.isVisible() and "c62828" not in box.styleSheet()
    assert "prov_rev" in bench.form.review_title.text()
    assert bench.form.review_comment.text() == "照片不清楚，请补拍"
    bench.step(1)
    assert not box.isVisible()  # a result never reviewed: no box


def test_review_mode_only_for_a_reviewer(bench, role):
    bench.refresh_role()
    assert not bench.review_switch.isVisible()
    role("technician")
    bench.refresh_role()
    assert not bench.review_switch.isVisible()
    role("reviewer")
    bench.refresh_role()
    assert bench.review_switch.isVisible()


def test_approve_with_a_key_return_with_a_comment_undo(bench, role):
    rows = bench.queue.model.rows
    waiting = [rows[n].jcbh for n in (1, 3, 5, 7)]
    submit(bench, waiting)
    role("reviewer")
    bench.refresh_role()
    bench.review_switch.setChecked(True)
    assert bench.review.isVisible() and not bench.form.save_button.isVisible()
    assert not bench.parcels.cut_button.isVisible()  # nor split: the verdict is not theirs
    assert [r.jcbh for r in bench.queue.shown_rows()] == waiting
    assert bench.current_row().jcbh == waiting[0]
    assert "通过" in bench.review.status.text() and "省级退回" in bench.review.status.text()
    assert bench.form.locked()  # the submitted verdict shows read-only
    QTest.keyClick(bench.table, Qt.Key_Return, Qt.ControlModifier)  # no saving in 审核 mode
    assert bench.store.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0

    QTest.keyClick(bench.table, Qt.Key_A)  # approve and on to the next
    assert state(bench, waiting[0]) == "通过"
    assert [r.jcbh for r in bench.queue.shown_rows()] == waiting[1:]
    assert bench.current_row().jcbh == waiting[1]
    assert review_ops(bench)[0][1] == {"JCBH": waiting[0], "decision": "approve",
                                       "comment": None}

    QTest.keyClick(bench.table, Qt.Key_R)  # no comment yet: asked for, nothing written
    assert state(bench, waiting[1]) == "已上报" and len(review_ops(bench)) == 1
    assert bench.review.comment.hasFocus() or bench.focusWidget() is bench.review.comment
    assert "d00000" in bench.message.styleSheet() or "b00000" in bench.message.styleSheet()
    QTest.keyClicks(bench.review.comment, "ar")  # letters type here, they do not decide
    assert len(review_ops(bench)) == 1 and bench.review.comment.text() == "ar"
    bench.review.comment.setText("图斑范围有误")
    QTest.keyClick(bench.review.comment, Qt.Key_Return)
    assert state(bench, waiting[1]) == "省级退回"
    assert bench.verdicts.current(waiting[1])["SJYSYJ"] == "图斑范围有误"
    assert review_ops(bench)[1][1]["comment"] == "图斑范围有误"
    assert bench.review.comment.text() == ""
    assert bench.current_row().jcbh == waiting[2]

    QTest.keyClick(bench.table, Qt.Key_Z, Qt.ControlModifier | Qt.AltModifier)  # undo it
    assert state(bench, waiting[1]) == "已上报" and len(review_ops(bench)) == 1
    assert [r.jcbh for r in bench.queue.shown_rows()] == waiting[1:]


def test_batch_review_previews_before_writing(bench, role):
    rows = bench.queue.model.rows
    waiting = [rows[n].jcbh for n in (10, 11, 12)]
    submit(bench, waiting)
    role("admin")
    bench.refresh_role()
    bench.review_switch.setChecked(True)
    dialog = bench.open_review_batch()
    apply = dialog.buttons.button(QDialogButtonBox.Apply)
    assert dialog.listing.count() == 3 and apply.isEnabled()
    assert "3" in dialog.summary.text() and "通过" in dialog.summary.text()
    assert [dialog.listing.item(i).text().split()[0] for i in range(3)] == waiting
    dialog.give_back.setChecked(True)  # a return needs a comment: refused, nothing written
    assert not apply.isEnabled() and "SJYSYJ" in dialog.summary.text()
    dialog.comment.setText("请补充外业照片")
    assert apply.isEnabled() and "省级退回" in dialog.summary.text()
    assert "请补充外业照片" in dialog.summary.text()
    assert review_ops(bench) == []  # the preview wrote nothing
    apply.click()
    assert [state(bench, j) for j in waiting] == ["省级退回"] * 3
    assert [d["comment"] for _, d in review_ops(bench)] == ["请补充外业照片"] * 3
    assert bench.queue.shown_rows() == []
    bench.review_switch.setChecked(False)  # back to judging: the queue is whole again
    assert bench.queue.proxy.rowCount() == 120
    bench.queue.returned.setChecked(True)
    assert [r.jcbh for r in bench.queue.shown_rows()] == waiting
    assert uuid.UUID(review_ops(bench)[0][0])
