"""Evidence (举证): photos and documents kept by SHA-256 beside the store, photos with the time,
photographer, azimuth and position their EXIF tags give (JZZP), editable where they are absent."""

from __future__ import annotations

import json
import mimetypes
import re
from pathlib import Path

from ..core.language import say
from .workstore import StoreError, WorkStore

PHOTO_FIELDS = ("PSSJ", "PSR", "FWJ", "QJ", "lon", "lat")  # 拍摄时间, 拍摄人, 方位角, 倾角
RATIONAL = re.compile(r"\(([-\d.]+)\)")


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in RATIONAL.findall(text or "")]


def _degrees(value: str | None, ref: str | None) -> float | None:
    parts = _numbers(value)
    if not parts:
        return None
    degrees = sum(p / 60 ** i for i, p in enumerate(parts[:3]))
    return -degrees if (ref or "").strip().upper() in ("S", "W") else degrees


def read_exif(path: Path) -> dict:
    """PSSJ (ISO time), PSR, FWJ (degrees from north), lon/lat of a photo; {} for others."""
    from osgeo import gdal

    try:
        dataset = gdal.Open(str(path))
    except RuntimeError:
        return {}
    tags = (dataset.GetMetadata() or {}) if dataset is not None else {}
    found = {}
    taken = tags.get("EXIF_DateTimeOriginal") or tags.get("EXIF_DateTime")
    if taken and re.match(r"\d{4}:\d\d:\d\d \d\d:\d\d:\d\d", taken):
        date, time = taken.split(" ", 1)
        found["PSSJ"] = f"{date.replace(':', '-')}T{time}"
    if tags.get("EXIF_Artist"):
        found["PSR"] = tags["EXIF_Artist"].strip()
    direction = _numbers(tags.get("EXIF_GPSImgDirection"))
    if direction:
        found["FWJ"] = round(direction[0] % 360, 1)
    lat = _degrees(tags.get("EXIF_GPSLatitude"), tags.get("EXIF_GPSLatitudeRef"))
    lon = _degrees(tags.get("EXIF_GPSLongitude"), tags.get("EXIF_GPSLongitudeRef"))
    if lat is not None and lon is not None:
        found.update(lon=round(lon, 7), lat=round(lat, 7))
    return found


def attach(store: WorkStore, file: Path, jcbh: str) -> str:
    """Keep a photo or document for a patch (once, whatever its name); returns its SHA-256."""
    file = Path(file)
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    meta = read_exif(file) if mime.startswith("image/") else {}
    return store.add_attachment(file, jcbh, mime=mime, meta=json.dumps(meta, ensure_ascii=False))


def evidence_of(store: WorkStore, jcbh: str | None = None) -> list[dict]:
    """The attachments of a patch (or of every patch), with their file and metadata."""
    query = "SELECT sha256, JCBH, name, mime, size, meta FROM attachments"
    rows = store.conn.execute(query + (" WHERE JCBH = ? ORDER BY fid" if jcbh else " ORDER BY fid"),
                              (jcbh,) if jcbh else ())
    return [{"sha256": sha, "JCBH": patch, "name": name, "mime": mime, "size": size,
             "path": store.files_dir / sha[:2] / sha, **json.loads(meta or "{}")}
            for sha, patch, name, mime, size, meta in rows]


def edit_photo(store: WorkStore, sha: str, jcbh: str, **changes) -> None:
    """Fill in what the EXIF tags lacked (azimuth, tilt, photographer…), in one transaction."""
    unknown = set(changes) - set(PHOTO_FIELDS)
    if unknown:
        raise StoreError(say("a photo has no detail {fields} (only {known})",
                             "照片没有 {fields} 这项信息（只有 {known}）",
                             fields=", ".join(sorted(unknown)), known=", ".join(PHOTO_FIELDS)),
                         "photo_field", fields=sorted(unknown))
    with store.transaction() as conn:
        row = conn.execute("SELECT meta FROM attachments WHERE sha256 = ? AND JCBH = ?",
                           (sha, jcbh)).fetchone()
        if row is None:
            raise StoreError(say("patch {jcbh} has no attachment {sha}", "图斑 {jcbh} 没有附件 {sha}",
                                 jcbh=jcbh, sha=sha), "exists", jcbh=jcbh, sha=sha)
        meta = {**json.loads(row[0] or "{}"), **changes}
        conn.execute("UPDATE attachments SET meta = ? WHERE sha256 = ? AND JCBH = ?",
                     (json.dumps(meta, ensure_ascii=False), sha, jcbh))
