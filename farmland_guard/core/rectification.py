"""The rectification ledger (整改台账): the rules of a problem (问题) record, code by code.

A problem is a 违法 patch or parcel after its verdict, or a finding that is no satellite patch
(a 巡察, a 督察's 三书一函, a 信访 complaint…). Its record holds the fields of the work store's
``problems`` layer (schema 6). The same rules run on every change the store makes; a bad value
gets a ``Violation`` naming the problem (WTBH), the field and the rule, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from . import codelists, dates, verdicts
from .errors import FarmlandGuardError
from .language import render, say

# 整改状态, from the code lists: 未整改 → 整改中 → 已整改 → 已销号
NOT_STARTED, IN_PROGRESS, RECTIFIED, CLOSED = list(codelists.zgzt())
FINISHED = (RECTIFIED, CLOSED)  # not overdue whatever the deadline
SATELLITE = next(iter(codelists.wtly()))  # 卫片执法: problems derived from 违法 verdicts
YES, NO = verdicts.YES, verdicts.NO  # 复核结果: 是 (整改到位) / 否
CLOSING = ("XHRQ", "XHR", "XHYY")  # 销号 date, by whom, why
DATES = ("ZGQX", "PDRQ", "XHRQ", "FCRQ")
FIELDS = ("WTBH", "LY", "WTMS", "GLTB", "XZQDM", "XZDM", "XZMC", "ZGCS", "ZGQX", "ZRDW", "ZRR",
          "ZGZT", "PDRQ", *CLOSING, "FCRQ", "FCJG")
NAMES = {"WTBH": "问题编号", "LY": "问题来源", "WTMS": "问题描述", "GLTB": "关联图斑",
         "XZQDM": "行政区代码", "XZDM": "乡镇代码", "XZMC": "乡镇名称", "ZGCS": "整改措施",
         "ZGQX": "整改期限", "ZRDW": "责任单位", "ZRR": "责任人", "ZGZT": "整改状态",
         "PDRQ": "判定日期", "XHRQ": "销号日期", "XHR": "销号人", "XHYY": "销号理由",
         "FCRQ": "复核影像日期", "FCJG": "复核结果", "evidence": "整改佐证",
         "LABH": "立案号", "LARQ": "立案日期", "GPJB": "挂牌督办级别", "GPQX": "督办期限",
         "YTRQ": "约谈日期", "YTR": "约谈对象", "YSRQ": "移送日期", "YSDW": "移送单位",
         "JARQ": "结案日期"}


@dataclass(frozen=True)
class Violation:
    wtbh: str
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return self.message_in()

    def message_in(self, locale=None) -> str:
        """The problem, the field and what is wrong, in ``locale`` (default: the one in force)."""
        return render(say("problem {wtbh}, {field}: {message}", "问题 {wtbh}，{field}：{message}",
                          wtbh=self.wtbh or "-",
                          field=f"{NAMES.get(self.field, self.field)} {self.field}",
                          message=self.message), locale)


class RectificationError(FarmlandGuardError, ValueError):
    """A problem (or its case) breaks a rule; nothing was written."""

    code = "rectification"

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        first = violations[0] if violations else None
        super().__init__("\n".join(str(v) for v in violations), first.rule if first else None,
                         wtbh=first.wtbh if first else None, field=first.field if first else None)

    def message(self, locale=None) -> str:
        return "\n".join(v.message_in(locale) for v in self.violations)


def measures(value) -> list[str]:
    """整改措施 as a list, whether given as a list, JSON text, one measure or nothing."""
    if value in (None, ""):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [str(v) for v in json.loads(text)]
        except ValueError:
            pass
    return [text]


def _date(wtbh, record, field, found) -> dt.date | None:
    try:
        return dates.parse(record.get(field))
    except (TypeError, ValueError):
        found.append(Violation(wtbh, field, "date", say(
            "'{value}' is not a date (YYYY-MM-DD)", "“{value}”不是日期（年-月-日）",
            value=record.get(field))))
        return None


def validate(record: dict, old: dict | None = None, evidence: int = 0) -> list[Violation]:
    """Every rule the problem ``record`` breaks (empty when it may be saved). ``old``: the record
    before the change (None for a new problem), for the state's move and the 销号; ``evidence``:
    how many attachments show the rectification done (the caller counts them)."""
    wtbh = record.get("WTBH") or ""
    found: list[Violation] = []

    def bad(field: str, rule: str, message) -> None:
        found.append(Violation(wtbh, field, rule, message))

    if not wtbh:
        bad("WTBH", "required", say("a problem needs its number", "问题须有编号"))
    source = record.get("LY")
    if source not in codelists.wtly():
        bad("LY", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                  value=source or "", allowed="、".join(codelists.wtly())))
    try:
        listed = measures(record.get("ZGCS"))
    except (TypeError, ValueError):
        listed = [record.get("ZGCS")]
    unknown = [m for m in listed if m not in codelists.zgcs()]
    if unknown:
        bad("ZGCS", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value="、".join(map(str, unknown)),
                                    allowed="、".join(codelists.zgcs())))
    state = record.get("ZGZT") or None
    if state is not None and state not in codelists.zgzt():
        bad("ZGZT", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value=state, allowed="、".join(codelists.zgzt())))
    elif old is not None:
        move = verdicts.check_rectification_move(wtbh, old.get("ZGZT") or None, state)
        if move is not None:
            bad("ZGZT", move.rule, move.message)
    days = {field: _date(wtbh, record, field, found) for field in DATES}
    if days["ZGQX"] and days["PDRQ"] and days["ZGQX"] < days["PDRQ"]:
        bad("ZGQX", "deadline_before_verdict", say(
            "the deadline {deadline} is before the verdict (finding) date {verdict}",
            "整改期限 {deadline} 早于判定（发现）日期 {verdict}",
            deadline=days["ZGQX"].isoformat(), verdict=days["PDRQ"].isoformat()))
    closing = state == CLOSED and (old is None or old.get("ZGZT") != CLOSED)
    if closing:
        missing = [f for f in CLOSING if record.get(f) in (None, "")]
        for field in missing:
            bad(field, "close_required", say(
                "closing (销号) needs its {name}", "销号须填写{name}", name=NAMES[field]))
        if evidence < 1:
            bad("evidence", "close_evidence", say(
                "closing (销号) needs at least one attachment showing the rectification done",
                "销号须至少有一份整改佐证材料（照片或文件）"))
    if days["XHRQ"] and days["PDRQ"] and days["XHRQ"] < days["PDRQ"]:
        bad("XHRQ", "closed_before_verdict", say(
            "closed on {closed}, before the verdict (finding) date {verdict}",
            "销号日期 {closed} 早于判定（发现）日期 {verdict}",
            closed=days["XHRQ"].isoformat(), verdict=days["PDRQ"].isoformat()))
    result = record.get("FCJG")
    if result not in (None, "", YES, NO):
        bad("FCJG", "codelist", say("must be 是 or 否", "只能是“是”或“否”"))
    if result not in (None, "") and days["FCRQ"] is None and not any(
            v.field == "FCRQ" for v in found):
        bad("FCRQ", "required", say("a re-check needs the date of the image it was made on",
                                    "复核须填写所用影像的日期"))
    return found


def check(record: dict, old: dict | None = None, evidence: int = 0) -> None:
    """Raise ``RectificationError`` when ``record`` breaks a rule."""
    found = validate(record, old, evidence)
    if found:
        raise RectificationError(found)


def overdue(problem: dict, today: dt.date | str | None = None) -> bool:
    """Whether the deadline (ZGQX) has passed and the problem is neither 已整改 nor 已销号. A
    deadline that is no date makes nothing overdue (the form refuses it)."""
    if problem.get("ZGZT") in FINISHED:
        return False
    deadline = dates.parse_or_none(problem.get("ZGQX"))
    day = dates.parse_or_none(today) if today is not None else dt.date.today()
    return deadline is not None and day is not None and deadline < day
