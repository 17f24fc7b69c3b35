"""The work store's tables and their migrations (``store_meta.schema_version``)."""

from __future__ import annotations

from pathlib import Path

from ..core import codelists, precheck, verdicts

SCHEMA_VERSION = 6
SRS_ID = 4490

# Workflow state (核查状态) and presence in the latest batch (批次状态), from the code lists.
UNCHECKED = verdicts.UNCHECKED
IN_BATCH, LEFT_BATCH = codelists.batch_states()["in_batch"], codelists.batch_states()["left_batch"]

# name -> (OGR type, default) ; "" type means text
PATCH_FIELDS = {
    "JCBH": "", "XZQDM": "", "XMC": "", "TBLX": "", "QSX": "", "HSX": "", "DLBM": "",
    "DLMC": "", "SFYN": "", "SFHX": "", "MJ": "real", "XZB": "real", "YZB": "real",
    "BZ": "", "ND": "", "DKBH": "",
    "TBMJ_MU": "real",  # ellipsoidal area on CGCS2000, 亩
    "MJYC": "integer",  # 面积异常: TBMJ_MU differs from the delivered MJ by > 0.01 亩
    "HCZT": "",  # 核查状态 (workflow state)
    "PDLX": "", "HCHLX": "", "WFLX": "",  # current verdict, kept in step with results
    "PCZT": "",  # 批次状态: 在批 / 已移出 (vanished from a later batch)
    "FHBZ": "integer",  # 复核标志: geometry changed after the patch was judged
    "FHYY": "",  # 复核原因
    "TXHASH": "",  # hash of the geometry, to see it change between batches
    "PCBH": "",  # the import (batch) that last delivered the patch
}
DELIVERED = ("XZQDM", "XMC", "TBLX", "QSX", "HSX", "DLBM", "DLMC", "SFYN", "SFHX", "MJ",
             "XZB", "YZB", "BZ", "ND", "DKBH", "TBMJ_MU", "MJYC")
# The precheck (套合) of a patch or parcel: ellipsoidal 亩 of each overlay (core.precheck.FIELDS),
# the quality grade of the 耕地 occupied, the suggested verdict.
PRECHECK_FIELDS = {
    **{name: "real" for name in precheck.FIELDS if name != "TBMJ_MU"},
    "DLFZ": "",  # 亩 by land-use group, JSON
    "PWFZ": "",  # 亩 by kind of valid approval, JSON
    precheck.GRADE: "",  # GDDB: 耕地等别 of the 耕地 occupied, as text (schema 5)
    "JYPD": "", "JYLX": "", "JYLY": "",  # suggested verdict, its sub-type and its reason
    "TSSJ": "",  # when the precheck ran
}
# The precheck columns each schema added (2, 3, 5): written out, so a later field is added by
# its own migration only and never twice.
SCHEMA_2_PRECHECK = ("GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ",
                     "DLFZ", "JYPD", "JYLY", "TSSJ")
SCHEMA_3_PRECHECK = ("STJMJ", "JBNTGDMJ", "WFGJMJ", "WPSTMJ", "WPSTJMJ", "WPJBNTMJ", "PWFZ",
                     "JYLX")
SCHEMA_5_PRECHECK = (precheck.GRADE,)
# A patch's or parcel's grid (网格) by largest overlap (schema 6): grid code, plot code, town,
# and the assignment note (blank, 并列: a tie, listed; 无网格: outside every grid).
GRID_FIELDS = {"WGBM": "", "DKDM": "", "XZDM": "", "XZMC": "", "FPBZ": ""}
PATCH_FIELDS.update(PRECHECK_FIELDS)
PATCH_FIELDS.update(GRID_FIELDS)
PARCEL_FIELDS = {"DKBH": "", "JCBH": "", "TBMJ_MU": "real", "DLBM": "", "PDLX": "", "HCHLX": "",
                 "WFLX": "", "HCZT": "", **PRECHECK_FIELDS, **GRID_FIELDS}
