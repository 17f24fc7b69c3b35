"""Splits and merges travel as ops: the server checks the outlines with the plugin's rules and
computes their areas itself; a bad outline is rejected by name and nothing is written."""

import uuid

import shapely

from .regions import COUNTIES, jcbh


def _push(server, user, ops, **headers):
    answer = server.as_user(user).post(server.url + "/sync/v1/push", json={"ops": ops},
                                       headers={"Idempotency-Key": str(uuid.uuid4()), **headers})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _halves(patch: str, n: int):
    lon, lat = COUNTIES[patch]
    x, y = lon + 0.004 * (n % 4), lat + 0.004 * (n // 4)
    return [shapely.box(x, y, x + 0.0002, y + 0.0005), shapely.box(x + 0.0002, y, x + 0.0004, y + 0.0005)]


def _op(patch, n, version, parcels):
    return {"op_id": str(uuid.uuid4()), "kind": "parcels", "id": jcbh(patch, n),
            "base_version": version, "data": {"JCBH": jcbh(patch, n), "parcels": parcels}}


def test_split_then_merge_with_areas_from_the_server(server):
    left, right = _halves("410724", 13)
    parcels = [{"DKBH": f"{jcbh('410724', 13)}-1", "DLBM": "0103", "wkt": left.wkt},
               {"DKBH": f"{jcbh('410724', 13)}-2", "DLBM": "0702", "wkt": right.wkt,
                "TBMJ_MU": 999}]
    [split] = _push(server, "tech_a", [_op("410724", 13, 0, parcels)])  # never split: 0
    assert split["status"] == "applied" and split["version"] == 1, split
    [stale] = _push(server, "tech_a", [_op("410724", 13, 0, [])])
    assert stale["status"] == "conflict"
    assert sorted(p["DKBH"] for p in stale["server"]["parcels"]) == [p["DKBH"] for p in parcels]
    assert all(abs(p["TBMJ_MU"] - 1.5) < 0.3 for p in stale["server"]["parcels"])  # not 999
    [merged] = _push(server, "tech_a", [_op("410724", 13, 1, [])])
    assert merged["status"] == "applied" and merged["version"] == 2


def test_an_invalid_outline_is_rejected_by_name(server):
    x, y = COUNTIES["410724"]
    bowtie = f"POLYGON(({x} {y}, {x + 0.0004} {y + 0.0005}, {x + 0.0004} {y}, {x} {y + 0.0005}, {x} {y}))"
    ops = [_op("410724", 14, 0, [{"DKBH": "P-1", "wkt": bowtie}]),
           _op("410724", 14, 0, [{"DKBH": "P-1", "wkt": "POLYGON((nonsense"}]),
           _op("410724", 14, 0, [{"DKBH": "P-1", "wkt": shapely.box(0, 0, 1, 1).wkt}])]
    answers = _push(server, "tech_a", ops, **{"Accept-Language": "en"})
    assert [a["status"] for a in answers] == ["rejected"] * 3
    assert "Self-intersection" in answers[0]["problem"]["detail"]
    assert "not a polygon" in answers[1]["problem"]["detail"]
    assert "inside the patch" in answers[2]["problem"]["detail"]
    [again] = _push(server, "tech_a", [_op("410724", 14, 0, [])])  # nothing was written
    assert again["status"] == "applied" and again["version"] == 1


def test_another_countys_patch_cannot_be_split(server):
    left, right = _halves("410725", 2)
    [answer] = _push(server, "tech_a", [_op("410725", 2, 0, [{"DKBH": "X-1", "wkt": left.wkt}])])
    assert answer["status"] == "rejected" and answer["problem"]["rule"] == "region"
