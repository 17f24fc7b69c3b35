"""How long the change feed keeps its rows: ``prune`` drops those older than the retention
and remembers the last sequence dropped; a client asking from before it gets 410 Gone with
the head to start again from (after reading every result of its region anew)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update

from farmland_guard.core.language import say

from .config import Settings
from .db import transaction
from .errors import Gone
from .models import Change, Counter, utcnow
from .scope import Scope

PRUNED = "pruned"  # the counter holding the last sequence pruned
PROVINCES = [f"{n:02d}" for n in range(10, 100)]  # every region, province by province


def horizon(session) -> int:
    value = session.scalar(select(Counter.value).where(Counter.name == PRUNED))
    return value or 0


def check(session, since: int) -> None:
    """410 when ``since`` is before what the feed still holds."""
    pruned = horizon(session)
    if since < pruned:
        head = session.scalar(select(Counter.value).where(Counter.name == "changes")) or 0
        raise Gone(say("changes before {pruned} are no longer kept: read every result again, "
                       "then follow the feed from {head}",
                       "已不再保留 {pruned} 之前的变更：请重新读取全部结果，然后从 {head} 继续",
                       pruned=pruned, head=head), "retention", head=head, pruned=pruned)


def prune(settings: Settings, keep_days: int) -> int:
    """Drop changes older than ``keep_days``; returns how many. Row-level security lets no
    one see every region at once, so it goes province by province."""
    cutoff = utcnow() - dt.timedelta(days=keep_days)
    dropped, last = 0, 0
    for province in PROVINCES:
        with transaction(settings.db_url, Scope("prune", "admin", province), write=True) as s:
            top = s.scalar(select(func.max(Change.seq)).where(Change.at < cutoff)) or 0
            if top:
                dropped += s.execute(delete(Change).where(Change.seq <= top)).rowcount
                last = max(last, top)
    if last:
        with transaction(settings.db_url, None, write=True) as s:
            if s.scalar(select(Counter.value).where(Counter.name == PRUNED)) is None:
                s.add(Counter(name=PRUNED, value=last))
            else:
                s.execute(update(Counter).where(Counter.name == PRUNED,
                                                Counter.value < last).values(value=last))
    return dropped
