"""Scoring eventwire against the PLOVER gold-standard records (``plover_gsr``, CAMEO manual sentences).

Each gold record is one sentence with one PLOVER event, its source/target actors (country codes,
sectors) and an in-line markup that brackets the event words: ``(EVT: agreed)``. The sentence is
coded as an article of its own. A predicted event is *judged* when its trigger overlaps a marked
event word; unjudged predictions (about something else in the sentence) are counted but not scored.

* Recall: records whose judged prediction (the one overlapping the event words most; ties go to
  the first in text order) has the gold type, over all records. A record with no judged prediction
  is a miss, predicted type ``NONE``.
* Precision: judged predictions with the record's gold type, over all judged predictions.
* Per-type P/R/F1, macro-F1 over the types present in gold, micro P/R/F1, the confusion table, and
  bootstrap 95% intervals (records resampled) for micro recall, precision and macro-F1.
* Actor-country agreement on correctly typed records: the predicted actors' country set against
  the gold source countries (exact set, and any overlap); the same for recipients against gold
  targets where the gold has targets.
* Casualties, for information: on records whose gold carries ``dead``/``injured``, whether the
  judged prediction's ``counts.killed``/``counts.injured`` best value is exactly that number.
* Count fields (``counts_exact``, gated by ``eval plover-gsr --fields``): over the gold
  ``dead``/``injured`` values, the share whose ``best`` we read exactly: the judged event's
  count of that kind, or, when no event was judged (a type miss is scored above, not here),
  the first count of that kind the count extractor found in the sentence.

The gold file predates PLOVER 1.x; its older names and non-ISO codes are mapped here (see
``TYPE_ALIASES`` and ``COUNTRY_FIXES``).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterable, Optional, Protocol, Sequence, TextIO

from ..errors import GoldDataError
from ..model import EVENT_TYPES, Article, Event, Span
from . import metrics
from .reports import write_report  # noqa: F401  (the report writer of this data set)

log = logging.getLogger(__name__)

DATASET = "plover-gsr"
FOLDER = "plover_gsr"
FILENAME = "PLOVER_GSR_CAMEO.txt"
DEFAULT_DATE = "2000-01-01"
NONE = "NONE"

# Event names of the PLOVER 0.x drafts the file was coded with -> PLOVER 1.x types.
TYPE_ALIASES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# Record types that are not events (file documentation).
NON_EVENT_TYPES = frozenset({"DOCUMENT"})

# Actor codes in the gold that are not ISO 3166-1 alpha-3 -> the ISO code meant.
COUNTRY_FIXES = {
    "JAP": "JPN",   # Japan, Tokyo
    "ITL": "ITA",   # Italy
    "VTN": "VNM",   # "Vietnamese-led forces"
}
# The gold codes every intergovernmental organisation IGO; PLOVER (and eventwire) may give the
# UN and the EU codes of their own. Compared as IGO.
PREDICTED_COUNTRY_EQUIVALENTS = {"UNO": "IGO", "EUR": "IGO"}

_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_TAG_OPEN = re.compile(r"\(([A-Z]{3}(?:/[A-Z]{3})*):\s*")
_INTERVALS = ("recall", "precision", "macro_f1")


# ---------------------------------------------------------------------------------------------
# Reading the gold file

@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence with its event, ready to score."""

    id: str                                 # unique within the set (duplicates get "~2", "~3")
    text: str
    date: str
    event_type: str                         # PLOVER 1.x type
    original_type: str                      # as written in the file
    source_countries: frozenset[str]
    target_countries: frozenset[str]        # empty when the gold has no target
    evt_spans: tuple[Span, ...]             # offsets of the marked event words in ``text``
    markup: str = ""
    dead: Optional[int] = None
    injured: Optional[int] = None
    size: Optional[str] = None


@dataclass(frozen=True)
class GoldSet:
    """The scorable records of a gold file and what was odd about the file."""

    path: Path
    records: tuple[GoldRecord, ...]
    notes: tuple[str, ...] = ()


def strip_trailing_commas(text: str) -> str:
    """``text`` with every comma that directly precedes ``]`` or ``}`` removed.

    Commas inside JSON strings are left alone, so ``"a, ]"`` survives.
    """
    out: list[str] = []
    pieces = re.split(r'("(?:[^"\\]|\\.)*")', text)
    for index, piece in enumerate(pieces):
        out.append(piece if index % 2 else _TRAILING_COMMA.sub(r"\1", piece))
    return "".join(out)


