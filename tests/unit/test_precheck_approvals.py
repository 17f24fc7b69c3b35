"""Approvals by kind and date, 永农 counted once, KCXS checked (issue 10, DESIGN.md §3.2, §6.3)."""

import datetime as dt
import json

import numpy as np
import pytest
import shapely

from farmland_guard.core import precheck, suggest
from farmland_guard.core.sources import SourceError
from tests.unit.test_precheck_overlay import box, ll

pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered in intersection")
RULES = suggest.Rules.of_profile()
HSX = dt.date(2025, 3, 1)
# Four patches of 100 m × 100 m (15 亩) on 旱地, each under one approval.
PATCHES = ll([box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100),
              box(600, 0, 700, 100)])
LANDUSE = precheck.Layers(ll([box(-10, -10, 710, 110)]), np.array(["0103"], dtype=object))


def approvals(kind, dates, expiry=None, numbers=None):
    shapes = ll([box(-5, -5, 105, 105), box(195, -5, 305, 105), box(395, -5, 505, 105),
                 box(595, -5, 705, 105)])
    n = len(shapes)
    return precheck.Approvals(shapes, np.array([kind] * n, dtype=object),
                              np.array(dates, dtype=object),
                              None if expiry is None else np.array(expiry, dtype=object),
                              np.array(numbers or [f"文{k}" for k in range(n)], dtype=object),
                              np.array(["河南省人民政府"] * n, dtype=object))


def run(layer, tblx=("20", "20", "20", "20"), hsx=HSX, **layers):
    context = precheck.Patches(np.array([hsx] * 4, dtype=object),
                               np.array([RULES.is_construction(t) for t in tblx]))
    given = precheck.Layers(LANDUSE.landuse, LANDUSE.dlbm, approvals=[layer], **layers)
    result = precheck.overlay(PATCHES, given, context=context)
    return result, suggest.suggest_all(result, list(tblx), RULES)


def test_an_approval_dated_after_the_after_image_covers_nothing():
    layer = approvals("农转用批文", [dt.date(2024, 5, 1), dt.date(2025, 3, 1), dt.date(2025, 3, 2),
                                 None], numbers=["豫政土〔2024〕1号", "豫政土〔2025〕2号",
                                                 "获政土〔2024〕27号", "豫政土〔2023〕9号"])
    result, suggestions = run(layer)
    pw = [result.record(k)["PWMJ"] for k in range(4)]
    assert pw[0] == pw[1] == pw[3] == result.record(0)["TBMJ_MU"] and pw[2] == 0.0
    assert [s[0] for s in suggestions] == ["合法", "合法", "违法", "合法"]
    assert "获政土〔2024〕27号" in suggestions[2][2] and "补办手续" in suggestions[2][2]
    assert "was not checked" in suggestions[3][2]  # no date: counted, and said
    assert [c.status for c in result.covers[2]] == [precheck.LATE]


def test_an_expired_temporary_use_covers_nothing():
    expiry = [dt.date(2026, 1, 1), dt.date(2025, 2, 28), None, dt.date(2025, 3, 1)]
    result, suggestions = run(approvals("临时用地批复", [dt.date(2024, 1, 1)] * 4, expiry))
    assert [s[0] for s in suggestions] == ["合法", "违法", "合法", "合法"]
    assert result.record(1)["PWMJ"] == 0.0
    assert "expired" in suggestions[1][2]


def test_a_farm_facility_filing_covers_farm_facilities_not_buildings():
    layer = approvals("设施农用地备案", [dt.date(2024, 1, 1)] * 4)
    result, suggestions = run(layer, tblx=("20", "KT", "YH", "02"))
    assert [s[:2] for s in suggestions] == [("违法", "擅自改变用途"), ("其他", "农业结构调整"),
                                            ("违法", "擅自改变用途"), ("其他", "农业结构调整")]
    assert result.record(1)["PWMJ"] == result.record(1)["TBMJ_MU"]  # a pond under a filing


def test_approvals_are_reported_by_kind_and_the_union_stays_one():
    first = approvals("农转用批文", [dt.date(2024, 1, 1)] * 4)
    second = approvals("供地", [dt.date(2024, 2, 1)] * 4)
    context = precheck.Patches(np.array([HSX] * 4, dtype=object), np.ones(4, dtype=bool))
    result = precheck.overlay(PATCHES, precheck.Layers(LANDUSE.landuse, LANDUSE.dlbm,
                                                       approvals=[first, second]),
                              context=context)
    area = result.record(0)["TBMJ_MU"]
    assert result.record(0)["PWMJ"] == area  # two approvals over one patch: counted once
    assert json.loads(result.pwfz(0)) == {"供地": area, "农转用批文": area}


def test_a_layer_without_kind_or_date_counts_as_an_undated_conversion():
    bare = precheck.Approvals(approvals("x", [None] * 4).geometries)
    result, suggestions = run(bare)
    assert [s[:2] for s in suggestions] == [("合法", "农转用批文")] * 4
    assert all("was not checked" in s[2] for s in suggestions)
    chosen = precheck.Approvals(bare.geometries, layer_kind="供地")
    _, suggestions = run(chosen)
    assert suggestions[0][1] == "供地"


