"""Fold reports of one event from different articles into one merged event.

Two article-level events are reports of the same event when they have the same type and
factuality class, come from different articles, name compatible parties, and have compatible
dates and places (see ``compatible``). Reports are clustered in publication order, each
joining the best cluster whose every member it is compatible with (complete linkage, so a vague
report cannot chain two distinct events together). The merged record keeps the most precise
report's fields, the union of parties, every report's evidence and claims, and every toll.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Iterable, Mapping, Optional, Sequence

from ..model import COUNT_KINDS, Count, Counts, Entity, Event, MergedEvent, Place
from .intervals import (
    BASIS_RANK, PRECISION_RANK, TOLERANCE_DAYS, Interval, interval_of, intervals_compatible,
)
from .published import publication_dates

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Factualities that may be merged with each other: a historical event is an asserted one told
# long after; the others are kept apart (a denial is a claim, not a factuality: see claims).
FACTUALITY_CLASS = {"asserted": "actual", "historical": "actual", "negated": "negated",
                    "hypothetical": "hypothetical", "future": "future"}
PLACE_RANK = {"city": 4, "admin": 3, "border": 3, "country": 2, "unknown": 1}
UNKNOWN_PUBLICATION = "9999-12-31"


def merge_events(events: Iterable[Event],
                 published: Optional[Mapping[str, str]] = None) -> list[MergedEvent]:
    """Merged events for article-level events, sorted by date then id.

    Promises: every input event is a member of exactly one merged event (an id given twice
    counts once); no merged event holds two events of one article; the same input in any order
    gives the same output; ``event.id`` of a merged event is the id of its earliest-published
    report, so it does not change as later reports arrive. ``published`` (article_id -> ISO
    publication date) orders the reports; without it the publication date is inferred where
    an event's date fell back to it, and article ids break ties."""
    events = list(events)
    dates = publication_dates(events, published)
    merged = [merge_cluster(cluster, dates) for cluster in cluster_events(events, dates)]
    merged.sort(key=lambda m: ((m.event.date.start if m.event.date else None) or "",
                               m.event.id))
    return merged


def cluster_events(events: Iterable[Event],
                   published: Optional[Mapping[str, str]] = None) -> list[tuple[Event, ...]]:
    """Reports grouped by the event they tell of, each group in publication order.

    Deterministic whatever the input order: reports are taken in (publication date, article
    id, event id) order, and each joins the cluster it fits best or starts a new one."""
    unique = {e.id: e for e in events}
    dates = publication_dates(unique.values(), published)
    ordered = sorted(unique.values(), key=lambda e: report_order(e, dates))

    clusters: list[list[Event]] = []
    intervals: dict[str, Optional[Interval]] = {e.id: interval_of(e) for e in ordered}
    blocks: dict[tuple[str, str], _Block] = {}
    for event in ordered:
        key = (event.event_type, factuality_class(event, dates.get(event.article_id)))
        block = blocks.setdefault(key, _Block())
        interval = intervals[event.id]
        best: Optional[tuple[tuple, int]] = None
        for index in block.candidates(event, interval):
            members = clusters[index]
            if any(m.article_id == event.article_id for m in members):
                continue
            if not all(_same_event(m, event, intervals[m.id], interval) for m in members):
                continue
            score = (_fit(members, event, intervals), -index)
            if best is None or score > best[0]:
                best = (score, index)
        if best is None:
            block.add(len(clusters), event, interval)
            clusters.append([event])
        else:
            clusters[best[1]].append(event)
    logger.debug("merged %d reports into %d events", len(ordered), len(clusters))
    return [tuple(c) for c in clusters]


