"""The plugin's side of the sync against the real server: a verdict judged in a work store is
pushed, the reviewer's return comes back into the store with its comment, an edit the server
made meanwhile becomes a conflict the user settles field by field."""

import uuid

import pytest
import shapely

from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client

from .regions import batch_file, jcbh
from .servers import PASSWORD


@pytest.fixture()
def work_store(server, tmp_path):
    path = tmp_path / "a.gpkg"
    importer.run(batch_file(tmp_path, "410724"), path)
    with WorkStore(path) as store:
        yield store


def _client(server, user):
    client = Client(server.url, language="en")
    client.sign_in(user, PASSWORD)
    return client


def test_push_return_fix_and_conflict(server, work_store):
    me, reviewer = _client(server, "tech_a"), _client(server, "prov_rev")
    outbox, judged = Outbox(work_store), Verdicts(work_store)
    patch = jcbh("410724", 17)
    judged.save(patch, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0})
    judged.save(patch, {"WFMJ": 1.1})  # folded into the one before: the same state
    judged.save(patch, {"HCZT": "已上报"})  # a move of the state goes as an op of its own
    report = engine.sync(outbox, me)  # others' results of the region come back too
    assert [o.status for o in report.outcomes if o.jcbh == patch] == ["applied", "applied"]
    rid = work_store.conn.execute("SELECT id, version FROM results WHERE JCBH = ?",
                                  (patch,)).fetchone()
    assert rid[1] == 2 and outbox.counts()["pending"] == 0
    reviewer.review(rid[0], 2, "return", "照片不清楚")
    report = engine.pull(outbox, me)
    assert [o.status for o in report.outcomes] == ["taken"]
    now = judged.current(patch)
    assert now["HCZT"] == "省级退回"
    assert work_store.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                                   (patch,)).fetchone()[0] == "省级退回"
    # the technician edits offline while the server's copy changes under them
    judged.save(patch, {"WFMJ": 1.2})
    server_copy = me.result(rid[0])
    me._call("PATCH", f"/sync/v1/results/{rid[0]}", json={"WFMJ": 0.8},
             headers={"If-Match": f'"{server_copy["version"]}"'})
    report = engine.push(outbox, me)
    assert [o.status for o in report.outcomes] == ["conflict"]
    [conflict] = outbox.conflicts()
    assert (conflict["base"]["WFMJ"], conflict["mine"]["WFMJ"], conflict["server"]["WFMJ"]) == \
        (1.1, 1.2, 0.8)
    outbox.resolve(rid[0], {**conflict["mine"], "WFMJ": 1.1, "HCZT": "已上报"})
    report = engine.sync(outbox, me)
    assert [o.status for o in report.outcomes if o.jcbh == patch] == ["applied"]
    assert me.result(rid[0])["data"]["WFMJ"] == 1.1
    assert outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}


def test_a_rejected_op_stays_with_its_reason(server, work_store):
    me = _client(server, "tech_a")
    outbox = Outbox(work_store)
    with work_store.transaction() as conn:  # an op the server refuses (a patch it lacks)
        conn.execute("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, created_at) "
                     "VALUES (?, 'result', ?, 0, ?, '2026-01-01')",
                     (str(uuid.uuid4()), str(uuid.uuid4()),
                      '{"JCBH": "410724SJBG25999999", "PDLX": "其他", "HCHLX": "非新增"}'))
    report = engine.push(outbox, me)
    assert [o.status for o in report.outcomes] == ["rejected"]
    assert "does not exist" in report.outcomes[0].detail
    assert outbox.counts()["rejected"] == 1 and outbox.next_chunk() is None


def test_a_pulled_batch_imports_as_a_delivered_one(server, tmp_path):
    me = server.as_user("tech_b")
    [batch] = me.get(server.url + "/sync/v1/batches").json()
    answer = me.get(server.url + f"/sync/v1/batches/{batch['id']}/package")
    assert answer.status_code == 200, answer.text
    (tmp_path / "b.gpkg").write_bytes(answer.content)
    done = importer.run(tmp_path / "b.gpkg", tmp_path / "store.gpkg")
    assert (done.imported, done.rejected) == (batch["patches"], 0)
    with WorkStore(tmp_path / "store.gpkg") as store:
        xmc, = store.conn.execute("SELECT DISTINCT XMC FROM patches").fetchone()
    assert xmc == "测试县·图斑"
    other = server.as_user("tech_a").get(server.url + f"/sync/v1/batches/{batch['id']}/package")
    assert other.status_code == 404


def test_the_reviewer_lists_submitted_results_of_the_region(server):
    rid = str(uuid.uuid4())
    data = {"JCBH": jcbh("410725", 10), "PDLX": "其他", "HCHLX": "非新增"}
    ops = [{"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": n,
            "data": {**data, "HCZT": state}} for n, state in enumerate(("内业完成", "已上报"))]
    server.as_user("tech_b").post(server.url + "/sync/v1/push", json={"ops": ops},
                                  headers={"Idempotency-Key": str(uuid.uuid4())})

    def listed(user):
        answer = server.as_user(user).get(server.url + "/sync/v1/results",
                                          params={"state": "已上报", "limit": 5000}).json()
        return {r["id"] for r in answer["results"]}

    assert rid in listed("prov_rev") and rid in listed("city_rev")
    assert rid not in listed("other_rev") and rid not in listed("tech_a")


