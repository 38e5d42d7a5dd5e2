"""Escalation alerts: days when a dyad's conflict departs from its own recent baseline.

The day's statistic is its conflict *intensity*: the number of distinct conflict events times
their mention-weighted mean severity (|PLOVER score|). Normalising by coverage this way means a
burst of reports about one clash does not look like many clashes, while more distinct or more
severe events do. An alert is a day whose intensity is ``threshold`` standard deviations above
the mean of the previous ``window`` days (docs/STATES.md gives the reasons and the numbers).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Iterable, Optional, Union

from ..link.dyads import Dyad, dyads_in
from ..link.intervals import days_between
from ..model import Event, MergedEvent, Record, dyad_of
from .series import as_merged, day_buckets

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# The spread of a quiet baseline is never taken below one PLOVER point, so that a flat series
# (spread zero) does not turn every small wobble into an alert.
SIGMA_FLOOR = 1.0


@dataclass(frozen=True)
class Alert(Record):
    """An escalation on one day of one dyad, with what it rests on."""

    dyad: tuple[str, str]
    date: str
    score: float              # the day's conflict intensity
    baseline: float           # mean intensity over the previous `window` days
    z: float                  # (score - baseline) / max(spread, SIGMA_FLOOR)
    volume: int               # mentions of the dyad's events that day (coverage)
    reason: str
    events: tuple[str, ...]   # ids of the day's conflict events, heaviest first


def conflict_intensity(items: list[MergedEvent]) -> tuple[float, int, int]:
    """(intensity, conflict events, their mentions) of one day's merged events.

    intensity = E x sum(|s| m) / sum(m) over the conflict events (PLOVER score s < 0, mentions
    m): the count of distinct conflict events times their mention-weighted mean severity."""
    conflict = [m for m in items if (m.event.plover_score or 0.0) < 0]
    mentions = sum(m.mentions for m in conflict)
    if not mentions:
        return 0.0, 0, 0
    weighted = sum(-m.event.plover_score * m.mentions for m in conflict)
    return len(conflict) * weighted / mentions, len(conflict), mentions


def escalation_alerts(events: Iterable[Union[Event, MergedEvent]],
                      dyad: Optional[tuple[str, str]] = None, window: int = 14,
                      threshold: float = 2.0, min_history: Optional[int] = None) -> list[Alert]:
    """Alerts for one dyad (or every dyad), sorted by dyad then date.

    A day alerts when at least ``min_history`` days (default window // 2) of the dyad's series
    precede it, its intensity exceeds the mean of the previous ``window`` days, and
    z = (intensity - mean) / max(std, SIGMA_FLOOR) >= threshold. The series runs from the
    dyad's first event day, with days without events at zero."""
    if window < 1:
        raise ValueError("window must be at least one day")
    history_needed = window // 2 if min_history is None else min_history
    merged = as_merged(events)
    dyads = [dyad_of(*dyad)] if dyad else dyads_in(merged)
    alerts: list[Alert] = []
    for pair in dyads:
        alerts.extend(_dyad_alerts(merged, pair, window, threshold, history_needed))
    logger.debug("%d alert(s) over %d dyad(s)", len(alerts), len(dyads))
    return alerts


def _dyad_alerts(merged: list[MergedEvent], dyad: Dyad, window: int, threshold: float,
                 history_needed: int) -> list[Alert]:
    buckets = day_buckets(merged, dyad)
    if not buckets:
        return []
    days = days_between(min(buckets), max(buckets))
    intensity = {day: conflict_intensity(buckets.get(day, []))[0] for day in days}
    out = []
    for index, day in enumerate(days):
        if index < max(history_needed, 1):
            continue
        past = [intensity[day - timedelta(days=k)] for k in range(1, window + 1)
                if day - timedelta(days=k) >= days[0]]
        mean = sum(past) / len(past)
        spread = math.sqrt(sum((x - mean) ** 2 for x in past) / len(past))
        score = intensity[day]
        z = (score - mean) / max(spread, SIGMA_FLOOR)
        if score <= mean or z < threshold:
            continue
        items = buckets[day]
        _, count, mentions = conflict_intensity(items)
        heaviest = sorted((m for m in items if (m.event.plover_score or 0.0) < 0),
                          key=lambda m: (m.event.plover_score * m.mentions, m.event.id))
        reason = (f"conflict intensity {score:.1f} against a {len(past)}-day baseline of "
                  f"{mean:.1f} (sd {spread:.1f}), z = {z:.1f}: {count} conflict event(s) "
                  f"in {mentions} report(s)")
        out.append(Alert(dyad=dyad, date=day.isoformat(), score=round(score, 6),
                         baseline=round(mean, 6), z=round(z, 6),
                         volume=sum(m.mentions for m in items), reason=reason,
                         events=tuple(m.event.id for m in heaviest)))
    return out
