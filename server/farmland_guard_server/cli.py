"""Command line (DESIGN.md §6.2): ``serve``, ``migrate``, ``user add``, ``batch load``; every
sub-command takes ``--db URL`` (default ``FARMLAND_GUARD_DB``, else SQLite under ``var/``)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import traceback
import warnings

from sqlalchemy.exc import DBAPIError

from farmland_guard.core.expected import EXPECTED, message, unexpected

from . import migrate
from .config import Settings
from .db import transaction
from .scope import Scope


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m farmland_guard_server")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="sqlite:///FILE or postgresql://… (default $FARMLAND_GUARD_DB)")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", parents=[db], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    commands.add_parser("migrate", parents=[db], help="bring the database to the latest schema")
    prune = commands.add_parser("prune", parents=[db],
                                help="drop changes older than the retention from the feed")
    prune.add_argument("--keep-days", type=int, default=90)
    user = commands.add_parser("user", help="accounts").add_subparsers(dest="action",
                                                                          required=True)
    add = user.add_parser("add", parents=[db], help="add a user (or reset one)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("technician", "reviewer", "admin"))
    add.add_argument("--region", required=True, help="XZQDM: 2, 4 or 6 digits")
    add.add_argument("--full-name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    batch = commands.add_parser("batch", help="batches").add_subparsers(dest="action",
                                                                         required=True)
    load = batch.add_parser("load", parents=[db], help="load a delivered package")
    load.add_argument("file")
    load.add_argument("--region", required=True, help="XZQDM the batch belongs to")
    load.add_argument("--name")
    load.add_argument("--encoding", default="auto")
    load.add_argument("--profile", default="auto")
    load.add_argument("--layer")
    load.add_argument("--crs")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    warnings.simplefilter("ignore")
    try:
        return COMMANDS[args.command](args)
    except EXPECTED as error:
        print(f"error: {message(error)}", file=sys.stderr)
        return 2
    except DBAPIError as error:  # the database refused: its own words, and what was asked
        print(f"error: the database refused ({type(error.orig).__name__}): "
              f"{str(error.orig).strip().splitlines()[0]}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug: no traceback for the operator unless asked
        if os.environ.get("FARMLAND_GUARD_DEBUG"):
            traceback.print_exc()
        print(f"error: {unexpected(error)}", file=sys.stderr)
        return 3


def _serve(args) -> int:
    import uvicorn

    settings = Settings.load(args.db)
    os.environ["FARMLAND_GUARD_DB"] = settings.db_url  # the workers read it
    migrate.upgrade(settings.db_url)
    uvicorn.run("farmland_guard_server.app:create_app", factory=True, host=args.host,
                port=args.port, workers=args.workers, log_config=None, access_log=False,
                proxy_headers=True, timeout_graceful_shutdown=20)
    return 0


def _migrate(args) -> int:
    settings = Settings.load(args.db)
    migrate.upgrade(settings.db_url)
    print(f"{migrate.current(settings.db_url)}: {settings.db_url.split('@')[-1]}")
    return 0


def _user(args) -> int:
    from .auth import add_user, check_region

    settings = Settings.load(args.db)
    migrate.upgrade(settings.db_url)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
    with transaction(settings.db_url, Scope("cli", "admin", check_region(args.region)),
                     write=True) as session:
        user = add_user(session, args.name, password, args.role, args.region, args.full_name)
        print(f"{user.name}: {user.role} of {user.region}")
    return 0


def _batch(args) -> int:
    from .auth import check_region
    from .context import Context
    from .loading import load

    settings = Settings.load(args.db)
    migrate.upgrade(settings.db_url)
    scope = Scope(getpass.getuser(), "admin", check_region(args.region))
    with transaction(settings.db_url, scope, write=True) as session:
        done = load(Context(session, scope, settings), args.file, args.region, args.name,
                    args.encoding, args.profile, args.layer, args.crs)
    print(f"batch {done.batch_id}: {done.records} records, {done.added} new, {done.updated} "
          f"updated, {done.repaired} repaired, {done.rejected} rejected")
    for p in done.problems:
        print(f"record {p.record} {p.jcbh} {p.field} [{p.rule}] {p.action}: {p.message}")
    return 0


def _prune(args) -> int:
    from .retention import prune

    settings = Settings.load(args.db)
    migrate.upgrade(settings.db_url)
    print(f"{prune(settings, args.keep_days)} changes older than {args.keep_days} days dropped")
    return 0


COMMANDS = {"serve": _serve, "migrate": _migrate, "user": _user, "batch": _batch,
            "prune": _prune}
