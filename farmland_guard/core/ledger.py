"""耕地占补平衡 (DESIGN.md §4.2): three ledgers — 数量 and 水田 in 亩, 产能 as area × the
capacity coefficient of the quality grade — and 先补后占 by first-in-first-out: occupations in
order of (approval date, XMBH) consume, ledger by ledger, the reserve entries of their county
entered on or before their approval date, in order of (entry date, XMBH). What they cannot
cover is a shortfall, flagged as a 先补后占 violation when later entries still hold some.

Figures are exact decimals to 4 places, so every one can be recomputed by hand."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import profiles
from .errors import FarmlandGuardError
from .language import say

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


@dataclass(frozen=True)
class Shortfall:
    occupation: str
    xzqdm: str
    ledger: str
    amount: Decimal
    later_entries: bool  # 先补后占 violated: entries after the approval still hold some


@dataclass
class Balance:
    allocations: list[Allocation]
    shortfalls: list[Shortfall]
    left: dict[tuple[str, str], Decimal]  # (reserve XMBH, ledger) -> what is left


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
    return Balance(allocations, shortfalls, left)
