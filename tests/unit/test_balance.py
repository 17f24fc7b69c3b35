"""The whole balance (core.balance): 先补后占, freezes, the county/city/province table, 进出平衡
and 增违挂钩, on scenarios computed by hand (the comments show the arithmetic), then properties
that hold for any input (hypothesis)."""

import datetime as dt
import random
from decimal import Decimal as D  # noqa: N817 (hand-written figures read better)

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import balance, flows, regions
from farmland_guard.core.flows import Flow
from farmland_guard.core.ledger import (
    CONSUMED,
    FREEZE,
    FROZEN,
    LEDGERS,
    OCCUPATION,
    RELEASED,
    Entry,
    Freeze,
    Illegal,
    LedgerError,
    Shortfall,
    capacity,
)


def day(text):
    return dt.date.fromisoformat(text)


def entry(xmbh, county, date, gd=0, st=0, cn=0):
    return Entry(xmbh, county, day(date), D(str(gd)), D(str(st)), D(str(cn)))


def illegal(jcbh, county, gd, st=0, cn=0, **kw):
    return Illegal(jcbh, county, kw.pop("year", 2023), D(str(gd)), D(str(st)), D(str(cn)),
                   area=D(str(kw.pop("area", gd))), **kw)


def row(ledgers, xzqdm):
    return next(r for r in ledgers.counties if r["XZQDM"] == xzqdm)


def figures(r, *names):
    return tuple(r[n] for n in names)


def test_a_county_with_no_reserve_is_short_by_all_it_occupies():
    # 410725 has nothing in reserve: its occupation of 2 亩 (1 水田, 产能 1.8) is all shortfall,
    # not a 先补后占 violation (nothing was entered later either)
    done = balance.compute([], [entry("O1", "410725", "2023-06-01", 2, 1, "1.8")], [])
    r = row(done, "410725")
    assert figures(r, "KC_GD", "XH_GD", "KY_GD", "QK_GD", "QK_ST", "QK_CN") == (0, 0, 0, 2, 1, D("1.8"))
    assert (r["XBHZ_WG"], r["PH"]) == (0, "否")


def test_an_occupation_approved_before_any_entry_violates_xianbuhouzhan():
    # O1 approved 01-10, R1 entered 03-01: O1 may not use R1 → 3 亩 short, flagged; O2 approved
    # 04-01 uses R1 (10 − 4 = 6 left). KY = 10 − 4 − 0 = 6.
    done = balance.compute([entry("R1", "410724", "2023-03-01", 10)],
                           [entry("O1", "410724", "2023-01-10", 3),
                            entry("O2", "410724", "2023-04-01", 4)], [])
    r = row(done, "410724")
    assert figures(r, "KC_GD", "XH_GD", "KY_GD", "QK_GD", "XBHZ_WG", "PH") == (10, 4, 6, 3, 1, "否")
    assert done.shortfalls == [Shortfall("O1", "410724", "GD", D(3), True, OCCUPATION)]


def test_a_freeze_exceeding_what_is_left_freezes_the_rest_and_lists_the_shortfall():
    # reserve 10, occupation 7 → 3 left; J1 must freeze 5: 3 frozen in R1, 2 short (冻结).
    # KY = 10 − 7 − 3 = 0, QK = 2, PH 否.
    done = balance.compute([entry("R1", "410724", "2023-01-01", 10)],
                           [entry("O1", "410724", "2023-02-01", 7)],
                           [illegal("J1", "410724", 5)])
    r = row(done, "410724")
    assert figures(r, "KC_GD", "XH_GD", "DJ_GD", "KY_GD", "QK_GD", "PH") == (10, 7, 3, 0, 2, "否")
    assert done.freezes == [Freeze("J1", "410724", "GD", "R1", D(3), FROZEN)]
    assert done.shortfalls == [Shortfall("J1", "410724", "GD", D(2), False, FREEZE)]


