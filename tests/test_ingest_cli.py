"""The store commands: `eventwire ingest`, `events`, `states`, `alerts` and `export`.

Most tests use the fake coder of tests/store/fakes.py on SQLite; one runs on PostgreSQL,
one kills a real `eventwire ingest` process with SIGKILL and resumes, and one (slow) ingests
the demo corpus with the real coder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import types
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

STORE_TESTS = Path(__file__).parent / "store"
sys.path.insert(0, str(STORE_TESTS))

from fakes import article, dated_text  # noqa: E402
from store_fixtures import fake_coder, pg_schema_url, pg_url  # noqa: E402,F401

from eventwire import pipeline  # noqa: E402
from eventwire.cli import EXIT_FAILURE, EXIT_OK, EXIT_REJECTS, EXIT_USAGE, main  # noqa: E402
from eventwire.output import CSV_COLUMNS  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.export import MERGED_COLUMNS, STATE_COLUMNS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FRENCH = ("date 2025-03-04 Les ministres de la Norvège et du Chili se sont réunis à Oslo pour "
          "discuter de la pêche et de la coopération entre les deux pays.\n")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def write_corpus(folder: Path, count: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"story-{n:03d}.txt").write_text(dated_text(article(n)), encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def filled(corpus, db, fake_coder) -> str:
    result = run("ingest", str(corpus), "--db", db, "--quiet")
    assert result.exit_code == EXIT_OK, result.output
    return db


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------------------------------
# ingest


def test_ingest_stores_and_summarises(corpus, db, fake_coder):
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == "10 articles stored, 11 events, 0 rejected, 0 unchanged\n"
    assert result.stdout == ""
    with Store.open(db) as store:
        assert store.counts()["articles"] == 10


def test_ingest_twice_changes_nothing_and_loads_no_coder(corpus, db, fake_coder, monkeypatch):
    run("ingest", str(corpus), "--db", db)
    with Store.open(db) as store:
        before = store.snapshot(with_runs=True)

    def no_coder(cls, *args, **kwargs):
        raise AssertionError("the coder is not needed")

    monkeypatch.setattr(pipeline.Coder, "load", classmethod(no_coder))
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == "0 articles stored, 0 events, 0 rejected, 10 unchanged\n"
    with Store.open(db) as store:
        assert store.snapshot(with_runs=True) == before


def test_ingest_with_rejects_exits_3_with_a_summary(corpus, db, fake_coder, tmp_path):
    french = tmp_path / "fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    result = run("ingest", "--quiet", str(corpus), str(french), str(tmp_path / "gone.txt"),
                 "--db", db)
    assert result.exit_code == EXIT_REJECTS
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"eventwire: rejected {french}: not English (")
    assert lines[1] == f"eventwire: rejected {tmp_path / 'gone.txt'}: no such file or folder"
    assert lines[2] == "10 articles stored, 11 events, 2 rejected, 0 unchanged"
    with Store.open(db) as store:
        assert len(store.rejects()) == 2


def test_ingest_quiet_success_is_silent(corpus, db, fake_coder):
    result = run("ingest", "-q", str(corpus), "--db", db)
    assert result.exit_code == EXIT_OK and result.stderr == ""


def test_ingest_from_stdin_with_a_date(db, fake_coder):
    result = run("ingest", "-", "--db", db, "--date", "2025-10-12",
                 input="PAK attacked AFG at dawn.\n\nOfficials said so on the same day.\n")
    assert result.exit_code == EXIT_OK, result.output
    with Store.open(db) as store:
        (item,) = store.events()
    assert item.date.start == "2025-10-12"


def test_ingest_reports_supersession_and_near_duplicates(tmp_path, db, fake_coder):
    feed = tmp_path / "feed.jsonl"
    first = article(3)
    feed.write_text("\n".join(json.dumps(r) for r in [
        {"id": "s3", "date": "2025-10-15", "text": first.text, "source": "Wire"},
        {"id": "s3", "date": "2025-10-16", "text": first.text + " PAK agreed AFG to meet.",
         "source": "Wire"},
        {"id": "copy", "date": "2025-10-16", "text": first.text.replace("Doha", "Qatar"),
         "source": "Other"},
    ]) + "\n", encoding="utf-8")
    result = run("ingest", str(feed), "--db", db)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == ("3 articles stored, 4 events, 0 rejected, 0 unchanged, "
                             "1 superseded, 1 near-duplicates\n")


@pytest.mark.parametrize("args, code, message", [
    (["--date", "2025-02-30"], EXIT_USAGE, "not a real date"),
    (["--db", "mysql://x/y"], EXIT_FAILURE, "unknown database URL"),
    (["--db", "/no/such/folder/x.db"], EXIT_FAILURE, "no folder"),
])
def test_ingest_bad_options(corpus, fake_coder, args, code, message):
    result = run("ingest", str(corpus), *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_ingest_fails_cleanly_when_the_coder_cannot_load(corpus, db, monkeypatch):
    def broken(cls, *args, **kwargs):
        raise OSError("model missing")

    monkeypatch.setattr(pipeline.Coder, "load", classmethod(broken))
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == EXIT_FAILURE
    assert "cannot load the coder: OSError: model missing" in result.stderr


def test_ingest_on_postgresql(corpus, fake_coder, pg_schema_url):
    url = pg_schema_url()
    assert run("ingest", str(corpus), "--db", url).exit_code == EXIT_OK
    again = run("ingest", str(corpus), "--db", url)
    assert again.stderr == "0 articles stored, 0 events, 0 rejected, 10 unchanged\n"
    result = run("events", "--db", url, "--dyad", "AFG-PAK")
    assert len(jsonl(result)) == 6


# ---------------------------------------------------------------------------------------
# events


def test_events_as_jsonl_by_default(filled):
    result = run("events", "--db", filled)
    assert result.exit_code == EXIT_OK, result.output
    records = jsonl(result)
    assert len(records) == 11
    assert [r["date"]["start"] for r in records] == sorted(r["date"]["start"] for r in records)


@pytest.mark.parametrize("args, count", [
    (["--dyad", "PAK-AFG"], 6), (["--dyad", "AFG-PAK", "--type", "assault"], 3),
    (["--since", "2025-10-10", "--until", "2025-10-12"], 3), (["--type", "AID"], 1),
    (["--dyad", "ISR-PSE", "--since", "2025-10-07"], 1),
])
def test_events_filters(filled, args, count):
    result = run("events", "--db", filled, *args)
    assert result.exit_code == EXIT_OK, result.output
    assert len(jsonl(result)) == count


def test_events_formats(filled):
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", filled, "--format",
                                               "csv").stdout)))
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == 11
    table = run("events", "--db", filled, "--format", "table").stdout.splitlines()
    assert table[0].startswith("DATE") and len(table) == 13
    assert len(json.loads(run("events", "--db", filled, "--format", "json").stdout)) == 11


def test_merged_events(filled):
    records = jsonl(run("events", "--db", filled, "--merged"))
    assert records and all({"mentions", "sources", "members"} <= set(r) for r in records)
    assert sum(len(r["members"]) for r in records) == 11
    rows = list(csv.DictReader(io.StringIO(
        run("events", "--db", filled, "--merged", "--format", "csv").stdout)))
    assert list(rows[0]) == list(MERGED_COLUMNS)
    table = run("events", "--db", filled, "--merged", "--format", "table").stdout
    assert "MENTIONS" in table.splitlines()[0]


@pytest.mark.parametrize("args, message", [
    (["--type", "HUG"], "not a PLOVER event type"),
    (["--since", "yesterday"], "not a date"),
    (["--dyad", "AFG"], "not a dyad"),
])
def test_events_bad_options(filled, args, message):
    result = run("events", "--db", filled, *args)
    assert result.exit_code == EXIT_USAGE and message in result.stderr


def test_queries_need_an_existing_store(tmp_path):
    for command in ("events", "states", "alerts"):
        result = run(command, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == EXIT_FAILURE
        assert "no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()


# ---------------------------------------------------------------------------------------
# states and alerts


def test_states_table_by_default(filled):
    result = run("states", "--db", filled)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stdout.splitlines()[0].split()[:4] == ["DYAD", "KIND", "VALUE", "SINCE"]


def test_states_for_a_day_and_what_was_known(filled, monkeypatch):
    calls = []

    def dyad_states(events, dyad, as_of, known_by=None, published=None):
        from eventwire.model import State

        calls.append((dyad, as_of, known_by))
        return [State(dyad=dyad, kind="talks", value="under way", since="2025-10-15",
                      as_of=as_of, events=("ev_x",))]

    module = types.ModuleType("eventwire.link.states")
    module.dyad_states = dyad_states
    monkeypatch.setitem(sys.modules, "eventwire.link.states", module)
    result = run("states", "--db", filled, "--dyad", "PAK-AFG", "--as-of", "2025-10-16",
                 "--known-by", "2025-10-15", "--format", "jsonl")
    assert result.exit_code == EXIT_OK, result.output
    assert calls == [(("AFG", "PAK"), "2025-10-16", "2025-10-15")]
    assert jsonl(result) == [{"dyad": ["AFG", "PAK"], "kind": "talks", "value": "under way",
                              "since": "2025-10-15", "as_of": "2025-10-16",
                              "events": ["ev_x"]}]
    rows = list(csv.DictReader(io.StringIO(run("states", "--db", filled, "--as-of",
                                               "2025-10-16", "--format", "csv").stdout)))
    assert list(rows[0]) == list(STATE_COLUMNS) and rows[0]["dyad"] == "AFG-PAK"


def test_states_bad_date_is_a_usage_error(filled):
    result = run("states", "--db", filled, "--as-of", "2025-13-01")
    assert result.exit_code == EXIT_USAGE


def test_alerts(filled, monkeypatch):
    from eventwire.analyze.alerts import Alert

    def escalation_alerts(events, dyad=None, window=14, threshold=2.0):
        return [Alert(dyad=("AFG", "PAK"), date="2025-10-12", score=20.0, baseline=1.0, z=3.5,
                      volume=2, reason="a jump", events=("ev_a", "ev_b"))]

    module = types.ModuleType("eventwire.analyze.alerts")
    module.escalation_alerts = escalation_alerts
    monkeypatch.setitem(sys.modules, "eventwire.analyze.alerts", module)
    table = run("alerts", "--db", filled)
    assert table.exit_code == EXIT_OK, table.output
    assert table.stdout.splitlines()[2].split()[:2] == ["AFG-PAK", "2025-10-12"]
    records = jsonl(run("alerts", "--db", filled, "--dyad", "AFG-PAK", "--format", "jsonl"))
    assert records[0]["dyad"] == ["AFG", "PAK"] and records[0]["events"] == ["ev_a", "ev_b"]


def test_alerts_with_the_real_analysis(filled):
    result = run("alerts", "--db", filled, "--format", "jsonl", "--window", "3")
    assert result.exit_code == EXIT_OK, result.output


# ---------------------------------------------------------------------------------------
# export


@pytest.mark.parametrize("what", ["events", "merged", "states"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover", "parquet"])
def test_export(filled, tmp_path, what, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--db", filled, "--what", what, "--format", fmt, str(out))
    if what == "states" and fmt == "plover":
        assert result.exit_code == EXIT_USAGE and "no PLOVER form" in result.stderr
        return
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr.endswith(f"records written to {out}\n")
    if fmt == "parquet":
        assert pq.read_table(out).num_rows > 0
    elif fmt == "plover":
        assert json.loads(out.read_text())[0]["event"]
    elif fmt == "csv":
        assert next(csv.reader(out.open()))[0] in ("id", "dyad")
    else:
        assert all(json.loads(line) for line in out.read_text().splitlines())


def test_export_to_stdout_and_its_limits(filled):
    result = run("export", "--db", filled, "--what", "events", "--format", "jsonl", "-")
    assert len(jsonl(result)) == 11
    result = run("export", "--db", filled, "--what", "events", "--format", "parquet", "-")
    assert result.exit_code == EXIT_USAGE
    result = run("export", "--db", filled, "--what", "nothing", "--format", "csv", "x.csv")
    assert result.exit_code == EXIT_USAGE


# ---------------------------------------------------------------------------------------
# A real process killed with SIGKILL, then run again

KILLABLE = """
import sys, time
sys.path.insert(0, {store_tests!r})
from fakes import FakeCoder
from eventwire import pipeline
from eventwire.cli import main

