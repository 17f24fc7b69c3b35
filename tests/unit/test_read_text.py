"""A shapefile's text fields come from the DBF text the encoding check decoded, the rest from
GDAL: the frame must be what GDAL alone gives, value for value (issue 11, import speed)."""

import geopandas as gpd
import pyogrio
import shapely

from farmland_guard.core import sources


def same_frame(path, encoding):
    layer = sources.Layer(path, None, "Polygon", [], path.name)
    ours, _ = sources.read(layer, encoding)
    gdal = pyogrio.read_dataframe(path, encoding="GB18030" if encoding == "GBK" else encoding)
    assert list(ours.columns) == list(gdal.columns)
    assert (ours.dtypes == gdal.dtypes).all()
    for column in gdal.columns:
        if column == gdal.geometry.name:
            assert shapely.equals(ours[column].values, gdal[column].values).all()
            continue
        a, b = ours[column], gdal[column]
        assert ((a == b) | (a.isna() & b.isna())).all(), column
    return ours


def test_the_demo_batch_reads_as_gdal_reads_it(demo_data):
    out, manifest = demo_data
    frame = same_frame(out / manifest["patch_file"], "GBK")
    assert frame["XMC"].iloc[0] == "获嘉县"


def test_blanks_deleted_records_and_chinese_names_read_as_gdal_reads_them(tmp_path):
    path = tmp_path / "图斑.shp"
    frame = gpd.GeoDataFrame({"监测编号": ["A1", "A2", "A3"], "备注": ["", "获嘉", None],
                              "MJ": [1.5, None, 3.0]},
                             geometry=[shapely.box(0, 0, k + 1, 1) for k in range(3)],
                             crs="EPSG:4490")
    pyogrio.write_dataframe(frame, path, encoding="GBK")
    with open(path.with_suffix(".dbf"), "r+b") as dbf:  # delete the second record
        data = bytearray(dbf.read())
        header, record = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
        data[header + record] = ord("*")
        dbf.seek(0)
        dbf.write(data)
    read = same_frame(path, "GBK")
    assert list(read["监测编号"]) == ["A1", "A3"]


def test_text_that_does_not_decode_is_left_to_gdal(tmp_path):
    path = tmp_path / "latin.shp"
    frame = gpd.GeoDataFrame({"NAME": ["café"]}, geometry=[shapely.box(0, 0, 1, 1)],
                             crs="EPSG:4490")
    pyogrio.write_dataframe(frame, path, encoding="latin1")
    layer = sources.Layer(path, None, "Polygon", [], path.name)
    assert sources._read_with_our_text(layer, "UTF-8", {"encoding": "UTF-8"}) is None
    assert same_frame(path, "latin1")["NAME"].iloc[0] == "café"
