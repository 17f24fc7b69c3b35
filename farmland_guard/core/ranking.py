"""红黑榜 (DESIGN.md §4.5, issue 17): towns — or 田长 of a level — ranked for a period on four
figures, with the figures behind every rank.

Per unit (the value of the key field: XZDM for towns, or a 田长 field such as XZTZ), over its
patches whose HSX falls in the period (start and end included) and its problems whose PDRQ does:
- ``illegal``: new illegal 耕地, Σ WFGDMJ (亩) of its patches judged 违法 — less is better;
- ``verification``: patches with a verdict ÷ its patches — higher is better (none without
  patches);
- ``rectification``: 整改完成率 of its problems (core.completion: 已销号 ÷ all) — higher is
  better (none without problems);
- ``early``: its 违法 patches a 巡田 report saw before the satellite (SFXY 是) ÷ its 违法
  patches — higher is better (none without a 违法 patch).

Each figure becomes a score from 0 to 100, min–max across the units that have it:
100 × (v − min) ÷ (max − min), inverted for illegal 耕地 (100 × (max − v) ÷ (max − min)); when
every unit has the same value, each scores 100. The total is the weighted mean of the scores,
Σ wᵢ sᵢ ÷ Σ wᵢ, weights from the profile's ``[ranking]``; a missing figure (``missing =
"reweight"``, the national rule) leaves its weight out of both sums, so the unit is judged on
the figures it has; with ``missing = "zero"`` it scores 0 and its weight stays. A unit with no
patch in the period still has its illegal 耕地 (0, the best) — a quiet town ranks high.

Everything is computed exactly (fractions of whole counts and decimal 亩) and rounded only for
display (scores to 2 places, rates to 6, half up). Ranks run 1..n with no shared rank: equal
totals are ordered by the profile's ``tie`` rule (nationally less new illegal 耕地, then the
higher 整改完成率, then the unit code), the unit code always last. The red list (红榜) is the
first ``red_size`` units, the black list (黑榜) the last ``black_size`` of those not on the red
list, so with few units the red list is filled first and no unit is on both."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from . import completion, profiles
from .errors import FarmlandGuardError
from .language import say

ILLEGAL, VERIFICATION, RECTIFICATION, EARLY = "illegal", "verification", "rectification", \
    "early"
FIGURES = (ILLEGAL, VERIFICATION, RECTIFICATION, EARLY)
UNIT_CODE = "unit"
TIE_KEYS = (*FIGURES, UNIT_CODE)
REWEIGHT, ZERO_SCORE = "reweight", "zero"
RED, BLACK = "红榜", "黑榜"
TOWN = "XZDM"
UNIT_KEYS = {"XZDM": "乡镇", "SJTZ": "市级田长", "XJTZ": "县级田长", "XZTZ": "乡级田长",
             "CJTZ": "村级田长", "WGY": "网格员"}
FIGURE_NAMES = {ILLEGAL: "新增违法耕地", VERIFICATION: "核查率", RECTIFICATION: "整改完成率",
                EARLY: "提前上报率"}
SCORE_COLUMNS = {ILLEGAL: "DF_WF", VERIFICATION: "DF_HS", RECTIFICATION: "DF_ZG",
                 EARLY: "DF_ZB"}
SCORE_PLACES, RATE_PLACES, MU_PLACES = Decimal("0.01"), Decimal("0.000001"), Decimal("0.0001")
HUNDRED = Fraction(100)


class RankingError(FarmlandGuardError, ValueError):
    code = "ranking"


@dataclass(frozen=True)
class Rules:
    weights: dict = field(default_factory=lambda: {ILLEGAL: Fraction(2, 5),
                                                   VERIFICATION: Fraction(1, 5),
                                                   RECTIFICATION: Fraction(3, 10),
                                                   EARLY: Fraction(1, 10)})
    red_size: int = 3
    black_size: int = 3
    tie: tuple = (ILLEGAL, RECTIFICATION, UNIT_CODE)
    missing: str = REWEIGHT

    @classmethod
    def of(cls, profile_id: str | None = None) -> Rules:
        data = profiles.ranking_rules(profile_id)
        where = profile_id or profiles.DEFAULT

        def bad(key, value):
            return RankingError(say("profile {profile}: [ranking] {key} = {value} is not valid",
                                    "配置 {profile}：[ranking] {key} = {value} 无效",
                                    profile=where, key=key, value=value), "ranking_rules",
                                profile=where, key=key)

        weights = {}
        for name, value in (data.get("weights") or {}).items():
            try:
                weight = Fraction(str(value))
            except (ValueError, ZeroDivisionError):
                raise bad(f"weights.{name}", value) from None
            if name not in FIGURES or weight < 0:
                raise bad(f"weights.{name}", value)
            weights[name] = weight
        if weights and not sum(weights.values()):
            raise bad("weights", data.get("weights"))
        sizes = {}
        for key in ("red_size", "black_size"):
            value = data.get(key, 3)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise bad(key, value)
            sizes[key] = value
        tie = tuple(data.get("tie", cls.tie))
        if any(t not in TIE_KEYS for t in tie):
            raise bad("tie", list(tie))
        missing = data.get("missing", REWEIGHT)
        if missing not in (REWEIGHT, ZERO_SCORE):
            raise bad("missing", missing)
        return cls(weights or cls().weights, sizes["red_size"], sizes["black_size"], tie, missing)


@dataclass(frozen=True)
class Patch:
    """A patch as the ranking reads it: its unit (the key field's value, blank when it has
    none), HSX, whether it has a verdict (a split patch: every parcel judged), whether it is
    违法 (any of its results), its new illegal 耕地 (Σ WFGDMJ of its 违法 results, 亩), and
    whether a 巡田 report linked to it came before the satellite (SFXY 是)."""
    jcbh: str
    unit: str
    hsx: dt.date | None
    judged: bool = False
    illegal: bool = False
    farmland: Decimal = Decimal(0)
    early: bool = False
    name: str = ""  # the unit's name as the patch gives it (its town's XZMC)


@dataclass
class Unit:
    """The figures of one unit, with the JCBH and WTBH behind them."""
    code: str
    name: str = ""
    patches: list = field(default_factory=list)  # JCBH in the period
    judged: list = field(default_factory=list)
    illegal: list = field(default_factory=list)
    early: list = field(default_factory=list)  # 违法 patches reported early
    farmland: Decimal = Decimal(0)
    problems: list = field(default_factory=list)  # problem rows found in the period

    def figure(self, name: str):
        """The exact value of a figure, None where the unit has none."""
        if name == ILLEGAL:
            return Fraction(self.farmland)
        if name == VERIFICATION:
            return Fraction(len(self.judged), len(self.patches)) if self.patches else None
        if name == RECTIFICATION:
            return completion.of(self.problems).rate
        return Fraction(len(self.early), len(self.illegal)) if self.illegal else None


def in_period(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _date(value) -> dt.date | None:
    from . import dates

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dates.parse_or_none(value)


def problem_unit(problem: dict, key: str, units_of: dict[str, str]) -> str:
    """A problem's unit: its own value of the key field (a problem row carries XZDM), else the
    unit of the first patch it concerns (GLTB, in order) that has one; blank otherwise."""
    import json

    own = completion.text(problem.get(key))
    if own:
        return own
    related = problem.get("GLTB")
    if isinstance(related, str):
        try:
            related = json.loads(related) if related.strip() else []
        except ValueError:
            related = [related]
    for jcbh in related or ():
        if units_of.get(str(jcbh)):
            return units_of[str(jcbh)]
    return ""


def gather(patches, problems, start: dt.date, end: dt.date, key: str = TOWN,
           units=()) -> tuple[dict[str, Unit], dict]:
    """The units' figures for the period, and what was left out: ``unassigned`` (JCBH in the
    period without a unit, WTBH likewise), ``undated`` (JCBH without HSX, WTBH without PDRQ).
    ``units``: codes (or (code, name)) to rank even with nothing in the period."""
    if start > end:
        raise RankingError(say("the period starts {start}, after its end {end}",
                               "统计期起始日 {start} 晚于截止日 {end}", start=start, end=end),
                           "period", start=str(start), end=str(end))
    found: dict[str, Unit] = {}
    left = {"unassigned": [], "undated": [], "unassigned_problems": [], "undated_problems": []}
    for unit in units:
        code, name = (unit, "") if isinstance(unit, str) else unit
        if code:
            found.setdefault(code, Unit(code, name or ""))
    units_of = {}
    for patch in patches:
        units_of[patch.jcbh] = patch.unit
        if patch.hsx is None:
            left["undated"].append(patch.jcbh)
            continue
        if not in_period(patch.hsx, start, end):
            continue
        if not patch.unit:
            left["unassigned"].append(patch.jcbh)
            continue
        unit = found.setdefault(patch.unit, Unit(patch.unit, patch.name))
        unit.name = unit.name or patch.name
        unit.patches.append(patch.jcbh)
        if patch.judged:
            unit.judged.append(patch.jcbh)
        if patch.illegal:
            unit.illegal.append(patch.jcbh)
            unit.farmland += patch.farmland
            if patch.early:
                unit.early.append(patch.jcbh)
    for problem in problems:
        wtbh = completion.text(problem.get("WTBH"))
        day = _date(problem.get("PDRQ"))
        if day is None:
            left["undated_problems"].append(wtbh)
            continue
        if not in_period(day, start, end):
            continue
        code = problem_unit(problem, key, units_of)
        if not code:
            left["unassigned_problems"].append(wtbh)
            continue
        unit = found.setdefault(code, Unit(code))
        if key == TOWN:
            unit.name = unit.name or completion.text(problem.get("XZMC"))
        unit.problems.append(problem)
    return found, left


def scores(values: dict[str, Fraction | None], lower_is_better: bool = False) -> dict:
    """Min–max scores 0–100 of the units that have a value (None stays None)."""
    known = [v for v in values.values() if v is not None]
    if not known:
        return dict.fromkeys(values)
    lo, hi = min(known), max(known)
    out = {}
    for code, value in values.items():
        if value is None:
            out[code] = None
        elif hi == lo:
            out[code] = HUNDRED
        else:
            out[code] = HUNDRED * ((hi - value) if lower_is_better else (value - lo)) / (hi - lo)
    return out


def total(figure_scores: dict[str, Fraction | None], rules: Rules) -> Fraction:
    """The weighted mean of a unit's scores (a missing one by the rule ``missing``)."""
    top = weight = Fraction(0)
    for name in FIGURES:
        w = rules.weights.get(name, Fraction(0))
        s = figure_scores[name]
        if s is None and rules.missing == REWEIGHT:
            continue
        top += w * (s or 0)
        weight += w
    return top / weight if weight else Fraction(0)


