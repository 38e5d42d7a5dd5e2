"""The state of a dyad's ceasefire, talks and border, day by day, driven by its events.

Each kind is a small state machine fed with signals read off merged events (a ceasefire
declared, an attack, talks opening or failing, a crossing closed), processed in event-time
order. The rules, with the reasons for them, are in docs/STATES.md. Every state carries the
ids of the reports that set or confirm it, so any answer can be traced to its sentences.
"""

from __future__ import annotations

import heapq
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Mapping, Optional, Sequence, Union

from ..model import Event, MergedEvent, State, dyad_of
from .dyads import Dyad, dyads_in, in_dyad
from .intervals import Interval, days_between, interval_of, on_timeline, parse_day
from .merge import FACTUALITY_CLASS, cluster_events, merge_cluster
from .published import known_by_filter, publication_dates

__all__ = ["STATE_KINDS", "dyad_states", "dyads_in", "state_changes", "state_timeline"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

STATE_KINDS = ("ceasefire", "talks", "border")
CEASEFIRE_VALUES = ("agreed", "in effect", "violated", "collapsed")
TALKS_VALUES = ("scheduled", "under way", "deadlocked", "failed", "concluded")
BORDER_VALUES = ("open", "closed")

CEASEFIRE_WORD = re.compile(r"\b(?:cease-?fires?|truces?|armistices?)\b", re.I)
# "an immediate ceasefire", "the truce took effect at noon": in effect on the day it is agreed
IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b|\beffective immediately\b"
                       r"|\b(?:took|came into|went into|has taken|have taken|had taken) "
                       r"(?:effect|force)\b", re.I)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "fifteen": 15,
                "twenty": 20, "thirty": 30}
_AMOUNT = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
# a duration that modifies the ceasefire: "a 48-hour (temporary) ceasefire", "a truce of 72
# hours", "a ceasefire for three days" -- not any duration in its sentence ("after four days
# of negotiations, the ceasefire ...")
DURATION_BEFORE = re.compile(
    _AMOUNT + r"[\s-](hour|day|week)s?[\s-]+(?:long\s+)?"
    r"(?:(?:temporary|humanitarian|unilateral|bilateral|mutual|limited|partial|holiday|new|"
    r"brief|initial|tentative|fragile|immediate)\s+){0,2}$", re.I)
DURATION_AFTER = re.compile(
    r"^\s+(?:of|for|lasting)\s+(?:up to\s+|about\s+|some\s+)?" + _AMOUNT
    + r"[\s-](hour|day|week)s?\b", re.I)
# "the 48-hour truce lapsed", "after the truce expired", "the collapse of the ceasefire"
CEASEFIRE_ENDED = re.compile(
    r"\b(?:cease-?fire|truce|armistice)s?(?:\s+(?:had|has|have|was|had been|has been))?"
    r"(?:\s+(?:officially|formally|finally|already|effectively))?"
    r"\s+(?:lapsed|expired|ended|collapsed|broke down|broken down|fell apart|ran out|run out)\b"
    r"|\b(?:end|collapse|expiry|expiration|lapse|breakdown)\s+of\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:cease-?fire|truce|armistice)s?\b", re.I)
MEETING_WORD = re.compile(r"\b(?:meet|meets|meeting|meetings|talks?|negotiat\w*|round|session|"
                          r"summit|discussions?|dialogue)\b", re.I)
BORDER_WORD = re.compile(r"\b(?:borders?|crossings?|frontiers?|checkpoints?|border posts?)\b",
                         re.I)
REOPEN_WORD = re.compile(r"\bre-?open\w*\b", re.I)

# Without a duration of its own, a ceasefire agreed "to take effect later" is expected to
# take effect by the next day; a report of the planned start this many days ahead overrides.
PLANNED_EFFECT_HORIZON = 30


# ---------------------------------------------------------------------------- public API


