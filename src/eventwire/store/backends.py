"""Connections to SQLite and PostgreSQL behind one small interface.

Store code writes SQL once, with ``?`` placeholders and the type names ``{text}``, ``{int}``
and ``{real}`` in DDL; each backend translates them. Text columns compare and sort
byte-wise on both (SQLite's default BINARY, PostgreSQL's ``COLLATE "C"``), so queries return
rows in the same order whichever database holds them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from typing import Any, Iterable, Iterator, Optional, Sequence

from ..errors import StoreError

log = logging.getLogger(__name__)

DEFAULT_DB = "eventwire.db"
SQLITE_PREFIX = "sqlite://"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Advisory lock keys PostgreSQL sessions take while migrating and while writing (any
# constants: "ewir" and "ewiw" in ASCII).
PG_MIGRATION_LOCK = 0x65776972
PG_WRITE_LOCK = 0x65776977

Row = tuple[Any, ...]


def describe_url(url: str) -> str:
    """``url`` with any password masked, for messages and logs."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


@contextlib.contextmanager
def _errors(driver_error: type, where: str) -> Iterator[None]:
    """Turn the driver's errors into StoreError, naming the database."""
    try:
        yield
    except driver_error as exc:
        raise StoreError(f"database error in {where}: {type(exc).__name__}: "
                         f"{str(exc).strip()}") from exc


class Backend:
    """One open connection. ``execute``/``executemany``/``query`` run outside or inside
    ``transaction()``; outside one, each statement commits on its own."""

    dialect: str = ""
    types: dict[str, str] = {}

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed (-1 when unknown)."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def iterate(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows one at a time, for large results."""
        yield from self.query(sql, params)

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def migration_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held while migrating, so two processes opening a new store do not race."""
        return self.transaction()

    def tables(self) -> set[str]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def ddl(self, sql: str) -> str:
        return sql.format(**self.types)


class SQLiteBackend(Backend):
    dialect = "sqlite"
    types = {"text": "TEXT", "int": "INTEGER", "real": "REAL"}

    def __init__(self, path: str):
        self.path = path
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self.conn = sqlite3.connect(path, isolation_level=None,
                                        timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                                        check_same_thread=False)
            self.conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a committed transaction survives a killed process (not a power cut).
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from None
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _errors(sqlite3.Error, self.path):
            return self.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with _errors(sqlite3.Error, self.path):
            self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with _errors(sqlite3.Error, self.path):
            return self.conn.execute(sql, tuple(params)).fetchall()

    def iterate(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        with _errors(sqlite3.Error, self.path):
            cursor = self.conn.execute(sql, tuple(params))
        try:
            yield from iter(cursor.fetchone, None)
        finally:
            # An abandoned iteration may be closed after the connection was.
            with contextlib.suppress(sqlite3.ProgrammingError):
                cursor.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # nested: part of the enclosing transaction
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        # IMMEDIATE takes the write lock at once, so two writers queue instead of deadlocking.
        with _errors(sqlite3.Error, self.path):
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):  # a failed COMMIT may have ended it
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            with _errors(sqlite3.Error, self.path):
                self.conn.execute("COMMIT")
        except StoreError:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise

    def tables(self) -> set[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {r[0] for r in rows}

    def close(self) -> None:
        self.conn.close()


class PostgresBackend(Backend):
    dialect = "postgresql"
    types = {"text": 'TEXT COLLATE "C"', "int": "BIGINT", "real": "DOUBLE PRECISION"}

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError(f"PostgreSQL needs psycopg 3: {exc}") from None
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {describe_url(url)}: "
                             f"{str(exc).strip()}") from None
        self.url = url

    @staticmethod
    def _sql(sql: str) -> str:
        if "%" in sql:
            raise StoreError("SQL text must not contain '%'; pass values as parameters")
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with _errors(self._psycopg.Error, describe_url(self.url)), self.conn.cursor() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return cur.rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        with _errors(self._psycopg.Error, describe_url(self.url)), self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with _errors(self._psycopg.Error, describe_url(self.url)), self.conn.cursor() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()]

    def iterate(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        # A server-side cursor needs a transaction; plain fetching in pages is enough here.
        cur = self.conn.cursor()
        try:
            with _errors(self._psycopg.Error, describe_url(self.url)):
                cur.execute(self._sql(sql), tuple(params))
            while True:
                page = cur.fetchmany(500)
                if not page:
                    return
                for row in page:
                    yield tuple(row)
        finally:
            with contextlib.suppress(self._psycopg.Error):
                cur.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        outermost = not self.conn.info.transaction_status  # IDLE: no transaction open
        with _errors(self._psycopg.Error, describe_url(self.url)), self.conn.transaction():
            if outermost:
                # One writer at a time, as SQLite does: storage order (articles.seq) and
                # the checks made before each write stay true until it commits.
                self.execute("SELECT pg_advisory_xact_lock(?)", (PG_WRITE_LOCK,))
            yield

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        with self.conn.transaction():
            self.execute("SELECT pg_advisory_xact_lock(?)", (PG_MIGRATION_LOCK,))
            yield

    def tables(self) -> set[str]:
        rows = self.query("SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema()")
        return {r[0] for r in rows}

    def close(self) -> None:
        self.conn.close()


def sqlite_path(url: Optional[str]) -> Optional[str]:
    """The file a SQLite ``url`` names (None for a PostgreSQL URL).

    Raises ``StoreError`` for a URL of another kind or a malformed ``sqlite://`` URL."""
    url = url or DEFAULT_DB
    lowered = url.lower()
    if lowered.startswith(POSTGRES_PREFIXES):
        return None
    if lowered.startswith(SQLITE_PREFIX):
        path = url[len(SQLITE_PREFIX):]
        if not path.startswith("/"):
            raise StoreError(f"bad SQLite URL {url!r}: write sqlite:///relative.db or "
                             "sqlite:////absolute/path.db")
        return path[1:] or DEFAULT_DB
    if "://" in url:
        raise StoreError(f"unknown database URL {describe_url(url)!r}: use a file path, "
                         "sqlite:///PATH or postgresql://…")
    return url


def connect(url: Optional[str], *, create: bool = True) -> Backend:
    """Open ``url``: a file path, ``sqlite:///PATH`` (``sqlite:///:memory:`` for memory) or
    ``postgresql://…``; None means ``DEFAULT_DB`` in the working directory. With
    ``create=False`` a SQLite file that does not exist is an error, not a new store."""
    path = sqlite_path(url)
    if path is None:
        return PostgresBackend(url or "")
    if path != ":memory:":
        if not create and not os.path.exists(path):
            raise StoreError(f"no store at {path} (run `eventwire ingest` first, or give --db)")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise StoreError(f"cannot create SQLite database {path}: no folder {folder}")
    return SQLiteBackend(path)
