"""A large photo goes in parts the server keeps: when the answer to a part is lost, the
client asks where to go on from and finishes; the file arrives whole, once."""

import base64
import hashlib
import os
import uuid

from farmland_guard.sync.client import PART, Client, sha256_of

from .faults import CuttingProxy
from .regions import jcbh
from .servers import PASSWORD


def test_a_large_file_resumes_after_a_lost_answer(server, tmp_path):
    photo = tmp_path / "航拍.jpg"
    photo.write_bytes(os.urandom(2 * PART + 12345))
    digest = sha256_of(photo)
    proxy = CuttingProxy(server.port)
    client = Client(proxy.url, backoff=0.01, language="en")
    client.http.headers["Connection"] = "close"
    client.sign_in("tech_a", PASSWORD)
    proxy.cut_next(1, after=2)  # the offset and the first part go through, the second's answer is lost
    answer = client.upload(photo, digest, "image/jpeg")
    assert proxy.cut_count == 1 and answer == {"sha256": digest, "size": photo.stat().st_size,
                                              "complete": True}
    held = server.as_user("tech_a").get(server.url + f"/sync/v1/attachments/{digest}")
    assert held.status_code == 200 and hashlib.sha256(held.content).hexdigest() == digest
    assert client.missing([digest]) == []
    rid = str(uuid.uuid4())
    cited = client.push([{"op_id": str(uuid.uuid4()), "kind": "result", "id": rid,
                          "base_version": 0, "data": {"JCBH": jcbh("410724", 19), "PDLX": "其他",
                                                      "HCHLX": "非新增", "attachments": [digest]}}],
                        str(uuid.uuid4()))
    assert cited["results"][0]["status"] == "applied"
    assert not list((server.data / "attachments").rglob(".partial-*"))
    proxy.close()


def test_a_part_out_of_place_is_told_where_to_go_on(server, tmp_path):
    me = server.as_user("tech_b")
    body = os.urandom(1000)
    digest = hashlib.sha256(body).hexdigest()

    header = {"Content-Digest": "sha-256=:" + base64.b64encode(bytes.fromhex(digest)).decode()
              + ":", "Accept-Language": "en"}
    late = me.put(server.url + f"/sync/v1/attachments/{digest}", data=body[500:],
                  headers={**header, "Content-Range": "bytes 500-999/1000"})
    assert late.status_code == 409 and late.json()["params"]["offset"] == "0"
    first = me.put(server.url + f"/sync/v1/attachments/{digest}", data=body[:500],
                   headers={**header, "Content-Range": "bytes 0-499/1000"})
    assert first.status_code == 202 and first.json()["size"] == 500
    assert me.get(server.url + f"/sync/v1/attachments/{digest}/offset").json() == {"offset": 500}
    last = me.put(server.url + f"/sync/v1/attachments/{digest}", data=body[500:],
                  headers={**header, "Content-Range": "bytes 500-999/1000"})
    assert last.status_code == 201 and last.json()["complete"] is True
