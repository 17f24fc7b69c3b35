"""``make serve``: the central server on SQLite (``var/server/farmland_guard.db``) with a demo user
per role and the demo batch loaded, in the foreground; ``make run`` starts the same in the
background (``start``) and stops it when QGIS exits.

Idempotent: the passwords are made once and kept in ``var/server/demo-logins.txt`` (mode 600),
a user is (re)set only when missing or when its password no longer matches, and the demo batch
is loaded only when no batch of its name is there yet.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from dev.qgis_desktop import ROOT

if str(ROOT / "server") not in sys.path:
    sys.path.insert(0, str(ROOT / "server"))

SERVER = ROOT / "var" / "server"
DB = f"sqlite:///{SERVER / 'farmland_guard.db'}"
LOGINS = SERVER / "demo-logins.txt"
DEMO_BATCH = ROOT / "var" / "demo" / "410724_2025_BHTB.zip"
REGION = "410724"  # 获嘉县
USERS = {  # name: (role, region, full name)
    "tech410724": ("technician", "410724", "获嘉县技术员"),
    "reviewer41": ("reviewer", "41", "河南省审核员"),
    "admin41": ("admin", "41", "河南省管理员"),
}
PORT = 8765


def environment() -> dict:
    """What a server process needs: the server package and the plugin's core importable,
    PROJ's data found, the data folder beside the database."""
    paths = [str(ROOT / "server"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p),
            "PROJ_DATA": os.environ.get("PROJ_DATA") or "/usr/share/proj",
            "FARMLAND_GUARD_DATA": str(SERVER / "data")}


def logins() -> dict[str, str]:
    """name → password: read from ``LOGINS``, the missing ones made and written back."""
    SERVER.mkdir(parents=True, exist_ok=True)
    known = {}
    if LOGINS.exists():
        for line in LOGINS.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 4 and parts[0] in USERS:
                known[parts[0]] = parts[3]
    if set(known) != set(USERS):
        known = {name: known.get(name) or secrets.token_urlsafe(12) for name in USERS}
        lines = ["# make serve: demo logins (name role region password), made once"]
        lines += [f"{name} {role} {region} {known[name]}"
                  for name, (role, region, _) in USERS.items()]
        tmp = LOGINS.with_suffix(".tmp")
        tmp.touch(mode=0o600)
        tmp.chmod(0o600)
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(LOGINS)
    LOGINS.chmod(0o600)
    return known


def prepare() -> list[str]:
    """The database migrated, the demo users there with the passwords of ``LOGINS`` and the
    demo batch loaded once; what was done, in sentences."""
    os.environ.update({k: v for k, v in environment().items() if k != "PYTHONPATH"})
    from farmland_guard_server import migrate
    from farmland_guard_server.auth import HASHER, add_user
    from farmland_guard_server.config import Settings
    from farmland_guard_server.context import Context
    from farmland_guard_server.db import transaction
    from farmland_guard_server.loading import load
    from farmland_guard_server.models import Batch, User
    from farmland_guard_server.scope import Scope
    from sqlalchemy import select

    settings = Settings.load(DB)
    migrate.upgrade(settings.db_url)
    done, passwords = [], logins()
    admin = Scope("make serve", "admin", "41")
    with transaction(settings.db_url, admin, write=True) as session:
        for name, (role, region, full_name) in USERS.items():
            user = session.scalar(select(User).where(User.name == name))
            if (user is not None and user.role == role and user.region == region
                    and user.active and _matches(HASHER, user.password_hash, passwords[name])):
                continue
            add_user(session, name, passwords[name], role, region, full_name)
            done.append(f"user {name} ({role} of {region}) set")
    if not DEMO_BATCH.exists():
        done.append(f"no demo batch at {DEMO_BATCH.relative_to(ROOT)} (make demo builds it)")
        return done
    scope = Scope("make serve", "admin", REGION)
    with transaction(settings.db_url, scope, write=True) as session:
        # once: a batch of this name (the demo, whatever its bytes after a new make demo)
        loaded = session.scalar(select(Batch).where(Batch.name == DEMO_BATCH.stem))
        if loaded is None:
            result = load(Context(session, scope, settings), DEMO_BATCH, REGION)
            done.append(f"demo batch {DEMO_BATCH.stem} loaded: {result.added} patches of {REGION}")
        else:
            done.append(f"demo batch {loaded.name} already loaded ({loaded.patches} patches)")
    return done


def _matches(hasher, stored: str, password: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except Exception:  # argon2's mismatch and malformed-hash errors alike
        return False


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def choose_port(wanted: int = PORT, host: str = "127.0.0.1") -> int:
    """``wanted`` when free, else a free one the system picks."""
    if wanted and port_free(wanted, host):
        return wanted
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def command(port: int, host: str = "127.0.0.1") -> list[str]:
    return [sys.executable, "-m", "farmland_guard_server", "serve", "--db", DB,
            "--host", host, "--port", str(port)]


def banner(url: str, passwords: dict[str, str], done: list[str]) -> str:
    database = Path(DB.removeprefix("sqlite:///")).relative_to(ROOT)
    lines = [f"farmland_guard server on SQLite ({database})",
             *(f"  {line}" for line in done),
             f"  URL:      {url}",
             f"  OGC API:  {url}/ogc",
             f"  API docs: {url}/docs",
             f"  Logins (kept in {LOGINS.relative_to(ROOT)}):"]
    lines += [f"    {name:<11} {role:<10} region {region:<6}  password {passwords[name]}"
              for name, (role, region, _) in USERS.items()]
    return "\n".join(lines)


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> bool:
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline and process.poll() is None:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return True
        time.sleep(0.2)
    return False


def start(log: Path) -> tuple[subprocess.Popen, str]:
    """The server in the background (for ``make run``), prepared and answering; its output
    goes to ``log``. Stop it with ``stop``."""
    done = prepare()
    port = choose_port()
    if port != PORT:
        print(f"Port {PORT} is in use: the server takes {port}.", flush=True)
    url = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        process = subprocess.Popen(command(port), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=environment(), cwd=ROOT,
                                   start_new_session=True)
    if not wait_healthy(url, process):
        stop(process)
        raise RuntimeError(f"the server did not start; see {log}")
    print(banner(url, logins(), done), flush=True)
    return process, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        try:
            process.wait(25)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dev.serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=PORT,
                        help="taken when free, else another free port (printed)")
    args = parser.parse_args(argv)
    done = prepare()
    port = choose_port(args.port, args.host)
    if port != args.port:
        print(f"Port {args.port} is in use: the server takes {port}.")
    host = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
    print(banner(f"http://{host}:{port}", logins(), done))
    print("Serving in the foreground; Ctrl+C stops it.", flush=True)
    os.chdir(ROOT)  # the server replaces this process: Ctrl+C and SIGTERM reach it directly
    os.execve(sys.executable, command(port, args.host), environment())


if __name__ == "__main__":
    sys.exit(main())