def dyad_states(events: Iterable[Union[Event, MergedEvent]], dyad: tuple[str, str], as_of: str,
                known_by: Optional[str] = None,
                published: Optional[Mapping[str, str]] = None) -> list[State]:
    """The dyad's states on ``as_of`` (event time), in STATE_KINDS order.

    Promises: one State per kind whose value has been set on or before ``as_of``; each with
    the value, the day it began (``since``; None for a border taken to be open before its
    first reported closure), ``as_of``, and the ids of the events that set or confirm it up to
    ``as_of``. With ``known_by``, only reports published on or before that date count
    (``published`` maps article ids to publication dates; see docs/STATES.md for merged
    events). Article-level events are merged first; merged events are used as they are."""
    day = _day(as_of, "as_of")
    histories = _histories(events, dyad_of(*dyad), known_by, published)
    out = []
    for kind in STATE_KINDS:
        segment = _segment_on(histories[kind], day)
        if segment is not None:
            out.append(segment.state(dyad_of(*dyad), kind, day))
    return out


def state_timeline(events: Iterable[Union[Event, MergedEvent]], dyad: tuple[str, str],
                   start: str, end: str, known_by: Optional[str] = None,
                   published: Optional[Mapping[str, str]] = None) -> list[dict]:
    """One row per day from start to end inclusive: ``{"date", "ceasefire", "talks",
    "border"}``, each value a state value or None when that kind had not been set. The same
    answer, day by day, as ``dyad_states`` with that day as ``as_of``."""
    first, last = _day(start, "start"), _day(end, "end")
    histories = _histories(events, dyad_of(*dyad), known_by, published)
    rows = []
    for day in days_between(first, last):
        row: dict = {"date": day.isoformat()}
        for kind in STATE_KINDS:
            segment = _segment_on(histories[kind], day)
            row[kind] = segment.value if segment else None
        rows.append(row)
    return rows


def state_changes(events: Iterable[Union[Event, MergedEvent]], dyad: tuple[str, str],
                  known_by: Optional[str] = None,
                  published: Optional[Mapping[str, str]] = None) -> list[State]:
    """Every change of every kind, in date order: one State per change with ``as_of`` equal to
    the day it was set and the ids of the events that set it (for timelines and the store)."""
    pair = dyad_of(*dyad)
    histories = _histories(events, pair, known_by, published)
    out = []
    for kind in STATE_KINDS:
        for segment in histories[kind]:
            if segment.since is None:
                continue
            out.append(segment.state(pair, kind, segment.since, setting_only=True))
    out.sort(key=lambda s: (s.since or "", STATE_KINDS.index(s.kind)))
    return out


# ---------------------------------------------------------------------------- histories


@dataclass
class _Segment:
    """A value held from ``since`` until the next segment, with dated evidence."""

    value: str
    since: Optional[date]
    evidence: list[tuple[date, tuple[str, ...]]] = field(default_factory=list)

    def confirm(self, day: date, ids: Sequence[str]) -> None:
        self.evidence.append((day, tuple(ids)))

    def state(self, dyad: Dyad, kind: str, as_of: date, setting_only: bool = False) -> State:
        ids: list[str] = []
        for day, group in self.evidence:
            if day <= as_of and (not setting_only or day == self.since):
                ids.extend(i for i in group if i not in ids)
        return State(dyad=dyad, kind=kind, value=self.value,
                     since=self.since.isoformat() if self.since else None,
                     as_of=as_of.isoformat(), events=tuple(ids))


class _History(list):
    """The segments of one kind, in date order."""

    def set(self, value: str, day: date, ids: Sequence[str]) -> None:
        if self and self[-1].value == value:
            self[-1].confirm(day, ids)
            return
        segment = _Segment(value, day)
        segment.confirm(day, ids)
        self.append(segment)

    @property
    def value(self) -> Optional[str]:
        return self[-1].value if self else None

    @property
    def since(self) -> Optional[date]:
        return self[-1].since if self else None


def _segment_on(history: Sequence[_Segment], day: date) -> Optional[_Segment]:
    current = None
    for segment in history:
        if segment.since is None or segment.since <= day:
            current = segment
        else:
            break
    return current


