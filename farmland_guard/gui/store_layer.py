"""The work store's patches and parcels in the map: one layer each per store, styled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..paths import asset


def source_of(store: Path, table: str = "patches") -> str:
    return f"{Path(store).resolve()}|layername={table}"


def store_of(layer) -> Path | None:
    """The work store a layer shows the patches of, or None."""
    if not isinstance(layer, QgsVectorLayer) or not layer.source().endswith("|layername=patches"):
        return None
    path = Path(layer.source().split("|")[0])
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:  # ``with`` would commit, not close: close it, the file is QGIS's too
        conn.execute("SELECT value FROM store_meta WHERE key = 'schema_version'")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return path


def show_store(store: Path, table: str = "patches") -> QgsVectorLayer:
    """The store's ``table`` layer: reloaded if the project has it, otherwise added and styled."""
    wanted = source_of(store, table)
    for layer in QgsProject.instance().mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.source() == wanted:
            layer.dataProvider().reloadData()
            layer.triggerRepaint()
            return layer
    names = {"patches": QCoreApplication.translate("StoreLayer", "Patches {store}"),
             "parcels": QCoreApplication.translate("StoreLayer", "Parcels {store}")}
    layer = QgsVectorLayer(wanted, names[table].format(store=Path(store).stem), "ogr")
    layer.loadNamedStyle(str(asset("resources", "styles", f"store_{table}.qml")))
    QgsProject.instance().addMapLayer(layer)
    return layer
