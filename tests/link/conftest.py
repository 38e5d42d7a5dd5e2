"""A factory of synthetic article-level events for the link tests (no coder needed)."""

from __future__ import annotations

import hashlib
from typing import Optional, Sequence

import pytest

from eventwire.model import (
    Claim, Count, Counts, Entity, Event, Evidence, Place, Provenance, Trigger, When,
)

ENTITIES = {
    "AFG": Entity("AFG", "Afghanistan", country="AFG", sector="GOV"),
    "PAK": Entity("PAK", "Pakistan", country="PAK", sector="GOV"),
    "QAT": Entity("QAT", "Qatar", country="QAT", sector="GOV"),
    "TUR": Entity("TUR", "Turkey", country="TUR", sector="GOV"),
    "USA": Entity("USA", "United States", country="USA", sector="GOV"),
    "ttp": Entity("ttp", "Tehrik-e-Taliban Pakistan", country="PAK", sector="REB"),
}
PLACES = {
    "Kabul": Place("Kabul", country="AFG", admin1="Kabul", geonameid=1138958, precision="city"),
    "Paktika": Place("Paktika", country="AFG", admin1="Paktika", precision="admin"),
    "Urgun": Place("Urgun", country="AFG", admin1="Paktika", geonameid=1, precision="city"),
    "Afghanistan": Place("Afghanistan", country="AFG", geonameid=1149361, precision="country"),
    "Chaman": Place("Chaman", country="PAK", admin1="Balochistan", geonameid=2,
                    precision="city"),
    "border": Place("Afghanistan–Pakistan border", precision="border"),
    "Doha": Place("Doha", country="QAT", geonameid=290030, precision="city"),
    "Istanbul": Place("Istanbul", country="TUR", geonameid=745044, precision="city"),
}
SCORES = {"ASSAULT": -9.0, "CONCEDE": 4.5, "CONSULT": 1.0, "AGREE": 2.5, "ACCUSE": -3.5,
          "COERCE": -7.0, "RETREAT": 6.5, "REJECT": -2.0, "SUPPORT": 5.0}
TRIGGERS = {"ASSAULT": "clashes", "CONCEDE": "agreed to a ceasefire", "CONSULT": "talks",
            "AGREE": "agreed", "ACCUSE": "accused", "COERCE": "closed", "RETREAT": "reopened",
            "REJECT": "denied", "SUPPORT": "praised"}
PROVENANCE = Provenance(schema_version="1.0", coder_version="test", lexicon_sha256="0" * 64)


def make_event(event_type: str, actors: Sequence[str] = ("AFG", "PAK"), *,
               recipients: Sequence[str] = (), mediators: Sequence[str] = (),
               day: Optional[str] = "2025-10-19", end: Optional[str] = None,
               article: str = "a1", trigger: Optional[str] = None, mode: Optional[str] = None,
               cameo: Optional[str] = None, score: Optional[float] = None,
               factuality: str = "asserted", outcome: Optional[str] = None,
               place: Optional[str] = None, sentence: Optional[str] = None,
               precision: str = "day", basis: str = "text", qualifier: Optional[str] = None,
               claims: Sequence[tuple[str, str]] = (), killed: Optional[tuple[int, str]] = None,
               confidence: float = 0.7, offset: int = 0) -> Event:
    """An article-level event. ``sentence`` is its evidence (placed at ``offset`` in the
    article, the trigger inside it when it occurs there); ``claims`` are (entity id, stance);
    ``killed`` is (number, claimant id)."""
    trigger_text = trigger or TRIGGERS[event_type]
    sentence = sentence or f"{event_type} sentence: {trigger_text}."
    at = sentence.find(trigger_text)
    t0 = offset + (at if at >= 0 else 0)
    key = f"{article}|{event_type}|{trigger_text}|{day}|{end}|{factuality}|{offset}|{actors}"
    when = None if day is None else When(day, end or day, precision=precision, basis=basis,
                                         start_qualifier=qualifier)
    counts = Counts()
    if killed is not None:
        counts = Counts(killed=Count(killed[0], killed[0], killed[0], str(killed[0]),
                                     (offset, offset + 2), claimed_by=ENTITIES[killed[1]]))
    return Event(
        id="ev_" + hashlib.sha256(key.encode()).hexdigest()[:24],
        article_id=article, event_type=event_type,
        trigger=Trigger(trigger_text, (t0, t0 + len(trigger_text))),
        provenance=PROVENANCE, mode=mode, cameo=cameo,
        plover_score=SCORES.get(event_type) if score is None else score,
        actors=tuple(ENTITIES[a] for a in actors),
        recipients=tuple(ENTITIES[r] for r in recipients),
        mediators=tuple(ENTITIES[m] for m in mediators),
        date=when, location=PLACES[place] if place else None, counts=counts,
        factuality=factuality, outcome=outcome,
        claims=tuple(Claim(by=ENTITIES[who], stance=stance, cue="said" if stance == "asserts"
                           else "denied", span=(offset, offset + 4)) for who, stance in claims),
        evidence=(Evidence(sentence, (offset, offset + len(sentence))),),
        confidence=confidence,
    )


@pytest.fixture(scope="session")
def ev():
    """The event factory (session-scoped so that hypothesis tests may use it)."""
    return make_event