def test_freezes_go_in_jcbh_order_over_the_entries_in_fifo_order():
    # R1 (01-01) 4, R2 (02-01) 4. J1 freezes 3 from R1 (1 left); J2 freezes 3: 1 from R1, 2 from
    # R2 (2 left). Listed as given to J2 before J1 to show the order is JCBH's.
    done = balance.compute([entry("R2", "410724", "2023-02-01", 4),
                            entry("R1", "410724", "2023-01-01", 4)], [],
                           [illegal("J2", "410724", 3), illegal("J1", "410724", 3)])
    assert done.freezes == [Freeze("J1", "410724", "GD", "R1", D(3), FROZEN),
                            Freeze("J2", "410724", "GD", "R1", D(1), FROZEN),
                            Freeze("J2", "410724", "GD", "R2", D(2), FROZEN)]
    assert row(done, "410724")["KY_GD"] == 2  # 8 − 0 − 6


def test_xiaohao_releases_the_freeze():
    # J1 已销号 (any measure) and J2 拆除复耕 done: both released, nothing frozen; J3 拆除复耕
    # still 整改中: frozen. KY = 10 − 0 − 2 = 8.
    done = balance.compute([entry("R1", "410724", "2023-01-01", 10)], [],
                           [illegal("J1", "410724", 4, measure="罚款", state="已销号"),
                            illegal("J2", "410724", 3, measure="拆除复耕", state="已整改"),
                            illegal("J3", "410724", 2, measure="拆除复耕", state="整改中")])
    assert [(f.jcbh, f.state, f.amount) for f in done.freezes] == [
        ("J1", RELEASED, D(4)), ("J2", RELEASED, D(3)), ("J3", FROZEN, D(2))]
    assert figures(row(done, "410724"), "DJ_GD", "KY_GD", "PH") == (2, 8, "是")


def test_buban_shouxu_turns_the_freeze_into_consumption_on_its_date():
    # J1 (3 亩, 1 水田, 产能 2.4) regularised 2023-06-01: it consumes like an occupation approved
    # that day — from R1 (05-01), not from R2 (07-01). R1 5 → 2 left; nothing frozen.
    # O1 approved 08-01 needs 4: R1's 2 + 2 of R2 (R2 6 → 4). XH = 3 + 4 = 7, KY = 11 − 7 = 4.
    done = balance.compute([entry("R1", "410724", "2023-05-01", 5, 1, 4),
                            entry("R2", "410724", "2023-07-01", 6, 0, 6)],
                           [entry("O1", "410724", "2023-08-01", 4)],
                           [illegal("J1", "410724", 3, 1, "2.4", measure="补办手续",
                                    state="已整改", done=day("2023-06-01"))])
    r = row(done, "410724")
    assert figures(r, "XH_GD", "XH_ST", "XH_CN", "DJ_GD", "KY_GD", "KY_CN") == (
        7, 1, D("2.4"), 0, 4, D("7.6"))  # 产能: 10 − 2.4 = 7.6
    assert [f.state for f in done.freezes] == [CONSUMED] * 3
    assert {(a.occupation, a.reserve, a.ledger, a.amount) for a in done.allocations
            if a.occupation == "J1"} == {("J1", "R1", "GD", D(3)), ("J1", "R1", "ST", D(1)),
                                         ("J1", "R1", "CN", D("2.4"))}


def test_moshou_converts_like_buban_and_a_done_measure_without_date_is_refused():
    # 没收 done on 2023-03-01, before the only entry (04-01): 2 亩 short, 先补后占 flagged
    done = balance.compute([entry("R1", "410724", "2023-04-01", 5)], [],
                           [illegal("J1", "410724", 2, measure="没收", state="已销号",
                                    done=day("2023-03-01"))])
    assert done.shortfalls == [Shortfall("J1", "410724", "GD", D(2), True, OCCUPATION)]
    with pytest.raises(LedgerError, match="J9"):
        balance.compute([], [], [illegal("J9", "410724", 1, measure="补办手续", state="已整改")])


def test_damage_does_not_freeze():
    # 挖塘 on 永农 (破坏): an 整改 case, no freeze; nothing else in the county's table moves
    done = balance.compute([entry("R1", "410724", "2023-01-01", 10)], [],
                           [illegal("J1", "410724", 4, construction=False)])
    assert done.freezes == [] and row(done, "410724")["KY_GD"] == 10


