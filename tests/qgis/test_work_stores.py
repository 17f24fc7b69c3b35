"""打开工作库…, the recent stores and the project's store: after a restart the technician gets
back to the store in one step, styled, with the workbench on the next unverified patch; an action
that needs a store says so when none is open."""

from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QAction, QFileDialog

import farmland_guard
from farmland_guard.gui import work_stores


@pytest.fixture()
def clean(qgis_app):
    work_stores.RECENT.set("[]")
    QgsProject.instance().clear()
    yield
    work_stores.RECENT.set("[]")
    QgsProject.instance().clear()


@pytest.fixture()
def start(qgis_iface, clean):
    """Starts the plugin as QGIS does; every plugin started is unloaded at the end."""
    started = []

    def run():
        plugin = farmland_guard.classFactory(qgis_iface)
        plugin.initGui()
        started.append(plugin)
        return plugin

    yield run
    for plugin in started:
        if plugin.workbench is not None:
            plugin.unload()


def restart(plugin, start):
    """QGIS closed and started again, without a project."""
    plugin.unload()
    QgsProject.instance().clear()
    return start()


def patch_layers():
    return [layer for layer in QgsProject.instance().mapLayers().values()
            if isinstance(layer, QgsVectorLayer) and layer.source().endswith("layername=patches")]


def judge_first(store):
    """The store's first patch already judged (the workbench must pass it)."""
    from farmland_guard.store.queue import Queue
    from farmland_guard.store.results import Verdicts
    from farmland_guard.store.workstore import WorkStore

    opened = WorkStore(store)
    try:
        first = sorted(r.jcbh for r in Queue(opened).rows())[0]
        Verdicts(opened).save(first, {"PDLX": "其他", "HCHLX": "农业结构调整"})
    finally:
        opened.close()
    return first


def test_no_store_says_so(start):
    plugin = start()
    bench = plugin.workbench
    assert "No work store is open" in bench.message.text()  # the empty shell says what to do
    bench.message.clear()
    bench.queue.precheck_button.click()
    assert bench.open_precheck() is None
    assert "No work store is open" in bench.message.text()
    bench.message.clear()
    bench.form.batch_button.click()
    assert "No work store is open" in bench.message.text()


def test_open_store_from_the_menu_then_from_the_recent_list(start, store, monkeypatch, qgis_iface):
    first = judge_first(store)
    plugin = start()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(store), ""))
    qgis_iface.mainWindow().findChild(QAction, "FarmlandGuardOpenStore").trigger()
    bench = plugin.workbench
    assert bench.store is not None and bench.store.path.resolve() == store.resolve()
    assert not bench.isHidden()
    assert bench.current_row().jcbh != first and bench.current_row().state == "未核查"
    [layer] = patch_layers()
    assert layer.name() == f"Patches {store.stem}"  # the store's layer, styled
    assert layer.renderer().type() != "singleSymbol"
    assert work_stores.recent() == [store.resolve()]

    plugin = restart(plugin, start)
    assert plugin.workbench.store is None
    plugin.fill_recent()
    [recent] = plugin.recent_menu.actions()
    assert recent.text() == store.stem and recent.toolTip() == str(store.resolve())
    recent.trigger()
    assert plugin.workbench.store.path.resolve() == store.resolve()
    assert len(patch_layers()) == 1


def test_a_file_that_is_not_a_store_is_refused(start, tmp_path, monkeypatch):
    plugin = start()
    other = tmp_path / "别的.gpkg"
    other.write_bytes(b"not a store")
    assert not plugin.open_store(other)
    assert plugin.workbench.store is None and not patch_layers()
    assert work_stores.recent() == []


def test_the_project_reopens_its_store(start, store, tmp_path):
    first = judge_first(store)
    plugin = start()
    assert plugin.open_store(store)
    project_file = tmp_path / "项目.qgz"
    assert QgsProject.instance().write(str(project_file))

    plugin = restart(plugin, start)
    assert plugin.workbench.store is None
    assert QgsProject.instance().read(str(project_file))
    bench = plugin.workbench
    assert bench.store is not None and bench.store.path.resolve() == store.resolve()
    assert bench.current_row().jcbh != first
    [layer] = patch_layers()  # the project's own layer, not a second one
    assert layer.renderer().type() != "singleSymbol"

    moved = Path(store).with_name("gone.gpkg")
    Path(store).rename(moved)  # a store that is no longer there: an empty workbench, no error
    plugin = restart(plugin, start)
    assert QgsProject.instance().read(str(project_file))
    assert plugin.workbench.store is None


def test_a_store_layer_added_by_hand_gets_the_store_look(start, store):
    plugin = start()
    layer = QgsVectorLayer(f"{store}|layername=patches", "patches", "ogr")  # as the browser adds it
    QgsProject.instance().addMapLayer(layer)
    assert layer.renderer().type() == "singleSymbol"
    plugin.follow_layer(layer)  # what QGIS does when the technician selects it
    assert plugin.workbench.store is not None and plugin.workbench.layer is layer
    assert layer.name() == f"Patches {store.stem}" and layer.renderer().type() != "singleSymbol"
    assert layer.labelsEnabled()
