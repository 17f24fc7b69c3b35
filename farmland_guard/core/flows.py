"""耕地进出平衡 (DESIGN.md §4.3): per county and year, what flows back into 耕地 from other
agricultural land must be at least what flows out, on area, 水田 and 产能; no 永久基本农田 may flow
out at all. From the profile's cut-over year (default 2024) every conversion of 耕地 counts in
占补平衡 instead (§4.2): that year's out-flows become occupations and its in-flows reserve
entries there, dated the last day of the year, so nothing is counted twice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .ledger import LEDGERS, ZERO, Entry

OUT, IN = "流出", "流入"
SEPARATE, UNIFIED = "进出平衡", "占补平衡"  # the regime a year is computed under


@dataclass(frozen=True)
class Flow:
    key: str  # row id, e.g. the file's row number: names the flow in every list
    xzqdm: str
    year: int
    direction: str  # 流出 / 流入
    from_class: str  # YDLBM
    to_class: str  # XDLBM
    gd: Decimal
    st: Decimal
    cn: Decimal
    farmland: bool  # SFJBNT: from 永久基本农田

    def on(self, ledger: str) -> Decimal:
        return {"GD": self.gd, "ST": self.st, "CN": self.cn}[ledger]


def regime(year: int, cutover: int) -> str:
    return UNIFIED if year >= cutover else SEPARATE


def as_entries(flows: list[Flow], cutover: int) -> tuple[list[Entry], list[Entry]]:
    """(reserve entries, occupations) of the years under 占补平衡."""
    reserve, occupations = [], []
    for f in flows:
        if f.year >= cutover:
            entry = Entry(f.key, f.xzqdm, dt.date(f.year, 12, 31), f.gd, f.st, f.cn)
            (occupations if f.direction == OUT else reserve).append(entry)
    return reserve, occupations


def table(flows: list[Flow], cutover: int) -> list[dict]:
    """One row per county and year: 流出 (OUT_*), 流入 (IN_*), balanced (PH: 是/否; empty under
    占补平衡, where the ledgers judge it), the regime (ZD) and the 永农 out-flows (JBNT_WG)."""
    sums: dict[tuple[str, int], dict] = defaultdict(
        lambda: {**{f"{d}_{led}": ZERO for d in ("OUT", "IN") for led in LEDGERS}, "JBNT_WG": 0})
    for f in flows:
        row = sums[(f.xzqdm, f.year)]
        side = "OUT" if f.direction == OUT else "IN"
        for led in LEDGERS:
            row[f"{side}_{led}"] += f.on(led)
        row["JBNT_WG"] += int(f.direction == OUT and f.farmland)
    rows = []
    for (xzqdm, year), row in sorted(sums.items()):
        kind = regime(year, cutover)
        balanced = all(row[f"IN_{led}"] >= row[f"OUT_{led}"] for led in LEDGERS)
        rows.append({"XZQDM": xzqdm, "ND": year, "ZD": kind, **row,
                     "PH": ("是" if balanced else "否") if kind == SEPARATE else None})
    return rows


def violations(flows: list[Flow]) -> list[Flow]:
    """Every out-flow from 永久基本农田, whatever the regime."""
    return sorted((f for f in flows if f.direction == OUT and f.farmland),
                  key=lambda f: (f.xzqdm, f.year, f.key))

