"""违法占用耕地比例 (DESIGN.md §4.1, §6.3) per county and year, then per city and province:
WFGDMJ = Σ 违法耕地 (on the profile's basis) of the results that count (SFNRWFJS 是) and are not
exempt (SFZDGC 是, 重点工程); BL = WFGDMJ ÷ XZJSZYGDMJ, compared on exact decimals; YJ 正常 /
预警 / 问责; YT (约谈) by the profile's rule or a manual flag. A zero or missing denominator is
reported, never divided by.

The denominator comes from a table where it names the county and year, else it is computed as
卫片执法 statistics do: the 耕地 of every patch of that county and year judged 合法, or 违法 as
construction. FMLY says which."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import profiles, regions
from .ledger import ZERO, Illegal, amount
from .verdicts import ILLEGAL, LEGAL

NORMAL, WARNING, ACCOUNTABLE, NO_DENOMINATOR = "正常", "预警", "问责", "无分母"
FROM_TABLE, COMPUTED, SUMMED, MISSING = "表", "计算", "汇总", "缺"
YES, NO = "是", "否"
COLUMNS = ("JB", "XZQDM", "ND", "WFGDMJ", "WFGDMJ_MZ", "XZJSZYGDMJ", "FMLY", "BL", "YJ", "YT",
           "YTLY")
BL_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Rules:
    warning: Decimal = Decimal("0.10")
    accountable: Decimal = Decimal("0.15")
    interview: str = "area_and_ratio"  # or "ratio": over the 问责 line alone (Guangxi)
    interview_area: Decimal = Decimal(100)  # 亩

    @classmethod
    def of(cls, profile_id: str | None = None) -> Rules:
        data = profiles.ratio_rules(profile_id)
        return cls(Decimal(str(data.get("warning", "0.10"))),
                   Decimal(str(data.get("accountable", "0.15"))),
                   data.get("interview", "area_and_ratio"),
                   Decimal(str(data.get("interview_area_mu", 100))))

    def level(self, ratio: Decimal | None) -> str:
        if ratio is None:
            return NO_DENOMINATOR
        return ACCOUNTABLE if ratio >= self.accountable else WARNING if ratio >= self.warning \
            else NORMAL

    def interviewed(self, area: Decimal, ratio: Decimal | None) -> bool:
        """约谈 by rule: more than 15 % (and, nationally, more than 100 亩)."""
        if ratio is None or ratio <= self.accountable:
            return False
        return self.interview == "ratio" or area > self.interview_area


def counted(item: Illegal) -> bool:
    return item.verdict == ILLEGAL and item.counts and not item.exempt


def computed_denominators(items: list[Illegal]) -> dict[tuple[str, int], Decimal]:
    """耕地 of the patches judged 合法, or 违法 as construction, per county and year."""
    sums: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for item in items:
        if item.year is not None and (item.verdict == LEGAL
                                      or (item.verdict == ILLEGAL and item.construction)):
            sums[(item.xzqdm, item.year)] += item.farmland if item.farmland is not None else item.gd
    return dict(sums)


def _row(level: str, xzqdm: str, year: int, net: Decimal, gross: Decimal | None,
         denominator: Decimal | None, source: str, rules: Rules, manual: str | None) -> dict:
    ratio = None if not denominator else net / denominator  # exact: compared before rounding
    by_rule = rules.interviewed(net, ratio)
    return {"JB": level, "XZQDM": xzqdm, "ND": year, "WFGDMJ": amount(net),
            "WFGDMJ_MZ": amount(gross) if gross is not None else None,
            "XZJSZYGDMJ": amount(denominator) if denominator is not None else None,
            "FMLY": source, "BL": None if ratio is None else ratio.quantize(BL_PLACES),
            "YJ": rules.level(ratio), "YT": YES if by_rule or manual else NO,
            "YTLY": "; ".join(filter(None, ["规则" if by_rule else None, manual]))}


def table(items: list[Illegal], denominators: dict[tuple[str, int], Decimal] | None = None, *,
          rules: Rules | None = None, region_table: dict | None = None,
          manual: dict[tuple[str, int], str] | None = None) -> list[dict]:
    """The ratio table: 县 rows, then 市 and 省 (sums of their counties' figures)."""
    rules = rules or Rules()
    given = denominators or {}
    computed = computed_denominators(items)
    manual = manual or {}
    net: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    gross: dict[tuple[str, int], Decimal | None] = {}  # None once a row has no gross figure
    keys = {k for k in given} | {(i.xzqdm, i.year) for i in items if i.year is not None}
    for item in items:
        if item.year is not None and counted(item):
            key = (item.xzqdm, item.year)
            net[key] += item.gd
            g = gross.get(key, ZERO)
            gross[key] = None if g is None or item.gross is None else g + item.gross
    rows, parents = [], defaultdict(lambda: [ZERO, ZERO, ZERO, False])
    for key in sorted(keys):
        xzqdm, year = key
        if key in given:
            denominator, source = given[key], FROM_TABLE
        elif key in computed:
            denominator, source = computed[key], COMPUTED
        else:
            denominator, source = None, MISSING
        row_gross = gross.get(key, ZERO)
        rows.append(_row(regions.COUNTY, xzqdm, year, net.get(key, ZERO), row_gross, denominator,
                         source, rules, manual.get(key)))
        for level, code in regions.parents(xzqdm, region_table):
            total = parents[(level, code, year)]
            total[0] += net.get(key, ZERO)
            total[1] = None if total[1] is None or row_gross is None else total[1] + row_gross
            total[2] += denominator or ZERO
            total[3] |= denominator is not None
    order = {regions.CITY: 0, regions.PROVINCE: 1}
    for level, code, year in sorted(parents, key=lambda k: (order[k[0]], k[1], k[2])):
        n, g, d, known = parents[(level, code, year)]
        rows.append(_row(level, code, year, n, g, d if known else None,
                         SUMMED if known else MISSING, rules, manual.get((code, year))))
    return rows
