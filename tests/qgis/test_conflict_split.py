"""A split's conflict in the dialog: the parcels of each side listed in one row; taking the
server's writes its parcels into the store and queues nothing."""

import json

import shapely
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from farmland_guard.gui.conflict_dialog import ConflictDialog
from farmland_guard.store.workstore import WorkStore


def _halves(store, jcbh):
    import pyogrio

    frame = pyogrio.read_dataframe(store, layer="patches", where=f"JCBH = '{jcbh}'")
    minx, miny, maxx, maxy = frame.geometry.iloc[0].bounds
    cut = [shapely.box(minx, miny, (minx + maxx) / 2, maxy),
           shapely.box((minx + maxx) / 2, miny, maxx, maxy)]
    return [shapely.intersection(frame.geometry.iloc[0], c) for c in cut]


def test_taking_the_servers_split(store, qgis_app):
    with WorkStore(store) as ws:
        jcbh = ws.conn.execute("SELECT JCBH FROM patches ORDER BY fid LIMIT 1").fetchone()[0]
    left, right = _halves(store, jcbh)
    theirs = [{"DKBH": f"{jcbh}-S{i}", "DLBM": "0103", "TBMJ_MU": 1.0, "wkt": g.wkt}
              for i, g in enumerate((left, right), 1)]
    mine = [{"DKBH": f"{jcbh}-1", "DLBM": "0702", "TBMJ_MU": 2.0, "wkt": left.union(right).wkt}]
    with WorkStore(store) as ws, ws.transaction() as conn:
        conn.execute("INSERT INTO conflicts(op_id, kind, entity_id, base, mine, server, "
                     "server_version, at) VALUES ('o', 'parcels', ?, '{}', ?, ?, 1, 'now')",
                     (jcbh, json.dumps({"JCBH": jcbh, "parcels": mine}),
                      json.dumps({"JCBH": jcbh, "version": 1, "parcels": theirs})))
    dialog = ConflictDialog(store)
    try:
        assert dialog.table.rowCount() == 1
        assert f"{jcbh}-S1" in dialog.table.item(0, 3).text()
        assert f"{jcbh}-1 0702" in dialog.table.item(0, 2).text()
        QTest.mouseClick(dialog.take_server, Qt.LeftButton)
        assert dialog.conflicts == []
    finally:
        dialog.store.close()
        dialog.deleteLater()
    with WorkStore(store) as ws:
        held = [d for d, in ws.conn.execute("SELECT DKBH FROM parcels WHERE JCBH = ? "
                                            "ORDER BY DKBH", (jcbh,))]
        queued = ws.conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'parcels'").fetchone()
    assert held == [f"{jcbh}-S1", f"{jcbh}-S2"] and queued == (0,)


def test_the_choice_is_one_undoable_action(store, qgis_app):
    from farmland_guard.store.history import History
    from farmland_guard.store.parcels import Parcels
    from farmland_guard.store.results import Verdicts

    test_taking_the_servers_split(store, qgis_app)
    with WorkStore(store) as ws:
        jcbh = ws.conn.execute("SELECT JCBH FROM patches ORDER BY fid LIMIT 1").fetchone()[0]
        history = History(ws, Verdicts(ws), Parcels(ws))
        history.undo()
        assert ws.conn.execute("SELECT COUNT(*) FROM parcels WHERE JCBH = ?",
                               (jcbh,)).fetchone() == (0,)
