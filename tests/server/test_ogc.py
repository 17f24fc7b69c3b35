"""``/ogc``: OGC API Features (Part 1 Core + GeoJSON, Part 2 CRS) over both databases, scoped
to the caller's region; then read by real clients (GDAL's OAPIF driver)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import uuid

import geopandas as gpd
import pytest
import requests
import shapely

from .regions import COUNTIES, PATCHES, jcbh
from .servers import PASSWORD, cli, env

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"


def basic(user: str) -> requests.Session:
    session = requests.Session()
    session.auth = (user, PASSWORD)
    return session


def all_items(session: requests.Session, url: str, **params) -> tuple[list, list[dict]]:
    """Every feature, following the next links; and each page's body."""
    pages, features = [], []
    answer = session.get(url, params=params)
    while True:
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/geo+json")
        page = answer.json()
        pages.append(page)
        features += page["features"]
        following = [link["href"] for link in page["links"] if link["rel"] == "next"]
        if not following:
            return features, pages
        answer = session.get(following[0])


def test_landing_page_and_conformance_are_public(server):
    landing = requests.get(server.url + "/ogc")
    assert landing.status_code == 200
    rels = {link["rel"]: link["href"] for link in landing.json()["links"]}
    assert rels["data"] == server.url + "/ogc/collections"
    assert rels["conformance"] == server.url + "/ogc/conformance"
    assert requests.get(rels["service-desc"]).status_code == 200
    classes = requests.get(rels["conformance"]).json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in classes


@pytest.mark.parametrize("path", ["/collections", "/collections/patches",
                                  "/collections/patches/items",
                                  f"/collections/patches/items/{jcbh('410724', 1)}"])
def test_collections_need_credentials(server, path):
    answer = requests.get(server.url + "/ogc" + path)
    assert answer.status_code == 401
    assert "Basic" in answer.headers["www-authenticate"]
    wrong = requests.get(server.url + "/ogc" + path, auth=("tech_a", "not-the-password"))
    assert wrong.status_code == 401


def test_collections_describe_crs_and_extent(server):
    me = basic("tech_a")
    listed = me.get(server.url + "/ogc/collections").json()
    assert [c["id"] for c in listed["collections"]] == ["patches", "results", "problems"]
    patches = me.get(server.url + "/ogc/collections/patches").json()
    assert patches["crs"] == [CRS84, EPSG4490] and patches["storageCrs"] == EPSG4490
    minx, miny, maxx, maxy = patches["extent"]["spatial"]["bbox"][0]
    lon, lat = COUNTIES["410724"]
    assert minx == pytest.approx(lon) and miny == pytest.approx(lat)  # 410724 only
    assert maxx < lon + 0.004 * 4 and maxy < lat + 0.004 * (PATCHES // 4 + 1)
    rels = {link["rel"] for link in patches["links"]}
    assert {"self", "items"} <= rels
    assert me.get(server.url + "/ogc/collections/nothing").status_code == 404


@pytest.mark.parametrize("user, counties", [("tech_a", ["410724"]),
                                            ("prov_rev", ["410724", "410725"]),
                                            ("other_rev", ["130102"])])
def test_each_user_reads_the_patches_of_their_region(server, user, counties):
    me = basic(user)
    page = me.get(server.url + "/ogc/collections/patches/items").json()
    assert page["numberMatched"] == page["numberReturned"] == PATCHES * len(counties)
    assert sorted(f["id"] for f in page["features"]) == sorted(
        jcbh(c, n) for c in counties for n in range(1, PATCHES + 1))
    assert {f["properties"]["XZQDM"] for f in page["features"]} == set(counties)


def test_bearer_token_reads_too(server):
    page = server.as_user("tech_b").get(server.url + "/ogc/collections/patches/items").json()
    assert page["numberMatched"] == PATCHES
    assert {f["properties"]["XZQDM"] for f in page["features"]} == {"410725"}


def test_paging_with_next_links_reaches_every_patch_once(server):
    features, pages = all_items(basic("prov_rev"), server.url + "/ogc/collections/patches/items",
                                limit=5)
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)) == 2 * PATCHES
    assert [p["numberReturned"] for p in pages] == [5] * (2 * PATCHES // 5) + (
        [2 * PATCHES % 5] if 2 * PATCHES % 5 else [])
    assert all(p["numberMatched"] == 2 * PATCHES for p in pages)
    for page in pages:
        rels = {link["rel"] for link in page["links"]}
        assert {"self", "collection"} <= rels


