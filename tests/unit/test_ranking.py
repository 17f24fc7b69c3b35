"""红黑榜 (core.ranking) on a worked example of five towns computed by hand: the figures, the
scores, the weighted totals, the ranks, a tie broken by the rule, the red and black lists; then
the rules read from the profile, the period, what is left out, and bad rules."""

import datetime as dt
from decimal import Decimal as D  # noqa: N817
from fractions import Fraction

import pytest

from farmland_guard.core import codelists, profiles, ranking
from farmland_guard.core.ranking import Patch, RankingError, Rules

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
IN = dt.date(2024, 6, 30)
CLOSED = [s for s, moves in codelists.zgzt().items() if not moves][0]  # 已销号
OPEN = next(iter(codelists.zgzt()))  # 未整改
A, B, C, E_, D_ = "410724101", "410724102", "410724103", "410724105", "410724104"


def patches(town, n, judged=0, illegal=(), early=0, name=""):
    """n patches of a town in the period: the first ``judged`` have a verdict, of which the
    first len(illegal) are 违法 with those 亩 of 耕地, the first ``early`` of them reported early."""
    out = []
    for i in range(n):
        bad = i < len(illegal)
        out.append(Patch(f"{town}-{i}", town, IN, judged=i < judged, illegal=bad,
                         farmland=D(str(illegal[i])) if bad else D(0), early=i < early,
                         name=name))
    return out


def problems(town, closed, still_open):
    return ([{"WTBH": f"{town}-W{i}", "XZDM": town, "ZGZT": CLOSED, "PDRQ": "2024-07-01"}
             for i in range(closed)]
            + [{"WTBH": f"{town}-O{i}", "XZDM": town, "ZGZT": OPEN, "PDRQ": "2024-07-01"}
               for i in range(still_open)])


# The worked example (weights 0.4 illegal, 0.2 verification, 0.3 rectification, 0.1 early):
#
# town | patches judged 违法 (耕地 亩)   early | problems closed
# A    | 6       6      5 (0.4 each = 2) 1     | 2        2
# B    | 4       3      1 (4)            0     | 2        1
# C    | 0       0      0 (0)            0     | 1        1
# D    | 4       2      2 (5 + 5 = 10)   0     | 2        0
# E    | 2       2      2 (2 + 2 = 4)    2     | 1        1
#
# figures:  illegal 亩 | verification | rectification | early
# A         2          | 6/6 = 1      | 2/2 = 1       | 1/5 = 0.2
# B         4          | 3/4 = 0.75   | 1/2 = 0.5     | 0/1 = 0
# C         0          | — (no patch) | 1/1 = 1       | — (no 违法 patch)
# D         10         | 2/4 = 0.5    | 0/2 = 0       | 0/2 = 0
# E         4          | 2/2 = 1      | 1/1 = 1       | 2/2 = 1
#
# scores, min–max (illegal inverted: 100 × (10 − v) ÷ 10; verification over 0.5..1;
# rectification over 0..1; early over 0..1):
# A  80 | 100 | 100 |  20   total 0.4×80 + 0.2×100 + 0.3×100 + 0.1×20 = 32 + 20 + 30 + 2 = 84
# B  60 |  50 |  50 |   0   total 24 + 10 + 15 + 0 = 49
# C 100 |  —  | 100 |  —    total (0.4×100 + 0.3×100) ÷ (0.4 + 0.3) = 70 ÷ 0.7 = 100
# D   0 |   0 |   0 |   0   total 0
# E  60 | 100 | 100 | 100   total 24 + 20 + 30 + 10 = 84
#
# ranks: 1 C (100), 2 A (84), 3 E (84: tied with A; A has less new illegal 耕地, 2 < 4),
#        4 B (49), 5 D (0). Red list (size 2): C, A; black list (size 2): D, B; E on neither.
def example():
    return ([*patches(A, 6, 6, [0.4] * 5, 1, "太山镇"), *patches(B, 4, 3, [4]),
             *patches(D_, 4, 2, [5, 5]), *patches(E_, 2, 2, [2, 2], 2)],
            [*problems(A, 2, 0), *problems(B, 1, 1), *problems(C, 1, 0), *problems(D_, 0, 2),
             *problems(E_, 1, 0)])


