"""CSV and TSV tables of articles: a header row naming the columns, then one article a row.

Columns are those of JSON Lines (``id, date|published, title, text, url, source``), named in
any case; other columns are ignored and ``text`` is required. A row is addressed as
``path:ROW``, the line on which it starts (the header is usually line 1), so it can be
found in an editor or a spreadsheet. Files are streamed; one field may hold up to
``MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import csv
import logging
from typing import BinaryIO, Iterator, Union

from ..errors import InputError
from ..model import Rejection
from .records import MAX_INPUT_BYTES, RECORD_FIELDS, SourceRecord, too_large

log = logging.getLogger(__name__)

TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
BOM = "\ufeff"


def table_records(stream: BinaryIO, origin: str,
                  delimiter: str = ",") -> Iterator[Union[SourceRecord, Rejection]]:
    """One SourceRecord per data row, or a Rejection for a row that does not fit the header.

    Raises ``InputError`` for a file without a usable header, without rows, or that stops
    being readable part-way (bad UTF-8, NUL bytes, a line over the size limit, an
    unterminated quote); rows read before
    the problem have been yielded by then.
    """
    _allow_article_sized_fields()
    # strict: an unterminated quote is an error, not the rest of the file in one field
    reader = csv.reader(_decoded_lines(stream), delimiter=delimiter, strict=True)
    columns = None
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"bad CSV at line {start}: {exc}") from None
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _header(row)
            continue
        rows += 1
        yield _record(row, columns, f"{origin}:{start}")
    if columns is None:
        raise InputError("empty file: no header row")
    if not rows:
        raise InputError("no rows under the header")


def _allow_article_sized_fields() -> None:
    # The csv module's field limit (128 KiB) is process-wide; long-form articles exceed it.
    # It is only ever raised, to our own per-article limit.
    if csv.field_size_limit() < MAX_INPUT_BYTES:
        csv.field_size_limit(MAX_INPUT_BYTES)


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """The stream's lines as text, line ends kept (the csv module needs them)."""
    lineno = 0
    while True:
        raw = stream.readline(MAX_INPUT_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_INPUT_BYTES:
            raise InputError(f"line {lineno} is {too_large(len(raw))}")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8 at line {lineno} (byte 0x{raw[exc.start]:02x} "
                             f"at column {exc.start + 1})") from None
        if "\x00" in line:
            raise InputError(f"binary content (NUL bytes) at line {lineno}, not text")
        yield line.removeprefix(BOM) if lineno == 1 else line


def _header(row: list[str]) -> list[str]:
    columns = [cell.strip().lower() for cell in row]
    if "text" not in columns:
        shown = ", ".join(repr(c) for c in columns)
        raise InputError(f"no 'text' column in the header (columns: {shown})")
    for name in RECORD_FIELDS:
        if columns.count(name) > 1:
            raise InputError(f"column {name!r} appears more than once in the header")
    ignored = sorted(set(columns) - set(RECORD_FIELDS) - {""})
    if ignored:
        log.debug("ignoring columns %s", ", ".join(ignored))
    return columns


def _record(row: list[str], columns: list[str], where: str) -> Union[SourceRecord, Rejection]:
    extra = row[len(columns):]
    if len(row) < len(columns) or any(cell.strip() for cell in extra):
        return Rejection(where, f"row has {len(row)} fields, the header has {len(columns)}")
    fields = {name: value for name, value in zip(columns, row) if name in RECORD_FIELDS}
    return SourceRecord(where, fields)
