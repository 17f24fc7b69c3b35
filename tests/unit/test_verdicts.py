"""The verdict rules of DESIGN.md §3.4 and the workflow of §3.2, code by code."""

import pytest

from farmland_guard.core import codelists, verdicts

AREA = 10.0


HSX = "2025-03-01"


def rules(verdict, area=AREA, hsx=HSX):
    return {(v.field, v.rule) for v in verdicts.validate("410724SJBG25000001", verdict, area, hsx)}


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


LEGAL = {"PDLX": "合法", "HCHLX": "农转用批文", "PZWH": "豫政土〔2024〕12号", "PZJG": "河南省人民政府",
         "PZRQ": "2024-05-10", "PZMJ": 12.5}


@pytest.mark.parametrize("evidence", list(codelists.hchlx("合法")))
def test_legal_needs_evidence_number_authority_date_and_area(evidence):
    extra = {"YXQZ": "2026-12-31"} if evidence == "临时用地批复" else {}
    assert rules({**LEGAL, "HCHLX": evidence, **extra}) == set()
    for field in ("PZWH", "PZJG", "PZRQ", "PZMJ"):
        assert (field, "required") in rules({**LEGAL, "HCHLX": evidence, **extra, field: None})
    assert ("HCHLX", "required") in rules({**LEGAL, "HCHLX": None})


def test_a_temporary_use_needs_its_expiry_and_an_expired_one_covers_nothing():
    temporary = {**LEGAL, "HCHLX": "临时用地批复"}
    assert ("YXQZ", "required") in rules(temporary)
    assert rules({**temporary, "YXQZ": "2025-06-30"}) == set()
    assert ("YXQZ", "expired") in rules({**temporary, "YXQZ": "2025-01-31"})


def test_an_approval_after_the_after_image_is_refused_as_built_before_approval():
    assert ("PZRQ", "approved_after_image") in rules({**LEGAL, "PZRQ": "2025-03-02"})
    assert rules({**LEGAL, "PZRQ": "2025-03-01"}) == set()  # the same day is in time
    # an image month stands for any of its days: an approval within it is not refused
    assert rules({**LEGAL, "PZRQ": "2025-03-20"}, hsx="2025-03") == set()
    assert rules({**LEGAL, "PZRQ": "2026-01-01"}, hsx=None) == set()  # no image date: no check
    message = str(verdicts.validate("x", {**LEGAL, "PZRQ": "2025-04-01"}, AREA, HSX)[0])
    assert "未批先建" in message and "补办手续" in message


def test_an_approval_date_must_be_a_date():
    assert ("PZRQ", "date") in rules({**LEGAL, "PZRQ": "2024年5月10日"})
    assert ("PZRQ", "date") in rules({**LEGAL, "PZRQ": "2024-13-01"})


def test_an_approved_area_below_the_patch_warns_of_more_used_than_approved():
    assert verdicts.warnings("x", {**LEGAL, "PZMJ": 12.5}, AREA) == []
    (warning,) = verdicts.warnings("x", {**LEGAL, "PZMJ": 8}, AREA)
    assert (warning.field, warning.rule) == ("PZMJ", "approved_less") and "批少占多" in str(warning)
    assert rules({**LEGAL, "PZMJ": 8}) == set()  # a warning, not a refusal


def test_illegal_needs_an_area_above_zero_and_whether_it_counts():
    assert ("WFMJ", "required") in rules({**ILLEGAL, "WFMJ": 0, "WFGDMJ": 0, "WFSTMJ": 0,
                                          "WFJBNTMJ": 0})
    assert ("SFNRWFJS", "required") in rules({**ILLEGAL, "SFNRWFJS": None})
    assert rules({**ILLEGAL, "SFZDGC": "是"}) == set()  # a key project, exempt from the ratio
    assert ("SFZDGC", "codelist") in rules({**ILLEGAL, "SFZDGC": "Y"})
    assert verdicts.merge({}, {"PDLX": "违法"})["SFNRWFJS"] == "是"  # the default
    assert verdicts.merge({}, {"PDLX": "违法", "SFNRWFJS": "否"})["SFNRWFJS"] == "否"


