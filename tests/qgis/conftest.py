from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication


@pytest.fixture(scope="session", autouse=True)
def processing(qgis_app):
    """The QGIS Processing framework, as QGIS desktop starts it."""
    from processing.core.Processing import Processing

    Processing.initialize()
    yield


@pytest.fixture(scope="module")
def provider(qgis_app):
    """The farmland_guard Processing provider, registered for a module's tests."""
    from farmland_guard.processing.provider import FarmlandGuardProvider

    provider = FarmlandGuardProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    yield provider
    QgsApplication.processingRegistry().removeProvider(provider)


@pytest.fixture(scope="module")
def qt_chinese(qgis_app, tmp_path_factory):
    """The plugin's strings in Chinese, as under a zh_CN QGIS: the .ts compiled afresh, so a
    test sees the translations of the source it runs."""
    import shutil
    import subprocess

    from qgis.PyQt.QtCore import QTranslator

    from tests.conftest import ROOT

    lrelease = shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("lrelease (qttools5-dev-tools) compiles the translation")
    qm = tmp_path_factory.mktemp("qm") / "farmland_guard_zh_CN.qm"
    subprocess.run([lrelease, "-silent", str(ROOT / "i18n" / "farmland_guard_zh_CN.ts"), "-qm",
                    str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def wait_for(condition, timeout=90.0):  # generous: CI machines are shared and noisy
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture()
def patch_layer(demo_data):
    out, manifest = demo_data
    layer = QgsVectorLayer(str(out / manifest["patch_file"]), "变化图斑", "ogr")
    layer.setProviderEncoding("GBK")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    from qgis.PyQt import sip

    if not sip.isdeleted(layer) and layer.id() in QgsProject.instance().mapLayers():
        QgsProject.instance().removeMapLayer(layer.id())


def memory_layer(definition, name="层", rows=()):
    """A memory layer: ``definition`` as in QgsVectorLayer's memory URI; rows of (wkt, attrs)."""
    from qgis.core import QgsFeature, QgsGeometry

    layer = QgsVectorLayer(definition, name, "memory")
    if "crs=" not in definition:  # a memory layer would default to EPSG:4326
        from qgis.core import QgsCoordinateReferenceSystem

        layer.setCrs(QgsCoordinateReferenceSystem())
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(attributes))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def registry_ids():
    return [p.id() for p in QgsApplication.processingRegistry().providers()]


QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")  # the qgis_process wrapper adds a bad flag


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Runs ``qgis_process.bin`` with the assembled plugin enabled in a throwaway profile
    (DESIGN.md §6.1); returns ``run(*arguments)`` -> the finished process (never checked)."""
    import os
    import subprocess
    import sysconfig

    from tests.conftest import ROOT

    if not QGIS_PROCESS.exists() or not any((ROOT / "i18n").glob("*.qm")):
        pytest.skip("needs qgis_process and the compiled translations (make translate)")
    from dev.package import assemble

    profile = tmp_path_factory.mktemp("qgis_profile")
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    assemble(plugins)
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(profile), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": sysconfig.get_paths()["purelib"]}

    def run(*arguments, timeout=300):
        return subprocess.run([QGIS_PROCESS, *map(str, arguments)], env=env, capture_output=True,
                              text=True, timeout=timeout)

    enabled = run("plugins", "enable", "farmland_guard", timeout=120)
    assert enabled.returncode == 0, enabled.stderr
    return run


@pytest.fixture()
def bench(store, qgis_canvas):
    """The workbench on a fresh demo store, focused as in QGIS (shortcuts act on the focused
    window), taken down with its layers after the test."""
    from qgis.core import QgsCoordinateReferenceSystem
    from qgis.PyQt.QtWidgets import QApplication

    from farmland_guard.gui.store_layer import show_store, store_of
    from farmland_guard.gui.workbench import Workbench

    layer = show_store(store)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    widget = Workbench(qgis_canvas)
    widget.resize(700, 1000)
    widget.show()
    widget.open_store(store_of(layer), layer)
    QApplication.setActiveWindow(widget)
    widget.table.setFocus()
    yield widget
    parcels = widget.parcels_layer
    widget.close_store()
    widget.detach()
    widget.deleteLater()
    QgsProject.instance().removeMapLayer(layer.id())
    QgsProject.instance().removeMapLayer(parcels.id())
