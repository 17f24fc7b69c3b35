"""Qt translation: the source strings are English, ``i18n/farmland_guard_zh_CN.ts`` is complete."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from .core.language import set_language
from .paths import asset
from .settings import user_locale

LANGUAGES = {"zh": "zh_CN"}


def qm_path(locale: str):
    language = LANGUAGES.get(locale.replace("-", "_").split("_")[0].lower())
    return asset("i18n", f"farmland_guard_{language}.qm") if language else None


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Install the translator for the QGIS interface locale; None when English is wanted."""
    locale = locale or user_locale()
    set_language(locale)  # core and store messages follow the interface
    path = qm_path(locale)
    if path is None or not path.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def qt_qm_dirs() -> list[Path]:
    """Where Qt's own translations may be: Qt's translations folder (Debian:
    ``qttranslations5-l10n``), QGIS's i18n folder (QGIS on Windows ships ``qt_*.qm`` there)."""
    from qgis.core import QgsApplication

    return [Path(QLibraryInfo.location(QLibraryInfo.TranslationsPath)),
            Path(QgsApplication.i18nPath())]


def install_qt_translator(locale: str | None = None) -> QTranslator | None:
    """Qt's own strings (Close, OK, Cancel, Apply of the dialogs' buttons) in the interface
    language, when the plugin has a translation for it and Qt's is installed; None otherwise."""
    locale = locale or user_locale()
    language = LANGUAGES.get(locale.replace("-", "_").split("_")[0].lower())
    if language is None:
        return None
    for folder in qt_qm_dirs():
        for name in (f"qtbase_{language}", f"qt_{language}"):
            translator = QTranslator()
            if (folder / f"{name}.qm").exists() and translator.load(name, str(folder)):
                QCoreApplication.installTranslator(translator)
                return translator
    return None


class Translatable:
    """``self.tr`` for classes that are not QObjects. pylupdate5 files a string under the
    class whose code holds it, so the class and then its bases are asked in turn."""

    def tr(self, text: str) -> str:
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text:
                return translated
        return text
