"""The result ops of a push in bulk: what they touch read in a few scoped queries, each op
checked — by the same rules as a single save (``results.save``) — against the state the ops
before it left, then everything written in one go. A push of thousands of verdicts costs a
handful of statements, not thousands."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import bindparam, insert, select, update

from farmland_guard.core import verdicts
from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.language import say
from farmland_guard.core.ops import APPLIED, CONFLICT, DUPLICATE, REJECTED, OpKind
from farmland_guard.core.verdicts import VerdictError

from .context import CLIENT_VERSION, REQUEST_ID, Context
from .errors import Forbidden, Invalid, NotFound
from .models import AppliedOp, Attachment, Audit, Change, Counter, Parcel, Patch, Result, utcnow
from .results import COLUMNS, WRITERS, StaleVersion, as_dict, check_text, find, grades

CHUNK = 900  # ids per IN list


@dataclass
class _Copy:
    """A result as the ops of this push leave it."""

    id: str
    jcbh: str
    dkbh: str | None
    xzqdm: str
    version: int
    data: dict
    created_by: str | None = None
    new: bool = False
    row: Result | None = None  # the stored row, when there is one
    tbmj_mu: float | None = None
    updated_by: str = ""
    updated_at: str = ""


@dataclass
class _Known:
    patches: dict = field(default_factory=dict)  # JCBH -> (xzqdm, 亩, HSX)
    parcels: dict = field(default_factory=dict)  # DKBH -> (JCBH, 亩)
    results: dict = field(default_factory=dict)  # id -> _Copy
    holder: dict = field(default_factory=dict)  # (JCBH, DKBH) -> id
    applied: dict = field(default_factory=dict)  # op id -> version
    attachments: set = field(default_factory=set)


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _read(ctx: Context, ops: list[dict]) -> _Known:
    """Everything the ops touch; their results locked (PostgreSQL) until the push commits,
    so a concurrent push on the same versions waits, then finds them changed: a conflict."""
    known, session = _Known(), ctx.session
    ids = {op["id"] for op in ops}
    jcbhs = {str(op["data"].get("JCBH")) for op in ops}
    dkbhs = {str(op["data"]["DKBH"]) for op in ops if op["data"].get("DKBH")}
    cited = {str(a.get("sha256") if isinstance(a, dict) else a)
             for op in ops for a in op["data"].get("attachments") or []}
    for part in _chunks({op["op_id"] for op in ops}):
        known.applied.update(session.execute(select(AppliedOp.op_id, AppliedOp.version)
                                             .where(AppliedOp.op_id.in_(part))).all())
    for part in _chunks(jcbhs):
        for jcbh, xzqdm, area, fields in session.execute(
                select(Patch.jcbh, Patch.xzqdm, Patch.tbmj_mu, Patch.fields)
                .where(Patch.jcbh.in_(part))):
            known.patches[jcbh] = (xzqdm, area, fields.get("HSX"))
        for row in session.scalars(select(Result).where(Result.jcbh.in_(part)).with_for_update()
                                   .execution_options(populate_existing=True)):
            known.results[row.id] = _Copy(row.id, row.jcbh, row.dkbh, row.xzqdm, row.version,
                                          row.data, row=row, tbmj_mu=row.tbmj_mu)
            known.holder[(row.jcbh, row.dkbh)] = row.id
    for part in _chunks(ids - set(known.results)):  # a result moved off its patch is refused
        for row in session.scalars(select(Result).where(Result.id.in_(part)).with_for_update()
                                   .execution_options(populate_existing=True)):
            known.results[row.id] = _Copy(row.id, row.jcbh, row.dkbh, row.xzqdm, row.version,
                                          row.data, row=row, tbmj_mu=row.tbmj_mu)
    for part in _chunks(dkbhs):
        known.parcels.update({d: (j, a) for d, j, a in session.execute(
            select(Parcel.dkbh, Parcel.jcbh, Parcel.tbmj_mu).where(Parcel.dkbh.in_(part)))})
    for part in _chunks(cited):
        known.attachments.update(session.scalars(select(Attachment.sha256)
                                                 .where(Attachment.sha256.in_(part))))
    return known


def _check(ctx: Context, known: _Known, op: dict) -> tuple[_Copy, dict, float]:
    """The copy ``op`` makes, or the error refusing it (``StaleCopy`` for a conflict)."""
    data, rid, base = op["data"], op["id"], op["base_version"]
    check_text(data)
    jcbh = str(data.get("JCBH"))
    if jcbh not in known.patches:
        raise NotFound(say("patch {jcbh} does not exist or is outside your region",
                           "图斑 {jcbh} 不存在或不在您的辖区内", jcbh=jcbh), "region", jcbh=jcbh)
    xzqdm, area, hsx = known.patches[jcbh]
    dkbh = str(data["DKBH"]) if data.get("DKBH") else None
    if dkbh is not None:
        if known.parcels.get(dkbh, (None,))[0] != jcbh:
            raise NotFound(say("parcel {dkbh} of patch {jcbh} does not exist",
                               "图斑 {jcbh} 没有地块 {dkbh}", dkbh=dkbh, jcbh=jcbh), "parcel")
        area = known.parcels[dkbh][1]
    current = known.results.get(rid)
    if current is None and base:
        raise NotFound(say("result {id} does not exist or is outside your region",
                           "结果 {id} 不存在或不在您的辖区内", id=rid), "region")
    if current is not None and current.version != base:
        raise StaleCopy(current)
    if current is not None and (current.jcbh, current.dkbh) != (jcbh, dkbh):
        raise Invalid(say("result {id} belongs to {owner}", "结果 {id} 属于 {owner}",
                          id=rid, owner=current.dkbh or current.jcbh), "identity")
    holder = known.holder.get((jcbh, dkbh))
    if holder is not None and holder != rid:
        raise StaleCopy(known.results[holder])  # another result holds this patch: the user picks
    old = current.data if current is not None else {}
    new = {k: v for k, v in data.items() if k in verdicts.FIELDS and v not in (None, "")}
    key = dkbh or jcbh
    changed = [k for k in set(old) | set(new) if k in verdicts.FIELDS and old.get(k) != new.get(k)]
    problems = [v for v in (
        verdicts.check_editable(key, old.get("HCZT"), changed=changed),
        verdicts.check_move(key, old.get("HCZT"), new.get("HCZT"), ctx.settings.city_level),
        verdicts.check_rectification_move(key, old.get("ZGZT"), new.get("ZGZT"))) if v]
    problems += verdicts.validate(key, new, area, hsx)
    if problems:
        raise VerdictError(problems)
    cited = [str(a.get("sha256") if isinstance(a, dict) else a) for a in data.get("attachments") or []]
    missing = sorted(set(cited) - known.attachments)
    if missing:
        raise Invalid(say("the attachments {missing} have not been uploaded",
                          "附件 {missing} 尚未上传", missing=", ".join(missing)),
                      "missing_attachment", missing=", ".join(missing))
    if not ctx.scope.contains(xzqdm):  # read in scope already; written rows must be too
        raise Forbidden(say("{code} is outside your region", "{code} 不在您的辖区内", code=xzqdm),
                        "region")
    copy = current or _Copy(rid, jcbh, dkbh, xzqdm, 0, {}, created_by=ctx.scope.user, new=True)
    return copy, {**new, **grades(data), "attachments": cited}, area


class StaleCopy(Exception):
    def __init__(self, copy: _Copy):
        self.copy = copy


def _as_reply(copy: _Copy) -> dict:
    """The server's copy handed back with a conflict (as ``results.as_dict`` shows one)."""
    if copy.row is not None and copy.row.version == copy.version:
        return as_dict(copy.row)
    return {"id": copy.id, "version": copy.version, "JCBH": copy.jcbh, "DKBH": copy.dkbh,
            "TBMJ_MU": copy.tbmj_mu, "SJYSYJ": None, "data": copy.data,
            "updated_by": copy.updated_by, "updated_at": copy.updated_at}


