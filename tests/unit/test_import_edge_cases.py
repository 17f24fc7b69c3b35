"""Inputs a province really sends that once slipped through: each case here was a bug."""

import sqlite3
import zipfile

import numpy as np
import pyogrio
import pytest
import shapely
from osgeo import ogr, osr

from farmland_guard.core.crs import CrsError
from farmland_guard.core.encoding import dbf_fields
from farmland_guard.core.sources import SourceError
from farmland_guard.store import importer
from farmland_guard.store.workstore import StoreError


@pytest.fixture(scope="module")
def base(demo_data):
    out, manifest = demo_data
    return pyogrio.read_dataframe(out / manifest["patch_file"], encoding="GBK").head(10)


def write(frame, path, encoding="GBK"):
    """Shapefiles as provinces ship them (GBK, no .cpg); other formats in their UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".shp":
        pyogrio.write_dataframe(frame, path, encoding=encoding)
        path.with_suffix(".cpg").unlink(missing_ok=True)
    else:
        pyogrio.write_dataframe(frame, path)
    return path


def rows(store, sql):
    with sqlite3.connect(store) as conn:
        return conn.execute(sql).fetchall()


def dbf_field(dbf: bytes, name: str):
    """(offset in record, width, header length, record length) of a DBF field."""
    header_len, record_len = int.from_bytes(dbf[8:10], "little"), int.from_bytes(dbf[10:12], "little")
    for field_name, _, offset, width in dbf_fields(dbf, header_len):
        if field_name.decode() == name:
            return offset, width, header_len, record_len
    raise KeyError(name)


def test_rare_characters_survive_gb18030(base, tmp_path):
    frame = base.copy()
    frame.loc[0, "XMC"], frame.loc[1, "XMC"] = "𬍛村", "㙟镇"
    source = write(frame, tmp_path / "罕用字.shp", encoding="GB18030")
    result = importer.run(source, tmp_path / "s.gpkg")
    assert result.rejected == 0
    names = [r[0] for r in rows(tmp_path / "s.gpkg", "SELECT XMC FROM patches ORDER BY fid")]
    assert names[:3] == ["𬍛村", "㙟镇", "获嘉县"]


def test_a_deleted_record_does_not_shift_the_rejected_one(base, tmp_path):
    source = write(base.copy(), tmp_path / "del.shp")
    dbf = bytearray(source.with_suffix(".dbf").read_bytes())
    offset, width, header_len, record_len = dbf_field(bytes(dbf), "XMC")
    start = header_len + 5 * record_len + offset  # record 6: UTF-8 among GBK
    dbf[start:start + width] = "获嘉县".encode().ljust(width, b" ")
    dbf[header_len + record_len] = ord("*")  # record 2 is deleted
    source.with_suffix(".dbf").write_bytes(bytes(dbf))
    result = importer.run(source, tmp_path / "s.gpkg")
    assert result.records == 9 and result.rejected == 1
    assert [p.jcbh for p in result.problems if p.action == "rejected"] == [base["JCBH"][5]]
    stored = dict(rows(tmp_path / "s.gpkg", "SELECT JCBH, XMC FROM patches"))
    assert base["JCBH"][5] not in stored and set(stored.values()) == {"获嘉县"}


def test_a_duplicate_of_a_rejected_record_is_imported(base, tmp_path):
    frame = base.copy()
    frame.loc[1, "JCBH"] = frame["JCBH"][0]
    frame.loc[0, "geometry"] = None
    result = importer.run(write(frame, tmp_path / "dup.shp"), tmp_path / "s.gpkg")
    assert result.rejected == 1 and result.imported == 9
    kept = rows(tmp_path / "s.gpkg", "SELECT COUNT(*) FROM patches WHERE JCBH = ?"
                .replace("?", repr(frame["JCBH"][0])))
    assert kept == [(1,)]


def test_a_refused_record_has_not_left_the_batch(base, tmp_path):
    store = tmp_path / "s.gpkg"
    importer.run(write(base.copy(), tmp_path / "a.shp"), store)
    again = base.copy()
    again.loc[0, "geometry"] = shapely.MultiPolygon()
    result = importer.run(write(again, tmp_path / "b.shp"), store)
    assert result.vanished == 0
    assert rows(store, f"SELECT PCZT FROM patches WHERE JCBH = '{base['JCBH'][0]}'") == [("在批",)]


def test_eighteen_digit_numeric_ids_with_a_blank_keep_every_digit(base, tmp_path):
    path = tmp_path / "numeric.shp"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4526)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = ds.CreateLayer("numeric", srs, ogr.wkbPolygon)
    field = ogr.FieldDefn("JCBH", ogr.OFTInteger64)
    field.SetWidth(18)
    layer.CreateField(field)
    date = ogr.FieldDefn("HSX", ogr.OFTInteger)
    date.SetWidth(8)
    layer.CreateField(date)
    for i, geometry in enumerate(base.geometry[:4]):
        feature = ogr.Feature(layer.GetLayerDefn())
        if i < 3:
            feature.SetField("JCBH", 130403000026210183 + i)
            feature.SetField("HSX", 20250301)
        polygon = shapely.get_parts(geometry)[0]
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(polygon)))
        layer.CreateFeature(feature)
    ds = None
    result = importer.run(path, tmp_path / "s.gpkg")
    ids = sorted(r[0] for r in rows(tmp_path / "s.gpkg", "SELECT JCBH FROM patches"))
    assert ids == ["130403000026210183", "130403000026210184", "130403000026210185"]
    assert result.rejected == 1  # the one without an id
    assert {r[0] for r in rows(tmp_path / "s.gpkg", "SELECT HSX FROM patches")} == {"2025-03-01"}


def test_awkward_extra_field_names(base, tmp_path):
    frame = base.copy()
    frame['na"me'] = "引号"
    frame["note"], frame["Note"] = "a", "b"
    frame["FID"], frame["geom"] = 7, "g"
    result = importer.run(write(frame, tmp_path / "names.geojson"), tmp_path / "s.gpkg")
    assert result.imported == 10
    columns = [r[1] for r in rows(tmp_path / "s.gpkg", "PRAGMA table_info(patches)")]
    for name in ('NA"ME', "NOTE", "YS_NOTE", "YS_FID", "YS_GEOM"):
        assert name in columns, columns
    assert rows(tmp_path / "s.gpkg", 'SELECT "NA""ME", NOTE, YS_NOTE, YS_FID FROM patches LIMIT 1') \
        == [("引号", "a", "b", "7")]


def test_extras_are_text_and_a_second_import_changes_nothing(base, tmp_path):
    store = tmp_path / "s.gpkg"
    frame = base.copy()
    frame["GDMJ2"] = 12.5
    importer.run(write(frame, tmp_path / "a.gpkg"), store)
    frame["GDMJ2"] = "12.5亩"
    changed = importer.run(write(frame, tmp_path / "b.gpkg"), store)
    assert changed.updated == 10
    same = importer.run(tmp_path / "b.gpkg", store)
    assert same.updated == 0
    assert pyogrio.read_dataframe(store, layer="patches")["GDMJ2"].tolist()[0] == "12.5亩"


def test_a_delivered_geopackage_is_never_the_store_nor_touched(base, tmp_path):
    delivered = write(base.copy(), tmp_path / "批次.gpkg")
    with sqlite3.connect(delivered) as conn:
        before = conn.execute("PRAGMA journal_mode").fetchone()
    with pytest.raises(SourceError, match="cannot be the delivered file"):
        importer.run(delivered, delivered)
    with pytest.raises(StoreError, match="not a farmland_guard work store"):
        importer.run(write(base.copy(), tmp_path / "other.shp"), delivered)
    with sqlite3.connect(delivered) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == before


def test_the_users_crs_overrides_a_wrong_prj(base, tmp_path):
    frame = base.set_crs("EPSG:4490", allow_override=True)  # metres declared as degrees
    source = write(frame, tmp_path / "wrongprj.shp")
    with pytest.raises(CrsError):
        importer.run(source, tmp_path / "s.gpkg")
    assert importer.run(source, tmp_path / "s.gpkg", crs="EPSG:4526").imported == 10


def test_chinese_field_names_tell_the_encoding(base, tmp_path):
    frame = base[["JCBH", "geometry"]].copy()
    frame["备注"] = "ascii only"
    source = write(frame, tmp_path / "cn.shp")
    result = importer.run(source, tmp_path / "s.gpkg")
    assert result.imported == 10
    assert "备注" in [r[1] for r in rows(tmp_path / "s.gpkg", "PRAGMA table_info(patches)")]


def test_one_stray_record_is_rejected_not_the_file(base, tmp_path):
    frame = base.copy()
    frame.loc[4, "geometry"] = shapely.MultiPolygon([shapely.box(0, 0, 10, 10)])
    result = importer.run(write(frame, tmp_path / "stray.shp"), tmp_path / "s.gpkg")
    assert result.imported == 9
    assert [p.record for p in result.problems if p.action == "rejected"] == [5]
    assert "zone prefix 0" in next(p.message for p in result.problems if p.record == 5)


def test_a_zip_made_on_a_mac(base, tmp_path):
    shp = write(base.copy(), tmp_path / "mac" / "批次.shp")
    archive = tmp_path / "mac.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.iterdir():
            z.write(part, f"批次/{part.name}")
            z.writestr(f"__MACOSX/批次/._{part.name}", b"\x00\x05\x16\x07 resource fork")
    assert importer.run(archive, tmp_path / "s.gpkg").imported == 10


def test_short_gbk_names_and_cut_characters_are_not_mixed_encodings(base, tmp_path):
    frame = base.copy()
    frame["HCR"] = "卢伟"  # these GBK bytes are also valid UTF-8
    frame["BZ"] = "x" * 9
    source = write(frame, tmp_path / "names.shp")
    dbf = bytearray(source.with_suffix(".dbf").read_bytes())
    offset, width, header_len, record_len = dbf_field(bytes(dbf), "BZ")
    cut = "现场核查已拆除".encode("gbk")[:9]  # cut in the middle of a character
    start = header_len + offset
    dbf[start:start + width] = cut.ljust(width, b" ")
    source.with_suffix(".dbf").write_bytes(bytes(dbf))
    result = importer.run(source, tmp_path / "s.gpkg")
    assert result.rejected == 0
    assert {r[0] for r in rows(tmp_path / "s.gpkg", "SELECT HCR FROM patches")} == {"卢伟"}


def test_repair_keeps_its_order_when_a_record_is_dropped():
    from farmland_guard.core.repair import repair

    geoms = np.array([shapely.box(0, 0, 1, 1), shapely.box(0, 0, np.nan, 1),
                      shapely.MultiPolygon([shapely.box(5, 5, 6, 6), shapely.box(7, 7, 8, 8)])],
                     dtype=object)
    fixed = repair(geoms)
    assert fixed.geometries[0].equals(shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]))
    assert len(fixed.geometries[2].geoms) == 2 and 1 in fixed.rejected
