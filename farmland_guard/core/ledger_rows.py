"""The ledgers' input tables (issue 16) read into core.ledger / core.flows objects: reserve
entries, occupations, judged patches, flows, the ratio's denominators and a region table.

Rows are attribute dicts keyed by the source's own field names (a CSV, an xlsx sheet, a layer's
features); ``mapping`` names the source field of a national name where they differ, the others
are matched by name, ignoring case. A whole table is read before anything is computed from it:
every problem found (a negative area, a date or year that is not one, a grade outside the
coefficient table, a county code that is not 6 digits, an id twice, 水田 larger than the area,
a field missing) is collected, naming the source, the data row (1-based, the header not
counted) and the field, and raised together as one LedgerInputError.

Missing values are None, empty text, or anything that prints as ``NULL`` (QGIS's NULL)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from . import codelists
from .flows import IN, OUT, Flow
from .language import Text, render, say
from .ledger import (
    CONSUMED,
    ZERO,
    Entry,
    Illegal,
    LedgerError,
    amount,
    capacity,
    rectification,
)
from .regions import is_county_code
from .verdicts import ILLEGAL, LEGAL

# kind -> (required fields, optional fields); the mapping dialog lists them.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reserve": (("XMBH", "XZQDM", "RKRQ", "BCGDMJ", "BCSTMJ", "ZLDB"), ("CN",)),
    "occupations": (("XMBH", "XZQDM", "PZRQ", "ZYGDMJ", "ZYSTMJ", "ZLDB"), ("CN",)),
    "illegal": (("JCBH", "XZQDM", "WFGDMJ"),
                ("ZLDB", "ND", "HSX", "WFSTMJ", "WFMJ", "ZGZT", "ZGCS", "ZGRQ", "WFLX", "PDLX",
                 "SFNRWFJS", "SFZDGC", "GDMJ", "WFGDMJ_MZ")),
    "flows": (("XZQDM", "ND", "LX", "MJ", "ZLDB"), ("YDLBM", "XDLBM", "STMJ", "SFJBNT")),
    "denominators": (("XZQDM", "ND", "XZJSZYGDMJ"), ("RGYT",)),
    "regions": (("XZQDM", "SJDM"), ()),
}
SHOWN_PROBLEMS = 10  # listed in the message; all are in ``.problems``
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:日|[ T].*)?$")
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # an xlsx date read as its serial number counts from here
EXCEL_SERIALS = range(10000, 100000)  # 1927–2173: a bare number in that range is a serial date
YEARS = range(1900, 2101)
YES, NO = ("是", "1", "Y", "y", "true", "True"), ("否", "0", "N", "n", "false", "False")
DAMAGE = "破坏/占用永久基本农田"  # WFLX that is not construction: it does not freeze


@dataclass(frozen=True)
class Problem:
    source: str
    row: int | None  # 1-based data row; None for the table itself (a field missing)
    field: str
    rule: str
    text: Text

    def __str__(self) -> str:
        return render(self.text)


class _Listing(Text):
    """Problems one per line, rendered again in any language."""

    def __new__(cls, problems: list[Problem]):
        text = str.__new__(cls, "\n".join(str(p) for p in problems))
        text.problems, text.en, text.zh, text.params = problems, "", "", {}
        return text

    def __getnewargs__(self):
        return (self.problems,)

    def render(self, locale=None) -> str:
        return "\n".join(render(p.text, locale) for p in self.problems)


class LedgerInputError(LedgerError):
    code = "ledger_input"

    def __init__(self, problems: list[Problem]):
        shown = problems[:SHOWN_PROBLEMS]
        more = len(problems) - len(shown)
        text = (say("{count} problems in the input tables, nothing computed:\n{listing}\n"
                    "…and {more} more", "输入表有 {count} 处问题，未作计算：\n{listing}\n"
                    "……另有 {more} 处", count=len(problems), listing=_Listing(shown), more=more)
                if more else
                say("{count} problems in the input tables, nothing computed:\n{listing}",
                    "输入表有 {count} 处问题，未作计算：\n{listing}", count=len(problems),
                    listing=_Listing(shown)))
        super().__init__(text, "ledger_input")
        self.problems = problems


class Reading:
    """Several tables read one after the other, the problems of all raised together once
    every one is read (``finish``)."""

    def __init__(self):
        self.problems: list[Problem] = []

    def read(self, parse, table: tuple[Iterable[Mapping[str, Any]], str] | None, **options):
        """``parse(rows, source, **options)`` for a (rows, source) table; None when no table
        is given or it has problems."""
        if table is None:
            return None
        try:
            return parse(*table, **options)
        except LedgerInputError as error:
            self.problems += error.problems
            return None

    def finish(self) -> None:
        if self.problems:
            raise LedgerInputError(self.problems)


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() == "NULL"
    return str(value) == "NULL"  # QGIS's NULL QVariant


def _whole(value):
    """A float holding a whole number as that int (ids, codes, years read from a numeric
    column); anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _as_date(value) -> dt.date | None:
    """The date of a value as tables hold it, or None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "toPyDateTime"):  # QDateTime of a QGIS layer
        return value.toPyDateTime().date() if value.isValid() else None
    if hasattr(value, "toPyDate"):  # QDate
        return value.toPyDate() if value.isValid() else None
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = str(_whole(value))
            if COMPACT_DATE.match(text):
                return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if int(value) in EXCEL_SERIALS:
                return EXCEL_EPOCH + dt.timedelta(days=int(value))
            return None
        text = str(value).strip()
        match = DATE.match(text) or COMPACT_DATE.match(text)
        return dt.date(*(int(g) for g in match.groups()[:3])) if match else None
    except (ValueError, OverflowError):
        return None


class _Table:
    """One source being read: its columns found, its problems collected."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], source: str, kind: str,
                 mapping: dict[str, str] | None):
        self.rows = [dict(r) for r in rows]
        self.source = source
        self.problems: list[Problem] = []
        required, optional = FIELDS[kind]
        keys: set[str] = set().union(*(r.keys() for r in self.rows))
        lower = {str(k).strip().lower(): k for k in keys}
        self.columns: dict[str, str] = {}
        for name in (*required, *optional):
            wanted = (mapping or {}).get(name) or name
            column = wanted if wanted in keys else lower.get(str(wanted).strip().lower())
            if column is not None:
                self.columns[name] = column
            elif name in required and self.rows:
                self.problems.append(Problem(source, None, name, "field", say(
                    "{source}: no field {field} (needed: {required})",
                    "{source}：缺少字段 {field}（必需字段：{required}）",
                    source=source, field=wanted, required=", ".join(required))))

    def __iter__(self):
        if not self.problems:  # a field missing: the rows cannot be read
            for number, row in enumerate(self.rows, 1):
                yield _Row(self, number, row)

    def finish(self) -> None:
        if self.problems:
            raise LedgerInputError(self.problems)


