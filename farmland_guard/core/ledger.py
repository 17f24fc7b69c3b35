"""耕地占补平衡 and 两平衡一冻结 (DESIGN.md §4.2, §4.4): three ledgers — 数量 and 水田 in 亩, 产能
as area × the capacity coefficient of the quality grade.

- 先补后占 by first-in-first-out: occupations in order of (approval date, XMBH) consume, ledger by
  ledger, the reserve entries of their county entered on or before their approval date, in
  order of (entry date, XMBH). What they cannot cover is a shortfall, flagged as a 先补后占
  violation when later entries still hold some.
- Freezes: after consumption, each illegal occupation of 耕地 for construction, in order of JCBH,
  freezes its three amounts from what is left of its county's entries (same order); what cannot
  be frozen is a shortfall. 拆除复耕 done or 已销号 releases it; 补办手续 or 没收 done turns it into
  an occupation on the date it was done (so it consumes, 先补后占 and all).

Figures are exact decimals to 4 places, so every one can be recomputed by hand."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import profiles
from .errors import FarmlandGuardError
from .language import say
from .verdicts import ILLEGAL

LEDGERS = ("GD", "ST", "CN")  # 数量 (耕地 亩), 水田 (亩), 产能 (亩 × coefficient)
PLACES = Decimal("0.0001")
ZERO = Decimal(0)


class LedgerError(FarmlandGuardError, ValueError):
    code = "ledger"


def amount(value) -> Decimal:
    """A figure as the ledgers keep it: a decimal to 4 places (亩)."""
    return Decimal(str(value or 0)).quantize(PLACES, ROUND_HALF_UP)


def capacity(area, grade, coefficients: dict[str, float] | None = None) -> Decimal:
    """产能 of ``area`` 亩 of quality ``grade``: area × the grade's coefficient."""
    table = coefficients if coefficients is not None else profiles.grade_coefficients()
    key = str(grade).strip() if grade not in (None, "") else ""
    if key.endswith(".0"):
        key = key[:-2]
    if key not in table:
        raise LedgerError(say("quality grade {grade} is not in the coefficient table ({known})",
                              "质量等别 {grade} 不在系数表中（{known}）", grade=grade,
                              known=", ".join(sorted(table, key=lambda g: (len(g), g)))),
                          "grade", grade=grade)
    return amount(amount(area) * Decimal(str(table[key])))


@dataclass(frozen=True)
class Entry:
    """A reserve entry (耕地储备库 / 补充耕地项目) or an occupation (建设占用): its id, county,
    date (entry or approval) and its amount on each ledger."""

    xmbh: str
    xzqdm: str
    date: dt.date
    gd: Decimal
    st: Decimal
    cn: Decimal

    def on(self, ledger: str) -> Decimal:
        return {"GD": self.gd, "ST": self.st, "CN": self.cn}[ledger]


@dataclass(frozen=True)
class Allocation:
    occupation: str
    reserve: str
    ledger: str
    amount: Decimal


OCCUPATION, FREEZE = "占用", "冻结"  # what a shortfall is short for


@dataclass(frozen=True)
class Shortfall:
    occupation: str  # XMBH of the occupation, or JCBH of the freeze
    xzqdm: str
    ledger: str
    amount: Decimal
    later_entries: bool  # 先补后占 violated: entries after the approval still hold some
    kind: str = OCCUPATION


@dataclass
class Balance:
    allocations: list[Allocation]
    shortfalls: list[Shortfall]
    left: dict[tuple[str, str], Decimal]  # (reserve XMBH, ledger) -> what is left
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # county -> in FIFO order


def allocate(reserve: list[Entry], occupations: list[Entry]) -> Balance:
    """先补后占, first in first out, ledger by ledger; the result does not depend on the order
    of the rows given."""
    left = {(r.xmbh, ledger): r.on(ledger) for r in reserve for ledger in LEDGERS}
    by_county: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(reserve, key=lambda r: (r.date, r.xmbh)):
        by_county[entry.xzqdm].append(entry)
    allocations, shortfalls = [], []
    for occupation in sorted(occupations, key=lambda o: (o.date, o.xmbh)):
        entries = by_county.get(occupation.xzqdm, [])
        for ledger in LEDGERS:
            need = occupation.on(ledger)
            for entry in entries:
                if need <= 0 or entry.date > occupation.date:
                    break
                take = min(need, left[(entry.xmbh, ledger)])
                if take > 0:
                    left[(entry.xmbh, ledger)] -= take
                    need -= take
                    allocations.append(Allocation(occupation.xmbh, entry.xmbh, ledger, take))
            if need > 0:
                later = any(e.date > occupation.date and left[(e.xmbh, ledger)] > 0
                            for e in entries)
                shortfalls.append(Shortfall(occupation.xmbh, occupation.xzqdm, ledger, need,
                                            later))
    return Balance(allocations, shortfalls, left, dict(by_county))


