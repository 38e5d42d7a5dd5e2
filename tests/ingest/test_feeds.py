"""Tests for eventwire.ingest.feeds and .fetch through read_paths: RSS, Atom, feed URLs."""

from __future__ import annotations

import email.message
import io
import socket
import urllib.error

import pytest

from eventwire.ingest import fetch
from eventwire.ingest.readers import read_paths
from eventwire.model import Article, Rejection
from _reading import only, read, write

FIRST = ("The foreign ministers of two coastal states met in a harbour town on Tuesday and "
         "agreed to share their fishing grounds for the next five years, officials said.")
SECOND = ("The ministers will meet again in the spring to review the catch limits, according "
          "to a joint statement released after the talks.")
STORM = ("Heavy rain flooded the lower districts of a river port on Monday, and the regional "
         "government asked the army to help move families to higher ground.")
FRENCH = ("Les ministres des deux pays se sont réunis mardi dans le port et ont convenu de "
          "partager leurs zones de pêche pendant les cinq prochaines années.")

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Herald: World</title>
  <link>https://herald.example/world</link>
  <description>World news</description>
  <item>
    <title>Coastal states agree to share fishing grounds</title>
    <link>https://herald.example/world/fishing</link>
    <guid isPermaLink="false">herald-2025-0412</guid>
    <pubDate>Tue, 04 Mar 2025 01:30:00 +0500</pubDate>
    <description>&lt;p&gt;Ministers agree a deal.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>{FIRST}</p><p>{SECOND}</p>
      <script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Floods in river port</title>
    <link>https://herald.example/world/floods</link>
    <pubDate>Mon, 03 Mar 2025 22:15:00 -0400</pubDate>
    <description>{STORM}</description>
  </item>
  <item>
    <title>Accord sur la pêche</title>
    <link>https://herald.example/fr/peche</link>
    <pubDate>Tue, 04 Mar 2025 09:00:00 +0100</pubDate>
    <description>{FRENCH}</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>River Post</title>
  <id>urn:example:river-post</id>
  <updated>2025-03-05T12:00:00Z</updated>
  <entry>
    <title type="text">Fishing grounds to be shared</title>
    <id>urn:example:river-post:1</id>
    <link rel="alternate" href="https://river.example/1"/>
    <published>2025-03-04T01:30:00+05:00</published>
    <updated>2025-03-05T08:00:00+05:00</updated>
    <summary>Ministers agree a deal.</summary>
    <content type="html">&lt;p&gt;{FIRST}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Floods in river port</title>
    <id>urn:example:river-post:2</id>
    <link rel="alternate" href="https://river.example/2"/>
    <updated>2025-03-03T22:15:00-04:00</updated>
    <summary type="text">{STORM}</summary>
  </entry>
