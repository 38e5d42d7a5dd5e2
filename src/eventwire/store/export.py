"""Writers for stored records: events, merged events, states and alerts, in the CLI's
formats (jsonl, json, csv, table) and the export formats (plover, parquet) and as a pandas
DataFrame.

Flat forms (csv, parquet, DataFrame) use ``eventwire.output.CSV_COLUMNS`` for events, plus
``mentions``, ``sources`` and ``members`` for merged events; lists are joined with ``;``.
Parquet and DataFrame columns are typed (numbers stay numbers, empty is null).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, TextIO, Union

from ..model import Event, MergedEvent, State
from ..output import CSV_COLUMNS, LIST_SEPARATOR, csv_row, event_record, table_cells
from .store import dyad_key, merged_record

if TYPE_CHECKING:
    import pandas

log = logging.getLogger(__name__)

QUERY_FORMATS = ("jsonl", "json", "csv", "table")
EXPORT_FORMATS = ("jsonl", "csv", "plover", "parquet")
EXPORT_WHAT = ("events", "merged", "states")

MERGED_EXTRA_COLUMNS = ("mentions", "sources", "members")
MERGED_COLUMNS = CSV_COLUMNS + MERGED_EXTRA_COLUMNS
STATE_COLUMNS = ("dyad", "kind", "value", "since", "as_of", "events")
INT_COLUMNS = frozenset({"trigger_start", "trigger_end", "location_geonameid", "killed_best",
                         "injured_best", "arrested_best", "displaced_best",
                         "participants_best", "mentions"})
FLOAT_COLUMNS = frozenset({"plover_score", "location_lat", "location_lon", "confidence"})
PLOVER_LANGUAGE = "en"
PLOVER_CODER = "eventwire"

Item = Union[Event, MergedEvent, State]


class ExportError(ValueError):
    """A format that does not fit what is exported (``plover`` for states)."""


# ---------------------------------------------------------------------------------------
# Records


def record_of(item: Any) -> dict[str, Any]:
    """The JSON-ready record of an Event, MergedEvent, State or any record-like object."""
    if isinstance(item, MergedEvent):
        return merged_record(item)
    if isinstance(item, Event):
        return event_record(item)
    if isinstance(item, State):
        return {"dyad": list(item.dyad), "kind": item.kind, "value": item.value,
                "since": item.since, "as_of": item.as_of, "events": list(item.events)}
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if isinstance(item, dict):
        return dict(item)
    raise TypeError(f"cannot write {type(item).__name__} as a record")


def flat_row(item: Any) -> dict[str, Any]:
    """One flat row (typed values, None for empty) for csv, parquet and DataFrames."""
    if isinstance(item, MergedEvent):
        row = _typed(csv_row(item.event))
        row["mentions"] = item.mentions
        row["sources"] = LIST_SEPARATOR.join(item.sources)
        row["members"] = LIST_SEPARATOR.join(item.members)
        return row
    if isinstance(item, Event):
        return _typed(csv_row(item))
    if isinstance(item, State):
        return {"dyad": dyad_key(item.dyad), "kind": item.kind, "value": item.value,
                "since": item.since, "as_of": item.as_of,
                "events": LIST_SEPARATOR.join(item.events)}
    row = {}
    for key, value in record_of(item).items():
        if key == "dyad" and isinstance(value, (list, tuple)) and len(value) == 2:
            value = dyad_key(value)  # an alert's or any record's dyad, written AFG-PAK
        row[key] = _flat_value(value)
    return row


def _typed(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value == "":
            out[key] = None
        elif key in INT_COLUMNS:
            out[key] = int(value)
        elif key in FLOAT_COLUMNS:
            out[key] = float(value)
        else:
            out[key] = value
    return out


def _flat_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(_flat_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def columns_for(kind: str) -> tuple[str, ...]:
    return {"events": CSV_COLUMNS, "merged": MERGED_COLUMNS, "states": STATE_COLUMNS}[kind]


# ---------------------------------------------------------------------------------------
# Text formats (stdout or a file)


def write_records(items: Iterable[Any], fmt: str, stream: TextIO, *,
                  columns: Optional[tuple[str, ...]] = None) -> int:
    """Write ``items`` as jsonl, json, csv or table; return how many were written.

    ``columns`` fixes the csv header (the columns of the first row otherwise)."""
    writers: dict[str, Callable[..., int]] = {
        "jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "table": _write_table,
    }
    if fmt not in writers:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(writers)}")
    return writers[fmt](items, stream, columns)


def _write_jsonl(items: Iterable[Any], stream: TextIO, _columns: Any) -> int:
    count = 0
    for item in items:
        stream.write(json.dumps(record_of(item), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_json(items: Iterable[Any], stream: TextIO, _columns: Any) -> int:
    count = 0
    for item in items:
        body = json.dumps(record_of(item), ensure_ascii=False, indent=2)
        stream.write("[\n" if count == 0 else ",\n")
        stream.write("\n".join("  " + line for line in body.split("\n")))
        count += 1
    stream.write("\n]\n" if count else "[]\n")
    return count


def _write_csv(items: Iterable[Any], stream: TextIO, columns: Optional[tuple[str, ...]]) -> int:
    writer: Optional[csv.DictWriter] = None
    count = 0
    for item in items:
        row = flat_row(item)
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(columns or row),
                                    lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
        count += 1
    if writer is None and columns:
        csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\n").writeheader()
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


TABLE_GAP = "  "
TABLE_MAX = 60


def _write_table(items: Iterable[Any], stream: TextIO, columns: Any) -> int:
    headers: Optional[list[str]] = None
    rows: list[list[str]] = []
    for item in items:
        item_headers, cells = table_row(item)
        headers = headers or item_headers
        rows.append(cells)
    if headers is None:
        return 0
    widths = [min(TABLE_MAX, max([len(h)] + [len(r[i]) for r in rows]))
              for i, h in enumerate(headers)]
    stream.write(_line(headers, widths) + "\n")
    stream.write(TABLE_GAP.join("-" * w for w in widths) + "\n")
    for row in rows:
        stream.write(_line(row, widths) + "\n")
    return len(rows)


def table_row(item: Any) -> tuple[list[str], list[str]]:
    """(headers, cells) of ``item``'s table line."""
    if isinstance(item, State):
        return (["DYAD", "KIND", "VALUE", "SINCE", "AS OF"],
                [dyad_key(item.dyad), item.kind, item.value, item.since or "?", item.as_of])
    if isinstance(item, MergedEvent):
        cells = table_cells(item.event)
        return (["DATE", "EVENT", "PARTIES", "LOCATION", "KILLED", "MENTIONS", "TRIGGER"],
                cells[:5] + [str(item.mentions), cells[5]])
    if isinstance(item, Event):
        return (["DATE", "EVENT", "PARTIES", "LOCATION", "KILLED", "TRIGGER"], table_cells(item))
    row = flat_row(item)
    return [k.upper() for k in row], ["" if v is None else str(v) for v in row.values()]


