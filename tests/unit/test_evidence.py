"""Evidence: EXIF read from real JPEGs made here, files kept once by SHA-256, metadata editable."""

import json

import pytest
from osgeo import gdal

from farmland_guard.store import evidence
from farmland_guard.store.workstore import StoreError, WorkStore


def photo(path, **tags):
    """A real JPEG with EXIF tags, written by GDAL."""
    image = gdal.GetDriverByName("MEM").Create("", 64, 48, 3)
    image.SetMetadata({f"EXIF_{k}": v for k, v in tags.items()})
    gdal.GetDriverByName("JPEG").CreateCopy(str(path), image)
    return path


GPS = {"GPSLatitude": "(35) (15) (30.5)", "GPSLatitudeRef": "N",
       "GPSLongitude": "(113) (39) (12.25)", "GPSLongitudeRef": "E",
       "GPSImgDirection": "(135.5)", "DateTimeOriginal": "2025:04:02 10:31:07",
       "Artist": "张三"}


def test_exif_of_a_field_photo(tmp_path):
    found = evidence.read_exif(photo(tmp_path / "现场.jpg", **GPS))
    assert found == {"PSSJ": "2025-04-02T10:31:07", "PSR": "张三", "FWJ": 135.5,
                     "lat": pytest.approx(35.2584722, abs=1e-6),
                     "lon": pytest.approx(113.6534028, abs=1e-6)}


def test_a_photo_without_tags_and_a_document(tmp_path):
    assert evidence.read_exif(photo(tmp_path / "plain.jpg")) == {}
    pdf = tmp_path / "批文.pdf"
    pdf.write_bytes(b"%PDF-1.4 approval")
    assert evidence.read_exif(pdf) == {}


def test_attach_keeps_each_file_once_and_lists_it(store, tmp_path):
    jcbh = "410724SJBG25000001"
    picture = photo(tmp_path / "a.jpg", **GPS)
    copy = tmp_path / "同一张.jpg"
    copy.write_bytes(picture.read_bytes())
    pdf = tmp_path / "批文.pdf"
    pdf.write_bytes(b"%PDF-1.4 approval")
    with WorkStore(store) as ws:
        first = evidence.attach(ws, picture, jcbh)
        assert evidence.attach(ws, copy, jcbh) == first
        evidence.attach(ws, pdf, jcbh)
        items = evidence.evidence_of(ws, jcbh)
        assert [i["mime"] for i in items] == ["image/jpeg", "application/pdf"]
        assert items[0]["FWJ"] == 135.5 and items[0]["path"].read_bytes() == picture.read_bytes()
        assert len([p for p in ws.files_dir.rglob("*") if p.is_file()]) == 2
        evidence.edit_photo(ws, first, jcbh, QJ=12.0, PSR="李四")
        edited = evidence.evidence_of(ws, jcbh)[0]
        assert (edited["QJ"], edited["PSR"], edited["FWJ"]) == (12.0, "李四", 135.5)
        with pytest.raises(StoreError, match="size"):
            evidence.edit_photo(ws, first, jcbh, size=1)
        raw = ws.conn.execute("SELECT meta FROM attachments WHERE sha256 = ?", (first,)).fetchone()
        assert json.loads(raw[0])["QJ"] == 12.0
