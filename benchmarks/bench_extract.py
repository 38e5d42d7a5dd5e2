"""Benchmark: seconds per article for `extract`, side by side with the stock spaCy pipeline.

Both are measured in one run on the same articles (the bundled demo corpus, repeated to
ROUNDS passes), best of REPEATS, so the ratio compares like with like on this machine:
both parse in batches of the same size (`Coder.extract_many`'s; spaCy's throughput depends
on it), and the two alternate batch by batch (stock, extract, stock, extract, ...) so that a
change in the load of a shared machine during the run weighs on both alike.
Usage: python benchmarks/bench_extract.py [--rounds N] [--repeats N] [--json OUT]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _report import show_figures  # a sibling file: benchmarks run as scripts

REPO = Path(__file__).resolve().parents[1]
BATCH_SIZE = 16     # Coder.extract_many's default


def load_articles():
    from eventwire.ingest import read_paths
    from eventwire.model import Article

    return [a for a in read_paths([str(REPO / "corpus" / "demo")]) if isinstance(a, Article)]


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def best_of_alternating(fns, batches, repeats: int) -> list[float]:
    """The best pass time of each function over all batches; within a pass the functions
    take turns on each batch."""
    totals: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        spent = [0.0] * len(fns)
        for batch in batches:
            for k, fn in enumerate(fns):
                spent[k] += timed(fn, batch)
        for k, seconds in enumerate(spent):
            totals[k].append(seconds)
    return [min(t) for t in totals]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus per timing")
    parser.add_argument("--repeats", type=int, default=5, help="timings; the best is kept")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    import spacy

    from eventwire.nlp import DEFAULT_MODEL
    from eventwire.pipeline import Coder

    articles = load_articles() * args.rounds
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    coder = Coder.load()
    load_s = time.perf_counter() - t0
    stock = spacy.load(DEFAULT_MODEL)

    size = BATCH_SIZE
    batches = [articles[i:i + size] for i in range(0, len(articles), size)]

    def run_stock(batch):
        for _ in stock.pipe((a.text for a in batch), batch_size=size):
            pass

    def run_extract(batch):
        for _ in coder.extract_many(batch, batch_size=size):
            pass

    for batch in batches:                            # warm caches before timing
        run_stock(batch), run_extract(batch)
    stock_s, extract_s = best_of_alternating((run_stock, run_extract), batches, args.repeats)
    n = len(articles)
    figures = {
        "articles": n,
        "words": words,
        "coder_load_seconds": round(load_s, 3),
        "stock_spacy_seconds_per_article": round(stock_s / n, 4),
        "extract_seconds_per_article": round(extract_s / n, 4),
        "extract_words_per_second": round(words / extract_s),
        "ratio_extract_to_stock_spacy": round(extract_s / stock_s, 3),
    }
    show_figures(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
