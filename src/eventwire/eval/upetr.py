"""Reporting eventwire against the UniversalPetrarch validation records (``upetr``), not gating it.

The file ``PETR2_GSR_validation.xml`` (openeventdata/UniversalPetrarch, MIT) holds 78 English
sentences, each with one or more CAMEO codings ``<EventCoding eventcode=… sourcecode=…
targetcode=…/>`` or ``<EventCoding noevents="True"/>``. It is not well-formed XML (comment lines
starting ``#``, self-closed ``<Sentence …/>`` openers followed by content, commented-out parses),
so it is read with regular expressions: comments are removed, then each ``<Sentence`` opener
starts a record that runs to the next one.

The codings were derived from PETRARCH-2's output, so the figures are reported, never held as
floors. Each sentence is coded as an article of its own, dated by its ``date`` attribute.

CAMEO codes become PLOVER types through the crosswalk ``CAMEO2PLOVER-2021.txt``, read at run time
from the shared ``reference`` folder beside the gold folder (never copied into the repo). A code
takes the type of its most specific entry in the crosswalk (``0352`` → ``035`` → ``03``). Where
the crosswalk and the PLOVER manual disagree the manual wins (``MANUAL_OVERRIDES``):

* ``0871`` declare truce, ceasefire → CONCEDE: the manual codes declarations of ceasefires as
  verbal concessions and only their implementation as RETREAT.
* ``0813``/``0814`` ease curfew / state of emergency → CONCEDE: the manual lists removing curfews
  among CONCEDE's verbal concessions.
* ``080`` yield (unspecified) → CONCEDE or RETREAT: the manual splits YIELD into 081–083
  (CONCEDE) and 084–087 (RETREAT); the bare ``080`` names neither half, so either is accepted.

CAMEO 01 (public statement) and 02 (appeal) were dropped from PLOVER: a sentence whose codings
are all 01/02 has no gold PLOVER type and is counted under ``unmapped``, not scored for type.

What is reported:

* ``type_match``: sentences with a mapped gold type where one of our events has one of the
  sentence's gold types, over those sentences.
* ``cameo_root``: sentences with gold codings where we produce an event with a ``cameo`` code,
  and one such event's root (first two digits) is a gold coding's root, over those sentences.
* ``actor_country`` (exact set) and ``actor_country_any`` (any overlap): on type-matched
  sentences, the countries of the matching event's actors against the gold source countries of
  the codings of that type. Reciprocal CAMEO pairs (A→B and B→A) put both in the sources, as
  PLOVER puts both in ``actors``. A gold code's country is its first three letters; ``---``
  (unknown) is no country; IGO codes and our UNO/EUR compare as IGO.
* ``noevents_fp_rate``: ``noevents`` sentences where we produce any event, over those sentences.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Protocol, Sequence, TextIO

from ..errors import GoldDataError
from ..model import EVENT_TYPES, Article, Event
from . import metrics
from .gold import repository_root
from .plover_gsr import normalise_country
from .reports import write_report  # noqa: F401  (the report writer of this data set)

log = logging.getLogger(__name__)

DATASET = "upetr"
FOLDER = "universalpetrarch_validation"
FILENAME = "PETR2_GSR_validation.xml"
CROSSWALK_FILENAME = "CAMEO2PLOVER-2021.txt"
REFERENCE_FOLDER = "reference"

# Codes where the PLOVER manual overrides the crosswalk (see the module docstring).
MANUAL_OVERRIDES: dict[str, frozenset[str]] = {
    "0871": frozenset({"CONCEDE"}),
    "0813": frozenset({"CONCEDE"}),
    "0814": frozenset({"CONCEDE"}),
    "080": frozenset({"CONCEDE", "RETREAT"}),
}
# CAMEO cue categories PLOVER dropped (the manual's translation table).
DROPPED_ROOTS = frozenset({"01", "02"})
UNKNOWN_ACTOR = "---"

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SENTENCE_OPEN = re.compile(r"<Sentence\b([^>]*?)/?>")
_SENTENCES_END = re.compile(r"</Sentences\s*>")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CROSSWALK_LINE = re.compile(r"^(\d{2,4})\s*:\s*([A-Za-z]+)")


class EventCoder(Protocol):
    def extract(self, article: Article) -> list[Event]: ...


# ---------------------------------------------------------------------------------------------
# The crosswalk

@dataclass(frozen=True)
class Crosswalk:
    """CAMEO code → PLOVER types, from the crosswalk file with the manual's overrides."""

    entries: dict[str, frozenset[str]]
    path: Optional[Path] = None

    def types(self, code: str) -> frozenset[str]:
        """The PLOVER types ``code`` maps to (empty for dropped or unknown codes).

        The most specific entry wins: the code itself, else its prefixes, longest first.
        """
        code = code.strip()
        if code[:2] in DROPPED_ROOTS:
            return frozenset()
        for length in range(len(code), 1, -1):
            prefix = code[:length]
            if prefix in MANUAL_OVERRIDES:
                return MANUAL_OVERRIDES[prefix]
            if prefix in self.entries:
                return self.entries[prefix]
        return frozenset()


