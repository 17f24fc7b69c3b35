"""Builds the demo QGIS project (.qgz) over the data written by ``bench/datagen.py``, with the
plugin at work: the batch imported into a work store beside it, the store prechecked against the
project's layers (the ones the 套合分析 dialog picks), and the project remembering the store, so
the plugin opens it, styled, with the workbench on the first patch; the ledger tables of
``dev/demo_ledgers.py`` in a 台账 group, picked in the 台账 dock with the store's judged patches.

    python dev/demo_project.py var/demo      # writes var/demo/demo_410724.qgz
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "resources" / "styles"
PROJECT_NAME = "demo_410724.qgz"

# (layer in the base GeoPackage, title, style)
BASE_LAYERS = [
    ("XZQ_XIAN", "县界 获嘉县", "county"),
    ("XZQ_XZ", "乡镇界", "towns"),
    ("STBHHX", "生态保护红线", "redline"),
    ("NZY", "农用地转用批复", "approvals"),
    ("GDXM", "供地", "approvals"),
    ("ZJGG", "增减挂钩", "approvals"),
    ("SSNYD", "设施农用地备案", "approvals"),
    ("LSYD", "临时用地批复", "approvals"),
    ("YJJBNT", "永久基本农田", "farmland"),
    ("DLTB", "地类图斑（三调）", "landuse"),
]


def styled(layer, style: str):
    if not layer.isValid():
        raise RuntimeError(f"cannot open {layer.source()}")
    message, ok = layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
    if not ok:
        raise RuntimeError(f"style {style}: {message}")
    return layer


def build(demo: Path) -> Path:
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    project = QgsProject.instance()
    project.clear()
    project.setTitle("获嘉县卫片图斑核查示例 (farmland_guard demo)")
    project.setCrs(QgsCoordinateReferenceSystem(manifest["crs"]))
    project.setEllipsoid("EPSG:1024")  # CGCS2000
    root = project.layerTreeRoot()

    patches = QgsVectorLayer(str(demo / manifest["patch_file"]), "变化图斑 2025", "ogr")
    patches.setProviderEncoding(manifest["patch_encoding"])  # GBK, no .cpg: say so
    project.addMapLayer(styled(patches, "patches"), False)
    root.addLayer(patches)

    base = root.addGroup("基础数据")
    for name, title, style in BASE_LAYERS:
        layer = QgsVectorLayer(f"{demo / manifest['base_file']}|layername={name}", title, "ogr")
        project.addMapLayer(styled(layer, style), False)
        node = base.addLayer(layer)
        # The imagery below stays in sight: land use and the minor approvals start hidden.
        if name in ("ZJGG", "SSNYD", "LSYD", "GDXM", "DLTB"):
            node.setItemVisibilityChecked(False)

    imagery = manifest.get("imagery")
    if imagery:
        group = root.addGroup("影像")
        for key, title in (("after", "后时相 {date}"), ("before", "前时相 {date}")):
            path = demo / "imagery" / imagery["files"][key]
            layer = QgsRasterLayer(str(path), title.format(date=imagery["dates"][key]))
            if not layer.isValid():
                raise RuntimeError(f"cannot open {path}")
            project.addMapLayer(layer, False)
            group.addLayer(layer).setItemVisibilityChecked(key == "after")
        extent = QgsRectangle(*imagery["window"])
    else:
        extent = patches.extent()
    add_ledgers(demo, project)
    project.viewSettings().setDefaultViewExtent(
        QgsReferencedRectangle(extent, project.crs()))
    target = demo / PROJECT_NAME
    project.setFileName(str(target))  # store paths relative to the project
    at_work(demo, manifest, project)
    if not project.write(str(target)):
        raise RuntimeError(f"cannot write {target}: {project.error()}")
    return target


def add_ledgers(demo: Path, project) -> dict:
    """The demo's ledger tables written and added in a 台账 group; the project names them (and
    the work store, for the illegal occupations) for the 台账 dock to pick. Layers by kind."""
    from dev import demo_ledgers
    from farmland_guard.gui.ledger_dock import PICKED_ENTRY, SCOPE

    group = project.layerTreeRoot().addGroup("台账")
    layers = {}
    for kind, path in demo_ledgers.write(demo).items():
        layer = QgsVectorLayer(str(path), demo_ledgers.TABLES[kind][1], "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {path}")
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        project.writeEntry(SCOPE, PICKED_ENTRY.format(kind=kind), layer.id())
        layers[kind] = layer
    project.writeEntry(SCOPE, PICKED_ENTRY.format(kind="illegal"), "store")
    return layers


def precheck_sources() -> dict:
    """The layers the 套合分析 dialog picks in this project, as the precheck takes them."""
    from farmland_guard.gui import precheck_dialog as dialog

    polygons = dialog.overlay_layers()
    farmland = next((x for x in polygons if dialog._says(x, dialog.FARMLAND_WORDS)), None)
    redline = next((x for x in polygons if dialog._says(x, dialog.REDLINE_WORDS)), None)
    return {"landuse": dialog.file_source(dialog.landuse_layer()),
            "farmland": dialog.file_source(farmland), "redline": dialog.file_source(redline),
            "approvals": [(dialog.file_source(x), dialog.approval_kind(x)) for x in polygons
                          if dialog._says(x, dialog.APPROVAL_WORDS)]}


def at_work(demo: Path, manifest: dict, project) -> Path:
    """The batch imported into a fresh work store and prechecked; its patches layer in the
    project, styled, the delivered layer's labels off; the project remembers the store."""
    from farmland_guard.gui import work_stores
    from farmland_guard.gui.store_layer import hide_raw_labels, show_store
    from farmland_guard.store import importer, precheck
    from farmland_guard.translation import install_translator

    # a Chinese demo: its layers named as the plugin names them in zh (kept alive while in use)
    translator = install_translator("zh_CN")
    batch = demo / manifest["patch_zip"]
    store = batch.with_name(batch.stem + "_核查.gpkg")  # as the import dialog names it
    for old in store.parent.glob(store.name + "*"):  # the store of an earlier demo, its -wal…
        old.unlink()
    for old in store.parent.glob(store.stem + "_导入报告_*.csv"):
        old.unlink()
    importer.run(batch, store)
    precheck.run(store, **precheck_sources())
    layer = show_store(store)  # on top of the layer tree
    hide_raw_labels(layer)
    project.writeEntry(work_stores.SCOPE, work_stores.KEY, project.writePath(str(store.resolve())))
    if translator is not None:
        QgsApplication.removeTranslator(translator)
    return store


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    app = QgsApplication([], False)
    app.initQgis()
    print(build(Path(argv[0])))
    app.exitQgis()


if __name__ == "__main__":
    main()
