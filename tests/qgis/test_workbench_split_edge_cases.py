"""'Split by land use' in the workbench on land-use layers as delivered — a NULL DLBM, an
invalid (self-intersecting) polygon, a feature without geometry: parcels or a message, never
an exception out of the button's slot."""

import pytest
from qgis.core import QgsFeatureRequest, QgsProject

from tests.qgis.conftest import memory_layer
from tests.qgis.test_workbench import largest_patch


def halves(bench):  # noqa: F811
    row = largest_patch(bench)
    box = next(bench.layer.getFeatures(QgsFeatureRequest(row.fid))).geometry().boundingBox()
    pad = 0.001
    x = box.center().x()
    x0, y0, x1, y1 = box.xMinimum() - pad, box.yMinimum() - pad, box.xMaximum() + pad, box.yMaximum() + pad
    west = f"POLYGON(({x0} {y0}, {x} {y0}, {x} {y1}, {x0} {y1}, {x0} {y0}))"
    east = f"POLYGON(({x} {y0}, {x1} {y0}, {x1} {y1}, {x} {y1}, {x} {y0}))"
    bowtie = f"POLYGON(({x} {y0}, {x1} {y1}, {x1} {y0}, {x} {y1}, {x} {y0}))"
    return row, west, east, bowtie


def split_with(bench, rows):  # noqa: F811
    layer = memory_layer("Polygon?crs=EPSG:4490&field=DLBM:string", "DLTB", rows)
    QgsProject.instance().addMapLayer(layer)
    try:
        bench.parcels.landuse.setLayer(layer)
        bench.parcels.split_by_landuse()  # what the button's clicked signal calls
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


@pytest.mark.parametrize("case", ["null_code", "invalid_polygon", "no_geometry"])
def test_split_by_land_use_never_raises(bench, case):  # noqa: F811
    row, west, east, bowtie = halves(bench)
    rows = {"null_code": [(west, ["0101"]), (east, [None])],
            "invalid_polygon": [(west, ["0101"]), (bowtie, ["0602"])],
            "no_geometry": [(west, ["0101"]), (east, ["0602"]), ("", ["0702"])]}[case]
    split_with(bench, rows)
    # the whole patch and its parcels: west and east, or west, the repaired bow tie and the rest
    assert bench.target.count() == {"invalid_polygon": 4}.get(case, 3), bench.message.text()
