"""The work store's side of the sync: what to send next, what the server answered, what it
changed meanwhile. Every edit is in the outbox first (``store.results``, ``store.parcels``);
nothing here talks to the network (``farmland_guard.sync`` does, the GUI wires the two).

- A push is a *chunk* of ops under one key. The chunk is fixed when first sent: until the
  server has answered it, the same ops go again under the same key, so a dropped connection or
  a killed QGIS never sends an op twice under two keys.
- Unsent edits of one result are folded into its latest (each op is a whole copy) on the
  version the first was based on.
- A conflict keeps the base (the last copy both sides agreed on), mine and the server's copy
  until the user chooses; a rejected op stays, with the server's problem, until it is fixed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from ..core import verdicts
from ..core.language import say
from ..core.ops import APPLIED, CONFLICT, DUPLICATE, ELSEWHERE, REJECTED, SAME, SYNCED_KINDS, TAKEN, OpKind
from .parcels import Parcels
from .problems import EDITABLE as PROBLEM_EDITABLE
from .problems import Problems
from .results import Verdicts
from .workstore import WorkStore, now

__all__ = ["ELSEWHERE", "SAME", "TAKEN", "Chunk", "Outbox"]
CHUNK = 500
# The kinds whose rows carry the server's version: (table, key column).
VERSIONED = {OpKind.RESULT.value: ("results", "id"), OpKind.PROBLEM.value: ("problems", "WTBH")}


@dataclass
class Chunk:
    key: str
    ops: list[dict]


def problem_fields(copy: dict) -> dict:
    """A server's copy of a problem as the store's record (what the conflict compares)."""
    fields = {k: v for k, v in (copy.get("data") or {}).items() if k != "attachments"}
    return {**fields, "WTBH": copy.get("WTBH"), "geom_wkb": copy.get("geom_wkb")}


def _plain(value):
    return None if value in (None, "", []) else value


def _load(text):
    return json.loads(text) if text else None


class Outbox:
    def __init__(self, store: WorkStore):
        self.store = store
        self.conn = store.conn

    # --- what is waiting ---------------------------------------------------------------

    def counts(self) -> dict:
        rows = dict(self.conn.execute(  # ops of a kind the server does not take yet are held
            "SELECT COALESCE(NULLIF(state, ''), 'pending'), COUNT(*) FROM outbox WHERE kind IN "
            f"({', '.join('?' * len(SYNCED_KINDS))}) GROUP BY 1", SYNCED_KINDS))
        return {"pending": rows.get("pending", 0), "rejected": rows.get(REJECTED, 0),
                "conflicts": self.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0]}

    def rejected(self) -> list[dict]:
        return [{"op_id": o, "kind": k, "id": e, "data": _load(d), "problem": _load(p)}
                for o, k, e, d, p in self.conn.execute(
                    "SELECT op_id, kind, entity_id, data, problem FROM outbox "
                    "WHERE state = ? ORDER BY fid", (REJECTED,))]

    def conflicts(self) -> list[dict]:
        return [{"op_id": o, "kind": k, "id": e, "base": _load(b), "mine": _load(m),
                 "server": _load(s), "server_version": v}
                for o, k, e, b, m, s, v in self.conn.execute(
                    "SELECT op_id, kind, entity_id, base, mine, server, server_version "
                    "FROM conflicts ORDER BY fid")]

    def attachment_path(self, sha256: str):
        return self.store.files_dir / sha256[:2] / sha256

    def attachments_of(self, ops: list[dict]) -> list[tuple[str, str]]:
        """(SHA-256, file name) of the evidence the results of a chunk cite."""
        cited = {sha for op in ops for sha in op["data"].get("attachments") or ()}
        return sorted(self.conn.execute(
            f"SELECT DISTINCT sha256, name FROM attachments WHERE sha256 IN "
            f"({','.join('?' * len(cited))})", sorted(cited)).fetchall()) if cited else []

    # --- pushing -----------------------------------------------------------------------

    def next_chunk(self, limit: int = CHUNK) -> Chunk | None:
        """The chunk in flight if the server has not answered it, else a new one."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT push_key FROM outbox WHERE push_key IS NOT NULL "
                               "AND push_key != '' AND COALESCE(state, '') = '' LIMIT 1").fetchone()
            if row is None:
                self._fold(conn)
                key = str(uuid.uuid4())
                # only the kinds the server takes (SYNCED_KINDS): any other waits in the outbox
                conn.execute("UPDATE outbox SET push_key = ? WHERE fid IN (SELECT fid FROM outbox "
                             "WHERE COALESCE(state, '') = '' AND kind IN "
                             f"({', '.join('?' * len(SYNCED_KINDS))}) ORDER BY fid LIMIT ?)",
                             (key, *SYNCED_KINDS, limit))
            else:
                key = row[0]
            rows = conn.execute("SELECT op_id, kind, entity_id, base_version, data FROM outbox "
                                "WHERE push_key = ? ORDER BY fid", (key,)).fetchall()
        if not rows:
            return None
        ops = [{"op_id": o, "kind": k, "id": e, "base_version": b, "data": json.loads(d)}
               for o, k, e, b, d in rows]
        evidence = self._evidence({op["data"].get("JCBH") for op in ops})
        ledger = Problems(self.store)
        for op in ops:  # a result and a problem cite their evidence by SHA-256
            if op["kind"] == OpKind.RESULT.value:
                op["data"]["attachments"] = sorted(evidence.get(
                    (op["data"].get("JCBH"), op["data"].get("DKBH") or ""), ()))
            elif op["kind"] == OpKind.PROBLEM.value:  # what 销号 counts (JCBH = WTBH, GLTB)
                op["data"]["attachments"] = ledger.evidence_files(op["id"], op["data"])
        return Chunk(key, ops)

    def _evidence(self, jcbhs) -> dict[tuple, set]:
        """(JCBH, DKBH or '') -> the SHA-256 of its attachments."""
        found: dict[tuple, set] = {}
        jcbhs = sorted(j for j in jcbhs if j)
        for start in range(0, len(jcbhs), 900):
            part = jcbhs[start:start + 900]
            for jcbh, dkbh, sha in self.conn.execute(
                    "SELECT JCBH, COALESCE(DKBH, ''), sha256 FROM attachments WHERE JCBH IN "
                    f"({','.join('?' * len(part))})", part):
                found.setdefault((jcbh, dkbh), set()).add(sha)
        return found

    def _fold(self, conn) -> None:
        """Unsent edits of one result in a row with the same workflow state become the latest
        of them (each op is a whole copy), so the server still sees every move of the state
        (内业完成 before 已上报); the ops left build on one another from the version the first
        was based on. A split is sent on the split version the server last told us. Reviews
        are never folded: each decision goes, in order, on the version it was made on."""
        unsent = "COALESCE(state, '') = '' AND COALESCE(push_key, '') = ''"
        # only entities edited more than once, and splits, have anything to fold or rebase
        rows = conn.execute(
            f"SELECT fid, kind, entity_id, base_version, data FROM outbox WHERE {unsent} AND "
            f"(kind = ? OR (kind, entity_id) IN (SELECT kind, entity_id FROM outbox WHERE "
            f"{unsent} GROUP BY kind, entity_id HAVING COUNT(*) > 1)) ORDER BY fid",
            (OpKind.PARCELS.value,)).fetchall()
        runs: dict[tuple, list] = {}  # entity -> [[state, fids…], …]
        bases: dict[tuple, int] = {}
        for fid, kind, entity, base, data in rows:
            if kind == OpKind.REVIEW.value:
                continue
            state = json.loads(data).get("HCZT") if kind == OpKind.RESULT.value else None
            entity_runs = runs.setdefault((kind, entity), [])
            bases.setdefault((kind, entity), base)
            if entity_runs and entity_runs[-1][0] == state:
                entity_runs[-1].append(fid)
            else:
                entity_runs.append([state, fid])
        for (kind, entity), entity_runs in runs.items():
            base = bases[(kind, entity)]
            if kind == OpKind.PARCELS.value:
                base = self._server_version(conn, kind, entity) or 0
            for number, (_, *fids) in enumerate(entity_runs):
                conn.executemany("DELETE FROM outbox WHERE fid = ?", [(f,) for f in fids[:-1]])
                conn.execute("UPDATE outbox SET base_version = ? WHERE fid = ?",
                             (base + number, fids[-1]))

    @staticmethod
    def _server_version(conn, kind: str, entity: str) -> int | None:
        row = conn.execute("SELECT version FROM server_copies WHERE kind = ? AND entity_id = ?",
                           (kind, entity)).fetchone()
        return row[0] if row else None

    def settle(self, chunk: Chunk, replies: list[dict]) -> dict:
        """Record the server's answer to ``chunk``; returns how many ops had each status."""
        sent = {op["op_id"]: op for op in chunk.ops}
        counts = {APPLIED: 0, DUPLICATE: 0, CONFLICT: 0, REJECTED: 0}
        with self.store.transaction() as conn:
            for reply in replies:
                op = sent.get(reply.get("op_id"))
                if op is None:
                    continue
                status = reply["status"]
                counts[status] = counts.get(status, 0) + 1
                if status in (APPLIED, DUPLICATE):
                    self._agreed(conn, op, reply["version"])
                elif status == CONFLICT:
                    server = reply.get("server") or {}
                    if op["kind"] in (OpKind.RESULT.value, OpKind.REVIEW.value):
                        # its verdict fields, as ours are
                        server = {**(server.get("data") or {}), "SJYSYJ": server.get("SJYSYJ")}
                    elif op["kind"] == OpKind.PROBLEM.value:
                        server = problem_fields(server)
                    if op["kind"] == OpKind.REVIEW.value:
                        op = {**op, "data": self._review_mine(conn, op)}
                    self._conflict(conn, op, server, reply["version"])
                else:
                    self._reject(conn, op, reply.get("problem") or {})
            conn.execute("UPDATE outbox SET push_key = NULL WHERE push_key = ?", (chunk.key,))
        return counts

    def _agreed(self, conn, op: dict, version: int) -> None:
        conn.execute("DELETE FROM outbox WHERE op_id = ?", (op["op_id"],))
        if op["kind"] == OpKind.REVIEW.value:  # the result is at the server's version now
            row = conn.execute("SELECT data FROM results WHERE id = ?", (op["id"],)).fetchone()
            if row is not None:
                self._keep_copy(conn, OpKind.RESULT.value, op["id"], version, json.loads(row[0]))
            if not conn.execute("SELECT COUNT(*) FROM outbox WHERE entity_id = ?",
                                (op["id"],)).fetchone()[0]:
                conn.execute("UPDATE results SET version = ? WHERE id = ?", (version, op["id"]))
            return
        self._keep_copy(conn, op["kind"], op["id"], version, op["data"])
        later = conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = ? AND entity_id = ?",
                             (op["kind"], op["id"])).fetchone()[0]
        if op["kind"] in VERSIONED:
            if later:  # edited again while the push was out: that edit builds on this version
                conn.execute("UPDATE outbox SET base_version = ? WHERE kind = ? AND entity_id = ? "
                             "AND COALESCE(push_key, '') = ''", (version, op["kind"], op["id"]))
            else:
                table, column = VERSIONED[op["kind"]]
                conn.execute(f"UPDATE {table} SET version = ? WHERE {column} = ?",
                             (version, op["id"]))

    @staticmethod
    def _keep_copy(conn, kind: str, entity: str, version: int, data: dict) -> None:
        conn.execute("INSERT INTO server_copies(kind, entity_id, version, data, at) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, entity_id) DO UPDATE SET "
                     "version = excluded.version, data = excluded.data, at = excluded.at",
                     (kind, entity, version, json.dumps(data, ensure_ascii=False), now()))

    def _conflict(self, conn, op: dict, server: dict, version: int) -> None:
        """The op and any later edit of the same entity wait for the user's choice."""
        mine = op["data"]
        for op_id, data in conn.execute("SELECT op_id, data FROM outbox WHERE kind = ? AND "
                                        "entity_id = ? ORDER BY fid", (op["kind"], op["id"])):
            mine = json.loads(data) if op_id != op["op_id"] else mine
        base = conn.execute("SELECT data FROM server_copies WHERE kind = ? AND entity_id = ?",
                            (op["kind"], op["id"])).fetchone()
        conn.execute("DELETE FROM outbox WHERE kind = ? AND entity_id = ?", (op["kind"], op["id"]))
        conn.execute("DELETE FROM conflicts WHERE kind = ? AND entity_id = ?",
                     (op["kind"], op["id"]))
        conn.execute("INSERT INTO conflicts(op_id, kind, entity_id, base, mine, server, "
                     "server_version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (op["op_id"], op["kind"], op["id"], base[0] if base else "{}",
                      json.dumps(mine, ensure_ascii=False),
                      json.dumps(server, ensure_ascii=False), version, now()))

    @staticmethod
    def _review_mine(conn, op: dict) -> dict:
        """A review op in conflict, as the result it made here (what the user compares), with
        the decision and comment it carried."""
        row = conn.execute("SELECT data FROM results WHERE id = ?", (op["id"],)).fetchone()
        return {**(json.loads(row[0]) if row and row[0] else {}), **op["data"]}

    @staticmethod
    def _reject(conn, op: dict, problem: dict) -> None:
        conn.execute("UPDATE outbox SET state = ?, problem = ? WHERE op_id = ?",
                     (REJECTED, json.dumps(problem, ensure_ascii=False), op["op_id"]))
        # a later edit of the same entity builds on what the server still has
        conn.execute("UPDATE outbox SET base_version = ? WHERE kind = ? AND entity_id = ? AND "
                     "COALESCE(state, '') = '' AND COALESCE(push_key, '') = ''",
                     (op["base_version"], op["kind"], op["id"]))

    # --- what the server holds ---------------------------------------------------------

    def sync_state(self) -> dict:
        return {key: self.store.meta(key) for key in ("sync_url", "sync_seq", "sync_at")}

    def set_sync_state(self, **values) -> None:
        with self.store.transaction() as conn:
            conn.executemany("INSERT INTO store_meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                             "DO UPDATE SET value = excluded.value",
                             [(k, None if v is None else str(v)) for k, v in values.items()])

    def take(self, remote: list[dict]) -> dict[str, str]:
        """Results the server changed (``GET /sync/v1/results/{id}`` copies): written into the
        store where nothing of ours waits for them — with the reviewer's comment (``SJYSYJ``)
        and name (``SHR``, kept until the next review), in the history under their name —, a
        conflict where an unsent edit of ours does. Returns id -> taken, conflict, same
        (nothing new: our own push coming back) or elsewhere (a patch this store lacks)."""
        outcome = {}
        verdicts_ = Verdicts(self.store)
        with self.store.transaction() as conn:
            for copy in remote:
                rid, version = copy["id"], copy["version"]
                known = self._server_version(conn, OpKind.RESULT.value, rid)
                if known is not None and known >= version:
                    outcome[rid] = SAME
                    continue
                waiting = conn.execute("SELECT op_id, base_version, data, kind FROM outbox "
                                       "WHERE kind IN (?, ?) AND entity_id = ? ORDER BY fid DESC",
                                       (OpKind.RESULT.value, OpKind.REVIEW.value,
                                        rid)).fetchone()
                key = copy.get("DKBH") or copy["JCBH"]
                if not self._holds(conn, copy):
                    outcome[rid] = ELSEWHERE  # another batch of the region
                    continue
                fields = {k: v for k, v in (copy.get("data") or {}).items()
                          if k in verdicts.FIELDS or k in verdicts.REVIEW_NOTES}
                if not fields.get("SJYSYJ") and copy.get("SJYSYJ"):
                    fields["SJYSYJ"] = copy["SJYSYJ"]  # the server keeps the last one apart
                if fields.get("HCZT") in verdicts.reviewed_states() and copy.get("updated_by"):
                    fields["SHR"] = copy["updated_by"]  # who decided
                if waiting is not None:
                    op = {"op_id": waiting[0], "kind": waiting[3], "id": rid,
                          "base_version": waiting[1], "data": json.loads(waiting[2])}
                    if op["kind"] == OpKind.REVIEW.value:
                        op["data"] = self._review_mine(conn, op)
                    self._conflict(conn, op, fields, version)
                    outcome[rid] = CONFLICT
                    continue
                record = verdicts_._records([key])[key]
                for note in verdicts.REVIEW_NOTES:  # the last review's, until the next one
                    if not fields.get(note) and record["fields"].get(note):
                        fields[note] = record["fields"][note]
                # a result first made elsewhere (a reviewer's store, another device) is new here
                record.update(id=rid, server_version=version, new=record["id"] is None)
                verdicts_._write({key: (record, fields)}, str(uuid.uuid4()), "pull", queue=False,
                                 who=copy.get("updated_by"))
                self._keep_copy(conn, OpKind.RESULT.value, rid, version, fields)
                outcome[rid] = TAKEN
        return outcome

    @staticmethod
    def _holds(conn, copy: dict) -> bool:
        """Whether the store holds the patch (or parcel) of a pulled result."""
        if copy.get("DKBH"):
            query, key = "SELECT 1 FROM parcels WHERE DKBH = ?", copy["DKBH"]
        else:
            query, key = "SELECT 1 FROM patches WHERE JCBH = ?", copy.get("JCBH")
        return conn.execute(query, (key,)).fetchone() is not None

    def resolve(self, entity_id: str, chosen: dict) -> str:
        """The user's choice in a conflict — the server's copy, mine, or a field-by-field mix —
        as one action (undoable); unless it is the server's copy it goes back as a new op on
        the server's version. Returns the action's op id."""
        row = self.conn.execute("SELECT kind, mine, server, server_version FROM conflicts "
                                "WHERE entity_id = ?", (entity_id,)).fetchone()
        if row is None:
            raise verdicts.VerdictError([verdicts.Violation(entity_id, "id", "conflict", say(
                "there is no conflict on this result", "该结果没有冲突"))])
        kind, mine, server, version = row[0], json.loads(row[1]), json.loads(row[2]), row[3]
        if kind == OpKind.REVIEW.value:
            return self._resolve_review(entity_id, chosen, mine, server, version)
        if kind == OpKind.PARCELS.value:
            return self._resolve_split(entity_id, chosen, server, version)
        if kind == OpKind.PROBLEM.value:
            return self._resolve_problem(entity_id, chosen, server, version)
        verdicts_ = Verdicts(self.store)
        key = mine.get("DKBH") or mine["JCBH"]
        record = verdicts_._records([key])[key]
        fields = {k: v for k, v in chosen.items() if k in verdicts.FIELDS and v not in (None, "")}
        theirs = {k: v for k, v in server.items() if k in verdicts.FIELDS and v not in (None, "")}
        op = str(uuid.uuid4())
        with self.store.transaction() as conn:
            if fields == theirs:
                record.update(id=entity_id, server_version=version)
                verdicts_._write({key: (record, fields)}, op, "resolve", queue=False)
            else:
                record.update(id=entity_id, version=version)
                verdicts_._write({key: (record, fields)}, op, "resolve")
            self._keep_copy(conn, kind, entity_id, version, server)
            conn.execute("DELETE FROM conflicts WHERE entity_id = ?", (entity_id,))
        return op

    def _resolve_review(self, entity_id: str, chosen: dict, mine: dict, server: dict,
                        version: int) -> str:
        """A decision made offline on a result that moved on at the server meanwhile: the
        server's copy is written in; unless the user chose that copy, the decision goes again
        on the server's version (refused when the result is no longer under review)."""
        from .review import Reviews

        verdicts_ = Verdicts(self.store)
        key = mine.get("DKBH") or mine["JCBH"]
        record = verdicts_._records([key])[key]
        theirs = {k: v for k, v in server.items()
                  if (k in verdicts.FIELDS or k in verdicts.REVIEW_NOTES) and v not in (None, "")}
        keep_theirs = chosen.get("HCZT") == theirs.get("HCZT")
        op = str(uuid.uuid4())
        with self.store.transaction() as conn:
            record.update(id=entity_id, server_version=version)
            verdicts_._write({key: (record, theirs)}, op, "resolve", queue=False)
            self._keep_copy(conn, OpKind.RESULT.value, entity_id, version, theirs)
            conn.execute("DELETE FROM conflicts WHERE entity_id = ?", (entity_id,))
        if not keep_theirs:
            return Reviews(self.store).decide([key], mine.get("decision"),
                                              mine.get("comment")).op or op
        return op

    def take_splits(self, remote: list[dict]) -> dict[str, str]:
        """Splits the server changed (``{JCBH, version, parcels}``): written into the store where
        no split of ours waits to go; ours goes next and meets theirs there. Returns JCBH ->
        taken, same, elsewhere or conflict (ours waits)."""
        outcome = {}
        kind = OpKind.PARCELS.value
        for copy in remote:
            jcbh, version = copy["JCBH"], copy["version"]
            known = self._server_version(self.conn, kind, jcbh)
            if known is not None and known >= version:
                outcome[jcbh] = SAME
            elif self.conn.execute("SELECT 1 FROM patches WHERE JCBH = ?", (jcbh,)).fetchone() is None:
                outcome[jcbh] = ELSEWHERE
            elif self.conn.execute("SELECT 1 FROM outbox WHERE kind = ? AND entity_id = ?",
                                   (kind, jcbh)).fetchone():
                outcome[jcbh] = CONFLICT
            else:
                Parcels(self.store).take(jcbh, copy["parcels"], copy.get("updated_by"))
                with self.store.transaction() as conn:
                    self._keep_copy(conn, kind, jcbh, version, {"parcels": copy["parcels"]})
                outcome[jcbh] = TAKEN
        return outcome

    def take_problems(self, remote: list[dict]) -> dict[str, str]:
        """Problems the server changed (``GET /sync/v1/problems/{wtbh}`` copies): written into
        the store where no edit of ours waits to go, a conflict (kind problem, settled by
        ``resolve``) where one does. A problem neither held here nor concerning a patch or
        parcel the store holds (nor, without any, its county) is another batch's: elsewhere.
        Returns WTBH -> taken, same, conflict or elsewhere."""
        outcome, kind = {}, OpKind.PROBLEM.value
        ledger = Problems(self.store)
        with self.store.transaction() as conn:
            for copy in remote:
                wtbh, version = copy["WTBH"], copy["version"]
                known = self._server_version(conn, kind, wtbh)
                if known is not None and known >= version:
                    outcome[wtbh] = SAME
                    continue
                if not self._holds_problem(conn, copy):
                    outcome[wtbh] = ELSEWHERE
                    continue
                fields = problem_fields(copy)
                if conn.execute("UPDATE conflicts SET server = ?, server_version = ? WHERE "
                                "kind = ? AND entity_id = ?",
                                (json.dumps(fields, ensure_ascii=False), version, kind,
                                 wtbh)).rowcount:
                    outcome[wtbh] = CONFLICT  # still the user's to settle, on the newest copy
                    continue
                waiting = conn.execute("SELECT op_id, base_version, data FROM outbox WHERE "
                                       "kind = ? AND entity_id = ? ORDER BY fid DESC",
                                       (kind, wtbh)).fetchone()
                if waiting is not None:
                    self._conflict(conn, {"op_id": waiting[0], "kind": kind, "id": wtbh,
                                          "base_version": waiting[1],
                                          "data": json.loads(waiting[2])}, fields, version)
                    outcome[wtbh] = CONFLICT
                    continue
                ledger.take(conn, copy)
                self._keep_copy(conn, kind, wtbh, version, fields)
                outcome[wtbh] = TAKEN
        return outcome

    @staticmethod
    def _holds_problem(conn, copy: dict) -> bool:
        if conn.execute("SELECT 1 FROM problems WHERE WTBH = ?", (copy["WTBH"],)).fetchone():
            return True
        related = [str(k) for k in (copy.get("data") or {}).get("GLTB") or []]
        if related:
            marks = ",".join("?" * len(related))
            return conn.execute(f"SELECT 1 FROM patches WHERE JCBH IN ({marks}) UNION ALL "
                                f"SELECT 1 FROM parcels WHERE DKBH IN ({marks}) LIMIT 1",
                                (*related, *related)).fetchone() is not None
        return conn.execute("SELECT 1 FROM patches WHERE XZQDM = ? LIMIT 1",
                            (copy.get("XZQDM"),)).fetchone() is not None

    def _resolve_problem(self, wtbh: str, chosen: dict, server: dict, version: int) -> str:
        """A problem's conflict: the server's copy written in; unless the user chose it as it
        is, the chosen fields go on it as the user's own change (the ledger's rules checked
        from the server's copy; refused, the conflict stays) and out on the server's version.
        Returns the change's op id ('' when the server's copy was taken as it is)."""
        ledger = Problems(self.store)
        editable = [k for k in chosen if k in PROBLEM_EDITABLE]
        changes = {k: chosen.get(k) for k in editable
                   if _plain(chosen.get(k)) != _plain(server.get(k))}
        geometry = chosen.get("geom_wkb") if chosen.get("geom_wkb") != server.get("geom_wkb") \
            else None
        with self.store.transaction() as conn:
            ledger.take(conn, {"WTBH": wtbh, "data": server, "version": version,
                               "geom_wkb": server.get("geom_wkb")})
            self._keep_copy(conn, OpKind.PROBLEM.value, wtbh, version, server)
        op = ""
        if changes or geometry:
            op = ledger.update(wtbh, changes, bytes.fromhex(geometry) if geometry else None)
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM conflicts WHERE kind = ? AND entity_id = ?",
                         (OpKind.PROBLEM.value, wtbh))
        return op

    def _resolve_split(self, jcbh: str, chosen: dict, server: dict, version: int) -> str:
        """A split's conflict: the server's parcels taken as they are, or the chosen ones
        written and sent again on the server's split version."""
        theirs = server.get("parcels") or []
        outline = chosen.get("parcels") or []
        Parcels(self.store).take(jcbh, outline, action="resolve_split", queue=outline != theirs)
        with self.store.transaction() as conn:
            self._keep_copy(conn, OpKind.PARCELS.value, jcbh, version, {"parcels": theirs})
            conn.execute("DELETE FROM conflicts WHERE kind = ? AND entity_id = ?",
                         (OpKind.PARCELS.value, jcbh))
        return jcbh
