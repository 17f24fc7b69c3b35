"""The verdict rules of DESIGN.md §3.4 and the workflow of §3.2, code by code."""

import pytest

from farmland_guard.core import codelists, verdicts

AREA = 10.0


def rules(verdict, area=AREA):
    return {(v.field, v.rule) for v in verdicts.validate("410724SJBG25000001", verdict, area)}


ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 5, "WFGDMJ": 4, "WFSTMJ": 1,
           "WFJBNTMJ": 2, "SFNRWFJS": "是"}


def test_a_complete_illegal_verdict_passes():
    assert rules(ILLEGAL) == set()


@pytest.mark.parametrize("kind", list(codelists.wflx()))
def test_every_kind_of_violation_is_accepted(kind):
    assert rules({**ILLEGAL, "WFLX": kind}) == set()


def test_illegal_needs_its_kind():
    assert ("WFLX", "required") in rules({**ILLEGAL, "WFLX": None})
    assert ("WFLX", "required") in rules({**ILLEGAL, "WFLX": "乱建"})


@pytest.mark.parametrize("evidence", list(codelists.hchlx("合法")))
def test_legal_needs_evidence_and_approval_number(evidence):
    assert rules({"PDLX": "合法", "HCHLX": evidence, "PZWH": "豫政土〔2024〕12号"}) == set()
    assert ("PZWH", "required") in rules({"PDLX": "合法", "HCHLX": evidence})
    assert ("HCHLX", "required") in rules({"PDLX": "合法", "PZWH": "x"})


@pytest.mark.parametrize("sub", list(codelists.hchlx("其他")))
def test_other_needs_its_sub_type(sub):
    assert rules({"PDLX": "其他", "HCHLX": sub}) == set()
    assert ("HCHLX", "required") in rules({"PDLX": "其他", "HCHLX": "违法"})


@pytest.mark.parametrize("changes, field", [
    ({"WFMJ": AREA + 0.011}, "WFMJ"),  # more than the patch, beyond the tolerance
    ({"WFGDMJ": 5.011}, "WFGDMJ"),  # 耕地 more than the illegal area
    ({"WFSTMJ": 4.02}, "WFSTMJ"),  # 水田 more than 耕地
    ({"WFJBNTMJ": 4.02}, "WFJBNTMJ"),  # 永农 more than 耕地
])
def test_area_chain(changes, field):
    assert (field, "area") in rules({**ILLEGAL, **changes})


def test_tolerance_is_0_01_mu():
    assert rules({**ILLEGAL, "WFMJ": AREA + 0.01, "WFGDMJ": 4}) == set()
    assert rules({**ILLEGAL, "WFGDMJ": 5.01}) == set()


def test_bad_numbers_and_signs():
    assert ("WFMJ", "number") in rules({**ILLEGAL, "WFMJ": "五亩"})
    assert ("WFGDMJ", "number") in rules({**ILLEGAL, "WFGDMJ": -1})


def test_only_illegal_verdicts_carry_illegal_areas():
    assert ("WFMJ", "consistency") in rules({"PDLX": "其他", "HCHLX": "影像原因", "WFMJ": 1})


def test_codelist_values():
    assert ("PDLX", "codelist") in rules({"PDLX": "可能违法"})
    assert ("SFNRWFJS", "codelist") in rules({**ILLEGAL, "SFNRWFJS": "Y"})


def test_messages_name_patch_field_and_rule():
    violation = verdicts.validate("410724SJBG25000001", {**ILLEGAL, "WFMJ": 99}, AREA)[0]
    text = str(violation)
    assert "410724SJBG25000001" in text and "WFMJ" in text and "0.01" in text


@pytest.mark.parametrize("old, new, ok", [
    ("未核查", "内业完成", True), ("内业完成", "待外业", True), ("待外业", "已举证", True),
    ("已举证", "已上报", True), ("已上报", "省级退回", True), ("省级退回", "已上报", True),
    ("已上报", "通过", True), ("未核查", "已上报", False), ("通过", "内业完成", False),
    ("已上报", "内业完成", False),
])
def test_workflow(old, new, ok):
    assert (verdicts.check_move("x", old, new) is None) is ok


@pytest.mark.parametrize("state, closed, locked", [
    ("已上报", False, True), ("通过", False, True), ("省级退回", False, False),
    ("内业完成", False, False), ("内业完成", True, True),
])
def test_locks(state, closed, locked):
    assert (verdicts.check_editable("x", state, closed) is not None) is locked


def test_a_new_verdict_type_drops_what_only_the_old_one_had():
    legal = {"PDLX": "合法", "HCHLX": "供地", "PZWH": "获政供〔2024〕1号", "NYSM": "有批文"}
    other = verdicts.merge(legal, {"PDLX": "其他", "HCHLX": "影像原因"})
    assert other == {"PDLX": "其他", "HCHLX": "影像原因", "NYSM": "有批文"}
    illegal = verdicts.merge(ILLEGAL, {"PDLX": "其他"})
    assert "WFMJ" not in illegal and "WFLX" not in illegal
    assert verdicts.merge(ILLEGAL, {"WFMJ": 3})["WFLX"] == ILLEGAL["WFLX"]  # same type: kept
