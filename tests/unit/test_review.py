"""A reviewer's decisions in the work store (``store.review``) and returns pulled into it
(``store.outbox.Outbox.take``): checked as the server checks them, written as one action,
queued as review ops, nothing written on a refusal."""

import json
import uuid

import pytest

from farmland_guard.core import codelists, verdicts
from farmland_guard.core.identity import set_user
from farmland_guard.store.history import History
from farmland_guard.store.outbox import ELSEWHERE, TAKEN, Outbox
from farmland_guard.store.results import Verdicts
from farmland_guard.store.review import Reviews
from farmland_guard.store.workstore import WorkStore
from tests.unit.test_results import OTHER, ids, snapshot


def push_all(outbox, version_of=None):
    """What a push answered 'applied' to every op waiting: the server's version one up."""
    while (chunk := outbox.next_chunk()) is not None:
        replies = []
        for op in chunk.ops:
            version = op["base_version"] + 1 if version_of is None else version_of(op)
            replies.append({"op_id": op["op_id"], "status": "applied", "version": version})
        outbox.settle(chunk, replies)


def submitted(ws, jcbhs):
    """Patches judged, reported and pushed: results at version 2, under review."""
    judged = Verdicts(ws)
    for jcbh in jcbhs:
        judged.save(jcbh, OTHER)
        judged.save(jcbh, {"HCZT": "已上报"})
    push_all(Outbox(ws))


def result(ws, jcbh):
    rid, version, data = ws.conn.execute("SELECT id, version, data FROM results WHERE JCBH = ?",
                                         (jcbh,)).fetchone()
    return rid, version, json.loads(data)


def review_ops(ws):
    return [(k, e, b, json.loads(d)) for k, e, b, d in ws.conn.execute(
        "SELECT kind, entity_id, base_version, data FROM outbox WHERE kind = 'review' "
        "ORDER BY fid")]


@pytest.fixture()
def reviewer():
    set_user("省审核员")
    yield "省审核员"
    set_user(None)


def test_approve_writes_state_mirror_history_and_a_review_op(store, reviewer):
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        submitted(ws, [jcbh])
        rid, version, _ = result(ws, jcbh)
        assert version == 2 and Reviews(ws).waiting() == [jcbh]
        done = Reviews(ws).decide([jcbh], "approve")
        assert (done.count, done.state) == (1, "通过")
        _, new_version, data = result(ws, jcbh)
        assert data["HCZT"] == "通过" and data["SHR"] == reviewer and "SJYSYJ" not in data
        assert new_version == 3  # one up, as the server will make it
        assert ws.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                               (jcbh,)).fetchone()[0] == "通过"
        assert review_ops(ws) == [("review", rid, 2, {"JCBH": jcbh, "decision": "approve",
                                                      "comment": None})]
        [change] = [c for c in History(ws).of(jcbh) if c.field == "HCZT" and c.action == "review"]
        assert (change.old, change.new, change.who) == ("已上报", "通过", reviewer)
        assert Reviews(ws).waiting() == []


def test_return_needs_a_comment_and_a_refusal_writes_nothing(store, reviewer):
    first, second = ids(store)[:2]
    with WorkStore(store) as ws:
        submitted(ws, [first])
        Verdicts(ws).save(second, OTHER)  # judged, not reported: nothing to review
    before = snapshot(store)
    with WorkStore(store) as ws:
        for keys, decision, comment, rule in (([first], "return", "  ", "required"),
                                              ([first], "maybe", "x", "codelist"),
                                              ([first, second], "return", "补照片", "workflow"),
                                              ([ids(store)[5]], "approve", None, "workflow")):
            with pytest.raises(verdicts.VerdictError) as error:
                Reviews(ws).decide(keys, decision, comment)
            assert error.value.violations[0].rule == rule
    assert snapshot(store) == before
    with WorkStore(store) as ws:
        done = Reviews(ws).decide([first], "return", " 照片不清楚 ")
        assert done.state == "省级退回"
        _, _, data = result(ws, first)
        assert data["SJYSYJ"] == "照片不清楚" and data["HCZT"] == "省级退回"
        assert review_ops(ws)[0][3]["comment"] == "照片不清楚"


