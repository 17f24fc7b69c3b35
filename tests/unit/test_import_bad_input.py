"""Bad input, file by file: each gets a clear message naming the file, record and rule, and
nothing half-written remains. The table of cases is the one in the closing note of issue 4."""

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from farmland_guard.core.crs import CrsError
from farmland_guard.core.encoding import DbfError
from farmland_guard.core.sources import SourceError
from farmland_guard.store import importer

ERRORS = (SourceError, CrsError, DbfError)


@pytest.fixture(scope="module")
def patches(demo_data):
    out, manifest = demo_data
    return pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK").head(20)


def shapefile(frame, folder: Path, name="图斑", encoding="GBK", cpg=False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path, encoding=encoding)
    if not cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def zipped(files, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for f in files:
            z.write(f, f.name)
    return target


def members(shp: Path):
    return [p for p in shp.parent.glob(shp.stem + ".*")]


# --- builders: each returns the input path; the expectation sits in CASES -------------------

def truncated_shp(p, t):
    shp = shapefile(p, t)
    data = shp.read_bytes()
    shp.write_bytes(data[: len(data) // 2])
    return shp


def truncated_dbf(p, t):
    shp = shapefile(p, t)
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes()[:-500])
    return shp


def shp_without_dbf(p, t):
    shp = shapefile(p, t)
    shp.with_suffix(".dbf").unlink()
    return shp


def shp_without_prj(p, t):
    shp = shapefile(p, t)
    shp.with_suffix(".prj").unlink()
    return shp


def gbk_without_cpg(p, t):
    return shapefile(p, t)


def geojson_utf8_bom(p, t):
    path = t / "图斑.geojson"
    pyogrio.write_dataframe(p.to_crs("EPSG:4490"), path, driver="GeoJSON")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return path


def cpg_with_bom(p, t):
    shp = shapefile(p, t, encoding="UTF-8")
    shp.with_suffix(".cpg").write_bytes(b"\xef\xbb\xbfUTF-8")
    return shp


def mixed_encodings(p, t):
    frame = p.copy()
    frame["BZ"] = "x" * 12
    shp = shapefile(frame, t)
    dbf = shp.with_suffix(".dbf")
    data = dbf.read_bytes()
    chunks = data.split(b"x" * 12)
    pieces = ["测试备注测试".encode("gbk")] * (len(chunks) - 1)
    pieces[2] = "测试备注".encode()  # record 3 alone is UTF-8 (same 12 bytes)
    out = chunks[0]
    for piece, chunk in zip(pieces, chunks[1:]):
        out += piece + chunk
    dbf.write_bytes(out)
    return shp


def self_intersecting(p, t):
    frame = p.copy()
    x, y = shapely.get_coordinates(frame.geometry.iloc[0].centroid)[0]
    frame.loc[frame.index[0], "geometry"] = shapely.MultiPolygon([shapely.Polygon(
        [(x, y), (x + 50, y + 50), (x + 50, y), (x, y + 50)])])
    return shapefile(frame, t)


def empty_geometry(p, t):
    path = t / "empty.gpkg"
    frame = p.copy()
    frame.loc[frame.index[1], "geometry"] = shapely.MultiPolygon()
    pyogrio.write_dataframe(frame, path)
    return path


def null_geometry(p, t):
    frame = p.copy()
    frame.loc[frame.index[1], "geometry"] = None
    return shapefile(frame, t)


def points(p, t):
    frame = p.copy()
    frame["geometry"] = frame.geometry.centroid
    return shapefile(frame, t)


def duplicated_ids(p, t):
    frame = p.copy()
    frame.loc[frame.index[5], "JCBH"] = frame["JCBH"].iloc[2]
    return shapefile(frame, t)


def missing_ids(p, t):
    frame = p.copy()
    frame.loc[frame.index[4], "JCBH"] = None
    frame.loc[frame.index[6], "JCBH"] = "   "
    return shapefile(frame, t)


def wrong_types(p, t):
    frame = p.copy()
    frame["MJ"] = frame["MJ"].astype(str)
    frame.loc[frame.index[0], "MJ"] = "约三亩"
    frame["QSX"] = frame["QSX"].dt.strftime("%Y%m%d")
    frame.loc[frame.index[1], "QSX"] = "去年秋天"
    return shapefile(frame, t)


def zip_nothing_usable(p, t):
    (t / "说明.txt").write_text("没有图层", encoding="utf-8")
    return zipped([t / "说明.txt"], t / "批次.zip")


def zip_two_layers(p, t):
    a = shapefile(p, t / "a", "图斑A")
    b = shapefile(p, t / "b", "图斑B")
    return zipped(members(a) + members(b), t / "两个图层.zip")


def chinese_path_with_spaces(p, t):
    shp = shapefile(p, t / "卫片 图斑" / "2025 一季度", "获嘉县 变化图斑")
    return zipped(members(shp), t / "卫片 图斑" / "2025 一季度 批次.zip")


def two_gigabytes_nearly_full_disk(p, t, monkeypatch):
    big = t / "大文件.gpkg"
    with open(big, "wb") as f:
        f.truncate(2 * 2**30)  # sparse: 2 GiB by size, nothing on disk
    usage = shutil.disk_usage(t)
    monkeypatch.setattr(shutil, "disk_usage",
                        lambda path: usage._replace(free=300 * 2**20))  # the disk is the edge
    return big


def lonlat_swapped(p, t):
    frame = p.to_crs("EPSG:4490")
    frame["geometry"] = shapely.transform(frame.geometry.values, lambda c: c[:, ::-1])
    return shapefile(frame.set_crs("EPSG:4490", allow_override=True), t)


def outside_china(p, t):
    frame = p.to_crs("EPSG:4490")
    frame["geometry"] = shapely.transform(frame.geometry.values, lambda c: c - (110, 0))
    return shapefile(frame, t)


def metres_declared_as_degrees(p, t):
    return shapefile(p.set_crs("EPSG:4490", allow_override=True), t)


def ldid_western_but_gbk(p, t):
    shp = shapefile(p, t)
    with open(shp.with_suffix(".dbf"), "r+b") as f:
        f.seek(29)
        f.write(b"\x57")  # says ANSI 1252
    return shp


def not_a_shapefile(p, t):
    shp = t / "伪装.shp"
    shp.write_text("这不是 shapefile", encoding="utf-8")
    for suffix in (".shx", ".dbf"):
        shp.with_suffix(suffix).write_text("x")
    return shp


def unsupported_format(p, t):
    path = t / "台账.xlsx"
    path.write_bytes(b"PK\x03\x04")
    return path


def filegdb(p, t):
    path = t / "批次.gdb"
    pyogrio.write_dataframe(p, path, driver="OpenFileGDB", layer="BHTB")
    return path


def old_schema(p, t):
    frame = p.rename(columns={"JCBH": "TBBH", "XZQDM": "XZQHDM", "XMC": "XZQHMC",
                              "MJ": "TBMJ", "XZB": "X", "YZB": "Y"})
    frame["YEAR"] = "2025"
    return shapefile(frame, t)


def no_id_field(p, t):
    return shapefile(p.drop(columns=["JCBH"]), t)


# name -> (builder, "ok" or the message fragment)
CASES = {
    "truncated .shp": (truncated_shp, "is truncated"),
    "truncated .dbf": (truncated_dbf, "is truncated: it declares 20 records"),
    ".shp without .dbf": (shp_without_dbf, "has no .dbf beside it"),
    ".shp without .prj": (shp_without_prj, "has no coordinate system (.prj); its coordinates "
                                           "look like EPSG:4526"),
    "GBK without .cpg": (gbk_without_cpg, "ok"),
    "GeoJSON UTF-8 with BOM": (geojson_utf8_bom, "ok"),
    ".cpg with a BOM": (cpg_with_bom, "ok"),
    "mixed encodings": (mixed_encodings,
                        "rejected: its text is not GBK like the rest of the file (mixed encodings)"),
    "self-intersecting polygon": (self_intersecting, "repaired: made valid (Self-intersection"),
    "empty geometry": (empty_geometry, "rejected: empty geometry"),
    "null geometry": (null_geometry, "rejected: no geometry (null)"),
    "points instead of polygons": (points, "no polygon layer to import"),
    "duplicated JCBH": (duplicated_ids, "rejected: duplicate JCBH"),
    "missing JCBH": (missing_ids, "rejected: no JCBH"),
    "fields of the wrong type": (wrong_types, "repaired: MJ '约三亩' is not a number"),
    "zip with nothing usable": (zip_nothing_usable, "holds no GIS layer to import (it holds: 说明.txt)"),
    "zip with two candidate layers": (zip_two_layers, "more than one candidate patch layer"),
    "Chinese path with spaces": (chinese_path_with_spaces, "ok"),
    "2 GiB file, nearly full disk": (two_gigabytes_nearly_full_disk, "not enough disk space"),
    "lat/lon swapped": (lonlat_swapped, "longitude and latitude are swapped"),
    "outside China": (outside_china, "fall outside China"),
    "metres declared as degrees": (metres_declared_as_degrees, "its coordinates are metres"),
    "DBF byte says ANSI, text is GBK": (ldid_western_but_gbk, "ok"),
    "not a shapefile": (not_a_shapefile, "is not a shapefile"),
    "unsupported format": (unsupported_format, "unsupported format"),
    "FileGDB": (filegdb, "ok"),
    "older WPZF_TB schema": (old_schema, "ok"),
    "no patch id field": (no_id_field, "no field-mapping profile fits"),
}


def attempt(name, patches, tmp_path, monkeypatch):
    builder, _ = CASES[name]
    source_dir = tmp_path / "in"
    source_dir.mkdir()
    args = (patches, source_dir) + ((monkeypatch,) if "monkeypatch" in
                                    builder.__code__.co_varnames else ())
    source = builder(*args)
    store = tmp_path / "out" / "store.gpkg"
    try:
        result = importer.run(source, store)
    except ERRORS as error:
        return str(error), None, store
    lines = [f"{p.action}: {p.message}" for p in result.problems]
    return "\n".join(["ok"] + lines + result.notes), result, store


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name, patches, tmp_path, monkeypatch):
    message, result, store = attempt(name, patches, tmp_path, monkeypatch)
    expected = CASES[name][1]
    assert expected in message, message
    leftovers = [p.name for p in store.parent.glob("*")] if store.parent.exists() else []
    if result is None:
        assert leftovers == [], "nothing half-written remains"
        assert "Traceback" not in message
    else:
        assert store.exists() and result.imported > 0
        with sqlite3.connect(store) as conn:
            texts = [r[0] for r in conn.execute("SELECT XMC FROM patches")]
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert all(t in (None, "获嘉县") for t in texts), "no mojibake reaches the store"
        assert result.report.exists()
        assert sorted(leftovers) == sorted([store.name, result.report.name] + (
            [] if not store.with_name(store.name + "-wal").exists() else []))
    TABLE[name] = message.splitlines()[0] if result is None else message.replace("\n", " | ")


TABLE: dict[str, str] = {}


def test_zz_write_the_table(tmp_path_factory):
    """Leaves the bad-input table for the closing note (var/reports/bad_input.json)."""
    from tests.conftest import ROOT

    target = ROOT / "var" / "reports"
    target.mkdir(parents=True, exist_ok=True)
    (target / "bad_input.json").write_text(json.dumps(TABLE, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    assert len(TABLE) == len(CASES) >= 20


def test_old_schema_maps_the_fields(patches, tmp_path):
    source = old_schema(patches, tmp_path)
    result = importer.run(source, tmp_path / "s.gpkg")
    assert result.imported == 20
    with sqlite3.connect(tmp_path / "s.gpkg") as conn:
        row = conn.execute("SELECT JCBH, XZQDM, XMC, MJ, ND FROM patches LIMIT 1").fetchone()
    assert row[0].startswith("410724SJBG") and row[1] == "410724" and row[2] == "获嘉县"
    assert row[3] > 0 and row[4] == "2025"


def test_mixed_encodings_keep_the_good_records(patches, tmp_path):
    result = importer.run(mixed_encodings(patches, tmp_path), tmp_path / "s.gpkg")
    assert result.imported == 19 and result.rejected == 1
    assert [p.record for p in result.problems if p.action == "rejected"] == [3]


def test_missing_prj_imports_once_the_crs_is_chosen(patches, tmp_path):
    with pytest.raises(CrsError) as error:
        importer.run(shp_without_prj(patches, tmp_path), tmp_path / "s.gpkg")
    result = importer.run(tmp_path / "图斑.shp", tmp_path / "s.gpkg", crs=error.value.suggestion)
    assert result.imported == 20


def test_two_layers_import_once_one_is_chosen(patches, tmp_path):
    source = zip_two_layers(patches, tmp_path)
    result = importer.run(source, tmp_path / "s.gpkg", layer="图斑B")
    assert result.imported == 20


def test_gdf_of_points_is_never_half_written(patches, tmp_path):
    store = tmp_path / "s.gpkg"
    importer.run(gbk_without_cpg(patches, tmp_path / "good"), store)
    before = store.read_bytes()
    with pytest.raises(SourceError):
        importer.run(points(patches, tmp_path / "bad"), store)
    assert store.read_bytes() == before
    assert isinstance(gpd.read_file(store, layer="patches"), gpd.GeoDataFrame)
