"""The whole balance of DESIGN.md §4.2–§4.4 from its inputs, as the county table of issue 16
rule 4 (per county, then city and province) with the lists behind every figure: allocations
(occupation → reserve entry → amount), freezes, shortfalls, the 进出平衡 table and its 永农
violations, and 增违挂钩 per county and year."""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property

from . import flows as fl
from . import ledger as lg
from . import regions
from .ledger import LEDGERS, ZERO, Allocation, Entry, Freeze, Illegal, Shortfall, amount
from .verdicts import ILLEGAL

CUTOVER_YEAR = 2024  # DESIGN.md §4.2: from this year agricultural out-flows are occupations
QUOTA_RATE = Decimal(1)  # 增违挂钩: 亩 of plan quota withheld per 亩 of new illegal land
FIGURES = ("KC", "XH", "DJ", "KY", "QK")  # in reserve, consumed, frozen, available, shortfall
COLUMNS = ("JB", "XZQDM", *(f"{f}_{led}" for f in FIGURES for led in LEDGERS), "XBHZ_WG", "PH")
RETURNED, DEDUCTED, PENDING = "退还", "扣减", "待定"  # 增违挂钩 outcome of one case


@dataclass
class Ledgers:
    counties: list[dict]  # COLUMNS; 县 rows, then 市, then 省
    consumption: lg.Balance  # its allocations: occupation → reserve entry → amount
    freezes: list[Freeze]
    shortfalls: list[Shortfall]
    flows: list[dict] = field(default_factory=list)  # flows.table
    flow_violations: list[fl.Flow] = field(default_factory=list)
    quota: list[dict] = field(default_factory=list)  # quota_table

    @property
    def allocations(self) -> list[Allocation]:
        return self.consumption.allocations

    @cached_property
    def reserve_county(self) -> dict[str, str]:
        """Reserve entry XMBH -> its county."""
        return {e.xmbh: county for county, entries in self.consumption.entries.items()
                for e in entries}

    def behind(self, xzqdm: str, column: str, region_table: dict | None = None) -> list:
        """The entries behind one figure of the county table (drill-down): XH_* → allocations,
        DJ_* → freezes, QK_* → shortfalls, XBHZ_WG → the flagged shortfalls, of the county or of
        every county under a city or province."""
        figure, _, ledger = column.partition("_")

        @cache  # once per county, not once per record
        def under(code: str) -> bool:
            return code == xzqdm or any(p == xzqdm for _, p in regions.parents(code, region_table))

        if column == "XBHZ_WG":
            return [s for s in self.shortfalls if s.later_entries and under(s.xzqdm)]
        if figure == "XH":
            county = self.reserve_county
            return [a for a in self.allocations if a.ledger == ledger and under(county[a.reserve])]
        if figure == "DJ":
            return [f for f in self.freezes if f.ledger == ledger and f.reserve and under(f.xzqdm)]
        if figure == "QK":
            return [s for s in self.shortfalls if s.ledger == ledger and under(s.xzqdm)]
        return []


def outcome_for_quota(item: Illegal) -> str:
    """增违挂钩 (§4.4): returned for what was rectified (拆除复耕/复绿 done, 销号), deducted for
    the rest once its 整改 result is final (补办手续, 没收, other measures done), else pending."""
    done = item.state in lg.DONE_STATES
    if done and item.measure in lg.KEEPING:
        return DEDUCTED
    if (done and item.measure in lg.REMOVED) or item.state == lg.CLOSED:
        return RETURNED
    return DEDUCTED if done else PENDING


def quota_table(illegal: list[Illegal], rate: Decimal = QUOTA_RATE) -> list[dict]:
    """Per county and year of the violations: withheld (ZK) from next year's (JHND) 新增建设用地
    计划指标 = rate × 违法面积 of all land; returned (TH), deducted (KJ), still pending (DD)."""
    sums: dict[tuple[str, int], dict] = defaultdict(lambda: {RETURNED: ZERO, DEDUCTED: ZERO,
                                                            PENDING: ZERO})
    for item in illegal:
        if item.verdict == ILLEGAL and item.year is not None:
            sums[(item.xzqdm, item.year)][outcome_for_quota(item)] += item.area
    rows = []
    for (xzqdm, year), parts in sorted(sums.items()):
        th, kj, dd = (amount(parts[k] * rate) for k in (RETURNED, DEDUCTED, PENDING))
        rows.append({"XZQDM": xzqdm, "ND": year, "JHND": year + 1,
                     "WFMJ": amount(sum(parts.values(), ZERO)), "ZK": th + kj + dd,
                     "TH": th, "KJ": kj, "DD": dd})
    return rows


