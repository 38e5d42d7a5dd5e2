"""Writers for event records: JSON Lines, a JSON array, flat CSV and a terminal table.

Every writer streams: each event is written (and flushed) as soon as it arrives, so a long
batch shows results early and memory stays flat. The CSV columns are ``CSV_COLUMNS``,
documented in ``docs/CSV.md``.
"""

from __future__ import annotations

import csv
import json
import logging
from typing import Any, Callable, Iterable, Optional, TextIO

from .model import COUNT_KINDS, Entity, Event

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "json", "csv", "table")

# Top-level keys in the order SPEC.md shows the record; keys not listed follow in model order.
RECORD_KEY_ORDER = (
    "id", "article_id", "url", "source", "event_type", "mode", "context", "cameo",
    "plover_score", "quad", "trigger", "actors", "recipients", "mediators", "date",
    "location", "counts", "factuality", "outcome", "stages", "claims", "evidence", "confidence",
    "provenance",
)

JSON_INDENT = 2
LIST_SEPARATOR = ";"
# Evidence sentences often contain ";" themselves, so they are joined differently.
EVIDENCE_SEPARATOR = " | "
PARTY_ROLES = (("actor", "actors"), ("recipient", "recipients"), ("mediator", "mediators"))

CSV_COLUMNS = (
    "id", "article_id", "url", "source",
    "event_type", "mode", "context", "cameo", "plover_score", "quad",
    "trigger_text", "trigger_start", "trigger_end",
    "actor_ids", "actor_names", "actor_countries", "actor_sectors",
    "recipient_ids", "recipient_names", "recipient_countries", "recipient_sectors",
    "mediator_ids", "mediator_names", "mediator_countries", "mediator_sectors",
    "date_start", "date_end", "date_precision", "date_basis", "date_text",
    "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
    "location_geonameid", "location_precision",
    "killed_best", "injured_best", "arrested_best", "displaced_best", "participants_best",
    "factuality", "outcome", "claims", "evidence_text", "confidence", "coder_version",
)

TABLE_WIDTH = 160
TABLE_GAP = "  "
# (header, width); the last column takes what is left of TABLE_WIDTH.
TABLE_COLUMNS = (("DATE", 22), ("EVENT", 26), ("ACTORS → RECIPIENTS [MEDIATORS]", 42),
                 ("LOCATION", 18), ("KILLED", 6), ("TRIGGER", None))
ELLIPSIS = "…"


def event_record(event: Event) -> dict[str, Any]:
    """The JSON-ready record of ``event``, top-level keys in SPEC.md order."""
    data = event.to_dict()
    ordered = {key: data[key] for key in RECORD_KEY_ORDER if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    return ordered


def write_events(events: Iterable[Event], fmt: str, stream: TextIO) -> int:
    """Write ``events`` to ``stream`` in ``fmt`` (one of ``FORMATS``) as they arrive.

    jsonl: one compact JSON object per line. json: one pretty-printed JSON array (written
    incrementally; ``[]`` when there are no events). csv: a header row, then one row per
    event with ``CSV_COLUMNS``. table: a header, then one line per event, no line longer
    than ``TABLE_WIDTH`` characters. Returns the number of events written; raises
    ``ValueError`` for an unknown format.
    """
    writers: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
        "jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "table": _write_table,
    }
    if fmt not in writers:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](events, stream)


def _flush(stream: TextIO) -> None:
    flush = getattr(stream, "flush", None)
    if flush is not None:
        flush()


def _dumps(event: Event, indent: Optional[int] = None) -> str:
    return json.dumps(event_record(event), ensure_ascii=False, indent=indent)


def _write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(_dumps(event) + "\n")
        _flush(stream)
        count += 1
    return count


def _write_json(events: Iterable[Event], stream: TextIO) -> int:
    count = 0
    pad = " " * JSON_INDENT
    for event in events:
        stream.write("[\n" if count == 0 else ",\n")
        body = _dumps(event, indent=JSON_INDENT)
        stream.write("\n".join(pad + line for line in body.split("\n")))
        _flush(stream)
        count += 1
    stream.write("\n]\n" if count else "[]\n")
    return count


# ---------------------------------------------------------------------------------------
# CSV


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(_cell(v) for v in values)


