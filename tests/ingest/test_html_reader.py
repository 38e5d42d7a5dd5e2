"""Tests for eventwire.ingest.html through read_paths: text, title, dates, ids, hostile pages."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import html as html_reader
from eventwire.ingest.html import (
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    NO_TEXT_REASON,
    check_markup,
    html_to_text,
    page_record,
)
from eventwire.ingest.readers import NO_DATE_WARNING
from eventwire.model import Article, Rejection
from _reading import only, read, write

HEADLINE = "Coastal states agree to share fishing grounds"
FIRST = ("The foreign ministers of two coastal states met in a harbour town on Tuesday and "
         "agreed to share their fishing grounds for the next five years, officials from both "
         "governments said.")
SECOND = ("The ministers will meet again in the spring to review the catch limits, according "
          "to a joint statement released after the talks.")
FRENCH = ("Les ministres des affaires étrangères des deux pays se sont réunis mardi dans le "
          "port et ont convenu de partager leurs zones de pêche pendant les cinq prochaines "
          "années, selon un communiqué publié après les discussions.")


def page(head: str = "", *, article: str | None = None, title: str = HEADLINE,
         lang: str = "en") -> str:
    if article is None:
        article = f"<h1>{title}</h1>\n<p>{FIRST}</p>\n<p>{SECOND}</p>"
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Harbour Herald</title>
{head}
<script>window.analytics = {{"page": "article"}};</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
{article}
</article>
<aside><h2>Most read</h2>
<ul><li><a href="/a">Weather</a></li><li><a href="/b">Markets</a></li></ul></aside>
<footer>Copyright Harbour Herald. All rights reserved.</footer>
</body></html>
"""




# ---------------------------------------------------------------------------------------
# Text and title


def test_page_gives_main_text_and_title_without_boilerplate(tmp_path):
    path = write(tmp_path / "story.html", page())
    article = only(read(path, date="2025-03-04"))
    assert isinstance(article, Article)
    assert article.title == HEADLINE
    assert article.text == f"{HEADLINE}\n\n{FIRST}\n\n{SECOND}"
    for boilerplate in ("Home", "Most read", "Copyright", "analytics"):
        assert boilerplate not in article.text
    assert article.origin == str(path)


def test_title_is_prepended_when_the_body_lacks_it(tmp_path):
    path = write(tmp_path / "story.html", page(article=f"<p>{FIRST}</p><p>{SECOND}</p>"))
    article = only(read(path, date="2025-03-04"))
    assert article.text.startswith(f"{HEADLINE}\n\n{FIRST}")


def test_htm_and_xhtml_suffixes_and_upper_case(tmp_path):
    results = read(write(tmp_path / "A.HTM", page()), write(tmp_path / "b.xhtml", page()))
    assert [type(r) for r in results] == [Article, Article]


def test_bare_fragment_is_read(tmp_path):
    path = write(tmp_path / "fragment.html", f"<p>{FIRST}</p>")
    article = only(read(path, date="2025-03-04"))
    assert article.text == FIRST


def test_non_utf8_page_with_declared_charset(tmp_path):
    text = page(article=f"<p>{FIRST} The café owners welcomed it.</p>")
    path = write(tmp_path / "latin.html", text.replace('charset="utf-8"', 'charset="iso-8859-1"')
                 .encode("iso-8859-1"))
    assert "café owners" in only(read(path, date="2025-03-04")).text


def test_non_english_page_is_rejected(tmp_path):
    path = write(tmp_path / "fr.html", page(article=f"<h1>Accord sur la pêche</h1><p>{FRENCH}</p>",
                                            title="Accord sur la pêche", lang="fr"))
    rejection = only(read(path, date="2025-03-04"))
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith("not English (")
    assert rejection.article_id == "fr"


# ---------------------------------------------------------------------------------------
# Dates


def test_published_time_meta_gives_local_date_and_keeps_timestamp(tmp_path):
    stamp = "2025-03-03T22:15:00-04:00"  # already 4 March in UTC: the local date counts
    path = write(tmp_path / "a.html",
                 page(f'<meta property="article:published_time" content="{stamp}">'))
    article = only(read(path, date="2024-01-01"))
    assert (article.date, article.published) == ("2025-03-03", stamp)


