"""整改完成率 (core.completion) on cases counted by hand: the 获嘉县 report (one 巡察, three
problems, two closed: 67 %), the groups by town, county, source and county × source, the WTBH
behind each figure, a group with no problems, and the half-up whole percent."""

from decimal import Decimal as D  # noqa: N817
from fractions import Fraction

import pytest

from farmland_guard.core import codelists, completion
from farmland_guard.core.completion import COUNTY, COUNTY_SOURCE, SOURCE, TOWN

STATES = list(codelists.zgzt())  # 未整改, 整改中, 已整改, 已销号 (the code list's order)
OPEN, DOING, DONE, CLOSED = STATES


def problem(wtbh, state, county="410724", town="410724104", name="太山镇", source="巡察"):
    return {"WTBH": wtbh, "ZGZT": state, "XZQDM": county, "XZDM": town, "XZMC": name, "LY": source}


def test_closed_is_the_final_state_of_the_code_list():
    assert codelists.zgzt()[CLOSED] == [] and completion.closed({"ZGZT": CLOSED})
    assert not completion.closed({"ZGZT": DONE})  # 已整改 is not yet 销号


def test_the_huojia_report_two_of_three_is_67_percent():
    # 获嘉县, 2025-02-14: the 巡察 found 3 problems at 太山镇, 2 rectified and closed, 1 still
    # being rectified: 2 ÷ 3 = 0.666667, written 67 %.
    rows = [problem("WT-410724-0001", CLOSED), problem("WT-410724-0002", CLOSED),
            problem("WT-410724-0003", DOING)]
    figure = completion.of(rows)
    assert (figure.total, figure.done, figure.rate, figure.percent) == (3, 2, Fraction(2, 3), 67)
    assert figure.closed == ("WT-410724-0001", "WT-410724-0002")
    (town,) = [r for r in completion.table(rows) if r["JB"] == TOWN]
    assert town == {"JB": TOWN, "XZQDM": "410724", "XZDM": "410724104", "XZMC": "太山镇",
                    "LY": "", "WTS": 3, "XHS": 2, "WCL": D("0.666667"), "WCLBFB": 67,
                    "WTBH": ["WT-410724-0001", "WT-410724-0002", "WT-410724-0003"],
                    "XHWTBH": ["WT-410724-0001", "WT-410724-0002"]}


def test_groups_by_town_county_source_and_county_by_source():
    # County 410724: town A (太山镇) 巡察 P1 closed, P2 open; 卫片执法 J1 closed;
    #                town B (亢村镇) 卫片执法 J2 已整改 (not closed), J3 closed.
    # County 410725: town C 信访 X1 open.
    # town A 2/3 = 67 %, town B 1/2 = 50 %, town C 0/1 = 0 %;
    # county 410724 3/5 = 60 %, 410725 0/1 = 0 %;
    # source 信访 0/1, 卫片执法 2/3 = 67 %, 巡察 1/2 = 50 %; 410724×巡察 1/2, 410724×卫片执法 2/3.
    a, b = dict(town="410724104", name="太山镇"), dict(town="410724105", name="亢村镇")
    rows = [problem("P1", CLOSED, **a), problem("P2", OPEN, **a),
            problem("J1", CLOSED, source="卫片执法", **a),
            problem("J2", DONE, source="卫片执法", **b), problem("J3", CLOSED, source="卫片执法", **b),
            problem("X1", OPEN, county="410725", town="410725100", name="C镇", source="信访")]
    got = {(r["JB"], r["XZQDM"], r["XZDM"], r["LY"]): (r["XHS"], r["WTS"], r["WCLBFB"])
           for r in completion.table(rows)}
    assert got == {
        (TOWN, "410724", "410724104", ""): (2, 3, 67),
        (TOWN, "410724", "410724105", ""): (1, 2, 50),
        (TOWN, "410725", "410725100", ""): (0, 1, 0),
        (COUNTY, "410724", "", ""): (3, 5, 60),
        (COUNTY, "410725", "", ""): (0, 1, 0),
        (SOURCE, "", "", "信访"): (0, 1, 0),
        (SOURCE, "", "", "卫片执法"): (2, 3, 67),
        (SOURCE, "", "", "巡察"): (1, 2, 50),
        (COUNTY_SOURCE, "410724", "", "卫片执法"): (2, 3, 67),
        (COUNTY_SOURCE, "410724", "", "巡察"): (1, 2, 50),
        (COUNTY_SOURCE, "410725", "", "信访"): (0, 1, 0)}
    county = completion.by(COUNTY, rows)[("410724",)]
    assert county.problems == ("J1", "J2", "J3", "P1", "P2") and county.closed == ("J1", "J3", "P1")


def test_a_group_with_no_problems_is_reported_without_a_rate():
    rows = completion.table([], levels=(TOWN,), units={TOWN: [("410724", "410724106")]})
    assert rows == [{"JB": TOWN, "XZQDM": "410724", "XZDM": "410724106", "XZMC": "", "LY": "",
                     "WTS": 0, "XHS": 0, "WCL": None, "WCLBFB": None, "WTBH": [],
                     "XHWTBH": []}]
    assert completion.of([]).rate is None


@pytest.mark.parametrize("done, total, percent", [
    (2, 3, 67), (1, 3, 33), (1, 8, 13),  # 12.5 → 13: half up, not to even
    (1, 200, 1),  # 0.5 → 1
    (5, 8, 63),  # 62.5 → 63
    (0, 4, 0), (4, 4, 100), (0, 0, None)])
def test_whole_percent_is_rounded_half_up(done, total, percent):
    assert completion.half_up_percent(done, total) == percent


def test_a_blank_town_is_its_own_group_and_a_problem_is_counted_once():
    rows = [problem("W1", CLOSED, town="", name=""), problem("W1", CLOSED, town="", name="")]
    (town,) = completion.table(rows, levels=(TOWN,))
    assert (town["XZDM"], town["WTS"], town["XHS"], town["WCLBFB"]) == ("", 1, 1, 100)


def test_an_unknown_level_is_refused_by_name():
    with pytest.raises(completion.CompletionError) as caught:
        completion.by("村", [])
    assert "村" in str(caught.value) and caught.value.params == {"level": "村"}
