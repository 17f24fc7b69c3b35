"""A delivered package read as the national schema: its patch layer found, its encoding and
field mapping decided, every record built (``core.batch``). The work store's importer and the
server's ``batch load`` both read through here, so a package reads the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import encoding as enc
from . import profiles
from .batch import ID, Batch, build
from .language import say
from .sources import Layer, SourceError, candidates, choose, read


@dataclass
class Preview:
    """What an input holds, as the import will read it."""

    layers: list[Layer]
    layer: Layer
    encoding: enc.EncodingVerdict
    frame: object  # GeoDataFrame: all rows, or the first ``rows``
    profile: profiles.Profile | None
    mapping: dict | None  # national field -> source field; None when no profile fits
    unreadable: dict  # records (0-based) that cannot be read whole -> (field, rule, why)

    @property
    def fields(self) -> list[str]:
        return [str(c) for c in self.frame.columns if c != self.frame.geometry.name]

    @property
    def province(self) -> str:
        """Two-digit province code, from XZQDM or the JCBH prefix of the first record."""
        for national in ("XZQDM", ID):
            source = (self.mapping or {}).get(national)
            if source is not None and len(self.frame):
                value = str(self.frame[source].iloc[0] or "")
                if value[:2].isdigit():
                    return value[:2]
        return ""


def inspect(source: Path, workdir: Path, encoding: str = "auto", profile: str = "auto",
            layer: str | None = None, rows: int | None = None) -> Preview:
    """Find the patch layer, its encoding and its field mapping; read it (or its first rows)."""
    layers = candidates(Path(source), workdir)
    chosen = choose(layers, layer)
    override = None if encoding in (None, "", "auto") else encoding
    if chosen.is_shapefile:
        verdict = enc.shapefile_encoding(chosen.path, override)
    else:
        verdict = enc.EncodingVerdict(enc.UTF8, "format", say("the format stores UTF-8",
                                                              "该格式以 UTF-8 存储文字"))
    frame, unreadable = read(chosen, verdict.encoding, rows)
    fields = [str(c) for c in frame.columns if c != frame.geometry.name]
    picked = (profiles.detect(fields) if profile in (None, "", "auto")
              else profiles.field_profiles().get(profile))
    return Preview(layers, chosen, verdict, frame, picked,
                   picked.mapping(fields) if picked else None, unreadable)




def nothing_imported(batch: Batch, label: str) -> SourceError:
    """No record can be imported: the reasons, most frequent first, with a few records each."""
    records: dict[str, list[int]] = {}
    for p in batch.problems:
        if p.action == "rejected":
            records.setdefault(p.message, []).append(p.record)
    reasons = sorted(records.items(), key=lambda item: -len(item[1]))
    shown = "; ".join(
        say("record {records}: {why}", "第 {records} 条：{why}", why=why, records=", ".join(
            map(str, numbers[:3])) + (", …" if len(numbers) > 3 else ""))
        for why, numbers in reasons[:3]) + ("; …" if len(reasons) > 3 else "")
    if not batch.source_records:
        return SourceError(say("{label} holds no records", "{label} 中没有记录", label=label))
    return SourceError(say("none of the {count} records of {label} can be imported; nothing was "
                           "written: {reasons}", "{label} 的 {count} 条记录都无法导入，未写入任何"
                           "内容：{reasons}", count=batch.source_records, label=label,
                           reasons=shown))


@dataclass
class Delivery:
    """A package read whole: what was found, how it was mapped and the built batch."""

    found: Preview
    mapping: dict
    profile: str  # the profile's id, or "mapping" for a mapping given by hand
    batch: Batch

    @property
    def label(self) -> str:
        return self.found.layer.label


def read_batch(source: Path, workdir: Path, encoding: str = "auto", profile: str = "auto",
               layer: str | None = None, crs: str | None = None,
               mapping: dict | None = None) -> Delivery:
    """Read ``source`` whole and build its batch; refused (``SourceError``) when no mapping fits
    or no record can be kept."""
    found = inspect(source, workdir, encoding, profile, layer)
    chosen, verdict = found.layer, found.encoding
    if mapping is None:
        if found.mapping is None:
            raise SourceError(say(
                "{label}: no field-mapping profile fits its fields ({fields}); it needs a "
                "patch id such as JCBH or TBBH — choose the mapping by hand",
                "{label}：没有与其字段（{fields}）相符的字段对应方案；需要 JCBH 或 TBBH 等"
                "监测编号字段——请手动对应字段", label=chosen.label,
                fields=", ".join(found.fields)))
        mapping = found.mapping
    profile_name = found.profile.id if found.profile and mapping == found.mapping else "mapping"
    batch = build(found.frame, mapping, crs, chosen.label, verdict.bad_records, verdict.encoding,
                  found.unreadable)
    if not len(batch.frame):
        raise nothing_imported(batch, chosen.label)
    return Delivery(found, mapping, profile_name, batch)
