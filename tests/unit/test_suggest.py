"""The suggested verdict (JYPD), its sub-type (JYLX) and its reason (JYLY), rule by rule
(DESIGN.md §3.2), in English and Chinese, from the profile's data."""

import datetime as dt

import numpy as np
import pytest
import shapely

from farmland_guard.core import language, precheck, profiles, suggest
from farmland_guard.core.precheck import EXPIRED, LATE, MISUSED, VALID, Cover

RULES = suggest.Rules.of_profile()


def record(**values):
    base = {name: 0.0 for name in precheck.FIELDS}
    return {**base, "TBMJ_MU": 2.0, **values}


def cover(status=VALID, kind="农转用批文", number="豫政土〔2024〕12号", date=dt.date(2024, 5, 10),
          authority="河南省人民政府", mu=2.0):
    return Cover(status, kind, number, date, authority, mu)


@pytest.fixture(params=["en", "zh_CN"])
def lang(request):
    language.set_language(request.param)
    yield request.param[:2]
    language.set_language("en")


def said(lang, en, zh):
    return zh if lang == "zh" else en


def test_rules_are_data_in_the_national_profile():
    data = profiles.precheck_rules()
    assert data["tolerance_mu"] == RULES.tolerance_mu == 0.001
    assert "covered_share" not in data  # a share lets 0.5 亩 of a 1,000 亩 patch pass
    assert RULES.agricultural_tblx["ND"] == "农村道路" and "20" not in RULES.agricultural_tblx
    assert {"01", "1", "02", "03", "04", "KT", "SM", "ND", "SJ"} == set(RULES.agricultural_tblx)
    assert RULES.farmland_authorities == RULES.redline_authorities == ("国务院",)
    assert RULES.cultivated_basis == "net" and not RULES.adjustable_cultivated
    # a profile without its own [precheck] section uses the national rules
    assert profiles.precheck_rules("wpzf_tb") == profiles.precheck_rules("national") == data


# --- 1. agricultural change: by what it takes, whatever the approvals say ---------------

def test_agricultural_change_on_general_farmland_is_other_with_an_out_flow(lang):
    verdict, kind, reason = suggest.suggest(record(GDMJ=1.5, WFGMJ=1.5), "02", RULES)
    assert (verdict, kind) == ("其他", "农业结构调整")
    assert reason == said(lang, "suggested other (农业结构调整): agricultural change (02 园地); "
                                "1.5000 mu flow out of cultivated land (in/out balance)",
                          "建议其他（农业结构调整）：农业类变化（02 园地）；耕地流出 1.5000 亩（进出平衡）")


def test_agricultural_change_on_permanent_farmland_is_illegal_whatever_the_approvals(lang):
    verdict, kind, reason = suggest.suggest(
        record(GDMJ=2.0, JBNTMJ=1.2, PWMJ=2.0, PWFGL=1.0), "KT", RULES, covers=[cover()])
    assert (verdict, kind) == ("违法", "破坏/占用永久基本农田")
    assert reason == said(lang, "suspected violation (破坏/占用永久基本农田): agricultural change "
                                "(KT 坑塘) on 1.2000 mu of permanent basic farmland",
                          "疑似违法（破坏/占用永久基本农田）：农业类变化（KT 坑塘）"
                          "占用永久基本农田 1.2000 亩")


def test_change_to_cultivated_land_is_never_a_violation(lang):
    verdict, kind, reason = suggest.suggest(record(GDMJ=2.0, JBNTMJ=2.0), "01", RULES)
    assert (verdict, kind) == ("其他", "实地未变化(伪变化)")
    assert reason.startswith(said(lang, "suggested other (no real change)", "建议其他（实地未变化）"))
    verdict, kind, reason = suggest.suggest(record(GDMJ=0.5), "1", RULES)
    assert (verdict, kind) == ("其他", "耕地恢复")
    assert said(lang, "1.5000 mu flow into cultivated land", "耕地流入 1.5000 亩") in reason


@pytest.mark.parametrize("code", ["02", "03", "04", "KT", "SM", "SJ", "ND"])
def test_every_agricultural_type_off_farmland_is_other(code):
    verdict, kind, _ = suggest.suggest(record(), code, RULES)
    assert verdict == "其他" and kind == RULES.agricultural_tblx[code]


