"""The region matrix: users of two counties of one city, of a third county in another province,
reviewers of the city and of both provinces, and nobody signed in — for every endpoint, how
many of each county's rows they see or can touch. Nothing crosses: the counts are asserted
exactly against what the database beneath holds for each county."""

from __future__ import annotations

import json

import requests

from .flows import new_result, op, pushed, query, review, upload
from .regions import COUNTIES, PATCHES, USERS, jcbh

MATRIX_USERS = ("tech_a", "tech_b", "tech_c", "city_rev", "prov_rev", "other_rev", "anonymous")


def region_of(user: str) -> str | None:
    return USERS[user][1] if user in USERS else None


def visible(user: str, county: str) -> bool:
    region = region_of(user)
    return region is not None and county.startswith(region)


def test_nothing_crosses_a_region(fresh_server, tmp_path):
    server = fresh_server()  # a database of its own: the counts below are exact
    owner = {"410724": "tech_a", "410725": "tech_b", "130102": "tech_c"}
    results, shas = {}, {}
    for county, tech in owner.items():  # each county's technician writes in their county
        edited, _ = new_result(server, tech, jcbh(county, 1))
        reported, _ = new_result(server, tech, jcbh(county, 2), "已上报")
        results[county] = [edited, reported]
        shas[county] = upload(server.as_user(tech), server, f"照片 {county}".encode())

    def session(user: str) -> requests.Session:
        return server.as_user(user) if user in USERS else requests.Session()

    sessions = {user: session(user) for user in MATRIX_USERS}
    url = server.url + "/sync/v1"
    matrix: dict[str, dict[str, dict[str, int]]] = {}

    def count(endpoint: str, user: str, county: str, n: int) -> None:
        matrix.setdefault(endpoint, {}).setdefault(user, {})[county] = n

    # writes first, so the reads below see all of them
    for user, s in sessions.items():
        for county in COUNTIES:
            changed = s.patch(f"{url}/results/{results[county][0]}",
                              json={"NYSM": f"{user} 修改"}, headers={"If-Match": "*"})
            count("PATCH /results/{id}", user, county, int(changed.status_code == 200))
            replies = pushed(s, server, op(_uuid(user, county), {
                "JCBH": jcbh(county, 3), "PDLX": "其他", "HCHLX": "实地未变化(伪变化)",
                "HCZT": "内业完成"})) if user in USERS else []
            for reply in replies:
                if reply["status"] == "rejected":  # never a hint that the patch exists
                    assert reply["problem"]["type"].endswith(
                        ":forbidden" if USERS[user][0] != "technician" else ":not_found"), reply
            count("POST /push", user, county, sum(r["status"] == "applied" for r in replies))
            decided = review(s, server, results[county][1], "return", "请补充照片")
            count("POST /results/{id}/review", user, county, int(decided.status_code == 200))
            if not visible(user, county):
                assert changed.status_code in (401, 404) and decided.status_code in (401, 404)

    truth = {table: {c: n for c, n in query(server, f"SELECT xzqdm, count(*) FROM {table} "
                                                    "GROUP BY xzqdm")}
             for table in ("changes", "audit", "results", "patches")}
    change_county = dict(query(server, "SELECT seq, xzqdm FROM changes"))
    audit_county = dict(query(server, "SELECT id, xzqdm FROM audit"))
    ogc = requests.get(server.url + "/ogc/collections", headers={
        "Authorization": "Bearer " + server.token("tech_a")}, timeout=30).status_code != 404

    for user, s in sessions.items():
        batches = _json(s.get(f"{url}/batches"), [])
        changes = _json(s.get(f"{url}/changes", params={"limit": 5000}), {}).get("changes", [])
        audit = _json(s.get(f"{url}/audit", params={"limit": 5000}), [])
        missing = set(_json(s.post(f"{url}/attachments/missing",
                                   json={"sha256": list(shas.values())}), {}).get("missing", []))
        for county in COUNTIES:
            count("GET /batches", user, county, sum(b["XZQDM"] == county for b in batches))
            count("GET /changes", user, county,
                  sum(change_county[c["seq"]] == county for c in changes))
            count("GET /results/{id}", user, county,
                  sum(s.get(f"{url}/results/{rid}").status_code == 200
                      for rid in results[county] + [_uuid(o, county) for o in MATRIX_USERS]))
            count("GET /audit", user, county, sum(audit_county[a["id"]] == county for a in audit))
            count("POST /attachments/missing", user, county,
                  int(user in USERS and shas[county] not in missing))
            count("GET /attachments/{sha}", user, county,
                  int(s.get(f"{url}/attachments/{shas[county]}").status_code == 200))
            if ogc:
                for collection in ("patches", "results"):
                    items = _json(s.get(f"{server.url}/ogc/collections/{collection}/items",
                                        params={"limit": 1000}), {}).get("features", [])
                    count(f"GET /ogc/{collection}/items", user, county,
                          sum(str(f["properties"].get("XZQDM") or f["properties"].get(
                              "xzqdm") or f["properties"].get("JCBH", ""))[:6] == county
                              for f in items))

    expected: dict[str, dict[str, dict[str, int]]] = {}
    for endpoint in matrix:
        for user in MATRIX_USERS:
            for county in COUNTIES:
                role = USERS.get(user, (None,))[0]
                seen = visible(user, county)
                n = {"GET /batches": 1,
                     "GET /changes": truth["changes"][county],
                     "GET /results/{id}": truth["results"][county],
                     "GET /audit": truth["audit"][county],
                     "POST /attachments/missing": 1,
                     "GET /attachments/{sha}": 1,
                     "PATCH /results/{id}": int(role == "technician"),
                     "POST /push": int(role == "technician"),
                     # national default: the province reviews a county's report
                     "POST /results/{id}/review": int(role == "reviewer"
                                                      and len(region_of(user)) == 2),
                     "GET /ogc/patches/items": PATCHES,
                     "GET /ogc/results/items": truth["results"][county]}[endpoint]
                expected.setdefault(endpoint, {}).setdefault(user, {})[county] = n if seen else 0

    table = _table(matrix)
    print(f"\nregion matrix ({server.kind}): rows of each county seen or touched\n{table}")
    (tmp_path / f"region_matrix_{server.kind}.json").write_text(
        json.dumps(matrix, ensure_ascii=False, indent=1))
    (tmp_path / f"region_matrix_{server.kind}.txt").write_text(table)
    assert truth["results"] == {c: 3 for c in COUNTIES}
    assert matrix == expected
    if not ogc:
        print("(/ogc/collections answers 404 in this branch: the /ogc rows are left out)")


def _uuid(user: str, county: str) -> str:
    """The result id ``user`` pushes for patch 3 of ``county`` (the same on every run)."""
    n = MATRIX_USERS.index(user) * 1000 + int(county)
    return f"00000000-0000-4000-8000-{n:012d}"


def _json(answer: requests.Response, empty):
    return answer.json() if answer.status_code == 200 else empty


def _table(matrix: dict) -> str:
    counties = list(COUNTIES)
    lines = [f"{'endpoint':28} {'user':10} " + " ".join(f"{c:>7}" for c in counties)]
    for endpoint, users in matrix.items():
        for user, row in users.items():
            lines.append(f"{endpoint:28} {user:10} "
                         + " ".join(f"{row[c]:>7}" for c in counties))
    return "\n".join(lines)
