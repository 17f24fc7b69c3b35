"""End to end: the 同步 dock in real QGIS desktop (Xvfb, zh_CN profile, the assembled plugin)
against a real server process: sign in, submit, the server's change meanwhile shown as a
conflict, the conflict dialog open over QGIS. Screenshot: var/screenshots/issue15-sync-conflict.png"""

import json
import shutil

import pytest
from qgis.PyQt.QtGui import QImage

from dev.qgis_desktop import make_profile, run_qgis
from farmland_guard.store import importer
from farmland_guard.store.outbox import Outbox
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync import engine
from farmland_guard.sync.client import Client
from tests.conftest import ROOT
from tests.server.regions import jcbh
from tests.server.seeded import seeded_server
from tests.server.servers import PASSWORD

SHOT = ROOT / "var" / "screenshots" / "issue15-sync-conflict.png"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = seeded_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def seen(server, tmp_path_factory):
    """A store pulled and judged, submitted once; then edited here while the server's copy
    changed: the next push in QGIS meets a conflict."""
    if not any((ROOT / "i18n").glob("*.qm")):
        pytest.skip("needs the compiled translations (make translate)")
    from dev.package import assemble

    tmp = tmp_path_factory.mktemp("e2e-sync")
    me = Client(server.url, language="en")
    me.sign_in("tech_a", PASSWORD)
    [batch] = me.batches()
    me.package(batch["id"], tmp / "batch.gpkg")
    store = tmp / "工作库" / "410724_核查.gpkg"
    importer.run(tmp / "batch.gpkg", store)
    patch = jcbh("410724", 5)
    with WorkStore(store) as ws:
        Verdicts(ws).save(patch, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0})
        engine.push(Outbox(ws), me)
        rid = ws.conn.execute("SELECT id FROM results WHERE JCBH = ?", (patch,)).fetchone()[0]
        Verdicts(ws).save(patch, {"WFMJ": 1.3, "NYSM": "现场复核面积"})
    copy = me.result(rid)
    me._call("PATCH", f"/sync/v1/results/{rid}", json={"WFMJ": 0.9},
             headers={"If-Match": f'"{copy["version"]}"'})

    build = tmp / "build"
    assemble(build)
    profile = make_profile(tmp / "profile", build / "farmland_guard")
    report_path, shot = tmp / "report.json", tmp / "sync.png"
    result = run_qgis(profile, None, ROOT / "tests" / "e2e" / "sync_probe.py",
                      FG_REPORT=str(report_path), FG_SHOT=str(shot), FG_STORE=str(store),
                      FG_URL=server.url, FG_USER="tech_a", FG_PASSWORD=PASSWORD,
                      FG_MASTER="farmland-guard-e2e")
    assert report_path.exists(), result.stdout[-4000:]
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert "error" not in data and "timed_out" not in data, data
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOT)
    data.update(_patch=patch, _store=store)
    return data


def test_a_conflict_in_the_sync_dock_in_real_qgis(seen):
    assert "tech_a" in seen["who"] and "核查员" in seen["who"] and seen["batches"] == 1
    assert seen["status_before"].startswith("未上报的更改：1")
    assert seen["outcomes"] == [[seen["_patch"], "冲突", "服务器上也已更改：请选择保留哪一份"]]
    assert seen["conflicts_button"] == "解决冲突（1）"
    assert ["违法面积 WFMJ", "1", "1.3", "0.9"] in seen["fields"]
    assert seen["merge_enabled"] is False  # NYSM still waits for a choice
    assert seen["title"].startswith(f"图斑 {seen['_patch']}：2 个字段不同")
    image = QImage(str(SHOT))
    assert image.width() == 1600 and image.height() == 1000
    print(f"\nscreenshot of the sync dock with a conflict open: {SHOT}")
