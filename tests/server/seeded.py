"""A database seeded as the server tests need it — migrated, the users of the region matrix,
a batch in each county — through the command line as an operator would; and a server over a
new SQLite one, for the plugin's tests outside this folder (the dock offscreen, QGIS desktop)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .regions import COUNTIES, USERS, batch_file
from .servers import PASSWORD, Server, env

# The command line's own entry point called once per command, in one process (a process
# for each would spend most of the time importing): sys.argv[1] is [[argv, stdin], …].
COMMANDS = r"""
import io, json, sys
from farmland_guard_server.cli import main
for argv, stdin in json.loads(sys.argv[1]):
    sys.stdin = io.StringIO(stdin)
    if main(argv):
        sys.exit(f"{argv}: failed")
"""


def seed(db: str, data: Path) -> None:
    """Migrate ``db`` and add the users of the region matrix and a batch in each county, all
    through the command line as an operator would."""
    commands = [(["migrate"], "")]
    commands += [(["user", "add", name, "--role", role, "--region", region, "--password-stdin"],
                  PASSWORD + "\n") for name, (role, region) in USERS.items()]
    commands += [(["batch", "load", str(batch_file(data, county)), "--region", county], "")
                 for county in COUNTIES]
    done = subprocess.run([sys.executable, "-c", COMMANDS, json.dumps(
        [([*argv, "--db", db], stdin) for argv, stdin in commands])], capture_output=True,
        text=True, env=env(FARMLAND_GUARD_DATA=str(data)), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def seeded_server(folder: Path) -> Server:
    """Stop it with ``.stop()``."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{folder}/fg.db"
    seed(db, data)
    return Server(db, data)
