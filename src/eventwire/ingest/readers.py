"""Readers: turn files, folders and standard input into Articles, or Rejections that say why.

Nothing a user feeds in makes ``read_paths`` raise: every input is either an ``Article``
ready to code or a ``Rejection`` with a reason a person can act on. Reading is
deterministic: the same input always gives the same Articles, with the same ids, in the same
order.

Accepted forms (see SPEC.md):

* canonical dated text, ``date YYYY-MM-DD <headline>`` + blank line + body (``.txt``);
* plain text without the date line (``.txt``), dated by the ``date`` argument if given;
* JSON Lines (``.jsonl``, ``.ndjson``), one object per line with ``id, date|published,
  title, text, url, source``; a ``.json`` file holding one such object, an array of them,
  or JSON Lines;
* CSV and TSV tables (``.csv``, ``.tsv``) with the same columns (``tabular.py``);
* HTML pages (``.html``, ``.htm``, ``.xhtml``; ``html.py``);
* RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files that are feeds; ``feeds.py``);
* WARC archives (``.warc``, ``.warc.gz``; ``warc.py``), each archived HTML page an article;
* http(s) URLs, fetched once and read as a feed, else as a page (``fetch.py``);
* folders of these (recursed, sorted, hidden files and folders skipped);
* ``-`` for standard input, JSON Lines when its first non-blank character is ``{`` (a JSON
  array when it is ``[``, a feed or an HTML page when it is ``<``), dated text otherwise.

The format modules only find records; every record, whatever its form, is validated here by
``parse_record`` and passes the same checks (text, date, language) in ``_finish``.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..model import Article, Rejection
from .feeds import FEED_SUFFIXES, XML_SUFFIXES, feed_records, is_feed, parse_feed
from .fetch import is_url, url_records
from .html import HTML_SUFFIXES, page_record
from .language import guess_language
from .records import (
    ISO_DATE,
    MAX_INPUT_BYTES,
    MAX_INPUT_MB,
    MEGABYTE,
    SourceRecord,
    check_date,
    local_date,
    too_large,
)
from .tabular import TABLE_DELIMITERS, table_records
from .warc import WARC_SUFFIXES, warc_records

log = logging.getLogger(__name__)

ReadResult = Union[Article, Rejection]

# MAX_INPUT_BYTES (records.py) limits one article file, a whole .json, .html or feed file,
# standard input read as text, and one line of JSON Lines. JSON Lines, CSV and WARC files are
# streamed, so the file as a whole may be larger.
__all__ = ["MAX_INPUT_BYTES", "MAX_INPUT_MB", "MEGABYTE", "ReadResult", "check_date",
           "content_id", "decode_text", "folder_inputs", "input_suffix", "normalise_newlines",
           "parse_record", "parse_text", "read_paths"]

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt"})
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FOLDER_SUFFIXES = (TEXT_SUFFIXES | JSON_LINES_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
                   | FEED_SUFFIXES | XML_SUFFIXES | frozenset(TABLE_DELIMITERS)
                   | frozenset(WARC_SUFFIXES))

BOM = "\ufeff"
BOM_BYTES = BOM.encode("utf-8")
# "date" + a token starting with a digit opens a dated text; "date palms ..." does not.
DATE_LINE = re.compile(r"\s*date[ \t]+(?P<value>\d\S*)[ \t]*", re.IGNORECASE)
ID_HASH_CHARS = 16
NO_DATE_WARNING = "no publication date: relative dates stay unresolved"


def read_paths(paths: Iterable[str], date: Optional[str] = None, *,
               stdin: Optional[BinaryIO] = None) -> Iterator[ReadResult]:
    """Read every path in order and yield an Article or a Rejection per input.

    ``paths`` are files, folders, http(s) URLs (fetched once) or ``-`` for standard input
    (``stdin``, a binary stream, defaults to the process's standard input). ``date``
    (YYYY-MM-DD) is the publication date of inputs that carry none (after a WARC record's
    capture date); articles still without a date are yielded with ``date=None`` and a
    warning is logged. A bad ``date`` raises ``InputError`` at once; problems with the
    inputs themselves never raise, they become Rejections.
    """
    if date is not None:
        check_date(date)
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    return _read_all([os.fspath(p) for p in paths], date, stdin)


def _read_all(paths: list[str], date: Optional[str],
              stdin: Optional[BinaryIO]) -> Iterator[ReadResult]:
    for path in paths:
        if path == STDIN_PATH:
            yield from _guarded(STDIN_ORIGIN, _read_stdin, stdin, date)
        elif is_url(path):
            yield from _guarded(path, _read_url, path, date)
        else:
            yield from _guarded(path, _read_path, Path(path), date)


def _guarded(origin: str, reader: Callable[..., Iterator[ReadResult]],
             *args: Any) -> Iterator[ReadResult]:
    """Run ``reader(*args)``, turning any error into a Rejection for that input."""
    try:
        yield from reader(*args)
    except InputError as exc:
        yield Rejection(origin, str(exc))
    except OSError as exc:
        yield Rejection(origin, _os_reason(exc))
    except Exception as exc:  # a reader bug must not stop the batch
        log.debug("reading %s failed", origin, exc_info=True)
        yield Rejection(origin, f"reading failed: {type(exc).__name__}: {exc}")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {exc.strerror or exc}"


# ---------------------------------------------------------------------------------------
# Paths and folders


def _read_path(path: Path, date: Optional[str]) -> Iterator[ReadResult]:
    if path.is_dir():
        yield from _read_folder(path, date)
    elif path.exists():
        yield from _guarded(str(path), _read_file, path, date)
    else:
        raise FileNotFoundError(str(path))


def _read_folder(folder: Path, date: Optional[str]) -> Iterator[ReadResult]:
    files = folder_inputs(folder)
    if not files:
        listed = ", ".join(sorted(FOLDER_SUFFIXES))
        raise InputError(f"no input files ({listed}) in folder")
    for file in files:
        yield from _guarded(str(file), _read_file, file, date)


def folder_inputs(folder: Path) -> list[Path]:
    """The files a folder contributes, recursively, in a stable sorted order.

    Only ``FOLDER_SUFFIXES`` count; hidden files and folders (names starting with ".")
    are skipped, and symbolic links to folders are not followed.
    """
    found: list[Path] = []
    skipped = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            if input_suffix(name) in FOLDER_SUFFIXES:
                found.append(Path(root) / name)
            else:
                skipped += 1
    if skipped:
        log.info("%s: skipped %d file(s) of other kinds", folder, skipped)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def input_suffix(name: str) -> str:
    """The suffix that decides how a file is read, lowercased: ``.warc.gz`` counts as one."""
    lowered = name.lower()
    for suffix in WARC_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return Path(lowered).suffix


def _read_file(path: Path, date: Optional[str]) -> Iterator[ReadResult]:
    origin = str(path)
    suffix = input_suffix(path.name)
    if suffix in JSON_LINES_SUFFIXES:
        with path.open("rb") as stream:
            yield from _read_json_lines(stream, origin, date)
        return
    if suffix in TABLE_DELIMITERS:
        with path.open("rb") as stream:
            yield from _validated(table_records(stream, origin, TABLE_DELIMITERS[suffix]), date)
        return
    if suffix in WARC_SUFFIXES:
        with path.open("rb") as stream:
            yield from _validated(warc_records(stream, origin), date)
        return
    _check_size(path.stat().st_size)
    data = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        yield _validate(_page(data, origin, path.stem), date)
        return
    if suffix in FEED_SUFFIXES or suffix in XML_SUFFIXES:
        yield from _validated(feed_records(data, origin), date)
        return
    text = decode_text(data)
    if suffix in JSON_SUFFIXES:
        yield from _read_json_document(text, origin, date)
    elif suffix in TEXT_SUFFIXES:
        yield _finish(parse_text(text, article_id=path.stem, origin=origin, date=date))
    else:  # an unknown suffix, or none: look at the content
        yield from _read_sniffed(text, origin, date, article_id=path.stem)


def _read_sniffed(text: str, origin: str, date: Optional[str],
                  article_id: Optional[str]) -> Iterator[ReadResult]:
    first = text.lstrip()[:1]
    if first == "{":
        yield from _read_json_lines(text.split("\n"), origin, date)
    elif first == "[":
        yield from _read_json_document(text, origin, date)
    elif first == "<":
        yield from _read_markup(text.encode("utf-8"), origin, date, article_id)
    else:
        yield _finish(parse_text(text, article_id=article_id, origin=origin, date=date))


def _read_stdin(stream: Optional[BinaryIO], date: Optional[str]) -> Iterator[ReadResult]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only replacement of sys.stdin
            text = sys.stdin.read(MAX_INPUT_BYTES + 1)
            _check_size(len(text.encode("utf-8", "surrogatepass")))
            text = normalise_newlines(text.removeprefix(BOM))
            yield from _read_sniffed(text, STDIN_ORIGIN, date, article_id=None)
            return
    # Look only as far as the first non-blank line, so JSON Lines can stream.
    head: list[bytes] = []
    for line in stream:
        head.append(line)
        if line.removeprefix(BOM_BYTES).strip():
            break
    first = b"".join(head).removeprefix(BOM_BYTES).lstrip()[:1]
    if first == b"{":
        yield from _read_json_lines(itertools.chain(head, stream), STDIN_ORIGIN, date)
        return
    data = b"".join(head) + stream.read(MAX_INPUT_BYTES + 1)
    _check_size(len(data))
    text = decode_text(data)
    if first == b"[":
        yield from _read_json_document(text, STDIN_ORIGIN, date)
    elif first == b"<":
        yield from _read_markup(text.encode("utf-8"), STDIN_ORIGIN, date, None)
    else:
        yield _finish(parse_text(text, article_id=None, origin=STDIN_ORIGIN, date=date))


def _check_size(size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise InputError(too_large(size))


# ---------------------------------------------------------------------------------------
# Pages, feeds, tables and archives: records found by the format modules


def _read_url(url: str, date: Optional[str]) -> Iterator[ReadResult]:
    yield from _validated(url_records(url), date)


def _read_markup(data: bytes, origin: str, date: Optional[str],
                 article_id: Optional[str]) -> Iterator[ReadResult]:
    """Content starting with ``<``: a feed when feedparser recognises one, else a page."""
    parsed = parse_feed(data)
    if is_feed(parsed):
        yield from _validated(feed_records(data, origin, parsed=parsed), date)
    else:
        yield _validate(_page(data, origin, article_id), date)


def _page(data: bytes, origin: str, fallback_id: Optional[str]) -> SourceRecord:
    """An HTML page's record; its id is the page's canonical URL, else ``fallback_id``."""
    fields = page_record(data)
    fields["id"] = fields["id"] or fallback_id
    return SourceRecord(origin, fields)


def _validated(items: Iterable[Union[SourceRecord, Rejection]],
               date: Optional[str]) -> Iterator[ReadResult]:
    for item in items:
        yield _validate(item, date)


def _validate(item: Union[SourceRecord, Rejection], date: Optional[str]) -> ReadResult:
    """A format module's record checked like any JSON record; its own fallback date (a
    WARC capture date) comes before the ``date`` argument."""
    if isinstance(item, Rejection):
        return item
    return _finish(parse_record(item.fields, origin=item.origin,
                                date=item.fallback_date or date))


def decode_text(data: bytes) -> str:
    """UTF-8 bytes to text with a leading BOM dropped and line ends normalised to ``\\n``.

    Raises ``InputError`` naming the first bad byte when ``data`` is not UTF-8, and when it
    holds NUL bytes (binary data that happens to decode).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                         f"at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError("binary content (NUL bytes), not text")
    return normalise_newlines(text.removeprefix(BOM))


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------
# Dated text


