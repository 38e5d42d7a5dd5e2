"""Cold-start cost of the gazetteer: seconds and resident memory to build it and to load it.

Each measurement runs in a fresh interpreter so imports and caches start cold:

    python benchmarks/bench_gazetteer.py            # build (no cache), then load from cache
    python benchmarks/bench_gazetteer.py --runs 3   # repeat each measurement

The cache goes to a temporary directory, never to the user's cache or the repository.
The budget (issue 4) is for the cold start, the load from the compiled cache: at most
``BUDGET_SECONDS`` and ``BUDGET_MB`` resident. Building the cache happens once, at first use.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

BUDGET_SECONDS = 3.0
BUDGET_MB = 400.0

CHILD = r"""
import json, os, sys, time
from pathlib import Path

def rss_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

before = rss_mb()
start = time.perf_counter()
from eventwire.extract.places import Gazetteer
gaz = Gazetteer.load(cache_dir=Path(sys.argv[1]), use_cache=sys.argv[2] == "cache")
seconds = time.perf_counter() - start
assert gaz.lookup("Kabul") is not None
print(json.dumps({"seconds": seconds, "rss_mb": rss_mb(), "rss_delta_mb": rss_mb() - before,
                  "entries": len(gaz)}))
"""


def measure(cache_dir: str, mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, cache_dir, mode],
        check=True, capture_output=True, text=True, env=dict(os.environ),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as cache_dir:
        rows = []
        for _ in range(args.runs):
            rows.append(("build (no cache)", measure(cache_dir, "nocache")))
        measure(cache_dir, "cache")            # writes the cache
        for _ in range(args.runs):
            rows.append(("load from cache", measure(cache_dir, "cache")))
    print(f"{'gazetteer':<18} {'seconds':>8} {'RSS MB':>8} {'+MB':>8} {'entries':>8}")
    for label, r in rows:
        print(f"{label:<18} {r['seconds']:>8.2f} {r['rss_mb']:>8.1f} "
              f"{r['rss_delta_mb']:>8.1f} {r['entries']:>8}")
    loads = [r for label, r in rows if label == "load from cache"]
    worst_seconds = max(r["seconds"] for r in loads)
    worst_mb = max(r["rss_mb"] for r in loads)
    verdict = "within" if worst_seconds <= BUDGET_SECONDS and worst_mb <= BUDGET_MB else "OVER"
    print(f"cold start {worst_seconds:.2f} s, {worst_mb:.0f} MB resident: {verdict} the budget "
          f"of {BUDGET_SECONDS:g} s and {BUDGET_MB:g} MB")


if __name__ == "__main__":
    main()
