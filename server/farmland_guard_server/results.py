"""Verified results as the server keeps them: each new copy re-validated with the rules the
plugin uses (``core.verdicts``) against areas the server computed itself, one version up,
mirrored on its patch and journalled."""

from __future__ import annotations

from sqlalchemy import select

from farmland_guard.core import verdicts
from farmland_guard.core.language import say
from farmland_guard.core.ops import OpKind

from .context import Context
from .errors import Conflict, Invalid, NotFound
from .models import Patch, Result, utcnow

WRITERS = ("technician", "admin")
COLUMNS = {"PDLX": "pdlx", "HCHLX": "hchlx", "WFLX": "wflx", "HCZT": "hczt", "WFMJ": "wfmj",
           "WFGDMJ": "wfgdmj", "WFSTMJ": "wfstmj", "WFJBNTMJ": "wfjbntmj",
           "SFNRWFJS": "sfnrwfjs"}
# The quality grade of the occupied 耕地 (a precheck figure, from the land-use layer's GDDB),
# kept with the verdict when a client sends it: the 产能 ledger reads it (issue 16).
GRADES = ("ZLDB", "GDDB")


def as_dict(result: Result) -> dict:
    """A result as the API shows it (and as a conflict hands it back)."""
    return {"id": result.id, "version": result.version, "JCBH": result.jcbh,
            "DKBH": result.dkbh, "TBMJ_MU": result.tbmj_mu, "SJYSYJ": result.sjysyj,
            "data": result.data, "updated_by": result.updated_by,
            "updated_at": result.updated_at.isoformat() + "Z"}


def find(ctx: Context, result_id: str, lock: bool = False) -> Result | None:
    """A result of the caller's region; ``lock``: held until the transaction ends (on
    PostgreSQL), so two writers on one version cannot both pass the version check."""
    query = select(Result).where(Result.id == result_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return ctx.session.scalar(query)


def patch_of(ctx: Context, jcbh) -> Patch:
    patch = ctx.session.scalar(select(Patch).where(Patch.jcbh == str(jcbh)))
    if patch is None:
        raise NotFound(say("patch {jcbh} does not exist or is outside your region",
                           "图斑 {jcbh} 不存在或不在您的辖区内", jcbh=jcbh), "region", jcbh=jcbh)
    return patch


class StaleVersion(Conflict):
    def __init__(self, current: Result):
        self.current = current
        super().__init__(say("result {id} is at version {version} on the server",
                             "结果 {id} 在服务器上已是第 {version} 版", id=current.id,
                             version=current.version), "version")


def check_version(current: Result | None, base_version: int, result_id: str) -> None:
    if current is None and base_version:
        raise NotFound(say("result {id} does not exist or is outside your region",
                           "结果 {id} 不存在或不在您的辖区内", id=result_id), "region")
    if current is not None and current.version != base_version:
        raise StaleVersion(current)


def check_text(value, field: str = "data") -> None:
    """No NUL character in any text of ``value``: PostgreSQL cannot store one (it answered
    with an internal error), and no field of ours means one."""
    if isinstance(value, str):
        if "\x00" in value:
            raise Invalid(say("{field} holds a NUL character", "{field} 含有 NUL 字符",
                              field=field), "text", field=field)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, field)
            check_text(item, str(key))
    elif isinstance(value, list):
        for item in value:
            check_text(item, field)


def grades(data: dict) -> dict:
    """The grades ``data`` holds, each a whole number or a short text."""
    kept = {}
    for name in GRADES:
        value = data.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, (int, str)) or len(str(value)) > 20:
            raise Invalid(say("{field}: a quality grade is a whole number or a short text",
                              "{field}：质量等别须为整数或简短文字", field=name), "grade",
                          field=name)
        kept[name] = value
    return kept


def write(ctx: Context, result: Result, data: dict, area: float | None, action: str,
          detail: dict | None = None) -> None:
    """A result's new copy: one version up, mirrored on its patch, journalled."""
    old_version = result.version
    result.data = data
    for field, column in COLUMNS.items():
        setattr(result, column, data.get(field))
    result.tbmj_mu = area
    result.version = old_version + 1
    result.updated_by, result.updated_at = ctx.scope.user, utcnow()
    ctx.session.flush()
    mirror(ctx, result.jcbh)
    ctx.journal(action, OpKind.RESULT.value, result.id, result.xzqdm, old_version or None, result.version,
                detail)


def mirror(ctx: Context, jcbh: str) -> None:
    """The patch shows its verdict and state: its own result's, or its parcels' combined."""
    patch = patch_of(ctx, jcbh)
    rows = ctx.session.scalars(select(Result).where(Result.jcbh == jcbh)).all()
    whole = [r for r in rows if r.dkbh is None]
    if whole:
        patch.hczt, patch.pdlx = whole[0].hczt, whole[0].pdlx
    elif rows:
        patch.hczt = verdicts.combined_state(r.hczt for r in rows)
