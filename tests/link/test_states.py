"""Tests for eventwire.link.states: every transition of the ceasefire, talks and border
machines, known-by filtering, and the agreement of dyad_states with state_timeline."""

from __future__ import annotations

import pytest

from eventwire.link.merge import merge_events
from eventwire.link.states import STATE_KINDS, dyad_states, state_changes, state_timeline

DYAD = ("AFG", "PAK")


def values(events, start, end, kind, **kwargs):
    """{day: value} of one kind over a range."""
    return {row["date"]: row[kind] for row in state_timeline(events, DYAD, start, end, **kwargs)}


def series(events, start, end, kind, **kwargs):
    return [row[kind] for row in state_timeline(events, DYAD, start, end, **kwargs)]


def ceasefire(ev, day, article="c1", **kw):
    kw.setdefault("cameo", "0871")
    return ev("CONCEDE", day=day, article=article, **kw)


# ---------------------------------------------------------------------------- ceasefire


def test_agreed_then_in_effect_from_the_next_day(ev):
    events = [ceasefire(ev, "2025-10-19", sentence="Both sides agreed to a ceasefire.")]
    assert series(events, "2025-10-18", "2025-10-21", "ceasefire") == \
        [None, "agreed", "in effect", "in effect"]
    [state] = [s for s in dyad_states(events, DYAD, "2025-10-19") if s.kind == "ceasefire"]
    assert (state.value, state.since, state.events) == ("agreed", "2025-10-19",
                                                        (events[0].id,))


@pytest.mark.parametrize("sentence", [
    "Qatar said the two sides agreed to an immediate ceasefire.",
    "Pakistan announced a 48-hour temporary ceasefire on Wednesday evening.",
])
def test_immediate_or_timed_ceasefire_is_in_effect_the_same_day(ev, sentence):
    events = [ceasefire(ev, "2025-10-15", sentence=sentence,
                        trigger="ceasefire")]
    assert series(events, "2025-10-15", "2025-10-16", "ceasefire") == ["in effect"] * 2


def test_timed_ceasefire_lapses_by_itself(ev):
    events = [ceasefire(ev, "2025-10-15", trigger="ceasefire",
                        sentence="Pakistan announced a 48-hour temporary ceasefire.")]
    assert series(events, "2025-10-15", "2025-10-18", "ceasefire") == \
        ["in effect", "in effect", "collapsed", "collapsed"]
    three_days = [ceasefire(ev, "2025-10-15", trigger="truce",
                            sentence="They agreed to a truce of three days.")]
    assert values(three_days, "2025-10-17", "2025-10-18", "ceasefire") == \
        {"2025-10-17": "in effect", "2025-10-18": "collapsed"}


def test_duration_elsewhere_in_the_sentence_is_not_the_truce_length(ev):
    events = [ceasefire(ev, "2025-10-19", trigger="ceasefire",
                        sentence="Talks fail after 4 days of negotiations, ceasefire holds.")]
    assert values(events, "2025-10-25", "2025-10-25", "ceasefire") == \
        {"2025-10-25": "in effect"}


def test_observing_a_ceasefire_sets_it_in_effect(ev):
    observed = ev("RETREAT", mode="ceasefire", day="2025-10-10", trigger="observed the truce")
    assert series([observed], "2025-10-09", "2025-10-10", "ceasefire") == [None, "in effect"]


def test_planned_start_replaces_the_next_day_rule(ev):
    agreed = ceasefire(ev, "2025-10-08", sentence="Israel and Hamas agreed to a ceasefire.")
    starts = ev("RETREAT", mode="ceasefire", day="2025-10-10", factuality="future",
                article="c2", trigger="ceasefire will take effect")
    assert series([agreed, starts], "2025-10-08", "2025-10-10", "ceasefire") == \
        ["agreed", "agreed", "in effect"]


