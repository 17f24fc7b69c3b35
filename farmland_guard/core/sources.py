"""Finding and reading the patch layer of a delivered batch (.zip, .shp, .gpkg, .gdb, .geojson)."""

from __future__ import annotations

import hashlib
import lzma
import os
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from . import encoding as enc
from .errors import FarmlandGuardError
from .language import say
from .profiles import detect as detect_profile

SUFFIXES = (".shp", ".gpkg", ".gdb", ".geojson", ".json")
FORMATS = {".shp": "shapefile", ".gpkg": "GeoPackage", ".gdb": "FileGDB", ".geojson": "GeoJSON",
           ".json": "GeoJSON"}
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
DEFLATE64 = 9
NAME_BYTES = 240  # below the 255 bytes most file systems allow in a name
LOSSLESS = "ISO-8859-1"  # every byte one character: text read so is the bytes of the file
# GDAL's and SQLite's words that add nothing to "damaged or not a … file"
SAYS_NOTHING_MORE = ("not recognized as a supported file format", "disk image is malformed",
                     "file is not a database", "malformed database schema",
                     "Could not decode error message", "sqlite3_")
WKB_KINDS = {8: "CircularString", 9: "CompoundCurve", 10: "CurvePolygon", 11: "MultiCurve",
             12: "MultiSurface", 15: "PolyhedralSurface", 16: "TIN", 17: "Triangle"}
POLYGONAL = {"Polygon", "MultiPolygon", "Polygon Z", "MultiPolygon Z", "3D Polygon",
             "3D MultiPolygon", "CurvePolygon", "MultiSurface", "Unknown", "Geometry"}


class SourceError(FarmlandGuardError, ValueError):
    """The input cannot be imported as it is; the message says what to do."""

    code = "source"


class SeveralLayersError(SourceError):
    """More than one layer could be the patches: the user picks one."""

    code = "several-layers"

    def __init__(self, message, layers: list):
        super().__init__(message, layers=layers)
        self.layers = layers


@dataclass
class Layer:
    path: Path
    name: str | None  # None for single-layer formats
    geometry_type: str
    fields: list[str]
    label: str  # how messages name it, e.g. 批次.zip › a.shp
    notes: list[str] = field(default_factory=list)  # what was done to read it
    # records (0-based) that cannot be read whole -> (field, rule, why), as batch.build takes them
    rejected: dict[int, tuple] = field(default_factory=dict)
    features: int = -1  # how many the layer says it holds; -1 when unknown

    @property
    def is_shapefile(self) -> bool:
        return self.path.suffix.lower() == ".shp"


# --- zips: unpacked with every member's name, method and damage said in words --------------

def zip_member_name(info: zipfile.ZipInfo) -> str:
    """Names in zips made on Chinese Windows are GBK without the UTF-8 flag; zips made on
    Linux or a Mac may hold UTF-8 without the flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gbk"):  # GBK bytes almost never read as UTF-8 Chinese
        try:
            name = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "gbk" or enc.has_cjk(name):
            return name
    return info.filename


def plain_name(name: str) -> str:
    """A file name GDAL can be given: pyogrio reads '!' as the separator of a file inside an
    archive (``a.zip!b.shp``), so it becomes the full-width '！'; a name longer than file
    systems allow (255 bytes) is shortened, with a hash of its stem, so that the parts of one
    shapefile keep one stem."""
    name = name.replace("!", "！")
    if len(name.encode()) <= NAME_BYTES:
        return name
    stem, suffix = os.path.splitext(name)
    if len(suffix) > 16:
        stem, suffix = name, ""
    keep = NAME_BYTES - len(suffix.encode()) - 9
    tag = hashlib.sha1(stem.encode()).hexdigest()[:8]
    return f"{stem.encode()[:keep].decode(errors='ignore')}~{tag}{suffix}"


def _unpack(z: zipfile.ZipFile, info: zipfile.ZipInfo, out: Path, archive: Path) -> None:
    if info.compress_type == DEFLATE64:
        _inflate64(info, out, archive)
        return
    with z.open(info) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)


def _inflate64(info: zipfile.ZipInfo, out: Path, archive: Path) -> None:
    """A Deflate64 member (Windows Explorer writes them for large zips), through the optional
    ``inflate64`` package; Python's zipfile cannot read them."""
    try:
        import inflate64
    except ImportError:
        raise SourceError(say(
            "{zip}: {member} is compressed with Deflate64 (Windows Explorer does this for large "
            "zips), which cannot be read here; unpack the zip and re-pack it with ordinary "
            "compression (e.g. 7-Zip, format zip, method Deflate), or install the Python "
            "package inflate64", "{zip}：{member} 采用 Deflate64 压缩（Windows 资源管理器压缩大"
            "文件时使用），此处无法读取；请解压后用普通压缩方式重新打包（如 7-Zip：zip 格式、"
            "Deflate 方法），或安装 Python 包 inflate64", zip=archive.name,
            member=zip_member_name(info))) from None
    with open(archive, "rb") as f, open(out, "wb") as dst:
        f.seek(info.header_offset)
        header = f.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local file header")
        f.seek(info.header_offset + 30 + sum(struct.unpack("<HH", header[26:30])))
        inflater, left, crc = inflate64.Inflater(), info.compress_size, 0
        while left:
            chunk = f.read(min(left, 1 << 20))
            if not chunk:
                raise EOFError("compressed data ends early")
            left -= len(chunk)
            data = inflater.inflate(chunk)
            crc = zlib.crc32(data, crc)
            dst.write(data)
    if crc != info.CRC:
        raise zipfile.BadZipFile("bad CRC-32")