def parse_crosswalk(text: str, path: Optional[Path] = None) -> Crosswalk:
    """Read the crosswalk's ``CODE: TYPE, mode, context # description`` lines.

    A code listed twice with different types (the root ``08`` heads both CONCEDE and RETREAT)
    maps to all of them. Comment, blank and decoration lines are skipped. Raises
    ``GoldDataError`` when no line could be read or a type is not a PLOVER type.
    """
    entries: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = _CROSSWALK_LINE.match(line.strip())
        if not match:
            continue
        code, plover = match.group(1), match.group(2).upper()
        if plover not in EVENT_TYPES:
            raise GoldDataError(f"crosswalk {path or ''}: {code} maps to unknown type {plover!r}")
        entries.setdefault(code, set()).add(plover)
    if not entries:
        raise GoldDataError(f"crosswalk {path or ''} holds no CAMEO-to-PLOVER lines")
    return Crosswalk({code: frozenset(types) for code, types in entries.items()}, path)


def find_crosswalk(gold_folder: Path, repo_root: Optional[Path] = None) -> Path:
    """The crosswalk file in the shared ``reference`` folder next to the gold root.

    Looked up beside the gold root above ``gold_folder`` (``…/shared/gold/<set>`` →
    ``…/shared/reference``), then ``../shared/reference`` of the repository. Raises
    ``GoldDataError`` naming every place tried.
    """
    gold_folder = Path(gold_folder)
    candidates = [gold_folder.parent.parent / REFERENCE_FOLDER, gold_folder.parent / REFERENCE_FOLDER]
    root = repo_root if repo_root is not None else repository_root()
    if root is not None:
        candidates.append(root.parent / "shared" / REFERENCE_FOLDER)
    for folder in candidates:
        if (folder / CROSSWALK_FILENAME).is_file():
            return (folder / CROSSWALK_FILENAME).resolve()
    tried = ", ".join(str(folder / CROSSWALK_FILENAME) for folder in candidates)
    raise GoldDataError(f"CAMEO-to-PLOVER crosswalk not found: tried {tried}")


# ---------------------------------------------------------------------------------------------
# The validation records

@dataclass(frozen=True)
class Coding:
    """One CAMEO coding of a sentence."""

    event_code: str
    source: str
    target: str

    @property
    def root(self) -> str:
        return self.event_code[:2]


@dataclass(frozen=True)
class GoldSentence:
    """One validation sentence with its CAMEO codings (none when marked ``noevents``)."""

    id: str
    text: str
    date: Optional[str]
    category: str
    codings: tuple[Coding, ...]
    noevents: bool


@dataclass(frozen=True)
class GoldSet:
    path: Path
    sentences: tuple[GoldSentence, ...]
    crosswalk: Crosswalk
    notes: tuple[str, ...] = ()


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _ATTRIBUTE.finditer(text)}


def _iso_date(value: str) -> Optional[str]:
    """``YYYYMMDD`` as ``YYYY-MM-DD``; None when it is not a real date."""
    value = value.strip()
    if not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return None


def text_from_parse(parse: str) -> str:
    """The sentence spelt by a CoNLL-U parse: token forms joined by spaces, none after
    tokens marked ``SpaceAfter=No``."""
    pieces: list[str] = []
    for line in parse.splitlines():
        columns = line.strip("\n").split("\t")
        if len(columns) < 2 or not columns[0].strip().isdigit():
            continue
        pieces.append(columns[1])
        if len(columns) < 10 or "SpaceAfter=No" not in columns[9]:
            pieces.append(" ")
    return "".join(pieces).strip()