def test_later_report_of_the_agreement_confirms_it_in_effect(ev):
    agreed = ceasefire(ev, "2025-10-19", sentence="They agreed to a ceasefire.")
    kept = ev("AGREE", day="2025-10-30", article="c2", trigger="agreed to keep the ceasefire",
              place="Istanbul")
    history = state_changes([agreed, kept], DYAD)
    assert [(s.kind, s.value, s.since) for s in history] == [
        ("ceasefire", "agreed", "2025-10-19"), ("ceasefire", "in effect", "2025-10-20")]
    [state] = [s for s in dyad_states([agreed, kept], DYAD, "2025-11-01")
               if s.kind == "ceasefire"]
    assert state.events == (agreed.id, kept.id)
    [before] = [s for s in dyad_states([agreed, kept], DYAD, "2025-10-25")
                if s.kind == "ceasefire"]
    assert before.events == (agreed.id,)            # a confirmation counts from its own day


def test_assault_after_it_took_effect_violates_it(ev):
    agreed = ceasefire(ev, "2025-10-10", sentence="They agreed to an immediate ceasefire.")
    same_day = ev("ASSAULT", day="2025-10-10", article="c2")       # the day's clashes
    later = ev("ASSAULT", ("PAK",), recipients=("AFG",), day="2025-10-13", article="c3")
    assert series([agreed, same_day, later], "2025-10-10", "2025-10-14", "ceasefire") == \
        ["in effect", "in effect", "in effect", "violated", "violated"]


def test_assault_between_other_parties_does_not_violate(ev):
    agreed = ceasefire(ev, "2025-10-10", sentence="They agreed to an immediate ceasefire.")
    on_ttp = ev("ASSAULT", ("PAK",), recipients=("ttp",), day="2025-10-12", article="c2")
    vague = ev("ASSAULT", day="2025-10-01", end="2025-10-31", precision="month",
               article="c3")
    assert series([agreed, on_ttp, vague], "2025-10-12", "2025-10-13", "ceasefire") == \
        ["in effect", "in effect"]


def test_assault_after_the_truce_lapsed_collapses_it(ev):
    agreed = ceasefire(ev, "2025-10-10", sentence="They agreed to an immediate ceasefire.")
    strikes = ev("ASSAULT", ("PAK",), day="2025-10-12", article="c2", trigger="strikes",
                 sentence="After the truce lapsed, Pakistani air strikes hit Paktika.",
                 recipients=("AFG",))
    assert series([agreed, strikes], "2025-10-11", "2025-10-13", "ceasefire") == \
        ["in effect", "collapsed", "collapsed"]


def test_announced_end_collapses_it(ev):
    agreed = ceasefire(ev, "2025-10-10", sentence="They agreed to an immediate ceasefire.")
    ended = ceasefire(ev, "2025-10-20", article="c2", trigger="the end of the ceasefire",
                      sentence="Pakistan announced the end of the ceasefire on Monday.")
    assert series([agreed, ended], "2025-10-19", "2025-10-20", "ceasefire") == \
        ["in effect", "collapsed"]


def test_new_agreement_after_collapse_and_after_violation(ev):
    first = ceasefire(ev, "2025-10-15", trigger="ceasefire",
                      sentence="Pakistan announced a 48-hour temporary ceasefire.")
    strikes = ev("ASSAULT", ("PAK",), recipients=("AFG",), day="2025-10-17", article="c2")
    second = ceasefire(ev, "2025-10-19", article="c3",
                       sentence="Both sides agreed to an immediate ceasefire in Doha.")
    violation = ev("ASSAULT", day="2025-10-22", article="c4")
    third = ceasefire(ev, "2025-10-24", article="c5",
                      sentence="The sides agreed to restore the ceasefire.")
    got = values([first, strikes, second, violation, third], "2025-10-14", "2025-10-25",
                 "ceasefire")
    assert got == {
        "2025-10-14": None, "2025-10-15": "in effect", "2025-10-16": "in effect",
        "2025-10-17": "collapsed", "2025-10-18": "collapsed", "2025-10-19": "in effect",
        "2025-10-20": "in effect", "2025-10-21": "in effect", "2025-10-22": "violated",
        "2025-10-23": "violated", "2025-10-24": "agreed", "2025-10-25": "in effect"}


