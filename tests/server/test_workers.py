"""Several server processes over one database hold no state of their own: concurrent pushes —
the same request sent twice at once among them — are applied once each, and the change feed
stays gap-free because its sequence is taken inside the writing transaction."""

import uuid
from concurrent.futures import ThreadPoolExecutor

from farmland_guard_server.config import database_url
from sqlalchemy import create_engine, text

from .counties import seed_county
from .servers import Server

COUNTY = "510104"  # a province of its own: nothing here is in the region matrix's view
PATCHES = 12


def test_two_workers_apply_each_push_once(server):
    patches = seed_county(server, COUNTY, PATCHES, ["tech_w"])
    workers = Server(server.db, server.data, workers=2)
    try:
        me = workers.as_user("tech_w")
        pushes = []
        for jcbh in patches:
            op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": str(uuid.uuid4()),
                  "base_version": 0, "data": {"JCBH": jcbh, "PDLX": "其他",
                                              "HCHLX": "非新增", "HCZT": "内业完成"}}
            pushes.append((str(uuid.uuid4()), {"ops": [op]}))
        twice = pushes + pushes  # every request sent twice, at the same time

        def send(item):
            key, body = item
            answer = me.post(workers.url + "/sync/v1/push", json=body,
                             headers={"Idempotency-Key": key}, timeout=60)
            assert answer.status_code == 200, answer.text
            return key, answer.json()["results"][0]

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(send, twice))
    finally:
        workers.stop()
    by_key = {}
    for key, reply in answers:
        assert reply["status"] == "applied", reply
        by_key.setdefault(key, []).append(reply)
    assert all(a == b for a, b in by_key.values())  # a retry is answered as the first was
    feed = server.as_user("tech_w").get(server.url + "/sync/v1/changes").json()["changes"]
    assert sorted(c["id"] for c in feed if c["entity"] == "result") == \
        sorted(body["ops"][0]["id"] for _, body in pushes)
    owner = create_engine(database_url(server.db))
    with owner.connect() as conn:
        seqs = [row[0] for row in conn.execute(text("SELECT seq FROM changes ORDER BY seq"))]
    owner.dispose()
    assert seqs == list(range(1, len(seqs) + 1))
