"""Dates as the verdicts and the precheck compare them: ISO text (``YYYY-MM-DD``, or ``YYYY-MM``
for a month, as some batches write the image dates)."""

from __future__ import annotations

import calendar
import datetime as dt


def parse(value, month_end: bool = False) -> dt.date | None:
    """The date of ``value`` (a date, or ISO text); None when empty. A month alone is its first
    day, or its last with ``month_end`` (an image of "2025-03" may be from any day of it).
    Raises ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()[:10]
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:7])
        day = calendar.monthrange(year, month)[1] if month_end else 1
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def parse_or_none(value, month_end: bool = False) -> dt.date | None:
    """Like ``parse``, with None for what is not a date (a delivered field may hold anything)."""
    try:
        return parse(value, month_end)
    except (TypeError, ValueError):
        return None
