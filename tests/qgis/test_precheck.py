"""farmland_guard:precheck through the Processing framework (DESIGN.md §6.1)."""

import os
import subprocess
import sysconfig
from pathlib import Path

import numpy as np
import processing
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from farmland_guard.core import layers as layer_io
from farmland_guard.core import precheck
from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu
from tests.conftest import ROOT
from tests.qgis.conftest import memory_layer

pytestmark = [pytest.mark.usefixtures("provider"),
              pytest.mark.filterwarnings("ignore:invalid value encountered in intersection")]

X0, Y0 = 38_450_000.0, 3_900_000.0
ADDED = ["TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ",
         "DLFZ", "JYPD", "JYLY"]
_lonlat = Transformer.from_crs("EPSG:4526", "EPSG:4490", always_xy=True)


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def lonlat(geom):
    return shapely.transform(geom, lambda c: np.column_stack(_lonlat.transform(*c.T)))


def mu(geom) -> float:
    return float(m2_to_mu(geodesic_area_m2(lonlat(geom)))) if not geom.is_empty else 0.0


PATCHES = [box(10, 10, 90, 60), box(120, 20, 160, 140)]
LANDUSE = [(box(0, 0, 100, 100), "0101", 0.1), (box(100, 0, 200, 100), "0201K", 0.0),
           (box(0, 100, 200, 200), "0103", 0.05)]
FARMLAND = [box(0, 0, 50, 200)]
APPROVALS = [[box(0, 0, 60, 70)], [box(40, 0, 100, 70), box(150, 0, 200, 200)]]


def layers(crs="EPSG:4526", kcxs=True):
    convert = (lambda g: g) if crs == "EPSG:4526" else lonlat
    polygon = f"Polygon?crs={crs}"
    patches = memory_layer(f"{polygon}&field=JCBH:string&field=TBLX:string", "图斑",
                           [(convert(g).wkt, [f"P{k}", "20"]) for k, g in enumerate(PATCHES)])
    fields = "&field=DLBM:string" + ("&field=KCXS:double" if kcxs else "")
    landuse = memory_layer(f"{polygon}{fields}", "地类图斑",
                           [(convert(g).wkt, [code, k] if kcxs else [code])
                            for g, code, k in LANDUSE])
    farmland = memory_layer(polygon, "永农", [(convert(g).wkt, []) for g in FARMLAND])
    approvals = [memory_layer(polygon, f"批准{k}", [(convert(g).wkt, []) for g in layer])
                 for k, layer in enumerate(APPROVALS)]
    return patches, landuse, farmland, approvals


def run(patches, landuse, **optional):
    out = processing.run("farmland_guard:precheck", {
        "PATCHES": patches, "LANDUSE": landuse, "OUTPUT": "memory:", **optional})["OUTPUT"]
    return {f["JCBH"]: {n: (None if isinstance(f[n], QVariant) else f[n])  # NULL
                        for n in out.fields().names()} for f in out.getFeatures()}, out


def test_adds_the_precheck_fields_with_geodesic_areas():
    patches, landuse, farmland, approvals = layers()
    result, out = run(patches, landuse, FARMLAND=farmland, APPROVALS=approvals)
    assert out.fields().names() == ["JCBH", "TBLX"] + ADDED
    assert out.crs().authid() == "EPSG:4526" and out.featureCount() == 2
    approved = shapely.union_all([g for layer in APPROVALS for g in layer])
    cultivated = shapely.union(LANDUSE[0][0], LANDUSE[2][0])
    for k, patch in enumerate(PATCHES):
        got = result[f"P{k}"]
        gd = shapely.intersection(patch, cultivated)
        want = {"TBMJ_MU": mu(patch), "GDMJ": mu(gd),
                "GDJMJ": sum(mu(shapely.intersection(patch, g)) * (1 - kc)
                             for g, code, kc in LANDUSE if code != "0201K"),
                "STMJ": mu(shapely.intersection(patch, LANDUSE[0][0])),
                "JBNTMJ": mu(shapely.intersection(patch, FARMLAND[0])),
                "PWMJ": mu(shapely.intersection(patch, approved)),
                "WFGMJ": mu(shapely.difference(gd, approved))}
        for field, value in want.items():
            assert got[field] == pytest.approx(value, abs=1.0001e-4), (k, field)
        assert got["STHXMJ"] is None  # no red line given
    first, second = result["P0"], result["P1"]
    assert first["PWFGL"] == 1.0 and first["WFGMJ"] == 0 and first["JYPD"] == "合法"
    assert second["JYPD"] == "违法" and "not covered by any approval" in second["JYLY"]
    assert '"其中可调整地类"' in second["DLFZ"] and second["GDMJ"] < second["TBMJ_MU"]


