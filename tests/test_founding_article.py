"""End to end on the founding article: the events the foundation issue names must be there.

The article is read from ../shared at run time (it is also bundled in corpus/demo for the
demo). Each expectation checks the coded record, not the text that produced it.
"""

import json

import jsonschema
import pytest

from eventwire.ingest import read_paths
from eventwire.model import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events(coder, seed_path):
    path = seed_path
    (article,) = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    assert article.date == "2025-10-29"
    return article, coder.extract(article)


def find(events, event_type, **checks):
    out = []
    for ev in events:
        if ev.event_type != event_type:
            continue
        if all(check(ev) for check in checks.values()):
            out.append(ev)
    return out


def actor_ids(ev):
    return {a.id for a in ev.actors}


def recipient_ids(ev):
    return {a.id for a in ev.recipients}


def test_every_record_is_schema_valid_and_traceable(events, repo):
    article, evs = events
    schema = json.loads((repo / "schema" / "event.schema.json").read_text())
    assert len(evs) >= 12
    for ev in evs:
        record = json.loads(json.dumps(ev.to_dict()))
        jsonschema.validate(record, schema)
        s, e = ev.trigger.span
        assert article.text[s:e] == ev.trigger.text
        for ent in ev.actors + ev.recipients + ev.mediators:
            if ent.span is not None:
                assert article.text[ent.span[0]:ent.span[1]] == ent.text
        for evidence in ev.evidence:
            assert article.text[evidence.span[0]:evidence.span[1]] == evidence.text
        if ev.date.span is not None:
            assert article.text[ev.date.span[0]:ev.date.span[1]] == ev.date.text


def test_istanbul_talks(events):
    _, evs = events
    (talks,) = find(evs, "CONSULT", place=lambda e: e.location and e.location.name == "Istanbul")
    assert actor_ids(talks) == {"PAK", "AFG"}
    assert {m.id for m in talks.mediators} == {"QAT", "TUR"}
    assert talks.outcome == "failed"
    assert (talks.date.start, talks.date.end) == ("2025-10-25", "2025-10-29")


def test_doha_ceasefire(events):
    _, evs = events
    (cf,) = find(evs, "CONCEDE")
    assert cf.date.start == cf.date.end == "2025-10-19"
    assert actor_ids(cf) == {"PAK", "AFG"}
    assert cf.location is not None and cf.location.name == "Doha"
    assert "QAT" in {m.id for m in cf.mediators}


def test_doha_round_is_between_both_parties(events):
    _, evs = events
    (doha,) = find(evs, "CONSULT", place=lambda e: e.location and e.location.name == "Doha")
    assert actor_ids(doha) == {"PAK", "AFG"}      # not the one party "engaging with" names
    assert "QAT" in {m.id for m in doha.mediators}


def test_border_clashes(events):
    _, evs = events
    (clash,) = find(evs, "ASSAULT", both=lambda e: actor_ids(e) == {"PAK", "AFG"})
    assert clash.counts.killed is not None and clash.counts.killed.best == 12
    assert clash.counts.killed.text.lower().startswith("dozens")
    assert clash.date.start >= "2025-10-01" and clash.date.end < "2025-10-19"
    assert clash.date.precision == "month"
    assert clash.location is not None and clash.location.precision == "border"


def test_accusation_and_denial(events):
    _, evs = events
    accusations = find(evs, "ACCUSE", pak=lambda e: actor_ids(e) == {"PAK"})
    assert any(recipient_ids(e) == {"AFG"} for e in accusations)
    denials = find(evs, "REJECT", kabul=lambda e: e.trigger.text == "denies")
    assert len(denials) == 1 and actor_ids(denials[0]) == {"AFG"}
    assert recipient_ids(denials[0]) == {"PAK"}


def test_threat(events):
    _, evs = events
    threats = find(evs, "THREATEN", pak=lambda e: actor_ids(e) == {"PAK"})
    assert threats and threats[0].date.start == "2025-10-29"


def test_demand_and_refusal_during_the_istanbul_talks(events):
    _, evs = events
    (demand,) = find(evs, "REQUEST", pak=lambda e: actor_ids(e) == {"PAK"})
    assert recipient_ids(demand) == {"AFG"}
    assert (demand.date.start, demand.date.end) == ("2025-10-25", "2025-10-28")
    refusals = find(evs, "REJECT", afg=lambda e: actor_ids(e) == {"AFG"} and e.trigger.text != "denies")
    assert refusals
    assert (refusals[0].date.start, refusals[0].date.end) == ("2025-10-25", "2025-10-28")
    assert recipient_ids(refusals[0]) == {"PAK"}


def test_thanks_to_mediators(events):
    _, evs = events
    (thanks,) = find(evs, "SUPPORT")
    assert actor_ids(thanks) == {"PAK"} and recipient_ids(thanks) == {"QAT", "TUR"}


def test_us_pledge(events):
    _, evs = events
    (pledge,) = find(evs, "AGREE", usa=lambda e: actor_ids(e) == {"USA"})
    assert pledge.date.start == "2025-10-26" and pledge.date.basis == "text"
    assert pledge.actors[0].name == "Donald Trump"


def test_strikes_on_ttp_hideouts(events):
    _, evs = events
    (strike,) = find(evs, "ASSAULT", ttp=lambda e: "ttp" in recipient_ids(e))
    assert actor_ids(strike) == {"PAK"} and strike.actors[0].sector == "MIL"
    assert strike.location.country == "AFG"
    assert strike.date.start == "2025-10-01" and strike.date.precision == "month"


def test_crossings_closed_without_invented_actor(events):
    _, evs = events
    (closure,) = find(evs, "COERCE")
    assert closure.actors == ()
    assert recipient_ids(closure) == {"PAK", "AFG"}
    assert closure.date.end == "2025-10-29"
    assert closure.date.start <= "2025-10-15" and closure.date.start_qualifier == "on or before"


def test_ids_do_not_depend_on_reading_order(coder, events):
    article, evs = events
    other = Article(id="other", text="Peru and Chile held talks in Lima on Monday.", date="2024-05-15")
    again = [e for a, batch in coder.extract_many([other, article]) if a.id == article.id for e in batch]
    assert [e.id for e in again] == [e.id for e in evs]