def test_rectification_is_for_illegal_verdicts_and_moves_by_the_code_lists():
    assert rules({**ILLEGAL, "ZGCS": "补办手续", "ZGZT": "未整改"}) == set()
    assert ("ZGCS", "codelist") in rules({**ILLEGAL, "ZGCS": "已销号"})  # a state, not a measure
    assert ("ZGCS", "consistency") in rules({"PDLX": "其他", "HCHLX": "影像原因", "ZGCS": "罚款"})
    assert verdicts.check_rectification_move("x", None, "未整改") is None
    assert verdicts.check_rectification_move("x", "未整改", "整改中") is None
    assert verdicts.check_rectification_move("x", "已整改", "已销号") is None
    assert verdicts.check_rectification_move("x", "未整改", "已销号") is not None
    assert verdicts.check_rectification_move("x", "已销号", "未整改") is not None
    assert verdicts.check_rectification_move("x", None, "已销号") is not None


def test_a_locked_result_keeps_its_verdict_but_not_its_rectification():
    assert verdicts.check_editable("x", "通过", changed={"ZGZT"}) is None
    assert verdicts.check_editable("x", "已上报", changed={"ZGCS", "ZGZT"}) is None
    assert verdicts.check_editable("x", "通过", changed={"ZGZT", "WFMJ"}) is not None
    assert verdicts.check_editable("x", "通过", changed={"PDLX"}) is not None


@pytest.mark.parametrize("sub", list(codelists.hchlx("其他")))
def test_other_needs_its_sub_type(sub):
    assert rules({"PDLX": "其他", "HCHLX": sub}) == set()
    assert ("HCHLX", "required") in rules({"PDLX": "其他", "HCHLX": "违法"})


@pytest.mark.parametrize("changes, field", [
    ({"WFMJ": AREA + 0.011}, "WFMJ"),  # more than the patch, beyond the tolerance
    ({"WFGDMJ": 5.011}, "WFGDMJ"),  # 耕地 more than the illegal area
    ({"WFSTMJ": 4.02}, "WFSTMJ"),  # 水田 more than 耕地
    ({"WFJBNTMJ": 5.02}, "WFJBNTMJ"),  # 永农 more than the illegal area
])
def test_area_chain(changes, field):
    assert (field, "area") in rules({**ILLEGAL, **changes})


def test_tolerance_is_0_01_mu():
    assert rules({**ILLEGAL, "WFMJ": AREA + 0.01, "WFGDMJ": 4}) == set()
    assert rules({**ILLEGAL, "WFGDMJ": 5.01}) == set()


def test_farmland_is_bounded_by_the_illegal_area_not_by_the_cultivated_land():
    # 三调-era 永农 layers hold non-耕地: 3 亩 of 永农, 1 of it 耕地, is a valid verdict
    assert rules({**ILLEGAL, "WFGDMJ": 1, "WFSTMJ": 0, "WFJBNTMJ": 3}) == set()


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
    ("已上报", "内业完成", False), ("已上报", "市级通过", False),
])
def test_workflow(old, new, ok):
    assert (verdicts.check_move("x", old, new) is None) is ok


@pytest.mark.parametrize("old, new, ok", [
    ("已上报", "市级通过", True), ("已上报", "市级退回", True), ("已上报", "通过", False),
    ("市级通过", "通过", True), ("市级通过", "省级退回", True), ("市级退回", "已上报", True),
    ("市级退回", "通过", False), ("省级退回", "已上报", True),
])
def test_workflow_with_the_city_level(old, new, ok):
    assert (verdicts.check_move("x", old, new, city_level=True) is None) is ok
    order = list(codelists.workflow(city_level=True))
    assert order.index("已上报") < order.index("市级退回") < order.index("通过")


def test_the_city_level_is_a_profile_switch():
    from farmland_guard.core import profiles

    assert profiles.city_level() is False
    assert "市级通过" not in codelists.workflow()
    assert verdicts.combined_state(["已上报", "市级退回"]) == "市级退回"


@pytest.mark.parametrize("state, closed, locked", [
    ("已上报", False, True), ("通过", False, True), ("市级通过", False, True),
    ("省级退回", False, False),
    ("内业完成", False, False), ("内业完成", True, True),
])
def test_locks(state, closed, locked):
    assert (verdicts.check_editable("x", state, closed) is not None) is locked