def _damage(error: Exception) -> str:
    """What an error of Python's zip reader means for the member being unpacked."""
    if "CRC" in str(error):
        return say("it does not unpack to what was packed (checksum mismatch)",
                   "解压结果与压缩前不符（校验和不符）")
    if isinstance(error, (zlib.error, lzma.LZMAError, EOFError, OSError)):
        return say("its compressed data is damaged", "其压缩数据已损坏")
    return say("its entry in the zip is damaged", "其在压缩包中的条目已损坏")


def extract(archive: Path, workdir: Path) -> tuple[Path, dict[str, str]]:
    """The zip unpacked into ``workdir``, and the names in the zip of the files whose name had
    to change (see ``plain_name``), by their path relative to the folder returned."""
    target = workdir / "unzipped"
    renamed: dict[str, str] = {}
    try:
        z = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, UnicodeDecodeError, EOFError) as error:
        raise SourceError(say("{zip} is not a zip file, or it is damaged: its table of contents "
                              "cannot be read; ask for it again", "{zip} 不是 zip 压缩包，或已"
                              "损坏：无法读取其目录；请重新索取", zip=archive.name)) from error
    with z:
        for info in z.infolist():
            name = zip_member_name(info)
            relative = "/".join(plain_name(part) if part not in ("", ".", "..") else part
                                for part in name.split("/"))
            out = (target / relative).resolve()
            if not str(out).startswith(str(target.resolve())):
                raise SourceError(say("{zip}: the member {name} points outside the zip",
                                      "{zip}：成员 {name} 指向压缩包之外", zip=archive.name,
                                      name=name))
            if info.is_dir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            if info.flag_bits & 0x1:
                raise SourceError(say("{zip} is protected by a password ({name}); unpack it "
                                      "with the password and import the unpacked files",
                                      "{zip} 设有密码（{name}）；请用密码解压后导入解压出的文件",
                                      zip=archive.name, name=name))
            if info.compress_type not in READABLE_METHODS and info.compress_type != DEFLATE64:
                raise SourceError(say("{zip}: {name} is compressed with a method this zip reader "
                                      "does not know (method {method}); re-pack the zip with "
                                      "ordinary compression (Deflate)", "{zip}：{name} 采用了"
                                      "无法识别的压缩方法（方法 {method}）；请用普通压缩方式"
                                      "（Deflate）重新打包", zip=archive.name, name=name,
                                      method=info.compress_type))
            if relative != name:
                renamed[relative.rstrip("/")] = name
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                _unpack(z, info, out, archive)
            except OSError as error:
                if error.errno is None:  # bz2 says "Invalid data stream" this way
                    raise SourceError(say("{zip} is damaged: {name} cannot be unpacked: {why}; "
                                          "ask for it again", "{zip} 已损坏：无法解压 {name}："
                                          "{why}；请重新索取", zip=archive.name, name=name,
                                          why=_damage(error))) from error
                raise SourceError(say("{zip}: {name} cannot be unpacked into {folder}: {reason}",
                                      "{zip}：无法将 {name} 解压到 {folder}：{reason}",
                                      zip=archive.name, name=name, folder=workdir,
                                      reason=error.strerror)) from error
            except NotImplementedError as error:  # e.g. "zip file version 23.4"
                raise SourceError(say("{zip}: {name} uses zip features this reader does not "
                                      "know ({error}); re-pack the zip with ordinary compression "
                                      "(Deflate)", "{zip}：{name} 使用了无法识别的 zip 特性"
                                      "（{error}）；请用普通压缩方式（Deflate）重新打包",
                                      zip=archive.name, name=name, error=error)) from error
            except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError,
                    UnicodeDecodeError) as error:
                raise SourceError(say("{zip} is damaged: {name} cannot be unpacked: {why}; ask "
                                      "for it again", "{zip} 已损坏：无法解压 {name}：{why}；请"
                                      "重新索取", zip=archive.name, name=name,
                                      why=_damage(error))) from error
    return target, renamed


