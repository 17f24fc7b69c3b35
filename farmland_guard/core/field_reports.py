"""巡田上报 (issue 17): reports exported from a field app (CSV, xlsx or GeoJSON records, each a
dict), read into reports with their time, reporter, description, photo and point, each problem
named by source, row and field; then linked to the patch they fall in or near (DESIGN.md §4.5).

Coordinates: longitude/latitude fields (X/Y, LON/LAT, 经度/纬度…) or a point geometry, in
CGCS2000 degrees unless the caller names their CRS. Without a CRS, a pair that fits China only
swapped (lat, lon) is swapped back with a warning; a pair that is no longer degrees (projected
metres) is refused, naming the row. Distances are geodesic metres on GRS80 (CGCS2000's
ellipsoid), ``pyproj.Geod``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from .errors import FarmlandGuardError
from .language import say

# China's extent in degrees: a report outside it is in the wrong CRS or has its axes swapped
LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
EARLY, NOT_EARLY = "是", "否"

# national field -> the names a field app may give it (compared ignoring case)
ALIASES = {
    "SBBH": ("SBBH", "上报编号", "编号", "ID", "REPORT_ID", "BH"),
    "SBSJ": ("SBSJ", "上报时间", "巡查时间", "时间", "日期", "TIME", "DATETIME", "DATE",
             "REPORT_TIME", "CREATED_AT"),
    "SBR": ("SBR", "上报人", "巡查人", "巡田人", "田长", "REPORTER", "USER", "NAME", "姓名"),
    "SBMS": ("SBMS", "描述", "问题描述", "情况描述", "内容", "DESCRIPTION", "DESC", "REMARK",
             "备注"),
    "ZPLJ": ("ZPLJ", "照片", "照片路径", "图片", "附件", "PHOTO", "PHOTO_PATH", "PHOTOS",
             "IMAGE", "PICTURE"),
    "X": ("X", "LON", "LNG", "LONGITUDE", "经度", "XZB", "POINT_X"),
    "Y": ("Y", "LAT", "LATITUDE", "纬度", "YZB", "POINT_Y"),
}
GEOMETRY_KEYS = ("geometry", "geom", "GEOMETRY", "WKT", "wkt", "SHAPE")
PHOTO_SEPARATORS = r"[;；,，|]"


class NotATime(FarmlandGuardError, ValueError):
    """A report time that is none of the forms a field app writes."""

    code = "report_time"


def _not_a_time(value):
    return NotATime(say("{value} is not a time", "{value} 不是时间", value=value))


@dataclass
class Problem:
    source: str
    row: int  # 1-based data row (a CSV's header is not counted)
    field: str
    message: object  # a say() text
    fatal: bool  # the report is refused

    def text(self):
        return say("{source} row {row}, {field}: {message}", "{source} 第 {row} 行，{field}：{message}",
                   source=self.source, row=self.row, field=self.field, message=self.message)


@dataclass
class Report:
    SBBH: str
    SBSJ: dt.datetime | None
    SBR: str | None
    SBMS: str | None
    ZPLJ: str | None
    ZPCZ: int  # 1: every photo named exists
    lon: float
    lat: float
    LYWJ: str  # source file
    LYH: int  # source row

    @property
    def point(self):
        return shapely.Point(self.lon, self.lat)


@dataclass
class Parsed:
    reports: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def refused(self) -> list:
        return [p for p in self.problems if p.fatal]


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _mapping(keys) -> dict:
    by_upper = {str(k).strip().upper(): k for k in keys}
    found = {}
    for national, names in ALIASES.items():
        hit = next((by_upper[n.upper()] for n in names if n.upper() in by_upper), None)
        if hit is not None:
            found[national] = hit
    return found


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
               r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?)?秒?)?"
               r"\s*(?:Z|[+-]\d{2}:?\d{2})?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$"),
)


def parse_time(value) -> dt.datetime | None:
    """A report time: a datetime or date, ISO text, '2024/5/3 14:20', '2024年5月3日 14:20',
    '20240503', an Excel serial day number. None when empty; ValueError when not a time."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        return _excel(float(text)) if len(text) != 8 else _from_match(_DATE_PATTERNS[1], text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    for pattern in _DATE_PATTERNS:
        try:
            return _from_match(pattern, text)
        except ValueError:
            continue
    raise _not_a_time(text)


def _from_match(pattern, text: str) -> dt.datetime:
    m = pattern.match(text)
    if not m:
        raise _not_a_time(text)
    parts = [int(p) if p else 0 for p in m.groups()]
    return dt.datetime(*parts[:6])


def _excel(days: float) -> dt.datetime:
    if not 1 <= days < 2958466:  # Excel's own range (to 9999-12-31)
        raise _not_a_time(days)
    return EXCEL_EPOCH + dt.timedelta(days=days)


