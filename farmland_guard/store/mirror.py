"""The patches and parcels layers mirror each one's verdict and workflow state (DESIGN.md §6.3)
so QGIS can style and filter on them; a split patch's state follows its parcels."""

from __future__ import annotations

import json

from ..core import verdicts

MIRRORED = verdicts.MIRRORED


def mirror_split_patch(conn, jcbh: str) -> None:
    """The queue's state of a split patch follows its parcels (it has no verdict of its own);
    with no parcels left, its own result's state again."""
    states = [r[0] for r in conn.execute("SELECT HCZT FROM parcels WHERE JCBH = ?", (jcbh,))]
    if not states:
        row = conn.execute("SELECT data FROM results WHERE JCBH = ? AND COALESCE(DKBH, '') = ''",
                           (jcbh,)).fetchone()
        states = [json.loads(row[0]).get("HCZT") if row and row[0] else None]
    conn.execute("UPDATE patches SET HCZT = ? WHERE JCBH = ?", (verdicts.combined_state(states), jcbh))
