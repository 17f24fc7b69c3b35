"""The precheck's suggested verdict (建议判定 ``JYPD``, a 判定类型) and the reason a person reads
(``JYLY``), from the precheck figures and the profile's rules (``[precheck]``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import landuse, profiles
from .codelists import tblx_label
from .language import language, say
from .units import format_mu

LEGAL, ILLEGAL, OTHER = "合法", "违法", "其他"


@dataclass(frozen=True)
class Rules:
    tolerance_mu: float  # 耕地 left uncovered up to this is 边角地, not a violation
    covered_share: float  # approvals covering this share of the patch suggest 合法
    agricultural_tblx: dict  # TBLX of agricultural change -> the 其他 sub-type it suggests

    @classmethod
    def of_profile(cls, profile_id: str | None = None) -> Rules:
        data = profiles.precheck_rules(profile_id)
        return cls(float(data["tolerance_mu"]), float(data["covered_share"]),
                   dict(data["agricultural_tblx"]))


def suggest(record: dict, tblx, rules: Rules, landuse_mu: float | None = None):
    """(JYPD or None, JYLY) for one patch's precheck ``record`` (亩, None where unknown)."""
    area = record["TBMJ_MU"]
    if area is None:
        return None, say("no geometry: nothing to suggest", "没有图形，无法给出建议")
    tolerance = rules.tolerance_mu
    cultivated, farmland = record["GDMJ"] or 0.0, record["JBNTMJ"]
    approved, share = record["PWMJ"], record["PWFGL"]
    uncovered = record["WFGMJ"] if record["WFGMJ"] is not None else cultivated
    code = "" if tblx is None else str(tblx).strip()
    notes = []
    if uncovered > tolerance:
        verdict = ILLEGAL
        notes.append(say("suspected violation: {mu} mu of cultivated land not covered by any "
                         "approval", "疑似违法：{mu} 亩耕地未被批准用地覆盖", mu=format_mu(uncovered))
                     if approved is not None else
                     say("suspected violation: takes {mu} mu of cultivated land (no approval "
                         "layer given)", "疑似违法：占用耕地 {mu} 亩（未提供批准用地图层）",
                         mu=format_mu(uncovered)))
    elif approved is not None and (area - approved <= tolerance or share >= rules.covered_share):
        verdict = LEGAL
        notes.append(say("suggested legal: approvals cover {share} of the patch ({mu} mu)",
                         "建议合法：批准用地覆盖图斑的 {share}（{mu} 亩）", share=f"{share:.1%}",
                         mu=format_mu(approved)))
    elif cultivated <= tolerance and (farmland or 0.0) <= tolerance and code in rules.agricultural_tblx:
        verdict = OTHER
        notes.append(say("suggested other ({kind}): agricultural change ({tblx}) taking neither "
                         "cultivated land nor permanent basic farmland",
                         "建议其他（{kind}）：农业类变化（{tblx}），未占用耕地和永久基本农田",
                         kind=rules.agricultural_tblx[code], tblx=tblx_label(code)))
    else:
        verdict = None
        notes.append(say("no suggestion: no cultivated land left uncovered, {mu} mu of the patch "
                         "not covered by approvals; check by hand",
                         "无建议：无未批准的耕地，图斑另有 {mu} 亩未被批准用地覆盖；需人工核查",
                         mu=format_mu(area - approved)) if approved is not None else
                     say("no suggestion: takes no cultivated land; check by hand",
                         "无建议：未占用耕地；需人工核查"))
    if 0 < uncovered <= tolerance:
        notes.append(say("{mu} mu of cultivated land left uncovered is a corner remnant, not a "
                         "violation", "未覆盖耕地 {mu} 亩属边角地，不计违法", mu=format_mu(uncovered)))
    if farmland is not None and farmland > tolerance:
        notes.append(say("permanent basic farmland {mu} mu", "涉及永久基本农田 {mu} 亩",
                         mu=format_mu(farmland)))
    if record["STHXMJ"] is not None and record["STHXMJ"] > tolerance:
        notes.append(say("ecological red line {mu} mu", "涉及生态保护红线 {mu} 亩",
                         mu=format_mu(record["STHXMJ"])))
    if landuse_mu is not None and area - landuse_mu > tolerance:
        notes.append(say("{mu} mu of the patch lies outside the land-use layer",
                         "图斑有 {mu} 亩不在地类图斑范围内", mu=format_mu(area - landuse_mu)))
    return verdict, ("；" if language() == "zh" else "; ").join(notes)


def suggest_all(overlay, tblx, rules: Rules) -> list[tuple]:
    """(JYPD, JYLY) of every patch of a ``precheck.Overlay``; ``tblx`` aligned with it."""
    adjustable = landuse.adjustable_label()
    inside = np.sum([mu for group, mu in overlay.groups.items() if group != adjustable], axis=0)
    return [suggest(overlay.record(k), tblx[k], rules, float(inside[k]))
            for k in range(len(inside))]
