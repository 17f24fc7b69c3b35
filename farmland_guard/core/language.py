"""Messages of core and store in the reader's language: Chinese first, English complete too.

Core runs without Qt (on the server too), so Qt's translator cannot reach it: each message is
written in both languages where it is made (``say``). It is rendered in the language of the
current context — a ``ContextVar``, set by the plugin from the QGIS locale and copied into the
work it starts, set per request by a server — and keeps both versions and its parameters, so an
edge can render it again for its reader (``render``). A test checks that both versions carry
the same placeholders.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar


def code_of(locale) -> str:
    """'zh' for a Chinese locale (zh, zh_CN, zh-Hans…), 'en' for any other."""
    return "zh" if str(locale or "").lower().startswith("zh") else "en"


_DEFAULT = code_of(os.environ.get("LANG"))  # where nothing set it: the environment's
_language: ContextVar[str] = ContextVar("farmland_guard_language", default=_DEFAULT)


def set_language(locale: str) -> None:
    """The language of this context (and of the work started from it)."""
    _language.set(code_of(locale))


@contextmanager
def using(locale):
    """Render in ``locale`` inside the block (a server's request, a Processing run)."""
    token = _language.set(code_of(locale))
    try:
        yield
    finally:
        _language.reset(token)


def language() -> str:
    return _language.get()


def _render(en: str, zh: str, params: dict, lang: str) -> str:
    values = {k: v.render(lang) if isinstance(v, Text) else v for k, v in params.items()}
    return (zh if lang == "zh" else en).format(**values)


class Text(str):
    """A message as rendered in the language in force, that can be rendered again in another."""

    def __new__(cls, en: str, zh: str, params: dict):
        text = super().__new__(cls, _render(en, zh, params, language()))
        text.en, text.zh, text.params = en, zh, params
        return text

    def __getnewargs__(self):  # pickled and copied with both versions
        return self.en, self.zh, self.params

    def render(self, locale=None) -> str:
        return _render(self.en, self.zh, self.params, code_of(locale) if locale else language())


def say(en: str, zh: str, **params) -> Text:
    """``en`` and ``zh`` with ``params`` filled in, in the language in force."""
    return Text(en, zh, params)


def render(value, locale=None) -> str:
    """``value`` in ``locale`` (default: the language in force): a message of ``say`` or an
    error of ours rendered again; anything else as it is."""
    if hasattr(value, "message") and callable(value.message):
        return value.message(locale)
    if isinstance(value, Text):
        return value.render(locale)
    return str(value)