def test_overlapping_farmland_and_red_line_never_exceed_the_patch():
    twice = ll([box(-5, -5, 105, 105), box(-5, -5, 105, 105), box(50, -5, 105, 105)])
    result, _ = run(approvals("农转用批文", [None] * 4), farmland=twice, redline=twice)
    area = result.record(0)["TBMJ_MU"]
    assert result.record(0)["JBNTMJ"] == result.record(0)["STHXMJ"] == area
    assert result.record(0)["JBNTGDMJ"] == area and result.record(0)["WPJBNTMJ"] == 0.0
    assert result.record(1)["JBNTMJ"] == 0.0


def test_farmland_on_non_cultivated_land_is_kept_apart():
    landuse = precheck.Layers(ll([box(-10, -10, 50, 110), box(50, -10, 710, 110)]),
                              np.array(["0103", "0301"], dtype=object))
    farmland = ll([box(-5, -5, 105, 105)])  # all of patch 0: half 旱地, half 林地
    result = precheck.overlay(PATCHES, precheck.Layers(landuse.landuse, landuse.dlbm,
                                                       farmland=farmland))
    record = result.record(0)
    assert record["JBNTMJ"] == record["TBMJ_MU"]
    assert record["JBNTGDMJ"] == record["GDMJ"] == pytest.approx(record["TBMJ_MU"] / 2, abs=2e-4)
    assert record["WPJBNTMJ"] is None  # no approvals given


def test_field_bank_coefficients_are_checked():
    fractions = precheck.field_bank_fractions([0.05, None, "", 0.1], False, "DLTB")
    assert fractions[0] == 0.05 and np.isnan(fractions[1]) and np.isnan(fractions[2])
    with pytest.raises(SourceError, match=r"DLTB.*KCXS.*BSM7"):
        precheck.field_bank_fractions([0.05, 8.0], False, "DLTB", ["BSM1", "BSM7"])
    assert list(precheck.field_bank_fractions([8.0, 0.05], True, "DLTB")) == [0.08, 0.05]
    with pytest.raises(SourceError):
        precheck.field_bank_fractions([-0.1], True, "DLTB")


def test_a_blank_coefficient_is_reported_and_leaves_the_net_area_empty():
    layers = precheck.Layers(ll([box(-10, -10, 250, 110), box(250, -10, 710, 110)]),
                             np.array(["0103", "0103"], dtype=object),
                             kcxs=np.array([0.1, np.nan]))
    result = precheck.overlay(PATCHES, layers)
    assert result.record(0)["GDJMJ"] == pytest.approx(result.record(0)["GDMJ"] * 0.9, abs=2e-4)
    assert result.record(2)["GDJMJ"] is None and result.record(2)["GDMJ"] > 0
    assert any("KCXS" in note for note in result.notes)


def test_adjustable_codes_are_cultivated_only_under_the_switch():
    layers = precheck.Layers(LANDUSE.landuse, np.array(["0102K"], dtype=object))
    assert precheck.overlay(PATCHES, layers).record(0)["GDMJ"] == 0.0
    switched = precheck.overlay(PATCHES, layers, adjustable_cultivated=True).record(0)
    assert switched["GDMJ"] == switched["TBMJ_MU"]


def test_farmland_cut_from_the_land_use_is_measured_without_a_union(monkeypatch):
    """永农 polygons that are 地类图斑 polygons (as 永农 is cut from the DLTB): the same pieces,
    taken without geometry, must give the figures of the exact union. Patches 0 and 2 are
    such; patches 1 and 3 have a 永农 polygon twice (on 旱地, on 林地): those are unioned."""
    from tests.unit.test_precheck_overlay import geodesic_mu

    xs = range(-60, 720, 60)
    cells = [box(x, y, x + 60, y + 60) for x in xs for y in (-60, 0, 60)]
    forest = [k for k, c in enumerate(cells) if c.bounds[0] == 600 and c.bounds[1] == 0]
    codes = np.array(["0301" if k in forest else "0103" for k in range(len(cells))], dtype=object)
    landuse = ll(cells)
    twice = [k for k, c in enumerate(cells) if c.bounds[0] == 240 and c.bounds[1] == 0]
    farmland = np.concatenate([landuse[::2], landuse[twice], landuse[forest]])
    approvals = precheck.Approvals(ll([box(30, -5, 90, 105), box(630, -5, 690, 105)]))
    clean = []
    spy = precheck._farmland

    def counted(*args):
        found = spy(*args)
        clean.append(list(found[3]))
        return found

    monkeypatch.setattr(precheck, "_farmland", counted)
    result = precheck.overlay(PATCHES, precheck.Layers(landuse, codes, farmland=farmland,
                                                       approvals=[approvals]))
    assert clean == [[True, False, True, False]]
    union = shapely.union_all(farmland)
    cultivated = shapely.union_all(landuse[codes == "0103"])
    covered = shapely.union_all(approvals.geometries)
    for k, patch in enumerate(PATCHES):
        record = result.record(k)
        in_farmland = shapely.intersection(patch, union)
        assert record["JBNTMJ"] == pytest.approx(geodesic_mu(in_farmland), abs=2e-4)
        assert record["JBNTGDMJ"] == pytest.approx(
            geodesic_mu(shapely.intersection(in_farmland, cultivated)), abs=2e-4)
        assert record["WPJBNTMJ"] == pytest.approx(
            geodesic_mu(shapely.difference(in_farmland, covered)), abs=2e-4)
