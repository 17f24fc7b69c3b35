"""The precheck overlay against pyproj's geodesic areas of the exact intersections."""

import json

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.affinity import rotate

from farmland_guard.core import layers as layer_io
from farmland_guard.core import precheck
from farmland_guard.core.areas import geodesic_area_m2, m2_to_mu
from farmland_guard.core.errors import Cancelled

# GEOS overlays in the expected figures leave a harmless floating-point flag
pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered in intersection")
GK = "EPSG:4526"
TOLERANCE = 1.0001e-4  # 亩: the figures are rounded to 4 decimals
X0, Y0 = 38_450_000.0, 3_900_000.0  # near 获嘉县
_to_lonlat = Transformer.from_crs(GK, "EPSG:4490", always_xy=True)


def ll(geoms):
    """GK zone 38 metres (relative to X0, Y0) to CGCS2000 lon/lat."""
    return shapely.transform(np.asarray(geoms, dtype=object), lambda c: np.column_stack(
        _to_lonlat.transform(c[:, 0] + X0, c[:, 1] + Y0)))


def box(x0, y0, x1, y1):
    return shapely.box(x0, y0, x1, y1)


def geodesic_mu(geom) -> float:
    return 0.0 if geom is None or geom.is_empty else float(m2_to_mu(geodesic_area_m2(geom)))


def union(geoms):
    return shapely.union_all(np.asarray(geoms, dtype=object))


@pytest.fixture(scope="module")
def scene():
    """A 500 m square of 50 m land-use cells, farmland, a red line, overlapping approvals, and
    patches of every shape: rotated, with holes, multipart, slivers, outside everything."""
    rng = np.random.default_rng(6)
    cells, codes = [], []
    for i in range(10):
        for j in range(10):
            cells.append(box(i * 50, j * 50, i * 50 + 50, j * 50 + 50))
            codes.append(rng.choice(["0101", "0102", "0103", "0201K", "1203", "0702", "1003"]))
    patches = [box(10, 10, 90, 60), box(120, 30, 180, 140),
               rotate(box(200, 200, 320, 260), 33),
               shapely.Polygon([(300, 20), (420, 20), (420, 120), (300, 120)],
                               [[(330, 40), (390, 40), (390, 100), (330, 100)]]),  # a hole
               shapely.MultiPolygon([box(20, 300, 60, 340), box(140, 420, 190, 470)]),
               box(455, 455, 455.01, 495),  # a 1 cm sliver
               box(2000, 2000, 2050, 2050)]  # outside every layer
    patches += [rotate(box(x, y, x + rng.uniform(20, 90), y + rng.uniform(20, 90)),
                                        rng.uniform(0, 90))
                for x, y in rng.uniform(20, 400, (20, 2))]
    approvals = [[box(0, 0, 60, 70), box(55, 0, 100, 70)],  # overlap: 55–60 counted once
                 [box(120, 30, 150, 140), box(150, 30, 180, 140)],  # touching: whole patch
                 [box(300, 20, 360, 120), box(0, 0, 60, 70)]]  # repeats one of the first layer
    return {
        "patches": ll(patches),
        "landuse": ll(cells), "dlbm": np.array(codes, dtype=object),
        "kcxs": np.where(np.isin(codes, ["0101", "0102", "0103"]), 0.08, 0.0),
        # two 永农 polygons that overlap (200–250): unioned before measuring; the second
        # holds non-耕地 cells too
        "farmland": ll([box(0, 0, 250, 250), box(200, 0, 300, 250)]),
        "redline": ll([shapely.buffer(shapely.LineString([(0, 480), (500, 200)]), 20)]),
        "approvals": [ll(a) for a in approvals],
    }


def layers_of(scene, **changes):
    values = dict(landuse=scene["landuse"], dlbm=scene["dlbm"], kcxs=scene["kcxs"],
                  farmland=scene["farmland"], redline=scene["redline"],
                  approvals=scene["approvals"])
    values.update(changes)
    return precheck.Layers(**values)


