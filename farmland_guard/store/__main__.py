"""Command line: ``python -m farmland_guard.store import INPUT STORE [options]``."""

from __future__ import annotations

import argparse
import sys

from ..core.crs import CrsError
from ..core.encoding import DbfError
from ..core.sources import SourceError
from . import importer
from .workstore import StoreError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m farmland_guard.store")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("import", help="import a delivered batch into a work store")
    load.add_argument("input")
    load.add_argument("store")
    load.add_argument("--encoding", default="auto")
    load.add_argument("--profile", default="auto")
    load.add_argument("--layer")
    load.add_argument("--crs")
    args = parser.parse_args(argv)
    try:
        result = importer.run(args.input, args.store, args.encoding, args.profile, args.layer,
                              args.crs)
    except (SourceError, CrsError, DbfError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{result.store}: {result.records} records, {result.imported} imported "
          f"({result.added} new, {result.updated} updated, {result.vanished} vanished, "
          f"{result.flagged} to look at again), {result.repaired} repaired, "
          f"{result.rejected} rejected; report {result.report}")
    for note in result.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