def parse_text(text: str, *, article_id: Optional[str], origin: str,
               date: Optional[str] = None) -> ReadResult:
    """One article from (decoded, normalised) text, in the canonical dated form or plain.

    Dated form: optional leading whitespace, ``date YYYY-MM-DD <headline line>``, then the
    body. ``Article.text`` is everything after the ``date YYYY-MM-DD `` prefix, unchanged;
    ``title`` is the headline line; the date line's date wins over ``date``. A date line
    whose date is malformed or not a real date rejects the article. If the date line holds
    no headline, the blank lines after it are dropped and ``title`` is None.

    Plain text (no date line): ``text`` is the content without leading whitespace, ``title``
    its first line, and ``date`` the given fallback (possibly None).

    ``article_id`` None means "derive from the text": ``sha256-<16 hex of its hash>``.
    """
    match = DATE_LINE.match(text)
    if match:
        value = match.group("value")
        try:
            check_date(value)
        except InputError as exc:
            return Rejection(origin, f"bad date line: {exc}", article_id)
        body = text[match.end():]
        if body.startswith("\n"):
            body, title = body.lstrip("\n"), None
        else:
            title = body.split("\n", 1)[0].strip() or None
        return _article(article_id, body, date=value, title=title, origin=origin)
    body = text.lstrip()
    title = body.split("\n", 1)[0].strip() or None
    return _article(article_id, body, date=date, title=title, origin=origin)