def expected(patch, scene):
    """Every field from shapely's exact intersections, measured by pyproj's Geod."""
    codes = scene["dlbm"]
    cultivated = np.isin(codes, ["0101", "0102", "0103"])
    gd = shapely.intersection(patch, union(scene["landuse"][cultivated]))
    approved = union(np.concatenate(scene["approvals"]))
    paddy = codes == "0101"
    farmland = shapely.intersection(patch, union(scene["farmland"]))

    def net(which, minus=None):
        return sum(geodesic_mu(shapely.difference(shapely.intersection(patch, cell), minus)
                               if minus is not None else shapely.intersection(patch, cell)) * (1 - k)
                   for cell, k in zip(scene["landuse"][which], scene["kcxs"][which]))

    st = shapely.intersection(patch, union(scene["landuse"][paddy]))
    area = geodesic_mu(patch)
    return {
        "TBMJ_MU": area, "GDMJ": geodesic_mu(gd), "GDJMJ": net(cultivated),
        "STMJ": geodesic_mu(st), "STJMJ": net(paddy),
        "JBNTMJ": geodesic_mu(farmland),
        "JBNTGDMJ": geodesic_mu(shapely.intersection(farmland, gd)),
        "STHXMJ": geodesic_mu(shapely.intersection(patch, union(scene["redline"]))),
        "PWMJ": geodesic_mu(shapely.intersection(patch, approved)),
        "PWFGL": geodesic_mu(shapely.intersection(patch, approved)) / area,
        "WFGMJ": geodesic_mu(shapely.difference(gd, approved)),
        "WFGJMJ": net(cultivated, approved),
        "WPSTMJ": geodesic_mu(shapely.difference(st, approved)),
        "WPSTJMJ": net(paddy, approved),
        "WPJBNTMJ": geodesic_mu(shapely.difference(farmland, approved)),
    }


def test_every_field_matches_the_geodesic_area_of_the_exact_intersection(scene):
    result = precheck.overlay(scene["patches"], layers_of(scene))
    assert result.notes == [] and result.patch_notes == {}
    for k, patch in enumerate(scene["patches"]):
        want = expected(patch, scene)
        got = result.record(k)
        for field, value in want.items():
            assert got[field] == pytest.approx(value, abs=TOLERANCE), (k, field)


def test_overlapping_and_repeated_approvals_count_once(scene):
    result = precheck.overlay(scene["patches"][:2], layers_of(scene))
    first, second = result.record(0), result.record(1)
    # patch 0 (80 × 50 m) lies wholly in the two overlapping approvals of layer one
    assert first["PWMJ"] == first["TBMJ_MU"] and first["PWFGL"] == 1.0 and first["WFGMJ"] == 0
    # patch 1 is covered by two approvals that only touch
    assert second["PWMJ"] == pytest.approx(second["TBMJ_MU"], abs=TOLERANCE)
    assert second["PWFGL"] == pytest.approx(1.0, abs=1e-4) and second["WFGMJ"] == 0


def test_holes_multiparts_slivers_and_empty_intersections(scene):
    result = precheck.overlay(scene["patches"], layers_of(scene))
    holed, multipart, sliver, outside = (result.record(k) for k in (3, 4, 5, 6))
    assert holed["TBMJ_MU"] == pytest.approx(geodesic_mu(scene["patches"][3]), abs=TOLERANCE)
    assert holed["TBMJ_MU"] < geodesic_mu(shapely.Polygon(scene["patches"][3].exterior)) - 1
    assert multipart["TBMJ_MU"] == pytest.approx(
        sum(geodesic_mu(p) for p in scene["patches"][4].geoms), abs=TOLERANCE)
    assert 0 <= sliver["TBMJ_MU"] < 0.001 and sliver["GDMJ"] <= sliver["TBMJ_MU"]
    assert outside["TBMJ_MU"] > 3
    for field in ("GDMJ", "GDJMJ", "STMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ"):
        assert outside[field] == 0, field  # given layers that miss the patch give 0
    assert result.dlfz(6) == "{}"


def test_groups_split_the_patch_and_adjustable_land_is_not_cultivated(scene):
    result = precheck.overlay(scene["patches"], layers_of(scene))
    covered = union(scene["landuse"])
    for k, patch in enumerate(scene["patches"]):
        groups = json.loads(result.dlfz(k))
        inside = sum(v for g, v in groups.items() if g != "其中可调整地类")
        assert inside == pytest.approx(geodesic_mu(shapely.intersection(patch, covered)), abs=0.001)
        assert groups.get("耕地", 0) == result.record(k)["GDMJ"]
    adjustable = scene["landuse"][scene["dlbm"] == "0201K"][0]
    patch = shapely.intersection(adjustable, shapely.buffer(shapely.centroid(adjustable), 0.0001))
    one = precheck.overlay([patch], layers_of(scene))
    assert one.record(0)["GDMJ"] == 0
    groups = json.loads(one.dlfz(0))
    assert groups["园地"] == groups["其中可调整地类"] == one.record(0)["TBMJ_MU"]


def test_layers_not_given_leave_their_fields_empty(scene):
    result = precheck.overlay(scene["patches"], layers_of(
        scene, kcxs=None, farmland=None, redline=None, approvals=None))
    record = result.record(0)
    for field in ("GDJMJ", "JBNTMJ", "STHXMJ", "PWMJ", "PWFGL", "WFGMJ"):
        assert record[field] is None, field
    assert record["GDMJ"] > 0 and record["TBMJ_MU"] > 0
    given_empty = precheck.overlay(scene["patches"], layers_of(scene, approvals=[ll([])]))
    assert given_empty.record(0)["PWMJ"] == 0 and given_empty.record(0)["WFGMJ"] > 0


