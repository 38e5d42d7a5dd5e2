"""Scoring eventwire's time expressions against MEANTIME (English, intra-document TIMEX3 gold).

MEANTIME (NewsReader, CC BY 4.0) holds 120 Wikinews articles as tokenised NAF-style XML; each
``TIMEX3`` markable names its tokens, a type (DATE, TIME, DURATION, SET) and an ISO-TimeML
``value``. The gold is read where it lies (``meantime_en/intra-doc_annotation/*/*.xml``).

How an article is rebuilt: the tokens are joined with single spaces (no space before closing
punctuation and clitics, none after opening brackets), one sentence per line; the first
sentence (the Wikinews title) is the headline, followed by a blank line. Gold token anchors
become character spans into that text. The document creation time (``functionInDocument=
"CREATION_TIME"``) is the article's ``date`` and is never scored: it is input, not output.

What is scored (decisions documented here because the gold leaves them open):

* **Gold items**: DATE and TIME expressions whose value names a calendar period: a day
  (``2009-05-14``, with or without a time of day ``T…``), an ISO week (``2009-W20``, weekend
  ``-WE`` taken as the week), a month, a quarter (``-Q2``), a season (``-SP``/``-SU``/``-FA``/
  ``-WI``, meteorological, as in ``extract/time.py``), a year, a decade (``199``) or a century
  (``19``), and partial dates such as ``2011-06-XX`` (the month). Values that name no calendar
  period are counted under ``excluded`` and not scored: ``PAST_REF``/``PRESENT_REF``/
  ``FUTURE_REF`` ("recently", "now", "the future"), fully unspecified ``XXXX…``, fiscal years
  (``FY2009``: the fiscal calendar differs by organisation) and duration values (``P…``)
  written on DATE tags. DURATION and SET tags are outside the task.
* **Span matching**: one of our time mentions *finds* a gold expression when their character
  spans overlap by at least one character; of several, the one with the largest overlap is
  taken (ties: the earlier). Span recall is found / scored gold; "exact" also counts spans
  equal after trimming a leading "the".
* **Value comparison at the gold's granularity**: the gold value is turned into its calendar
  interval (``2007-03`` = March 2007); our value is correct when our interval is resolved and
  lies inside the gold's interval. "Early June" (June 1-10) is right for gold ``2009-06``; the
  whole of June is wrong for gold ``2009-06-03``. An unresolved mention of ours on a gold span
  counts as found and wrong. TimeML leaves "since" outside the TIMEX (a signal), so for our
  "since 2004" (2004 up to the article date) what is compared is the day the period starts
  from (2004-01-01 lies in gold ``2004``).
* **Value accuracy** = correct / found. ``accuracy_all`` = correct / scored gold (span recall
  times value accuracy), for readers who want one number.

Anaphoric expressions ("the same day", "two days later") are resolved against the latest
resolved day before them in the article (``resolve_anaphora``); expressions of our own that
match no gold item are not penalised (MEANTIME does not mark every expression we mark, e.g.
durations), but their number is reported.
"""

from __future__ import annotations

import calendar
import logging
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, TextIO

from ..errors import GoldDataError
from ..model import Article, Span
from . import metrics
from .reports import write_report  # noqa: F401  (the report writer of this data set)

log = logging.getLogger(__name__)

DATASET = "meantime"
FOLDER = "meantime_en"
FILENAME = "README.txt"
DOCUMENTS = "intra-doc_annotation"

SCORED_TYPES = frozenset({"DATE", "TIME"})
# ISO-TimeML season codes -> the first month of the meteorological season.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|’s|”|'')$")
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "“", "``"})
_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<mo>\d\d)(?:-(?P<d>\d\d|XX))?|W(?P<w>\d\d)(?:-WE)?|"
    r"Q(?P<q>[1-4])|(?P<s>SP|SU|FA|AU|WI)|H(?P<h>[12])))?(?:T.*)?$"
    r"|^(?P<dec>\d{3})$|^(?P<cent>\d{2})$")