# --- shapefiles: the parts, their headers and the .shx index -----------------------------

def shapefile_parts(shp: Path) -> dict[str, Path]:
    """The files of a shapefile by their lower-case suffix (names are compared as they are,
    never as patterns: ``图斑[2025].shp`` is a name, not a glob)."""
    return {p.suffix.lower(): p for p in shp.parent.iterdir()
            if p.stem == shp.stem and p.is_file()}


def check_shapefile(shp: Path, label: str) -> dict[str, Path]:
    """Refuse truncated or incomplete shapefiles before GDAL reads half of them; the parts."""
    siblings = shapefile_parts(shp)
    for needed in (".shx", ".dbf"):
        if needed not in siblings:
            raise SourceError(say("{name} has no {needed} beside it; the shapefile is "
                                  "incomplete (a shapefile needs .shp, .shx and .dbf)",
                                  "{name} 旁边没有 {needed}，shapefile 不完整（需要 .shp、.shx "
                                  "和 .dbf）", name=label, needed=needed))
    with open(shp, "rb") as f:
        data = f.read(100)
    if len(data) < 100 or struct.unpack(">i", data[:4])[0] != 9994:
        raise SourceError(say("{name} is not a shapefile (bad header)",
                              "{name} 不是 shapefile（文件头错误）", name=label))
    declared = struct.unpack(">i", data[24:28])[0] * 2
    actual = shp.stat().st_size
    if actual < declared:
        raise SourceError(say("{name} is truncated: {actual} of {declared} bytes",
                              "{name} 不完整（已截断）：只有 {actual} / {declared} 字节",
                              name=label, actual=actual, declared=declared))
    enc.check_dbf(siblings[".dbf"])
    return siblings


def _index_entries(shx: bytes) -> np.ndarray | None:
    """(offset, length) in 16-bit words of each record a .shx lists; None if its header is bad."""
    if len(shx) < 100 or struct.unpack(">i", shx[:4])[0] != 9994:
        return None
    count = (len(shx) - 100) // 8
    if struct.unpack(">i", shx[24:28])[0] * 2 != 100 + 8 * count:
        return None
    return np.frombuffer(shx, ">i4", count=2 * count, offset=100).reshape(count, 2).astype(np.int64)


