"""UNTIL SCHEMA 6 LANDS (helper "rect" writes it in store/schema.py): the grids and
field_reports layers and the WGBM/DKDM/XZDM/XZMC/FPBZ columns of patches and parcels, made in a
test store exactly as the issue 17 contract defines them. Does nothing where the store already
has them. Delete this file, and its calls, once schema 6 is merged."""

from __future__ import annotations

from pathlib import Path

GRID_FIELDS = ("WGBM", "DKDM", "XZDM", "XZMC", "CJMC", "SJTZ", "XJTZ", "XZTZ", "CJTZ", "WGY")
REPORT_FIELDS = {"SBBH": "", "SBSJ": "", "SBR": "", "SBMS": "", "ZPLJ": "", "ZPCZ": "integer",
                 "JCBH": "", "JL": "real", "SFXY": "", "LYWJ": "", "LYH": "integer"}
ASSIGNED = ("WGBM", "DKDM", "XZDM", "XZMC", "FPBZ")


def add_schema6(store: Path) -> None:
    import sqlite3

    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    conn = sqlite3.connect(str(store))
    try:
        for table in ("patches", "parcels"):
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            for name in ASSIGNED:
                if name not in have:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} TEXT")
        conn.commit()
        tables = {r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents")}
    finally:
        conn.close()
    ds = gdal.OpenEx(str(store), gdal.OF_VECTOR | gdal.OF_UPDATE)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    options = ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"]
    types = {"": ogr.OFTString, "real": ogr.OFTReal, "integer": ogr.OFTInteger64}
    if "grids" not in tables:
        layer = ds.CreateLayer("grids", srs, ogr.wkbMultiPolygon, options)
        for name in GRID_FIELDS:
            layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    if "field_reports" not in tables:
        layer = ds.CreateLayer("field_reports", srs, ogr.wkbPoint, options)
        for name, kind in REPORT_FIELDS.items():
            layer.CreateField(ogr.FieldDefn(name, types[kind]))
    ds = None
