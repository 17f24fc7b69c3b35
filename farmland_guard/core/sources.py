"""Finding and reading the patch layer of a delivered batch (.zip, .shp, .gpkg, .gdb, .geojson)."""

from __future__ import annotations

import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import encoding as enc
from .language import say
from .profiles import detect as detect_profile

SUFFIXES = (".shp", ".gpkg", ".gdb", ".geojson", ".json")
POLYGONAL = {"Polygon", "MultiPolygon", "Polygon Z", "MultiPolygon Z", "3D Polygon",
             "3D MultiPolygon", "CurvePolygon", "MultiSurface", "Unknown", "Geometry"}


class SourceError(ValueError):
    """The input cannot be imported as it is; the message says what to do."""


class SeveralLayersError(SourceError):
    """More than one layer could be the patches: the user picks one."""

    def __init__(self, message: str, layers: list):
        super().__init__(message)
        self.layers = layers


@dataclass
class Layer:
    path: Path
    name: str | None  # None for single-layer formats
    geometry_type: str
    fields: list[str]
    label: str  # how messages name it, e.g. 批次.zip › a.shp

    @property
    def is_shapefile(self) -> bool:
        return self.path.suffix.lower() == ".shp"


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """Names in zips made on Chinese Windows are GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def extract(archive: Path, workdir: Path) -> Path:
    target = workdir / "unzipped"
    try:
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                name = zip_member_name(info)
                out = (target / name).resolve()
                if not str(out).startswith(str(target.resolve())):
                    raise SourceError(say("{zip}: the member {name} points outside the zip",
                                          "{zip}：成员 {name} 指向压缩包之外", zip=archive.name,
                                          name=name))
                if info.is_dir():
                    out.mkdir(parents=True, exist_ok=True)
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile as error:
        raise SourceError(say("{zip} is not a readable zip file ({error})",
                              "{zip} 不是可读的 zip 压缩包（{error}）", zip=archive.name,
                              error=error)) from error
    return target


def check_shapefile(shp: Path) -> None:
    """Refuse truncated or incomplete shapefiles before GDAL reads half of them."""
    siblings = {p.suffix.lower(): p for p in shp.parent.glob(shp.stem + ".*")}
    for needed in (".shx", ".dbf"):
        if needed not in siblings:
            raise SourceError(say("{name} has no {needed} beside it; the shapefile is "
                                  "incomplete (a shapefile needs .shp, .shx and .dbf)",
                                  "{name} 旁边没有 {needed}，shapefile 不完整（需要 .shp、.shx "
                                  "和 .dbf）", name=shp.name, needed=needed))
    data = shp.read_bytes()[:100]
    if len(data) < 100 or struct.unpack(">i", data[:4])[0] != 9994:
        raise SourceError(say("{name} is not a shapefile (bad header)",
                              "{name} 不是 shapefile（文件头错误）", name=shp.name))
    declared = struct.unpack(">i", data[24:28])[0] * 2
    actual = shp.stat().st_size
    if actual < declared:
        raise SourceError(say("{name} is truncated: {actual} of {declared} bytes",
                              "{name} 不完整（已截断）：只有 {actual} / {declared} 字节",
                              name=shp.name, actual=actual, declared=declared))
    enc.check_dbf(siblings[".dbf"])


def layers_of(path: Path, label: str) -> list[Layer]:
    import pyogrio

    suffix = path.suffix.lower()
    if suffix == ".shp":
        check_shapefile(path)
    try:
        listed = pyogrio.list_layers(path)
        result = []
        for name, geometry_type in listed:
            info = pyogrio.read_info(path, layer=name)
            single = suffix in (".shp", ".geojson", ".json")
            result.append(Layer(path, None if single else str(name), str(geometry_type),
                                [str(f) for f in info["fields"]],
                                label if single else f"{label} › {name}"))
        return result
    except pyogrio.errors.DataSourceError as error:
        raise SourceError(say("{label} cannot be opened: {error}", "无法打开 {label}：{error}",
                              label=label, error=error)) from error


def candidates(path: Path, workdir: Path) -> list[Layer]:
    """Every layer in the input; a zip is unpacked into ``workdir`` first."""
    if path.suffix.lower() == ".zip":
        root = extract(path, workdir)
        found = []
        for item in sorted(root.rglob("*")):
            inside = item.relative_to(root)
            if "__MACOSX" in inside.parts or item.name.startswith("._"):
                continue  # resource forks of zips made on a Mac
            if item.suffix.lower() in SUFFIXES and not any(
                    p.suffix.lower() == ".gdb" for p in inside.parents):
                found += layers_of(item, f"{path.name} › {item.relative_to(root).as_posix()}")
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
    return layers_of(path, path.name)


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


def read(layer: Layer, encoding: str | None, rows: int | None = None):
    """The layer (or its first ``rows``) as a GeoDataFrame, text decoded with ``encoding``
    (shapefiles only)."""
    import pyogrio

    if encoding and enc.normalise(encoding) == enc.GBK:
        encoding = "GB18030"  # the superset: rare characters of place names are 4 bytes
    kwargs = {"encoding": encoding} if layer.is_shapefile and encoding else {}
    if rows is not None:
        kwargs["max_features"] = rows
    try:
        frame = pyogrio.read_dataframe(layer.path, layer=layer.name, **kwargs)
    except Exception as error:  # GDAL's own words name the problem
        raise SourceError(say("{label} cannot be read: {error}", "无法读取 {label}：{error}",
                              label=layer.label, error=error)) from error
    if layer.is_shapefile:
        for column in frame.columns:
            values = frame[column]
            if values.dtype.kind == "f" and (values.abs() >= 2**53).any():
                # 18-digit ids in a numeric field with blanks: a float would round them
                exact = enc.dbf_column_text(enc.dbf_of(layer.path), str(column))
                frame[column] = exact[:len(frame)]
    return frame
