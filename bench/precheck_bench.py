"""Precheck (套合) of 20,000 patches against 300,000 land-use polygons, 永久基本农田, the red line
and four approval layers (农转用, 供地, 增减挂钩, 临时用地), against two peers in the same run:
- the bare lower bound: per layer an STRtree query, vectorised ``shapely.intersection`` and the
  same LAEA areas, one thread, no I/O, no bookkeeping (no union of approvals, no WFGMJ);
- the QGIS native pipeline a technician builds: ``native:intersection`` with each layer,
  ``$area`` on the CGCS2000 ellipsoid, ``native:aggregate`` by JCBH and
  ``native:joinattributestable`` back to the patches; 永农 pieces dissolved by patch (the layer
  has overlapping polygons: counted once); approvals merged, cut by the patches, those expired
  (临时用地 YXQZ before the patch's HSX) or dated after it dropped, dissolved by patch
  (overlaps count once), WFGMJ from the 耕地 pieces cut by them.
Targets: ours ≤ 1.5× the bare bound, ≥ 3× faster than QGIS, agreement ≤ 0.001 亩 per patch and
field, peak memory ≤ 2 GiB. Scaling at 2,000 / 20,000 / 200,000 patches (the 2,000 are every
tenth patch, the 200,000 ten shifted copies of the 20,000 over the same layers; the QGIS
pipeline runs at 2,000 and 20,000 only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from dev.qgis_desktop import ROOT

PATCHES, LANDUSE, SEED = 20_000, 300_000, 410724
SCALES = (2_000, 20_000, 200_000)
NATIVE_SCALES = (2_000, 20_000)
DATA_VERSION = 2  # bump when bench/datagen.py writes other data (2: LSYD, PZLX, 永农 overlaps)
DATA = ROOT / "var" / "bench" / f"precheck-{PATCHES}-{LANDUSE}-{SEED}-v{DATA_VERSION}"
APPROVALS = ("NZY", "GDXM", "ZJGG", "LSYD")
COMPARED = ("TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "WFGMJ")
COPY_SHIFT_M = (53.0, -37.0)  # the k-th copy of the 200,000 moves k times this (metres)
CULTIVATED = "\"DLBM\" IN ('0101', '0102', '0103')"


def base(layer: str) -> str:
    return f"{DATA / '410724_JCSJ.gpkg'}|layername={layer}"


def patch_file(n: int) -> Path:
    """The ``n`` patches (EPSG:4526 GeoPackage), derived once from the generated batch."""
    path = DATA / f"patches-{n}.gpkg"
    if path.exists():
        return path
    import pandas as pd
    import pyogrio
    import shapely

    if not (DATA / "manifest.json").exists():
        from bench.datagen import generate

        generate(DATA, PATCHES, LANDUSE, SEED, imagery=False)
    frame = pyogrio.read_dataframe(DATA / "410724_2025_BHTB.shp", columns=["JCBH", "TBLX", "HSX"],
                                   encoding="GBK")
    if n < len(frame):
        frame = frame.iloc[::len(frame) // n].iloc[:n]
    copies = []
    for k in range(-(-n // len(frame))):
        copy = frame.copy()
        dx, dy = np.multiply(COPY_SHIFT_M, k)
        copy.geometry = shapely.transform(copy.geometry.values, lambda c, dx=dx, dy=dy: c + (dx, dy))
        copy["JCBH"] = copy["JCBH"] + (f"_{k}" if k else "")
        copies.append(copy)
    frame = pd.concat(copies, ignore_index=True).iloc[:n]
    partial = path.with_suffix(".part.gpkg")
    pyogrio.write_dataframe(frame, partial, layer="patches", driver="GPKG")
    partial.replace(path)
    return path


def env() -> dict:
    return {**os.environ, "PROJ_DATA": "/usr/share/proj", "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen"}


def child(function: str, *args) -> dict:
    """Run ``function(*args)`` of this module in a fresh process (its own peak memory)."""
    code = (f"import json; from bench.precheck_bench import {function}; "
            f"print(json.dumps({function}(*{[str(a) for a in args]!r})))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=env(), cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- ours and the bare bound (one process per scale) -------------------------------------------

def ours(patches: str, out: str, extras: str) -> dict:
    import resource

    from farmland_guard.core import layers, precheck, suggest
    from farmland_guard.store.precheck import context_of, read_layers

    rules = suggest.Rules.of_profile()
    started = time.perf_counter()
    read = layers.read(patches, ("JCBH",), ("TBLX", "HSX"))
    loaded = read_layers(base("DLTB"), base("YJJBNT"), base("STBHHX"),
                         [base(a) for a in APPROVALS], near=read.geometries)
    context = context_of(read.columns["TBLX"], read.columns["HSX"], rules)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    result = precheck.overlay(read.geometries, loaded, context=context)
    overlay = time.perf_counter() - started
    started = time.perf_counter()
    suggestions = suggest.suggest_all(result, read.columns["TBLX"], rules)
    suggesting = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    np.savez(out, JCBH=read.columns["JCBH"], **{f: result.values[f] for f in COMPARED})
    figures = {"patches": len(read.geometries), "landuse_read": len(loaded.landuse),
               "read_s": reading, "overlay_s": overlay, "suggest_s": suggesting,
               "total_s": reading + overlay + suggesting, "peak_mib": peak,
               "suggested": {k or "-": v for k, v in
                             zip(*np.unique([s or "" for s, *_ in suggestions], return_counts=True))}}
    figures["suggested"] = {k: int(v) for k, v in figures["suggested"].items()}
    if "single" in extras:
        started = time.perf_counter()
        precheck.overlay(read.geometries, loaded, workers=1, context=context)
        figures["overlay_1_thread_s"] = time.perf_counter() - started
    if "bare" in extras:
        figures["bare_s"] = bare(read.geometries, loaded)
    if "geod" in extras:
        from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu

        geod = np.round(m2_to_mu([geodesic_area_m2(g) for g in read.geometries]), 4)
        figures["ours_vs_geod_mu"] = float(np.max(np.abs(result.values["TBMJ_MU"] - geod)))
    return figures


def bare(patches, loaded) -> float:
    """STRtree query, vectorised intersection and the same areas, layer by layer."""
    import shapely

    from farmland_guard.core.areas import ellipsoidal_areas_m2

    started = time.perf_counter()
    for layer in (loaded.landuse, loaded.farmland, loaded.redline,
                  np.concatenate([a.geometries for a in loaded.approval_layers()])):
        patch_index, layer_index = shapely.STRtree(layer).query(patches, predicate="intersects")
        with np.errstate(invalid="ignore"):
            pieces = shapely.intersection(patches[patch_index], layer[layer_index])
        ellipsoidal_areas_m2(pieces)
    return time.perf_counter() - started


# --- the QGIS native pipeline, and our Processing algorithm, in PyQGIS ---------------------------

def native(patches: str, out: str, with_ours: str) -> dict:
    """Times the pipeline; saves its figures, and the same sums of its own pieces measured
    with pyproj's Geod (``out`` and ``out``-geodesic), to tell overlay from area differences."""
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject

    from bench.datagen import GK_CRS
    from farmland_guard.core.units import SQM_PER_MU

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    # $area is ellipsoidal on CGCS2000 only in a project with a CRS: without one QGIS keeps the
    # ellipsoid at NONE and $area is planar (in GK zone 38 that is 0.002 亩 off on a patch).
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem(GK_CRS))
    QgsProject.instance().setEllipsoid("EPSG:1024")
    assert QgsProject.instance().ellipsoid() == "EPSG:1024"
    figures, steps = {}, {}
    started = time.perf_counter()
    joined, pieces = pipeline(processing, patches, steps)
    figures["native_s"] = time.perf_counter() - started
    figures["native_steps_s"] = {name: round(seconds, 1) for name, seconds in steps.items()}
    names = joined.fields().names()
    table = dict(zip(names, zip(*(f.attributes() for f in joined.getFeatures()))))
    ids = np.array(table["JCBH"], dtype=object)

    def mu(name):  # a patch a layer does not touch has no aggregate row: NULL, i.e. 0
        return np.array([v if isinstance(v, float) else 0.0 for v in table[name]]) / SQM_PER_MU

    values = {field: mu(source) for field, source in SOURCES.items()}
    values["WFGMJ"] = np.clip(values["GDMJ"] - mu("PWGDMJ"), 0, None)
    np.savez(out, JCBH=ids, **values)
    np.savez(f"{out}-geodesic", JCBH=ids, **geodesic(pieces, ids))
    if with_ours == "yes":
        from farmland_guard.processing.provider import FarmlandGuardProvider

        provider = FarmlandGuardProvider()
        QgsApplication.processingRegistry().addProvider(provider)
        started = time.perf_counter()
        processing.run("farmland_guard:precheck", {
            "PATCHES": patches, "LANDUSE": base("DLTB"), "FARMLAND": base("YJJBNT"),
            "REDLINE": base("STBHHX"), "APPROVALS": [base(a) for a in APPROVALS],
            "OUTPUT": "memory:"})
        figures["processing_s"] = time.perf_counter() - started
    return figures


