"""The history of a work store: one row per field a user action changed — when, who, which
action, the patch (and parcel), the value before and after (JSON) and the operation it belongs
to. Every save, batch label, split, merge, undo and redo writes here; the history is read back
for people (a patch's history) and replayed for undo and redo, which so survive a restart.

``store.results`` (verdicts) and ``store.parcels`` (splits and merges) both write through this
module and each replays its own operations; neither imports the other: ``History`` is handed
the editors that replay them.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Protocol

from ..core.history import Change
from .workstore import WorkStore

__all__ = ["Change", "History", "decode", "encode", "write"]

VERDICT_ACTIONS = ("save", "batch", "resolve")  # replayed by ``store.results.Verdicts``
PARCEL_ACTIONS = ("split", "merge", "resolve_split")  # replayed by ``store.parcels.Parcels``
REVIEW_ACTIONS = ("review",)  # replayed by ``store.review.Reviews``
DO_ACTIONS = VERDICT_ACTIONS + PARCEL_ACTIONS + REVIEW_ACTIONS
UNDO, REDO = "undo", "redo"
IMPORT = "import"  # written by the importer: batch state, outline and parcels of a re-import
OUTLINE = "geom"  # the parcels' outlines a split or merge keeps for undo, not for people
PEOPLE_LIMIT = 200


def encode(value: Any) -> str | None:
    """A value as the history keeps it (JSON text)."""
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def write(conn, at: str, who: str, action: str, op: str, changes: Iterable[tuple]) -> None:
    """Append ``changes`` — (JCBH, DKBH, field, old, new) with plain values — for one action
    (inside the caller's transaction)."""
    conn.executemany(
        "INSERT INTO history(at, who, action, JCBH, DKBH, field, old, new, op) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, who, action, jcbh, dkbh, field, encode(old), encode(new), op)
         for jcbh, dkbh, field, old, new in changes])


def _decoded(text: str | None) -> Any:
    """Values the importer wrote are not all JSON (batch states, outline hashes)."""
    try:
        return decode(text)
    except ValueError:
        return text


class Editor(Protocol):
    """What replays its own operations: ``Verdicts`` and ``Parcels``."""

    ACTIONS: tuple[str, ...]

    def replay(self, op: str, action: str) -> Any: ...


class History:
    def __init__(self, store: WorkStore, *editors: Editor):
        self.store = store
        self.conn = store.conn
        self.editors = {action: editor for editor in editors for action in editor.ACTIONS}

    # --- for people ------------------------------------------------------------------------

    def of(self, jcbh: str, limit: int = PEOPLE_LIMIT) -> list[Change]:
        """Who changed what and when on a patch and its parcels, the latest first (the outlines
        kept for undo left out)."""
        rows = self.conn.execute(
            "SELECT at, who, action, JCBH, COALESCE(DKBH, ''), field, old, new, op FROM history "
            "WHERE JCBH = ? AND field != ? ORDER BY fid DESC LIMIT ?", (jcbh, OUTLINE, limit))
        return [Change(at, who, action, j, dkbh, field, _decoded(old), _decoded(new), op or "")
                for at, who, action, j, dkbh, field, old, new, op in rows]

    def replayed(self, op: str) -> list[Change]:
        """What the latest undo or redo of an operation changed, for people."""
        rows = self.conn.execute(
            "SELECT at, who, action, JCBH, COALESCE(DKBH, ''), field, old, new, op, fid "
            "FROM history WHERE op = ? AND action IN (?, ?) AND field != ? ORDER BY fid DESC",
            (op, UNDO, REDO, OUTLINE)).fetchall()
        if not rows:
            return []
        last = rows[0][:3]  # the rows of that one replay: same time, person and action
        return [Change(at, who, action, j, dkbh, field, _decoded(old), _decoded(new), op or "")
                for at, who, action, j, dkbh, field, old, new, op, _ in rows
                if (at, who, action) == last]

    def patches_of(self, op: str) -> list[str]:
        """The patches an operation changed."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT JCBH FROM history WHERE op = ?", (op,))]

    # --- for replaying ---------------------------------------------------------------------

    def changes(self, op: str, actions: Iterable[str] = VERDICT_ACTIONS) -> list[tuple]:
        """(key: DKBH or else JCBH, field, old, new) of an operation as it was first made."""
        actions = tuple(actions)
        return [(key, field, decode(old), decode(new)) for key, field, old, new in self.conn.execute(
            "SELECT COALESCE(NULLIF(DKBH, ''), JCBH), field, old, new FROM history WHERE op = ? "
            f"AND action IN ({', '.join('?' * len(actions))}) ORDER BY fid", (op, *actions))]

    def outlines(self, op: str) -> tuple[str, Any, Any] | None:
        """(JCBH, parcels before, parcels after) of a split or merge; None for one recorded
        before the outlines were kept."""
        row = self.conn.execute(
            "SELECT JCBH, old, new FROM history WHERE op = ? AND field = ? "
            f"AND action IN ({', '.join('?' * len(PARCEL_ACTIONS))}) ORDER BY fid LIMIT 1",
            (op, OUTLINE, *PARCEL_ACTIONS)).fetchone()
        return None if row is None else (row[0], decode(row[1]), decode(row[2]))

    def _operations(self):
        """(op, last action) of every undoable operation, the latest first."""
        return self.conn.execute(
            "SELECT op, action, MAX(fid) AS last FROM history WHERE action IN "
            f"({', '.join(repr(a) for a in (*DO_ACTIONS, UNDO, REDO))}) "
            # a split or merge is undone from the outlines it kept (none before schema 2's)
            f"AND NOT (action IN {PARCEL_ACTIONS!r} AND op NOT IN "
            f"(SELECT op FROM history WHERE field = '{OUTLINE}')) "
            "GROUP BY op ORDER BY last DESC")

    def undo(self) -> str | None:
        """Undo the latest operation not yet undone; returns its id (None: nothing to undo)."""
        for op, action, _ in self._operations():
            if action != UNDO:
                self._replay(op, UNDO)
                return op
        return None

    def redo(self) -> str | None:
        """Redo the operation undone last, unless a new one was made since."""
        for op, action, _ in self._operations():
            if action in DO_ACTIONS:
                return None
            if action == UNDO:
                self._replay(op, REDO)
                return op
        return None

    def _replay(self, op: str, action: str) -> None:
        first = self.conn.execute("SELECT action FROM history WHERE op = ? ORDER BY fid LIMIT 1",
                                  (op,)).fetchone()[0]
        editor = self.editors.get(first)
        if editor is None:
            raise LookupError(f"no editor given to replay {first!r} operations")
        editor.replay(op, action)
