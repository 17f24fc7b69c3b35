"""The problems of the rectification ledger (整改台账, issue 17) as the server keeps them: each
copy a client sends re-validated with the plugin's rules (``core.rectification``,
``core.cases``), its cited evidence found among the region's attachments, one version up and
journalled (audit row and change feed) like a verdict."""

from __future__ import annotations

import re

import shapely
from sqlalchemy import select

from farmland_guard.core import cases, rectification
from farmland_guard.core.language import say
from farmland_guard.core.ops import OpKind
from farmland_guard.core.rectification import RectificationError

from .context import Context
from .errors import Conflict, Forbidden, Invalid, NotFound
from .geometry import bbox_of
from .models import Attachment, Problem, utcnow
from .results import WRITERS, check_text

FIELDS = (*rectification.FIELDS, *cases.FIELDS)  # the record, as the plugin's problems layer
SHAPES = ("Point", "Polygon", "MultiPolygon")
LISTS = ("GLTB", "ZGCS")
COUNTY = re.compile(r"^[0-9]{2,12}$")  # an XZQDM as the region scope compares it
MOVE = "workflow"  # the rule of the state's move (see ``_violations``)


def as_dict(problem: Problem) -> dict:
    """A problem as the API shows it (and as a conflict hands it back): its fields in
    ``data``, its location as hex WKB (lon/lat, CGCS2000) or None."""
    return {"WTBH": problem.wtbh, "XZQDM": problem.xzqdm, "version": problem.version,
            "data": problem.data,
            "geom_wkb": None if problem.geom is None else shapely.to_wkb(problem.geom).hex(),
            "updated_by": problem.updated_by,
            "updated_at": problem.updated_at.isoformat() + "Z"}


def find(ctx: Context, wtbh: str, lock: bool = False) -> Problem | None:
    """The problem ``wtbh`` of the caller's region (``lock``: until the transaction ends)."""
    query = select(Problem).where(Problem.wtbh == wtbh).order_by(Problem.xzqdm).limit(1)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return ctx.session.scalar(query)


class StaleProblem(Conflict):
    def __init__(self, current: Problem):
        self.current = current
        super().__init__(say("problem {wtbh} is at version {version} on the server",
                             "问题 {wtbh} 在服务器上已是第 {version} 版", wtbh=current.wtbh,
                             version=current.version), "version")


def record_of(wtbh: str, data: dict) -> dict:
    """The problem's fields from an op's ``data`` (the lists as lists)."""
    if data.get("WTBH") not in (None, "", wtbh):
        raise Invalid(say("the op is for problem {wtbh}, its data for {other}",
                          "操作针对问题 {wtbh}，数据却是问题 {other}", wtbh=wtbh,
                          other=str(data["WTBH"])[:60]), "identity")
    record = {name: data.get(name) for name in FIELDS}
    record["WTBH"] = wtbh
    for name, value in record.items():
        listed = name in LISTS and isinstance(value, list)
        if not all(v is None or isinstance(v, (str, int, float)) and not isinstance(v, bool)
                   for v in (value if listed else [value])):
            raise Invalid(say("{field}: a text, a number or nothing (a list of texts for GLTB and "
                              "ZGCS)", "{field}：须为文字、数字或空（GLTB、ZGCS 为文字列表）",
                              field=name), "type", field=name)
    record["ZGCS"] = rectification.measures(record["ZGCS"])
    gltb = record["GLTB"]
    record["GLTB"] = [str(k) for k in gltb] if isinstance(gltb, list) else \
        rectification.measures(gltb)
    return record


def _geometry(wtbh: str, data: dict):
    """The location the op carries (``geom_wkb``, hex), None when it has none."""
    value = data.get("geom_wkb")
    if value in (None, ""):
        return None
    try:
        geometry = shapely.from_wkb(bytes.fromhex(str(value)))
    except (ValueError, shapely.errors.GEOSException) as error:
        raise Invalid(say("the location of problem {wtbh} is no geometry ({error})",
                          "问题 {wtbh} 的位置不是有效的几何（{error}）", wtbh=wtbh,
                          error=str(error)[:200]), "geometry") from error
    if geometry.is_empty or geometry.geom_type not in SHAPES:
        raise Invalid(say("the location of problem {wtbh} must be a point or a polygon",
                          "问题 {wtbh} 的位置须为点或面", wtbh=wtbh), "geometry")
    return geometry


