"""Who is at work: the name the store's history records for each action. The plugin sets the
name the technician gave it (or the full name QGIS knows); the login name of the account is the
last resort (a command line, a service)."""

from __future__ import annotations

import getpass

_name: str | None = None  # one per process: import tasks run in other threads


def set_user(name: str | None) -> None:
    global _name
    _name = (name or "").strip() or None


def user() -> str:
    if _name:
        return _name
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts)
        return "unknown"