def test_a_patch_across_two_counties_takes_the_land_use_of_both():
    west = ll([box(0, 0, 100, 100)])  # county A: 0102
    east = ll([box(100, 0, 200, 100)])  # county B: 0101
    patch = ll([box(50, 20, 150, 80)])
    layers = precheck.Layers(np.concatenate([west, east]), np.array(["0102", "0101"], dtype=object))
    record = precheck.overlay(patch, layers).record(0)
    assert record["GDMJ"] == pytest.approx(record["TBMJ_MU"], abs=TOLERANCE)
    assert record["STMJ"] == pytest.approx(geodesic_mu(shapely.intersection(patch[0], east[0])),
                                           abs=TOLERANCE)
    only_west = precheck.overlay(patch, precheck.Layers(west, np.array(["0102"], dtype=object)))
    assert only_west.record(0)["GDMJ"] == pytest.approx(record["TBMJ_MU"] / 2, abs=0.001)


def test_invalid_geometries_are_repaired_with_a_note(scene):
    bowtie = shapely.Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])  # self-intersecting
    patch = ll([bowtie])
    landuse = ll([box(-10, -10, 110, 110), shapely.Polygon([(0, 0), (50, 50), (50, 0), (0, 50)])])
    result = precheck.overlay(patch, precheck.Layers(landuse[:1], np.array(["0101"], dtype=object)))
    assert list(result.patch_notes) == [0]
    assert result.patch_notes[0].startswith("made valid (Self-intersection")
    assert result.record(0)["TBMJ_MU"] == pytest.approx(
        geodesic_mu(shapely.make_valid(patch[0])), abs=TOLERANCE)
    assert result.record(0)["GDMJ"] == result.record(0)["TBMJ_MU"]
    bad_layer = precheck.overlay(ll([box(0, 0, 50, 50)]),
                                 precheck.Layers(landuse[1:], np.array(["0101"], dtype=object)))
    assert bad_layer.notes == ["land use: 1 invalid polygon(s) made valid"]
    both_strips = precheck.overlay(ll([box(0, 0, 50, 50), box(0, 0, 50, 50)]),
                                   precheck.Layers(landuse[1:], np.array(["0101"], dtype=object)),
                                   workers=2)
    assert both_strips.notes == bad_layer.notes
    assert bad_layer.record(0)["GDMJ"] == pytest.approx(
        geodesic_mu(shapely.make_valid(landuse[1])), abs=TOLERANCE)


def test_missing_patch_geometry_gets_empty_fields(scene):
    result = precheck.overlay(np.array([None, scene["patches"][0]], dtype=object),
                              layers_of(scene))
    assert all(v is None for v in result.record(0).values())
    assert result.dlfz(0) is None and result.record(1)["TBMJ_MU"] > 0


def test_threads_give_the_same_figures_as_one(scene):
    one = precheck.overlay(scene["patches"], layers_of(scene), workers=1)
    three = precheck.overlay(scene["patches"], layers_of(scene), workers=3)
    for field in precheck.FIELDS:
        np.testing.assert_array_equal(one.values[field], three.values[field])


def test_cancel_stops_the_overlay(scene):
    with pytest.raises(Cancelled):
        precheck.overlay(scene["patches"], layers_of(scene), cancelled=lambda: True)


def test_gauss_kruger_and_lonlat_files_give_the_same_figures(scene, tmp_path):
    """The same layers written in GK zone 38 and in EPSG:4490, read back through GDAL."""
    to_gk = Transformer.from_crs("EPSG:4490", GK, always_xy=True)

    def write(name, geoms, crs, **columns):
        if crs == GK:
            geoms = shapely.transform(geoms, lambda c: np.column_stack(to_gk.transform(*c.T)))
        path = tmp_path / f"{name}-{crs[5:]}.gpkg"
        pyogrio.write_dataframe(gpd.GeoDataFrame(columns, geometry=geoms, crs=crs), path)
        return str(path)

    results = []
    for crs in (GK, "EPSG:4490"):
        patches = layer_io.read(write("patches", scene["patches"], crs,
                                      JCBH=[str(k) for k in range(len(scene["patches"]))]),
                                ("JCBH",))
        landuse = layer_io.read(write("landuse", scene["landuse"], crs, dlbm=scene["dlbm"],
                                      KCXS=scene["kcxs"]), ("DLBM",), ("kcxs",),
                                near=patches.geometries)
        farmland = layer_io.read(write("farmland", scene["farmland"], crs))
        layers = precheck.Layers(landuse.geometries, landuse.columns["DLBM"],
                                 landuse.columns["KCXS"], farmland.geometries)
        results.append(precheck.overlay(patches.geometries, layers))
    for field in ("TBMJ_MU", "GDMJ", "GDJMJ", "STMJ", "JBNTMJ"):
        np.testing.assert_allclose(results[0].values[field], results[1].values[field],
                                   atol=TOLERANCE)
