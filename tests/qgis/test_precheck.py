"""farmland_guard:precheck through the Processing framework (DESIGN.md §6.1)."""

import json

import numpy as np
import processing
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from farmland_guard.core import layers as layer_io
from farmland_guard.core import precheck, profiles, suggest
from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu
from farmland_guard.store import precheck as store_precheck
from tests.qgis.conftest import memory_layer

pytestmark = [pytest.mark.usefixtures("provider"),
              pytest.mark.filterwarnings("ignore:invalid value encountered in intersection")]

X0, Y0 = 38_450_000.0, 3_900_000.0
TEXT = ["DLFZ", "PWFZ", "GDDB", "JYPD", "JYLX", "JYLY"]
ADDED = [*precheck.FIELDS, *TEXT]  # every figure of the core, then the text fields
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
GRADES = ["3.0", "1", " 7 "]  # GDDB of the land use as written: a real, a K-suffixed one, spaces
FARMLAND = [box(0, 0, 50, 200)]
APPROVALS = [[box(0, 0, 60, 70)], [box(40, 0, 100, 70), box(150, 0, 200, 200)]]


def layers(crs="EPSG:4526", kcxs=True, gddb=True):
    convert = (lambda g: g) if crs == "EPSG:4526" else lonlat
    polygon = f"Polygon?crs={crs}"
    patches = memory_layer(f"{polygon}&field=JCBH:string&field=TBLX:string", "图斑",
                           [(convert(g).wkt, [f"P{k}", "20"]) for k, g in enumerate(PATCHES)])
    fields = ("&field=DLBM:string" + ("&field=KCXS:double" if kcxs else "")
              + ("&field=GDDB:string" if gddb else ""))
    landuse = memory_layer(f"{polygon}{fields}", "地类图斑",
                           [(convert(g).wkt, [code, *([k] if kcxs else []),
                                              *([grade] if gddb else [])])
                            for (g, code, k), grade in zip(LANDUSE, GRADES)])
    farmland = memory_layer(polygon, "永农", [(convert(g).wkt, []) for g in FARMLAND])
    approvals = [memory_layer(polygon, f"批准{k}", [(convert(g).wkt, []) for g in layer])
                 for k, layer in enumerate(APPROVALS)]
    return patches, landuse, farmland, approvals