def _order(unit: Unit, value_of: dict, score: Fraction, rules: Rules) -> tuple:
    parts: list = [-score]
    for name in (*rules.tie, UNIT_CODE):  # the code last always: no two units ever tie
        if name == UNIT_CODE:
            parts.append(unit.code)
        elif name == ILLEGAL:
            parts.append(value_of[ILLEGAL])
        else:
            value = value_of[name]
            parts.append((value is None, -(value or 0)))  # higher first, none last
    return tuple(parts)


def _shown(value: Fraction | None, places: Decimal) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places,
                                                                            ROUND_HALF_UP)


TIE_WORDS = {ILLEGAL: "新增违法耕地少者在前", VERIFICATION: "核查率高者在前",
             RECTIFICATION: "整改完成率高者在前", EARLY: "提前上报率高者在前",
             UNIT_CODE: "单位代码小者在前"}


def rank(units: dict[str, Unit], rules: Rules | None = None) -> list[dict]:
    """The ranked rows, best first: PM (rank), BD (红榜 / 黑榜 / blank), DW, DWMC, ZF (total),
    each figure with its score (XZWFGDMJ, DF_WF; TBS, YPDS, HSL, DF_HS; WTS, XHS, ZGWCL,
    ZGWCLBFB, DF_ZG; WFTBS, ZBS, ZBL, DF_ZB), the JCBH and WTBH behind them (TB, YPDTB, WFTB,
    ZBTB, WTBH, XHWTBH) and BZ (why a figure is missing, how a tie was broken). ZF_EXACT keeps
    the exact total."""
    rules = rules or Rules()
    values = {name: {code: u.figure(name) for code, u in units.items()} for name in FIGURES}
    scored = {name: scores(values[name], lower_is_better=name == ILLEGAL) for name in FIGURES}
    totals = {code: total({n: scored[n][code] for n in FIGURES}, rules) for code in units}
    order = sorted(units, key=lambda c: _order(units[c], {n: values[n][c] for n in FIGURES},
                                               totals[c], rules))
    n = len(order)
    red = set(order[:min(rules.red_size, n)])
    black = set(order[n - min(rules.black_size, n - len(red)):]) if n > len(red) else set()
    same = defaultdict(list)
    for code in order:
        same[totals[code]].append(code)
    ties = rules.tie if UNIT_CODE in rules.tie else (*rules.tie, UNIT_CODE)
    tie_rule = "，".join(TIE_WORDS[t] for t in ties)
    rows = []
    for position, code in enumerate(order, 1):
        unit = units[code]
        figure = completion.of(unit.problems)
        notes = []
        if not unit.patches:
            notes.append("期内无图斑，核查率不计分")
        if not unit.problems:
            notes.append("期内无问题，整改完成率不计分")
        if not unit.illegal:
            notes.append("期内无违法图斑，提前上报率不计分")
        if len(same[totals[code]]) > 1:
            others = [c for c in same[totals[code]] if c != code]
            notes.append(f"与{'、'.join(others)}总分相同，按规则排序：{tie_rule}")
        rows.append({
            "PM": position, "BD": RED if code in red else BLACK if code in black else "",
            "DW": code, "DWMC": unit.name, "ZF": _shown(totals[code], SCORE_PLACES),
            "ZF_EXACT": totals[code],
            "XZWFGDMJ": unit.farmland.quantize(MU_PLACES, ROUND_HALF_UP),
            "TBS": len(unit.patches), "YPDS": len(unit.judged),
            "HSL": _shown(values[VERIFICATION][code], RATE_PLACES),
            "WTS": figure.total, "XHS": figure.done, "ZGWCL": _shown(figure.rate, RATE_PLACES),
            "ZGWCLBFB": figure.percent,
            "WFTBS": len(unit.illegal), "ZBS": len(unit.early),
            "ZBL": _shown(values[EARLY][code], RATE_PLACES),
            **{SCORE_COLUMNS[name]: _shown(scored[name][code], SCORE_PLACES) for name in FIGURES},
            "TB": sorted(unit.patches), "YPDTB": sorted(unit.judged),
            "WFTB": sorted(unit.illegal), "ZBTB": sorted(unit.early),
            "WTBH": list(figure.problems), "XHWTBH": list(figure.closed),
            "BZ": "；".join(notes)})
    return rows


