"""Tests for `eventwire extract`: formats, stdin, rejects on stderr, and exit codes 0/1/2/3."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventwire import pipeline
from eventwire.cli import EXIT_FAILURE, EXIT_OK, EXIT_REJECTS, EXIT_USAGE, main
from eventwire.model import Article, Event, Provenance, Trigger, event_id
from eventwire.output import CSV_COLUMNS

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "schema" / "event.schema.json").read_text(encoding="utf-8"))

FIRST = ("date 2025-03-04 Norway and Chile agree to expand fisheries cooperation\n\n"
         "The foreign ministers of Norway and Chile met in Oslo on Tuesday and agreed to "
         "expand their cooperation on fisheries, officials said.\n")
SECOND = ("date 2025-03-05 Island government asks neighbours for help after storm\n\n"
          "The government of a small island state said on Wednesday that it would ask its "
          "neighbours for help after a storm damaged the main port.\n")
UNDATED = ("Border talks between two neighbouring governments resumed in a third country "
           "after a pause of several months, a spokesman for the hosts said.\n")


class FakeCoder:
    """One CONSULT event per article, triggered by its first word; records what it saw."""

    def __init__(self, fail_on: str | None = None):
        self.seen: list[Article] = []
        self.fail_on = fail_on

    def extract(self, article: Article) -> list[Event]:
        self.seen.append(article)
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError("lexicon exploded")
        word = article.text.split()[0]
        span = (article.text.index(word), article.text.index(word) + len(word))
        return [Event(id=event_id(article.sha256, span, "CONSULT"), article_id=article.id,
                      event_type="CONSULT", trigger=Trigger(word, span),
                      provenance=Provenance("1.0", "test", "0" * 64))]


@pytest.fixture
def coder(monkeypatch) -> FakeCoder:
    fake = FakeCoder()
    monkeypatch.setattr(pipeline.Coder, "load", classmethod(lambda cls: fake))
    return fake


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, ["extract", *args], input=input)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------------------------------
# Exit 0


def test_all_read_exits_0_with_one_event_per_article(tmp_path, coder):
    a, b = write(tmp_path / "a.txt", FIRST), write(tmp_path / "b.txt", SECOND)
    result = run(str(a), str(b))
    assert result.exit_code == EXIT_OK, result.output
    assert [r["article_id"] for r in records(result)] == ["a", "b"]
    assert [r["trigger"]["text"] for r in records(result)] == ["Norway", "Island"]
    assert result.stderr == "2 articles coded, 2 events, 0 rejected\n"


def test_quiet_success_prints_nothing_on_stderr(tmp_path, coder):
    result = run("--quiet", str(write(tmp_path / "a.txt", FIRST)))
    assert result.exit_code == EXIT_OK
    assert result.stderr == ""
    assert len(records(result)) == 1


def test_folder_and_stdin_together(tmp_path, coder):
    folder = tmp_path / "in"
    write(folder / "x.txt", FIRST)
    write(folder / "sub" / "y.txt", SECOND)
    result = run(str(folder), "-", input=UNDATED)
    assert result.exit_code == EXIT_OK, result.output
    assert [a.origin for a in coder.seen] == [f"{folder}/sub/y.txt", f"{folder}/x.txt",
                                              "<stdin>"]
    assert len(records(result)) == 3


def test_stdin_json_lines(coder):
    lines = "\n".join(json.dumps({"id": f"r{n}", "date": "2025-03-04", "text": text})
                      for n, text in enumerate([UNDATED, UNDATED + "Talks resume next week."]))
    result = run("-", input=lines)
    assert result.exit_code == EXIT_OK
    assert [r["article_id"] for r in records(result)] == ["r0", "r1"]


def test_date_option_dates_plain_text(tmp_path, coder):
    result = run("--date", "2025-03-06", str(write(tmp_path / "plain.txt", UNDATED)))
    assert result.exit_code == EXIT_OK
    assert [a.date for a in coder.seen] == ["2025-03-06"]


def test_undated_plain_text_is_coded_without_date(tmp_path, coder):
    result = run(str(write(tmp_path / "plain.txt", UNDATED)))
    assert result.exit_code == EXIT_OK
    assert [a.date for a in coder.seen] == [None]


def test_event_records_validate_against_the_schema(tmp_path, coder):
    result = run(str(write(tmp_path / "a.txt", FIRST)))
    for record in records(result):
        jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator)


# ---------------------------------------------------------------------------------------
# Formats


def test_csv_format(tmp_path, coder):
    result = run("--format", "csv", str(write(tmp_path / "a.txt", FIRST)))
    assert result.exit_code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["article_id"], r["event_type"], r["trigger_text"]) for r in rows] == \
        [("a", "CONSULT", "Norway")]


def test_json_format(tmp_path, coder):
    result = run("--format", "json", str(write(tmp_path / "a.txt", FIRST)),
                 str(write(tmp_path / "b.txt", SECOND)))
    assert [r["article_id"] for r in json.loads(result.stdout)] == ["a", "b"]


def test_table_format(tmp_path, coder):
    result = run("--format", "table", str(write(tmp_path / "a.txt", FIRST)))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("DATE")
    assert len(lines) == 3 and "CONSULT" in lines[2] and lines[2].rstrip().endswith("Norway")


# ---------------------------------------------------------------------------------------
# Exit 3: some inputs rejected


def test_bad_line_is_rejected_and_good_lines_are_kept(tmp_path, coder):
    feed = write(tmp_path / "feed.jsonl", "\n".join([
        json.dumps({"id": "good-1", "date": "2025-03-04", "text": UNDATED}),
        '{"id": "bad", "text": ',
        json.dumps({"id": "good-2", "date": "2025-03-05", "text": UNDATED + " Again."}),
    ]) + "\n")
    result = run(str(feed))
    assert result.exit_code == EXIT_REJECTS
    assert [r["article_id"] for r in records(result)] == ["good-1", "good-2"]
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"eventwire: rejected {feed}:2: bad JSON: ")
    assert lines[-1] == "2 articles coded, 2 events, 1 rejected"


def test_missing_and_foreign_inputs_are_reported(tmp_path, coder):
    good = write(tmp_path / "a.txt", FIRST)
    french = write(tmp_path / "fr.txt", "date 2025-03-04 Les ministres de la Norvège et du "
                   "Chili se sont réunis à Oslo pour discuter de la pêche.\n")
    missing = tmp_path / "missing.txt"
    result = run("--quiet", str(missing), str(good), str(french))
    assert result.exit_code == EXIT_REJECTS
    assert [r["article_id"] for r in records(result)] == ["a"]
    lines = result.stderr.splitlines()
    assert lines[0] == f"eventwire: rejected {missing}: no such file or folder"
    assert lines[1].startswith(f"eventwire: rejected {french}: not English (")
    assert lines[2] == "1 articles coded, 1 events, 2 rejected"   # even with --quiet


def test_coding_failure_rejects_that_article_only(tmp_path, monkeypatch):
    fake = FakeCoder(fail_on="island state")
    monkeypatch.setattr(pipeline.Coder, "load", classmethod(lambda cls: fake))
    a, b = write(tmp_path / "a.txt", FIRST), write(tmp_path / "b.txt", SECOND)
    c = write(tmp_path / "c.txt", FIRST.replace("Norway", "Sweden"))
    result = run(str(a), str(b), str(c))
    assert result.exit_code == EXIT_REJECTS
    assert [r["article_id"] for r in records(result)] == ["a", "c"]
    assert (f"eventwire: rejected {b}: coding failed: RuntimeError: lexicon exploded"
            in result.stderr.splitlines())
    assert result.stderr.splitlines()[-1] == "2 articles coded, 2 events, 1 rejected"


# ---------------------------------------------------------------------------------------
# Exit 2 and 1


@pytest.mark.parametrize("args", [
    ["--date", "2025-02-30", "a.txt"],
    ["--date", "March 4", "a.txt"],
    ["--format", "xml", "a.txt"],
    [],
])
def test_usage_errors_exit_2(coder, args):
    result = run(*args)
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert coder.seen == []


def test_bad_date_message_names_the_option(coder):
    result = run("--date", "2025-02-30", "a.txt")
    assert "'--date'" in result.stderr and "not a real date: 2025-02-30" in result.stderr


def test_coder_that_cannot_load_exits_1(tmp_path, monkeypatch):
    def broken(cls):
        raise OSError("model en_core_web_sm not found")

    monkeypatch.setattr(pipeline.Coder, "load", classmethod(broken))
    result = run(str(write(tmp_path / "a.txt", FIRST)))
    assert result.exit_code == EXIT_FAILURE
    assert result.stderr == ("eventwire: error: cannot load the coder: OSError: "
                             "model en_core_web_sm not found\n")


# ---------------------------------------------------------------------------------------
# The real coder


def test_real_coder_runs_end_to_end(tmp_path):
    a = write(tmp_path / "a.txt", FIRST)
    result = run(str(a), str(tmp_path / "missing.txt"))
    assert result.exit_code == EXIT_REJECTS, result.output
    for record in records(result):
        jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator)
        assert record["article_id"] == "a"
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("1 articles coded, ") and summary.endswith(" 1 rejected")