def test_a_split_made_elsewhere_comes_into_the_store(server, tmp_path):
    from .regions import COUNTIES

    patch = jcbh("410725", 20)
    lon, lat = COUNTIES["410725"]
    x, y = lon + 0.004 * (20 % 4), lat + 0.004 * (20 // 4)
    halves = [shapely.box(x, y, x + 0.0002, y + 0.0005), shapely.box(x + 0.0002, y, x + 0.0004,
                                                                      y + 0.0005)]
    split = {"op_id": str(uuid.uuid4()), "kind": "parcels", "id": patch, "base_version": 0,
             "data": {"JCBH": patch, "parcels": [{"DKBH": f"{patch}-{n}", "DLBM": "0103",
                                                  "wkt": g.wkt} for n, g in enumerate(halves, 1)]}}
    done = server.as_user("tech_b").post(server.url + "/sync/v1/push", json={"ops": [split]},
                                         headers={"Idempotency-Key": str(uuid.uuid4())}).json()
    assert done["results"][0]["status"] == "applied"
    importer.run(batch_file(tmp_path, "410725"), tmp_path / "b.gpkg")
    with WorkStore(tmp_path / "b.gpkg") as store:
        report = engine.pull(Outbox(store), _client(server, "tech_b"))
        assert ("parcels", patch, "taken") in [(o.kind, o.id, o.status) for o in report.outcomes]
        held = store.conn.execute("SELECT DKBH, DLBM FROM parcels WHERE JCBH = ? ORDER BY DKBH",
                                  (patch,)).fetchall()
        assert held == [(f"{patch}-1", "0103"), (f"{patch}-2", "0103")]
        Verdicts(store).save(f"{patch}-1", {"PDLX": "其他", "HCHLX": "非新增"})
        pushed = engine.push(Outbox(store), _client(server, "tech_b"))
        assert [o.status for o in pushed.outcomes] == ["applied"]
        again = engine.pull(Outbox(store), _client(server, "tech_b"))
        assert not [o for o in again.outcomes if o.kind == "parcels"]  # nothing new


@pytest.mark.parametrize("keep", ["server", "mine"])
def test_a_split_made_twice_is_settled_by_choice(server, tmp_path, keep):
    """Two devices split one patch differently: the second meets a conflict, keeps the
    server's split or its own (which then goes on the server's version)."""
    from .regions import COUNTIES

    n = 16 if keep == "server" else 17
    patch = jcbh("410725", n)
    lon, lat = COUNTIES["410725"]
    x, y = lon + 0.004 * (n % 4), lat + 0.004 * (n // 4)
    importer.run(batch_file(tmp_path, "410725"), tmp_path / "b.gpkg")
    with WorkStore(tmp_path / "b.gpkg") as store:
        me = _client(server, "tech_b")
        engine.pull(Outbox(store), me)
        from farmland_guard.store.parcels import Parcels

        Parcels(store).cut(patch, shapely.LineString([(x + 0.0002, y - 0.001),
                                                     (x + 0.0002, y + 0.002)]))
        across = [shapely.box(x, y, x + 0.0004, y + 0.00025),
                  shapely.box(x, y + 0.00025, x + 0.0004, y + 0.0005)]
        other = {"op_id": str(uuid.uuid4()), "kind": "parcels", "id": patch, "base_version": 0,
                 "data": {"JCBH": patch, "parcels": [{"DKBH": f"{patch}-S{i}", "wkt": g.wkt}
                                                     for i, g in enumerate(across, 1)]}}
        assert me.push([other], str(uuid.uuid4()))["results"][0]["status"] == "applied"
        report = engine.push(Outbox(store), me)
        assert [o.status for o in report.outcomes] == ["conflict"]
        [conflict] = Outbox(store).conflicts()
        assert conflict["kind"] == "parcels" and len(conflict["server"]["parcels"]) == 2
        chosen = conflict[keep]
        Outbox(store).resolve(patch, chosen)
        assert Outbox(store).conflicts() == []
        held = [d for d, in store.conn.execute("SELECT DKBH FROM parcels WHERE JCBH = ? "
                                               "ORDER BY DKBH", (patch,))]
        assert held == sorted(p["DKBH"] for p in chosen["parcels"])
        report = engine.sync(Outbox(store), me)
        assert [o.status for o in report.outcomes if o.kind == "parcels" and o.id == patch] == \
            ([] if keep == "server" else ["applied"])
        on_server = me.split(patch)
        assert sorted(p["DKBH"] for p in on_server["parcels"]) == held
