"""耕地占补平衡, 先补后占 by first in first out (core.ledger), on cases computed by hand."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from farmland_guard.core import ledger
from farmland_guard.core.ledger import Allocation, Entry, LedgerError, Shortfall, allocate, capacity


def entry(xmbh, county, date, gd=0, st=0, cn=0):
    return Entry(xmbh, county, dt.date.fromisoformat(date), *(Decimal(str(v)) for v in (gd, st, cn)))


def test_capacity_is_area_times_the_grades_coefficient():
    assert capacity(2.5, 3) == Decimal("2.2500")  # 2.5 × 0.90
    assert capacity(1.23456, "15") == Decimal("0.3704")  # 1.2346 × 0.30 = 0.37038 → 0.3704
    assert capacity(4, 3.0) == Decimal("3.6000")  # a grade read from a numeric field
    with pytest.raises(LedgerError, match="16"):
        capacity(1, 16)


RESERVE = [entry("R1", "410724", "2023-01-10", gd=10, st=4, cn=8),
           entry("R2", "410724", "2023-03-01", gd=5, st=0, cn=5)]
OCCUPATIONS = [entry("O1", "410724", "2023-02-01", gd=6, st=3, cn=5),
               entry("O2", "410724", "2023-04-01", gd=8, st=2, cn=6)]


def test_first_in_first_out_ledger_by_ledger():
    done = allocate(RESERVE, OCCUPATIONS)
    # O1 (02-01) may use R1 only (R2 entered 03-01): R1 keeps GD 10−6 = 4, ST 4−3 = 1, CN 8−5 = 3.
    # O2 (04-01): GD 8 = R1's 4 + 4 of R2 (R2 keeps 1); ST 2 = R1's 1, 1 short (R2 has no 水田,
    # nothing entered later); CN 6 = R1's 3 + 3 of R2 (R2 keeps 2).
    assert done.allocations == [
        Allocation("O1", "R1", "GD", Decimal(6)), Allocation("O1", "R1", "ST", Decimal(3)),
        Allocation("O1", "R1", "CN", Decimal(5)), Allocation("O2", "R1", "GD", Decimal(4)),
        Allocation("O2", "R2", "GD", Decimal(4)), Allocation("O2", "R1", "ST", Decimal(1)),
        Allocation("O2", "R1", "CN", Decimal(3)), Allocation("O2", "R2", "CN", Decimal(3))]
    assert done.shortfalls == [Shortfall("O2", "410724", "ST", Decimal(1), False)]
    assert {k: v for k, v in done.left.items() if v} == {("R2", "GD"): Decimal(1), ("R2", "CN"): Decimal(2)}


def test_an_occupation_before_any_entry_is_short_and_flagged():
    # approved 01-01, the only entry came 05-01: all 3 亩 short, and 先补后占 violated
    done = allocate([entry("R1", "410724", "2023-05-01", gd=10)],
                    [entry("O1", "410724", "2023-01-01", gd=3)])
    assert done.allocations == []
    assert done.shortfalls == [Shortfall("O1", "410724", "GD", Decimal(3), True)]


def test_counties_do_not_share_their_reserve():
    # 410725 has no reserve of its own: its 2 亩 are short though 410724 (same city) holds 10
    done = allocate([entry("R1", "410724", "2023-01-01", gd=10)],
                    [entry("O1", "410725", "2023-06-01", gd=2)])
    assert done.shortfalls == [Shortfall("O1", "410725", "GD", Decimal(2), False)]
    assert done.left[("R1", "GD")] == Decimal(10)


def test_the_result_does_not_depend_on_row_order():
    expected = allocate(RESERVE, OCCUPATIONS)
    rng = random.Random(7)
    for _ in range(5):
        reserve, occupations = RESERVE[:], OCCUPATIONS[:]
        rng.shuffle(reserve)
        rng.shuffle(occupations)
        assert allocate(reserve, occupations) == expected


def test_nothing_is_allocated_twice_and_the_books_close():
    done = allocate(RESERVE, OCCUPATIONS)
    for r in RESERVE:
        for led in ledger.LEDGERS:
            used = sum((a.amount for a in done.allocations if a.reserve == r.xmbh and a.ledger == led),
                       Decimal(0))
            assert used + done.left[(r.xmbh, led)] == r.on(led)
