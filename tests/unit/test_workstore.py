"""The work store: re-import keeps verdicts, marks vanished and changed patches; all or nothing."""

import shutil
import sqlite3
import uuid

import pyogrio
import pytest
import shapely

from farmland_guard.core.errors import Cancelled
from farmland_guard.core.sources import SourceError
from farmland_guard.store import gpkg, importer, schema
from farmland_guard.store.workstore import StoreError, WorkStore


def judge(store, jcbhs, verdict="违法"):
    """Verdicts as the workbench will write them: the patch columns and a results row."""
    with WorkStore(store) as ws, ws.transaction() as conn:
        conn.executemany("UPDATE patches SET HCZT = '内业完成', PDLX = ? WHERE JCBH = ?",
                         [(verdict, j) for j in jcbhs])
        conn.executemany("INSERT INTO results(id, JCBH, PDLX, HCZT, data, version) "
                         "VALUES (?, ?, ?, '内业完成', '{}', 1)",
                         [(str(uuid.uuid4()), j, verdict) for j in jcbhs])


def state(store):
    with sqlite3.connect(store) as conn:
        patches = {r[0]: r[1:] for r in conn.execute(
            "SELECT JCBH, TBLX, PCZT, TXHASH, HCZT, PDLX, FHBZ FROM patches")}
        results = conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    return patches, results


@pytest.fixture()
def batches(demo_data, tmp_path):
    """Batch A as delivered, and a corrected batch B: 5 vanish, 3 new, 4 reshaped, 2 retyped."""
    out, manifest = demo_data
    a = pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK")
    b = a.iloc[5:].copy()
    new = a.iloc[:3].copy()
    new["JCBH"] = [f"410724SJBG25{900000 + i}" for i in range(3)]
    new["geometry"] = new.geometry.translate(0, 5000)
    b.loc[b.index[:4], "geometry"] = b.geometry.iloc[:4].buffer(3, join_style="mitre")
    b.loc[b.index[10:12], "TBLX"] = "QT"
    b = type(a)(list(b.itertuples(index=False)) + list(new.itertuples(index=False)),
                columns=a.columns, crs=a.crs)
    paths = {}
    for name, frame in (("A", a), ("B", b)):
        paths[name] = tmp_path / f"batch_{name}.shp"
        pyogrio.write_dataframe(frame, paths[name], encoding="GBK")
    return paths, a, b


def test_reimport_merges_by_jcbh_and_keeps_every_verdict(batches, tmp_path):
    paths, a, b = batches
    store = tmp_path / "store.gpkg"
    first = importer.run(paths["A"], store)
    assert (first.added, first.updated, first.vanished) == (120, 0, 0)
    judged = list(a["JCBH"].iloc[:10]) + list(b["JCBH"].iloc[:2])  # 5 of them vanish later
    judge(store, judged)
    ws = WorkStore(store)
    sha = ws.add_attachment(paths["A"].with_suffix(".prj"), judged[0])
    ws.close()
    again = importer.run(paths["B"], store)
    assert (again.added, again.vanished) == (3, 5)
    assert again.updated == 6  # 4 reshaped + 2 retyped
    assert again.flagged == 4  # reshaped after a verdict (b's first rows were judged in A)
    patches, results = state(store)
    assert len(patches) == 123 and results == len(judged)
    for jcbh in judged:
        assert patches[jcbh][3:5] == ("内业完成", "违法")
    for jcbh in a["JCBH"].iloc[:5]:
        assert patches[jcbh][1] == schema.LEFT_BATCH
    for jcbh in b["JCBH"].iloc[:4]:
        assert patches[jcbh][5] == 1  # second look
    assert patches[b["JCBH"].iloc[10]][0] == "QT"
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attachments WHERE sha256 = ?",
                            (sha,)).fetchone()[0] == 1
        history = conn.execute("SELECT field, COUNT(*) FROM history GROUP BY field").fetchall()
        assert dict(history) == {"PCZT": 5, "geometry": 4}
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 2


