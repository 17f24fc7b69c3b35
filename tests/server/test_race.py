"""A race: a thousand pairs of clients change the same result from the same version at the
same moment, through two server processes. Each time exactly one is applied and the other is
told of a conflict with the winner's copy — never a silent overwrite."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from .counties import seed_county
from .servers import Server

COUNTY = "520102"  # a province of its own, away from the region matrix
PAIRS = 1000


def _op(rid, jcbh, base, area):
    return {"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": base,
            "data": {"JCBH": jcbh, "PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": area,
                     "SFNRWFJS": "是", "HCZT": "内业完成"}}


def test_one_wins_one_is_told_of_the_conflict(server):
    patches = seed_county(server, COUNTY, PAIRS, ["racer_a", "racer_b"])
    ids = [str(uuid.uuid4()) for _ in patches]
    racers = Server(server.db, server.data, workers=2)
    try:
        first = racers.as_user("racer_a")
        made = first.post(racers.url + "/sync/v1/push",
                          json={"ops": [_op(i, j, 0, 0.5) for i, j in zip(ids, patches)]},
                          headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=120).json()
        assert {r["status"] for r in made["results"]} == {"applied"}
        tokens = {name: racers.token(name) for name in ("racer_a", "racer_b")}
        local = threading.local()

        def session(name):
            if not hasattr(local, name):
                setattr(local, name, requests.Session())
                getattr(local, name).headers["Authorization"] = "Bearer " + tokens[name]
            return getattr(local, name)

        def race(pair):
            rid, jcbh = pair
            start, replies = threading.Barrier(2), {}

            def send(name, area):
                op = _op(rid, jcbh, 1, area)
                start.wait()
                answer = session(name).post(racers.url + "/sync/v1/push", json={"ops": [op]},
                                            headers={"Idempotency-Key": str(uuid.uuid4())},
                                            timeout=120)
                assert answer.status_code == 200, answer.text
                replies[name] = answer.json()["results"][0]

            other = threading.Thread(target=send, args=("racer_b", 0.9))
            other.start()
            send("racer_a", 0.7)
            other.join()
            return replies

        with ThreadPoolExecutor(6) as pool:
            outcomes = list(pool.map(race, zip(ids, patches)))
    finally:
        racers.stop()
    won = lost = 0
    for replies in outcomes:
        statuses = sorted(r["status"] for r in replies.values())
        assert statuses == ["applied", "conflict"], replies
        loser = next(r for r in replies.values() if r["status"] == "conflict")
        winner = next(name for name, r in replies.items() if r["status"] == "applied")
        assert loser["version"] == 2 and loser["server"]["version"] == 2
        assert loser["server"]["data"]["WFMJ"] == {"racer_a": 0.7, "racer_b": 0.9}[winner]
        won, lost = won + 1, lost + 1
    print(f"\n{server.kind}: {PAIRS} pairs, {won} applied, {lost} conflicts, 0 overwritten")
