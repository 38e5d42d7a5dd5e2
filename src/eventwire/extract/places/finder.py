"""Finding toponyms in a spaCy ``Doc`` and reading them in the article's context."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence

from eventwire.model import Place
from eventwire.nlp.sentences import doc_text as cached_doc_text
from eventwire.nlp.tokens import entity_spans, token_table

from .gazetteer import Context, Gazetteer, _near_any, _weights, normalize_name

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

NEIGHBOUR_PRECISIONS = frozenset({"city", "admin", "border"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives to some toponyms; accepted only with corroboration.
MISLABELLED_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})
# A word right after an entity that belongs to the toponym: "Kandahar province".
# Words after a name that make it a division of a state: "Paktika province".
DIVISION_WORDS = frozenset({"province", "state", "district", "region", "governorate", "oblast",
                            "county", "prefecture"})
TRAILING_DESIGNATORS = DIVISION_WORDS | {"crossing", "city", "town", "village", "agency"}
_DESIGNATOR_WORDS = tuple(TRAILING_DESIGNATORS | {"crossing"})
# Dependencies of an adjective of nationality used as a modifier ("Russian troops").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
# A dateline opens a line: "KABUL, Oct 29 (Reuters) -", "WASHINGTON —", "ISLAMABAD:".
DATELINE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z.'’\- ]{2,40}?)(?:,[ \t]*(?P<within>[A-Z][A-Za-z. ]*?[A-Za-z.]))?"
                      r"[ \t]*(?:,|\(|—|–|-|:)", re.MULTILINE)
DATELINE_LINES = 4          # a dateline is one of the first lines of the article
DATELINE_COUNT = 4          # how many mentions a dateline is worth in the article's context
PARTY_COUNT = 2             # … and each party the caller names
SETTLED_COUNT = 1.0         # … and each town first read in it whose name other countries share


@dataclass(frozen=True)
class Toponym:
    """A toponym in the text: a name ("Kabul") or an adjective of nationality ("Afghan"),
    with the place it resolves to (None when the gazetteer cannot place it)."""

    text: str
    span: tuple[int, int]
    form: str                       # "name" | "adjective" | "embedded" (heads an organisation's name)
    label: str                      # the entity label the model gave it ("" for none)
    place: Optional[Place]


def find_toponyms(doc: Any, gaz: Gazetteer, context_countries: Sequence[str] = ()
                  ) -> list[Toponym]:
    """Every toponym of a spaCy ``Doc``, in text order, resolved in the article's context.

    Named toponyms are the GPE, LOC and FAC entities (a leading "the" left out, a following
    designator such as "province" or "border crossing" taken in), plus ORG/NORP/PERSON
    entities that a designator or a border place corroborates ("Torkham", "Punjab province":
    the small model mislabels such names); GPE/LOC/FAC entities the gazetteer cannot place are
    kept with ``place=None``. Adjectival toponyms are adjectives of nationality modifying a
    noun ("Russian troops", "European leaders"); nouns of nationality ("the Afghans") are not
    toponyms. ``context_countries`` (ISO3, most salient first: the article's parties) is
    extended with the countries the article names and its dateline before any name is
    resolved.
    """
    found: list[tuple[int, int, str, str]] = []       # char start, end, form, label
    taken: set[int] = set()
    doc_text = cached_doc_text(doc)   # Doc.text joins every token on each access
    table = token_table(doc)
    for ent in _joined_nations(doc, gaz):
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELLED_PLACE_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and table.lower[start] == "the":
            start += 1
        if start == end:
            continue
        if ent.label_ == "NORP" and _is_adjectival(doc[start:end]) and (
                _extend_designator(doc, table.lower, end) == end
                or gaz.demonym(doc[start:end].text) is not None):
            # (a name before "province" is the province's, however it is tagged: "Paktika
            # province" tagged as a nationality)
            found.append((doc[start].idx, _end_char(doc[end - 1]), "adjective", ent.label_))
            taken.update(range(start, end))
            continue
        if ent.label_ == "ORG" and not gaz.is_nation(doc[start:end].text):
            # a place at the head of an organisation's name: "US Army", "Toronto Police"
            prefix = _place_prefix(doc, start, end, gaz)
            if prefix is not None:
                found.append((doc[start].idx, _end_char(doc[prefix - 1]), "embedded", ent.label_))
                taken.update(range(start, prefix))
                continue
        end = _extend_designator(doc, table.lower, end)
        found.append((doc[start].idx, _end_char(doc[end - 1]), "name", ent.label_))
        taken.update(range(start, end))
    for i in _indices(table.tag, "JJ"):     # (no Token object for the other words)
        if i in taken:
            continue
        token = doc[i]
        if token.text[:1].isupper() and token.dep_ in MODIFIER_DEPS \
                and gaz.demonym(token.text) is not None:
            found.append((token.idx, _end_char(token), "adjective", ""))
    found.sort()

    reader = _ArticleReader(doc, doc_text, gaz)
    sole: dict[str, Optional[str]] = {}     # name -> its sole country, looked up once
    evidence = _CountryEvidence(doc_text, [(doc_text[s:e], form) for s, e, form, _ in found],
                                gaz, memo=sole)
    weights = evidence.counts(context_countries)
    toponyms = reader.read(found, weights)
    # a second reading of the names places in several countries bear, now that the towns of
    # the first tell where the story is ("Burton" in a story that names Birmingham and
    # Southampton); a name's own first reading is no evidence for it
    again: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    aligned = _aligned(found, toponyms)
    for f, t in zip(found, aligned):
        if (t is not None and t.form == "name" and t.place is not None
                and _sole_country(gaz, t.text, sole) is None):
            again[reader.key(t.text)].append(f)
    if again:
        first_places = [t.place if t is not None else None for t in aligned]
        dateline = evidence.dateline(None)
        redone: dict[tuple[int, str], Toponym] = {}
        for key, group in again.items():
            parties = _parties_beyond(context_countries, key, evidence, first_places, dateline)
            settled = evidence.counts(parties, first_places, exclude=key)
            if settled == weights:
                continue
            for t in reader.read(group, settled):
                redone[(t.span[0], t.form)] = t
        toponyms = [redone.get((t.span[0], t.form), t) for t in toponyms]
    anchors = anchored_names(toponyms, doc_text, gaz, reader.container)
    if anchors:
        # "Brandon, Man." places the later, bare "Brandon" of the story too
        toponyms = [_anchored(t, anchors) for t in toponyms]
    regions = article_regions(toponyms, gaz, evidence.dateline_place(context_countries))
    if regions:
        # a second reading of the names that places in several divisions bear, now that the
        # article's states and provinces are known
        again = [f for f, t in zip(found, _aligned(found, toponyms))
                 if t is not None and t.form == "name" and gaz.is_ambiguous(t.text)]
        if again:
            redone = {(t.span[0], t.form): t for t in reader.read(again, weights, regions)}
            toponyms = [redone.get((t.span[0], t.form), t) for t in toponyms]
    toponyms = _read_with_neighbours(found, toponyms, reader, weights, regions, anchors)
    return _embedded_as_named(_divisions_by_company(toponyms, reader, weights))


def _indices(items: list[str], value: str) -> Iterable[int]:
    """The positions of ``value`` in ``items`` (``list.index`` searches in C)."""
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return
        yield i


def story_readings(toponyms: Iterable[Toponym]) -> dict[str, Place]:
    """Name key -> the place the story's own mentions of that name (not adjectives, not
    names heading an organisation's) are most often read as (the first on a tie)."""
    counts: dict[str, dict[tuple[Any, ...], int]] = defaultdict(lambda: defaultdict(int))
    first: dict[tuple[Any, ...], Place] = {}
    for t in toponyms:
        if t.form != "name" or t.place is None:
            continue
        sense = (normalize_name(t.text), t.place.name, t.place.country, t.place.lat, t.place.lon)
        counts[sense[0]][sense] += 1
        first.setdefault(sense, t.place)
    return {key: first[max(senses, key=lambda k: senses[k])] for key, senses in counts.items()}


def _embedded_as_named(toponyms: Sequence[Toponym]) -> list[Toponym]:
    """A name heading an organisation's name is the place the story's mentions of the bare
    name are ("the Hamilton Food Bank" in a story about Hamilton, Ontario): the story's
    readings of a name settle on the later passes, which only read bare names."""
    readings = story_readings(toponyms)
    out = list(toponyms)
    for i, t in enumerate(out):
        if t.form != "embedded" or t.place is None:
            continue
        place = readings.get(normalize_name(t.text))
        if place is not None and (place.name, place.country, place.lat) != (
                t.place.name, t.place.country, t.place.lat):
            out[i] = Toponym(t.text, t.span, t.form, t.label, _with_span(place, t.text, t.span))
    return out


# A title or body right after a name that only a state or province has: "the New York Gov.",
# "the Kandahar governor", "the Ohio Legislature".
_DIVISION_HEAD = re.compile(
    r"[ \t]+(Gov\.|(Governor|governor|Legislature|legislature|statehouse)\b)")
# What lies between two names of one list: "Oregon, Idaho", "Oregon and Idaho", "Oregon or
# Idaho", "Oregon, and Idaho".
_LIST_JOINER = re.compile(r"\s*(,\s*(and\s+|or\s+)?|and\s+|or\s+)")
_COMMA = re.compile(r"[ \t]*,[ \t]*")


def _divisions_by_company(toponyms: Sequence[Toponym], reader: "_ArticleReader",
                          weights: Mapping[str, float]) -> list[Toponym]:
    """Names read as a town that also name a state or province of the same country ("New
    York", "Washington") read as the division where the text says so: after a town or county
    of that division and a comma ("Tacoma, Washington"), before a governor or legislature ("the New
    York Gov."), or in one list with another state or province of the country ("California
    or Washington")."""
    out = list(toponyms)
    for i, t in enumerate(out):
        if t.form != "name" or t.place is None or t.place.precision != "city":
            continue
        division = reader.lookup(f"{t.text} state", weights)
        if (division is None or division.precision != "admin" or division.name != division.admin1
                or division.country != t.place.country):
            continue
        if _names_a_division(out, i, reader.text, division):
            out[i] = Toponym(t.text, t.span, t.form, t.label,
                             _with_span(division, t.text, t.span))
    return out


def _names_a_division(toponyms: Sequence[Toponym], i: int, text: str, division: Place) -> bool:
    t = toponyms[i]
    if _DIVISION_HEAD.match(text, t.span[1]):
        return True
    before = toponyms[i - 1] if i > 0 else None
    after = toponyms[i + 1] if i + 1 < len(toponyms) else None
    if (before is not None and before.place is not None
            and _COMMA.fullmatch(text, before.span[1], t.span[0])
            and before.place.precision in ("city", "admin") and before.place.name != division.name
            and before.place.country == division.country
            and before.place.admin1 == division.admin1):
        return True                                     # "Tacoma, Washington"
    for other, gap in ((before, (before.span[1], t.span[0]) if before else None),
                       (after, (t.span[1], after.span[0]) if after else None)):
        if other is None or other.place is None or gap is None:
            continue
        place = other.place
        if (other.form == "name" and place.precision == "admin" and place.name == place.admin1
                and place.country == division.country and place.name != division.name
                and _LIST_JOINER.fullmatch(text, gap[0], gap[1])):
            return True                                 # "California or Washington"
    return False


def _parties_beyond(parties: Sequence[str], key: str, evidence: "_CountryEvidence",
                    first_places: Sequence[Optional[Place]], dateline: Optional[str]
                    ) -> list[str]:
    """The caller's party countries, less those only the name ``key`` itself stands behind.

    A capital's name is read as its state ("London said", the United Kingdom), so a story
    that only names a namesake ("London", Ontario) gets that state as a party; that party is
    no evidence for the name's own reading. A party is kept when the dateline or another
    toponym of the story lies in its country, or when the name's first reading lies elsewhere
    (then the party came from something else: an armed group, an organ of state).
    ``evidence`` holds the story's toponyms, one per place of ``first_places``."""
    keys = evidence.keys()
    own = {place.country for name_key, place in zip(keys, first_places)
           if place is not None and name_key == key}
    others: set[Optional[str]] = {dateline}
    for name_key, sole, form, place in zip(keys, evidence.sole, evidence.forms, first_places):
        if name_key == key:
            continue
        others.add(sole)
        if place is not None and form in NAMED_FORMS:
            others.add(place.country)
    return [code for code in parties if code not in own or code in others]


def _joined_nations(doc: Any, gaz: Gazetteer) -> list[Any]:
    """The Doc's entities, with two place names joined by "and" taken as one where together
    they are a country's name ("Trinidad and Tobago", "Bosnia and Herzegovina"), and two
    place names side by side (or split at a full stop) taken as one where together they name
    a place the gazetteer knows: the model splits "Baja California" and "ST. LOUIS"."""
    ents = list(entity_spans(doc))     # (the Doc's spans, built once for every step)
    out: list[Any] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents):
            after = ents[i + 1]
            if (after.start == ent.end + 1 and doc[ent.end].lower_ == "and"
                    and ent.label_ in PLACE_LABELS
                    and (after.label_ in PLACE_LABELS or after.label_ in MISLABELLED_PLACE_LABELS)
                    and gaz.is_nation(doc[ent.start:after.end].text)):
                from spacy.tokens import Span   # spaCy is loaded by then; not at import

                out.append(Span(doc, ent.start, after.end, label=ent.label_))
                i += 2
                continue
            if _one_name(doc, ent, after, gaz):
                from spacy.tokens import Span   # spaCy is loaded by then; not at import

                out.append(Span(doc, ent.start, after.end, label=ent.label_))
                i += 2
                continue
        joined = _nation_through_and(doc, ent, gaz, ents[i + 1].start if i + 1 < len(ents)
                                     else len(doc))
        if joined is not None:
            out.append(joined)
            i += 1
            continue
        out.append(ent)
        i += 1
    return out


