"""Tests for schema/event.schema.json: model-built events validate and round-trip; broken
records are refused."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from eventwire.model import (
    Claim, Count, Counts, Entity, Event, Evidence, Place, Provenance, Trigger, When, event_id,
)

REPO = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO / "schema" / "event.schema.json"
TEXT = ("Norway and Chile agreed in Oslo on Tuesday to end the fishing dispute, the Norwegian "
        "foreign minister said; Iceland mediated. Two fishermen were killed last month.")
SHA = "0" * 64


def span_of(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


NORWAY = Entity("NOR", "Norway", country="NOR", sector="GOV", wikidata="Q20", text="Norway",
                span=span_of("Norway"))
CHILE = Entity("CHL", "Chile", country="CHL", sector="GOV", other_sectors=("MIL",),
               wikidata="Q298", text="Chile", span=span_of("Chile"))
ICELAND = Entity("ISL", "Iceland", country="ISL", sector="GOV", text="Iceland",
                 span=span_of("Iceland"))


def full_event() -> Event:
    trigger = Trigger("agreed", span_of("agreed"))
    return Event(
        id=event_id(SHA, trigger.span, "AGREE"), article_id="nor-chl-1", event_type="AGREE",
        trigger=trigger,
        provenance=Provenance(schema_version="1.0", coder_version="0.1.0",
                              lexicon_sha256="f" * 64),
        url="https://news.example/nor-chl", source="Example Wire", mode=None,
        context=("economic", "diplomatic"), cameo="057", plover_score=4.0,
        quad="verbal cooperation", actors=(NORWAY, CHILE), recipients=(), mediators=(ICELAND,),
        date=When("2025-03-04", "2025-03-04", precision="day", basis="text", text="Tuesday",
                  span=span_of("Tuesday")),
        location=Place("Oslo", country="NOR", admin1="Oslo", lat=59.91, lon=10.75,
                       geonameid=3143244, precision="city", text="Oslo", span=span_of("Oslo")),
        counts=Counts(killed=Count(2, 2, 2, "Two fishermen", span_of("Two fishermen"),
                                   claimed_by=NORWAY)),
        factuality="asserted", outcome="concluded",
        claims=(Claim(by=Entity("NOR", "Norwegian foreign minister", country="NOR",
                                sector="GOV"), stance="asserts", cue="said",
                      span=span_of("said")),),
        evidence=(Evidence(TEXT[:TEXT.index(".") + 1], (0, TEXT.index(".") + 1)),),
        confidence=0.82,
    )


def minimal_event() -> Event:
    trigger = Trigger("killed", span_of("killed"))
    return Event(id=event_id(SHA, trigger.span, "ASSAULT"), article_id="a", event_type="ASSAULT",
                 trigger=trigger, provenance=Provenance("1.0", "0.1.0", ""))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def errors(validator, record) -> list[str]:
    return [e.message for e in validator.iter_errors(record)]


def test_schema_is_valid_draft_2020_12():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_packaged_copy_is_identical():
    packaged = resources.files("eventwire") / "schema" / "event.schema.json"
    assert packaged.read_bytes() == SCHEMA_PATH.read_bytes()


@pytest.mark.parametrize("build", [full_event, minimal_event])
def test_model_events_validate(validator, build):
    assert errors(validator, build().to_dict()) == []


@pytest.mark.parametrize("build", [full_event, minimal_event])
def test_event_round_trips_through_json(build):
    event = build()
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_schema_requires_every_field_the_model_writes(validator):
    schema_required = set(validator.schema["required"])
    assert schema_required == set(full_event().to_dict())


def broken(mutate) -> dict:
    record = copy.deepcopy(full_event().to_dict())
    mutate(record)
    return record


@pytest.mark.parametrize("name, mutate", [
    ("bad event_type", lambda r: r.update(event_type="NEGOTIATE")),
    ("lower-case event_type", lambda r: r.update(event_type="agree")),
    ("span with one number", lambda r: r["trigger"].update(span=[5])),
    ("span with three numbers", lambda r: r["actors"][0].update(span=[0, 6, 9])),
    ("negative offset", lambda r: r["trigger"].update(span=[-1, 4])),
    ("string offsets", lambda r: r["evidence"][0].update(span=["0", "4"])),
    ("missing provenance", lambda r: r.pop("provenance")),
    ("incomplete provenance", lambda r: r["provenance"].pop("coder_version")),
    ("missing trigger", lambda r: r.pop("trigger")),
    ("unknown field", lambda r: r.update(severity="high")),
    ("country not alpha-3", lambda r: r["actors"][0].update(country="NO")),
    ("date not ISO", lambda r: r["date"].update(start="04/03/2025")),
    ("unknown date precision", lambda r: r["date"].update(precision="fortnight")),
    ("unknown factuality", lambda r: r.update(factuality="rumoured")),
    ("unknown outcome", lambda r: r.update(outcome="postponed")),
    ("unknown quad", lambda r: r.update(quad="verbal")),
    ("confidence above 1", lambda r: r.update(confidence=1.5)),
    ("negative count", lambda r: r["counts"]["killed"].update(best=-2)),
    ("unknown stance", lambda r: r["claims"][0].update(stance="suggests")),
    ("actors not a list", lambda r: r.update(actors={"id": "NOR"})),
    ("bad id", lambda r: r.update(id="event-1")),
])
def test_schema_rejects_broken_records(validator, name, mutate):
    assert errors(validator, broken(mutate)), name