# The follow-up after the verdict (schema 6): spatial layers, name -> (OGR geometry type name,
# fields). Problems (整改台账: a point or a polygon), grids (网格 with their 田长), 巡田 reports.
PROBLEM_FIELDS = {
    "WTBH": "", "LY": "", "WTMS": "", "GLTB": "", "XZQDM": "", "XZDM": "", "XZMC": "",
    "ZGCS": "", "ZGQX": "", "ZRDW": "", "ZRR": "", "ZGZT": "", "PDRQ": "", "XHRQ": "", "XHR": "",
    "XHYY": "", "FCRQ": "", "FCJG": "",
    "LABH": "", "LARQ": "", "GPJB": "", "GPQX": "", "YTRQ": "", "YTR": "", "YSRQ": "",
    "YSDW": "", "JARQ": "",
    "created_at": "", "created_by": "", "updated_at": "", "version": "integer",
}
GRID_LAYER_FIELDS = {"WGBM": "", "DKDM": "", "XZDM": "", "XZMC": "", "CJMC": "", "SJTZ": "",
                     "XJTZ": "", "XZTZ": "", "CJTZ": "", "WGY": ""}
REPORT_FIELDS = {"SBBH": "", "SBSJ": "", "SBR": "", "SBMS": "", "ZPLJ": "", "ZPCZ": "integer",
                 "JCBH": "", "JL": "real", "SFXY": "", "LYWJ": "", "LYH": "integer"}
FOLLOW_UP_LAYERS = {
    "problems": ("wkbUnknown", PROBLEM_FIELDS),
    "grids": ("wkbMultiPolygon", GRID_LAYER_FIELDS),
    "field_reports": ("wkbPoint", REPORT_FIELDS),
}
FOLLOW_UP_INDEXES = [
    "CREATE UNIQUE INDEX problems_wtbh ON problems(WTBH)",
    "CREATE INDEX problems_ly ON problems(LY)",
    "CREATE INDEX grids_wgbm ON grids(WGBM)",
    "CREATE INDEX field_reports_jcbh ON field_reports(JCBH)",
    "CREATE INDEX patches_wgbm ON patches(WGBM)",
    "CREATE INDEX parcels_wgbm ON parcels(WGBM)",
]
# The sync's state (schema 4): an op sent and not yet answered keeps its push's key, so the
# same request goes again until the server has answered it; the last copy both sides agreed
# on; conflicts waiting for the user's choice.
SYNC_OUTBOX = {"push_key": "", "state": "", "problem": ""}
SYNC_TABLES = {
    "server_copies": {"entity_id": "", "kind": "", "version": "integer", "data": "", "at": ""},
    "conflicts": {"op_id": "", "kind": "", "entity_id": "", "base": "", "mine": "",
                  "server": "", "server_version": "integer", "at": ""},
}
TABLES = {
    "results": {"id": "", "JCBH": "", "DKBH": "", "PDLX": "", "HCHLX": "", "WFLX": "",
                "HCZT": "", "data": "", "version": "integer", "updated_at": "",
                "updated_by": ""},
    "attachments": {"sha256": "", "JCBH": "", "DKBH": "", "name": "", "mime": "",
                    "size": "integer", "meta": "", "added_at": "", "added_by": ""},
    "history": {"at": "", "who": "", "action": "", "JCBH": "", "field": "", "old": "",
                "new": "", "op": "", "DKBH": ""},
    "outbox": {"op_id": "", "kind": "", "entity_id": "", "base_version": "integer",
               "data": "", "created_at": "", **SYNC_OUTBOX},
    **SYNC_TABLES,
    "imports": {"at": "", "who": "", "source": "", "source_sha256": "", "layer": "",
                "profile": "", "encoding": "", "crs": "", "records": "integer",
                "imported": "integer", "repaired": "integer", "rejected": "integer",
                "added": "integer", "updated": "integer", "vanished": "integer",
                "flagged": "integer", "report": ""},
    "store_meta": {"key": "", "value": ""},
}
INDEXES = [
    "CREATE UNIQUE INDEX patches_jcbh ON patches(JCBH)",
    "CREATE UNIQUE INDEX parcels_dkbh ON parcels(DKBH)",
    "CREATE INDEX parcels_jcbh ON parcels(JCBH)",
    "CREATE UNIQUE INDEX results_id ON results(id)",
    "CREATE INDEX results_jcbh ON results(JCBH)",
    "CREATE UNIQUE INDEX attachments_sha ON attachments(sha256, JCBH, DKBH)",
    "CREATE UNIQUE INDEX outbox_op ON outbox(op_id)",
    "CREATE UNIQUE INDEX server_copies_entity ON server_copies(kind, entity_id)",
    "CREATE UNIQUE INDEX conflicts_entity ON conflicts(kind, entity_id)",
    "CREATE INDEX outbox_entity ON outbox(kind, entity_id)",
    "CREATE INDEX attachments_jcbh ON attachments(JCBH)",
    "CREATE UNIQUE INDEX store_meta_key ON store_meta(key)",
    "CREATE INDEX history_jcbh ON history(JCBH)",
    *FOLLOW_UP_INDEXES,
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
]