@dataclass(frozen=True)
class _Group:
    """One event as the state machines see it: the merged record and its reports."""

    event: Event                    # merged record (parties unioned, most precise date)
    reports: tuple[Event, ...]      # article-level reports, or the merged record alone
    ids: tuple[str, ...]            # event ids cited as evidence
    interval: Optional[Interval]
    announced: Optional[date]       # when the event was first told of (for planned events)


def _histories(events, dyad: Dyad, known_by: Optional[str],
               published: Optional[Mapping[str, str]]) -> dict[str, _History]:
    groups = _groups(events, dyad, known_by, published)
    return {"ceasefire": _ceasefire_history(groups), "talks": _talks_history(groups),
            "border": _border_history(groups)}


def _groups(events, dyad: Dyad, known_by: Optional[str],
            published: Optional[Mapping[str, str]]) -> list[_Group]:
    items = list(events)
    raw = [e for e in items if isinstance(e, Event)]
    merged = [m for m in items if isinstance(m, MergedEvent)]
    dates = publication_dates(raw, published)
    raw = known_by_filter(raw, known_by, dates)
    given = published or {}
    if known_by is not None:
        merged = [m for m in merged if _first_published(m, given) is not None
                  and _first_published(m, given) <= known_by[:10]]

    members = set(dyad)
    near = [e for e in raw if members & {x.id for x in e.actors + e.recipients}]
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in raw:
        by_article[event.article_id].append(event)

    groups: list[_Group] = []
    for cluster in cluster_events(near, dates):
        record = merge_cluster(cluster, dates).event
        if not in_dyad(record, dyad):
            continue
        announced = [_announced(r, dates.get(r.article_id), by_article[r.article_id])
                     for r in cluster]
        groups.append(_Group(record, tuple(cluster), tuple(r.id for r in cluster),
                             interval_of(record), min((a for a in announced if a), default=None)))
    for item in merged:
        if not in_dyad(item, dyad):
            continue
        first = _first_published(item, given)
        groups.append(_Group(item.event, (item.event,), (item.event.id,),
                             interval_of(item.event), parse_day(first)))
    groups.sort(key=lambda g: (g.interval.start if g.interval else date.max, g.ids))
    logger.debug("dyad %s: %d events after merging", "-".join(dyad), len(groups))
    return groups


def _first_published(item: MergedEvent, published: Mapping[str, str]) -> Optional[str]:
    days = [published[s][:10] for s in item.sources if published.get(s)]
    return min(days) if days else None


def _announced(report: Event, published: Optional[str],
               article_events: Sequence[Event]) -> Optional[date]:
    """When a planned event was announced: the article's publication date, or earlier when the
    sentence telling of it also tells of an asserted event dated earlier ("agreed on Thursday
    to meet again on Nov 6", published on Friday: announced Thursday)."""
    day = parse_day(published)
    spans = [ev.span for ev in report.evidence]
    for other in article_events:
        if other.id == report.id or FACTUALITY_CLASS.get(other.factuality) != "actual":
            continue
        if not any(_overlaps(a, ev.span) for a in spans for ev in other.evidence):
            continue
        interval = interval_of(other)
        if on_timeline(interval) and (day is None or interval.start <= day):
            day = interval.start if day is None else min(day, interval.start)
    return day


def _overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------------------- signals


def _actual(event: Event) -> bool:
    return FACTUALITY_CLASS.get(event.factuality) == "actual"


def _is_ceasefire(event: Event) -> bool:
    if event.event_type in ("CONCEDE", "RETREAT") and (
            event.cameo == "0871" or event.mode == "ceasefire"):
        return True
    return event.event_type in ("CONCEDE", "RETREAT", "AGREE") and bool(
        CEASEFIRE_WORD.search(event.trigger.text))


def _ceasefire_sentences(group: _Group) -> list[str]:
    texts = [ev.text for r in group.reports for ev in r.evidence]
    texts += [r.trigger.text for r in group.reports]
    return [t for t in dict.fromkeys(texts) if CEASEFIRE_WORD.search(t)]


