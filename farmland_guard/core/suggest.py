"""The precheck's suggested verdict (建议判定 ``JYPD``), its sub-type (``JYLX``: the 核查后类型
or 违法类型 it points to) and the reason a person reads (``JYLY``), from the precheck figures and
the profile's rules (``[precheck]``), DESIGN.md §3.2.

The change type comes first: an agricultural change is judged by what it takes (一般耕地 is an
out-flow, 永久基本农田 a violation), a construction by what the approvals valid at the
after-image cover, on any land. 合法 is suggested only when what is left uncovered is within an
absolute tolerance, and never by itself on 永久基本农田 or the 生态保护红线.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codelists, landuse, profiles
from .codelists import tblx_label
from .language import language, say
from .precheck import EXPIRED, FARMLAND, LATE, MISUSED, REDLINE, VALID
from .units import MU_DECIMALS, format_mu
from .verdicts import ILLEGAL, LEGAL, OTHER, REVIEW

SUGGESTIONS = (LEGAL, ILLEGAL, OTHER, REVIEW)


@dataclass(frozen=True)
class Rules:
    tolerance_mu: float  # left uncovered up to this is 边角地, not a violation
    agricultural_tblx: dict  # TBLX of agricultural change -> the 其他 sub-type it suggests
    cultivation_tblx: tuple  # TBLX that mean "now 耕地": never a violation on 耕地
    existing_share: float  # base land already 建设用地 over this share: 非新增, to confirm
    farmland_authorities: tuple  # 批准机关 that may approve taking 永久基本农田
    redline_authorities: tuple  # … and building in the 生态保护红线
    cultivated_basis: str  # "net" (of 田坎) or "gross": the basis of 违法耕地
    adjustable_cultivated: bool  # K-suffixed 可调整地类 count as 耕地
    kcxs_percent: bool  # a 田坎系数 above 1 is a percent (else refused)

    @classmethod
    def of_profile(cls, profile_id: str | None = None) -> Rules:
        data = profiles.precheck_rules(profile_id)
        return cls(float(data["tolerance_mu"]), dict(data["agricultural_tblx"]),
                   tuple(data["cultivation_tblx"]), float(data["existing_share"]),
                   tuple(data["farmland_authorities"]), tuple(data["redline_authorities"]),
                   str(data["cultivated_basis"]), bool(data["adjustable_cultivated"]),
                   bool(data["kcxs_percent"]))

    def is_construction(self, tblx) -> bool:
        """Whether a change type is construction (anything not agricultural)."""
        return _code(tblx) not in self.agricultural_tblx


def _code(tblx) -> str:
    return "" if tblx is None else str(tblx).strip()


def _document(cover) -> str:
    kind = codelists.hchlx(LEGAL).get(cover.kind, cover.kind)
    return f"{kind} {cover.number}" if cover.number else kind


def _documents(covers) -> str:
    return "、".join(dict.fromkeys(_document(c) for c in covers))


def suggest(record: dict, tblx, rules: Rules, landuse_mu: float | None = None,
            construction_mu: float | None = None, covers=()) -> tuple:
    """(JYPD or None, JYLX or None, JYLY) for one patch's precheck ``record`` (亩, None where
    unknown); ``construction_mu``: its base land already 建设用地; ``covers``: the approvals
    it meets (``precheck.Cover``)."""
    area = record["TBMJ_MU"]
    if area is None:
        return None, None, say("no geometry: nothing to suggest", "没有图形，无法给出建议")
    tolerance, code = rules.tolerance_mu, _code(tblx)
    cultivated, farmland, redline = (record["GDMJ"] or 0.0, record["JBNTMJ"] or 0.0,
                                     record["STHXMJ"] or 0.0)
    notes, named = [], set()  # the reasons, and which of 永农 / 红线 they named already
    if code in rules.agricultural_tblx:
        verdict, kind = _agricultural(code, area, cultivated, farmland, rules, notes, named)
    elif construction_mu is not None and area > 0 and construction_mu >= rules.existing_share * area:
        verdict, kind = OTHER, "非新增"
        notes.append(say("suggested other (not new, to confirm): {share} of the patch is "
                         "already construction land", "建议其他（非新增，请确认）：图斑 {share} "
                         "的基础地类已是建设用地", share=f"{construction_mu / area:.1%}"))
    else:
        verdict, kind = _construction(record, area, cultivated, farmland, redline, covers,
                                      rules, notes, named)
    if farmland > tolerance and FARMLAND not in named:
        notes.append(say("permanent basic farmland {mu} mu", "涉及永久基本农田 {mu} 亩",
                         mu=format_mu(farmland)))
    if redline > tolerance and REDLINE not in named:
        notes.append(say("ecological red line {mu} mu", "涉及生态保护红线 {mu} 亩",
                         mu=format_mu(redline)))
    if landuse_mu is not None and area - landuse_mu > tolerance:
        notes.append(say("{mu} mu of the patch lies outside the land-use layer",
                         "图斑有 {mu} 亩不在地类图斑范围内", mu=format_mu(area - landuse_mu)))
    return verdict, kind, ("；" if language() == "zh" else "; ").join(notes)


def _agricultural(code, area, cultivated, farmland, rules, notes, named):
    """An agricultural change: by what it takes, whatever the approvals say."""
    tolerance, label = rules.tolerance_mu, tblx_label(code)
    if code in rules.cultivation_tblx:  # now 耕地: unchanged on 耕地, else land won back
        if area - cultivated <= tolerance:
            notes.append(say("suggested other (no real change): change to cultivated land ({tblx}) "
                             "on cultivated land", "建议其他（实地未变化）：耕地类变化（{tblx}）位于耕地上",
                             tblx=label))
            return OTHER, "实地未变化(伪变化)"
        notes.append(say("suggested other (cultivated land restored): {mu} mu flow into "
                         "cultivated land (in/out balance)",
                         "建议其他（耕地恢复）：耕地流入 {mu} 亩（进出平衡）",
                         mu=format_mu(area - cultivated)))
        return OTHER, "耕地恢复"
    if farmland > tolerance:
        kind = "破坏/占用永久基本农田"
        notes.append(say("suspected violation ({kind}): agricultural change ({tblx}) on {mu} mu of "
                         "permanent basic farmland",
                         "疑似违法（{kind}）：农业类变化（{tblx}）占用永久基本农田 {mu} 亩",
                         kind=kind, tblx=label, mu=format_mu(farmland)))
        named.add(FARMLAND)
        return ILLEGAL, kind
    kind = rules.agricultural_tblx[code]
    notes.append(say("suggested other ({kind}): agricultural change ({tblx})",
                     "建议其他（{kind}）：农业类变化（{tblx}）", kind=kind, tblx=label))
    if cultivated > tolerance:
        notes.append(say("{mu} mu flow out of cultivated land (in/out balance)",
                         "耕地流出 {mu} 亩（进出平衡）", mu=format_mu(cultivated)))
    return OTHER, kind


def _construction(record, area, cultivated, farmland, redline, covers, rules, notes, named):
    """A construction change on any land: illegal where the valid approvals leave it uncovered."""
    tolerance = rules.tolerance_mu
    approved = record["PWMJ"]
    uncovered = round(area if approved is None else max(area - approved, 0.0), MU_DECIMALS)
    valid = [c for c in covers if c.status == VALID]
    late = [c for c in covers if c.status == LATE]
    misused = [c for c in covers if c.status == MISUSED]
    expired = [c for c in covers if c.status == EXPIRED]
    taken = record["WFGMJ"] if record["WFGMJ"] is not None else cultivated
    notes_after = [say("{docs} expired before the after-image and covers nothing",
                       "{docs}在后时相前已到期，不作批准依据", docs=_documents(expired))] if expired else []
    if uncovered > tolerance:
        if late and sum(c.mu for c in late) >= uncovered - tolerance:
            kind = "未批先建(未报即用)"
            notes.append(say("suspected violation ({kind}): {docs} dated after the after-image "
                             "(built before approval, regularised later; rectify by 补办手续)",
                             "疑似违法（{kind}）：{docs}批准日期晚于后时相（未批先建、事后补办，整改措施补办手续）",
                             kind=kind, docs=_documents(late)))
        elif misused:
            kind = "擅自改变用途"
            notes.append(say("suspected violation ({kind}): {docs} covers farm facilities only, "
                             "not a building", "疑似违法（{kind}）：{docs}仅覆盖设施农业用地，不含建筑物",
                             kind=kind, docs=_documents(misused)))
        elif approved is not None and approved > tolerance:
            kind = "批少占多(超占)"
            notes.append(say("suspected violation ({kind}): approvals cover {approved} mu, "
                             "{mu} mu of the patch is not covered", "疑似违法（{kind}）：批准用地仅覆盖 "
                             "{approved} 亩，图斑另有 {mu} 亩未被覆盖", kind=kind,
                             approved=format_mu(approved), mu=format_mu(uncovered)))
        else:
            kind = "未批先建(未报即用)"
            notes.append(say("suspected violation ({kind}): {mu} mu not covered by any approval",
                             "疑似违法（{kind}）：{mu} 亩未被批准用地覆盖", kind=kind,
                             mu=format_mu(uncovered)) if approved is not None else
                         say("suspected violation ({kind}): construction on {mu} mu (no approval "
                             "layer given)", "疑似违法（{kind}）：建设占地 {mu} 亩（未提供批准用地图层）",
                             kind=kind, mu=format_mu(uncovered)))
        notes.append(say("of which cultivated land {mu} mu", "其中耕地 {mu} 亩",
                         mu=format_mu(taken)))
        notes.extend(notes_after)
        return ILLEGAL, kind
    authorities = {c.authority for c in valid}
    blocked = []
    if farmland > tolerance and not authorities <= set(rules.farmland_authorities):
        blocked.append(say("permanent basic farmland {mu} mu", "永久基本农田 {mu} 亩",
                           mu=format_mu(farmland)))
        named.add(FARMLAND)
    if redline > tolerance and not authorities <= set(rules.redline_authorities):
        blocked.append(say("ecological red line {mu} mu", "生态保护红线 {mu} 亩",
                           mu=format_mu(redline)))
        named.add(REDLINE)
    main = max(valid, key=lambda c: c.mu, default=None)
    if blocked:
        notes.append(say("check by hand: approvals ({docs}) cover the patch, but it takes {what}, "
                         "which only the State Council may approve",
                         "需人工核查：批准用地（{docs}）覆盖图斑，但涉及{what}，须由有权机关（国务院）批准",
                         docs=_documents(valid) or "-", what="、".join(blocked)))
        verdict, kind = REVIEW, None
    else:
        notes.append(say("suggested legal: approvals ({docs}) cover {share} of the patch ({mu} mu)",
                         "建议合法：批准用地（{docs}）覆盖图斑的 {share}（{mu} 亩）",
                         docs=_documents(valid) or "-", share=f"{(approved or 0) / area:.1%}"
                         if area else "-", mu=format_mu(approved or 0)))
        verdict, kind = LEGAL, main.kind if main else None
    if any(c.date is None for c in valid):
        notes.append(say("the date of {docs} was not checked (no 批准日期)",
                         "{docs}无批准日期，未核对批准时间",
                         docs=_documents([c for c in valid if c.date is None])))
    if 0 < uncovered <= tolerance:
        notes.append(say("{mu} mu left uncovered is a corner remnant, not a violation",
                         "未覆盖 {mu} 亩属边角地，不计违法", mu=format_mu(uncovered)))
    notes.extend(notes_after)
    return verdict, kind


def suggest_all(overlay, tblx, rules: Rules) -> list[tuple]:
    """(JYPD, JYLX, JYLY) of every patch of a ``precheck.Overlay``; ``tblx`` aligned with it."""
    import numpy as np

    adjustable = landuse.adjustable_label()
    inside = np.sum([mu for group, mu in overlay.groups.items() if group != adjustable], axis=0)
    built = overlay.groups.get(landuse.CONSTRUCTION)
    return [suggest(overlay.record(k), tblx[k], rules, float(inside[k]),
                    None if built is None else float(built[k]), overlay.covers.get(k, ()))
            for k in range(len(inside))]
