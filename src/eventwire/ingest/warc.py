"""WARC web archives: every archived HTML page becomes one record for the HTML reader.

Each ``response`` (or ``resource``) record whose payload is HTML and whose HTTP status is
2xx is read by ``html.page_record``; other records (images, scripts, redirects, requests,
metadata) are skipped. ``WARC-Target-URI`` is the article's url and id, and the capture
date (``WARC-Date``, UTC) dates the article when the page declares no publication date.
Records are addressed as ``path@OFFSET``, the record's byte offset in the file, as in CDX
indexes. The archive is streamed; each payload is limited to ``MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import logging
from typing import BinaryIO, Iterator, Optional, Union

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..model import Rejection
from .html import page_record
from .records import MAX_INPUT_BYTES, SourceRecord, is_timestamp, local_date, too_large

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_RECORD_TYPES = frozenset({"response", "resource"})
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def warc_records(stream: BinaryIO, origin: str) -> Iterator[Union[SourceRecord, Rejection]]:
    """One SourceRecord per archived HTML page, or a Rejection saying why it was not read.

    Raises ``InputError`` when the file is not a WARC archive or holds no HTML pages.
    """
    iterator = ArchiveIterator(stream)
    records = pages = 0
    try:
        for record in iterator:
            records += 1
            if record.format != "warc":
                raise InputError("not a WARC file")
            if not _is_html_page(record):
                continue
            pages += 1
            # get_record_offset() reads the record to its end: take the payload first.
            payload = record.content_stream().read(MAX_INPUT_BYTES + 1)
            where = f"{origin}@{iterator.get_record_offset()}"
            yield _page(record, payload, where)
    except ArchiveLoadFailed as exc:
        raise InputError(f"not a WARC file, or damaged: {exc}") from None
    if not records:
        raise InputError("empty file: no WARC records")
    if not pages:
        raise InputError("no HTML pages (2xx responses of type text/html) in WARC file")


def _is_html_page(record) -> bool:
    if record.rec_type not in PAGE_RECORD_TYPES:
        return False
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return False
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            log.debug("skipping %s response", status)
            return False
        content_type = headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type in HTML_CONTENT_TYPES


def _page(record, payload: bytes, where: str) -> Union[SourceRecord, Rejection]:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if len(payload) > MAX_INPUT_BYTES:
        return Rejection(where, too_large(len(payload)), uri)
    try:
        fields = page_record(payload, url=uri)
    except InputError as exc:
        return Rejection(where, str(exc), uri)
    except Exception as exc:  # one bad page must not end the archive
        log.debug("reading %s failed", where, exc_info=True)
        return Rejection(where, f"reading failed: {type(exc).__name__}: {exc}", uri)
    if uri:
        fields["id"] = fields["url"] = uri
    return SourceRecord(where, fields, fallback_date=_capture_date(record))


def _capture_date(record) -> Optional[str]:
    stamp = (record.rec_headers.get_header("WARC-Date") or "").strip()
    return local_date(stamp) if is_timestamp(stamp) else None
