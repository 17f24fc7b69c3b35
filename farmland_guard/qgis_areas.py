"""From QGIS geometries in any CRS to the official ellipsoidal areas of ``core.areas``."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsWkbTypes,
)

CGCS2000 = "EPSG:4490"
PLAIN = (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon)  # 2D, straight edges


def to_cgcs2000(crs: QgsCoordinateReferenceSystem,
                context: QgsCoordinateTransformContext) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(CGCS2000), context)


def lonlat_wkb(geometry: QgsGeometry, transform: QgsCoordinateTransform | None = None) -> bytes | None:
    """2D linear WKB in CGCS2000 lon/lat, or None when there is nothing to measure.
    ``transform`` brings the geometry to CGCS2000; None when it is there already."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    if transform is None and geometry.wkbType() in PLAIN:
        return bytes(geometry.asWkb())  # nothing to change, so nothing to copy
    geometry = QgsGeometry(geometry)
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry.convertToStraightSegment()
    geometry.get().dropZValue()
    geometry.get().dropMValue()
    if transform is not None:
        try:
            geometry.transform(transform)
        except QgsCsException:
            return None
    return bytes(geometry.asWkb())


def areas_mu(wkbs: list):
    """Ellipsoidal areas in 亩 of lon/lat WKBs; NaN where a WKB is None or unreadable."""
    import shapely

    from .core.areas import ellipsoidal_areas_m2, m2_to_mu

    return m2_to_mu(ellipsoidal_areas_m2(shapely.from_wkb(wkbs, on_invalid="ignore")))
