"""Cases (案件) of a problem: 立案, 挂牌督办, 约谈, 移送, 结案 — fields of the problem's record with
their own history, the rules they keep and the state the queue filters on."""

from __future__ import annotations

from . import codelists, dates
from .language import say
from .rectification import NAMES, Violation

FIELDS = ("LABH", "LARQ", "GPJB", "GPQX", "YTRQ", "YTR", "YSRQ", "YSDW", "JARQ")
DATES = ("LARQ", "GPQX", "YTRQ", "YSRQ", "JARQ")
# A field that means nothing without its companion: 立案号 and 立案日期 go together, 约谈 and
# 移送 name their date and whom, a 督办 deadline its level.
PAIRS = (("LABH", "LARQ"), ("LARQ", "LABH"), ("YTRQ", "YTR"), ("YTR", "YTRQ"),
         ("YSRQ", "YSDW"), ("YSDW", "YSRQ"), ("GPQX", "GPJB"))
# The case states, in the order a case goes through them.
NONE, OPENED, SUPERVISED, TRANSFERRED, CLOSED = "未立案", "已立案", "挂牌督办", "已移送", "已结案"
STATES = (NONE, OPENED, SUPERVISED, TRANSFERRED, CLOSED)


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


def validate(record: dict) -> list[Violation]:
    """Every rule the case fields of problem ``record`` break (empty when they may be saved)."""
    wtbh = record.get("WTBH") or ""
    found: list[Violation] = []

    def bad(field: str, rule: str, message) -> None:
        found.append(Violation(wtbh, field, rule, message))

    days = {}
    for field in DATES:
        try:
            days[field] = dates.parse(record.get(field))
        except (TypeError, ValueError):
            bad(field, "date", say("'{value}' is not a date (YYYY-MM-DD)",
                                   "“{value}”不是日期（年-月-日）", value=record.get(field)))
            days[field] = None
    level = record.get("GPJB")
    if not _blank(level) and level not in codelists.gpjb():
        bad("GPJB", "codelist", say("'{value}' is not one of {allowed}", "“{value}”不在 {allowed} 之中",
                                    value=level, allowed="、".join(codelists.gpjb())))
    for field, companion in PAIRS:
        if not _blank(record.get(field)) and _blank(record.get(companion)):
            bad(companion, "case_pair", say("{field} is given: it needs {companion} too",
                                            "已填写{field}，须同时填写{companion}",
                                            field=NAMES[field], companion=NAMES[companion]))
    if not _blank(record.get("JARQ")) and _blank(record.get("LARQ")):
        bad("LARQ", "closed_without_case", say("a case closed (结案) must have been opened (立案)",
                                               "结案须先立案（填写立案日期）"))
    opened = days["LARQ"]
    if opened and days["JARQ"] and days["JARQ"] < opened:
        bad("JARQ", "closed_before_opened", say(
            "closed on {date}, before the case was opened ({opened})",
            "结案日期 {date} 早于立案日期 {opened}",
            date=days["JARQ"].isoformat(), opened=opened.isoformat()))
    if opened and days["GPQX"] and days["GPQX"] < opened:
        bad("GPQX", "deadline_before_opened", say(
            "the supervision deadline {date} is before the case was opened ({opened})",
            "督办期限 {date} 早于立案日期 {opened}",
            date=days["GPQX"].isoformat(), opened=opened.isoformat()))
    return found


def case_state(problem: dict) -> str:
    """未立案 / 已立案 / 挂牌督办 / 已移送 / 已结案: how far the problem's case has gone (the
    furthest step given wins: a closed case is 已结案 whatever else it had)."""
    if not _blank(problem.get("JARQ")):
        return CLOSED
    if not _blank(problem.get("YSRQ")) or not _blank(problem.get("YSDW")):
        return TRANSFERRED
    if not _blank(problem.get("GPJB")):
        return SUPERVISED
    if not _blank(problem.get("LARQ")) or not _blank(problem.get("LABH")):
        return OPENED
    return NONE
