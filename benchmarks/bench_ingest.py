"""Benchmark: `ingest` into SQLite and PostgreSQL against `extract` alone, same articles.

All three are timed in one run on the same articles (the demo corpus; with --rounds N, N-1
more copies of it, each article with a line of its own added, so they are new articles
that the store links as near-duplicates), round robin, best of REPEATS, each ingest into a
new, empty store. Ingest time covers everything `eventwire ingest` does after reading:
coding, writing each article in its own transaction, near-duplicate and version checks,
then merging and states. Targets: SQLite within 10% of extract alone, PostgreSQL within 20%.

Coding dominates and its time wanders on a busy machine, so the store's own cost is also
measured alone (the same events replayed without coding) and reported per article and as
the ratio (extract + store cost) / extract.

PostgreSQL is measured when --pg URL or $EVENTWIRE_TEST_PG is set (a scratch schema is
created and dropped).
Usage: python benchmarks/bench_ingest.py [--rounds N] [--repeats N] [--pg URL] [--json OUT]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from _report import show_figures  # a sibling file: benchmarks run as scripts

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"sqlite": 1.10, "postgresql": 1.20}


def load_articles(rounds: int):
    from dataclasses import replace

    from eventwire.ingest import read_paths
    from eventwire.model import Article

    base = [a for a in read_paths([str(REPO / "corpus" / "demo")]) if isinstance(a, Article)]
    out = list(base)
    for copy in range(1, rounds):
        out += [replace(a, id=f"{a.id}~{copy}", url=None, text=f"{a.text}\n\nBulletin {copy}.")
                for a in base]
    return out


def pg_schema_url(url: str, schema: str) -> str:
    parts = urlsplit(url)
    option = "options=" + quote(f"-csearch_path={schema}", safe="")
    query = f"{parts.query}&{option}" if parts.query else option
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="copies of the corpus")
    parser.add_argument("--repeats", type=int, default=3, help="timings; the best is kept")
    parser.add_argument("--pg", default=os.environ.get("EVENTWIRE_TEST_PG"),
                        help="PostgreSQL URL (default: $EVENTWIRE_TEST_PG)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    from eventwire.pipeline import Coder
    from eventwire.service import ingest_items
    from eventwire.store import Store

    articles = load_articles(args.rounds)
    coder = Coder.load()
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    schemas: list[str] = []

    def new_sqlite() -> str:
        return str(scratch / f"{uuid.uuid4().hex}.db")

    def new_pg() -> str:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return pg_schema_url(args.pg, schema)

    def run_extract() -> float:
        t0 = time.perf_counter()
        for _ in coder.extract_many(articles):
            pass
        return time.perf_counter() - t0

    def run_ingest(new_url, with_coder) -> float:
        url = new_url()                 # creating the schema is not ingestion: not timed
        t0 = time.perf_counter()
        with Store.open(url) as store:
            report = ingest_items(articles, store, with_coder)
        elapsed = time.perf_counter() - t0
        assert report.articles == len(articles), report
        return elapsed

    # The store's own cost, without coding: the same events, computed once, replayed.
    coded = {a.id: events for a, events in coder.extract_many(articles)}

    class Replay:
        provenance = coder.provenance

        def extract_many(self, items, batch_size=16):
            for item in items:
                yield item, coded[item.id]

    backends = {"sqlite": new_sqlite}
    if args.pg:
        backends["postgresql"] = new_pg
    timings: dict[str, list[float]] = {"extract": []}
    timings.update({name: [] for name in backends})
    overheads: dict[str, list[float]] = {name: [] for name in backends}
    try:
        # Round robin, so that a busy moment on the machine does not favour one of them.
        for _ in range(args.repeats):
            timings["extract"].append(run_extract())
            for name, new_url in backends.items():
                timings[name].append(run_ingest(new_url, coder))
                overheads[name].append(run_ingest(new_url, Replay()))
    finally:
        if schemas:
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                for schema in schemas:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        for path in scratch.iterdir():
            path.unlink()
        scratch.rmdir()

    extract_s = min(timings["extract"])
    figures: dict[str, object] = {"articles": len(articles),
                                  "extract_seconds": round(extract_s, 3)}
    for name in backends:
        best, overhead = min(timings[name]), min(overheads[name])
        figures[f"ingest_{name}_seconds"] = round(best, 3)
        figures[f"ratio_{name}_to_extract"] = round(best / extract_s, 3)
        # Less sensitive to a busy machine: extract plus the store's measured own cost.
        figures[f"store_{name}_ms_per_article"] = round(1000 * overhead / len(articles), 2)
        figures[f"ratio_{name}_from_store_cost"] = round((extract_s + overhead) / extract_s, 3)
    if not args.pg:
        figures["postgresql"] = "not measured (set --pg or EVENTWIRE_TEST_PG)"

    show_figures(figures, args.json)
    for backend, target in TARGETS.items():
        ratio = figures.get(f"ratio_{backend}_to_extract")
        if isinstance(ratio, float):
            verdict = "within" if ratio <= target else "OVER"
            print(f"{backend}: {verdict} target ({ratio:.3f} vs {target:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
