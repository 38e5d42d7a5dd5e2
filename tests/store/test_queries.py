"""Reading the store back: events and merged events with filters, states (stored, and for
a date), alerts, DataFrames; on both backends."""

from __future__ import annotations

import sys
import types

import pytest
from fakes import FakeCoder, article, articles

from eventwire.errors import StoreError
from eventwire.model import State
from eventwire.service import (ingest_items, query_alerts, query_events, query_states,
                               resolve_dyad)
from eventwire.store import dyad_key
from eventwire.store.export import FLOAT_COLUMNS, INT_COLUMNS, MERGED_COLUMNS
from eventwire.output import CSV_COLUMNS


@pytest.fixture
def filled(store, fake_coder):
    ingest_items(articles(10), store, fake_coder)
    return store


def test_events_come_oldest_first(filled):
    starts = [e.date.start for e in filled.events()]
    assert starts == sorted(starts) and len(starts) == 11


def test_events_by_dyad_either_order(filled):
    afg_pak = list(filled.events(dyad=("PAK", "AFG")))
    assert len(afg_pak) == 6
    assert all({"AFG", "PAK"} <= {p.id for p in (*e.actors, *e.recipients)} for e in afg_pak)
    assert list(filled.events(dyad=("ISR", "PSE")))[0].article_id == "story-8"


def test_events_by_type_and_dates(filled):
    assaults = list(filled.events(event_type="assault"))
    assert {e.event_type for e in assaults} == {"ASSAULT"} and len(assaults) == 6
    october = list(filled.events(since="2025-10-10", until="2025-10-15"))
    assert [e.date.start for e in october] == ["2025-10-10", "2025-10-12", "2025-10-12",
                                              "2025-10-15"]
    assert list(filled.events(dyad=("AFG", "PAK"), event_type="CONSULT",
                              since="2025-10-15"))[0].trigger.text == "met"


def test_merged_events_hold_every_current_event_once(filled):
    merged = list(query_events(filled, merged=True))
    members = [m for item in merged for m in item.members]
    assert sorted(members) == sorted(e.id for e in filled.events())
    assert all(item.mentions >= 1 and item.sources for item in merged)
    assert {m.event.event_type for m in query_events(filled, merged=True,
                                                     dyad=("ISR", "IRN"))} == {"ASSAULT"}


def test_dyads_listed(filled):
    assert filled.dyads() == [("AFG", "PAK"), ("IRN", "ISR"), ("ISR", "PSE"), ("ISR", "USA")]


def test_resolve_dyad(filled):
    assert resolve_dyad(filled, "PAK-AFG") == ("AFG", "PAK")
    with pytest.raises(ValueError, match="not a dyad"):
        resolve_dyad(filled, "PAK")


def test_resolve_dyad_with_hyphenated_ids(store):
    from fakes import PROVENANCE

    from eventwire.model import Article, Entity, Event, Trigger, When, event_id

    text = "Talks with the group."
    item = Article(id="h", text=text, date="2025-01-02")
    event = Event(id=event_id(item.sha256, (0, 5), "CONSULT"), article_id="h",
                  event_type="CONSULT", trigger=Trigger("Talks", (0, 5)), provenance=PROVENANCE,
                  actors=(Entity("PAK", "Pakistan"), Entity("tehrik-i-taliban", "TTP")),
                  date=When("2025-01-02", "2025-01-02", "day", "article"))

    class OneEvent(FakeCoder):
        def extract(self, article):
            return [event]

    ingest_items([item], store, OneEvent())
    assert resolve_dyad(store, "tehrik-i-taliban-PAK") == ("PAK", "tehrik-i-taliban")
    assert resolve_dyad(store, "PAK-tehrik-i-taliban") == ("PAK", "tehrik-i-taliban")
    assert dyad_key(("tehrik-i-taliban", "PAK")) == "PAK-tehrik-i-taliban"


def test_events_frame_has_flat_typed_columns(filled):
    frame = filled.events_frame()
    assert list(frame.columns) == list(CSV_COLUMNS) and len(frame) == 11
    assert str(frame["plover_score"].dtype) == "Float64"
    assert str(frame["trigger_start"].dtype) == "Int64"
    merged = filled.events_frame(merged=True, dyad=("AFG", "PAK"))
    assert list(merged.columns) == list(MERGED_COLUMNS)
    assert merged["mentions"].sum() == 6
    assert INT_COLUMNS.isdisjoint(FLOAT_COLUMNS)


# ---------------------------------------------------------------------------------------
# States


def test_stored_states_are_those_of_link_states_as_of_the_latest_report(filled):
    from eventwire.link.states import dyad_states

    events, published = filled.current_events(), filled.published_dates()
    for dyad in filled.dyads():
        expected = dyad_states(events, dyad, filled.latest_date(dyad), published=published)
        assert filled.states(dyad) == expected
    assert filled.latest_date(("AFG", "PAK")) == "2025-10-19"