def test_same_batch_twice_changes_nothing(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    before = state(store)
    again = importer.run(paths["A"], store)
    assert (again.added, again.updated, again.vanished, again.flagged) == (0, 0, 0, 0)
    assert state(store) == before


def test_a_vanished_patch_that_returns_is_in_the_batch_again(batches, tmp_path):
    paths, a, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    importer.run(paths["B"], store)
    importer.run(paths["A"], store)
    patches, _ = state(store)
    assert patches[a["JCBH"].iloc[0]][1] == schema.IN_BATCH


def test_cancelled_or_failed_import_leaves_the_store_as_before(batches, tmp_path, monkeypatch):
    paths, a, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    judge(store, a["JCBH"].iloc[:3])
    before = state(store)
    with pytest.raises(Cancelled):
        importer.run(paths["B"], store, cancelled=lambda: True)
    assert state(store) == before

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "write_report", broken)  # fails after the data are written
    original = importer.merge

    def failing_merge(ws, batch, info, progress, cancelled):
        original(ws, batch, info, progress, lambda: True)

    monkeypatch.setattr(importer, "merge", failing_merge)
    with pytest.raises(Cancelled):
        importer.run(paths["B"], store)
    assert state(store) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_cancelled_new_store_leaves_no_file(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "new.gpkg"
    with pytest.raises(Cancelled):
        importer.run(paths["A"], store, cancelled=lambda: True)
    assert list(tmp_path.glob("*new*")) == []


def test_history_is_append_only(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    importer.run(paths["B"], store)
    with WorkStore(store) as ws:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ws.conn.execute("DELETE FROM history")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ws.conn.execute("UPDATE history SET who = 'x'")


def test_store_is_wal_and_opens_in_gdal(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    frame = pyogrio.read_dataframe(store, layer="patches")
    assert len(frame) == 120 and frame.crs.to_epsg() == 4490
    assert frame.geometry.geom_type.eq("MultiPolygon").all() and frame.is_valid.all()
    assert set(frame["HCZT"]) == {schema.UNCHECKED}
    assert {n for n, _ in pyogrio.list_layers(store)} >= {
        "patches", "parcels", "results", "attachments", "history", "outbox", "imports"}
    bounds = frame.total_bounds
    assert 113 < bounds[0] < bounds[2] < 114


def test_attachments_are_kept_once_by_sha256(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    photo = tmp_path / "照片.jpg"
    photo.write_bytes(b"\xff\xd8 same bytes")
    copy = tmp_path / "copy.jpg"
    shutil.copy(photo, copy)
    with WorkStore(store) as ws:
        first = ws.add_attachment(photo, "410724SJBG25000001")
        second = ws.add_attachment(copy, "410724SJBG25000001")
        assert first == second
        assert len(list(ws.files_dir.rglob("*"))) == 2  # one folder, one file
        assert (ws.files_dir / first[:2] / first).read_bytes() == photo.read_bytes()


def test_a_newer_or_foreign_file_is_refused(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer farmland_guard"):
        WorkStore(store)
    foreign = tmp_path / "other.gpkg"
    pyogrio.write_dataframe(pyogrio.read_dataframe(paths["A"], encoding="GBK"), foreign)
    with pytest.raises(StoreError, match="not a farmland_guard work store"):
        WorkStore(foreign)
    with pytest.raises(StoreError):
        importer.run(paths["A"], foreign)


def test_migrations_run_in_order(batches, tmp_path, monkeypatch):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    after = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", after)
    monkeypatch.setitem(schema.MIGRATIONS, after, ["ALTER TABLE patches ADD COLUMN NEWCOL TEXT"])
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == str(after)
        columns = {r[1] for r in ws.conn.execute("PRAGMA table_info(patches)")}
        assert "NEWCOL" in columns


def test_geometry_hash_ignores_reprojection_noise():
    square = shapely.box(113.6, 35.2, 113.601, 35.201)
    noisy = shapely.box(113.6 + 1e-10, 35.2, 113.601, 35.201 - 1e-10)
    assert importer.geometry_hashes([square]) == importer.geometry_hashes([noisy])
    assert importer.geometry_hashes([square]) != importer.geometry_hashes([square.buffer(1e-5)])


def test_unknown_source_error_names_the_file(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        importer.run(tmp_path / "nope.zip", tmp_path / "s.gpkg")


def test_leftovers_of_a_killed_new_store_go_with_the_next_import(batches, tmp_path):
    paths, _, _ = batches
    for name in (".new.importing-99.gpkg", ".new.importing-99.gpkg-journal",
                 ".new.importing-98.gpkg-wal"):
        (tmp_path / name).write_bytes(b"half written")
    importer.run(paths["A"], tmp_path / "new.gpkg")
    assert sorted(p.name for p in tmp_path.glob(".new*")) == []


def back_to_schema_5(conn) -> None:
    """A store as schema 5 laid it out: no problems, grids or field reports, no grid of a patch."""
    for index in ("patches_wgbm", "parcels_wgbm"):
        conn.execute(f"DROP INDEX {index}")
    for table in ("patches", "parcels"):
        for name in schema.GRID_FIELDS:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    for layer in schema.FOLLOW_UP_LAYERS:
        conn.execute(f"DROP TABLE {layer}")
        conn.execute(f"DROP TABLE rtree_{layer}_geom")
        for registry in ("gpkg_contents", "gpkg_ogr_contents", "gpkg_geometry_columns",
                         "gpkg_extensions"):
            conn.execute(f"DELETE FROM {registry} WHERE table_name = ?", (layer,))


def back_to_schema_4(conn) -> None:
    """A store as schema 4 laid it out: no quality grade (GDDB) in the precheck (nor what
    schema 6 added)."""
    back_to_schema_5(conn)
    for table in ("patches", "parcels"):
        for name in schema.SCHEMA_5_PRECHECK:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")


def back_to_schema_3(conn) -> None:
    """A store as schema 3 laid it out: no sync state (nor what schema 5 added)."""
    back_to_schema_4(conn)
    for index in ("outbox_entity", "attachments_jcbh", "server_copies_entity",
                  "conflicts_entity"):
        conn.execute(f"DROP INDEX {index}")
    for table in schema.SYNC_TABLES:
        conn.execute(f"DROP TABLE {table}")
        for registry in ("gpkg_contents", "gpkg_ogr_contents"):
            conn.execute(f"DELETE FROM {registry} WHERE table_name = ?", (table,))
    for name in schema.SYNC_OUTBOX:
        conn.execute(f"ALTER TABLE outbox DROP COLUMN {name}")


def test_a_version_3_store_gains_the_sync_state(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    conn = sqlite3.connect(store)
    back_to_schema_3(conn)
    conn.execute("UPDATE store_meta SET value = '3' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == str(schema.SCHEMA_VERSION)
        assert "GDDB" in {r[1] for r in ws.conn.execute("PRAGMA table_info(parcels)")}
        assert set(schema.SYNC_OUTBOX) <= {r[1] for r in ws.conn.execute("PRAGMA table_info(outbox)")}
        assert ws.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone() == (0,)
    assert len(pyogrio.read_dataframe(store, layer="patches")) > 0


def test_a_version_1_store_gains_the_precheck_and_parcel_columns(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    conn = sqlite3.connect(store)  # back to the layout of schema 1
    back_to_schema_3(conn)
    conn.execute("DROP INDEX parcels_jcbh")
    before_5 = [f for f in schema.PRECHECK_FIELDS if f not in schema.SCHEMA_5_PRECHECK]
    for table, fields in (("patches", before_5), ("parcels", before_5),
                          ("parcels", {"DLBM": ""}), ("history", {"DKBH": ""})):
        for name in fields:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    conn.execute("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == str(schema.SCHEMA_VERSION)
        columns = {r[1] for r in ws.conn.execute("PRAGMA table_info(patches)")}
        assert set(schema.PRECHECK_FIELDS) <= columns
        assert "DKBH" in {r[1] for r in ws.conn.execute("PRAGMA table_info(history)")}
        assert "parcels_jcbh" in {r[1] for r in ws.conn.execute("PRAGMA index_list(parcels)")}
    assert len(pyogrio.read_dataframe(store, layer="patches")) > 0  # GDAL still reads it


def test_a_version_2_store_gains_the_new_precheck_columns(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    conn = sqlite3.connect(store)  # back to the layout of schema 2
    back_to_schema_3(conn)
    added = schema.SCHEMA_3_PRECHECK
    assert {"JBNTGDMJ", "WPJBNTMJ", "PWFZ", "JYLX"} <= set(added)
    for table in ("patches", "parcels"):
        for name in added:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    conn.execute("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == str(schema.SCHEMA_VERSION)
        for table in ("patches", "parcels"):  # schema 3's columns and schema 5's, once each
            columns = [r[1] for r in ws.conn.execute(f"PRAGMA table_info({table})")]
            assert set(added) | set(schema.SCHEMA_5_PRECHECK) <= set(columns)
            assert len(columns) == len(set(columns))
    assert len(pyogrio.read_dataframe(store, layer="patches")) > 0


def test_each_precheck_column_is_added_by_one_migration_only():
    """Schemas 2, 3 and 5 list the precheck columns they add: together all of them, none twice
    (migration 3 once took 'all the others', which would add a later column twice)."""
    added = [*schema.SCHEMA_2_PRECHECK, *schema.SCHEMA_3_PRECHECK, *schema.SCHEMA_5_PRECHECK]
    assert sorted(added) == sorted(schema.PRECHECK_FIELDS)
    statements = [s for version in (2, 3, 5) for s in schema.MIGRATIONS[version]
                  if s.startswith("ALTER TABLE patches ADD COLUMN")]
    assert sorted(s.split()[5] for s in statements) == sorted(
        f for f in schema.PRECHECK_FIELDS)
    assert "GDDB" in schema.SCHEMA_5_PRECHECK and schema.SCHEMA_VERSION == 6


def test_a_version_4_store_gains_the_quality_grade(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    conn = sqlite3.connect(store)
    back_to_schema_4(conn)
    conn.execute("UPDATE store_meta SET value = '4' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == str(schema.SCHEMA_VERSION)
        for table in ("patches", "parcels"):
            columns = {r[1]: r[2] for r in ws.conn.execute(f"PRAGMA table_info({table})")}
            assert columns["GDDB"] == "TEXT"
        assert ws.conn.execute("SELECT COUNT(*) FROM patches WHERE GDDB IS NOT NULL"
                               ).fetchone() == (0,)
    frame = pyogrio.read_dataframe(store, layer="patches")  # GDAL still reads it
    assert len(frame) > 0 and "GDDB" in frame.columns


def layout(path) -> tuple:
    """What makes a GeoPackage's layers: its schema objects and its registry rows (times aside)."""
    with sqlite3.connect(path) as conn:
        objects = sorted(conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        registries = {
            "contents": sorted(conn.execute(
                "SELECT table_name, data_type, identifier, srs_id FROM gpkg_contents")),
            "columns": sorted(conn.execute("SELECT * FROM gpkg_geometry_columns")),
            "extensions": sorted(conn.execute(
                "SELECT table_name, column_name, extension_name FROM gpkg_extensions "
                "WHERE table_name IS NOT NULL")),
            "ogr": sorted(conn.execute("SELECT table_name FROM gpkg_ogr_contents")),
        }
    return objects, registries


def test_a_version_5_store_gains_the_follow_up_layers_as_gdal_makes_them(batches, tmp_path):
    paths, _, _ = batches
    store, fresh = tmp_path / "store.gpkg", tmp_path / "fresh.gpkg"
    importer.run(paths["A"], store)
    importer.run(paths["A"], fresh)
    conn = sqlite3.connect(store)
    back_to_schema_5(conn)
    conn.execute("UPDATE store_meta SET value = '5' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    assert layout(store) != layout(fresh)
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == "6"
        for table in ("patches", "parcels"):
            assert set(schema.GRID_FIELDS) <= {r[1] for r in ws.conn.execute(
                f"PRAGMA table_info({table})")}
        # a point written with plain sqlite3 goes into the spatial index through GDAL's triggers
        [blob] = gpkg.blobs([shapely.Point(113.7, 35.3)], schema.SRS_ID)
        ws.conn.execute("INSERT INTO problems(WTBH, geom) VALUES ('WT-1', ?)", (blob,))
        box = ws.conn.execute("SELECT minx, maxy FROM rtree_problems_geom").fetchall()
        assert box == [pytest.approx((113.7, 35.3), abs=1e-4)]  # (kept as 32-bit floats)
    assert layout(store) == layout(fresh)  # the same tables, R-trees, triggers and registries
    from osgeo import ogr

    ds = ogr.Open(str(store))
    expected = {"problems": ogr.wkbUnknown, "grids": ogr.wkbMultiPolygon,
                "field_reports": ogr.wkbPoint}
    for name, geometry in expected.items():
        layer = ds.GetLayerByName(name)
        assert layer.GetGeomType() == geometry
        assert layer.GetSpatialRef().GetAuthorityCode(None) == str(schema.SRS_ID)
        definition = layer.GetLayerDefn()
        fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        assert fields == list(schema.FOLLOW_UP_LAYERS[name][1])
        assert layer.TestCapability(ogr.OLCFastSpatialFilter)
    assert ds.GetLayerByName("problems").GetFeatureCount() == 1
    ds = None
    assert len(pyogrio.read_dataframe(store, layer="patches")) > 0


def test_a_version_2_store_opens_at_schema_6(batches, tmp_path):
    paths, _, _ = batches
    store = tmp_path / "store.gpkg"
    importer.run(paths["A"], store)
    conn = sqlite3.connect(store)  # back to the layout of schema 2 (as the test above it)
    back_to_schema_3(conn)
    for table in ("patches", "parcels"):
        for name in schema.SCHEMA_3_PRECHECK:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    conn.execute("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with WorkStore(store) as ws:
        assert ws.meta("schema_version") == "6"
        assert ws.conn.execute("SELECT COUNT(*) FROM problems").fetchone() == (0,)
    assert len(pyogrio.read_dataframe(store, layer="grids")) == 0
