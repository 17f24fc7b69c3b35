"""First in, first out as arithmetic on a line: a county's reserve entries, in FIFO order, lie
end to end on one line per ledger, and what has been drawn is always a prefix of it (先补后占
lets an occupation reach only the entries dated on or before its approval — a prefix too — and
nothing is ever put back). So each draw is a position on the line — a short sequential scan of
integers — and the pieces of entries it covers follow by binary search, in numpy. Amounts are
integers of 1/10000 亩: exact, like the decimals they come from."""

from __future__ import annotations

import numpy as np

UNIT = 10_000  # 1/10000 亩, the ledgers' 4 decimal places


def units(values) -> np.ndarray:
    """Decimals to 4 places as integers of 1/10000 (exact: 4-place figures below 10^11 亩 fit a
    double's 15 digits)."""
    return np.rint(np.fromiter(map(float, values), dtype=np.float64) * UNIT).astype(np.int64)


def draw(needs: np.ndarray, caps: np.ndarray, start: int) -> tuple[np.ndarray, int]:
    """What each demand draws, in order: its need, up to its cap (how far along the line it may
    reach); and where the line is drawn to after them."""
    took, used = [], start
    for need, cap in zip(needs.tolist(), caps.tolist()):
        part = min(need, cap - used)
        part = part if part > 0 else 0
        took.append(part)
        used += part
    return np.asarray(took, dtype=np.int64), used


def pieces(sizes: np.ndarray, starts: np.ndarray, took: np.ndarray):
    """(demand index, entry index, amount) of every piece of an entry a draw covers: draw i
    covers [starts[i], starts[i] + took[i]) of the line the entries' ``sizes`` make."""
    ends = np.cumsum(sizes)
    demand = np.nonzero(took > 0)[0]
    lo, hi = starts[demand], starts[demand] + took[demand]
    first = np.searchsorted(ends, lo, side="right")
    count = np.searchsorted(ends, hi, side="left") - first + 1
    which = np.repeat(demand, count)
    entry = np.repeat(first, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count,
                                                                          count))
    amount = (np.minimum(np.repeat(hi, count), ends[entry])
              - np.maximum(np.repeat(lo, count), ends[entry] - sizes[entry]))
    keep = amount > 0  # entries of size 0 inside a draw
    return which[keep], entry[keep], amount[keep]