def test_limit_is_checked_and_capped(server):
    me = basic("tech_a")
    url = server.url + "/ogc/collections/patches/items"
    assert me.get(url, params={"limit": 0}).status_code == 400
    assert me.get(url, params={"limit": "many"}).status_code == 400
    assert me.get(url, params={"limit": 10**9}).json()["numberReturned"] == PATCHES
    assert me.get(url, params={"after": "x"}).status_code == 400


def test_bbox_keeps_the_patches_that_meet_it(server):
    me = basic("prov_rev")
    url = server.url + "/ogc/collections/patches/items"
    lon, lat = COUNTIES["410724"]
    # patches n = 1…12 sit at (lon + 0.004 (n % 4), lat + 0.004 (n // 4)), 0.0004 × 0.0005
    box = [lon - 0.001, lat - 0.001, lon + 0.0041, lat + 0.0041]  # meets n = 1, 4, 5
    page = me.get(url, params={"bbox": ",".join(map(str, box))}).json()
    assert sorted(f["id"] for f in page["features"]) == [jcbh("410724", n) for n in (1, 4, 5)]
    assert page["numberMatched"] == 3
    # the bounding boxes of n = 1 and 5 meet this one, their outlines do not: exact test
    page = me.get(url, params={"bbox": f"{lon + 0.0039},{lat + 0.0039},{lon + 0.00399},"
                                       f"{lat + 0.00399}"}).json()
    assert page["numberMatched"] == 0 and page["features"] == []
    # EPSG:4490: latitude first
    flipped = [box[1], box[0], box[3], box[2]]
    page = me.get(url, params={"bbox": ",".join(map(str, flipped)),
                               "bbox-crs": EPSG4490}).json()
    assert sorted(f["id"] for f in page["features"]) == [jcbh("410724", n) for n in (1, 4, 5)]
    # paging inside a bbox keeps the bbox
    features, pages = all_items(me, url, bbox=",".join(map(str, box)), limit=2)
    assert sorted(f["id"] for f in features) == [jcbh("410724", n) for n in (1, 4, 5)]
    assert len(pages) == 2
    assert me.get(url, params={"bbox": "1,2,3"}).status_code == 400
    assert me.get(url, params={"bbox": "3,2,1,0"}).status_code == 400
    assert me.get(url, params={"bbox": "1,2,3,4", "bbox-crs": "EPSG:3857"}).status_code == 400


def test_datetime_picks_patches_by_their_after_image_date(server):
    me = basic("tech_a")
    url = server.url + "/ogc/collections/patches/items"
    counts = {}
    for when in ("2025-03-01", "2025-03-01T12:00:00+08:00", "2025-02-01/..",
                 "../2025-03-01T00:00:00Z", "/2025-03-01", "2025-03-02/..", "../2025-02-28",
                 "2025-01-01/2025-02-28"):
        answer = me.get(url, params={"datetime": when})
        assert answer.status_code == 200, (when, answer.text)
        counts[when] = answer.json()["numberMatched"]
        assert counts[when] == len(answer.json()["features"])
    assert counts == {"2025-03-01": PATCHES, "2025-03-01T12:00:00+08:00": PATCHES,
                      "2025-02-01/..": PATCHES, "../2025-03-01T00:00:00Z": PATCHES,
                      "/2025-03-01": PATCHES, "2025-03-02/..": 0, "../2025-02-28": 0,
                      "2025-01-01/2025-02-28": 0}
    for bad in ("yesterday", "2025-03-02/2025-03-01", "..", "a/b/c"):
        assert me.get(url, params={"datetime": bad}).status_code == 400, bad
    temporal = me.get(server.url + "/ogc/collections/patches").json()["extent"]["temporal"]
    assert temporal["interval"] == [["2025-03-01T00:00:00Z", "2025-03-01T23:59:59Z"]]


