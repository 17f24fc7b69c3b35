"""What the GUI, Processing and the sync client read from a work store, one query per fact:
the queue and its progress, a patch's history, whether a file is a work store."""

import sqlite3

from farmland_guard.store import schema
from farmland_guard.store.history import History
from farmland_guard.store.queue import Queue
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore, schema_version

OTHER = {"PDLX": "其他", "HCHLX": "影像原因"}


def test_the_queue_lists_every_patch_with_what_its_filters_read(store):
    with WorkStore(store) as ws:
        rows = Queue(ws).rows()
        assert len(rows) == 120 and [r.jcbh for r in rows] == sorted(r.jcbh for r in rows)
        first = rows[0]
        assert (first.state, first.verdict, first.in_batch) == ("未核查", "", True)
        assert first.area_mu > 0 and first.qsx and first.hsx and first.qsx < first.hsx
        Verdicts(ws).save(first.jcbh, OTHER)
        again = Queue(ws).rows([first.jcbh, first.jcbh, rows[5].jcbh])
        assert [r.jcbh for r in again] == [first.jcbh, rows[5].jcbh]
        assert (again[0].state, again[0].verdict) == ("内业完成", "其他")
        assert len(Queue(ws).rows([r.jcbh for r in rows] * 10)) == 120  # past SQLite's limit


def test_progress_counts_the_batch_by_state(store):
    with WorkStore(store) as ws:
        jcbhs = [r.jcbh for r in Queue(ws).rows()]
        Verdicts(ws).label(jcbhs[:3], OTHER)
        with ws.transaction() as conn:  # a re-import left one out of the batch
            conn.execute("UPDATE patches SET PCZT = ? WHERE JCBH = ?", (schema.LEFT_BATCH, jcbhs[-1]))
        progress = Queue(ws).progress()
        assert progress.states == {"未核查": 116, "内业完成": 3}
        assert (progress.done, progress.total) == (3, 119)
        assert not Queue(ws).rows([jcbhs[-1]])[0].in_batch


def test_a_patchs_history_reads_as_values(store):
    with WorkStore(store) as ws:
        jcbh = Queue(ws).rows()[0].jcbh
        op = Verdicts(ws).save(jcbh, {**OTHER, "WFMJ": None})
        changes = History(ws).of(jcbh)
        assert {(c.field, c.old, c.new) for c in changes} == {
            ("PDLX", None, "其他"), ("HCHLX", None, "影像原因"), ("HCZT", "未核查", "内业完成")}
        assert {c.action for c in changes} == {"save"} and {c.op for c in changes} == {op}
        assert History(ws).patches_of(op) == [jcbh]


def test_schema_version_tells_a_work_store_from_other_files(store, tmp_path):
    assert schema_version(store) == schema.SCHEMA_VERSION
    other = tmp_path / "other.gpkg"
    sqlite3.connect(other).close()
    assert schema_version(other) is None
    assert schema_version(tmp_path / "missing.gpkg") is None
    text = tmp_path / "notes.gpkg"
    text.write_text("not a database")
    assert schema_version(text) is None
