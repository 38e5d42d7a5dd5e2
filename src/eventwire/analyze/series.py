"""The daily conflict-cooperation series of a dyad: PLOVER scores weighted by mentions."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional, Union

from ..link.dyads import Dyad, in_dyad
from ..link.intervals import days_between, interval_of, on_timeline, parse_day
from ..link.merge import FACTUALITY_CLASS, merge_events
from ..model import Event, MergedEvent, Record, dyad_of

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class DayScore(Record):
    """One day of a dyad's series. ``conflict`` and ``cooperation`` are sums of the absolute
    PLOVER scores of the day's conflict (negative) and cooperation (positive) events, each
    multiplied by its mentions; ``net`` = cooperation - conflict; ``events`` counts distinct
    (merged) events and ``mentions`` the reports of them."""

    date: str
    conflict: float
    cooperation: float
    net: float
    events: int
    mentions: int
    event_ids: tuple[str, ...] = ()


def as_merged(events: Iterable[Union[Event, MergedEvent]]) -> list[MergedEvent]:
    """Merged events as given, plus article-level events merged across articles."""
    items = list(events)
    raw = [e for e in items if isinstance(e, Event)]
    merged = [m for m in items if isinstance(m, MergedEvent)]
    return merged + (merge_events(raw) if raw else [])


def day_buckets(merged: Iterable[MergedEvent], dyad: Dyad) -> dict[date, list[MergedEvent]]:
    """The dyad's events that happened (asserted or historical) by the day they began.

    Only events dated to the day or week are placed; coarser dates ("earlier this month")
    cannot say which day's score they belong to and are left out of the series."""
    pair = dyad_of(*dyad)
    buckets: dict[date, list[MergedEvent]] = {}
    skipped = 0
    for item in merged:
        event = item.event
        if FACTUALITY_CLASS.get(event.factuality) != "actual" or not in_dyad(item, pair):
            continue
        interval = interval_of(event)
        if not on_timeline(interval):
            skipped += 1
            continue
        buckets.setdefault(interval.start, []).append(item)
    if skipped:
        logger.debug("dyad %s: %d event(s) too vaguely dated for the daily series",
                     "-".join(pair), skipped)
    for day in buckets:
        buckets[day].sort(key=lambda m: m.event.id)
    return buckets


def score_day(day: date, items: list[MergedEvent]) -> DayScore:
    """The DayScore of one day's merged events."""
    conflict = cooperation = 0.0
    for item in items:
        weighted = (item.event.plover_score or 0.0) * item.mentions
        if weighted < 0:
            conflict -= weighted
        else:
            cooperation += weighted
    return DayScore(date=day.isoformat(), conflict=round(conflict, 6),
                    cooperation=round(cooperation, 6), net=round(cooperation - conflict, 6),
                    events=len(items), mentions=sum(m.mentions for m in items),
                    event_ids=tuple(m.event.id for m in items))


def daily_series(events: Iterable[Union[Event, MergedEvent]], dyad: tuple[str, str],
                 start: Optional[str] = None, end: Optional[str] = None) -> list[DayScore]:
    """One DayScore per day from ``start`` to ``end`` inclusive (by default the dyad's first
    and last event days), days without events scored zero.

    Article-level events are merged across articles first, so that ``mentions`` counts reports
    of one event and ``events`` distinct events; merged events are used as they are."""
    buckets = day_buckets(as_merged(events), dyad)
    first = parse_day(start) if start else min(buckets, default=None)
    last = parse_day(end) if end else max(buckets, default=None)
    if first is None or last is None:
        return []
    return [score_day(day, buckets.get(day, [])) for day in days_between(first, last)]