def _article(article_id: Optional[str], text: str, **fields: Any) -> Article:
    if article_id is None:
        article_id = content_id(text)
    return Article(id=article_id, text=text, **fields)


def content_id(text: str) -> str:
    """The id of an article that came without one: derived from its text, so stable."""
    return "sha256-" + Article(id="", text=text).sha256[:ID_HASH_CHARS]


# ---------------------------------------------------------------------------------------
# JSON Lines and JSON


def _read_json_lines(lines: Iterable[Union[bytes, str]], origin: str,
                     date: Optional[str]) -> Iterator[ReadResult]:
    """One result per non-blank line; a bad line is rejected as ``origin:LINENO``."""
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        if lineno == 1:
            raw = raw.removeprefix(BOM_BYTES if isinstance(raw, bytes) else BOM)
        if not raw.strip():
            continue
        seen_any = True
        where = f"{origin}:{lineno}"
        try:
            line = _line_text(raw)
            record = json.loads(line)
        except InputError as exc:
            yield Rejection(where, str(exc))
            continue
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"bad JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _finish(parse_record(record, origin=where, date=date))
    if not seen_any:
        raise InputError("empty file: no JSON lines")


def _line_text(raw: Union[bytes, str]) -> str:
    if isinstance(raw, str):
        return raw
    _check_size(len(raw))
    return decode_text(raw)