def test_time_element_in_article_gives_date(tmp_path):
    stamp = "2025-03-04T01:30:00+05:00"
    body = (f'<h1>{HEADLINE}</h1><p>Published <time datetime="{stamp}">4 March</time></p>'
            f"<p>{FIRST}</p><p>{SECOND}</p>")
    article = only(read(write(tmp_path / "a.html", page(article=body))))
    assert (article.date, article.published) == ("2025-03-04", stamp)


def test_modified_time_is_not_the_publication_time(tmp_path):
    body = (f'<h1>{HEADLINE}</h1><time class="updated" datetime="2025-03-09T10:00:00Z">'
            f'9 March</time> <time datetime="2025-03-04T09:00:00Z">4 March</time>'
            f"<p>{FIRST}</p><p>{SECOND}</p>")
    article = only(read(write(tmp_path / "a.html", page(article=body))))
    assert article.date == "2025-03-04"


def test_meta_wins_over_time_element(tmp_path):
    body = (f'<h1>{HEADLINE}</h1><time datetime="2025-03-09">9 March</time>'
            f"<p>{FIRST}</p><p>{SECOND}</p>")
    head = '<meta property="article:published_time" content="2025-03-04T08:00:00+01:00">'
    assert only(read(write(tmp_path / "a.html", page(head, article=body)))).date == "2025-03-04"


def test_json_ld_date_published(tmp_path):
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@graph": [{"@type": "NewsArticle", "headline": "x", '
            '"datePublished": "2025-03-04T07:00:00+01:00"}]}</script>')
    article = only(read(write(tmp_path / "a.html", page(head))))
    assert (article.date, article.published) == ("2025-03-04", "2025-03-04T07:00:00+01:00")


def test_unreadable_meta_falls_back_to_htmldate(tmp_path):
    path = write(tmp_path / "a.html", page('<meta name="date" content="March 4, 2025">'))
    article = only(read(path, date="2024-01-01"))
    assert (article.date, article.published) == ("2025-03-04", None)


def test_date_in_the_prose_is_not_a_publication_date(tmp_path):
    body = (f"<h1>{HEADLINE}</h1><p>{FIRST} The last accord was signed on 12 May 2019.</p>"
            f"<p>{SECOND}</p>")
    path = write(tmp_path / "a.html", page(article=body))
    assert only(read(path, date="2025-03-04")).date == "2025-03-04"


def test_undated_page_without_date_argument_is_kept_and_warned_about(tmp_path, caplog):
    path = write(tmp_path / "a.html", page())
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.readers"):
        article = only(read(path))
    assert isinstance(article, Article) and article.date is None
    assert f"{path}: {NO_DATE_WARNING}" in [r.getMessage() for r in caplog.records]


# ---------------------------------------------------------------------------------------
# Ids, urls and sources


def test_canonical_url_is_id_and_url_and_site_name_is_source(tmp_path):
    head = ('<link rel="canonical" href="https://herald.example/world/fishing-grounds">'
            '<meta property="og:site_name" content="Harbour Herald">')
    article = only(read(write(tmp_path / "saved.html", page(head)), date="2025-03-04"))
    assert article.id == article.url == "https://herald.example/world/fishing-grounds"
    assert article.source == "Harbour Herald"


def test_og_url_serves_when_there_is_no_canonical_link(tmp_path):
    head = '<meta property="og:url" content="https://herald.example/fishing">'
    article = only(read(write(tmp_path / "saved.html", page(head)), date="2025-03-04"))
    assert article.id == "https://herald.example/fishing"


def test_without_canonical_url_the_id_is_the_file_stem(tmp_path):
    head = '<link rel="canonical" href="/world/fishing">'  # relative, and no base known
    article = only(read(write(tmp_path / "saved-page.html", page(head)), date="2025-03-04"))
    assert (article.id, article.url) == ("saved-page", None)


def test_relative_canonical_is_resolved_against_the_page_url():
    head = '<link rel="canonical" href="/world/fishing">'
    fields = page_record(page(head).encode(), url="https://herald.example/x?utm=1")
    assert fields["id"] == fields["url"] == "https://herald.example/world/fishing"


