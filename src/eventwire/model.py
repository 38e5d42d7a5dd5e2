"""The typed records every stage passes on: articles, entities, dates, places, counts, events.

All records are frozen dataclasses with ``to_dict``/``from_dict`` that round-trip through
JSON exactly. Offsets (``span``) are Python ``str`` indices into the article's ``text``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Optional

SCHEMA_VERSION = "1.0"
PLOVER_VERSION = "1.2"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
DATE_PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "unknown")
DATE_BASES = ("text", "context", "article", "unresolved")
PLACE_PRECISIONS = ("city", "admin", "country", "border", "unknown")
FACTUALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
OUTCOMES = ("failed", "deadlocked", "concluded", "ongoing")
STANCES = ("asserts", "denies")
COUNT_KINDS = ("killed", "injured", "arrested", "displaced", "participants")

Span = tuple[int, int]


def _span(value: Any) -> Optional[Span]:
    return None if value is None else (int(value[0]), int(value[1]))


class Record:
    """Mixin: JSON-ready ``to_dict`` and a tolerant ``from_dict`` for nested dataclasses."""

    _nested: ClassVar[dict[str, Any]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _jsonable(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        kwargs = {}
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for key, value in data.items():
            if key not in names:
                continue
            kwargs[key] = cls._decode(key, value)
        return cls(**kwargs)

    @classmethod
    def _decode(cls, key: str, value: Any) -> Any:
        kind = cls._nested.get(key)
        if value is None:
            return None
        if key == "span":
            return _span(value)
        if kind is None:
            if isinstance(value, list):
                return tuple(value)
            return value
        if isinstance(kind, list):
            return tuple(kind[0].from_dict(v) for v in value)
        return kind.from_dict(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Article(Record):
    """A dated news article. ``text`` is what all offsets index into."""

    id: str
    text: str
    date: Optional[str] = None          # local calendar date of publication, YYYY-MM-DD
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None     # original timestamp with its offset, when known
    origin: Optional[str] = None        # file (and line) the article was read from

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["sha256"] = self.sha256
        return out


@dataclass(frozen=True)
class Entity(Record):
    """A party to an event: a state, its organs, an armed group, an IGO, a person."""

    id: str
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    other_sectors: tuple[str, ...] = ()
    wikidata: Optional[str] = None
    text: Optional[str] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class When(Record):
    """The period an event occupies, as far as the text tells."""

    start: Optional[str]
    end: Optional[str]
    precision: str = "unknown"
    basis: str = "unresolved"
    text: Optional[str] = None
    span: Optional[Span] = None
    # "on or before" when the text bounds the start only from above ("for more than two weeks")
    start_qualifier: Optional[str] = None


@dataclass(frozen=True)
class Place(Record):
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    precision: str = "unknown"
    text: Optional[str] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class Count(Record):
    low: int
    best: int
    high: Optional[int]
    text: str
    span: Span
    claimed_by: Optional[Entity] = None

    _nested: ClassVar[dict[str, Any]] = {"claimed_by": Entity}


@dataclass(frozen=True)
class Counts(Record):
    killed: Optional[Count] = None
    injured: Optional[Count] = None
    arrested: Optional[Count] = None
    displaced: Optional[Count] = None
    participants: Optional[Count] = None

    _nested: ClassVar[dict[str, Any]] = {k: Count for k in COUNT_KINDS}


@dataclass(frozen=True)
class Claim(Record):
    by: Optional[Entity]
    stance: str
    cue: str
    span: Span

    _nested: ClassVar[dict[str, Any]] = {"by": Entity}


@dataclass(frozen=True)
class Evidence(Record):
    text: str
    span: Span


@dataclass(frozen=True)
class Trigger(Record):
    text: str
    span: Span


@dataclass(frozen=True)
class Stage(Record):
    """How talks or an agreement stood on a reported day ("had reached a deadlock", told on
    Tuesday), when one article reports several stages of one event."""

    outcome: str
    as_of: str
    text: str
    span: Span


@dataclass(frozen=True)
class Provenance(Record):
    schema_version: str
    coder_version: str
    lexicon_sha256: str
    plover_version: str = PLOVER_VERSION


@dataclass(frozen=True)
class Event(Record):
    id: str
    article_id: str
    event_type: str
    trigger: Trigger
    provenance: Provenance
    url: Optional[str] = None
    source: Optional[str] = None
    mode: Optional[str] = None
    context: tuple[str, ...] = ()
    cameo: Optional[str] = None
    plover_score: Optional[float] = None
    quad: Optional[str] = None
    actors: tuple[Entity, ...] = ()
    recipients: tuple[Entity, ...] = ()
    mediators: tuple[Entity, ...] = ()
    date: Optional[When] = None
    location: Optional[Place] = None
    counts: Counts = field(default_factory=Counts)
    factuality: str = "asserted"
    outcome: Optional[str] = None
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    stages: tuple[Stage, ...] = ()

    _nested: ClassVar[dict[str, Any]] = {
        "trigger": Trigger,
        "provenance": Provenance,
        "actors": [Entity],
        "recipients": [Entity],
        "mediators": [Entity],
        "date": When,
        "location": Place,
        "counts": Counts,
        "claims": [Claim],
        "evidence": [Evidence],
        "stages": [Stage],
    }


def event_id(article_sha256: str, trigger_span: Span, event_type: str) -> str:
    """A stable id: the same article, trigger and type give the same id on every run."""
    key = f"{article_sha256}:{trigger_span[0]}:{trigger_span[1]}:{event_type}"
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Rejection(Record):
    """An input that could not be coded, with the reason, so nothing is silently lost."""

    origin: str                         # file path, with ":LINE" for a line of a JSON Lines file
    reason: str
    article_id: Optional[str] = None


@dataclass(frozen=True)
class MergedEvent(Record):
    """Reports of one event across articles: a representative record plus every report's
    evidence and claims, how many reports there were, and from which articles."""

    event: Event
    mentions: int
    sources: tuple[str, ...]
    members: tuple[str, ...] = ()          # ids of the article-level events merged here
    # every report's toll, as (kind, Count) pairs in COUNT_KINDS order, so that differing
    # tolls from different claimants stay side by side; ``event.counts`` holds the most reported
    counts_reported: tuple[tuple[str, Count], ...] = ()

    _nested: ClassVar[dict[str, Any]] = {"event": Event}

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict()
        out["mentions"] = self.mentions
        out["sources"] = list(self.sources)
        out["members"] = list(self.members)
        reported: dict[str, list[Any]] = {}
        for kind, count in self.counts_reported:
            reported.setdefault(kind, []).append(count.to_dict())
        out["counts_reported"] = reported
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MergedEvent":
        reported = data.get("counts_reported") or {}
        counts_reported = tuple((kind, Count.from_dict(count)) for kind in COUNT_KINDS
                                for count in reported.get(kind, ()))
        return cls(event=Event.from_dict(data), mentions=int(data["mentions"]),
                   sources=tuple(data["sources"]), members=tuple(data.get("members", ())),
                   counts_reported=counts_reported)


@dataclass(frozen=True)
class State(Record):
    """The state of one aspect of a dyad's relations (ceasefire, talks, border) on a day."""

    dyad: tuple[str, str]                  # two entity ids in alphabetical order
    kind: str                              # ceasefire | talks | border
    value: str                             # e.g. "in effect", "failed", "closed"
    since: Optional[str]                   # ISO date the value has held since
    as_of: str                             # ISO date the state is given for
    events: tuple[str, ...] = ()           # ids of the events that set or confirm it


def dyad_of(a: str, b: str) -> tuple[str, str]:
    """A dyad is two entity ids in alphabetical order."""
    return (a, b) if a <= b else (b, a)


def parse_day(value: Optional[str]) -> Optional[date]:
    """An ISO date (or the date part of an ISO timestamp), or None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
