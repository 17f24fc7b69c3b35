"""Cases of a problem (core.cases): 立案, 挂牌督办, 约谈, 移送, 结案, rule by rule; and the 获嘉县
example: three problems found by one 巡察, two of them closed."""

import pytest

from farmland_guard.core import cases, rectification
from farmland_guard.core.cases import case_state, validate


def rules(**fields):
    return [(v.field, v.rule) for v in validate({"WTBH": "WT-410724-0002", **fields})]


def test_no_case_is_fine():
    assert rules() == []


def test_a_full_case_passes():
    assert rules(LABH="获自然资罚〔2025〕12号", LARQ="2025-04-01", GPJB="市", GPQX="2025-08-31",
                 YTRQ="2025-04-10", YTR="太山镇镇长", YSRQ="2025-05-01", YSDW="县纪委监委",
                 JARQ="2025-09-01") == []


@pytest.mark.parametrize("field", cases.DATES)
def test_dates_are_iso(field):
    fields = {"LABH": "12", "LARQ": "2025-04-01", "GPJB": "县", "YTR": "某人", "YSDW": "纪委",
              "YTRQ": "2025-04-02", "YSRQ": "2025-04-03"}
    fields[field] = "2025年4月"
    assert ("date" in [r for f, r in rules(**fields) if f == field])


def test_closed_not_before_opened():
    assert rules(LABH="1", LARQ="2025-04-01", JARQ="2025-03-31") == [
        ("JARQ", "closed_before_opened")]
    assert rules(LABH="1", LARQ="2025-04-01", JARQ="2025-04-01") == []
    found = validate({"WTBH": "WT-1", "LABH": "1", "LARQ": "2025-04-01", "JARQ": "2025-03-31"})
    assert str(found[0]) == ("problem WT-1, 结案日期 JARQ: closed on 2025-03-31, before the case "
                             "was opened (2025-04-01)")


def test_a_closed_case_was_opened():
    assert rules(JARQ="2025-04-01") == [("LARQ", "closed_without_case")]


def test_supervision_deadline_not_before_opened_when_both_given():
    assert rules(LABH="1", LARQ="2025-04-01", GPJB="省", GPQX="2025-03-01") == [
        ("GPQX", "deadline_before_opened")]
    assert rules(GPJB="省", GPQX="2025-03-01") == []  # not opened: nothing to compare


def test_the_level_comes_from_the_code_list():
    for level in ("部", "省", "市", "县"):
        assert rules(GPJB=level) == []
    assert rules(GPJB="乡") == [("GPJB", "codelist")]


def test_fields_that_go_in_pairs():
    assert rules(LABH="1") == [("LARQ", "case_pair")]
    assert rules(LARQ="2025-04-01") == [("LABH", "case_pair")]
    assert rules(YTRQ="2025-04-01") == [("YTR", "case_pair")]
    assert rules(YTR="镇长") == [("YTRQ", "case_pair")]
    assert rules(YSRQ="2025-04-01") == [("YSDW", "case_pair")]
    assert rules(YSDW="纪委") == [("YSRQ", "case_pair")]
    assert rules(GPQX="2025-04-01") == [("GPJB", "case_pair")]
    assert "立案日期" in validate({"WTBH": "W", "LABH": "1"})[0].message_in("zh")


@pytest.mark.parametrize("fields, state", [
    ({}, "未立案"),
    ({"LABH": "1", "LARQ": "2025-04-01"}, "已立案"),
    ({"LABH": "1", "LARQ": "2025-04-01", "GPJB": "市"}, "挂牌督办"),
    ({"LABH": "1", "LARQ": "2025-04-01", "GPJB": "市", "YSRQ": "2025-05-01", "YSDW": "纪委"},
     "已移送"),
    ({"LABH": "1", "LARQ": "2025-04-01", "YSRQ": "2025-05-01", "JARQ": "2025-06-01"}, "已结案"),
    ({"YTRQ": "2025-04-01", "YTR": "镇长"}, "未立案"),  # an interview alone opens no case
])
def test_case_state(fields, state):
    assert case_state(fields) == state
    assert state in cases.STATES


def test_the_huojia_example_three_problems_of_one_inspection_two_closed():
    """获嘉县: an inspection (巡察) found three problems; two were rectified and closed, one is
    still in progress past its deadline; one of the closed had a case opened and closed."""
    found = [{"WTBH": f"WT-410724-{n:04d}", "LY": "巡察", "ZGCS": ["拆除复耕"],
              "PDRQ": "2025-03-01", "ZGQX": "2025-06-30", "ZGZT": rectification.NOT_STARTED}
             for n in (1, 2, 3)]
    closed = {"ZGZT": rectification.CLOSED, "XHRQ": "2025-06-20", "XHR": "县自然资源局",
              "XHYY": "已拆除复耕，现场核实"}
    states = [rectification.RECTIFIED, rectification.RECTIFIED, rectification.IN_PROGRESS]
    for record, state in zip(found, states):
        moved = {**record, "ZGZT": rectification.IN_PROGRESS}
        assert rectification.validate(moved, record) == []
        done = {**moved, "ZGZT": state}
        assert rectification.validate(done, moved) == []
        record.update(done)
    for record in found[:2]:
        after = {**record, **closed}
        assert [v.rule for v in rectification.validate(after, record, evidence=0)] == [
            "close_evidence"]
        assert rectification.validate(after, record, evidence=1) == []
        record.update(after)
    found[0].update(LABH="获自然资罚〔2025〕3号", LARQ="2025-03-15", JARQ="2025-06-25")
    assert all(validate(r) == [] for r in found)
    assert sum(r["ZGZT"] == rectification.CLOSED for r in found) == 2
    assert [case_state(r) for r in found] == ["已结案", "未立案", "未立案"]
    assert [rectification.overdue(r, "2025-07-01") for r in found] == [False, False, True]
    assert round(100 * 2 / len(found)) == 67  # the report's 67 % (computed by core.completion)
