"""What the 红黑榜 reads from a work store (store.ranking), on a store made by the importer with
verdicts saved as the plugin saves them (schema-6 tables added by tests/ranking_store.py until
schema 6 lands), and the ranking of it worked out by hand there."""

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from farmland_guard.core import ranking
from farmland_guard.core.ranking import RankingError
from farmland_guard.store import ranking as store_ranking
from tests import ranking_store
from tests.ranking_store import T1, T2, T3

START, END = dt.date(2025, 1, 1), dt.date(2025, 6, 30)


def test_patches_problems_and_units_read_from_the_store(store):
    p = ranking_store.build(store)
    patches, problems, units, missing = store_ranking.read(store)
    by = {x.jcbh: x for x in patches}
    assert missing == []
    assert units == [(T1, "太山镇"), (T2, "亢村镇"), (T3, "照镜镇")]
    assert (by[p[0]].unit, by[p[0]].judged, by[p[0]].illegal, by[p[0]].farmland,
            by[p[0]].early, by[p[0]].name) == (T1, True, True, Decimal("0.6"), True, "太山镇")
    assert (by[p[1]].judged, by[p[1]].illegal) == (True, False)
    assert (by[p[2]].early, by[p[3]].judged, by[p[5]].unit) == (False, False, "")
    assert by[p[4]].hsx == dt.date(2024, 12, 31)
    assert {r["WTBH"]: r["GLTB"] for r in problems}["P1"] == [p[0]]


def test_the_store_ranked_as_worked_out_by_hand(store):
    p = ranking_store.build(store)
    patches, problems, units, _ = store_ranking.read(store)
    rows, left = ranking.ranking(patches, problems, START, END, units=units)
    assert [(r["PM"], r["DW"], str(r["ZF"])) for r in rows] == ranking_store.EXPECTED
    t1 = rows[1]
    assert (t1["XZWFGDMJ"], t1["HSL"], t1["ZGWCLBFB"], t1["ZBL"], t1["WFTB"], t1["XHWTBH"]) == (
        Decimal("0.6000"), Decimal("1.000000"), 50, Decimal("1.000000"), [p[0]], ["P1"])
    # p6 and the demo's other patches have no town: listed, not ranked
    assert p[5] in left["unassigned"] and not set(p[:5]) & set(left["unassigned"])
    assert left["undated_problems"] == ["P4"]
    assert [r["BD"] for r in rows] == ["红榜"] * 3  # 3 units, red_size 3: the red list first


def test_by_township_tianzhang_through_the_grid(store):
    ranking_store.build(store)
    patches, problems, units, _ = store_ranking.read(store, "XZTZ")
    assert sorted(units) == sorted(["张三", "李四", "王五"])
    rows, _ = ranking.ranking(patches, problems, START, END, "XZTZ", units=units)
    assert [r["DW"] for r in rows] == ["王五", "张三", "李四"]


def test_patches_not_assigned_to_grids_are_listed_and_missing_layers_read_empty(store):
    with sqlite3.connect(store) as conn:
        conn.execute("DROP TABLE problems")
        count = conn.execute("SELECT COUNT(*) FROM patches").fetchone()[0]
    patches, problems, units, missing = store_ranking.read(store)
    assert problems == [] and missing == ["problems"] and units == []
    rows, left = ranking.ranking(patches, problems, START, END)
    assert rows == [] and len(left["unassigned"]) + len(left["undated"]) == count
    with pytest.raises(RankingError):
        store_ranking.read(store, "HEIGHT")
