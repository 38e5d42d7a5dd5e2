"""Tests for eventwire.link.merge: which reports fold into one event, and what the merged
record keeps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.link.merge import cluster_events, merge_events
from eventwire.model import MergedEvent

PUBLISHED = {"a1": "2025-10-19", "a2": "2025-10-20", "a3": "2025-10-21", "a4": "2025-10-22"}


def test_same_event_from_two_articles_merges(ev):
    first = ev("CONCEDE", article="a1", cameo="0871", place="Doha", mediators=("QAT",))
    second = ev("CONCEDE", ("PAK", "AFG"), article="a2", cameo="0871", day="2025-10-19",
                basis="context", mediators=("TUR",))
    [merged] = merge_events([second, first], PUBLISHED)
    assert merged.mentions == 2
    assert merged.sources == ("a1", "a2")
    assert merged.members == (first.id, second.id)
    assert merged.event.id == first.id                  # the earliest-published report's id
    assert {m.id for m in merged.event.mediators} == {"QAT", "TUR"}
    assert {e.text for e in merged.event.evidence} == {first.evidence[0].text,
                                                       second.evidence[0].text}


def test_merged_id_follows_publication_not_input_order(ev):
    a = ev("CONCEDE", article="a1")
    b = ev("CONCEDE", article="a2")
    [merged] = merge_events([a, b], {"a1": "2025-10-22", "a2": "2025-10-19"})
    assert merged.event.id == b.id
    assert merged.members == (b.id, a.id)


def test_different_places_stay_apart(ev):
    kabul = ev("ASSAULT", ("PAK",), recipients=("AFG",), place="Kabul", article="a1")
    paktika = ev("ASSAULT", ("PAK",), recipients=("AFG",), place="Paktika", article="a2")
    assert len(merge_events([kabul, paktika], PUBLISHED)) == 2


def test_place_within_country_province_or_border_merges(ev):
    def pair(p, q):
        return [ev("ASSAULT", place=p, article="a1"), ev("ASSAULT", place=q, article="a2")]
    assert len(merge_events(pair("Kabul", "Afghanistan"), PUBLISHED)) == 1
    assert len(merge_events(pair("Urgun", "Paktika"), PUBLISHED)) == 1
    assert len(merge_events(pair("Chaman", "border"), PUBLISHED)) == 1
    assert len(merge_events(pair("Kabul", None), PUBLISHED)) == 1
    assert len(merge_events(pair("Kabul", "Chaman"), PUBLISHED)) == 2


def test_dates_compatible_with_tolerance_by_precision(ev):
    def merged(day_a, day_b, precision_b="day", end_b=None):
        return merge_events([ev("ASSAULT", day=day_a, article="a1"),
                             ev("ASSAULT", day=day_b, end=end_b, precision=precision_b,
                                article="a2")], PUBLISHED)
    assert len(merged("2025-10-09", "2025-10-10")) == 1          # a late-night strike
    assert len(merged("2025-10-12", "2025-10-15")) == 2          # another day's clashes
    assert len(merged("2025-10-12", "2025-10-01", "month", "2025-10-31")) == 1
    assert len(merged("2025-10-12", "2025-11-01", "month", "2025-11-30")) == 2


def test_open_start_of_a_duration_reaches_back(ev):
    closed_on = ev("COERCE", ("PAK",), recipients=("AFG",), mode="restrict", day="2025-10-12",
                   article="a1")
    still_closed = ev("COERCE", (), recipients=("AFG", "PAK"), mode="restrict",
                      day="2025-10-14", end="2025-10-29", qualifier="on or before",
                      article="a2")
    [merged] = merge_events([closed_on, still_closed], PUBLISHED)
    assert merged.event.date.start == "2025-10-12"              # the precise report leads
    assert [a.id for a in merged.event.actors] == ["PAK"]
    assert [r.id for r in merged.event.recipients] == ["AFG"]


def test_representative_is_the_most_precise_report(ev):
    vague = ev("ASSAULT", day="2025-10-01", end="2025-10-18", precision="month",
               basis="context", article="a1", confidence=0.9)
    precise = ev("ASSAULT", day="2025-10-12", article="a2", confidence=0.6)
    [merged] = merge_events([vague, precise], PUBLISHED)
    assert merged.event.date.start == "2025-10-12"
    assert merged.event.id == vague.id                          # earliest published
    assert merged.event.confidence == 0.9


def test_vague_report_does_not_chain_two_events(ev):
    vague = ev("ASSAULT", day="2025-10-01", end="2025-10-31", precision="month", article="a1")
    first = ev("ASSAULT", day="2025-10-11", article="a2")
    second = ev("ASSAULT", day="2025-10-15", article="a3")
    merged = merge_events([vague, first, second], PUBLISHED)
    assert len(merged) == 2
    assert sorted(m.mentions for m in merged) == [1, 2]


def test_factuality_classes_stay_apart(ev):
    done = ev("CONSULT", day="2025-10-18", article="a1")
    planned = ev("CONSULT", day="2025-10-18", factuality="future", article="a2")
    old = ev("CONSULT", day="2025-10-18", factuality="historical", article="a3")
    merged = merge_events([done, planned, old], PUBLISHED)
    assert sorted(m.mentions for m in merged) == [1, 2]


def test_one_article_never_merges_with_itself(ev):
    a = ev("ASSAULT", article="a1", trigger="clashes")
    b = ev("ASSAULT", article="a1", trigger="strikes", offset=100)
    assert len(merge_events([a, b], PUBLISHED)) == 2


def test_parties_overlap_reciprocal_and_directed(ev):
    clashes = ev("ASSAULT", ("AFG", "PAK"), article="a1")
    strike = ev("ASSAULT", ("PAK",), recipients=("AFG",), article="a2")
    on_ttp = ev("ASSAULT", ("PAK",), recipients=("ttp",), article="a3")
    nobody = ev("ASSAULT", (), article="a4")
    merged = merge_events([clashes, strike, on_ttp], PUBLISHED)
    assert len(merged) == 2
    both = next(m for m in merged if m.mentions == 2)
    assert {a.id for a in both.event.actors} | {r.id for r in both.event.recipients} == \
        {"AFG", "PAK"}
    ids = [a.id for a in both.event.actors] + [r.id for r in both.event.recipients]
    assert len(ids) == len(set(ids))                            # no id in two roles
    assert len(merge_events([clashes, nobody], PUBLISHED)) == 1  # an empty side fits


def test_claim_and_denial_are_both_kept(ev):
    told = ev("ASSAULT", ("PAK",), recipients=("AFG",), day="2025-10-09", place="Kabul",
              article="a1", claims=[("AFG", "asserts")])
    denied = ev("ASSAULT", ("PAK",), day="2025-10-10", article="a2", basis="article",
                claims=[("PAK", "denies")])
    [merged] = merge_events([told, denied], PUBLISHED)
    stances = {(c.by.id, c.stance) for c in merged.event.claims}
    assert stances == {("AFG", "asserts"), ("PAK", "denies")}
    assert merged.event.factuality == "asserted"


def test_counts_kept_per_claimant_most_reported_wins(ev):
    pak = ev("ASSAULT", article="a1", killed=(23, "PAK"))
    afg = ev("ASSAULT", article="a2", killed=(58, "AFG"))
    again = ev("ASSAULT", article="a3", killed=(58, "AFG"), offset=50)
    [merged] = merge_events([pak, afg, again], PUBLISHED)
    assert merged.event.counts.killed.best == 58
    assert sorted(c.best for kind, c in merged.counts_reported if kind == "killed") == \
        [23, 58, 58]
    assert {c.claimed_by.id for _, c in merged.counts_reported} == {"AFG", "PAK"}
    assert MergedEvent.from_dict(merged.to_dict()) == merged


def test_outcome_of_the_latest_report(ev):
    stuck = ev("CONSULT", day="2025-10-25", end="2025-10-28", outcome="deadlocked",
               article="a1", place="Istanbul")
    failed = ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="a2")
    opened = ev("CONSULT", day="2025-10-25", article="a3", place="Istanbul")
    [merged] = merge_events([failed, opened, stuck], PUBLISHED)
    assert merged.event.outcome == "failed"
    assert merged.mentions == 3


def test_mode_is_taken_from_a_report_that_has_one(ev):
    plain = ev("ASSAULT", article="a1", score=-9.0, cameo="190")
    aerial = ev("ASSAULT", article="a2", mode="aerial", score=-9.5, cameo="195",
                precision="week", day="2025-10-18", end="2025-10-20")
    [merged] = merge_events([plain, aerial], PUBLISHED)
    assert (merged.event.mode, merged.event.plover_score, merged.event.cameo) == \
        ("aerial", -9.5, "195")


def test_duplicate_inputs_count_once(ev):
    a = ev("CONCEDE", article="a1")
    [merged] = merge_events([a, a], PUBLISHED)
    assert merged.mentions == 1


def test_publication_inferred_from_article_dated_events(ev):
    # no mapping: each article's date is read off its events dated by publication
    late = ev("ACCUSE", ("AFG",), recipients=("PAK",), day="2025-10-22", basis="article",
              article="b-first")
    early = ev("ACCUSE", ("AFG",), recipients=("PAK",), day="2025-10-21", basis="article",
               article="z-second")
    [merged] = merge_events([late, early])
    assert merged.event.id == early.id


def corpus(ev):
    return [
        ev("CONCEDE", article="a1", cameo="0871", place="Doha"),
        ev("CONCEDE", article="a2", cameo="0871", basis="context"),
        ev("CONCEDE", article="a3", cameo="0871", day="2025-10-20", basis="article"),
        ev("ASSAULT", ("PAK",), recipients=("AFG",), day="2025-10-17", article="a1",
           offset=200, killed=(3, "AFG")),
        ev("ASSAULT", ("PAK",), day="2025-10-17", article="a2", offset=200, killed=(5, "PAK")),
        ev("ASSAULT", ("AFG", "PAK"), day="2025-10-01", end="2025-10-18", precision="month",
           article="a3", offset=200),
        ev("ASSAULT", ("AFG", "PAK"), day="2025-10-15", article="a4", place="Chaman"),
        ev("ASSAULT", ("AFG", "PAK"), day="2025-10-15", article="a3", place="border",
           offset=400, claims=[("PAK", "asserts")]),
        ev("CONSULT", day="2025-10-25", end="2025-10-29", outcome="failed", article="a4",
           offset=300, place="Istanbul"),
        ev("CONSULT", day="2025-10-25", end="2025-10-28", outcome="deadlocked", article="a3",
           offset=600),
    ]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_same_output_in_any_order(ev, data):
    events = corpus(ev)
    expected = [m.to_dict() for m in merge_events(events, PUBLISHED)]
    shuffled = data.draw(st.permutations(events))
    assert [m.to_dict() for m in merge_events(shuffled, PUBLISHED)] == expected


def test_every_event_is_in_exactly_one_cluster(ev):
    events = corpus(ev)
    clusters = cluster_events(events, PUBLISHED)
    members = [e.id for c in clusters for e in c]
    assert sorted(members) == sorted(e.id for e in events)
    for cluster in clusters:
        assert len({e.article_id for e in cluster}) == len(cluster)


def test_merged_records_round_trip(ev):
    for merged in merge_events(corpus(ev), PUBLISHED):
        assert MergedEvent.from_dict(merged.to_dict()) == merged


def _every_cluster_tried(events, published):
    """The clustering by its definition: each report, in publication order, joins the best
    cluster of its block whose every member it is compatible with (no index)."""
    from eventwire.link.intervals import interval_of
    from eventwire.link.merge import _fit, _same_event, factuality_class, report_order
    from eventwire.link.published import publication_dates

    unique = {e.id: e for e in events}
    dates = publication_dates(unique.values(), published)
    ordered = sorted(unique.values(), key=lambda e: report_order(e, dates))
    intervals = {e.id: interval_of(e) for e in ordered}
    clusters, block_of = [], []
    for event in ordered:
        key = (event.event_type, factuality_class(event, dates.get(event.article_id)))
        fits = [((_fit(c, event, intervals), -i), i) for i, c in enumerate(clusters)
                if block_of[i] == key and all(m.article_id != event.article_id for m in c)
                and all(_same_event(m, event, intervals[m.id], intervals[event.id]) for m in c)]
        if fits:
            clusters[max(fits)[1]].append(event)
        else:
            clusters.append([event])
            block_of.append(key)
    return [tuple(c) for c in clusters]


_DAYS = ("2024-12-30", "2025-01-01", "2025-01-20", "2025-01-31", "2025-02-02", "2025-02-27",
         "2025-03-03", "2025-03-30", "2025-04-15")
_SPANS = {"day": 0, "week": 6, "month": 29, "year": 364, "decade": 3650}


@st.composite
def _reports(draw, ev):
    from datetime import date, timedelta

    out = []
    for n in range(draw(st.integers(2, 40))):
        parties = draw(st.lists(st.sampled_from(("AFG", "PAK", "QAT", "USA", "ttp")),
                                max_size=3, unique=True))
        split = draw(st.integers(0, len(parties)))
        precision = draw(st.sampled_from(tuple(_SPANS)))
        day = draw(st.one_of(st.none(), st.sampled_from(_DAYS)))
        end = None if day is None else str(date.fromisoformat(day)
                                           + timedelta(days=_SPANS[precision]))
        out.append(ev(draw(st.sampled_from(("ASSAULT", "CONSULT"))), tuple(parties[:split]),
                      recipients=tuple(parties[split:]), day=day, end=end, precision=precision,
                      qualifier=draw(st.sampled_from((None, "on or before"))),
                      article=f"a{draw(st.integers(1, 4))}", offset=n * 100,
                      place=draw(st.sampled_from((None, "Kabul", "Chaman", "border")))))
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_indexed_clustering_equals_trying_every_cluster(ev, data):
    events = data.draw(_reports(ev))
    assert cluster_events(events, PUBLISHED) == _every_cluster_tried(events, PUBLISHED)