@pytest.mark.parametrize("city_level", [False, True])
def test_moves_code_by_code(store, reviewer, city_level):
    """From each workflow state: approved and returned where the code lists say, refused
    elsewhere (the server's ``targets`` are the same function)."""
    jcbh = ids(store)[0]
    moves = codelists.workflow(city_level)
    expected = {"已上报": ("市级通过", "市级退回") if city_level else ("通过", "省级退回")}
    if city_level:
        expected["市级通过"] = ("通过", "省级退回")
    with WorkStore(store) as ws:
        submitted(ws, [jcbh])
        reviews = Reviews(ws, city_level=city_level)
        for state in moves:
            with ws.transaction() as conn:
                _, _, data = result(ws, jcbh)
                conn.execute("UPDATE results SET HCZT = ?, data = ? WHERE JCBH = ?",
                             (state, json.dumps({**data, "HCZT": state}), jcbh))
            for n, decision in enumerate(("approve", "return")):
                planned, problems = reviews.plan([jcbh], decision, "意见")
                if state in expected:
                    assert planned[jcbh][1]["HCZT"] == expected[state][n] and not problems
                    assert planned[jcbh][1]["HCZT"] in moves[state]
                else:
                    assert not planned and problems[0].rule == "workflow", state


def test_a_batch_is_one_action_undone_until_sent(store, reviewer):
    patches = ids(store)[:3]
    with WorkStore(store) as ws:
        submitted(ws, patches)
        edits = History(ws, Verdicts(ws), Reviews(ws))
        done = Reviews(ws).decide(patches[:2], "return", "面积有误")
        assert done.count == 2 and len(review_ops(ws)) == 2
        assert edits.undo() == done.op
        assert review_ops(ws) == []
        for jcbh in patches[:2]:
            _, version, data = result(ws, jcbh)
            assert (data["HCZT"], version, data.get("SJYSYJ")) == ("已上报", 2, None)
            assert ws.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                                   (jcbh,)).fetchone()[0] == "已上报"
        assert edits.redo() == done.op
        assert [o[3]["comment"] for o in review_ops(ws)] == ["面积有误", "面积有误"]
        assert [o[2] for o in review_ops(ws)] == [2, 2]
        push_all(Outbox(ws))  # sent: the server's now
        assert review_ops(ws) == []
        assert [result(ws, j)[1] for j in patches[:2]] == [3, 3]  # the server's version
        with pytest.raises(verdicts.VerdictError) as error:
            edits.undo()
        assert error.value.violations[0].rule == "sent"
        assert result(ws, patches[0])[2]["HCZT"] == "省级退回"


def test_review_ops_are_never_folded_and_follow_the_server(store, reviewer):
    """City then province, offline: two ops on one result, in order, on versions 2 and 3."""
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        submitted(ws, [jcbh])
        reviews = Reviews(ws, city_level=True)
        reviews.decide([jcbh], "approve", "市级同意")
        reviews.decide([jcbh], "approve")
        outbox = Outbox(ws)
        chunk = outbox.next_chunk()
        assert [(op["kind"], op["base_version"], op["data"]["comment"]) for op in chunk.ops] == \
            [("review", 2, "市级同意"), ("review", 3, None)]
        outbox.settle(chunk, [{"op_id": op["op_id"], "status": "applied",
                               "version": op["base_version"] + 1} for op in chunk.ops])
        rid, version, data = result(ws, jcbh)
        assert (version, data["HCZT"], data["SJYSYJ"]) == (4, "通过", "市级同意")
        assert outbox.counts()["pending"] == 0
        # the server's copy of the result is the one both sides agree on: a pull of it is ours
        copy = {"id": rid, "version": 4, "JCBH": jcbh, "data": data, "updated_by": "x"}
        assert outbox.take([copy]) == {rid: "same"}


