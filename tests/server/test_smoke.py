"""The server answers over HTTP on both databases: sign in, see one's own batch, push a
result, have it reviewed."""

import uuid

from .regions import PATCHES, jcbh


def test_a_technician_sees_the_batch_of_their_county_only(server):
    me = server.as_user("tech_a")
    batches = me.get(server.url + "/sync/v1/batches").json()
    assert [(b["XZQDM"], b["patches"]) for b in batches] == [("410724", PATCHES)]


def test_push_then_review(server):
    tech, reviewer = server.as_user("tech_a"), server.as_user("prov_rev")
    rid = str(uuid.uuid4())
    data = {"JCBH": jcbh("410724", 3), "PDLX": "违法", "WFLX": "未批先建(未报即用)",
            "WFMJ": 1.5, "SFNRWFJS": "是", "HCZT": "已上报"}
    op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": 0,
          "data": {**data, "HCZT": "内业完成"}}
    answer = tech.post(server.url + "/sync/v1/push", json={"ops": [op]},
                       headers={"Idempotency-Key": str(uuid.uuid4())}).json()
    assert answer["results"][0]["status"] == "applied", answer
    sent = tech.patch(server.url + f"/sync/v1/results/{rid}", json={"HCZT": "已上报"},
                      headers={"If-Match": '"1"'})
    assert sent.status_code == 200, sent.text
    back = reviewer.post(server.url + f"/sync/v1/results/{rid}/review",
                         json={"decision": "return", "comment": "请补充照片"},
                         headers={"If-Match": sent.headers["ETag"]})
    assert back.status_code == 200, back.text
    assert back.json()["data"]["HCZT"] == "省级退回" and back.json()["SJYSYJ"] == "请补充照片"