def test_the_worked_example_of_five_towns():
    rows, left = ranking.ranking(*example(), START, END,
                                 rules=Rules(red_size=2, black_size=2))
    got = [(r["PM"], r["DW"], r["BD"], r["ZF"], r["DF_WF"], r["DF_HS"], r["DF_ZG"], r["DF_ZB"])
           for r in rows]
    assert got == [
        (1, C, "红榜", D("100.00"), D("100.00"), None, D("100.00"), None),
        (2, A, "红榜", D("84.00"), D("80.00"), D("100.00"), D("100.00"), D("20.00")),
        (3, E_, "", D("84.00"), D("60.00"), D("100.00"), D("100.00"), D("100.00")),
        (4, B, "黑榜", D("49.00"), D("60.00"), D("50.00"), D("50.00"), D("0.00")),
        (5, D_, "黑榜", D("0.00"), D("0.00"), D("0.00"), D("0.00"), D("0.00"))]
    assert left == {"unassigned": [], "undated": [], "unassigned_problems": [],
                    "undated_problems": []}
    a = rows[1]
    assert a["ZF_EXACT"] == 84 and rows[2]["ZF_EXACT"] == 84  # a true tie, exactly
    assert (a["DWMC"], a["XZWFGDMJ"], a["TBS"], a["YPDS"], a["HSL"], a["WTS"], a["XHS"],
            a["ZGWCL"], a["ZGWCLBFB"], a["WFTBS"], a["ZBS"], a["ZBL"]) == (
        "太山镇", D("2.0000"), 6, 6, D("1.000000"), 2, 2, D("1.000000"), 100, 5, 1,
        D("0.200000"))
    assert a["WFTB"] == [f"{A}-{i}" for i in range(5)] and a["ZBTB"] == [f"{A}-0"]
    assert a["WTBH"] == [f"{A}-W0", f"{A}-W1"] == a["XHWTBH"]
    assert "410724105" in a["BZ"] and "新增违法耕地少者在前" in a["BZ"]  # how the tie was broken
    c = rows[0]
    assert (c["TBS"], c["HSL"], c["ZBL"], c["XZWFGDMJ"]) == (0, None, None, D("0.0000"))
    assert "核查率不计分" in c["BZ"] and "提前上报率不计分" in c["BZ"]
    b = rows[3]
    assert (b["HSL"], b["ZGWCL"], b["ZGWCLBFB"]) == (D("0.750000"), D("0.500000"), 50)


def test_national_list_sizes_fill_the_red_list_first():
    # red_size 3 and black_size 3 over 5 towns: red C, A, E; black the 2 left, B and D
    rows, _ = ranking.ranking(*example(), START, END, rules=Rules.of())
    assert [(r["DW"], r["BD"]) for r in rows] == [(C, "红榜"), (A, "红榜"), (E_, "红榜"),
                                                  (B, "黑榜"), (D_, "黑榜")]
    one, _ = ranking.ranking(patches(A, 1, 1), [], START, END, rules=Rules.of())
    assert [(r["DW"], r["BD"]) for r in one] == [(A, "红榜")]  # one unit: never on both


def test_a_missing_figure_scores_zero_under_the_zero_rule():
    # C: (0.4×100 + 0.2×0 + 0.3×100 + 0.1×0) ÷ 1 = 70, now below A and E (84)
    rows, _ = ranking.ranking(*example(), START, END, rules=Rules(missing="zero"))
    assert [(r["DW"], r["ZF"]) for r in rows] == [(A, D("84.00")), (E_, D("84.00")),
                                                  (C, D("70.00")), (B, D("49.00")),
                                                  (D_, D("0.00"))]


