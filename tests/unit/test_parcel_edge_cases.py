"""Parcels and verdicts at the edges: locks, ids never reused, undo never stuck, slivers."""

import sqlite3

import pytest
import shapely

from farmland_guard.core import parcels
from farmland_guard.core.areas import ellipsoidal_areas_m2, m2_to_mu
from farmland_guard.core.parcels import SplitError
from farmland_guard.store.history import History
from farmland_guard.store.parcels import Parcels
from farmland_guard.store.results import VerdictError, Verdicts
from farmland_guard.store.workstore import WorkStore
from tests.unit.test_parcels import ILLEGAL, OTHER, SQUARE, across
from tests.unit.test_parcels import patch_geometry as patch_and_area


def two_patches(store):
    with sqlite3.connect(store) as conn:
        return [r[0] for r in conn.execute("SELECT JCBH FROM patches ORDER BY TBMJ_MU DESC LIMIT 2")]


def test_a_reported_patch_cannot_be_split(store):
    """§3.2: a 已上报 result is read-only; cutting the patch under it must be refused too."""
    jcbh = two_patches(store)[0]
    with WorkStore(store) as ws:
        v = Verdicts(ws)
        v.save(jcbh, ILLEGAL)
        v.save(jcbh, {"HCZT": "已上报"})
        with pytest.raises((VerdictError, SplitError)):
            Parcels(ws).cut(jcbh, across(patch_and_area(store, jcbh)[0]))


def test_a_merged_away_parcel_id_is_never_given_to_a_new_parcel(store):
    """A parcel saved with a note and a flag (no 判定类型) may be merged away; its result stays
    (an undo of the merge brings it back), so the next split numbers on instead of inheriting it."""
    jcbh = two_patches(store)[0]
    geom = patch_and_area(store, jcbh)[0]
    with WorkStore(store) as ws:
        first = Parcels(ws).cut(jcbh, across(geom, 0.5))[0]
        Verdicts(ws).save(first, {"NYSM": "west half: a greenhouse", "BJ": 1})
        Parcels(ws).merge(jcbh)
        again = Parcels(ws).cut(jcbh, across(geom, 0.2))[0]
        assert again == f"{jcbh}_3"  # _1 and _2 were used
        assert Verdicts(ws).current(again).get("NYSM") is None


def test_undo_is_not_stuck_behind_a_parcel_the_cut_left_alone(store):
    """Split, judge parcel 1, cut parcel 2 again: undoing that cut is refused because parcel 1
    (which the undo would keep as it is) has a verdict, and since undo always retries the
    latest operation, nothing earlier can be undone any more."""
    jcbh = two_patches(store)[0]
    geom = patch_and_area(store, jcbh)[0]
    with WorkStore(store) as ws:
        v = Verdicts(ws)
        edits = History(ws, v, Parcels(ws))
        first, second = Parcels(ws).cut(jcbh, across(geom, 0.5))[:2]
        v.save(first, OTHER)
        part = next(p for p in Parcels(ws).of(jcbh) if p["DKBH"] == second)["geom"]
        Parcels(ws).cut(jcbh, across(part, 0.5))
        errors = []
        for _ in range(3):
            try:
                edits.undo()
            except VerdictError as error:
                errors.append(str(error))
        assert not errors, errors
        assert Parcels(ws).of(jcbh) == []
        assert ws.conn.execute("SELECT PDLX FROM results WHERE DKBH = ?", (first,)).fetchone() == (None,)


def test_a_patch_without_geometry_is_refused_with_a_message(store):
    jcbh = two_patches(store)[0]
    with WorkStore(store) as ws:
        with ws.transaction() as conn:
            conn.execute("UPDATE patches SET geom = NULL WHERE JCBH = ?", (jcbh,))
        with pytest.raises(SplitError, match=jcbh):
            Parcels(ws).cut(jcbh, across(SQUARE))


def test_a_cut_near_a_corner_makes_no_zero_area_parcel():
    minx, miny = SQUARE.bounds[:2]
    d = 2e-6  # about 0.2 m: the line clips a corner
    line = shapely.LineString([(minx - d, miny + 2 * d), (minx + 2 * d, miny - d)])
    try:
        parts = parcels.cut("P", [SQUARE], line)[0]
    except SplitError:
        return  # refusing the sliver is fine
    areas = m2_to_mu(ellipsoidal_areas_m2(parts))
    assert min(parcels.areas_mu(parts)) > 0, f"a parcel of {min(areas):.7f} 亩 is stored as 0"