class _Row:
    def __init__(self, table: _Table, index: int, values: dict):
        self.table, self.index, self.values = table, index, values
        self.start = len(table.problems)

    @property
    def ok(self) -> bool:
        return len(self.table.problems) == self.start

    def problem(self, name: str, rule: str, what: Text) -> None:
        column = self.table.columns.get(name, name)
        shown = name if column == name else f"{name} ({column})"
        self.table.problems.append(Problem(self.table.source, self.index, name, rule, say(
            "{source}, row {row}, {field}: {what}", "{source} 第 {row} 行，{field}：{what}",
            source=self.table.source, row=self.index, field=shown, what=what)))

    def get(self, name: str):
        column = self.table.columns.get(name)
        value = None if column is None else self.values.get(column)
        return None if _missing(value) else value

    def required(self, name: str):
        value = self.get(name)
        if value is None:
            self.problem(name, "missing", say("no value", "没有值"))
        return value

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.required(name) if required else self.get(name)
        return None if value is None else str(_whole(value)).strip()

    def number(self, name: str, required: bool = False) -> Decimal | None:
        """An area in 亩: a number, never negative; text only as plain digits."""
        value = self.required(name) if required else self.get(name)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            if isinstance(value, (int, float, Decimal)):
                figure = Decimal(str(value))
            elif NUMBER.match(str(value).strip()):
                figure = Decimal(str(value).strip())
            else:
                raise InvalidOperation
            if not figure.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(name, "number", say(
                "{value!r} is not a number (write digits only, without spaces or thousands "
                "separators)", "{value!r} 不是数字（只写数字，不要空格或千位分隔符）",
                value=value))
            return None
        if figure < 0:
            self.problem(name, "negative", say("negative area {value}", "面积为负：{value}",
                                               value=value))
            return None
        return amount(figure)

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.required(name) if required else self.get(name)
        if value is None:
            return None
        date = _as_date(value)
        if date is None:
            self.problem(name, "date", say(
                "{value!r} is not a date (write 2023-01-05, 2023/1/5 or 20230105)",
                "{value!r} 不是日期（应写作 2023-01-05、2023/1/5 或 20230105）", value=value))
        return date

    def year(self, name: str, required: bool = False) -> int | None:
        value = self.required(name) if required else self.get(name)
        if value is None:
            return None
        text = str(_whole(value)).strip()
        if text.endswith(".0"):
            text = text[:-2]
        if text.isdigit() and int(text) in YEARS:
            return int(text)
        self.problem(name, "year", say("{value!r} is not a year", "{value!r} 不是年份",
                                       value=value))
        return None

    def county(self, name: str = "XZQDM") -> str | None:
        """A 6-digit county code; a number is read as its digits."""
        value = self.required(name)
        if value is None:
            return None
        text = str(_whole(value)).strip()
        if not is_county_code(text):
            self.problem(name, "county", say(
                "{value!r} is not a 6-digit county code", "{value!r} 不是 6 位行政区代码",
                value=value))
            return None
        return text

    def flag(self, name: str, default: bool) -> bool:
        value = self.get(name)
        if value is None:
            return default
        text = str(_whole(value)).strip()
        if text in YES or text in NO:
            return text in YES
        self.problem(name, "flag", say("{value!r} is neither 是 nor 否", "{value!r} 不是“是”或“否”",
                                       value=value))
        return default

    def paddy(self, paddy: str, st: Decimal | None, area: str, gd: Decimal | None) -> None:
        if st is not None and gd is not None and st > gd:
            self.problem(paddy, "paddy", say(
                "水田 {st} is larger than the area {area} = {gd}",
                "水田 {st} 大于面积 {area} = {gd}", st=st, area=area, gd=gd))

    def capacity(self, area: Decimal | None, coefficients, own: str | None = None):
        """产能: the row's own figure where it has one, else area × the grade's coefficient."""
        if own and self.get(own) is not None:
            return self.number(own)
        grade = self.get("ZLDB")
        if grade is None:
            self.problem("ZLDB", "missing", say("no quality grade (needed for 产能)",
                                                "没有质量等别（计算产能需要）"))
            return None
        try:
            return capacity(area or ZERO, grade, coefficients)
        except LedgerError as error:
            self.problem("ZLDB", "grade", error.text)
            return None

    def unique(self, name: str, value, seen: dict) -> None:
        if value is None:
            return
        if value in seen:
            self.problem(name, "duplicate", say("{value} is also on row {first}",
                                                "{value} 与第 {first} 行重复",
                                                value=value, first=seen[value]))
        else:
            seen[value] = self.index


