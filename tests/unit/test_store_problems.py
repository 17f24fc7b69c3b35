"""The rectification ledger in a work store (store.problems), on a store made by the importer
with verdicts saved as the plugin saves them."""

import datetime as dt
import hashlib
import json
import sqlite3

import pytest
import shapely

from farmland_guard.core import rectification
from farmland_guard.core.ops import OpKind
from farmland_guard.core.rectification import RectificationError
from farmland_guard.store import gpkg, history
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.problems import Problems
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from tests.unit.test_workstore import back_to_schema_5

ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0}
TODAY = dt.date.today().isoformat()  # the store writes local time; the test runs now


def patches(store, n):
    with sqlite3.connect(store) as conn:
        return [r[0] for r in conn.execute(
            "SELECT JCBH FROM patches WHERE TBMJ_MU > 2 ORDER BY JCBH LIMIT ?", (n,))]


def county(ws):
    return ws.conn.execute("SELECT XZQDM FROM patches LIMIT 1").fetchone()[0]


def problem_ops(ws):
    return [(e, json.loads(d)) for e, d in ws.conn.execute(
        "SELECT entity_id, data FROM outbox WHERE kind = ? ORDER BY fid", (OpKind.PROBLEM.value,))]


def history_of(ws, wtbh):
    return [(a, f, history.decode(o), history.decode(n)) for a, f, o, n in ws.conn.execute(
        "SELECT action, field, old, new FROM history WHERE JCBH = ? ORDER BY fid", (wtbh,))]


@pytest.fixture()
def judged(store):
    """Two 违法 patches (one with 整改措施 补办手续, one in a town's grid) and one 合法."""
    a, b, c = patches(store, 3)
    with WorkStore(store) as ws:
        ws.conn.execute("UPDATE patches SET XZDM = '410724100', XZMC = '太山镇' WHERE JCBH = ?",
                        (b,))
        saved = Verdicts(ws)
        saved.save(a, {**ILLEGAL, "ZGCS": "补办手续"})
        saved.save(b, ILLEGAL)
        saved.save(c, {"PDLX": "合法", "HCHLX": "农转用批文", "PZWH": "豫政土〔2023〕1号",
                       "PZJG": "河南省人民政府", "PZRQ": "2023-01-01", "PZMJ": 1.0})
    return store, (a, b, c)


