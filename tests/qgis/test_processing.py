"""farmland_guard:ellipsoidalarea through the Processing framework, against pyproj's geodesic."""

import numpy as np
import processing
import pytest
import shapely
from qgis.core import QgsProcessingException

from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu
from tests.qgis.conftest import memory_layer

pytestmark = pytest.mark.usefixtures("provider")


def test_adds_tbmj_mu_equal_to_the_geodesic_area(patch_layer):
    result = processing.run("farmland_guard:ellipsoidalarea",
                            {"INPUT": patch_layer, "OUTPUT": "memory:"})["OUTPUT"]
    assert result.featureCount() == patch_layer.featureCount()
    assert result.fields().names()[-1] == "TBMJ_MU"
    import pyogrio

    frame = pyogrio.read_dataframe(patch_layer.source().split("|")[0], encoding="GBK")
    lonlat = dict(zip(frame["JCBH"], frame.geometry.to_crs("EPSG:4490").values))
    errors = [f["TBMJ_MU"] - m2_to_mu(geodesic_area_m2(lonlat[f["JCBH"]]))
              for f in result.getFeatures()]
    assert np.max(np.abs(errors)) <= 0.0001  # 4 decimals, rounded
    assert {f["XMC"] for f in result.getFeatures()} == {"获嘉县"}


def test_gauss_kruger_and_lonlat_agree():
    square = shapely.box(38400000, 3900000, 38400100, 3900100)  # 100 km off the meridian
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4526", "EPSG:4490", always_xy=True)
    lonlat = shapely.transform(square, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))
    gk = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string", "gk", [(square.wkt, ["a"])])
    ll = memory_layer("Polygon?crs=EPSG:4490&field=JCBH:string", "ll", [(lonlat.wkt, ["a"])])
    areas = [next(processing.run("farmland_guard:ellipsoidalarea",
                                 {"INPUT": layer, "OUTPUT": "memory:"})["OUTPUT"].getFeatures())
             ["TBMJ_MU"] for layer in (gk, ll)]
    assert areas[0] == areas[1]
    assert areas[0] == pytest.approx(m2_to_mu(geodesic_area_m2(lonlat)), abs=1e-4)
    assert areas[0] != pytest.approx(15.0, abs=1e-3)  # not the planar 10,000 m²


def test_refuses_a_layer_without_crs():
    layer = memory_layer("Polygon?field=JCBH:string", "nocrs", [("POLYGON((0 0,1 0,1 1,0 0))", ["a"])])
    with pytest.raises(QgsProcessingException, match="no coordinate reference system"):
        processing.run("farmland_guard:ellipsoidalarea", {"INPUT": layer, "OUTPUT": "memory:"})


def test_null_geometry_gets_null_area():
    layer = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string", "null", [("", ["a"])])
    out = processing.run("farmland_guard:ellipsoidalarea", {"INPUT": layer, "OUTPUT": "memory:"})
    feature = next(out["OUTPUT"].getFeatures())
    assert feature["TBMJ_MU"] is None or feature["TBMJ_MU"].isNull()


def test_an_integer_tbmj_mu_in_the_input_gives_way_to_the_double():
    layer = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string&field=tbmj_mu:integer", "int",
                         [("POLYGON((38400000 3900000,38400030 3900000,38400030 3900030,"
                           "38400000 3900000))", ["a", 1])])
    out = processing.run("farmland_guard:ellipsoidalarea", {"INPUT": layer, "OUTPUT": "memory:"})
    result = out["OUTPUT"]
    assert [f.name() for f in result.fields()] == ["JCBH", "TBMJ_MU"]
    assert next(result.getFeatures())["TBMJ_MU"] == pytest.approx(0.6748, abs=1e-3)