</feed>
"""




# ---------------------------------------------------------------------------------------
# RSS 2.0


def test_rss_gives_one_article_per_entry(tmp_path):
    path = write(tmp_path / "world.rss", RSS)
    results = read(path)
    assert [r.origin for r in results] == [f"{path}[0]", f"{path}[1]", f"{path}[2]"]
    first, second, french = results
    assert first == Article(
        id="herald-2025-0412",
        text=f"Coastal states agree to share fishing grounds\n\n{FIRST}\n\n{SECOND}",
        date="2025-03-04", title="Coastal states agree to share fishing grounds",
        url="https://herald.example/world/fishing", source="Harbour Herald: World",
        published="Tue, 04 Mar 2025 01:30:00 +0500", origin=f"{path}[0]")
    assert "track" not in first.text
    # no guid: the link is the id; the local date, not UTC's (already 4 March)
    assert (second.id, second.date) == ("https://herald.example/world/floods", "2025-03-03")
    assert second.text == f"Floods in river port\n\n{STORM}"
    assert isinstance(french, Rejection) and french.reason.startswith("not English")
    assert french.origin == f"{path}[2]"


def test_xml_suffix_is_read_when_it_is_a_feed(tmp_path):
    results = read(write(tmp_path / "world.xml", RSS))
    assert [type(r) for r in results] == [Article, Article, Rejection]


def test_xml_that_is_not_a_feed_is_rejected(tmp_path):
    path = write(tmp_path / "sitemap.xml",
                 '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    rejection = only(read(path))
    assert rejection.origin == str(path)
    assert rejection.reason.startswith("not an RSS or Atom feed")


def test_garbage_rss_file_is_rejected(tmp_path):
    path = write(tmp_path / "broken.rss", "this is not a feed at all")
    assert only(read(path)).reason.startswith("not an RSS or Atom feed")


def test_feed_without_entries_is_rejected(tmp_path):
    path = write(tmp_path / "empty.rss",
                 '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert only(read(path)) == Rejection(str(path), "feed has no entries")


def test_entry_without_date_uses_date_argument(tmp_path):
    feed = RSS.replace("<pubDate>Mon, 03 Mar 2025 22:15:00 -0400</pubDate>", "")
    results = read(write(tmp_path / "world.rss", feed), date="2025-03-10")
    assert results[1].date == "2025-03-10" and results[1].published is None
    assert results[0].date == "2025-03-04"


def test_headline_only_entry_is_its_title(tmp_path):
    feed = ('<rss version="2.0"><channel><title>Wire</title><item>'
            "<title>Ministers of two coastal states agree to share fishing grounds</title>"
            "<link>https://wire.example/1</link></item></channel></rss>")
    article = only(read(write(tmp_path / "wire.rss", feed)))
    assert article.text == "Ministers of two coastal states agree to share fishing grounds"


def test_entry_without_title_or_text_is_rejected(tmp_path):
    feed = ('<rss version="2.0"><channel><title>Wire</title><item>'
            "<link>https://wire.example/1</link></item></channel></rss>")
    rejection = only(read(write(tmp_path / "wire.rss", feed)))
    assert rejection.reason == "empty text"


# ---------------------------------------------------------------------------------------
# Atom


def test_atom_gives_one_article_per_entry(tmp_path):
    path = write(tmp_path / "river.atom", ATOM)
    first, second = read(path)
    assert first.id == "urn:example:river-post:1"
    assert first.url == "https://river.example/1"
    assert first.source == "River Post"
    assert first.text == f"Fishing grounds to be shared\n\n{FIRST}\n\n{SECOND}"  # content wins
    assert (first.date, first.published) == ("2025-03-04", "2025-03-04T01:30:00+05:00")
    # no published: updated stands in
    assert (second.date, second.published) == ("2025-03-03", "2025-03-03T22:15:00-04:00")
    assert second.text == f"Floods in river port\n\n{STORM}"


def test_feeds_in_a_folder(tmp_path):
    write(tmp_path / "in" / "b.atom", ATOM)
    write(tmp_path / "in" / "a.rss", RSS)
    results = read(tmp_path / "in")
    assert [r.origin.rsplit("/", 1)[1] for r in results] == [
        "a.rss[0]", "a.rss[1]", "a.rss[2]", "b.atom[0]", "b.atom[1]"]


def test_reading_a_feed_twice_gives_identical_articles(tmp_path):
    path = write(tmp_path / "world.rss", RSS)
    assert read(path) == read(path)


def test_stdin_feed_is_recognised():
    results = list(read_paths(["-"], stdin=io.BytesIO(ATOM.encode())))
    assert [r.origin for r in results] == ["<stdin>[0]", "<stdin>[1]"]


# ---------------------------------------------------------------------------------------
# URLs (never the network: a fake urlopen, or a closed port on this machine)


class FakeResponse:
    def __init__(self, body: bytes, url: str, media_type: str):
        self._body = io.BytesIO(body)
        self._url = url
        self.headers = email.message.Message()
        self.headers["Content-Type"] = media_type

    def read(self, size: int = -1) -> bytes:
        return self._body.read(size)

    def geturl(self) -> str:
        return self._url

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


def serve(monkeypatch, body: str | bytes, media_type: str, final_url: str | None = None):
    requested = []

    def fake_urlopen(request, timeout):
        requested.append((request.full_url, timeout, request.get_header("User-agent")))
        data = body.encode() if isinstance(body, str) else body
        return FakeResponse(data, final_url or request.full_url, media_type)

    monkeypatch.setattr(fetch.urllib.request, "urlopen", fake_urlopen)
    return requested


def test_feed_url_is_fetched_and_read(monkeypatch):
    url = "https://river.example/feed.atom"
    requested = serve(monkeypatch, ATOM, "application/atom+xml")
    results = list(read_paths([url]))
    assert [r.origin for r in results] == [f"{url}[0]", f"{url}[1]"]
    assert all(isinstance(r, Article) for r in results)
    assert requested == [(url, fetch.FETCH_TIMEOUT_SECONDS, fetch.USER_AGENT)]


def test_page_url_is_read_as_a_page(monkeypatch):
    url = "https://herald.example/world/fishing?ref=home"
    body = (f"<html><head><title>Fishing deal</title></head><body><article><h1>Fishing deal"
            f"</h1><p>{FIRST}</p><p>{SECOND}</p></article></body></html>")
    serve(monkeypatch, body, "text/html")
    article = only(list(read_paths([url], "2025-03-04")))
    assert (article.id, article.url, article.origin) == (url, url, url)
    assert article.text.startswith(f"Fishing deal\n\n{FIRST}")


def test_http_error_is_a_rejection(monkeypatch):
    url = "https://herald.example/missing.rss"

    def not_found(request, timeout):
        raise urllib.error.HTTPError(url, 404, "Not Found", email.message.Message(), None)

    monkeypatch.setattr(fetch.urllib.request, "urlopen", not_found)
    assert only(list(read_paths([url]))) == Rejection(url, "cannot fetch: HTTP 404 Not Found")


def test_oversized_download_is_a_rejection(monkeypatch):
    monkeypatch.setattr(fetch, "MAX_INPUT_BYTES", 1000)
    serve(monkeypatch, b"<rss>" + b" " * 5000, "application/rss+xml")
    assert only(list(read_paths(["https://x.example/big.rss"]))).reason.startswith("too large")


def test_unreachable_url_is_a_rejection_with_the_reason():
    with socket.socket() as probe:  # a port on this machine that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.rss"
    rejection = only(list(read_paths([url])))
    assert rejection.origin == url
    assert rejection.reason.startswith("cannot fetch: ")
    assert "refused" in rejection.reason.lower()


@pytest.mark.parametrize("path, expected", [
    ("https://x.example/feed", True), ("HTTP://x.example/", True),
    ("ftp://x.example/feed", False), ("feed.rss", False), ("http://", False),
])
def test_is_url(path, expected):
    assert fetch.is_url(path) is expected


def test_entity_expansion_bomb_is_not_expanded(tmp_path):
    entities = '<!ENTITY e0 "boom">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            f"<title>Wire</title><item><title>&e9;</title><description>{STORM}</description>"
            "</item></channel></rss>")
    article = only(read(write(tmp_path / "bomb.rss", feed)))
    assert len(article.text) < 1000
