"""Store fixtures: every store test runs on SQLite (a file in tmp_path) and on PostgreSQL
(from EVENTWIRE_TEST_PG: a fresh database per test session, a fresh schema per test).

Imported by tests/store/conftest.py and by tests/test_ingest_cli.py."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from fakes import FakeCoder

from eventwire import pipeline
from eventwire.store import Store

PG_ENV = "EVENTWIRE_TEST_PG"
NO_PG = "no PostgreSQL server (set EVENTWIRE_TEST_PG)"


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def _with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    option = "options=" + quote(f"-csearch_path={schema}", safe="")
    query = f"{parts.query}&{option}" if parts.query else option
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


@pytest.fixture(scope="session")
def pg_url():
    """A PostgreSQL database of its own for this session, dropped at the end.

    Skips when no server is configured, but fails in CI (CI=true), where one must be."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NO_PG}: required in CI")
        pytest.skip(NO_PG)
    import psycopg

    try:
        admin = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot reach PostgreSQL at {PG_ENV}: {exc}")
        pytest.skip(f"{NO_PG}: cannot connect ({str(exc).strip()})")
    name = f"eventwire_test_{uuid.uuid4().hex[:12]}"
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        # No CREATEDB right: fall back to the given database (tests use their own schemas).
        admin.close()
        yield url
        return
    try:
        yield _with_database(url, name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def pg_schema_url(pg_url):
    """pg_schema_url() -> a URL whose tables land in a new schema (dropped after the test)."""
    import psycopg

    schemas: list[str] = []

    def new_url() -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return _with_schema(pg_url, schema)

    yield new_url
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store_url(request, tmp_path):
    """new_store_url() -> the URL of a new, empty store on this test's backend."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_schema_url")
    counter = iter(range(1_000_000))
    return lambda: str(tmp_path / f"store{next(counter)}.db")


@pytest.fixture
def make_store(new_store_url):
    """make_store(url=None) -> an open Store: a new empty one, or the one at ``url``
    (closed after the test). ``store.url`` reopens it."""
    opened: list[Store] = []

    def make(url: str | None = None) -> Store:
        store = Store.open(url or new_store_url())
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store) -> Store:
    return make_store()


@pytest.fixture
def fake_coder(monkeypatch) -> FakeCoder:
    """The fake coder, also what ``Coder.load()`` returns (for CLI tests)."""
    fake = FakeCoder()
    monkeypatch.setattr(pipeline.Coder, "load", classmethod(lambda cls, *a, **k: fake))
    return fake