def test_reading_twice_gives_identical_articles(tmp_path):
    path = write(tmp_path / "a.html", page())
    assert read(path, date="2025-03-04") == read(path, date="2025-03-04")


# ---------------------------------------------------------------------------------------
# Hostile and empty pages


def test_deeply_nested_page_is_rejected_quickly(tmp_path):
    depth = 100_000
    content = f"<html><body>{'<div>' * depth}<p>{FIRST}</p>{'</div>' * depth}</body></html>"
    path = write(tmp_path / "deep.html", content)
    started = time.perf_counter()
    rejection = only(read(path, date="2025-03-04"))
    assert time.perf_counter() - started < 2
    assert rejection == Rejection(str(path),
                                  f"HTML nested too deeply: more than {MAX_HTML_DEPTH} levels")


def test_file_over_size_limit_is_rejected_unread(tmp_path, monkeypatch):
    filler = f"<p>{FIRST}</p>\n".encode()
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        handle.write(filler * (25 * 1024 * 1024 // len(filler)))
        handle.write(b"</body></html>")

    def refuse(self):
        raise AssertionError("a file over the limit must not be read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    rejection = only(read(path, date="2025-03-04"))
    assert rejection == Rejection(str(path), "too large: 25.0 MB > 20 MB limit")


def test_page_of_only_scripts_is_rejected(tmp_path):
    scripts = "".join(f"<script>var part{i} = load({i});</script>" for i in range(50))
    path = write(tmp_path / "app.html",
                 f"<html><head>{scripts}</head><body>{scripts}</body></html>")
    assert only(read(path, date="2025-03-04")) == Rejection(str(path), NO_TEXT_REASON)


def test_page_with_too_many_elements_is_rejected(tmp_path):
    spans = "<span>x</span>" * (MAX_HTML_ELEMENTS + 1)
    path = write(tmp_path / "wide.html", f"<html><body>{spans}</body></html>")
    rejection = only(read(path, date="2025-03-04"))
    assert rejection.reason == f"too many HTML elements: more than {MAX_HTML_ELEMENTS:,}"


@pytest.mark.parametrize("content", ["", "   \n", "<html></html>",
                                     "<html><body><div> </div></body></html>"])
def test_empty_pages_are_rejected(tmp_path, content):
    rejection = only(read(write(tmp_path / "empty.html", content), date="2025-03-04"))
    assert isinstance(rejection, Rejection)
    assert rejection.reason in (NO_TEXT_REASON, "not an HTML page")


def test_unterminated_comment_and_script_end_the_scan_safely():
    check_markup(b"<html><body><!-- " + b"<div>" * 10_000)
    check_markup(b"<html><body><script>" + b"<div>" * 10_000)


def test_ordinary_sloppy_markup_is_not_deep():
    # unclosed <p>, <li> and <td>; void tags; <b> left open inside closed <div>s
    row = b"<div><p>text<ul><li>one<li>two</ul><table><tr><td>a<td>b</table><br><img src=x>"
    check_markup(b"<html><body>" + (row + b"<b>bold</div>") * 2_000 + b"</body></html>")


def test_nesting_limit_counts_open_elements():
    check_markup(b"<span>" * MAX_HTML_DEPTH)
    with pytest.raises(InputError, match="nested too deeply"):
        check_markup(b"<span>" * (MAX_HTML_DEPTH + 1))


def test_reader_bug_on_one_page_becomes_a_rejection(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", explode)
    path = write(tmp_path / "a.html", page())
    assert only(read(path)) == Rejection(str(path), "reading failed: RuntimeError: boom")


# ---------------------------------------------------------------------------------------
# HTML fragments to text (feed entries)


def test_html_to_text_keeps_paragraphs_and_drops_markup():
    markup = (f"<p>{FIRST}</p>\n<p>Second <b>bold</b> &amp; <a href='x'>linked</a> line<br>"
              "next line</p><script>evil()</script><ul><li>one</li><li>two</li></ul>")
    assert html_to_text(markup) == (f"{FIRST}\n\nSecond bold & linked line\nnext line"
                                    "\n\none\n\ntwo")


def test_html_to_text_of_plain_text_collapses_spaces():
    assert html_to_text("  A  short\tsummary \n\n\n second   paragraph ") == \
        "A short summary\n\nsecond paragraph"
