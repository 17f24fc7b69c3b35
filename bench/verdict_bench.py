"""The workbench on a 20,000-patch store against the peer a technician would use: the QGIS
attribute table (zoom to feature, edit, save) and field calculator on the same GeoPackage layer.
Targets: next patch (select, zoom, fill the form) p95 ≤ 50 ms; saving a verdict p95 ≤ 20 ms;
batch-labelling 10,000 patches ≤ 2 s; undo of it ≤ 2 s."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.timing import alternate

SAVES = 200
STEPS = 200
BATCH = 10_000
ROUNDS = 3  # ours and the peer alternate, each on a fresh copy of the store (bench/timing.py)
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 0.2, "WFGDMJ": 0.1}
OTHER = {"PDLX": "其他", "HCHLX": "实地未变化(伪变化)"}


def p95(values):
    return statistics.quantiles(values, n=20)[-1] * 1000


def next_patch(store: Path) -> dict:
    """Ours: PgDown in the workbench (select, zoom with highlight, fill the form). Peer: the
    attribute table's 'zoom to feature' on the same layer."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest
    from qgis.gui import QgsMapCanvas

    from farmland_guard.gui.store_layer import show_store, store_of
    from farmland_guard.gui.workbench import Workbench

    canvas = QgsMapCanvas()
    canvas.resize(1000, 800)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    layer = show_store(store)
    bench = Workbench(canvas)
    bench.open_store(store_of(layer), layer)
    steps = []
    for _ in range(STEPS):
        started = time.perf_counter()
        bench.step(1)
        steps.append(time.perf_counter() - started)
    bench.close_store()
    bench.detach()
    fids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setNoAttributes()
                                              .setFlags(QgsFeatureRequest.NoGeometry))]
    zooms = []
    for fid in fids[:STEPS]:
        started = time.perf_counter()
        canvas.zoomToFeatureIds(layer, [fid])
        canvas.flashFeatureIds(layer, [fid])
        zooms.append(time.perf_counter() - started)
    return {"ours": p95(steps), "peer": p95(zooms)}


def ours(store: Path) -> dict:
    from farmland_guard.store.history import History
    from farmland_guard.store.results import Verdicts
    from farmland_guard.store.workstore import WorkStore

    with WorkStore(store) as ws:
        verdicts = Verdicts(ws)
        ids = [r[0] for r in ws.conn.execute("SELECT JCBH FROM patches ORDER BY fid")]
        saves = []
        for jcbh in ids[:SAVES]:
            started = time.perf_counter()
            verdicts.save(jcbh, ILLEGAL)
            saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        done = verdicts.label(ids[SAVES:SAVES + BATCH], OTHER)
        batch = time.perf_counter() - started
        started = time.perf_counter()
        History(ws, verdicts).undo()
        undo = time.perf_counter() - started
    assert done.changed == BATCH
    return {"save_p95_ms": p95(saves), "batch_s": batch, "undo_s": undo}


def peer(store: Path) -> dict:
    """The same edits through QGIS: the attribute table (one feature, save) and the field
    calculator (an expression-selected set, one commit); 'undo' is a second calculation."""
    from qgis.core import QgsExpression, QgsFeatureRequest, QgsVectorLayer

    layer = QgsVectorLayer(f"{store}|layername=patches", "patches", "ogr")
    pdlx, hczt = layer.fields().lookupField("PDLX"), layer.fields().lookupField("HCZT")
    fids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setNoAttributes()
                                              .setFlags(QgsFeatureRequest.NoGeometry))]
    saves = []
    for fid in fids[:SAVES]:
        started = time.perf_counter()
        layer.startEditing()
        layer.changeAttributeValues(fid, {pdlx: "违法", hczt: "内业完成"})
        layer.commitChanges()
        saves.append(time.perf_counter() - started)

    def calculate(value):
        started = time.perf_counter()
        request = QgsFeatureRequest(QgsExpression(f"$id > {fids[SAVES] - 1} AND "
                                                  f"$id <= {fids[SAVES + BATCH - 1]}"))
        layer.startEditing()
        for feature in layer.getFeatures(request.setFlags(QgsFeatureRequest.NoGeometry)):
            layer.changeAttributeValues(feature.id(), {pdlx: value, hczt: "内业完成"})
        layer.commitChanges()
        return time.perf_counter() - started

    batch = calculate("其他")
    undo = calculate(None)
    return {"save_p95_ms": p95(saves), "batch_s": batch, "undo_s": undo}


def main() -> dict:
    from qgis.core import QgsApplication

    from bench.import_bench import data
    from farmland_guard.store import importer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.gpkg"
        importer.run(data(), base)
        shutil.copy(base, Path(folder) / "steps.gpkg")
        steps = next_patch(Path(folder) / "steps.gpkg")

        def fresh(run, name):
            store = Path(folder) / f"{name}.gpkg"
            shutil.copy(base, store)
            return run(store)

        rounds = alternate(ROUNDS, ours=lambda: fresh(ours, "ours"),
                           peer=lambda: fresh(peer, "peer"))
    o, p = ({key: statistics.median(r[key] for r in rounds[side]) for key in rounds[side][0]}
            for side in ("ours", "peer"))
    spreads = {f"{side}_{key}_spread": [round(min(r[key] for r in rounds[side]), 3),
                                        round(max(r[key] for r in rounds[side]), 3)]
               for side in ("ours", "peer") for key in ("batch_s", "undo_s")}
    result = {"bench": "verdicts", "patches": 20_000, "ours_next_p95_ms": round(steps["ours"], 1),
              "qgis_zoom_to_feature_p95_ms": round(steps["peer"], 1),
              **{f"ours_{k}": round(v, 3) for k, v in o.items()},
              **{f"qgis_{k}": round(v, 3) for k, v in p.items()},
              **spreads, "rounds": ROUNDS,
              "targets": {"next_p95_ms": 50, "save_p95_ms": 20, "batch_s": 2, "undo_s": 2}}
    print(f"Next patch on 20,000 patches: p95 {steps['ours']:.1f} ms (target 50; QGIS attribute "
          f"table zoom to feature {steps['peer']:.1f} ms, ratio "
          f"{steps['ours'] / steps['peer']:.2f})")
    print(f"Verdicts on 20,000 patches: save p95 {o['save_p95_ms']:.1f} ms (target 20; QGIS "
          f"attribute table {p['save_p95_ms']:.1f} ms, ratio {o['save_p95_ms'] / p['save_p95_ms']:.2f}); "
          f"batch label {BATCH:,} in {o['batch_s']:.2f} s (median of {ROUNDS} alternating rounds, "
          f"{spreads['ours_batch_s_spread'][0]:.2f}–{spreads['ours_batch_s_spread'][1]:.2f}; "
          f"target 2; field calculator "
          f"{p['batch_s']:.2f} s, ratio {o['batch_s'] / p['batch_s']:.2f}); undo {o['undo_s']:.2f} s "
          f"(target 2; recalculating {p['undo_s']:.2f} s)")
    return result


if __name__ == "__main__":
    main()