class _Block:
    """The clusters of one (type, factuality class) block, indexed so that a report is tried
    only against the clusters it could join rather than against every cluster of its type.

    A report joins a cluster only if it is compatible with every member, so in particular with
    the first: when both name parties they share one, and their intervals lie no further apart
    than the largest tolerance (``TOLERANCE_DAYS``). A cluster is therefore filed under each
    party of its first report and each month its first report's interval touches, widened by
    that tolerance; a report looks in the months its own interval touches. Clusters whose first
    report has no party or no date, and reports that have none, fall back to trying them all.
    The candidates found are a superset of the clusters a report can join, so the clustering is
    the same as trying every cluster; only the work changes (linear in the reports of a dyad
    and month, not in all reports of a type)."""

    __slots__ = ("everything", "filed", "unfiled")

    def __init__(self) -> None:
        self.everything: list[int] = []
        self.filed: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.unfiled: list[int] = []

    def add(self, index: int, first: Event, interval: Optional[Interval]) -> None:
        self.everything.append(index)
        parties = _idset(first.actors) | _idset(first.recipients)
        if not parties or interval is None:
            self.unfiled.append(index)
            return
        months = _months(interval.loose_start - _WIDEST, interval.end + _WIDEST)
        for party in parties:
            for month in months:
                self.filed[(party, month)].append(index)

    def candidates(self, event: Event, interval: Optional[Interval]) -> Iterable[int]:
        parties = _idset(event.actors) | _idset(event.recipients)
        if not parties or interval is None:
            return self.everything
        found = set(self.unfiled)
        for party in parties:
            for month in _months(interval.loose_start, interval.end):
                found.update(self.filed.get((party, month), ()))
        return found


# The largest slack two reports' dates may differ by (see intervals.TOLERANCE_DAYS).
_WIDEST = timedelta(days=max(TOLERANCE_DAYS.values()))


def _months(start: date, end: date) -> range:
    """The months (counted from year 0) that the days from start to end touch."""
    return range(start.year * 12 + start.month - 1, end.year * 12 + end.month)


def report_order(event: Event, dates: Mapping[str, Optional[str]]) -> tuple[str, str, str]:
    """The canonical order of reports: publication date, article id, event id."""
    return (dates.get(event.article_id) or UNKNOWN_PUBLICATION, event.article_id, event.id)


def factuality_class(event: Event, published_on: Optional[str] = None) -> str:
    """The factuality class of a report: actual (asserted, historical), negated, hypothetical
    or future. A report told as done but dated after its own article's publication date
    ("agree to meet again on November 6", published October 31) is of a planned event: future."""
    kind = FACTUALITY_CLASS.get(event.factuality, event.factuality)
    if kind == "actual" and published_on and event.date is not None and event.date.start \
            and event.date.start[:10] > published_on[:10]:
        return "future"
    return kind


def compatible(a: Event, b: Event, interval_a: Optional[Interval] = None,
               interval_b: Optional[Interval] = None) -> bool:
    """True when two reports can tell of the same event: same type and factuality class,
    compatible parties, dates and places. (Intervals may be passed in when already known.)"""
    if a.event_type != b.event_type:
        return False
    if FACTUALITY_CLASS.get(a.factuality) != FACTUALITY_CLASS.get(b.factuality):
        return False
    return _same_event(a, b, interval_a, interval_b)


def _same_event(a: Event, b: Event, interval_a: Optional[Interval],
                interval_b: Optional[Interval]) -> bool:
    """Parties, dates and places agree (type and factuality class are checked by the caller)."""
    if not parties_compatible(a, b):
        return False
    ia = interval_a if interval_a is not None else interval_of(a)
    ib = interval_b if interval_b is not None else interval_of(b)
    if not intervals_compatible(ia, ib):
        return False
    return places_compatible(a.location, b.location, _party_countries(a) | _party_countries(b))