# --- 1. construction on any land ------------------------------------------------------------

@pytest.mark.parametrize("land", ["林地", "园地", "草地", "未利用地", "耕地"])
def test_construction_not_covered_is_illegal_on_any_land(land, lang):
    cultivated = 2.0 if land == "耕地" else 0.0
    verdict, kind, reason = suggest.suggest(
        record(GDMJ=cultivated, WFGMJ=cultivated, PWMJ=0.0), "20", RULES)
    assert (verdict, kind) == ("违法", "未批先建(未报即用)")
    assert reason == said(lang, "suspected violation (未批先建(未报即用)): 2.0000 mu not covered by "
                                f"any approval; of which cultivated land {cultivated:.4f} mu",
                          "疑似违法（未批先建(未报即用)）：2.0000 亩未被批准用地覆盖；"
                          f"其中耕地 {cultivated:.4f} 亩")


def test_without_approval_layer_construction_is_illegal_and_says_so(lang):
    verdict, _, reason = suggest.suggest(record(GDMJ=1.0, PWMJ=None, PWFGL=None, WFGMJ=None),
                                         "YH", RULES)
    assert verdict == "违法"
    assert said(lang, "(no approval layer given)", "（未提供批准用地图层）") in reason


def test_partly_covered_construction_is_more_used_than_approved(lang):
    verdict, kind, reason = suggest.suggest(
        record(TBMJ_MU=1000.0, GDMJ=800.0, PWMJ=999.5, WFGMJ=0.4), "20", RULES,
        covers=[cover(mu=999.5)])
    # 0.5 亩 of a 1,000 亩 patch is no corner: the old share rule let it pass as 合法
    assert (verdict, kind) == ("违法", "批少占多(超占)")
    assert said(lang, "approvals cover 999.5000 mu, 0.5000 mu of the patch is not covered",
                "批准用地仅覆盖 999.5000 亩，图斑另有 0.5000 亩未被覆盖") in reason


# --- 2. approvals: kind and date --------------------------------------------------------------

def test_fully_covered_by_a_valid_approval_is_legal_naming_the_document(lang):
    verdict, kind, reason = suggest.suggest(record(GDMJ=1.5, PWMJ=2.0, PWFGL=1.0), "20", RULES,
                                            covers=[cover()])
    assert (verdict, kind) == ("合法", "农转用批文")
    assert reason == said(lang, "suggested legal: approvals (农转用/征收批文 豫政土〔2024〕12号) cover "
                                "100.0% of the patch (2.0000 mu)",
                          "建议合法：批准用地（农转用/征收批文 豫政土〔2024〕12号）"
                          "覆盖图斑的 100.0%（2.0000 亩）")


def test_an_approval_after_the_after_image_makes_it_illegal_with_a_late_permit(lang):
    late = cover(LATE, number="获政土〔2024〕27号", date=dt.date(2025, 6, 1))
    verdict, kind, reason = suggest.suggest(record(GDMJ=1.0, WFGMJ=1.0, PWMJ=0.0), "20", RULES,
                                            covers=[late])
    assert (verdict, kind) == ("违法", "未批先建(未报即用)")
    assert said(lang, "农转用/征收批文 获政土〔2024〕27号 dated after the after-image",
                "农转用/征收批文 获政土〔2024〕27号批准日期晚于后时相") in reason
    assert "补办手续" in reason


def test_a_building_on_a_farm_facility_filing_changes_its_use(lang):
    facility = cover(MISUSED, kind="设施农用地备案", number="获设农备〔2024〕3号")
    verdict, kind, reason = suggest.suggest(record(PWMJ=0.0), "20", RULES, covers=[facility])
    assert (verdict, kind) == ("违法", "擅自改变用途")
    assert said(lang, "设施农用地备案 获设农备〔2024〕3号 covers farm facilities only",
                "设施农用地备案 获设农备〔2024〕3号仅覆盖设施农业用地") in reason