def normalise_type(name: str) -> str:
    """The PLOVER 1.x event type for a gold type name; raises ``GoldDataError`` if unknown."""
    canonical = TYPE_ALIASES.get(name.strip().upper(), name.strip().upper())
    if canonical not in EVENT_TYPES:
        raise GoldDataError(f"unknown PLOVER event type {name!r} in the gold file")
    return canonical


def normalise_country(code: Optional[str]) -> Optional[str]:
    """A gold or predicted actor code as ISO3 (or a PLOVER non-state code); None if empty."""
    if not code or not str(code).strip():
        return None
    code = str(code).strip().upper()
    code = COUNTRY_FIXES.get(code, code)
    return PREDICTED_COUNTRY_EQUIVALENTS.get(code, code)


def parse_markup(markup: str) -> tuple[str, list[tuple[str, Span]]]:
    """The plain sentence inside ``markup`` and the tagged phrases as ``(tag, span)`` into it.

    ``(TAG: words)`` brackets a phrase; tags nest (``(LOC: into (TAR: Kabul))``) and phrases may
    hold ordinary parentheses (``(SRC: Front (NLF))``). A tagged phrase closed by ``}`` instead of
    ``)`` (a typo in the file) is accepted, and one never closed ends with the sentence. Spans
    exclude the whitespace just inside the brackets; an empty phrase yields no span.
    """
    plain: list[str] = []
    tagged: list[tuple[str, Span]] = []
    stack: list[Optional[tuple[str, int]]] = []      # None marks an ordinary "("
    length = 0
    position = 0

    def close(tag: str, start: int) -> None:
        segment = "".join(plain)[start:]
        begin = start + (len(segment) - len(segment.lstrip()))
        end = start + len(segment.rstrip())
        if end > begin:
            tagged.append((tag, (begin, end)))

    while position < len(markup):
        char = markup[position]
        if char == "(":
            opened = _TAG_OPEN.match(markup, position)
            if opened:
                stack.append((opened.group(1), length))
                position = opened.end()
                continue
            stack.append(None)
        elif char in ")}" and stack and stack[-1] is not None:
            tag, start = stack.pop()  # type: ignore[misc]
            close(tag, start)
            position += 1
            continue
        elif char == ")" and stack:
            stack.pop()
        plain.append(char)
        length += 1
        position += 1
    for entry in reversed(stack):
        if entry is not None:
            close(*entry)
    tagged.sort(key=lambda item: item[1])
    return "".join(plain), tagged


