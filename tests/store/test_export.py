"""Exports of stored events, merged events and states (store/export.py, service.export)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fakes import articles

from eventwire.model import Event, MergedEvent
from eventwire.output import CSV_COLUMNS
from eventwire.service import export, ingest_items
from eventwire.store.export import (MERGED_COLUMNS, STATE_COLUMNS, ExportError, plover_record,
                                    write_records)


@pytest.fixture
def filled(store, fake_coder):
    ingest_items(articles(10), store, fake_coder)
    return store


def test_jsonl_round_trips_events(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export(filled, "events", "jsonl", str(out)) == 11
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [Event.from_dict(r) for r in records] == list(filled.events())
    assert list(records[0])[:5] == ["id", "article_id", "url", "source", "event_type"]


def test_jsonl_round_trips_merged_events(filled, tmp_path):
    out = tmp_path / "merged.jsonl"
    export(filled, "merged", "jsonl", str(out))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [MergedEvent.from_dict(r) for r in records] == list(filled.merged_events())
    assert {"mentions", "sources", "members"} <= set(records[0])


@pytest.mark.parametrize("what, columns", [("events", CSV_COLUMNS), ("merged", MERGED_COLUMNS),
                                           ("states", STATE_COLUMNS)])
def test_csv_columns(filled, what, columns):
    stream = io.StringIO()
    count = export(filled, what, "csv", stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == list(columns) and len(rows) == count > 0


def test_csv_of_nothing_still_has_its_header(store):
    stream = io.StringIO()
    assert export(store, "events", "csv", stream) == 0
    assert stream.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_csv_states_rows(filled):
    stream = io.StringIO()
    export(filled, "states", "csv", stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert {r["dyad"] for r in rows} <= {"AFG-PAK", "IRN-ISR", "ISR-PSE", "ISR-USA"}
    assert all(r["events"] for r in rows)


@pytest.mark.parametrize("what", ["events", "merged"])
def test_plover_records_look_like_the_gold_standard(filled, tmp_path, what):
    out = tmp_path / "plover.json"
    export(filled, what, "plover", str(out))
    records = json.loads(out.read_text())
    assert len(records) == (11 if what == "events" else len(list(filled.merged_events())))
    first = next(r for r in records if r["target"])
    for key in ("id", "date", "source", "target", "event", "eventText", "mode", "context",
                "text", "language"):
        assert key in first
    assert set(first["source"][0]) >= {"actorText", "code", "sector"}
    assert first["event"] in {"ASSAULT", "ACCUSE", "AID"}
    if what == "merged":
        assert all(r["mentions"] >= 1 and r["sources"] for r in records)


def test_plover_has_no_states(filled, tmp_path):
    with pytest.raises(ExportError, match="no PLOVER form"):
        export(filled, "states", "plover", str(tmp_path / "x.json"))


@pytest.mark.parametrize("what, columns", [("events", CSV_COLUMNS), ("merged", MERGED_COLUMNS),
                                           ("states", STATE_COLUMNS)])
def test_parquet_is_readable_by_pyarrow_with_flat_typed_columns(filled, tmp_path, what,
                                                                 columns):
    out = tmp_path / f"{what}.parquet"
    count = export(filled, what, "parquet", str(out))
    table = pq.read_table(out)
    assert table.column_names == list(columns) and table.num_rows == count > 0
    if what != "states":
        assert str(table.schema.field("plover_score").type) == "double"
        assert str(table.schema.field("trigger_start").type) == "int64"
        assert set(table.column("event_type").to_pylist()) <= {"ASSAULT", "ACCUSE", "CONSULT",
                                                               "AGREE", "AID"}


def test_parquet_needs_a_path(filled):
    with pytest.raises(ValueError, match="parquet is written to a file"):
        export(filled, "events", "parquet", io.StringIO())


def test_table_and_json_formats(filled):
    stream = io.StringIO()
    write_records(filled.states(), "table", stream)
    lines = stream.getvalue().splitlines()
    assert lines[0].split() == ["DYAD", "KIND", "VALUE", "SINCE", "AS", "OF"]
    stream = io.StringIO()
    write_records(filled.merged_events(), "json", stream)
    assert all("mentions" in r for r in json.loads(stream.getvalue()))
    stream = io.StringIO()
    assert write_records([], "json", stream) == 0 and stream.getvalue() == "[]\n"


def test_plover_record_of_one_event(filled):
    event = next(iter(filled.events(event_type="AID")))
    record = plover_record(event)
    assert record["source"] == [{"actorText": "USA", "code": "USA", "name": "State USA",
                                 "country": "USA", "sector": "GOV"}]
    assert record["target"][0]["code"] == "ISR"
    assert record["eventText"] == "aided" and record["text"].startswith("USA aided ISR")
