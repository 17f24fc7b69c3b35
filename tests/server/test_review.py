"""Review moves allowed and refused per the code lists ([HCZT], and [HCZT_CITY] with the city
level on): who may decide, from which state, with what; every decision audited and one
version up; every refusal a problem that writes nothing."""

from __future__ import annotations

from .flows import PROBLEM, counts, new_result, op, pushed, review
from .regions import jcbh

PATCH_OF = {"locked": 5, "refusals": 6, "returned": 7, "city": 8}  # of 410724, this file's


def result_of(server, rid: str, user: str = "prov_rev") -> dict:
    answer = server.as_user(user).get(server.url + f"/sync/v1/results/{rid}")
    assert answer.status_code == 200, answer.text
    assert answer.headers["ETag"] == f'"{answer.json()["version"]}"'
    return answer.json()


def audit_of(server, rid: str, user: str = "prov_rev") -> list[dict]:
    rows = server.as_user(user).get(server.url + "/sync/v1/audit",
                                    params={"limit": 5000}).json()
    return [r for r in rows if r["entity_id"] == rid]


def refused(answer, status: int, code: str, rule: str | None = None) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    body = answer.json()
    assert body["type"].endswith(":" + code) and body["status"] == status, body
    if rule:
        assert rule in (body["rule"], *(e["rule"] for e in body.get("errors", []))), body
    return body


def test_refused_moves_write_nothing(server):
    draft, _ = new_result(server, "tech_a", jcbh("410724", PATCH_OF["refusals"]))
    prov = server.as_user("prov_rev")
    before, history = result_of(server, draft), audit_of(server, draft)
    # a reviewer cannot review a result that is not 已上报 (内业完成 → nothing to decide)
    body = refused(review(prov, server, draft, "approve"), 422, "verdict", "workflow")
    assert body["errors"][0]["field"] == "HCZT" and "内业完成" in body["detail"]
    [reply] = pushed(prov, server, op(draft, {"decision": "approve"}, before["version"],
                                      "review"))
    assert reply["status"] == "rejected", reply
    assert reply["problem"]["errors"][0]["rule"] == "workflow", reply
    pushed(server.as_user("tech_a"), server, op(draft, {
        "JCBH": jcbh("410724", PATCH_OF["refusals"]), "PDLX": "违法", "WFLX": "未批先建(未报即用)",
        "WFMJ": 1.5, "SFNRWFJS": "是", "HCZT": "已上报"}, before["version"]))
    reported = result_of(server, draft)
    assert reported["data"]["HCZT"] == "已上报"
    history = audit_of(server, draft)
    # a technician cannot approve, not even their own county's result
    refused(review(server.as_user("tech_a"), server, draft, "approve"), 403, "forbidden", "role")
    # under the national default the city does not decide: county → province
    refused(review(server.as_user("city_rev"), server, draft, "approve"), 403, "forbidden",
            "level")
    refused(review(server.as_user("city_rev"), server, draft, "return", "改"), 403, "forbidden",
            "level")
    # another province's reviewer does not even learn that the result exists
    refused(review(server.as_user("other_rev"), server, draft, "approve"), 404, "not_found")
    # a return says what to fix
    for comment in (None, "", "   "):
        body = refused(review(prov, server, draft, "return", comment), 422, "verdict",
                       "required")
        assert body["errors"][0]["field"] == "SJYSYJ"
    answer = prov.post(server.url + f"/sync/v1/results/{draft}/review",
                       json={"decision": "return"},
                       headers={"If-Match": f'"{reported["version"]}"', "Accept-Language": "en"})
    assert "comment" in refused(answer, 422, "verdict")["detail"]
    # a decision needs the version it decides on
    refused(prov.post(server.url + f"/sync/v1/results/{draft}/review",
                      json={"decision": "approve"}), 428, "precondition_required")
    refused(review(prov, server, draft, "approve", version=reported["version"] - 1), 412,
            "precondition_failed")
    refused(prov.post(server.url + f"/sync/v1/results/{draft}/review",
                      json={"decision": "maybe"}, headers={"If-Match": "*"}), 422, "validation")
    assert result_of(server, draft) == reported
    assert audit_of(server, draft) == history


