"""farmland_guard:batchlabel through Processing and qgis_process, with a QGIS filter expression;
coded parameters take the code itself or its index (DESIGN.md §6.3)."""

import json
import sqlite3

import processing
import pytest
from qgis.core import QgsProcessingException

from farmland_guard.core import verdicts
from farmland_guard.store import precheck as store_precheck

pytestmark = pytest.mark.usefixtures("provider")


def count(store, sql):
    with sqlite3.connect(store) as conn:
        return conn.execute(sql).fetchone()[0]


def results(store) -> dict:
    """JCBH -> the verdict saved for it."""
    with sqlite3.connect(store) as conn:
        return {jcbh: json.loads(data) for jcbh, data in
                conn.execute("SELECT JCBH, data FROM results")}


def test_labels_what_the_filter_selects(store):
    picked = count(store, "SELECT COUNT(*) FROM patches WHERE TBLX IN ('01', '02', '03')")
    result = processing.run("farmland_guard:batchlabel", {
        "STORE": str(store), "FILTER": "\"TBLX\" IN ('01', '02', '03')", "PDLX": 2,
        "HCHLX": "农业结构调整", "NOTE": "影像为农作物轮作"})
    assert result == {"CHANGED": picked, "SKIPPED": 0}
    assert count(store, "SELECT COUNT(*) FROM patches WHERE PDLX = '其他'") == picked
    again = processing.run("farmland_guard:batchlabel", {
        "STORE": str(store), "FILTER": "\"TBLX\" IN ('01', '02')", "PDLX": 2, "HCHLX": "撂荒"})
    assert again["CHANGED"] == 0 and again["SKIPPED"] > 0


def test_codes_and_indexes_alike(store):
    """PDLX=其他 as a person types it; the index of each code keeps working."""
    processing.run("farmland_guard:batchlabel", {
        "STORE": str(store), "FILTER": "\"TBLX\" = '01'", "PDLX": "其他", "HCHLX": "影像原因"})
    by_index = processing.run("farmland_guard:batchlabel", {
        "STORE": str(store), "FILTER": "\"TBLX\" = '02'", "PDLX": "2", "HCHLX": 12})
    assert by_index["CHANGED"] > 0
    saved = results(store)
    assert {(v["PDLX"], v["HCHLX"]) for v in saved.values()} == {("其他", "影像原因")}


@pytest.mark.parametrize("parameters, message", [
    ({"PDLX": "不知道"}, "PDLX: '不知道' is not one of the codes 合法、违法、其他 \\(or their index, "
                        "0 to 2\\)"),
    ({"PDLX": 3}, "PDLX: '3' is not one of the codes"),
    ({"PDLX": "违法", "WFLX": "乱建"}, "WFLX: '乱建' is not one of the codes 未批先建\\(未报即用\\)"),
    ({"PDLX": "其他", "HCHLX": "影像原因", "SFZDGC": "是"}, "SFZDGC only go with PDLX=违法"),
])
def test_an_unknown_code_is_refused_by_name(store, parameters, message):
    with pytest.raises(QgsProcessingException, match=message):
        processing.run("farmland_guard:batchlabel", {"STORE": str(store), **parameters})
    assert count(store, "SELECT COUNT(*) FROM results") == 0


def test_one_invalid_verdict_and_nothing_is_written(store):
    with pytest.raises(QgsProcessingException, match="WFLX"):
        processing.run("farmland_guard:batchlabel", {"STORE": str(store), "PDLX": 1})
    assert count(store, "SELECT COUNT(*) FROM results") == 0


def test_a_bad_filter_is_a_message(store):
    with pytest.raises(QgsProcessingException, match="not a valid expression"):
        processing.run("farmland_guard:batchlabel", {"STORE": str(store), "PDLX": 2,
                                                     "HCHLX": "影像原因", "FILTER": "TBLX IN ("})


def test_illegal_takes_each_patch_areas_from_its_precheck(store, demo_data):
    out, manifest = demo_data
    base = out / manifest["base_file"]
    store_precheck.run(store, f"{base}|layername=DLTB", f"{base}|layername=YJJBNT",
                       approvals=[f"{base}|layername={n}" for n in ("NZY", "GDXM")])
    suspected = count(store, "SELECT COUNT(*) FROM patches WHERE JYPD = '违法'")
    assert suspected > 1
    done = processing.run("farmland_guard:batchlabel", {
        "STORE": str(store), "FILTER": "\"JYPD\" = '违法'", "PDLX": "违法",
        "WFLX": "未批先建(未报即用)"})
    assert done == {"CHANGED": suspected, "SKIPPED": 0}
    with sqlite3.connect(store) as conn:
        names = ", ".join(verdicts.PREFILL_FIGURES)
        figures = {row[0]: dict(zip(verdicts.PREFILL_FIGURES, row[1:])) for row in conn.execute(
            f"SELECT JCBH, {names} FROM patches WHERE JYPD = '违法'")}
    saved = results(store)
    assert saved.keys() == figures.keys()
    distinct = set()
    for jcbh, verdict in saved.items():
        want = verdicts.suggested_areas(figures[jcbh])  # net of 田坎, as the national profile
        assert verdict["WFMJ"] == pytest.approx(want["WFMJ"], abs=1e-4) and verdict["WFMJ"] > 0
        assert verdict["WFGDMJ"] == pytest.approx(want["WFGDMJ"], abs=1e-4)
        assert verdict["WFJBNTMJ"] == pytest.approx(want["WFJBNTMJ"], abs=1e-4)
        assert (verdict["SFNRWFJS"], verdict["SFZDGC"]) == ("是", "否")
        distinct.add(verdict["WFMJ"])
    assert len(distinct) > 1  # each patch its own


def test_qgis_process_takes_the_codes(store, qgis_process):
    def label(*parameters):
        return qgis_process("run", "farmland_guard:batchlabel", "--", f"STORE={store}",
                            *parameters)

    other = label("FILTER=\"TBLX\" = '01'", "PDLX=其他", "HCHLX=影像原因")
    assert other.returncode == 0, other.stdout + other.stderr
    by_index = label("FILTER=\"TBLX\" = '02'", "PDLX=2", "HCHLX=影像原因")
    assert by_index.returncode == 0, by_index.stdout + by_index.stderr
    illegal = label("FILTER=\"TBLX\" = '20'", "PDLX=违法", "WFLX=未批先建(未报即用)",
                    "SFZDGC=是")
    assert illegal.returncode == 0, illegal.stdout + illegal.stderr
    refused = label("PDLX=违法", "WFLX=乱建")
    assert refused.returncode != 0
    assert "WFLX: '乱建' is not one of the codes 未批先建(未报即用)" in refused.stderr
    saved = results(store)
    with sqlite3.connect(store) as conn:
        tblx = dict(conn.execute("SELECT JCBH, TBLX FROM patches"))
    assert {tblx[j] for j in saved} == {"01", "02", "20"}
    for jcbh, verdict in saved.items():
        if tblx[jcbh] == "20":
            assert (verdict["PDLX"], verdict["WFLX"], verdict["SFZDGC"]) == ("违法",
                                                                              "未批先建(未报即用)", "是")
            assert verdict["WFMJ"] > 0  # the patch area: no precheck ran
        else:
            assert (verdict["PDLX"], verdict["HCHLX"]) == ("其他", "影像原因")