def _entries(rows, source, mapping, coefficients, kind: str, date: str, gd: str,
             st: str) -> list[Entry]:
    table = _Table(rows, source, kind, mapping)
    out, seen = [], {}
    for row in table:
        xmbh = row.text("XMBH", required=True)
        row.unique("XMBH", xmbh, seen)
        xzqdm = row.county()
        when = row.date(date, required=True)
        area = row.number(gd, required=True)
        paddy = row.number(st) or ZERO
        row.paddy(st, paddy, gd, area)
        cn = row.capacity(area, coefficients, "CN")
        if row.ok:
            out.append(Entry(xmbh, xzqdm, when, area, paddy, cn))
    table.finish()
    return out


def reserve(rows: Iterable[Mapping[str, Any]], source: str, *,
            mapping: dict[str, str] | None = None,
            coefficients: dict[str, float] | None = None) -> list[Entry]:
    """耕地储备库 / 补充耕地项目: XMBH, XZQDM, RKRQ (entered), BCGDMJ, BCSTMJ (水田), ZLDB; CN
    where given, else BCGDMJ × the grade's coefficient."""
    return _entries(rows, source, mapping, coefficients, "reserve", "RKRQ", "BCGDMJ", "BCSTMJ")


def occupations(rows: Iterable[Mapping[str, Any]], source: str, *,
                mapping: dict[str, str] | None = None,
                coefficients: dict[str, float] | None = None) -> list[Entry]:
    """建设占用: XMBH, XZQDM, PZRQ (approved), ZYGDMJ, ZYSTMJ (水田), ZLDB; CN where given, else
    ZYGDMJ × the grade's coefficient."""
    return _entries(rows, source, mapping, coefficients, "occupations", "PZRQ", "ZYGDMJ",
                    "ZYSTMJ")


