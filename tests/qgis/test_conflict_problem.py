"""A problem's conflict (整改台账, issue 17) in the dialog: the ledger's fields and the location
side by side; a field-by-field choice writes the server's copy in and sends the chosen fields
back on the server's version."""

import json

import shapely
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from farmland_guard.gui.conflict_dialog import MINE, SERVER, ConflictDialog
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.problems import Problems
from farmland_guard.store.workstore import WorkStore
from tests.conftest import ROOT

SCREENS = ROOT / "var" / "screens"
HERE, THERE = shapely.Point(113.70, 35.20), shapely.Point(113.71, 35.21)


def test_a_problems_conflict_merged_field_by_field(store, qgis_app):
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        wtbh = ledger.create({"LY": "信访", "XZQDM": "410724", "ZGQX": "2030-06-30"},
                             shapely.to_wkb(HERE))
        base = {**ledger.get(wtbh), "geom_wkb": shapely.to_wkb(HERE).hex()}
        mine = {**base, "ZRR": "赵六", "ZGQX": "2030-09-30", "ZGCS": ["拆除复耕", "罚款"]}
        server = {**base, "ZRR": "王五", "ZRDW": "某某镇人民政府", "ZGCS": ["拆除复耕", "罚款"],
                  "geom_wkb": shapely.to_wkb(THERE).hex()}
        with ws.transaction() as conn:
            conn.execute("DELETE FROM outbox")
            conn.execute("INSERT INTO conflicts(op_id, kind, entity_id, base, mine, server, "
                         "server_version, at) VALUES ('o', 'problem', ?, ?, ?, ?, 3, 'now')",
                         (wtbh, json.dumps(base), json.dumps(mine), json.dumps(server)))
    dialog = ConflictDialog(store)
    try:
        rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
        assert {"责任人 ZRR", "责任单位 ZRDW", "整改期限 ZGQX", "Location"} <= set(rows)
        assert "关联图斑 GLTB" not in rows  # empty on every side
        assert dialog.table.item(rows["整改措施 ZGCS"], 2).text() == "拆除复耕、罚款"
        assert sorted(dialog.choices) == ["ZGQX", "ZRDW", "ZRR", "geom_wkb"]
        assert dialog.table.item(rows["Location"], 3).text() == THERE.wkt
        assert wtbh in dialog.title.text()
        dialog.choose("ZRR", SERVER)
        dialog.choose("ZRDW", SERVER)
        dialog.choose("ZGQX", MINE)
        assert not dialog.merge.isEnabled()  # the location has no side yet
        dialog.choose("geom_wkb", MINE)
        dialog.resize(1040, 540)
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SCREENS / "conflict_problem.png"))
        QTest.mouseClick(dialog.merge, Qt.LeftButton)
        assert dialog.conflicts == []
    finally:
        dialog.store.close()
        dialog.deleteLater()
    with WorkStore(store) as ws:
        record = Problems(ws).get(wtbh)
        assert (record["ZRR"], record["ZRDW"], record["ZGQX"]) == ("王五", "某某镇人民政府",
                                                                   "2030-09-30")
        assert Problems(ws).geometry(wtbh).equals(HERE)
        [op] = Outbox(ws).next_chunk().ops
        assert (op["kind"], op["id"], op["base_version"]) == ("problem", wtbh, 3)
        assert (op["data"]["ZGQX"], op["data"]["ZRR"]) == ("2030-09-30", "王五")