def save_many(ctx: Context, ops: list[dict]) -> list[dict]:
    """Replies to result ops, in order, with everything they change written."""
    if ctx.scope.role not in WRITERS:
        error = Forbidden(say("a {role} does not write verdicts", "{role} 不能填写核查结果",
                              role=ctx.scope.role), "role")
        return [{"op_id": op["op_id"], "status": REJECTED, "error": error} for op in ops]
    known = _read(ctx, ops)
    replies, touched, applied = [], {}, []
    for op in ops:
        if op["op_id"] in known.applied:
            replies.append({"op_id": op["op_id"], "status": DUPLICATE,
                            "version": known.applied[op["op_id"]]})
            continue
        try:
            copy, data, area = _check(ctx, known, op)
        except StaleCopy as stale:
            replies.append({"op_id": op["op_id"], "status": CONFLICT,
                            "version": stale.copy.version, "server": _as_reply(stale.copy)})
            continue
        except FarmlandGuardError as error:
            replies.append({"op_id": op["op_id"], "status": REJECTED, "error": error})
            continue
        old_version = copy.version
        copy.version, copy.data, copy.tbmj_mu = old_version + 1, data, area
        copy.updated_by, copy.updated_at = ctx.scope.user, utcnow().isoformat() + "Z"
        known.results[copy.id] = copy
        known.holder[(copy.jcbh, copy.dkbh)] = copy.id
        known.applied[op["op_id"]] = copy.version
        touched[copy.id] = copy
        applied.append((op["op_id"], copy, old_version))
        replies.append({"op_id": op["op_id"], "status": APPLIED, "version": copy.version})
    if applied:
        _write(ctx, known, touched, applied)
    return replies


