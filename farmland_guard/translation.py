"""Qt translation: the source strings are English, ``i18n/farmland_guard_zh_CN.ts`` is complete."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from .core.language import set_language
from .paths import asset
from .settings import user_locale

LANGUAGES = {"zh": "zh_CN"}


def qm_path(locale: str):
    language = LANGUAGES.get(locale.split("_")[0].lower())
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


class Translatable:
    """``self.tr`` for classes that are not QObjects. pylupdate5 files a string under the
    class whose code holds it, so the class and then its bases are asked in turn."""

    def tr(self, text: str) -> str:
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text:
                return translated
        return text