def test_approved_is_locked_returned_is_edited_and_reported_again(server):
    tech, prov = server.as_user("tech_a"), server.as_user("prov_rev")
    rid, version = new_result(server, "tech_a", jcbh("410724", PATCH_OF["returned"]), "已上报")
    returned = review(prov, server, rid, "return", "请补充照片", version)
    assert returned.status_code == 200, returned.text
    assert returned.headers["ETag"] == f'"{version + 1}"'
    assert returned.json()["data"]["HCZT"] == "省级退回" and returned.json()["SJYSYJ"] == "请补充照片"
    # returned: the technician edits it and reports it again
    edited = tech.patch(server.url + f"/sync/v1/results/{rid}",
                        json={"WFMJ": 1.2, "NYSM": "已补充照片"},
                        headers={"If-Match": returned.headers["ETag"]})
    assert edited.status_code == 200, edited.text
    again = tech.patch(server.url + f"/sync/v1/results/{rid}", json={"HCZT": "已上报"},
                       headers={"If-Match": edited.headers["ETag"]})
    assert again.status_code == 200 and again.json()["data"]["HCZT"] == "已上报", again.text
    approved = review(prov, server, rid, "approve", version=again.json()["version"])
    assert approved.status_code == 200, approved.text
    assert approved.json()["data"]["HCZT"] == "通过"
    assert approved.json()["version"] == version + 4
    # approved: the verdict is locked for the technician (423), over PATCH and over push
    written = counts(server)
    locked = refused(tech.patch(server.url + f"/sync/v1/results/{rid}", json={"WFMJ": 1.0},
                                headers={"If-Match": approved.headers["ETag"]}), 423, "verdict",
                     "locked")
    assert locked["errors"][0]["field"] == "HCZT"
    [reply] = pushed(tech, server, op(rid, {**approved.json()["data"], "WFMJ": 1.0,
                                            "JCBH": approved.json()["JCBH"]},
                                      approved.json()["version"]))
    assert reply["status"] == "rejected" and reply["problem"]["status"] == 423, reply
    # nor does the reviewer decide twice
    refused(review(prov, server, rid, "return", "再看看"), 422, "verdict", "workflow")
    assert {k: v for k, v in counts(server).items() if k not in ("idempotency",)} == \
        {k: v for k, v in written.items() if k not in ("idempotency",)}
    # every step audited, one version up each, the decisions with the reviewer's name
    steps = [(a["action"], a["who"], a["old_version"], a["new_version"])
             for a in audit_of(server, rid)]
    assert steps == [("save", "tech_a", None, 1), ("save", "tech_a", 1, 2),
                     ("return", "prov_rev", 2, 3), ("save", "tech_a", 3, 4),
                     ("save", "tech_a", 4, 5), ("approve", "prov_rev", 5, 6)]
    assert audit_of(server, rid, "tech_a") == audit_of(server, rid)
    assert audit_of(server, rid, "other_rev") == []


def test_rectification_is_recorded_after_approval(server):
    tech, prov = server.as_user("tech_a"), server.as_user("prov_rev")
    rid, version = new_result(server, "tech_a", jcbh("410724", PATCH_OF["locked"]), "已上报")
    assert review(prov, server, rid, "approve", version=version).status_code == 200
    answer = tech.patch(server.url + f"/sync/v1/results/{rid}",
                        json={"ZGCS": "拆除复耕", "ZGZT": "未整改"}, headers={"If-Match": "*"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["HCZT"] == "通过"


def test_city_level_county_city_province(fresh_server):
    server = fresh_server(FARMLAND_GUARD_CITY_LEVEL="1")
    assert server.as_user("city_rev").get(server.url + "/sync/v1/me").json()["city_level"]
    city, prov = server.as_user("city_rev"), server.as_user("prov_rev")
    rid, version = new_result(server, "tech_a", jcbh("410724", PATCH_OF["city"]), "已上报")
    # the province cannot make the city's step, nor another city's reviewer
    refused(review(prov, server, rid, "approve", version=version), 403, "forbidden", "level")
    refused(review(prov, server, rid, "return", "改", version=version), 403, "forbidden", "level")
    refused(review(server.as_user("other_rev"), server, rid, "approve"), 404, "not_found")
    # the city returns; the county fixes and reports again
    back = review(city, server, rid, "return", "照片不清", version)
    assert back.status_code == 200 and back.json()["data"]["HCZT"] == "市级退回", back.text
    again = server.as_user("tech_a").patch(server.url + f"/sync/v1/results/{rid}",
                                           json={"HCZT": "已上报"},
                                           headers={"If-Match": back.headers["ETag"]})
    assert again.status_code == 200, again.text
    passed = review(city, server, rid, "approve", version=again.json()["version"])
    assert passed.status_code == 200 and passed.json()["data"]["HCZT"] == "市级通过", passed.text
    # 市级通过 is the province's to decide, and still read-only for the county
    refused(review(city, server, rid, "approve"), 403, "forbidden", "level")
    refused(server.as_user("tech_a").patch(server.url + f"/sync/v1/results/{rid}",
                                           json={"WFMJ": 1.0}, headers={"If-Match": "*"}),
            423, "verdict", "locked")
    final = review(prov, server, rid, "approve", version=passed.json()["version"])
    assert final.status_code == 200 and final.json()["data"]["HCZT"] == "通过", final.text
    steps = [(a["action"], a["who"], a["new_version"]) for a in audit_of(server, rid)]
    assert steps == [("save", "tech_a", 1), ("save", "tech_a", 2), ("return", "city_rev", 3),
                     ("save", "tech_a", 4), ("approve", "city_rev", 5),
                     ("approve", "prov_rev", 6)]