def test_a_pulled_return_shows_and_stays_as_history_after_the_fix(store):
    jcbh, other = ids(store)[:2]
    with WorkStore(store) as ws:
        submitted(ws, [jcbh])
        rid, version, data = result(ws, jcbh)
        outbox = Outbox(ws)
        copy = {"id": rid, "version": version + 1, "JCBH": jcbh, "DKBH": None,
                "SJYSYJ": "照片不清楚", "updated_by": "prov_rev",
                "data": {**data, "HCZT": "省级退回", "SJYSYJ": "照片不清楚"}}
        elsewhere = {"id": str(uuid.uuid4()), "version": 2, "JCBH": "999999SJBG25000001",
                     "data": {"HCZT": "已上报"}, "updated_by": "tech_z"}
        assert outbox.take([copy, elsewhere]) == {rid: TAKEN, elsewhere["id"]: ELSEWHERE}
        now = Verdicts(ws).current(jcbh)
        assert (now["HCZT"], now["SJYSYJ"], now["SHR"]) == ("省级退回", "照片不清楚", "prov_rev")
        assert ws.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                               (jcbh,)).fetchone()[0] == "省级退回"
        # fixed and reported again: the state leaves 退回, the comment stays as history
        Verdicts(ws).save(jcbh, {"HCHLX": "非新增"})
        Verdicts(ws).save(jcbh, {"HCZT": "已上报"})
        push_all(outbox)
        now = Verdicts(ws).current(jcbh)
        assert (now["HCZT"], now["SJYSYJ"], now["SHR"]) == ("已上报", "照片不清楚", "prov_rev")
        # the server keeps the comment apart from the data it got back
        _, version, _ = result(ws, jcbh)
        again = {"id": rid, "version": version + 1, "JCBH": jcbh, "SJYSYJ": "照片不清楚",
                 "updated_by": "admin41", "data": {**OTHER, "HCHLX": "非新增", "HCZT": "已上报",
                                                   "BJ": 1}}
        assert outbox.take([again]) == {rid: TAKEN}
        now = Verdicts(ws).current(jcbh)
        assert (now["SJYSYJ"], now["SHR"], now["BJ"]) == ("照片不清楚", "prov_rev", 1)
        assert other not in Reviews(ws).waiting()


def test_a_review_in_conflict_keeps_the_server_copy_or_goes_again_on_its_version(store,
                                                                                 reviewer):
    first, second = ids(store)[:2]
    with WorkStore(store) as ws:
        submitted(ws, [first, second])
        reviews, outbox = Reviews(ws), Outbox(ws)
        reviews.decide([first], "return", "缺照片")
        reviews.decide([second], "approve")
        chunk = outbox.next_chunk()
        replies = []
        for op in chunk.ops:  # both results moved on at the server meanwhile (version 3)
            _, _, data = result(ws, op["data"]["JCBH"])
            server = {**data, "HCZT": "已上报", "BJ": 1}
            for note in ("SHR", "SJYSYJ"):
                server.pop(note, None)
            replies.append({"op_id": op["op_id"], "status": "conflict", "version": 3,
                            "server": {"id": op["id"], "version": 3, "data": server,
                                       "SJYSYJ": None}})
        assert outbox.settle(chunk, replies)["conflict"] == 2
        conflicts = {c["mine"]["JCBH"]: c for c in outbox.conflicts()}
        assert conflicts[first]["mine"]["HCZT"] == "省级退回"
        assert conflicts[first]["mine"]["comment"] == "缺照片"
        assert conflicts[first]["server"]["HCZT"] == "已上报"
        # mine: the decision again, on the server's version
        outbox.resolve(conflicts[first]["id"], conflicts[first]["mine"])
        rid, version, data = result(ws, first)
        assert (data["HCZT"], data["SJYSYJ"], data["BJ"], version) == ("省级退回", "缺照片", 1, 4)
        assert [(e, b, d["decision"]) for _, e, b, d in review_ops(ws)] == [(rid, 3, "return")]
        # theirs: the server's copy, no op
        outbox.resolve(conflicts[second]["id"], conflicts[second]["server"])
        _, version, data = result(ws, second)
        assert (data["HCZT"], data["BJ"], version) == ("已上报", 1, 3)
        assert len(review_ops(ws)) == 1 and outbox.counts()["conflicts"] == 0


def test_a_refused_review_can_be_undone(store, reviewer):
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        submitted(ws, [jcbh])
        edits, outbox = History(ws, Verdicts(ws), Reviews(ws)), Outbox(ws)
        done = Reviews(ws).decide([jcbh], "approve")
        chunk = outbox.next_chunk()
        outbox.settle(chunk, [{"op_id": chunk.ops[0]["op_id"], "status": "rejected",
                               "problem": {"detail": "this decision is made at province level"}}])
        assert outbox.counts()["rejected"] == 1
        assert edits.undo() == done.op  # the server never had it
        assert outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}
        _, version, data = result(ws, jcbh)
        assert (version, data["HCZT"]) == (2, "已上报")
