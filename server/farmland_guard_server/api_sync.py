"""``/sync/v1``: what the plugin's offline sync talks to (DESIGN.md §6.2, §6.3)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.dependencies.utils import get_flat_dependant
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from farmland_guard.core.language import say
from farmland_guard.core.ops import APPLIED, CONFLICT, DUPLICATE, REJECTED, OpKind

from . import attachments, retention
from .bulk import save
from .deps import Caller, caller
from .errors import (
    Invalid,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Problem,
    locale_of,
    problem,
    problems,
)
from .models import Audit, Batch, Change, Idempotency
from .models import Problem as ProblemRow
from .problems import as_dict as problem_dict
from .problems import find as find_problem
from .push import UUID_PATTERN, apply_all
from .results import as_dict, find
from .review import review

PROTOCOL = 1
SHA256 = r"^[0-9a-f]{64}$"
# Header values as HTTP carries them (visible ASCII, spaces inside): a NUL or a control
# character never reaches the application (the HTTP layer answers 400 itself), so the
# document says so rather than promise a 422.
TOKEN = r"^[\x21-\x7e]+$"
FIELD = r"^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$"
UUID = UUID_PATTERN
INT4 = 2**31 - 1  # sequence numbers and audit ids are 32-bit integer columns
RESULT_ID = Annotated[str, Path(pattern=UUID, description="the result's UUID")]
WTBH = r"^[0-9A-Za-z_-]{1,60}$"  # an op's id; a problem's number (WT-…, a JCBH or a DKBH)


def known_query(request: Request) -> None:
    """A query parameter the route does not take is refused, not ignored: a misspelt
    ``since`` would otherwise read the whole feed again from 0."""
    route = request.scope.get("route")
    known = {p.alias for p in get_flat_dependant(route.dependant).query_params} if route else set()
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise Invalid(say("unknown query parameter {name} (known: {known})",
                          "未知的查询参数 {name}（可用：{known}）", name=unknown[0],
                          known=", ".join(sorted(known)) or "-"), "query", field=unknown[0])


router = APIRouter(prefix="/sync/v1", tags=["sync"], responses=problems(401, 422),
                   dependencies=[Depends(known_query)])
WRITE = problems(403, 404, 409, 412, 413, 423, 428)  # a change of one result


class Op(BaseModel):
    op_id: str = Field(pattern=UUID)
    kind: Literal[OpKind.RESULT.value, OpKind.REVIEW.value, OpKind.PARCELS.value,
                  OpKind.PROBLEM.value]
    id: str = Field(pattern=WTBH,
                    description="the result's UUID, the JCBH of a patch for parcels, or the "
                                "WTBH of a problem of the rectification ledger")
    base_version: int = Field(ge=0, le=2**31 - 1)
    data: dict


class Push(BaseModel):
    ops: list[Op] = Field(max_length=1000)


class Decision(BaseModel):
    decision: Literal["approve", "return"]
    comment: str | None = Field(default=None, max_length=2000)


class Wanted(BaseModel):
    sha256: list[str] = Field(max_length=10000)


class Answer(BaseModel):
    """What a route answers (more keys may come in later protocol versions)."""

    model_config = ConfigDict(extra="allow")


class Limits(Answer):
    max_body: int
    max_attachment: int
    page_max: int
    push_ops: int


class Me(Answer):
    user: str
    full_name: str | None
    role: Literal["technician", "reviewer", "admin"]
    regions: list[str]
    protocol: int
    city_level: bool
    limits: Limits
    server_time: str


class BatchOut(Answer):
    id: int
    name: str
    XZQDM: str
    patches: int
    loaded_at: str
    source_sha256: str


class ChangeOut(Answer):
    seq: int
    entity: str
    id: str
    version: int | None
    at: str


class Changes(Answer):
    changes: list[ChangeOut]
    next_since: int
    has_more: bool
    revoked: list


class ResultOut(Answer):
    id: str
    version: int
    JCBH: str
    DKBH: str | None
    TBMJ_MU: float | None
    SJYSYJ: str | None
    data: dict
    updated_by: str
    updated_at: str


class ParcelOut(Answer):
    DKBH: str
    DLBM: str | None
    TBMJ_MU: float
    wkt: str


class SplitOut(Answer):
    """A patch's parcels as the server holds them (a split's conflict)."""

    JCBH: str
    version: int
    parcels: list[ParcelOut]


class ProblemOut(Answer):
    """A problem of the rectification ledger: its fields in ``data``, its location as hex WKB."""

    WTBH: str
    XZQDM: str
    version: int
    data: dict
    geom_wkb: str | None
    updated_by: str
    updated_at: str


class ProblemPage(Answer):
    problems: list[ProblemOut]
    next: str | None


class OpReply(Answer):
    op_id: str
    status: Literal[APPLIED, DUPLICATE, CONFLICT, REJECTED]
    version: int | None = None
    server: ResultOut | SplitOut | ProblemOut | None = None  # the server's copy, on conflict
    problem: Problem | None = None  # why, when rejected


class PushReply(Answer):
    results: list[OpReply]
    server_seq: int


class AuditOut(Answer):
    id: int
    at: str
    who: str
    role: str
    region: str
    XZQDM: str
    action: str
    entity: str
    entity_id: str
    old_version: int | None
    new_version: int | None
    request_id: str | None


class Missing(Answer):
    missing: list[str]


class Uploaded(Answer):
    sha256: str
    size: int  # bytes held: the whole file, or the parts so far
    complete: bool = True


class Offset(Answer):
    offset: int  # bytes of a resumable upload the server holds


@router.get("/me", response_model=Me)
def me(who: Caller = Depends(caller)) -> dict:
    settings = who.settings
    return {"user": who.name, "full_name": who.full_name, "role": who.scope.role,
            "regions": [who.scope.region], "protocol": PROTOCOL,
            "city_level": settings.city_level,
            "limits": {"max_body": settings.max_body, "max_attachment": settings.max_attachment,
                       "page_max": settings.page_max, "push_ops": 1000},
            "server_time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


@router.get("/batches", response_model=list[BatchOut])
def batches(who: Caller = Depends(caller)) -> list[dict]:
    with who.transaction() as ctx:
        rows = ctx.session.scalars(select(Batch).order_by(Batch.id)).all()
        return [{"id": b.id, "name": b.name, "XZQDM": b.xzqdm, "patches": b.patches,
                 "loaded_at": b.loaded_at.isoformat() + "Z", "source_sha256": b.source_sha256}
                for b in rows]


@router.get("/changes", response_model=Changes, responses=problems(410))
def changes(since: int = Query(0, ge=0, le=INT4), limit: int = Query(500, ge=1, le=5000),
            who: Caller = Depends(caller)) -> dict:
    with who.transaction() as ctx:
        retention.check(ctx.session, since)
        rows = ctx.session.scalars(select(Change).where(Change.seq > since)
                                   .order_by(Change.seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {"changes": [{"seq": c.seq, "entity": c.entity, "id": c.entity_id,
                         "version": c.version, "at": c.at.isoformat() + "Z"} for c in rows],
            "next_since": rows[-1].seq if rows else since, "has_more": more, "revoked": []}


@router.post("/push", response_model=PushReply, responses=problems(413))
def push(body: Push, request: Request, who: Caller = Depends(caller),
         idempotency_key: str = Header(min_length=8, max_length=100,
                                               pattern=TOKEN)) -> dict:
    digest = hashlib.sha256(json.dumps(body.model_dump(), sort_keys=True).encode()).hexdigest()
    locale = locale_of(request.headers.get("accept-language"))
    try:
        return _push(who, body, idempotency_key, digest, locale)
    except IntegrityError:
        # the same key or op committed meanwhile by a concurrent request (another worker):
        # once more, and it is answered as that request was
        return _push(who, body, idempotency_key, digest, locale)


def _push(who: Caller, body: Push, key: str, digest: str, locale: str) -> dict:
    with who.transaction(write=True) as ctx:
        seen = ctx.session.get(Idempotency, (key, who.id))
        if seen is not None:
            if seen.body_sha256 != digest:
                raise Invalid(say("this Idempotency-Key was used for another request",
                                  "该 Idempotency-Key 已用于另一个请求"), "idempotency_key")
            return seen.reply
        replies = apply_all(ctx, [op.model_dump() for op in body.ops])
        for reply in replies:
            if reply["status"] == REJECTED:
                reply["problem"] = problem(reply.pop("error"), locale)
        seq = ctx.session.scalar(select(func.max(Change.seq))) or 0
        answer = {"results": replies, "server_seq": seq}
        ctx.session.add(Idempotency(key=key, user_id=who.id, body_sha256=digest, reply=answer))
    return answer


def _etag(version: int) -> str:
    return f'"{version}"'


def _version_of(if_match: str | None, current: int) -> int:
    if if_match is None:
        raise PreconditionRequired(say("send If-Match with the version you changed",
                                       "请在 If-Match 中给出所修改的版本"), "if_match")
    if if_match.strip() != "*" and if_match.strip().removeprefix("W/") != _etag(current):
        raise PreconditionFailed(say("the result changed on the server (now version {v})",
                                     "服务器上的结果已更改（现为第 {v} 版）", v=current),
                                 "if_match", version=current)
    return current


@router.get("/results/{result_id}", response_model=ResultOut, responses=problems(404))
def get_result(result_id: RESULT_ID, response: Response, who: Caller = Depends(caller)) -> dict:
    with who.transaction() as ctx:
        result = _result(ctx, result_id)
        response.headers["ETag"] = _etag(result.version)
        return as_dict(result)


def _result(ctx, result_id: str):
    result = find(ctx, result_id)
    if result is None:
        raise NotFound(say("result {id} does not exist or is outside your region",
                           "结果 {id} 不存在或不在您的辖区内", id=result_id), "region")
    return result


@router.patch("/results/{result_id}", response_model=ResultOut, responses=WRITE)
def patch_result(result_id: RESULT_ID, changes: dict, response: Response,
                 who: Caller = Depends(caller),
                 if_match: str | None = Header(default=None, max_length=40, pattern=FIELD)) -> dict:
    with who.transaction(write=True) as ctx:
        result = _result(ctx, result_id)
        base = _version_of(if_match, result.version)
        data = {**result.data, **changes, "JCBH": result.jcbh, "DKBH": result.dkbh}
        result = save(ctx, result_id, base, data)
        response.headers["ETag"] = _etag(result.version)
        return as_dict(result)


@router.post("/results/{result_id}/review", response_model=ResultOut, responses=WRITE)
def review_result(result_id: RESULT_ID, decision: Decision, response: Response,
                  who: Caller = Depends(caller),
                  if_match: str | None = Header(default=None, max_length=40, pattern=FIELD)) -> dict:
    with who.transaction(write=True) as ctx:
        result = _result(ctx, result_id)
        base = _version_of(if_match, result.version)
        result = review(ctx, result_id, base, decision.decision, decision.comment)
        response.headers["ETag"] = _etag(result.version)
        return as_dict(result)


@router.get("/problems/{wtbh}", response_model=ProblemOut, responses=problems(404))
def get_problem(wtbh: str = Path(pattern=WTBH), who: Caller = Depends(caller)) -> dict:
    with who.transaction() as ctx:
        found = find_problem(ctx, wtbh)
        if found is None:
            raise NotFound(say("problem {wtbh} does not exist or is outside your region",
                               "问题 {wtbh} 不存在或不在您的辖区内", wtbh=wtbh), "region")
        return problem_dict(found)


@router.get("/problems", response_model=ProblemPage)
def list_problems(after: str = Query("", max_length=60, description="the last WTBH of the page "
                                                                     "before"),
                  limit: int = Query(500, ge=1, le=5000), who: Caller = Depends(caller)) -> dict:
    """The region's problems by WTBH, a page at a time (what a client reads again when the
    change feed no longer reaches back to its last pull)."""
    with who.transaction() as ctx:
        rows = ctx.session.scalars(select(ProblemRow).where(ProblemRow.wtbh > after)
                                   .order_by(ProblemRow.wtbh, ProblemRow.xzqdm)
                                   .limit(limit + 1)).all()
        page = [problem_dict(r) for r in rows[:limit]]
    return {"problems": page, "next": page[-1]["WTBH"] if len(rows) > limit else None}


@router.get("/audit", response_model=list[AuditOut])
def audit(since: int = Query(0, ge=0, le=INT4), limit: int = Query(500, ge=1, le=5000),
          who: Caller = Depends(caller)) -> list[dict]:
    with who.transaction() as ctx:
        rows = ctx.session.scalars(select(Audit).where(Audit.id > since).order_by(Audit.id)
                                   .limit(limit)).all()
        return [{"id": a.id, "at": a.at.isoformat() + "Z", "who": a.who, "role": a.role,
                 "region": a.region, "XZQDM": a.xzqdm, "action": a.action, "entity": a.entity,
                 "entity_id": a.entity_id, "old_version": a.old_version,
                 "new_version": a.new_version, "request_id": a.request_id} for a in rows]


@router.post("/attachments/missing", response_model=Missing, responses=problems(413))
def missing(wanted: Wanted, who: Caller = Depends(caller)) -> dict:
    with who.transaction() as ctx:
        return {"missing": attachments.missing(ctx, wanted.sha256)}


@router.put("/attachments/{sha256}", status_code=201, response_model=Uploaded,
            responses={**problems(403, 409, 413), 202: {"description": "a part received"}})
async def put_attachment(sha256: str, request: Request, response: Response,
                         who: Caller = Depends(caller),
                         content_digest: str = Header(max_length=200, pattern=FIELD),
                         content_type: str = Header(default="application/octet-stream",
                                                    max_length=100, pattern=FIELD),
                         content_range: str | None = Header(default=None, max_length=100,
                                                            pattern=FIELD)) -> dict:
    """The file whole, or a part of a large one (``Content-Range``): 202 until the last."""
    answer = await attachments.receive(who, sha256, request, content_digest, content_type,
                                       content_range)
    if not answer["complete"]:
        response.status_code = 202
    return answer


@router.get("/attachments/{sha256}/offset", response_model=Offset)
def upload_offset(sha256: str = Path(pattern=SHA256), who: Caller = Depends(caller)) -> dict:
    """Where a resumable upload of this file goes on from (0: from the start)."""
    return {"offset": attachments.offset(who, sha256)}


@router.get("/attachments/{sha256}", responses=problems(404))
def get_attachment(sha256: str, who: Caller = Depends(caller)) -> FileResponse:
    with who.transaction() as ctx:
        row = attachments.held(ctx, sha256)
    return FileResponse(attachments.path_of(who.settings, row.sha256), media_type=row.mime)