def align_spans(source: str, target: str, spans: Iterable[Span]) -> list[Optional[Span]]:
    """Carry ``spans`` over ``source`` onto ``target``, a lightly edited copy of it.

    Characters are matched with a longest-common-block alignment; a span becomes the smallest
    span of ``target`` covering its matched characters, or None when none of them match.
    """
    spans = list(spans)
    if source == target:
        return list(spans)
    mapping: dict[int, int] = {}
    matcher = SequenceMatcher(None, source, target, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mapping[block.a + offset] = block.b + offset
    aligned: list[Optional[Span]] = []
    for start, end in spans:
        hits = [mapping[i] for i in range(start, end) if i in mapping]
        aligned.append((min(hits), max(hits) + 1) if hits else None)
    return aligned


def event_word_spans(markup: str, text: str) -> tuple[list[Span], int]:
    """Offsets in ``text`` of the ``(EVT: …)`` phrases of ``markup``, and how many were lost.

    A phrase is lost when none of its characters can be found in ``text``.
    """
    plain, tagged = parse_markup(markup)
    evt = [span for tag, span in tagged if "EVT" in tag.split("/")]
    aligned = align_spans(plain, text, evt)
    found = [span for span in aligned if span is not None]
    return found, len(aligned) - len(found)


def _actor_codes(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    codes = (normalise_country(actor.get("code")) for actor in value if isinstance(actor, dict))
    return [code for code in codes if code]


def _whole_number(value: Any) -> Optional[int]:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def load_gold(path: Path) -> GoldSet:
    """Read a PLOVER GSR file into scorable records.

    Tolerates trailing commas, a markup given as a bare string instead of ``{"markup": …}``,
    duplicate record ids (later ones get ``~2``, ``~3``) and targets written as ``""`` or a stray
    word. Skips non-event records (``DOCUMENT``). Raises ``GoldDataError`` when the file cannot be
    read or parsed or names an event type this module does not know.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc}") from exc
    try:
        items = json.loads(strip_trailing_commas(raw))
    except json.JSONDecodeError as exc:
        raise GoldDataError(f"cannot parse gold file {path}: {exc}") from exc
    if not isinstance(items, list):
        raise GoldDataError(f"gold file {path} is not a JSON array of records")

    records: list[GoldRecord] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            notes.append(f"item {index} is not a record; skipped")
            continue
        original = str(item.get("event", "")).strip()
        record_id = str(item.get("id") or f"record-{index}")
        if original.upper() in NON_EVENT_TYPES:
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            notes.append(f"{record_id}: no text; skipped")
            continue
        seen[record_id] = seen.get(record_id, 0) + 1
        if seen[record_id] > 1:
            notes.append(f"{record_id}: duplicate id; this copy scored as {record_id}~{seen[record_id]}")
            record_id = f"{record_id}~{seen[record_id]}"

        info = item.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else info or ""
        spans, lost = event_word_spans(str(markup), text)
        if lost:
            notes.append(f"{record_id}: {lost} marked event phrase(s) not found in the text")
        if not spans:
            notes.append(f"{record_id}: no event words located; no prediction can be judged")
        target = item.get("target")
        if target not in (None, "") and not isinstance(target, list):
            notes.append(f"{record_id}: target {target!r} is not an actor list; ignored")
        records.append(GoldRecord(
            id=record_id,
            text=text,
            date=str(item.get("date") or DEFAULT_DATE),
            event_type=normalise_type(original),
            original_type=original,
            source_countries=frozenset(_actor_codes(item.get("source"))),
            target_countries=frozenset(_actor_codes(target)),
            evt_spans=tuple(spans),
            markup=str(markup),
            dead=_whole_number(item["dead"]) if "dead" in item else None,
            injured=_whole_number(item["injured"]) if "injured" in item else None,
            size=str(item["size"]) if "size" in item else None,
        ))
    log.info("read %d gold records from %s", len(records), path)
    return GoldSet(path=Path(path), records=tuple(records), notes=tuple(notes))


# ---------------------------------------------------------------------------------------------
# Judging predictions

class EventCoder(Protocol):
    def extract(self, article: Article) -> list[Event]: ...


@dataclass(frozen=True)
class Judgement:
    """What the coder produced for one gold record, sorted into judged and unjudged events."""

    record: GoldRecord
    judged: tuple[Event, ...]           # triggers overlapping the event words, in coder order
    chosen: Optional[Event]             # the judged event scored for recall
    overlap: int                        # characters the chosen trigger shares with event words
    unjudged: int

    @property
    def predicted_type(self) -> str:
        return self.chosen.event_type if self.chosen is not None else NONE

    @property
    def correct(self) -> bool:
        return self.chosen is not None and self.chosen.event_type == self.record.event_type


def overlap_with(span: Span, spans: Iterable[Span]) -> int:
    """Characters ``span`` shares with ``spans`` (summed; the spans are taken as disjoint)."""
    start, end = span
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)


def judge(record: GoldRecord, events: Sequence[Event]) -> Judgement:
    """Sort ``events`` coded from ``record`` into judged and unjudged, and choose the scored one.

    An event is judged when its trigger shares at least one character with a marked event word.
    The chosen event is the judged one with the most shared characters; ties go to the earlier.
    """
    judged: list[Event] = []
    chosen: Optional[Event] = None
    best = 0
    for event in events:
        shared = overlap_with(event.trigger.span, record.evt_spans)
        if shared <= 0:
            continue
        judged.append(event)
        if shared > best:
            chosen, best = event, shared
    return Judgement(record=record, judged=tuple(judged), chosen=chosen, overlap=best,
                     unjudged=len(events) - len(judged))


def article_for(record: GoldRecord) -> Article:
    """The article a gold record is coded as: its own sentence, id and date."""
    return Article(id=record.id, text=record.text, date=record.date or DEFAULT_DATE,
                   source=DATASET, origin=record.id)


def code_records(coder: EventCoder, records: Sequence[GoldRecord],
                 progress: Optional[bool] = None) -> list[Judgement]:
    """Code every record with ``coder`` and judge the events.

    ``progress``: show a progress bar on stderr; None shows one only when stderr is a terminal.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    items: Iterable[GoldRecord] = records
    if progress:
        from tqdm import tqdm

        items = tqdm(records, desc=DATASET, unit="sentence", file=sys.stderr, leave=False)
    return [judge(record, coder.extract(article_for(record))) for record in items]


# ---------------------------------------------------------------------------------------------
# Scores

def _outcomes(judgements: Sequence[Judgement]) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    gold = [(j.record.event_type, j.correct) for j in judgements]
    predictions = [(event.event_type, event.event_type == j.record.event_type)
                   for j in judgements for event in j.judged]
    return gold, predictions


def type_scores(judgements: Sequence[Judgement]) -> metrics.LabelScores:
    """Per-type and averaged P/R/F1 of ``judgements`` under the judging rule of this module."""
    gold, predictions = _outcomes(judgements)
    return metrics.score_labels(gold, predictions, labels=EVENT_TYPES)


def _countries(entities: Iterable[Any]) -> frozenset[str]:
    codes = (normalise_country(getattr(entity, "country", None)) for entity in entities)
    return frozenset(code for code in codes if code)


def _agreement(pairs: list[tuple[frozenset[str], frozenset[str]]]) -> dict[str, Any]:
    exact = sum(predicted == gold for predicted, gold in pairs)
    overlap = sum(bool(predicted & gold) for predicted, gold in pairs)
    return {"scored": len(pairs), "exact": exact, "any_overlap": overlap,
            "exact_share": metrics.ratio(exact, len(pairs)) if pairs else None,
            "any_overlap_share": metrics.ratio(overlap, len(pairs)) if pairs else None}


def actor_agreement(judgements: Sequence[Judgement]) -> dict[str, Any]:
    """Country agreement of actors and recipients on correctly typed records.

    ``actors``: predicted actor countries against gold source countries, on correct records whose
    gold names a source country. ``recipients``: predicted recipient countries against gold
    target countries, on correct records whose gold has a target. Shares are None when nothing
    was scored.
    """
    correct = [j for j in judgements if j.correct and j.chosen is not None]
    actors = [(_countries(j.chosen.actors), j.record.source_countries)  # type: ignore[union-attr]
              for j in correct if j.record.source_countries]
    recipients = [(_countries(j.chosen.recipients), j.record.target_countries)  # type: ignore[union-attr]
                  for j in correct if j.record.target_countries]
    return {"correct_records": len(correct), "actors": _agreement(actors),
            "recipients": _agreement(recipients)}


def _best_count(event: Optional[Event], kind: str) -> Optional[int]:
    if event is None:
        return None
    count = getattr(event.counts, kind, None)
    return None if count is None else count.best


def casualty_agreement(judgements: Sequence[Judgement]) -> dict[str, Any]:
    """Exact matches of killed/injured counts on records whose gold carries dead/injured."""
    out: dict[str, Any] = {}
    for gold_field, kind in (("dead", "killed"), ("injured", "injured")):
        rows = [j for j in judgements if getattr(j.record, gold_field) is not None]
        exact = sum(_best_count(j.chosen, kind) == getattr(j.record, gold_field) for j in rows)
        out[gold_field] = {"records": len(rows), "exact": exact,
                           "exact_share": metrics.ratio(exact, len(rows)) if rows else None}
    return out


def count_fields(judgements: Sequence[Judgement], sentence_counts: dict[str, list[Any]]
                 ) -> dict[str, Any]:
    """Exact ``best`` of killed/injured over the gold values (see the module docstring).

    ``sentence_counts``: record id -> the count mentions found in its sentence (``kind``,
    ``best``), used when the record has no judged event.
    """
    rows = []
    for j in judgements:
        for gold_field, kind in (("dead", "killed"), ("injured", "injured")):
            gold = getattr(j.record, gold_field)
            if gold is None:
                continue
            best = _best_count(j.chosen, kind)
            source = "event"
            if best is None and j.chosen is None:
                found = [c for c in sentence_counts.get(j.record.id, []) if c.kind == kind]
                best, source = (found[0].best, "sentence") if found else (None, "none")
            rows.append({"id": j.record.id, "field": gold_field, "gold": gold, "best": best,
                         "source": source, "exact": best == gold})
    exact = sum(r["exact"] for r in rows)
    return {"values": len(rows), "exact": exact,
            "exact_share": metrics.ratio(exact, len(rows)) if rows else None, "rows": rows}


def _sentence_counts(coder: Any, records: Sequence[GoldRecord]) -> dict[str, list[Any]]:
    """Count mentions of the sentences whose gold carries dead/injured (needs ``analyse``)."""
    if not hasattr(coder, "analyse"):
        return {}
    return {r.id: list(coder.analyse(article_for(r)).counts) for r in records
            if r.dead is not None or r.injured is not None}


def _recall(judgements: Sequence[Judgement]) -> float:
    return type_scores(judgements).micro.recall


def _precision(judgements: Sequence[Judgement]) -> float:
    return type_scores(judgements).micro.precision


def _macro_f1(judgements: Sequence[Judgement]) -> float:
    return type_scores(judgements).macro_f1


def _event_summary(event: Optional[Event]) -> Optional[dict[str, Any]]:
    if event is None:
        return None
    return {"event_type": event.event_type, "trigger": event.trigger.text,
            "span": list(event.trigger.span),
            "actors": sorted(_countries(event.actors)),
            "recipients": sorted(_countries(event.recipients))}


def build_report(gold: GoldSet, judgements: Sequence[Judgement], resamples: int = 1000,
                 seed: int = 0, sentence_counts: Optional[dict[str, list[Any]]] = None
                 ) -> dict[str, Any]:
    """The JSON-ready report of a scoring run.

    ``metrics`` holds the headline figures that floors are checked against: ``recall``,
    ``precision``, ``micro_f1``, ``macro_f1``, ``actor_country`` (exact set share) and
    ``actor_country_any``, ``recipient_country``, ``recipient_country_any`` (None when nothing
    was scored). ``per_type`` has one entry for each of the 16 PLOVER types.
    """
    from .. import __version__

    scores = type_scores(judgements)
    agreement = actor_agreement(judgements)
    fields = count_fields(judgements, sentence_counts or {})
    statistics = {"recall": _recall, "precision": _precision, "macro_f1": _macro_f1}
    intervals = {name: list(metrics.bootstrap_interval(judgements, statistics[name],
                                                       resamples=resamples, seed=seed))
                 for name in _INTERVALS}
    return {
        "dataset": DATASET,
        "gold_file": str(gold.path),
        "eventwire_version": __version__,
        "records": len(judgements),
        "metrics": {
            "recall": scores.micro.recall,
            "precision": scores.micro.precision,
            "micro_f1": scores.micro.f1,
            "macro_f1": scores.macro_f1,
            "actor_country": agreement["actors"]["exact_share"],
            "actor_country_any": agreement["actors"]["any_overlap_share"],
            "recipient_country": agreement["recipients"]["exact_share"],
            "recipient_country_any": agreement["recipients"]["any_overlap_share"],
            "counts_exact": fields["exact_share"],
        },
        "intervals": {"level": 0.95, "resamples": resamples, "seed": seed, **intervals},
        "per_type": {label: score.to_dict() for label, score in scores.per_label.items()},
        "confusion": metrics.confusion((j.record.event_type, j.predicted_type) for j in judgements),
        "actor_country": agreement,
        "casualties": casualty_agreement(judgements),
        "count_fields": fields,
        "predictions": {
            "judged": sum(len(j.judged) for j in judgements),
            "unjudged": sum(j.unjudged for j in judgements),
            "records_with_judged": sum(1 for j in judgements if j.chosen is not None),
        },
        "notes": list(gold.notes),
        "results": [
            {"id": j.record.id, "gold_type": j.record.event_type,
             "gold_original_type": j.record.original_type,
             "predicted_type": j.predicted_type, "correct": j.correct, "overlap": j.overlap,
             "gold_sources": sorted(j.record.source_countries),
             "gold_targets": sorted(j.record.target_countries),
             "chosen": _event_summary(j.chosen), "judged": len(j.judged), "unjudged": j.unjudged}
            for j in judgements
        ],
    }


# ---------------------------------------------------------------------------------------------
# The readable report

def _figure(value: Optional[float]) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: dict[str, Any]) -> str:
    """The report as text: per-type table, averages with intervals, confusion, actor countries."""
    lines = [f"{report['dataset']}: {report['records']} gold records ({report['gold_file']})", ""]
    lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8} {'predicted':>10}")
    for label, row in report["per_type"].items():
        lines.append(f"{label:<10} {_figure(row['precision'])} {_figure(row['recall'])} "
                     f"{_figure(row['f1'])} {row['support']:>8} {row['predicted']:>10}")
    figures, intervals = report["metrics"], report["intervals"]

    def with_interval(name: str) -> str:
        low, high = intervals[name]
        return f"{_figure(figures[name])}  [{low:.3f}, {high:.3f}]"

    lines += [
        "",
        f"micro precision {with_interval('precision')}",
        f"micro recall    {with_interval('recall')}",
        f"micro F1        {_figure(figures['micro_f1'])}",
        f"macro F1        {with_interval('macro_f1')}  (over types in gold)",
        f"({intervals['level']:.0%} bootstrap intervals, {intervals['resamples']} resamples "
        f"of records, seed {intervals['seed']})",
        "",
    ]
    predictions = report["predictions"]
    lines.append(f"predictions: {predictions['judged']} judged, {predictions['unjudged']} unjudged "
                 f"(trigger touches no event word); {predictions['records_with_judged']} of "
                 f"{report['records']} records have a judged prediction")
    lines += ["", "confusion (rows gold, columns predicted; first four letters):"]
    lines += _confusion_lines(report["confusion"])
    agreement = report["actor_country"]
    lines += ["", f"actor countries on the {agreement['correct_records']} correctly typed records:"]
    for name, label in (("actors", "actors vs gold sources"), ("recipients", "recipients vs gold targets")):
        part = agreement[name]
        lines.append(f"  {label:<27} exact {_figure(part['exact_share'])}  any overlap "
                     f"{_figure(part['any_overlap_share'])}  (n={part['scored']})")
    casualties = report["casualties"]
    lines.append("casualties (exact best count): " + ", ".join(
        f"{name} {part['exact']}/{part['records']}" for name, part in casualties.items()))
    fields = report.get("count_fields")
    if fields:
        lines.append(f"count fields (killed/injured best, event or sentence): "
                     f"{fields['exact']}/{fields['values']} exact"
                     + (f" = {fields['exact_share']:.3f}" if fields["exact_share"] is not None else ""))
    if report["notes"]:
        lines += ["", f"gold file notes ({len(report['notes'])}):"]
        lines += [f"  {note}" for note in report["notes"]]
    return "\n".join(lines) + "\n"


