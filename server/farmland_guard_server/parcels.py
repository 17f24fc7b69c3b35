"""A patch split into parcels (地块) or merged back, as the plugin sends it: the outlines
checked with the plugin's own rules (``core.parcels.check``: inside the patch, no overlap,
adding up to it), areas computed here, and the whole split replaced in one step."""

from __future__ import annotations

import re

import shapely
from sqlalchemy import delete, select

from farmland_guard.core import parcels as rules
from farmland_guard.core import verdicts
from farmland_guard.core.language import say
from farmland_guard.core.ops import OpKind
from farmland_guard.core.verdicts import VerdictError, Violation

from .context import Context
from .errors import Conflict, Forbidden
from .geometry import bbox_of
from .models import Parcel, Patch, Result
from .results import WRITERS, patch_of

DKBH = re.compile(r"^[0-9A-Za-z_-]{1,60}$")
MAX_PARCELS = 500


class StaleSplit(Conflict):
    def __init__(self, patch: Patch, current: list[dict]):
        self.patch, self.current = patch, current
        super().__init__(say("the parcels of {jcbh} are at version {version} on the server",
                             "图斑 {jcbh} 的地块在服务器上已是第 {version} 版",
                             jcbh=patch.jcbh, version=patch.version), "version")


def outlines(ctx: Context, jcbh: str) -> list[dict]:
    rows = ctx.session.scalars(select(Parcel).where(Parcel.jcbh == jcbh)
                               .order_by(Parcel.dkbh)).all()
    return [{"DKBH": p.dkbh, "DLBM": p.dlbm, "TBMJ_MU": p.tbmj_mu,
             "wkt": shapely.to_wkt(p.geom, rounding_precision=10)} for p in rows]


def _outline(jcbh: str, item, bad) -> tuple[str, str | None, object] | None:
    if not isinstance(item, dict):
        bad("parcels", "type", say("each parcel is an object", "每个地块须为一个对象"))
        return None
    dkbh, dlbm, wkt = item.get("DKBH"), item.get("DLBM"), item.get("wkt")
    if not isinstance(dkbh, str) or not DKBH.match(dkbh):
        bad("DKBH", "format", say("'{value}' is not a parcel id (letters, digits, - and _)",
                                  "“{value}”不是地块编号（字母、数字、- 和 _）",
                                  value=str(dkbh)[:60]))
        return None
    try:
        geom = shapely.from_wkt(wkt) if isinstance(wkt, str) else None
    except shapely.errors.GEOSException:
        geom = None
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        bad("geometry", "geometry", say("parcel {dkbh}: the outline is not a polygon in WKT",
                                        "地块 {dkbh}：轮廓不是 WKT 多边形", dkbh=dkbh))
        return None
    if not shapely.is_valid(geom):
        bad("geometry", "geometry", say("parcel {dkbh}: the outline is not valid ({why})",
                                        "地块 {dkbh}：轮廓无效（{why}）", dkbh=dkbh,
                                        why=shapely.is_valid_reason(geom)))
        return None
    if dlbm is not None and not isinstance(dlbm, str):
        dlbm = str(dlbm)
    return dkbh, (dlbm or None) and dlbm[:10], rules.as_multipolygon(geom)


def split(ctx: Context, jcbh: str, base_version: int, data: dict) -> Patch:
    """Replace the parcels of patch ``jcbh`` by ``data["parcels"]`` (none: merged back)."""
    if ctx.scope.role not in WRITERS:
        raise Forbidden(say("a {role} does not split patches", "{role} 不能拆分图斑",
                            role=ctx.scope.role), "role")
    patch = patch_of(ctx, data.get("JCBH", jcbh))
    if patch.version != base_version:
        raise StaleSplit(patch, outlines(ctx, patch.jcbh))
    found: list[Violation] = []

    def bad(field, rule, message):
        found.append(Violation(patch.jcbh, field, rule, message))

    items = data.get("parcels")
    if not isinstance(items, list) or len(items) > MAX_PARCELS:
        bad("parcels", "type", say("parcels is a list of at most {n}", "parcels 须为至多 {n} 个"
                                   "地块的列表", n=MAX_PARCELS))
        raise VerdictError(found)
    new = [o for o in (_outline(patch.jcbh, item, bad) for item in items) if o]
    ids = [d for d, _, _ in new]
    if len(set(ids)) != len(ids):
        bad("DKBH", "unique", say("a parcel id appears twice", "地块编号重复"))
    if new and not found:
        found += rules.check(patch.jcbh, patch.geom, patch.tbmj_mu, [g for _, _, g in new])
    taken = ctx.session.scalars(select(Parcel.dkbh).where(Parcel.dkbh.in_(ids),
                                                          Parcel.jcbh != patch.jcbh)).all()
    for dkbh in taken:
        bad("DKBH", "unique", say("parcel id {dkbh} belongs to another patch",
                                  "地块编号 {dkbh} 属于另一图斑", dkbh=dkbh))
    gone = ctx.session.scalars(select(Result).where(Result.jcbh == patch.jcbh,
                                                    Result.dkbh.is_not(None),
                                                    Result.dkbh.not_in(ids))).all()
    for result in gone:
        if (locked := verdicts.check_editable(result.dkbh, result.hczt)) is not None:
            found.append(locked)
    if found:
        raise VerdictError(found)
    for result in gone:  # the verdicts of parcels that no longer exist
        ctx.session.delete(result)
        ctx.journal("delete", OpKind.RESULT.value, result.id, result.xzqdm, result.version, None)
    ctx.session.execute(delete(Parcel).where(Parcel.jcbh == patch.jcbh))
    areas = rules.areas_mu([g for _, _, g in new]) if new else []
    for (dkbh, dlbm, geom), area in zip(new, areas):
        ctx.session.add(Parcel(dkbh=dkbh, jcbh=patch.jcbh, dlbm=dlbm, tbmj_mu=area, geom=geom,
                               xzqdm=patch.xzqdm, **bbox_of(geom)))
    patch.version += 1
    ctx.session.flush()
    ctx.journal("split" if new else "merge", OpKind.PARCELS.value, patch.jcbh, patch.xzqdm,
                patch.version - 1, patch.version, {"parcels": ids})
    return patch