def test_an_expired_temporary_use_covers_nothing(lang):
    expired = cover(EXPIRED, kind="临时用地批复", number="获临〔2023〕5号")
    verdict, kind, reason = suggest.suggest(record(PWMJ=0.0), "DT", RULES, covers=[expired])
    assert (verdict, kind) == ("违法", "未批先建(未报即用)")
    assert said(lang, "临时用地批复 获临〔2023〕5号 expired before the after-image",
                "临时用地批复 获临〔2023〕5号在后时相前已到期") in reason


def test_an_approval_without_a_date_still_counts_and_says_so(lang):
    undated = cover(date=None, number=None)
    verdict, _, reason = suggest.suggest(record(PWMJ=2.0, PWFGL=1.0), "20", RULES,
                                         covers=[undated])
    assert verdict == "合法"
    assert said(lang, "the date of 农转用/征收批文 was not checked",
                "农转用/征收批文无批准日期，未核对批准时间") in reason


# --- 1. the absolute tolerance, 永农 and 红线 -------------------------------------------------

def test_a_remnant_under_the_tolerance_is_a_corner_not_a_violation(lang):
    verdict, _, reason = suggest.suggest(record(GDMJ=1.0, PWMJ=1.9995, WFGMJ=0.0005), "20",
                                         RULES, covers=[cover(mu=1.9995)])
    assert verdict == "合法"
    assert said(lang, "0.0005 mu left uncovered is a corner remnant, not a violation",
                "未覆盖 0.0005 亩属边角地，不计违法") in reason
    assert suggest.suggest(record(PWMJ=1.9989), "20", RULES)[0] == "违法"
    assert suggest.suggest(record(PWMJ=1.999), "20", RULES, covers=[cover()])[0] == "合法"


def test_covered_but_on_permanent_farmland_or_red_line_is_checked_by_hand(lang):
    for touched in ({"JBNTMJ": 0.5}, {"STHXMJ": 0.2}):
        verdict, kind, reason = suggest.suggest(record(PWMJ=2.0, PWFGL=1.0, **touched), "20",
                                                RULES, covers=[cover()])
        assert (verdict, kind) == ("需人工核查", None)
        assert reason.startswith(said(lang, "check by hand: approvals", "需人工核查：批准用地"))
    # unless the approval's authority may approve it (the profile's list)
    verdict, _, _ = suggest.suggest(record(PWMJ=2.0, PWFGL=1.0, JBNTMJ=0.5), "20", RULES,
                                    covers=[cover(authority="国务院")])
    assert verdict == "合法"


def test_base_land_already_construction_is_other_not_new_to_confirm(lang):
    verdict, kind, reason = suggest.suggest(record(PWMJ=0.0), "20", RULES, construction_mu=1.99)
    assert (verdict, kind) == ("其他", "非新增")
    assert reason == said(lang, "suggested other (not new, to confirm): 99.5% of the patch is "
                                "already construction land",
                          "建议其他（非新增，请确认）：图斑 99.5% 的基础地类已是建设用地")
    assert suggest.suggest(record(PWMJ=0.0), "20", RULES, construction_mu=1.5)[0] == "违法"


def test_no_geometry_and_land_use_gaps_are_said(lang):
    assert suggest.suggest(record(TBMJ_MU=None), "20", RULES) == (
        None, None, said(lang, "no geometry: nothing to suggest", "没有图形，无法给出建议"))
    _, _, reason = suggest.suggest(record(), "02", RULES, landuse_mu=1.5)
    assert reason.endswith(said(lang, "0.5000 mu of the patch lies outside the land-use layer",
                                "图斑有 0.5000 亩不在地类图斑范围内"))


def test_suggest_all_follows_the_overlay():
    square = shapely.box(113.60, 35.20, 113.601, 35.201)
    layers = precheck.Layers(np.array([square], dtype=object), np.array(["0102"], dtype=object),
                             approvals=[np.array([], dtype=object)])
    result = precheck.overlay(np.array([square, None], dtype=object), layers)
    (verdict, kind, reason), (none, _, why) = suggest.suggest_all(result, ["20", None], RULES)
    assert verdict == "违法" and kind == "未批先建(未报即用)"
    assert reason.startswith("suspected violation")
    assert none is None and why == "no geometry: nothing to suggest"
    assert suggest.suggest_all(precheck.overlay(np.array([], dtype=object), layers), [],
                               RULES) == []
