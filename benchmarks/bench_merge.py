"""Benchmark: how merging reports across articles grows with the number of reports.

Synthetic reports (no coding): DYADS pairs of parties, each with events spread over two years,
each event told by several articles with dates a day apart and vaguer month-precision reports
among them. ``merge_events`` is timed on N reports and on FACTOR x N drawn the same way (more
days, same density per day), in one run, best of REPEATS. The ratio of the two times shows the
growth: about FACTOR when merging is linear, FACTOR squared when every report is tried against
every cluster of its type.
Usage: python benchmarks/bench_merge.py [--reports N] [--factor K] [--repeats N] [--json OUT]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from _report import show_figures  # a sibling file: benchmarks run as scripts


def synthetic_reports(n: int, days: int, seed: int = 7):
    """n reports of events spread over ``days`` days among 40 parties, 3 reports an event."""
    from eventwire.model import Entity, Event, Evidence, Provenance, Trigger, When

    rng = random.Random(seed)
    parties = [Entity(f"P{i:02d}", f"Party {i}", country=f"C{i:02d}", sector="GOV")
               for i in range(40)]
    provenance = Provenance(schema_version="1.0", coder_version="bench", lexicon_sha256="0" * 64)
    first = date(2024, 1, 1)
    reports = []
    while len(reports) < n:
        kind = rng.choice(("ASSAULT", "CONSULT", "ACCUSE", "COERCE"))
        a, b = rng.sample(parties, 2)
        day = first + timedelta(days=rng.randrange(days))
        for k in range(3):
            vague = rng.random() < 0.2
            when = (When(day.replace(day=1).isoformat(),
                         (day.replace(day=1) + timedelta(days=27)).isoformat(),
                         precision="month", basis="context") if vague else
                    When((day + timedelta(days=k % 2)).isoformat(),
                         (day + timedelta(days=k % 2)).isoformat(), precision="day",
                         basis="text"))
            n_rep = len(reports)
            reports.append(Event(
                id=f"ev_{n_rep:08d}", article_id=f"art_{rng.randrange(n):08d}",
                event_type=kind, trigger=Trigger(kind.lower(), (0, len(kind))),
                provenance=provenance, actors=(a,), recipients=(b,), date=when,
                evidence=(Evidence(f"{kind} report {n_rep}.", (0, 20)),)))
    return reports[:n]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=3000, help="reports in the small set")
    parser.add_argument("--factor", type=int, default=4, help="how many times larger the big set is")
    parser.add_argument("--repeats", type=int, default=3, help="timings; the best is kept")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    from eventwire.link.merge import merge_events

    days = 730
    small = synthetic_reports(args.reports, days)
    large = synthetic_reports(args.reports * args.factor, days * args.factor)
    best = {"small": float("inf"), "large": float("inf")}
    merged = {}
    for _ in range(args.repeats):
        for name, reports in (("small", small), ("large", large)):
            t0 = time.perf_counter()
            merged[name] = merge_events(reports)
            best[name] = min(best[name], time.perf_counter() - t0)
    figures = {
        "reports_small": len(small),
        "reports_large": len(large),
        "merged_events_small": len(merged["small"]),
        "merged_events_large": len(merged["large"]),
        "seconds_small": round(best["small"], 3),
        "seconds_large": round(best["large"], 3),
        "growth_ratio": round(best["large"] / best["small"], 2),
        "linear_would_be": args.factor,
        "quadratic_would_be": args.factor ** 2,
    }
    show_figures(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
