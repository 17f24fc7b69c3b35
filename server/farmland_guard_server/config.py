"""The server's settings: from the command line and the environment, never from a request."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from farmland_guard.core import profiles

DEFAULT_DB = "sqlite:///var/server/farmland_guard.db"


def database_url(given: str | None = None) -> str:
    """``--db``, else ``FARMLAND_GUARD_DB``, else the embedded SQLite file under ``var/``;
    plain ``postgresql://`` goes through psycopg 3."""
    url = given or os.environ.get("FARMLAND_GUARD_DB") or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def data_folder(url: str) -> Path:
    """Where attachments and the signing key live: ``FARMLAND_GUARD_DATA``, else beside a
    SQLite file, else ``var/server``."""
    if os.environ.get("FARMLAND_GUARD_DATA"):
        return Path(os.environ["FARMLAND_GUARD_DATA"])
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///")).resolve().parent / "data"
    return Path("var/server/data").resolve()


@dataclass(frozen=True)
class Settings:
    db_url: str
    data: Path
    secret: str  # signs access tokens; shared by every worker through the data folder
    city_level: bool = False  # county → city → province (a profile's workflow) or not
    access_ttl: int = 15 * 60  # seconds
    refresh_ttl: int = 30 * 24 * 3600
    max_body: int = 16 * 2**20  # bytes of a JSON request
    max_attachment: int = 200 * 2**20
    page_default: int = 100
    page_max: int = 5000

    @classmethod
    def load(cls, db: str | None = None, **overrides) -> Settings:
        url = database_url(db)
        data = data_folder(url)
        data.mkdir(parents=True, exist_ok=True)
        forced = os.environ.get("FARMLAND_GUARD_CITY_LEVEL", "")
        city = (forced.lower() in ("1", "true", "yes") if forced
                else profiles.city_level(os.environ.get("FARMLAND_GUARD_PROFILE") or None))
        return cls(url, data, os.environ.get("FARMLAND_GUARD_SECRET") or _secret(data),
                   city_level=city, **overrides)


def _secret(folder: Path) -> str:
    """The signing key kept in the data folder (made once, readable by the server only)."""
    path = folder / "signing.key"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(secrets.token_urlsafe(48))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)  # first writer wins; workers starting together agree
        except FileExistsError:
            pass
        tmp.unlink()
    return path.read_text().strip()