def _evidence(ctx: Context, data: dict) -> list[str]:
    """The SHA-256 of the attachments the op cites, every one held in the region."""
    listed = data.get("attachments") or []
    if not isinstance(listed, list):
        raise Invalid(say("attachments: a list of SHA-256", "attachments：须为 SHA-256 列表"),
                      "type", field="attachments")
    cited = sorted({str(a.get("sha256") if isinstance(a, dict) else a) for a in listed})
    held = set(ctx.session.scalars(select(Attachment.sha256)
                                   .where(Attachment.sha256.in_(cited)))) if cited else set()
    missing = [sha for sha in cited if sha not in held]
    if missing:
        raise Invalid(say("the attachments {missing} have not been uploaded",
                          "附件 {missing} 尚未上传", missing=", ".join(missing)),
                      "missing_attachment", missing=", ".join(missing))
    return cited


def _violations(record: dict, old: dict | None, evidence: int) -> list:
    """The plugin's rules, but the state's move: the plugin skips it itself when a problem
    follows its result (``derive``) or an edit is undone, which an op does not tell apart, so
    the server takes the state as it comes. A 销号 (the state becoming 已销号 on the server's
    copy) still needs its date, who, why and at least one attachment of evidence."""
    before = {"ZGZT": record.get("ZGZT")} if old is None else old
    found = rectification.validate(record, before, evidence) + cases.validate(record)
    return [v for v in found if v.rule != MOVE]


def save(ctx: Context, wtbh: str, base_version: int, data: dict) -> Problem:
    """The problem's new copy: created on base version 0, else on the version the server holds
    (``StaleProblem`` otherwise); checked, one version up, journalled."""
    if ctx.scope.role not in WRITERS:
        raise Forbidden(say("a {role} does not change the rectification ledger",
                            "{role} 不能修改整改台账", role=ctx.scope.role), "role")
    check_text(data)
    record = record_of(wtbh, data)
    county = str(record.get("XZQDM") or "")
    if not COUNTY.match(county):
        raise Invalid(say("problem {wtbh} has no county code (XZQDM, digits)",
                          "问题 {wtbh} 没有行政区代码（XZQDM，数字）", wtbh=wtbh), "required",
                      field="XZQDM")
    if not ctx.scope.contains(county):
        raise Forbidden(say("{code} is outside your region", "{code} 不在您的辖区内", code=county),
                        "region")
    current = find(ctx, wtbh, lock=True)
    if current is None and base_version:
        raise NotFound(say("problem {wtbh} does not exist or is outside your region",
                           "问题 {wtbh} 不存在或不在您的辖区内", wtbh=wtbh), "region")
    if current is not None and current.version != base_version:
        raise StaleProblem(current)
    if current is not None and current.xzqdm != county:
        raise Invalid(say("problem {wtbh} belongs to {code}", "问题 {wtbh} 属于 {code}",
                          wtbh=wtbh, code=current.xzqdm), "identity")
    geometry = _geometry(wtbh, data)
    cited = _evidence(ctx, data)
    found = _violations(record, current.data if current else None, len(cited))
    if found:
        raise RectificationError(found)
    now, old_version = utcnow(), current.version if current else 0
    problem = current or Problem(wtbh=wtbh, xzqdm=county, created_by=ctx.scope.user,
                                 created_at=now)
    problem.data = {**record, "attachments": cited}
    problem.ly, problem.zgzt = record.get("LY"), record.get("ZGZT")
    problem.geom = geometry
    box = bbox_of(geometry) if geometry is not None else dict.fromkeys(("minx", "miny", "maxx",
                                                                          "maxy"))
    for name, value in box.items():
        setattr(problem, name, value)
    problem.version = old_version + 1
    problem.updated_by, problem.updated_at = ctx.scope.user, now
    if current is None:
        ctx.session.add(problem)
    ctx.session.flush()
    ctx.journal("save", OpKind.PROBLEM.value, wtbh, county, old_version or None, problem.version)
    return problem