def _damage(row: _Row) -> bool:
    """Whether WFLX says 破坏/占用永久基本农田 (which does not freeze); checked against the list."""
    value = row.text("WFLX")
    if value is None:
        return False
    known = codelists.wflx()
    if value not in known and value not in known.values():
        row.problem("WFLX", "code", say("{value!r} is not a 违法类型 ({known})",
                                        "{value!r} 不是违法类型（{known}）", value=value,
                                        known="、".join(known)))
        return False
    return value in (DAMAGE, known.get(DAMAGE))


def _rectification(row: _Row) -> tuple[str | None, str | None]:
    measure, state = rectification(row.get("ZGCS"), row.get("ZGZT"))
    if measure is not None and measure not in codelists.zgcs():
        row.problem("ZGCS", "code", say("{value!r} is not a 整改措施 ({known})",
                                        "{value!r} 不是整改措施（{known}）", value=measure,
                                        known="、".join(codelists.zgcs())))
    if state is not None and state not in codelists.zgzt():
        row.problem("ZGZT", "code", say("{value!r} is not a 整改状态 ({known})",
                                        "{value!r} 不是整改状态（{known}）", value=state,
                                        known="、".join(codelists.zgzt())))
    return measure, state


def illegal(rows: Iterable[Mapping[str, Any]], source: str, *,
            mapping: dict[str, str] | None = None,
            coefficients: dict[str, float] | None = None, net: bool = True,
            with_capacity: bool = True) -> list[Illegal]:
    """Judged patches: JCBH, XZQDM, WFGDMJ (违法耕地 on the profile's basis: net of 田坎 when
    ``net``), and where known WFSTMJ, WFMJ (all land; default WFGDMJ), WFGDMJ_MZ (gross; on a
    gross basis WFGDMJ itself), GDMJ (the patch's 耕地, for a computed ratio denominator),
    ZLDB, ND (else the year of HSX), ZGCS/ZGZT, ZGRQ (when the measure was done), WFLX, PDLX
    (default 违法), SFNRWFJS (default 是), SFZDGC (default 否).

    PDLX 合法 rows only feed a computed denominator; 其他 rows are left out. A row that freezes
    (违法, construction, WFGDMJ > 0) needs ZLDB for its 产能, and ZGRQ once 补办手续 or 没收 is
    done (the freeze becomes consumption on that date). A 违法 row without a year still
    freezes, but is left out of the ratio and 增违挂钩, which are per year. ``with_capacity``
    False (the ratio alone): no 产能 is computed (CN 0), so no grade is needed."""
    table = _Table(rows, source, "illegal", mapping)
    out, seen = [], {}
    verdicts = codelists.pdlx()
    for row in table:
        jcbh = row.text("JCBH", required=True)
        row.unique("JCBH", jcbh, seen)
        verdict = row.text("PDLX") or ILLEGAL
        if verdict not in verdicts:
            row.problem("PDLX", "code", say("{value!r} is not a 判定类型 ({known})",
                                            "{value!r} 不是判定类型（{known}）", value=verdict,
                                            known="、".join(verdicts)))
            continue
        if verdict not in (LEGAL, ILLEGAL):
            continue
        xzqdm = row.county()
        gd = row.number("WFGDMJ") or ZERO
        st = row.number("WFSTMJ") or ZERO
        row.paddy("WFSTMJ", st, "WFGDMJ", gd)
        area = row.number("WFMJ")
        gross = row.number("WFGDMJ_MZ")
        year = row.year("ND")
        if year is None and row.get("ND") is None:
            after = row.date("HSX")
            year = after.year if after else None
        measure, state = _rectification(row)
        item = Illegal(jcbh, xzqdm, year, gd, st, ZERO, gd if area is None else area,
                       gd if gross is None and not net else gross, row.number("GDMJ"),
                       not _damage(row), measure, state, row.date("ZGRQ"),
                       row.flag("SFNRWFJS", True), row.flag("SFZDGC", False), verdict)
        if item.freezes and with_capacity:
            item = replace(item, cn=row.capacity(gd, coefficients))
            if item.outcome == CONSUMED and item.done is None and row.get("ZGRQ") is None:
                row.problem("ZGRQ", "missing", say(
                    "{measure} is done but has no date: the freeze becomes consumption on it",
                    "{measure}已完成但没有日期：冻结应在该日转为消耗", measure=measure))
        if row.ok:
            out.append(item)
    table.finish()
    return out


