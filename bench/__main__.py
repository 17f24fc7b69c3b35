"""``make bench``: every benchmark, each against its peer in the same run, printed as ratios."""

import json
import sys

from bench import (
    batch_load,
    grid_bench,
    import_bench,
    ledger_bench,
    ogc,
    precheck_bench,
    startup,
    sync_bench,
    verdict_bench,
)

BENCHES = {"startup": startup.main, "import": import_bench.main,
           "verdicts": verdict_bench.main, "precheck": precheck_bench.main,
           "batchload": batch_load.main, "ogc": ogc.main, "sync": sync_bench.main,
           "ledger": ledger_bench.main, "grids": grid_bench.main}


def main(argv):
    chosen = argv or list(BENCHES)
    results = [BENCHES[name]() for name in chosen]
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
