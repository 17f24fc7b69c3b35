"""Overlay layers of the precheck: any layer GDAL opens, in any CRS, read into CGCS2000 lon/lat.

A layer is named as QGIS names it: a path, or ``path|layername=NAME`` for one layer of a
GeoPackage or FileGDB. Reprojection keeps x = longitude whatever the CRS's axis order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely

from . import crs as crs_rules
from .language import say
from .sources import SourceError


@dataclass
class Layer:
    label: str  # how messages name it
    geometries: np.ndarray  # CGCS2000 lon/lat
    columns: dict  # requested field (upper case) -> its values; optional fields may be absent


def parse(source) -> tuple[str, str | None]:
    """(path, layer name or None) of ``path|layername=NAME|…``."""
    path, _, options = str(source).partition("|")
    name = None
    for option in options.split("|"):
        key, _, value = option.partition("=")
        if key.strip().lower() == "layername":
            name = value.strip()
    return path, name


def subset(source) -> str | None:
    """The filter QGIS keeps on a layer (``…|subset=WHERE``, always last), in OGR SQL."""
    _, found, where = str(source).partition("|subset=")
    return where.strip() or None if found else None


def label_of(source) -> str:
    path, name = parse(source)
    return f"{Path(path).name} › {name}" if name else Path(path).name


def numbers(values) -> np.ndarray:
    """Floats of a field's values: NaN where empty or not a number (KCXS kept as text)."""
    import pandas as pd

    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(float)


def read(source, required=(), optional=(), near=None) -> Layer:
    """The layer's polygons in CGCS2000 lon/lat, with the ``required`` and ``optional`` fields
    (any case). ``near``: lon/lat geometries (the patches); only features whose bounding boxes
    meet theirs are kept, and only those are reprojected."""
    import pyogrio
    from pyogrio import raw
    from pyogrio.errors import DataLayerError, DataSourceError

    path, name = parse(source)
    label = label_of(source)
    if not Path(path).exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=path))
    try:
        info = pyogrio.read_info(path, layer=name)
    except (DataSourceError, DataLayerError) as error:  # GDAL's own words name the problem
        raise SourceError(say("{label} cannot be opened: {error}", "无法打开 {label}：{error}",
                              label=label, error=error)) from error
    fields = {str(f).upper(): str(f) for f in info["fields"]}
    missing = [f for f in required if f.upper() not in fields]
    if missing:
        raise SourceError(say("{label} has no field {fields}; its fields are: {found}",
                              "{label} 缺少字段 {fields}；现有字段：{found}", label=label,
                              fields=", ".join(missing), found=", ".join(fields.values()) or "-"))
    # A GeoPackage without a CRS says "Undefined geographic SRS" (srs_id 0 or -1).
    source_crs = pyproj.CRS.from_user_input(info["crs"]) if info["crs"] else None
    if source_crs is None or "undefined" in source_crs.name.lower():
        raise crs_rules.CrsError(say("{label} has no coordinate system; define it first",
                                     "{label} 没有坐标系；请先定义坐标系", label=label))
    wanted = [f.upper() for f in (*required, *optional) if f.upper() in fields]
    boxes = bbox = None
    if near is not None:
        near = np.asarray(near, dtype=object)
        near = near[~shapely.is_missing(near) & ~shapely.is_empty(near)]
        to_source = pyproj.Transformer.from_crs(crs_rules.CGCS2000, source_crs, always_xy=True)
        pad = 1e-5 if source_crs.is_geographic else 1.0  # about a metre: edges bend a little
        bounds = shapely.bounds(shapely.transform(
            near, lambda c: np.column_stack(to_source.transform(c[:, 0], c[:, 1]))))
        boxes = shapely.box(*(bounds + [-pad, -pad, pad, pad]).T)
        bbox = tuple(shapely.total_bounds(boxes)) if len(boxes) else (0, 0, 0, 0)
    try:
        meta, _, wkb, values = raw.read(path, layer=name, columns=[fields[f] for f in wanted],
                                        force_2d=True, bbox=bbox, where=subset(source))
    except (DataSourceError, DataLayerError) as error:
        raise SourceError(say("{label} cannot be read: {error}", "无法读取 {label}：{error}",
                              label=label, error=error)) from error
    geometries = shapely.from_wkb(wkb)
    keep = (np.unique(shapely.STRtree(boxes).query(geometries)[0]) if boxes is not None
            else slice(None))
    geometries, _ = crs_rules.to_cgcs2000(geometries[keep], source_crs, label)
    by_name = {str(f).upper(): v[keep] for f, v in zip(meta["fields"], values)}
    return Layer(label, geometries, {f: by_name[f] for f in wanted})