# 整改 (DESIGN.md §4.4): a completed measure or 销号 decides what becomes of a freeze.
DONE_STATES = ("已整改", "已销号")
CLOSED = "已销号"
RESTORING = ("拆除复耕",)  # gives the 耕地 back: the freeze is released
REMOVED = (*RESTORING, "拆除复绿")  # the building is gone: 增违挂钩 returns the quota
KEEPING = ("补办手续", "没收")  # the 耕地 stays lost: the freeze becomes consumption
FROZEN, RELEASED, CONSUMED = "冻结", "释放", "转为消耗"


def rectification(measure, state) -> tuple[str | None, str | None]:
    """(整改措施, 整改状态) as read from a row. Older ledgers write the completed measure into
    ZGZT (拆除复耕, 补办手续, 没收…): such a value is that measure, completed."""
    from . import codelists

    measure = str(measure).strip() if measure not in (None, "") else None
    state = str(state).strip() if state not in (None, "") else None
    if state in codelists.zgcs():
        return state, DONE_STATES[0]
    return measure, state


@dataclass(frozen=True)
class Illegal:
    """A judged patch (or parcel) as the ledgers and the ratio read it. ``gd``/``st``/``cn``:
    违法耕地 on the profile's basis, its 水田, its 产能; ``area``: 违法面积 of all land (增违挂钩);
    ``gross``: 违法耕地 gross of 田坎, shown beside; ``farmland``: the patch's 耕地 for a computed
    ratio denominator; ``construction``: occupation for construction (not 破坏, which does not
    freeze); ``done``: when the 整改 measure was completed."""

    jcbh: str
    xzqdm: str
    year: int | None
    gd: Decimal
    st: Decimal = ZERO
    cn: Decimal = ZERO
    area: Decimal = ZERO
    gross: Decimal | None = None
    farmland: Decimal | None = None
    construction: bool = True
    measure: str | None = None
    state: str | None = None
    done: dt.date | None = None
    counts: bool = True  # SFNRWFJS 是
    exempt: bool = False  # SFZDGC 是 (国家/省重点工程)
    verdict: str = ILLEGAL  # 合法 rows only feed a computed ratio denominator

    def on(self, ledger: str) -> Decimal:
        return {"GD": self.gd, "ST": self.st, "CN": self.cn}[ledger]

    @property
    def outcome(self) -> str:
        """冻结, 释放 or 转为消耗, from the measure and the state."""
        done = self.state in DONE_STATES
        if done and self.measure in KEEPING:
            return CONSUMED
        if (done and self.measure in RESTORING) or self.state == CLOSED:
            return RELEASED
        return FROZEN

    @property
    def freezes(self) -> bool:
        """Only 违法 occupying 耕地 for construction freezes (DESIGN.md §4.4)."""
        return self.verdict == ILLEGAL and self.construction and self.gd > 0


@dataclass(frozen=True)
class Freeze:
    """One line of the freeze list: ``reserve`` is the entry the amount is frozen in (None for a
    released freeze, a converted one — its consumption is in the allocations — or the part
    that could not be frozen)."""

    jcbh: str
    xzqdm: str
    ledger: str
    reserve: str | None
    amount: Decimal
    state: str


def conversions(illegal: list[Illegal]) -> list[Entry]:
    """The freezes turned into consumption (补办手续, 没收 done), as occupations on that date."""
    out = []
    for item in illegal:
        if item.freezes and item.outcome == CONSUMED:
            if item.done is None:
                raise LedgerError(say("{jcbh}: {measure} is done but has no date; the freeze "
                                      "becomes consumption on that date",
                                      "{jcbh}：{measure}已完成但没有日期，冻结应在该日转为消耗",
                                      jcbh=item.jcbh, measure=item.measure), "date",
                                  jcbh=item.jcbh)
            out.append(Entry(item.jcbh, item.xzqdm, item.done, item.gd, item.st, item.cn))
    return out


def freeze(done: Balance, illegal: list[Illegal]) -> tuple[list[Freeze], list[Shortfall]]:
    """After consumption, the freezes in order of JCBH, each from what is left of its county's
    entries in FIFO order (any date: a freeze is not an approval); ``done.left`` is updated."""
    freezes, shortfalls = [], []
    for item in sorted((i for i in illegal if i.freezes), key=lambda i: i.jcbh):
        outcome = item.outcome
        for ledger in LEDGERS:
            need = item.on(ledger)
            if outcome != FROZEN:
                if need > 0:
                    freezes.append(Freeze(item.jcbh, item.xzqdm, ledger, None, need, outcome))
                continue
            for entry in done.entries.get(item.xzqdm, []):
                if need <= 0:
                    break
                take = min(need, done.left[(entry.xmbh, ledger)])
                if take > 0:
                    done.left[(entry.xmbh, ledger)] -= take
                    need -= take
                    freezes.append(Freeze(item.jcbh, item.xzqdm, ledger, entry.xmbh, take, FROZEN))
            if need > 0:
                shortfalls.append(Shortfall(item.jcbh, item.xzqdm, ledger, need, False, FREEZE))
    return freezes, shortfalls
