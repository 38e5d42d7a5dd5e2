"""RSS and Atom feeds: one record per entry, read with feedparser.

An entry's text is its title and its fullest body (``content`` when given, else ``summary``)
with HTML stripped; a headline-only entry is its title. ``published`` (else ``updated``) is
kept as the feed writes it when it can be read, else as the UTC time feedparser made of it;
``link`` is the url, the entry's ``id``/``guid`` (else its link) the id, and the feed's
title the source. Entries are addressed as ``path[INDEX]``, counting from 0.

Feeds are always parsed from bytes: feedparser, given a string, would open it as a file
name or URL.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Iterator, Optional

import feedparser

from ..errors import InputError
from .html import html_to_text, plain_paragraphs
from .records import SourceRecord, is_timestamp

log = logging.getLogger(__name__)

FEED_SUFFIXES = frozenset({".rss", ".atom"})
XML_SUFFIXES = frozenset({".xml"})
TIMESTAMP_KEYS = ("published", "updated", "created")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def parse_feed(data: bytes, *, url: Optional[str] = None) -> Any:
    """feedparser's result for ``data`` (relative links resolved against ``url``)."""
    if not isinstance(data, bytes):
        raise TypeError("feeds are parsed from bytes only")
    headers = {"content-location": url} if url else None
    return feedparser.parse(data, response_headers=headers)


def is_feed(parsed: Any) -> bool:
    """True when feedparser recognised an RSS or Atom feed (or at least found entries)."""
    return bool(parsed.get("version")) or bool(parsed.get("entries"))


def feed_records(data: bytes, origin: str, *, url: Optional[str] = None,
                 parsed: Any = None) -> Iterator[SourceRecord]:
    """One SourceRecord per entry of the feed in ``data`` (already ``parsed``, if given).

    Raises ``InputError`` when ``data`` is not a feed or has no entries.
    """
    if parsed is None:
        parsed = parse_feed(data, url=url)
    if not is_feed(parsed):
        raise InputError(not_a_feed_reason(parsed))
    if parsed.get("bozo"):
        log.info("%s: feed is not well formed (%s); reading what could be parsed",
                 origin, parsed.get("bozo_exception"))
    entries = parsed.get("entries") or []
    if not entries:
        raise InputError("feed has no entries")
    feed = parsed.get("feed") or {}
    source = _text(feed.get("title"), feed.get("title_detail")) or None
    for index, entry in enumerate(entries):
        yield SourceRecord(f"{origin}[{index}]", entry_fields(entry, source))


def not_a_feed_reason(parsed: Any) -> str:
    problem = parsed.get("bozo_exception")
    detail = f" ({problem})" if parsed.get("bozo") and problem else ""
    return f"not an RSS or Atom feed{detail}"


def entry_fields(entry: Any, source: Optional[str]) -> dict[str, Any]:
    """The record fields of one feed entry (see the module docstring)."""
    title = _text(entry.get("title"), entry.get("title_detail"))
    body = _body(entry)
    link = (entry.get("link") or "").strip() or None
    return {
        "id": (entry.get("id") or "").strip() or link,
        "title": title or None,
        "text": body or title,
        "published": _timestamp(entry),
        "url": link,
        "source": source,
    }


def _body(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = _text(content.get("value"), content)
        if text:
            return text
    return _text(entry.get("summary"), entry.get("summary_detail"))


def _text(value: Optional[str], detail: Any) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    return html_to_text(value) if kind in HTML_TYPES else plain_paragraphs(value)


def _timestamp(entry: Any) -> Optional[str]:
    for key in TIMESTAMP_KEYS:
        written = entry.get(key)
        if is_timestamp(written):
            return written.strip()
        as_utc = entry.get(f"{key}_parsed")
        if as_utc:
            return dt.datetime(*as_utc[:6], tzinfo=dt.timezone.utc).isoformat()
    return None
