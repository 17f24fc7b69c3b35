"""Saving verdicts: one transaction per user action, every change in the history, each change
queued in the outbox. Undo and redo replay the history (``store.history``), verdicts here."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from ..core import verdicts
from ..core.language import say
from ..core.ops import OpKind
from ..core.units import MU_DECIMALS
from ..core.verdicts import VerdictError
from . import history
from .mirror import MIRRORED, mirror_split_patch
from .workstore import WorkStore, now, user

__all__ = ["Labelled", "VerdictError", "Verdicts"]
CHUNK = 900  # SQLite caps the parameters of one statement
# the overlay figures the workbench shows beside the verdict: 耕地, 水田, 永农, 红线, what the
# approvals cover and the 耕地 they leave uncovered (亩)
SHOWN_FIGURES = ("GDMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "WFGMJ")


@dataclass
class Labelled:
    changed: int
    skipped: int
    op: str | None


class Verdicts:
    ACTIONS = history.VERDICT_ACTIONS  # the operations it replays

    def __init__(self, store: WorkStore):
        self.store = store
        self.conn = store.conn

    # --- reading ---------------------------------------------------------------------------

    def _records(self, keys) -> dict[str, dict]:
        """key -> {jcbh, dkbh, id, version, area, fields} for every patch (by JCBH) or parcel
        (by DKBH) asked, judged or not."""
        found = {}
        keys = list(keys)
        figures = ", ".join(f"p.{name}" for name in verdicts.PREFILL_FIGURES)
        queries = (("SELECT p.JCBH, '', p.JCBH, p.HCZT, p.HSX, r.id, r.version, r.data, "
                    "EXISTS (SELECT 1 FROM parcels q WHERE q.JCBH = p.JCBH), " + figures + " "
                    "FROM patches p LEFT JOIN results r ON r.JCBH = p.JCBH AND COALESCE(r.DKBH, '') = '' "
                    "WHERE p.JCBH IN ({marks})"),
                   ("SELECT p.DKBH, p.DKBH, p.JCBH, p.HCZT, t.HSX, r.id, r.version, r.data, 0, "
                    + figures + " FROM parcels p LEFT JOIN patches t ON t.JCBH = p.JCBH "
                    "LEFT JOIN results r ON r.DKBH = p.DKBH WHERE p.DKBH IN ({marks})"))
        for query in queries:
            todo = [k for k in keys if k not in found]
            for start in range(0, len(todo), CHUNK):
                part = todo[start:start + CHUNK]
                for key, dkbh, jcbh, state, hsx, rid, version, data, split, *values in \
                        self.conn.execute(query.format(marks=",".join("?" * len(part))), part):
                    fields = json.loads(data) if data else {}
                    fields.setdefault("HCZT", state or verdicts.UNCHECKED)
                    figures_of = dict(zip(verdicts.PREFILL_FIGURES, values))
                    found[key] = {"jcbh": jcbh, "dkbh": dkbh, "id": rid, "version": version or 0,
                                  "area": figures_of["TBMJ_MU"], "hsx": hsx, "figures": figures_of,
                                  "fields": fields, "split": bool(split)}
        missing = set(keys) - set(found)
        if missing:
            raise VerdictError([verdicts.Violation(k, "JCBH", "exists", say(
                "no such patch or parcel in the store", "工作库中没有该图斑或地块"))
                for k in sorted(missing)[:5]])
        return found

    def figures(self, key: str) -> dict:
        """The precheck figures of a patch or parcel that the pre-fill reads."""
        return dict(self._records([key])[key]["figures"])

    def precheck(self, key: str) -> dict:
        """What the precheck found for a patch or parcel, as the form shows it: the suggested
        verdict (``JYPD``, ``JYLX``, ``JYLY``), when it ran (``TSSJ``) and the overlay figures
        of ``SHOWN_FIGURES`` (亩) with ``GDDB``, the quality grade of the 耕地 it occupies; for
        a parcel also ``PATCH_TSSJ``, when it ran on its patch (a parcel cut after the precheck
        has none of its own)."""
        names = ("JYPD", "JYLX", "JYLY", "TSSJ", *SHOWN_FIGURES, "GDDB")
        columns = ", ".join(f"p.{n}" for n in names)
        row = self.conn.execute(f"SELECT {columns}, p.TSSJ FROM patches p WHERE p.JCBH = ?",
                                (key,)).fetchone()
        if row is None:
            row = self.conn.execute(f"SELECT {columns}, t.TSSJ FROM parcels p LEFT JOIN patches t "
                                    "ON t.JCBH = p.JCBH WHERE p.DKBH = ?", (key,)).fetchone()
        if row is None:
            return {}
        return {**dict(zip(names, row[:-1])), "PATCH_TSSJ": row[-1]}

    def current(self, jcbh: str) -> dict:
        """The verdict fields of a patch or parcel (with its workflow state)."""
        return dict(self._records([jcbh])[jcbh]["fields"])

    # --- writing ---------------------------------------------------------------------------

    def _check(self, jcbh: str, record: dict, new: dict) -> list[verdicts.Violation]:
        if record["split"] and new.get("PDLX"):  # the same ground would be counted twice
            return [verdicts.Violation(jcbh, "PDLX", "patch_split", say(
                "the patch is split into parcels: judge each parcel (or merge them first)",
                "图斑已分割为地块：请逐个地块判定（或先合并地块）"))]
        old = record["fields"]
        changed = {f for f in set(old) | set(new) if old.get(f) != new.get(f)}
        problems = [v for v in (verdicts.check_editable(jcbh, old.get("HCZT"), changed=changed),
                                verdicts.check_move(jcbh, old.get("HCZT"), new.get("HCZT")),
                                verdicts.check_rectification_move(jcbh, old.get("ZGZT"),
                                                                  new.get("ZGZT")))
                    if v is not None]
        return problems or verdicts.validate(jcbh, new, record["area"], record["hsx"])

    def check(self, key: str, changes: dict) -> list[verdicts.Violation]:
        """The rules ``changes`` to a patch or parcel would break, nothing written."""
        record = self._records([key])[key]
        new = verdicts.merge(record["fields"], changes)
        if new.get("PDLX") and new.get("HCZT", verdicts.UNCHECKED) == verdicts.UNCHECKED:
            new["HCZT"] = verdicts.DESK_DONE
        return self._check(key, record, new)

    def save(self, jcbh: str, changes: dict) -> str:
        """Change the verdict of one patch; returns the operation id (for undo)."""
        record = self._records([jcbh])[jcbh]
        new = verdicts.merge(record["fields"], changes)
        if new.get("PDLX") and new.get("HCZT", verdicts.UNCHECKED) == verdicts.UNCHECKED:
            new["HCZT"] = verdicts.DESK_DONE
        problems = self._check(jcbh, record, new)
        if problems:
            raise VerdictError(problems)
        op = str(uuid.uuid4())
        with self.store.transaction():
            self._write({jcbh: (record, new)}, op, "save")
        return op

    def plan(self, jcbhs, verdict: dict, overwrite: bool = False, net: bool | None = None):
        """What ``label`` would write: {key: (record, new verdict)}, how many are skipped, and
        the rules broken. A 违法 verdict without areas takes each patch's own (its precheck
        figures, or its area where none ran)."""
        records = self._records(jcbhs)
        targets, skipped, problems = {}, 0, []
        own_areas = verdict.get("PDLX") == verdicts.ILLEGAL and not any(
            verdict.get(f) for f in verdicts.AREAS)
        for jcbh, record in records.items():
            if record["split"] or (record["fields"].get("PDLX") and not overwrite):
                skipped += 1
                continue
            changes = dict(verdict)
            if own_areas:
                changes.update({f: round(v, MU_DECIMALS) for f, v in
                                verdicts.suggested_areas(record["figures"], net).items()})
            new = verdicts.merge(record["fields"], changes)
            if new.get("HCZT", verdicts.UNCHECKED) == verdicts.UNCHECKED:
                new["HCZT"] = verdicts.DESK_DONE
            problems += self._check(jcbh, record, new)
            targets[jcbh] = (record, new)
        return targets, skipped, problems

    def label(self, jcbhs, verdict: dict, overwrite: bool = False,
              net: bool | None = None) -> Labelled:
        """One verdict for many patches, as one action (one undo step). Patches already judged
        are skipped unless ``overwrite``, and split ones always (their parcels are judged);
        one invalid verdict and nothing is written."""
        targets, skipped, problems = self.plan(jcbhs, verdict, overwrite, net)
        if problems:
            raise VerdictError(problems)
        if not targets:
            return Labelled(0, skipped, None)
        op = str(uuid.uuid4())
        with self.store.transaction():
            self._write(targets, op, "batch")
        return Labelled(len(targets), skipped, op)

    def _write(self, targets: dict, op: str, action: str, queue: bool = True,
               who: str | None = None) -> None:
        """Results, the patches' mirror, history and (when ``queue``) the outbox for
        ``targets`` (in a transaction). A record's ``version`` is the one its change builds on;
        a ``server_version`` in it is taken as it is (a copy from the server), and ``new``
        says that its ``id`` (the server's) is not in the store yet."""
        at, who = now(), who or user()
        inserts, updates, changes, outbox = [], [], [], []
        mirror = {False: [], True: []}  # patches, parcels
        for key, (record, new) in targets.items():
            old = record["fields"]
            jcbh, dkbh = record["jcbh"], record["dkbh"]
            rid = record["id"] or str(uuid.uuid4())
            version = record.get("server_version") or record["version"] + 1
            data = json.dumps(new, ensure_ascii=False, sort_keys=True)
            row = (new.get("PDLX"), new.get("HCHLX"), new.get("WFLX"), new.get("HCZT"), data,
                   version, at, who)
            if record["id"] is None or record.pop("new", False):
                inserts.append((rid, jcbh, dkbh, *row))
            else:
                updates.append((*row, rid))
            mirror[bool(dkbh)].append((*(new.get(f) for f in MIRRORED), key))
            changes += [(jcbh, dkbh, field, old.get(field), new.get(field))
                        for field in sorted(set(old) | set(new)) if old.get(field) != new.get(field)]
            entity = {"JCBH": jcbh, "DKBH": dkbh} if dkbh else {"JCBH": jcbh}
            if queue:
                outbox.append((str(uuid.uuid4()), OpKind.RESULT.value, rid, record["version"],
                               json.dumps({**entity, **new}, ensure_ascii=False), at))
            record.update(id=rid, version=version, fields=new)
            record.pop("server_version", None)
        conn = self.conn
        conn.executemany("INSERT INTO results(id, JCBH, DKBH, PDLX, HCHLX, WFLX, HCZT, data, "
                         "version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         inserts)
        conn.executemany("UPDATE results SET PDLX = ?, HCHLX = ?, WFLX = ?, HCZT = ?, data = ?, "
                         "version = ?, updated_at = ?, updated_by = ? WHERE id = ?", updates)
        for table, key in (("patches", "JCBH"), ("parcels", "DKBH")):
            conn.executemany(f"UPDATE {table} SET PDLX = ?, HCHLX = ?, WFLX = ?, HCZT = ? "
                             f"WHERE {key} = ?", mirror[table == "parcels"])
        for jcbh in {record["jcbh"] for record, _ in targets.values() if record["dkbh"]}:
            mirror_split_patch(conn, jcbh)
        history.write(conn, at, who, action, op, changes)
        conn.executemany("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?)", outbox)

    # --- undo and redo, from the history ---------------------------------------------------

    def replay(self, op: str, action: str) -> None:
        """Undo (or redo) verdict operation ``op``: each field back to what it was before (or
        after) it. Refused when a result it touches is read-only now."""
        values: dict[str, dict] = {}
        for key, field, old, new in history.History(self.store).changes(op, self.ACTIONS):
            values.setdefault(key, {})[field] = old if action == history.UNDO else new
        records = self._records(values)
        problems = [v for j, r in records.items()
                    if (v := verdicts.check_editable(j, r["fields"].get("HCZT"))) is not None]
        if problems:
            raise VerdictError(problems)
        targets = {j: (records[j], {k: v for k, v in {**records[j]["fields"], **changes}.items()
                                    if v is not None})
                   for j, changes in values.items()}
        with self.store.transaction():
            self._write(targets, op, action)
