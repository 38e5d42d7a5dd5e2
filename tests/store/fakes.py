"""A fake coder for store tests: fast, deterministic events from a tiny sentence grammar.

Each sentence "XXX <verb> YYY." (three-letter upper-case ids) gives one event: the verb
picks the type, XXX is the actor and YYY the recipient (or a second actor for reciprocal
verbs). The event is dated by the article's publication date.
"""

from __future__ import annotations

import re

from eventwire.model import (Article, Entity, Event, Evidence, Provenance, Trigger, When,
                             event_id)

VERBS = {
    "attacked": ("ASSAULT", False, -10.0, "material conflict"),
    "met": ("CONSULT", True, 1.0, "verbal cooperation"),
    "agreed": ("AGREE", True, 3.0, "verbal cooperation"),
    "accused": ("ACCUSE", False, -2.0, "verbal conflict"),
    "aided": ("AID", False, 7.0, "material cooperation"),
}
SENTENCE = re.compile(r"\b([A-Z]{3}) (" + "|".join(VERBS) + r") ([A-Z]{3})\b[^.]*\.")
PROVENANCE = Provenance("1.0", "fake", "0" * 64)


class FakeCoder:
    """Stands in for eventwire.pipeline.Coder (extract and extract_many)."""

    provenance = PROVENANCE

    def __init__(self, fail_on: str | None = None):
        self.coded: list[str] = []
        self.fail_on = fail_on

    def extract(self, article: Article) -> list[Event]:
        self.coded.append(article.id)
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError("lexicon exploded")
        events = []
        for m in SENTENCE.finditer(article.text):
            a, verb, b = m.groups()
            kind, reciprocal, score, quad = VERBS[verb]
            first = Entity(id=a, name=f"State {a}", country=a, sector="GOV", text=a,
                           span=m.span(1))
            second = Entity(id=b, name=f"State {b}", country=b, sector="GOV", text=b,
                            span=m.span(3))
            day = article.date
            events.append(Event(
                id=event_id(article.sha256, m.span(2), kind), article_id=article.id,
                url=article.url, source=article.source, event_type=kind,
                trigger=Trigger(verb, m.span(2)), provenance=PROVENANCE,
                plover_score=score, quad=quad, context=("diplomatic",),
                actors=(first, second) if reciprocal else (first,),
                recipients=() if reciprocal else (second,),
                date=When(day, day, "day", "article") if day else None,
                evidence=(Evidence(m.group(0), m.span()),), confidence=0.7))
        return events

    def extract_many(self, articles, batch_size: int = 16):
        for article in articles:
            yield article, self.extract(article)


VOCABULARY = (
    "officials ministry spokesman residents trade trucks border crossing market village "
    "district province capital road convoy hospital school council elders police army "
    "statement meeting delegation envoy schedule week month morning evening night rain "
    "winter harvest prices fuel flour exports imports customs traders drivers families "
    "refugees camps shelters water power lines roads bridges airport flights visas "
    "journalists cameras radio television newspapers analysts observers diplomats "
    "lawyers courts judges prisoners students teachers doctors nurses farmers workers"
).split()


def filler(n: int, sentences: int = 6) -> str:
    """A paragraph particular to story n, so that stories do not resemble each other."""
    import random

    rng = random.Random(n)
    pick = lambda: rng.choice(VOCABULARY)  # noqa: E731
    return " ".join(f"The {pick()} of the {pick()} said that the {pick()} and the {pick()} "
                    f"were with the {pick()} for {pick()}." for _ in range(sentences))


STORIES = [
    ("2025-10-09", "PAK attacked AFG near Kabul late at night."),
    ("2025-10-10", "AFG accused PAK of violating its airspace."),
    ("2025-10-12", "AFG attacked PAK at several border posts. PAK attacked AFG in response."),
    ("2025-10-15", "PAK met AFG in Doha for talks."),
    ("2025-10-19", "PAK agreed AFG to an immediate ceasefire."),
    ("2025-06-13", "ISR attacked IRN at Natanz."),
    ("2025-06-14", "IRN attacked ISR with missiles and drones."),
    ("2025-06-23", "USA aided ISR with air defence."),
    ("2025-10-06", "ISR met PSE in Sharm el-Sheikh."),
    ("2025-10-20", "ISR attacked PSE in Rafah."),
]


def article(n: int, **fields) -> Article:
    """The n-th story of STORIES as an Article (ids "story-N"), a paragraph of its own after."""
    date, lead = STORIES[n % len(STORIES)]
    values = {"id": f"story-{n}", "date": date, "source": "Wire",
              "text": f"{lead}\n\n{filler(n)}", "origin": f"story-{n}.txt"}
    values.update(fields)
    return Article(**values)


def articles(count: int = len(STORIES)) -> list[Article]:
    return [article(n) for n in range(count)]


def dated_text(item: Article) -> str:
    """The canonical dated-text form of an article (id from the file name)."""
    return f"date {item.date} {item.text}"
