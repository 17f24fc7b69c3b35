"""The history of a patch as people read it: each user action on a patch (or one of its parcels)
as one sentence in the user's language — who, when, and what changed, fields by their Chinese
names, areas in 亩, a split as the parcels it made — instead of the rows the store keeps.

"2026-12-03 14:05 张三 判定为 违法（未批先建(未报即用)），违法面积 1.2000 亩"
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any, Iterable

from .language import language, say
from .rectification import NAMES as PROBLEM_NAMES
from .units import format_mu
from .verdicts import AREAS, FIELDS, NAMES, REVIEW_NOTES

# fields of the history beyond the verdict's: the batch, the flag, a problem's and its case's
OTHER_NAMES = {**PROBLEM_NAMES, "PCZT": "批次状态", "BJ": "标记"}
MU_FIELDS = (*AREAS, "PZMJ", "TBMJ_MU")
DETAIL = ("HCHLX", "WFLX")  # said with the verdict, in brackets
ORDER = {field: n for n, field in enumerate(dict.fromkeys((*FIELDS, "PCZT", *REVIEW_NOTES,
                                                          *PROBLEM_NAMES)))}


@dataclass(frozen=True)
class Change:
    """One history row, its values decoded."""

    at: str
    who: str
    action: str
    jcbh: str
    dkbh: str
    field: str
    old: Any
    new: Any
    op: str = ""


def _name(field: str) -> str:
    name = NAMES.get(field) or OTHER_NAMES.get(field)
    if name is None:
        return field
    return name if language() == "zh" else f"{name} ({field})"


def _value(field: str, value) -> str:
    if isinstance(value, (list, tuple)):  # a problem's measures, its patches
        return _list(value) or "—"
    if field in MU_FIELDS and isinstance(value, (int, float)):
        return say("{area} mu", "{area} 亩", area=format_mu(value))
    return str(value)


def _list(items) -> str:
    return ("、" if language() == "zh" else ", ").join(str(i) for i in items)


def _field(change: Change) -> str:
    field, old, new = change.field, change.old, change.new
    if field == "BJ":
        return say("flagged", "加标记") if new else say("flag removed", "取消标记")
    if field == "geometry":
        return say("outline changed", "图形已更新")
    name = _name(field)
    if old is None or old == []:
        return f"{name} {_value(field, new)}"
    if new is None or new == []:
        return say("{name} cleared (was {old})", "清除{name}（原为 {old}）", name=name,
                   old=_value(field, old))
    return f"{name} {_value(field, old)} → {_value(field, new)}"


def _parcels(old, new) -> str:
    if new:
        return say("split into {count} parcels: {ids}", "分割为 {count} 个地块：{ids}",
                   count=len(new), ids=_list(new))
    return say("parcels {ids} merged back into the whole patch", "地块 {ids} 合并回整个图斑",
               ids=_list(old or []))


def _verdict(changes: dict) -> str | None:
    verdict = changes.pop("PDLX", None)
    if verdict is None:
        return None
    if verdict.new is None:
        return say("verdict {kind} cleared", "清除判定 {kind}", kind=verdict.old)
    details = [changes.pop(f).new for f in DETAIL if f in changes and changes[f].new is not None]
    if not details:
        return say("judged {kind}", "判定为 {kind}", kind=verdict.new)
    return say("judged {kind} ({details})", "判定为 {kind}（{details}）", kind=verdict.new,
               details=_list(details))


def _prefix(action: str) -> str:
    return {"batch": say("batch label: ", "批量标注："), "undo": say("undo: ", "撤销："),
            "redo": say("redo: ", "重做："), "import": say("re-import: ", "重新导入："),
            "review": say("review: ", "审核："), "pull": say("from the server: ", "服务器同步："),
            "resolve": say("conflict settled: ", "冲突处理："),
            "resolve_split": say("conflict settled: ", "冲突处理："),
            "xiaohao": say("closed (销号): ", "销号：")}.get(action, "")


def sentence(changes: list[Change]) -> str:
    """One action on one patch or parcel (rows of one operation) as a sentence."""
    first = changes[0]
    by_field = {c.field: c for c in changes}
    parts = []
    if "DKBH" in by_field:
        listed = by_field.pop("DKBH")
        parts.append(_parcels(listed.old, listed.new))
    verdict = _verdict(by_field)
    if verdict is not None:
        parts.append(verdict)
    parts += [_field(c) for c in sorted(by_field.values(), key=lambda c: ORDER.get(c.field, -1))]
    where = say("parcel {dkbh}: ", "地块 {dkbh}：", dkbh=first.dkbh) if first.dkbh else ""
    text = ("，" if language() == "zh" else ", ").join(parts)
    return f"{first.at[:16].replace('T', ' ')} {first.who} {where}{_prefix(first.action)}{text}"


def sentences(changes: Iterable[Change]) -> list[str]:
    """A patch's history (rows in any order, the latest first as the store gives them) as
    sentences, one per action on the patch or a parcel, in the same order."""
    return [sentence(list(group)) for _, group in
            groupby(changes, key=lambda c: (c.op, c.action, c.at, c.dkbh))]