class Feedback(QgsProcessingFeedback):
    """Keeps what the algorithm says."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings = [], []

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)

    def read_through(self, how):
        """The layers read through ``how`` (GDAL or QGIS)."""
        return [t.rsplit(": ", 1)[0] for t in self.infos if t.endswith(f"read through {how}")]


def run(patches=None, landuse=None, feedback=None, **optional):
    out = processing.run("farmland_guard:precheck", {
        "PATCHES": patches, "LANDUSE": landuse, "OUTPUT": "memory:", **optional},
        feedback=feedback)["OUTPUT"]
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
        assert got["JBNTGDMJ"] == pytest.approx(
            mu(shapely.intersection(shapely.intersection(patch, FARMLAND[0]), cultivated)),
            abs=1.0001e-4)
        assert got["WPJBNTMJ"] == pytest.approx(
            mu(shapely.difference(shapely.intersection(patch, FARMLAND[0]), approved)),
            abs=1.0001e-4)
        assert json.loads(got["PWFZ"]) == {"农转用批文": got["PWMJ"]}  # no PZLX, no kind given
    first, second = result["P0"], result["P1"]
    assert first["PWFGL"] == 1.0 and first["WFGMJ"] == 0 and first["WFGJMJ"] == 0
    # covered, but on 永久基本农田: never suggested 合法 by itself
    assert first["JYPD"] == "需人工核查" and "permanent basic farmland" in first["JYLY"]
    assert second["JYPD"] == "违法" and second["JYLX"] == "批少占多(超占)"
    assert second["WFGJMJ"] == pytest.approx(second["WFGMJ"] * 0.95, abs=1.0001e-4)
    # the grade of the 耕地 occupied: P0 lies on 0101 of grade "3.0"; P1 on more 0201K (grade
    # 1, not 耕地) than 0103 (grade " 7 "), and only the 耕地 counts
    assert (first["GDDB"], second["GDDB"]) == ("3", "7")
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
    patches, landuse, _, _ = layers(kcxs=False, gddb=False)
    result, _ = run(patches, landuse)
    for got in result.values():
        assert got["GDMJ"] is not None and got["TBMJ_MU"] > 0
        for field in ("GDJMJ", "STJMJ", "JBNTMJ", "JBNTGDMJ", "STHXMJ", *precheck.NEEDS_APPROVALS,
                      "PWFZ", "GDDB"):  # no GDDB field in the land use: no grade
            assert got[field] is None, field
        assert got["JYPD"] == "违法" and got["JYLX"] == "未批先建(未报即用)"
        assert "no approval layer given" in got["JYLY"]


def test_invalid_patches_are_repaired_with_a_warning():
    _, landuse, _, _ = layers()
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 50, Y0 + 50), (X0 + 50, Y0), (X0, Y0 + 50)])
    patches = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string", "bad",
                           [(bowtie.wkt, ["BAD"])])
    feedback = Feedback()
    out = processing.run("farmland_guard:precheck", {"PATCHES": patches, "LANDUSE": landuse,
                                                     "OUTPUT": "memory:"}, feedback=feedback)
    feature = next(out["OUTPUT"].getFeatures())
    assert feature["TBMJ_MU"] == pytest.approx(mu(shapely.make_valid(bowtie)), abs=1.0001e-4)
    assert [w.split(" (")[0] for w in feedback.warnings] == ["BAD: made valid"]


@pytest.mark.parametrize("at", [1, 20, 50])  # while reading (GDAL), overlaying
def test_cancel_stops_with_nothing_written(patch_layer, demo_data, at):
    class Cancelling(Feedback):
        errors = []

        def setProgress(self, percent):  # noqa: N802
            super().setProgress(percent)
            if percent >= at:
                self.cancel()

        def reportError(self, text, fatal=False):  # noqa: N802
            self.errors.append(text)

    feedback = Cancelling()
    result = processing.run("farmland_guard:precheck", {
        **demo_inputs(demo_data, patch_layer), "OUTPUT": "memory:"}, feedback=feedback)
    assert result == {} and feedback.errors == ["Precheck cancelled."]


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


DEMO_APPROVALS = ("NZY", "GDXM", "ZJGG", "LSYD")


def demo_layer(base, name, **kwargs):
    layer = QgsVectorLayer(f"{base}|layername={name}", name, "ogr")
    assert layer.isValid()
    return layer


def demo_inputs(demo_data, patch_layer):
    out, manifest = demo_data
    base = out / manifest["base_file"]
    return {"PATCHES": patch_layer, "LANDUSE": demo_layer(base, "DLTB"),
            "FARMLAND": demo_layer(base, "YJJBNT"), "REDLINE": demo_layer(base, "STBHHX"),
            "APPROVALS": [demo_layer(base, n) for n in DEMO_APPROVALS]}


def assert_same(got: dict, want: dict, texts=TEXT):
    assert got.keys() == want.keys()
    for jcbh in want:
        for field in precheck.FIELDS:
            assert got[jcbh][field] == pytest.approx(want[jcbh][field], abs=1.0001e-4), \
                (jcbh, field)
        for field in texts:
            assert got[jcbh][field] == want[jcbh][field], (jcbh, field)


def test_demo_batch_matches_the_core_path_of_the_same_files(patch_layer, demo_data):
    """Files are read through GDAL as the workbench reads them: the same figures, kinds,
    dates and suggestions as the store's precheck of the same files."""
    out, manifest = demo_data
    base = out / manifest["base_file"]
    feedback = Feedback()
    inputs = demo_inputs(demo_data, patch_layer)
    result, output = run(feedback=feedback, **inputs)
    assert output.featureCount() == patch_layer.featureCount()
    assert len(feedback.read_through("GDAL")) == 7 and not feedback.read_through("QGIS")
    rules = suggest.Rules.of_profile()
    patches = layer_io.read(patch_layer.source(), ("JCBH",), ("TBLX", "HSX"))
    layers = store_precheck.read_layers(
        f"{base}|layername=DLTB", f"{base}|layername=YJJBNT", f"{base}|layername=STBHHX",
        [f"{base}|layername={n}" for n in DEMO_APPROVALS], near=patches.geometries, rules=rules)
    expected = precheck.overlay(patches.geometries, layers, context=store_precheck.context_of(
        patches.columns["TBLX"], patches.columns["HSX"], rules))
    suggestions = suggest.suggest_all(expected, patches.columns["TBLX"], rules)
    want = {jcbh: {**expected.record(k), "DLFZ": expected.dlfz(k), "PWFZ": expected.pwfz(k),
                   "GDDB": expected.gddb(k), **dict(zip(("JYPD", "JYLX", "JYLY"), suggestions[k]))}
            for k, jcbh in enumerate(patches.columns["JCBH"])}
    assert_same({j: r for j, r in result.items()}, want)
    verdicts = {r["JYPD"] for r in result.values()}
    assert {"合法", "违法", "其他"} <= verdicts
    # the approvals' own kinds (PZLX), dates (PZRQ after HSX: 未批先建) and expiry (临时用地)
    kinds = set().union(*(json.loads(r["PWFZ"]) for r in result.values()))
    assert kinds == {"农转用批文", "供地", "增减挂钩", "临时用地批复"}
    # the demo land use carries GDDB: a patch on 耕地 has a grade of 1–15, one without none
    grades = {r["GDDB"] for r in result.values() if r["GDMJ"]}
    assert grades and grades <= {str(g) for g in range(1, 16)}
    assert all(r["GDDB"] is None for r in result.values() if not r["GDMJ"])
    assert any("after the after-image" in r["JYLY"] for r in result.values())


