"""farmland_guard:batchlabel through Processing, with a QGIS filter expression."""

import sqlite3

import processing
import pytest
from qgis.core import QgsProcessingException

pytestmark = pytest.mark.usefixtures("provider")




def count(store, sql):
    with sqlite3.connect(store) as conn:
        return conn.execute(sql).fetchone()[0]


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


def test_one_invalid_verdict_and_nothing_is_written(store):
    with pytest.raises(QgsProcessingException, match="WFLX"):
        processing.run("farmland_guard:batchlabel", {"STORE": str(store), "PDLX": 1})
    assert count(store, "SELECT COUNT(*) FROM results") == 0


def test_a_bad_filter_is_a_message(store):
    with pytest.raises(QgsProcessingException, match="not a valid expression"):
        processing.run("farmland_guard:batchlabel", {"STORE": str(store), "PDLX": 2,
                                                     "HCHLX": "影像原因", "FILTER": "TBLX IN ("})