def _number(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if math.isnan(value) else float(value)
    text = str(value).strip().replace("°", "")
    if not text:
        return None
    return float(text)


def _point_of(geometry) -> tuple[float, float] | None:
    """(x, y) of a point geometry: shapely, a GeoJSON dict, WKT text; None when not a point."""
    if geometry is None:
        return None
    if isinstance(geometry, dict):
        if str(geometry.get("type", "")).lower() != "point":
            return None
        coords = geometry.get("coordinates") or ()
        return (float(coords[0]), float(coords[1])) if len(coords) >= 2 else None
    if isinstance(geometry, str):
        try:
            geometry = shapely.from_wkt(geometry)
        except shapely.errors.GEOSException:
            return None
    if isinstance(geometry, bytes):
        geometry = shapely.from_wkb(geometry)
    if isinstance(geometry, shapely.MultiPoint) and len(geometry.geoms) == 1:
        geometry = geometry.geoms[0]
    if not isinstance(geometry, shapely.Point) or geometry.is_empty:
        return None
    return geometry.x, geometry.y


def in_china(lon: float, lat: float) -> bool:
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def parse(rows, source: str, base_dir=None, crs=None) -> Parsed:
    """Reports of ``rows`` (dicts, one a report, in file order) from file ``source``; photo
    paths relative to ``base_dir`` (the file's folder). ``crs``: the coordinates' CRS when they
    are not CGCS2000 degrees (anything pyproj reads: 'EPSG:4526'…), transformed to it."""
    out = Parsed()
    rows = list(rows)
    if not rows:
        return out
    base = Path(base_dir) if base_dir is not None else None
    transformer = None
    if crs is not None:
        import pyproj

        from .crs import CGCS2000

        transformer = pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(crs), CGCS2000,
                                                  always_xy=True)
    stem = Path(source).stem
    mapping, told_no_time = None, False
    for n, row in enumerate(rows, start=1):
        if mapping is None or set(row) != set(mapping.get("_keys", ())):
            mapping = {**_mapping(row.keys()), "_keys": tuple(row)}

        def value(name, row=row, mapping=mapping):
            return row.get(mapping[name]) if name in mapping else None

        def problem(name, message, fatal=False, n=n):
            out.problems.append(Problem(source, n, name, message, fatal))

        xy = _coordinates(row, mapping, value, problem)
        if xy is None:
            continue
        x, y = xy
        if transformer is not None:
            x, y = transformer.transform(x, y)
            if not (math.isfinite(x) and math.isfinite(y)) or not in_china(x, y):
                problem("X/Y", say("({x}, {y}) in {crs} falls outside China: the coordinates "
                                   "are not in that CRS", "({x}, {y}) 按 {crs} 换算后不在中国"
                                   "境内：坐标不是该坐标系", x=xy[0], y=xy[1], crs=crs), True)
                continue
        elif not in_china(x, y):
            if in_china(y, x):
                problem("X/Y", say("longitude and latitude swapped ({x}, {y}): read as "
                                   "({y}, {x})", "经纬度颠倒（{x}, {y}）：已按（{y}, {x}）读取",
                                   x=x, y=y))
                x, y = y, x
            elif abs(x) > 180 or abs(y) > 90:
                problem("X/Y", say("({x}, {y}) are not degrees (projected coordinates?): give "
                                   "their CRS", "（{x}, {y}）不是经纬度（投影坐标？）：请指定其坐标系",
                                   x=x, y=y), True)
                continue
            else:
                problem("X/Y", say("({x}, {y}) lies outside China", "（{x}, {y}）不在中国境内",
                                   x=x, y=y), True)
                continue
        try:
            when = parse_time(value("SBSJ"))
        except ValueError:
            when = None
            problem(mapping.get("SBSJ", "SBSJ"), say("{value} is not a time; left blank",
                                                     "{value} 不是时间；留空",
                                                     value=value("SBSJ")))
        if "SBSJ" not in mapping and not told_no_time:  # told once, at the first such row
            told_no_time = True
            problem("SBSJ", say("no time field: SBSJ left blank (and SFXY unknown)",
                                "没有时间字段：SBSJ 留空（SFXY 无法判断）"))
        photo = _text(value("ZPLJ"))
        exists = 0
        if photo:
            missing = [p for p in (s.strip() for s in re.split(PHOTO_SEPARATORS, photo))
                       if p and not _photo_path(p, base).exists()]
            exists = 0 if missing else 1
            if missing:
                problem(mapping["ZPLJ"], say("photo {path} does not exist",
                                             "照片 {path} 不存在", path=", ".join(missing)))
        out.reports.append(Report(_text(value("SBBH")) or f"{stem}-{n}", when,
                                  _text(value("SBR")), _text(value("SBMS")), photo, exists,
                                  float(x), float(y), Path(source).name, n))
    seen: dict = {}
    for report in out.reports:  # an id given twice: the later ones get their row added
        if report.SBBH in seen:
            out.problems.append(Problem(source, report.LYH, "SBBH", say(
                "{id} given again (row {first}); kept as {new}", "{id} 重复（第 {first} 行）；"
                "改为 {new}", id=report.SBBH, first=seen[report.SBBH],
                new=f"{report.SBBH}-{report.LYH}"), False))
            report.SBBH = f"{report.SBBH}-{report.LYH}"
        seen.setdefault(report.SBBH, report.LYH)
    return out