def _duration_days(sentences: Sequence[str]) -> Optional[int]:
    """The length of a ceasefire stated with it ("a 48-hour truce", "a ceasefire for three
    days"), in whole days counted from the day it was agreed (48 hours -> 2)."""
    for text in sentences:
        for word in CEASEFIRE_WORD.finditer(text):
            match = (DURATION_BEFORE.search(text[max(0, word.start() - 60):word.start()])
                     or DURATION_AFTER.search(text[word.end():word.end() + 40]))
            if match is None:
                continue
            number = match.group(1).lower()
            amount = int(number) if number.isdigit() else NUMBER_WORDS[number]
            unit = match.group(2).lower()
            days = {"hour": -(-amount // 24), "day": amount, "week": 7 * amount}[unit]
            if days > 0:
                return days
    return None


def _ended(texts: Iterable[str]) -> bool:
    return any(CEASEFIRE_ENDED.search(t) for t in texts)


def _trigger_says_ended(report: Event) -> bool:
    """True when the report's own ceasefire is the one said to end ("announced the end of the
    ceasefire"), not another one named beside it ("after the truce lapsed, they agreed to a
    new ceasefire")."""
    if CEASEFIRE_ENDED.search(report.trigger.text):
        return True
    t0, t1 = report.trigger.span
    for evidence in report.evidence:
        e0 = evidence.span[0]
        for match in CEASEFIRE_ENDED.finditer(evidence.text):
            if _overlaps((e0 + match.start(), e0 + match.end()), (t0, t1)):
                return True
    return False


def _evidence_texts(group: _Group) -> list[str]:
    return list(dict.fromkeys(ev.text for r in group.reports for ev in r.evidence))


# Order of signals on one day: a lapse, then fighting, then an agreement, then reports that a
# ceasefire is in effect (the day's clashes come before the evening's truce).
_LAPSE, _COLLAPSE, _ASSAULT, _AGREE, _EFFECT = range(5)


def _ceasefire_history(groups: Sequence[_Group]) -> _History:
    queue: list[tuple] = []
    planned: list[date] = []
    seq = 0

    def push(day: date, order: int, action: str, ids, **extra):
        nonlocal seq
        heapq.heappush(queue, (day, order, seq, action, tuple(ids), extra))
        seq += 1

    for group in groups:
        event, interval = group.event, group.interval
        if not on_timeline(interval):
            continue
        if _is_ceasefire(event):
            sentences = _ceasefire_sentences(group)
            if event.factuality == "future" and event.event_type in ("CONCEDE", "RETREAT"):
                planned.append(interval.start)
                push(interval.start, _EFFECT, "planned", group.ids)
            elif not _actual(event):
                continue
            elif any(_trigger_says_ended(r) for r in group.reports):
                push(interval.start, _COLLAPSE, "collapse", group.ids)
            elif event.event_type == "RETREAT":
                push(interval.start, _EFFECT, "effect", group.ids)
            else:
                push(interval.start, _AGREE, "agree", group.ids,
                     immediate=any(IMMEDIATE.search(t) for t in sentences),
                     lapse=_duration_days(sentences))
        elif event.event_type == "ASSAULT" and _actual(event):
            push(interval.start, _ASSAULT, "assault", group.ids,
                 ended=_ended(_evidence_texts(group)))

    history = _History()
    epoch = 0                        # the agreement in force; stale lapses are ignored
    agreed_on: Optional[date] = None
    lapse_on: Optional[date] = None
    while queue:
        day, _, _, action, ids, extra = heapq.heappop(queue)
        value = history.value
        if action == "agree":
            if value in ("agreed", "in effect"):
                if value == "agreed" and day > history.since:
                    history.set("in effect", day, ids)
                else:
                    history.set(value, day, ids)
                if lapse_on is None and extra["lapse"]:
                    lapse_on = day + timedelta(days=extra["lapse"])
                    push(lapse_on, _LAPSE, "lapse", ids, epoch=epoch)
                continue
            epoch += 1
            agreed_on = day
            lapse_on = None
            if extra["immediate"] or extra["lapse"]:
                history.set("in effect", day, ids)
            else:
                history.set("agreed", day, ids)
                if not any(day < p <= day + timedelta(days=PLANNED_EFFECT_HORIZON)
                           for p in planned):
                    push(day + timedelta(days=1), _LAPSE, "auto-effect", ids, epoch=epoch)
            if extra["lapse"]:
                lapse_on = day + timedelta(days=extra["lapse"])
                push(lapse_on, _LAPSE, "lapse", ids, epoch=epoch)
        elif action == "auto-effect":
            if extra["epoch"] == epoch and value == "agreed":
                history.set("in effect", day, ids)
        elif action == "lapse":
            if extra["epoch"] == epoch and value in ("agreed", "in effect", "violated"):
                history.set("collapsed", day, ids)
        elif action == "planned":
            if value == "agreed":
                history.set("in effect", day, ids)
        elif action == "effect":
            history.set("in effect", day, ids)
        elif action == "collapse":
            history.set("collapsed", day, ids)
        elif action == "assault":
            if agreed_on is None or day <= agreed_on:
                continue                    # fighting before the truce (or on its day)
            if extra["ended"] and value in ("agreed", "in effect", "violated", "collapsed"):
                history.set("collapsed", day, ids)
            elif value == "in effect":
                history.set("violated", day, ids)
            elif value == "violated":
                history.set("violated", day, ids)
    return history


def _is_future_talks(event: Event) -> bool:
    if event.factuality != "future":
        return False
    if event.event_type == "CONSULT":
        return True
    return event.event_type == "AGREE" and bool(MEETING_WORD.search(event.trigger.text))


def _called_off(event: Event) -> bool:
    """Talks told as not held and failed: a meeting called off or cancelled."""
    return event.event_type == "CONSULT" and event.factuality == "negated" \
        and event.outcome == "failed"


_UNDER_WAY, _ONGOING, _DEADLOCKED, _ENDED, _SCHEDULED = range(5)
_OUTCOME_ORDER = {"ongoing": _ONGOING, "deadlocked": _DEADLOCKED, "failed": _ENDED,
                  "concluded": _ENDED}


def _talks_history(groups: Sequence[_Group]) -> _History:
    signals: list[tuple] = []
    agreements = [g for g in groups if g.event.event_type in ("CONCEDE", "AGREE")
                  and _actual(g.event) and on_timeline(g.interval)]
    held = [g for g in groups if g.event.event_type == "CONSULT" and _actual(g.event)
            and on_timeline(g.interval)]
    for start, end, reports, ids in _talks_rounds(held):
        signals.append((start, _UNDER_WAY, "under way", ids, end))
        outcomes = []
        for report in reports:
            if report.outcome not in _OUTCOME_ORDER:
                continue
            told = interval_of(report)
            day = max(start, told.end) if on_timeline(told) else end
            if report.outcome in ("failed", "concluded"):
                day = max(day, end)         # talks end when their last known day ends
            value = "under way" if report.outcome == "ongoing" else report.outcome
            outcomes.append((day, _OUTCOME_ORDER[report.outcome], value, (report.id,), end))
        for report in reports:
            # earlier stages one article reports ("had reached a deadlock" on Tuesday)
            for stage in getattr(report, "stages", ()):
                if stage.outcome not in ("deadlocked", "ongoing"):
                    continue
                day = date.fromisoformat(stage.as_of)
                if start <= day <= end:
                    value = "under way" if stage.outcome == "ongoing" else stage.outcome
                    outcomes.append((day, _OUTCOME_ORDER[stage.outcome], value, (report.id,), end))
        if not any(o[2] != "under way" for o in outcomes):
            produced = [a for a in agreements if start <= a.interval.start <= end]
            if produced:
                outcomes.append((end, _ENDED, "concluded",
                                 ids + tuple(i for a in produced for i in a.ids), end))
        signals.extend(outcomes)
    for group in groups:
        if _called_off(group.event) and on_timeline(group.interval):
            # "the talks planned in Muscat were called off": no round was held, and the
            # talks failed the day they were called off
            day = group.interval.start
            signals.append((day, _ENDED, "failed", group.ids, day))
            continue
        if _is_future_talks(group.event) and on_timeline(group.interval):
            meeting = group.interval.start
            if group.announced is not None and group.announced < meeting:
                signals.append((group.announced, _SCHEDULED, "scheduled", group.ids, meeting))

    history = _History()
    active_end: Optional[date] = None       # last day of the talks now under way
    for day, _, value, ids, end in sorted(signals, key=lambda s: (s[0], s[1], s[3])):
        if value == "scheduled":
            if history.value == "under way" and active_end is not None and day <= active_end:
                continue                    # the next round is announced while talks go on
            history.set(value, day, ids)
            continue
        if value == "under way":
            active_end = end if active_end is None or history.value != "under way" \
                else max(active_end, end)
        history.set(value, day, ids)
    return history


def _talks_rounds(groups: Sequence[_Group]
                  ) -> list[tuple[date, date, tuple[Event, ...], tuple[str, ...]]]:
    """Talks between one dyad whose days overlap or touch are one round, whatever the
    merging made of their reports (a report placing the talks in the wrong city stays a
    separate event, but not a separate round). Each round: (start, end, reports, ids); its
    days are the span of its day-precise reports, else of its events."""
    spans = sorted((((_talks_interval(g.reports) or (g.interval.start, g.interval.end)), g)
                    for g in groups), key=lambda pair: (pair[0], pair[1].ids))
    rounds: list[list] = []
    for (start, end), group in spans:
        if rounds and start <= rounds[-1][1] + timedelta(days=1):
            rounds[-1][1] = max(rounds[-1][1], end)
            rounds[-1][2].append(group)
        else:
            rounds.append([start, end, [group]])
    out = []
    for start, end, members in rounds:
        reports = tuple(r for g in members for r in g.reports)
        out.append((start, end, reports, tuple(i for g in members for i in g.ids)))
    return out


def _talks_interval(reports: Sequence[Event]) -> Optional[tuple[date, date]]:
    """The span of the day-precise reports (None when there are none)."""
    spans = [interval_of(r) for r in reports]
    days = [s for s in spans if s is not None and s.precision == "day" and not s.open_start]
    if not days:
        return None
    return min(s.start for s in days), max(s.end for s in days)


def _is_closure(group: _Group) -> bool:
    event = group.event
    if event.event_type != "COERCE" or event.mode != "restrict" or not _actual(event):
        return False
    if event.location is not None and event.location.precision == "border":
        return True
    texts = [r.trigger.text for r in group.reports] + _evidence_texts(group)
    return any(BORDER_WORD.search(t) for t in texts)


def _is_reopening(group: _Group) -> bool:
    event = group.event
    if event.event_type != "RETREAT" or not _actual(event):
        return False
    return event.mode == "access" or any(REOPEN_WORD.search(r.trigger.text)
                                         for r in group.reports)


def _border_history(groups: Sequence[_Group]) -> _History:
    signals = []
    for group in groups:
        if not on_timeline(group.interval):
            continue
        if _is_closure(group):
            signals.append((group.interval.start, 0, "closed", group.ids,
                            group.interval.open_start))
        elif _is_reopening(group):
            signals.append((group.interval.start, 1, "open", group.ids, False))
    signals.sort(key=lambda s: (s[0], s[1], s[3]))
    history = _History()
    for day, _, value, ids, _open_start in signals:
        history.set(value, day, ids)
    # A closure implies the border was open before it, unless the closure's start is known
    # only as "on or before" a day (then the earlier days are not known to be open).
    if history and history[0].value == "closed" and not signals[0][4]:
        history.insert(0, _Segment("open", None))
    return history


def _day(value: str, name: str) -> date:
    day = parse_day(value)
    if day is None:
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")
    return day