def _confusion_lines(table: dict[str, dict[str, int]]) -> list[str]:
    predicted = {label for row in table.values() for label in row}
    columns = [t for t in (*EVENT_TYPES, NONE) if t in predicted]
    columns += sorted(predicted - set(columns))
    rows = [t for t in EVENT_TYPES if t in table] + sorted(set(table) - set(EVENT_TYPES))
    lines = [f"{'':<10}" + "".join(f"{c[:4]:>5}" for c in columns)]
    for gold_type in rows:
        cells = table[gold_type]
        lines.append(f"{gold_type:<10}" + "".join(
            f"{cells.get(c, 0) or '.':>5}" for c in columns))
    return lines


# ---------------------------------------------------------------------------------------------
# One run

def evaluate(coder: EventCoder, gold: GoldSet, progress: Optional[bool] = None,
             resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Code and score every record of ``gold`` with ``coder``; returns ``build_report``'s dict."""
    judgements = code_records(coder, gold.records, progress=progress)
    return build_report(gold, judgements, resamples=resamples, seed=seed,
                        sentence_counts=_sentence_counts(coder, gold.records))


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


__all__ = [
    "DATASET", "FOLDER", "FILENAME", "TYPE_ALIASES", "COUNTRY_FIXES", "GoldRecord", "GoldSet",
    "Judgement", "load_gold", "parse_markup", "align_spans", "event_word_spans", "judge",
    "evaluate", "build_report", "format_report", "normalise_type", "normalise_country",
    "strip_trailing_commas",
]
