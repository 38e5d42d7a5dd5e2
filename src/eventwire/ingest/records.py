"""The shape every format reader hands on, and the date and size rules all inputs share.

Format readers (HTML, feeds, WARC, CSV) do not build Articles themselves: each yields a
``SourceRecord`` holding fields in the JSON Lines shape (``id, date, published, title, text,
url, source``), and ``readers.parse_record`` validates every record by the same rules,
whatever file it came from.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from ..errors import InputError

MEGABYTE = 1024 * 1024
MAX_INPUT_MB = 20
# Limit for one article file, a whole .json file, standard input read as text, one line of
# JSON Lines, one CSV field, one HTML page or one WARC payload. Streamed formats (JSON
# Lines, CSV, WARC) may be larger as a whole.
MAX_INPUT_BYTES = MAX_INPUT_MB * MEGABYTE

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RECORD_FIELDS = ("id", "date", "published", "title", "text", "url", "source")


@dataclass(frozen=True)
class SourceRecord:
    """One article as a format reader found it, before validation.

    ``fields`` has the keys of ``RECORD_FIELDS`` (any may be missing or None);
    ``fallback_date`` (YYYY-MM-DD) dates the article when its fields do not, ahead of the
    user's ``--date`` (a WARC record's capture date, for instance).
    """

    origin: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    fallback_date: Optional[str] = None


def check_date(value: str) -> str:
    """Return ``value`` when it is a real calendar date written YYYY-MM-DD.

    Raises ``InputError`` otherwise ("2025-02-30" is well formed but not a real date).
    """
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise InputError(f"not a date in YYYY-MM-DD form: {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"not a real date: {value} ({exc})") from None
    return value


def local_date(stamp: str, *, field: str = "timestamp") -> str:
    """The calendar date of a timestamp in its own offset: 2025-10-29T01:00+05:00 -> 10-29.

    Accepts ISO 8601 (a date, or a date and time with or without an offset) and RFC 2822
    ("Tue, 04 Mar 2025 01:30:00 +0500"). Raises ``InputError`` naming ``field`` otherwise.
    """
    try:
        return dt.datetime.fromisoformat(stamp).date().isoformat()
    except ValueError as exc:
        iso_error = str(exc)
    try:
        parsed = email.utils.parsedate_to_datetime(stamp)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    if ISO_DATE.match(stamp) and "out of range" in iso_error:
        raise InputError(f"not a real date: {stamp} ({iso_error})")
    raise InputError(f"bad {field}: {stamp!r} (expected an ISO 8601 date or timestamp)")


def is_timestamp(stamp: Any) -> bool:
    """True when ``local_date`` can read ``stamp``."""
    if not isinstance(stamp, str) or not stamp.strip():
        return False
    try:
        local_date(stamp.strip())
    except InputError:
        return False
    return True


def too_large(size: int) -> str:
    """The rejection reason for ``size`` bytes over the limit."""
    shown = math.ceil(size * 10 / MEGABYTE) / 10  # rounded up: never "20.0 MB > 20 MB"
    return f"too large: {shown} MB > {MAX_INPUT_MB} MB limit"
