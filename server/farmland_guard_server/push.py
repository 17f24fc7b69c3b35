"""A push (``POST /sync/v1/push``): each op applied, found to be a duplicate, in conflict with
a newer copy, or rejected with a problem — one at a time, each in its own savepoint, so one bad
op never undoes the others."""

from __future__ import annotations

import re

from sqlalchemy import select

from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.language import say
from farmland_guard.core.ops import APPLIED, CONFLICT, DUPLICATE, REJECTED, OpKind

from .bulk import save, save_many
from .context import Context
from .errors import Invalid
from .models import AppliedOp
from .parcels import StaleSplit, split
from .problems import StaleProblem
from .problems import as_dict as problem_dict
from .problems import save as save_problem
from .results import StaleVersion, as_dict
from .review import review

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
UUID = re.compile(UUID_PATTERN)


def apply_all(ctx: Context, ops: list[dict]) -> list[dict]:
    """Every op of a push, in order: runs of verdicts in bulk, reviews and splits one by one."""
    replies, run = [], []

    def flush_run():
        if run:
            replies.extend(save_many(ctx, run))
            ctx.session.expire_all()  # rows written past the ORM: read them afresh
            run.clear()

    for op in ops:
        if op["kind"] == OpKind.RESULT.value:
            if UUID.match(op["id"]):
                run.append({**op, "id": op["id"].lower()})
                continue
            flush_run()
            replies.append(apply(ctx, op))  # refused there, with the reason
        else:
            flush_run()
            replies.append(apply(ctx, op))
    flush_run()
    return replies


def apply(ctx: Context, op: dict) -> dict:
    """One op of a push: ``{op_id, kind, id, base_version, data}`` → its status (``id``: a
    result's UUID, a patch's JCBH for a split, a problem's WTBH)."""
    done = ctx.session.scalar(select(AppliedOp).where(AppliedOp.op_id == op["op_id"]))
    if done is not None:
        return {"op_id": op["op_id"], "status": DUPLICATE, "version": done.version}
    kind, data = op["kind"], op["data"]
    try:
        with ctx.session.begin_nested():
            if kind == OpKind.RESULT.value:
                row = save(ctx, _uuid(op["id"]), op["base_version"], data)
                entity = row.id
            elif kind == OpKind.PROBLEM.value:
                row = save_problem(ctx, op["id"], op["base_version"], data)
                entity = row.wtbh
            elif kind == OpKind.REVIEW.value:
                row = review(ctx, _uuid(op["id"]), op["base_version"], data.get("decision"),
                             data.get("comment"))
                entity = row.id
            else:
                row = split(ctx, op["id"], op["base_version"], data)
                entity = row.jcbh
            ctx.session.add(AppliedOp(op_id=op["op_id"], xzqdm=row.xzqdm, entity_id=entity,
                                      version=row.version))
        return {"op_id": op["op_id"], "status": APPLIED, "version": row.version}
    except StaleVersion as stale:
        return {"op_id": op["op_id"], "status": CONFLICT, "version": stale.current.version,
                "server": as_dict(stale.current)}
    except StaleProblem as stale:
        return {"op_id": op["op_id"], "status": CONFLICT, "version": stale.current.version,
                "server": problem_dict(stale.current)}
    except StaleSplit as stale:
        return {"op_id": op["op_id"], "status": CONFLICT, "version": stale.patch.version,
                "server": {"JCBH": stale.patch.jcbh, "version": stale.patch.version,
                           "parcels": stale.current}}
    except FarmlandGuardError as error:
        return {"op_id": op["op_id"], "status": REJECTED, "error": error}


def _uuid(value: str) -> str:
    if not UUID.match(value):
        raise Invalid(say("id {value} of a result is not a UUID", "结果编号 {value} 不是 UUID",
                          value=value[:60]), "id")
    return value.lower()