def parties_compatible(a: Event, b: Event) -> bool:
    """Parties agree when each report's parties are named by the other (as a party or a
    mediator) or one report names fewer of them, and the roles do not clash: actors overlap
    or one side names none, and likewise recipients. A report naming no party is compatible."""
    actors_a, actors_b = _idset(a.actors), _idset(b.actors)
    recips_a, recips_b = _idset(a.recipients), _idset(b.recipients)
    parties_a, parties_b = actors_a | recips_a, actors_b | recips_b
    if not parties_a or not parties_b:
        return True
    mediators_a, mediators_b = _idset(a.mediators), _idset(b.mediators)
    extra_a = parties_a - parties_b - mediators_b
    extra_b = parties_b - parties_a - mediators_a
    if extra_a and extra_b:
        return False
    if actors_a and actors_b and not actors_a & actors_b:
        return False
    if recips_a and recips_b and not recips_a & recips_b:
        return False
    return bool(parties_a & parties_b)


def places_compatible(a: Optional[Place], b: Optional[Place],
                      party_countries: frozenset[str] = frozenset()) -> bool:
    """Places agree when one is missing, they are the same place, one is a country holding the
    other, one is a province holding the other, or one is a border and the other lies in a
    country of the parties (a border between two states has no single country)."""
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.name.casefold() == b.name.casefold():
        return True
    for outer, inner in ((a, b), (b, a)):
        if outer.precision == "country" and outer.country and outer.country == inner.country:
            return True
        if outer.precision == "admin" and outer.country == inner.country and inner.admin1 and (
                inner.admin1.casefold() in (outer.name.casefold(),
                                            (outer.admin1 or "").casefold())):
            return True
        if outer.precision == "border" and outer.country is None and (
                inner.precision == "border" or inner.country is None
                or inner.country in party_countries):
            return True
    return False


def merge_cluster(cluster: Sequence[Event],
                  published: Optional[Mapping[str, Optional[str]]] = None) -> MergedEvent:
    """The merged record of one cluster of reports (given in publication order).

    The representative is the report with the most precise date, then the most confident,
    then the best-placed; its fields are kept, with: the id of the first report; parties,
    mediators and contexts unioned; the first mode found among ranked reports; the outcome of
    the report that saw the event latest; every report's evidence and claims (exact duplicates
    once); per kind the most reported toll (ties to the better-ranked report) with every
    report's toll in ``counts_reported``; the highest confidence. With ``published``
    (article_id -> publication date), a cluster of reports dated after their publication is
    given factuality "future" (see ``factuality_class``)."""
    if not cluster:
        raise ValueError("an empty cluster has no merged event")
    first = cluster[0]
    ranked = [e for _, e in sorted(enumerate(cluster), key=lambda p: (_rank(p[1]), p[0]))]
    rep = ranked[0]

    mode_source = next((e for e in ranked if e.mode), rep)
    actors, recipients = _merge_roles(ranked)
    mediators = _union_entities(e.mediators for e in ranked)
    mediators = tuple(m for m in mediators
                      if m.id not in {x.id for x in actors + recipients})
    location = rep.location or next((e.location for e in ranked if e.location), None)
    counts, counts_reported = _merge_counts(ranked, cluster)

    event = replace(
        rep,
        id=first.id,
        mode=mode_source.mode,
        cameo=mode_source.cameo if mode_source.mode else rep.cameo,
        plover_score=mode_source.plover_score if mode_source.mode else rep.plover_score,
        quad=mode_source.quad if mode_source.mode else rep.quad,
        context=tuple(dict.fromkeys(c for e in ranked for c in e.context)),
        actors=actors,
        recipients=recipients,
        mediators=mediators,
        location=location,
        counts=counts,
        outcome=_latest_outcome(cluster),
        claims=tuple(dict.fromkeys(c for e in ranked for c in e.claims)),
        evidence=tuple(dict.fromkeys(v for e in ranked for v in e.evidence)),
        stages=tuple(sorted(dict.fromkeys(st for e in ranked for st in e.stages),
                            key=lambda st: (st.as_of, st.outcome))),
        confidence=max(e.confidence for e in cluster),
    )
    dates = published or {}
    if FACTUALITY_CLASS.get(rep.factuality) == "actual" and all(
            factuality_class(e, dates.get(e.article_id)) == "future" for e in cluster):
        event = replace(event, factuality="future")
    return MergedEvent(
        event=event,
        mentions=len(cluster),
        sources=tuple(sorted({e.article_id for e in cluster})),
        members=tuple(e.id for e in cluster),
        counts_reported=counts_reported,
    )


