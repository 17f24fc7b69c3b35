"""One sync: the outbox pushed chunk by chunk (evidence first), then the server's changes
pulled. ``outbox`` is the work store's ``store.outbox.Outbox`` (handed in: sync imports no
store); everything it records is in the store before the next request, so a sync stopped at
any point — cancelled, offline, QGIS killed — resumes where it stopped."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from typing import Callable

from ..core.errors import Cancelled, never
from ..core.ops import ELSEWHERE, SAME, TAKEN, OpKind
from .client import Client
from .errors import Refused


@dataclass
class Outcome:
    kind: str
    id: str
    jcbh: str
    status: str  # applied | duplicate | conflict | rejected | taken
    detail: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    uploaded: int = 0
    pulled: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def push(outbox, client: Client, progress: Callable[[float], None] = lambda p: None,
         cancelled: Callable[[], bool] = never, report: Report | None = None) -> Report:
    report = report or Report()
    total = max(outbox.counts()["pending"], 1)
    done = 0
    while (chunk := outbox.next_chunk()) is not None:
        if cancelled():
            raise Cancelled()
        wanted = outbox.attachments_of(chunk.ops)
        for sha in client.missing([s for s, _ in wanted]) if wanted else []:
            name = dict(wanted)[sha]
            client.upload(outbox.attachment_path(sha), sha,
                          mimetypes.guess_type(name)[0] or "application/octet-stream")
            report.uploaded += 1
        answer = client.push(chunk.ops, chunk.key)
        outbox.settle(chunk, answer["results"])
        ops = {op["op_id"]: op for op in chunk.ops}
        for reply in answer["results"]:
            op = ops.get(reply["op_id"], {})
            problem = reply.get("problem") or {}
            report.outcomes.append(Outcome(op.get("kind", ""), op.get("id", ""),
                                           (op.get("data") or {}).get("JCBH", ""),
                                           reply["status"], problem.get("detail", "")))
        done += len(chunk.ops)
        progress(min(99.0, 100.0 * done / total))
    return report


def pull(outbox, client: Client, progress: Callable[[float], None] = lambda p: None,
         cancelled: Callable[[], bool] = never, report: Report | None = None) -> Report:
    """The results, splits and problems the server changed since the last pull (the reviewers'
    decisions, another device's edits), page by page; the position is saved after each page.
    When the server no longer keeps changes that old (410), every result and problem of the
    region is read again instead."""
    report = report or Report()
    since = int(outbox.sync_state().get("sync_seq") or 0)
    while True:
        if cancelled():
            raise Cancelled()
        try:
            page = client.changes(since)
        except Refused as refused:
            if refused.status != 410:
                raise
            since = _read_all(outbox, client, report, cancelled, refused.problem)
            continue
        ids = list(dict.fromkeys(c["id"] for c in page["changes"]
                                 if c["entity"] == OpKind.RESULT.value and c["version"] is not None))
        splits = list(dict.fromkeys(c["id"] for c in page["changes"]
                                    if c["entity"] == OpKind.PARCELS.value))
        for jcbh, status in outbox.take_splits([client.split(j) for j in splits]).items():
            if status == TAKEN:
                report.outcomes.append(Outcome(OpKind.PARCELS.value, jcbh, jcbh, status))
        _take(outbox, {i: client.result(i) for i in ids}, report)
        wtbhs = list(dict.fromkeys(c["id"] for c in page["changes"]
                                   if c["entity"] == OpKind.PROBLEM.value))
        _take_problems(outbox, [client.problem(w) for w in wtbhs], report)
        since = page["next_since"]
        outbox.set_sync_state(sync_seq=since)
        progress(99.0)
        if not page["has_more"]:
            return report


def _take(outbox, copies: dict, report: Report) -> None:
    for rid, status in outbox.take(list(copies.values())).items():
        if status not in (SAME, ELSEWHERE):
            copy = copies[rid]
            report.pulled += status == TAKEN
            report.outcomes.append(Outcome(OpKind.RESULT.value, rid, copy["JCBH"], status,
                                           copy.get("SJYSYJ") or ""))


def _take_problems(outbox, copies: list[dict], report: Report) -> None:
    for wtbh, status in outbox.take_problems(copies).items():
        if status not in (SAME, ELSEWHERE):
            report.pulled += status == TAKEN
            report.outcomes.append(Outcome(OpKind.PROBLEM.value, wtbh, wtbh, status))


def _read_all(outbox, client: Client, report: Report, cancelled, problem: dict) -> int:
    """Every result and problem of the region, then the feed from where the server says it
    starts."""
    head = int((problem.get("params") or {}).get("head") or 0)
    after = ""
    while True:
        if cancelled():
            raise Cancelled()
        page = client.results(after)
        _take(outbox, {r["id"]: r for r in page["results"]}, report)
        if not page["next"]:
            break
        after = page["next"]
    after = ""
    while True:
        if cancelled():
            raise Cancelled()
        page = client.problems(after)
        _take_problems(outbox, page["problems"], report)
        if not page["next"]:
            break
        after = page["next"]
    outbox.set_sync_state(sync_seq=head)
    return head


def sync(outbox, client: Client, progress=lambda p: None, cancelled=never) -> Report:
    report = push(outbox, client, lambda p: progress(p * 0.7), cancelled)
    return pull(outbox, client, lambda p: progress(70 + p * 0.3), cancelled, report)
