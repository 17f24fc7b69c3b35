"""Coordinate reference systems of delivered batches: recognise, check, bring to EPSG:4490.

Batches come in CGCS2000 geographic (EPSG:4490) or a 3° Gauss–Krüger zone with the zone
number prefixed to the easting (EPSG:4513–4533, zone N = EPSG:4488 + N). Data that would land
in the wrong place silently — swapped axes, metres declared as degrees, a point outside
China — is refused with a message that says what is wrong.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from .errors import FarmlandGuardError
from .language import say
from .repair import not_finite

CGCS2000 = "EPSG:4490"
GK3_ZONES = range(25, 46)  # 3° zones covering China: EPSG:4513–4533
CHINA_LONLAT = (73.0, 3.0, 136.0, 54.0)  # min lon, min lat, max lon, max lat


class CrsError(FarmlandGuardError, ValueError):
    """The coordinates cannot be placed in China with confidence."""

    code = "crs"

    def __init__(self, message, suggestion: str | None = None):
        super().__init__(message, suggestion=suggestion)
        self.suggestion = suggestion  # an EPSG code the user may accept


def gk3_epsg(zone: int) -> str:
    return f"EPSG:{4488 + zone}"


def guess(bounds) -> str | None:
    """The CRS the coordinates look like when the file does not say: 4490 or a GK zone."""
    minx, miny, maxx, maxy = bounds
    if _inside((minx, miny, maxx, maxy), CHINA_LONLAT):
        return CGCS2000
    zone = int(minx // 1_000_000)
    same_zone = zone == int(maxx // 1_000_000)
    if same_zone and zone in GK3_ZONES and 300_000 <= miny and maxy <= 6_200_000:
        return gk3_epsg(zone)
    return None


def _inside(bounds, box) -> bool:
    minx, miny, maxx, maxy = bounds
    return box[0] <= minx and maxx <= box[2] and box[1] <= miny and maxy <= box[3]


def prefixed_zone(crs: pyproj.CRS) -> int | None:
    """The zone number a Gauss–Krüger CRS puts in front of its eastings (3° or 6°), if any."""
    authority = crs.to_authority()
    if not authority or authority[0] != "EPSG":
        return None
    code = int(authority[1])
    if 4513 <= code <= 4533:
        return code - 4488
    if 4491 <= code <= 4501:
        return code - 4478
    return None


def describe(crs: pyproj.CRS) -> str:
    code = crs.to_authority()
    return f"{code[0]}:{code[1]}" if code else crs.name


def _inside_each(bounds, box) -> np.ndarray:
    """Row by row: bounds (minx, miny, maxx, maxy) inside ``box``."""
    with np.errstate(invalid="ignore"):
        return ((box[0] <= bounds[:, 0]) & (bounds[:, 2] <= box[2])
                & (box[1] <= bounds[:, 1]) & (bounds[:, 3] <= box[3]))


def to_cgcs2000(geometries, source: pyproj.CRS | str, label: str = "the file"):
    """Geometries reprojected to CGCS2000 lon/lat, and the records that do not land in China.

    Returns ``(geometries, outliers)``, ``outliers`` mapping record index -> reason. When most
    records are off the whole file is refused (the coordinate system itself is wrong); a few
    stray records are left to the caller to reject one by one.
    """
    crs = pyproj.CRS.from_user_input(source)
    geoms = np.asarray(geometries, dtype=object)
    present = np.flatnonzero(~shapely.is_missing(geoms) & ~shapely.is_empty(geoms))
    # A vertex that is NaN or infinite is the record's own damage, not a sign of the file's
    # coordinate system; it is named in the file's coordinates.
    broken = not_finite(geoms[present])
    outliers: dict[int, str] = {int(present[k]): why for k, why in broken.items()}
    present = np.delete(present, list(broken))
    if not len(present):
        return geoms, outliers
    each = shapely.bounds(geoms[present])
    bounds = shapely.total_bounds(geoms[present])
    majority = len(present) / 2
    if crs.is_geographic:
        swapped = _inside_each(each[:, [1, 0, 3, 2]], CHINA_LONLAT) & ~_inside_each(each, CHINA_LONLAT)
        if swapped.sum() > majority:
            minx, miny, maxx, maxy = shapely.total_bounds(geoms[present[swapped]])
            raise CrsError(say("{label}: longitude and latitude are swapped (x runs {x0:.3f}–"
                               "{x1:.3f}, y {y0:.3f}–{y1:.3f}); fix the axis order",
                               "{label}：经纬度颠倒（x 为 {x0:.3f}–{x1:.3f}，y 为 {y0:.3f}–"
                               "{y1:.3f}）；请改正坐标轴顺序", label=label, x0=minx, x1=maxx,
                               y0=miny, y1=maxy))
        metres = (np.abs(each[:, [0, 2]]) > 360).any(axis=1) | (np.abs(each[:, [1, 3]]) > 90).any(axis=1)
        if metres.sum() > majority:
            minx, miny = each[metres][0, :2]
            raise CrsError(say("{label} says {crs} (degrees) but its coordinates are metres "
                               "({x:.0f}, {y:.0f}); the .prj is wrong",
                               "{label} 声明坐标系为 {crs}（度），但坐标是米（{x:.0f}, {y:.0f}）；"
                               ".prj 有误", label=label, crs=describe(crs), x=minx, y=miny),
                           guess(shapely.total_bounds(geoms[present[metres]])))
    zone = prefixed_zone(crs)
    if zone is not None:
        prefixes = np.floor(each[:, [0, 2]] / 1_000_000).astype(np.int64)
        wrong = (prefixes != zone).any(axis=1)
        if wrong.sum() > majority:
            raise CrsError(say("{label} says {crs} (zone {zone}) but its eastings carry the zone "
                               "prefix {prefix}; the .prj is wrong",
                               "{label} 声明坐标系为 {crs}（{zone} 带），但横坐标带号为 {prefix}；"
                               ".prj 有误", label=label, crs=describe(crs), zone=zone,
                               prefix=int(prefixes[wrong][0, 0])), guess(bounds))
        for k in np.flatnonzero(wrong):
            outliers[int(present[k])] = say(
                "its eastings carry the zone prefix {prefix}, not {zone} like the file",
                "横坐标带号为 {prefix}，与文件的 {zone} 带不符", prefix=int(prefixes[k, 0]), zone=zone)
    transformer = pyproj.Transformer.from_crs(crs, CGCS2000, always_xy=True)
    with np.errstate(invalid="ignore"):
        result = shapely.transform(
            geoms, lambda c: np.column_stack(transformer.transform(c[:, 0], c[:, 1])))
    landed = shapely.bounds(result[present])
    off = ~(np.isfinite(landed).all(axis=1) & _inside_each(landed, CHINA_LONLAT))
    if off.sum() > majority:
        out = shapely.total_bounds(result[present[off]])
        raise CrsError(say("{label}: with {crs} the patches fall outside China (lon "
                           "{x0:.3f}–{x1:.3f}, lat {y0:.3f}–{y1:.3f}); the coordinate system is "
                           "wrong", "{label}：按 {crs} 图斑落在中国境外（经度 {x0:.3f}–{x1:.3f}，"
                           "纬度 {y0:.3f}–{y1:.3f}）；坐标系有误", label=label,
                           crs=describe(crs), x0=out[0], x1=out[2], y0=out[1], y1=out[3]),
                       guess(bounds))
    for k in np.flatnonzero(off):
        outliers.setdefault(int(present[k]), say(
            "with {crs} it falls outside China (lon {x:.3f}, lat {y:.3f})",
            "按 {crs} 落在中国境外（经度 {x:.3f}，纬度 {y:.3f}）", crs=describe(crs),
            x=landed[k, 0], y=landed[k, 1]) if np.isfinite(landed[k]).all() else say(
            "with {crs} it cannot be placed on the earth: its coordinates are beyond what {crs} "
            "can reproject", "按 {crs} 无法定位：其坐标超出 {crs} 可转换的范围",
            crs=describe(crs)))
    return result, outliers