SOURCES = {"TBMJ_MU": "TBMJ", "GDMJ": "GDMJ", "GDJMJ": "GDJMJ", "STMJ": "STMJ",
           "JBNTMJ": "JBNTMJ", "STHXMJ": "STHXMJ", "PWMJ": "PWMJ"}


def pipeline(processing, patches, steps: dict):
    """What a technician builds in the model builder, every output in memory. Returns the
    patches with the sums, and the measured layers behind each sum; ``steps`` gets the
    seconds spent in each algorithm."""
    def run(algorithm, **parameters):
        started = time.perf_counter()
        out = processing.run(algorithm, {**parameters, "OUTPUT": "memory:"})["OUTPUT"]
        steps[algorithm] = steps.get(algorithm, 0.0) + time.perf_counter() - started
        return out

    def area(layer, name="MJ"):
        return run("native:fieldcalculator", INPUT=layer, FIELD_NAME=name, FIELD_TYPE=0,
                   FIELD_LENGTH=20, FIELD_PRECISION=6, FORMULA="$area")

    def summed(layer, overlay, overlay_fields=(), dissolved=False, **sums):
        pieces = run("native:intersection", INPUT=layer, OVERLAY=overlay, INPUT_FIELDS=["JCBH"],
                     OVERLAY_FIELDS=list(overlay_fields))
        if dissolved:  # overlapping polygons of the layer: each patch's pieces counted once
            pieces = run("native:dissolve", INPUT=pieces, FIELD=["JCBH"])
        return aggregated(pieces, **sums)

    def aggregated(pieces, **sums):
        pieces = area(pieces)
        aggregates = [{"aggregate": "first_value", "input": '"JCBH"', "name": "JCBH",
                       "type": 10, "length": 0, "precision": 0}]
        aggregates += [{"aggregate": "sum", "input": expression, "name": name, "type": 6,
                        "length": 20, "precision": 6} for name, expression in sums.items()]
        return run("native:aggregate", INPUT=pieces, GROUP_BY='"JCBH"',
                   AGGREGATES=aggregates), pieces

    measured = {"TBMJ": area(patches, "TBMJ")}
    result = measured["TBMJ"]
    landuse, measured["landuse"] = summed(
        patches, base("DLTB"), ("DLBM", "KCXS"), GDMJ=f'if({CULTIVATED}, "MJ", 0)',
        GDJMJ=f'if({CULTIVATED}, "MJ" * (1 - coalesce("KCXS", 0)), 0)',
        STMJ='if("DLBM" = \'0101\', "MJ", 0)')
    farmland, measured["JBNTMJ"] = summed(patches, base("YJJBNT"), dissolved=True,
                                          JBNTMJ='"MJ"')
    redline, measured["STHXMJ"] = summed(patches, base("STBHHX"), STHXMJ='"MJ"')
    merged = run("native:mergevectorlayers", LAYERS=[base(a) for a in APPROVALS])
    cut = run("native:intersection", INPUT=patches, OVERLAY=merged, INPUT_FIELDS=["JCBH", "HSX"],
              OVERLAY_FIELDS=["YXQZ", "PZRQ"])
    # an expired 临时用地 covers nothing, nor does an approval dated after the after-image
    valid = run("native:extractbyexpression", INPUT=cut, EXPRESSION=(
        '("YXQZ" IS NULL OR to_date("YXQZ") >= to_date("HSX")) AND '
        '("PZRQ" IS NULL OR to_date("PZRQ") <= to_date("HSX"))'))
    approvals = run("native:dissolve", INPUT=valid, FIELD=["JCBH"])  # each patch's, once
    approved, measured["PWMJ"] = aggregated(approvals, PWMJ='"MJ"')
    cultivated = run("native:extractbyexpression", INPUT=measured["landuse"], EXPRESSION=CULTIVATED)
    approved_gd, measured["PWGDMJ"] = summed(cultivated, approvals, PWGDMJ='"MJ"')
    for table, fields in ((landuse, ["GDMJ", "GDJMJ", "STMJ"]), (farmland, ["JBNTMJ"]),
                          (redline, ["STHXMJ"]), (approved, ["PWMJ"]), (approved_gd, ["PWGDMJ"])):
        result = run("native:joinattributestable", INPUT=result, FIELD="JCBH", INPUT_2=table,
                     FIELD_2="JCBH", FIELDS_TO_COPY=fields, METHOD=1, PREFIX="")
    return result, measured