def _line(cells: list[str], widths: list[int]) -> str:
    out = []
    for cell, width in zip(cells, widths):
        cell = " ".join(cell.split())
        if len(cell) > width:
            cell = cell[:width - 1] + "…"
        out.append(cell.ljust(width))
    return TABLE_GAP.join(out).rstrip()


# ---------------------------------------------------------------------------------------
# PLOVER / POLECAT-style JSON


def plover_record(item: Union[Event, MergedEvent]) -> dict[str, Any]:
    """An event in the shape of the PLOVER gold-standard records (``source``/``target``
    lists with ``actorText``, ``code`` and ``sector``; ``event``, ``eventText``, ``mode``,
    ``context``, ``text``, ``eventLoc``), with POLECAT-style extras (dates, quad,
    intensity, provenance; mentions and sources for merged events)."""
    merged = item if isinstance(item, MergedEvent) else None
    event = merged.event if merged else item
    when = event.date
    record: dict[str, Any] = {
        "id": event.id,
        "date": when.start if when and when.start else None,
        "dateEnd": when.end if when and when.end else None,
        "datePrecision": when.precision if when else "unknown",
        "source": [_plover_party(p) for p in event.actors],
        "target": [_plover_party(p) for p in event.recipients],
        "mediator": [_plover_party(p) for p in event.mediators],
        "event": event.event_type,
        "eventText": event.trigger.text,
        "mode": event.mode or "",
        "context": ", ".join(event.context),
        "quad": event.quad,
        "intensity": event.plover_score,
        "text": " ".join(" ".join(e.text.split()) for e in event.evidence),
        "factuality": event.factuality,
        "outcome": event.outcome,
        "language": PLOVER_LANGUAGE,
        "publication": event.source,
        "url": event.url,
        "storyId": event.article_id,
        "coder": PLOVER_CODER,
        "version": event.provenance.coder_version,
        "ploverVersion": event.provenance.plover_version,
        "confidence": event.confidence,
    }
    if event.location is not None:
        place = event.location
        record["eventLoc"] = {"name": place.name, "country": place.country,
                              "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
                              "geonameid": place.geonameid, "precision": place.precision}
    for kind, key in (("killed", "dead"), ("injured", "injured"), ("arrested", "arrested"),
                      ("displaced", "displaced"), ("participants", "size")):
        count = getattr(event.counts, kind)
        if count is not None:
            record[key] = str(count.best)
    if event.claims:
        record["claims"] = [{"by": c.by.id if c.by else None, "stance": c.stance, "cue": c.cue}
                            for c in event.claims]
    if merged is not None:
        record["mentions"] = merged.mentions
        record["sources"] = list(merged.sources)
    return record


