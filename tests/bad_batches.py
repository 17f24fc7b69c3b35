"""Inputs that once crashed the importer or were refused whole for one bad record (issue 13).

Each builder takes ten demo patches (a GeoDataFrame in EPSG:4526) and a folder, writes the
input there and returns its path. ``CASES`` pairs each with what the import must say: "ok" or
a fragment of the refusal, plus a fragment of the report when records are rejected or noted.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pyogrio
import shapely

from farmland_guard.core.encoding import dbf_fields


def shapefile(frame, folder: Path, name="图斑") -> Path:
    """GBK without a .cpg, as provinces ship them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def lonlat(frame):
    """The patches as a GeoJSON holds them: EPSG:4490, dates as text."""
    frame = frame.to_crs("EPSG:4490")
    for column in ("QSX", "HSX"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame


def parts(shp: Path) -> list[Path]:
    return sorted(p for p in shp.parent.iterdir() if p.stem == shp.stem)


def zipped(files, target: Path, names=None, **options) -> Path:
    with zipfile.ZipFile(target, "w", **options) as z:
        for i, f in enumerate(files):
            z.write(f, names[i] if names else f.name)
    return target


def record_offset(shp: Path, record: int) -> int:
    """Byte offset of a record's content in the .shp, from the .shx (0-based record)."""
    entry = shp.with_suffix(".shx").read_bytes()[100 + 8 * record:104 + 8 * record]
    return struct.unpack(">i", entry)[0] * 2 + 8


def set_vertex(shp: Path, record: int, vertex: int, change) -> Path:
    """Rewrite the x of one vertex (-1: the last) of a polygon record: x -> change(x)."""
    data = bytearray(shp.read_bytes())
    content = record_offset(shp, record)
    parts_count, points = struct.unpack("<ii", data[content + 36:content + 44])
    at = content + 44 + 4 * parts_count + 16 * (vertex % points)
    x = struct.unpack("<d", data[at:at + 8])[0]
    data[at:at + 8] = struct.pack("<d", change(x))
    shp.write_bytes(bytes(data))
    return shp


def set_dbf_value(shp: Path, field: str, record: int, raw: bytes) -> Path:
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    header_len, record_len = struct.unpack("<HH", data[8:12])
    for name, _, offset, width in dbf_fields(bytes(data), header_len):
        if name.decode("gbk") == field:
            start = header_len + record * record_len + offset
            data[start:start + width] = raw.ljust(width, b" ")[:width]
    dbf.write_bytes(bytes(data))
    return shp


# --- the six crash causes ----------------------------------------------------------------

def nan_vertex(p, t):
    return set_vertex(shapefile(p, t), 2, 1, lambda x: float("nan"))


def infinite_vertex(p, t):
    return set_vertex(shapefile(p, t), 2, 1, lambda x: float("inf"))


def easting_without_zone(p, t):
    """One easting lost its zone prefix 38: EPSG:4526 sends it to infinity."""
    return set_vertex(shapefile(p, t), 2, 1, lambda x: x - 38_000_000)


def float_id_with_chinese_name(p, t):
    """An 18-digit id (≥ 2**53) in a numeric field named 标识码, one record blank: GDAL reads
    it as a float, which the importer must not round."""
    from osgeo import ogr, osr

    path = t / "标识码.shp"
    t.mkdir(parents=True, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4526)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = ds.CreateLayer("标识码", srs, ogr.wkbPolygon, ["ENCODING=GBK"])
    for name, kind, width in (("JCBH", ogr.OFTString, 30), ("标识码", ogr.OFTInteger64, 18)):
        field = ogr.FieldDefn(name, kind)
        field.SetWidth(width)
        layer.CreateField(field)
    for i, (jcbh, geometry) in enumerate(zip(p["JCBH"], p.geometry)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("JCBH", jcbh)
        if i:
            feature.SetField("标识码", 130403000026210183 + i)
        polygon = shapely.get_parts(geometry)[0]
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(polygon)))
        layer.CreateFeature(feature)
    ds = None
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def dbf_field_wider_than_record(p, t):
    frame = p.copy()
    frame["BZ"] = "备注"
    shp = shapefile(frame, t)
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    header_len = struct.unpack("<H", data[8:10])[0]
    for start in range(32, header_len - 1, 32):
        if data[start:start + 3] == b"BZ\x00":
            data[start + 16] = 250  # declared 250 bytes wide; the record has no room for it
    dbf.write_bytes(bytes(data))
    return shp


