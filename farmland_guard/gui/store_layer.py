"""The work store's patches and parcels in the map: one layer each per store, styled."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsExpression, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..core import codelists
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
    layer = QgsVectorLayer(wanted, table, "ogr")
    style(layer, Path(store), table)
    QgsProject.instance().addMapLayer(layer)
    return layer


def style(layer: QgsVectorLayer, store: Path, table: str) -> None:
    """The store's look and name: colours by workflow state, codes labelled with their names."""
    names = {"patches": QCoreApplication.translate("StoreLayer", "Patches {store}"),
             "parcels": QCoreApplication.translate("StoreLayer", "Parcels {store}")}
    layer.setName(names[table].format(store=Path(store).stem))
    layer.loadNamedStyle(str(asset("resources", "styles", f"store_{table}.qml")))
    label_with_names(layer, table)
    layer.triggerRepaint()


def style_if_plain(layer: QgsVectorLayer, store: Path) -> None:
    """A store's patches layer added by hand (named "patches", one plain symbol) gets the
    store's look; one styled already keeps its own."""
    renderer = layer.renderer()
    if layer.name() == "patches" and (renderer is None or renderer.type() == "singleSymbol"):
        style(layer, store, "patches")


def with_name(field: str, names: dict) -> str:
    """An expression: the code in ``field`` followed by its name ('20 建(构)筑物'), the code
    alone when the list does not know it."""
    column = QgsExpression.quotedColumnRef(field)
    cases = " ".join(f"WHEN {column} = {QgsExpression.quotedValue(code)} THEN "
                     f"{QgsExpression.quotedValue(f'{code} {name}')}" for code, name in names.items())
    return f"CASE {cases} ELSE coalesce({column}, '') END"


LABELS = {  # the store's labels: codes with their names, as the patch dock shows them
    "patches": lambda: f"concat(\"JCBH\", '\n', {with_name('TBLX', codelists.tblx())})",
    "parcels": lambda: (f"concat(regexp_substr(\"DKBH\", '_[0-9]+$'), ' ', "
                        f"{with_name('DLBM', codelists.dlbm())}, ' ', coalesce(\"PDLX\", ''))"),
}


def label_with_names(layer: QgsVectorLayer, table: str) -> None:
    labeling = layer.labeling()
    if labeling is None or table not in LABELS:
        return
    settings = labeling.settings()
    settings.fieldName = LABELS[table]()
    settings.isExpression = True
    labeling.setSettings(settings)


def hide_raw_labels(store_layer: QgsVectorLayer) -> list:
    """The batch layers as delivered (a JCBH field, not a store's) stop labelling the patches
    the store's layer labels; returns them."""
    hidden = []
    for layer in QgsProject.instance().mapLayers().values():
        if (isinstance(layer, QgsVectorLayer) and layer is not store_layer
                and layer.fields().lookupField("JCBH") >= 0
                and not layer.source().endswith(("|layername=patches", "|layername=parcels"))
                and layer.labelsEnabled()):
            layer.setLabelsEnabled(False)
            layer.triggerRepaint()
            hidden.append(layer)
    return hidden
