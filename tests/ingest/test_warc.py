"""Tests for eventwire.ingest.warc through read_paths, on archives written here with warcio."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import warc as warc_reader
from eventwire.ingest.html import NO_TEXT_REASON
from eventwire.ingest.readers import read_paths
from eventwire.model import Article, Rejection

FIRST = ("The foreign ministers of two coastal states met in a harbour town on Tuesday and "
         "agreed to share their fishing grounds for the next five years, officials said.")
STORM = ("Heavy rain flooded the lower districts of a river port on Monday, and the regional "
         "government asked the army to help move families to higher ground.")
FRENCH = ("Les ministres des deux pays se sont réunis mardi dans le port et ont convenu de "
          "partager leurs zones de pêche pendant les cinq prochaines années.")

DATED_PAGE = f"""<html><head><title>Fishing deal</title>
<meta property="article:published_time" content="2025-03-03T22:15:00-04:00">
<link rel="canonical" href="https://herald.example/canonical/fishing"></head>
<body><article><h1>Fishing deal</h1><p>{FIRST}</p></article></body></html>"""
UNDATED_PAGE = (f"<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
                f"<p>{STORM}</p></article></body></html>")
FRENCH_PAGE = (f"<html lang='fr'><body><article><h1>Pêche</h1><p>{FRENCH}</p></article>"
               "</body></html>")
SCRIPT_PAGE = "<html><head><script>boot()</script></head><body><script>run()</script></body></html>"

CAPTURED = "2025-03-05T23:30:00Z"


def response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
             media_type: str = "text/html; charset=utf-8", date: str = CAPTURED):
    headers = StatusAndHeaders(status, [("Content-Type", media_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=headers,
                                     warc_headers_dict={"WARC-Date": date})


def build_warc(path: Path, pages: list[tuple], *, gzip: bool = True) -> list[int]:
    """Write ``pages`` (uri, body[, options]) as response records; return their offsets."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(b"software: eventwire tests\r\n"),
            warc_content_type="application/warc-fields"))
        for uri, body, *options in pages:
            data = body.encode("utf-8") if isinstance(body, str) else body
            writer.write_record(response(writer, uri, data, **(options[0] if options else {})))
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        return [iterator.get_record_offset() for record in iterator
                if record.rec_type == "response"]


def read(*paths, date=None) -> list:
    return list(read_paths([str(p) for p in paths], date))


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles(tmp_path, name, gzip):
    path = tmp_path / name
    offsets = build_warc(path, [
        ("https://herald.example/world/fishing", DATED_PAGE),
        ("https://herald.example/logo.png", b"\x89PNG\r\n", {"media_type": "image/png"}),
        ("https://herald.example/old", "<html>moved</html>", {"status": "301 Moved"}),
        ("https://herald.example/world/floods", UNDATED_PAGE),
    ])
    results = read(path, date="2024-01-01")
    assert [r.origin for r in results] == [f"{path}@{offsets[0]}", f"{path}@{offsets[3]}"]
    dated, undated = results
    assert isinstance(dated, Article) and isinstance(undated, Article)
    # the target URI is url and id, even where the page names another canonical URL
    assert dated.id == dated.url == "https://herald.example/world/fishing"
    # the page's own date first, as its local date ...
    assert (dated.date, dated.published) == ("2025-03-03", "2025-03-03T22:15:00-04:00")
    assert dated.text == f"Fishing deal\n\n{FIRST}"
    # ... else the capture date (UTC), ahead of the date argument
    assert (undated.id, undated.date, undated.published) == (
        "https://herald.example/world/floods", "2025-03-05", None)


def test_bad_pages_are_rejected_one_by_one(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    offsets = build_warc(path, [
        ("https://herald.example/fr", FRENCH_PAGE),
        ("https://herald.example/app", SCRIPT_PAGE),
        ("https://herald.example/deep", "<div>" * 5000 + FIRST),
        ("https://herald.example/world/floods", UNDATED_PAGE),
    ])
    french, script, deep, good = read(path)
    assert isinstance(french, Rejection) and french.reason.startswith("not English")
    assert french.article_id == "https://herald.example/fr"
    assert script == Rejection(f"{path}@{offsets[1]}", NO_TEXT_REASON,
                               "https://herald.example/app")
    assert deep.reason.startswith("HTML nested too deeply")
    assert isinstance(good, Article)


def test_payload_over_size_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(warc_reader, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [("https://herald.example/big", UNDATED_PAGE + " " * 5000)])
    rejection = read(path)[0]
    assert rejection.reason.startswith("too large: ")


def test_archive_without_html_pages_is_rejected(tmp_path):
    path = tmp_path / "images.warc.gz"
    build_warc(path, [("https://x.example/a.png", b"\x89PNG", {"media_type": "image/png"})])
    rejection = read(path)[0]
    assert rejection.origin == str(path)
    assert rejection.reason.startswith("no HTML pages")


@pytest.mark.parametrize("content", [b"this is not an archive\r\n\r\n", b"\x1f\x8b\x08garbage"])
def test_file_that_is_not_a_warc_is_rejected(tmp_path, content):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(content)
    rejection = read(path)[-1]
    assert isinstance(rejection, Rejection) and rejection.origin == str(path)
    assert "WARC" in rejection.reason


def test_warc_files_in_a_folder(tmp_path):
    (tmp_path / "in").mkdir()
    build_warc(tmp_path / "in" / "b.warc", [("https://x.example/1", UNDATED_PAGE)], gzip=False)
    build_warc(tmp_path / "in" / "a.warc.gz", [("https://x.example/2", UNDATED_PAGE)])
    results = read(tmp_path / "in")
    assert [r.id for r in results] == ["https://x.example/2", "https://x.example/1"]
