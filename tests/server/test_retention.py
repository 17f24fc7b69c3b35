"""The change feed's retention: ``prune`` drops old changes; a client asking from before them
is told 410 Gone with the head to start again from, and the sync reads every result of its
region anew, then follows the feed from there — nothing missed."""

import time
import uuid

from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client

from .regions import batch_file, jcbh
from .servers import PASSWORD, cli


def test_a_pruned_feed_is_read_again_from_the_results(fresh_server, tmp_path):
    served = fresh_server()
    tech = served.as_user("tech_a")
    rid = str(uuid.uuid4())
    op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": 0,
          "data": {"JCBH": jcbh("410724", 18), "PDLX": "其他", "HCHLX": "非新增",
                   "HCZT": "内业完成"}}
    tech.post(served.url + "/sync/v1/push", json={"ops": [op]},
              headers={"Idempotency-Key": str(uuid.uuid4())})
    time.sleep(1.1)  # the changes so far are older than "now" to the second
    done = cli(served.db, "prune", "--keep-days", "0", data=served.data)
    assert "changes older than 0 days dropped" in done.stdout
    gone = tech.get(served.url + "/sync/v1/changes", params={"since": 0},
                    headers={"Accept-Language": "en"})
    assert gone.status_code == 410 and gone.headers["content-type"] == "application/problem+json"
    head = gone.json()["params"]["head"]
    assert "read every result again" in gone.json()["detail"]
    assert tech.get(served.url + "/sync/v1/changes", params={"since": head}).status_code == 200
    # a work store that never synced: the feed before the head is gone, the result is not
    importer.run(batch_file(tmp_path, "410724"), tmp_path / "s.gpkg")
    with WorkStore(tmp_path / "s.gpkg") as store:
        client = Client(served.url)
        client.sign_in("tech_a", PASSWORD)
        report = engine.pull(Outbox(store), client)
        assert [o.id for o in report.outcomes] == [rid]
        assert Outbox(store).sync_state()["sync_seq"] == str(head)
        assert store.conn.execute("SELECT PDLX FROM patches WHERE JCBH = ?",
                                  (jcbh("410724", 18),)).fetchone() == ("其他",)