def test_a_new_verdict_type_drops_what_only_the_old_one_had():
    legal = {"PDLX": "合法", "HCHLX": "供地", "PZWH": "获政供〔2024〕1号", "NYSM": "有批文"}
    other = verdicts.merge(legal, {"PDLX": "其他", "HCHLX": "影像原因"})
    assert other == {"PDLX": "其他", "HCHLX": "影像原因", "NYSM": "有批文"}
    illegal = verdicts.merge({**ILLEGAL, "ZGCS": "罚款", "SFZDGC": "否"}, {"PDLX": "其他"})
    assert not set(illegal) & {"WFMJ", "WFLX", "SFNRWFJS", "SFZDGC", "ZGCS"}
    assert verdicts.merge(ILLEGAL, {"WFMJ": 3})["WFLX"] == ILLEGAL["WFLX"]  # same type: kept


def test_code_lists_of_the_verdict():
    assert "宅基地审批" in codelists.hchlx("合法")
    other = codelists.hchlx("其他")
    assert {"光伏复合", "土地整治/高标准农田建设", "耕地恢复"} <= set(other)
    assert not {"设施农用地", "临时用地"} & set(other)  # evidence of a legal use, not 其他
    assert "破坏/占用永久基本农田" in codelists.wflx()
    assert list(codelists.zgcs()) == ["拆除复耕", "拆除复绿", "没收", "补办手续", "罚款", "其他"]
    assert list(codelists.zgzt()) == ["未整改", "整改中", "已整改", "已销号"]
    assert codelists.evidence_kind("农用地转用") == codelists.evidence_kind("农转用") == "农转用批文"
    assert codelists.evidence_kind("设施农用地") == "设施农用地备案"
    assert codelists.evidence_kind("不知道") is None


PRECHECKED = {"TBMJ_MU": 10.0, "PWMJ": 4.0, "GDMJ": 8.0, "GDJMJ": 7.6, "STMJ": 3.0,
              "STJMJ": 2.85, "JBNTMJ": 5.0, "WFGMJ": 5.0, "WFGJMJ": 4.75, "WPSTMJ": 2.0,
              "WPSTJMJ": 1.9, "WPJBNTMJ": 3.5, "TSSJ": "2025-04-01T10:00:00+08:00"}


def test_prefill_takes_what_the_approvals_leave_on_the_profile_basis():
    # net of 田坎 (the national default): 10 − 4 approved; 耕地 and 水田 net, 永农 uncovered
    assert verdicts.suggested_areas(PRECHECKED) == {
        "WFMJ": 6.0, "WFGDMJ": 4.75, "WFSTMJ": 1.9, "WFJBNTMJ": 3.5}
    assert verdicts.suggested_areas(PRECHECKED, net=False) == {
        "WFMJ": 6.0, "WFGDMJ": 5.0, "WFSTMJ": 2.0, "WFJBNTMJ": 3.5}
    # 永农 is not clipped to the 耕地: 3.5 亩 of 永农 over 4.75 of 耕地 stays 3.5, and the rule
    # bounds it by 违法面积 only
    filled = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "SFNRWFJS": "是",
              **verdicts.suggested_areas({**PRECHECKED, "WFGJMJ": 1.0, "WPSTJMJ": 0.5})}
    assert filled["WFJBNTMJ"] == 3.5 and rules(filled) == set()


def test_prefill_without_approvals_or_without_precheck():
    no_approvals = {**PRECHECKED, **{f: None for f in ("PWMJ", "WFGMJ", "WFGJMJ", "WPSTMJ",
                                                        "WPSTJMJ", "WPJBNTMJ")}}
    assert verdicts.suggested_areas(no_approvals) == {
        "WFMJ": 10.0, "WFGDMJ": 7.6, "WFSTMJ": 2.85, "WFJBNTMJ": 5.0}
    blank_kcxs = {**no_approvals, "GDJMJ": None, "STJMJ": None}  # net unknown: gross
    assert verdicts.suggested_areas(blank_kcxs)["WFGDMJ"] == 8.0
    assert verdicts.suggested_areas({"TBMJ_MU": 2.5, "TSSJ": None}) == {"WFMJ": 2.5}