def csv_row(event: Event) -> dict[str, str]:
    """The flat CSV row of ``event``: every column of ``CSV_COLUMNS`` as a string.

    Lists are joined with ``;`` and stay aligned by position (an actor without a country
    leaves an empty slot: ``PAK;;AFG``); null is the empty string.
    """
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "url": event.url,
        "source": event.source, "event_type": event.event_type, "mode": event.mode,
        "context": _joined(event.context), "cameo": event.cameo,
        "plover_score": event.plover_score, "quad": event.quad,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.span[0], "trigger_end": event.trigger.span[1],
        "factuality": event.factuality, "outcome": event.outcome,
        "claims": _joined(_claim_cell(c.by, c.stance, c.cue) for c in event.claims),
        "evidence_text": EVIDENCE_SEPARATOR.join(_one_line(e.text) for e in event.evidence),
        "confidence": event.confidence, "coder_version": event.provenance.coder_version,
    }
    for role, attribute in PARTY_ROLES:
        parties: tuple[Entity, ...] = getattr(event, attribute)
        row[f"{role}_ids"] = _joined(p.id for p in parties)
        row[f"{role}_names"] = _joined(p.name for p in parties)
        row[f"{role}_countries"] = _joined(p.country for p in parties)
        row[f"{role}_sectors"] = _joined(p.sector for p in parties)
    when = event.date
    for key in ("start", "end", "precision", "basis", "text"):
        row[f"date_{key}"] = getattr(when, key) if when else None
    place = event.location
    for key in ("name", "country", "admin1", "lat", "lon", "geonameid", "precision"):
        row[f"location_{key}"] = getattr(place, key) if place else None
    for kind in COUNT_KINDS:
        count = getattr(event.counts, kind)
        row[f"{kind}_best"] = count.best if count else None
    return {column: _cell(row[column]) for column in CSV_COLUMNS}


def _claim_cell(by: Optional[Entity], stance: str, cue: str) -> str:
    return f"{by.id if by else ''}:{stance}:{cue}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _write_csv(events: Iterable[Event], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(csv_row(event))
        _flush(stream)
        count += 1
    return count


# ---------------------------------------------------------------------------------------
# Terminal table


def _fit(text: str, width: int) -> str:
    text = _one_line(text)
    if len(text) > width:
        text = text[: width - 1] + ELLIPSIS
    return text.ljust(width)


def _widths() -> list[int]:
    fixed = [w for _, w in TABLE_COLUMNS if w is not None]
    rest = TABLE_WIDTH - sum(fixed) - len(TABLE_GAP) * (len(TABLE_COLUMNS) - 1)
    return [w if w is not None else rest for _, w in TABLE_COLUMNS]


def _party_label(entity: Entity) -> str:
    # A state's ISO3 id is shorter and as clear as its name; other ids (QIDs, slugs) are not.
    if len(entity.id) == 3 and entity.id.isalpha() and entity.id.isupper():
        return entity.id
    return entity.name


def table_cells(event: Event) -> list[str]:
    """The table line's cells: dates, type/mode, parties, place, killed, trigger text."""
    when = event.date
    if when is None or (when.start is None and when.end is None):
        dates = "?"
    elif when.start == when.end:
        dates = when.start or "?"
    else:
        dates = f"{when.start or '?'}..{when.end or '?'}"
    kind = event.event_type + (f"/{event.mode}" if event.mode else "")
    if event.factuality != "asserted":
        kind += f" ({event.factuality})"
    parties = ", ".join(map(_party_label, event.actors)) or "?"
    if event.recipients:
        parties += " → " + ", ".join(map(_party_label, event.recipients))
    if event.mediators:
        parties += " [" + ", ".join(map(_party_label, event.mediators)) + "]"
    place = event.location
    location = ""
    if place is not None:
        location = place.name + (f", {place.country}" if place.country else "")
    killed = event.counts.killed
    return [dates, kind, parties, location, str(killed.best) if killed else "",
            event.trigger.text]


def _table_line(cells: list[str]) -> str:
    return TABLE_GAP.join(_fit(c, w) for c, w in zip(cells, _widths())).rstrip()


def _write_table(events: Iterable[Event], stream: TextIO) -> int:
    stream.write(_table_line([h for h, _ in TABLE_COLUMNS]) + "\n")
    stream.write(TABLE_GAP.join("-" * w for w in _widths()) + "\n")
    _flush(stream)
    count = 0
    for event in events:
        stream.write(_table_line(table_cells(event)) + "\n")
        _flush(stream)
        count += 1
    return count