def _one_name(doc: Any, ent: Any, after: Any, gaz: Gazetteer) -> bool:
    """Two place entities with nothing between them but a space or a full stop, that
    together are a name the gazetteer knows ("Baja" "California", "ST" "." "LOUIS")."""
    if ent.label_ not in PLACE_LABELS or after.label_ not in PLACE_LABELS:
        return False
    between = doc[ent.end:after.start]
    if len(between) > 1 or (len(between) == 1 and between[0].text != "."):
        return False
    if not doc[ent.end - 1].whitespace_ and not between:
        return False
    text = doc[ent.start:after.end].text
    return "\n" not in text and bool(gaz._candidates(text)[0])


def _nation_through_and(doc: Any, ent: Any, gaz: Gazetteer, limit: int) -> Optional[Any]:
    """The place entity ``ent`` stretched over "and" and up to two capitalised words the model
    left out, where together they are a country's name ("Antigua and Barbuda"), else None."""
    if ent.label_ not in PLACE_LABELS or ent.end >= len(doc) or doc[ent.end].lower_ != "and":
        return None
    for stop in range(min(ent.end + 3, limit), ent.end + 1, -1):
        words = doc[ent.end + 1:stop]
        if all(w.text[:1].isupper() for w in words) and gaz.is_nation(doc[ent.start:stop].text):
            from spacy.tokens import Span   # spaCy is loaded by then; not at import

            return Span(doc, ent.start, stop, label=ent.label_)
    return None


