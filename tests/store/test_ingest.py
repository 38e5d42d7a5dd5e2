"""Ingestion into the store (service.ingest_*): idempotence, resuming after a crash,
supersession, near-duplicates and rejects, on both backends."""

from __future__ import annotations

import random

import pytest
from fakes import FakeCoder, article, articles, dated_text

from eventwire.model import Rejection
from eventwire.service import ingest_items, ingest_paths
from eventwire.store import Store


class Crash(Exception):
    """Stands in for the process dying mid-write."""


def crash_after(monkeypatch, method: str, calls: int) -> None:
    """Make Store.<method> raise Crash on its (calls + 1)-th call, inside the transaction."""
    original = getattr(Store, method)
    count = {"n": 0}

    def failing(self, *args, **kwargs):
        if count["n"] >= calls:
            raise Crash(f"killed in {method} after {calls} calls")
        count["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, method, failing)


def inputs() -> list:
    """Ten articles (two dyads' worth of stories), a rejection, a new version of story-1
    and a near-copy of story-4."""
    items: list = articles(10)
    items.insert(3, Rejection("foreign.txt", "not English (fr)"))
    items.append(article(1, text=items[1].text + " PAK met AFG in Istanbul.",
                         date="2025-10-11"))
    items.append(article(4, id="copy-of-4", source="Other Wire",
                         text=items[5].text.replace("immediate", "swift")))
    return items


# ---------------------------------------------------------------------------------------
# What gets stored


def test_articles_events_and_rejects_are_stored(store, fake_coder):
    report = ingest_items(inputs(), store, fake_coder)
    assert (report.articles, report.rejected, report.superseded, report.near_duplicates) == \
        (12, 1, 1, 1)
    counts = store.counts()
    assert counts["articles"] == 12 and counts["rejects"] == 1
    assert counts["events"] == report.events == 14
    assert [r.reason for r in store.rejects()] == ["not English (fr)"]
    run, = store.runs()
    assert run["status"] == "finished" and run["articles"] == 12 and run["rejects"] == 1
    assert {a.ingested_run for a in store.articles()} == {report.run_id}
    assert store.pending() == {}


def test_events_keep_their_parties_evidence_and_dyads(store, fake_coder):
    ingest_items([article(2)], store, fake_coder)
    rows = store.backend.query("SELECT role, position, entity_id FROM entities "
                               "ORDER BY event_id, role, position")
    assert sorted(rows) == [("actor", 0, "AFG"), ("actor", 0, "PAK"),
                            ("recipient", 0, "AFG"), ("recipient", 0, "PAK")]
    assert store.backend.query("SELECT DISTINCT dyad FROM event_dyads") == [("AFG-PAK",)]
    evidence = store.backend.query("SELECT text FROM evidence ORDER BY span_start")
    assert [e[0] for e in evidence] == ["AFG attacked PAK at several border posts.",
                                        "PAK attacked AFG in response."]


def test_coding_failure_is_a_stored_rejection(store):
    coder = FakeCoder(fail_on="Natanz")
    report = ingest_items(articles(7), store, coder)
    assert report.articles == 6 and report.rejected == 1
    reject, = store.rejects()
    assert reject.origin == "story-5.txt" and reject.article_id == "story-5"
    assert reject.reason == "coding failed: RuntimeError: lexicon exploded"


def test_rejected_files_are_stored_with_reasons(store, fake_coder, tmp_path):
    (tmp_path / "fr.txt").write_text("date 2025-03-04 Les ministres de la Norvège et du Chili "
                                     "se sont réunis à Oslo pour discuter de la pêche.\n")
    (tmp_path / "ok.txt").write_text(dated_text(article(0)))
    paths = [str(tmp_path / "fr.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "ok.txt")]
    report = ingest_paths(paths, store, fake_coder)
    assert report.articles == 1 and report.rejected == 2
    reasons = {r.origin: r.reason for r in store.rejects()}
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert reasons[str(tmp_path / "fr.txt")].startswith("not English (")
    again = ingest_paths(paths, store, fake_coder)
    assert again.rejected == 2 and len(store.rejects()) == 2


# ---------------------------------------------------------------------------------------
# Idempotence and resuming


def test_ingesting_the_same_input_twice_changes_nothing(store, fake_coder):
    ingest_items(inputs(), store, fake_coder)
    before = store.snapshot(with_runs=True)
    runs = store.runs()
    coded = len(fake_coder.coded)
    report = ingest_items(inputs(), store, fake_coder)
    assert report.unchanged == 12 and report.articles == 0 and report.rejected == 1
    assert report.run_id is None and store.runs() == runs      # not even a run row
    assert len(fake_coder.coded) == coded                      # nothing coded again
    assert store.snapshot(with_runs=True) == before


def test_the_same_text_twice_in_one_run_is_stored_once(store, fake_coder):
    twin = article(0, id="another-id")
    report = ingest_items([article(0), twin], store, fake_coder)
    assert report.articles == 1 and report.unchanged == 1
    assert [a.id for a in store.articles()] == ["story-0"]


def clean_snapshot(make_store) -> dict:
    clean = make_store()
    ingest_items(inputs(), clean, FakeCoder())
    return clean.snapshot()


@pytest.mark.parametrize("method, calls", [
    ("insert_article", 0), ("insert_events", 1), ("insert_events", 5),
    ("insert_rejection", 0), ("supersede", 0), ("mark_pending", 9), ("replace_merged", 0),
    ("replace_states", 0),
])
def test_a_run_killed_mid_write_resumes_to_the_clean_result(make_store, monkeypatch,
                                                            method, calls):
    expected = clean_snapshot(make_store)
    store = make_store()
    with monkeypatch.context() as patch:
        crash_after(patch, method, calls)
        try:
            ingest_items(inputs(), store, FakeCoder())
        except Crash:
            pass
    ingest_items(inputs(), store, FakeCoder())
    assert store.snapshot() == expected
    assert store.pending() == {}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_twice_at_random_points_still_ends_clean(make_store, monkeypatch, seed):
    expected = clean_snapshot(make_store)
    store = make_store()
    rng = random.Random(seed)
    for _ in range(2):
        method = rng.choice(["insert_article", "insert_events", "mark_pending"])
        with monkeypatch.context() as patch:
            crash_after(patch, method, rng.randrange(0, 12))
            try:
                ingest_items(inputs(), store, FakeCoder())
            except Crash:
                pass
    ingest_items(inputs(), store, FakeCoder())
    assert store.snapshot() == expected


def test_a_killed_run_is_left_marked_failed(store, monkeypatch):
    with monkeypatch.context() as patch:
        crash_after(patch, "insert_events", 2)
        with pytest.raises(Crash):
            ingest_items(inputs(), store, FakeCoder())
    run, = store.runs()
    assert run["status"] == "failed" and run["articles"] == 2
    assert store.counts()["articles"] == 2      # the third article's write was rolled back


# ---------------------------------------------------------------------------------------
# Supersession and near-duplicates


def test_a_new_version_supersedes_the_old_one(store, fake_coder):
    old = article(3)
    new = article(3, text=old.text.replace("Doha", "Doha and Istanbul") + " PAK agreed AFG "
                  "to meet again.", date="2025-10-16")
    ingest_items([old], store, fake_coder)
    report = ingest_items([new], store, fake_coder)
    assert report.superseded == 1
    rows = {a.sha256: a for a in store.articles()}
    assert rows[old.sha256].superseded_by == new.sha256
    assert rows[new.sha256].superseded_by is None
    current = list(store.events())
    assert {e.article_id for e in current} == {"story-3"}
    assert len(current) == 2 and all(e.trigger.text in ("met", "agreed") for e in current)
    everything = list(store.events(include_superseded=True))
    assert len(everything) == 3                       # the old version's event is kept
    flags = store.backend.query("SELECT superseded FROM events e WHERE article_sha256 = ?",
                                (old.sha256,))
    assert flags == [(1,)]
    members = {m for merged in store.merged_events() for m in merged.members}
    assert members == {e.id for e in current}


def test_same_url_supersedes_even_with_another_id(store, fake_coder):
    first = article(0, url="https://example.org/a", id="a-1")
    second = article(0, url="https://example.org/a", id="a-2", text=first.text + " Updated.")
    ingest_items([first, second], store, fake_coder)
    assert [a.superseded_by for a in store.articles()] == [second.sha256, None]


def test_same_id_from_another_source_is_another_article(store, fake_coder):
    first = article(0)
    other = article(0, source="Elsewhere", text="ISR met PSE in Cairo.\n\nShort note.")
    report = ingest_items([first, other], store, fake_coder)
    assert report.superseded == 0
    assert [a.superseded_by for a in store.articles()] == [None, None]


def test_an_older_version_arriving_late_is_stored_superseded(store, fake_coder):
    newer = article(3, text=article(3).text + " Correction appended.", date="2025-10-16")
    older = article(3)
    ingest_items([newer], store, fake_coder)
    ingest_items([older], store, fake_coder)
    rows = {a.sha256: a for a in store.articles()}
    assert rows[older.sha256].superseded_by == newer.sha256
    assert rows[newer.sha256].superseded_by is None
    assert {e.article_id for e in store.events()} == {"story-3"}
    assert len(list(store.events())) == 1


def test_a_near_duplicate_is_linked_and_not_counted_in_merging(store, fake_coder):
    original = article(4)
    copy = article(4, id="syndicated", source="Other Wire",
                   text=original.text.replace("immediate", "swift"))
    report = ingest_items([original, copy], store, fake_coder)
    assert report.near_duplicates == 1
    rows = {a.id: a for a in store.articles()}
    assert rows["syndicated"].near_duplicate_of == original.sha256
    assert rows["story-4"].near_duplicate_of is None
    assert {e.article_id for e in store.events()} == {"story-4", "syndicated"}
    merged = list(store.merged_events())
    assert [m.sources for m in merged] == [("story-4",)]
    assert merged[0].mentions == 1


def test_an_unrelated_article_is_not_a_near_duplicate(store, fake_coder):
    report = ingest_items(articles(10), store, fake_coder)
    assert report.near_duplicates == 0
    assert all(a.near_duplicate_of is None for a in store.articles())


def test_two_ingestions_at_once_end_as_one_clean_run(make_store):
    import threading

    expected = clean_snapshot(make_store)
    first = make_store()
    second = make_store(first.url)
    items = inputs()
    errors: list[BaseException] = []

    def ingest(store, order):
        try:
            ingest_items(order, store, FakeCoder())
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(first, items)),
               threading.Thread(target=ingest, args=(second, items))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.snapshot() == expected and first.pending() == {}