def test_two_counties_of_one_city_and_a_county_under_its_province():
    # 410724: KC 10, XH 4 → KY 6. 410725: KC 2, XH 2, QK 1 (needs 3). 419001 (济源, 省直辖):
    # KC 5. City 410700 = the first two: KC 12, XH 6, KY 6, QK 1, PH 否. Province 410000 = all
    # three: KC 17, XH 6, KY 11.
    done = balance.compute([entry("R1", "410724", "2023-01-01", 10),
                            entry("R2", "410725", "2023-01-01", 2),
                            entry("R3", "419001", "2023-01-01", 5)],
                           [entry("O1", "410724", "2023-02-01", 4),
                            entry("O2", "410725", "2023-02-01", 3)], [])
    assert [(r["JB"], r["XZQDM"]) for r in done.counties] == [
        ("县", "410724"), ("县", "410725"), ("县", "419001"), ("市", "410700"), ("省", "410000")]
    assert figures(row(done, "410700"), "KC_GD", "XH_GD", "KY_GD", "QK_GD", "PH") == (12, 6, 6, 1, "否")
    assert figures(row(done, "410000"), "KC_GD", "XH_GD", "KY_GD", "QK_GD") == (17, 6, 11, 1)
    assert regions.city_of("419001") is None
    assert regions.city_of("410724", {"410724": "411100"}) == "411100"  # a region table wins
    assert [a.occupation for a in done.behind("410700", "XH_GD")] == ["O1", "O2"]


def test_a_grade_missing_from_the_coefficient_table_is_named():
    with pytest.raises(LedgerError, match="16") as caught:
        capacity(2, "16")
    assert caught.value.params["grade"] == "16"
    assert capacity(2, "16", {"16": 0.2}) == D("0.4000")  # a province's own table


def test_flows_before_the_cutover_balance_apart_and_from_it_join_the_ledgers():
    # 2023 (进出平衡): out 3 (1 of it 永农) and in 2 → out > in: PH 否, one 永农 violation.
    # 2024 (占补平衡): out 1.5 becomes an occupation dated 2024-12-31, in 2 a reserve entry of
    # the same date: XH 1.5, KY 0.5, not in the 进出平衡 verdict (PH empty).
    rows = [Flow("f#1", "410724", 2023, flows.OUT, "0103", "0201", D(2), D(0), D(2), False),
            Flow("f#2", "410724", 2023, flows.OUT, "0101", "0301", D(1), D(1), D(1), True),
            Flow("f#3", "410724", 2023, flows.IN, "0201", "0103", D(2), D(0), D(2), False),
            Flow("f#4", "410724", 2024, flows.OUT, "0103", "0201", D("1.5"), D(0), D("1.5"), False),
            Flow("f#5", "410724", 2024, flows.IN, "0201", "0103", D(2), D(0), D(2), False)]
    done = balance.compute([], [], [], rows)
    assert [(r["ND"], r["ZD"], r["OUT_GD"], r["IN_GD"], r["PH"], r["JBNT_WG"]) for r in done.flows] == [
        (2023, "进出平衡", 3, 2, "否", 1), (2024, "占补平衡", D("1.5"), 2, None, 0)]
    assert [f.key for f in done.flow_violations] == ["f#2"]
    assert figures(row(done, "410724"), "KC_GD", "XH_GD", "KY_GD", "PH") == (2, D("1.5"), D("0.5"), "是")