def _aligned(found: Sequence[tuple[int, int, str, str]], toponyms: Sequence[Toponym]
             ) -> list[Optional[Toponym]]:
    """The toponym each found span became (None for one dropped), in the order found."""
    by_start = {(t.span[0], t.form): t for t in toponyms}
    return [by_start.get((start, form)) for start, _, form, _ in found]


def article_regions(toponyms: Iterable[Toponym], gaz: Gazetteer,
                    dateline: Optional[Place] = None) -> dict[tuple[str, str], float]:
    """The first-level divisions an article names, (ISO3, admin1 name) -> salience (1.0 for
    the most named): each state or province named outright ("Illinois", "Fla."), and each
    county whose name lies in one division of its country, counts one mention of its
    division. A county name several divisions share ("Washington County") says nothing of
    which one the story is in; towns are left out, as a person or a firm often bears one's
    name. The town or division of the story's ``dateline`` (see :func:`dateline_place`)
    counts one mention of its division: a local paper seldom names its own state."""
    counts: dict[tuple[str, str], float] = defaultdict(float)
    if (dateline is not None and dateline.country and dateline.admin1
            and dateline.precision in ("city", "admin")):
        counts[(dateline.country, dateline.admin1)] += 1
    for t in toponyms:
        place = t.place
        if t.form not in NAMED_FORMS or place is None or not place.country or not place.admin1:
            continue
        if place.precision == "admin" and place.name == place.admin1:
            counts[(place.country, place.admin1)] += 1       # the division itself
        elif (place.precision == "admin"
              and gaz.divisions_of(t.text, place.country) == {place.admin1}):
            counts[(place.country, place.admin1)] += 1
    top = max(counts.values(), default=0.0)
    return {key: value / top for key, value in counts.items()} if top else {}


