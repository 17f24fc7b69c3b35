"""A real server process on loopback over a real database: SQLite, or PostgreSQL + PostGIS in a
throwaway cluster this module starts itself (initdb in a temporary folder, run as the
``postgres`` user when the tests run as root) and stops after."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "pass-word-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env(**extra) -> dict:
    return {**os.environ, "PYTHONPATH": f"{ROOT / 'server'}:{ROOT}",
            "PROJ_DATA": "/usr/share/proj", **extra}


class PostgresCluster:
    """``initdb`` + ``pg_ctl`` on a free port; a superuser ``fg`` with a password."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="fg-pg-"))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            pg = pwd.getpwnam("postgres")
            os.chown(self.folder, pg.pw_uid, pg.pw_gid)

    def _run(self, *args, **kw):
        command = ["runuser", "-u", "postgres", "--", *args] if self.as_root else list(args)
        return subprocess.run(command, check=True, capture_output=True, text=True, **kw)

    def start(self) -> PostgresCluster:
        data = self.folder / "data"
        self._run(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(self.folder / "log"),
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c max_connections=200", "start")
        self.psql("CREATE ROLE fg LOGIN SUPERUSER PASSWORD 'fg'")
        return self

    def psql(self, sql: str, db: str = "postgres") -> str:
        return self._run("psql", "-h", str(self.folder), "-p", str(self.port), "-U", "postgres",
                         "-d", db, "-v", "ON_ERROR_STOP=1", "-Atc", sql).stdout

    def database(self, name: str) -> str:
        self.psql(f"CREATE DATABASE {name} OWNER fg")
        return f"postgresql://fg:fg@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def cli(db: str, *args, stdin: str | None = None, data: Path | None = None,
        check: bool = True) -> subprocess.CompletedProcess:
    extra = {"FARMLAND_GUARD_DATA": str(data)} if data else {}
    done = subprocess.run([sys.executable, "-m", "farmland_guard_server", *args, "--db", db],
                          input=stdin, capture_output=True, text=True, env=env(**extra),
                          timeout=600)
    if check and done.returncode:
        raise AssertionError(f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


class Server:
    """``python -m farmland_guard_server serve`` on a free loopback port."""

    def __init__(self, db: str, data: Path, workers: int = 1, **environment):
        self.db, self.data, self.workers, self.environment = db, data, workers, environment
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._tokens: dict[str, str] = {}
        self.start()

    def start(self) -> None:
        """Start (again, on the same port: a restart)."""
        self.log = open(self.data / "server.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "farmland_guard_server", "serve", "--db", self.db, "--port",
             str(self.port), "--workers", str(self.workers)],
            stdout=self.log, stderr=subprocess.STDOUT,
            env=env(FARMLAND_GUARD_DATA=str(self.data), **self.environment))
        deadline = time.time() + 60
        while True:
            try:
                if requests.get(self.url + "/healthz", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None or time.time() > deadline:
                self.stop()
                raise AssertionError((self.data / "server.log").read_text(errors="replace")[-4000:])
            time.sleep(0.2)

    def token(self, user: str) -> str:
        if user not in self._tokens:
            answer = requests.post(self.url + "/auth/token",
                                   data={"username": user, "password": PASSWORD}, timeout=30)
            answer.raise_for_status()
            self._tokens[user] = answer.json()["access_token"]
        return self._tokens[user]

    def as_user(self, user: str) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + self.token(user)
        return session

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
