"""The patch dock on real layers: listing, ellipsoidal areas, filter, zoom, and bad input."""

import math

import numpy as np
import pyogrio
import pytest
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from farmland_guard.core.areas import ellipsoidal_areas_m2, m2_to_mu
from farmland_guard.gui.patch_dock import PatchDock
from farmland_guard.gui.patch_model import AREA_COLUMN
from tests.qgis.conftest import memory_layer, wait_for


@pytest.fixture()
def dock(qgis_canvas):
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    widget = PatchDock(qgis_canvas)
    widget.resize(600, 800)
    widget.show()
    yield widget
    widget.cleanup()
    widget.deleteLater()


def show(dock, layer):
    dock.set_layer(layer)
    wait_for(lambda: not dock.loading)


def test_lists_the_patches_with_ellipsoidal_areas(dock, patch_layer, demo_data):
    out, manifest = demo_data
    show(dock, patch_layer)
    assert dock.model.rowCount() == 120
    assert not dock.message.isVisibleTo(dock)
    frame = pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK")
    expected = dict(zip(frame["JCBH"], m2_to_mu(ellipsoidal_areas_m2(
        frame.geometry.to_crs("EPSG:4490").values))))
    for row in dock.model.rows:
        assert row.area_mu == pytest.approx(expected[row.jcbh], abs=1e-6)
        assert row.county == "410724 获嘉县"  # GBK decoded, not mojibake
    first = dock.model.rows[0]
    assert first.tblx.split(" ")[0] == frame.loc[frame["JCBH"] == first.jcbh, "TBLX"].iloc[0]
    total = sum(r.area_mu for r in dock.model.rows)
    assert dock.count.text() == f"120 of 120 patches, {total:.4f} mu"


def test_same_area_whatever_the_crs(dock, patch_layer, tmp_path):
    show(dock, patch_layer)
    gk = {r.jcbh: r.area_mu for r in dock.model.rows}
    path = tmp_path / "lonlat.gpkg"
    frame = pyogrio.read_dataframe(patch_layer.source().split("|")[0], encoding="GBK")
    pyogrio.write_dataframe(frame.to_crs("EPSG:4490"), path)
    from qgis.core import QgsVectorLayer

    lonlat = QgsVectorLayer(str(path), "经纬度", "ogr")
    show(dock, lonlat)
    for row in dock.model.rows:
        assert row.area_mu == pytest.approx(gk[row.jcbh], abs=1e-5)


def test_filter_and_sort(dock, patch_layer):
    show(dock, patch_layer)
    dock.filter_edit.setText("SJBG25000011")
    assert dock.proxy.rowCount() == 1
    assert dock.count.text().startswith("1 of 120 patches")
    dock.filter_edit.setText("建(构)筑物")
    builds = sum(1 for r in dock.model.rows if r.tblx.startswith("20 "))
    assert dock.proxy.rowCount() == builds > 0
    dock.filter_edit.setText("")
    dock.table.sortByColumn(AREA_COLUMN, Qt.DescendingOrder)
    top = dock.proxy.index(0, AREA_COLUMN).data(dock.model.SORT_ROLE)
    assert top == max(r.area_mu for r in dock.model.rows)


def test_double_click_and_enter_zoom_to_the_patch(dock, patch_layer, qgis_canvas):
    show(dock, patch_layer)
    qgis_canvas.setExtent(QgsRectangle(38400000, 3850000, 38500000, 3950000))
    dock.filter_edit.setText("410724SJBG25000050")
    index = dock.proxy.index(0, 0)
    QTest.qWait(50)  # let the table lay itself out
    rect = dock.table.visualRect(index)
    QTest.mouseClick(dock.table.viewport(), Qt.LeftButton, pos=rect.center())
    QTest.mouseDClick(dock.table.viewport(), Qt.LeftButton, pos=rect.center())
    feature = next(f for f in patch_layer.getFeatures() if f["JCBH"] == "410724SJBG25000050")
    box = feature.geometry().boundingBox()
    extent = qgis_canvas.extent()
    assert extent.contains(box)
    # zoomed in, with a margin: the patch fills its tighter direction to within a factor 3
    assert min(extent.width() / box.width(), extent.height() / box.height()) < 3

    qgis_canvas.setExtent(QgsRectangle(38400000, 3850000, 38500000, 3950000))
    dock.table.setCurrentIndex(index)
    QTest.keyClick(dock.table, Qt.Key_Return)
    assert qgis_canvas.extent().contains(box) and qgis_canvas.extent().width() < 10000


