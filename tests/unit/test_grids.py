"""core.grids: the grid each patch overlaps most, ties and patches outside listed, and a grid
layer's overlaps and gaps — worked by hand on boxes near 35°N."""

import numpy as np
import shapely

from farmland_guard.core import grids
from farmland_guard.core.areas import ellipsoidal_areas_m2
from farmland_guard.core.units import SQM_PER_MU

X0, Y0 = 113.5, 35.2
D = 0.001  # about 91 m east–west, 111 m north–south


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0 * D, Y0 + y0 * D, X0 + x1 * D, Y0 + y1 * D)


def test_the_larger_overlap_wins_60_40():
    cells = [box(0, 0, 1, 1), box(1, 0, 2, 1)]
    patch = box(0.4, 0.2, 1.4, 0.8)  # 0.6 of it in the first cell, 0.4 in the second
    index, ties, outside = grids.assign([patch], cells, ["G2", "G1"])
    assert index.tolist() == [0] and ties == [] and outside == []
    result = grids.assign([patch], cells, ["G2", "G1"])
    piece = shapely.intersection(patch, cells[0])
    assert abs(result.overlap_mu[0] - ellipsoidal_areas_m2([piece])[0] / SQM_PER_MU) < 1e-9
    assert result.note(0) == ""


def test_an_exact_tie_goes_to_the_smaller_code_and_is_listed():
    cells = [box(0, 0, 1, 1), box(1, 0, 2, 1)]
    patch = box(0.5, 0.2, 1.5, 0.8)  # half in each: equal areas (a symmetric box)
    result = grids.assign([patch], cells, ["WG-002", "WG-001"])
    assert result.index.tolist() == [1]  # WG-001 < WG-002
    assert [t[0] for t in result.ties] == [0] and result.ties[0][1] == [1, 0]
    assert result.note(0) == grids.TIE
    # numeric codes compare as numbers: 9 < 10
    assert grids.assign([patch], cells, ["9", "10"]).index.tolist() == [0]


def test_a_patch_outside_every_grid_is_listed_and_touching_is_not_overlap():
    cells = [box(0, 0, 1, 1)]
    far, touching, inside = box(5, 5, 6, 6), box(1, 0, 2, 1), box(0.2, 0.2, 0.3, 0.3)
    result = grids.assign([far, touching, inside], cells, ["A"])
    assert result.index.tolist() == [-1, -1, 0]
    assert result.outside == [0, 1]
    assert result.note(0) == grids.OUTSIDE and result.note(2) == ""
    # the patch inside takes its own area, the same as its intersection
    assert abs(result.overlap_mu[2] - ellipsoidal_areas_m2([inside])[0] / SQM_PER_MU) < 1e-9


def test_missing_and_empty_patches_are_outside():
    result = grids.assign([None, shapely.Polygon(), box(0.1, 0.1, 0.2, 0.2)], [box(0, 0, 1, 1)],
                          ["A"])
    assert result.index.tolist() == [-1, -1, 0] and result.outside == [0, 1]


def test_a_cell_inside_a_patch_counts_whole():
    cells = [box(0, 0, 1, 1), box(1, 0, 3, 1)]
    patch = box(-0.1, -0.1, 1.1, 1.1)  # holds the first cell whole, 0.1 of the second's width
    assert grids.assign([patch], cells, ["A", "B"]).index.tolist() == [0]


def test_overlaps_and_a_gap_are_listed_with_their_codes():
    cells = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1),
             box(0, 1, 1, 2), box(2, 1, 3, 2),  # (1, 1)–(2, 2) missing: a gap...
             box(0, 2, 3, 3),  # ...closed above, so a hole in the union
             box(0.5, 0, 1.5, 1)]  # overlaps the first two
    codes = ["A", "B", "C", "D", "E", "F", "X"]
    found = grids.check(cells, codes)
    overlaps = sorted(sorted(p.codes) for p in found if p.kind == grids.OVERLAP)
    assert overlaps == [["A", "X"], ["B", "X"]]
    gaps = [p for p in found if p.kind == grids.GAP]
    assert len(gaps) == 1
    assert set(gaps[0].codes) >= {"B", "D", "E", "F"}
    hole_mu = ellipsoidal_areas_m2([box(1, 1, 2, 2)])[0] / SQM_PER_MU
    assert abs(gaps[0].mu - hole_mu) < 1e-4  # (the union's ring, another cell's projection)
    # a clean grid has nothing to list; a tolerance hides slivers
    assert grids.check(cells[:3], codes[:3]) == []
    assert [p for p in grids.check(cells, codes, tolerance_mu=1e6)] == []


def test_many_patches_agree_with_brute_force():
    rng = np.random.default_rng(3)
    cells = [box(x + rng.uniform(-0.05, 0.05), y, x + 1, y + 1)
             for x in range(6) for y in range(6)]
    patches = [box(x, y, x + rng.uniform(0.2, 1.5), y + rng.uniform(0.2, 1.5))
               for x, y in rng.uniform(-0.5, 6, (200, 2))]
    codes = [f"G{k:03d}" for k in range(len(cells))]
    result = grids.assign(patches, cells, codes)
    for k, patch in enumerate(patches):
        areas = ellipsoidal_areas_m2([shapely.intersection(patch, c) for c in cells])
        if areas.max() <= 0:
            assert result.index[k] == -1
        else:
            assert abs(areas[result.index[k]] - areas.max()) / SQM_PER_MU < 1e-4


def test_threads_give_the_same_pieces(monkeypatch):
    rng = np.random.default_rng(5)
    cells = np.array([box(x, y, x + 1, y + 1) for x in range(30) for y in range(30)])
    patches = np.array([box(x, y, x + 0.7, y + 0.7) for x, y in rng.uniform(0, 29, (3000, 2))])
    monkeypatch.setattr(grids, "MIN_PAIRS_PER_THREAD", 10)
    i, j = shapely.STRtree(cells).query(patches, predicate="intersects")
    serial = grids._intersections(patches, cells, i, j, workers=1)
    threaded = grids._intersections(patches, cells, i, j, workers=3)
    assert len(threaded) == len(serial)
    assert shapely.equals_exact(serial, threaded).all()
