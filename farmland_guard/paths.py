"""Where the plugin's files are, both in the repository and in the packaged plugin.

In the repository ``metadata.txt``, ``resources/`` and ``i18n/`` sit beside the package; in the
packaged zip they sit inside it. Every lookup tries the package folder first, then its parent.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def asset(*parts: str) -> Path:
    """Path of a plugin file given relative to the plugin root; the packaged layout wins."""
    for root in (PACKAGE_DIR, PACKAGE_DIR.parent):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return PACKAGE_DIR.joinpath(*parts)
