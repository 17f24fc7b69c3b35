"""整改完成率 (DESIGN.md §4.5, issue 17): problems closed (ZGZT 已销号) ÷ all problems, per town
(XZDM/XZMC), per county (XZQDM), per source (LY) and per county × source, over the rows of the
rectification ledger (dicts with the schema-6 fields of the store's ``problems`` layer: WTBH,
LY, XZQDM, XZDM, XZMC, ZGZT…). Computed from the ledger, never typed in.

Each figure carries the WTBH behind it (all problems, and the closed ones) so the GUI can open
them. A group with no problems (a unit given in ``units`` that has none) is reported with no
rate — never divided by. The rate is kept exact (a fraction of whole counts) and given as a
Decimal to 6 places (``WCL``), and as a whole percent the way counties write it (``WCLBFB``):
100 × closed ÷ all, rounded half up (ROUND_HALF_UP: 2 of 3 = 66.67 → 67; 1 of 8 = 12.5 → 13),
computed on integers, so no binary fraction ever decides the rounding."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .errors import FarmlandGuardError
from .language import say
from .ledger import CLOSED

TOWN, COUNTY, SOURCE, COUNTY_SOURCE = "乡镇", "县", "来源", "县×来源"
LEVELS = (TOWN, COUNTY, SOURCE, COUNTY_SOURCE)
RATE_PLACES = Decimal("0.000001")
COLUMNS = ("JB", "XZQDM", "XZDM", "XZMC", "LY", "WTS", "XHS", "WCL", "WCLBFB", "WTBH", "XHWTBH")


class CompletionError(FarmlandGuardError, ValueError):
    code = "completion"


def text(value) -> str:
    return "" if value is None else str(value).strip()


def closed(problem: dict) -> bool:
    """Whether a problem is closed (销号): its 整改状态 is the code list's final state."""
    return text(problem.get("ZGZT")) == CLOSED


def half_up_percent(done: int, total: int) -> int | None:
    """100 × done ÷ total as a whole percent, rounded half up, on integers; None for no total."""
    if total <= 0:
        return None
    return (200 * done + total) // (2 * total)


def decimal_rate(rate: Fraction | None) -> Decimal | None:
    """An exact rate as the tables give it: a Decimal fraction to 6 places (half up)."""
    if rate is None:
        return None
    return (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(RATE_PLACES,
                                                                          ROUND_HALF_UP)


@dataclass(frozen=True)
class Completion:
    """One figure: the problems of a group and those of them closed (their WTBH, sorted)."""
    problems: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.problems)

    @property
    def done(self) -> int:
        return len(self.closed)

    @property
    def rate(self) -> Fraction | None:
        """closed ÷ all, exact; None when there are no problems (never divided by)."""
        return Fraction(self.done, self.total) if self.total else None

    @property
    def percent(self) -> int | None:
        return half_up_percent(self.done, self.total)


def of(problems) -> Completion:
    """The completion of some problem rows (a WTBH listed once)."""
    every, done = set(), set()
    for problem in problems:
        wtbh = text(problem.get("WTBH"))
        every.add(wtbh)
        if closed(problem):
            done.add(wtbh)
    return Completion(tuple(sorted(every)), tuple(sorted(done)))


def _key(level: str, problem: dict) -> tuple:
    if level == TOWN:
        return (text(problem.get("XZQDM")), text(problem.get("XZDM")))
    if level == COUNTY:
        return (text(problem.get("XZQDM")),)
    if level == SOURCE:
        return (text(problem.get("LY")),)
    return (text(problem.get("XZQDM")), text(problem.get("LY")))


def by(level: str, problems, units=()) -> dict[tuple, Completion]:
    """Completion per group of ``level`` (TOWN: (XZQDM, XZDM); COUNTY: (XZQDM,); SOURCE: (LY,);
    COUNTY_SOURCE: (XZQDM, LY)); ``units``: keys to report even with no problems."""
    if level not in LEVELS:
        raise CompletionError(say("unknown level {level}: one of {levels}",
                                  "未知的统计层级 {level}，可选：{levels}", level=level,
                                  levels=", ".join(LEVELS)), "level", level=level)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for problem in problems:
        groups[_key(level, problem)].append(problem)
    for unit in units:
        groups.setdefault(tuple(unit), [])
    return {key: of(rows) for key, rows in sorted(groups.items())}


def _row(level: str, key: tuple, figure: Completion, names: dict) -> dict:
    row = dict.fromkeys(COLUMNS[1:5], "")
    if level == TOWN:
        row["XZQDM"], row["XZDM"] = key
        row["XZMC"] = names.get(key[1], "")
    elif level == COUNTY:
        (row["XZQDM"],) = key
    elif level == SOURCE:
        (row["LY"],) = key
    else:
        row["XZQDM"], row["LY"] = key
    return {"JB": level, **row, "WTS": figure.total, "XHS": figure.done,
            "WCL": decimal_rate(figure.rate), "WCLBFB": figure.percent,
            "WTBH": list(figure.problems), "XHWTBH": list(figure.closed)}


def table(problems, levels=LEVELS, units: dict[str, list] | None = None) -> list[dict]:
    """The completion table: a row per group of each level (in ``levels`` order), with JB
    (the level), XZQDM, XZDM, XZMC, LY (those that apply, else blank), WTS (problems), XHS
    (closed), WCL (rate, Decimal 6 places; None with no problems), WCLBFB (whole percent, half
    up; None with no problems), WTBH and XHWTBH (the problems behind, all and closed).
    ``units``: level -> keys to report even when they have no problems."""
    problems = list(problems)
    names = {}
    for problem in problems:
        if text(problem.get("XZDM")) and text(problem.get("XZMC")):
            names.setdefault(text(problem.get("XZDM")), text(problem.get("XZMC")))
    units = units or {}
    return [_row(level, key, figure, names)
            for level in levels
            for key, figure in by(level, problems, units.get(level, ())).items()]