def test_crs_4490_puts_latitude_first(server):
    me = basic("tech_a")
    url = server.url + f"/ogc/collections/patches/items/{jcbh('410724', 1)}"
    lon, lat = COUNTIES["410724"]
    plain = me.get(url)
    assert plain.headers["content-crs"] == f"<{CRS84}>"
    x, y = plain.json()["geometry"]["coordinates"][0][0][0]
    assert x == pytest.approx(lon + 0.004, abs=0.001) and y == pytest.approx(lat, abs=0.001)
    swapped = me.get(url, params={"crs": EPSG4490})
    assert swapped.status_code == 200
    assert swapped.headers["content-crs"] == f"<{EPSG4490}>"
    assert swapped.json()["geometry"]["coordinates"][0][0][0] == [y, x]
    page = me.get(server.url + "/ogc/collections/patches/items", params={"crs": EPSG4490})
    assert page.headers["content-crs"] == f"<{EPSG4490}>"
    ring = page.json()["features"][0]["geometry"]["coordinates"][0][0]
    assert all(35 < a < 36 and 113 < b < 114 for a, b in ring)
    assert me.get(url, params={"crs": "EPSG:3857"}).status_code == 400


def test_one_patch_with_its_chinese_text(server):
    me = basic("tech_a")
    answer = me.get(server.url + f"/ogc/collections/patches/items/{jcbh('410724', 2)}")
    assert answer.status_code == 200
    assert "测试县·图斑".encode() in answer.content  # UTF-8 as is, not \u escapes
    feature = json.loads(answer.content.decode("utf-8"))
    assert feature["id"] == jcbh("410724", 2)
    props = feature["properties"]
    assert props["XMC"] == "测试县·图斑" and props["BZ"] == "备注：'; DROP TABLE patches; --"
    assert props["JCBH"] == jcbh("410724", 2) and props["XZQDM"] == "410724"
    assert props["TBLX"] == "20" and props["QSX"] == "2024-10-01" and props["MJ"] == 2000.0
    assert props["TBMJ_MU"] > 0 and "HCZT" in props and "PDLX" in props
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert {link["rel"] for link in feature["links"]} >= {"self", "collection"}


def test_a_patch_of_another_county_is_not_found(server):
    me = basic("tech_a")
    for other in (jcbh("410725", 2), jcbh("130102", 2), "no-such-patch"):
        answer = me.get(server.url + f"/ogc/collections/patches/items/{other}")
        assert answer.status_code == 404, other
    assert basic("prov_rev").get(
        server.url + f"/ogc/collections/patches/items/{jcbh('410725', 2)}").status_code == 200


def test_results_carry_the_verdict_and_the_patch_outline(server):
    tech = server.as_user("tech_a")
    rid = str(uuid.uuid4())
    data = {"JCBH": jcbh("410724", 16), "PDLX": "违法", "WFLX": "未批先建(未报即用)",
            "WFMJ": 1.5, "SFNRWFJS": "是", "HCZT": "内业完成"}
    op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": 0,
          "data": data}
    answer = tech.post(server.url + "/sync/v1/push", json={"ops": [op]},
                       headers={"Idempotency-Key": str(uuid.uuid4())}).json()
    assert answer["results"][0]["status"] == "applied", answer
    features, _ = all_items(basic("tech_a"), server.url + "/ogc/collections/results/items",
                            limit=1)
    mine = {f["id"]: f for f in features}
    assert rid in mine and len(mine) == len(features)
    props = mine[rid]["properties"]
    assert props["JCBH"] == jcbh("410724", 16) and props["PDLX"] == "违法"
    assert props["WFLX"] == "未批先建(未报即用)" and props["WFMJ"] == 1.5
    assert props["version"] == 1 and props["updated_by"] == "tech_a"
    assert props["updated_at"].endswith("Z") and props["DKBH"] is None
    patch = basic("tech_a").get(
        server.url + f"/ogc/collections/patches/items/{jcbh('410724', 16)}").json()
    assert mine[rid]["geometry"] == patch["geometry"]
    assert patch["properties"]["PDLX"] == "违法" and patch["properties"]["HCZT"] == "内业完成"
    one = basic("tech_a").get(server.url + f"/ogc/collections/results/items/{rid}")
    assert one.status_code == 200 and one.json()["properties"]["SFNRWFJS"] == "是"
    # others: the result is outside their region
    assert basic("other_rev").get(
        server.url + f"/ogc/collections/results/items/{rid}").status_code == 404
    assert basic("tech_b").get(server.url + "/ogc/collections/results/items").json()[
        "numberMatched"] == 0
    lon, lat = COUNTIES["410724"]
    hit = basic("prov_rev").get(server.url + "/ogc/collections/results/items",
                                params={"bbox": f"{lon - 0.0001},{lat + 0.0159},"
                                                f"{lon + 0.0001},{lat + 0.0161}"}).json()
    assert rid in [f["id"] for f in hit["features"]]  # n = 16: (lon, lat + 0.016)
    assert hit["numberMatched"] == len(hit["features"])
    recent = basic("tech_a").get(server.url + "/ogc/collections/results/items",
                                 params={"datetime": "2020-01-01T00:00:00Z/.."}).json()
    assert rid in [f["id"] for f in recent["features"]]
    assert basic("tech_a").get(server.url + "/ogc/collections/results/items",
                               params={"datetime": "../2020-01-01"}).json()["numberMatched"] == 0


