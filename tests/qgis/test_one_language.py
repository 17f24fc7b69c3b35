"""One language: under zh_CN (or QGIS's zh-Hans) the dialogs' own buttons (Close, OK, Cancel,
Apply) are Chinese too, through Qt's translations; the history names the technician as the
plugin knows them, not the login of the account."""

import getpass

import pytest
from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtWidgets import QAction, QDialogButtonBox, QInputDialog

import farmland_guard
from farmland_guard import settings
from farmland_guard.core import identity
from farmland_guard.gui import work_stores
from farmland_guard.translation import qm_path


@pytest.fixture(params=["zh_CN", "zh-Hans"])
def chinese(request, qgis_app):
    s = QgsSettings()
    old = s.value("locale/overrideFlag"), s.value("locale/userLocale")
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", request.param)
    yield request.param
    s.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    s.setValue("locale/userLocale", old[1] or "")


def button_texts():
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Apply
                           | QDialogButtonBox.Close)
    return [box.button(b).text().replace("&", "") for b in
            (QDialogButtonBox.Ok, QDialogButtonBox.Cancel, QDialogButtonBox.Apply,
             QDialogButtonBox.Close)]


def test_dialog_buttons_follow_the_interface(qgis_iface, chinese):
    assert qm_path(chinese) is not None  # zh-Hans (as QGIS names it) is Chinese too
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.qt_translator is not None, "install qttranslations5-l10n (dev/apt-packages.txt)"
        assert plugin.menu.title() == "耕地卫片核查"
        assert button_texts() == ["确定", "取消", "应用", "关闭"]
        from farmland_guard.gui.import_dialog import ImportDialog

        dialog = ImportDialog()
        assert dialog.buttons.button(QDialogButtonBox.Close).text().replace("&", "") == "关闭"
        assert dialog.cancel.text() == "取消导入"
    finally:
        plugin.unload()
    assert button_texts()[0] in ("OK", "&OK")  # the translators leave with the plugin


def test_english_keeps_qt_in_english(qgis_iface):
    QgsSettings().setValue("locale/overrideFlag", True)
    QgsSettings().setValue("locale/userLocale", "en_US")
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.qt_translator is None
        assert button_texts() == ["OK", "Cancel", "Apply", "Close"]
    finally:
        plugin.unload()
        QgsSettings().setValue("locale/overrideFlag", False)


def test_history_names_the_technician(qgis_iface, store, monkeypatch):
    work_stores.RECENT.set("[]")
    settings.USER_NAME.set("")
    monkeypatch.setattr(getpass, "getuser", lambda: "root-account")
    plugin = farmland_guard.classFactory(qgis_iface)
    plugin.initGui()
    try:
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("张三", True))
        qgis_iface.mainWindow().findChild(QAction, "FarmlandGuardUserName").trigger()
        assert settings.USER_NAME.get() == "张三" and identity.user() == "张三"
        assert plugin.open_store(store)
        bench = plugin.workbench
        bench.form.pick_kind(3)
        bench.form.sub.setCurrentIndex(bench.form.sub.findData("农业结构调整"))
        assert bench.save()
        latest = bench.history.item(0).text()
        assert " 张三 " in latest and "root-account" not in latest
        assert "判定" in latest or "judged" in latest
        bench.close_store()
    finally:
        plugin.unload()
        settings.USER_NAME.set("")
        work_stores.RECENT.set("[]")
        QgsProject.instance().clear()
    assert identity.user() == "root-account"  # the plugin gone, the account again
