"""Plugin identity read from metadata.txt, the one source of name and version."""

from __future__ import annotations

import configparser
from functools import lru_cache

from .paths import asset

PLUGIN_ID = "farmland_guard"


@lru_cache(maxsize=1)
def metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(asset("metadata.txt"), encoding="utf-8")
    return dict(parser["general"])


def version() -> str:
    return metadata()["version"]
