"""``make run``: real QGIS with the assembled plugin and the demo project, in a throwaway
profile under ``var/``, and the local server of ``make serve`` (SQLite, demo users, the demo
batch) in the background, stopped when QGIS exits. Without a display it runs under Xvfb, saves
a screenshot to ``var/screenshots/`` and prints its path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from dev import serve
from dev.qgis_desktop import ROOT, make_profile, qgis_command, qgis_env, run_qgis

VAR = ROOT / "var"
PROJECT = VAR / "demo" / "demo_410724.qgz"
STARTUP = ROOT / "dev" / "startup.py"


def main() -> int:
    """QGIS with the local server beside it; a server that cannot start is reported and QGIS
    opens all the same."""
    server, url = None, ""
    try:
        server, url = serve.start(VAR / "server" / "server.log")
    except Exception as error:  # the plugin works without it: say so, and go on
        print(f"The local server did not start ({error}); QGIS opens without it.",
              file=sys.stderr, flush=True)
    try:
        return run(url)
    finally:
        if server is not None:
            serve.stop(server)
            print("Local server stopped.", flush=True)


def run(server_url: str) -> int:
    profile = make_profile(VAR / "qgis-profile", ROOT / "build" / "farmland_guard")
    if os.environ.get("DISPLAY"):
        return subprocess.call(qgis_command(profile, PROJECT, STARTUP),
                               env=qgis_env(FG_SERVER_URL=server_url))
    shots = VAR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    shot, report_path = shots / f"qgis-{stamp}.png", shots / f"qgis-{stamp}.json"
    print("No display: running QGIS under Xvfb to take a screenshot…", flush=True)
    result = run_qgis(profile, PROJECT, STARTUP, FG_REPORT=str(report_path),
                      FG_SCREENSHOT=str(shot), FG_SERVER_URL=server_url)
    if not report_path.exists():
        print(result.stdout[-3000:], file=sys.stderr)
        print(f"QGIS did not report back (exit code {result.returncode}).", file=sys.stderr)
        return 1
    report = json.loads(report_path.read_text(encoding="utf-8"))
    print(f"QGIS ran with plugins {report['active_plugins']}; patch dock: {report['count_text']}")
    print(f"Screenshot: {shot}")
    return 0 if "farmland_guard" in report["active_plugins"] else 1


if __name__ == "__main__":
    sys.exit(main())