# ---------------------------------------------------------------------------- helpers


def _idset(entities: Iterable[Entity]) -> frozenset[str]:
    return frozenset(e.id for e in entities if e.id)


def _party_countries(event: Event) -> frozenset[str]:
    return frozenset(e.country for e in event.actors + event.recipients if e.country)


def _fit(members: Sequence[Event], event: Event,
         intervals: Mapping[str, Optional[Interval]]) -> tuple:
    """How well a report fits a cluster: shared parties, then date closeness, then same place."""
    shared = max(len((_idset(m.actors) | _idset(m.recipients))
                     & (_idset(event.actors) | _idset(event.recipients))) for m in members)
    mine = intervals[event.id]
    gaps = [abs((intervals[m.id].start - mine.start).days) for m in members
            if mine is not None and intervals[m.id] is not None]
    closeness = -min(gaps) if gaps else -999
    same_place = any(m.location is not None and event.location is not None
                     and m.location.name == event.location.name for m in members)
    return shared, closeness, same_place


def _rank(event: Event) -> tuple:
    when = event.date
    precision = PRECISION_RANK.get(when.precision, 9) if when else 9
    if when is not None and not when.start:
        precision = 9
    qualified = bool(when and when.start_qualifier)
    basis = BASIS_RANK.get(when.basis, 9) if when else 9
    place = PLACE_RANK.get(event.location.precision, 0) if event.location else 0
    return precision, qualified, basis, -event.confidence, -place


def _merge_roles(ranked: Sequence[Event]) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
    """Union of actors and of recipients; an entity keeps the role the better-ranked report
    gives it, so no id is both actor and recipient."""
    role: dict[str, str] = {}
    chosen: dict[str, Entity] = {}
    order: list[str] = []
    for event in ranked:
        for name, entities in (("actor", event.actors), ("recipient", event.recipients)):
            for entity in entities:
                if not entity.id or entity.id in role:
                    continue
                role[entity.id] = name
                chosen[entity.id] = entity
                order.append(entity.id)
    actors = tuple(chosen[i] for i in order if role[i] == "actor")
    recipients = tuple(chosen[i] for i in order if role[i] == "recipient")
    return actors, recipients


def _union_entities(groups: Iterable[Iterable[Entity]]) -> tuple[Entity, ...]:
    chosen: dict[str, Entity] = {}
    for entities in groups:
        for entity in entities:
            if entity.id and entity.id not in chosen:
                chosen[entity.id] = entity
    return tuple(chosen.values())


def _merge_counts(ranked: Sequence[Event], cluster: Sequence[Event]
                  ) -> tuple[Counts, tuple[tuple[str, Count], ...]]:
    reported: list[tuple[str, Count]] = []
    best: dict[str, Optional[Count]] = {}
    for kind in COUNT_KINDS:
        per_report = [getattr(e.counts, kind) for e in cluster]
        reported.extend((kind, c) for c in per_report if c is not None)
        tally = Counter(c.best for c in per_report if c is not None)
        if not tally:
            best[kind] = None
            continue
        top = max(tally.values())
        for event in ranked:            # ties go to the better-ranked report
            count = getattr(event.counts, kind)
            if count is not None and tally[count.best] == top:
                best[kind] = count
                break
    return Counts(**best), tuple(reported)


def _latest_outcome(cluster: Sequence[Event]) -> Optional[str]:
    """The outcome told by the report that saw the event latest (latest date end, then latest
    published): a later "failed" supersedes an earlier "deadlocked"."""
    with_outcome = [(i, e) for i, e in enumerate(cluster) if e.outcome]
    if not with_outcome:
        return None

    def seen(item):
        index, event = item
        end = (event.date.end or event.date.start) if event.date else None
        return end or "", index

    return max(with_outcome, key=seen)[1].outcome