def _field(name: str, kind: str):
    from osgeo import ogr

    types = {"": ogr.OFTString, "real": ogr.OFTReal, "integer": ogr.OFTInteger64}
    return ogr.FieldDefn(name, types[kind])


def create(path: Path, batch_name: str) -> None:
    """A new, empty store at ``path`` (which must not exist), written by GDAL."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(SRS_ID)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    options = ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"]
    for name, fields in (("patches", PATCH_FIELDS), ("parcels", PARCEL_FIELDS)):
        layer = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon, options)
        for field_name, kind in fields.items():
            layer.CreateField(_field(field_name, kind))
    _create_follow_up(ds, srs)
    for name, fields in TABLES.items():
        layer = ds.CreateLayer(name, None, ogr.wkbNone, ["FID=fid"])
        for field_name, kind in fields.items():
            layer.CreateField(_field(field_name, kind))
    for statement in INDEXES:
        ds.ExecuteSQL(statement)
    ds.ExecuteSQL("INSERT INTO store_meta(key, value) VALUES "
                  f"('schema_version', '{SCHEMA_VERSION}'), "
                  f"('batch', '{batch_name.replace(chr(39), chr(39) * 2)}')")
    ds = None


def _create_follow_up(ds, srs) -> None:
    """The layers of schema 6 in the GDAL data source ``ds``."""
    from osgeo import ogr

    options = ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"]
    for name, (geometry, fields) in FOLLOW_UP_LAYERS.items():
        layer = ds.CreateLayer(name, srs, getattr(ogr, geometry), options)
        for field_name, kind in fields.items():
            layer.CreateField(_field(field_name, kind))


_GPKG_REGISTRIES = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions",
                    "gpkg_ogr_contents")


def _add_follow_up_layers(conn) -> None:
    """Migration 6's layers, made exactly as GDAL makes them: GDAL writes them into a scratch
    GeoPackage, and its tables, R-trees, triggers and registry rows (gpkg_contents,
    gpkg_geometry_columns, gpkg_extensions, gpkg_ogr_contents) are copied into the store within
    the migration's transaction (all of it or nothing; GDAL never holds the store open)."""
    import sqlite3
    import tempfile

    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "layers.gpkg"
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(SRS_ID)
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(scratch))
        _create_follow_up(ds, srs)
        ds = None
        source = sqlite3.connect(scratch)
        try:
            names = list(FOLLOW_UP_LAYERS)
            objects = source.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
                + " OR ".join(["tbl_name = ? OR name = ?"] * len(names)) + ") ORDER BY rowid",
                [n for name in names for n in (name, f"rtree_{name}_geom")]).fetchall()
            rows = {}
            for registry in _GPKG_REGISTRIES:
                columns = [r[1] for r in source.execute(f"PRAGMA table_info({registry})")]
                if not columns:
                    continue
                rows[registry] = (columns, source.execute(
                    f"SELECT * FROM {registry} WHERE table_name IN "
                    f"({', '.join('?' * len(names))})", names).fetchall())
        finally:
            source.close()
    shadow = tuple(f"rtree_{name}_geom_{part}" for name in names
                   for part in ("node", "parent", "rowid"))
    triggers = []
    for kind, name, sql in objects:
        if name in shadow or kind == "index" and name.startswith("sqlite_autoindex"):
            continue
        if kind == "trigger":  # after the R-trees they write to
            triggers.append(sql)
        else:
            conn.execute(sql)
    for sql in triggers:
        conn.execute(sql)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for registry, (columns, values) in rows.items():
        if registry not in present:
            continue
        mine = {r[1] for r in conn.execute(f"PRAGMA table_info({registry})")}
        keep = [i for i, c in enumerate(columns) if c in mine]
        conn.executemany(
            f"INSERT OR IGNORE INTO {registry}({', '.join(columns[i] for i in keep)}) "
            f"VALUES ({', '.join('?' * len(keep))})",
            [[row[i] for i in keep] for row in values])