def geodesic(measured: dict, ids) -> dict:
    """The pipeline's sums from its own geometries, each measured with pyproj's Geod."""
    import shapely

    from farmland_guard.core.areas import geodesic_area_m2
    from farmland_guard.core.crs import to_cgcs2000
    from farmland_guard.core.units import SQM_PER_MU

    position = {j: k for k, j in enumerate(ids)}

    def sums(layer, weight=lambda row: 1.0):
        names = layer.fields().names()
        rows = [dict(zip(names, f.attributes())) for f in layer.getFeatures()]
        wkbs = [bytes(f.geometry().asWkb()) for f in layer.getFeatures()]
        geoms, _ = to_cgcs2000(shapely.from_wkb(wkbs), layer.crs().authid())
        total = np.zeros(len(ids))
        for row, geom in zip(rows, geoms):
            total[position[row["JCBH"]]] += geodesic_area_m2(geom) * weight(row)
        return total / SQM_PER_MU

    def kcxs(row):
        return row["KCXS"] if isinstance(row["KCXS"], float) else 0.0

    cultivated = {"0101", "0102", "0103"}
    values = {"TBMJ_MU": sums(measured["TBMJ"]),
              "GDMJ": sums(measured["landuse"], lambda r: r["DLBM"] in cultivated),
              "GDJMJ": sums(measured["landuse"],
                            lambda r: (r["DLBM"] in cultivated) * (1 - kcxs(r))),
              "STMJ": sums(measured["landuse"], lambda r: r["DLBM"] == "0101"),
              "JBNTMJ": sums(measured["JBNTMJ"]), "STHXMJ": sums(measured["STHXMJ"]),
              "PWMJ": sums(measured["PWMJ"])}
    values["WFGMJ"] = np.clip(values["GDMJ"] - sums(measured["PWGDMJ"]), 0, None)
    return values


