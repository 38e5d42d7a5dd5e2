"""Tests for eventwire.link.dyads: which dyads an event concerns."""

from __future__ import annotations

import pytest

from eventwire.link.dyads import dyads_in, event_dyads, parse_dyad
from eventwire.link.merge import merge_events


def test_reciprocal_directed_and_closure_dyads(ev):
    assert event_dyads(ev("ASSAULT", ("PAK", "AFG"))) == [("AFG", "PAK")]
    assert event_dyads(ev("ACCUSE", ("PAK",), recipients=("AFG",))) == [("AFG", "PAK")]
    assert event_dyads(ev("AGREE", ("USA",), recipients=("PAK", "AFG"))) == \
        [("AFG", "USA"), ("PAK", "USA")]
    assert event_dyads(ev("COERCE", (), recipients=("PAK", "AFG"))) == [("AFG", "PAK")]
    assert event_dyads(ev("CONSULT", ("AFG", "PAK", "QAT"))) == \
        [("AFG", "PAK"), ("AFG", "QAT"), ("PAK", "QAT")]


def test_no_dyad_without_two_parties_and_mediators_never_count(ev):
    assert event_dyads(ev("ASSAULT", ("PAK",))) == []
    assert event_dyads(ev("CONSULT", ("PAK",), mediators=("QAT",))) == []
    assert event_dyads(ev("CONSULT", ("AFG", "PAK"), mediators=("QAT",))) == [("AFG", "PAK")]
    assert event_dyads(ev("ASSAULT", ("PAK",), recipients=("PAK",))) == []


def test_dyads_in_lists_each_dyad_once_for_events_and_merged_events(ev):
    events = [ev("ASSAULT", ("PAK", "AFG"), article="a1"),
              ev("ASSAULT", ("AFG", "PAK"), article="a2"),
              ev("ASSAULT", ("PAK",), recipients=("ttp",), article="a3", day="2025-10-01")]
    assert dyads_in(events) == [("AFG", "PAK"), ("PAK", "ttp")]
    assert dyads_in(merge_events(events)) == [("AFG", "PAK"), ("PAK", "ttp")]
    assert dyads_in([]) == []


@pytest.mark.parametrize("text, dyad", [
    ("AFG-PAK", ("AFG", "PAK")), ("PAK-AFG", ("AFG", "PAK")),
    ("PAK-Q1128826", ("PAK", "Q1128826")), ("PAK-tehrik-e-taliban", ("PAK", "tehrik-e-taliban")),
    ("tehrik-e-taliban-PAK", ("PAK", "tehrik-e-taliban")),
])
def test_parse_dyad(text, dyad):
    assert parse_dyad(text) == dyad


def test_parse_dyad_refuses_one_id():
    with pytest.raises(ValueError):
        parse_dyad("AFG")
