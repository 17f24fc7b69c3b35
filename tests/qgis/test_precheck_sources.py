"""A filter the user set on a layer in QGIS (``|subset=…``) reaches the precheck: features
excluded there (e.g. revoked approvals) are not overlaid."""

from qgis.core import QgsProject, QgsVectorLayer

from farmland_guard.core import layers as layer_io
from farmland_guard.gui.precheck_dialog import PrecheckDialog


def test_a_filtered_approval_layer_is_read_with_its_filter(demo_data, tmp_path, qgis_app):
    out, manifest = demo_data
    base = out / manifest["base_file"]
    landuse = QgsVectorLayer(f"{base}|layername=DLTB", "地类图斑", "ogr")
    approvals = QgsVectorLayer(f"{base}|layername=NZY", "农用地转用批复", "ogr")
    assert approvals.setSubsetString("1 = 0")  # nothing of it is to count
    assert "subset=" in approvals.source()
    QgsProject.instance().addMapLayers([landuse, approvals])
    try:
        dialog = PrecheckDialog(tmp_path / "s.gpkg")
        sources = dialog.sources()
        assert len(sources["approvals"]) == 1
        source, kind = sources["approvals"][0]
        assert kind == "农转用批文"  # guessed from the layer's name
        read = layer_io.read(source)
        assert len(read.geometries) == 0, f"{len(read.geometries)} features read past the filter"
    finally:
        QgsProject.instance().removeMapLayers([landuse.id(), approvals.id()])
