"""End to end: the real coder over corpus/demo, merged, and the AFG-PAK states compared day by
day with the truth table written from TIMELINE.md (tests/data/afg_pak_truth.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventwire.analyze import daily_series, escalation_alerts
from eventwire.ingest import read_paths
from eventwire.link import dyad_states, dyads_in, merge_events, state_timeline
from eventwire.model import Article, MergedEvent

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus" / "demo"
TRUTH = REPO / "tests" / "data" / "afg_pak_truth.csv"
DYAD = ("AFG", "PAK")
KINDS = ("ceasefire", "talks", "border")
# Measured when this test was written (docs/STATES.md gives the day that differs and why);
# the target is every day (38).
AGREEING_DAYS_FLOOR = 38

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(coder):
    articles = [a for a in read_paths([str(CORPUS)]) if isinstance(a, Article)]
    assert articles, "corpus/demo holds no readable article"
    events = [e for _, found in coder.extract_many(articles) for e in found]
    published = {a.id: a.date for a in articles if a.date}
    return events, published


def normalise(value):
    return None if value in (None, "", "none") else value


def test_afg_pak_states_agree_with_the_truth_table(demo):
    if not TRUTH.exists():
        pytest.skip(f"{TRUTH} is not written yet")
    events, published = demo
    with TRUTH.open(encoding="utf-8") as handle:
        truth = {row["date"]: row for row in csv.DictReader(handle)}
    first, last = min(truth), max(truth)
    rows = state_timeline(events, DYAD, first, last, published=published)
    mismatches = []
    for row in rows:
        expected = truth[row["date"]]
        wrong = {k: (row[k], expected[k]) for k in KINDS
                 if normalise(row[k]) != normalise(expected[k])}
        if wrong:
            mismatches.append((row["date"], wrong))
    agreeing = len(rows) - len(mismatches)
    print(f"\nAFG-PAK states agree with the truth table on {agreeing} of {len(rows)} days")
    for day, wrong in mismatches:
        print(f"  {day}: " + "; ".join(f"{k} ours={ours!r} truth={theirs!r}"
                                       for k, (ours, theirs) in wrong.items()))
    assert agreeing >= AGREEING_DAYS_FLOOR


def test_demo_known_by_excludes_later_articles(demo):
    events, published = demo
    # the Oct 30 agreement to meet on Nov 6 was published on Oct 31 (docs/TRUTH_TABLE.md)
    talks = {s.kind: s.value for s in dyad_states(events, DYAD, "2025-10-30",
                                                  known_by="2025-10-30", published=published)}
    assert talks.get("talks") == "failed"
    later = {s.kind: s.value for s in dyad_states(events, DYAD, "2025-10-30",
                                                  known_by="2025-10-31", published=published)}
    assert later.get("talks") == "scheduled"


def test_demo_merging_series_and_alerts_run(demo):
    events, published = demo
    merged = merge_events(events, published)
    assert sum(m.mentions for m in merged) == len({e.id for e in events})
    assert any(m.mentions > 1 for m in merged)          # some event is told by several outlets
    assert all(MergedEvent.from_dict(m.to_dict()) == m for m in merged)
    assert DYAD in dyads_in(merged)
    series = daily_series(merged, DYAD, "2025-10-09", "2025-11-15")
    assert len(series) == 38 and any(day.conflict > 0 for day in series)
    for alert in escalation_alerts(merged, DYAD):
        assert alert.z >= 2.0 and alert.events
