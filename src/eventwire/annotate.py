"""What extraction saw in an article before coding events: every time, place, quantity and actor.

``annotate(coder, article)`` returns one JSON-ready record per article (SPEC.md, ``eventwire
annotate``)::

    {"article_id", "date", "text_sha256",
     "times":      [{"text", "span", "value_start", "value_end", "precision", "kind", "anchor", …}],
     "places":     [{"text", "span", "name", "country", "lat", "lon", "geonameid", "admin1",
                     "precision", "form"}],
     "quantities": [{"kind", "low", "best", "high", "text", "span"}],
     "actors":     [{"text", "span", "id", "name", "country", "sector", "mention"}],
     "warnings":   ["…"]}

Every item carries its exact ``text`` and ``span`` (offsets into the article's text), so each
step can be audited in its sentence and a time or place gold set scored directly. Times are
the extractor's, with anaphoric expressions ("the same day", a clock time) resolved against
the story's reference day. Places list every toponym found, named ("Kabul") or adjectival
("Afghan" in "Afghan officials", ``form: "adjective"``); a toponym the gazetteer cannot place
keeps ``name``, ``lat``, ``lon`` … null. An article without a date gets its relative times
unresolved and a warning, never today's date.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Iterator

from .extract.places import find_toponyms
from .extract.time import resolve_anaphora
from .model import Article

log = logging.getLogger(__name__)

__all__ = ["annotate", "annotate_many", "NO_DATE_WARNING"]

NO_DATE_WARNING = ("article has no date: {n} relative time expression(s) left unresolved")
# Mention kinds that stand for a party without naming it.
GENERIC_KINDS = frozenset({"generic_pair", "generic_country", "pronoun"})


def annotate(coder: Any, article: Article, doc: Any = None) -> dict[str, Any]:
    """The annotation record of one article (see the module docstring).

    ``coder`` is a loaded :class:`eventwire.pipeline.Coder`; ``doc`` an already parsed
    ``Doc`` of ``article.text`` (parsed here when None). Warnings are returned in the record
    and logged.
    """
    analysis = coder.analyse(article, doc)
    warnings: list[str] = []
    times = resolve_anaphora(analysis.times, analysis.day)
    if analysis.day is None:
        relative = [t for t in times if t.anchor in ("relative", "anaphoric") and t.start is None]
        if relative:
            warnings.append(NO_DATE_WARNING.format(n=len(relative)))
    parties = [e.id for e in analysis.resolver.main_pair]
    toponyms = find_toponyms(analysis.doc, coder.gazetteer, parties)
    for message in warnings:
        log.warning("%s: %s", article.origin or article.id, message)
    return {
        "article_id": article.id,
        "date": article.date,
        "text_sha256": article.sha256,
        "times": [t.to_dict() for t in times],
        "places": [_place_record(t) for t in toponyms],
        "quantities": [_count_record(c) for c in analysis.counts],
        "actors": list(_actor_records(analysis)),
        "warnings": warnings,
    }


def annotate_many(coder: Any, articles: Iterable[Article], batch_size: int = 16
                  ) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Annotate many articles, parsing them in batches; yields ``(article, record)`` in order."""
    buffer: list[Article] = []
    for article in articles:
        buffer.append(article)
        if len(buffer) >= batch_size:
            yield from _batch(coder, buffer)
            buffer = []
    if buffer:
        yield from _batch(coder, buffer)


def _batch(coder: Any, articles: list[Article]) -> Iterator[tuple[Article, dict[str, Any]]]:
    for article, doc in zip(articles, coder.nlp.pipe(a.text for a in articles)):
        yield article, annotate(coder, article, doc)


def _place_record(toponym: Any) -> dict[str, Any]:
    place = toponym.place
    return {
        "text": toponym.text,
        "span": list(toponym.span),
        "name": place.name if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "admin1": place.admin1 if place else None,
        "precision": place.precision if place else None,
        "form": toponym.form,
    }


def _count_record(count: Any) -> dict[str, Any]:
    return {"kind": count.kind, "low": count.low, "best": count.best, "high": count.high,
            "text": count.text, "span": list(count.span)}


def _actor_records(analysis: Any) -> Iterator[dict[str, Any]]:
    """One record per entity a mention names; a mention naming none gives one with id null."""
    doc = analysis.doc
    for mention in sorted(analysis.mentions, key=lambda m: m.start):
        tokens = doc[mention.start:mention.end]
        if not len(tokens):
            continue
        span = [tokens.start_char, tokens.start_char + len(tokens.text)]
        entities = _entities(analysis, tokens.root, mention.kind not in GENERIC_KINDS)
        if not entities:
            yield {"text": tokens.text, "span": span, "id": None, "name": None, "country": None,
                   "sector": None, "mention": mention.kind}
            continue
        for entity in entities:
            yield {"text": tokens.text, "span": span, "id": entity.id, "name": entity.name,
                   "country": entity.country, "sector": entity.sector, "mention": mention.kind}


def _entities(analysis: Any, token: Any, named: bool) -> list[Any]:
    try:
        return list(analysis.resolver.resolve(token, allow_generic=not named))
    except Exception:  # an odd parse must not lose the article's other annotations
        log.debug("resolving the mention at %d failed", token.i, exc_info=True)
        return []
