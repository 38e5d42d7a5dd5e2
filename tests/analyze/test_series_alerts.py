"""Tests for eventwire.analyze: the daily series (weighted by mentions) and escalation alerts
(departures from the dyad's own baseline, normalised by the volume of coverage)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from eventwire.analyze.alerts import conflict_intensity, escalation_alerts
from eventwire.analyze.series import daily_series
from eventwire.link.merge import merge_events
from eventwire.model import Entity, Event, MergedEvent, Provenance, Trigger, When

DYAD = ("AFG", "PAK")
PARTIES = {i: Entity(i, i, country=i if len(i) == 3 else None) for i in
           ("AFG", "PAK", "IND", "ttp")}
SCORES = {"ASSAULT": -9.0, "ACCUSE": -3.5, "CONSULT": 1.0, "SUPPORT": 5.0}
PROVENANCE = Provenance("1.0", "test", "0" * 64)
START = date(2025, 10, 1)


def make_event(event_type: str, day: str, article: str, actors=("AFG", "PAK"), *,
               precision: str = "day", end: str | None = None,
               factuality: str = "asserted", n: int = 0) -> Event:
    key = f"{event_type}|{day}|{article}|{actors}|{n}"
    return Event(id="ev_" + hashlib.sha256(key.encode()).hexdigest()[:24], article_id=article,
                 event_type=event_type, trigger=Trigger(event_type.lower(), (n, n + 5)),
                 provenance=PROVENANCE, plover_score=SCORES[event_type],
                 actors=tuple(PARTIES[a] for a in actors),
                 date=When(day, end or day, precision=precision, basis="text"),
                 factuality=factuality)


def day(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def merged(event_type: str, offset: int, mentions: int, n: int = 0) -> MergedEvent:
    """One event on day `offset` reported by `mentions` articles."""
    reports = [make_event(event_type, day(offset), f"art-{offset}-{n}-{k}", n=n)
               for k in range(mentions)]
    [one] = merge_events(reports)
    assert one.mentions == mentions
    return one


# ---------------------------------------------------------------------------- series


def test_series_weights_scores_by_mentions():
    events = ([make_event("ASSAULT", "2025-10-12", f"a{k}") for k in range(3)]
              + [make_event("CONSULT", "2025-10-12", "a0", n=50),
                 make_event("SUPPORT", "2025-10-14", "a5")])
    rows = daily_series(events, DYAD)
    assert [r.date for r in rows] == ["2025-10-12", "2025-10-13", "2025-10-14"]
    first = rows[0]
    assert (first.conflict, first.cooperation, first.net) == (27.0, 1.0, -26.0)
    assert (first.events, first.mentions) == (2, 4)
    assert (rows[1].events, rows[1].mentions, rows[1].conflict) == (0, 0, 0.0)
    assert rows[2].cooperation == 5.0


def test_series_range_other_dyads_vague_and_unreal_events_left_out():
    events = [make_event("ASSAULT", "2025-10-12", "a1"),
              make_event("ASSAULT", "2025-10-12", "a2", actors=("IND", "PAK")),
              make_event("ACCUSE", "2025-10-01", "a3", precision="month", end="2025-10-31"),
              make_event("ASSAULT", "2025-10-13", "a4", factuality="future"),
              make_event("ASSAULT", "2025-10-13", "a5", factuality="negated")]
    rows = daily_series(events, ("PAK", "AFG"), start="2025-10-11", end="2025-10-13")
    assert [(r.date, r.conflict, r.events) for r in rows] == [
        ("2025-10-11", 0.0, 0), ("2025-10-12", 9.0, 1), ("2025-10-13", 0.0, 0)]
    assert daily_series([], DYAD) == []


def test_series_of_merged_events_equals_series_of_their_reports():
    reports = [make_event("ASSAULT", "2025-10-12", f"a{k}") for k in range(4)]
    assert daily_series(merge_events(reports), DYAD) == daily_series(reports, DYAD)


# ---------------------------------------------------------------------------- alerts


def flat(days: int = 20, event_type: str = "ASSAULT") -> list[MergedEvent]:
    """One event a day, one report each."""
    return [merged(event_type, i, 1) for i in range(days)]


def test_flat_series_raises_no_alert():
    assert escalation_alerts(flat(), DYAD) == []


def test_spike_of_distinct_events_raises_an_alert():
    events = flat() + [merged("ASSAULT", 15, 1, n=k) for k in range(1, 5)]
    [alert] = escalation_alerts(events, DYAD)
    assert alert.date == day(15)
    assert alert.dyad == DYAD
    assert alert.score == pytest.approx(45.0)         # five clashes of severity 9
    assert alert.baseline == pytest.approx(9.0)
    assert alert.z >= 2.0
    assert alert.volume == 5
    assert len(alert.events) == 5
    assert "5 conflict event(s)" in alert.reason


def test_burst_of_coverage_is_not_an_escalation():
    events = flat()
    events[15] = merged("ASSAULT", 15, 25)            # the same one clash, in 25 reports
    series = {r.date: r for r in daily_series(events, DYAD)}
    assert series[day(15)].conflict == 25 * series[day(14)].conflict   # the raw series jumps
    assert escalation_alerts(events, DYAD) == []


def test_more_severe_events_alert_without_more_events():
    events = flat(event_type="ACCUSE")
    events[16] = merged("ASSAULT", 16, 1)
    [alert] = escalation_alerts(events, DYAD)
    assert alert.date == day(16)


def test_no_alert_before_the_baseline_exists_and_all_dyads_covered():
    quiet = [merged("ACCUSE", i, 1) for i in range(10)]
    spike = [merged("ASSAULT", 1, 1, n=k) for k in range(1, 4)]    # day 1: no history yet
    assert escalation_alerts(quiet + spike, DYAD) == []
    late = [merged("ASSAULT", 9, 1, n=k) for k in range(1, 4)]
    other = [merge_events([make_event("ASSAULT", day(i), f"ind-{i}", actors=("IND", "PAK"))])
             [0] for i in range(10)]
    alerts = escalation_alerts(quiet + late + other)
    assert [(a.dyad, a.date) for a in alerts] == [(("AFG", "PAK"), day(9))]


def test_conflict_intensity_is_events_times_weighted_mean_severity():
    one = merged("ASSAULT", 0, 4)
    two = merged("ACCUSE", 0, 1, n=1)
    coop = merged("CONSULT", 0, 9, n=2)
    value, count, mentions = conflict_intensity([one, two, coop])
    assert (count, mentions) == (2, 5)
    assert value == pytest.approx(2 * (9 * 4 + 3.5) / 5)


def test_window_must_be_positive():
    with pytest.raises(ValueError):
        escalation_alerts([], DYAD, window=0)
