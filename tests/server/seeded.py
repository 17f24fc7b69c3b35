"""A server process over a new SQLite database with the users of the region matrix and a batch
in each county, for the plugin's tests outside this folder (the dock offscreen, QGIS desktop)."""

from __future__ import annotations

from pathlib import Path

from .regions import COUNTIES, USERS, batch_file
from .servers import PASSWORD, Server, cli


def seeded_server(folder: Path) -> Server:
    """Stop it with ``.stop()``."""
    db = f"sqlite:///{folder}/fg.db"
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    cli(db, "migrate", data=data)
    for name, (role, region) in USERS.items():
        cli(db, "user", "add", name, "--role", role, "--region", region, "--password-stdin",
            stdin=PASSWORD + "\n", data=data)
    for county in COUNTIES:
        cli(db, "batch", "load", str(batch_file(data, county)), "--region", county, data=data)
    return Server(db, data)
