"""What the 红黑榜 (core.ranking) reads from a work store (issue 17): each patch with its unit
(its town XZDM, or a 田长 of its grid WGBM), HSX, verdict and new illegal 耕地 (WFGDMJ of its
newest 违法 results; a split patch counts through its parcels: judged when every parcel is, 违法
when any is), whether a 巡田 report came before the satellite (field_reports SFXY 是), the
problems of the rectification ledger, and the units of the grid layer (ranked even with nothing
in the period).

The schema-6 tables and columns (problems, grids, field_reports; XZDM, XZMC, WGBM on patches)
are read where the store has them: a store without the problems or field_reports layer reads as
having none (and says so in ``missing``); without the patches' unit column it is refused."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..core import dates, ranking, verdicts
from ..core.language import say
from ..core.ranking import Patch, RankingError
from .ledgers import _latest
from .workstore import WorkStore

TIANZHANG = ("SJTZ", "XJTZ", "XZTZ", "CJTZ", "WGY")  # keys read from the patch's grid
PROBLEM_COLUMNS = ("WTBH", "LY", "XZQDM", "XZDM", "XZMC", "ZGZT", "PDRQ", "XHRQ", "GLTB")


def _columns(conn, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}


def _figure(value) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _judged(verdict: dict) -> bool:
    return verdict.get("PDLX") in (verdicts.LEGAL, verdicts.ILLEGAL, verdicts.OTHER)


def read(store_path, key: str = ranking.TOWN) -> tuple[list[Patch], list[dict], list, list]:
    """(patches, problem rows, units of the grid layer as (code, name), missing tables)."""
    if key not in ranking.UNIT_KEYS:
        raise RankingError(say("unknown unit {key}: one of {keys}", "未知的排名单位 {key}，"
                               "可选：{keys}", key=key, keys=", ".join(ranking.UNIT_KEYS)),
                           "unit", key=key)
    store_path = Path(store_path)
    with WorkStore(store_path) as ws:
        conn = ws.conn
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = [t for t in ("problems", "field_reports") if t not in tables]
        need = {"XZDM", "XZMC"} | ({"WGBM"} if key in TIANZHANG else set())
        lacking = sorted(need - _columns(conn, "patches"))
        if key in TIANZHANG and ("grids" not in tables or key not in _columns(conn, "grids")):
            lacking.append(f"grids.{key}")
        if lacking:
            raise RankingError(say("{store}: the work store has no {fields} (patches not "
                                   "assigned to grids: run the grid assignment first)",
                                   "{store}：工作库缺少 {fields}（图斑尚未分配网格，请先运行"
                                   "网格分配）", store=store_path.name,
                                   fields=", ".join(lacking)),
                               "grid_columns", store=store_path.name, fields=lacking)
        results = _latest(conn)
        parcels: dict[str, list[str]] = {}
        for jcbh, dkbh in conn.execute("SELECT JCBH, DKBH FROM parcels ORDER BY DKBH"):
            parcels.setdefault(jcbh, []).append(dkbh)
        early = set()
        if "field_reports" not in missing:
            early = {j for (j,) in conn.execute(
                "SELECT DISTINCT JCBH FROM field_reports WHERE JCBH IS NOT NULL AND SFXY = ?",
                (verdicts.YES,))}
        grid_of = {}
        units: list = []
        if key in TIANZHANG:
            grid_of = {w: (v or "").strip() for w, v in conn.execute(
                f'SELECT WGBM, "{key}" FROM grids')}
            units = sorted({v for v in grid_of.values() if v})
        elif "grids" in tables:
            units = sorted({(c.strip(), (n or "").strip()) for c, n in conn.execute(
                "SELECT XZDM, XZMC FROM grids") if c and c.strip()})
        patches = []
        for jcbh, hsx, town, name, *grid in conn.execute(
                "SELECT JCBH, HSX, XZDM, XZMC" + (", WGBM" if key in TIANZHANG else "")
                + " FROM patches ORDER BY JCBH"):
            unit = grid_of.get(grid[0], "") if grid else (town or "").strip()
            found = [results.get((jcbh, d), ({}, None))[0] for d in parcels[jcbh]] \
                if jcbh in parcels else [results.get((jcbh, ""), ({}, None))[0]]
            illegal = [v for v in found if v.get("PDLX") == verdicts.ILLEGAL]
            patches.append(Patch(jcbh, unit, dates.parse_or_none(hsx),
                                 judged=all(map(_judged, found)), illegal=bool(illegal),
                                 farmland=sum((_figure(v.get("WFGDMJ")) for v in illegal),
                                              Decimal(0)),
                                 early=jcbh in early, name=(name or "").strip()))
        problems = []
        if "problems" not in missing:
            have = [c for c in PROBLEM_COLUMNS if c in _columns(conn, "problems")]
            for values in conn.execute(
                    "SELECT " + ", ".join(f'"{c}"' for c in have) + " FROM problems"):
                row = dict(zip(have, values))
                if isinstance(row.get("GLTB"), str):
                    try:
                        row["GLTB"] = json.loads(row["GLTB"]) if row["GLTB"].strip() else []
                    except ValueError:
                        row["GLTB"] = [row["GLTB"]]
                problems.append(row)
    return patches, problems, units, missing