def article_neighbours(toponyms: Iterable[Toponym], gaz: Gazetteer,
                       key_of: Any = normalize_name
                       ) -> dict[str, tuple[tuple[float, float], ...]]:
    """Name key -> where each name the story places may lie: the town or county it was read
    as, and the largest town or county of that name (:meth:`Gazetteer.neighbour_points`).
    Adjectives, countries and provinces give no neighbours. ``key_of``: the name key
    function (``normalize_name``, or the caller's memo of it)."""
    out: dict[str, set[tuple[float, float]]] = defaultdict(set)
    for t in toponyms:
        place = t.place
        if t.form not in NAMED_FORMS or place is None:
            continue
        key = key_of(t.text)
        if key not in out:
            out[key].update(gaz.neighbour_points(t.text))
        if place.precision in NEIGHBOUR_PRECISIONS and place.lat is not None \
                and place.lon is not None and (place.precision != "admin"
                                               or place.name != place.admin1):
            out[key].add((float(place.lat), float(place.lon)))
    return {key: tuple(points) for key, points in out.items() if points}


def _read_with_neighbours(found: Sequence[tuple[int, int, str, str]],
                          toponyms: Sequence[Toponym], reader: "_ArticleReader",
                          weights: Mapping[str, float],
                          regions: Optional[Mapping[tuple[str, str], float]],
                          anchors: Mapping[str, Place]) -> list[Toponym]:
    """A last reading of the names places in several divisions bear, preferring the one
    that lies near a place another name of the story may denote ("Edmonton" beside
    "Enfield" is the London one). A name the text puts inside a division keeps that
    reading."""
    gaz = reader.gaz
    neighbours = article_neighbours(toponyms, gaz, reader.key)
    if len(neighbours) < 2:
        return list(toponyms)
    groups: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for f, t in zip(found, _aligned(found, toponyms)):
        if t is None or t.form not in NAMED_FORMS or t.place is None:
            continue
        key = reader.key(t.text)
        if key not in anchors and gaz.is_ambiguous(t.text):
            groups[key].append(f)
    redone: dict[tuple[int, str], Toponym] = {}
    for key, group in groups.items():
        near = {other: points for other, points in neighbours.items() if other != key}
        for t in reader.read(group, weights, regions, near):
            if t.place is not None and t.place.lat is not None and t.place.lon is not None \
                    and _near_any(t.place.lat, t.place.lon, near):
                redone[(t.span[0], t.form)] = t
    return [redone.get((t.span[0], t.form), t) for t in toponyms]