# --- the run ----------------------------------------------------------------------------------

def agreement(ours_npz: Path, native_npz: Path) -> dict:
    """Per field, the largest difference in 亩 between two runs, patch by patch."""
    a, b = np.load(ours_npz, allow_pickle=True), np.load(native_npz, allow_pickle=True)
    order = {j: k for k, j in enumerate(b["JCBH"])}
    index = np.array([order[j] for j in a["JCBH"]])
    return {f: round(float(np.nanmax(np.abs(a[f] - np.round(b[f][index], 4)))), 4)
            for f in COMPARED}


def main() -> dict:
    files = {n: patch_file(n) for n in SCALES}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for n in SCALES:
            extras = "bare,single,geod" if n == PATCHES else "bare"
            ours_npz, native_npz = tmp / f"ours-{n}.npz", tmp / f"native-{n}.npz"
            row = {"n": n, **child("ours", files[n], ours_npz, extras)}
            if n in NATIVE_SCALES:
                row.update(child("native", files[n], native_npz, "yes" if n == PATCHES else "no"))
                geodesic = tmp / f"native-{n}.npz-geodesic.npz"
                row["agreement_mu"] = agreement(ours_npz, native_npz)
                row["agreement_geodesic_mu"] = agreement(ours_npz, geodesic)
                row["qgis_area_vs_geod_mu"] = agreement(native_npz, geodesic)["TBMJ_MU"]
            rows.append(row)
            print(f"{n:>7,} patches: read {row['read_s']:.2f} s + overlay {row['overlay_s']:.2f} s "
                  f"+ suggest {row['suggest_s']:.2f} s = {row['total_s']:.2f} s; bare "
                  f"{row['bare_s']:.2f} s; peak {row['peak_mib']:.0f} MiB"
                  + (f"; QGIS native {row['native_s']:.1f} s" if "native_s" in row else ""),
                  flush=True)
    main_row = next(r for r in rows if r["n"] == PATCHES)
    result = {
        "bench": "precheck", "patches": PATCHES, "landuse": LANDUSE,
        "ours_overlay_s": round(main_row["overlay_s"], 2),
        "ours_overlay_1_thread_s": round(main_row["overlay_1_thread_s"], 2),
        "ours_end_to_end_s": round(main_row["total_s"], 2),
        "bare_s": round(main_row["bare_s"], 2),
        "bare_ratio": round(main_row["overlay_s"] / main_row["bare_s"], 2),
        "bare_ratio_1_thread": round(main_row["overlay_1_thread_s"] / main_row["bare_s"], 2),
        "bare_target": 1.5,
        "native_s": round(main_row["native_s"], 1),
        "native_speedup": round(main_row["native_s"] / main_row["total_s"], 1),
        "native_target": 3.0,
        "processing_s": round(main_row["processing_s"], 1),
        "native_steps_s": main_row["native_steps_s"],
        "agreement_mu": main_row["agreement_mu"],
        "agreement_geodesic_mu": main_row["agreement_geodesic_mu"],
        "qgis_area_vs_geod_mu": main_row["qgis_area_vs_geod_mu"],
        "ours_area_vs_geod_mu": main_row["ours_vs_geod_mu"], "agreement_target": 0.001,
        "peak_mib": round(main_row["peak_mib"]), "peak_target_mib": 2048,
        "suggested": main_row["suggested"],
        "scaling": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()
                     if k in ("n", "landuse_read", "read_s", "overlay_s", "total_s", "bare_s",
                              "peak_mib", "native_s")} for r in rows],
    }
    worst = max(result["agreement_mu"].values())
    print(f"Precheck of {PATCHES:,} patches x {LANDUSE:,} land-use polygons: overlay "
          f"{result['ours_overlay_s']} s (1 thread {result['ours_overlay_1_thread_s']} s) vs bare "
          f"{result['bare_s']} s = {result['bare_ratio']}x (1 thread "
          f"{result['bare_ratio_1_thread']}x; target <= 1.5x); end to end with reading "
          f"{result['ours_end_to_end_s']} s vs QGIS native pipeline {result['native_s']} s = "
          f"{result['native_speedup']}x faster (target >= 3x); our Processing algorithm "
          f"{result['processing_s']} s")
    print(f"Agreement with the QGIS pipeline: {worst:.4f} mu at most (target <= 0.001); with its "
          f"own pieces measured by pyproj's Geod {max(result['agreement_geodesic_mu'].values()):.4f}"
          f" mu; QGIS's ellipsoidal $area is {result['qgis_area_vs_geod_mu']:.4f} mu "
          f"off Geod on the patches, ours {result['ours_area_vs_geod_mu']:.4f} mu; peak memory "
          f"{result['peak_mib']} MiB (target <= 2048)")
    return result


if __name__ == "__main__":
    main()