def test_memory_copies_read_through_qgis_give_the_same_figures(patch_layer, demo_data, tmp_path):
    """The same features in memory layers (read through QGIS, dates as QDateTime) and in files
    (read through GDAL; the farmland as a shapefile) give the same results."""
    inputs = demo_inputs(demo_data, patch_layer)
    shapefile = tmp_path / "yjjbnt.shp"
    pyogrio.write_dataframe(pyogrio.read_dataframe(inputs["FARMLAND"].source().split("|")[0],
                                                   layer="YJJBNT"), shapefile)
    inputs["FARMLAND"] = QgsVectorLayer(str(shapefile), "永农 shp", "ogr")
    on_files, on_memory = Feedback(), Feedback()
    from_files, _ = run(feedback=on_files, **inputs)
    assert "yjjbnt.shp" in on_files.read_through("GDAL")

    def copy(layer):
        return layer.materialize(QgsFeatureRequest())

    memory = {key: ([copy(v) for v in value] if isinstance(value, list) else copy(value))
              for key, value in inputs.items() if key != "PATCHES"}
    from_memory, _ = run(patch_layer, feedback=on_memory, **memory)
    assert len(on_memory.read_through("QGIS")) == 7 and not on_memory.read_through("GDAL")
    assert_same(from_memory, from_files)