def ranking(patches, problems, start: dt.date, end: dt.date, key: str = TOWN,
            rules: Rules | None = None, units=()) -> tuple[list[dict], dict]:
    """The 红黑榜 of a period: the ranked rows (see ``rank``) and what was left out (see
    ``gather``)."""
    found, left = gather(patches, problems, start, end, key, units)
    return rank(found, rules), left


# --- the table and workbook ---------------------------------------------------------------------

LISTED = ("WFTB", "ZBTB", "WTBH", "XHWTBH")  # the lists behind the figures, written as text


def columns():
    from .workbook import INTEGER, MU, RATIO, SCORE, TEXT, Column

    return [Column("PM", "排名", INTEGER), Column("BD", "榜单"), Column("DW", "单位"),
            Column("DWMC", "单位名称"), Column("ZF", "总分", SCORE),
            Column("XZWFGDMJ", "新增违法耕地（亩）", MU), Column("DF_WF", "违法耕地得分", SCORE),
            Column("TBS", "图斑数", INTEGER), Column("YPDS", "已判定数", INTEGER),
            Column("HSL", "核查率", RATIO), Column("DF_HS", "核查率得分", SCORE),
            Column("WTS", "问题数", INTEGER), Column("XHS", "销号数", INTEGER),
            Column("ZGWCL", "整改完成率", RATIO), Column("ZGWCLBFB", "整改完成率（%）", INTEGER),
            Column("DF_ZG", "整改完成率得分", SCORE),
            Column("WFTBS", "违法图斑数", INTEGER), Column("ZBS", "提前上报数", INTEGER),
            Column("ZBL", "提前上报率", RATIO), Column("DF_ZB", "提前上报得分", SCORE),
            Column("WFTB", "违法图斑", TEXT), Column("ZBTB", "提前上报图斑", TEXT),
            Column("WTBH", "问题编号", TEXT), Column("XHWTBH", "已销号问题", TEXT),
            Column("BZ", "备注", TEXT)]