class FakeStates:
    """A stand-in eventwire.link.states that records its calls: one 'talks' state per dyad
    whose value is the number of events it was given for the dyad."""

    def __init__(self):
        self.calls: list[tuple] = []

    def dyad_states(self, events, dyad, as_of, known_by=None, published=None):
        events = list(events)
        self.calls.append((dyad, as_of, known_by, [e.article_id for e in events]))
        mine = [e.id for e in events
                if set(dyad) <= {p.id for p in (*e.actors, *e.recipients)}]
        return [State(dyad=dyad, kind="talks", value=str(len(mine)), since=None, as_of=as_of,
                      events=tuple(mine))]

    def dyads_in(self, events):
        from eventwire.link.dyads import dyads_in

        return dyads_in(events)


@pytest.fixture
def fake_states(monkeypatch):
    fake = FakeStates()
    module = types.ModuleType("eventwire.link.states")
    module.dyad_states = fake.dyad_states
    module.dyads_in = fake.dyads_in
    monkeypatch.setitem(sys.modules, "eventwire.link.states", module)
    return fake


def test_only_affected_dyads_are_recomputed(store, fake_states, fake_coder):
    ingest_items(articles(10), store, fake_coder)
    assert sorted(call[0] for call in fake_states.calls) == store.dyads()
    fake_states.calls.clear()
    ingest_items([article(10, text="ISR attacked PSE again.\n\nMore later.",
                          date="2025-10-21")], store, fake_coder)
    assert [call[:2] for call in fake_states.calls] == [(("ISR", "PSE"), "2025-10-21")]
    assert [(s.dyad, s.value, s.as_of) for s in store.states()] == [
        (("AFG", "PAK"), "6", "2025-10-19"), (("IRN", "ISR"), "2", "2025-06-14"),
        (("ISR", "PSE"), "3", "2025-10-21"), (("ISR", "USA"), "1", "2025-06-23")]


def test_states_for_a_date_use_the_versions_known_then(store, fake_states, fake_coder):
    old = article(3)
    new = article(3, text=old.text + " PAK agreed AFG to meet again.", date="2025-10-17")
    ingest_items([article(0), old, new], store, fake_coder)
    fake_states.calls.clear()
    states = query_states(store, dyad=("PAK", "AFG"), known_by="2025-10-16")
    (dyad, as_of, known_by, seen), = fake_states.calls
    assert (dyad, as_of, known_by) == (("AFG", "PAK"), "2025-10-16", "2025-10-16")
    assert seen == ["story-0", "story-3"] and states[0].value == "2"   # the old version
    fake_states.calls.clear()
    query_states(store, dyad=("AFG", "PAK"), as_of="2025-10-20")
    assert fake_states.calls[0][3] == ["story-0", "story-3", "story-3"]  # the new version


def test_stored_states_without_dates(filled):
    assert query_states(filled) == filled.states()
    assert all(s.dyad == ("AFG", "PAK") for s in query_states(filled, dyad=("AFG", "PAK")))


# ---------------------------------------------------------------------------------------
# Alerts


def test_alerts_come_from_analyze_alerts_over_merged_events(filled, monkeypatch):
    seen = {}

    def escalation_alerts(events, dyad=None, window=14, threshold=2.0):
        seen.update(events=events, dyad=dyad, window=window, threshold=threshold)
        return ["an alert"]

    module = types.ModuleType("eventwire.analyze.alerts")
    module.escalation_alerts = escalation_alerts
    monkeypatch.setitem(sys.modules, "eventwire.analyze.alerts", module)
    assert query_alerts(filled, dyad=("AFG", "PAK"), window=7) == ["an alert"]
    assert seen["dyad"] == ("AFG", "PAK") and seen["window"] == 7
    assert len(seen["events"]) == len(list(filled.merged_events()))


def test_alerts_without_the_module_are_a_store_error(filled, monkeypatch):
    monkeypatch.setitem(sys.modules, "eventwire.analyze.alerts", None)
    with pytest.raises(StoreError, match="alerts need"):
        query_alerts(filled)


def test_known_by_counts_the_version_published_by_then_with_the_real_states(store,
                                                                            fake_coder):
    first = article(3)                                     # PAK met AFG in Doha (Oct 15)
    correction = article(3, text="AFG accused PAK of shelling.\n\nNo talks were held.",
                         date="2025-10-21")
    ingest_items([first, correction], store, fake_coder)
    assert [s.kind for s in store.states(("AFG", "PAK"))] == []
    then = query_states(store, dyad=("AFG", "PAK"), as_of="2025-10-20", known_by="2025-10-20")
    assert [(s.kind, s.value, s.since) for s in then] == [("talks", "under way", "2025-10-15")]
    assert query_states(store, dyad=("AFG", "PAK"), as_of="2025-10-20") == []
