"""Schema and migrations (store/schema.py) and database URLs (store/backends.py)."""

from __future__ import annotations

import pytest

from eventwire.errors import StoreError
from eventwire.store import CONTENT_TABLES, LATEST_VERSION, Store
from eventwire.store.backends import SQLiteBackend, connect, describe_url
from eventwire.store.schema import current_version, migrate

EXPECTED_TABLES = {"schema_version", "runs", "articles", "rejects", "events", "event_dyads",
                   "entities", "evidence", "merged_events", "merged_dyads", "states",
                   "pending"}


def test_migrates_an_empty_database_to_the_latest_schema(store):
    assert EXPECTED_TABLES <= store.backend.tables()
    assert store.schema_version() == LATEST_VERSION
    assert store.counts() == {table: 0 for table in CONTENT_TABLES}


def test_reopening_applies_nothing_and_keeps_content(store, make_store, fake_coder):
    from fakes import articles

    from eventwire.service import ingest_items

    ingest_items(articles(3), store, fake_coder)
    before = store.snapshot(with_runs=True)
    again = make_store(store.url)
    assert migrate(again.backend) == []
    assert again.snapshot(with_runs=True) == before
    rows = again.backend.query("SELECT version FROM schema_version")
    assert [r[0] for r in rows] == list(range(1, LATEST_VERSION + 1))


def test_a_store_newer_than_this_eventwire_is_refused(store, make_store):
    store.backend.execute("INSERT INTO schema_version (version, description, applied) "
                          "VALUES (?, ?, ?)", (LATEST_VERSION + 1, "from the future", "now"))
    with pytest.raises(StoreError, match="newer than this eventwire"):
        make_store(store.url)


def test_migration_to_an_earlier_target_then_forward(tmp_path):
    backend = SQLiteBackend(str(tmp_path / "x.db"))
    assert migrate(backend, target=0) == []
    assert current_version(backend) == 0
    assert migrate(backend) == list(range(1, LATEST_VERSION + 1))
    backend.close()


@pytest.mark.parametrize("url, expected", [
    ("store.db", "store.db"),
    ("sqlite:///store.db", "store.db"),
    ("sqlite:///:memory:", ":memory:"),
])
def test_sqlite_urls(url, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    backend = connect(url)
    assert isinstance(backend, SQLiteBackend) and backend.path == expected
    backend.close()


def test_absolute_sqlite_url(tmp_path):
    backend = connect(f"sqlite:///{tmp_path}/abs.db")
    assert backend.path == f"{tmp_path}/abs.db"
    backend.close()
    assert (tmp_path / "abs.db").exists()


def test_default_url_is_eventwire_db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Store.open(None).close()
    assert (tmp_path / "eventwire.db").exists()


@pytest.mark.parametrize("url, message", [
    ("mysql://localhost/x", "unknown database URL"),
    ("sqlite://relative.db", "bad SQLite URL"),
    ("/no/such/folder/x.db", "no folder"),
])
def test_bad_urls_are_store_errors(url, message):
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_unreachable_postgresql_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://me:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(info.value) and "***" in str(info.value)


def test_describe_url_masks_passwords():
    assert describe_url("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert describe_url("store.db") == "store.db"
