"""Returns and review through the real server: a technician's submitted result is returned by
a reviewer working offline in a work store of their own (the batch pulled as a package, the
results through the change feed), pushed as a review op; the technician's pull shows the
return with its comment and the reviewer's name; a batch approval of two results."""

import pytest

from farmland_guard.core.identity import set_user
from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.results import Verdicts
from farmland_guard.store.review import Reviews
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client

from .regions import batch_file, jcbh
from .servers import PASSWORD

COUNTY = "410725"  # tech_b's; the other server tests judge few of its patches
OTHER = {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"}


def _client(server, user):
    client = Client(server.url, language="en")
    client.sign_in(user, PASSWORD)
    return client


@pytest.fixture()
def names():
    yield
    set_user(None)


def _technician_store(server, tmp_path):
    path = tmp_path / "tech.gpkg"
    importer.run(batch_file(tmp_path, COUNTY), path)
    return WorkStore(path)


def _reviewer_store(server, tmp_path, client):
    """The county's batch pulled as a package and imported, then the results pulled."""
    [batch] = [b for b in client.batches() if b["XZQDM"] == COUNTY]
    answer = client.http.get(server.url + f"/sync/v1/batches/{batch['id']}/package",
                             headers={"Authorization": "Bearer " + client.access}, timeout=60)
    assert answer.status_code == 200, answer.text
    (tmp_path / "batch.gpkg").write_bytes(answer.content)
    importer.run(tmp_path / "batch.gpkg", tmp_path / "review.gpkg")
    store = WorkStore(tmp_path / "review.gpkg")
    engine.pull(Outbox(store), client)
    return store


def _state(server, client, rid):
    return client.result(rid)


def test_return_offline_then_fix_and_batch_approve(server, tmp_path, names):
    tech, reviewer = _client(server, "tech_b"), _client(server, "prov_rev")
    patches = [jcbh(COUNTY, n) for n in (1, 2, 3)]
    set_user("技术员乙")
    with _technician_store(server, tmp_path) as mine:
        judged, outbox = Verdicts(mine), Outbox(mine)
        for patch in patches:
            judged.save(patch, OTHER)
            judged.save(patch, {"HCZT": "已上报"})
        report = engine.sync(outbox, tech)
        assert {o.status for o in report.outcomes if o.jcbh in patches} == {"applied"}
        rids = {p: mine.conn.execute("SELECT id FROM results WHERE JCBH = ?", (p,)).fetchone()[0]
                for p in patches}

        set_user("省审核员")
        with _reviewer_store(server, tmp_path, reviewer) as theirs:
            reviews, their_outbox = Reviews(theirs), Outbox(theirs)
            assert set(patches) <= set(reviews.waiting())
            # offline: the return is in the store and the outbox before anything is sent
            done = reviews.decide([patches[0]], "return", "照片不清楚，请补拍")
            assert done.state == "省级退回"
            assert their_outbox.counts()["pending"] == 1
            report = engine.push(their_outbox, reviewer)
            assert [o.status for o in report.outcomes] == ["applied"]
            on_server = _state(server, reviewer, rids[patches[0]])
            assert on_server["data"]["HCZT"] == "省级退回"
            assert on_server["SJYSYJ"] == "照片不清楚，请补拍"
            version = theirs.conn.execute("SELECT version FROM results WHERE id = ?",
                                          (rids[patches[0]],)).fetchone()[0]
            assert version == on_server["version"]  # the store follows the server

            # the technician sees the return, with the comment and who sent it back
            set_user("技术员乙")
            report = engine.pull(outbox, tech)
            assert [(o.jcbh, o.status) for o in report.outcomes] == [(patches[0], "taken")]
            now = judged.current(patches[0])
            assert (now["HCZT"], now["SJYSYJ"], now["SHR"]) == \
                ("省级退回", "照片不清楚，请补拍", "prov_rev")
            assert mine.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                                     (patches[0],)).fetchone()[0] == "省级退回"
            # fixed and reported again: the comment stays, the state leaves 退回
            judged.save(patches[0], {"HCHLX": "非新增"})
            judged.save(patches[0], {"HCZT": "已上报"})
            report = engine.sync(outbox, tech)
            assert {o.status for o in report.outcomes if o.jcbh == patches[0]} == {"applied"}
            now = judged.current(patches[0])
            assert (now["HCZT"], now["SJYSYJ"]) == ("已上报", "照片不清楚，请补拍")

            # the reviewer pulls the new submission and approves two in one batch, offline
            set_user("省审核员")
            engine.pull(their_outbox, reviewer)
            assert Verdicts(theirs).current(patches[0])["HCZT"] == "已上报"
            done = reviews.decide(patches[:2], "approve")
            assert done.count == 2
            report = engine.push(their_outbox, reviewer)
            assert [o.status for o in report.outcomes] == ["applied", "applied"]
            for patch in patches[:2]:
                assert _state(server, reviewer, rids[patch])["data"]["HCZT"] == "通过"
            assert their_outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}
            assert engine.pull(their_outbox, reviewer).outcomes == []  # our own, back

        set_user("技术员乙")
        engine.pull(outbox, tech)
        assert [judged.current(p)["HCZT"] for p in patches] == ["通过", "通过", "已上报"]
        assert judged.current(patches[1])["SHR"] == "prov_rev"


def test_a_decision_on_a_result_decided_meanwhile_is_a_conflict(server, tmp_path, names):
    tech, reviewer = _client(server, "tech_b"), _client(server, "prov_rev")
    patch = jcbh(COUNTY, 4)
    with _technician_store(server, tmp_path) as mine:
        Verdicts(mine).save(patch, OTHER)
        Verdicts(mine).save(patch, {"HCZT": "已上报"})
        engine.sync(Outbox(mine), tech)
        rid = mine.conn.execute("SELECT id FROM results WHERE JCBH = ?", (patch,)).fetchone()[0]
    with _reviewer_store(server, tmp_path, reviewer) as theirs:
        Reviews(theirs).decide([patch], "approve")
        version = reviewer.result(rid)["version"]
        reviewer.review(rid, version, "return", "另一位审核员退回")  # someone else, first
        outbox = Outbox(theirs)
        report = engine.push(outbox, reviewer)
        assert [o.status for o in report.outcomes] == ["conflict"]
        [conflict] = outbox.conflicts()
        assert (conflict["mine"]["HCZT"], conflict["server"]["HCZT"]) == ("通过", "省级退回")
        outbox.resolve(rid, conflict["server"])  # keep what the server has
        now = Verdicts(theirs).current(patch)
        assert (now["HCZT"], now["SJYSYJ"]) == ("省级退回", "另一位审核员退回")
        assert outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}