def _write(ctx: Context, known: _Known, touched: dict, applied: list) -> None:
    session, at, who = ctx.session, utcnow(), ctx.scope.user
    rows = [{"id": c.id, "jcbh": c.jcbh, "dkbh": c.dkbh, "xzqdm": c.xzqdm, "data": c.data,
             "version": c.version, "tbmj_mu": c.tbmj_mu, "updated_by": who, "updated_at": at,
             **{column: c.data.get(name) for name, column in COLUMNS.items()}}
            for c in touched.values()]
    new = [r for r, c in zip(rows, touched.values()) if c.new]
    old = [r for r, c in zip(rows, touched.values()) if not c.new]
    table = Result.__table__
    if new:
        session.execute(insert(table), [{**r, "created_by": who, "created_at": at} for r in new])
    if old:
        session.execute(update(table).where(table.c.id == bindparam("b_id")).values(
            **{k: bindparam(f"b_{k}") for k in old[0] if k != "id"}),
            [{f"b_{k}": v for k, v in r.items()} for r in old])
    _mirror(ctx, {c.jcbh for c in touched.values()}, known)
    count = len(applied)
    last = session.execute(update(Counter).where(Counter.name == "changes")
                           .values(value=Counter.value + count).returning(Counter.value)).scalar_one()
    first = last - count + 1
    session.execute(insert(Change.__table__), [
        {"seq": first + n, "xzqdm": c.xzqdm, "entity": OpKind.RESULT.value, "entity_id": c.id,
         "version": c.version, "at": at} for n, (_, c, _) in enumerate(applied)])
    session.execute(insert(Audit.__table__), [
        {"at": at, "who": who, "role": ctx.scope.role, "region": ctx.scope.region,
         "xzqdm": c.xzqdm, "action": "save", "entity": OpKind.RESULT.value, "entity_id": c.id,
         "old_version": old or None, "new_version": old + 1, "request_id": REQUEST_ID.get(),
         "client_version": CLIENT_VERSION.get(), "detail": None}
        for _, c, old in applied])
    session.execute(insert(AppliedOp.__table__), [
        {"op_id": op_id, "xzqdm": c.xzqdm, "entity_id": c.id, "version": old + 1}
        for op_id, c, old in applied])


def _mirror(ctx: Context, jcbhs: set, known: _Known) -> None:
    """Each patch shows its own result's verdict and state, or its parcels' combined state."""
    by_patch: dict[str, list[_Copy]] = {}
    for copy in known.results.values():
        if copy.jcbh in jcbhs:
            by_patch.setdefault(copy.jcbh, []).append(copy)
    values = []
    for jcbh, copies in by_patch.items():
        whole = [c for c in copies if c.dkbh is None]
        if whole:
            values.append({"b_jcbh": jcbh, "b_hczt": whole[0].data.get("HCZT"),
                           "b_pdlx": whole[0].data.get("PDLX")})
        else:
            values.append({"b_jcbh": jcbh, "b_pdlx": None, "b_hczt": verdicts.combined_state(
                c.data.get("HCZT") for c in copies)})
    table = Patch.__table__
    ctx.session.execute(update(table).where(table.c.jcbh == bindparam("b_jcbh"))
                        .values(hczt=bindparam("b_hczt"), pdlx=bindparam("b_pdlx")), values)


def save(ctx: Context, result_id: str, base_version: int, data: dict) -> Result:
    """One verdict (``PATCH /results/{id}``): a push of one op, raising what refuses it."""
    [reply] = save_many(ctx, [{"op_id": str(uuid.uuid4()), "kind": OpKind.RESULT.value,
                               "id": result_id, "base_version": base_version, "data": data}])
    ctx.session.expire_all()  # written past the ORM: read afresh
    if reply["status"] == REJECTED:
        raise reply["error"]
    if reply["status"] == CONFLICT:
        raise StaleVersion(find(ctx, reply["server"]["id"]))
    return find(ctx, result_id)
