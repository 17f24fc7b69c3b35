"""The 同步 dock driven in real PyQGIS offscreen against a real server process on loopback
(SQLite): sign in (the password in the QGIS auth manager, never in the settings), the batches
assigned, pull one into a work store, judge, submit, a reviewer's return coming back with its
comment, a conflict settled field by field in the conflict dialog and submitted again."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtTest import QTest

from farmland_guard import settings
from farmland_guard.gui import network
from farmland_guard.gui.sync_dock import SyncDock
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from farmland_guard.sync.client import Client
from tests.conftest import ROOT
from tests.qgis.conftest import wait_for
from tests.server.regions import PATCHES, jcbh
from tests.server.seeded import seeded_server
from tests.server.servers import PASSWORD

MASTER = "farmland-guard-tests-master"  # the test profile's auth database only
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = seeded_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture()
def auth(qgis_app):
    """The auth manager of the test profile, unlocked; no sync settings kept from before."""
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER, True), "the test profile has another master password"
    for setting in (settings.SYNC_URL, settings.SYNC_AUTHCFG, settings.SYNC_FOLDER):
        setting.set("")
    yield manager
    network.forget_credentials()
    for setting in (settings.SYNC_URL, settings.SYNC_FOLDER):
        setting.set("")


@pytest.fixture()
def dock(qt_chinese, auth):
    widget = SyncDock()
    widget.resize(520, 900)
    widget.show()
    yield widget
    widget.cancel()
    wait_for(lambda: not widget.busy())
    widget.close()
    widget.deleteLater()


def click(button):
    assert button.isEnabled(), button.objectName()
    QTest.mouseClick(button, Qt.LeftButton)


def finish(dock):
    wait_for(lambda: not dock.busy(), timeout=120)


def outcomes(dock) -> list[tuple[str, str, str]]:
    table = dock.outcomes
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def sign_in(dock, server, user="tech_a"):
    dock.url.setText(server.url)
    dock.user.setText(user)
    QTest.keyClicks(dock.password, PASSWORD)
    click(dock.sign_in_button)
    finish(dock)


def test_sign_in_keeps_the_password_in_the_auth_manager(dock, server):
    sign_in(dock, server)
    assert "tech_a" in dock.who.text() and "核查员" in dock.who.text()
    assert "410724" in dock.who.text()
    assert dock.batch_table.rowCount() == 1 and dock.batch_table.item(0, 1).text() == "410724"
    assert dock.message.text() == "已登录；分配给您的批次有 1 个。"
    assert dock.password.text() == ""
    assert network.credentials() == ("tech_a", PASSWORD)
    authcfg = settings.SYNC_AUTHCFG.get()
    assert authcfg in QgsApplication.authManager().configIds()
    stored = QgsSettings()
    assert not [k for k in stored.allKeys() if PASSWORD in str(stored.value(k))]
    assert settings.SYNC_URL.get() == server.url
    assert settings.SYNC_ROLE.get() == "technician"  # the workbench's mode follows the server

    again = SyncDock()  # the next QGIS session: nothing read from the auth manager until used
    try:
        assert again.url.text() == server.url and again.user.text() == ""
        assert again.password.placeholderText() == "已保存在 QGIS 认证管理器中"
        click(again.sign_in_button)  # with what the auth manager keeps
        finish(again)
        assert again.user.text() == "tech_a" and "tech_a" in again.who.text()
    finally:
        again.deleteLater()


def test_errors_are_messages_not_tracebacks(dock, server):
    dock.url.setText(server.url)
    dock.user.setText("tech_a")
    QTest.keyClicks(dock.password, "wrong-password")
    click(dock.sign_in_button)
    finish(dock)
    assert dock.message.text().startswith("服务器要求重新登录") and "Traceback" not in dock.message.text()
    assert "#b00000" in dock.message.styleSheet()
    dead = "http://127.0.0.1:9"  # nothing listens on the discard port
    dock.url.setText(dead)
    dock.client = network.client(dead)
    dock.client.backoff = 0.001
    QTest.keyClicks(dock.password, PASSWORD)
    click(dock.sign_in_button)
    finish(dock)
    assert "cannot reach the server" in dock.message.text() or "无法连接服务器" in dock.message.text()
    dock.url.setText("ftp://x")
    click(dock.sign_in_button)
    assert "https://" in dock.message.text()


def test_pull_judge_submit_return_and_a_conflict(dock, server, tmp_path):
    sign_in(dock, server)
    dock.folder.setFilePath(str(tmp_path))
    click(dock.pull_button)
    finish(dock)
    store = dock.store
    assert store is not None and store.parent == tmp_path and store.is_file()
    assert str(PATCHES) in dock.message.text()
    assert not list(tmp_path.glob(".fg-pull-*"))  # the download is gone
    patch = jcbh("410724", 3)
    with WorkStore(store) as ws:
        judged = Verdicts(ws)
        judged.save(patch, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.0})
        judged.save(patch, {"HCZT": "已上报"})
    dock.refresh_status()
    assert dock.last_status.pending == 2 and "未上报的更改：2" in dock.status.text()

    click(dock.push_button)  # 上报
    finish(dock)
    assert outcomes(dock) == [(patch, "已接收", ""), (patch, "已接收", "")]
    assert dock.last_status.pending == 0

    with WorkStore(store) as ws:
        rid, version = ws.conn.execute("SELECT id, version FROM results WHERE JCBH = ?",
                                       (patch,)).fetchone()
    reviewer = Client(server.url, language="en")
    reviewer.sign_in("prov_rev", PASSWORD)
    reviewer.review(rid, version, "return", "照片不清楚，请补拍")

    click(dock.sync_button)  # 同步
    finish(dock)
    taken = [row for row in outcomes(dock) if row[0] == patch]
    assert taken == [(patch, "已更新", "审核意见：照片不清楚，请补拍")]
    assert dock.last_status.returned == 1 and dock.last_status.sync_at
    assert "退回图斑：1" in dock.status.text() and "从未" not in dock.status.text()
    with WorkStore(store) as ws:
        assert ws.conn.execute("SELECT HCZT FROM patches WHERE JCBH = ?",
                               (patch,)).fetchone()[0] == "省级退回"
        assert Verdicts(ws).current(patch)["SJYSYJ"] == "照片不清楚，请补拍"

    # fixed here while the server's copy changes under us: a conflict
    with WorkStore(store) as ws:
        Verdicts(ws).save(patch, {"WFMJ": 1.2, "NYSM": "已补拍"})
    technician = Client(server.url, language="en")
    technician.sign_in("tech_a", PASSWORD)
    copy = technician.result(rid)
    technician._call("PATCH", f"/sync/v1/results/{rid}", json={"WFMJ": 0.8},
                     headers={"If-Match": f'"{copy["version"]}"'})
    click(dock.push_button)
    finish(dock)
    assert outcomes(dock) == [(patch, "冲突", "服务器上也已更改：请选择保留哪一份")]
    assert dock.last_status.conflicts == 1 and dock.conflicts_button.text() == "解决冲突（1）"

    click(dock.conflicts_button)
    dialog = dock.conflict_dialog
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 1
    rows = {dialog.table.item(r, 0).data(Qt.UserRole): r for r in range(dialog.table.rowCount())}
    wfmj = rows["WFMJ"]
    assert [dialog.table.item(wfmj, c).text() for c in range(4)] == \
        ["违法面积 WFMJ", "1", "1.2", "0.8"]
    assert dialog.table.item(wfmj, 2).background().color().name() == "#fff1b8"  # marked
    assert set(dialog.choices) >= {"WFMJ", "NYSM"}
    assert dialog.table.item(rows["PDLX"], 4).text() == "相同"
    assert not dialog.merge.isEnabled()  # nothing is written without a choice
    dialog.choose("WFMJ", "mine")
    for name in dialog.choices:
        if name != "WFMJ":
            dialog.choose(name, "server")
    assert dialog.merge.isEnabled()
    save_screenshot(dock, dialog)
    click(dialog.merge)
    assert dialog.list.count() == 0 and "已解决" in dialog.message.text()
    assert dock.last_status.conflicts == 0 and dock.last_status.pending == 1
    with WorkStore(store) as ws:
        now = Verdicts(ws).current(patch)
        assert now["WFMJ"] == 1.2 and not now.get("NYSM")  # NYSM: the server's (none)
        assert ws.conn.execute("SELECT COUNT(DISTINCT op) FROM history WHERE action = 'resolve'"
                               ).fetchone()[0] == 1  # one action: undone as one
    dialog.close()

    click(dock.push_button)
    finish(dock)
    assert outcomes(dock) == [(patch, "已接收", "")]
    assert technician.result(rid)["data"]["WFMJ"] == 1.2


def save_screenshot(dock, dialog):
    """The dock and the conflict dialog beside it, one picture (var/screenshots/)."""
    from qgis.PyQt.QtGui import QPainter, QPixmap

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    QCoreApplication.processEvents()
    left, right = dock.grab(), dialog.grab()
    picture = QPixmap(left.width() + right.width() + 10, max(left.height(), right.height()))
    picture.fill(Qt.white)
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, left)
    painter.drawPixmap(left.width() + 10, 0, right)
    painter.end()
    assert picture.save(str(SCREENSHOTS / "issue15-sync-conflict-offscreen.png"))


def test_proxies_follow_the_qgis_network_settings(qgis_app):
    s = QgsSettings()
    keys = ("proxy/proxyEnabled", "proxy/proxyType", "proxy/proxyHost", "proxy/proxyPort",
            "proxy/proxyUser", "proxy/proxyPassword", "proxy/proxyExcludedUrls")
    old = {k: s.value(k) for k in keys}
    try:
        s.setValue("proxy/proxyEnabled", False)
        assert network.proxies("https://a.example") == {}
        s.setValue("proxy/proxyEnabled", True)
        s.setValue("proxy/proxyType", "HttpProxy")
        s.setValue("proxy/proxyHost", "proxy.example")
        s.setValue("proxy/proxyPort", "3128")
        s.setValue("proxy/proxyUser", "u@x")
        s.setValue("proxy/proxyPassword", "p:w")
        s.setValue("proxy/proxyExcludedUrls", ["http://127.0.0.1"])
        assert network.proxies("https://a.example") == {
            "http": "http://u%40x:p%3Aw@proxy.example:3128",
            "https": "http://u%40x:p%3Aw@proxy.example:3128"}
        assert network.proxies("http://127.0.0.1:8000") == {}
        http = network.session("https://a.example")
        assert http.proxies["https"].endswith("@proxy.example:3128") and not http.trust_env
        s.setValue("proxy/proxyType", "Socks5Proxy")
        s.setValue("proxy/proxyUser", "")
        assert network.proxies("https://a.example")["https"] == "socks5h://proxy.example:3128"
        s.setValue("proxy/proxyType", "DefaultProxy")
        assert network.proxies("https://a.example") is None  # the system's: requests' own
        assert network.session("https://a.example").trust_env
    finally:
        for k, v in old.items():
            if v is None:
                s.remove(k)
            else:
                s.setValue(k, v)


def test_a_cancelled_sync_loses_nothing_and_a_refusal_says_why(dock, server, tmp_path):
    import time
    import uuid

    sign_in(dock, server, "tech_b")
    dock.folder.setFilePath(str(tmp_path))
    click(dock.pull_button)
    finish(dock)
    patch = jcbh("410725", 7)
    with WorkStore(dock.store) as ws:
        Verdicts(ws).save(patch, {"PDLX": "其他", "HCHLX": "非新增"})
        with ws.transaction() as conn:  # an op the server refuses: a patch it does not have
            conn.execute("INSERT INTO outbox(op_id, kind, entity_id, base_version, data, "
                         "created_at) VALUES (?, 'result', ?, 0, ?, '2026-01-01')",
                         (str(uuid.uuid4()), str(uuid.uuid4()),
                          '{"JCBH": "410725SJBG25999999", "PDLX": "其他", "HCHLX": "非新增"}'))
    real_push, pushing = dock.client.push, []

    def slow_push(ops, key):  # the push answered while the user cancels
        pushing.append(key)
        time.sleep(1.0)
        return real_push(ops, key)

    dock.client.push = slow_push
    click(dock.sync_button)
    wait_for(lambda: pushing)
    click(dock.cancel_button)
    finish(dock)
    assert dock.message.text().startswith("已取消；没有丢失任何内容")
    assert dock.last_status.pending == 0 and not dock.last_status.sync_at  # pushed, not pulled
    assert dock.last_status.rejected == 1 and "被服务器拒绝：1" in dock.status.text()

    dock.client.push = real_push
    click(dock.sync_button)  # resumes: nothing sent twice, the pull done
    finish(dock)
    assert dock.last_status.pending == 0 and dock.last_status.sync_at
    with WorkStore(dock.store) as ws:
        rid = ws.conn.execute("SELECT id FROM results WHERE JCBH = ?", (patch,)).fetchone()[0]
    reviewer = Client(server.url, language="en")
    reviewer.sign_in("city_rev", PASSWORD)
    assert reviewer.result(rid)["version"] == 1  # applied once

    with WorkStore(dock.store) as ws:  # the refused op again: its outcome in words
        with ws.transaction() as conn:
            conn.execute("UPDATE outbox SET state = NULL, problem = NULL")
    click(dock.push_button)
    finish(dock)
    [(jcbh_, outcome, reason)] = outcomes(dock)
    assert (jcbh_, outcome) == ("410725SJBG25999999", "被拒绝")
    assert reason.startswith("原因：") and len(reason) > len("原因：")


def test_the_plugin_shows_the_store_status_in_the_workbench(qgis_iface, store, auth):
    import farmland_guard

    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        from types import SimpleNamespace

        dock, bench = plugin.sync_dock, plugin.workbench
        # a pulled batch opens as an imported one: its layer, the workbench, the dock's store
        dock.pulled.emit(SimpleNamespace(store=store, imported=120, rejected=0))
        assert bench.store is not None and bench.store.path == store
        assert dock.store == store and dock.last_status.pending == 0
        assert bench.sync_status.text() == dock.status.text() != ""
        jcbh_ = bench.current_row().jcbh
        bench.verdicts.save(jcbh_, {"PDLX": "其他", "HCHLX": "非新增"})
        bench.saved.emit(jcbh_)
        assert dock.last_status.pending == 1 and bench.sync_status.text() == dock.status.text()
        dock.store_changed.emit(str(store))  # as after a sync: the workbench reads the store
        row = bench.queue.model.rows[bench.queue.model.by_jcbh[jcbh_]]
        assert row.state == "内业完成"
        assert not dock.push_button.isEnabled() or dock.store is not None
    finally:
        plugin.unload()