def test_follows_edits_of_the_layer(dock, patch_layer):
    show(dock, patch_layer)
    with_edit = memory_layer("MultiPolygon?crs=EPSG:4526&field=JCBH:string", "图斑",
                             [("MULTIPOLYGON(((38460000 3900000,38460100 3900000,38460100 3900100,"
                               "38460000 3900000)))", ["A1"])])
    show(dock, with_edit)
    assert dock.model.rowCount() == 1
    with_edit.startEditing()
    feature = next(with_edit.getFeatures())
    with_edit.changeAttributeValue(feature.id(), 0, "A2")
    with_edit.commitChanges()
    wait_for(lambda: dock.model.rows and dock.model.rows[0].jcbh == "A2" and not dock.loading)


BAD_LAYERS = {
    "no_layer": (None, "Select a polygon layer with a JCBH field"),
    "no_jcbh": (("Polygon?crs=EPSG:4526&field=BH:string", [("POLYGON((0 0,1 0,1 1,0 0))", ["x"])]),
                "has no JCBH (patch ID) field"),
    "points": (("Point?crs=EPSG:4526&field=JCBH:string", [("POINT(1 1)", ["p"])]),
               "is not a polygon layer (Point)"),
    "empty": (("Polygon?crs=EPSG:4526&field=JCBH:string", []), "holds no patches"),
    "no_crs": (("Polygon?field=JCBH:string", [("POLYGON((0 0,1 0,1 1,0 0))", ["x"])]),
               "has no coordinate reference system"),
}


@pytest.mark.parametrize("case", sorted(BAD_LAYERS))
def test_bad_input_gets_a_clear_message(dock, case):
    spec, expected = BAD_LAYERS[case]
    layer = memory_layer(spec[0], "坏图层", spec[1]) if spec else None
    show(dock, layer)
    assert dock.message.isVisibleTo(dock)
    assert expected in dock.message.text()
    if case == "no_crs":
        assert dock.model.rowCount() == 1 and math.isnan(dock.model.rows[0].area_mu)
        assert dock.proxy.index(0, AREA_COLUMN).data() == "—"
    elif case != "empty":
        assert dock.model.rowCount() == 0


def test_null_and_invalid_geometries_do_not_break_the_list(dock):
    layer = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string&field=TBLX:string", "坏几何", [
        ("POLYGON((38460000 3900000,38460100 3900100,38460100 3900000,38460000 3900100,"
         "38460000 3900000))", ["bowtie", "20"]),
        ("", ["nullgeom", None]),
    ])
    show(dock, layer)
    rows = {r.jcbh: r for r in dock.model.rows}
    assert set(rows) == {"bowtie", "nullgeom"}
    assert math.isnan(rows["nullgeom"].area_mu)
    assert rows["bowtie"].tblx == "20 建(构)筑物"


def test_missing_dependency_lists_patches_and_says_why(dock, patch_layer, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "shapely", None)
    show(dock, patch_layer)
    assert dock.model.rowCount() == 120
    assert all(math.isnan(r.area_mu) for r in dock.model.rows)
    assert "shapely" in dock.message.text() and "pip install shapely" in dock.message.text()


def test_a_removed_layer_empties_the_dock(dock, patch_layer):
    show(dock, patch_layer)
    QgsProject.instance().removeMapLayer(patch_layer.id())
    assert dock.layer is None and dock.model.rowCount() == 0


def test_twenty_thousand_rows_are_a_model_not_widgets(dock):
    rng = np.random.default_rng(0)
    x, y = rng.uniform(38440000, 38480000, 2000), rng.uniform(3880000, 3920000, 2000)
    rows = [(shapely.box(a, b, a + 30, b + 40).wkt, [f"P{i:05d}"]) for i, (a, b) in enumerate(zip(x, y))]
    layer = memory_layer("Polygon?crs=EPSG:4526&field=JCBH:string", "多", rows)
    show(dock, layer)
    assert dock.model.rowCount() == 2000
    assert not dock.table.findChildren(type(dock.message))  # no widget per row
    assert all(r.area_mu == pytest.approx(1.8, abs=0.01) for r in dock.model.rows)
