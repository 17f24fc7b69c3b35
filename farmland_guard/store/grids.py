"""田长制 grids in the work store (issue 17, schema 6): a grid layer imported into ``grids``
(replacing the previous one), and every patch and parcel assigned to its grid by largest
overlap (core.grids) — WGBM, DKDM, XZDM, XZMC and the note FPBZ (blank, 并列, 无网格) — in one
transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core import grids as core_grids
from ..core.language import say
from ..core.sources import SourceError
from . import gpkg
from .schema import SRS_ID
from .workstore import WorkStore

GRID_COLUMNS = tuple(core_grids.GRID_FIELDS)


@dataclass
class GridImport:
    grids: int
    rejected: dict = field(default_factory=dict)  # feature index (0-based) -> why
    notes: dict = field(default_factory=dict)  # feature index -> what was repaired
    mapping: dict = field(default_factory=dict)  # national field -> the layer's field
    problems: list = field(default_factory=list)  # core.grids.GridProblem: overlaps and gaps


@dataclass
class Assigned:
    patches: int
    parcels: int
    ties: list  # (table, key, [tied WGBM, the chosen first], [their 亩])
    outside: list  # (table, key)


def require(ws: WorkStore, table: str) -> None:
    """A clear message when the store predates the table (schema 6 adds grids, field_reports)."""
    if ws.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (table,)).fetchone() is None:
        from .workstore import StoreError

        raise StoreError(say("{name} has no {table} table: open it with this version of "
                             "farmland_guard to update it", "{name} 没有 {table} 表：请用本版本"
                             "的 farmland_guard 打开以升级", name=ws.path.name, table=table))


def read_layer(source) -> tuple[np.ndarray, list[dict], str, dict]:
    """Any OGR polygon layer (``path`` or ``path|layername=NAME``) as CGCS2000 lon/lat
    geometries, attribute dicts keyed by the national field names, its label and the mapping
    (national field -> the layer's field)."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    from ..core import layers as layer_io

    path, name = layer_io.parse(source)
    if not Path(path).exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=path))
    try:
        info = pyogrio.read_info(path, layer=name)
    except (DataSourceError, DataLayerError) as error:
        raise SourceError(say("{label} cannot be opened: {error}", "无法打开 {label}：{error}",
                              label=layer_io.label_of(source), error=error)) from error
    mapping = core_grids.grid_mapping([str(f) for f in info["fields"]])
    layer = layer_io.read(source, optional=list(mapping.values()))
    rows = [{national: text_value(layer.columns[found.upper()][k])
             for national, found in mapping.items()} for k in range(len(layer.geometries))]
    return layer.geometries, rows, layer.label, mapping


def text_value(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code read as a number
    text = str(value).strip()
    return text or None


def write_grids(store, geometries, rows: list[dict], label: str = "") -> GridImport:
    """Replace the store's grids with ``geometries`` (CGCS2000 lon/lat) and ``rows``
    (national field -> value); invalid geometries repaired, unusable ones refused (named by
    their WGBM, else their position); overlaps and gaps listed."""
    from ..core.areas import ellipsoidal_areas_m2
    from ..core.repair import repair

    repaired = repair(np.asarray(geometries, dtype=object), measure=ellipsoidal_areas_m2)
    keep = [k for k in range(len(rows)) if k not in repaired.rejected]
    geoms = repaired.geometries[keep] if keep else np.zeros(0, dtype=object)
    kept_rows = [rows[k] for k in keep]
    codes = [r.get("WGBM") or f"#{k + 1}" for k, r in zip(keep, kept_rows)]
    result = GridImport(len(keep), dict(repaired.rejected), dict(repaired.notes))
    result.problems = core_grids.check(geoms, codes)
    import shapely

    bounds = shapely.bounds(geoms) if len(geoms) else np.zeros((0, 4))
    blobs = gpkg.blobs(geoms, SRS_ID, bounds)
    columns = ", ".join(GRID_COLUMNS)
    marks = ", ".join("?" * (len(GRID_COLUMNS) + 1))
    with WorkStore(Path(store)) as ws, ws.transaction() as conn:
        require(ws, "grids")
        conn.execute("DELETE FROM grids")
        conn.executemany(f"INSERT INTO grids(geom, {columns}) VALUES ({marks})",
                         [(b, *(r.get(c) for c in GRID_COLUMNS))
                          for b, r in zip(blobs, kept_rows)])
        if len(bounds):
            conn.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                         "WHERE table_name = 'grids'", tuple(shapely.total_bounds(geoms)))
    return result


def import_grids(store, source) -> GridImport:
    """Import a grid layer file into the store (its fields found by name, Chinese aliases
    included, reprojected to CGCS2000)."""
    geoms, rows, label, mapping = read_layer(source)
    result = write_grids(store, geoms, rows, label)
    result.mapping = mapping
    return result


def assign(store) -> Assigned:
    """Every patch and parcel to the grid it overlaps most: WGBM, DKDM, XZDM, XZMC, FPBZ,
    written in one transaction (blank where outside every grid, FPBZ 无网格)."""
    with WorkStore(Path(store)) as ws:
        require(ws, "grids")
        grid_rows = ws.conn.execute(
            "SELECT geom, WGBM, DKDM, XZDM, XZMC FROM grids ORDER BY fid").fetchall()
        rows = [("patches", *r) for r in ws.conn.execute(
            "SELECT fid, JCBH, geom FROM patches ORDER BY fid")]
        rows += [("parcels", *r) for r in ws.conn.execute(
            "SELECT fid, DKBH, geom FROM parcels ORDER BY fid")]
        grid_geoms = gpkg.geometries([r[0] for r in grid_rows])
        codes = [r[1] for r in grid_rows]
        result = core_grids.assign(gpkg.geometries([r[3] for r in rows]), grid_geoms, codes)
        updates = {"patches": [], "parcels": []}
        for k, (table, fid, _key, _) in enumerate(rows):
            g = result.index[k]
            values = grid_rows[g][1:] if g >= 0 else (None,) * 4
            updates[table].append((*values, result.note(k), fid))
        with ws.transaction() as conn:
            for table, values in updates.items():
                conn.executemany(f"UPDATE {table} SET WGBM = ?, DKDM = ?, XZDM = ?, XZMC = ?, "
                                 "FPBZ = ? WHERE fid = ?", values)
    ties = [(rows[k][0], rows[k][2], [codes[g] for g in tied], mu)
            for k, tied, mu in result.ties]
    outside = [(rows[k][0], rows[k][2]) for k in result.outside]
    return Assigned(len(updates["patches"]), len(updates["parcels"]), ties, outside)


def grid_of(store, jcbh: str) -> dict | None:
    """The grid of a patch with its chain of responsibility (市/县/乡/村 田长, 网格员), for the
    form; None when the patch has none."""
    with WorkStore(Path(store)) as ws:
        row = ws.conn.execute(
            f"SELECT {', '.join('g.' + c for c in GRID_COLUMNS)} FROM patches p "
            "JOIN grids g ON g.WGBM = p.WGBM WHERE p.JCBH = ?", (jcbh,)).fetchone()
    return None if row is None else dict(zip(GRID_COLUMNS, row))