def test_negated_and_hypothetical_ceasefires_are_ignored(ev):
    events = [ceasefire(ev, "2025-10-10", factuality="negated"),
              ceasefire(ev, "2025-10-11", factuality="hypothetical", article="c2")]
    assert dyad_states(events, DYAD, "2025-10-12") == []


# ---------------------------------------------------------------------------- talks


def test_talks_under_way_over_their_interval_and_after_without_outcome(ev):
    talks = ev("CONSULT", day="2025-10-25", place="Istanbul")
    assert series([talks], "2025-10-24", "2025-10-27", "talks") == \
        [None, "under way", "under way", "under way"]


def test_deadlocked_then_failed_from_each_report(ev):
    opened = ev("CONSULT", day="2025-10-25", article="t1", place="Istanbul")
    stuck = ev("CONSULT", day="2025-10-25", end="2025-10-28", outcome="deadlocked",
               article="t2")
    failed = ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="t3")
    got = series([failed, stuck, opened], "2025-10-25", "2025-10-30", "talks")
    assert got == ["under way", "under way", "under way", "deadlocked", "failed", "failed"]


def test_concluded_outcome_and_talks_that_produced_an_agreement(ev):
    concluded = ev("CONSULT", day="2025-09-01", end="2025-09-02", outcome="concluded",
                   article="t1")
    assert series([concluded], "2025-09-01", "2025-09-03", "talks") == \
        ["under way", "concluded", "concluded"]
    doha = ev("CONSULT", day="2025-10-18", end="2025-10-19", place="Doha", article="t2")
    truce = ceasefire(ev, "2025-10-19", article="t3",
                      sentence="Both sides agreed to an immediate ceasefire.")
    assert series([doha, truce], "2025-10-18", "2025-10-20", "talks") == \
        ["under way", "concluded", "concluded"]
    [state] = [s for s in dyad_states([doha, truce], DYAD, "2025-10-20") if s.kind == "talks"]
    assert set(state.events) == {doha.id, truce.id}


def test_next_round_announced_is_scheduled_until_it_starts(ev):
    failed = ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="t1")
    sentence = "Both sides agreed on Thursday to keep the truce and will meet on November 6."
    agreed = ev("AGREE", day="2025-10-30", article="t2", trigger="agreed", sentence=sentence)
    planned = ev("AGREE", day="2025-11-06", factuality="future", article="t2",
                 trigger="meet", sentence=sentence, place="Istanbul")
    third = ev("CONSULT", day="2025-11-06", end="2025-11-07", outcome="failed", article="t3",
               place="Istanbul")
    published = {"t1": "2025-10-29", "t2": "2025-10-31", "t3": "2025-11-07"}
    got = values([failed, agreed, planned, third], "2025-10-29", "2025-11-08", "talks",
                 published=published)
    assert got["2025-10-29"] == "failed"
    assert got["2025-10-30"] == "scheduled"          # announced the day they agreed it
    assert got["2025-11-05"] == "scheduled"
    assert (got["2025-11-06"], got["2025-11-07"], got["2025-11-08"]) == \
        ("under way", "failed", "failed")


def test_scheduled_from_publication_when_nothing_dates_the_announcement(ev):
    planned = ev("CONSULT", day="2025-11-06", factuality="future", article="t1")
    got = values([planned], "2025-10-30", "2025-11-06", "talks",
                 published={"t1": "2025-10-31"})
    assert got["2025-10-30"] is None
    assert got["2025-10-31"] == "scheduled"
    assert got["2025-11-06"] == "scheduled"          # no report yet that it began


def test_talks_called_off_fail_the_day_they_are_called_off(ev):
    planned = ev("CONSULT", day="2025-11-06", factuality="future", article="t1")
    off = ev("CONSULT", day="2025-11-03", factuality="negated", outcome="failed", article="t2")
    got = values([planned, off], "2025-10-31", "2025-11-07", "talks",
                 published={"t1": "2025-10-31", "t2": "2025-11-03"})
    assert (got["2025-10-31"], got["2025-11-02"]) == ("scheduled", "scheduled")
    assert got["2025-11-03"] == got["2025-11-07"] == "failed"