def _photo_path(text: str, base: Path | None) -> Path:
    path = Path(text.replace("\\", "/"))
    return path if path.is_absolute() or base is None else base / path


def _coordinates(row, mapping, value, problem):
    """(x, y) of a row, or None (its problem told)."""
    raw_x, raw_y = value("X"), value("Y")
    if _text(raw_x) is not None or _text(raw_y) is not None:
        try:
            x, y = _number(raw_x), _number(raw_y)
        except ValueError:
            problem(f"{mapping.get('X', 'X')}/{mapping.get('Y', 'Y')}", say(
                "({x}, {y}) are not numbers", "（{x}, {y}）不是数字", x=raw_x, y=raw_y), True)
            return None
        if x is None or y is None:
            problem(mapping.get("X" if x is None else "Y", "X/Y"),
                    say("no coordinates: one of the pair is blank", "没有坐标：缺少其中一个"),
                    True)
            return None
        return x, y
    for key in GEOMETRY_KEYS:
        if row.get(key) is not None:
            point = _point_of(row[key])
            if point is None:
                problem(key, say("the geometry is not a point", "几何不是点"), True)
            return point
    problem("X/Y", say("no coordinates", "没有坐标"), True)
    return None


# --- linking -------------------------------------------------------------------------------------

M_PER_DEGREE_LAT = 110_574.0  # the shortest degree of latitude (at the equator): a safe pad


@dataclass
class Links:
    index: np.ndarray  # the patch of each report, -1: none within the distance
    distance_m: np.ndarray  # geodesic metres to it (0 inside), NaN when none
    early: np.ndarray  # 是 / 否 / None: reported before the patch's HSX


def link(points, patch_geoms, hsx_dates, max_distance_m: float, times=None) -> Links:
    """The patch each report point lies in (distance 0; in several: the first), else the
    nearest within ``max_distance_m`` geodesic metres. ``hsx_dates``: each patch's after-image
    date (datetime.date or None); ``times``: each report's time: SFXY 是 when the report came
    before the HSX day, 否 when not, None when either is unknown or nothing is linked."""
    from .areas import cgcs2000_geod

    points = np.asarray(list(points), dtype=object)
    patches = np.asarray(list(patch_geoms), dtype=object)
    n = len(points)
    index = np.full(n, -1, dtype=np.int64)
    distance = np.full(n, np.nan)
    if n and len(patches):
        tree = shapely.STRtree(patches)
        p, q = tree.query(points, predicate="intersects")
        if len(p):
            order = np.lexsort((q, p))
            p, q = p[order], q[order]
            first = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
            index[p[first]], distance[p[first]] = q[first], 0.0
        rest = np.flatnonzero(index < 0)
        if len(rest) and max_distance_m > 0:
            _nearest(points, patches, tree, rest, max_distance_m, index, distance,
                     cgcs2000_geod())
    early = np.full(n, None, dtype=object)
    if times is not None:
        hsx = np.asarray(list(hsx_dates), dtype=object)
        for k in np.flatnonzero(index >= 0).tolist():
            when, image = times[k], hsx[index[k]]
            if when is None or image is None:
                continue
            day = when.date() if isinstance(when, dt.datetime) else when
            early[k] = EARLY if day < image else NOT_EARLY
    return Links(index, distance, early)


def _nearest(points, patches, tree, rest, max_m, index, distance, geod):
    """Fill ``index``/``distance`` of the ``rest`` points: the nearest patch within ``max_m``.
    Candidates come from a box query padded by ``max_m`` in degrees; each candidate's nearest
    point is found with longitudes scaled by cos(latitude) at the report (a local equidistant
    view: at 50 m the difference from the geodesic nearest is far below a millimetre), and
    its distance measured geodesically."""
    lon = shapely.get_x(points[rest])
    lat = shapely.get_y(points[rest])
    cos = np.cos(np.radians(lat))
    pad_lat = max_m / M_PER_DEGREE_LAT
    pad_lon = pad_lat / np.maximum(cos, 1e-6)
    boxes = shapely.box(lon - pad_lon, lat - pad_lat, lon + pad_lon, lat + pad_lat)
    r, q = tree.query(boxes, predicate="intersects")
    if not len(r):
        return
    scale = cos[r]

    def scaled(geoms):  # new geometries (set_coordinates replaces those of the array given)
        coords, owner = shapely.get_coordinates(geoms, return_index=True)
        coords[:, 0] *= scale[owner]
        return shapely.set_coordinates(np.array(geoms, dtype=object, copy=True), coords)

    shapes = scaled(patches[q])
    where = scaled(points[rest][r])
    lines = shapely.shortest_line(where, shapes)
    near = shapely.get_coordinates(lines)[1::2]  # the end on the patch
    near_lon = near[:, 0] / scale
    _, _, metres = geod.inv(lon[r], lat[r], near_lon, near[:, 1])
    metres = np.abs(metres)
    order = np.lexsort((q, metres, r))
    r, q, metres = r[order], q[order], metres[order]
    first = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    ok = first[metres[first] <= max_m]
    index[rest[r[ok]]] = q[ok]
    distance[rest[r[ok]]] = metres[ok]
