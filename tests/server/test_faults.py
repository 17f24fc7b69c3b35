"""Fault injection on the sync: connections cut while the answer comes back (the server did
the work, the client never heard), retries exhausted, the client killed mid-sync, the server
restarted mid-push. After the next sync, client and server hold the same results: none lost,
none twice."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
from farmland_guard_server.config import database_url
from sqlalchemy import create_engine, text

from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client
from farmland_guard.sync.errors import Offline

from .counties import seed_county
from .faults import CuttingProxy
from .servers import PASSWORD, ROOT, Server, env

COUNTY = "530102"
PATCHES = 120


@pytest.fixture(scope="module")
def county(server):
    return seed_county(server, COUNTY, PATCHES, ["faulty"])


@pytest.fixture()
def store(server, county, tmp_path):
    """A work store of the county's batch, pulled from the server like a technician would."""
    me = server.as_user("faulty")
    batch = next(b for b in me.get(server.url + "/sync/v1/batches").json() if b["XZQDM"] == COUNTY)
    package = tmp_path / "batch.gpkg"
    package.write_bytes(me.get(server.url + f"/sync/v1/batches/{batch['id']}/package").content)
    importer.run(package, tmp_path / "store.gpkg")
    with WorkStore(tmp_path / "store.gpkg") as opened:
        yield opened


def _client(url, retries=4):
    client = Client(url, retries=retries, backoff=0.01, language="en")
    client.http.headers["Connection"] = "close"  # one connection per request: cuts land where meant
    client.sign_in("faulty", PASSWORD)
    return client


def _judge(store, patches, area):
    Verdicts(store).label(patches, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": area,
                                    "SFNRWFJS": "是"}, overwrite=True)


def _same_on_both_sides(server, store, patches):
    """Each judged patch: one result on the server, at the version and value the store has,
    and one change and one audit row per version — nothing applied twice."""
    local = {j: (v, d) for j, v, d in store.conn.execute(
        f"SELECT JCBH, version, data FROM results WHERE JCBH IN ({','.join('?' * len(patches))})",
        patches)}
    owner = create_engine(database_url(server.db))
    with owner.connect() as conn:
        remote = {j: (v, i) for j, v, i in conn.execute(text(
            "SELECT jcbh, version, id FROM results WHERE xzqdm = :c"), {"c": COUNTY})}
        feed = conn.execute(text("SELECT entity_id, version, COUNT(*) FROM changes WHERE "
                                 "xzqdm = :c AND entity = 'result' GROUP BY entity_id, version "
                                 "HAVING COUNT(*) > 1"), {"c": COUNTY}).all()
    owner.dispose()
    assert not feed, feed
    for jcbh in patches:
        assert remote[jcbh][0] == local[jcbh][0], jcbh
    assert Outbox(store).counts() == {"pending": 0, "rejected": 0, "conflicts": 0}


def test_answers_cut_then_retried(server, county, store):
    proxy = CuttingProxy(server.port)
    patches = county[:40]
    _judge(store, patches, 0.3)
    client = _client(proxy.url)
    proxy.cut_next(2)  # the push is done twice by the server's reckoning… and answered never
    report = engine.push(Outbox(store), client)
    assert proxy.cut_count == 2 and report.count("applied") == len(patches)
    proxy.cut_next(1, answer_bytes=100)  # the pull's answer cut in the middle
    engine.pull(Outbox(store), client)
    _same_on_both_sides(server, store, patches)
    proxy.close()


def test_retries_exhausted_then_the_next_sync_resumes(server, county, store):
    proxy = CuttingProxy(server.port)
    patches = county[40:80]
    _judge(store, patches, 0.4)
    client = _client(proxy.url, retries=2)
    proxy.cut_next(3)
    with pytest.raises(Offline):
        engine.push(Outbox(store), client)
    assert Outbox(store).counts()["pending"] == len(patches)  # in flight, kept
    report = engine.sync(Outbox(store), client)  # the same chunk, the same key
    assert report.count("applied") == len(patches)
    _same_on_both_sides(server, store, patches)
    proxy.close()


KILLED = """
import sys
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client
client = Client(sys.argv[4], backoff=0.01)
client.http.headers["Connection"] = "close"
client.sign_in("faulty", sys.argv[3])
client.url = sys.argv[2]  # then everything through the proxy that loses every answer
with WorkStore(sys.argv[1]) as store:
    print("syncing", flush=True)
    engine.sync(Outbox(store), client)
"""


def test_client_killed_mid_sync(server, county, store):
    patches = county[80:100]
    _judge(store, patches, 0.5)
    path = store.path
    store.close()
    proxy = CuttingProxy(server.port)
    proxy.cut_next(100)  # every answer lost: the client retries until it is killed
    killed = subprocess.Popen([sys.executable, "-c", KILLED, str(path), proxy.url, PASSWORD,
                               server.url],
                              env=env(), stdout=subprocess.PIPE, cwd=ROOT)
    assert killed.stdout.readline().strip() == b"syncing"
    time.sleep(1.0)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    proxy.cut_next(0)
    with WorkStore(path) as again:
        report = engine.sync(Outbox(again), _client(proxy.url))
        assert report.count("applied") == len(patches)
        _same_on_both_sides(server, again, patches)
    proxy.close()


def test_server_restarted_mid_push(server, county, store):
    patches = county[100:120]
    _judge(store, patches, 0.6)
    alone = Server(server.db, server.data)
    client = Client(alone.url, retries=8, backoff=0.5, language="en")
    client.sign_in("faulty", PASSWORD)
    stopper = threading.Timer(0.05, lambda: (alone.stop(), alone.start()))
    try:
        stopper.start()
        report = engine.sync(Outbox(store), client)
    finally:
        stopper.join()
        alone.stop()
    assert report.count("applied") == len(patches)
    _same_on_both_sides(server, store, patches)
    assert requests.get(server.url + "/healthz").ok