def flows(rows: Iterable[Mapping[str, Any]], source: str, *,
          mapping: dict[str, str] | None = None,
          coefficients: dict[str, float] | None = None) -> list[Flow]:
    """进出平衡 flows: XZQDM, ND, LX (流出/流入), YDLBM, XDLBM, MJ, STMJ (水田), ZLDB, SFJBNT
    (from 永久基本农田, default 否); 产能 = MJ × the grade's coefficient. Each flow is named
    ``source#row``."""
    table = _Table(rows, source, "flows", mapping)
    out = []
    for row in table:
        xzqdm = row.county()
        year = row.year("ND", required=True)
        direction = row.text("LX", required=True)
        if direction is not None and direction not in (OUT, IN):
            row.problem("LX", "direction", say("{value!r} is neither 流出 nor 流入",
                                               "{value!r} 不是“流出”或“流入”", value=direction))
        area = row.number("MJ", required=True)
        paddy = row.number("STMJ") or ZERO
        row.paddy("STMJ", paddy, "MJ", area)
        cn = row.capacity(area, coefficients)
        farmland = row.flag("SFJBNT", False)
        if row.ok:
            out.append(Flow(f"{source}#{row.index}", xzqdm, year, direction,
                            row.text("YDLBM") or "", row.text("XDLBM") or "", area, paddy, cn,
                            farmland))
    table.finish()
    return out


def _denominator_rows(rows, source, mapping):
    table = _Table(rows, source, "denominators", mapping)
    seen = {}
    for row in table:
        key = (row.county(), row.year("ND", required=True))
        row.unique("XZQDM", None if None in key else f"{key[0]}/{key[1]}", seen)
        value = row.number("XZJSZYGDMJ")
        if row.ok:
            yield key, value, row.text("RGYT")
    table.finish()


def denominators(rows: Iterable[Mapping[str, Any]], source: str, *,
                 mapping: dict[str, str] | None = None) -> dict[tuple[str, int], Decimal]:
    """The ratio's denominators: XZQDM, ND, XZJSZYGDMJ (新增建设用地占用耕地, 亩), one row per
    county and year. A row without a figure gives none (that county and year is computed)."""
    return {key: value for key, value, _ in _denominator_rows(rows, source, mapping)
            if value is not None}


def manual(rows: Iterable[Mapping[str, Any]], source: str, *,
           mapping: dict[str, str] | None = None) -> dict[tuple[str, int], str]:
    """The denominator table's optional RGYT: a 约谈 reason given by hand, per county and year."""
    return {key: reason for key, _, reason in _denominator_rows(rows, source, mapping)
            if reason}


def regions(rows: Iterable[Mapping[str, Any]], source: str, *,
            mapping: dict[str, str] | None = None) -> dict[str, str]:
    """A region table: XZQDM (county) → SJDM (its city, or its province for 省直辖 units)."""
    table = _Table(rows, source, "regions", mapping)
    out, seen = {}, {}
    for row in table:
        county, parent = row.county(), row.county("SJDM")
        row.unique("XZQDM", county, seen)
        if row.ok:
            out[county] = parent
    table.finish()
    return out