_INTERVALS = ("value_accuracy", "span_recall")


@dataclass(frozen=True)
class GoldTime:
    """One gold TIMEX3 in a rebuilt article."""

    id: str
    text: str
    span: Span
    type: str
    value: str
    interval: Optional[tuple[date, date]]   # None: the value names no calendar period


@dataclass(frozen=True)
class GoldDocument:
    """One MEANTIME article rebuilt as text, with its creation date and gold expressions."""

    id: str
    name: str
    text: str
    date: Optional[str]
    creation_span: Optional[Span]
    times: tuple[GoldTime, ...]


@dataclass(frozen=True)
class GoldSet:
    path: Path
    documents: tuple[GoldDocument, ...]


# ---------------------------------------------------------------------------------------------
# Gold values

def value_interval(value: str) -> Optional[tuple[date, date]]:
    """The calendar interval an ISO-TimeML value names, or None when it names none.

    ``2009-05-14`` and ``2009-05-14T12:00`` -> that day; ``2009-W20`` -> Monday to Sunday of
    ISO week 20; ``2009-05``/``2009-05-XX`` -> May; ``2009-Q2``; ``2009-SP`` (spring, March to
    May; winter ``2009-WI`` is December 2009 to February 2010); ``2009-H1``; ``2009``; ``199``
    -> the 1990s; ``19`` -> 1900-1999. ``PAST_REF``, ``XXXX-…``, ``FY2009`` and ``P…`` -> None.
    """
    m = _VALUE.match(value.strip())
    if m is None:
        return None
    try:
        if m["dec"]:
            first = int(m["dec"]) * 10
            return date(first, 1, 1), date(first + 9, 12, 31)
        if m["cent"]:
            first = int(m["cent"]) * 100
            return date(max(first, 1), 1, 1), date(first + 99, 12, 31)
        year = int(m["y"])
        if m["d"] and m["d"] != "XX":
            day = date(year, int(m["mo"]), int(m["d"]))
            return day, day
        if m["mo"]:
            month = int(m["mo"])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m["w"]:
            monday = date.fromisocalendar(year, int(m["w"]), 1)
            return monday, date.fromisocalendar(year, int(m["w"]), 7)
        if m["q"]:
            first_month = 3 * int(m["q"]) - 2
            last = first_month + 2
            return date(year, first_month, 1), date(year, last, calendar.monthrange(year, last)[1])
        if m["h"]:
            first_month = 1 if m["h"] == "1" else 7
            last = first_month + 5
            return date(year, first_month, 1), date(year, last, calendar.monthrange(year, last)[1])
        if m["s"]:
            first_month = SEASON_START[m["s"]]
            end_year, end_month = (year + 1, 2) if first_month == 12 else (year, first_month + 2)
            return (date(year, first_month, 1),
                    date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def value_correct(gold: Optional[tuple[date, date]], start: Optional[date],
                  end: Optional[date]) -> bool:
    """True when our resolved interval lies inside the gold's (comparison at gold granularity)."""
    if gold is None or start is None or end is None:
        return False
    return gold[0] <= start <= end <= gold[1]


# ---------------------------------------------------------------------------------------------
# Reading the gold

def _join_tokens(tokens: Sequence[str]) -> tuple[str, list[Span]]:
    """Tokens joined as running text, with each token's character span."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    previous: Optional[str] = None
    for token in tokens:
        if previous is not None and not NO_SPACE_BEFORE.match(token) \
                and previous not in NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        out.append(token)
        pos += len(token)
        previous = token
    return "".join(out), spans


def read_document(path: Path) -> GoldDocument:
    """Rebuild one MEANTIME file as an article with gold time spans (see the module docstring)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise GoldDataError(f"cannot read MEANTIME file {path}: {exc}") from exc
    sentences: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(
            (token.get("t_id", ""), token.text or ""))
    pieces: list[str] = []
    token_span: dict[str, Span] = {}
    offset = 0
    for number, (_, tokens) in enumerate(sorted(sentences.items())):
        if number:
            separator = "\n\n" if number == 1 else "\n"
            pieces.append(separator)
            offset += len(separator)
        line, spans = _join_tokens([text for _, text in tokens])
        for (t_id, _), (s, e) in zip(tokens, spans):
            token_span[t_id] = (offset + s, offset + e)
        pieces.append(line)
        offset += len(line)
    text = "".join(pieces)

    creation: Optional[str] = None
    creation_span: Optional[Span] = None
    times: list[GoldTime] = []
    for timex in root.iter("TIMEX3"):
        anchors = [token_span[a.get("t_id", "")] for a in timex.iter("token_anchor")
                   if a.get("t_id", "") in token_span]
        span = (min(s for s, _ in anchors), max(e for _, e in anchors)) if anchors else None
        value = timex.get("value", "")
        if timex.get("functionInDocument") == "CREATION_TIME":
            creation, creation_span = _creation_date(value), span
            continue
        if span is None:
            continue            # a timex with no tokens (an implicit time) has nothing to find
        kind = timex.get("type", "")
        times.append(GoldTime(timex.get("m_id", ""), text[span[0]:span[1]], span, kind, value,
                              value_interval(value) if kind in SCORED_TYPES else None))
    if creation is None and len(sentences) > 1:
        creation, creation_span = _dateline(text, token_span, sentences)
        if creation_span is not None:   # the dateline's own timex is the creation time
            times = [t for t in times if not (t.span[0] < creation_span[1]
                                              and creation_span[0] < t.span[1])]
    times.sort(key=lambda t: t.span)
    return GoldDocument(root.get("doc_id", path.stem), path.stem, text, creation, creation_span,
                        tuple(times))


def _creation_date(value: str) -> Optional[str]:
    """ISO date of a creation-time value; one file writes it day-first (``03-02-2009``), as
    FBK's annotators wrote dates, and its "last month" is January, so it is read day-first."""
    iso = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if iso:
        text = iso.group(0)
    else:
        day_first = re.match(r"^(\d\d)-(\d\d)-(\d{4})$", value)
        if day_first is None:
            return None
        text = f"{day_first.group(3)}-{day_first.group(2)}-{day_first.group(1)}"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _dateline(text: str, token_span: dict[str, Span], sentences: dict[int, list[tuple[str, str]]]
              ) -> tuple[Optional[str], Optional[Span]]:
    """The article date from the dateline (the second sentence, "April 27 , 2005") when the file
    marks no creation time: every MEANTIME article carries one, and it is input, not output."""
    from ..extract.time import resolve

    tokens = sorted(sentences.items())[1][1]
    spans = [token_span[t_id] for t_id, _ in tokens if t_id in token_span]
    if not spans:
        return None, None
    span = (spans[0][0], spans[-1][1])
    found = resolve(text[span[0]:span[1]], None)
    if found is None or found.start is None or found.precision != "day":
        return None, None
    return found.start.isoformat(), span


def load_gold(folder: Path) -> GoldSet:
    """Every article under ``folder/intra-doc_annotation``, in file-name order."""
    files = sorted((Path(folder) / DOCUMENTS).glob("*/*.xml"))
    if not files:
        raise GoldDataError(f"no MEANTIME articles under {Path(folder) / DOCUMENTS}")
    return GoldSet(Path(folder), tuple(read_document(f) for f in files))


def article_for(document: GoldDocument) -> Article:
    """The article a gold document is coded as: rebuilt text, creation date as its date."""
    return Article(id=f"meantime-{document.id}", text=document.text, date=document.date,
                   source=DATASET, origin=document.name)


# ---------------------------------------------------------------------------------------------
# Matching and scoring

@dataclass(frozen=True)
class Outcome:
    """One scored gold expression and what we made of it."""

    document: str
    gold: GoldTime
    found: bool
    exact_span: bool
    correct: bool
    ours: Optional[dict[str, Any]]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _strip_the(text: str, span: Span) -> Span:
    if text.lower().startswith("the "):
        return span[0] + 4, span[1]
    return span


def score_document(document: GoldDocument, mentions: Sequence[Any]) -> tuple[list[Outcome], int]:
    """Outcomes for the document's scored gold expressions, and the count of our unmatched ones.

    ``mentions`` are ``TimeMention``s; those touching the creation-time span are ignored.
    """
    from ..extract.time import anchor_period

    ours = [m for m in mentions
            if document.creation_span is None or not _overlap(m.span, document.creation_span)]
    used: set[int] = set()
    outcomes: list[Outcome] = []
    for gold in document.times:
        if gold.type not in SCORED_TYPES:
            for i, m in enumerate(ours):
                if _overlap(m.span, gold.span):
                    used.add(i)
            continue
        best: Optional[int] = None
        best_overlap = 0
        for i, m in enumerate(ours):
            shared = _overlap(m.span, gold.span)
            if shared > best_overlap:
                best, best_overlap = i, shared
        if best is not None:
            used.add(best)
        if gold.interval is None:
            continue
        mention = ours[best] if best is not None else None
        exact = mention is not None and (
            _strip_the(mention.text, tuple(mention.span)) == _strip_the(gold.text, gold.span))
        correct = mention is not None and value_correct(gold.interval, *anchor_period(mention))
        outcomes.append(Outcome(document.id, gold, mention is not None, exact, correct,
                                None if mention is None else {
                                    "text": mention.text, "span": list(mention.span),
                                    "value_start": mention.start.isoformat() if mention.start else None,
                                    "value_end": mention.end.isoformat() if mention.end else None,
                                    "precision": mention.precision}))
    return outcomes, len(ours) - len(used)


def _value_accuracy(outcomes: Sequence[Outcome]) -> float:
    found = [o for o in outcomes if o.found]
    return metrics.ratio(sum(o.correct for o in found), len(found))


def _span_recall(outcomes: Sequence[Outcome]) -> float:
    return metrics.ratio(sum(o.found for o in outcomes), len(outcomes))


def evaluate(coder: Any, gold: GoldSet, progress: Optional[bool] = None,
             resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Run the coder's time extraction over every gold article and build the JSON-ready report.

    ``metrics``: ``value_accuracy`` (correct / gold expressions found), ``span_recall`` (found /
    scored gold), ``exact_span_recall``, ``accuracy_all`` (correct / scored gold). Intervals
    resample gold expressions.
    """
    from ..extract.time import resolve_anaphora

    if progress is None:
        progress = sys.stderr.isatty()
    documents: Iterable[GoldDocument] = gold.documents
    if progress:
        from tqdm import tqdm

        documents = tqdm(gold.documents, desc=DATASET, unit="article", file=sys.stderr, leave=False)
    outcomes: list[Outcome] = []
    unmatched = 0
    excluded: dict[str, int] = {}
    for document in documents:
        analysis = coder.analyse(article_for(document))
        mentions = resolve_anaphora(analysis.times, analysis.day)
        found, extra = score_document(document, mentions)
        outcomes += found
        unmatched += extra
        for g in document.times:
            if g.type in SCORED_TYPES and g.interval is None:
                key = _excluded_kind(g.value)
                excluded[key] = excluded.get(key, 0) + 1
    return build_report(gold, outcomes, unmatched, excluded, resamples, seed)


def _excluded_kind(value: str) -> str:
    if value.endswith("_REF"):
        return value
    if value.startswith("FY"):
        return "fiscal year"
    if value.startswith("P"):
        return "duration value"
    return "unspecified"


def _granularity(gold: GoldTime) -> str:
    if gold.interval is None:
        return "none"
    start, end = gold.interval
    days = (end - start).days + 1
    if days == 1:
        return "day"
    if days == 7:
        return "week"
    if days <= 31:
        return "month"
    if days <= 184:
        return "quarter/season"
    if days <= 366:
        return "year"
    return "decade+"


def build_report(gold: GoldSet, outcomes: Sequence[Outcome], unmatched: int,
                 excluded: dict[str, int], resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """The JSON-ready report; ``metrics`` holds the figures floors are checked against."""
    from .. import __version__

    found = [o for o in outcomes if o.found]
    statistics = {"value_accuracy": _value_accuracy, "span_recall": _span_recall}
    intervals = {name: list(metrics.bootstrap_interval(list(outcomes), statistics[name],
                                                       resamples=resamples, seed=seed))
                 for name in _INTERVALS}
    by_granularity: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = by_granularity.setdefault(_granularity(o.gold), {"gold": 0, "found": 0, "correct": 0})
        row["gold"] += 1
        row["found"] += o.found
        row["correct"] += o.correct
    return {
        "dataset": DATASET,
        "gold_folder": str(gold.path),
        "eventwire_version": __version__,
        "documents": len(gold.documents),
        "scored_gold": len(outcomes),
        "found": len(found),
        "correct": sum(o.correct for o in outcomes),
        "excluded_gold": excluded,
        "unmatched_predictions": unmatched,
        "metrics": {
            "value_accuracy": _value_accuracy(outcomes),
            "span_recall": _span_recall(outcomes),
            "exact_span_recall": metrics.ratio(sum(o.exact_span for o in outcomes), len(outcomes)),
            "accuracy_all": metrics.ratio(sum(o.correct for o in outcomes), len(outcomes)),
        },
        "intervals": {"level": 0.95, "resamples": resamples, "seed": seed, **intervals},
        "by_granularity": by_granularity,
        "results": [
            {"document": o.document, "gold_text": o.gold.text, "gold_span": list(o.gold.span),
             "gold_type": o.gold.type, "gold_value": o.gold.value, "found": o.found,
             "exact_span": o.exact_span, "correct": o.correct, "ours": o.ours}
            for o in outcomes
        ],
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as text: headline figures with intervals, then the table by granularity."""
    figures, intervals = report["metrics"], report["intervals"]
    lines = [
        f"{report['dataset']}: {report['documents']} articles, {report['scored_gold']} gold "
        f"DATE/TIME expressions with a calendar value ({report['gold_folder']})",
        f"excluded (no calendar value): " + (", ".join(
            f"{k} {v}" for k, v in sorted(report["excluded_gold"].items())) or "none"),
        "",
        f"value accuracy   {figures['value_accuracy']:.3f}  [{intervals['value_accuracy'][0]:.3f}, "
        f"{intervals['value_accuracy'][1]:.3f}]  ({report['correct']} of {report['found']} found)",
        f"span recall      {figures['span_recall']:.3f}  [{intervals['span_recall'][0]:.3f}, "
        f"{intervals['span_recall'][1]:.3f}]  (overlap; exact {figures['exact_span_recall']:.3f})",
        f"accuracy on all  {figures['accuracy_all']:.3f}  (correct / scored gold)",
        f"our expressions matching no gold: {report['unmatched_predictions']}",
        "",
        f"{'gold granularity':<16} {'gold':>5} {'found':>6} {'correct':>8}",
    ]
    for name, row in sorted(report["by_granularity"].items()):
        lines.append(f"{name:<16} {row['gold']:>5} {row['found']:>6} {row['correct']:>8}")
    return "\n".join(lines) + "\n"


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


__all__ = ["DATASET", "FOLDER", "FILENAME", "GoldTime", "GoldDocument", "GoldSet", "Outcome",
           "value_interval", "value_correct", "read_document", "load_gold", "article_for",
           "score_document", "evaluate", "build_report", "format_report", "write_report",
           "print_report"]
