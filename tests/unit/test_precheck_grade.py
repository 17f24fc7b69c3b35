"""The quality grade (GDDB, 耕地等别) the precheck records for the 耕地 a patch occupies: the
grade covering the largest 耕地 area, the better (lower) one on a tie, none without graded
耕地 (DESIGN.md §4.2, §4.4: a freeze's 产能 is its 违法耕地 × the grade's coefficient)."""

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from farmland_guard.core import precheck
from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu

pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered in intersection")
X0, Y0 = 38_450_000.0, 3_900_000.0  # GK zone 38, near 获嘉县
_to_lonlat = Transformer.from_crs("EPSG:4526", "EPSG:4490", always_xy=True)


def ll(geoms):
    """GK metres (relative to X0, Y0) to CGCS2000 lon/lat."""
    return shapely.transform(np.asarray(geoms, dtype=object), lambda c: np.column_stack(
        _to_lonlat.transform(c[:, 0] + X0, c[:, 1] + Y0)))


def mu(geom) -> float:
    return round(float(m2_to_mu(geodesic_area_m2(ll([geom])[0]))), 4)


box = shapely.box
# land use: (polygon, DLBM, GDDB as the layer holds it)
LANDUSE = [
    (box(0, 0, 60, 100), "0101", 5),          # 水田, grade 5 (an integer field)
    (box(60, 0, 100, 100), "0103", "3.0"),    # 旱地, grade 3 (text written as a real)
    (box(100, 0, 200, 100), "0102K", 2.0),    # 可调整地类: 耕地 only where the profile says so
    (box(0, 100, 100, 200), "0702", None),    # 建设用地, no grade
    (box(200, 0, 300, 100), "0102", " "),     # 耕地 whose grade is blank
    (box(0, 200, 50, 300), "0101", "10"),
    (box(50, 200, 100, 300), "0102", " 9 "),
]
PATCHES = [
    box(0, 0, 100, 100),     # 60 % on grade 5, 40 % on grade 3: the larger area wins, "5"
    box(40, 0, 80, 50),      # 20 × 50 m on grade 5 and 20 × 50 m on grade 3: a tie, "3"
    box(110, 20, 190, 180),  # 0102K (grade 2) and 0702: no 耕地 by the national rules
    box(180, 0, 300, 100),   # 0102K and 耕地 without a grade: none
    box(30, 200, 70, 250),   # 20 × 50 m each on grades 10 and 9: a tie, "9" (by number)
    box(2000, 2000, 2050, 2050),  # outside the land use
]


def layers(gddb=True):
    geoms, codes, grades = zip(*LANDUSE)
    return precheck.Layers(ll(geoms), np.array(codes, dtype=object),
                           gddb=np.array(grades, dtype=object) if gddb else None)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_grade_covering_the_most_cultivated_land_better_on_a_tie(workers):
    result = precheck.overlay(ll(PATCHES), layers(), workers=workers)
    # the hand-computed areas behind the answers
    assert mu(box(0, 0, 60, 100)) > mu(box(60, 0, 100, 100))
    assert mu(box(40, 0, 60, 50)) == mu(box(60, 0, 80, 50))  # equal in 亩 to 4 decimals
    assert mu(box(30, 200, 50, 250)) == mu(box(50, 200, 70, 250))
    assert [result.gddb(k) for k in range(len(PATCHES))] == ["5", "3", None, None, "9", None]
    assert result.record(2)["GDMJ"] == 0 and result.record(3)["GDMJ"] > 0


def test_adjustable_land_counts_with_its_grade_where_the_profile_says_so():
    result = precheck.overlay(ll(PATCHES), layers(), adjustable_cultivated=True)
    # patch 2 now lies on 80 × 80 m of 耕地 (0102K), grade 2.0; patch 3 on 20 × 100 m of it
    # beside 100 × 100 m of 耕地 without a grade, which is left out: grade 2 all the same
    assert [result.gddb(k) for k in range(len(PATCHES))] == ["5", "3", "2", "2", "9", None]