def test_the_tie_rule_comes_from_the_profile_order():
    # tie on the higher early share first: E (1) before A (0.2)
    rows, _ = ranking.ranking(*example(), START, END, rules=Rules(tie=("early", "unit")))
    assert [r["DW"] for r in rows][:3] == [C, E_, A]
    # equal in everything: the unit code decides
    twins = [*patches(B, 1, 1), *patches(A, 1, 1)]
    rows, _ = ranking.ranking(twins, [], START, END)
    assert [r["DW"] for r in rows] == [A, B] and rows[0]["ZF"] == D("100.00")


def test_the_national_rules_are_read_from_the_profile():
    rules = Rules.of()
    assert rules.weights == {"illegal": Fraction(2, 5), "verification": Fraction(1, 5),
                             "rectification": Fraction(3, 10), "early": Fraction(1, 10)}
    assert (rules.red_size, rules.black_size, rules.tie, rules.missing) == (
        3, 3, ("illegal", "rectification", "unit"), "reweight")
    assert profiles.ranking_rules()["weights"]["illegal"] == 0.4


@pytest.mark.parametrize("section, key", [
    ({"weights": {"illegal": -1}}, "weights.illegal"),
    ({"weights": {"speed": 1}}, "weights.speed"),
    ({"weights": {"illegal": 0, "early": 0}}, "weights"),
    ({"red_size": -1}, "red_size"), ({"black_size": "3"}, "black_size"),
    ({"tie": ["height"]}, "tie"), ({"missing": "half"}, "missing")])
def test_bad_rules_name_the_profile_key(monkeypatch, section, key):
    monkeypatch.setattr(profiles, "ranking_rules", lambda profile=None: section)
    with pytest.raises(RankingError) as caught:
        Rules.of("guangxi")
    assert caught.value.params["key"] == key and key in str(caught.value)


def test_the_period_and_what_is_left_out():
    rows_in = [Patch("P1", A, dt.date(2024, 1, 1), judged=True),  # the first day counts
               Patch("P2", A, dt.date(2024, 12, 31), judged=False),  # the last day too
               Patch("P3", A, dt.date(2025, 1, 1), judged=True, illegal=True,
                     farmland=D(9)),  # after: out
               Patch("P4", A, None), Patch("P5", "", IN)]
    found = [{"WTBH": "W1", "XZDM": "", "GLTB": '["P1"]', "ZGZT": CLOSED, "PDRQ": "2024-03-01"},
             {"WTBH": "W2", "XZDM": A, "ZGZT": OPEN, "PDRQ": "2023-12-31"},  # before: out
             {"WTBH": "W3", "XZDM": "", "ZGZT": OPEN, "PDRQ": "2024-03-01"},
             {"WTBH": "W4", "XZDM": A, "ZGZT": OPEN, "PDRQ": None}]
    (row,), left = ranking.ranking(rows_in, found, START, END)
    assert (row["TB"], row["YPDS"], row["XZWFGDMJ"], row["WTBH"]) == (
        ["P1", "P2"], 1, D("0.0000"), ["W1"])  # W1 placed through the patch it concerns
    assert left == {"unassigned": ["P5"], "undated": ["P4"], "unassigned_problems": ["W3"],
                    "undated_problems": ["W4"]}
    with pytest.raises(RankingError):
        ranking.ranking([], [], END, START)


def test_a_unit_key_of_tianzhang_and_units_with_nothing():
    # keyed by 乡级田长: the problem row has no XZTZ, so it goes with its patch's 田长
    ps = [Patch("P1", "张三", IN, judged=True), Patch("P2", "李四", IN, judged=False)]
    found = [{"WTBH": "W1", "XZDM": A, "GLTB": ["P2"], "ZGZT": CLOSED, "PDRQ": "2024-03-01"}]
    rows, _ = ranking.ranking(ps, found, START, END, key="XZTZ", units=["王五"])
    by = {r["DW"]: r for r in rows}
    assert by["李四"]["WTBH"] == ["W1"] and by["张三"]["WTBH"] == []
    assert by["王五"]["TBS"] == 0 and by["王五"]["ZF"] == D("100.00")  # no new illegal 耕地