def test_a_selection_is_read_through_qgis_and_a_subset_through_gdal(patch_layer, demo_data):
    """A selection (QGIS only) and a filter on the file (GDAL honours it) of the same features
    give the same figures; a filter that keeps nothing leaves nothing approved."""
    inputs = demo_inputs(demo_data, patch_layer)
    farmland = inputs["FARMLAND"]
    QgsProject.instance().addMapLayer(farmland)
    try:
        farmland.selectByExpression('"fid" % 3 = 0')
        assert 0 < farmland.selectedFeatureCount() < farmland.featureCount()
        selected = Feedback()
        by_selection, _ = run(feedback=selected, **{
            **inputs, "FARMLAND": QgsProcessingFeatureSourceDefinition(farmland.id(), True)})
        assert selected.read_through("QGIS") == ["YJJBNT"]
        filtered = demo_layer(demo_data[0] / demo_data[1]["base_file"], "YJJBNT")
        assert filtered.setSubsetString('"fid" % 3 = 0') and "subset=" in filtered.source()
        subset = Feedback()
        by_subset, _ = run(feedback=subset, **{**inputs, "FARMLAND": filtered})
        assert not subset.read_through("QGIS")
        assert_same(by_subset, by_selection)
        whole, _ = run(**inputs)
        assert sum(r["JBNTMJ"] for r in by_subset.values()) < sum(r["JBNTMJ"]
                                                                  for r in whole.values())
    finally:
        QgsProject.instance().removeMapLayer(farmland.id())  # and deleted: not to be used again
    approvals = [demo_layer(demo_data[0] / demo_data[1]["base_file"], n) for n in DEMO_APPROVALS]
    for layer in approvals:
        assert layer.setSubsetString("1 = 0")
    nothing, _ = run(**{**demo_inputs(demo_data, patch_layer), "APPROVALS": approvals})
    assert all(r["PWMJ"] == 0 and json.loads(r["PWFZ"]) == {} for r in nothing.values())


HSX = "2025-03-31"
COVER = box(0, 0, 100, 100)


def dated_patches():
    """A construction patch (TBLX 20) seen on HSX, on 水浇地 (no 永农, no 红线)."""
    patches = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string&field=TBLX:string"
                           "&field=HSX:date", "图斑", [(PATCHES[0].wkt, ["P0", "20", HSX])])
    landuse = memory_layer("Polygon?crs=EPSG:4526&field=DLBM:string", "地类图斑",
                           [(box(-100, -100, 300, 300).wkt, ["0102"])])
    return patches, landuse


def approval(pzrq="2024-05-01", pzlx=None, yxqz=None):
    """An approval layer covering the patch: 批准日期, 文号 and 机关, PZLX and YXQZ if given."""
    fields = "&field=PZRQ:date&field=PZWH:string&field=PZJG:string"
    fields += ("&field=PZLX:string" if pzlx else "") + ("&field=YXQZ:string" if yxqz else "")
    values = [pzrq, "获政〔2024〕1号", "获嘉县人民政府"] + [v for v in (pzlx, yxqz) if v]
    return memory_layer(f"Polygon?crs=EPSG:4526{fields}", "批准", [(COVER.wkt, values)])


@pytest.mark.parametrize("kinds, layer, verdict, kind", [
    ("供地", approval(), "合法", "供地"),
    ("供地", approval(pzrq="2025-06-01"), "违法", "未批先建(未报即用)"),  # dated after HSX
    ("设施农用地", approval(), "违法", "擅自改变用途"),  # a filing under a building
    ("临时用地", approval(yxqz="2024-12-31"), "违法", "未批先建(未报即用)"),  # expired at HSX
    ("临时用地", approval(yxqz="2026-12-31"), "合法", "临时用地批复"),
    ("", approval(), "合法", "农转用批文"),  # no kind at all: 农转用
    ("设施农用地", approval(pzlx="增减挂钩"), "合法", "增减挂钩"),  # the feature's PZLX first
])
def test_approval_kinds_and_dates(kinds, layer, verdict, kind):
    patches, landuse = dated_patches()
    result, _ = run(patches, landuse, APPROVALS=[layer], APPROVAL_KINDS=kinds)
    got = result["P0"]
    assert (got["JYPD"], got["JYLX"]) == (verdict, kind), got["JYLY"]
    if verdict == "合法":
        assert got["PWMJ"] == got["TBMJ_MU"] and json.loads(got["PWFZ"]) == {kind: got["PWMJ"]}
    else:
        assert got["PWMJ"] == 0 and got["WFGMJ"] == got["GDMJ"] == got["TBMJ_MU"]


