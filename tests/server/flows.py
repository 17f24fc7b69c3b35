"""What the tests do over HTTP again and again: push results, move them through the workflow,
upload attachments, and read the database beneath the server for the truth to compare with."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import uuid

import psycopg
import requests

from .servers import Server

PROBLEM = "application/problem+json"
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.5, "SFNRWFJS": "是"}


def op(rid: str, data: dict, base_version: int = 0, kind: str = "result") -> dict:
    return {"op_id": str(uuid.uuid4()), "kind": kind, "id": rid, "base_version": base_version,
            "data": data}


def push(session: requests.Session, server: Server, *ops: dict, **headers) -> requests.Response:
    return session.post(server.url + "/sync/v1/push", json={"ops": list(ops)},
                        headers={"Idempotency-Key": str(uuid.uuid4()), **headers}, timeout=60)


def pushed(session: requests.Session, server: Server, *ops: dict) -> list[dict]:
    answer = push(session, server, *ops)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def new_result(server: Server, user: str, jcbh: str, state: str = "内业完成",
               **fields) -> tuple[str, int]:
    """A 违法 result of patch ``jcbh`` pushed by ``user`` and moved to ``state`` (内业完成 or
    已上报) → (id, version)."""
    session, rid = server.as_user(user), str(uuid.uuid4())
    data = {"JCBH": jcbh, **ILLEGAL, **fields, "HCZT": "内业完成"}
    [reply] = pushed(session, server, op(rid, data))
    assert reply["status"] == "applied", reply
    version = reply["version"]
    if state != "内业完成":
        [reply] = pushed(session, server, op(rid, {**data, "HCZT": state}, version))
        assert reply["status"] == "applied", reply
        version = reply["version"]
    return rid, version


def review(session: requests.Session, server: Server, rid: str, decision: str,
           comment: str | None = None, version: int | str = "*", **headers):
    body = {"decision": decision} | ({"comment": comment} if comment is not None else {})
    return session.post(server.url + f"/sync/v1/results/{rid}/review", json=body,
                        headers={"If-Match": version if version == "*" else f'"{version}"',
                                 **headers}, timeout=30)


def upload(session: requests.Session, server: Server, body: bytes,
           mime: str = "image/jpeg") -> str:
    sha = hashlib.sha256(body).hexdigest()
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    answer = session.put(server.url + f"/sync/v1/attachments/{sha}", data=body,
                         headers={"Content-Digest": f"sha-256=:{digest}:", "Content-Type": mime},
                         timeout=60)
    assert answer.status_code == 201, answer.text
    return sha


def query(server: Server, sql: str) -> list[tuple]:
    """``sql`` on the server's database as its owner (no region scope, no row security)."""
    if server.kind == "sqlite":
        with sqlite3.connect(server.db.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql).fetchall()
    with psycopg.connect(server.db) as conn:
        return conn.execute(sql).fetchall()


def counts(server: Server) -> dict[str, int]:
    """Rows of every table that a request may write to."""
    tables = ("results", "audit", "changes", "reviews", "applied_ops", "idempotency",
              "attachments", "patches", "refresh_tokens")
    return {t: query(server, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
