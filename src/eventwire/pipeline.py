"""The coder: one object that holds the loaded pipeline and resources and codes articles."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Iterable, Iterator, Optional

from . import __version__
from .extract.entities import placed
from .model import (SCHEMA_VERSION, Article, Event, Evidence, Provenance, Trigger, event_id,
                    parse_day)
from .nlp.sentences import doc_text as cached_text, sentence_of

log = logging.getLogger(__name__)


class Coder:
    """Loads the spaCy pipeline and eventwire's resources once; codes articles into events.

    ``Coder.load()`` is the only expensive step; ``extract`` is safe to call many times.
    """

    def __init__(self, nlp, entities, mention_finder, lexicon, gazetteer):
        from .extract.events import EventFinder
        from .resources import lexicon_sha256

        self.nlp = nlp
        self.entities = entities
        self.mention_finder = mention_finder
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.event_finder = EventFinder(lexicon)
        self.provenance = Provenance(schema_version=SCHEMA_VERSION, coder_version=__version__,
                                     lexicon_sha256=lexicon_sha256())

    @classmethod
    def load(cls, model: Optional[str] = None) -> "Coder":
        from .extract.entities import EntityDictionary, MentionFinder
        from .extract.lexicon import Lexicon
        from .extract.places import Gazetteer
        from .nlp import load_pipeline

        nlp = load_pipeline(model)
        entities = EntityDictionary.load()
        return cls(nlp, entities, MentionFinder(nlp, entities), Lexicon.load(), Gazetteer.load())

    def extract(self, article: Article) -> list[Event]:
        """Code one article; events come back in text order."""
        return self.code_doc(article, self.nlp(article.text))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16
                     ) -> Iterator[tuple[Article, list[Event]]]:
        """Code many articles, parsing them in batches (faster than one by one)."""
        buffer: list[Article] = []
        for article in articles:
            buffer.append(article)
            if len(buffer) >= batch_size:
                yield from self._batch(buffer)
                buffer = []
        if buffer:
            yield from self._batch(buffer)

    def _batch(self, articles: list[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article, doc in zip(articles, self.nlp.pipe(a.text for a in articles)):
            yield article, self.code_doc(article, doc)

    def analyse(self, article: Article, doc=None, counts: bool = True) -> "Analysis":
        """Everything extraction sees before coding events (used by ``annotate`` and tests).
        ``counts=False`` leaves the numbers out (coding finds them only where needed)."""
        from .extract.counts import find_counts
        from .extract.entities import EntityResolver
        from .extract.places import find_places
        from .extract.time import find_times

        doc = doc if doc is not None else self.nlp(article.text)
        # the parse is of the article's text: keep it, rather than rebuild it from the tokens
        doc.user_data.setdefault("eventwire_text", article.text)
        day = parse_day(article.date)
        mentions = self.mention_finder.find(doc)
        resolver = EntityResolver(doc, mentions, self.entities, article.date)
        context = [e.id for e in resolver.main_pair]
        times = find_times(doc, day)
        places = find_places(doc, self.gazetteer, context)
        places += self._capitals_as_places(doc, mentions, places, context)
        resolver.know_places(places)
        return Analysis(doc, day, mentions, resolver, times, places,
                        find_counts(doc) if counts else [])

    def _capitals_as_places(self, doc, mentions, places, context):
        """Capitals the NER missed ('held talks in Montevideo'): the dictionary knows them."""
        taken = {p.span for p in places}
        covered = {i for p in places for i in range(p.span[0], p.span[1])}
        extra = []
        for m in mentions:
            if m.kind != "metonym":
                continue
            span = doc[m.start:m.end]
            if (span.start_char, span.end_char) in taken or span.start_char in covered:
                continue
            place = self.gazetteer.lookup(span.text, context)
            if place is not None:
                extra.append(replace(place, text=span.text, span=(span.start_char, span.end_char)))
        return extra

    def code_doc(self, article: Article, doc) -> list[Event]:
        from .extract.article import ArticleAssembler, to_counts

        from .extract.counts import find_counts

        a = self.analyse(article, doc, counts=False)
        cands = self.event_finder.find(doc, a.resolver)
        if any(c.event_type in COUNTED_TYPES and not c.suppressed for c in cands):
            a.counts = find_counts(doc)     # tolls and crowds matter only to these events
        assembler = ArticleAssembler(doc, a.day, a.times, a.places, a.counts, a.resolver,
                                     self.lexicon.report_verbs, self.lexicon.nonpolitical_cues)
        clusters = assembler.assemble(cands)
        sha = article.sha256
        doc_text = cached_text(doc)
        events = []
        for cl in clusters:
            first = cl.first
            named = [m for m in cl.members if not m.reciprocal_fallback]
            # parties taken from the article's main pair only fill in when no mention names any
            actors = _merge_entities(m.actors for m in (named if any(m.actors for m in named)
                                                        else cl.members))
            recipients = [r for r in _merge_entities(m.recipients for m in cl.members)
                          if all(r.id != x.id for x in actors)]
            mediators = [m for m in _merge_entities(m.mediators for m in cl.members)
                         if all(m.id != x.id for x in actors + recipients)]
            if cl.location is not None and cl.location.country:
                actors = [_placed(e, cl.location.country) for e in actors]
                recipients = [_placed(e, cl.location.country) for e in recipients]
            actors, recipients = a.resolver.countries_from_sentence(actors, recipients)
            claims = _unique_claims(c for m in cl.members for c in m.claims)
            outcome = max((m.outcome for m in cl.members),
                          key=lambda o: {"failed": 3, "concluded": 3, "deadlocked": 2,
                                         "ongoing": 1}.get(o, 0))
            mode = next((m.mode for m in cl.members if m.mode), None)
            factuality = first.factuality
            when = cl.date.when() if cl.date is not None else None
            if (factuality == "asserted" and when is not None and when.end and article.date
                    and _years_before(when.end, article.date) >= 1):
                factuality = "historical"
            evidence = []
            for m in cl.members:
                sent = sentence_of(m.head)
                # the sentence's text from the article's (Span.text rebuilds it token by token)
                text = doc_text[sent.start_char:sent.end_char].rstrip()
                ev = Evidence(text=text, span=(sent.start_char, sent.start_char + len(text)))
                if ev not in evidence:
                    evidence.append(ev)
            shown = _predicate_member(cl.members)
            trig_text = doc_text[shown.trigger_span[0]:shown.trigger_span[1]]
            confidence = _confidence(cl, actors, recipients, when)
            event_type = first.event_type
            stages = _stages(cl.members, doc_text)
            events.append(Event(
                id=event_id(sha, first.trigger_span, event_type),
                article_id=article.id, url=article.url, source=article.source,
                event_type=event_type, mode=mode,
                context=tuple(dict.fromkeys(c for m in cl.members for c in m.entry.context)),
                cameo=first.entry.cameo if event_type == first.entry.type else None,
                plover_score=self.lexicon.score(event_type, mode),
                quad=self.lexicon.quad(event_type),
                trigger=Trigger(text=trig_text, span=shown.trigger_span),
                actors=tuple(actors), recipients=tuple(recipients), mediators=tuple(mediators),
                date=when, location=cl.location, counts=to_counts(cl.counts, claims, assembler.count_claimants),
                factuality=factuality, outcome=outcome, claims=tuple(claims),
                evidence=tuple(evidence), confidence=confidence, provenance=self.provenance,
                stages=stages))
        return events


# Event types whose records carry counts (killed, injured, arrested, displaced, participants).
COUNTED_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "SANCTION"})


class Analysis:
    """What extraction saw in one article: the parse, mentions, times, places, counts."""

    def __init__(self, doc, day, mentions, resolver, times, places, counts):
        self.doc, self.day, self.mentions, self.resolver = doc, day, mentions, resolver
        self.times, self.places, self.counts = times, places, counts


def _years_before(day: str, article_day: str) -> float:
    """Years from ``day`` to the article's date; 0 when either is not an ISO date (an article
    given to the Python API with a raw date string is coded, not crashed on)."""
    start, end = parse_day(day), parse_day(article_day)
    return (end - start).days / 365.25 if start and end else 0.0


def _merge_entities(groups) -> list:
    out = []
    for group in groups:
        for ent in group:
            if all(ent.id != o.id for o in out):
                out.append(ent)
            elif ent.span is not None:
                # prefer a mention with a span in the text over a contextual one
                for i, o in enumerate(out):
                    if o.id == ent.id and o.span is None:
                        out[i] = ent
    return out


def _unique_claims(claims) -> list:
    out = []
    for c in claims:
        key = (c.by.id if c.by else None, c.stance)
        if all((o.by.id if o.by else None, o.stance) != key for o in out):
            out.append(c)
    return out


def _stages(members, text: str) -> tuple:
    """Each reported stage of the event with the day it was reported for, when the article's
    mentions give more than one ("had reached a deadlock" on Tuesday, "failed" on Wednesday)."""
    from .model import Stage

    seen = {}
    for m in members:
        if m.outcome and m.told_on is not None:
            key = (m.outcome, m.told_on.isoformat())
            seen.setdefault(key, Stage(outcome=m.outcome, as_of=key[1],
                                       text=text[m.trigger_span[0]:m.trigger_span[1]],
                                       span=m.trigger_span))
    if len({k[0] for k in seen}) < 2:
        return ()
    return tuple(sorted(seen.values(), key=lambda s: (s.as_of, s.outcome)))


# Sectors of parties that, named without a country, belong to the country where they act.
_PLACED_SECTORS = frozenset({"CVL", "REB", "OPP", "PTY", "GOV", "MIL", "COP", "JUD", "LEG", "JRN"})


def _placed(entity, country: str):
    """A party with no country of its own ("students", "riot police", "President X") acting in
    a country is of that country (docs/CODEBOOK.md); see ``extract.entities.placed``."""
    if entity.sector not in _PLACED_SECTORS and not entity.id.endswith("-ethnic"):
        return entity
    return placed(entity, country)


def _confidence(cl, actors, recipients, when) -> float:
    base = max(m.confidence for m in cl.members)
    if len(cl.members) > 1:
        base += 0.05 * min(len(cl.members) - 1, 3)
    if all(a.span is None for a in actors) and not recipients:
        base -= 0.1
    if when is None or when.basis in ("article", "unresolved"):
        base -= 0.05
    return round(max(0.05, min(0.99, base)), 2)


def _predicate_member(members):
    """The mention that names the event in its sentence's predicate: 'the raids killed eight
    commanders' is told by 'killed', of which 'the raids' is the subject."""
    first = members[0]
    if first.head.pos_ in ("NOUN", "PROPN") and first.head.dep_ in ("nsubj", "nsubjpass"):
        for m in members[1:]:
            if m.head.i == first.head.head.i and m.head.pos_ == "VERB":
                return m
    return first


__all__ = ["Coder", "Analysis"]

