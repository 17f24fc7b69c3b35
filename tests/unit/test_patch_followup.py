"""What follows a patch's verdict as the workbench reads it (store.patch_followup): problems
found through its parcels too, overdue and case states per patch for the queue, its grid's 田长
and the 巡田 reports made before the satellite."""

import datetime as dt

from farmland_guard.core import cases, rectification, verdicts
from farmland_guard.store import patch_followup
from farmland_guard.store.problems import Problems
from farmland_guard.store.workstore import WorkStore
from tests.unit.test_store_problems import judged, patches  # noqa: F401 - the fixture


def test_problems_by_patch_through_its_parcels_overdue_and_cases(judged):  # noqa: F811
    store, (a, b, c) = judged
    with WorkStore(store) as ws:
        ledger = Problems(ws)
        ledger.derive()
        with ws.transaction() as conn:
            conn.execute("INSERT INTO parcels(JCBH, DKBH) VALUES (?, ?)", (c, c + "-1"))
        found = ledger.create({"LY": "巡察", "GLTB": [c + "-1"], "PDRQ": "2024-01-10",
                               "ZGQX": "2024-03-01", "LABH": "立-1", "LARQ": "2024-01-20"})
        ledger.update(a, {"PDRQ": "2024-01-01", "ZGQX": "2024-02-01"})
        assert [p["WTBH"] for p in patch_followup.problems_of(ledger, c)] == [found]
        after = patch_followup.by_patch(ledger, today=dt.date(2024, 6, 1))
        assert after[a] == patch_followup.Followup(True, frozenset({cases.NONE}))
        assert after[b] == patch_followup.Followup(False, frozenset({cases.NONE}))
        assert after[c] == patch_followup.Followup(True, frozenset({cases.OPENED}))
        assert patches(store, 4)[3] not in after
        # rectified: no longer overdue; closed: no longer under rectification
        ledger.move(a, rectification.IN_PROGRESS)
        ledger.recheck(a, "2024-05-01", True)
        assert not patch_followup.by_patch(ledger, today=dt.date(2024, 6, 1))[a].overdue
        with ws.transaction() as conn:
            conn.execute("UPDATE problems SET ZGZT = ? WHERE WTBH = ?", (rectification.CLOSED, a))
        assert patch_followup.problems_of(ledger, a, open_only=True) == []
        assert len(patch_followup.problems_of(ledger, a)) == 1


def test_grid_chain_and_early_reports(judged):  # noqa: F811
    store, (a, b, _c) = judged
    with WorkStore(store) as ws:
        assert patch_followup.grid_of(ws.conn, a) is None  # grids not assigned yet
        with ws.transaction() as conn:
            conn.execute("UPDATE patches SET WGBM = 'WG-7', DKDM = 'DK-7' WHERE JCBH = ?", (a,))
            conn.execute("UPDATE patches SET FPBZ = '无网格' WHERE JCBH = ?", (b,))
            conn.execute("INSERT INTO grids(WGBM, DKDM, XZMC, CJMC, XJTZ, CJTZ, WGY) VALUES "
                         "('WG-7', 'DK-7', '太山镇', '西村', '王县', '钱村', '孙网')")
            conn.executemany(
                "INSERT INTO field_reports(SBBH, SBSJ, SBR, JCBH, SFXY) VALUES (?, ?, ?, ?, ?)",
                [("SB-2", "2024-06-01T08:00:00", "李四", a, verdicts.YES),
                 ("SB-1", "2024-05-03T09:30:00", "张三", a, verdicts.YES),
                 ("SB-3", "2024-07-01T08:00:00", "王五", a, verdicts.NO)])
        grid = patch_followup.grid_of(ws.conn, a)
        assert (grid.wgbm, grid.dkdm, grid.note, grid.town, grid.village) == (
            "WG-7", "DK-7", "", "太山镇", "西村")
        assert grid.people == {"XJTZ": "王县", "CJTZ": "钱村", "WGY": "孙网"}
        assert patch_followup.grid_of(ws.conn, b).note == "无网格"
        assert patch_followup.early_reports(ws.conn, a) == [
            patch_followup.Report("SB-1", "2024-05-03", "张三"),
            patch_followup.Report("SB-2", "2024-06-01", "李四")]
        assert patch_followup.early_reports(ws.conn, b) == []