def test_approval_kinds_one_per_layer_from_the_code_list():
    patches, landuse = dated_patches()
    layers_given = [approval(), approval(pzrq="2025-06-01")]
    result, _ = run(patches, landuse, APPROVALS=layers_given, APPROVAL_KINDS="供地，单独选址")
    assert json.loads(result["P0"]["PWFZ"]) == {"供地": result["P0"]["TBMJ_MU"]}
    for kinds, message in (("供地", "1 kind\\(s\\) for 2 approval layer"),
                           ("供地,批文,", "'批文' is not a kind of approval; the kinds are: "
                                        "农转用批文")):
        with pytest.raises(QgsProcessingException, match=message):
            run(patches, landuse, APPROVALS=layers_given, APPROVAL_KINDS=kinds)


@pytest.mark.parametrize("encoding", ["GBK", "UTF-8"])
def test_an_approval_shapefile_is_read_in_its_encoding(patch_layer, tmp_path, encoding):
    """PZLX of a shapefile in GBK without a .cpg (the encoding set in QGIS), or in UTF-8 with
    one, is read right: ``patch_layer`` (a GBK shapefile opened in QGIS) has left GDAL's
    SHAPE_ENCODING at '' for the process, so GDAL would read both undecoded."""
    import geopandas as gpd
    from osgeo import gdal

    assert gdal.GetConfigOption("SHAPE_ENCODING") == ""
    path = tmp_path / "gdxm.shp"
    frame = gpd.GeoDataFrame({"PZLX": ["供地"], "PZRQ": ["2024-05-01"]}, geometry=[COVER],
                             crs="EPSG:4526")
    gdal.SetConfigOption("SHAPE_ENCODING", None)  # to write it in ``encoding``
    try:
        pyogrio.write_dataframe(frame, path, encoding=encoding)
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", "")
    layer = QgsVectorLayer(str(path), "供地 shp", "ogr")
    if encoding == "GBK":
        path.with_suffix(".cpg").unlink()
        layer = QgsVectorLayer(str(path), "供地 shp", "ogr")
        layer.setProviderEncoding("GBK")
    patches, landuse = dated_patches()
    feedback = Feedback()
    result, _ = run(patches, landuse, feedback, APPROVALS=[layer])
    assert "供地 shp" in feedback.read_through("QGIS")  # (the land use is in memory)
    assert json.loads(result["P0"]["PWFZ"]) == {"供地": result["P0"]["TBMJ_MU"]}


def test_a_long_reason_is_written_whole_to_a_geopackage(tmp_path):
    """JYLY may pass 254 characters (a late approval, an expired one, 永农): the GeoPackage
    gets the patch and the whole reason, not a dropped feature."""
    patches, landuse = dated_patches()
    farmland = memory_layer("Polygon?crs=EPSG:4526", "永农", [(COVER.wkt, [])])
    late = approval(pzrq="2025-06-01", pzlx="农用地转用")
    expired = approval(pzlx="临时用地", yxqz="2024-12-31")
    out = processing.run("farmland_guard:precheck", {
        "PATCHES": patches, "LANDUSE": landuse, "FARMLAND": farmland, "APPROVALS": [late, expired],
        "OUTPUT": str(tmp_path / "out.gpkg")})["OUTPUT"]
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == 1 and len(frame["JYLY"][0]) > 254, frame["JYLY"][0]
    assert "expired" in frame["JYLY"][0] and "after the after-image" in frame["JYLY"][0]