def test_gauss_kruger_and_lonlat_copies_agree():
    gk, ll = layers(), layers("EPSG:4490")
    results = []
    for patches, landuse, farmland, approvals in (gk, ll):
        results.append(run(patches, landuse, FARMLAND=farmland, APPROVALS=approvals)[0])
    for key in results[0]:
        for field in ADDED[:9]:
            assert results[0][key][field] == pytest.approx(results[1][key][field], abs=1.0001e-4)
    mixed = run(gk[0], ll[1], FARMLAND=gk[2], APPROVALS=[ll[3][0], gk[3][1]])[0]
    assert mixed["P1"]["GDMJ"] == pytest.approx(results[0]["P1"]["GDMJ"], abs=1.0001e-4)


def test_layers_not_given_leave_null_fields():
    patches, landuse, _, _ = layers(kcxs=False)
    result, _ = run(patches, landuse)
    for got in result.values():
        assert got["GDMJ"] is not None and got["TBMJ_MU"] > 0
        for field in ("GDJMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ"):
            assert got[field] is None, field
        assert got["JYPD"] == "违法" and "no approval layer given" in got["JYLY"]


def test_invalid_patches_are_repaired_with_a_warning():
    _, landuse, _, _ = layers()
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 50, Y0 + 50), (X0 + 50, Y0), (X0, Y0 + 50)])
    patches = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string", "bad",
                           [(bowtie.wkt, ["BAD"])])

    class Feedback(QgsProcessingFeedback):
        warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    feedback = Feedback()
    out = processing.run("farmland_guard:precheck", {"PATCHES": patches, "LANDUSE": landuse,
                                                     "OUTPUT": "memory:"}, feedback=feedback)
    feature = next(out["OUTPUT"].getFeatures())
    assert feature["TBMJ_MU"] == pytest.approx(mu(shapely.make_valid(bowtie)), abs=1.0001e-4)
    assert [w.split(" (")[0] for w in feedback.warnings] == ["BAD: made valid"]


def test_3d_and_curved_layers_are_read_flat_and_straight():
    patches, _, _, _ = layers()
    x, y = X0, Y0
    curved = memory_layer("CurvePolygon?crs=EPSG:4526&field=DLBM:string", "曲线", [(
        f"CURVEPOLYGON(CIRCULARSTRING({x + 65} {y + 35},{x + 185} {y + 35},{x + 65} {y + 35}))",
        ["0102"])])
    flat, _ = run(patches, memory_layer("Polygon?crs=EPSG:4526&field=DLBM:string", "平面", [
        (shapely.Point(x + 125, y + 35).buffer(60, quad_segs=64).wkt, ["0102"])]))
    bent, _ = run(patches, curved)
    for key in ("P0", "P1"):
        assert 0 < bent[key]["GDMJ"] < bent[key]["TBMJ_MU"]
        assert bent[key]["GDMJ"] == pytest.approx(flat[key]["GDMJ"], abs=0.01)
    raised = memory_layer("PolygonZ?crs=EPSG:4526&field=JCBH:string", "三维", [(
        f"POLYGON Z(({x + 10} {y + 10} 80,{x + 90} {y + 10} 81,{x + 90} {y + 60} 82,"
        f"{x + 10} {y + 10} 80))", ["Z"])])
    landuse = layers()[1]
    result, _ = run(raised, landuse)
    assert result["Z"]["TBMJ_MU"] == pytest.approx(
        mu(shapely.Polygon([(x + 10, y + 10), (x + 90, y + 10), (x + 90, y + 60)])), abs=1.0001e-4)


