"""The queue of a work store: its patches as the workbench lists them, with what the queue's
filters read, and how far the batch is verified (patches by workflow state)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from ..core.codelists import batch_states
from ..core.verdicts import UNCHECKED
from .patch_followup import Followup, by_patch
from .problems import Problems
from .workstore import WorkStore

LEFT_BATCH = batch_states()["left_batch"]
CHUNK = 900  # SQLite caps the parameters of one statement


class QueueRow(NamedTuple):
    fid: int
    jcbh: str
    tblx: str
    area_mu: float
    state: str
    verdict: str
    flagged: bool  # 复核标志 or the technician's flag
    sfyn: str
    sfhx: str
    in_batch: bool  # False once a re-import left it out of the batch
    qsx: str | None  # the before and after imagery dates
    hsx: str | None
    suggested: str = ""  # the precheck's 建议判定 (JYPD), "" before it ran
    overdue: bool = False  # a problem (整改台账) of the patch is past its deadline
    cases: frozenset = frozenset()  # the case states of its problems (none without problems)


@dataclass(frozen=True)
class Progress:
    """The patches of the batch by workflow state."""

    states: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.states.values())

    @property
    def done(self) -> int:
        return sum(n for state, n in self.states.items() if state != UNCHECKED)


ROWS = ("SELECT fid, JCBH, COALESCE(TBLX, ''), COALESCE(TBMJ_MU, 0), COALESCE(HCZT, ?), "
        "COALESCE(PDLX, ''), COALESCE(FHBZ, 0), COALESCE(SFYN, ''), COALESCE(SFHX, ''), "
        "COALESCE(PCZT, '') != ?, QSX, HSX, COALESCE(JYPD, '') FROM patches")


class Queue:
    def __init__(self, store: WorkStore):
        self.conn = store.conn
        self.problems = Problems(store)

    def rows(self, jcbhs: Iterable[str] | None = None) -> list[QueueRow]:
        """Every patch in JCBH order, or those of ``jcbhs``."""
        if jcbhs is None:
            return self._read("", [])
        wanted = list(dict.fromkeys(jcbhs))
        found = []
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            found += self._read(f" WHERE JCBH IN ({','.join('?' * len(part))})", part)
        return sorted(found, key=lambda r: r.jcbh)

    def _read(self, where: str, params: list) -> list[QueueRow]:
        followup = by_patch(self.problems)
        none = Followup(False, frozenset())
        rows = []
        for r in self.conn.execute(ROWS + where + " ORDER BY JCBH",
                                   (UNCHECKED, LEFT_BATCH, *params)):
            after = followup.get(r[1], none)
            rows.append(QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8],
                                 bool(r[9]), r[10], r[11], r[12], after.overdue, after.cases))
        return rows

    def progress(self) -> Progress:
        """How many patches of the batch (those a re-import left out not counted) are in each
        workflow state."""
        return Progress(dict(Counter(dict(self.conn.execute(
            "SELECT COALESCE(HCZT, ?), COUNT(*) FROM patches WHERE COALESCE(PCZT, '') != ? "
            "GROUP BY 1", (UNCHECKED, LEFT_BATCH))))))
