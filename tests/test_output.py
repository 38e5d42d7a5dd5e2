"""Tests for eventwire.output: JSON Lines, JSON, CSV and table writers, and that they stream."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from eventwire.model import (
    Claim, Count, Counts, Entity, Event, Evidence, Place, Provenance, Trigger, When, event_id,
)
from eventwire.output import (
    CSV_COLUMNS, FORMATS, RECORD_KEY_ORDER, TABLE_WIDTH, csv_row, event_record, write_events,
)

REPO = Path(__file__).resolve().parents[1]
PROVENANCE = Provenance(schema_version="1.0", coder_version="0.1.0", lexicon_sha256="f" * 64)
NORWAY = Entity("NOR", "Norway", country="NOR", sector="GOV", text="Norway", span=(0, 6))
CHILE = Entity("CHL", "Chile", country="CHL", sector="GOV", text="Chile", span=(11, 16))
FISHERS = Entity("fishers-union", "Coastal Fishers’ Union", country=None, sector="CVL")
ICELAND = Entity("ISL", "Iceland", country="ISL", sector="GOV")


def make_event(n: int = 0, **changes) -> Event:
    trigger = changes.pop("trigger", Trigger("agreed", (17 + n, 23 + n)))
    fields = dict(
        id=event_id("0" * 64, trigger.span, "AGREE"), article_id=f"article-{n}",
        event_type="AGREE", trigger=trigger, provenance=PROVENANCE,
        url="https://news.example/a", source="Example Wire", mode="ceasefire",
        context=("economic", "diplomatic"), cameo="057", plover_score=4.5,
        quad="verbal cooperation", actors=(NORWAY, FISHERS, CHILE), recipients=(),
        mediators=(ICELAND,),
        date=When("2025-03-04", "2025-03-06", precision="day", basis="text",
                  text="Tuesday to Thursday", span=(30, 49)),
        location=Place("Tromsø", country="NOR", admin1="Troms", lat=69.65, lon=18.96,
                       geonameid=3133880, precision="city", text="Tromsø", span=(53, 59)),
        counts=Counts(killed=Count(2, 3, 4, "three", (70, 75)),
                      participants=Count(12, 12, None, "dozens", (80, 86))),
        factuality="asserted", outcome="concluded",
        claims=(Claim(NORWAY, "asserts", "said", (90, 94)),
                Claim(None, "denies", "according to", (100, 112))),
        evidence=(Evidence("Norway and Chile agreed; talks\nended.", (0, 37)),
                  Evidence("Iceland mediated, officials said.", (38, 71))),
        confidence=0.82,
    )
    fields.update(changes)
    return Event(**fields)


def written(events, fmt: str) -> str:
    stream = io.StringIO()
    count = write_events(events, fmt, stream)
    assert count == len(events)
    return stream.getvalue()


# ---------------------------------------------------------------------------------------
# JSON Lines and JSON


def test_jsonl_one_object_per_line_in_record_order():
    events = [make_event(0), make_event(1)]
    lines = written(events, "jsonl").splitlines()
    assert len(lines) == 2
    for line, event in zip(lines, events):
        record = json.loads(line)
        assert record == event.to_dict()
        assert list(record)[:len(RECORD_KEY_ORDER)] == list(RECORD_KEY_ORDER)
        assert Event.from_dict(record) == event


def test_jsonl_keeps_non_ascii_text():
    out = written([make_event()], "jsonl")
    assert "Tromsø" in out and "Fishers’ Union" in out
    assert "\\u" not in out


def test_record_key_order_follows_spec_and_keeps_unknown_keys_last():
    record = event_record(make_event())
    assert list(record) == list(RECORD_KEY_ORDER)
    assert list(record)[-1] == "provenance"


def test_json_is_one_pretty_array():
    events = [make_event(0), make_event(1)]
    out = written(events, "json")
    assert json.loads(out) == [e.to_dict() for e in events]
    assert out.startswith("[\n  {\n")
    assert out.endswith("}\n]\n")


def test_json_without_events_is_an_empty_array():
    assert json.loads(written([], "json")) == []


def test_jsonl_without_events_is_empty():
    assert written([], "jsonl") == ""


# ---------------------------------------------------------------------------------------
# CSV


def parse_csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_csv_header_is_the_documented_column_list():
    out = written([], "csv")
    assert out == ",".join(CSV_COLUMNS) + "\n"


def test_csv_row_flattens_the_record():
    row = parse_csv(written([make_event()], "csv"))[0]
    assert list(row) == list(CSV_COLUMNS)
    assert row["event_type"] == "AGREE" and row["mode"] == "ceasefire"
    assert row["context"] == "economic;diplomatic"
    assert row["plover_score"] == "4.5"
    assert (row["trigger_text"], row["trigger_start"], row["trigger_end"]) == ("agreed", "17", "23")
    assert row["actor_ids"] == "NOR;fishers-union;CHL"
    assert row["actor_names"] == "Norway;Coastal Fishers’ Union;Chile"
    assert row["actor_countries"] == "NOR;;CHL"          # aligned: empty slot for null
    assert row["actor_sectors"] == "GOV;CVL;GOV"
    assert row["recipient_ids"] == "" and row["recipient_names"] == ""
    assert row["mediator_ids"] == "ISL"
    assert (row["date_start"], row["date_end"], row["date_precision"], row["date_basis"]) == \
        ("2025-03-04", "2025-03-06", "day", "text")
    assert row["date_text"] == "Tuesday to Thursday"
    assert (row["location_name"], row["location_country"], row["location_lat"],
            row["location_lon"], row["location_geonameid"]) == \
        ("Tromsø", "NOR", "69.65", "18.96", "3133880")
    assert row["killed_best"] == "3" and row["participants_best"] == "12"
    assert row["injured_best"] == "" and row["arrested_best"] == ""
    assert row["claims"] == "NOR:asserts:said;:denies:according to"
    assert row["evidence_text"] == ("Norway and Chile agreed; talks ended. | "
                                    "Iceland mediated, officials said.")
    assert row["confidence"] == "0.82" and row["coder_version"] == "0.1.0"
    assert row["outcome"] == "concluded" and row["factuality"] == "asserted"


def test_csv_row_of_a_sparse_event_has_empty_cells():
    sparse = Event(id="ev_" + "a" * 24, article_id="x", event_type="ASSAULT",
                   trigger=Trigger("clashes", (0, 7)), provenance=PROVENANCE)
    row = csv_row(sparse)
    assert set(row) == set(CSV_COLUMNS)
    empty = {c for c, v in row.items() if v == ""}
    assert {"date_start", "location_name", "killed_best", "claims", "actor_ids", "mode",
            "outcome", "evidence_text"} <= empty
    assert row["confidence"] == "0.5"


def test_csv_quotes_commas_and_quotes():
    event = make_event(trigger=Trigger('said "enough, now"', (5, 23)))
    row = parse_csv(written([event], "csv"))[0]
    assert row["trigger_text"] == 'said "enough, now"'


def test_csv_columns_are_documented_in_order():
    doc = (REPO / "docs" / "CSV.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", doc, flags=re.MULTILINE)
    assert documented == list(CSV_COLUMNS)


# ---------------------------------------------------------------------------------------
# Table


def test_table_shows_the_essentials_within_width():
    long_trigger = Trigger("agreed " + "after very long negotiations " * 10, (17, 300))
    events = [make_event(0), make_event(1, trigger=long_trigger, factuality="future",
                                        recipients=(CHILE,), mediators=())]
    lines = written(events, "table").splitlines()
    assert len(lines) == 4                              # header, rule, two events
    assert all(len(line) <= TABLE_WIDTH for line in lines)
    assert lines[0].startswith("DATE") and "TRIGGER" in lines[0]
    first, second = lines[2], lines[3]
    assert first.startswith("2025-03-04..2025-03-06")
    assert "AGREE/ceasefire" in first
    assert "NOR, Coastal Fishers’ Union, CHL [ISL]" in first
    assert "Tromsø, NOR" in first
    assert re.search(r"\b3\b", first)
    assert first.rstrip().endswith("agreed")
    assert "AGREE/ceasefire (future)" in second
    assert "NOR, Coastal Fishers’ Union, CHL → CHL" in second
    assert second.endswith("…")


def test_table_single_day_and_missing_parts():
    event = make_event(date=When("2025-03-04", "2025-03-04"), location=None, counts=Counts(),
                       actors=(), mediators=(), mode=None)
    line = written([event], "table").splitlines()[2]
    assert line.startswith("2025-03-04  ")
    assert "2025-03-04.." not in line
    assert re.search(r"AGREE\s+\?\s", line)


# ---------------------------------------------------------------------------------------
# Streaming and errors


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_stream_each_event_before_the_next_arrives(fmt):
    stream = io.StringIO()
    seen_before_second: list[str] = []
    first = make_event(0, trigger=Trigger("welcomed", (0, 8)))
    second = make_event(1, trigger=Trigger("postponed", (9, 18)))

    def events():
        yield first
        seen_before_second.append(stream.getvalue())
        yield second

    assert write_events(events(), fmt, stream) == 2
    assert "welcomed" in seen_before_second[0]
    assert "postponed" not in seen_before_second[0]
    assert "postponed" in stream.getvalue()


def test_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        write_events([], "xml", io.StringIO())
