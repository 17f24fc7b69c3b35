"""Verdicts on patches: the rules of DESIGN.md §3.4 and the workflow of §3.2, code by code.

The same rules run on every save, every batch label, every import and on the server. A bad
value gets a ``Violation`` naming the patch, the field and the rule; nothing is half-saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codelists
from .language import say

AREA_TOLERANCE_MU = 0.01
LEGAL, ILLEGAL, OTHER = "合法", "违法", "其他"
UNCHECKED = "未核查"
RETURNED = "省级退回"
READ_ONLY = frozenset({"已上报", "通过"})  # a reported or approved result is read-only
AREAS = ("WFMJ", "WFGDMJ", "WFSTMJ", "WFJBNTMJ")  # 亩
EVIDENCE = ("PZWH", "PZJG", "PZRQ", "PZMJ")  # 批准文号, 机关, 日期, 面积 (亩)
FIELDS = ("PDLX", "HCHLX", "WFLX", *EVIDENCE, *AREAS, "SFNRWFJS", "NYSM", "WYSM", "BJ", "BJYY",
          "HCZT", "ZGZT")
NAMES = {"PDLX": "判定类型", "HCHLX": "核查后类型", "WFLX": "违法类型", "PZWH": "批准文号",
         "PZJG": "批准机关", "PZRQ": "批准日期", "PZMJ": "批准面积", "WFMJ": "违法面积",
         "WFGDMJ": "违法耕地", "WFSTMJ": "违法水田", "WFJBNTMJ": "违法永农",
         "SFNRWFJS": "是否纳入违法计算", "HCZT": "核查状态", "ZGZT": "整改状态",
         "TBMJ_MU": "图斑面积", "JCBH": "监测编号", "DKBH": "地块编号"}


@dataclass(frozen=True)
class Violation:
    jcbh: str
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return say("patch {jcbh}, {field}: {message}", "图斑 {jcbh}，{field}：{message}",
                   jcbh=self.jcbh, field=f"{NAMES.get(self.field, self.field)} {self.field}",
                   message=self.message)


def _number(value):
    if value in (None, ""):
        return 0.0
    return float(value)


def validate(jcbh: str, verdict: dict, patch_area_mu: float | None) -> list[Violation]:
    """Every rule the verdict breaks (empty when it may be saved)."""
    found: list[Violation] = []

    def bad(field: str, rule: str, message: str) -> None:
        found.append(Violation(jcbh, field, rule, message))

    kind = verdict.get("PDLX")
    if kind not in (None, "") and kind not in codelists.pdlx():
        bad("PDLX", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value=kind, allowed="、".join(codelists.pdlx())))
    sub = verdict.get("HCHLX")
    if kind == LEGAL:
        if sub not in codelists.hchlx(LEGAL):
            bad("HCHLX", "required", say("a legal verdict needs its evidence type",
                                         "判定为合法须选择合法依据类型"))
        if not verdict.get("PZWH"):
            bad("PZWH", "required", say("a legal verdict needs the approval number",
                                        "判定为合法须填写批准文号"))
    elif kind == OTHER:
        if sub not in codelists.hchlx(OTHER):
            bad("HCHLX", "required", say("an 'other' verdict needs its sub-type",
                                         "判定为其他须选择核查后类型"))
    elif kind == ILLEGAL:
        if verdict.get("WFLX") not in codelists.wflx():
            bad("WFLX", "required", say("an illegal verdict needs its kind of violation",
                                        "判定为违法须选择违法类型"))
    areas = {}
    for field in AREAS + ("PZMJ",):
        try:
            areas[field] = _number(verdict.get(field))
        except (TypeError, ValueError):
            bad(field, "number", say("'{value}' is not a number", "“{value}”不是数字",
                                     value=verdict.get(field)))
            areas[field] = 0.0
        if areas[field] < 0:
            bad(field, "number", say("an area cannot be negative", "面积不能为负"))
    if kind != ILLEGAL and any(areas[f] > 0 for f in AREAS):
        bad("WFMJ", "consistency", say("only an illegal verdict has illegal areas",
                                       "只有判定为违法才有违法面积"))
    limit = None if patch_area_mu is None else patch_area_mu + AREA_TOLERANCE_MU
    for small, large, bound in (("WFMJ", "TBMJ_MU", limit),
                                ("WFGDMJ", "WFMJ", areas["WFMJ"] + AREA_TOLERANCE_MU),
                                ("WFSTMJ", "WFGDMJ", areas["WFGDMJ"] + AREA_TOLERANCE_MU),
                                ("WFJBNTMJ", "WFGDMJ", areas["WFGDMJ"] + AREA_TOLERANCE_MU)):
        if bound is not None and areas[small] > bound:
            bad(small, "area", say("{small} {value:.4f} mu exceeds {large} ({bound:.4f} mu with "
                                   "the 0.01 mu tolerance)",
                                   "{small} {value:.4f} 亩超过{large}（含 0.01 亩容差为 "
                                   "{bound:.4f} 亩）", small=NAMES[small], value=areas[small],
                                   large=NAMES[large], bound=bound))
    if verdict.get("SFNRWFJS") not in (None, "", "是", "否"):
        bad("SFNRWFJS", "codelist", say("must be 是 or 否", "只能是“是”或“否”"))
    return found


def merge(old: dict, changes: dict) -> dict:
    """The verdict after ``changes``: a new 判定类型 drops what only the old one had
    (illegal areas and kind, approval evidence, a sub-type of another verdict)."""
    new = {**old, **changes}
    if changes.get("PDLX", old.get("PDLX")) == old.get("PDLX"):
        return new
    kind = new.get("PDLX")
    dropped = set()
    if kind != ILLEGAL:
        dropped |= {"WFLX", *AREAS}
    if kind != LEGAL:
        dropped |= set(EVIDENCE)
    if new.get("HCHLX") not in codelists.hchlx(kind):
        dropped.add("HCHLX")
    return {k: v for k, v in new.items() if k not in dropped - set(changes)}


def check_move(jcbh: str, old: str | None, new: str | None) -> Violation | None:
    """Whether the workflow allows going from state ``old`` to ``new``."""
    old, new = old or UNCHECKED, new or old or UNCHECKED
    if old == new:
        return None
    allowed = codelists.workflow().get(old, [])
    if new not in allowed:
        return Violation(jcbh, "HCZT", "workflow", say(
            "cannot go from {old} to {new} (allowed: {allowed})",
            "不能从“{old}”改为“{new}”（允许：{allowed}）", old=old, new=new,
            allowed="、".join(allowed) or "-"))
    return None


def combined_state(states) -> str:
    """The workflow state of a patch split into parcels, from theirs: returned when one is,
    otherwise the least advanced (the patch is as far along as its slowest parcel)."""
    order = list(codelists.workflow())
    states = [s or UNCHECKED for s in states]
    if RETURNED in states:
        return RETURNED
    return min(states, key=lambda s: order.index(s) if s in order else 0, default=UNCHECKED)


def check_editable(jcbh: str, state: str | None, batch_closed: bool = False) -> Violation | None:
    """A reported or approved result, or one of a closed batch, is read-only on the desktop."""
    if batch_closed:
        return Violation(jcbh, "HCZT", "locked", say("the batch is closed: results are read-only",
                                                     "批次已关闭：结果只读"))
    if (state or UNCHECKED) in READ_ONLY:
        return Violation(jcbh, "HCZT", "locked", say(
            "the result is {state} and read-only", "该结果为“{state}”，只读", state=state))
    return None
