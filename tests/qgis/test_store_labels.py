"""One label per patch: once the batch is in a store, the delivered layer stops labelling, and the
store's labels show codes with their names ('20 建(构)筑物'), as the patch dock does."""

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsProject,
)

import farmland_guard
from farmland_guard.core.codelists import dlbm, tblx_label
from farmland_guard.gui import work_stores
from farmland_guard.paths import asset


def label_of(layer, feature):
    settings = layer.labeling().settings()
    assert settings.isExpression
    expression = QgsExpression(settings.fieldName)
    assert not expression.hasParserError(), expression.parserErrorString()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    return expression.evaluate(context)


@pytest.fixture()
def plugin(qgis_iface):
    work_stores.RECENT.set("[]")
    started = farmland_guard.classFactory(qgis_iface)
    started.initGui()
    yield started
    started.unload()
    work_stores.RECENT.set("[]")


def test_opening_the_store_hides_the_delivered_labels(plugin, patch_layer, store):
    patch_layer.loadNamedStyle(str(asset("resources", "styles", "patches.qml")))
    assert patch_layer.labelsEnabled()  # the demo project labels the delivered batch
    assert plugin.open_store(store)
    assert not patch_layer.labelsEnabled()
    layer = plugin.workbench.layer
    assert layer.labelsEnabled()
    seen = set()
    for feature in layer.getFeatures():  # every kind of patch of the batch, known or not
        assert label_of(layer, feature) == f"{feature['JCBH']}\n{tblx_label(feature['TBLX'])}"
        seen.add(feature["TBLX"])
    assert len(seen) > 3 and "20" in seen
    assert tblx_label("20") == "20 建(构)筑物"
    plugin.workbench.close_store()
    QgsProject.instance().removeAllMapLayers()


def test_parcel_labels_name_the_land_use(plugin, store):
    assert plugin.open_store(store)
    bench = plugin.workbench
    parcels = bench.parcels_layer
    feature = next(parcels.getFeatures(), None)
    if feature is None:  # no parcel yet: the expression on an empty feature of the layer
        from qgis.core import QgsFeature

        feature = QgsFeature(parcels.fields())
        feature["DKBH"], feature["DLBM"], feature["PDLX"] = "410724SJBG25000001_2", "0101", "违法"
    text = label_of(parcels, feature)
    code = feature["DLBM"]
    assert f"{code} {dlbm()[code]}" in text
    other = next(c for c in dlbm() if c != code)
    feature["DLBM"] = other
    assert f"{other} {dlbm()[other]}" in label_of(parcels, feature)
    bench.close_store()
    QgsProject.instance().removeAllMapLayers()
