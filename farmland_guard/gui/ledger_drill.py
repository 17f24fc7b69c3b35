"""Drill-down: the entries behind one figure of the 台账 dock's tables, and how a list of them
is shown (columns and rows keyed as ``ledger_model`` names them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core import balance, ratio, regions
from ..core.flows import IN, OUT, Flow
from ..core.ledger import FREEZE, ZERO, Allocation, Freeze, Illegal, Shortfall
from ..core.verdicts import ILLEGAL, LEGAL

COLUMNS = {
    Allocation: ("occupation", "reserve", "ledger", "amount"),
    Freeze: ("jcbh", "xzqdm", "ledger", "reserve", "amount", "state"),
    Shortfall: ("occupation", "xzqdm", "ledger", "amount", "kind", "later_entries"),
    Illegal: ("jcbh", "xzqdm", "year", "gd", "gross", "st", "cn", "area", "measure", "state",
              "outcome"),
    Flow: ("key", "xzqdm", "year", "direction", "from_class", "to_class", "gd", "st", "cn",
           "farmland"),
}
QUOTA_OUTCOMES = {"TH": balance.RETURNED, "KJ": balance.DEDUCTED, "DD": balance.PENDING}


@dataclass(frozen=True)
class ReserveLine:
    """A reserve entry on one ledger: what it held, what was consumed and frozen, what is left."""

    xmbh: str
    xzqdm: str
    date: object
    ledger: str
    amount: object
    consumed: object
    frozen: object
    left: object


COLUMNS[ReserveLine] = ("xmbh", "xzqdm", "date", "ledger", "amount", "consumed", "frozen", "left")


def under(code: str, region: str) -> bool:
    """Whether county ``code`` is ``region`` or lies in it (city, province)."""
    return code == region or any(p == region for _, p in regions.parents(code))


def reserve_lines(result, region: str, ledger: str) -> list[ReserveLine]:
    taken = defaultdict(lambda: ZERO)
    for a in result.ledgers.allocations:
        if a.ledger == ledger:
            taken[("XH", a.reserve)] += a.amount
    for f in result.ledgers.freezes:
        if f.reserve and f.ledger == ledger:
            taken[("DJ", f.reserve)] += f.amount
    lines = []
    for e in sorted(result.reserve, key=lambda e: (e.date, e.xmbh)):
        if under(e.xzqdm, region):
            xh, dj = taken[("XH", e.xmbh)], taken[("DJ", e.xmbh)]
            lines.append(ReserveLine(e.xmbh, e.xzqdm, e.date, ledger, e.on(ledger), xh, dj,
                                     e.on(ledger) - xh - dj))
    return lines


def behind(result, table: str, row: dict, code: str) -> list:
    """The records behind the figure in column ``code`` of ``row`` of dock table ``table``;
    empty when the figure has nothing behind it (a code, a level)."""
    region, year = row.get("XZQDM"), row.get("ND")
    figure, _, ledger = code.partition("_")
    if table == "counties":
        if figure in ("KC", "KY"):
            return reserve_lines(result, region, ledger)
        if figure in ("XH", "DJ", "QK") or code == "XBHZ_WG":
            return result.ledgers.behind(region, code)
        if code == "PH":
            return [s for s in result.ledgers.shortfalls if under(s.xzqdm, region)]
    elif table == "quota" and code in ("WFMJ", "ZK", *QUOTA_OUTCOMES):
        return [i for i in result.illegal
                if i.verdict == ILLEGAL and i.xzqdm == region and i.year == year
                and (code not in QUOTA_OUTCOMES
                     or balance.outcome_for_quota(i) == QUOTA_OUTCOMES[code])]
    elif table == "flows":
        if figure in ("OUT", "IN"):
            direction = OUT if figure == "OUT" else IN
            return [f for f in result.flows
                    if f.xzqdm == region and f.year == year and f.direction == direction]
        if code == "JBNT_WG":
            return [f for f in result.ledgers.flow_violations
                    if f.xzqdm == region and f.year == year]
    elif table == "ratio":
        mine = [i for i in result.illegal if i.year == year and under(i.xzqdm, region)]
        if code in ("WFGDMJ", "WFGDMJ_MZ"):
            return [i for i in mine if ratio.counted(i)]
        if code == "XZJSZYGDMJ" and row.get("FMLY") in (ratio.COMPUTED, ratio.SUMMED):
            return [i for i in mine if i.verdict == LEGAL
                    or (i.verdict == ILLEGAL and i.construction)]
    return []


def listing(items: list) -> tuple[tuple[str, ...], list[dict]]:
    """(columns, rows) of a drill-down list."""
    if not items:
        return (), []
    columns = COLUMNS[type(items[0])]
    return columns, [{c: getattr(item, c) for c in columns} for item in items]


def patch_of(item) -> str | None:
    """The JCBH a listed record stands for, when it is a patch's."""
    if isinstance(item, (Freeze, Illegal)):
        return item.jcbh
    if isinstance(item, Shortfall) and item.kind == FREEZE:
        return item.occupation
    return None
