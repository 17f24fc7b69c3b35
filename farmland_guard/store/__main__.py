"""Command line: ``python -m farmland_guard.store import INPUT STORE [options]``."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings

from ..core.expected import EXPECTED, message, unexpected
from . import importer


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
    warnings.simplefilter("ignore")  # GDAL's remarks on the data: the report says what they mean
    try:
        result = importer.run(args.input, args.store, args.encoding, args.profile, args.layer,
                              args.crs)
    except EXPECTED as error:
        print(f"error: {message(error)}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug: still no traceback for the user (DESIGN.md §6.3)
        if os.environ.get("FARMLAND_GUARD_DEBUG"):
            traceback.print_exc()
        print(f"error: {unexpected(error)}", file=sys.stderr)
        return 3
    print(f"{result.store}: {result.records} records, {result.imported} imported "
          f"({result.added} new, {result.updated} updated, {result.vanished} vanished, "
          f"{result.flagged} to look at again), {result.repaired} repaired, "
          f"{result.rejected} rejected; report {result.report}")
    for note in result.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
