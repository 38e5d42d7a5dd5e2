"""Date intervals of events: parsing, precision ranks, and the tolerance used to compare them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from ..model import Event, parse_day  # noqa: F401  (re-exported for link modules)

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Lower is more precise. "unknown" precision carries no usable date.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4,
                  "decade": 5, "unknown": 6}
BASIS_RANK = {"text": 0, "context": 1, "article": 2, "unresolved": 3}

# Two reports may place one event a little apart: a late-night strike is "Thursday" in one
# report and "Friday" in another. The slack grows with the coarser report's precision.
TOLERANCE_DAYS = {"day": 1, "week": 2, "month": 3, "quarter": 7, "season": 7, "year": 14,
                  "decade": 30}

# Precisions fine enough to place an event on the days of a timeline.
TIMELINE_PRECISIONS = frozenset({"day", "week"})


@dataclass(frozen=True)
class Interval:
    """The closed interval of days an event occupies, as far as its report tells."""

    start: date
    end: date
    precision: str
    open_start: bool = False        # the text bounds the start only from above

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def loose_start(self) -> date:
        """The earliest the event may have begun: an open start ("closed for more than two
        weeks") may lie before the stated start by as much again as the stated length."""
        if not self.open_start:
            return self.start
        return self.start - (self.end - self.start) - timedelta(days=1)


def interval_of(event: Event) -> Optional[Interval]:
    """The event's interval, or None when it has no usable date (missing, unresolved or of
    unknown precision). An end before the start is read as a one-day interval at the start."""
    when = event.date
    if when is None or when.basis == "unresolved" or when.precision == "unknown":
        return None
    start = parse_day(when.start)
    end = parse_day(when.end) or start
    if start is None:
        return None
    if end < start:
        end = start
    return Interval(start, end, when.precision, when.start_qualifier == "on or before")


def intervals_compatible(a: Optional[Interval], b: Optional[Interval]) -> bool:
    """True when two reports' intervals can be the same event: they overlap, or lie no
    further apart than the coarser precision's tolerance. A missing interval is compatible."""
    if a is None or b is None:
        return True
    slack = max(TOLERANCE_DAYS.get(a.precision, 0), TOLERANCE_DAYS.get(b.precision, 0))
    gap_ab = (b.loose_start - a.end).days      # b after a
    gap_ba = (a.loose_start - b.end).days      # a after b
    return gap_ab <= slack and gap_ba <= slack


def on_timeline(interval: Optional[Interval]) -> bool:
    """True when the interval is precise enough (day or week) to be placed on a daily timeline."""
    return interval is not None and interval.precision in TIMELINE_PRECISIONS


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end inclusive (empty when end is before start)."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
