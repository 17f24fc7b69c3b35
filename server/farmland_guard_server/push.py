"""A push (``POST /sync/v1/push``): each op applied, found to be a duplicate, in conflict with
a newer copy, or rejected with a problem — one at a time, each in its own savepoint, so one bad
op never undoes the others."""

from __future__ import annotations

from sqlalchemy import select

from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.language import say
from farmland_guard.core.ops import OpKind

from .context import Context
from .errors import Invalid
from .models import AppliedOp
from .results import StaleVersion, as_dict, save
from .review import review

APPLIED, DUPLICATE, CONFLICT, REJECTED = "applied", "duplicate", "conflict", "rejected"


def apply(ctx: Context, op: dict) -> dict:
    """One op of a push: ``{op_id, kind, id, base_version, data}`` → its status."""
    done = ctx.session.scalar(select(AppliedOp).where(AppliedOp.op_id == op["op_id"]))
    if done is not None:
        return {"op_id": op["op_id"], "status": DUPLICATE, "version": done.version}
    try:
        with ctx.session.begin_nested():
            if op["kind"] == OpKind.RESULT.value:
                result = save(ctx, op["id"], op["base_version"], op["data"])
            elif op["kind"] == OpKind.REVIEW.value:
                result = review(ctx, op["id"], op["base_version"], op["data"].get("decision"),
                                op["data"].get("comment"))
            else:
                raise Invalid(say("ops of kind {kind} are not taken yet",
                                  "暂不接受 {kind} 类操作", kind=op["kind"]), "kind")
            ctx.session.add(AppliedOp(op_id=op["op_id"], xzqdm=result.xzqdm,
                                      entity_id=result.id, version=result.version))
        return {"op_id": op["op_id"], "status": APPLIED, "version": result.version}
    except StaleVersion as stale:
        return {"op_id": op["op_id"], "status": CONFLICT, "version": stale.current.version,
                "server": as_dict(stale.current)}
    except FarmlandGuardError as error:
        return {"op_id": op["op_id"], "status": REJECTED, "error": error}


