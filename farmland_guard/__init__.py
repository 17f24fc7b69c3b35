"""farmland_guard: QGIS plugin for verifying satellite change patches (卫片执法).

Only ``classFactory`` lives here: QGIS imports this module at start-up, so nothing heavy
(pandas, geopandas, the server stack) may be imported at module level anywhere on this path.
"""


def classFactory(iface):  # noqa: N802 - the name QGIS looks up
    from .gui.plugin import FarmlandGuardPlugin

    return FarmlandGuardPlugin(iface)
