"""``batch load``: a delivered package read as the plugin's importer reads it
(``core.delivery``: GBK shapefiles in a zip, Gauss–Krüger zones, repairs, the same problems)
and written in one transaction — all of it, or nothing."""

from __future__ import annotations

import hashlib
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from sqlalchemy import insert, select, update

from farmland_guard.core.batch import ID, Problem
from farmland_guard.core.delivery import read_batch
from farmland_guard.core.language import say
from farmland_guard.core.sources import SourceError

from .context import Context
from .models import Batch, Patch

CHUNK = 2000
GEOMETRY = ("geometry", "geom", "RECORD")


@dataclass
class Loaded:
    batch_id: int
    records: int
    added: int
    updated: int
    repaired: int
    rejected: int
    problems: list[Problem] = field(default_factory=list)


def _json(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return _json(value.item())
    return value


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    for part in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if part.is_file():
            with open(part, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


def load(ctx: Context, source: Path, region: str, name: str | None = None,
         encoding: str = "auto", profile: str = "auto", layer: str | None = None,
         crs: str | None = None) -> Loaded:
    source = Path(source)
    if not source.exists():
        raise SourceError(say("{path} does not exist", "{path} 不存在", path=source))
    with tempfile.TemporaryDirectory(prefix="fg-load-") as work:
        delivery = read_batch(source, Path(work), encoding, profile, layer, crs)
    built = delivery.batch
    frame = built.frame
    problems = list(built.problems)
    codes = [c or region for c in frame["XZQDM"].tolist()]
    inside = np.array([str(c).startswith(region) for c in codes], dtype=bool)
    for i in np.flatnonzero(~inside):
        problems.append(Problem(int(frame["RECORD"][i]), frame[ID][i], "XZQDM", "region",
                                "rejected", say("{code} is outside region {region}",
                                                "{code} 不在辖区 {region} 之内",
                                                code=codes[i], region=region)))
    if not inside.any():
        raise SourceError(say("none of the patches of {label} lies in region {region}",
                              "{label} 中没有图斑位于辖区 {region} 之内",
                              label=delivery.label, region=region))
    columns = [c for c in frame.columns if c not in GEOMETRY]
    records = frame[columns].to_dict("records")
    bounds = shapely.bounds(built.geometries)
    batch = Batch(name=name or source.stem, xzqdm=region, source_sha256=_digest(source),
                  loaded_by=ctx.scope.user, report=[])
    ctx.session.add(batch)
    ctx.session.flush()
    known = set(ctx.session.scalars(select(Patch.jcbh).where(
        Patch.jcbh.in_([frame[ID][i] for i in np.flatnonzero(inside)]))))
    new_rows, old_rows = [], []
    for i in np.flatnonzero(inside):
        fields = {k: _json(v) for k, v in records[i].items()}
        row = {"batch_id": batch.id, "jcbh": fields[ID], "xzqdm": codes[i],
               "tblx": fields.get("TBLX"), "tbmj_mu": fields["TBMJ_MU"], "fields": fields,
               "geom": built.geometries[i], "minx": bounds[i][0], "miny": bounds[i][1],
               "maxx": bounds[i][2], "maxy": bounds[i][3]}
        (old_rows if fields[ID] in known else new_rows).append(row)
    for start in range(0, len(new_rows), CHUNK):
        ctx.session.execute(insert(Patch), new_rows[start:start + CHUNK])
    for row in old_rows:  # a later delivery of a patch: its fields and outline, not its verdict
        ctx.session.execute(update(Patch).where(Patch.jcbh == row["jcbh"]).values(**row))
    batch.patches = len(new_rows) + len(old_rows)
    batch.report = [vars(p) | {"message": str(p.message)} for p in problems]
    ctx.journal("load", "batch", str(batch.id), region, None, 1,
                {"source": source.name, "added": len(new_rows), "updated": len(old_rows),
                 "rejected": len({p.record for p in problems if p.action == "rejected"})})
    return Loaded(batch.id, built.source_records, len(new_rows), len(old_rows), built.repaired,
                  len({p.record for p in problems if p.action == "rejected"}), problems)
