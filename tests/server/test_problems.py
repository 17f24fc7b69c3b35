"""Problems of the rectification ledger (整改台账, issue 17) on the server: pushed like verdicts —
created on base version 0, changed on the version the server holds, a conflict otherwise, a
duplicate when sent again —, checked with the plugin's rules, kept to their region, audited
and in the change feed; and the round trip through the plugin's own sync."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest
import shapely

from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.problems import Problems
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client

from .flows import op, pushed, query, upload
from .regions import COUNTIES, batch_file
from .servers import PASSWORD

TODAY = dt.date.today().isoformat()


def number(county: str) -> str:
    """A WTBH no other test takes (the server is shared by the session)."""
    return f"WT-{county}-{uuid.uuid4().hex[:10]}"


def problem(wtbh: str, county: str = "410724", **fields) -> dict:
    lon, lat = COUNTIES[county]
    return {"WTBH": wtbh, "LY": "巡察", "WTMS": "耕地上堆放建材", "XZQDM": county,
            "ZGCS": ["拆除复耕"], "ZGQX": "2030-06-30", "ZGZT": "未整改", "PDRQ": TODAY,
            "GLTB": [], "geom_wkb": shapely.to_wkb(shapely.Point(lon, lat)).hex(), **fields}


def push_problem(server, user: str, wtbh: str, data: dict, base: int = 0) -> dict:
    [reply] = pushed(server.as_user(user), server, op(wtbh, data, base, "problem"))
    return reply


def get(server, user: str, wtbh: str):
    return server.as_user(user).get(server.url + f"/sync/v1/problems/{wtbh}")


def rules(reply: dict) -> list[tuple]:
    assert reply["status"] == "rejected", reply
    return [(e["field"], e["rule"]) for e in reply["problem"].get("errors") or []] or \
        [(None, reply["problem"]["rule"])]


def test_created_changed_sent_again_and_in_conflict(server):
    wtbh = number("410724")
    first = op(wtbh, problem(wtbh), 0, "problem")
    [created] = pushed(server.as_user("tech_a"), server, first)
    assert (created["status"], created["version"]) == ("applied", 1)
    [again] = pushed(server.as_user("tech_a"), server, first)
    assert (again["status"], again["version"]) == ("duplicate", 1)
    changed = push_problem(server, "tech_a", wtbh, problem(wtbh, ZGZT="整改中", ZRR="张三"), 1)
    assert (changed["status"], changed["version"]) == ("applied", 2)
    stale = push_problem(server, "tech_a", wtbh, problem(wtbh, ZGQX="2030-12-31"), 1)
    assert (stale["status"], stale["version"]) == ("conflict", 2)
    assert stale["server"]["data"]["ZRR"] == "张三" and stale["server"]["WTBH"] == wtbh
    held = get(server, "tech_a", wtbh).json()
    assert (held["version"], held["data"]["ZGZT"], held["XZQDM"]) == (2, "整改中", "410724")
    assert shapely.from_wkb(bytes.fromhex(held["geom_wkb"])).equals(
        shapely.Point(*COUNTIES["410724"]))
    rows = query(server, f"SELECT wtbh, version, zgzt, ly, minx FROM problems "
                         f"WHERE wtbh = '{wtbh}'")
    assert rows == [(wtbh, 2, "整改中", "巡察", COUNTIES["410724"][0])]
    audit = server.as_user("tech_a").get(server.url + "/sync/v1/audit",
                                         params={"limit": 5000}).json()
    assert [(a["action"], a["entity"], a["old_version"], a["new_version"], a["who"])
            for a in audit if a["entity_id"] == wtbh] == [
        ("save", "problem", None, 1, "tech_a"), ("save", "problem", 1, 2, "tech_a")]
    feed = server.as_user("tech_a").get(server.url + "/sync/v1/changes",
                                        params={"limit": 5000}).json()["changes"]
    assert [(c["entity"], c["version"]) for c in feed if c["id"] == wtbh] == \
        [("problem", 1), ("problem", 2)]


def test_a_county_sees_and_writes_only_its_own_problems(server):
    mine, theirs = number("410724"), number("410725")
    assert push_problem(server, "tech_a", mine, problem(mine))["status"] == "applied"
    assert push_problem(server, "tech_b", theirs, problem(theirs, "410725"))["status"] == "applied"
    assert get(server, "tech_b", mine).status_code == 404
    assert get(server, "tech_c", mine).status_code == 404
    assert get(server, "city_rev", mine).status_code == 200  # the city holds both counties
    assert get(server, "city_rev", theirs).status_code == 200
    listed = server.as_user("tech_b").get(server.url + "/sync/v1/problems",
                                          params={"limit": 5000}).json()["problems"]
    assert theirs in {p["WTBH"] for p in listed} and mine not in {p["WTBH"] for p in listed}
    # another county's number, county or version: refused, nothing written
    outside = number("410724")
    assert rules(push_problem(server, "tech_b", outside, problem(outside))) == [(None, "region")]
    assert rules(push_problem(server, "tech_b", mine, problem(mine, "410725"), 1)) == \
        [(None, "region")]
    assert rules(push_problem(server, "city_rev", mine, problem(mine), 1)) == [(None, "role")]
    feed = server.as_user("tech_b").get(server.url + "/sync/v1/changes",
                                        params={"limit": 5000}).json()["changes"]
    assert mine not in {c["id"] for c in feed} and theirs in {c["id"] for c in feed}
    assert get(server, "tech_a", mine).json()["version"] == 1


def test_the_plugins_rules_refuse_a_bad_problem(server):
    wtbh = number("410724")
    reply = push_problem(server, "tech_a", wtbh, problem(
        wtbh, LY="路过", ZGQX="2000-01-01", LABH="（2025）1号", GPJB="乡"))
    assert sorted(rules(reply)) == [("GPJB", "codelist"), ("LARQ", "case_pair"),
                                    ("LY", "codelist"), ("ZGQX", "deadline_before_verdict")]
    assert reply["problem"]["status"] == 422
    assert reply["problem"]["type"].endswith(":rectification")
    assert all(e["wtbh"] == wtbh for e in reply["problem"]["errors"])
    assert get(server, "tech_a", wtbh).status_code == 404
    no_county = push_problem(server, "tech_a", wtbh, problem(wtbh, XZQDM=""))
    assert rules(no_county) == [(None, "required")]
    bad_place = push_problem(server, "tech_a", wtbh, problem(
        wtbh, geom_wkb=shapely.to_wkb(shapely.LineString([(0, 0), (1, 1)])).hex()))
    assert rules(bad_place) == [(None, "geometry")]


def test_closing_needs_its_evidence_on_the_server(server):
    wtbh = number("410724")
    assert push_problem(server, "tech_a", wtbh, problem(wtbh, ZGZT="已整改"))["status"] == \
        "applied"
    closing = problem(wtbh, ZGZT="已销号", XHRQ=TODAY, XHR="李四", XHYY="已拆除复耕")
    assert rules(push_problem(server, "tech_a", wtbh, closing, 1)) == \
        [("evidence", "close_evidence")]
    unsent = "ab" * 32
    assert rules(push_problem(server, "tech_a", wtbh, {**closing, "attachments": [unsent]}, 1)) \
        == [(None, "missing_attachment")]
    missing_who = push_problem(server, "tech_a", wtbh, {**closing, "XHR": ""}, 1)
    assert ("XHR", "close_required") in rules(missing_who)
    sha = upload(server.as_user("tech_a"), server, f"复耕后 {wtbh}".encode())
    done = push_problem(server, "tech_a", wtbh, {**closing, "attachments": [sha]}, 1)
    assert (done["status"], done["version"]) == ("applied", 2)
    held = get(server, "tech_a", wtbh).json()
    assert (held["data"]["ZGZT"], held["data"]["attachments"]) == ("已销号", [sha])


# --- through the plugin's sync --------------------------------------------------------------


def _client(server, user):
    client = Client(server.url, language="en")
    client.sign_in(user, PASSWORD)
    return client


@pytest.fixture()
def work_store(server, tmp_path):
    path = tmp_path / "a.gpkg"
    importer.run(batch_file(tmp_path, "410724"), path)
    with WorkStore(path) as store:
        yield store


def test_a_problem_goes_to_the_server_and_its_change_there_comes_back(server, work_store,
                                                                      tmp_path):
    me, outbox, ledger = _client(server, "tech_a"), Outbox(work_store), Problems(work_store)
    engine.pull(outbox, me)  # what others wrote before: not this test's business
    lon, lat = COUNTIES["410724"]
    wtbh = ledger.create({"LY": "信访", "XZQDM": "410724", "WTMS": "群众反映占用耕地",
                          "ZGQX": "2030-06-30"}, shapely.to_wkb(shapely.Point(lon, lat)))
    ledger.move(wtbh, "整改中")  # folded with the creation: one op on version 0
    report = engine.sync(outbox, me)
    assert [(o.kind, o.status) for o in report.outcomes if o.id == wtbh] == \
        [("problem", "applied")]
    held = me.problem(wtbh)
    assert (held["version"], held["data"]["ZGZT"], held["data"]["WTMS"]) == \
        (1, "整改中", "群众反映占用耕地")
    assert ledger.get(wtbh)["version"] == 1  # the server's version, for the next edit
    # another device changes it on the server; the pull brings it into the store
    other = _client(server, "tech_a")
    [reply] = other.push([op(wtbh, {**held["data"], "geom_wkb": held["geom_wkb"],
                                    "ZRDW": "某某镇人民政府", "ZGZT": "已整改"}, 1, "problem")],
                         str(uuid.uuid4()))["results"]
    assert reply["status"] == "applied"
    report = engine.pull(outbox, me)
    assert [(o.kind, o.status) for o in report.outcomes] == [("problem", "taken")]
    record = ledger.get(wtbh)
    assert (record["ZGZT"], record["ZRDW"], record["version"]) == ("已整改", "某某镇人民政府", 2)
    assert ledger.geometry(wtbh).equals(shapely.Point(lon, lat))
    assert outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}
    # 销号 here with a photo: the photo goes first, the server counts it
    photo = tmp_path / "after.jpg"
    photo.write_bytes(b"\xff\xd8 rectified " + wtbh.encode())
    work_store.add_attachment(photo, wtbh)
    ledger.close(wtbh, TODAY, "李四", "已拆除复耕")
    report = engine.sync(outbox, me)
    assert report.uploaded == 1 and [o.status for o in report.outcomes] == ["applied"]
    assert me.problem(wtbh)["data"]["ZGZT"] == "已销号"


@pytest.mark.parametrize("keep", ["server", "mine"])
def test_a_problem_changed_on_both_sides_is_a_conflict_settled_by_choice(server, work_store,
                                                                         keep):
    me, outbox, ledger = _client(server, "tech_a"), Outbox(work_store), Problems(work_store)
    engine.pull(outbox, me)  # the county's problems so far: the new one is numbered after them
    wtbh = ledger.create({"LY": "督察", "XZQDM": "410724", "ZGQX": "2030-06-30"})
    engine.sync(outbox, me)
    held = me.problem(wtbh)
    [reply] = me.push([op(wtbh, {**held["data"], "ZRR": "王五"}, 1, "problem")],
                      str(uuid.uuid4()))["results"]
    assert reply["status"] == "applied"
    ledger.update(wtbh, {"ZRR": "赵六", "ZGQX": "2030-09-30"})
    report = engine.sync(outbox, me)  # the push meets the server's copy, the pull leaves it
    assert [(o.kind, o.status) for o in report.outcomes if o.id == wtbh] == \
        [("problem", "conflict"), ("problem", "conflict")]
    assert ledger.get(wtbh)["ZRR"] == "赵六"
    [conflict] = outbox.conflicts()
    assert conflict["kind"] == "problem" and conflict["server_version"] == 2
    assert (conflict["base"]["ZRR"], conflict["mine"]["ZRR"], conflict["server"]["ZRR"]) == \
        (None, "赵六", "王五")
    outbox.resolve(wtbh, conflict[keep])
    assert outbox.conflicts() == []
    record = ledger.get(wtbh)
    assert record["ZRR"] == ("王五" if keep == "server" else "赵六")
    report = engine.sync(outbox, me)
    assert [o.status for o in report.outcomes if o.id == wtbh] == \
        ([] if keep == "server" else ["applied"])
    on_server = me.problem(wtbh)
    assert (on_server["data"]["ZRR"], on_server["data"]["ZGQX"]) == \
        (record["ZRR"], record["ZGQX"])
    assert outbox.counts() == {"pending": 0, "rejected": 0, "conflicts": 0}


def test_row_level_security_holds_for_problems(server, seeded_database):
    """Below the server, as the application role: a region's problems only, none without one,
    and none written into another region."""
    if server.kind != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    with psycopg.connect(seeded_database("postgresql")) as conn:
        for county in ("410724", "410725"):
            conn.execute("INSERT INTO problems (wtbh, xzqdm, data, version, created_by, "
                         "created_at, updated_by, updated_at, geom) VALUES (%s, %s, '{}', 1, "
                         "'t', now(), 't', now(), ST_SetSRID(ST_MakePoint(113.7, 35.2), 4490))",
                         (f"WT-{county}-0001", county))
        conn.commit()

        def as_app(region: str | None, sql: str):
            with conn.transaction():
                conn.execute("SET LOCAL ROLE farmland_guard_app")
                if region is not None:
                    conn.execute("SELECT set_config('farmland_guard.region', %s, true)",
                                 (region,))
                return conn.execute(sql).fetchall()

        seen = "SELECT wtbh FROM problems ORDER BY wtbh"
        assert as_app("410724", seen) == [("WT-410724-0001",)]
        assert as_app("4107", seen) == [("WT-410724-0001",), ("WT-410725-0001",)]
        assert as_app("13", seen) == [] and as_app(None, seen) == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_app("410724", "INSERT INTO problems (wtbh, xzqdm, data, version, created_by, "
                             "created_at, updated_by, updated_at) VALUES ('x', '410725', '{}', "
                             "1, 't', now(), 't', now()) RETURNING id")


def test_the_problems_are_an_ogc_collection_of_the_region(server):
    wtbh, placeless = number("410725"), number("410725")
    assert push_problem(server, "tech_b", wtbh, problem(wtbh, "410725", ZGZT="整改中"))[
        "status"] == "applied"
    assert push_problem(server, "tech_b", placeless, problem(placeless, "410725",
                                                             geom_wkb=None))["status"] == "applied"
    me = server.as_user("tech_b")
    one = me.get(server.url + f"/ogc/collections/problems/items/{wtbh}")
    assert one.status_code == 200, one.text
    feature = one.json()
    assert feature["geometry"] == {"type": "Point", "coordinates": list(COUNTIES["410725"])}
    assert (feature["properties"]["ZGZT"], feature["properties"]["GLTB"],
            feature["properties"]["ZGCS"], feature["properties"]["version"]) == \
        ("整改中", [], ["拆除复耕"], 1)
    lon, lat = COUNTIES["410725"]
    near = me.get(server.url + "/ogc/collections/problems/items",
                  params={"bbox": f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}",
                          "limit": 1000}).json()
    ids = {f["id"] for f in near["features"]}
    assert wtbh in ids and placeless not in ids  # no place, in no bbox
    every = me.get(server.url + "/ogc/collections/problems/items", params={"limit": 1000}).json()
    placed = {f["id"]: f["geometry"] for f in every["features"]}
    assert placed[placeless] is None
    assert {f["properties"]["XZQDM"] for f in every["features"]} == {"410725"}
    assert server.as_user("tech_a").get(
        server.url + f"/ogc/collections/problems/items/{wtbh}").status_code == 404


def test_values_of_the_wrong_shape_are_refused_not_failed_on(server):
    wtbh = number("410724")
    for bad in ({"LY": {"x": 1}}, {"ZGCS": [{"x": 1}]}, {"XZQDM": "41072400000000000"},
                {"attachments": 7}, {"WTMS": ["a"]}):
        reply = push_problem(server, "tech_a", wtbh, problem(wtbh, **bad))
        assert reply["status"] == "rejected" and reply["problem"]["status"] == 422, (bad, reply)
    assert get(server, "tech_a", wtbh).status_code == 404