def parse_validation(raw: str) -> tuple[list[GoldSentence], list[str]]:
    """The sentences of a validation file's text, and notes on what was odd about it.

    Tolerates what the file does: ``#`` comment lines, ``<!-- -->`` comments (also around whole
    parses), ``<Sentence …/>`` openers that do not enclose their content, wrapped text lines.
    A sentence whose ``<Text>`` is empty is rebuilt from its parse, with a note; one with neither
    text nor parse is skipped with a note; one with neither codings nor ``noevents``
    is kept as unmapped with a note.
    """
    body = _COMMENT.sub("", raw)
    end = _SENTENCES_END.search(body)
    if end:
        body = body[:end.start()]
    openers = list(_SENTENCE_OPEN.finditer(body))
    sentences: list[GoldSentence] = []
    notes: list[str] = []
    seen: set[str] = set()
    for index, opener in enumerate(openers):
        stop = openers[index + 1].start() if index + 1 < len(openers) else len(body)
        block = body[opener.end():stop]
        attrs = _attributes(opener.group(1))
        sentence_id = attrs.get("id") or f"sentence-{index}"
        if sentence_id in seen:
            notes.append(f"{sentence_id}: duplicate id; later copy scored as {sentence_id}~{index}")
            sentence_id = f"{sentence_id}~{index}"
        seen.add(sentence_id)
        text_match = _TEXT.search(block)
        text = " ".join(text_match.group(1).split()) if text_match else ""
        if not text:
            parse = _PARSE.search(block)
            text = text_from_parse(parse.group(1)) if parse else ""
            if text:
                notes.append(f"{sentence_id}: empty <Text>; the sentence is rebuilt from its parse")
        if not text:
            notes.append(f"{sentence_id}: no text; skipped")
            continue
        codings: list[Coding] = []
        noevents = False
        for coding in _CODING.finditer(block):
            values = _attributes(coding.group(1))
            if values.get("noevents", "").strip().lower() == "true":
                noevents = True
            elif values.get("eventcode"):
                codings.append(Coding(values["eventcode"].strip(),
                                      values.get("sourcecode", "").strip(),
                                      values.get("targetcode", "").strip()))
        if noevents and codings:
            notes.append(f"{sentence_id}: both noevents and codings; the codings are scored")
            noevents = False
        if not noevents and not codings:
            notes.append(f"{sentence_id}: no coding at all")
        raw_date = attrs.get("date", "")
        day = _iso_date(raw_date)
        if day is None:
            notes.append(f"{sentence_id}: date {raw_date!r} is not YYYYMMDD; coded undated")
        sentences.append(GoldSentence(sentence_id, text, day, attrs.get("category", ""),
                                      tuple(codings), noevents))
    return sentences, notes


def load_gold(folder: Path) -> GoldSet:
    """Read the validation file in ``folder`` and the crosswalk from the shared reference folder.

    Raises ``GoldDataError`` when either cannot be read or the file holds no sentence.
    """
    path = Path(folder) / FILENAME
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc}") from exc
    sentences, notes = parse_validation(raw)
    if not sentences:
        raise GoldDataError(f"gold file {path} holds no <Sentence> with text")
    crosswalk_path = find_crosswalk(Path(folder))
    try:
        crosswalk = parse_crosswalk(crosswalk_path.read_text(encoding="utf-8"), crosswalk_path)
    except OSError as exc:
        raise GoldDataError(f"cannot read crosswalk {crosswalk_path}: {exc}") from exc
    return GoldSet(path, tuple(sentences), crosswalk, tuple(notes))


def article_for(sentence: GoldSentence) -> Article:
    """The one-sentence article a validation sentence is coded as."""
    return Article(id=f"{DATASET}:{sentence.id}", text=sentence.text, date=sentence.date,
                   source=DATASET)


# ---------------------------------------------------------------------------------------------
# Judging one sentence

def gold_country(code: str) -> Optional[str]:
    """The country of a CAMEO actor code (``USAGOV`` → USA, ``IGOUNO`` → IGO, ``---REB`` → None)."""
    head = code.strip().upper()[:3]
    if len(head) < 3 or head == UNKNOWN_ACTOR or not head.isalpha():
        return None
    return normalise_country(head)


def _countries(entities: Iterable[Any]) -> frozenset[str]:
    codes = (normalise_country(getattr(entity, "country", None)) for entity in entities)
    return frozenset(code for code in codes if code)


@dataclass(frozen=True)
class Judgement:
    """Our events on one sentence, held against its codings."""

    sentence: GoldSentence
    events: tuple[Event, ...]
    gold_types: frozenset[str]          # PLOVER types of the codings (empty: noevents/unmapped)
    matched: Optional[Event]            # the first of our events with a gold type
    cameo_root_match: Optional[bool]    # None: no event of ours carries a cameo code, or no coding
    gold_sources: frozenset[str]        # source countries of the codings of the matched type
    gold_participants: frozenset[str]   # sources and targets of those codings

    @property
    def type_match(self) -> bool:
        return self.matched is not None