def flat(row: dict) -> dict:
    """A ranked row as a table holds it: the lists joined by commas."""
    return {**row, **{name: ",".join(row[name]) for name in LISTED}}


LEFT_REASONS = {"unassigned": "图斑无所属单位", "undated": "图斑无后时相（HSX）",
                "unassigned_problems": "问题无所属单位", "undated_problems": "问题无判定日期（PDRQ）"}


def left_rows(left: dict) -> list[dict]:
    return [{"BH": code, "YY": LEFT_REASONS[reason]}
            for reason in LEFT_REASONS for code in left.get(reason, ())]


def sheets(rows: list[dict], left: dict, rules: Rules, start: dt.date, end: dt.date,
           key: str = TOWN) -> list:
    """The workbook: the ranked table, what was left out, and the rules it was ranked by."""
    from .workbook import Column, Sheet

    ties = rules.tie if UNIT_CODE in rules.tie else (*rules.tie, UNIT_CODE)
    rule_rows = [{"XM": "统计期", "Z": f"{start.isoformat()} 至 {end.isoformat()}"},
                 {"XM": "排名单位", "Z": f"{UNIT_KEYS.get(key, key)}（{key}）"},
                 *({"XM": f"权重：{FIGURE_NAMES[n]}", "Z": str(float(rules.weights.get(n, 0)))}
                   for n in FIGURES),
                 {"XM": "红榜名额", "Z": str(rules.red_size)},
                 {"XM": "黑榜名额", "Z": str(rules.black_size)},
                 {"XM": "缺项", "Z": "按所有指标重新分配权重" if rules.missing == REWEIGHT
                  else "缺项得 0 分"},
                 {"XM": "同分规则", "Z": "，".join(TIE_WORDS[t] for t in ties)}]
    return [Sheet("红黑榜", columns(), [flat(r) for r in rows]),
            Sheet("未计入", [Column("BH", "编号"), Column("YY", "原因")], left_rows(left)),
            Sheet("规则", [Column("XM", "项目"), Column("Z", "值")], rule_rows)]