def test_talks_put_off_or_not_held_change_nothing(ev):
    planned = ev("CONSULT", day="2025-11-06", factuality="future", article="t1")
    put_off = ev("CONSULT", day="2025-11-03", factuality="negated", article="t2")
    got = values([planned, put_off], "2025-10-31", "2025-11-05", "talks",
                 published={"t1": "2025-10-31", "t2": "2025-11-03"})
    assert set(got.values()) == {"scheduled"}


def test_hypothetical_talks_are_ignored(ev):
    maybe = ev("CONSULT", day="2025-10-30", factuality="hypothetical")
    assert dyad_states([maybe], DYAD, "2025-10-31") == []


# ---------------------------------------------------------------------------- border


def test_border_closed_from_the_closure_and_open_before_it(ev):
    closed = ev("COERCE", ("PAK",), recipients=("AFG",), mode="restrict", day="2025-10-12",
                trigger="closed", sentence="Pakistan closed the border crossings.")
    got = series([closed], "2025-10-10", "2025-10-13", "border")
    assert got == ["open", "open", "closed", "closed"]
    [before] = dyad_states([closed], DYAD, "2025-10-10")
    assert (before.kind, before.value, before.since, before.events) == \
        ("border", "open", None, ())


def test_closure_reported_as_a_duration_counts_from_its_start(ev):
    still = ev("COERCE", (), recipients=("AFG", "PAK"), mode="restrict", day="2025-10-14",
               end="2025-10-29", qualifier="on or before", place="border",
               sentence="All crossings have remained closed for more than two weeks.")
    got = series([still], "2025-10-13", "2025-10-15", "border")
    assert got == [None, "closed", "closed"]


def test_reopening_opens_the_border(ev):
    closed = ev("COERCE", ("PAK",), recipients=("AFG",), mode="restrict", day="2025-10-12",
                place="border")
    reopened = ev("RETREAT", ("PAK",), recipients=("AFG",), mode="access", day="2025-11-20",
                  article="b2", trigger="reopened the Torkham crossing")
    got = series([closed, reopened], "2025-11-19", "2025-11-20", "border")
    assert got == ["closed", "open"]


def test_restrictions_away_from_the_border_are_not_closures(ev):
    curfew = ev("COERCE", ("PAK",), recipients=("AFG",), mode="restrict", day="2025-10-12",
                trigger="curfew", sentence="Police imposed a curfew in the city.")
    assert dyad_states([curfew], DYAD, "2025-10-13") == []


# ---------------------------------------------------------------------------- known by


def test_known_by_leaves_out_later_publications(ev):
    opened = ev("CONSULT", day="2025-10-25", article="t1", place="Istanbul")
    stuck = ev("CONSULT", day="2025-10-25", end="2025-10-28", outcome="deadlocked",
               article="t2")
    failed = ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="t3")
    published = {"t1": "2025-10-25", "t2": "2025-10-28", "t3": "2025-10-29"}
    events = [opened, stuck, failed]

    def talks(known_by):
        [state] = [s for s in dyad_states(events, DYAD, "2025-10-30", known_by=known_by,
                                          published=published) if s.kind == "talks"]
        return state.value

    assert talks(None) == "failed"
    assert talks("2025-10-29") == "failed"
    assert talks("2025-10-28") == "deadlocked"
    assert talks("2025-10-26") == "under way"
    assert dyad_states(events, DYAD, "2025-10-30", known_by="2025-10-24",
                       published=published) == []


def test_known_by_leaves_out_articles_of_unknown_date(ev):
    talks = ev("CONSULT", day="2025-10-25", article="nodate")
    assert dyad_states([talks], DYAD, "2025-10-26", known_by="2025-12-31") == []
    assert len(dyad_states([talks], DYAD, "2025-10-26")) == 1


def test_known_by_with_merged_events_uses_the_first_publication(ev):
    a = ev("CONSULT", day="2025-10-25", article="t1")
    b = ev("CONSULT", day="2025-10-25", article="t2")
    published = {"t1": "2025-10-25", "t2": "2025-10-27"}
    merged = merge_events([a, b], published)
    assert dyad_states(merged, DYAD, "2025-10-26", known_by="2025-10-24",
                       published=published) == []
    [state] = dyad_states(merged, DYAD, "2025-10-26", known_by="2025-10-25",
                          published=published)
    assert (state.kind, state.value, state.events) == ("talks", "under way", (a.id,))


