"""The rules of a problem of the rectification ledger (core.rectification), rule by rule, on
hand-made records."""

import datetime as dt

import pytest

from farmland_guard.core import codelists, rectification
from farmland_guard.core.rectification import (
    CLOSED,
    IN_PROGRESS,
    NOT_STARTED,
    RECTIFIED,
    RectificationError,
    check,
    overdue,
    validate,
)


def problem(**fields):
    base = {"WTBH": "WT-410724-0001", "LY": "巡察", "ZGCS": ["拆除复耕"], "ZGZT": NOT_STARTED,
            "PDRQ": "2025-03-01", "ZGQX": "2025-06-30"}
    return {**base, **fields}


def rules(record, old=None, evidence=0):
    return [(v.field, v.rule) for v in validate(record, old, evidence)]


def test_the_code_lists_hold_the_sources_and_the_levels():
    assert list(codelists.wtly()) == ["卫片执法", "巡察", "督察", "信访", "查缺补漏", "撂荒非粮化检查"]
    assert list(codelists.gpjb()) == ["部", "省", "市", "县"]
    assert (NOT_STARTED, IN_PROGRESS, RECTIFIED, CLOSED) == tuple(codelists.zgzt())
    assert rectification.SATELLITE == "卫片执法"


def test_a_good_problem_passes():
    assert validate(problem()) == []
    check(problem())


@pytest.mark.parametrize("source", [None, "", "群众举报", "卫片"])
def test_the_source_comes_from_the_code_list(source):
    assert rules(problem(LY=source)) == [("LY", "codelist")]


def test_every_measure_comes_from_the_code_list():
    assert rules(problem(ZGCS=["拆除复耕", "罚款"])) == []
    assert rules(problem(ZGCS='["没收"]')) == []  # as the store keeps it
    assert rules(problem(ZGCS="补办手续")) == []  # one, as a result keeps it
    assert rules(problem(ZGCS=["拆除复耕", "恢复原状"])) == [("ZGCS", "codelist")]
    assert "恢复原状" in str(validate(problem(ZGCS=["恢复原状"]))[0])


def test_the_state_comes_from_the_code_list_and_moves_as_it_allows():
    assert rules(problem(ZGZT="整改完毕")) == [("ZGZT", "codelist")]
    assert rules(problem(ZGZT=IN_PROGRESS), old=problem()) == []
    assert rules(problem(ZGZT=RECTIFIED), old=problem(ZGZT=IN_PROGRESS)) == []
    # 未整改 cannot jump to 已销号, a closed one cannot reopen
    assert rules(problem(ZGZT=CLOSED, XHRQ="2025-05-01", XHR="张三", XHYY="已复耕"),
                 old=problem(), evidence=1) == [("ZGZT", "workflow")]
    assert rules(problem(ZGZT=IN_PROGRESS), old=problem(ZGZT=CLOSED)) == [("ZGZT", "workflow")]


def test_a_deadline_before_the_verdict_date_is_refused_naming_the_problem():
    found = validate(problem(ZGQX="2025-02-28"))
    assert [(v.wtbh, v.field, v.rule) for v in found] == [
        ("WT-410724-0001", "ZGQX", "deadline_before_verdict")]
    assert str(found[0]) == ("problem WT-410724-0001, 整改期限 ZGQX: the deadline 2025-02-28 is "
                             "before the verdict (finding) date 2025-03-01")
    assert rules(problem(ZGQX="2025-03-01")) == []  # the same day is allowed
    with pytest.raises(RectificationError) as error:
        check(problem(ZGQX="2025-02-28"))
    assert error.value.rule == "deadline_before_verdict" and error.value.params["field"] == "ZGQX"
    assert "整改期限 2025-02-28 早于判定（发现）日期 2025-03-01" in error.value.message("zh")


@pytest.mark.parametrize("field", ["ZGQX", "PDRQ", "XHRQ", "FCRQ"])
def test_dates_are_iso(field):
    assert rules(problem(**{field: "2025/13/01"})) == [(field, "date")]


def test_closing_needs_date_person_reason_and_evidence():
    done = problem(ZGZT=RECTIFIED)
    closing = problem(ZGZT=CLOSED)
    assert rules(closing, old=done, evidence=0) == [
        ("XHRQ", "close_required"), ("XHR", "close_required"), ("XHYY", "close_required"),
        ("evidence", "close_evidence")]
    complete = problem(ZGZT=CLOSED, XHRQ="2025-06-01", XHR="李四", XHYY="已拆除复耕，现场核实")
    assert rules(complete, old=done, evidence=0) == [("evidence", "close_evidence")]
    assert "at least one attachment" in str(validate(complete, old=done)[0])
    assert rules(complete, old=done, evidence=1) == []
    # a closed problem edited again (a note) is not closed a second time
    assert rules({**complete, "WTMS": "补记"}, old=complete, evidence=0) == []


def test_closing_before_the_verdict_date_is_refused():
    done = problem(ZGZT=RECTIFIED)
    early = problem(ZGZT=CLOSED, XHRQ="2025-02-01", XHR="李四", XHYY="已复耕")
    assert rules(early, old=done, evidence=2) == [("XHRQ", "closed_before_verdict")]


def test_a_recheck_says_yes_or_no_on_a_dated_image():
    assert rules(problem(FCJG="是", FCRQ="2025-07-15")) == []
    assert rules(problem(FCJG="否", FCRQ="2025-07-15")) == []
    assert rules(problem(FCJG="到位", FCRQ="2025-07-15")) == [("FCJG", "codelist")]
    assert rules(problem(FCJG="是")) == [("FCRQ", "required")]
    assert rules(problem(FCJG="是", FCRQ="July")) == [("FCRQ", "date")]


def test_a_problem_needs_its_number():
    assert rules(problem(WTBH="")) == [("WTBH", "required")]


@pytest.mark.parametrize("state, deadline, today, late", [
    (NOT_STARTED, "2025-06-30", "2025-07-01", True),
    (IN_PROGRESS, "2025-06-30", "2025-07-01", True),
    (NOT_STARTED, "2025-06-30", "2025-06-30", False),  # due today: not yet overdue
    (RECTIFIED, "2025-06-30", "2025-07-01", False),
    (CLOSED, "2025-06-30", "2025-07-01", False),
    (NOT_STARTED, None, "2025-07-01", False),  # no deadline, nothing overdue
    (NOT_STARTED, "soon", "2025-07-01", False),
])
def test_overdue(state, deadline, today, late):
    assert overdue(problem(ZGZT=state, ZGQX=deadline), today) is late
    assert overdue(problem(ZGZT=state, ZGQX=deadline), dt.date.fromisoformat(today)) is late


def test_measures_read_every_spelling():
    assert rectification.measures(None) == []
    assert rectification.measures("") == []
    assert rectification.measures("罚款") == ["罚款"]
    assert rectification.measures('["罚款", "没收"]') == ["罚款", "没收"]
    assert rectification.measures(("罚款",)) == ["罚款"]
