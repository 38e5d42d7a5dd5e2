"""False positives on non-political news: sentences that should yield no political event.

The packaged ``resources/nonpolitical_sentences.tsv`` holds short news sentences written for
eventwire (sport, business, weather, disasters and accidents, ordinary crime, science/health/
culture), one a line as ``category<TAB>sentence``; lines starting ``#`` are comments. Many are
built to tempt a coder ("attack" down the wing, lightning "struck", a quake "killed", "talks"
between airlines, a "truce" between clubs), none reports a government, military, armed group,
protest against authority or diplomacy.

Each sentence is coded as a one-sentence article dated ``ARTICLE_DATE``. The headline metric,
``event_rate``, is the share of sentences yielding any event; ``event_rate_<category>`` gives the
same per category. It is gated by a maximum (``max_event_rate`` in ``floors.yaml``).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Protocol, Sequence, TextIO

from ..errors import GoldDataError
from ..model import Article, Event
from . import metrics
from .reports import write_report  # noqa: F401  (the report writer of this data set)

log = logging.getLogger(__name__)

DATASET = "nonpolitical"
RESOURCE_PACKAGE = "eventwire.resources"
RESOURCE = "nonpolitical_sentences.tsv"
ARTICLE_DATE = "2024-06-01"


class EventCoder(Protocol):
    def extract(self, article: Article) -> list[Event]: ...


@dataclass(frozen=True)
class Sentence:
    """One non-political sentence; ``id`` is ``<category>-<n>``, n counting within the category."""

    id: str
    category: str
    text: str


@dataclass(frozen=True)
class SentenceSet:
    source: str
    sentences: tuple[Sentence, ...]


def parse_sentences(text: str, source: str = RESOURCE) -> tuple[Sentence, ...]:
    """The sentences of a ``category<TAB>sentence`` file's text.

    Blank lines and lines starting ``#`` are skipped. Raises ``GoldDataError`` for a line
    without a tab, an empty category or sentence, or a sentence listed twice.
    """
    sentences: list[Sentence] = []
    per_category: dict[str, int] = {}
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        category, tab, sentence = line.partition("\t")
        category, sentence = category.strip(), sentence.strip()
        if not tab or not category or not sentence:
            raise GoldDataError(f"{source} line {number}: expected category<TAB>sentence")
        if sentence in seen:
            raise GoldDataError(f"{source} line {number}: sentence listed twice")
        seen.add(sentence)
        per_category[category] = per_category.get(category, 0) + 1
        sentences.append(Sentence(f"{category}-{per_category[category]}", category, sentence))
    return tuple(sentences)


def load_sentences(path: Optional[Path] = None) -> SentenceSet:
    """The sentences of ``path`` (a tsv file, or a folder holding ``RESOURCE``), else the packaged set.

    Raises ``GoldDataError`` when the file cannot be read or holds no sentence.
    """
    if path is not None:
        path = Path(path)
        if path.is_dir():
            path = path / RESOURCE
        try:
            text, source = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise GoldDataError(f"cannot read the non-political sentences {path}: {exc}") from exc
    else:
        try:
            text = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE).read_text(encoding="utf-8")
        except OSError as exc:
            raise GoldDataError(f"packaged file {RESOURCE} cannot be read: {exc}") from exc
        source = f"{RESOURCE_PACKAGE}/{RESOURCE}"
    sentences = parse_sentences(text, source)
    if not sentences:
        raise GoldDataError(f"{source} holds no sentence")
    return SentenceSet(source, sentences)


def article_for(sentence: Sentence) -> Article:
    """The one-sentence article a sentence is coded as."""
    return Article(id=f"{DATASET}:{sentence.id}", text=sentence.text, date=ARTICLE_DATE,
                   source=DATASET)


def code_sentences(coder: EventCoder, sentences: Sequence[Sentence],
                   progress: Optional[bool] = None) -> list[tuple[Sentence, list[Event]]]:
    """Each sentence with the events ``coder`` finds in it.

    ``progress``: show a progress bar on stderr; None shows one only when stderr is a terminal.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    items: Iterable[Sentence] = sentences
    if progress:
        from tqdm import tqdm

        items = tqdm(sentences, desc=DATASET, unit="sentence", file=sys.stderr, leave=False)
    return [(sentence, coder.extract(article_for(sentence))) for sentence in items]