def password_zip(p, t):
    """Encrypted members (flag bit 0), as a zip tool writes them with a password."""
    archive = zipped(parts(shapefile(p, t / "src")), t / "加密.zip")
    return _patch_members(archive, lambda local, central: (
        struct.pack_into("<H", local, 6, struct.unpack_from("<H", local, 6)[0] | 1),
        struct.pack_into("<H", central, 8, struct.unpack_from("<H", central, 8)[0] | 1)))


def deflate64_zip(p, t):
    """Members marked Deflate64 (method 9), as Windows Explorer writes large zips; the data is
    stored deflate blocks, which Deflate64 reads the same."""
    archive = zipped(parts(shapefile(p, t / "src")), t / "资源管理器.zip",
                     compression=zipfile.ZIP_DEFLATED, compresslevel=0)
    return _patch_members(archive, lambda local, central: (
        struct.pack_into("<H", local, 8, 9), struct.pack_into("<H", central, 10, 9)))


def long_member_name(p, t):
    """A member name of 300 bytes: more than the file system takes."""
    shp = shapefile(p, t / "src")
    stem = "获嘉县二〇二五年第一季度卫片执法变化图斑" * 5
    return zipped(parts(shp), t / "长文件名.zip", names=[stem + f.suffix for f in parts(shp)])