_SQL_TYPES = {"": "TEXT", "real": "REAL", "integer": "INTEGER"}


def _add_columns(table: str, fields: dict) -> list[str]:
    return [f"ALTER TABLE {table} ADD COLUMN {name} {_SQL_TYPES[kind]}"
            for name, kind in fields.items()]


# version -> SQL statements that bring a store from version-1 to version
MIGRATIONS: dict[int, list[str]] = {
    2: [f"ALTER TABLE {table} ADD COLUMN {name} {_SQL_TYPES[PRECHECK_FIELDS[name]]}"
        for table in ("patches", "parcels") for name in SCHEMA_2_PRECHECK]
       + _add_columns("parcels", {"DLBM": ""}) + _add_columns("history", {"DKBH": ""})
       + ["CREATE INDEX parcels_jcbh ON parcels(JCBH)"],
    # 3: the precheck's net 水田, 永农 ∩ 耕地, what the approvals leave, approvals by kind, the
    # suggested sub-type
    3: [f"ALTER TABLE {table} ADD COLUMN {name} {_SQL_TYPES[PRECHECK_FIELDS[name]]}"
        for table in ("patches", "parcels") for name in SCHEMA_3_PRECHECK],
    # 4: the sync's state
    4: _add_columns("outbox", SYNC_OUTBOX)
       + [f"CREATE TABLE {table} (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
          + ", ".join(f"{name} {_SQL_TYPES[kind]}" for name, kind in fields.items()) + ")"
          for table, fields in SYNC_TABLES.items()]
       + ["CREATE UNIQUE INDEX server_copies_entity ON server_copies(kind, entity_id)",
          "CREATE UNIQUE INDEX conflicts_entity ON conflicts(kind, entity_id)",
          "CREATE INDEX outbox_entity ON outbox(kind, entity_id)",
          "CREATE INDEX attachments_jcbh ON attachments(JCBH)"],
    # 5: the quality grade (耕地等别) of the 耕地 a patch or parcel occupies
    5: [f"ALTER TABLE {table} ADD COLUMN {name} {_SQL_TYPES[PRECHECK_FIELDS[name]]}"
        for table in ("patches", "parcels") for name in SCHEMA_5_PRECHECK],
    # 6: the follow-up after the verdict: problems (整改台账) and their cases, grids (田长制,
    # 一地一码), 巡田 reports; each patch's and parcel's grid. A callable runs on the connection.
    6: [*_add_columns("patches", GRID_FIELDS), *_add_columns("parcels", GRID_FIELDS),
        _add_follow_up_layers, *FOLLOW_UP_INDEXES],
}