class SlowCoder(FakeCoder):
    def extract(self, article):
        time.sleep(0.01)
        return super().extract(article)

pipeline.Coder.load = classmethod(lambda cls, *a, **k: SlowCoder())
main(sys.argv[1:])
"""


def stored_articles(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


@pytest.mark.parametrize("seed", [5])
def test_sigkill_midway_then_rerun_equals_a_clean_run(tmp_path, fake_coder, seed):
    corpus = write_corpus(tmp_path / "corpus", count=60)
    script = tmp_path / "killable.py"
    script.write_text(KILLABLE.format(store_tests=str(STORE_TESTS)), encoding="utf-8")
    killed_db = tmp_path / "killed.db"
    kill_at = random.Random(seed).randrange(5, 40)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen([sys.executable, str(script), "ingest", str(corpus), "--db",
                                str(killed_db), "--quiet"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while stored_articles(killed_db) < kill_at and process.poll() is None:
        assert time.monotonic() < deadline, "ingestion did not progress"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    partial = stored_articles(killed_db)
    assert kill_at <= partial < 60

    resumed = run("ingest", str(corpus), "--db", str(killed_db), "--quiet")
    assert resumed.exit_code == EXIT_OK, resumed.output
    clean_db = str(tmp_path / "clean.db")
    assert run("ingest", str(corpus), "--db", clean_db, "--quiet").exit_code == EXIT_OK
    with Store.open(str(killed_db)) as killed, Store.open(clean_db) as clean:
        assert killed.snapshot() == clean.snapshot()
        assert killed.pending() == {}
        statuses = [r["status"] for r in killed.runs()]
        assert statuses == ["running", "finished"]      # the killed run never finished


# ---------------------------------------------------------------------------------------
# The real coder on the demo corpus


@pytest.mark.slow
def test_demo_corpus_with_the_real_coder(coder, tmp_path, monkeypatch):
    demo = REPO / "corpus" / "demo"
    monkeypatch.setattr(pipeline.Coder, "load", classmethod(lambda cls, *a, **k: coder))
    db = str(tmp_path / "demo.db")
    first = run("ingest", str(demo), "--db", db)
    assert first.exit_code in (EXIT_OK, EXIT_REJECTS), first.output
    with Store.open(db) as store:
        before = store.snapshot(with_runs=True)
        counts = store.counts()
        dyads = store.dyads()
    assert counts["articles"] >= 1 and counts["events"] >= 1
    assert 1 <= counts["merged_events"] <= counts["events"]
    assert ("AFG", "PAK") in dyads
    again = run("ingest", str(demo), "--db", db)
    assert "0 articles stored" in again.stderr
    with Store.open(db) as store:
        assert store.snapshot(with_runs=True) == before
    states = run("states", "--db", db, "--dyad", "AFG-PAK", "--format", "jsonl")
    assert states.exit_code == EXIT_OK
    assert {s["kind"] for s in jsonl(states)} <= {"ceasefire", "talks", "border"}