def _county_rows(done: lg.Balance, counties: set[str], shortfalls) -> dict[str, dict]:
    rows = {}
    for c in counties:
        rows[c] = row = {"JB": regions.COUNTY, "XZQDM": c}
        for led in LEDGERS:
            row[f"KC_{led}"], row[f"XH_{led}"], row[f"DJ_{led}"] = done.figures(c, led)
            row[f"QK_{led}"] = ZERO
        row["XBHZ_WG"] = 0
    flagged = set()
    for s in shortfalls:
        rows[s.xzqdm][f"QK_{s.ledger}"] += s.amount
        if s.later_entries:
            flagged.add((s.xzqdm, s.occupation))
    for xzqdm, _ in flagged:
        rows[xzqdm]["XBHZ_WG"] += 1
    return rows


def _finish(row: dict) -> dict:
    for led in LEDGERS:
        row[f"KY_{led}"] = row[f"KC_{led}"] - row[f"XH_{led}"] - row[f"DJ_{led}"]
    row["PH"] = "是" if all(row[f"QK_{led}"] == 0 for led in LEDGERS) else "否"
    return row


def _aggregate(county_rows: list[dict], region_table: dict | None) -> list[dict]:
    totals: dict[tuple[str, str], dict] = {}
    for row in county_rows:
        for level, code in regions.parents(row["XZQDM"], region_table):
            into = totals.setdefault((level, code), {
                "JB": level, "XZQDM": code,
                **{f"{f}_{led}": ZERO for f in FIGURES for led in LEDGERS}, "XBHZ_WG": 0})
            for key in into:
                if key not in ("JB", "XZQDM"):
                    into[key] += row[key]
    order = {regions.CITY: 0, regions.PROVINCE: 1}
    return [_finish(totals[k]) for k in sorted(totals, key=lambda k: (order[k[0]], k[1]))]


def compute(reserve: list[Entry], occupations: list[Entry], illegal: list[Illegal],
            flow_rows: list[fl.Flow] = (), *, cutover: int = CUTOVER_YEAR,
            rate: Decimal = QUOTA_RATE, region_table: dict | None = None) -> Ledgers:
    """The balance: 先补后占 consumption (occupations, flows of the unified years, freezes turned
    into consumption), then the freezes, then the tables. Row order never matters."""
    with _collecting_later():
        return _compute(reserve, occupations, illegal, list(flow_rows), cutover, rate,
                        region_table)


@contextmanager
def _collecting_later():
    """The balance makes hundreds of thousands of small records that all live on: collecting
    young generations meanwhile only walks them again and again (an eighth of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _compute(reserve, occupations, illegal, flow_rows, cutover, rate, region_table) -> Ledgers:
    flow_reserve, flow_occupations = fl.as_entries(flow_rows, cutover)
    reserve = [*reserve, *flow_reserve]
    done = lg.allocate(reserve, [*occupations, *flow_occupations, *lg.conversions(illegal)])
    freezes, frozen_short = lg.freeze(done, illegal)
    shortfalls = done.shortfalls + frozen_short
    counties = ({r.xzqdm for r in reserve} | {o.xzqdm for o in occupations}
                | {o.xzqdm for o in flow_occupations} | {i.xzqdm for i in illegal if i.freezes})
    rows = _county_rows(done, counties, shortfalls)
    county_rows = [_finish(rows[c]) for c in sorted(rows)]
    return Ledgers(county_rows + _aggregate(county_rows, region_table), done,
                   freezes, shortfalls, fl.table(flow_rows, cutover), fl.violations(flow_rows),
                   quota_table(illegal, rate))