def _plover_party(entity) -> dict[str, Any]:
    party: dict[str, Any] = {"actorText": entity.text or entity.name, "code": entity.id,
                             "name": entity.name}
    if entity.country:
        party["country"] = entity.country
    if entity.sector:
        party["sector"] = entity.sector
    if entity.wikidata:
        party["wikidata"] = entity.wikidata
    return party


def write_plover(items: Iterable[Union[Event, MergedEvent]], stream: TextIO) -> int:
    """A JSON array of PLOVER-style records, one record per line, like the gold files."""
    count = 0
    for item in items:
        if isinstance(item, State):
            raise ExportError("states have no PLOVER form; export them as jsonl, csv or parquet")
        stream.write("[\n" if count == 0 else ",\n")
        stream.write(json.dumps(plover_record(item), ensure_ascii=False))
        count += 1
    stream.write("\n]\n" if count else "[]\n")
    return count


# ---------------------------------------------------------------------------------------
# Tables: pandas and Parquet


def frame(items: Iterable[Any], *, merged: bool = False, kind: Optional[str] = None
          ) -> "pandas.DataFrame":
    """A DataFrame of flat rows with a fixed column set (present even when empty)."""
    import pandas

    kind = kind or ("merged" if merged else "events")
    columns = list(columns_for(kind))
    rows = [flat_row(item) for item in items]
    df = pandas.DataFrame.from_records(rows, columns=columns)
    for column in columns:
        if column in INT_COLUMNS:
            df[column] = df[column].astype("Int64")
        elif column in FLOAT_COLUMNS:
            df[column] = df[column].astype("Float64")
        else:
            df[column] = df[column].astype("string")
    return df


def write_parquet(items: Iterable[Any], path: str, kind: str) -> int:
    """Write flat, typed rows to a Parquet file at ``path``; return the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = columns_for(kind)
    fields = []
    for column in columns:
        if column in INT_COLUMNS:
            fields.append(pa.field(column, pa.int64()))
        elif column in FLOAT_COLUMNS:
            fields.append(pa.field(column, pa.float64()))
        else:
            fields.append(pa.field(column, pa.string()))
    schema = pa.schema(fields)
    rows = [flat_row(item) for item in items]
    table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows], schema=schema)
    pq.write_table(table, path)
    return len(rows)
