"""Geometry in either database: PostGIS ``geometry(MultiPolygon, 4490)`` with a GiST index in
production, WKB with bbox columns on SQLite; shapely objects in Python on both."""

from __future__ import annotations

import shapely
from sqlalchemy import LargeBinary, and_, func
from sqlalchemy.types import TypeDecorator, UserDefinedType

SRID = 4490


class PostGISMultiPolygon(UserDefinedType):
    cache_ok = True

    def get_col_spec(self, **kw):
        return f"geometry(MultiPolygon,{SRID})"


class Geom(TypeDecorator):
    """A MultiPolygon in CGCS2000 lon/lat; hex EWKB crosses to PostGIS, WKB to SQLite."""

    impl = LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(PostGISMultiPolygon())
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "postgresql":
            return shapely.to_wkb(shapely.set_srid(value, SRID), hex=True, include_srid=True)
        return shapely.to_wkb(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return shapely.from_wkb(bytes(value) if isinstance(value, memoryview) else value)


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