def _read_json_document(text: str, origin: str, date: Optional[str]) -> Iterator[ReadResult]:
    """A ``.json`` file: one object, an array of objects, or (failing to parse) JSON Lines."""
    if not text.strip():
        raise InputError("empty file")
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        yield from _read_json_lines(text.split("\n"), origin, date)
        return
    if isinstance(document, dict):
        yield _finish(parse_record(document, origin=origin, date=date))
    elif isinstance(document, list):
        if not document:
            raise InputError("empty JSON array")
        for index, record in enumerate(document):
            yield _finish(parse_record(record, origin=f"{origin}[{index}]", date=date))
    else:
        raise InputError("a JSON file must hold an object or an array of objects, "
                         f"not {_json_kind(document)}")


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", int: "a number", float: "a number",
             bool: "a boolean", type(None): "null", dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def parse_record(record: Any, *, origin: str, date: Optional[str] = None) -> ReadResult:
    """One article from a decoded JSON object (or a format module's record fields) with
    ``id, date|published, title, text, url, source`` (other keys are ignored).

    * ``text`` is required and must be a non-empty string; line ends are normalised.
    * When ``title`` is given and ``text`` does not already start with it, ``Article.text``
      becomes ``title + "\\n\\n" + text``, so that offsets also cover the headline.
    * ``date`` is YYYY-MM-DD and must be a real date; ``published`` is a timestamp (ISO 8601,
      possibly with an offset, or RFC 2822) kept as given in ``Article.published``, and
      supplies the date when ``date`` is absent: its own local calendar date, not UTC's.
      A ``date`` written as a full timestamp is treated the same way. Without either,
      the ``date`` argument is the fallback.
    * A missing ``id`` becomes ``sha256-<first 16 hex of the text's SHA-256>``.

    Returns a Rejection naming the problem for anything else.
    """
    if not isinstance(record, dict):
        return Rejection(origin, f"not a JSON object (got {_json_kind(record)})")
    raw_id = record.get("id")
    article_id = None if raw_id in (None, "") else str(raw_id)
    text = record.get("text")
    if text is None:
        return Rejection(origin, "no text field", article_id)
    if not isinstance(text, str):
        return Rejection(origin, f"text is {_json_kind(text)}, not a string", article_id)
    if not text.strip():
        return Rejection(origin, "empty text", article_id)
    text = normalise_newlines(text)
    title = _optional_str(record.get("title"))
    if title is not None:
        title = " ".join(title.split()) or None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    try:
        own_date, published = _record_dates(record.get("date"), record.get("published"))
    except InputError as exc:
        return Rejection(origin, str(exc), article_id)
    return _article(article_id, text, date=own_date or date, title=title,
                    url=_optional_str(record.get("url")),
                    source=_optional_str(record.get("source")),
                    published=published, origin=origin)


def _optional_str(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _record_dates(date_value: Any, published_value: Any) -> tuple[Optional[str], Optional[str]]:
    """(local calendar date, original timestamp) from a record's ``date`` and ``published``."""
    published = None
    published_date = None
    if published_value not in (None, ""):
        if not isinstance(published_value, str):
            raise InputError(f"bad published timestamp: {published_value!r}")
        published = published_value.strip()
        published_date = local_date(published, field="published")
    if date_value in (None, ""):
        return published_date, published
    if not isinstance(date_value, str):
        raise InputError(f"bad date: {date_value!r} (expected YYYY-MM-DD)")
    value = date_value.strip()
    if ISO_DATE.fullmatch(value):
        return check_date(value), published
    return local_date(value, field="date"), published or value


# ---------------------------------------------------------------------------------------
# Checks every article passes


def _finish(result: ReadResult) -> ReadResult:
    """Reject an article that is empty or not English; warn when it has no date."""
    if isinstance(result, Rejection):
        return result
    origin = result.origin or result.id
    if not result.text.strip():
        return Rejection(origin, "empty text", result.id)
    guess = guess_language(result.text)
    if not guess.english:
        return Rejection(origin, f"not English ({guess.describe()})", result.id)
    if result.date is None:
        log.warning("%s: %s", origin, NO_DATE_WARNING)
    return result
