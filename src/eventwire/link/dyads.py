"""Which dyads (pairs of entity ids) an event concerns."""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Union

from ..model import Event, MergedEvent, dyad_of

Dyad = tuple[str, str]


def as_event(item: Union[Event, MergedEvent]) -> Event:
    """The event record of an article-level or merged event."""
    return item.event if isinstance(item, MergedEvent) else item


def event_dyads(item: Union[Event, MergedEvent]) -> list[Dyad]:
    """The dyads of an event, each two distinct entity ids in alphabetical order, sorted.

    Entity ids are taken as coded: a state and its organs share the state's ISO3 id (the
    codebook), other parties keep their own id. Mediators are never part of a dyad.
    - directed events (actors and recipients): every actor x recipient pair;
    - reciprocal events (two or more actors, no recipient): every pair of actors;
    - events with no actor and two or more recipients (a closure of the border between two
      states, by no one named): every pair of recipients.
    """
    event = as_event(item)
    actors = _ids(event.actors)
    recipients = _ids(event.recipients)
    pairs: set[Dyad] = set()
    if actors and recipients:
        pairs = {dyad_of(a, r) for a in actors for r in recipients if a != r}
    elif actors:
        pairs = {dyad_of(a, b) for a, b in combinations(actors, 2)}
    elif recipients:
        pairs = {dyad_of(a, b) for a, b in combinations(recipients, 2)}
    return sorted(pairs)


def in_dyad(item: Union[Event, MergedEvent], dyad: Dyad) -> bool:
    """True when the event concerns the dyad (given in either order)."""
    return dyad_of(*dyad) in event_dyads(item)


def dyads_in(events: Iterable[Union[Event, MergedEvent]]) -> list[Dyad]:
    """Every dyad with at least one event, sorted."""
    found: set[Dyad] = set()
    for item in events:
        found.update(event_dyads(item))
    return sorted(found)


def parse_dyad(text: str) -> Dyad:
    """A dyad from its written form "AFG-PAK" (ids joined by "-"; either order).

    Entity ids may themselves hold hyphens (slugs); the split is at the first hyphen that
    leaves two non-empty ids, trying an uppercase ISO3 code on either side first."""
    text = text.strip()
    head, sep, tail = text.partition("-")
    if len(head) == 3 and head.isupper() and tail:
        return dyad_of(head, tail)
    if len(text) > 4 and text[-4] == "-" and text[-3:].isupper():
        return dyad_of(text[:-4], text[-3:])
    if not sep or not head or not tail:
        raise ValueError(f"not a dyad: {text!r} (expected two entity ids joined by '-')")
    return dyad_of(head, tail)


def _ids(entities) -> list[str]:
    seen: list[str] = []
    for entity in entities:
        if entity.id and entity.id not in seen:
            seen.append(entity.id)
    return seen
