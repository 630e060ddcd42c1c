"""Benchmark runner: ``python -m bench [--smoke] [NAME…]``.

Every module ``bench/bench_<name>.py`` defines ``run(smoke: bool) -> dict`` that measures
Dateline and, where one exists, its peer or lower bound in the same run, and returns the
figures it printed. ``--smoke`` runs each at a size small enough for CI.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path

BENCHES = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                 if m.name.startswith("bench_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(BENCHES)})")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", metavar="FILE", help="also write all figures to FILE")
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    # Each benchmark gets a scratch data directory unless one is given.
    os.environ.setdefault("DATELINE_DATA_DIR", tempfile.mkdtemp(prefix="dateline-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    results = {}
    for name in args.names or BENCHES:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== {name}{' (smoke)' if args.smoke else ''}", flush=True)
        started = time.perf_counter()
        results[name] = module.run(smoke=args.smoke)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
