"""A delivered batch brought to the national schema: mapped, typed, reprojected, repaired, checked.

Nothing is silently lost: every record that is changed or refused gets a ``Problem`` that
names the record, the field and the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from . import crs as crs_rules
from .areas import ellipsoidal_areas_m2, m2_to_mu
from .language import say
from .repair import repair
from .units import MU_DECIMALS, SQM_PER_MU

ID = "JCBH"
AREA_TOLERANCE_MU = 0.01
TEXT_FIELDS = ("JCBH", "DKBH", "XZQDM", "XMC", "TBLX", "DLBM", "DLMC", "SFYN", "SFHX", "BZ", "ND")
NUMBER_FIELDS = ("MJ", "XZB", "YZB")
DATE_FIELDS = ("QSX", "HSX")
NATIONAL = TEXT_FIELDS + NUMBER_FIELDS + DATE_FIELDS
# Columns the store adds; a source field of the same name is kept as YS_<name>.
STORE_COLUMNS = ("TBMJ_MU", "MJYC", "HCZT", "PDLX", "HCHLX", "WFLX", "PCZT", "FHBZ", "FHYY",
                 "TXHASH", "PCBH", "fid", "geom", "geometry")


@dataclass
class Problem:
    record: int  # 1-based position in the source layer
    jcbh: str
    field: str
    rule: str
    action: str  # rejected | repaired | flagged
    message: str


@dataclass
class Batch:
    frame: pd.DataFrame  # national fields, extras, TBMJ_MU, MJYC, RECORD; one row per patch
    geometries: np.ndarray  # MultiPolygons in CGCS2000 lon/lat, aligned with frame
    problems: list[Problem] = field(default_factory=list)
    source_records: int = 0
    extras: list[str] = field(default_factory=list)
    refused_ids: set = field(default_factory=set)  # delivered, but every record was rejected

    @property
    def rejected(self) -> int:
        return len({p.record for p in self.problems if p.action == "rejected"})

    @property
    def repaired(self) -> int:
        return len({p.record for p in self.problems if p.action == "repaired"})


def text(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 410724.0 from a numeric DBF field
    result = str(value).strip()
    return result or None


def texts(column) -> list:
    """``text`` of every value; plain strings take the fast path."""
    return [(v.strip() or None) if type(v) is str else text(v)
            for v in column.to_numpy(dtype=object)]


def extra_name(source: str, taken: set[str]) -> str:
    """A column name for a field the national schema lacks: upper case, never one the store
    or an earlier field already has (names differing only in case would collide)."""
    base = source.upper()
    name = f"YS_{base}" if base in taken else base
    n = 2
    while name.upper() in taken:
        name, n = f"YS_{base}_{n}", n + 1
    return name


def number(value):
    """(float or None, complaint or None)"""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None, None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value), None
    cleaned = re.sub(r"[,，\s]|平方米|m2|㎡", "", str(value))
    try:
        return float(cleaned), None
    except ValueError:
        return None, say("'{value}' is not a number", "“{value}”不是数字", value=value)


DATE_PATTERNS = [(re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"), 3),
                 (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), 3),
                 (re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$"), 2),
                 (re.compile(r"^(\d{4})(\d{2})$"), 2)]


def date(value):
    """(ISO date text or None, complaint or None); a month alone stays 'YYYY-MM'."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None, None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)  # 20250301.0 from a numeric field with blanks
    if isinstance(value, (dt.date, pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).strftime("%Y-%m-%d"), None
    raw = str(value).strip()
    if not raw:
        return None, None
    for pattern, parts in DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            numbers = [int(g) for g in match.groups()]
            try:
                dt.date(numbers[0], numbers[1], numbers[2] if parts == 3 else 1)
            except ValueError:
                break
            return ("{:04d}-{:02d}-{:02d}" if parts == 3 else "{:04d}-{:02d}").format(*numbers), None
    return raw, say("'{value}' is not a date; kept as text", "“{value}”不是日期；按文字保留",
                    value=raw)


def build(frame, mapping: dict[str, str], source_crs=None, label: str = "the file",
          undecodable: list[int] = (), encoding: str = "", unreadable: dict | None = None) -> Batch:
    """Bring a GeoDataFrame read from a delivered file to the national schema.

    ``mapping``: national field -> source field. ``source_crs``: the user's choice where the
    file has none. ``undecodable``: 1-based records whose text is not ``encoding``.
    ``unreadable``: 0-based records the reader could not read whole -> (field, rule, why).
    """
    problems: list[Problem] = []
    n = len(frame)
    records = np.arange(1, n + 1)
    out = pd.DataFrame({"RECORD": records})
    used = set(mapping.values())
    for national in TEXT_FIELDS:
        source = mapping.get(national)
        out[national] = texts(frame[source]) if source else None
    ids = out[ID].tolist()
    for national, convert in [(f, number) for f in NUMBER_FIELDS] + [(f, date) for f in DATE_FIELDS]:
        source = mapping.get(national)
        if source is None:
            out[national] = None
            continue
        column = frame[source]
        if convert is number and pd.api.types.is_numeric_dtype(column):
            out[national] = column.astype(float).to_numpy()  # NaN where empty
            continue
        if convert is date and pd.api.types.is_datetime64_any_dtype(column):
            out[national] = column.dt.strftime("%Y-%m-%d").where(column.notna(), None).to_numpy()
            continue
        values = []
        for i, value in enumerate(column.to_numpy(dtype=object)):
            converted, complaint = convert(value)
            values.append(converted)
            if complaint:
                if converted is None:
                    complaint = say("{complaint}; left empty", "{complaint}；置为空",
                                    complaint=complaint)
                problems.append(Problem(i + 1, ids[i] or "", national, "type", "repaired",
                                        f"{national} {complaint}"))
        out[national] = values
    extras = []
    taken = {c.upper() for c in (*NATIONAL, *STORE_COLUMNS, "RECORD")}
    for source in frame.columns:
        if source in used or source == frame.geometry.name:
            continue
        name = extra_name(str(source), taken)
        taken.add(name.upper())
        out[name] = texts(frame[source])  # kept as text: a later batch may type it otherwise
        extras.append(name)

    reject: dict[int, tuple[str, str, str]] = dict(unreadable or {})
    for record in undecodable:
        reject.setdefault(record - 1, ("*", "encoding", say(
            "its text is not {encoding} like the rest of the file (mixed encodings); fix and "
            "re-send it", "该记录文字不是与文件其余部分相同的 {encoding}（编码混杂）；请改正后重新报送",
            encoding=encoding)))
    for i, jcbh in enumerate(ids):
        if jcbh is None:
            reject.setdefault(i, (ID, "required", say("no JCBH (patch id)", "缺少监测编号 JCBH")))

    crs = source_crs if source_crs is not None else frame.crs  # the user's choice wins
    geoms = frame.geometry.to_numpy()
    if crs is None:
        bounds = shapely.total_bounds(geoms[~shapely.is_missing(geoms)])
        suggestion = crs_rules.guess(bounds)
        if suggestion:
            message = say("{label} has no coordinate system (.prj); its coordinates look like "
                          "{crs}: choose one", "{label} 没有坐标系（.prj）；坐标看起来是 {crs}："
                          "请选择坐标系", label=label, crs=suggestion)
        else:
            message = say("{label} has no coordinate system (.prj): choose one",
                          "{label} 没有坐标系（.prj）：请选择坐标系", label=label)
        raise crs_rules.CrsError(message, suggestion)
    lonlat, outliers = crs_rules.to_cgcs2000(geoms, crs, label)
    for i, why in outliers.items():
        reject.setdefault(i, ("geometry", "crs", why))
    lonlat = np.array(lonlat, dtype=object)
    lonlat[[i for i in reject if i < n]] = None  # a refused record is not repaired: GEOS may fail on it
    fixed = repair(lonlat, measure=ellipsoidal_areas_m2)
    for i, why in fixed.rejected.items():
        reject.setdefault(i, ("geometry", "geometry", why))
    # Uniqueness last: of records sharing a JCBH, the first one that survives is imported.
    seen: dict[str, int] = {}
    for i, jcbh in enumerate(ids):
        if i in reject:
            continue
        if jcbh in seen:
            reject[i] = (ID, "unique", say(
                "duplicate JCBH {jcbh}: record {first} already has it and was imported",
                "监测编号 {jcbh} 重复：第 {first} 条记录已使用并已导入", jcbh=jcbh,
                first=seen[jcbh]))
        else:
            seen[jcbh] = i + 1
    for i, note in fixed.notes.items():
        if i not in reject:
            problems.append(Problem(i + 1, ids[i] or "", "geometry", "geometry", "repaired", note))
    for i, (field_name, rule, why) in sorted(reject.items()):
        problems.append(Problem(i + 1, ids[i] or "", field_name, rule, "rejected", why))

    keep = np.array([i not in reject for i in range(n)], dtype=bool)
    out = out[keep].reset_index(drop=True)
    geometries = fixed.geometries[keep]
    area_mu = np.round(m2_to_mu(fixed.areas[keep]), MU_DECIMALS)  # ellipsoidal, from repair
    out["TBMJ_MU"] = area_mu
    delivered_mu = np.array([np.nan if v is None else v / SQM_PER_MU for v in out["MJ"]],
                            dtype=float)
    differs = np.abs(area_mu - delivered_mu) > AREA_TOLERANCE_MU
    out["MJYC"] = differs.astype(int)
    for i in np.flatnonzero(differs):
        problems.append(Problem(int(out["RECORD"][i]), out[ID][i], "MJ", "area", "flagged",
                                say("ellipsoidal area {area:.4f} mu differs from the "
                                    "delivered MJ ({mj:.4f} mu) by more than {tolerance} mu",
                                    "椭球面积 {area:.4f} 亩与下发的 MJ（{mj:.4f} 亩）相差超过 "
                                    "{tolerance} 亩", area=area_mu[i], mj=delivered_mu[i],
                                    tolerance=AREA_TOLERANCE_MU)))
    problems.sort(key=lambda p: (p.record, p.action))
    refused = {ids[i] for i in reject if ids[i] is not None} - set(out[ID])
    return Batch(out, geometries, problems, n, extras, refused)