@pytest.fixture()
def lenient_profile(monkeypatch):
    """A province whose rules count K-suffixed land as 耕地 and read KCXS above 1 as percent."""
    national = profiles.profiles()[profiles.DEFAULT]
    rules = {**national.precheck, "adjustable_cultivated": True, "kcxs_percent": True}
    known = {**profiles.profiles(), "lenient": profiles.Profile(
        "lenient", "宽松", "test", (), {}, rules, national.workflow)}
    monkeypatch.setattr(profiles, "profiles", lambda: known)
    return "lenient"


def test_profile_chooses_the_rules(lenient_profile):
    patches = layers()[0]
    fields = "Polygon?crs=EPSG:4526&field=BSM:string&field=DLBM:string&field=KCXS:double"
    # 0102K: 水浇地 under 可调整 (K); KCXS in percent, as some counties deliver it
    rows = [(g, "0102K" if code == "0201K" else code, kc) for g, code, kc in LANDUSE]
    fraction = memory_layer(fields, "地类图斑", [(g.wkt, [f"BSM-{k}", code, kc])
                                                for k, (g, code, kc) in enumerate(rows)])
    percent = memory_layer(fields, "地类图斑", [(g.wkt, [f"BSM-{k}", code, kc * 100])
                                               for k, (g, code, kc) in enumerate(rows)])
    with pytest.raises(QgsProcessingException, match="地类图斑.*KCXS.*BSM-0"):
        run(patches, percent)  # national: a coefficient above 1 is refused, by polygon
    national, _ = run(patches, fraction, PROFILE="national")
    lenient, _ = run(patches, percent, PROFILE=lenient_profile)
    assert lenient["P0"]["GDJMJ"] == pytest.approx(national["P0"]["GDJMJ"], abs=1.0001e-4)
    assert national["P1"]["GDMJ"] < national["P1"]["TBMJ_MU"]  # 0102K is not 耕地 …
    assert lenient["P1"]["GDMJ"] == lenient["P1"]["TBMJ_MU"]  # … unless the profile says so
    with pytest.raises(QgsProcessingException, match="Unknown profile nowhere; the profiles are"):
        run(patches, layers()[1], PROFILE="nowhere")
    auto, _ = run(patches, fraction, PROFILE="auto")  # matches no profile: national
    assert auto == national


def test_runs_headless_with_qgis_process(demo_data, qgis_process, tmp_path):
    out, manifest = demo_data
    base = out / manifest["base_file"]
    result = tmp_path / "prechecked.gpkg"
    done = qgis_process("run", "farmland_guard:precheck", "--",
                        f"PATCHES={out / manifest['patch_file']}", f"LANDUSE={base}|layername=DLTB",
                        f"APPROVALS={base}|layername=NZY", f"APPROVALS={base}|layername=LSYD",
                        "APPROVAL_KINDS=农转用,临时用地", "PROFILE=national", f"OUTPUT={result}")
    assert done.returncode == 0, done.stdout + done.stderr
    frame = pyogrio.read_dataframe(result)
    assert len(frame) == manifest["patches"]
    assert set(ADDED) <= set(frame.columns)
    assert frame["GDMJ"].notna().all() and frame["PWMJ"].notna().all()
    assert frame["JBNTMJ"].isna().all() and frame["STHXMJ"].isna().all()
    assert set(frame["JYPD"].dropna()) <= set(suggest.SUGGESTIONS)
    assert set().union(*map(json.loads, frame["PWFZ"])) == {"农转用批文", "临时用地批复"}
    refused = qgis_process("run", "farmland_guard:precheck", "--",
                           f"PATCHES={out / manifest['patch_file']}",
                           f"LANDUSE={base}|layername=DLTB", f"APPROVALS={base}|layername=NZY",
                           "APPROVAL_KINDS=批文", f"OUTPUT={tmp_path / 'no.gpkg'}")
    assert refused.returncode != 0 and "'批文' is not a kind of approval" in refused.stderr
