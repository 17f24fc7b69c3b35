"""A re-import that changes a patch's outline: what was worked out on the old one (parcels
that no longer sum to the patch, precheck figures) does not stay as if it still held."""

import sqlite3

import pyogrio
import shapely

from farmland_guard.core import parcels as core_parcels
from farmland_guard.store import gpkg, importer
from farmland_guard.store.parcels import Parcels
from farmland_guard.store.workstore import WorkStore


def reimport_reshaped(store, demo_data, tmp_path, jcbh, factor):
    """The demo batch again, with patch ``jcbh`` shrunk by ``factor``."""
    out, manifest = demo_data
    frame = pyogrio.read_dataframe(out / manifest["patch_file"])
    row = frame.index[frame["JCBH"] == jcbh][0]
    frame.loc[row, "geometry"] = shapely.affinity.scale(frame.geometry[row], factor, factor)
    changed = tmp_path / "batch2.gpkg"
    pyogrio.write_dataframe(frame, changed, layer="patches")
    importer.run(changed, store)


def test_parcels_of_a_patch_whose_outline_changed_are_not_left_stale(store, demo_data, tmp_path):
    with sqlite3.connect(store) as conn:
        jcbh, blob = conn.execute("SELECT JCBH, geom FROM patches ORDER BY TBMJ_MU DESC").fetchone()
    geom = gpkg.geometries([blob])[0]
    minx, miny, maxx, maxy = geom.bounds
    x = (minx + maxx) / 2
    with WorkStore(store) as ws:
        Parcels(ws).cut(jcbh, shapely.LineString([(x, miny - 0.001), (x, maxy + 0.001)]))

    reimport_reshaped(store, demo_data, tmp_path, jcbh, 0.6)

    with WorkStore(store) as ws:
        patch_blob, area, flagged = ws.conn.execute(
            "SELECT geom, TBMJ_MU, FHBZ FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()
        patch = gpkg.geometries([patch_blob])[0]
        found = Parcels(ws).of(jcbh)
    problems = core_parcels.check(jcbh, patch, area, [p["geom"] for p in found]) if found else []
    assert not problems or flagged == 1, [str(p) for p in problems]


def test_precheck_figures_of_a_patch_whose_outline_changed_are_not_kept(store, demo_data, tmp_path):
    """The importer replaces the outline and TBMJ_MU but keeps GDMJ, PWMJ, WFGMJ, JYPD… and TSSJ
    of the old outline: the form then pre-fills 违法面积 = new area − old PWMJ."""
    from farmland_guard.store import precheck as store_precheck

    out, manifest = demo_data
    base = out / manifest["base_file"]
    sources = {"landuse": f"{base}|layername=DLTB",
               "approvals": [f"{base}|layername={n}" for n in ("NZY", "GDXM", "ZJGG", "SSNYD", "LSYD")]}
    store_precheck.run(store, **sources)
    with sqlite3.connect(store) as conn:
        jcbh = conn.execute("SELECT JCBH FROM patches WHERE GDMJ > 1 ORDER BY TBMJ_MU DESC").fetchone()[0]
    reimport_reshaped(store, demo_data, tmp_path, jcbh, 0.5)
    fields = "TBMJ_MU, GDMJ, PWMJ, WFGMJ, JYPD, TSSJ"
    with sqlite3.connect(store) as conn:
        after_import = conn.execute(f"SELECT {fields} FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()
    store_precheck.run(store, **sources)
    with sqlite3.connect(store) as conn:
        fresh = conn.execute(f"SELECT {fields} FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()
    assert after_import[-1] is None or after_import[:-1] == fresh[:-1], (after_import, fresh)
