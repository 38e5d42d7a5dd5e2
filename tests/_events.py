"""Helpers the event tests share: pick events of a type, list entity ids."""

from __future__ import annotations


def types(events) -> list[str]:
    return sorted(e.event_type for e in events)


def of_type(events, event_type: str) -> list:
    return [e for e in events if e.event_type == event_type]


def first_of(events, event_type: str):
    """The first event of the type; fails, naming the types found, when there is none."""
    found = of_type(events, event_type)
    assert found, f"no {event_type} among {types(events)}"
    return found[0]


def only_of(events, event_type: str):
    """The one event of the type; fails when there is none or more than one."""
    found = of_type(events, event_type)
    assert len(found) == 1, \
        f"{len(found)} {event_type}: {[(e.event_type, e.mode) for e in events]}"
    return found[0]


def ids(entities) -> list[str]:
    return sorted(e.id for e in entities)