def _patch_members(archive: Path, change) -> Path:
    """Apply ``change(local header, central header)`` (bytearray views) to every member."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
    central = data.rfind(b"PK\x05\x06")
    at = struct.unpack_from("<I", data, central + 16)[0]
    for info in infos:
        local = memoryview(data)[info.header_offset:info.header_offset + 30]
        entry = memoryview(data)[at:at + 46]
        change(local, entry)
        at += 46 + sum(struct.unpack_from("<HHH", data, at + 28))
        local.release()
        entry.release()
    archive.write_bytes(bytes(data))
    return archive


# --- refused whole, or without saying where ----------------------------------------------

def unclosed_ring(p, t):
    """GDAL reads the ring; shapely refuses it as not closed."""
    return set_vertex(shapefile(p, t), 3, -1, lambda x: x + 5)


def month_thirteen(p, t):
    """A DBF date field holding 2025-13-01."""
    return set_dbf_value(shapefile(p, t), "QSX", 3, b"20251301")


def list_of_booleans(p, t):
    """GeoJSON properties holding lists of true/false (pyogrio: "setting an array element
    with a sequence.")."""
    path = t / "列表.geojson"
    t.mkdir(parents=True, exist_ok=True)
    data = json.loads(lonlat(p).to_json())
    for i, feature in enumerate(data["features"]):
        feature["properties"]["FLAGS"] = [True, False][: 1 + i % 2]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def gbk_in_geojson(p, t):
    """One record's text is GBK in a UTF-8 GeoJSON ("'utf-8' codec can't decode…")."""
    path = t / "混合编码.geojson"
    t.mkdir(parents=True, exist_ok=True)
    text = lonlat(p).to_json(ensure_ascii=False)
    first = text.index("获嘉县")
    second = text.index("获嘉县", first + 1)
    data = (text[:second].encode() + "获嘉县".encode("gbk") + text[second + 3:].encode())
    path.write_bytes(data)
    return path


def tin_in_geopackage(p, t):
    """A TIN among polygons (shapely: "Unknown WKB type 16")."""
    from osgeo import ogr

    path = t / "三角网.gpkg"
    t.mkdir(parents=True, exist_ok=True)
    pyogrio.write_dataframe(p, path, layer="BHTB", geometry_type="Unknown")
    ds = ogr.Open(str(path), update=1)
    layer = ds.GetLayer("BHTB")
    feature = layer.GetFeature(5)
    x, y = shapely.get_coordinates(p.geometry.iloc[4])[0]
    feature.SetGeometry(ogr.CreateGeometryFromWkt(
        f"TIN ((({x} {y}, {x + 50} {y}, {x} {y + 50}, {x} {y})))"))
    layer.SetFeature(feature)
    ds = None
    return path


def brackets_in_name(p, t):
    return shapefile(p, t, "图斑[2025]")


def exclamation_mark_first(p, t):
    t.mkdir(parents=True, exist_ok=True)
    written = t / "plain.geojson"
    pyogrio.write_dataframe(lonlat(p), written)
    return written.rename(t / "!图斑.geojson")


def damaged_shx(p, t):
    """Every .shx entry points into the header: GDAL reads each record as no geometry."""
    shp = shapefile(p, t)
    shx = bytearray(shp.with_suffix(".shx").read_bytes())
    for i in range(len(p)):
        struct.pack_into(">i", shx, 100 + 8 * i, 7)
    shp.with_suffix(".shx").write_bytes(bytes(shx))
    return shp


def damaged_shx_and_shp(p, t):
    """One .shx entry points past the end, and a .shp record header is damaged too, so the
    .shp cannot rebuild the index: that record alone is rejected, naming the .shx."""
    shp = shapefile(p, t)
    shx = bytearray(shp.with_suffix(".shx").read_bytes())
    struct.pack_into(">i", shx, 100 + 8 * 6, 10**7)
    shp.with_suffix(".shx").write_bytes(bytes(shx))
    data = bytearray(shp.read_bytes())
    struct.pack_into(">i", data, record_offset(shp, 2) - 8, 99)  # record number 3 says 99
    shp.write_bytes(bytes(data))
    return shp


def every_record_rejected(p, t):
    frame = p.copy()
    frame["JCBH"] = None
    return shapefile(frame, t)


def no_records(p, t):
    t.mkdir(parents=True, exist_ok=True)
    pyogrio.write_dataframe(p.head(0), t / "图斑.shp", encoding="GBK", geometry_type="MultiPolygon")
    return t / "图斑.shp"


# name -> (builder, "ok" or what the refusal says, what the report or notes say)
CASES = {
    "NaN vertex": (nan_vertex, "ok", "#3 rejected: vertex 2 is not a finite number (nan"),
    "infinite vertex": (infinite_vertex, "ok", "#3 rejected: vertex 2 is not a finite number (inf"),
    "easting without its zone prefix": (easting_without_zone, "ok",
                                        "#3 rejected: its eastings carry the zone prefix 0"),
    "18-digit id in a float field named 标识码": (float_id_with_chinese_name, "ok", ""),
    "DBF field wider than the record": (dbf_field_wider_than_record,
                                        "图斑.dbf is damaged: its header declares fields", ""),
    "password-protected zip": (password_zip, "加密.zip is protected by a password", ""),
    "Deflate64 zip": (deflate64_zip, "Deflate64", ""),
    "member name too long": (long_member_name, "ok", ""),
    "unclosed ring": (unclosed_ring, "ok", "#4 rejected: a ring of its polygon is not closed"),
    "month 13": (month_thirteen, "ok", "#4 repaired: QSX '2025/13/01' is not a date"),
    "lists of booleans in GeoJSON": (list_of_booleans, "ok", ""),
    "GBK text in GeoJSON": (gbk_in_geojson, "ok",
                            "#2 rejected: its text (field XMC) is not UTF-8, which a GeoJSON"),
    "TIN in a GeoPackage": (tin_in_geopackage, "ok", "#5 rejected: not a polygon (TIN)"),
    "brackets in the name": (brackets_in_name, "ok", ""),
    "'!' at the start of the name": (exclamation_mark_first, "ok", ""),
    "damaged .shx": (damaged_shx, "ok", "图斑.shx was damaged; its index was rebuilt from 图斑.shp"),
    "damaged .shx and .shp": (damaged_shx_and_shp, "ok",
                              "#7 rejected: its entry in 图斑.shx is damaged"),
    "every record rejected": (every_record_rejected,
                              "none of the 10 records of 图斑.shp can be imported; nothing was "
                              "written: record 1, 2, 3, …: no JCBH (patch id)", ""),
    "no records at all": (no_records, "图斑.shp holds no records", ""),
}


def ten_patches(demo_folder: Path, manifest: dict):
    frame = pyogrio.read_dataframe(demo_folder / manifest["patch_file"], encoding="GBK")
    return frame.head(10).reset_index(drop=True)

