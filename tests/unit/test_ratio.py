"""违法占用耕地比例 (core.ratio) on cases computed by hand: what counts, the denominator from a
table or computed, the exact 15 % line, 约谈 by the national and the Guangxi rule, a zero or
missing denominator, cities and provinces."""

from decimal import Decimal as D  # noqa: N817 (hand-written figures read better)

from farmland_guard.core import ratio
from farmland_guard.core.ledger import Illegal
from farmland_guard.core.ratio import Rules


def item(jcbh, county, gd, year=2023, **kw):
    return Illegal(jcbh, county, year, D(str(gd)), **kw)


def rows_of(table, level="县"):
    return {(r["XZQDM"], r["ND"]): r for r in table if r["JB"] == level}


def test_only_counted_not_exempt_illegal_farmland_is_summed():
    # counted: J1 6 + J2 4 = 10; J3 不纳入 (SFNRWFJS 否), J4 重点工程 (SFZDGC 是), J5 合法: out.
    # BL = 10 / 200 = 0.05 → 正常
    items = [item("J1", "410724", 6, gross=D("6.6")), item("J2", "410724", 4, gross=D("4.4")),
             item("J3", "410724", 9, counts=False), item("J4", "410724", 8, exempt=True),
             item("J5", "410724", 0, verdict="合法", farmland=D(30))]
    r = rows_of(ratio.table(items, {("410724", 2023): D(200)}))[("410724", 2023)]
    assert (r["WFGDMJ"], r["FMLY"], r["BL"], r["YJ"], r["YT"]) == (D(10), "表", D("0.05"), "正常", "否")
    # gross beside: J3 and J4 do not count and have no gross figure, J1 + J2 = 11
    assert r["WFGDMJ_MZ"] == D(11)


def test_the_denominator_is_computed_from_the_judged_patches_where_no_table_gives_it():
    # 2023 in 410724: 合法 patches' 耕地 30 + 20, 违法 as construction 10 (its patch's 耕地 12):
    # 30 + 20 + 12 = 62; 破坏 (not construction) and 其他 are not new construction.
    # BL = 10 / 62 = 0.161290… → 问责; 10 亩 is not over 100: no 约谈 nationally.
    items = [item("L1", "410724", 0, verdict="合法", farmland=D(30)),
             item("L2", "410724", 0, verdict="合法", farmland=D(20)),
             item("J1", "410724", 10, farmland=D(12)),
             item("J2", "410724", 3, construction=False, counts=False, farmland=D(5)),
             item("Q1", "410724", 0, verdict="其他", farmland=D(40))]
    r = rows_of(ratio.table(items))[("410724", 2023)]
    assert (r["XZJSZYGDMJ"], r["FMLY"], r["BL"], r["YJ"], r["YT"]) == (
        D(62), "计算", D("0.161290"), "问责", "否")


def test_exactly_fifteen_percent_is_accountable_but_not_an_interview():
    # 150 / 1000 = 0.15 exactly: 问责 (≥ 15 %), no 约谈 (needs more than 15 %) though > 100 亩
    r = ratio.table([item("J1", "410724", 150)], {("410724", 2023): D(1000)})[0]
    assert (r["BL"], r["YJ"], r["YT"]) == (D("0.15"), "问责", "否")
    # 150.1 / 1000 = 0.1501 > 15 % and 150.1 > 100 亩: 约谈 by rule
    r = ratio.table([item("J1", "410724", "150.1")], {("410724", 2023): D(1000)})[0]
    assert (r["YJ"], r["YT"], r["YTLY"]) == ("问责", "是", "规则")


def test_warning_band_and_the_guangxi_rule():
    # 12 / 100 = 0.12: 预警 (≥ 10 %). 16 / 100 = 0.16 with 16 亩: nationally no 约谈 (≤ 100 亩),
    # in Guangxi 约谈 (over the 问责 line alone).
    denominators = {("450102", 2023): D(100), ("450103", 2023): D(100)}
    items = [item("J1", "450102", 12), item("J2", "450103", 16)]
    national = rows_of(ratio.table(items, denominators))
    assert national[("450102", 2023)]["YJ"] == "预警"
    assert (national[("450103", 2023)]["YJ"], national[("450103", 2023)]["YT"]) == ("问责", "否")
    guangxi = rows_of(ratio.table(items, denominators, rules=Rules.of("guangxi")))
    assert guangxi[("450103", 2023)]["YT"] == "是"
    assert guangxi[("450102", 2023)]["YT"] == "否"  # 12 % is not over 15 %


def test_a_zero_or_missing_denominator_is_reported_never_divided_by():
    # 410724: the table says 0; 410725: no table row, no judged patch with 耕地 → 缺
    items = [item("J1", "410724", 5), item("J2", "410725", 2, farmland=D(0))]
    rows = rows_of(ratio.table(items, {("410724", 2023): D(0)}))
    zero, computed_zero = rows[("410724", 2023)], rows[("410725", 2023)]
    assert (zero["XZJSZYGDMJ"], zero["BL"], zero["YJ"], zero["YT"]) == (D(0), None, "无分母", "否")
    assert (computed_zero["FMLY"], computed_zero["BL"], computed_zero["YJ"]) == ("计算", None, "无分母")
    rows = rows_of(ratio.table([item("J1", "410726", 5, farmland=None)], {}))
    assert rows[("410726", 2023)]["FMLY"] == "计算"  # its own 违法耕地 is its new construction


def test_a_manual_flag_adds_an_interview_with_its_reason():
    r = ratio.table([item("J1", "410724", 1)], {("410724", 2023): D(100)},
                    manual={("410724", 2023): "瞒案不报"})[0]
    assert (r["YJ"], r["YT"], r["YTLY"]) == ("正常", "是", "瞒案不报")


def test_cities_and_provinces_sum_their_counties():
    # 410724: 20 / 100; 410725: 5 / 100 → city 410700: 25 / 200 = 0.125 预警. 419001 (济源,
    # 省直辖) 30 / 100 belongs to the province only: 410000 = 55 / 300 = 0.183333 问责.
    denominators = {("410724", 2023): D(100), ("410725", 2023): D(100), ("419001", 2023): D(100)}
    table = ratio.table([item("J1", "410724", 20), item("J2", "410725", 5),
                         item("J3", "419001", 30)], denominators)
    city = rows_of(table, "市")
    assert list(city) == [("410700", 2023)]
    assert (city[("410700", 2023)]["BL"], city[("410700", 2023)]["YJ"]) == (D("0.125"), "预警")
    province = rows_of(table, "省")[("410000", 2023)]
    assert (province["WFGDMJ"], province["XZJSZYGDMJ"], province["BL"], province["FMLY"]) == (
        D(55), D(300), D("0.183333"), "汇总")
    # years stay apart
    two_years = ratio.table([item("J1", "410724", 1), item("J2", "410724", 2, year=2024)],
                            {("410724", 2023): D(10), ("410724", 2024): D(10)})
    assert [(r["ND"], r["WFGDMJ"]) for r in two_years if r["JB"] == "县"] == [(2023, 1), (2024, 2)]