def judge(sentence: GoldSentence, events: Sequence[Event], crosswalk: Crosswalk) -> Judgement:
    """Hold ``events`` (coded from ``sentence``) against its codings."""
    types_by_coding = [(coding, crosswalk.types(coding.event_code)) for coding in sentence.codings]
    gold_types = frozenset(t for _, types in types_by_coding for t in types)
    matched = next((e for e in events if e.event_type in gold_types), None)

    roots = {coding.root for coding in sentence.codings}
    with_cameo = [e for e in events if e.cameo]
    cameo_root_match = (any(e.cameo[:2] in roots for e in with_cameo)  # type: ignore[index]
                        if with_cameo and roots else None)

    sources: set[str] = set()
    participants: set[str] = set()
    if matched is not None:
        for coding, types in types_by_coding:
            if matched.event_type in types:
                for code, into in ((coding.source, (sources, participants)),
                                   (coding.target, (participants,))):
                    country = gold_country(code)
                    if country:
                        for bucket in into:
                            bucket.add(country)
    return Judgement(sentence, tuple(events), gold_types, matched, cameo_root_match,
                     frozenset(sources), frozenset(participants))


def code_sentences(coder: EventCoder, gold: GoldSet, progress: Optional[bool] = None
                   ) -> list[Judgement]:
    """Code every sentence with ``coder`` and judge the events.

    ``progress``: show a progress bar on stderr; None shows one only when stderr is a terminal.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    items: Iterable[GoldSentence] = gold.sentences
    if progress:
        from tqdm import tqdm

        items = tqdm(gold.sentences, desc=DATASET, unit="sentence", file=sys.stderr, leave=False)
    return [judge(sentence, coder.extract(article_for(sentence)), gold.crosswalk)
            for sentence in items]


# ---------------------------------------------------------------------------------------------
# The report

def _share(numerator: int, denominator: int) -> Optional[float]:
    return metrics.ratio(numerator, denominator) if denominator else None


def _event_summary(event: Event) -> dict[str, Any]:
    return {"event_type": event.event_type, "cameo": event.cameo, "trigger": event.trigger.text,
            "span": list(event.trigger.span), "actors": sorted(_countries(event.actors)),
            "recipients": sorted(_countries(event.recipients))}


def build_report(gold: GoldSet, judgements: Sequence[Judgement]) -> dict[str, Any]:
    """The JSON-ready report: headline ``metrics``, their counts, and one row per sentence.

    ``metrics`` holds ``type_match``, ``cameo_root``, ``actor_country``, ``actor_country_any``,
    ``participant_country`` (our actors and recipients against gold sources and targets, exact
    set) and ``noevents_fp_rate``; each is None when nothing could be scored.
    """
    from .. import __version__

    typed = [j for j in judgements if j.gold_types]
    unmapped = [j for j in judgements if j.sentence.codings and not j.gold_types]
    noevents = [j for j in judgements if j.sentence.noevents]
    false_positives = [j for j in noevents if j.events]
    matched = [j for j in typed if j.type_match]
    rooted = [j for j in judgements if j.cameo_root_match is not None]
    with_sources = [j for j in matched if j.gold_sources]
    actor_exact = sum(_countries(j.matched.actors) == j.gold_sources  # type: ignore[union-attr]
                      for j in with_sources)
    actor_any = sum(bool(_countries(j.matched.actors) & j.gold_sources)  # type: ignore[union-attr]
                    for j in with_sources)
    with_participants = [j for j in matched if j.gold_participants]
    participant_exact = sum(
        _countries((*j.matched.actors, *j.matched.recipients)) == j.gold_participants  # type: ignore[union-attr]
        for j in with_participants)

    per_type: dict[str, dict[str, int]] = {}
    for j in typed:
        for plover in sorted(j.gold_types):
            row = per_type.setdefault(plover, {"sentences": 0, "matched": 0})
            row["sentences"] += 1
            row["matched"] += j.matched is not None and j.matched.event_type == plover
    per_type = {t: per_type[t] for t in EVENT_TYPES if t in per_type}

    return {
        "dataset": DATASET,
        "gold_file": str(gold.path),
        "crosswalk": str(gold.crosswalk.path) if gold.crosswalk.path else None,
        "eventwire_version": __version__,
        "gated": False,
        "sentences": len(judgements),
        "metrics": {
            "type_match": _share(len(matched), len(typed)),
            "cameo_root": _share(sum(bool(j.cameo_root_match) for j in rooted), len(rooted)),
            "actor_country": _share(actor_exact, len(with_sources)),
            "actor_country_any": _share(actor_any, len(with_sources)),
            "participant_country": _share(participant_exact, len(with_participants)),
            "noevents_fp_rate": _share(len(false_positives), len(noevents)),
        },
        "counts": {
            "typed_sentences": len(typed),
            "type_matched": len(matched),
            "unmapped_sentences": len(unmapped),
            "events_on_unmapped": sum(len(j.events) for j in unmapped),
            "cameo_scored": len(rooted),
            "cameo_root_agree": sum(bool(j.cameo_root_match) for j in rooted),
            "actor_scored": len(with_sources),
            "actor_exact": actor_exact,
            "actor_any": actor_any,
            "participant_scored": len(with_participants),
            "participant_exact": participant_exact,
            "noevents_sentences": len(noevents),
            "noevents_with_events": len(false_positives),
            "events": sum(len(j.events) for j in judgements),
        },
        "per_type": per_type,
        "false_positives": [
            {"id": j.sentence.id, "text": j.sentence.text,
             "events": [_event_summary(e) for e in j.events]}
            for j in false_positives
        ],
        "notes": list(gold.notes),
        "results": [
            {"id": j.sentence.id, "category": j.sentence.category, "noevents": j.sentence.noevents,
             "gold_codes": [c.event_code for c in j.sentence.codings],
             "gold_types": sorted(j.gold_types), "type_match": j.type_match,
             "cameo_root_match": j.cameo_root_match,
             "gold_sources": sorted(j.gold_sources),
             "events": [_event_summary(e) for e in j.events]}
            for j in judgements
        ],
    }


def _figure(value: Optional[float]) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: dict[str, Any]) -> str:
    """The report as text: headline shares with their counts, per-type matches, false positives."""
    figures, counts = report["metrics"], report["counts"]
    lines = [
        f"{report['dataset']}: {report['sentences']} sentences ({report['gold_file']})",
        "reported, not gated: the codings derive from PETRARCH-2 output",
        "",
        f"type match          {_figure(figures['type_match'])}  "
        f"({counts['type_matched']}/{counts['typed_sentences']} sentences with a PLOVER gold type; "
        f"{counts['unmapped_sentences']} with CAMEO 01/02 codings only, not scored)",
        f"CAMEO root          {_figure(figures['cameo_root'])}  "
        f"({counts['cameo_root_agree']}/{counts['cameo_scored']} sentences where an event of ours "
        f"has a cameo code)",
        f"actor country       {_figure(figures['actor_country'])}  exact, "
        f"{_figure(figures['actor_country_any'])} any overlap "
        f"({counts['actor_exact']} and {counts['actor_any']} of the {counts['actor_scored']} matched "
        f"sentences with a gold source country)",
        f"participant country {_figure(figures['participant_country'])}  "
        f"({counts['participant_exact']}/{counts['participant_scored']}: actors+recipients vs "
        f"sources+targets)",
        f"noevents FP rate    {_figure(figures['noevents_fp_rate'])}  "
        f"({counts['noevents_with_events']}/{counts['noevents_sentences']} noevents sentences "
        f"yield an event)",
        "",
        f"{'gold type':<10} {'matched':>8} {'sentences':>10}",
    ]
    for plover, row in report["per_type"].items():
        lines.append(f"{plover:<10} {row['matched']:>8} {row['sentences']:>10}")
    if report["false_positives"]:
        lines += ["", "events on noevents sentences:"]
        for row in report["false_positives"]:
            found = "; ".join(f"{e['event_type']} '{e['trigger']}'" for e in row["events"])
            lines.append(f"  {row['id']}: {found}")
    if report["notes"]:
        lines += ["", f"gold file notes ({len(report['notes'])}):"]
        lines += [f"  {note}" for note in report["notes"]]
    return "\n".join(lines) + "\n"


def evaluate(coder: EventCoder, gold: GoldSet, progress: Optional[bool] = None) -> dict[str, Any]:
    """Code and judge every sentence of ``gold`` with ``coder``; returns ``build_report``'s dict."""
    return build_report(gold, code_sentences(coder, gold, progress=progress))


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """Write the readable report to ``out``."""
    out.write(format_report(report))


__all__ = [
    "DATASET", "FOLDER", "FILENAME", "MANUAL_OVERRIDES", "Crosswalk", "Coding", "GoldSentence",
    "GoldSet", "Judgement", "parse_crosswalk", "find_crosswalk", "parse_validation", "load_gold",
    "gold_country", "judge", "evaluate", "build_report", "format_report",
]
