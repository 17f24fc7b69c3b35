"""Verdicts on patches: the rules of DESIGN.md §3.4 and the workflow of §3.2, code by code.

The same rules run on every save, every batch label, every import and on the server. A bad
value gets a ``Violation`` naming the patch, the field and the rule; nothing is half-saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codelists, dates, profiles
from .errors import FarmlandGuardError
from .language import render, say

AREA_TOLERANCE_MU = 0.01
LEGAL, ILLEGAL, OTHER = "合法", "违法", "其他"
REVIEW = "需人工核查"  # a suggestion only: no verdict a machine may suggest, a person looks
UNCHECKED = codelists.roles()["unchecked"]
DESK_DONE = codelists.roles()["desk_done"]  # a verdict made at the desk
RETURNED_STATES = tuple(codelists.roles()["returned"])  # the province's first
RETURNED = RETURNED_STATES[0]
READ_ONLY = frozenset(codelists.roles()["read_only"])  # reported or approved: read-only
MIRRORED = ("PDLX", "HCHLX", "WFLX", "HCZT")  # kept on the patches and parcels layers too
YES, NO = "是", "否"
AREAS = ("WFMJ", "WFGDMJ", "WFSTMJ", "WFJBNTMJ")  # 亩
EVIDENCE = ("PZWH", "PZJG", "PZRQ", "PZMJ", "YXQZ")  # 批准文号, 机关, 日期, 面积 (亩), 有效期至
TEMPORARY = "临时用地批复"  # the evidence kind that needs its expiry (YXQZ), void once expired
FACILITY = "设施农用地备案"  # the evidence kind that covers agricultural facilities only
DEFAULT_APPROVAL = "农转用批文"  # the kind of an approval that says none
RECTIFICATION = ("ZGCS", "ZGZT")  # 整改措施, 整改状态: after the verdict, even when locked
ILLEGAL_ONLY = ("WFLX", *AREAS, "SFNRWFJS", "SFZDGC", *RECTIFICATION)
FIELDS = ("PDLX", "HCHLX", "WFLX", *EVIDENCE, *AREAS, "SFNRWFJS", "SFZDGC", "NYSM", "WYSM", "BJ",
          "BJYY", "HCZT", *RECTIFICATION)
NAMES = {"PDLX": "判定类型", "HCHLX": "核查后类型", "WFLX": "违法类型", "PZWH": "批准文号",
         "PZJG": "批准机关", "PZRQ": "批准日期", "PZMJ": "批准面积", "YXQZ": "有效期至",
         "WFMJ": "违法面积", "WFGDMJ": "违法耕地", "WFSTMJ": "违法水田", "WFJBNTMJ": "违法永农",
         "SFNRWFJS": "是否纳入违法计算", "SFZDGC": "是否重点工程", "HCZT": "核查状态",
         "ZGCS": "整改措施", "ZGZT": "整改状态", "TBMJ_MU": "图斑面积", "JCBH": "监测编号",
         "DKBH": "地块编号", "HSX": "后时相", "NYSM": "内业说明", "WYSM": "外业说明",
         "BJ": "标记", "BJYY": "标记原因", "SJYSYJ": "预审意见", "SHR": "审核人"}
REVIEW_NOTES = ("SJYSYJ", "SHR")  # the reviewer's last comment and name, kept with the result
APPROVE, RETURN = "approve", "return"  # a reviewer's decisions (OpKind.REVIEW's data)


@dataclass(frozen=True)
class Violation:
    jcbh: str
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return self.message_in()

    def message_in(self, locale=None) -> str:
        """The patch, the field and what is wrong, in ``locale`` (default: the one in force)."""
        return render(say("patch {jcbh}, {field}: {message}", "图斑 {jcbh}，{field}：{message}",
                          jcbh=self.jcbh, field=f"{NAMES.get(self.field, self.field)} {self.field}",
                          message=self.message), locale)


class VerdictError(FarmlandGuardError, ValueError):
    """A verdict (or a split or merge under the verdicts' rules) breaks a rule; nothing was
    written."""

    code = "verdict"

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        first = violations[0] if violations else None
        super().__init__("\n".join(str(v) for v in violations), first.rule if first else None,
                         jcbh=first.jcbh if first else None, field=first.field if first else None)

    def message(self, locale=None) -> str:
        return "\n".join(v.message_in(locale) for v in self.violations)


def _number(value):
    if value in (None, ""):
        return 0.0
    return float(value)


def validate(jcbh: str, verdict: dict, patch_area_mu: float | None,
             hsx=None) -> list[Violation]:
    """Every rule the verdict breaks (empty when it may be saved); ``hsx``: the patch's
    after-image date, which an approval must not postdate."""
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
        for field in ("PZWH", "PZJG", "PZRQ", "PZMJ") + (("YXQZ",) if sub == TEMPORARY else ()):
            if verdict.get(field) in (None, ""):
                bad(field, "required", say("a legal verdict needs its {name}",
                                           "判定为合法须填写{name}", name=NAMES[field]))
        _check_dates(verdict, hsx, bad)
    elif kind == OTHER:
        if sub not in codelists.hchlx(OTHER):
            bad("HCHLX", "required", say("an 'other' verdict needs its sub-type",
                                         "判定为其他须选择核查后类型"))
    elif kind == ILLEGAL:
        if verdict.get("WFLX") not in codelists.wflx():
            bad("WFLX", "required", say("an illegal verdict needs its kind of violation",
                                        "判定为违法须选择违法类型"))
        if verdict.get("SFNRWFJS") in (None, ""):
            bad("SFNRWFJS", "required", say("an illegal verdict says whether it counts toward "
                                            "the illegal-occupation ratio",
                                            "判定为违法须填写是否纳入违法计算"))
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
    if kind == ILLEGAL and areas["WFMJ"] <= 0 and not any(v.field == "WFMJ" for v in found):
        bad("WFMJ", "required", say("an illegal verdict needs an illegal area above 0",
                                    "判定为违法须填写大于 0 的违法面积"))
    if kind == LEGAL and areas["PZMJ"] <= 0 and verdict.get("PZMJ") not in (None, "") \
            and not any(v.field == "PZMJ" for v in found):
        bad("PZMJ", "required", say("the approved area must be above 0", "批准面积须大于 0"))
    present = [f for f in ILLEGAL_ONLY if verdict.get(f) not in (None, "", 0, 0.0)]
    if kind != ILLEGAL and present:
        bad(present[0], "consistency", say(
            "only an illegal verdict has illegal areas, a kind of violation or a rectification",
            "只有判定为违法才有违法面积、违法类型和整改"))
    limit = None if patch_area_mu is None else patch_area_mu + AREA_TOLERANCE_MU
    # 三调-era 永农 layers hold non-耕地 too: 违法永农 is bounded by 违法面积, not by 违法耕地.
    for small, large, bound in (("WFMJ", "TBMJ_MU", limit),
                                ("WFGDMJ", "WFMJ", areas["WFMJ"] + AREA_TOLERANCE_MU),
                                ("WFSTMJ", "WFGDMJ", areas["WFGDMJ"] + AREA_TOLERANCE_MU),
                                ("WFJBNTMJ", "WFMJ", areas["WFMJ"] + AREA_TOLERANCE_MU)):
        if bound is not None and areas[small] > bound:
            bad(small, "area", say("{small} {value:.4f} mu exceeds {large} ({bound:.4f} mu with "
                                   "the 0.01 mu tolerance)",
                                   "{small} {value:.4f} 亩超过{large}（含 0.01 亩容差为 "
                                   "{bound:.4f} 亩）", small=NAMES[small], value=areas[small],
                                   large=NAMES[large], bound=bound))
    for field in ("SFNRWFJS", "SFZDGC"):
        if verdict.get(field) not in (None, "", YES, NO):
            bad(field, "codelist", say("must be 是 or 否", "只能是“是”或“否”"))
    if verdict.get("ZGCS") not in (None, "") and verdict["ZGCS"] not in codelists.zgcs():
        bad("ZGCS", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value=verdict["ZGCS"], allowed="、".join(codelists.zgcs())))
    if verdict.get("ZGZT") not in (None, "") and verdict["ZGZT"] not in codelists.zgzt():
        bad("ZGZT", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value=verdict["ZGZT"], allowed="、".join(codelists.zgzt())))
    return found


def _check_dates(verdict: dict, hsx, bad) -> None:
    """批准日期 and 有效期至 are dates; an approval after the after-image is 未批先建 (regularised
    later), an expired 临时用地 covers nothing."""
    days = {}
    for field in ("PZRQ", "YXQZ"):
        try:
            days[field] = dates.parse(verdict.get(field))
        except (TypeError, ValueError):
            bad(field, "date", say("'{value}' is not a date (YYYY-MM-DD)",
                                   "“{value}”不是日期（年-月-日）", value=verdict.get(field)))
            days[field] = None
    after = dates.parse_or_none(hsx, month_end=True)
    if after is None:
        return
    if days["PZRQ"] is not None and days["PZRQ"] > after:
        bad("PZRQ", "approved_after_image", say(
            "approved on {date}, after the after-image ({hsx}): built before approval "
            "(未批先建, regularised later) is illegal, with 补办手续 as its rectification",
            "批准日期 {date} 晚于后时相 {hsx}：属未批先建（事后补办），应判定违法，整改措施为补办手续",
            date=days["PZRQ"].isoformat(), hsx=hsx))
    if verdict.get("HCHLX") == TEMPORARY and days["YXQZ"] is not None and days["YXQZ"] < after:
        bad("YXQZ", "expired", say(
            "the temporary use expired on {date}, before the after-image ({hsx}): it covers "
            "nothing", "临时用地已于 {date} 到期，早于后时相 {hsx}，不能作为合法依据",
            date=days["YXQZ"].isoformat(), hsx=hsx))


def warnings(jcbh: str, verdict: dict, patch_area_mu: float | None) -> list[Violation]:
    """What a person should look at again but may save: an approved area below the patch's
    (批少占多)."""
    if verdict.get("PDLX") != LEGAL or patch_area_mu is None:
        return []
    try:
        approved = _number(verdict.get("PZMJ"))
    except (TypeError, ValueError):
        return []
    if 0 < approved < patch_area_mu - AREA_TOLERANCE_MU:
        return [Violation(jcbh, "PZMJ", "approved_less", say(
            "the approval covers {approved:.4f} mu of a {area:.4f} mu patch: more used than "
            "approved (批少占多)?", "批准面积 {approved:.4f} 亩小于图斑面积 {area:.4f} 亩：是否批少占多？",
            approved=approved, area=patch_area_mu))]
    return []


def merge(old: dict, changes: dict) -> dict:
    """The verdict after ``changes``: a new 判定类型 drops what only the old one had
    (illegal areas, kind and rectification, approval evidence, a sub-type of another verdict).
    A new 违法 counts toward the ratio (``SFNRWFJS`` 是) unless said otherwise."""
    new = {**old, **changes}
    if new.get("PDLX") == ILLEGAL and new.get("SFNRWFJS") in (None, ""):
        new["SFNRWFJS"] = YES  # counts toward the ratio unless said otherwise
    if changes.get("PDLX", old.get("PDLX")) == old.get("PDLX"):
        return new
    kind = new.get("PDLX")
    dropped = set()
    if kind != ILLEGAL:
        dropped |= set(ILLEGAL_ONLY)
    if kind != LEGAL:
        dropped |= set(EVIDENCE)
    if new.get("HCHLX") not in codelists.hchlx(kind):
        dropped.add("HCHLX")
    return {k: v for k, v in new.items() if k not in dropped - set(changes)}


def check_move(jcbh: str, old: str | None, new: str | None,
               city_level: bool = False) -> Violation | None:
    """Whether the workflow allows going from state ``old`` to ``new``."""
    old, new = old or UNCHECKED, new or old or UNCHECKED
    if old == new:
        return None
    allowed = codelists.workflow(city_level).get(old, [])
    if new not in allowed:
        return Violation(jcbh, "HCZT", "workflow", say(
            "cannot go from {old} to {new} (allowed: {allowed})",
            "不能从“{old}”改为“{new}”（允许：{allowed}）", old=old, new=new,
            allowed="、".join(allowed) or "-"))
    return None


def combined_state(states) -> str:
    """The workflow state of a patch split into parcels, from theirs: returned when one is,
    otherwise the least advanced (the patch is as far along as its slowest parcel)."""
    order = list(codelists.workflow(city_level=True))
    states = [s or UNCHECKED for s in states]
    for returned in RETURNED_STATES:
        if returned in states:
            return returned
    return min(states, key=lambda s: order.index(s) if s in order else 0, default=UNCHECKED)


def review_targets(state: str | None, city_level: bool = False) -> dict[str, str]:
    """The state each review decision leads to from ``state`` — {APPROVE: …, RETURN: …} — or
    {} when the result is not waiting for a review (the server and the plugin both ask here)."""
    if state not in READ_ONLY:
        return {}
    moves = codelists.workflow(city_level).get(state, [])
    back = [m for m in moves if m in RETURNED_STATES]
    ahead = [m for m in moves if m not in RETURNED_STATES]
    return {APPROVE: ahead[0], RETURN: back[0]} if back and ahead else {}


def reviewed_states() -> frozenset[str]:
    """The states a review decision leads to (with or without the city level): a result
    pulled in one of them was last changed by its reviewer."""
    return frozenset(target for city_level in (False, True)
                     for state in codelists.workflow(city_level)
                     for target in review_targets(state, city_level).values())


def check_review(jcbh: str, state: str | None, decision: str | None, comment: str | None,
                 city_level: bool = False) -> Violation | None:
    """Whether a reviewer may make ``decision`` on a result in ``state``: approve or return,
    from a state under review, a return with a comment saying what to fix."""
    if decision not in (APPROVE, RETURN):
        return Violation(jcbh, "decision", "codelist", say(
            "a decision is approve or return", "审核结论须为 approve（通过）或 return（退回）"))
    if not review_targets(state, city_level):
        return Violation(jcbh, "HCZT", "workflow", say(
            "the result is {state}: there is nothing to review", "该结果为“{state}”，无需审核",
            state=state or UNCHECKED))
    if decision == RETURN and not (comment or "").strip():
        return Violation(jcbh, "SJYSYJ", "required", say(
            "a return needs a comment saying what to fix", "退回须填写预审意见，说明需修改之处"))
    return None


def check_rectification_move(jcbh: str, old: str | None, new: str | None) -> Violation | None:
    """Whether the 整改状态 may go from ``old`` to ``new`` (未整改 → 整改中 → 已整改 → 已销号)."""
    if new in (None, "") or old == new:
        return None
    moves = codelists.zgzt()
    first = next(iter(moves))
    allowed = moves.get(old, []) if old else [first, *moves[first]]
    if new not in allowed:
        return Violation(jcbh, "ZGZT", "workflow", say(
            "cannot go from {old} to {new} (allowed: {allowed})",
            "不能从“{old}”改为“{new}”（允许：{allowed}）", old=old or "-", new=new,
            allowed="、".join(allowed) or "-"))
    return None


def check_editable(jcbh: str, state: str | None, batch_closed: bool = False,
                   changed=()) -> Violation | None:
    """A reported or approved result, or one of a closed batch, is read-only on the desktop —
    its verdict and areas, not its rectification (``changed``: the fields a save changes)."""
    if changed and set(changed) <= set(RECTIFICATION):
        return None
    if batch_closed:
        return Violation(jcbh, "HCZT", "locked", say("the batch is closed: results are read-only",
                                                     "批次已关闭：结果只读"))
    if (state or UNCHECKED) in READ_ONLY:
        return Violation(jcbh, "HCZT", "locked", say(
            "the result is {state} and read-only", "该结果为“{state}”，只读", state=state))
    return None


# The precheck figures the pre-fill reads, as the store keeps them for a patch or parcel.
PREFILL_FIGURES = ("TBMJ_MU", "PWMJ", "GDMJ", "GDJMJ", "STMJ", "STJMJ", "JBNTMJ", "WFGMJ",
                   "WFGJMJ", "WPSTMJ", "WPSTJMJ", "WPJBNTMJ", "TSSJ")


def suggested_areas(figures: dict, net: bool | None = None) -> dict:
    """The illegal areas a 违法 verdict starts from (亩): what the approvals leave of the patch,
    of its 耕地, 水田 and 永农 when the precheck ran with approvals; all of each when it ran
    without; the patch area alone when it has not run. ``net``: 耕地 and 水田 net of 田坎
    (default: the national profile's basis), gross where the coefficient was blank."""
    if net is None:
        net = profiles.net_cultivated()
    area = figures.get("TBMJ_MU") or 0.0
    if not figures.get("TSSJ"):
        return {"WFMJ": area}
    approved = figures.get("PWMJ")
    left = approved is not None  # the approvals were given: take what they leave

    def pick(gross: str, net_name: str) -> float:
        value = figures.get(net_name) if net else None
        return float(value if value is not None else figures.get(gross) or 0.0)

    return {
        "WFMJ": max(area - (approved or 0.0), 0.0),
        "WFGDMJ": pick("WFGMJ", "WFGJMJ") if left else pick("GDMJ", "GDJMJ"),
        "WFSTMJ": pick("WPSTMJ", "WPSTJMJ") if left else pick("STMJ", "STJMJ"),
        "WFJBNTMJ": float((figures.get("WPJBNTMJ") if left else figures.get("JBNTMJ")) or 0.0),
    }
