"""Child parcels in the work store: a split or a merge is one transaction, in the history and
the outbox, undone and redone from the history (``store.history``). Each parcel then takes its
own verdict (``store.results.Verdicts`` keyed by its DKBH)."""

from __future__ import annotations

import json
import uuid

import shapely

from ..core import parcels
from ..core.language import say
from ..core.ops import OpKind
from ..core.verdicts import VerdictError, Violation, check_editable
from . import gpkg, history, schema
from .mirror import MIRRORED, mirror_split_patch
from .workstore import StoreError, WorkStore, now, user

KEPT = MIRRORED  # the verdict mirror of a parcel the cut left alone
FIELDS = ("DKBH", "TBMJ_MU", "DLBM", *KEPT)


class Parcels:
    ACTIONS = history.PARCEL_ACTIONS  # the operations it replays

    def __init__(self, store: WorkStore):
        self.store = store
        self.conn = store.conn

    def of(self, jcbh: str) -> list[dict]:
        """The parcels of a patch in number order: their fields and shapely ``geom``."""
        rows = self.conn.execute(f"SELECT {', '.join(FIELDS)}, geom FROM parcels WHERE JCBH = ?",
                                 (jcbh,))
        found = [{**dict(zip(FIELDS, row[:-1])), "geom": gpkg.geometries([row[-1]])[0]}
                 for row in rows]
        return sorted(found, key=lambda r: (parcels.number_of(r["DKBH"]), r["DKBH"]))

    def _patch(self, jcbh: str):
        """The patch's outline and area; refused when it may not be split (locked, judged as
        a whole, or without an outline)."""
        row = self.conn.execute("SELECT geom, TBMJ_MU, HCZT, PDLX FROM patches WHERE JCBH = ?",
                                (jcbh,)).fetchone()
        if row is None:
            raise StoreError(say("no patch {jcbh} in the store", "工作库中没有图斑 {jcbh}",
                                 jcbh=jcbh), "exists", jcbh=jcbh)
        blob, area, state, verdict = row
        problems = [v for v in (check_editable(jcbh, state),) if v is not None]
        if verdict:
            problems.append(Violation(jcbh, "PDLX", "patch_judged", say(
                "the whole patch is judged {verdict}; clear that verdict (or undo it) before "
                "splitting it into parcels", "整个图斑已判定为{verdict}；请先清除（或撤销）该判定再分割",
                verdict=verdict)))
        if problems:
            raise VerdictError(problems)
        geom = gpkg.geometries([blob])[0]
        if geom is None or geom.is_empty:
            raise parcels.SplitError(say("patch {jcbh} has no outline to split",
                                         "图斑 {jcbh} 没有图形，无法分割", jcbh=jcbh))
        return geom, area

    def _new_ids(self, jcbh: str):
        """Fresh parcel ids of a patch, in order: never one used before (its results and
        history stay with it), nor one that is another patch's JCBH."""
        used = {d for (d,) in self.conn.execute(
            "SELECT DKBH FROM parcels WHERE JCBH = ?1 UNION SELECT DKBH FROM results WHERE JCBH = ?1 "
            "UNION SELECT DKBH FROM history WHERE JCBH = ?1", (jcbh,)) if d}
        for lists in self.conn.execute("SELECT old, new FROM history WHERE JCBH = ? AND field = 'DKBH' "
                                       "AND action IN ('split', 'merge', 'import')", (jcbh,)):
            used.update(d for text in lists if text for d in json.loads(text))
        number = max((parcels.number_of(d) for d in used), default=0)
        while True:
            number += 1
            dkbh = parcels.parcel_id(jcbh, number)
            if not self.conn.execute("SELECT 1 FROM patches WHERE JCBH = ?", (dkbh,)).fetchone():
                yield dkbh

    def _refuse_judged(self, jcbh: str, gone: list[dict]) -> None:
        judged = [p["DKBH"] for p in gone if p["PDLX"]]
        if judged:
            raise VerdictError([Violation(jcbh, "DKBH", "parcel_judged", say(
                "parcel {ids} already has a verdict; clear it (or undo it) before splitting again",
                "地块 {ids} 已有判定；请先清除（或撤销）判定再分割", ids=", ".join(judged)))])

    def cut(self, jcbh: str, line) -> list[str]:
        """Cut the patch, or those of its parcels the line crosses; returns the new DKBHs."""
        current = self.of(jcbh)
        pieces = [p["geom"] for p in current] or [self._patch(jcbh)[0]]
        replaced = parcels.cut(jcbh, pieces, line)
        ids = self._new_ids(jcbh)
        gone = [current[k] for k in replaced] if current else []
        self._refuse_judged(jcbh, gone)
        kept = [(p["DKBH"], p["DLBM"], p["geom"]) for k, p in enumerate(current) if k not in replaced]
        added = []
        for k, parts in replaced.items():  # each part keeps the land-use code of what it came from
            added += [(next(ids), current[k]["DLBM"] if current else None, part) for part in parts]
        return self._write(jcbh, current, kept + added, "split")

    def by_landuse(self, jcbh: str, landuse: list[tuple[str, object]],
                   min_mu: float = parcels.MIN_PARCEL_MU) -> list[str]:
        """Replace the parcels of a patch by one per land-use code it overlaps."""
        current = self.of(jcbh)
        self._refuse_judged(jcbh, current)
        patch, _ = self._patch(jcbh)
        pieces = parcels.by_landuse(jcbh, patch, landuse, min_mu)
        ids = self._new_ids(jcbh)
        rows = [(next(ids), code, g) for code, g in pieces]
        return self._write(jcbh, current, rows, "split")

    def merge(self, jcbh: str) -> None:
        """Back to the whole patch: every parcel goes (none may have a verdict)."""
        current = self.of(jcbh)
        self._refuse_judged(jcbh, current)
        if current:
            self._write(jcbh, current, [], "merge")

    def replay(self, op: str, action: str) -> str:
        """Undo (or redo) split or merge ``op``: the parcels as they were before (or after) it.
        Refused when a parcel it would take away has a verdict. Returns the patch's JCBH."""
        jcbh, old, new = history.History(self.store).outlines(op)
        outline = old if action == history.UNDO else new
        current = self.of(jcbh)
        staying = {p["DKBH"] for p in outline}
        self._refuse_judged(jcbh, [p for p in current if p["DKBH"] not in staying])
        rows = [(p["DKBH"], p["DLBM"], shapely.from_wkt(p["wkt"])) for p in outline]
        self._write(jcbh, current, rows, action, op)
        return jcbh

    def take(self, jcbh: str, outline: list[dict], who: str | None = None,
             action: str = "pull", queue: bool = False) -> None:
        """Parcels as an outline lists them: the server's (a split made on another device, in
        the history under who made them, not queued to go back), or the one a user chose in a
        conflict (``queue``: it goes to the server)."""
        rows = [(p["DKBH"], p.get("DLBM"), shapely.from_wkt(p["wkt"])) for p in outline]
        self._write(jcbh, self.of(jcbh), rows, action, queue=queue, who=who)

    def _write(self, jcbh: str, current: list[dict], rows: list, action: str,
               op: str | None = None, queue: bool = True, who: str | None = None) -> list[str]:
        patch, area = self._patch(jcbh)
        geoms = [g for _, _, g in rows]
        if geoms:
            problems = parcels.check(jcbh, patch, area, geoms)
            if problems:
                raise VerdictError(problems)
        areas = parcels.areas_mu(geoms)
        at, who, op = now(), who or user(), op or str(uuid.uuid4())
        old = [p["DKBH"] for p in current]
        new = [dkbh for dkbh, _, _ in rows]
        blobs = gpkg.blobs([parcels.as_multipolygon(g) for g in geoms], schema.SRS_ID) if geoms else []
        kept = {p["DKBH"]: [p[f] for f in KEPT] for p in current}
        with self.store.transaction() as conn:
            conn.executemany("DELETE FROM parcels WHERE DKBH = ?", [(d,) for d in old])
            conn.executemany(
                f"INSERT INTO parcels(DKBH, JCBH, TBMJ_MU, DLBM, {', '.join(KEPT)}, geom) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(dkbh, jcbh, a, code, *kept.get(dkbh, [None, None, None, schema.UNCHECKED]), blob)
                 for (dkbh, code, _), a, blob in zip(rows, areas, blobs)])
            outline = [_outline(d, a, c, g) for (d, c, g), a in zip(rows, areas)]
            before = [_outline(p["DKBH"], p["TBMJ_MU"], p["DLBM"], p["geom"]) for p in current]
            # the ids for people to read, the outlines for undo and redo
            history.write(conn, at, who, action, op, [(jcbh, None, "DKBH", old, new),
                                                      (jcbh, None, history.OUTLINE, before, outline)])
            if queue:
                conn.execute("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, "
                             "created_at) VALUES (?, ?, ?, 0, ?, ?)",
                             (str(uuid.uuid4()), OpKind.PARCELS.value, jcbh,
                              json.dumps({"JCBH": jcbh, "parcels": outline}, ensure_ascii=False),
                              at))
            mirror_split_patch(conn, jcbh)
        return [d for d in new if d not in old]


def _outline(dkbh: str, area_mu: float, dlbm: str | None, geom) -> dict:
    """A parcel as the history (for undo) and the outbox keep it."""
    # 1e-10° ≈ 0.01 mm: the areas do not change
    return {"DKBH": dkbh, "TBMJ_MU": area_mu, "DLBM": dlbm,
            "wkt": shapely.to_wkt(geom, rounding_precision=10)}
