"""The server's errors: the core's one base with an HTTP status, answered as RFC 9457 problems
in the caller's language (``Accept-Language``: Chinese unless English is preferred)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.rectification import RectificationError
from farmland_guard.core.verdicts import VerdictError

PROBLEM = "application/problem+json"


class HttpError(FarmlandGuardError):
    status = 400
    headers: dict = {}


class Unauthorized(HttpError):
    code, status = "unauthorized", 401
    headers = {"WWW-Authenticate": 'Bearer realm="farmland_guard", Basic realm="farmland_guard"'}


class Forbidden(HttpError):
    code, status = "forbidden", 403


class NotFound(HttpError):
    code, status = "not_found", 404


class Conflict(HttpError):
    code, status = "conflict", 409


class Gone(HttpError):
    code, status = "gone", 410


class PreconditionFailed(HttpError):
    code, status = "precondition_failed", 412


class TooLarge(HttpError):
    code, status = "too_large", 413


class Invalid(HttpError):
    code, status = "validation", 422


class Locked(HttpError):
    code, status = "locked", 423


class PreconditionRequired(HttpError):
    code, status = "precondition_required", 428


def status_of(error: FarmlandGuardError) -> int:
    if isinstance(error, HttpError):
        return error.status
    if isinstance(error, VerdictError):
        return 423 if error.rule == "locked" else 422
    return 422  # a rule of the domain refused the input


def locale_of(accept_language: str | None) -> str:
    """``en`` when the caller prefers English to Chinese, else ``zh``."""
    best, best_q = "zh", -1.0
    for part in (accept_language or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        lang = tag.strip().lower()[:2]
        if lang in ("zh", "en") and weight > best_q:
            best, best_q = lang, weight
    return best


def problem(error: FarmlandGuardError, locale: str, instance: str | None = None) -> dict:
    body = {**error.problem(locale), "status": status_of(error)}
    if isinstance(error, VerdictError):
        body["errors"] = [{"field": v.field, "rule": v.rule, "jcbh": v.jcbh,
                           "detail": v.message_in(locale)} for v in error.violations]
    elif isinstance(error, RectificationError):  # a problem (整改台账) of the ledger
        body["errors"] = [{"field": v.field, "rule": v.rule, "wtbh": v.wtbh,
                           "detail": v.message_in(locale)} for v in error.violations]
    if instance:
        body["instance"] = f"urn:farmland-guard:request:{instance}"  # the id in the server log
    return body


class ProblemError(BaseModel):
    """One broken rule of a verdict (or of a ledger's problem): the patch (the problem), the
    field and the rule, and the message."""

    field: str | None = None
    rule: str | None = None
    jcbh: str | None = None
    wtbh: str | None = None
    detail: str


class Problem(BaseModel):
    """An RFC 9457 problem: ``type`` is ``urn:farmland-guard:problem:<code>``, ``detail`` says
    what is wrong in the caller's language, ``rule`` and ``params`` name the rule broken (and
    the field, where one is at fault); a refused verdict (or problem of the rectification
    ledger) lists every rule it broke in ``errors``."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str
    rule: str | None = None
    params: dict[str, str | int | float | None] = {}
    instance: str | None = None
    errors: list[ProblemError] | None = None


WHY = {400: "a parameter the OGC API defines has a value it does not take",
       401: "not signed in, or the token or credentials are not valid",
       403: "the caller's role or level may not do this, or the row is outside their region",
       404: "no such row in the caller's region",
       409: "another copy of the result is newer (conflict)",
       410: "gone",
       412: "If-Match names a version that is no longer the current one",
       413: "the request body is over the limit",
       422: "the request or the verdict breaks a rule (named in the problem)",
       423: "the result is reported or approved: its verdict is locked",
       428: "If-Match is required"}


def problems(*statuses: int) -> dict:
    """``responses=`` of a route for the problems it may answer with (OpenAPI)."""
    return {status: {"description": WHY[status], "content": {PROBLEM: {"schema": {
        "$ref": "#/components/schemas/Problem"}}}} for status in statuses}