def test_no_gddb_field_leaves_every_patch_without_a_grade():
    result = precheck.overlay(ll(PATCHES), layers(gddb=False))
    assert result.grades is None
    assert [result.gddb(k) for k in range(len(PATCHES))] == [None] * len(PATCHES)
    assert result.record(0)["GDMJ"] > 0


def test_a_missing_patch_has_no_grade():
    result = precheck.overlay(np.array([ll([PATCHES[0]])[0], None], dtype=object), layers())
    assert (result.gddb(0), result.gddb(1)) == ("5", None)


def test_areas_are_summed_per_grade_before_the_largest_is_taken():
    # patch 0: 600 m² of grade 5 beats 400 m² of grade 3, and blank 5,000 m² is left out;
    # patch 1: two polygons of grade 7 (300 + 300 m²) beat one of grade 2 (500 m²);
    # patch 2: 400 m² of grade 3 ties with 400 m² of grade 5 (the same polygons): "3";
    # patch 3: only a piece that merely touches (0 m²): none; patch 4: no pairs at all
    i = np.array([0, 0, 0, 1, 1, 1, 2, 2, 3])
    j = np.array([0, 1, 2, 3, 4, 5, 0, 1, 0])
    m2 = np.array([600.0, 400.0, 5000.0, 300.0, 300.0, 500.0, 400.0, 400.0, 0.0])
    gddb = np.array([5, "3.0", None, 7.0, "7", " 2 "], dtype=object)
    assert precheck.main_grades(i, j, m2, gddb, 5).tolist() == ["5", "7", "3", None, None]
    assert precheck.main_grades(i[:0], j[:0], m2[:0], gddb, 2).tolist() == [None, None]


@pytest.mark.parametrize("value, text", [
    (3, "3"), (np.int32(3), "3"), (3.0, "3"), (np.float64(12.0), "12"), ("3.0", "3"),
    (" 3 ", "3"), ("03", "3"), (3.5, "3.5"), ("3.50", "3.5"), ("一等", "一等"), ("inf", "inf"),
    (None, None), ("", None), ("  ", None), (float("nan"), None)])
def test_grades_are_kept_as_text_as_written_normalised(value, text):
    assert precheck.grade_text(value) == text


def test_a_numeric_field_as_gdal_reads_it_gives_the_same_grades():
    # an integer field with blanks comes from GDAL as floats with NaN
    i, j = np.array([0, 0, 1, 1, 1]), np.array([0, 1, 2, 3, 4])
    m2 = np.array([600.0, 400.0, 300.0, 300.0, 500.0])
    gddb = np.array([5, 3, 7, 7, 2], dtype=float)
    assert precheck.main_grades(i, j, m2, gddb, 3).tolist() == ["5", "7", None]
    gddb[0] = np.nan  # patch 0: only its grade-3 piece is graded
    assert precheck.main_grades(i, j, m2, gddb, 3).tolist() == ["3", "7", None]


def test_land_use_read_in_parts_keeps_each_part_s_grades():
    """Two counties' land use read as one layer: a part without GDDB leaves its polygons
    blank; no part with GDDB, no grades at all."""
    from farmland_guard.core import layers as layer_io
    from farmland_guard.store import precheck as store_precheck

    geoms = ll([box(0, 0, 100, 100)])
    graded = layer_io.Layer("a", geoms, {"DLBM": np.array(["0101"], dtype=object),
                                         "GDDB": np.array([4.0])})
    bare = layer_io.Layer("b", ll([box(100, 0, 200, 100)]),
                          {"DLBM": np.array(["0103"], dtype=object)})
    both = store_precheck.assemble([graded, bare])
    assert precheck.grade_text(both.gddb[0]) == "4" and precheck.grade_text(both.gddb[1]) is None
    patch = ll([box(50, 0, 200, 100)])  # 50 m on grade 4, 100 m on 耕地 without a grade
    assert precheck.overlay(patch, both).gddb(0) == "4"
    assert store_precheck.assemble([bare]).gddb is None