class _ArticleReader:
    """Reads an article's found spans as places, as often as its passes ask (first reading,
    by the story's countries, by its divisions, by neighbours), remembering what a pass asks
    again: the container a comma puts each span in, and each name's reading in each context,
    so that a name the story repeats is scored once per context."""

    def __init__(self, doc: Any, text: str, gaz: Gazetteer):
        self.doc, self.text, self.gaz = doc, text, gaz
        self._containers: dict[int, Optional[Place]] = {}
        self._keys: dict[str, str] = {}
        # (what, name, context ids…) -> place; ``_held`` keeps each context alive, so that
        # no id is reused within the article
        self._readings: dict[tuple[Any, ...], Optional[Place]] = {}
        self._held: list[Any] = []
        self._weights: dict[int, dict[str, float]] = {}

    def key(self, name: str) -> str:
        """``normalize_name(name)``, computed once per article."""
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = normalize_name(name)
        return key

    def container(self, end: int) -> Optional[Place]:
        """:func:`container_after` the span ending at ``end``."""
        if end not in self._containers:
            self._containers[end] = container_after(self.text, end, self.gaz)
        return self._containers[end]

    def _normalised(self, context: Mapping[str, float]) -> dict[str, float]:
        weights = self._weights.get(id(context))
        if weights is None:
            self._held.append(context)
            weights = self._weights[id(context)] = _weights(context)
        return weights

    def _reading(self, key: tuple[Any, ...], read: Any) -> Optional[Place]:
        if key in self._readings:
            return self._readings[key]
        place = self._readings[key] = read()
        return place

    def lookup(self, name: str, context: Mapping[str, float]) -> Optional[Place]:
        """``gaz.lookup(name, context)``, remembered."""
        weights = self._normalised(context)
        return self._reading(("name", name, id(context), id(None), id(None)),
                             lambda: self.gaz._lookup(name, weights, None, None)[0])

    def read(self, found: Sequence[tuple[int, int, str, str]], context: Mapping[str, float],
             regions: Optional[Mapping[tuple[str, str], float]] = None,
             near: Optional[Mapping[str, Sequence[tuple[float, float]]]] = None
             ) -> list[Toponym]:
        """The toponyms ``found`` (char start, end, form, label) denote in this context:
        the story's countries (``article_countries``), divisions and neighbours."""
        gaz, text_of, doc = self.gaz, self.text, self.doc
        weights = self._normalised(context)
        self._held.extend((regions, near))
        ids = (id(context), id(regions), id(near))
        toponyms: list[Toponym] = []
        for start, end, form, label in found:
            text = text_of[start:end]
            if form == "adjective":
                place = self._reading(("adjective", text, ids[0]),
                                      lambda: gaz._demonym(text, weights))
                if place is None:
                    continue
                toponyms.append(Toponym(text, (start, end), form, label,
                                        _with_span(place, text, (start, end))))
                continue
            place = None
            within = self.container(end) if form == "name" else None
            if within is not None:
                place = self._reading(("within", text, end, ids[0]),
                                      lambda: gaz._lookup_within(text, within, weights))
            place = place or self._reading(
                ("name",) + (text,) + ids,
                lambda: gaz._lookup(text, weights, regions, near)[0])
            designated = False
            if place is not None and _has_designator(text):
                designated = True
            if place is None:
                bare = _without_designator(doc, start, end, text)
                if bare is not None:
                    end, text = bare, text_of[start:bare]
                    place = self._reading(("name", text) + ids[:2] + (id(None),),
                                          lambda: gaz._lookup(text, weights, regions, None)[0])
            if label not in PLACE_LABELS and form == "name":
                # an organisation or group name that merely looks like a place, unless it is
                # a country or continent the model took for an organisation ("the EU", "Japan")
                nation = label == "ORG" and gaz.is_nation(text)
                if place is None or not (designated or nation or place.precision == "border"):
                    continue
            if place is None:
                logger.debug("no gazetteer entry for %r", text)
                toponyms.append(Toponym(text, (start, end), form, label, None))
                continue
            toponyms.append(Toponym(text, (start, end), form, label,
                                    _with_span(place, text, (start, end))))
        return toponyms


# ", Man." or ", Hampshire" or ", South Africa" right after a name: where the name lies.
_CONTAINER_AFTER = re.compile(r",[ \t]*((?:[A-Z][A-Za-z]*\.?)(?:[ \t]+[A-Z][A-Za-z]*\.?){0,2})")


def container_after(text: str, end: int, gaz: Gazetteer) -> Optional[Place]:
    """The country or first-level division named right after a toponym ending at ``end``,
    after a comma ("Brandon, Man.", "Winchester, Hampshire", "Durban, South Africa"), else
    None. The longest run of up to three capitalised words that is one is taken."""
    m = _CONTAINER_AFTER.match(text, end)
    if m is None:
        return None
    words = m.group(1).split()
    for size in range(len(words), 0, -1):
        place = gaz.lookup(" ".join(words[:size]))
        if place is not None and place.country and place.precision in ("admin", "country"):
            if place.precision == "admin" and place.name != place.admin1:
                if not place.admin1:
                    continue
                # a county: the name lies in the first-level division that holds it
                data = place.to_dict()
                data.update(name=place.admin1)
                return Place.from_dict(data)
            return place
    return None


