"""False positives on non-political news: sentences that should yield no political event.

Two packaged files hold short news sentences written for eventwire (sport, business, weather,
disasters and accidents, ordinary crime, science/health/culture), one a line as
``category<TAB>sentence``; lines starting ``#`` are comments. Many are built to tempt a coder
("attack" down the wing, lightning "struck", a quake "killed", "talks" between airlines, a
"truce" between clubs, national teams that "beat" each other), none reports a government,
military, armed group, protest against authority or diplomacy.

- ``resources/nonpolitical_sentences.tsv``: the DEVELOPMENT set. The coder's non-political cues
  were refined while looking at it, so its figure flatters the coder.
- ``resources/nonpolitical_heldout.tsv``: the HELD-OUT set, written later without looking at the
  cue lists and never used to tune them. Its figure is the honest one, and the gated one.

Each sentence is coded as a one-sentence article dated ``ARTICLE_DATE``. The headline metric,
``event_rate``, is the share of the gated set's sentences yielding any event;
``event_rate_<category>`` gives the same per category. It is gated by a maximum
(``max_event_rate`` in ``floors.yaml``). The other sets are reported beside it (metrics
``<set>_event_rate`` and ``<set>_event_rate_<category>``, and the report's ``sets``), not gated.
The report's top-level ``source``, ``sentences``, ``categories``, ``offending`` … describe the
gated set, as they did when only one file was scored.
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
RESOURCE = "nonpolitical_sentences.tsv"            # the development set
HELDOUT_RESOURCE = "nonpolitical_heldout.tsv"      # the held-out set (gated)
DEVELOPMENT = "development"
HELDOUT = "heldout"
# The packaged sets, gated one first: (name, file).
PACKAGED_SETS = ((HELDOUT, HELDOUT_RESOURCE), (DEVELOPMENT, RESOURCE))
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
    """The sentences of one file; ``name`` says which set it is (``heldout``, ``development``)."""

    source: str
    sentences: tuple[Sentence, ...]
    name: str = HELDOUT


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


def _set_name(path: Path) -> str:
    """The set a file is: by its packaged file name, else its stem."""
    return {file: name for name, file in PACKAGED_SETS}.get(path.name, path.stem)


def load_sentences(path: Optional[Path] = None, resource: str = RESOURCE) -> SentenceSet:
    """The sentences of ``path`` (a tsv file, or a folder holding ``resource``), else the packaged
    file ``resource`` (default: the development set).

    Raises ``GoldDataError`` when the file cannot be read or holds no sentence.
    """
    name = _set_name(Path(resource))
    if path is not None:
        path = Path(path)
        if path.is_dir():
            path = path / resource
        else:
            name = _set_name(path)
        try:
            text, source = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise GoldDataError(f"cannot read the non-political sentences {path}: {exc}") from exc
    else:
        try:
            text = resources.files(RESOURCE_PACKAGE).joinpath(resource).read_text(encoding="utf-8")
        except OSError as exc:
            raise GoldDataError(f"packaged file {resource} cannot be read: {exc}") from exc
        source = f"{RESOURCE_PACKAGE}/{resource}"
    sentences = parse_sentences(text, source)
    if not sentences:
        raise GoldDataError(f"{source} holds no sentence")
    return SentenceSet(source, sentences, name)


def load_sets(path: Optional[Path] = None) -> tuple[SentenceSet, ...]:
    """The sets to score, the gated one first.

    None: the packaged held-out and development sets. A folder: those of ``PACKAGED_SETS``'s
    files it holds (at least one). A file: that file alone, which is then the gated set.
    Raises ``GoldDataError`` when nothing can be read.
    """
    if path is None:
        return tuple(load_sentences(resource=file) for _, file in PACKAGED_SETS)
    path = Path(path)
    if path.is_dir():
        present = [file for _, file in PACKAGED_SETS if (path / file).is_file()]
        if not present:
            raise GoldDataError(f"cannot read the non-political sentences in {path}: none of "
                                + ", ".join(file for _, file in PACKAGED_SETS))
        return tuple(load_sentences(path, resource=file) for file in present)
    return (load_sentences(path),)


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


def build_report(source: str, coded: Sequence[tuple[Sentence, Sequence[Event]]],
                 name: Optional[str] = None) -> dict[str, Any]:
    """The JSON-ready report of one set: ``metrics`` (``event_rate`` and ``event_rate_<category>``),
    per-category counts, and every sentence that yielded an event with its events. ``name``
    (the set's name) is recorded as ``set`` when given."""
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
    report: dict[str, Any] = {
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
    if name is not None:
        report["set"] = name
    return report


_SET_KEYS = ("source", "sentences", "with_events", "events", "metrics", "categories", "offending")


def combine_reports(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One report over several sets' reports (``build_report`` with ``name``), the gated first.

    The top level is the gated set's report (as when one file is scored), plus ``gated_set``,
    ``sets`` (each set's ``source``, counts, ``metrics``, ``categories``, ``offending``) and,
    in ``metrics``, each other set's rates as ``<set>_event_rate`` and
    ``<set>_event_rate_<category>``. A single report is returned as it is.
    """
    if len(reports) == 1:
        return reports[0]
    gated = dict(reports[0])
    gated["metrics"] = dict(gated["metrics"])
    for other in reports[1:]:
        gated["metrics"].update({f"{other['set']}_{metric}": value
                                 for metric, value in other["metrics"].items()})
    gated["gated_set"] = reports[0]["set"]
    gated["sets"] = {report["set"]: {key: report[key] for key in _SET_KEYS} for report in reports}
    return gated


def format_report(report: dict[str, Any]) -> str:
    """The report as text: for each set (the gated one first), the rate per category, then each
    offending sentence with its events."""
    sets = report.get("sets")
    if not sets:
        return _format_set(report, report["dataset"], report["article_date"])
    parts = []
    for name, row in sets.items():
        role = "gated" if name == report.get("gated_set") else "not gated"
        parts.append(_format_set(row, f"{report['dataset']} {name} set ({role})",
                                 report["article_date"]))
    return "\n".join(parts)


def _format_set(report: dict[str, Any], title: str, article_date: str) -> str:
    lines = [f"{title}: {report['sentences']} non-political sentences "
             f"({report['source']}), coded as articles dated {article_date}", "",
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


def load_gold(data: Optional[Path] = None) -> tuple[SentenceSet, ...]:
    """The sentence sets ``eventwire eval nonpolitical`` scores, gated first (see ``load_sets``)."""
    return load_sets(data)


def evaluate(coder: EventCoder, gold: SentenceSet | Sequence[SentenceSet],
             progress: Optional[bool] = None) -> dict[str, Any]:
    """Code every sentence of ``gold`` (one set, or several with the gated one first) with
    ``coder``; returns ``build_report``'s dict for one set, ``combine_reports``'s for several."""
    sets = (gold,) if isinstance(gold, SentenceSet) else tuple(gold)
    if len(sets) == 1:
        return build_report(sets[0].source, code_sentences(coder, sets[0].sentences, progress))
    return combine_reports([build_report(one.source, code_sentences(coder, one.sentences, progress),
                                         one.name) for one in sets])


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


__all__ = ["DATASET", "RESOURCE", "HELDOUT_RESOURCE", "DEVELOPMENT", "HELDOUT", "PACKAGED_SETS",
           "ARTICLE_DATE", "Sentence", "SentenceSet", "parse_sentences", "load_sentences",
           "load_sets", "load_gold", "evaluate", "build_report", "combine_reports",
           "format_report"]
