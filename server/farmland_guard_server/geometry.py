"""Geometry in either database: PostGIS ``geometry(MultiPolygon, 4490)`` with a GiST index in
production, WKB with bbox columns on SQLite; shapely objects in Python on both."""

from __future__ import annotations

import shapely
from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import LargeBinary, and_, func
from sqlalchemy.types import TypeDecorator

SRID = 4490


class PostGISShape(Geometry):
    """GeoAlchemy2's type read straight to shapely: the column is selected through
    ``ST_AsEWKB`` typed as this class, which a decorator around it would never see."""

    cache_ok = True

    def result_processor(self, dialect, coltype):
        def process(value):
            return None if value is None else shapely.from_wkb(bytes(value))

        return process


class Geom(TypeDecorator):
    """A MultiPolygon in CGCS2000 lon/lat: GeoAlchemy2's ``geometry(MultiPolygon, 4490)`` on
    PostGIS, plain WKB on SQLite; shapely objects either way."""

    impl = LargeBinary
    cache_ok = True
    shape = "MULTIPOLYGON"

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(PostGISShape(self.shape, srid=SRID,
                                                        spatial_index=False))
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "postgresql":
            return WKBElement(shapely.to_wkb(value, include_srid=False), srid=SRID)
        return shapely.to_wkb(value)

    def process_result_value(self, value, dialect):
        if value is None or isinstance(value, shapely.Geometry):
            return value
        return shapely.from_wkb(bytes(value) if isinstance(value, memoryview) else value)


class AnyGeom(Geom):
    """A point or a polygon (a problem's location): ``geometry(Geometry, 4490)`` on PostGIS."""

    cache_ok = True
    shape = "GEOMETRY"


def bbox_of(geometry) -> dict:
    minx, miny, maxx, maxy = shapely.bounds(geometry).tolist()
    return {"minx": minx, "miny": miny, "maxx": maxx, "maxy": maxy}


def touches_bbox(model, bbox, dialect: str):
    """Rows whose geometry may meet ``bbox`` (lon/lat): the GiST index on PostGIS, the bbox
    columns on SQLite; exact intersection is checked in Python after."""
    minx, miny, maxx, maxy = bbox
    if dialect == "postgresql":
        return model.geom.op("&&")(func.ST_MakeEnvelope(minx, miny, maxx, maxy, SRID))
    return and_(model.maxx >= minx, model.minx <= maxx, model.maxy >= miny, model.miny <= maxy)
