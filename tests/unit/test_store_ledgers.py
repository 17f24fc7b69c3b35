"""A work store's judged results as the ledgers read them (store.ledgers), on a store made by
the importer with verdicts saved as the plugin saves them."""

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
import shapely

from farmland_guard.core import ledger_rows, profiles
from farmland_guard.store import gpkg
from farmland_guard.store.ledgers import illegal_rows
from farmland_guard.store.parcels import Parcels
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore

ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFGDMJ": 0.6,
           "WFSTMJ": 0.2}


def patches(store, n):
    with sqlite3.connect(store) as conn:
        return [r[0] for r in conn.execute(
            "SELECT JCBH FROM patches WHERE TBMJ_MU > 2 ORDER BY JCBH LIMIT ?", (n,))]


def set_figures(store, table, key, **values):
    """Precheck figures written as the precheck writes them (so the cases are known)."""
    names = ", ".join(f"{k} = ?" for k in values)
    column = "JCBH" if table == "patches" else "DKBH"
    with gpkg.connect(store) as conn:
        conn.execute(f"UPDATE {table} SET {names} WHERE {column} = ?", (*values.values(), key))


def test_judged_results_with_their_patches_figures(store):
    a, b, c, d = patches(store, 4)
    with gpkg.connect(store) as conn:
        conn.execute("UPDATE patches SET ND = '2024' WHERE JCBH = ?", (a,))
        conn.execute("UPDATE patches SET ND = '', HSX = '2023-06-30' WHERE JCBH = ?", (b,))
        county = conn.execute("SELECT XZQDM FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]
    set_figures(store, "patches", a, GDMJ=1.0, GDJMJ=0.8, GDDB="3")
    set_figures(store, "patches", b, GDMJ=2.0, GDJMJ=None)
    with WorkStore(store) as ws:
        saved = Verdicts(ws)
        saved.save(a, {**ILLEGAL, "ZGCS": "补办手续"})
        saved.save(a, {"ZGZT": "已整改"})
        saved.save(b, {"PDLX": "合法", "HCHLX": "农转用批文", "PZWH": "豫政土〔2023〕1号",
                       "PZJG": "河南省人民政府", "PZRQ": "2023-01-01", "PZMJ": 1.0})
        saved.save(c, {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"})
        saved.save(d, ILLEGAL)  # a second save: the newest verdict is read
        saved.save(d, {"WFGDMJ": 0.5})
    rows = {r["JCBH"]: r for r in illegal_rows(store)}
    assert set(rows) == {a, b, d}  # 其他 left out
    today = dt.date.today().isoformat()  # (the store writes local time; the test runs now)
    assert rows[a] == {
        "JCBH": a, "DKBH": None, "XZQDM": county, "ND": "2024", "PDLX": "违法",
        "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFGDMJ": 0.6, "WFSTMJ": 0.2, "ZLDB": "3",
        "ZGCS": "补办手续", "ZGZT": "已整改", "ZGRQ": today, "SFNRWFJS": "是", "SFZDGC": None,
        "GDMJ": 0.8,  # net 耕地 on the national basis
        "WFGDMJ_MZ": pytest.approx(0.75)}  # gross: 0.6 × 1.0 / 0.8
    assert rows[b]["ND"] == 2023 and rows[b]["PDLX"] == "合法"  # the year of HSX
    assert rows[b]["GDMJ"] == 2.0  # no net figure: the gross one
    assert rows[d]["WFGDMJ"] == 0.5 and rows[d]["ZLDB"] is None and rows[d]["ZGRQ"] is None
    # what the ledgers read from them
    items = {i.jcbh: i for i in ledger_rows.illegal(
        [rows[a], rows[b], {**rows[d], "ZLDB": 1}], "s.gpkg")}
    assert items[a].outcome == "转为消耗" and items[a].done == dt.date.today()
    assert items[a].cn == Decimal("0.5400")  # 0.6 × 0.90
    assert items[b].verdict == "合法" and items[b].farmland == Decimal(2)


def test_on_a_gross_basis_the_gross_figures(store, monkeypatch):
    (a,) = patches(store, 1)
    set_figures(store, "patches", a, GDMJ=1.0, GDJMJ=0.8)
    with WorkStore(store) as ws:
        Verdicts(ws).save(a, ILLEGAL)
    monkeypatch.setattr(profiles, "net_cultivated", lambda profile=None: False)
    (row,) = illegal_rows(store)
    assert (row["GDMJ"], row["WFGDMJ_MZ"]) == (1.0, None)  # WFGDMJ is the gross figure itself


def test_a_split_patch_counts_through_its_parcels(store):
    (a,) = patches(store, 1)
    with sqlite3.connect(store) as conn:
        blob = conn.execute("SELECT geom FROM patches WHERE JCBH = ?", (a,)).fetchone()[0]
    geom = gpkg.geometries([blob])[0]
    minx, miny, maxx, maxy = geom.bounds
    line = shapely.LineString([((minx + maxx) / 2, miny - 0.001), ((minx + maxx) / 2, maxy + 0.001)])
    with WorkStore(store) as ws:
        first, second = Parcels(ws).cut(a, line)[:2]
        Verdicts(ws).save(first, {**ILLEGAL, "WFMJ": 0.5, "WFGDMJ": 0.3, "WFSTMJ": 0})
    set_figures(store, "parcels", first, GDMJ=0.4, GDJMJ=0.3)
    (row,) = illegal_rows(store)
    assert (row["JCBH"], row["DKBH"], row["GDMJ"]) == (first, first, 0.3)
    assert row["WFGDMJ_MZ"] == pytest.approx(0.4)  # 0.3 × 0.4 / 0.3


def test_the_rectification_ledger_decides_what_becomes_of_a_freeze(store, tmp_path):
    # a: its problem records 补办手续 and reaches 已整改 → the freeze becomes consumption on the
    # day the state changed; b: measures 罚款 and 拆除复耕, 销号 → released, on its 销号 date.
    # The results themselves still say nothing of the rectification.
    from farmland_guard.core.ledger import CONSUMED, RELEASED
    from farmland_guard.store.problems import Problems

    a, b = patches(store, 2)
    today = dt.date.today().isoformat()
    with WorkStore(store) as ws:
        for jcbh in (a, b):
            Verdicts(ws).save(jcbh, ILLEGAL)
        ledger = Problems(ws)
        ledger.derive()
        ledger.update(a, {"ZGCS": ["补办手续"]})
        ledger.move(a, "整改中")
        ledger.move(a, "已整改")
        ledger.update(b, {"ZGCS": ["罚款", "拆除复耕"]})
        ledger.move(b, "整改中")
        ledger.move(b, "已整改")
        photo = tmp_path / "after.jpg"
        photo.write_bytes(b"\xff\xd8 rectified")
        ws.add_attachment(photo, b)
        ledger.close(b, today, "李四", "已拆除复耕")
    with gpkg.connect(store) as conn:
        conn.execute("UPDATE patches SET GDDB = '3'")
    rows = {r["JCBH"]: r for r in illegal_rows(store)}
    assert (rows[a]["ZGZT"], rows[a]["ZGCS"], rows[a]["ZGRQ"]) == ("已整改", "补办手续", today)
    assert (rows[b]["ZGZT"], rows[b]["ZGCS"], rows[b]["ZGRQ"]) == ("已销号", "拆除复耕", today)
    read = {i.jcbh: i for i in ledger_rows.illegal(rows.values(), "store",
                                                    coefficients=profiles.grade_coefficients())}
    assert (read[a].outcome, read[a].done) == (CONSUMED, dt.date.today())
    assert read[b].outcome == RELEASED
