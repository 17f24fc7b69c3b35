"""A reviewer's decisions in the work store, offline like verdicts: approve or return submitted
results with a comment (预审意见). The move is checked with the rules the server applies
(``core.verdicts.check_review``: a state under review, a comment for a return); the new state,
comment and reviewer are written to the result, its patch's mirror and the history as one
action (undoable until the server has it), and each decision is queued in the outbox as an
op of kind ``review`` on the version it was made on. Nothing is written when one is refused."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from ..core import profiles, verdicts
from ..core.language import say
from ..core.ops import REJECTED, OpKind
from ..core.verdicts import APPROVE, RETURN, VerdictError, Violation
from . import history
from .results import CHUNK, Verdicts
from .workstore import WorkStore, now, user

__all__ = ["APPROVE", "RETURN", "Decided", "Reviews"]


@dataclass
class Decided:
    count: int
    op: str | None
    state: str | None  # the state the results went to (the first's)


def _op_id(op: str, result_id: str) -> str:
    """The outbox op of one result of a review action: found again to undo it, the same again
    when it is redone (the server never saw it: only unsent decisions are undone)."""
    return str(uuid.uuid5(uuid.UUID(op), result_id))


class Reviews:
    ACTIONS = history.REVIEW_ACTIONS  # the operations it replays

    def __init__(self, store: WorkStore, city_level: bool | None = None):
        self.store = store
        self.conn = store.conn
        self.city_level = profiles.city_level() if city_level is None else city_level
        self.verdicts = Verdicts(store)

    # --- reading ---------------------------------------------------------------------------

    def waiting(self) -> list[str]:
        """The patches (JCBH) with a result waiting for a review (theirs or a parcel's)."""
        states = [s for s in verdicts.READ_ONLY if verdicts.review_targets(s, self.city_level)]
        marks = ",".join("?" * len(states))
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT JCBH FROM results WHERE HCZT IN ({marks}) ORDER BY JCBH", states)]

    def keys_of(self, jcbhs) -> list[str]:
        """What is reviewed for each patch: the patch, or its parcels when it is split."""
        keys = []
        jcbhs = list(dict.fromkeys(jcbhs))
        for start in range(0, len(jcbhs), CHUNK):
            part = jcbhs[start:start + CHUNK]
            split = {}
            for jcbh, dkbh in self.conn.execute(
                    f"SELECT JCBH, DKBH FROM parcels WHERE JCBH IN ({','.join('?' * len(part))}) "
                    "ORDER BY DKBH", part):
                split.setdefault(jcbh, []).append(dkbh)
            for jcbh in part:
                keys += split.get(jcbh, [jcbh])
        return keys

    def targets(self, state: str | None) -> dict[str, str]:
        return verdicts.review_targets(state, self.city_level)

    # --- deciding --------------------------------------------------------------------------

    def plan(self, keys, decision: str, comment: str | None = None):
        """What ``decide`` would write: {key: (record, new fields)} and the rules broken."""
        comment = (comment or "").strip() or None
        records = self.verdicts._records(list(dict.fromkeys(keys)))
        planned, problems = {}, []
        who = user()
        for key, record in records.items():
            old = record["fields"]
            if record["id"] is None:
                problems.append(Violation(key, "HCZT", "workflow", say(
                    "nothing was submitted for this patch: there is nothing to review",
                    "该图斑尚未上报结果，无需审核")))
                continue
            refused = verdicts.check_review(key, old.get("HCZT"), decision, comment,
                                            self.city_level)
            if refused is not None:
                problems.append(refused)
                continue
            new = {**old, "HCZT": self.targets(old.get("HCZT"))[decision], "SHR": who}
            if comment:
                new["SJYSYJ"] = comment
            planned[key] = (record, new)
        return planned, problems

    def decide(self, keys, decision: str, comment: str | None = None) -> Decided:
        """Approve or return the results of ``keys`` (JCBH or DKBH) as one action; one refused
        and nothing is written."""
        planned, problems = self.plan(keys, decision, comment)
        if problems:
            raise VerdictError(problems)
        if not planned:
            return Decided(0, None, None)
        op = str(uuid.uuid4())
        comment = (comment or "").strip() or None
        with self.store.transaction():
            self._write(planned, op, "review", decision, comment)
        first = next(iter(planned.values()))[1]
        return Decided(len(planned), op, first["HCZT"])

    def _write(self, planned: dict, op: str, action: str, decision: str,
               comment: str | None) -> None:
        """The results, mirror and history (``Verdicts._write``), and one review op each."""
        ops = []
        for record, _ in planned.values():
            entity = {"JCBH": record["jcbh"], **({"DKBH": record["dkbh"]} if record["dkbh"]
                                                 else {})}
            ops.append((_op_id(op, record["id"]), OpKind.REVIEW.value, record["id"],
                        record["version"], json.dumps({**entity, "decision": decision,
                                                       "comment": comment}, ensure_ascii=False),
                        now()))
        self.verdicts._write(planned, op, action, queue=False)
        self.conn.executemany("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, "
                              "created_at) VALUES (?, ?, ?, ?, ?, ?)", ops)

    # --- undo and redo, from the history ---------------------------------------------------

    def replay(self, op: str, action: str) -> None:
        """Undo a review action while none of its decisions has been sent or the server
        refused them (once applied it is the server's: a new review changes it), or redo it."""
        values: dict[str, dict] = {}
        befores: dict[str, dict] = {}
        for key, field, old, new in history.History(self.store).changes(op, self.ACTIONS):
            values.setdefault(key, {})[field] = old if action == history.UNDO else new
            befores.setdefault(key, {})[field] = new if action == history.UNDO else old
        records = self.verdicts._records(values)
        problems = []
        for key, record in records.items():
            if record["fields"].get("HCZT") != befores[key].get("HCZT"):
                problems.append(Violation(key, "HCZT", "locked", say(
                    "the result has changed since: the review cannot be replayed",
                    "结果此后已有变化，不能撤销或重做该审核")))
        op_ids = [_op_id(op, r["id"]) for r in records.values() if r["id"]]
        if action == history.UNDO:
            marks = ",".join("?" * len(op_ids))
            unsent = self.conn.execute(
                f"SELECT COUNT(*) FROM outbox WHERE op_id IN ({marks}) AND "
                "COALESCE(push_key, '') = '' AND COALESCE(state, '') IN ('', ?)",
                (*op_ids, REJECTED)).fetchone()[0]
            if unsent != len(op_ids):
                problems.append(Violation(next(iter(records)), "HCZT", "sent", say(
                    "the review has been sent to the server: it cannot be undone here",
                    "该审核已上报服务器，不能在本地撤销")))
        if problems:
            raise VerdictError(problems)
        planned = {}
        for key, record in records.items():
            new = {k: v for k, v in {**record["fields"], **values[key]}.items() if v is not None}
            if action == history.UNDO:
                record["server_version"] = max(record["version"] - 1, 0)
            planned[key] = (record, new)
        with self.store.transaction():
            if action == history.UNDO:
                self.conn.executemany("DELETE FROM outbox WHERE op_id = ?",
                                      [(i,) for i in op_ids])
                self.verdicts._write(planned, op, action, queue=False)
            else:
                state = next(iter(planned.values()))[1].get("HCZT")
                decision = RETURN if state in verdicts.RETURNED_STATES else APPROVE
                comment = next(iter(values.values())).get("SJYSYJ")
                if decision == RETURN and not comment:
                    comment = next(iter(planned.values()))[1].get("SJYSYJ")
                self._write(planned, op, action, decision, comment)