# " in Geneva", " at the U.S. Embassy" right after a name: the place that holds it.
_CONTAINER_IN = re.compile(r"[ \t]+(?:in|at)[ \t]+(?:the[ \t]+)?"
                           r"((?:[A-Z][\w.'’-]*)(?:[ \t]+[A-Z][\w.'’-]*){0,2})")


def container_in(text: str, end: int, gaz: Gazetteer, context_countries: Context = ()
                 ) -> Optional[Place]:
    """The place named right after a name ending at ``end`` by "in" or "at" ("the Grand Hall
    in Geneva", "a college in Houston, Texas"), else None: where a building, school or
    body the gazetteer does not know lies. The longest run of up to three capitalised words
    that the gazetteer reads is taken."""
    m = _CONTAINER_IN.match(text, end)
    if m is None:
        return None
    words = m.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size]).rstrip(".,;:'’")
        if name.endswith(("'s", "’s")):
            continue
        place = gaz.lookup(name, context_countries)
        if place is not None:
            return place
    return None


def anchored_names(toponyms: Iterable[Toponym], text: str, gaz: Gazetteer,
                   container: Optional[Any] = None) -> dict[str, Place]:
    """Name key -> place, for each name the text once puts inside a country or division
    ("Brandon, Man."): that reading holds for the story's other mentions of the name.
    ``container``: :func:`container_after` of the text for a span's end, if the caller keeps
    one."""
    anchors: dict[str, Place] = {}
    for t in toponyms:
        if t.form != "name" or t.place is None:
            continue
        within = (container(t.span[1]) if container is not None
                  else container_after(text, t.span[1], gaz))
        if within is not None and _inside_place(t.place, within):
            anchors.setdefault(normalize_name(t.text), t.place)
    return anchors


def _inside_place(place: Place, within: Place) -> bool:
    return (place.precision not in ("country", "unknown") and place.country == within.country
            and (within.precision != "admin" or place.admin1 == within.admin1))


def _anchored(t: Toponym, anchors: Mapping[str, Place]) -> Toponym:
    if t.form != "name" or t.place is None:
        return t
    anchor = anchors.get(normalize_name(t.text))
    if anchor is None or anchor.geonameid == t.place.geonameid and anchor.name == t.place.name:
        return t
    return Toponym(t.text, t.span, t.form, t.label, _with_span(anchor, t.text, t.span))


def find_places(doc: Any, gaz: Gazetteer, context_countries: Sequence[str] = ()) -> list[Place]:
    """Places named in a spaCy ``Doc``, in text order: the named toponyms of
    :func:`find_toponyms` that the gazetteer resolves, each with its ``text`` and exact
    character ``span`` in ``doc.text``. Adjectives of nationality are left out: "Afghan
    officials" names a party, not where something happened."""
    return [t.place for t in find_toponyms(doc, gaz, context_countries)
            if t.form == "name" and t.place is not None]


# Forms of toponym that name a place (an adjective of nationality names a party).
NAMED_FORMS = frozenset({"name", "embedded"})
# What a place at the head of an organisation's name counts for the story's focus, against
# 1 for a name: a town in a club's or a school's name says less of where the story is.
EMBEDDED_FOCUS_COUNT = 0.5
# Words that open the rest of an organisation's name when a body of local government is
# named after the place it serves: "Enfield Council", "Hinton Police Department".
LOCAL_BODY_WORDS = frozenset({"council", "borough", "police", "constabulary", "sheriff",
                              "municipality", "township", "mayor"})


def _place_prefix(doc: Any, start: int, end: int, gaz: Gazetteer) -> Optional[int]:
    """End token of the longest leading part (one to three words, not the whole name) of an
    organisation's name that is a country, continent, region, province or town of 100,000+;
    before a word of local government ("Enfield Council", "Hinton Police") a town of
    5,000+ or a county will do, as such a body is named after the place it governs."""
    for stop in range(min(end - 1, start + 3), start, -1):
        words = doc[start:stop]
        if not words.text[:1].isupper() or words[-1].is_stop:
            continue
        if gaz.is_nation(words.text) or gaz.is_major(words.text):
            return stop
        if doc[stop].lower_ in LOCAL_BODY_WORDS and gaz.neighbour_points(words.text):
            return stop
    return None


def _is_adjectival(span: Any) -> bool:
    root = span.root
    return root.tag_ == "JJ" or (root.dep_ in MODIFIER_DEPS and root.head.i >= span.end)


def _end_char(token: Any) -> int:
    return token.idx + len(token.text)


def _has_designator(text: str) -> bool:
    words = text.lower().split()
    return len(words) > 1 and (words[-1] in TRAILING_DESIGNATORS or words[-1] == "border"
                               or " ".join(words[-2:]) == "border crossing")


