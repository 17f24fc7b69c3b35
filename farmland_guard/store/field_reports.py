"""巡田上报 in the work store (issue 17, schema 6): reports read from a field app's export (CSV,
xlsx, GeoJSON, or any point layer GDAL opens) into ``field_reports``, and every report linked
to its patch (JCBH, JL in geodesic metres, SFXY) — in one transaction. Importing a file again
replaces the reports it brought before (``LYWJ``)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core import dates, profiles
from ..core import field_reports as core_reports
from ..core.language import say
from ..core.sources import SourceError
from . import gpkg
from .grids import require
from .schema import SRS_ID
from .workstore import WorkStore

COLUMNS = ("SBBH", "SBSJ", "SBR", "SBMS", "ZPLJ", "ZPCZ", "LYWJ", "LYH")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class Linked:
    linked: int
    unlinked: int
    early: int
    rows: list = field(default_factory=list)  # per report: SBBH, JCBH, JL, SFXY, LYWJ, LYH


@dataclass
class ReportImport:
    imported: int
    problems: list  # core.field_reports.Problem
    linked: Linked | None = None


def read_rows(path) -> list[dict]:
    """The records of a report file: CSV (UTF-8 or GB18030), xlsx (first sheet, first row the
    header), GeoJSON (properties with the geometry under ``geometry``), else any layer GDAL
    opens (its geometry as WKB under ``geometry``)."""
    path = Path(path)
    if not path.exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        data = path.read_bytes()
        for codec in CSV_ENCODINGS:
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SourceError(say("{name} is neither UTF-8 nor GB18030 text",
                                  "{name} 既不是 UTF-8 也不是 GB18030 文本", name=path.name))
        return [dict(r) for r in csv.DictReader(io.StringIO(text))]
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else f"COL{k}"
                      for k, h in enumerate(next(rows, ()))]
            return [dict(zip(header, r)) for r in rows if any(v not in (None, "") for v in r)]
        finally:
            book.close()
    if suffix in (".geojson", ".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as error:
            raise SourceError(say("{name} is not GeoJSON: {error}", "{name} 不是 GeoJSON：{error}",
                                  name=path.name, error=error)) from error
        features = data.get("features", []) if isinstance(data, dict) else data
        return [{**(f.get("properties") or {}), "geometry": f.get("geometry")}
                for f in features]
    return _ogr_rows(path)


def _ogr_rows(path: Path) -> list[dict]:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        frame = pyogrio.read_dataframe(path)
    except (DataSourceError, DataLayerError) as error:
        raise SourceError(say("{name} cannot be read: {error}", "无法读取 {name}：{error}",
                              name=path.name, error=error)) from error
    if frame.crs is not None and "geometry" in frame:
        from ..core.crs import CGCS2000

        frame = frame.to_crs(CGCS2000)
    rows = frame.drop(columns="geometry", errors="ignore").to_dict("records")
    if "geometry" in frame:
        for row, geom in zip(rows, frame.geometry.to_numpy()):
            row["geometry"] = geom
    return rows


def write_reports(store, parsed: core_reports.Parsed, source_name: str) -> int:
    """Put the reports in the store, replacing those ``source_name`` brought before."""
    points = np.array([r.point for r in parsed.reports], dtype=object)
    blobs = gpkg.blobs(points, SRS_ID) if len(points) else []
    columns = ", ".join(COLUMNS)
    with WorkStore(Path(store)) as ws, ws.transaction() as conn:
        require(ws, "field_reports")
        conn.execute("DELETE FROM field_reports WHERE LYWJ = ?", (source_name,))
        conn.executemany(
            f"INSERT INTO field_reports(geom, {columns}) VALUES (?{', ?' * len(COLUMNS)})",
            [(b, r.SBBH, r.SBSJ.isoformat(timespec="seconds") if r.SBSJ else None, r.SBR,
              r.SBMS, r.ZPLJ, r.ZPCZ, r.LYWJ, r.LYH) for b, r in zip(blobs, parsed.reports)])
    return len(parsed.reports)


def link(store, max_distance_m: float | None = None, profile: str | None = None) -> Linked:
    """Link every report of the store to the patch it lies in, else the nearest within
    ``max_distance_m`` (default: the profile's ``[followup] report_distance_m``)."""
    if max_distance_m is None:
        max_distance_m = profiles.report_distance_m(profile)
    with WorkStore(Path(store)) as ws:
        require(ws, "field_reports")
        reports = ws.conn.execute(
            "SELECT fid, geom, SBSJ, SBBH, LYWJ, LYH FROM field_reports ORDER BY fid").fetchall()
        patches = ws.conn.execute("SELECT JCBH, HSX, geom FROM patches ORDER BY fid").fetchall()
        points = gpkg.geometries([r[1] for r in reports]) if reports else np.zeros(0, object)
        patch_geoms = gpkg.geometries([p[2] for p in patches]) if patches else np.zeros(0, object)
        times = [_time(r[2]) for r in reports]
        hsx = [dates.parse_or_none(p[1]) for p in patches]
        links = core_reports.link(points, patch_geoms, hsx, max_distance_m, times)
        rows, updates = [], []
        for k, report in enumerate(reports):
            g = int(links.index[k])
            jcbh = patches[g][0] if g >= 0 else None
            jl = round(float(links.distance_m[k]), 2) if g >= 0 else None
            updates.append((jcbh, jl, links.early[k], report[0]))
            rows.append({"SBBH": report[3], "JCBH": jcbh, "JL": jl, "SFXY": links.early[k],
                         "LYWJ": report[4], "LYH": report[5]})
        with ws.transaction() as conn:
            conn.executemany("UPDATE field_reports SET JCBH = ?, JL = ?, SFXY = ? WHERE fid = ?",
                             updates)
    linked = int((links.index >= 0).sum())
    early = sum(1 for e in links.early if e == core_reports.EARLY)
    return Linked(linked, len(reports) - linked, early, rows)


def _time(text):
    try:
        return core_reports.parse_time(text)
    except ValueError:
        return None


def import_reports(store, path, crs=None, max_distance_m: float | None = None,
                   profile: str | None = None, rows: list[dict] | None = None) -> ReportImport:
    """Read a report file (or ``rows`` already read from it), store its reports and link every
    report of the store. Bad rows are listed (refused where they have no usable point)."""
    path = Path(path)
    rows = read_rows(path) if rows is None else rows
    parsed = core_reports.parse(rows, path.name, base_dir=path.parent, crs=crs)
    imported = write_reports(store, parsed, path.name)
    return ReportImport(imported, parsed.problems, link(store, max_distance_m, profile))


def early_reports(store) -> dict:
    """JCBH -> whether a 田长 reported the patch before its after-image (any report 是)."""
    with WorkStore(Path(store)) as ws:
        found = ws.conn.execute("SELECT JCBH, MAX(SFXY = ?) FROM field_reports WHERE JCBH IS "
                                "NOT NULL GROUP BY JCBH", (core_reports.EARLY,)).fetchall()
    return {jcbh: bool(early) for jcbh, early in found}

