"""Text encoding of a shapefile's DBF: the .cpg, the DBF language byte, else the data itself.

Provinces often ship GBK without a .cpg and with no (or a wrong) language byte. Whatever the
declaration, text that would come out as mojibake is never accepted: the records are checked
byte by byte against the encoding chosen.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

GBK = "GBK"
UTF8 = "UTF-8"

# DBF language driver ids (byte 29) that matter here.
LDID = {0x4D: GBK, 0x7A: GBK, 0x57: "CP1252", 0x03: "CP1252", 0x01: "CP437",
        0x02: "CP850", 0x4F: "BIG5", 0x78: "BIG5", 0x4E: "CP949", 0x13: "CP932"}
WESTERN = {"CP1252", "CP437", "CP850", "ISO-8859-1", "LATIN1"}
ALIASES = {"936": GBK, "CP936": GBK, "GB2312": GBK, "GB18030": GBK, "GBK": GBK,
           "65001": UTF8, "UTF8": UTF8, "UTF-8": UTF8, "1252": "CP1252", "ANSI 1252": "CP1252"}


class DbfError(ValueError):
    """The DBF cannot be trusted (truncated, not a DBF)."""


@dataclass
class EncodingVerdict:
    encoding: str
    source: str  # "cpg", "ldid", "detected", "user", "format"
    note: str = ""
    # 1-based record numbers whose text does not decode in ``encoding`` (mixed encodings)
    bad_records: list[int] = field(default_factory=list)


def normalise(name: str) -> str:
    key = name.strip().upper().replace("CP_", "CP")
    return ALIASES.get(key, key)


def python_codec(name: str) -> str:
    """The codec that decodes ``name`` strictly (GBK files often hold GB18030 extensions)."""
    return "gb18030" if normalise(name) == GBK else normalise(name).lower()


@dataclass
class DbfText:
    ldid: int
    records: list[list[bytes]]  # the text (C) field values of each record


def read_dbf_text(path: Path) -> DbfText:
    data = path.read_bytes()
    if len(data) < 32:
        raise DbfError(f"{path.name} is too short to be a DBF file")
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    expected = header_len + count * record_len
    if header_len < 33 or record_len < 1 or len(data) < expected:
        held = max(0, (len(data) - header_len) // max(record_len, 1))
        raise DbfError(f"{path.name} is truncated: it declares {count} records but holds {held}")
    fields, offset = [], 1
    for start in range(32, header_len - 1, 32):
        descriptor = data[start:start + 32]
        if descriptor[0] == 0x0D:
            break
        kind, length = chr(descriptor[11]), descriptor[16]
        if kind == "C":
            fields.append((offset, length))
        offset += length
    records = []
    for n in range(count):
        row = data[header_len + n * record_len: header_len + (n + 1) * record_len]
        records.append([row[o:o + length].rstrip(b" \x00") for o, length in fields])
    return DbfText(data[29], records)


def decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(python_codec(encoding))
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def fits(value: bytes, encoding: str) -> bool:
    """Whether a non-ASCII value is text in ``encoding``. UTF-8 is checked first: GBK text is
    almost never valid UTF-8, while UTF-8 text is often valid (garbled) GBK."""
    if normalise(encoding) == GBK and decodes(value, UTF8):
        return False
    return decodes(value, encoding)


def misfits(records: list[list[bytes]], encoding: str) -> list[int]:
    """1-based records holding a value that is not text in ``encoding``."""
    return [n for n, values in enumerate(records, start=1)
            if any(not v.isascii() and not fits(v, encoding) for v in values)]


def detect(records: list[list[bytes]]) -> EncodingVerdict:
    """UTF-8 or GBK from the bytes themselves; names the records that fit neither choice."""
    values = [v for values in records for v in values if not v.isascii()]
    if not values:
        return EncodingVerdict(UTF8, "detected", "all text is ASCII")
    utf8 = sum(1 for v in values if fits(v, UTF8))
    gbk = sum(1 for v in values if fits(v, GBK))
    chosen = UTF8 if utf8 >= gbk else GBK
    bad = misfits(records, chosen)
    note = f"{chosen} detected from the text"
    if bad:
        note = (f"mixed encodings: {len(bad)} record(s) hold text that is not {chosen} like "
                "the rest")
    return EncodingVerdict(chosen, "detected", note, bad)


def read_cpg(path: Path) -> str | None:
    if not path.exists():
        return None
    text = path.read_bytes().decode("utf-8-sig", errors="ignore").strip()
    return normalise(text) if text else None


def shapefile_encoding(shp: Path, override: str | None = None) -> EncodingVerdict:
    """The encoding to read ``shp`` with, and the records that would come out garbled."""
    dbf = next((p for p in (shp.with_suffix(".dbf"), shp.with_suffix(".DBF")) if p.exists()), None)
    if dbf is None:
        raise DbfError(f"{shp.name} has no .dbf beside it, so its attributes are missing")
    text = read_dbf_text(dbf)
    if override:
        declared = EncodingVerdict(normalise(override), "user")
    elif (cpg := read_cpg(shp.with_suffix(".cpg"))) is not None:
        declared = EncodingVerdict(cpg, "cpg")
    elif text.ldid in LDID:
        declared = EncodingVerdict(LDID[text.ldid], "ldid")
    else:
        return detect(text.records)
    bad = misfits(text.records, declared.encoding)
    if declared.source != "user" and declared.encoding in WESTERN and any(
            fits(v, GBK) and has_cjk(v.decode("gb18030"))
            for values in text.records for v in values if not v.isascii()):
        found = detect(text.records)
        found.note = (f"the {declared.source} says {declared.encoding}, but the text is "
                      f"{found.encoding}; read as {found.encoding}")
        return found
    if bad and declared.source != "user":
        found = detect(text.records)
        if len(found.bad_records) < len(bad):
            found.note = (f"the {declared.source} says {declared.encoding}, but {len(bad)} "
                          f"record(s) do not decode so; {found.note}")
            return found
    declared.bad_records = bad
    if bad:
        declared.note = f"{len(bad)} record(s) do not decode as {declared.encoding}"
    return declared
