"""The plugin loads into QGIS and unloads without a trace, twice over; zh_CN and the log facade."""

import logging

import pytest
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

import farmland_guard
from farmland_guard import log, settings
from farmland_guard.gui.patch_dock import PatchDock
from tests.qgis.conftest import registry_ids


def traces(iface):
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    window = iface.mainWindow()
    return {
        "docks": len(window.findChildren(QDockWidget, PatchDock.OBJECT_NAME)),
        "workbenches": len(window.findChildren(QDockWidget, "FarmlandGuardWorkbench")),
        "ledgers": len(window.findChildren(QDockWidget, "FarmlandGuardLedgers")),
        "followups": len(window.findChildren(QDockWidget, "FarmlandGuardFollowup")),
        "toolbars": len(window.findChildren(QToolBar, "FarmlandGuardToolbar")),
        "menus": len(window.findChildren(QMenu, "FarmlandGuardMenu")),
        "provider": "farmland_guard" in registry_ids(),
        "handlers": len(log.logger().handlers),
        "receivers": iface.receivers(iface.currentLayerChanged),
    }


def test_load_and_unload_twice_leaves_no_trace(qgis_iface):
    before = traces(qgis_iface)
    assert before["docks"] == before["toolbars"] == before["menus"] == before["workbenches"] == 0
    assert before["ledgers"] == before["followups"] == 0
    for _ in range(2):
        plugin = farmland_guard.classFactory(qgis_iface)
        plugin.initGui()
        loaded = traces(qgis_iface)
        assert loaded["docks"] == loaded["toolbars"] == loaded["menus"] == 1
        assert loaded["workbenches"] == loaded["ledgers"] == loaded["followups"] == 1
        assert loaded["provider"]
        assert loaded["handlers"] == before["handlers"] + 2
        assert loaded["receivers"] == before["receivers"] + 2  # patch dock and workbench
        plugin.unload()
        assert traces(qgis_iface) == before


def test_processing_only_start_registers_the_provider_once(qgis_iface):
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    assert registry_ids().count("farmland_guard") == 1
    assert QgsApplication.processingRegistry().algorithmById("farmland_guard:ellipsoidalarea")
    plugin.unload()
    assert "farmland_guard" not in registry_ids()


@pytest.fixture()
def chinese(qgis_app):
    from qgis.core import QgsSettings

    s = QgsSettings()
    old = s.value("locale/overrideFlag"), s.value("locale/userLocale")
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", "zh_CN")
    yield
    s.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    s.setValue("locale/userLocale", old[1] or "")


def test_interface_follows_the_qgis_locale(qgis_iface, chinese):
    assert settings.user_locale() == "zh_CN"
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.menu.title() == "耕地卫片核查"
        assert plugin.dock.windowTitle() == "变化图斑"
        assert plugin.provider.name() == "耕地卫片核查"
        headers = plugin.dock.model.headers()
        assert headers == ["监测编号", "图斑类型", "面积（亩）", "行政区"]
        from farmland_guard.core.sources import SourceError
        from farmland_guard.store import importer

        with pytest.raises(SourceError, match="不存在"):  # core messages follow the interface
            importer.run("/nonexistent/批次.zip", "/tmp/s.gpkg")
        from farmland_guard.processing.import_patches import ImportPatchesAlgorithm

        inherited = ImportPatchesAlgorithm().tr(  # written in the base class, asked of a subclass
            "Missing Python packages: {names}. Install them with: {command}")
        assert inherited.startswith("缺少 Python 依赖包")
    finally:
        plugin.unload()
    # English again once the translator is gone.
    assert QCoreApplication.translate("PatchDock", "Patches") == "Patches"


def test_english_without_a_chinese_locale(qgis_iface):
    from qgis.core import QgsSettings

    QgsSettings().setValue("locale/overrideFlag", True)
    QgsSettings().setValue("locale/userLocale", "en_US")
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.translator is None
        assert plugin.menu.title() == "Farmland patch verification"
    finally:
        plugin.unload()
        QgsSettings().setValue("locale/overrideFlag", False)


def test_log_facade_reaches_message_log_and_bar(qgis_iface):
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    received = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: received.append((message, tag, level)))
    try:
        logging.getLogger("farmland_guard.core.something").info("quiet note")
        logging.getLogger("farmland_guard.gui").warning("tell the user", extra=log.NOTIFY)
        bar = qgis_iface.messageBar()
        assert "tell the user" in " ".join(bar.get_messages(Qgis.Warning))
        assert "quiet note" not in " ".join(bar.get_messages(Qgis.Info))
        assert ("quiet note", "farmland_guard", Qgis.Info) in received
        assert ("tell the user", "farmland_guard", Qgis.Warning) in received
    finally:
        plugin.unload()


def test_missing_dependency_is_a_message_not_a_traceback(qgis_iface, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "geopandas", None)
    qgis_iface.messageBar().clear_messages()
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        warnings = " ".join(qgis_iface.messageBar().get_messages(Qgis.Warning))
        assert "geopandas" in warnings and "pip install geopandas" in warnings
    finally:
        plugin.unload()


def test_typed_settings_round_trip(qgis_app):
    assert settings.DEBUG.get() is False
    settings.DEBUG.set(True)
    try:
        assert settings.DEBUG.get() is True
    finally:
        settings.DEBUG.set(False)
    with pytest.raises(TypeError):
        settings.DEBUG.set("yes")


def test_nothing_heavy_is_imported_at_start_up():
    import subprocess
    import sys

    probe = ("import sys, farmland_guard, farmland_guard.gui.plugin, "
             "farmland_guard.processing.provider; "
             "print(' '.join(m for m in ('geopandas', 'pandas', 'pyogrio', 'shapely', 'pyproj', "
             "'fastapi', 'sqlalchemy', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
