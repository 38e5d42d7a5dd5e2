"""Tests for eventwire.annotate and `eventwire annotate`: one record per article, every item with
its text and span, the inputs `extract` reads, rejects and exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire import pipeline
from eventwire.annotate import annotate
from eventwire.cli import EXIT_OK, EXIT_REJECTS, EXIT_USAGE, main
from eventwire.model import Article

DATED = ("date 2025-03-04 Storm closes ferry port in Bergen\n\n"
         "BERGEN, March 4 - Norwegian officials shut the ferry terminal in Bergen on Monday "
         "after a storm, and at least 3 people were injured, police said. The same day, the "
         "mayor met Swedish envoys in Oslo.\n")
UNDATED = ("Police in Bergen said on Monday that two fishermen were arrested after a quarrel "
           "in the harbour.\n")


@pytest.fixture
def record(coder):
    article = Article(id="bergen", text=DATED.split(" ", 2)[2], date="2025-03-04")
    return article, annotate(coder, article)


def test_record_has_the_spec_fields(record):
    article, out = record
    assert set(out) >= {"article_id", "date", "text_sha256", "times", "places", "quantities",
                        "actors"}
    assert (out["article_id"], out["date"], out["text_sha256"]) == ("bergen", "2025-03-04",
                                                                     article.sha256)
    for key, fields in (("times", {"text", "span", "value_start", "value_end", "precision"}),
                        ("places", {"text", "span", "name", "country", "lat", "lon", "geonameid"}),
                        ("quantities", {"kind", "low", "best", "high", "text", "span"}),
                        ("actors", {"text", "span", "id", "name", "country", "sector"})):
        assert out[key], key
        for item in out[key]:
            assert set(item) >= fields
            assert article.text[item["span"][0]:item["span"][1]] == item["text"]


def test_times_are_resolved_against_the_article_date_with_anaphora(record):
    _, out = record
    by_text = {t["text"]: t for t in out["times"]}
    assert by_text["Monday"]["value_start"] == "2025-03-03"          # the Monday before
    assert by_text["The same day"]["value_start"] == "2025-03-03"    # that Monday again
    assert json.dumps(out)                                           # JSON-ready


def test_places_include_adjectives_and_resolve_in_context(record):
    _, out = record
    forms = {(p["text"], p["form"]): p for p in out["places"]}
    assert forms[("Bergen", "name")]["country"] == "NOR"
    assert forms[("Oslo", "name")]["precision"] == "city"
    assert forms[("Swedish", "adjective")]["country"] == "SWE"


def test_quantities_and_actors(record):
    _, out = record
    assert [(q["kind"], q["low"], q["best"], q["high"]) for q in out["quantities"]] == [
        ("injured", 3, 3, None)]
    assert any(a["country"] == "NOR" for a in out["actors"])


def test_without_a_date_relative_times_stay_unresolved_with_a_warning(coder, caplog):
    out = annotate(coder, Article(id="u", text=UNDATED, date=None))
    monday = next(t for t in out["times"] if t["text"] == "Monday")
    assert (monday["value_start"], monday["value_end"]) == (None, None)
    assert out["warnings"] and "no date" in out["warnings"][0]
    assert "no date" in caplog.text


# -- the command ----------------------------------------------------------------------------

@pytest.fixture
def cli_coder(coder, monkeypatch):
    monkeypatch.setattr(pipeline.Coder, "load", classmethod(lambda cls: coder))
    return coder


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["annotate", *args], input=input)


def test_cli_dated_text_and_jsonl(cli_coder, tmp_path):
    (tmp_path / "a.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(
        {"id": "b1", "date": "2025-03-05", "title": "Arrests", "text": UNDATED}) + "\n",
        encoding="utf-8")
    result = invoke(str(tmp_path), "-q")
    assert result.exit_code == EXIT_OK, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["date"] for r in lines] == ["2025-03-04", "2025-03-05"]
    assert lines[1]["quantities"][0]["kind"] == "arrested"


def test_cli_stdin_with_date_option(cli_coder):
    result = invoke("-", "--date", "2025-03-05", "-q", input=UNDATED)
    assert result.exit_code == EXIT_OK, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["date"] == "2025-03-05"
    assert next(t for t in record["times"] if t["text"] == "Monday")["value_start"] == "2025-03-03"


def test_cli_rejects_are_reported_and_exit_3(cli_coder, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DATED, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke(str(good), str(empty))
    assert result.exit_code == EXIT_REJECTS
    assert len(result.stdout.splitlines()) == 1
    assert "rejected" in result.stderr and "1 rejected" in result.stderr


def test_cli_bad_date_is_a_usage_error(cli_coder, tmp_path):
    result = invoke("-", "--date", "2025-13-45", input=UNDATED)
    assert result.exit_code == EXIT_USAGE


# -- every input `extract` accepts, and the same rejects (docs/COVERAGE.md) --------------------

BODY = ("Kenyan police said on Monday that they had arrested 12 opposition activists in "
        "Nairobi after a rally.")
HEADLINE = "Police arrest activists in Nairobi"


def _inputs(folder):
    """One file of each form `extract` reads, each holding one article dated 2025-03-05."""
    folder.mkdir()
    (folder / "a.txt").write_text(f"date 2025-03-05 {HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "b1", "date": "2025-03-05",
                                                "text": BODY}) + "\n", encoding="utf-8")
    (folder / "c.csv").write_text(f'id,date,title,text\nc1,2025-03-05,{HEADLINE},"{BODY}"\n',
                                  encoding="utf-8")
    (folder / "d.tsv").write_text(f"id\tdate\ttext\nd1\t2025-03-05\t{BODY}\n", encoding="utf-8")
    (folder / "e.html").write_text(
        f"<html><head><title>{HEADLINE}</title><meta property='article:published_time' "
        f"content='2025-03-05'></head><body><article><h1>{HEADLINE}</h1><p>{BODY}</p>"
        f"</article></body></html>", encoding="utf-8")
    (folder / "f.rss").write_text(
        f'<rss version="2.0"><channel><title>Wire</title><item><title>{HEADLINE}</title>'
        f"<pubDate>Wed, 05 Mar 2025 10:00:00 GMT</pubDate><description>{BODY}</description>"
        f"</item></channel></rss>", encoding="utf-8")
    return folder


def test_cli_reads_every_form_extract_reads(cli_coder, tmp_path):
    folder = _inputs(tmp_path / "in")
    result = invoke(str(folder), "-q")
    assert result.exit_code == EXIT_OK, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    for record in records:
        assert record["date"] == "2025-03-05", record["article_id"]
        assert [q["kind"] for q in record["quantities"]] == ["arrested"], record["article_id"]
        monday = next(t for t in record["times"] if t["text"] == "Monday")
        assert monday["value_start"] == "2025-03-03"


def test_cli_stdin_json_lines(cli_coder):
    lines = "\n".join(json.dumps({"id": f"s{n}", "date": "2025-03-05", "text": BODY})
                      for n in range(2))
    result = invoke("-", "-q", input=lines)
    assert result.exit_code == EXIT_OK, result.output
    assert [json.loads(line)["article_id"] for line in result.stdout.splitlines()] == ["s0", "s1"]


def _rejections(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("eventwire: rejected")]


def test_bad_inputs_are_rejected_as_extract_rejects_them(cli_coder, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DATED, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "date": "2025-03-05", "text": BODY}) + '\n{"id": "bad", "te\n',
        encoding="utf-8")
    (tmp_path / "fr.txt").write_text("date 2025-03-04 Les ministres de la Norvège et du Chili "
                                     "se sont réunis à Oslo pour discuter de la pêche.\n",
                                     encoding="utf-8")
    (tmp_path / "late.txt").write_text("date 2025-02-30 A headline\n\nText.\n", encoding="utf-8")
    paths = [str(good), str(tmp_path / "empty.txt"), str(tmp_path / "feed.jsonl"),
             str(tmp_path / "fr.txt"), str(tmp_path / "late.txt"), str(tmp_path / "missing.txt")]
    annotated = invoke(*paths)
    extracted = CliRunner().invoke(main, ["extract", *paths])
    assert annotated.exit_code == extracted.exit_code == EXIT_REJECTS
    rejected = _rejections(annotated.stderr)
    assert len(rejected) == 5
    assert rejected == _rejections(extracted.stderr)
    assert [json.loads(line)["article_id"] for line in annotated.stdout.splitlines()] == [
        "good", "ok"]


@pytest.mark.parametrize("args", [["--date", "2025-02-30", "a.txt"], ["--date", "March 4", "a.txt"],
                                  ["--format", "csv", "a.txt"], []])
def test_usage_errors_exit_2_as_in_extract(cli_coder, args):
    result = invoke(*args)
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