def test_a_parcel_id_never_takes_another_patch_id(store):
    """DKBH JCBH_n could equal the JCBH of another patch, whose verdict it would then take:
    such a number is skipped."""
    a, b = two_patches(store)
    with WorkStore(store) as ws:
        with ws.transaction() as conn:
            conn.execute("UPDATE patches SET JCBH = ? WHERE JCBH = ?", (f"{a}_1", b))
        first = Parcels(ws).cut(a, across(patch_and_area(store, a)[0]))[0]
        assert first == f"{a}_2"
        Verdicts(ws).save(first, OTHER)
        assert ws.conn.execute("SELECT PDLX FROM parcels WHERE DKBH = ?",
                               (first,)).fetchone()[0] == "其他"


def test_a_split_patch_is_not_judged_again_as_a_whole(store):
    """Parcels carry the verdicts once a patch is split; a batch label (or a save) of the whole
    patch on top of them counts the same ground twice (e.g. 违法 area in the ratio)."""
    jcbh = two_patches(store)[0]
    with WorkStore(store) as ws:
        first = Parcels(ws).cut(jcbh, across(patch_and_area(store, jcbh)[0]))[0]
        v = Verdicts(ws)
        v.save(first, ILLEGAL)
        try:
            v.label([jcbh], {"PDLX": "违法", "WFLX": "未批先建(未报即用)"})
        except VerdictError:
            pass
        judged = ws.conn.execute("SELECT COUNT(*) FROM results WHERE JCBH = ? AND PDLX IS NOT NULL",
                                 (jcbh,)).fetchone()[0]
        assert judged == 1, "the patch and its parcel both hold a 违法 verdict"


def test_undo_of_a_split_recorded_before_outlines_were_kept_does_not_crash(store):
    """Stores of schema 2 made before f216d09 hold split/merge operations with only the 'DKBH'
    history row. ``History._operations`` now offers them to undo, and ``Parcels.replay`` unpacks
    ``fetchone()`` of the missing 'geom' row: TypeError, out of the workbench's slot."""
    jcbh = two_patches(store)[0]
    with WorkStore(store) as ws:
        with ws.transaction() as conn:  # what Parcels._write wrote until f216d09
            conn.execute("INSERT INTO history(at, who, action, JCBH, field, old, new, op) "
                         "VALUES ('2026-11-22T10:00:00+00:00', 'me', 'split', ?, 'DKBH', '[]', ?, "
                         "'old-op')", (jcbh, f'["{jcbh}_1", "{jcbh}_2"]'))
        try:
            History(ws, Verdicts(ws), Parcels(ws)).undo()
        except VerdictError:
            pass  # a message naming the patch is fine


@pytest.mark.parametrize("states, combined", [
    ([], "未核查"), (["内业完成", "未核查"], "未核查"), (["内业完成", "已举证"], "内业完成"),
    (["通过", "已上报"], "已上报"), (["通过", "省级退回"], "省级退回"), (["通过", "通过"], "通过"),
    ([None, "内业完成"], "未核查")])
def test_a_split_patch_is_as_far_along_as_its_slowest_parcel(states, combined):
    from farmland_guard.core.verdicts import combined_state

    assert combined_state(states) == combined


def test_the_queue_state_of_a_split_patch_follows_its_parcels(store):
    jcbh = two_patches(store)[0]
    with WorkStore(store) as ws:
        first, second = Parcels(ws).cut(jcbh, across(patch_and_area(store, jcbh)[0]))[:2]
        v = Verdicts(ws)
        edits = History(ws, v, Parcels(ws))

        def state():
            return ws.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?", (jcbh,)).fetchone()[0]

        v.save(first, OTHER)
        assert state() == "未核查"  # one parcel still to judge
        v.save(second, ILLEGAL)
        assert state() == "内业完成"
        edits.undo()
        assert state() == "未核查"
        edits.undo()
        edits.undo()  # no parcel judged any more: merged back, the patch is unchecked again
        Parcels(ws).merge(jcbh)
        assert state() == "未核查" and Parcels(ws).of(jcbh) == []