def split(server, patch: str, outlines: dict) -> None:
    """The patch split into parcels through the sync API (a parcels op)."""
    op = {"op_id": str(uuid.uuid4()), "kind": "parcels", "id": patch, "base_version": 0,
          "data": {"JCBH": patch, "parcels": [{"DKBH": d, "wkt": g.wkt}
                                              for d, g in outlines.items()]}}
    answer = server.as_user("tech_a").post(server.url + "/sync/v1/push", json={"ops": [op]},
                                           headers={"Idempotency-Key": str(uuid.uuid4())})
    assert answer.json()["results"][0]["status"] == "applied", answer.text


def test_a_parcels_result_has_the_parcels_outline(server):
    lon, lat = COUNTIES["410724"]
    x, y = lon + 0.004 * 3, lat + 0.004 * 3  # patch n = 15
    patch, dkbh = jcbh("410724", 15), jcbh("410724", 15) + "_1"
    west = shapely.MultiPolygon([shapely.box(x, y, x + 0.0002, y + 0.0005)])
    east = shapely.MultiPolygon([shapely.box(x + 0.0002, y, x + 0.0004, y + 0.0005)])
    split(server, patch, {dkbh: west, patch + "_2": east})
    rid = str(uuid.uuid4())
    op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": rid, "base_version": 0,
          "data": {"JCBH": patch, "DKBH": dkbh, "PDLX": "违法", "WFLX": "未批先建(未报即用)",
                   "WFMJ": 0.5, "SFNRWFJS": "是", "HCZT": "内业完成"}}
    answer = server.as_user("tech_a").post(
        server.url + "/sync/v1/push", json={"ops": [op]},
        headers={"Idempotency-Key": str(uuid.uuid4())}).json()
    assert answer["results"][0]["status"] == "applied", answer
    me = basic("city_rev")
    feature = me.get(server.url + f"/ogc/collections/results/items/{rid}").json()
    assert feature["properties"]["DKBH"] == dkbh and feature["properties"]["JCBH"] == patch
    assert shapely.geometry.shape(feature["geometry"]).equals(west)
    url = server.url + "/ogc/collections/results/items"
    west_side = f"{x + 0.00005},{y + 0.0001},{x + 0.00015},{y + 0.0002}"
    east_side = f"{x + 0.00025},{y + 0.0001},{x + 0.00035},{y + 0.0002}"  # the patch, not it
    assert rid in [f["id"] for f in me.get(url, params={"bbox": west_side}).json()["features"]]
    assert rid not in [f["id"] for f in me.get(url, params={"bbox": east_side}).json()["features"]]


# --- what the ledgers read (issue 16) --------------------------------------------------------

LEDGER_COUNTY = "620102"  # a county of its own: nobody else in the region matrix sees it
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0, "WFGDMJ": 0.8,
           "SFNRWFJS": "是", "HCZT": "内业完成"}