def test_zengwei_guagou_withholds_then_returns_and_deducts():
    # 2023, 410724, rate 1: J1 6 亩 拆除复耕 done → returned; J2 4 亩 补办手续 done → deducted;
    # J3 2.5 亩 已销号 → returned; J4 1 亩 未整改 → pending. ZK = 13.5, TH = 8.5, KJ = 4, DD = 1.
    items = [illegal("J1", "410724", 6, measure="拆除复耕", state="已整改"),
             illegal("J2", "410724", 4, measure="补办手续", state="已整改", done=day("2023-09-01")),
             illegal("J3", "410724", 0, area="2.5", state="已销号"),
             illegal("J4", "410724", 1, state="未整改")]
    q = balance.quota_table(items)
    assert q == [{"XZQDM": "410724", "ND": 2023, "JHND": 2024, "WFMJ": D("13.5"), "ZK": D("13.5"),
                  "TH": D("8.5"), "KJ": D(4), "DD": D(1)}]
    # at a 1.5 rate every figure is half as large again: 20.25, 12.75, 6, 1.5
    q = balance.quota_table(items, D("1.5"))[0]
    assert (q["ZK"], q["TH"], q["KJ"], q["DD"]) == (D("20.25"), D("12.75"), D(6), D("1.5"))


# --- properties (issue 16 rule 8) ---------------------------------------------------------

COUNTIES = ("410724", "410725", "411102")
dates = st.dates(dt.date(2022, 1, 1), dt.date(2023, 12, 31))
areas = st.decimals(0, 50, places=2)


@st.composite
def inputs(draw):
    def entries(prefix, n):
        return [Entry(f"{prefix}{i}", draw(st.sampled_from(COUNTIES)), draw(dates),
                      draw(areas), draw(areas), draw(areas)) for i in range(n)]

    reserve = entries("R", draw(st.integers(0, 8)))
    occupations = entries("O", draw(st.integers(0, 8)))
    outcomes = [(None, None), ("拆除复耕", "已整改"), ("补办手续", "已整改"), ("罚款", "已销号"),
                ("没收", "整改中")]
    items = []
    for i in range(draw(st.integers(0, 6))):
        measure, state = draw(st.sampled_from(outcomes))
        items.append(Illegal(f"J{i}", draw(st.sampled_from(COUNTIES)), 2023, draw(areas),
                             draw(areas), draw(areas), measure=measure, state=state,
                             done=draw(dates), construction=draw(st.booleans())))
    return reserve, occupations, items


@settings(max_examples=150, deadline=None)
@given(inputs(), st.randoms(use_true_random=False))
def test_the_books_close_and_nothing_is_used_twice_whatever_the_order(data, rng):
    reserve, occupations, items = data
    done = balance.compute(reserve, occupations, items)
    for r in (r for r in done.counties if r["JB"] == "县"):
        for led in LEDGERS:
            assert r[f"KY_{led}"] >= 0
            if r["PH"] == "是":  # no shortfall: KC = XH + DJ + KY
                assert r[f"KC_{led}"] == r[f"XH_{led}"] + r[f"DJ_{led}"] + r[f"KY_{led}"]
    def total(items, **match):
        return sum((x.amount for x in items if all(getattr(x, k) == v for k, v in match.items())),
                   D(0))

    for e in reserve:  # no entry gives more than it holds
        for led in LEDGERS:
            assert (total(done.allocations, reserve=e.xmbh, ledger=led)
                    + total(done.freezes, reserve=e.xmbh, ledger=led)) <= e.on(led)
    for o in occupations:  # each occupation is covered or short, exactly
        for led in LEDGERS:
            assert (total(done.allocations, occupation=o.xmbh, ledger=led)
                    + total(done.shortfalls, occupation=o.xmbh, ledger=led)) == o.on(led)
    shuffled = [list(x) for x in data]
    for part in shuffled:
        rng.shuffle(part)
    assert balance.compute(*shuffled) == done


def test_row_order_does_not_matter_on_a_fixed_case():
    reserve = [entry(f"R{i}", "410724", f"2023-0{1 + i % 9}-01", i + 1, i % 2) for i in range(9)]
    occupations = [entry(f"O{i}", "410724", f"2023-0{1 + (i * 4) % 9}-15", 3, 1) for i in range(9)]
    items = [illegal(f"J{i}", "410724", 2) for i in range(4)]
    expected = balance.compute(reserve, occupations, items)
    rng = random.Random(3)
    for _ in range(3):
        for part in (reserve, occupations, items):
            rng.shuffle(part)
        assert balance.compute(reserve, occupations, items) == expected