def _without_designator(doc: Any, start: int, end: int, text: str) -> Optional[int]:
    """End of the toponym ``text`` (``start``-``end``) without a trailing designator word we
    took in, else None."""
    if not text.lower().endswith(_DESIGNATOR_WORDS):
        return None     # (the quick test: most names end in no designator)
    last = doc.char_span(start, end, alignment_mode="expand")
    if last is None or len(last) < 2:
        return None
    if last[-1].lower_ == "crossing" and len(last) > 2 and last[-2].lower_ == "border":
        return last[-3].idx + len(last[-3].text)
    if last[-1].lower_ in TRAILING_DESIGNATORS:
        return last[-2].idx + len(last[-2].text)
    return None


def article_countries(text: str, toponyms: Sequence[tuple[str, str]], gaz: Gazetteer,
                      base: Sequence[str],
                      places: Optional[Sequence[Optional[Place]]] = None,
                      exclude: Optional[str] = None,
                      memo: Optional[dict[str, Optional[str]]] = None) -> dict[str, float]:
    """Salience of the article's countries (ISO3 -> weight; pass it as a context to
    :meth:`Gazetteer.lookup`): each party the caller names counts ``PARTY_COUNT`` mentions,
    the dateline ``DATELINE_COUNT``, and each toponym ``(text, form)`` one mention of the
    country it can only be in. ``places``, one per toponym (a first reading of them), adds
    ``SETTLED_COUNT`` for the country of each named town or division whose name several
    countries bear, except those called ``exclude`` (a name key: a name's own reading is no
    evidence for it). ``memo`` keeps each name's sole country for the caller's next call."""
    return _CountryEvidence(text, toponyms, gaz, memo).counts(base, places, exclude)


class _CountryEvidence:
    """What :func:`article_countries` counts, read once for an article's several readings:
    each toponym's sole country and name key, and the towns its dateline may name."""

    def __init__(self, text: str, toponyms: Sequence[tuple[str, str]], gaz: Gazetteer,
                 memo: Optional[dict[str, Optional[str]]] = None):
        self.gaz = gaz
        self.names = [name for name, _ in toponyms]
        self.forms = [form for _, form in toponyms]
        self.sole = [_sole_country(gaz, name, memo) for name in self.names]
        self._keys: Optional[list[str]] = None
        self._datelines = _dateline_readings(text, gaz)

    def keys(self) -> list[str]:
        """The toponyms' name keys (``normalize_name``)."""
        if self._keys is None:
            self._keys = [normalize_name(name) for name in self.names]
        return self._keys

    def dateline(self, evidence: Optional[Mapping[str, float]]) -> Optional[str]:
        """:func:`_dateline_country` of the article, given ``evidence``."""
        place = _dateline_place(self._datelines, self.gaz, evidence)
        return None if place is None else place.country

    def dateline_place(self, base: Sequence[str]) -> Optional[Place]:
        """The place the dateline names, read as :meth:`counts` reads it for ``base``."""
        return _dateline_place(self._datelines, self.gaz, self._mentions(base))

    def counts(self, base: Sequence[str], places: Optional[Sequence[Optional[Place]]] = None,
               exclude: Optional[str] = None) -> dict[str, float]:
        """:func:`article_countries` of the article's toponyms."""
        counts = self._mentions(base, places, exclude)
        dateline = self.dateline(counts)
        if dateline:
            counts[dateline] += DATELINE_COUNT
        return dict(counts)

    def _mentions(self, base: Sequence[str], places: Optional[Sequence[Optional[Place]]] = None,
                  exclude: Optional[str] = None) -> dict[str, float]:
        counts: dict[str, float] = defaultdict(float)
        for code in base:
            if code and len(code) == 3 and code.isupper():
                counts[code] += PARTY_COUNT
        keys = self.keys() if exclude is not None else None
        for i, code in enumerate(self.sole):
            if code:
                counts[code] += 1
                continue
            place = places[i] if places is not None and i < len(places) else None
            if keys is not None and keys[i] == exclude:
                continue
            if (place is not None and self.forms[i] in NAMED_FORMS and place.country
                    and place.precision in ("city", "admin")):
                counts[place.country] += SETTLED_COUNT
        return counts


def _sole_country(gaz: Gazetteer, name: str, memo: Optional[dict[str, Optional[str]]]
                  ) -> Optional[str]:
    """``gaz.sole_country(name, villages=False)``, kept in ``memo``: an article asks it of
    the same names several times over (each reading of its countries)."""
    if memo is None:
        return gaz.sole_country(name, villages=False)
    if name not in memo:
        memo[name] = gaz.sole_country(name, villages=False)
    return memo[name]


class _DatelineReading(NamedTuple):
    """One dateline candidate: the country or division a name after its comma gives
    ("LONDON, Ontario"), else the name's own reading and the name to read again with the
    story's evidence."""

    within: Optional[Place]
    place: Optional[Place]
    name: str


def dateline_place(text: str, toponyms: Sequence[tuple[str, str]], gaz: Gazetteer,
                   base: Sequence[str]) -> Optional[Place]:
    """The town (or country or division) an article's dateline names, read as
    :func:`article_countries` reads it with the same arguments, else None."""
    return _CountryEvidence(text, toponyms, gaz).dateline_place(base)


