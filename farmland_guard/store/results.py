"""Saving verdicts: one transaction per user action, every change in the history, undo and
redo from the history (so they survive a restart), each change queued in the outbox."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from ..core import verdicts
from ..core.errors import FarmlandGuardError
from ..core.language import say
from ..core.ops import OpKind
from ..core.units import MU_DECIMALS
from .workstore import WorkStore, now, user

MIRRORED = verdicts.MIRRORED  # on the patches layer too, for styling
VERDICT_ACTIONS = ("save", "batch")
PARCEL_ACTIONS = ("split", "merge")  # replayed by ``store.parcels``
DO_ACTIONS = VERDICT_ACTIONS + PARCEL_ACTIONS
CHUNK = 900  # SQLite caps the parameters of one statement


class VerdictError(FarmlandGuardError, ValueError):
    """A verdict breaks a rule; nothing was written."""

    code = "verdict"

    def __init__(self, violations: list[verdicts.Violation]):
        self.violations = violations
        first = violations[0] if violations else None
        super().__init__("\n".join(str(v) for v in violations), first.rule if first else None,
                         jcbh=first.jcbh if first else None, field=first.field if first else None)

    def message(self, locale=None) -> str:
        return "\n".join(v.message_in(locale) for v in self.violations)


@dataclass
class Labelled:
    changed: int
    skipped: int
    op: str | None


class Verdicts:
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

    def _write(self, targets: dict, op: str, action: str) -> None:
        """Results, the patches' mirror, history and outbox for ``targets`` (in a transaction)."""
        at, who = now(), user()
        inserts, updates, history, outbox = [], [], [], []
        mirror = {False: [], True: []}  # patches, parcels
        for key, (record, new) in targets.items():
            old = record["fields"]
            jcbh, dkbh = record["jcbh"], record["dkbh"]
            rid = record["id"] or str(uuid.uuid4())
            version = record["version"] + 1
            data = json.dumps(new, ensure_ascii=False, sort_keys=True)
            row = (new.get("PDLX"), new.get("HCHLX"), new.get("WFLX"), new.get("HCZT"), data,
                   version, at, who)
            if record["id"] is None:
                inserts.append((rid, jcbh, dkbh, *row))
            else:
                updates.append((*row, rid))
            mirror[bool(dkbh)].append((*(new.get(f) for f in MIRRORED), key))
            history += [(at, who, action, jcbh, dkbh, field, _text(old.get(field)),
                         _text(new.get(field)), op)
                        for field in sorted(set(old) | set(new)) if old.get(field) != new.get(field)]
            entity = {"JCBH": jcbh, "DKBH": dkbh} if dkbh else {"JCBH": jcbh}
            outbox.append((str(uuid.uuid4()), OpKind.RESULT.value, rid, record["version"],
                           json.dumps({**entity, **new}, ensure_ascii=False), at))
            record.update(id=rid, version=version, fields=new)
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
        conn.executemany("INSERT INTO history(at, who, action, JCBH, DKBH, field, old, new, op) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", history)
        conn.executemany("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?)", outbox)

    # --- undo and redo, from the history ---------------------------------------------------

    def _operations(self):
        """(op, last action) of every undoable operation, the latest first."""
        return self.conn.execute(
            "SELECT op, action, MAX(fid) AS last FROM history WHERE action IN "
            f"({', '.join(repr(a) for a in (*DO_ACTIONS, 'undo', 'redo'))}) "
            # a split or merge is undone from the outlines it kept (none before schema 2's)
            f"AND NOT (action IN {PARCEL_ACTIONS!r} AND op NOT IN "
            "(SELECT op FROM history WHERE field = 'geom')) "
            "GROUP BY op ORDER BY last DESC")

    def undo(self) -> str | None:
        """Undo the latest operation not yet undone; returns its id (None: nothing to undo)."""
        for op, action, _ in self._operations():
            if action != "undo":
                self._replay(op, "undo")
                return op
        return None

    def redo(self) -> str | None:
        """Redo the operation undone last, unless a new one was made since."""
        for op, action, _ in self._operations():
            if action in DO_ACTIONS:
                return None
            if action == "undo":
                self._replay(op, "redo")
                return op
        return None

    def _replay(self, op: str, action: str) -> None:
        first = self.conn.execute("SELECT action FROM history WHERE op = ? ORDER BY fid LIMIT 1",
                                  (op,)).fetchone()[0]
        if first in PARCEL_ACTIONS:
            from .parcels import Parcels

            Parcels(self.store).replay(op, action)
            return
        rows = self.conn.execute(
            "SELECT COALESCE(NULLIF(DKBH, ''), JCBH), field, old, new FROM history WHERE op = ? "
            "AND action IN ('save', 'batch') ORDER BY fid", (op,)).fetchall()
        values: dict[str, dict] = {}
        for key, field, old, new in rows:
            values.setdefault(key, {})[field] = _value(old if action == "undo" else new)
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


def mirror_split_patch(conn, jcbh: str) -> None:
    """The queue's state of a split patch follows its parcels (it has no verdict of its own);
    with no parcels left, its own result's state again."""
    states = [r[0] for r in conn.execute("SELECT HCZT FROM parcels WHERE JCBH = ?", (jcbh,))]
    if not states:
        row = conn.execute("SELECT data FROM results WHERE JCBH = ? AND COALESCE(DKBH, '') = ''",
                           (jcbh,)).fetchone()
        states = [json.loads(row[0]).get("HCZT") if row and row[0] else None]
    conn.execute("UPDATE patches SET HCZT = ? WHERE JCBH = ?", (verdicts.combined_state(states), jcbh))


def _text(value):
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _value(text):
    return None if text is None else json.loads(text)
