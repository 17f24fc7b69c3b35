"""The suggested verdict (JYPD) and its reason (JYLY), rule by rule, from the profile's data."""

import numpy as np
import pytest

from farmland_guard.core import language, precheck, profiles, suggest

RULES = suggest.Rules.of_profile()


def record(**values):
    base = {"TBMJ_MU": 2.0, "GDMJ": 0.0, "GDJMJ": 0.0, "STMJ": 0.0, "JBNTMJ": 0.0,
            "STHXMJ": 0.0, "PWMJ": 0.0, "PWFGL": 0.0, "WFGMJ": 0.0}
    return {**base, **values}


def test_rules_are_data_in_the_national_profile():
    data = profiles.precheck_rules()
    assert data["tolerance_mu"] == RULES.tolerance_mu == 0.001
    assert RULES.covered_share == 0.999
    assert RULES.agricultural_tblx["ND"] == "农村道路" and "20" not in RULES.agricultural_tblx
    # a profile without its own [precheck] section uses the national rules
    assert profiles.precheck_rules("wpzf_tb") == profiles.precheck_rules("national") == data


def test_fully_covered_by_approvals_suggests_legal():
    verdict, reason = suggest.suggest(record(GDMJ=1.5, PWMJ=2.0, PWFGL=1.0), "20", RULES)
    assert verdict == "合法"
    assert reason == "suggested legal: approvals cover 100.0% of the patch (2.0000 mu)"


def test_a_share_under_the_rule_is_not_fully_covered():
    verdict, _ = suggest.suggest(record(PWMJ=1.99, PWFGL=0.995), "20", RULES)
    assert verdict is None
    verdict, _ = suggest.suggest(record(TBMJ_MU=1000.0, PWMJ=999.5, PWFGL=0.9995), "20", RULES)
    assert verdict == "合法"  # 0.05 % of a large patch is within the covered share


def test_agricultural_change_without_farmland_suggests_other_with_its_sub_type():
    verdict, reason = suggest.suggest(record(), "02", RULES)
    assert verdict == "其他"
    assert reason.startswith("suggested other (农业结构调整): agricultural change (02 园地)")
    assert suggest.suggest(record(), "ND", RULES)[1].startswith("suggested other (农村道路)")
    assert suggest.suggest(record(JBNTMJ=0.5), "02", RULES)[0] is None  # touches 永农
    assert suggest.suggest(record(), "20", RULES)[0] is None  # a building is no farming


def test_uncovered_cultivated_land_is_a_suspected_violation_naming_the_remnant():
    verdict, reason = suggest.suggest(
        record(GDMJ=1.2, PWMJ=0.8, PWFGL=0.4, WFGMJ=0.4, JBNTMJ=0.3, STHXMJ=0.1), "20", RULES)
    assert verdict == "违法"
    assert reason == ("suspected violation: 0.4000 mu of cultivated land not covered by any "
                      "approval; permanent basic farmland 0.3000 mu; ecological red line "
                      "0.1000 mu")
    verdict, reason = suggest.suggest(record(GDMJ=1.0, PWMJ=None, PWFGL=None, WFGMJ=None),
                                      "01", RULES)
    assert verdict == "违法" and "(no approval layer given)" in reason


def test_a_remnant_under_the_tolerance_is_a_corner_not_a_violation():
    verdict, reason = suggest.suggest(record(GDMJ=1.0, PWMJ=1.9995, PWFGL=0.9998, WFGMJ=0.0005),
                                      "20", RULES)
    assert verdict == "合法"
    assert ("0.0005 mu of cultivated land left uncovered is a corner remnant, not a violation"
            in reason)
    verdict, _ = suggest.suggest(record(GDMJ=0.0011, WFGMJ=0.0011), "20", RULES)
    assert verdict == "违法"
    verdict, _ = suggest.suggest(record(GDMJ=0.001, WFGMJ=0.001), "20", RULES)
    assert verdict is None  # exactly the tolerance is still a corner


def test_no_geometry_and_land_use_gaps_are_said():
    assert suggest.suggest(record(TBMJ_MU=None), "20", RULES) == (
        None, "no geometry: nothing to suggest")
    _, reason = suggest.suggest(record(), "20", RULES, landuse_mu=1.5)
    assert reason.endswith("0.5000 mu of the patch lies outside the land-use layer")


def test_reasons_in_chinese():
    language.set_language("zh_CN")
    verdict, reason = suggest.suggest(record(GDMJ=1.0, WFGMJ=1.0, JBNTMJ=1.0), "20", RULES)
    assert verdict == "违法"
    assert reason == "疑似违法：1.0000 亩耕地未被批准用地覆盖；涉及永久基本农田 1.0000 亩"


def test_suggest_all_follows_the_overlay():
    import shapely

    square = shapely.box(113.60, 35.20, 113.601, 35.201)
    layers = precheck.Layers(np.array([square], dtype=object), np.array(["0102"], dtype=object),
                             approvals=[np.array([], dtype=object)])
    result = precheck.overlay(np.array([square, None], dtype=object), layers)
    (verdict, reason), (none, why) = suggest.suggest_all(result, ["20", None], RULES)
    assert verdict == "违法" and reason.startswith("suspected violation")
    assert none is None and why == "no geometry: nothing to suggest"
    assert suggest.suggest_all(precheck.overlay(np.array([], dtype=object), layers), [],
                               RULES) == []


@pytest.mark.parametrize("code", ["01", "1", "02", "03", "04", "KT"])
def test_every_agricultural_type_suggests_structure_adjustment(code):
    assert suggest.suggest(record(), code, RULES)[0] == "其他"
