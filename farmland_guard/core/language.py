"""Messages of core and store in the user's language: Chinese first, English complete too.

Core runs without Qt (on the server too), so Qt's translator cannot reach it: each message
is written in both languages where it is raised, and the plugin picks the language once,
from the QGIS locale. A test checks that both versions carry the same placeholders.
"""

from __future__ import annotations

import os

_language = "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"


def set_language(locale: str) -> None:
    global _language
    _language = "zh" if locale.lower().startswith("zh") else "en"


def language() -> str:
    return _language


def say(en: str, zh: str, **params) -> str:
    """``en`` or ``zh`` with ``params`` filled in, in the language in force."""
    return (zh if _language == "zh" else en).format(**params)
