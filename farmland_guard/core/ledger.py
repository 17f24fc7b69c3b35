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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from . import fifo, profiles
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


class Entry(NamedTuple):
    """A reserve entry (耕地储备库 / 补充耕地项目) or an occupation (建设占用): its id, county,
    date (entry or approval) and its amount on each ledger."""

    xmbh: str
    xzqdm: str
    date: dt.date
    gd: Decimal
    st: Decimal
    cn: Decimal

    def on(self, ledger: str) -> Decimal:
        return getattr(self, ledger.lower())


class Allocation(NamedTuple):
    occupation: str
    reserve: str
    ledger: str
    amount: Decimal


OCCUPATION, FREEZE = "占用", "冻结"  # what a shortfall is short for


class Shortfall(NamedTuple):
    occupation: str  # XMBH of the occupation, or JCBH of the freeze
    xzqdm: str
    ledger: str
    amount: Decimal
    later_entries: bool  # 先补后占 violated: entries after the approval still hold some
    kind: str = OCCUPATION


def _decimal(units: int) -> Decimal:
    return Decimal(int(units)).scaleb(-4)


class _Line:
    """One county's entries in FIFO order, laid end to end per ledger (core.fifo)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.dates = np.array([e.date.toordinal() for e in entries], dtype=np.int64)
        self.sizes = {led: fifo.units(map(attrgetter(led.lower()), entries)) for led in LEDGERS}
        self.ends = {led: np.cumsum(self.sizes[led]) for led in LEDGERS}
        self.used = dict.fromkeys(LEDGERS, 0)  # how far along each line is drawn
        self.consumed = dict.fromkeys(LEDGERS, 0)

    def total(self, ledger: str) -> int:
        ends = self.ends[ledger]
        return int(ends[-1]) if len(ends) else 0

    def draw(self, ledger: str, needs: np.ndarray, until: np.ndarray | None):
        """Draw the needs in order (each reaching the entries dated on or before its ``until``,
        or all): (took, pieces)."""
        ends = self.ends[ledger]
        if until is None:
            caps = np.full(len(needs), self.total(ledger), dtype=np.int64)
        else:
            reach = np.searchsorted(self.dates, until, side="right")
            caps = np.where(reach > 0, ends[np.maximum(reach - 1, 0)] if len(ends) else 0, 0)
        start = self.used[ledger]
        took, self.used[ledger] = fifo.draw(needs, caps, start)
        starts = start + np.cumsum(took) - took
        return took, fifo.pieces(self.sizes[ledger], starts, took)

    def later_holds(self, ledger: str, dates: np.ndarray) -> np.ndarray:
        """Whether an entry dated after each date holds some (still whole: nothing earlier can
        have reached it)."""
        holds = np.concatenate([np.maximum.accumulate((self.sizes[ledger] > 0)[::-1])[::-1],
                                [False]]) if len(self.entries) else np.array([False])
        return holds[np.searchsorted(self.dates, dates, side="right")]

    def left(self, ledger: str) -> np.ndarray:
        sizes = self.sizes[ledger]
        return sizes - np.clip(self.used[ledger] - (self.ends[ledger] - sizes), 0, sizes)


@dataclass(eq=False)
class Balance:
    """What 先补后占 consumption left: the shortfalls, the lines of every county, and the
    allocations — kept as columns (occupation, ledger, entry, amount), made into a list only
    when someone reads it: a province's balance has hundreds of thousands."""

    shortfalls: list[Shortfall]
    lines: dict[str, _Line]  # county -> its entries' lines
    columns: tuple = ()  # (occupation XMBHs, ledger indexes, entry XMBHs, amounts in units)

    @cached_property
    def allocations(self) -> list[Allocation]:
        occupations, ledgers, entries, amounts = self.columns or ([], [], [], [])
        return [Allocation(o, e, LEDGERS[li], _decimal(a))
                for o, li, e, a in zip(occupations, ledgers, entries, amounts)]

    def __eq__(self, other) -> bool:
        return (isinstance(other, Balance) and self.shortfalls == other.shortfalls
                and self.allocations == other.allocations and self.left == other.left)

    @property
    def entries(self) -> dict[str, list[Entry]]:
        """county -> its reserve entries in FIFO order."""
        return {c: line.entries for c, line in self.lines.items()}

    @property
    def left(self) -> dict[tuple[str, str], Decimal]:
        """(reserve XMBH, ledger) -> what is left of it."""
        return {(e.xmbh, led): _decimal(v) for line in self.lines.values() for led in LEDGERS
                for e, v in zip(line.entries, line.left(led).tolist())}

    def figures(self, county: str, ledger: str) -> tuple[Decimal, Decimal, Decimal]:
        """In reserve, consumed and frozen in a county on a ledger."""
        line = self.lines.get(county)
        if line is None:
            return ZERO, ZERO, ZERO
        return (_decimal(line.total(ledger)), _decimal(line.consumed[ledger]),
                _decimal(line.used[ledger] - line.consumed[ledger]))


