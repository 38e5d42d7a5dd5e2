"""When each report became known: articles' publication dates, given or inferred."""

from __future__ import annotations

import logging
from typing import Iterable, Mapping, Optional

from ..model import Event

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def publication_dates(events: Iterable[Event],
                      published: Optional[Mapping[str, str]] = None) -> dict[str, Optional[str]]:
    """article_id -> ISO publication date (YYYY-MM-DD) for every article of the events.

    The mapping wins (timestamps are cut to their local calendar date). Otherwise the date is
    read from the article's own events whose date fell back to the publication date (basis
    "article"); an article with neither maps to None."""
    given = published or {}
    out: dict[str, Optional[str]] = {}
    fallback: dict[str, str] = {}
    for event in events:
        aid = event.article_id
        if aid not in out:
            value = given.get(aid)
            out[aid] = value[:10] if value else None
        when = event.date
        if when is not None and when.basis == "article" and when.start:
            fallback[aid] = max(fallback.get(aid, ""), when.start[:10])
    for aid, value in out.items():
        if value is None and aid in fallback:
            out[aid] = fallback[aid]
    return out


def known_by_filter(events: Iterable[Event], known_by: Optional[str],
                    dates: Mapping[str, Optional[str]]) -> list[Event]:
    """The events whose article was published on or before known_by (all when it is None).

    An event whose article's publication date is unknown is left out: it cannot be shown to
    have been known by then."""
    events = list(events)
    if known_by is None:
        return events
    cutoff = known_by[:10]
    kept = [e for e in events if (dates.get(e.article_id) or "9999-12-31") <= cutoff]
    unknown = sum(1 for e in events if not dates.get(e.article_id))
    if unknown:
        logger.warning("known_by %s: %d event(s) left out because their article has no known "
                       "publication date", cutoff, unknown)
    return kept
