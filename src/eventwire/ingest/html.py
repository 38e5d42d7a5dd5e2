"""HTML pages: the main text, title, publication date and canonical URL of one news page.

trafilatura finds the article text and title among the page's navigation and boilerplate.
The publication timestamp is read from the page's own markup (``article:published_time``
and kindred meta tags, ``itemprop="datePublished"``, JSON-LD ``datePublished``, ``<time
datetime>``) so that its offset is kept; failing those, htmldate's markup-only date (through
trafilatura) is used. Dates are never guessed from the prose: a date mentioned in the story
is not its publication date.

Pages are screened before they are parsed: more than ``MAX_INPUT_BYTES``, more than
``MAX_HTML_DEPTH`` levels of nesting or more than ``MAX_HTML_ELEMENTS`` elements are
rejected with the reason, because lxml silently drops what lies deeper than 255 levels and
extraction time grows faster than linearly with the number of elements.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from typing import Any, Iterator, Optional
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.utils import load_html

from ..errors import InputError
from .records import MAX_INPUT_BYTES, is_timestamp, too_large

log = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# Real news pages nest 20-60 levels deep and hold a few thousand elements; lxml stops
# building the tree at 255 levels, and trafilatura needs ~5 s for 50,000 paragraphs.
MAX_HTML_DEPTH = 200
MAX_HTML_ELEMENTS = 50_000
MAX_JSON_LD_CHARS = 1_000_000
MAX_JSON_LD_NODES = 10_000

NO_TEXT_REASON = ("no extractable article text (the page holds only markup, scripts or "
                  "boilerplate)")

# htmldate (through trafilatura): markup only, never dates found in the prose; a fixed
# latest date so that the same page gives the same date whatever today's date is.
DATE_EXTRACTION_PARAMS = {"extensive_search": False, "original_date": True,
                          "max_date": "2099-12-31"}

# Meta tags naming the publication time, most specific first (names compared lowercased).
PUBLISHED_META_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "published_time", "publish-date", "publishdate", "pubdate",
    "parsely-pub-date", "sailthru.date", "article.published", "dcterms.issued",
    "dc.date.issued", "dcterms.created", "dc.date.created", "dc.date", "date",
)
MODIFIED_HINT = re.compile(r"modif|updat|edit", re.IGNORECASE)

# Tags that do not nest: empty (void) elements, and those whose end tag is optional, so that
# sloppy but ordinary markup never looks deep. html/head/body are left out as well.
VOID_TAGS = frozenset(b"""area base basefont bgsound br col command embed frame hr image img
input isindex keygen link meta nextid param source spacer track wbr""".split())
OPTIONAL_END_TAGS = frozenset(b"""html head body p li dt dd tr td th thead tbody tfoot
colgroup caption option optgroup rb rt rtc rp""".split())
RAW_TEXT_TAGS = frozenset({b"script", b"style", b"textarea", b"title", b"xmp", b"plaintext"})
TAG_START = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:_-]*)|<!--")
COMMENT_END = b"-->"

BLOCK_TAGS = frozenset("""address article aside blockquote dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre
section table tr ul""".split())
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HTML_ELEMENT = re.compile(rb"<html[\s>]", re.IGNORECASE)
FRAGMENT_SNIFF_BYTES = 4096
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def check_markup(data: bytes) -> None:
    """Raise ``InputError`` when a page is too large, binary, too deeply nested or has too
    many elements to parse safely. A linear scan of the tags; nothing is parsed."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(too_large(len(data)))
    if b"\x00" in data and not data.startswith(UTF16_BOMS):
        raise InputError("binary content (NUL bytes), not HTML")
    open_names: list[bytes] = []
    open_counts: dict[bytes, int] = {}
    elements = 0
    position = 0
    while True:
        match = TAG_START.search(data, position)
        if match is None:
            return
        if match.group(0) == b"<!--":
            end = data.find(COMMENT_END, match.end())
            if end < 0:
                return
            position = end + len(COMMENT_END)
            continue
        closing, name = match.group(1), match.group(2).lower()
        tag_end = data.find(b">", match.end())
        if tag_end < 0:
            return
        position = tag_end + 1
        if closing:
            if open_counts.get(name):
                _close(name, open_names, open_counts)
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise InputError(f"too many HTML elements: more than {MAX_HTML_ELEMENTS:,}")
        if name in RAW_TEXT_TAGS:
            closer = re.compile(rb"</" + re.escape(name) + rb"\s*>", re.IGNORECASE)
            end_match = closer.search(data, position)
            if end_match is None:
                return
            position = end_match.end()
        elif name in VOID_TAGS or name in OPTIONAL_END_TAGS or data[tag_end - 1:tag_end] == b"/":
            continue
        else:
            open_names.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
            if len(open_names) > MAX_HTML_DEPTH:
                raise InputError(f"HTML nested too deeply: more than {MAX_HTML_DEPTH} levels")


