"""``make run``'s profile asks QGIS for its own Chinese (QGIS ships ``qgis_zh-Hans.qm``, no
``qgis_zh_CN.qm``), while numbers and dates follow zh_CN."""

from pathlib import Path

from dev.qgis_desktop import make_profile


def test_profile_asks_qgis_for_the_chinese_it_ships(tmp_path):
    root = make_profile(tmp_path / "p", None)
    ini = (root / "profiles" / "default" / "QGIS" / "QGIS3.ini").read_text(encoding="utf-8")
    assert "userLocale=zh-Hans" in ini and "globalLocale=zh_CN" in ini
    shipped = Path("/usr/share/qgis/i18n")
    if shipped.exists():
        assert (shipped / "qgis_zh-Hans.qm").exists()


def test_other_locales_pass_through(tmp_path):
    root = make_profile(tmp_path / "p", None, locale="en_US")
    ini = (root / "profiles" / "default" / "QGIS" / "QGIS3.ini").read_text(encoding="utf-8")
    assert "userLocale=en_US" in ini
