"""Verdicts in the work store: one transaction per action, history, undo/redo across a restart."""

import json
import sqlite3

import pytest

from farmland_guard.store import importer
from farmland_guard.store.history import History
from farmland_guard.store.results import VerdictError, Verdicts
from farmland_guard.store.workstore import WorkStore

ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFGDMJ": 0.5}
OTHER = {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"}




def ids(store):
    with sqlite3.connect(store) as conn:
        return [r[0] for r in conn.execute("SELECT JCBH FROM patches ORDER BY fid")]


def snapshot(store):
    with sqlite3.connect(store) as conn:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY fid").fetchall()
                for t in ("patches", "results", "history", "outbox")]


def test_save_writes_result_mirror_history_and_outbox(store):
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        Verdicts(ws).save(jcbh, ILLEGAL)
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT PDLX, WFLX, HCZT FROM patches WHERE JCBH = ?",
                            (jcbh,)).fetchone() == ("违法", "未批先建(未报即用)", "内业完成")
        rid, version, data = conn.execute("SELECT id, version, data FROM results").fetchone()
        assert version == 1 and json.loads(data)["WFMJ"] == 1.0 and len(rid) == 36
        fields = {r[0] for r in conn.execute("SELECT field FROM history WHERE action = 'save'")}
        assert fields == {"PDLX", "WFLX", "WFMJ", "WFGDMJ", "HCZT", "SFNRWFJS"}  # 是 by default
        kind, entity, base, payload = conn.execute(
            "SELECT kind, entity_id, base_version, data FROM outbox").fetchone()
        assert (kind, entity, base) == ("result", rid, 0) and json.loads(payload)["JCBH"] == jcbh


def test_a_bad_verdict_writes_nothing(store):
    before = snapshot(store)
    with WorkStore(store) as ws, pytest.raises(VerdictError) as error:
        Verdicts(ws).save(ids(store)[0], {"PDLX": "违法", "WFMJ": 9999})
    assert {v.field for v in error.value.violations} == {"WFLX", "WFMJ"}
    assert snapshot(store) == before


def test_batch_label_skips_judged_and_is_one_undo_step(store):
    patches = ids(store)
    with WorkStore(store) as ws:
        verdicts = Verdicts(ws)
        edits = History(ws, verdicts)
        verdicts.save(patches[0], ILLEGAL)
        done = verdicts.label(patches[:50], OTHER)
        assert (done.changed, done.skipped) == (49, 1)
        assert verdicts.current(patches[0])["PDLX"] == "违法"
        assert edits.undo() == done.op
        assert all(verdicts.current(j).get("PDLX") is None for j in patches[1:50])
        assert verdicts.current(patches[0])["PDLX"] == "违法"
        overwrite = verdicts.label(patches[:50], OTHER, overwrite=True)
        assert overwrite.changed == 50


def test_batch_label_is_all_or_nothing(store):
    patches = ids(store)
    before = snapshot(store)
    with WorkStore(store) as ws, pytest.raises(VerdictError):
        Verdicts(ws).label(patches[:50], {"PDLX": "违法", "WFLX": "其他", "WFMJ": 5.0})
    assert snapshot(store) == before  # 5 亩 fits some patches, not all: none is written


def test_undo_and_redo_survive_a_restart(store):
    jcbh = ids(store)[3]
    with WorkStore(store) as ws:
        Verdicts(ws).save(jcbh, ILLEGAL)
        Verdicts(ws).save(jcbh, {"WFMJ": 0.8})
    with WorkStore(store) as ws:  # QGIS was closed and opened again
        verdicts = Verdicts(ws)
        edits = History(ws, verdicts)
        edits.undo()
        assert verdicts.current(jcbh)["WFMJ"] == 1.0
        edits.undo()
        assert verdicts.current(jcbh) == {"HCZT": "未核查"}
        assert edits.undo() is None
    with WorkStore(store) as ws:
        verdicts = Verdicts(ws)
        edits = History(ws, verdicts)
        edits.redo()
        edits.redo()
        assert verdicts.current(jcbh)["WFMJ"] == 0.8
        assert edits.redo() is None
        edits.undo()
        verdicts.save(jcbh, {"WFMJ": 0.7})
        assert edits.redo() is None  # a new change drops what could be redone


def test_reported_results_are_read_only(store):
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        verdicts = Verdicts(ws)
        edits = History(ws, verdicts)
        verdicts.save(jcbh, ILLEGAL)
        verdicts.save(jcbh, {"HCZT": "已上报"})
        with pytest.raises(VerdictError, match="read-only"):
            verdicts.save(jcbh, {"WFMJ": 0.9})
        with pytest.raises(VerdictError, match="read-only"):
            edits.undo()
        with pytest.raises(VerdictError, match="cannot go from"):
            verdicts.save(ids(store)[1], {**OTHER, "HCZT": "通过"})


def test_verdicts_survive_a_reimport(store, demo_data):
    out, manifest = demo_data
    jcbh = ids(store)[0]
    with WorkStore(store) as ws:
        Verdicts(ws).save(jcbh, ILLEGAL)
    importer.run(out / manifest["patch_zip"], store)
    with WorkStore(store) as ws:
        assert Verdicts(ws).current(jcbh)["PDLX"] == "违法"


def test_labelling_illegal_fills_each_patch_from_its_own_precheck(store):
    first, second, third = ids(store)[:3]
    with WorkStore(store) as ws:
        ws.conn.execute("UPDATE patches SET PWMJ = 0.2, WFGMJ = 0.6, WFGJMJ = 0.55, WPSTMJ = 0.1, "
                        "WPSTJMJ = 0.09, WPJBNTMJ = 0.7, TSSJ = '2026-01-01' WHERE JCBH = ?",
                        (first,))
        verdicts = Verdicts(ws)
        area = {j: ws.conn.execute("SELECT TBMJ_MU FROM patches WHERE JCBH = ?", (j,)).fetchone()[0]
                for j in (first, second)}
        done = verdicts.label([first, second], {"PDLX": "违法", "WFLX": "未批先建(未报即用)"})
        assert done.changed == 2
        one = verdicts.current(first)
        assert (one["WFMJ"], one["WFGDMJ"], one["WFSTMJ"], one["WFJBNTMJ"]) == (
            round(area[first] - 0.2, 4), 0.55, 0.09, 0.7)  # net of 田坎, the national basis
        assert one["SFNRWFJS"] == "是"
        two = verdicts.current(second)  # no precheck: the whole patch
        assert two["WFMJ"] == round(area[second], 4) and "WFGDMJ" not in two
        # areas given in the batch are kept as given; one bad verdict and nothing is written
        with pytest.raises(VerdictError, match="WFMJ"):
            verdicts.label([third], {"PDLX": "违法", "WFLX": "其他", "WFMJ": 1e9})
        assert verdicts.current(third).get("PDLX") is None
