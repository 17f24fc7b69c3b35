"""What follows a patch's verdict, as the workbench shows it beside the patch: its grid and
the chain of 田长 responsible for it, the 巡田 reports that came before the satellite, and the
problems (整改台账) it is the subject of — with, for the queue, which patches have an overdue
problem and how far their cases went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core import cases, rectification, verdicts
from .problems import Problems

CHAIN = ("SJTZ", "XJTZ", "XZTZ", "CJTZ", "WGY")  # 市/县/乡/村 田长, 网格员


@dataclass(frozen=True)
class Grid:
    """The patch's grid (网格) as assigned to it, and the grid's row when it is in the store."""

    wgbm: str
    dkdm: str
    note: str  # FPBZ: blank, 并列 (tie) or 无网格 (outside every grid)
    people: dict  # CHAIN field -> name, those given
    village: str
    town: str


@dataclass(frozen=True)
class Report:
    """A 巡田 report linked to the patch and made before the satellite saw it."""

    sbbh: str
    day: str
    who: str


@dataclass(frozen=True)
class Followup:
    """For the queue: whether a problem of the patch is overdue, and its problems' case states."""

    overdue: bool
    cases: frozenset


def keys_of(conn, jcbh: str) -> set[str]:
    """The patch and its parcels: what a problem's GLTB may name for it."""
    return {jcbh, *(r[0] for r in conn.execute("SELECT DKBH FROM parcels WHERE JCBH = ?",
                                               (jcbh,)))}


def problems_of(problems: Problems, jcbh: str, open_only: bool = False) -> list[dict]:
    """The problems concerning patch ``jcbh`` or one of its parcels; with ``open_only``, those
    not yet closed (已销号): the ones under rectification."""
    keys = keys_of(problems.conn, jcbh)
    return [p for p in problems.list() if keys & set(p["GLTB"])
            and not (open_only and p.get("ZGZT") == rectification.CLOSED)]


def grid_of(conn, jcbh: str) -> Grid | None:
    """The patch's grid; None before grids are assigned (no WGBM and no note)."""
    row = conn.execute("SELECT COALESCE(WGBM, ''), COALESCE(DKDM, ''), COALESCE(FPBZ, ''), "
                       "COALESCE(XZMC, '') FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()
    if row is None or not (row[0] or row[2]):
        return None
    wgbm, dkdm, note, town = row
    grid = conn.execute(f"SELECT {', '.join(CHAIN)}, CJMC, XZMC FROM grids WHERE WGBM = ? "
                        "LIMIT 1", (wgbm,)).fetchone() if wgbm else None
    people = {f: v for f, v in zip(CHAIN, grid or ()) if v}
    return Grid(wgbm, dkdm, note, people, (grid[-2] or "") if grid else "",
                (grid[-1] or town) if grid else town)


def early_reports(conn, jcbh: str) -> list[Report]:
    """The 巡田 reports of the patch made before its after image (SFXY 是), the earliest first."""
    return [Report(r[0] or "", (r[1] or "")[:10], r[2] or "") for r in conn.execute(
        "SELECT SBBH, SBSJ, SBR FROM field_reports WHERE JCBH = ? AND SFXY = ? ORDER BY SBSJ",
        (jcbh, verdicts.YES))]


def by_patch(problems: Problems, today: dt.date | None = None) -> dict[str, Followup]:
    """For every patch some problem concerns: whether one is overdue (on ``today``) and the
    case states of its problems. One read of the problems and of the parcels' patches."""
    patch_of = dict(problems.conn.execute("SELECT DKBH, JCBH FROM parcels"))
    found: dict[str, tuple[bool, set]] = {}
    for problem in problems.list():
        late = rectification.overdue(problem, today)
        state = cases.case_state(problem)
        for key in {patch_of.get(k, k) for k in problem["GLTB"]}:
            was_late, states = found.setdefault(key, (False, set()))
            found[key] = (was_late or late, states | {state})
    return {k: Followup(late, frozenset(states)) for k, (late, states) in found.items()}
