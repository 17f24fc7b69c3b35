"""The rectification ledger (整改台账) of a work store: its problems (问题) and their cases.

Every 违法 patch or parcel is a problem (``derive``); so is every finding that is no satellite
patch — a 巡察, a 督察's 三书一函, a 信访 complaint… — entered by hand (``create``). A problem is
changed (``update``, ``close`` for 销号, ``recheck`` on a newer image) in one transaction that
checks the rules of ``core.rectification`` and ``core.cases``, raises its version, writes one
history row per field (action ``problem``, ``case`` or ``xiaohao``; JCBH = WTBH) and queues the
whole record in the outbox (``OpKind.PROBLEM``), which the sync pushes like a verdict — citing
its evidence (``evidence_files``) — and whose server copy it writes in (``take``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field

import shapely

from ..core import cases, rectification, verdicts
from ..core.language import say
from ..core.ops import OpKind
from ..core.rectification import RectificationError, Violation
from . import gpkg, history, schema
from .workstore import WorkStore, now, user

__all__ = ["Derived", "Problems", "RectificationError"]

PROBLEM, CASE, XIAOHAO = "problem", "case", "xiaohao"  # the history's actions
PULL = "pull"  # the server's copy written in (``take``): not the user's to undo
DERIVE_OP = "derive-"  # the op ids of ``derive``: the result's changes, not a person's
FIELDS = tuple(schema.PROBLEM_FIELDS)
LISTS = ("ZGCS", "GLTB")  # JSON lists in the store, lists in a record
KEPT = ("WTBH", "created_at", "created_by", "updated_at", "version")  # never changed by hand
EDITABLE = tuple(f for f in FIELDS if f not in KEPT)
FOLLOWED = ("ZGZT", "ZGCS")  # what a derived problem takes from its result until edited by hand
SHAPES = ("Point", "Polygon", "MultiPolygon")
CHUNK = 900


@dataclass
class Derived:
    """What ``derive`` did: problems made, refreshed from their results, kept as a person left
    them (state or measures edited by hand, differing from the result's now), and those whose
    result is no longer 违法 (kept: the ledger forgets nothing; a person closes them)."""

    created: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)


def _error(wtbh: str, field_name: str, rule: str, message) -> RectificationError:
    return RectificationError([Violation(wtbh, field_name, rule, message)])


class Problems:
    ACTIONS = (PROBLEM, CASE, XIAOHAO)  # the operations it replays

    def __init__(self, store: WorkStore):
        self.store = store
        self.conn = store.conn

    # --- reading ---------------------------------------------------------------------------

    def _rows(self, where: str = "", params=()) -> list[dict]:
        names = ", ".join(FIELDS)
        found = []
        for row in self.conn.execute(f"SELECT {names} FROM problems {where} ORDER BY WTBH",
                                     tuple(params)):
            record = dict(zip(FIELDS, row))
            for name in LISTS:
                record[name] = json.loads(record[name]) if record[name] else []
            found.append(record)
        return found

    def get(self, wtbh: str) -> dict:
        """The record of problem ``wtbh`` (ZGCS and GLTB as lists)."""
        rows = self._rows("WHERE WTBH = ?", (wtbh,))
        if not rows:
            raise _error(wtbh, "WTBH", "exists", say("no such problem in the store",
                                                     "工作库中没有该问题"))
        return rows[0]

    def geometry(self, wtbh: str):
        """The problem's point or polygon (shapely), None when it has none."""
        row = self.conn.execute("SELECT geom FROM problems WHERE WTBH = ?", (wtbh,)).fetchone()
        return None if row is None or row[0] is None else gpkg.geometries([row[0]])[0]

    def list(self, source: str | None = None, state: str | None = None,
             overdue: bool | None = None, case: str | None = None, town: str | None = None,
             today: dt.date | str | None = None) -> list[dict]:
        """The problems, by WTBH, filtered by source (LY), state (ZGZT), overdue or not (on
        ``today``, default today), case state (``cases.case_state``) and town (XZDM or XZMC)."""
        where, params = [], []
        for column, value in (("LY", source), ("ZGZT", state)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if town is not None:
            where.append("(XZDM = ? OR XZMC = ?)")
            params += [town, town]
        rows = self._rows("WHERE " + " AND ".join(where) if where else "", params)
        if overdue is not None:
            rows = [r for r in rows if rectification.overdue(r, today) == overdue]
        if case is not None:
            rows = [r for r in rows if cases.case_state(r) == case]
        return rows

    def evidence(self, wtbh: str, record: dict | None = None) -> int:
        """How many files show the rectification (``evidence_files``)."""
        return len(self.evidence_files(wtbh, record))

    def evidence_files(self, wtbh: str, record: dict | None = None) -> list[str]:
        """The SHA-256 of the files showing the rectification: attachments kept for the problem
        itself (JCBH = WTBH) or for a patch it concerns (its GLTB; a parcel's patch), added on
        or after its verdict (finding) date — what was attached before it is the verdict's own
        举证, not the rectification's. A push cites them (the server counts them for 销号)."""
        record = record or self.get(wtbh)
        keys = {wtbh, *record.get("GLTB", [])}
        keys |= {r[0] for r in self.conn.execute(
            f"SELECT JCBH FROM parcels WHERE DKBH IN ({','.join('?' * len(keys))})", sorted(keys))}
        since = (record.get("PDRQ") or "")[:10]
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT sha256 FROM attachments WHERE JCBH IN ({','.join('?' * len(keys))}) "
            "AND substr(COALESCE(added_at, ''), 1, 10) >= ? ORDER BY sha256",
            (*sorted(keys), since))]

    # --- the rules ---------------------------------------------------------------------------

    def _check(self, new: dict, old: dict | None, evidence: int | None = None,
               moves: bool = True) -> None:
        """``moves`` False (derive, undo, redo): the state is taken as it is, neither its move
        nor a 销号's requirements are checked again."""
        if not moves:
            old = {**(old or {}), "ZGZT": new.get("ZGZT")}
        found = rectification.validate(new, old, self.evidence(new["WTBH"], new)
                                       if evidence is None else evidence)
        found += cases.validate(new)
        if found:
            raise RectificationError(found)

    def _check_related(self, wtbh: str, keys) -> None:
        """The patches (JCBH) and parcels (DKBH) a problem concerns are in the store."""
        keys = sorted({str(k) for k in keys or ()})
        if not keys:
            return
        marks = ",".join("?" * len(keys))
        known = {r[0] for r in self.conn.execute(
            f"SELECT JCBH FROM patches WHERE JCBH IN ({marks}) UNION "
            f"SELECT DKBH FROM parcels WHERE DKBH IN ({marks})", (*keys, *keys))}
        missing = [k for k in keys if k not in known]
        if missing:
            raise _error(wtbh, "GLTB", "exists", say(
                "no patch or parcel {keys} in the store", "工作库中没有图斑或地块 {keys}",
                keys="、".join(missing[:5])))

    # --- writing -----------------------------------------------------------------------------

    def _write(self, conn, old: dict | None, new: dict, action: str, op: str, at: str, who: str,
               geometry_blob: bytes | None = None, geometry_changed: bool = False,
               version: int | None = None) -> dict:
        """Insert or update one problem, its history rows and its outbox op (in a transaction);
        ``version`` given: the server's copy at that version, written in and not queued."""
        queue = version is None
        version = (old["version"] if old else 0) + 1 if queue else version
        new = {**new, "updated_at": at, "version": version}
        stored = {name: (json.dumps(new.get(name) or [], ensure_ascii=False)
                         if name in LISTS else new.get(name)) for name in FIELDS}
        if old is None:
            columns = ", ".join((*FIELDS, "geom"))
            conn.execute(f"INSERT INTO problems({columns}) VALUES "
                         f"({', '.join('?' * (len(FIELDS) + 1))})",
                         (*stored.values(), geometry_blob))
        else:
            sets = ", ".join(f"{name} = ?" for name in FIELDS if name != "WTBH")
            conn.execute(f"UPDATE problems SET {sets} WHERE WTBH = ?",
                         (*(v for k, v in stored.items() if k != "WTBH"), new["WTBH"]))
            if geometry_changed:
                conn.execute("UPDATE problems SET geom = ? WHERE WTBH = ?",
                             (geometry_blob, new["WTBH"]))
        before = old or {}
        changes = [(new["WTBH"], "", name, before.get(name), new.get(name))
                   for name in EDITABLE if before.get(name) != new.get(name)]
        by_kind: dict[str, list] = {}
        for change in changes:
            kind = CASE if change[2] in cases.FIELDS and action == PROBLEM else action
            by_kind.setdefault(kind, []).append(change)
        for kind, rows in by_kind.items():
            history.write(conn, at, who, kind, op, rows)
        if not queue:
            return new
        data = {**new}
        blob = geometry_blob if (old is None or geometry_changed) else conn.execute(
            "SELECT geom FROM problems WHERE WTBH = ?", (new["WTBH"],)).fetchone()[0]
        data["geom_wkb"] = None if blob is None else gpkg.wkb_of(blob).hex()
        conn.execute("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (str(uuid.uuid4()), OpKind.PROBLEM.value, new["WTBH"],
                      old["version"] if old else 0, json.dumps(data, ensure_ascii=False), at))
        return new

    @staticmethod
    def _blob(wtbh: str, geometry_wkb) -> bytes | None:
        if geometry_wkb is None:
            return None
        try:
            geometry = shapely.from_wkb(geometry_wkb)
        except (shapely.errors.GEOSException, TypeError, ValueError) as error:
            raise _error(wtbh, "geom", "geometry", say(
                "the location is no geometry ({error})", "位置不是有效的几何（{error}）",
                error=error)) from error
        if geometry is None or geometry.is_empty or geometry.geom_type not in SHAPES:
            raise _error(wtbh, "geom", "geometry", say(
                "the location must be a point or a polygon, not {kind}",
                "位置须为点或面，而不是 {kind}",
                kind=getattr(geometry, "geom_type", None) or "-"))
        return gpkg.blobs([geometry], schema.SRS_ID)[0]

    def _town(self, keys) -> tuple[str, str, str]:
        """(XZQDM, XZDM, XZMC) of the first patch (JCBH) or parcel (DKBH) of ``keys`` the store
        holds: the county of its patch, the town of its grid (blank before grids are assigned)."""
        for key in keys:
            parcel = self.conn.execute("SELECT JCBH, XZDM, XZMC FROM parcels WHERE DKBH = ?",
                                       (key,)).fetchone()
            row = self.conn.execute("SELECT XZQDM, XZDM, XZMC FROM patches WHERE JCBH = ?",
                                    (parcel[0] if parcel else key,)).fetchone()
            if row is not None:
                town = parcel[1:] if parcel and parcel[1] else row[1:]
                return row[0] or "", town[0] or "", town[1] or ""
        return "", "", ""

    def _next_number(self, county: str) -> str:
        pattern = re.compile(rf"^WT-{re.escape(county)}-(\d+)$")
        taken = [int(m.group(1)) for (w,) in self.conn.execute(
            "SELECT WTBH FROM problems WHERE WTBH LIKE ?", (f"WT-{county}-%",))
            if (m := pattern.match(w or ""))]
        return f"WT-{county}-{max(taken, default=0) + 1:04d}"

    def create(self, fields: dict, geometry_wkb: bytes | None = None) -> str:
        """A problem found by a 巡察, 督察, 信访… (not a satellite patch): its fields, its point
        or polygon (WKB, EPSG:4490). Numbered WT-{XZQDM}-{seq:04d} within its county (XZQDM
        given, else the county of the first patch of GLTB); state 未整改 and the finding date
        today unless given. Returns its WTBH."""
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise _error("", sorted(unknown)[0], "field", say(
                "a problem has no field {fields}", "问题没有字段 {fields}",
                fields=", ".join(sorted(unknown))))
        record = {name: None for name in FIELDS}
        record.update(fields)
        record["ZGCS"] = rectification.measures(record.get("ZGCS"))
        record["GLTB"] = list(record.get("GLTB") or [])
        self._check_related("", record["GLTB"])
        county, town, town_name = self._town(record["GLTB"])
        record["XZQDM"] = record.get("XZQDM") or county
        record["XZDM"] = record.get("XZDM") or town
        record["XZMC"] = record.get("XZMC") or town_name
        record["ZGZT"] = record.get("ZGZT") or rectification.NOT_STARTED
        record["PDRQ"] = record.get("PDRQ") or dt.date.today().isoformat()
        at, who = now(), user()
        record.update(created_at=at, created_by=who)
        with self.store.transaction() as conn:
            record["WTBH"] = self._next_number(record["XZQDM"] or "")
            blob = self._blob(record["WTBH"], geometry_wkb)
            self._check(record, None, evidence=0)
            self._write(conn, None, record, PROBLEM, str(uuid.uuid4()), at, who, blob)
        return record["WTBH"]

    def update(self, wtbh: str, changes: dict, geometry_wkb: bytes | None = None,
               action: str = PROBLEM) -> str:
        """Change a problem (its case fields too; a new location with ``geometry_wkb``); the
        rules checked, version + 1, history and outbox written. Returns the operation id."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise _error(wtbh, sorted(unknown)[0], "field", say(
                "a problem has no field {fields} that may be changed",
                "问题没有可修改的字段 {fields}", fields=", ".join(sorted(unknown))))
        op = str(uuid.uuid4())
        with self.store.transaction() as conn:
            old = self.get(wtbh)
            new = {**old, **changes}
            if "ZGCS" in changes:
                new["ZGCS"] = rectification.measures(changes["ZGCS"])
            if "GLTB" in changes:
                new["GLTB"] = list(changes["GLTB"] or [])
                self._check_related(wtbh, new["GLTB"])
            blob = self._blob(wtbh, geometry_wkb) if geometry_wkb is not None else None
            self._check(new, old)
            self._write(conn, old, new, action, op, now(), user(), blob,
                        geometry_changed=geometry_wkb is not None)
        return op

    def move(self, wtbh: str, state: str) -> str:
        """Move the problem's 整改状态 (the code lists' moves; 已销号 through ``close``)."""
        return self.update(wtbh, {"ZGZT": state})

    def close(self, wtbh: str, date, who: str, why: str) -> str:
        """销号: the problem goes to 已销号 with its date, by whom and why — refused, naming what
        is missing, without them or without an attachment showing the rectification done."""
        day = date.isoformat() if isinstance(date, dt.date) else date
        return self.update(wtbh, {"ZGZT": rectification.CLOSED, "XHRQ": day, "XHR": who,
                                  "XHYY": why}, action=XIAOHAO)

    def recheck(self, wtbh: str, image_date, ok: bool) -> str:
        """The re-check on a newer image: its date (FCRQ) and 是 整改到位 / 否 (FCJG). A problem
        found rectified on it and still 未整改 or 整改中 becomes 已整改; one found not rectified
        and 已整改 goes back to 整改中 (a closed one stays closed: reopening it is a person's
        decision)."""
        old = self.get(wtbh)
        day = image_date.isoformat() if isinstance(image_date, dt.date) else image_date
        changes = {"FCRQ": day, "FCJG": rectification.YES if ok else rectification.NO}
        state = old.get("ZGZT")
        if ok and state in (rectification.NOT_STARTED, rectification.IN_PROGRESS):
            changes["ZGZT"] = rectification.RECTIFIED
        elif not ok and state == rectification.RECTIFIED:
            changes["ZGZT"] = rectification.IN_PROGRESS
        return self.update(wtbh, changes)

    def take(self, conn, copy: dict) -> None:
        """The server's copy of a problem (``GET /sync/v1/problems/{wtbh}``: its fields in
        ``data``, its location as hex ``geom_wkb``, its ``version``) written in as it is, inside
        the caller's transaction: history rows under the name of who changed it there (action
        ``pull``, which undo does not replay), nothing queued."""
        wtbh, data = copy["WTBH"], copy.get("data") or {}
        rows = self._rows("WHERE WTBH = ?", (wtbh,))
        old = rows[0] if rows else None
        record = {name: None for name in FIELDS}
        record.update(old or {"created_at": copy.get("updated_at"),
                              "created_by": copy.get("updated_by")})
        record.update({name: data.get(name) for name in EDITABLE if name in data}, WTBH=wtbh)
        record["ZGCS"] = rectification.measures(record.get("ZGCS"))
        record["GLTB"] = list(record.get("GLTB") or [])
        wkb = copy.get("geom_wkb")
        blob = self._blob(wtbh, bytes.fromhex(wkb)) if wkb else None
        self._write(conn, old, record, PULL, str(uuid.uuid4()), now(),
                    copy.get("updated_by") or user(), blob, geometry_changed=True,
                    version=copy["version"])

    # --- problems of the 违法 verdicts ---------------------------------------------------------

    def _illegal_results(self) -> list[tuple]:
        """(WTBH, JCBH, DKBH, data, verdict date) of every 违法 result; the verdict date is the
        day the history last recorded 违法 for it, else the result's last change."""
        verdict_days = {}
        for key, at in self.conn.execute(
                "SELECT COALESCE(NULLIF(DKBH, ''), JCBH), MAX(at) FROM history "
                "WHERE field = 'PDLX' AND new = ? GROUP BY 1",
                (history.encode(verdicts.ILLEGAL),)):
            verdict_days[key] = (at or "")[:10]
        found = []
        for jcbh, dkbh, data, updated in self.conn.execute(
                "SELECT JCBH, COALESCE(DKBH, ''), data, updated_at FROM results WHERE PDLX = ? "
                "ORDER BY JCBH, DKBH", (verdicts.ILLEGAL,)):
            key = dkbh or jcbh
            found.append((key, jcbh, dkbh, json.loads(data or "{}"),
                          verdict_days.get(key) or (updated or "")[:10]))
        return found

    def _edited_by_hand(self, wtbhs) -> set[str]:
        """The problems whose state or measures a person changed (not ``derive``)."""
        wtbhs = sorted(wtbhs)
        edited = set()
        for start in range(0, len(wtbhs), CHUNK):
            part = wtbhs[start:start + CHUNK]
            edited |= {r[0] for r in self.conn.execute(
                "SELECT DISTINCT JCBH FROM history WHERE action IN (?, ?) AND field IN (?, ?) "
                f"AND op NOT LIKE ? AND JCBH IN ({','.join('?' * len(part))})",
                (PROBLEM, XIAOHAO, *FOLLOWED, DERIVE_OP + "%", *part))}
        return edited

    def derive(self) -> Derived:
        """One problem per 违法 result (patch or parcel): WTBH = its DKBH, else its JCBH; source
        卫片执法; the patch's (parcel's) outline; PDRQ the verdict date; ZGCS and ZGZT from the
        result. A problem already there is refreshed: its outline, county, town and related
        patches always, its state and measures only while no person changed them on the
        problem (then the ledger's record stands, and it is listed as kept when the result now
        says otherwise). A problem whose result is no longer 违法 stays (listed as orphaned).
        One transaction, one history operation."""
        report = Derived()
        op, at, who = DERIVE_OP + str(uuid.uuid4()), now(), user()
        with self.store.transaction() as conn:
            results = self._illegal_results()
            existing = {r["WTBH"]: r for r in self._rows("WHERE LY = ?", (rectification.SATELLITE,))}
            edited = self._edited_by_hand(existing)
            for wtbh, jcbh, dkbh, data, verdict_day in results:
                table, column = ("parcels", "DKBH") if dkbh else ("patches", "JCBH")
                row = conn.execute(f"SELECT geom, XZDM, XZMC FROM {table} WHERE {column} = ?",
                                   (wtbh,)).fetchone()
                county = conn.execute("SELECT XZQDM FROM patches WHERE JCBH = ?",
                                      (jcbh,)).fetchone()
                blob, town, town_name = row if row else (None, None, None)
                followed = {"ZGCS": rectification.measures(data.get("ZGCS")),
                            "ZGZT": data.get("ZGZT") or rectification.NOT_STARTED}
                base = {"GLTB": [wtbh], "XZQDM": county[0] if county else "",
                        "XZDM": town or "", "XZMC": town_name or ""}
                old = existing.get(wtbh)
                if old is None:
                    record = {name: None for name in FIELDS}
                    record.update(base, **followed, WTBH=wtbh, LY=rectification.SATELLITE,
                                  PDRQ=verdict_day, created_at=at, created_by=who)
                    self._check(record, None, evidence=0, moves=False)
                    self._write(conn, None, record, PROBLEM, op, at, who, blob)
                    report.created.append(wtbh)
                    continue
                new = {**old, **base}
                if wtbh in edited:
                    if any(old.get(k) != v for k, v in followed.items()):
                        report.kept.append(wtbh)
                else:
                    new.update(followed)
                geometry_changed = blob != conn.execute(
                    "SELECT geom FROM problems WHERE WTBH = ?", (wtbh,)).fetchone()[0]
                if new == old and not geometry_changed:
                    continue
                self._check(new, old, evidence=0, moves=False)
                self._write(conn, old, new, PROBLEM, op, at, who, blob, geometry_changed)
                report.refreshed.append(wtbh)
            judged = {r[0] for r in results}
            report.orphaned = sorted(w for w in existing if w not in judged)
        return report

    # --- undo and redo, from the history -----------------------------------------------------

    def replay(self, op: str, action: str) -> None:
        """Undo (or redo) problem operation ``op``: each field back to what it was before (or
        after) it, as a new change (history, outbox). The state's moves are not checked (an
        undone 销号 goes back to 已整改), every other rule is."""
        values: dict[str, dict] = {}
        for key, name, old, new in history.History(self.store).changes(op, self.ACTIONS):
            values.setdefault(key, {})[name] = old if action == history.UNDO else new
        at, who = now(), user()
        with self.store.transaction() as conn:
            for wtbh, changes in values.items():
                before = self.get(wtbh)
                after = {**before, **changes}
                self._check(after, before, moves=False)
                self._write(conn, before, after, action, op, at, who)