def _dateline_country(text: str, gaz: Gazetteer, evidence: Optional[Mapping[str, float]] = None
                      ) -> Optional[str]:
    """The country of the town a dateline names. A name places in several countries bear
    is read on its own ("PARIS" is in France), unless the rest of the story (``evidence``:
    ISO3 -> mentions) names nothing in that country and something in the country of another
    reading ("VICTORIA -" over a story that names British Columbia is in Canada)."""
    place = _dateline_place(_dateline_readings(text, gaz), gaz, evidence)
    return None if place is None else place.country


def _dateline_readings(text: str, gaz: Gazetteer) -> list[_DatelineReading]:
    """The dateline candidates of the article's first lines, up to one whose comma settles
    its country."""
    head = "\n".join(text.splitlines()[:DATELINE_LINES])
    out: list[_DatelineReading] = []
    for m in DATELINE.finditer(head):
        name = m.group("name").strip(" .-")
        if len(name) < 3 or not name.replace(" ", "").isalpha():
            continue
        within = gaz.lookup(m.group("within")) if m.group("within") else None
        if within is not None and within.country:     # "LONDON, Ontario", "PARIS, Texas"
            out.append(_DatelineReading(within, None, name))
            break
        out.append(_DatelineReading(None, gaz.lookup(name.title()), name))
    return out


def _dateline_place(readings: Sequence[_DatelineReading], gaz: Gazetteer,
                    evidence: Optional[Mapping[str, float]]) -> Optional[Place]:
    """The place the dateline names (see :func:`_dateline_country`): the town, or the
    country or division after its comma."""
    for reading in readings:
        if reading.within is not None:
            return reading.within
        place = reading.place
        if place is not None and place.country and evidence \
                and not evidence.get(place.country) and place.precision != "country":
            read = gaz.lookup(reading.name.title(), evidence)
            if read is not None and read.country and evidence.get(read.country):
                place = read
        if place is not None and place.country and place.precision in ("city", "admin", "country"):
            return place
    return None


def _extend_designator(doc: Any, lower: Sequence[str], end: int) -> int:
    """``end`` moved past a designator word right after it ("province", "border crossing");
    ``lower``: the Doc's lower-cased words."""
    if end < len(lower) and lower[end] in TRAILING_DESIGNATORS and not doc[end].ent_type_:
        return end + 1
    if end + 1 < len(lower) and lower[end] == "border" and lower[end + 1] == "crossing":
        return end + 2
    return end


def _with_span(place: Place, text: str, span: tuple[int, int]) -> Place:
    # every field named: ``dataclasses.replace`` costs several times more, once per toponym
    # of every reading (tests/extract/test_places.py checks no field is left behind)
    return Place(name=place.name, country=place.country, admin1=place.admin1, lat=place.lat,
                 lon=place.lon, geonameid=place.geonameid, precision=place.precision,
                 text=text, span=(int(span[0]), int(span[1])))


def story_focus(toponyms: Iterable[Toponym],
                regions: Optional[Mapping[tuple[str, str], float]] = None) -> Optional[Place]:
    """The place a story is about: the town named most often (the first named on a tie),
    among the towns inside the states and provinces the story names when there are any; else
    the district, region or country named most often; else None. Names at the head of an
    organisation's name count half ("Kildare County Council"). An unknown local name in the story
    ("Royal Street", a school, a hamlet) most likely lies near it. ``regions``: the story's
    divisions (:func:`article_regions`). Only places in the country the story names most
    (its towns, divisions and itself, each mention counted) are taken: a Lisbon story that
    names a visiting club's home town three times, Lisbon twice and Portugal and Porto once
    each is still set in Portugal."""
    regions = regions or {}
    counts: dict[tuple[Any, ...], float] = defaultdict(float)
    first: dict[tuple[Any, ...], Place] = {}
    for t in toponyms:
        if t.place is None or t.form not in NAMED_FORMS or t.place.lat is None:
            continue
        key = (t.place.name, t.place.country, t.place.lat, t.place.lon)
        counts[key] += 1.0 if t.form == "name" else EMBEDDED_FOCUS_COUNT
        first.setdefault(key, t.place)
    named: dict[str, float] = defaultdict(float)
    for key, place in first.items():
        if place.country:
            named[place.country] += counts[key]
    if named:
        # on a tie, the country of the states and provinces the story names, else the first
        region_countries = {code for code, _ in regions}
        top = max(named, key=lambda code: (named[code], code in region_countries))
        first = {k: p for k, p in first.items() if p.country == top or not p.country}
    for precisions in (("city",), ("admin", "border"), ("country",)):
        ranked = [k for k in first if first[k].precision in precisions]
        if precisions == ("city",):
            ranked = [k for k in ranked if (first[k].country, first[k].admin1) in regions] or ranked
        if ranked:
            return first[max(ranked, key=lambda k: counts[k])]
    return None