def _ranked(items, key) -> tuple[list, dict[str, list[int]]]:
    """Items sorted by ``key`` and, per county, the ranks of its items in that order."""
    ordered = sorted(items, key=key)
    by_county: dict[str, list[int]] = defaultdict(list)
    for rank, item in enumerate(ordered):
        by_county[item.xzqdm].append(rank)
    return ordered, by_county


def _in_order(rows: list[tuple]) -> list[tuple]:
    """Rows (rank, ledger index, entry rank, …) in that order."""
    rows.sort(key=lambda r: r[:3])
    return rows


def allocate(reserve: list[Entry], occupations: list[Entry]) -> Balance:
    """先补后占, first in first out, ledger by ledger; the result does not depend on the order
    of the rows given."""
    entries, entry_ranks = _ranked(reserve, attrgetter("date", "xmbh"))
    lines = {c: _Line([entries[i] for i in ranks]) for c, ranks in entry_ranks.items()}
    ordered, occupation_ranks = _ranked(occupations, attrgetter("date", "xmbh"))
    ordinals = np.fromiter(map(dt.date.toordinal, map(attrgetter("date"), ordered)), dtype=np.int64,
                           count=len(ordered))
    parts, short = [], []  # parts: arrays (occupation rank, ledger, entry rank, amount)
    for county, ranks in occupation_ranks.items():
        line = lines.get(county) or _Line([])
        local = np.asarray(entry_ranks.get(county, []), dtype=np.int64)
        ranks_array = np.asarray(ranks, dtype=np.int64)
        dates = ordinals[ranks_array]
        for li, led in enumerate(LEDGERS):
            needs = fifo.units(map(attrgetter(led.lower()), (ordered[i] for i in ranks)))
            took, (which, entry, amount) = line.draw(led, needs, dates)
            line.consumed[led] = line.used[led]
            parts.append((ranks_array[which], np.full(len(which), li), local[entry], amount))
            missing = needs - took
            gaps = np.nonzero(missing > 0)[0]
            later = line.later_holds(led, dates[gaps]).tolist()
            short += [(ranks[i], li, 0, int(missing[i]), flag)
                      for i, flag in zip(gaps.tolist(), later)]
    shortfalls = [Shortfall(ordered[o].xmbh, ordered[o].xzqdm, LEDGERS[li], _decimal(a), flag)
                  for o, li, _, a, flag in _in_order(short)]
    if not parts:
        return Balance(shortfalls, lines)
    occupation, ledger, entry, amount = (np.concatenate(c) for c in zip(*parts))
    order = np.lexsort((entry, ledger, occupation))  # by occupation, then ledger, then entry
    xmbh = np.array([o.xmbh for o in ordered], dtype=object)
    reserve_xmbh = np.array([e.xmbh for e in entries], dtype=object)
    return Balance(shortfalls, lines, (xmbh[occupation[order]].tolist(), ledger[order].tolist(),
                                       reserve_xmbh[entry[order]].tolist(),
                                       amount[order].tolist()))


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


class Freeze(NamedTuple):
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
    entries in FIFO order (any date: a freeze is not an approval); ``done`` is drawn on."""
    ordered, ranks_of = _ranked((i for i in illegal if i.freezes), attrgetter("jcbh"))
    rows, short = [], []
    for county, ranks in ranks_of.items():
        frozen = [i for i in ranks if ordered[i].outcome == FROZEN]
        line = done.lines.setdefault(county, _Line([]))
        for li, led in enumerate(LEDGERS):
            rows += [(i, li, -1, ordered[i].on(led), None, ordered[i].outcome) for i in ranks
                     if ordered[i].outcome != FROZEN and ordered[i].on(led) > 0]
            needs = fifo.units(ordered[i].on(led) for i in frozen)
            took, (which, entry, amount) = line.draw(led, needs, None)
            rows += [(frozen[w], li, e, _decimal(a), line.entries[e].xmbh, FROZEN)
                     for w, e, a in zip(which.tolist(), entry.tolist(), amount.tolist())]
            missing = needs - took
            short += [(frozen[i], li, 0, _decimal(missing[i]))
                      for i in np.nonzero(missing > 0)[0].tolist()]
    freezes = [Freeze(ordered[i].jcbh, ordered[i].xzqdm, LEDGERS[li], reserve, amount, state)
               for i, li, _, amount, reserve, state in _in_order(rows)]
    shortfalls = [Shortfall(ordered[i].jcbh, ordered[i].xzqdm, LEDGERS[li], amount, False, FREEZE)
                  for i, li, _, amount in _in_order(short)]
    return freezes, shortfalls
