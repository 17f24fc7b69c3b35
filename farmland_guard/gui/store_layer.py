"""The work store's patches and parcels in the map: one layer each per store, styled."""

from __future__ import annotations

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
    from ..store.workstore import schema_version  # only for a store's layer: numpy, shapely

    path = Path(layer.source().split("|")[0])
    return path if schema_version(path) is not None else None


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
