"""Linking across articles: merging reports of one event, and the states of each dyad.

    merge.py       merge_events: reports of the same event folded into MergedEvent records
    states.py      dyad_states / state_timeline / state_changes: ceasefire, talks, border
    dyads.py       which dyads an event concerns; dyads_in
    intervals.py   event date intervals and the tolerance used to compare them
    published.py   publication dates of articles, for ordering and known-by filtering
"""

from .dyads import dyads_in, event_dyads, parse_dyad
from .merge import cluster_events, merge_events
from .states import STATE_KINDS, dyad_states, state_changes, state_timeline

__all__ = [
    "STATE_KINDS", "cluster_events", "dyad_states", "dyads_in", "event_dyads", "merge_events",
    "parse_dyad", "state_changes", "state_timeline",
]