def _records_of(shp: np.ndarray, size: int) -> np.ndarray | None:
    """The index the .shp itself gives, record after record; None when its records do not
    follow each other to its end."""
    entries, at, number = [], 100, 1
    while at + 8 <= size:
        found, length = struct.unpack(">ii", shp[at:at + 8].tobytes())
        if found != number or length < 2 or at + 8 + 2 * length > size:
            return None
        entries.append((at // 2, length))
        at, number = at + 8 + 2 * length, number + 1
    return np.array(entries, dtype=np.int64).reshape(-1, 2) if at == size else None


def check_index(shp: Path, shx: Path, label: str) -> tuple[bytes | None, dict[int, tuple]]:
    """Whether the .shx still indexes the .shp (GDAL reads a record through a damaged entry
    as no geometry, silently). Returns a rebuilt .shx when the .shp gives it, and otherwise
    the records (0-based) whose entry points outside the .shp, with the reason."""
    index = shx.read_bytes()
    entries = _index_entries(index)
    data = np.memmap(shp, dtype=np.uint8, mode="r")
    try:
        size = min(len(data), struct.unpack(">i", data[24:28].tobytes())[0] * 2)
        inside = np.zeros(0, dtype=bool)
        if entries is not None:
            offsets, lengths = entries[:, 0] * 2, entries[:, 1] * 2
            inside = (offsets >= 100) & (lengths >= 4) & (offsets + 8 + lengths <= size)
            heads = data[offsets[inside, None] + np.arange(8)].view(">i4").reshape(-1, 2)
            numbers = np.flatnonzero(inside) + 1
            if inside.all() and (heads[:, 0] == numbers).all() and (
                    heads[:, 1] == entries[inside, 1]).all():
                return None, {}
        walked = _records_of(data, size)
        header = data[:100].tobytes()
    finally:
        del data  # Windows keeps a mapped file locked
    if walked is not None:
        return (header[:24] + struct.pack(">i", 50 + 4 * len(walked)) + header[28:]
                + walked.astype(">i4").tobytes()), {}
    if entries is None:
        raise SourceError(say("{shx} is damaged (bad header) and {name} cannot rebuild it; ask "
                              "for the shapefile again", "{shx} 已损坏（文件头错误），且无法由 "
                              "{name} 重建；请重新索取该 shapefile", shx=shx.name, name=label))
    why = say("its entry in {shx} is damaged (it points outside {shp})",
              "其在 {shx} 中的索引已损坏（指向 {shp} 之外）", shx=shx.name, shp=shp.name)
    return None, {int(i): ("geometry", "geometry", why) for i in np.flatnonzero(~inside)}


# --- the layers of an input ---------------------------------------------------------------

def _staged(path: Path, workdir: Path, shx: bytes | None = None) -> Path:
    """A copy of the dataset at ``path`` (its files linked where the disk allows) in a folder
    of its own under ``workdir``, under a name GDAL can be given; ``shx`` replaces the .shx."""
    folder = Path(tempfile.mkdtemp(prefix="staged-", dir=workdir))
    target = folder / plain_name(path.name)
    if path.is_dir():
        shutil.copytree(path, target)
        return target
    files = shapefile_parts(path) if path.suffix.lower() == ".shp" else {path.suffix: path}
    for suffix, part in files.items():
        copy = target.with_suffix(part.suffix)
        if suffix == ".shx" and shx is not None:
            copy.write_bytes(shx)
            continue
        try:
            os.link(part, copy)
        except OSError:
            shutil.copyfile(part, copy)
    return target


def _info(path: Path, layer) -> tuple[list[str], int]:
    """The layer's field names and its number of features (-1 when unknown)."""
    import pyogrio

    try:
        info = pyogrio.read_info(path, layer=layer)
        return [str(f) for f in info["fields"]], int(info["features"])
    except UnicodeDecodeError:  # names that are not UTF-8: read as bytes, then decoded
        info = pyogrio.read_info(path, layer=layer, encoding=LOSSLESS)
        return ([_as(n, enc.UTF8) or _as(n, enc.GBK) or n for n in map(str, info["fields"])],
                int(info["features"]))


def layers_of(path: Path, label: str, workdir: Path) -> list[Layer]:
    import pyogrio

    suffix = path.suffix.lower()
    notes, rejected = [], {}
    if suffix == ".shp":
        parts = check_shapefile(path, label)
        shx, rejected = check_index(path, parts[".shx"], label)
        if shx is not None:
            notes.append(say("{shx} was damaged; its index was rebuilt from {shp}",
                             "{shx} 已损坏；已根据 {shp} 重建索引", shx=parts[".shx"].name,
                             shp=path.name))
            path = _staged(path, workdir, shx)
    if "!" in str(path):
        path = _staged(path, workdir)
    try:
        listed = pyogrio.list_layers(path)
        result = []
        for name, geometry_type in listed:
            single = suffix in (".shp", ".geojson", ".json")
            fields, features = _info(path, name)
            result.append(Layer(path, None if single else str(name), str(geometry_type), fields,
                                label if single else f"{label} › {name}", notes, rejected,
                                features))
        return result
    except Exception as error:  # what it means for the file, then GDAL's own words
        raise SourceError(say("{label} cannot be opened: it is damaged or not a {kind} file"
                              "{detail}", "无法打开 {label}：文件已损坏或不是 {kind} 文件{detail}",
                              label=label, kind=kind_of(path),
                              detail=gdal_detail(error, path))) from error


def candidates(path: Path, workdir: Path) -> list[Layer]:
    """Every layer in the input; a zip is unpacked into ``workdir`` first."""
    if path.suffix.lower() == ".zip":
        root, renamed = extract(path, workdir)
        found = []
        for item in sorted(root.rglob("*")):
            inside = item.relative_to(root)
            if "__MACOSX" in inside.parts or item.name.startswith("._"):
                continue  # resource forks of zips made on a Mac
            if item.suffix.lower() in SUFFIXES and not any(
                    p.suffix.lower() == ".gdb" for p in inside.parents):
                member = renamed.get(inside.as_posix(), inside.as_posix())
                found += layers_of(item, f"{path.name} › {member}", workdir)
        if not found:
            names = ", ".join(p.name for p in sorted(root.rglob("*"))
                              if p.is_file() and "__MACOSX" not in p.parts) or "-"
            raise SourceError(say("{zip} holds no GIS layer to import (it holds: {names})",
                                  "{zip} 中没有可导入的图层（其中只有：{names}）",
                                  zip=path.name, names=names))
        return found
    if path.suffix.lower() not in SUFFIXES:
        raise SourceError(say("{name}: unsupported format; give a .zip, .shp, .gpkg, .gdb or "
                              ".geojson", "{name}：不支持的格式；请提供 .zip、.shp、.gpkg、.gdb "
                              "或 .geojson", name=path.name))
    return layers_of(path, path.name, workdir)


def choose(layers: list[Layer], wanted: str | None = None) -> Layer:
    """The one patch layer: named by the user, or the only polygon layer with a patch id."""
    if wanted:
        picked = [lyr for lyr in layers
                  if wanted in (lyr.name, lyr.label, lyr.path.name, lyr.path.stem)]
        if not picked:
            raise SourceError(say("no layer named {wanted}; there are: {layers}",
                                  "没有名为 {wanted} 的图层；现有图层：{layers}", wanted=wanted,
                                  layers=", ".join(lyr.label for lyr in layers)))
        return picked[0]
    polygons = [lyr for lyr in layers if lyr.geometry_type in POLYGONAL]
    if not polygons:
        kinds = ", ".join(f"{lyr.label} ({lyr.geometry_type})" for lyr in layers)
        raise SourceError(say("no polygon layer to import: patches are polygons, but found "
                              "{kinds}", "没有可导入的面图层：变化图斑应为面，但只找到 {kinds}",
                              kinds=kinds))
    with_ids = [lyr for lyr in polygons if detect_profile(lyr.fields) is not None]
    pool = with_ids or polygons
    if len(pool) > 1:
        raise SeveralLayersError(say("more than one candidate patch layer: {layers}; choose "
                                     "one (LAYER)", "有多个可能的图斑图层：{layers}；请选择其中"
                                     "一个（LAYER）", layers=", ".join(lyr.label for lyr in pool)),
                                 pool)
    return pool[0]


# --- reading: one bad record is rejected by itself, never the file -------------------------

def gdal_detail(error: Exception, path: Path) -> str:
    """GDAL's words as a bracketed detail after our message, without the path it repeats and
    its hints at the command line; nothing when they only say what the message says."""
    text = str(error).replace(f"'{path}'", "").replace(str(path), "").strip(" :")
    text = text.split("; It might help")[0].strip()
    if not text or any(words in text for words in SAYS_NOTHING_MORE):
        return ""
    return f" ({text})"


def kind_of(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), path.suffix.lstrip(".") or path.name)


def _as(text: str, encoding: str) -> str | None:
    """Text read with LOSSLESS, decoded as what it is: ``encoding``; None if it is not."""
    return enc.decode(text.encode(LOSSLESS), encoding)


def _why_unreadable(blob: bytes) -> str:
    """What a geometry that GDAL reads and shapely refuses means for the record."""
    try:
        shapely.from_wkb(blob)
        text = ""
    except (shapely.errors.ShapelyError, ValueError) as error:
        text = str(error)
    if "closed linestring" in text:
        return say("a ring of its polygon is not closed (the geometry is damaged)",
                   "其面的某个环不闭合（图形已损坏）")
    if "Invalid number of points in LinearRing" in text:
        return say("a ring of its polygon has fewer than 4 points (the geometry is damaged)",
                   "其面的某个环少于 4 个点（图形已损坏）")
    kind = re.search(r"Unknown WKB type (\d+)", text)
    if kind:
        code = int(kind.group(1))
        return say("not a polygon ({kind})", "不是面（{kind}）",
                   kind=WKB_KINDS.get(code % 1000, f"WKB {code}"))
    return say("its geometry is damaged and cannot be read", "其图形已损坏，无法读取")


def _text_of(values, encoding: str):
    """A column read with LOSSLESS, its text decoded with ``encoding``, and the records whose
    text is not in that encoding."""
    import pandas as pd

    text = values.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if not text.any():
        return values, []
    decoded = {v: _as(v, encoding) for v in set(values[text])}
    result = values.astype(object).copy()
    result[text] = [decoded[v] for v in values[text]]
    return result, np.flatnonzero(text & pd.isna(result).to_numpy()).tolist()


def _field(layer: Layer, name: str, layer_name: str, options: dict, codec: str):
    """One field, read alone; a field pyogrio cannot convert (a date such as 2025-13-01) is
    read as GDAL writes it as text."""
    import pyogrio

    try:
        return pyogrio.read_dataframe(layer.path, layer=layer.name, columns=[name],
                                      read_geometry=False, **options)[name]
    except Exception:
        # the name as GDAL holds it: recoded from LOSSLESS in a shapefile, the bytes elsewhere
        known = name if layer.is_shapefile else _as(name, codec) or name
        quoted = '"' + known.replace('"', '""') + '"'
        table = '"' + str(layer.name or layer_name).replace('"', '""') + '"'
        try:
            return pyogrio.read_dataframe(
                layer.path, sql=f"SELECT CAST({quoted} AS character(254)) AS {quoted} "
                f"FROM {table}", sql_dialect="OGRSQL", read_geometry=False, **options).iloc[:, 0]
        except Exception as error:
            raise SourceError(say("{label}: the field {field} cannot be read{detail}",
                                  "{label}：无法读取字段 {field}{detail}", label=layer.label,
                                  field=_as(name, codec) or name,
                                  detail=gdal_detail(error, layer.path))) from error


def _read_field_by_field(layer: Layer, encoding: str | None, options: dict, rejected: dict):
    """The layer when pyogrio cannot read it in one go: field by field, text as the bytes
    the file holds (LOSSLESS), so that what cannot be read names its field or its records."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    from pyogrio import raw

    codec = encoding if layer.is_shapefile and encoding else enc.UTF8
    options = {**options, "encoding": LOSSLESS}
    try:
        info = pyogrio.read_info(layer.path, layer=layer.name, encoding=LOSSLESS)
        meta, _, wkb, _ = raw.read(layer.path, layer=layer.name, columns=[], **options)
    except Exception as error:  # what it means for the file, then GDAL's own words
        raise SourceError(say("{label} cannot be read: it is damaged{detail}",
                              "无法读取 {label}：文件已损坏{detail}", label=layer.label,
                              detail=gdal_detail(error, layer.path))) from error
    columns = {}
    for name in info["fields"]:
        values = _field(layer, name, info["layer_name"], options, codec)
        if values.dtype == object:
            values, bad = _text_of(values, codec)
            shown = _as(name, codec) or name
            why = say("its text is not {encoding} like the rest of the file (field {field}); "
                      "fix and re-send it", "其文字不是与文件其余部分相同的 {encoding}（字段 "
                      "{field}）；请改正后重新报送", encoding=codec, field=shown) \
                if layer.is_shapefile else say(
                "its text (field {field}) is not UTF-8, which a {kind} file must be; save the "
                "file again as UTF-8", "其文字（字段 {field}）不是 {kind} 文件必须采用的 UTF-8；"
                "请将文件另存为 UTF-8", field=shown, kind=kind_of(layer.path))
            for i in bad:
                rejected.setdefault(i, ("*", "encoding", why))
        columns[_as(name, codec) or _as(name, enc.GBK) or name] = values.to_numpy()
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(wkb)))
    return gpd.GeoDataFrame(frame, geometry=shapely.from_wkb(wkb, on_invalid="ignore"),
                            crs=meta["crs"]), wkb


def _read_with_our_text(layer: Layer, encoding: str, options: dict):
    """A whole shapefile with its text fields taken from the DBF text the encoding check
    already decoded (each distinct value once) and the rest read by GDAL: GDAL's own decoding
    of every text value is most of a read. None (read it all through GDAL) when anything
    differs from what GDAL would give: a value or name that does not decode, another count."""
    import pyogrio

    dbf = enc.dbf_of(layer.path)
    if dbf is None:
        return None
    codec = enc.python_codec(encoding)
    try:
        text = enc.read_dbf_text(dbf)
        names = [name.decode(codec) for name in text.names]
        text_names = [name.decode(codec) for name in text.text_names]
        columns = [[None if v == b"" else v.decode(codec) for v in values]
                   for values, _ in text.fields]
    except (UnicodeDecodeError, LookupError, enc.DbfError):
        return None
    if len(set(names)) != len(names):
        return None
    frame = pyogrio.read_dataframe(layer.path, layer=layer.name, on_invalid="ignore",
                                   columns=[n for n in names if n not in text_names], **options)
    if any(len(inverse) != len(frame) for _, inverse in text.fields):
        return None
    for name, decoded, (_, inverse) in zip(text_names, columns, text.fields):
        frame[name] = np.asarray(decoded, dtype=object)[inverse] if len(inverse) else []
    return frame[[*names, frame.geometry.name]]


def read(layer: Layer, encoding: str | None, rows: int | None = None):
    """The layer (or its first ``rows``) as a GeoDataFrame, text decoded with ``encoding``
    (shapefiles only), and the records (0-based) that cannot be read, with the reason: a
    record that GDAL or shapely cannot read is left out by itself, never the whole file."""
    import pyogrio
    from pyogrio import raw

    if encoding and enc.normalise(encoding) == enc.GBK:
        encoding = "GB18030"  # the superset: rare characters of place names are 4 bytes
    options = {"encoding": encoding} if layer.is_shapefile and encoding else {}
    if rows is not None:  # never more than there are: pyogrio then raises an old GDAL error
        options["max_features"] = rows if layer.features < 0 else max(1, min(rows, layer.features))
    if kind_of(layer.path) == "GeoJSON":
        options["ARRAY_AS_STRING"] = "YES"  # lists as text: pyogrio fails on lists of booleans
    rejected = {i: why for i, why in layer.rejected.items() if rows is None or i < rows}
    wkb = None
    try:
        frame = (_read_with_our_text(layer, encoding, options) if layer.is_shapefile
                 and encoding and rows is None else None)
        if frame is None:
            frame = pyogrio.read_dataframe(layer.path, layer=layer.name, on_invalid="ignore",
                                           **options)
    except Exception:
        frame, wkb = _read_field_by_field(layer, encoding, options, rejected)
    missing = np.flatnonzero(shapely.is_missing(frame.geometry.to_numpy()))
    if len(missing) and wkb is None:
        try:
            wkb = raw.read(layer.path, layer=layer.name, columns=[], **options)[2]
        except Exception:
            wkb = []
    for i in missing:
        if i < len(wkb) and wkb[i] is not None:
            rejected.setdefault(int(i), ("geometry", "geometry", _why_unreadable(wkb[i])))
    if layer.is_shapefile:
        for position, column in enumerate(frame.columns):  # the DBF's order, geometry last
            values = frame[column]
            if values.dtype.kind == "f" and (values.abs() >= 2**53).any():
                # 18-digit ids in a numeric field with blanks: a float would round them
                exact = enc.dbf_column_text(enc.dbf_of(layer.path), position)[:len(frame)]
                frame[column] = exact + [None] * (len(frame) - len(exact))
    return frame, rejected
