"""http(s) URLs given as paths: fetched once, then read as a feed or else as an HTML page.

The download is ours, not feedparser's, so that it has a timeout and a size limit; a URL
that cannot be fetched is rejected with the reason. Nothing is fetched unless a URL is
given.
"""

from __future__ import annotations

import http.client
import logging
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Iterator

from .. import __version__
from ..errors import InputError
from .feeds import feed_records, is_feed, parse_feed
from .html import page_record
from .records import MAX_INPUT_BYTES, SourceRecord, too_large

log = logging.getLogger(__name__)

URL_PATTERN = re.compile(r"https?://\S+", re.IGNORECASE)
FETCH_TIMEOUT_SECONDS = 30
USER_AGENT = f"eventwire/{__version__}"
ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
          "text/html;q=0.8, */*;q=0.5")


@dataclass(frozen=True)
class Fetched:
    """What a URL returned: the body, the URL after redirects and the media type."""

    data: bytes
    url: str
    media_type: str


def is_url(path: str) -> bool:
    """True for an http or https URL."""
    return URL_PATTERN.fullmatch(path) is not None


def fetch(url: str) -> Fetched:
    """Download ``url``; raises ``InputError`` saying why when that fails."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data = response.read(MAX_INPUT_BYTES + 1)
            final_url = response.geturl() or url
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(f"cannot fetch: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"cannot fetch: {exc.reason}") from None
    except (socket.timeout, TimeoutError):
        raise InputError(f"cannot fetch: no answer in {FETCH_TIMEOUT_SECONDS} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(f"cannot fetch: {type(exc).__name__}: {exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(too_large(len(data)))
    return Fetched(data, final_url, media_type)


def url_records(url: str) -> Iterator[SourceRecord]:
    """The entries of the feed at ``url``, or the one article of the page at ``url``."""
    fetched = fetch(url)
    parsed = parse_feed(fetched.data, url=fetched.url)
    if is_feed(parsed):
        yield from feed_records(fetched.data, url, url=fetched.url, parsed=parsed)
        return
    log.debug("%s is not a feed (%s); reading it as a page", url, fetched.media_type)
    fields = page_record(fetched.data, url=fetched.url)
    fields["id"] = fields["id"] or fetched.url
    yield SourceRecord(url, fields)