def push(server, user: str, data: dict) -> dict:
    op = {"op_id": str(uuid.uuid4()), "kind": "result", "id": str(uuid.uuid4()),
          "base_version": 0, "data": data}
    answer = server.as_user(user).post(server.url + "/sync/v1/push", json={"ops": [op]},
                                       headers={"Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 200, answer.text
    return {"id": op["id"], **answer.json()["results"][0]}


def older_batch(server, county: str, years: list) -> list[str]:
    """A batch in the older WPZF_TB schema, whose YEAR is the national ND (the national schema
    has none): a small square per entry of ``years`` (``None``: no year), after-images of
    2025-03-01; and the county's technician ``tech_ledger``."""
    lon, lat = 103.83, 36.06
    rows = [{"TBBH": f"{county}SJBG25{n:06d}", "XZQHDM": county, "TBLX": "20",
             "QSX": "2024-10-01", "HSX": "2025-03-01", "YEAR": year}
            for n, year in enumerate(years)]
    shapes = [shapely.MultiPolygon([shapely.box(lon + 0.001 * n, lat, lon + 0.001 * n + 0.0004,
                                                lat + 0.0005)]) for n in range(len(years))]
    path = server.data / f"{county}_WPZF_TB.gpkg"
    gpd.GeoDataFrame(rows, geometry=shapes, crs="EPSG:4490").to_file(path, driver="GPKG")
    cli(server.db, "batch", "load", str(path), "--region", county, data=server.data)
    cli(server.db, "user", "add", "tech_ledger", "--role", "technician", "--region", county,
        "--password-stdin", stdin=PASSWORD + "\n", data=server.data)
    return [r["TBBH"] for r in rows]


@pytest.fixture(scope="module")
def ledger_results(server) -> dict:
    """Patches 0 and 1 with their year (ND 2024), 2 and 3 with none; a verdict on 0, 2 and 3:
    rectified (and 重点工程, its grade as ZLDB), being rectified (its grade as GDDB, a number),
    not illegal."""
    patches = older_batch(server, LEDGER_COUNTY, ["2024", "2024", None, None])
    sent = {"rectified": {**ILLEGAL, "JCBH": patches[0], "SFZDGC": "是", "ZGCS": "拆除复耕",
                          "ZGZT": "已整改", "ZLDB": "3"},
            "rectifying": {**ILLEGAL, "JCBH": patches[2], "ZGCS": "补办手续", "ZGZT": "整改中",
                           "GDDB": 7},
            "other": {"JCBH": patches[3], "PDLX": "其他", "HCHLX": "非新增", "HCZT": "内业完成"}}
    ids = {}
    for name, data in sent.items():
        reply = push(server, "tech_ledger", data)
        assert reply["status"] == "applied", reply
        ids[name] = reply["id"]
    return ids


def test_results_carry_what_the_ledgers_read(server, ledger_results):
    features, _ = all_items(basic("tech_ledger"), server.url + "/ogc/collections/results/items")
    found = {f["id"]: f["properties"] for f in features}
    assert len(found) == 3
    rectified = found[ledger_results["rectified"]]
    # the patch's county and year (ND as delivered), the verdict's 重点工程 and rectification
    assert rectified["XZQDM"] == LEDGER_COUNTY and rectified["ND"] == "2024"
    assert rectified["SFZDGC"] == "是" and rectified["ZGCS"] == "拆除复耕"
    assert rectified["ZGZT"] == "已整改" and rectified["ZLDB"] == "3"
    # rectified: the day in China (UTC+8) of its last change
    changed = dt.datetime.fromisoformat(rectified["updated_at"].removesuffix("Z"))
    assert rectified["ZGRQ"] == (changed + dt.timedelta(hours=8)).date().isoformat()
    rectifying = found[ledger_results["rectifying"]]
    assert rectifying["ND"] == "2025"  # no ND: the year of its after-image (HSX)
    assert rectifying["ZGCS"] == "补办手续" and rectifying["ZGZT"] == "整改中"
    assert rectifying["ZGRQ"] is None and rectifying["SFZDGC"] is None
    assert rectifying["ZLDB"] == "7"  # sent as GDDB, a number: the grade as text
    other = found[ledger_results["other"]]
    assert other["ND"] == "2025" and other["XZQDM"] == LEDGER_COUNTY
    assert [other[k] for k in ("SFZDGC", "ZGCS", "ZGZT", "ZGRQ", "ZLDB")] == [None] * 5
    one = basic("tech_ledger").get(
        server.url + f"/ogc/collections/results/items/{ledger_results['rectified']}").json()
    assert one["properties"] == rectified
    assert basic("prov_rev").get(server.url + "/ogc/collections/results/items/"
                                 f"{ledger_results['rectified']}").status_code == 404


@pytest.mark.parametrize("grade", [{"level": 3}, ["3"], True, 2.5, "x" * 21])
def test_a_grade_that_is_no_grade_is_refused(server, ledger_results, grade):
    patch = f"{LEDGER_COUNTY}SJBG25{1:06d}"
    reply = push(server, "tech_ledger", {**ILLEGAL, "JCBH": patch, "ZLDB": grade})
    assert reply["status"] == "rejected", reply
    assert reply["problem"]["rule"] == "grade" and reply["problem"]["params"]["field"] == "ZLDB"


# --- real clients ------------------------------------------------------------------------------

OGRINFO = shutil.which("ogrinfo")


def ogrinfo(server, *args, **config) -> str:
    options = [a for key, value in config.items() for a in ("--config", key, value)]
    done = subprocess.run([OGRINFO, "-ro", *options, f"OAPIF:{server.url}/ogc", *args],
                          capture_output=True, text=True, env=env(), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed")
def test_gdal_reads_the_patches_with_basic_credentials(server):
    summary = ogrinfo(server, "-so", "patches", GDAL_HTTP_USERPWD=f"prov_rev:{PASSWORD}",
                      GDAL_HTTP_AUTH="BASIC")
    assert f"Feature Count: {2 * PATCHES}" in summary
    for field in ("JCBH: String", "XMC: String", "MJ: Real", "TBMJ_MU: Real", "HCZT: String"):
        assert field in summary, summary
    one = ogrinfo(server, "patches", "-where", f"JCBH = '{jcbh('410724', 3)}'",
                  GDAL_HTTP_USERPWD=f"tech_a:{PASSWORD}", GDAL_HTTP_AUTH="BASIC")
    assert "XMC (String) = 测试县·图斑" in one and "MULTIPOLYGON" in one


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed")
def test_gdal_reads_with_a_bearer_token(server, tmp_path):
    headers = tmp_path / "headers.txt"
    headers.write_text(f"Authorization: Bearer {server.token('tech_a')}\n")
    listing = ogrinfo(server, GDAL_HTTP_HEADER_FILE=str(headers))
    assert "patches" in listing and "results" in listing
    full = ogrinfo(server, "-al", "patches", GDAL_HTTP_HEADER_FILE=str(headers))
    assert f"Feature Count: {PATCHES}" in full and full.count("OGRFeature(") == PATCHES
    lon, lat = COUNTIES["410724"]
    # GDAL 3.6 reads CRS84 (Part 2 came in 3.7); either way it hands back lon/lat
    first = full.split("MULTIPOLYGON (((", 1)[1].split(",", 1)[0].split()
    x, y = float(first[0]), float(first[1])
    assert abs(x - lon) < 0.03 and abs(y - lat) < 0.03
    assert "XMC (String) = 测试县·图斑" in full
    results = ogrinfo(server, "-so", "results", GDAL_HTTP_HEADER_FILE=str(headers))
    assert "PDLX: String" in results or "Feature Count: 0" in results


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed")
def test_gdal_reads_the_ledger_fields_of_results(server, ledger_results):
    read = ogrinfo(server, "-al", "results", GDAL_HTTP_USERPWD=f"tech_ledger:{PASSWORD}",
                   GDAL_HTTP_AUTH="BASIC")
    assert "Feature Count: 3" in read and read.count("OGRFeature(") == 3
    for value in (f"XZQDM (String) = {LEDGER_COUNTY}", "ND (String) = 2024",
                  "ND (String) = 2025", "SFZDGC (String) = 是", "ZGCS (String) = 拆除复耕",
                  "ZGZT (String) = 已整改", "ZGZT (String) = 整改中", "ZLDB (String) = 3",
                  "ZLDB (String) = 7"):
        assert value in read, read
    # GDAL may take the date for a date: 2026/12/03 or 2026-12-03
    assert len(re.findall(r"ZGRQ \((?:String|Date)\) = \d{4}[-/]\d{2}[-/]\d{2}", read)) == 1