def _event_summary(event: Event) -> dict[str, Any]:
    return {"event_type": event.event_type, "trigger": event.trigger.text,
            "span": list(event.trigger.span),
            "actors": [entity.id for entity in event.actors],
            "recipients": [entity.id for entity in event.recipients]}


def build_report(source: str, coded: Sequence[tuple[Sentence, Sequence[Event]]]) -> dict[str, Any]:
    """The JSON-ready report: ``metrics`` (``event_rate`` and ``event_rate_<category>``), per-category
    counts, and every sentence that yielded an event with its events."""
    from .. import __version__

    categories: dict[str, dict[str, Any]] = {}
    for sentence, events in coded:
        row = categories.setdefault(sentence.category, {"sentences": 0, "with_events": 0,
                                                        "events": 0})
        row["sentences"] += 1
        row["with_events"] += bool(events)
        row["events"] += len(events)
    for row in categories.values():
        row["event_rate"] = metrics.ratio(row["with_events"], row["sentences"])
    offending = [(sentence, events) for sentence, events in coded if events]
    report_metrics: dict[str, Optional[float]] = {
        "event_rate": metrics.ratio(len(offending), len(coded)) if coded else None}
    report_metrics.update({f"event_rate_{name}": row["event_rate"]
                           for name, row in categories.items()})
    return {
        "dataset": DATASET,
        "source": source,
        "eventwire_version": __version__,
        "article_date": ARTICLE_DATE,
        "sentences": len(coded),
        "with_events": len(offending),
        "events": sum(len(events) for _, events in coded),
        "metrics": report_metrics,
        "categories": categories,
        "offending": [{"id": sentence.id, "category": sentence.category, "text": sentence.text,
                       "events": [_event_summary(event) for event in events]}
                      for sentence, events in offending],
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as text: the rate per category, then each offending sentence with its events."""
    lines = [f"{report['dataset']}: {report['sentences']} non-political sentences "
             f"({report['source']}), coded as articles dated {report['article_date']}", "",
             f"{'category':<10} {'sentences':>9} {'with event':>10} {'rate':>6}"]
    for name, row in report["categories"].items():
        lines.append(f"{name:<10} {row['sentences']:>9} {row['with_events']:>10} "
                     f"{row['event_rate']:>6.3f}")
    rate = report["metrics"]["event_rate"]
    lines.append(f"{'all':<10} {report['sentences']:>9} {report['with_events']:>10} "
                 f"{(rate or 0.0):>6.3f}")
    if report["offending"]:
        lines += ["", "sentences yielding events:"]
        for row in report["offending"]:
            lines.append(f"  [{row['id']}] {row['text']}")
            for event in row["events"]:
                parties = ", ".join(event["actors"]) or "-"
                if event["recipients"]:
                    parties += " -> " + ", ".join(event["recipients"])
                lines.append(f"      {event['event_type']} '{event['trigger']}' ({parties})")
    return "\n".join(lines) + "\n"


def load_gold(data: Optional[Path] = None) -> SentenceSet:
    """The sentence set ``eventwire eval nonpolitical`` scores (see ``load_sentences``)."""
    return load_sentences(data)


def evaluate(coder: EventCoder, gold: SentenceSet, progress: Optional[bool] = None) -> dict[str, Any]:
    """Code every sentence of ``gold`` with ``coder``; returns ``build_report``'s dict."""
    return build_report(gold.source, code_sentences(coder, gold.sentences, progress=progress))


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


__all__ = ["DATASET", "RESOURCE", "ARTICLE_DATE", "Sentence", "SentenceSet", "parse_sentences",
           "load_sentences", "load_gold", "evaluate", "build_report", "format_report"]