# ---------------------------------------------------------------------------- whole dyad


def scenario(ev):
    published = {f"s{i}": d for i, d in enumerate(
        ["2025-10-12", "2025-10-15", "2025-10-17", "2025-10-19", "2025-10-20", "2025-10-29"])}
    events = [
        ev("COERCE", ("PAK",), recipients=("AFG",), mode="restrict", day="2025-10-12",
           article="s0", sentence="Pakistan closed the border crossings on Sunday."),
        ceasefire(ev, "2025-10-15", article="s1", trigger="ceasefire",
                  sentence="Pakistan announced a 48-hour temporary ceasefire."),
        ev("ASSAULT", ("PAK",), recipients=("AFG",), day="2025-10-17", article="s2",
           sentence="After the truce lapsed, air strikes hit Paktika.", trigger="strikes"),
        ev("CONSULT", day="2025-10-18", end="2025-10-19", article="s3", place="Doha"),
        ceasefire(ev, "2025-10-19", article="s3", offset=100,
                  sentence="They agreed to an immediate ceasefire."),
        ceasefire(ev, "2025-10-19", article="s4", basis="context",
                  sentence="The ceasefire agreed in Doha on Sunday."),
        ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="s5",
           place="Istanbul"),
        ev("ASSAULT", ("PAK",), recipients=("ttp",), day="2025-10-20", article="s4",
           offset=300),
    ]
    return events, published


def test_dyad_states_agree_with_the_timeline_every_day(ev):
    events, published = scenario(ev)
    rows = state_timeline(events, DYAD, "2025-10-10", "2025-10-31", published=published)
    for row in rows:
        states = dyad_states(events, DYAD, row["date"], published=published)
        assert {s.kind: s.value for s in states} == \
            {k: row[k] for k in STATE_KINDS if row[k] is not None}
        for state in states:
            assert state.as_of == row["date"]
            assert state.dyad == DYAD
            assert state.since is None or state.since <= row["date"]


def test_merged_input_gives_the_same_states(ev):
    events, published = scenario(ev)
    merged = merge_events(events, published)
    for day in ("2025-10-11", "2025-10-16", "2025-10-18", "2025-10-19", "2025-10-30"):
        raw = [(s.kind, s.value, s.since) for s in
               dyad_states(events, DYAD, day, published=published)]
        assert raw == [(s.kind, s.value, s.since) for s in
                       dyad_states(merged, DYAD, day, published=published)]


def test_states_from_the_events_near_a_dyad_equal_those_from_all_events(ev):
    from eventwire.service import _EventsNear

    events, published = scenario(ev)
    events = events + [
        ceasefire(ev, "2025-10-16", article="s6", actors=("QAT", "USA"),
                  sentence="Two other states agreed to stop firing."),
        ev("COERCE", ("USA",), recipients=("QAT",), mode="restrict", day="2025-10-18",
           article="s6", offset=200, sentence="One of them shut its crossings."),
    ]
    near = _EventsNear(events)
    assert len(near(DYAD)) == len(events) - 2 and len(near(("QAT", "USA"))) == 2
    for dyad in (DYAD, ("AFG", "PAK"), ("PAK", "ttp"), ("QAT", "USA"), ("AFG", "QAT")):
        subset = near(dyad)
        for day in ("2025-10-16", "2025-10-19", "2025-10-30"):
            assert dyad_states(subset, dyad, day, published=published) == \
                dyad_states(events, dyad, day, published=published)


def test_dyad_given_in_either_order(ev):
    events, published = scenario(ev)
    assert dyad_states(events, ("PAK", "AFG"), "2025-10-20", published=published) == \
        dyad_states(events, DYAD, "2025-10-20", published=published)


def test_bad_dates_are_refused(ev):
    with pytest.raises(ValueError):
        dyad_states([], DYAD, "yesterday")