def _close(name: bytes, open_names: list[bytes], open_counts: dict[bytes, int]) -> None:
    """An end tag closes its element and every unclosed element opened inside it."""
    while open_names:
        inner = open_names.pop()
        open_counts[inner] -= 1
        if inner == name:
            return


def page_record(data: bytes, *, url: Optional[str] = None) -> dict[str, Any]:
    """The record fields of one HTML page (``readers.parse_record`` validates them).

    ``id`` is the page's canonical URL (``<link rel="canonical">``, else ``og:url``) or
    None; ``url`` is that canonical URL, else ``url`` (where the page was fetched from);
    ``published`` the publication timestamp as the page writes it, when the page has one
    that can be read; ``date`` htmldate's publication date when no timestamp was found;
    ``source`` the site's name (else its host name). Paragraphs are separated by blank
    lines. Raises ``InputError`` for pages that fail ``check_markup``, are not HTML, or
    have no extractable text.
    """
    check_markup(data)
    if not data.startswith(UTF16_BOMS) and not HTML_ELEMENT.search(data[:FRAGMENT_SNIFF_BYTES]):
        # a bare fragment, which trafilatura would refuse as "not valid HTML"
        data = b"<html><body>" + data + b"</body></html>"
    tree = load_html(data)
    if tree is None:
        raise InputError("not an HTML page")
    canonical = canonical_url(tree, base=url)
    published = published_timestamp(tree)
    document = trafilatura.bare_extraction(
        tree, url=canonical or url, with_metadata=True, include_comments=False,
        date_extraction_params=DATE_EXTRACTION_PARAMS)
    text = _paragraphs(document.text) if document is not None and document.text else ""
    if not text:
        raise InputError(NO_TEXT_REASON)
    hostname = urlsplit(canonical or url).hostname if (canonical or url) else None
    return {
        "id": canonical,
        "url": canonical or url,
        "title": document.title,
        "text": text,
        "published": published,
        "date": None if published else _valid_date(document.date),
        "source": document.sitename or hostname,
    }


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; the canonical form separates them by blank lines."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _valid_date(value: Optional[str]) -> Optional[str]:
    return value if is_timestamp(value) else None


def canonical_url(tree: lxml.html.HtmlElement, base: Optional[str] = None) -> Optional[str]:
    """The absolute http(s) URL the page names as its own, or None."""
    candidates = []
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            candidates.append(link.get("href"))
    for meta in tree.iterfind(".//meta[@content]"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            candidates.append(meta.get("content"))
    for candidate in candidates:
        absolute = urljoin(base, candidate.strip()) if base else candidate.strip()
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return None


def published_timestamp(tree: lxml.html.HtmlElement) -> Optional[str]:
    """The publication timestamp the page's markup declares, as written, or None."""
    for candidate in _published_candidates(tree):
        if candidate and is_timestamp(candidate):
            return candidate.strip()
    return None


def _published_candidates(tree: lxml.html.HtmlElement) -> Iterator[Optional[str]]:
    meta: dict[str, str] = {}
    for element in tree.iterfind(".//meta[@content]"):
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in meta:
                meta[key] = element.get("content")
    for name in PUBLISHED_META_NAMES:
        yield meta.get(name)
    for element in tree.xpath('.//*[@itemprop="datePublished"]'):
        yield element.get("datetime") or element.get("content")
    yield from _json_ld_dates(tree)
    for element in tree.xpath(".//time[@pubdate]"):
        yield element.get("datetime")
    times = tree.xpath(".//article//time[@datetime]") or tree.xpath(".//time[@datetime]")
    for element in times:
        hints = " ".join(element.get(a) or "" for a in ("class", "itemprop", "id"))
        if not MODIFIED_HINT.search(hints):
            yield element.get("datetime")


def _json_ld_dates(tree: lxml.html.HtmlElement) -> Iterator[str]:
    for script in tree.xpath('.//script[contains(@type, "ld+json")]'):
        source = script.text or ""
        if len(source) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(source)
        except ValueError:
            continue
        queue: deque[Any] = deque([data])
        visited = 0
        while queue and visited < MAX_JSON_LD_NODES:
            node = queue.popleft()
            visited += 1
            if isinstance(node, dict):
                value = node.get("datePublished")
                if isinstance(value, str):
                    yield value
                queue.extend(v for v in node.values() if isinstance(v, (dict, list)))
            elif isinstance(node, list):
                queue.extend(v for v in node if isinstance(v, (dict, list)))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content).

    Block elements become paragraphs separated by blank lines, ``<br>`` a line break;
    scripts and styles are dropped and runs of spaces collapsed.
    """
    if "<" not in markup:
        return plain_paragraphs(markup)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return plain_paragraphs(markup)
    for element in root.xpath(".//script|.//style"):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return plain_paragraphs(root.text_content())


def plain_paragraphs(text: str) -> str:
    """Spaces collapsed within lines; paragraphs separated by exactly one blank line."""
    paragraphs = []
    for block in PARAGRAPH_BREAK.split(text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block_text = "\n".join(line for line in lines if line)
        if block_text:
            paragraphs.append(block_text)
    return "\n\n".join(paragraphs)
