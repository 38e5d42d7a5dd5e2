"""Tests for eventwire.ingest.readers: every input form, every rejection reason, stable ids."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import readers
from eventwire.ingest.readers import NO_DATE_WARNING, check_date, read_paths
from eventwire.model import Article, Rejection

REPO = Path(__file__).resolve().parents[2]
DEMO_ARTICLE = REPO / "corpus" / "demo" / "pak-afg-talks-2025-10-29.txt"

HEADLINE = "Norway and Chile agree to expand fisheries cooperation"
BODY = ("The foreign ministers of Norway and Chile met in Oslo on Tuesday and agreed to "
        "expand their cooperation on fisheries, officials from both governments said.\n\n"
        "The two ministers will meet again in Santiago next year, according to a joint "
        "statement released after the talks.\n")
DATED = f"date 2025-03-04 {HEADLINE}\n\n{BODY}"

SECOND_BODY = ("The government of a small island state said on Monday that it would ask its "
               "neighbours for help after a storm damaged the main port.")

FRENCH = ("Les ministres des affaires étrangères de la Norvège et du Chili se sont réunis à "
          "Oslo mardi et ont convenu de renforcer leur coopération dans le domaine de la pêche.")
GERMAN = ("Die Außenminister von Norwegen und Chile haben sich am Dienstag in Oslo getroffen "
          "und vereinbart, ihre Zusammenarbeit in der Fischerei auszubauen.")
SPANISH = ("Los ministros de Asuntos Exteriores de Noruega y Chile se reunieron el martes en "
           "Oslo y acordaron ampliar su cooperación en materia de pesca.")
URDU = "ناروے اور چلی کے وزرائے خارجہ نے منگل کو اوسلو میں ملاقات کی اور ماہی گیری پر تعاون بڑھانے پر اتفاق کیا۔"
RUSSIAN = ("Министры иностранных дел Норвегии и Чили встретились во вторник в Осло и "
           "договорились расширить сотрудничество в области рыболовства.")


def read(*paths, date=None, stdin=None) -> list:
    return list(read_paths([str(p) for p in paths], date, stdin=stdin))


def only(results: list):
    assert len(results) == 1, results
    return results[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# ---------------------------------------------------------------------------------------
# Canonical dated text


def test_dated_text_gives_article_with_prefix_removed(tmp_path):
    path = write(tmp_path / "nor-chl-2025-03-04.txt", DATED)
    article = only(read(path))
    assert article == Article(id="nor-chl-2025-03-04", text=f"{HEADLINE}\n\n{BODY}",
                              date="2025-03-04", title=HEADLINE, origin=str(path))


def test_demo_article_text_is_the_file_minus_its_date_prefix():
    raw = DEMO_ARTICLE.read_text(encoding="utf-8")
    article = only(read(DEMO_ARTICLE))
    assert isinstance(article, Article)
    assert article.date == "2025-10-29"
    assert article.id == "pak-afg-talks-2025-10-29"
    assert raw.lstrip().removeprefix("date 2025-10-29 ") == article.text
    assert article.title == raw.lstrip().split("\n", 1)[0].removeprefix("date 2025-10-29 ")


def test_leading_whitespace_bom_and_crlf_are_normalised(tmp_path):
    content = "\ufeff  \n\t" + DATED.replace("\n", "\r\n")
    article = only(read(write(tmp_path / "a.txt", content.encode("utf-8"))))
    assert article.text == f"{HEADLINE}\n\n{BODY}"
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.date == "2025-03-04"


def test_lone_carriage_returns_become_newlines(tmp_path):
    article = only(read(write(tmp_path / "a.txt", DATED.replace("\n", "\r"))))
    assert article.text == f"{HEADLINE}\n\n{BODY}"


def test_date_line_without_headline(tmp_path):
    article = only(read(write(tmp_path / "a.txt", f"date 2025-03-04\n\n{BODY}")))
    assert article.text == BODY
    assert article.title is None
    assert article.date == "2025-03-04"


def test_own_date_line_wins_over_date_argument(tmp_path):
    article = only(read(write(tmp_path / "a.txt", DATED), date="2024-01-01"))
    assert article.date == "2025-03-04"


def test_word_date_without_a_number_is_plain_text(tmp_path):
    text = "date palms and olive groves were damaged by the storm, officials said on Monday."
    article = only(read(write(tmp_path / "a.txt", text), date="2025-03-04"))
    assert article.text == text
    assert article.date == "2025-03-04"


@pytest.mark.parametrize("line, expected", [
    ("date 2025-02-30 Headline", "bad date line: not a real date: 2025-02-30"),
    ("date 2025/03/04 Headline", "bad date line: not a date in YYYY-MM-DD form: '2025/03/04'"),
])
def test_bad_date_line_is_rejected(tmp_path, line, expected):
    path = write(tmp_path / "a.txt", f"{line}\n\n{BODY}")
    rejection = only(read(path))
    assert isinstance(rejection, Rejection)
    assert rejection.origin == str(path)
    assert rejection.reason.startswith(expected)


# ---------------------------------------------------------------------------------------
# Plain text


def test_plain_text_uses_date_argument(tmp_path):
    path = write(tmp_path / "undated.txt", f"\n\n{HEADLINE}\n\n{BODY}")
    article = only(read(path, date="2025-03-04"))
    assert article == Article(id="undated", text=f"{HEADLINE}\n\n{BODY}", date="2025-03-04",
                              title=HEADLINE, origin=str(path))


def test_plain_text_without_any_date_is_kept_and_warned_about(tmp_path, caplog):
    path = write(tmp_path / "undated.txt", BODY)
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.readers"):
        article = only(read(path))
    assert isinstance(article, Article)
    assert article.date is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{path}: {NO_DATE_WARNING}"]


def test_dated_article_logs_no_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.readers"):
        only(read(write(tmp_path / "a.txt", DATED)))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_bad_date_argument_raises_at_once():
    with pytest.raises(InputError, match="not a real date: 2025-02-30"):
        read_paths(["whatever.txt"], "2025-02-30")  # not iterated: the check is eager
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_paths(["whatever.txt"], "4 March 2025")


@pytest.mark.parametrize("value", ["2024-02-29", "2025-12-31", "1999-01-01"])
def test_check_date_accepts_real_dates(value):
    assert check_date(value) == value


@pytest.mark.parametrize("value", ["2025-02-29", "2025-13-01", "2025-3-4", "20250304", ""])
def test_check_date_rejects_others(value):
    with pytest.raises(InputError):
        check_date(value)


# ---------------------------------------------------------------------------------------
# JSON Lines


FULL_RECORD = {"id": "nor-chl-1", "date": "2025-03-04", "title": HEADLINE, "text": BODY,
               "url": "https://news.example/nor-chl", "source": "Example Wire"}


def test_jsonl_record_with_all_fields(tmp_path):
    path = write(tmp_path / "feed.jsonl", jsonl(FULL_RECORD))
    article = only(read(path))
    assert article == Article(id="nor-chl-1", text=f"{HEADLINE}\n\n{BODY}", date="2025-03-04",
                              title=HEADLINE, url="https://news.example/nor-chl",
                              source="Example Wire", origin=f"{path}:1")


def test_jsonl_title_already_at_start_is_not_repeated(tmp_path):
    record = dict(FULL_RECORD, text=f"{HEADLINE}\n\n{BODY}")
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    assert article.text == f"{HEADLINE}\n\n{BODY}"


def test_jsonl_without_title_keeps_text(tmp_path):
    record = {"id": "x", "date": "2025-03-04", "text": BODY}
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    assert article.text == BODY
    assert article.title is None


@pytest.mark.parametrize("published, local_date", [
    ("2025-03-04T01:30:00+05:00", "2025-03-04"),   # still 3 March in UTC
    ("2025-03-03T22:15:00-04:00", "2025-03-03"),   # already 4 March in UTC
    ("2025-03-04T09:00:00Z", "2025-03-04"),
    ("2025-03-04", "2025-03-04"),
    ("Tue, 04 Mar 2025 01:30:00 +0500", "2025-03-04"),
])
def test_jsonl_published_timestamp_gives_its_local_date(tmp_path, published, local_date):
    record = {"id": "x", "published": published, "text": BODY}
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    assert article.date == local_date
    assert article.published == published


def test_jsonl_date_field_wins_over_published(tmp_path):
    record = {"id": "x", "date": "2025-03-05", "published": "2025-03-04T23:00:00+00:00",
              "text": BODY}
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    assert (article.date, article.published) == ("2025-03-05", "2025-03-04T23:00:00+00:00")


def test_jsonl_timestamp_in_date_field(tmp_path):
    record = {"id": "x", "date": "2025-03-04T01:30:00+05:00", "text": BODY}
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    assert (article.date, article.published) == ("2025-03-04", "2025-03-04T01:30:00+05:00")


def test_jsonl_undated_record_uses_date_argument(tmp_path):
    record = {"id": "x", "text": BODY}
    assert only(read(write(tmp_path / "f.jsonl", jsonl(record)), date="2025-03-04")).date \
        == "2025-03-04"
    assert only(read(write(tmp_path / "g.jsonl", jsonl(record)))).date is None


def test_jsonl_missing_id_is_hash_of_text(tmp_path):
    record = {"date": "2025-03-04", "title": HEADLINE, "text": BODY}
    article = only(read(write(tmp_path / "feed.jsonl", jsonl(record))))
    digest = hashlib.sha256(f"{HEADLINE}\n\n{BODY}".encode("utf-8")).hexdigest()
    assert article.id == "sha256-" + digest[:16]


def test_jsonl_numeric_id_becomes_string(tmp_path):
    article = only(read(write(tmp_path / "f.jsonl", jsonl({"id": 42, "text": BODY}))))
    assert article.id == "42"


def test_jsonl_bad_lines_are_rejected_and_the_rest_go_on(tmp_path):
    good_a = {"id": "a", "date": "2025-03-04", "text": BODY}
    good_b = {"id": "b", "date": "2025-03-05", "text": SECOND_BODY}
    lines = [
        good_a,                                       # 1
        '{"id": "broken", "text": ',                  # 2
        "",                                           # 3 blank: skipped silently
        '["an", "array"]',                            # 4
        {"id": "c", "date": "2025-03-04"},            # 5
        {"id": "d", "text": "   "},                   # 6
        {"id": "e", "text": 17},                      # 7
        {"id": "f", "date": "2025-02-30", "text": BODY},     # 8
        {"id": "g", "date": "last Tuesday", "text": BODY},   # 9
        {"id": "h", "published": "soon", "text": BODY},      # 10
        {"id": "i", "published": "2025-02-30T10:00:00+01:00", "text": BODY},  # 11
        "42",                                         # 12
        good_b,                                       # 13
    ]
    path = write(tmp_path / "feed.jsonl", jsonl(*lines))
    results = read(path)
    by_origin = {r.origin: r for r in results}
    assert [r.origin for r in results] == [f"{path}:{n}" for n in
                                           (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)]
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "b"]
    reasons = {int(o.rsplit(":", 1)[1]): r.reason for o, r in by_origin.items()
               if isinstance(r, Rejection)}
    assert reasons[2].startswith("bad JSON: ")
    assert reasons[4] == "not a JSON object (got an array)"
    assert reasons[5] == "no text field"
    assert reasons[6] == "empty text"
    assert reasons[7] == "text is a number, not a string"
    assert reasons[8].startswith("not a real date: 2025-02-30")
    assert reasons[9] == "bad date: 'last Tuesday' (expected an ISO 8601 date or timestamp)"
    assert reasons[10] == "bad published: 'soon' (expected an ISO 8601 date or timestamp)"
    assert reasons[11].startswith("not a real date: 2025-02-30T10:00:00+01:00")
    assert reasons[12] == "not a JSON object (got a number)"
    assert by_origin[f"{path}:8"].article_id == "f"


def test_jsonl_undecodable_line_is_rejected_alone(tmp_path):
    good = json.dumps({"id": "a", "date": "2025-03-04", "text": BODY}).encode()
    bad = b'{"id": "b", "text": "caf\xe9 talks"}'
    path = write(tmp_path / "feed.jsonl", good + b"\n" + bad + b"\n" + good + b"\n")
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "Rejection", "Article"]
    assert results[1] == Rejection(f"{path}:2", "not valid UTF-8 (byte 0xe9 at offset 24)")


def test_jsonl_line_over_size_limit_is_rejected_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 2 * readers.MEGABYTE)
    big = json.dumps({"id": "big", "text": "word " * 500_000})
    path = write(tmp_path / "feed.jsonl", jsonl({"id": "a", "text": BODY}, big))
    results = read(path)
    assert isinstance(results[0], Article)
    assert results[1] == Rejection(f"{path}:2", "too large: 2.4 MB > 20 MB limit")


def test_ndjson_suffix_is_json_lines(tmp_path):
    article = only(read(write(tmp_path / "feed.ndjson", jsonl(FULL_RECORD))))
    assert article.id == "nor-chl-1"


def test_jsonl_with_bom_and_crlf(tmp_path):
    content = ("\ufeff" + jsonl(FULL_RECORD).replace("\n", "\r\n")).encode("utf-8")
    assert only(read(write(tmp_path / "feed.jsonl", content))).id == "nor-chl-1"


def test_empty_jsonl_file_is_rejected(tmp_path):
    path = write(tmp_path / "feed.jsonl", "\n\n")
    assert only(read(path)) == Rejection(str(path), "empty file: no JSON lines")


# ---------------------------------------------------------------------------------------
# .json files


def test_json_array_file(tmp_path):
    path = write(tmp_path / "batch.json", json.dumps(
        [FULL_RECORD, {"id": "z", "date": "2025-03-05", "text": SECOND_BODY}, "oops"]))
    results = read(path)
    assert [r.origin for r in results] == [f"{path}[0]", f"{path}[1]", f"{path}[2]"]
    assert [r.id for r in results[:2]] == ["nor-chl-1", "z"]
    assert results[2] == Rejection(f"{path}[2]", "not a JSON object (got a string)")


def test_json_object_file(tmp_path):
    path = write(tmp_path / "one.json", json.dumps(FULL_RECORD, indent=2))
    article = only(read(path))
    assert (article.id, article.origin) == ("nor-chl-1", str(path))


def test_json_file_holding_json_lines(tmp_path):
    path = write(tmp_path / "lines.json", jsonl(FULL_RECORD, {"id": "z", "text": SECOND_BODY}))
    assert [r.origin for r in read(path)] == [f"{path}:1", f"{path}:2"]


@pytest.mark.parametrize("content, reason", [
    ("42", "a JSON file must hold an object or an array of objects, not a number"),
    ("[]", "empty JSON array"),
    ("  \n", "empty file"),
])
def test_bad_json_file_is_rejected(tmp_path, content, reason):
    path = write(tmp_path / "bad.json", content)
    assert only(read(path)) == Rejection(str(path), reason)


# ---------------------------------------------------------------------------------------
# Files of other kinds


def test_file_without_suffix_is_sniffed(tmp_path):
    text_file = write(tmp_path / "ARTICLE", DATED)
    json_file = write(tmp_path / "FEED", jsonl(FULL_RECORD))
    results = read(text_file, json_file)
    assert [(r.id, r.origin) for r in results] == [("ARTICLE", str(text_file)),
                                                   ("nor-chl-1", f"{json_file}:1")]


@pytest.mark.parametrize("name, suffix", [
    ("page.html", ".html"), ("PAGE.HTM", ".htm"), ("table.CSV", ".csv"), ("t.tsv", ".tsv"),
    ("crawl.warc.gz", ".warc.gz"), ("CRAWL.WARC.GZ", ".warc.gz"), ("crawl.warc", ".warc"),
    ("notes.gz", ".gz"), ("feed.rss", ".rss"), ("feed.atom", ".atom"), ("README", ""),
])
def test_input_suffix(name, suffix):
    assert readers.input_suffix(name) == suffix


def test_file_without_suffix_holding_html_is_read_as_a_page(tmp_path):
    page = (f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
            f"<p>{BODY}</p></article></body></html>")
    path = write(tmp_path / "SAVED", page)
    article = only(read(path, date="2025-03-04"))
    assert (article.id, article.title, article.date) == ("SAVED", HEADLINE, "2025-03-04")
    assert article.text.startswith(f"{HEADLINE}\n\nThe foreign ministers")


def test_html_file_with_errors_is_rejected_by_the_html_reader(tmp_path):
    path = write(tmp_path / "page.html", b"\x00\x01\x02 not html")
    assert only(read(path)) == Rejection(str(path), "binary content (NUL bytes), not HTML")


# ---------------------------------------------------------------------------------------
# Rejections for unreadable or unusable input


def test_missing_path_is_rejected(tmp_path):
    missing = tmp_path / "nope.txt"
    assert only(read(missing)) == Rejection(str(missing), "no such file or folder")


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", DATED)

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only(read(path)) == Rejection(str(path), "cannot read: permission denied")


def test_undecodable_bytes_are_rejected_with_position(tmp_path):
    path = write(tmp_path / "latin1.txt", DATED.encode("utf-8")[:20] + b"\xe9t\xe9" + b" more")
    assert only(read(path)) == Rejection(str(path), "not valid UTF-8 (byte 0xe9 at offset 20)")


def test_utf8_with_signature_is_accepted(tmp_path):
    path = write(tmp_path / "sig.txt", DATED.encode("utf-8-sig"))
    assert only(read(path)).text == f"{HEADLINE}\n\n{BODY}"


def test_nul_bytes_are_rejected(tmp_path):
    path = write(tmp_path / "blob.txt", b"date 2025-03-04 Talks\n\n\x00\x01\x02")
    assert only(read(path)) == Rejection(str(path), "binary content (NUL bytes), not text")


@pytest.mark.parametrize("content", ["", "  \n\n ", "date 2025-03-04 ", "date 2025-03-04\n\n\n"])
def test_empty_text_is_rejected(tmp_path, content):
    path = write(tmp_path / "empty.txt", content)
    rejection = only(read(path))
    assert rejection == Rejection(str(path), "empty text", "empty")


def test_file_over_size_limit_is_rejected(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(readers.MAX_INPUT_BYTES + 1)
    assert only(read(path)) == Rejection(str(path), "too large: 20.1 MB > 20 MB limit")


def test_file_at_size_limit_is_read(tmp_path):
    filler = "The ministers met again and said that the talks would go on. "
    content = DATED + filler * ((readers.MAX_INPUT_BYTES - len(DATED)) // len(filler))
    path = write(tmp_path / "big.txt", content)
    assert path.stat().st_size <= readers.MAX_INPUT_BYTES
    assert isinstance(only(read(path)), Article)


@pytest.mark.parametrize("language, text", [
    ("French", FRENCH), ("German", GERMAN), ("Spanish", SPANISH), ("Urdu", URDU),
    ("Russian", RUSSIAN),
])
def test_non_english_text_is_rejected(tmp_path, language, text):
    path = write(tmp_path / f"{language}.txt", f"date 2025-03-04 {text}\n\n{text}\n")
    rejection = only(read(path))
    assert isinstance(rejection, Rejection), language
    assert rejection.reason.startswith("not English (")
    assert rejection.article_id == language


def test_non_english_jsonl_record_is_rejected_alone(tmp_path):
    path = write(tmp_path / "feed.jsonl", jsonl({"id": "fr", "text": FRENCH}, FULL_RECORD))
    results = read(path)
    assert isinstance(results[0], Rejection) and results[0].reason.startswith("not English")
    assert results[0].origin == f"{path}:1"
    assert isinstance(results[1], Article)


def test_reader_bug_becomes_a_rejection(tmp_path, monkeypatch):
    good = write(tmp_path / "b.txt", DATED)
    bad = write(tmp_path / "a.txt", DATED)

    def explode(text, **kwargs):
        if kwargs["article_id"] == "a":
            raise RuntimeError("boom")
        return original(text, **kwargs)

    original = readers.parse_text
    monkeypatch.setattr(readers, "parse_text", explode)
    results = read(bad, good)
    assert results[0] == Rejection(str(bad), "reading failed: RuntimeError: boom")
    assert isinstance(results[1], Article) and results[1].id == "b"


# ---------------------------------------------------------------------------------------
# Folders


def test_folder_is_recursed_sorted_and_filtered(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", DATED)
    write(root / "a" / "z.jsonl", jsonl(FULL_RECORD))
    write(root / "a" / "y.json", json.dumps({"id": "y", "date": "2025-03-04", "text": BODY}))
    write(root / "c.ndjson", jsonl({"id": "c", "date": "2025-03-04", "text": SECOND_BODY}))
    write(root / "notes.md", DATED)                    # other kind: ignored
    write(root / "crawl.gz", DATED)                    # other kind: ignored
    write(root / ".hidden.txt", DATED)                 # hidden file
    write(root / ".hidden.html", f"<p>{BODY}</p>")     # hidden file
    write(root / ".cache" / "d.txt", DATED)            # inside a hidden folder
    results = read(root)
    assert [r.origin for r in results] == [
        f"{root}/a/y.json", f"{root}/a/z.jsonl:1", f"{root}/b.txt", f"{root}/c.ndjson:1"]
    assert all(isinstance(r, Article) for r in results)


def test_folder_picks_up_every_input_kind_in_sorted_order(tmp_path):
    root = tmp_path / "in"
    feed = (f'<rss version="2.0"><channel><title>Wire</title><item><title>{HEADLINE}</title>'
            f"<description>{BODY}</description></item></channel></rss>")
    page = f"<html><body><article><h1>{HEADLINE}</h1><p>{BODY}</p></article></body></html>"
    write(root / "g.xml", feed)
    write(root / "f.tsv", f"id\ttext\nf\t{SECOND_BODY}\n")
    write(root / "e.atom", (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Post</title><entry><id>e</id>'
        f"<title>{HEADLINE}</title><summary>{SECOND_BODY}</summary></entry></feed>"))
    write(root / "d.rss", feed)
    write(root / "c.HTML", page)
    write(root / "b.htm", page)
    write(root / "a.csv", f'id,text\na,"{SECOND_BODY}"\n')
    results = read(root, date="2025-03-04")
    assert [r.origin.removeprefix(f"{root}/") for r in results] == [
        "a.csv:2", "b.htm", "c.HTML", "d.rss[0]", "e.atom[0]", "f.tsv:2", "g.xml[0]"]
    assert all(isinstance(r, Article) for r in results)


def test_folder_with_bad_file_goes_on(tmp_path):
    root = tmp_path / "in"
    write(root / "a.txt", b"\xff\xfe bad")
    write(root / "b.txt", DATED)
    results = read(root)
    assert isinstance(results[0], Rejection) and results[0].origin == f"{root}/a.txt"
    assert isinstance(results[1], Article) and results[1].id == "b"


def test_empty_folder_is_rejected(tmp_path):
    root = tmp_path / "empty"
    write(root / "readme.md", "nothing to code")
    rejection = only(read(root))
    assert rejection.origin == str(root)
    assert rejection.reason == (
        "no input files (.atom, .csv, .htm, .html, .json, .jsonl, .ndjson, .rss, .tsv, .txt, "
        ".warc, .warc.gz, .xhtml, .xml) in folder")


def test_several_paths_keep_their_order(tmp_path):
    b = write(tmp_path / "b.txt", DATED)
    a = write(tmp_path / "a.txt", DATED)
    assert [r.id for r in read(b, a)] == ["b", "a"]


# ---------------------------------------------------------------------------------------
# Standard input


def test_stdin_dated_text():
    article = only(read("-", stdin=io.BytesIO(("\n" + DATED).encode("utf-8"))))
    text = f"{HEADLINE}\n\n{BODY}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert article == Article(id="sha256-" + digest[:16], text=text, date="2025-03-04",
                              title=HEADLINE, origin="<stdin>")


def test_stdin_plain_text_with_date_argument():
    article = only(read("-", stdin=io.BytesIO(BODY.encode()), date="2025-03-04"))
    assert (article.date, article.text) == ("2025-03-04", BODY)


def test_stdin_json_lines_after_blank_lines_with_bom():
    data = ("\ufeff\n  \n" + jsonl(FULL_RECORD, "{oops", {"id": "z", "text": SECOND_BODY}))
    results = read("-", stdin=io.BytesIO(data.encode("utf-8")))
    assert [r.origin for r in results] == ["<stdin>:3", "<stdin>:4", "<stdin>:5"]
    assert [type(r).__name__ for r in results] == ["Article", "Rejection", "Article"]


def test_stdin_json_array():
    results = read("-", stdin=io.BytesIO(json.dumps([FULL_RECORD]).encode()))
    assert [(r.id, r.origin) for r in results] == [("nor-chl-1", "<stdin>[0]")]


def test_stdin_html_page():
    page = f"<!DOCTYPE html><html><body><article><p>{BODY}</p></article></body></html>"
    article = only(read("-", stdin=io.BytesIO(page.encode()), date="2025-03-04"))
    assert article.origin == "<stdin>"
    assert article.id.startswith("sha256-")
    assert article.text.startswith("The foreign ministers")


def test_stdin_empty_is_rejected():
    assert only(read("-", stdin=io.BytesIO(b""))) == Rejection("<stdin>", "empty text",
                                                                 "sha256-e3b0c44298fc1c14")


def test_stdin_undecodable_is_rejected():
    assert only(read("-", stdin=io.BytesIO(b"date 2025-03-04 \xff"))) == Rejection(
        "<stdin>", "not valid UTF-8 (byte 0xff at offset 16)")


def test_stdin_over_size_limit_is_rejected(monkeypatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 1000)
    rejection = only(read("-", stdin=io.BytesIO(b"x" * 3 * readers.MEGABYTE)))
    assert rejection.reason.startswith("too large: ")


def test_stdin_defaults_to_process_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DATED.encode())))
    assert only(read("-")).date == "2025-03-04"


def test_stdin_text_only_replacement(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(jsonl(FULL_RECORD)))
    assert only(read("-")).id == "nor-chl-1"
    monkeypatch.setattr(sys, "stdin", io.StringIO("\ufeff" + DATED.replace("\n", "\r\n")))
    assert only(read("-")).text == f"{HEADLINE}\n\n{BODY}"


def test_single_path_string_is_one_path(tmp_path):
    path = write(tmp_path / "a.txt", DATED)
    assert [r.id for r in read_paths(str(path))] == ["a"]
    assert [r.id for r in read_paths(path)] == ["a"]


# ---------------------------------------------------------------------------------------
# Idempotence


def test_reading_twice_gives_identical_articles(tmp_path):
    root = tmp_path / "in"
    write(root / "x.txt", DATED)
    write(root / "feed.jsonl", jsonl(FULL_RECORD, {"title": "Storm", "text": SECOND_BODY},
                                     "{bad"))
    write(root / "sub" / "plain.txt", BODY)
    first, second = read(root), read(root)
    assert [type(r).__name__ for r in first] == ["Article", "Article", "Rejection",
                                                 "Article", "Article"]
    assert first == second
    assert [r.to_dict() for r in first] == [r.to_dict() for r in second]
