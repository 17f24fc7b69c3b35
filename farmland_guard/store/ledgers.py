"""A work store's judged results as the ledgers read them (issue 16): national-named rows for
``core.ledger_rows.illegal``, one per patch or parcel judged 合法 or 违法."""

from __future__ import annotations

import json
from pathlib import Path

from ..core import dates, profiles, verdicts
from ..core.ledger import CLOSED, DONE_STATES, KEEPING, REMOVED
from .precheck import recorded_sources
from .workstore import WorkStore

VERDICTS = (verdicts.LEGAL, verdicts.ILLEGAL)
CARRIED = ("PDLX", "WFLX", "WFMJ", "WFGDMJ", "WFSTMJ", "ZGCS", "ZGZT", "SFNRWFJS", "SFZDGC")
GRADE = "GDDB"  # the grade of the 耕地 a patch occupies, where the precheck found it (schema 5)


def _latest(conn) -> dict[tuple[str, str], tuple[dict, str]]:
    """(JCBH, DKBH) -> (verdict, updated_at) of the newest result of each patch and parcel."""
    newest: dict[tuple[str, str], tuple] = {}
    for jcbh, dkbh, data, version, at in conn.execute(
            "SELECT JCBH, COALESCE(DKBH, ''), data, version, updated_at FROM results"):
        key = (jcbh, dkbh)
        if key not in newest or (version or 0, at or "") > newest[key][1:]:
            newest[key] = (data, version or 0, at or "")
    return {k: (json.loads(data) if data else {}, at) for k, (data, _, at) in newest.items()}


def _rectified_on(conn) -> dict[tuple[str, str], str]:
    """(JCBH, DKBH) -> when its 整改状态 last changed."""
    return {(j, d): at for j, d, at in conn.execute(
        "SELECT JCBH, COALESCE(DKBH, ''), MAX(at) FROM history WHERE field = 'ZGZT' "
        "GROUP BY JCBH, COALESCE(DKBH, '')")}


def _rectification(conn) -> dict[str, tuple]:
    """WTBH -> (整改状态, the deciding measure, 销号 date) of the rectification ledger's problems:
    what a person recorded there (a problem derived from a result may have moved on from it)."""
    out = {}
    for wtbh, state, measures, closed in conn.execute(
            "SELECT WTBH, ZGZT, ZGCS, XHRQ FROM problems"):
        listed = json.loads(measures) if measures else []
        # the measure that decides a freeze: keeping the land beats giving it back
        measure = next((m for group in (KEEPING, REMOVED) for m in listed if m in group),
                       listed[0] if listed else None)
        out[wtbh] = (state, measure, closed)
    return out


def illegal_rows(store_path, profile: str | None = None) -> list[dict]:
    """The store's results judged 合法 or 违法 (the newest of each patch and parcel; a split
    patch counts through its parcels) as rows with JCBH (a parcel's DKBH), XZQDM, ND (the
    patch's, else the year of its HSX), PDLX, WFLX, WFMJ, WFGDMJ, WFSTMJ, ZLDB (the precheck's
    GDDB), ZGCS, ZGZT, ZGRQ (when a done state was recorded; a problem of the rectification
    ledger for the patch or parcel gives its state, deciding measure and 销号 date instead),
    SFNRWFJS, SFZDGC, GDMJ (the 耕地 on the profile's basis, for a computed ratio denominator)
    and WFGDMJ_MZ (on a net basis: WFGDMJ × gross ÷ net 耕地, where both are known).

    ``profile``: the basis of the figures; default the profile of the store's last precheck."""
    if profile is None:
        profile = (recorded_sources(store_path) or {}).get("profile")
    net = profiles.net_cultivated(profile)
    with WorkStore(Path(store_path)) as ws:
        conn = ws.conn
        results = _latest(conn)
        changed = _rectified_on(conn)
        problems = _rectification(conn)

        def figures(alias: str) -> str:
            return f"{alias}.GDMJ, {alias}.GDJMJ, {alias}.{GRADE}"

        places = {}  # (JCBH, DKBH) -> (XZQDM, ND, HSX, GDMJ, GDJMJ, GDDB)
        split = {j for (j,) in conn.execute("SELECT DISTINCT JCBH FROM parcels")}
        for jcbh, *values in conn.execute(
                f"SELECT JCBH, XZQDM, ND, HSX, {figures('p')} FROM patches p"):
            if jcbh not in split:
                places[(jcbh, "")] = values
        for jcbh, dkbh, *values in conn.execute(
                f"SELECT q.JCBH, q.DKBH, p.XZQDM, p.ND, p.HSX, {figures('q')} "
                "FROM parcels q JOIN patches p ON p.JCBH = q.JCBH"):
            places[(jcbh, dkbh)] = values
    rows = []
    for key in sorted(results.keys() & places.keys()):
        verdict, updated_at = results[key]
        if verdict.get("PDLX") not in VERDICTS:
            continue
        xzqdm, year, hsx, gross, net_area, grade = places[key]
        if not year:
            after = dates.parse_or_none(hsx)
            year = after.year if after else None
        row = {"JCBH": key[1] or key[0], "DKBH": key[1] or None, "XZQDM": xzqdm, "ND": year,
               **{name: verdict.get(name) for name in CARRIED}, "ZLDB": grade,
               "GDMJ": net_area if net and net_area is not None else gross, "WFGDMJ_MZ": None, "ZGRQ": None}
        if net and row["WFGDMJ"] is not None and gross is not None and net_area:
            row["WFGDMJ_MZ"] = row["WFGDMJ"] * gross / net_area
        problem = problems.get(row["JCBH"])
        if problem is not None and problem[0]:  # the rectification ledger has the last word
            row["ZGZT"], row["ZGCS"] = problem[0], problem[1] or row["ZGCS"]
        if row["ZGZT"] in DONE_STATES:
            closed = problem[2] if problem is not None and row["ZGZT"] == CLOSED else None
            row["ZGRQ"] = closed or (changed.get((row["JCBH"], "")) or changed.get(key)
                                     or updated_at or "")[:10] or None
        rows.append(row)
    return rows