def test_derive_makes_one_problem_per_illegal_result(judged):
    store, (a, b, c) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        report = ledger.derive()
        assert report.created == [a, b] and report.refreshed == report.kept == []
        first = ledger.get(a)
        assert first["LY"] == "卫片执法" and first["GLTB"] == [a]
        assert first["ZGCS"] == ["补办手续"] and first["ZGZT"] == rectification.NOT_STARTED
        assert first["PDRQ"] == TODAY and first["version"] == 1
        assert first["XZQDM"] == ws.conn.execute(
            "SELECT XZQDM FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]
        assert ledger.get(b)["XZMC"] == "太山镇" and ledger.get(b)["ZGCS"] == []
        outline = gpkg.geometries([ws.conn.execute(
            "SELECT geom FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]])[0]
        assert ledger.geometry(a).equals(outline)
        assert [e for e, _ in problem_ops(ws)] == [a, b]
        assert ("problem", "LY", None, "卫片执法") in history_of(ws, a)
        # once more: nothing changed, nothing written
        assert ledger.derive().refreshed == []
        assert len(problem_ops(ws)) == 2
    with pytest.raises(RectificationError, match="no such problem"):
        with WorkStore(store) as ws:
            Problems(ws).get(c)


def test_a_derived_problem_follows_its_result_until_edited_by_hand(judged):
    store, (a, b, _) = judged
    with WorkStore(store) as ws:
        ledger, saved = Problems(ws), Verdicts(ws)
        ledger.derive()
        saved.save(a, {"ZGZT": "整改中", "ZGCS": "罚款"})
        report = ledger.derive()
        assert report.refreshed == [a]
        assert ledger.get(a)["ZGZT"] == "整改中" and ledger.get(a)["ZGCS"] == ["罚款"]
        assert ledger.get(a)["version"] == 2
        ledger.update(b, {"ZGZT": "整改中"})  # a person moves the problem
        saved.save(b, {"ZGZT": "已整改"})
        report = ledger.derive()
        assert report.kept == [b] and ledger.get(b)["ZGZT"] == "整改中"
        saved.save(b, {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"})
        assert ledger.derive().orphaned == [b]  # kept in the ledger, listed
        assert ledger.get(b)["WTBH"] == b


def test_create_a_complaint_with_a_point(judged):
    store, (a, _, _) = judged
    point = shapely.to_wkb(shapely.Point(113.65, 35.27))
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        code = county(ws)
        first = ledger.create({"LY": "信访", "WTMS": "村民反映有人在耕地上建房", "GLTB": [a],
                               "ZGQX": "2099-12-31", "ZRDW": "太山镇人民政府", "ZRR": "王五"},
                              point)
        second = ledger.create({"LY": "巡察", "WTMS": "巡察发现", "XZQDM": code,
                                "PDRQ": "2025-03-01"})
        assert (first, second) == (f"WT-{code}-0001", f"WT-{code}-0002")
        record = ledger.get(first)
        assert record["ZGZT"] == rectification.NOT_STARTED and record["PDRQ"] == TODAY
        assert record["created_by"] and record["version"] == 1 and record["GLTB"] == [a]
        assert ledger.geometry(first).equals(shapely.Point(113.65, 35.27))
        assert ledger.geometry(second) is None
        assert ws.conn.execute("SELECT COUNT(*) FROM rtree_problems_geom").fetchone() == (1,)
        assert problem_ops(ws)[0][1]["geom_wkb"] == point.hex()
        before = ws.conn.execute("SELECT COUNT(*) FROM problems").fetchone()
        with pytest.raises(RectificationError, match="问题来源 LY"):
            ledger.create({"LY": "群众举报"})
        with pytest.raises(RectificationError, match="point or a polygon"):
            ledger.create({"LY": "信访"}, shapely.to_wkb(shapely.LineString([(0, 0), (1, 1)])))
        with pytest.raises(RectificationError, match="no patch or parcel NOPE"):
            ledger.create({"LY": "信访", "GLTB": [a, "NOPE"]})
        with pytest.raises(RectificationError, match="deadline 2025-01-01 is before"):
            ledger.create({"LY": "督察", "PDRQ": "2025-03-01", "ZGQX": "2025-01-01"})
        assert ws.conn.execute("SELECT COUNT(*) FROM problems").fetchone() == before


def test_update_keeps_history_per_field_and_case(judged):
    store, (a, _, _) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        ledger.derive()
        op = ledger.update(a, {"ZGQX": "2099-06-30", "ZRDW": "太山镇", "ZGCS": ["拆除复耕", "罚款"],
                               "LABH": "获自然资罚〔2025〕1号", "LARQ": TODAY, "GPJB": "县"})
        record = ledger.get(a)
        assert record["version"] == 2 and record["ZGCS"] == ["拆除复耕", "罚款"]
        rows = [r for r in history_of(ws, a) if r[0] in ("problem", "case") and r[1] != "LY"]
        assert ("problem", "ZGQX", None, "2099-06-30") in rows
        assert ("case", "LABH", None, "获自然资罚〔2025〕1号") in rows
        assert ("case", "GPJB", None, "县") in rows
        assert ("problem", "GPJB", None, "县") not in rows
        assert problem_ops(ws)[-1][1]["version"] == 2
        with pytest.raises(RectificationError) as error:
            ledger.update(a, {"ZGQX": "2000-01-01"})
        assert error.value.params == {"wtbh": a, "field": "ZGQX"}
        with pytest.raises(RectificationError, match="结案日期 JARQ"):
            ledger.update(a, {"JARQ": "2000-01-01"})
        with pytest.raises(RectificationError, match="no field"):
            ledger.update(a, {"version": 9})
        with pytest.raises(RectificationError, match="关联图斑 GLTB"):
            ledger.update(a, {"GLTB": [a, "X-1"]})
        assert ledger.get(a)["version"] == 2
        ledger.replay(op, history.UNDO)  # undo, from the history
        assert ledger.get(a)["ZGQX"] is None and ledger.get(a)["LABH"] is None
        assert ledger.get(a)["ZGCS"] == ["补办手续"] and ledger.get(a)["version"] == 3


def test_closing_is_refused_without_evidence_then_accepted_with_one(judged, tmp_path):
    store, (a, _, _) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        ledger.derive()
        ledger.move(a, "整改中")
        ledger.move(a, "已整改")
        with pytest.raises(RectificationError) as error:
            ledger.close(a, TODAY, "", "已补办农转用手续")
        assert [(v.field, v.rule) for v in error.value.violations] == [
            ("XHR", "close_required"), ("evidence", "close_evidence")]
        assert str(error.value).startswith(f"problem {a}, 销号人 XHR")
        assert ledger.get(a)["ZGZT"] == "已整改"
        photo = tmp_path / "after.jpg"
        photo.write_bytes(b"\xff\xd8 rectified")
        ws.add_attachment(photo, a)
        assert ledger.evidence(a) == 1
        ledger.close(a, dt.date.today(), "李四", "已补办农转用手续")
        closed = ledger.get(a)
        assert (closed["ZGZT"], closed["XHR"], closed["XHRQ"]) == ("已销号", "李四", TODAY)
        assert ("xiaohao", "ZGZT", "已整改", "已销号") in history_of(ws, a)
        with pytest.raises(RectificationError, match="cannot go from 已销号"):
            ledger.move(a, "整改中")


def test_evidence_of_a_complaint_is_kept_under_its_number(judged, tmp_path):
    store, _ = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        wtbh = ledger.create({"LY": "信访", "ZGZT": "已整改"})
        document = tmp_path / "report.pdf"
        document.write_bytes(b"%PDF done")
        ws.add_attachment(document, wtbh)
        ledger.close(wtbh, TODAY, "赵六", "已复耕")
        assert ledger.get(wtbh)["ZGZT"] == "已销号"


def test_recheck_on_a_newer_image(judged):
    store, (a, b, _) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        ledger.derive()
        ledger.move(a, "整改中")
        ledger.recheck(a, dt.date(2099, 1, 15), ok=True)
        assert (ledger.get(a)["FCRQ"], ledger.get(a)["FCJG"], ledger.get(a)["ZGZT"]) == (
            "2099-01-15", "是", "已整改")
        ledger.recheck(a, "2099-02-15", ok=False)
        assert (ledger.get(a)["FCJG"], ledger.get(a)["ZGZT"]) == ("否", "整改中")
        ledger.recheck(b, "2099-02-15", ok=False)
        assert ledger.get(b)["ZGZT"] == rectification.NOT_STARTED
        with pytest.raises(RectificationError, match="FCRQ"):
            ledger.recheck(b, "last spring", ok=True)


def test_list_filters_by_source_state_overdue_case_and_town(judged):
    store, (a, b, _) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        ledger.derive()
        ledger.update(a, {"ZGQX": "2030-06-30"})
        ledger.update(b, {"ZGQX": "2030-06-30", "LABH": "1", "LARQ": TODAY, "GPJB": "市"})
        complaint = ledger.create({"LY": "信访", "ZGQX": "2030-06-30"})
        ledger.move(complaint, "已整改")
        assert [r["WTBH"] for r in ledger.list(source="卫片执法")] == [a, b]
        assert [r["WTBH"] for r in ledger.list(source="信访")] == [complaint]
        assert [r["WTBH"] for r in ledger.list(state="已整改")] == [complaint]
        late = ledger.list(overdue=True, today="2030-07-01")
        assert [r["WTBH"] for r in late] == [a, b]  # the rectified one is not overdue
        assert ledger.list(overdue=True, today="2030-06-30") == []
        assert [r["WTBH"] for r in ledger.list(overdue=False, today="2030-07-01")] == [complaint]
        assert [r["WTBH"] for r in ledger.list(case="挂牌督办")] == [b]
        assert [r["WTBH"] for r in ledger.list(town="太山镇")] == [b]
        assert [r["WTBH"] for r in ledger.list(town="410724100")] == [b]


def test_problem_ops_go_with_the_push_citing_their_evidence(judged, tmp_path):
    store, (a, b, _) = judged
    with WorkStore(store) as ws:
        outbox = Outbox(ws)
        pending = outbox.counts()["pending"]
        Problems(ws).derive()
        assert outbox.counts()["pending"] == pending + 2  # the server takes problems (0004)
        photo = tmp_path / "after.jpg"
        photo.write_bytes(b"\xff\xd8 rectified")
        ws.add_attachment(photo, a)
        chunk = outbox.next_chunk()
        problems = [op for op in chunk.ops if op["kind"] == OpKind.PROBLEM.value]
        assert sorted(op["id"] for op in problems) == sorted(e for e, _ in problem_ops(ws))
        cited = {op["id"]: op["data"]["attachments"] for op in problems}
        assert cited == {a: [hashlib.sha256(photo.read_bytes()).hexdigest()], b: []}


def test_a_version_5_store_migrates_and_keeps_a_ledger(judged):
    store, (a, b, _) = judged
    conn = sqlite3.connect(store)
    back_to_schema_5(conn)
    conn.execute("UPDATE store_meta SET value = '5' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == "6"
        assert Problems(ws).derive().created == [a, b]
    import pyogrio

    frame = pyogrio.read_dataframe(store, layer="problems")
    assert sorted(frame["WTBH"]) == [a, b] and frame.crs.to_epsg() == 4490


def test_an_illegal_parcel_is_its_own_problem(store):
    from farmland_guard.store.parcels import Parcels

    (a,) = patches(store, 1)
    with WorkStore(store) as ws:
        outline = gpkg.geometries([ws.conn.execute(
            "SELECT geom FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]])[0]
        minx, miny, maxx, maxy = outline.bounds
        line = shapely.LineString([((minx + maxx) / 2, miny - 0.001),
                                   ((minx + maxx) / 2, maxy + 0.001)])
        first, _ = Parcels(ws).cut(a, line)[:2]
        ws.conn.execute("UPDATE parcels SET XZDM = '410724101', XZMC = '亢村镇' WHERE DKBH = ?",
                        (first,))
        Verdicts(ws).save(first, {**ILLEGAL, "WFMJ": 0.5})
        ledger = Problems(ws)
        assert ledger.derive().created == [first]
        record = ledger.get(first)
        assert record["GLTB"] == [first] and record["XZMC"] == "亢村镇"
        parcel = gpkg.geometries([ws.conn.execute(
            "SELECT geom FROM parcels WHERE DKBH = ?", (first,)).fetchone()[0]])[0]
        assert ledger.geometry(first).equals(parcel)
        assert record["XZQDM"] == ws.conn.execute(
            "SELECT XZQDM FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]