def test_refuses_land_use_without_dlbm():
    patches, _, farmland, _ = layers()
    with pytest.raises(QgsProcessingException, match="no DLBM field"):
        processing.run("farmland_guard:precheck",
                       {"PATCHES": patches, "LANDUSE": farmland, "OUTPUT": "memory:"})


def test_refuses_a_layer_without_crs():
    patches, landuse, _, _ = layers()
    nocrs = memory_layer("Polygon?field=DLBM:string", "无坐标系",
                         [(box(0, 0, 10, 10).wkt, ["0101"])])
    for given in ({"PATCHES": nocrs, "LANDUSE": landuse}, {"PATCHES": patches, "LANDUSE": nocrs}):
        with pytest.raises(QgsProcessingException, match="no coordinate reference system"):
            processing.run("farmland_guard:precheck", {**given, "OUTPUT": "memory:"})


def test_demo_batch_matches_the_core_overlay_of_the_same_files(patch_layer, demo_data):
    out, manifest = demo_data
    base = out / manifest["base_file"]

    def layer(name):
        return QgsVectorLayer(f"{base}|layername={name}", name, "ogr")

    result, output = run(patch_layer, layer("DLTB"), FARMLAND=layer("YJJBNT"),
                         REDLINE=layer("STBHHX"),
                         APPROVALS=[layer(n) for n in ("NZY", "GDXM", "ZJGG")])
    assert output.featureCount() == patch_layer.featureCount()
    patches = layer_io.read(patch_layer.source(), ("JCBH",))
    source = {n: layer_io.read(f"{base}|layername={n}", ("DLBM",) if n == "DLTB" else (),
                               ("KCXS",)) for n in ("DLTB", "YJJBNT", "STBHHX", "NZY", "GDXM",
                                                    "ZJGG")}
    expected = precheck.overlay(patches.geometries, precheck.Layers(
        source["DLTB"].geometries, source["DLTB"].columns["DLBM"], source["DLTB"].columns["KCXS"],
        source["YJJBNT"].geometries, source["STBHHX"].geometries,
        [source[n].geometries for n in ("NZY", "GDXM", "ZJGG")]))
    verdicts = set()
    for k, jcbh in enumerate(patches.columns["JCBH"]):
        for field in ADDED[:9]:
            assert result[jcbh][field] == pytest.approx(expected.record(k)[field], abs=1.0001e-4)
        verdicts.add(result[jcbh]["JYPD"])
    assert {"合法", "违法"} <= verdicts


QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")  # the qgis_process wrapper adds a bad flag


@pytest.mark.skipif(not QGIS_PROCESS.exists() or not any((ROOT / "i18n").glob("*.qm")),
                    reason="needs qgis_process and the compiled translations (make translate)")
def test_runs_headless_with_qgis_process(demo_data, tmp_path):
    from dev.package import assemble

    out, manifest = demo_data
    base = out / manifest["base_file"]
    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    assemble(plugins)
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "farmland_guard"], env=env, check=True,
                   capture_output=True, timeout=120)
    result = tmp_path / "prechecked.gpkg"
    subprocess.run([QGIS_PROCESS, "run", "farmland_guard:precheck", "--",
                    f"PATCHES={out / manifest['patch_file']}", f"LANDUSE={base}|layername=DLTB",
                    f"APPROVALS={base}|layername=NZY", f"APPROVALS={base}|layername=GDXM",
                    f"OUTPUT={result}"], env=env, check=True, capture_output=True, timeout=300)
    frame = pyogrio.read_dataframe(result)
    assert len(frame) == manifest["patches"]
    assert set(ADDED) <= set(frame.columns)
    assert frame["GDMJ"].notna().all() and frame["PWMJ"].notna().all()
    assert frame["JBNTMJ"].isna().all() and frame["STHXMJ"].isna().all()
    assert set(frame["JYPD"].dropna()) <= {"合法", "违法", "其他"}
