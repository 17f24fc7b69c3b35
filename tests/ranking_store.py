"""A work store set up for the 红黑榜 tests: the demo batch imported, verdicts saved as the plugin
saves them, and the schema-6 grid columns, ``grids``, ``problems`` and ``field_reports`` filled in."""

import json
import sqlite3

from farmland_guard.core import codelists
from farmland_guard.store import gpkg
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore

CLOSED = [s for s, moves in codelists.zgzt().items() if not moves][0]  # 已销号
OPEN = next(iter(codelists.zgzt()))  # 未整改
T1, T2, T3 = "410724101", "410724102", "410724103"
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFSTMJ": 0.2}
LEGAL = {"PDLX": "合法", "HCHLX": "农转用批文", "PZWH": "豫政土〔2023〕1号",
         "PZJG": "河南省人民政府", "PZRQ": "2023-01-01", "PZMJ": 1.0}


def insert(conn, table, **values):
    names = ", ".join(values)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                 tuple(values.values()))


def build(store):
    """The store's worked example, period 2025-01-01 to 2025-06-30 (the demo's HSX are April
    2025): returns the six patches used, p1..p6.

    T1 太山镇: p1 违法 (WFGDMJ 0.6, a 巡田 report before HSX), p2 合法; problems P1 销号, P2 open.
    T2 亢村镇: p3 违法 (WFGDMJ 1.0, a report after HSX), p4 not judged; problem P3 open.
    T3 照镜镇: in the grid layer only. p5 (T2) 违法 with HSX 2024-12-31: out of the period.
    p6: no town (outside every grid): left out. Problem P4 has no PDRQ: left out."""
    with sqlite3.connect(store) as conn:
        p = [r[0] for r in conn.execute(
            "SELECT JCBH FROM patches WHERE TBMJ_MU > 2 ORDER BY JCBH LIMIT 6")]
    towns = {p[0]: (T1, "太山镇", "G1"), p[1]: (T1, "太山镇", "G1"), p[2]: (T2, "亢村镇", "G2"),
             p[3]: (T2, "亢村镇", "G2"), p[4]: (T2, "亢村镇", "G2")}
    with gpkg.connect(store) as conn:
        for jcbh, (code, name, grid) in towns.items():
            conn.execute("UPDATE patches SET XZDM = ?, XZMC = ?, WGBM = ? WHERE JCBH = ?",
                         (code, name, grid, jcbh))
        conn.execute("UPDATE patches SET FPBZ = '无网格' WHERE JCBH = ?", (p[5],))
        conn.execute("UPDATE patches SET HSX = '2024-12-31' WHERE JCBH = ?", (p[4],))
        for grid, code, name, chief in (("G1", T1, "太山镇", "张三"), ("G2", T2, "亢村镇", "李四"),
                                        ("G3", T3, "照镜镇", "王五")):
            insert(conn, "grids", WGBM=grid, XZDM=code, XZMC=name, XZTZ=chief)
        insert(conn, "field_reports", SBBH="R1", SBSJ="2025-03-01T09:00:00", JCBH=p[0],
               JL="0", SFXY="是")
        insert(conn, "field_reports", SBBH="R2", SBSJ="2025-06-01T09:00:00", JCBH=p[2],
               JL="0", SFXY="否")
        for wtbh, code, state, day, related in (("P1", T1, CLOSED, "2025-05-10", [p[0]]),
                                                ("P2", T1, OPEN, "2025-05-11", []),
                                                ("P3", T2, OPEN, "2025-05-12", [p[2]]),
                                                ("P4", T2, OPEN, None, [])):
            insert(conn, "problems", WTBH=wtbh, LY="巡察", XZQDM="410724", XZDM=code,
                   ZGZT=state, PDRQ=day, GLTB=json.dumps(related))
    with WorkStore(store) as ws:
        saved = Verdicts(ws)
        saved.save(p[0], {**ILLEGAL, "WFGDMJ": 0.6})
        saved.save(p[1], LEGAL)
        saved.save(p[2], {**ILLEGAL, "WFGDMJ": 1.0})
        saved.save(p[4], {**ILLEGAL, "WFGDMJ": 0.9})
        saved.save(p[5], {**ILLEGAL, "WFGDMJ": 0.8})
    return p


# Worked out by hand (national weights 0.4 / 0.2 / 0.3 / 0.1, missing figures reweighted):
#       illegal 亩  verification  rectification  early   | scores (illegal inverted over 0..1)
# T1    0.6         2/2 = 1       1/2 = 0.5      1/1 = 1 | 40, 100, 100, 100 → 16+20+30+10 = 76
# T2    1.0         1/2 = 0.5     0/1 = 0        0/1 = 0 |  0,   0,   0,   0 → 0
# T3    0           —             —              —       | 100 → 0.4×100 ÷ 0.4 = 100
# ranks: 1 T3 (100), 2 T1 (76), 3 T2 (0)
EXPECTED = [(1, T3, "100.00"), (2, T1, "76.00"), (3, T2, "0.00")]
