"""Text encoding of a shapefile's DBF: the .cpg, the DBF language byte, else the data itself.

Provinces often ship GBK without a .cpg and with no (or a wrong) language byte. Whatever the
declaration, text that would come out as mojibake is never accepted: the records are checked
byte by byte against the encoding chosen.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import FarmlandGuardError
from .language import say

GBK = "GBK"
UTF8 = "UTF-8"

# DBF language driver ids (byte 29) that matter here.
LDID = {0x4D: GBK, 0x7A: GBK, 0x57: "CP1252", 0x03: "CP1252", 0x01: "CP437",
        0x02: "CP850", 0x4F: "BIG5", 0x78: "BIG5", 0x4E: "CP949", 0x13: "CP932"}
WESTERN = {"CP1252", "CP437", "CP850", "ISO-8859-1", "LATIN1"}
ALIASES = {"936": GBK, "CP936": GBK, "GB2312": GBK, "GB18030": GBK, "GBK": GBK,
           "65001": UTF8, "UTF8": UTF8, "UTF-8": UTF8, "1252": "CP1252", "ANSI 1252": "CP1252"}


class DbfError(FarmlandGuardError, ValueError):
    """The DBF cannot be trusted (truncated, not a DBF)."""

    code = "dbf"


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
    """The text (C) fields of a DBF: per field, its distinct values and, for every record,
    the index of its value (files repeat the same county or land-use name thousands of times,
    so each distinct value is checked once)."""

    ldid: int
    fields: list[tuple[list[bytes], np.ndarray]]
    names: list[bytes]  # the field names: Chinese names are evidence of the encoding too
    text_names: list[bytes] = field(default_factory=list)  # the names of ``fields``

    def counts(self) -> dict[bytes, int]:
        total: dict[bytes, int] = {n: 1 for n in self.names if not n.isascii()}
        for values, inverse in self.fields:
            for value, count in zip(values, np.bincount(inverse, minlength=len(values))):
                if count and not value.isascii():
                    total[value] = total.get(value, 0) + int(count)
        return total

    def records_with(self, bad: set[bytes]) -> list[int]:
        """1-based records that hold one of the ``bad`` values."""
        hit = np.zeros(0, dtype=bool)
        for values, inverse in self.fields:
            if not len(inverse):
                continue
            flags = np.array([v in bad for v in values], dtype=bool)
            hit = flags[inverse] if not len(hit) else hit | flags[inverse]
        return (np.flatnonzero(hit) + 1).tolist()


def check_dbf(path: Path, data: bytes | None = None) -> tuple[int, int, int]:
    """(records, header length, record length), refusing a truncated DBF."""
    if data is None:
        with open(path, "rb") as f:
            head = f.read(32)
    else:
        head = data[:32]
    if len(head) < 32:
        raise DbfError(say("{name} is too short to be a DBF file", "{name} 太短，不是 DBF 文件",
                           name=path.name))
    count, header_len, record_len = struct.unpack("<IHH", head[4:12])
    size = len(data) if data is not None else path.stat().st_size
    if header_len < 33 or record_len < 1 or size < header_len + count * record_len:
        held = max(0, (size - header_len) // max(record_len, 1))
        raise DbfError(say("{name} is truncated: it declares {count} records but holds {held}",
                           "{name} 不完整（已截断）：声明 {count} 条记录，实际只有 {held} 条",
                           name=path.name, count=count, held=held))
    return count, header_len, record_len


def dbf_fields(data: bytes, header_len: int):
    """(name, type, offset in the record, width) of each field a DBF header declares."""
    offset = 1  # after the deletion flag
    for start in range(32, header_len - 1, 32):
        descriptor = data[start:start + 32]
        if len(descriptor) < 32 or descriptor[0] == 0x0D:
            return
        yield descriptor[:11].split(b"\x00")[0], chr(descriptor[11]), offset, descriptor[16]
        offset += descriptor[16]


def dbf_layout(path: Path, data: bytes) -> tuple[int, int, int, list]:
    """(records, header length, record length, fields) of a whole DBF, refusing a header
    whose fields do not fit in its records (the header is damaged: every value would be
    read from the wrong place)."""
    count, header_len, record_len = check_dbf(path, data)
    fields = list(dbf_fields(data, header_len))
    width = sum(f[3] for f in fields) + 1
    if width > record_len:
        raise DbfError(say("{name} is damaged: its header declares fields {width} bytes wide in "
                           "records of {length} bytes", "{name} 已损坏：文件头声明的字段共 {width} "
                           "字节宽，而每条记录只有 {length} 字节", name=path.name, width=width,
                           length=record_len))
    return count, header_len, record_len, fields


def read_dbf_text(path: Path) -> DbfText:
    """The text fields of the DBF at ``path``; read once while the file stays as it is (the
    encoding check and then the import both need them)."""
    stat = path.stat()
    return _read_dbf_text(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _read_dbf_text(name: str, _mtime_ns: int, _size: int) -> DbfText:
    path = Path(name)
    data = path.read_bytes()
    count, header_len, record_len, layout = dbf_layout(path, data)
    table = np.frombuffer(data, dtype=np.uint8, count=count * record_len,
                          offset=header_len).reshape(count, record_len)
    table = table[table[:, 0] != ord("*")]  # deleted records: GDAL skips them, so do we
    fields, names, text_names = [], [], []
    for name, kind, offset, length in layout:
        names.append(name)
        if kind == "C" and length:
            column = np.ascontiguousarray(table[:, offset:offset + length]).view(f"S{length}")
            distinct, inverse = np.unique(column.ravel(), return_inverse=True)
            fields.append(([v.rstrip(b" \x00") for v in distinct.tolist()], inverse.ravel()))
            text_names.append(name)
    return DbfText(data[29], fields, names, text_names)


def dbf_column_text(path: Path, index: int) -> list[str | None]:
    """The values of the ``index``-th field exactly as the DBF writes them (digits of
    18-digit ids that a float would round), deleted records left out."""
    data = path.read_bytes()
    count, header_len, record_len, layout = dbf_layout(path, data)
    _, _, offset, length = layout[index]
    values = []
    for n in range(count):
        row = data[header_len + n * record_len: header_len + (n + 1) * record_len]
        if row[:1] != b"*":
            raw = row[offset:offset + length].strip(b" \x00").decode("ascii", "replace")
            if re.fullmatch(r"-?\d+\.0*", raw):
                raw = raw.split(".")[0]  # an integer written with decimals
            values.append(None if not raw or raw.startswith("*") else raw)
    return values


def decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(python_codec(encoding))
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode(raw: bytes, encoding: str) -> str | None:
    """``raw`` as text in ``encoding``, a character cut in half at the DBF field width
    dropped; None when it is not text in that encoding."""
    codec = python_codec(encoding)
    for cut in range(4):
        try:
            return raw[:len(raw) - cut].decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class _Fits:
    """Whether non-ASCII values are text in an encoding, each distinct value checked once.
    UTF-8 is tried first: GBK text is almost never valid UTF-8, while UTF-8 text is often
    valid (garbled) GBK."""

    def __init__(self, encoding: str):
        self.codec = python_codec(encoding)
        self.gbk = normalise(encoding) == GBK
        self.seen: dict[bytes, bool] = {}

    def __call__(self, value: bytes) -> bool:
        known = self.seen.get(value)
        if known is None:
            known = self.seen[value] = self._fits(value)
        return known

    def _fits(self, value: bytes) -> bool:
        # Bytes that read both ways belong to the reading that gives Chinese text: UTF-8
        # Chinese almost never is GBK by chance, and short GBK names (卢伟) are valid UTF-8.
        if self.gbk and decodes(value, UTF8) and has_cjk(value.decode("utf-8")):
            return False
        if (self.codec == "utf-8" and decodes(value, GBK) and has_cjk(value.decode("gb18030"))
                and not has_cjk(value.decode("utf-8", errors="replace"))):
            return False
        # A character cut in half at the DBF field width is the same encoding, not another.
        return decode(value, self.codec) is not None


def misfits(text: DbfText, encoding: str) -> list[int]:
    """1-based records holding a value that is not text in ``encoding``."""
    check = _Fits(encoding)
    bad = {v for v in text.counts() if not check(v)}
    return text.records_with(bad) if bad else []


def detect(text: DbfText) -> EncodingVerdict:
    """UTF-8 or GBK from the bytes themselves; names the records that fit neither choice."""
    counts = text.counts()
    if not counts:
        return EncodingVerdict(UTF8, "detected", say("all text is ASCII", "全部为 ASCII 文字"))
    utf8, gbk = _Fits(UTF8), _Fits(GBK)
    chosen = UTF8 if sum(c for v, c in counts.items() if utf8(v)) >= sum(
        c for v, c in counts.items() if gbk(v)) else GBK
    bad = misfits(text, chosen)
    note = say("{encoding} detected from the text", "根据文字内容识别为 {encoding}",
               encoding=chosen)
    if bad:
        note = say("mixed encodings: {count} record(s) hold text that is not {encoding} like "
                   "the rest", "编码混杂：{count} 条记录的文字不是与其余记录相同的 {encoding}",
                   count=len(bad), encoding=chosen)
    return EncodingVerdict(chosen, "detected", note, bad)


def read_cpg(path: Path) -> str | None:
    if not path.exists():
        return None
    text = path.read_bytes().decode("utf-8-sig", errors="ignore").strip()
    return normalise(text) if text else None


def dbf_of(shp: Path) -> Path | None:
    return next((p for p in (shp.with_suffix(".dbf"), shp.with_suffix(".DBF")) if p.exists()),
                None)


def shapefile_encoding(shp: Path, override: str | None = None) -> EncodingVerdict:
    """The encoding to read ``shp`` with, and the records that would come out garbled."""
    dbf = dbf_of(shp)
    if dbf is None:
        raise DbfError(say("{name} has no .dbf beside it, so its attributes are missing",
                           "{name} 旁边没有 .dbf 文件，缺少属性", name=shp.name))
    text = read_dbf_text(dbf)
    if override:
        declared = EncodingVerdict(normalise(override), "user")
    elif (cpg := read_cpg(shp.with_suffix(".cpg"))) is not None:
        declared = EncodingVerdict(cpg, "cpg")
    elif text.ldid in LDID:
        declared = EncodingVerdict(LDID[text.ldid], "ldid")
    else:
        return detect(text)
    bad = misfits(text, declared.encoding)
    gbk = _Fits(GBK)
    if declared.source != "user" and declared.encoding in WESTERN and any(
            gbk(v) and has_cjk(v.decode("gb18030")) for v in text.counts()):
        found = detect(text)
        found.note = say("the {source} says {declared}, but the text is {found}; read as "
                         "{found}", "{source} 声明为 {declared}，但文字实为 {found}；按 {found} 读取",
                         source=declared.source, declared=declared.encoding,
                         found=found.encoding)
        return found
    if bad and declared.source != "user":
        found = detect(text)
        if len(found.bad_records) < len(bad):
            found.note = say("the {source} says {declared}, but {count} record(s) do not "
                             "decode so; {note}", "{source} 声明为 {declared}，但有 {count} 条"
                             "记录无法按此解码；{note}", source=declared.source,
                             declared=declared.encoding, count=len(bad), note=found.note)
            return found
    declared.bad_records = bad
    if bad:
        declared.note = say("{count} record(s) do not decode as {encoding}",
                            "{count} 条记录无法按 {encoding} 解码", count=len(bad),
                            encoding=declared.encoding)
    return declared
