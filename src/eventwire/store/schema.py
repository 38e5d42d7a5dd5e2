"""The store's schema, one for SQLite and PostgreSQL, as a list of forward migrations.

A migration is applied once, in a transaction, and recorded in ``schema_version``; opening
a store applies the ones it lacks. Never edit a released migration: append a new one.
Types are written ``{text}``, ``{int}``, ``{real}`` and filled in per backend.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from ..errors import StoreError
from .backends import Backend

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


INITIAL = Migration(1, "articles, rejects, runs, events, entities, evidence, merged, states", (
    # One row per run of `ingest` that changed the store.
    """CREATE TABLE runs (
        id {text} PRIMARY KEY,
        started {text} NOT NULL,
        finished {text},
        status {text} NOT NULL,
        inputs {text} NOT NULL,
        coder_version {text},
        articles {int} NOT NULL DEFAULT 0,
        events {int} NOT NULL DEFAULT 0,
        rejects {int} NOT NULL DEFAULT 0,
        unchanged {int} NOT NULL DEFAULT 0,
        superseded {int} NOT NULL DEFAULT 0,
        near_duplicates {int} NOT NULL DEFAULT 0
    )""",
    # Articles are keyed by the SHA-256 of their text (what event ids derive from); the
    # content hash (text up to whitespace and Unicode composition) makes the same article,
    # however it was read, stored once. `id` is the article's own id, shared by versions.
    """CREATE TABLE articles (
        sha256 {text} PRIMARY KEY,
        content_hash {text} NOT NULL UNIQUE,
        id {text} NOT NULL,
        seq {int} NOT NULL UNIQUE,
        date {text},
        published {text},
        title {text},
        url {text},
        source {text},
        origin {text},
        text {text} NOT NULL,
        superseded_by {text} REFERENCES articles (sha256),
        near_duplicate_of {text} REFERENCES articles (sha256),
        ingested_run {text} REFERENCES runs (id)
    )""",
    "CREATE INDEX articles_id ON articles (id)",
    "CREATE INDEX articles_url ON articles (url)",
    # Inputs that could not be coded, once per (origin, reason).
    """CREATE TABLE rejects (
        id {text} PRIMARY KEY,
        origin {text} NOT NULL,
        reason {text} NOT NULL,
        article_id {text},
        run {text} REFERENCES runs (id)
    )""",
    """CREATE TABLE events (
        id {text} PRIMARY KEY,
        article_sha256 {text} NOT NULL REFERENCES articles (sha256),
        article_id {text} NOT NULL,
        event_type {text} NOT NULL,
        quad {text},
        plover_score {real},
        factuality {text},
        date_start {text},
        date_end {text},
        date_precision {text},
        published {text},
        position {int} NOT NULL,
        superseded {int} NOT NULL DEFAULT 0,
        duplicate {int} NOT NULL DEFAULT 0,
        record {text} NOT NULL
    )""",
    "CREATE INDEX events_article ON events (article_sha256)",
    "CREATE INDEX events_type ON events (event_type)",
    "CREATE INDEX events_start ON events (date_start)",
    # The dyads an event belongs to (pairs of its actors and recipients), for filtering.
    """CREATE TABLE event_dyads (
        event_id {text} NOT NULL REFERENCES events (id),
        dyad {text} NOT NULL,
        party_a {text} NOT NULL,
        party_b {text} NOT NULL,
        PRIMARY KEY (event_id, dyad)
    )""",
    "CREATE INDEX event_dyads_dyad ON event_dyads (dyad)",
    # Every party of every event, by role, in record order.
    """CREATE TABLE entities (
        event_id {text} NOT NULL REFERENCES events (id),
        role {text} NOT NULL,
        position {int} NOT NULL,
        entity_id {text} NOT NULL,
        name {text},
        country {text},
        sector {text},
        wikidata {text},
        text {text},
        span_start {int},
        span_end {int},
        PRIMARY KEY (event_id, role, position)
    )""",
    "CREATE INDEX entities_entity ON entities (entity_id)",
    """CREATE TABLE evidence (
        event_id {text} NOT NULL REFERENCES events (id),
        position {int} NOT NULL,
        text {text} NOT NULL,
        span_start {int} NOT NULL,
        span_end {int} NOT NULL,
        PRIMARY KEY (event_id, position)
    )""",
    """CREATE TABLE merged_events (
        id {text} PRIMARY KEY,
        event_type {text} NOT NULL,
        date_start {text},
        date_end {text},
        mentions {int} NOT NULL,
        sources {text} NOT NULL,
        members {text} NOT NULL,
        record {text} NOT NULL
    )""",
    """CREATE TABLE merged_dyads (
        merged_id {text} NOT NULL REFERENCES merged_events (id) ON DELETE CASCADE,
        dyad {text} NOT NULL,
        party_a {text} NOT NULL,
        party_b {text} NOT NULL,
        PRIMARY KEY (merged_id, dyad)
    )""",
    "CREATE INDEX merged_dyads_dyad ON merged_dyads (dyad)",
    # The current state of each dyad, as of the latest publication date that concerns it.
    """CREATE TABLE states (
        dyad {text} NOT NULL,
        party_a {text} NOT NULL,
        party_b {text} NOT NULL,
        kind {text} NOT NULL,
        value {text} NOT NULL,
        since {text},
        as_of {text} NOT NULL,
        events {text} NOT NULL,
        PRIMARY KEY (dyad, kind)
    )""",
    # Work an interrupted run left undone: dyads whose states, and whether merged events,
    # must be recomputed. Written in the same transaction as the article that caused it.
    """CREATE TABLE pending (
        kind {text} NOT NULL,
        key {text} NOT NULL,
        PRIMARY KEY (kind, key)
    )""",
))

MIGRATIONS: tuple[Migration, ...] = (INITIAL,)
LATEST_VERSION = MIGRATIONS[-1].version

# Tables whose rows are the store's content (the rest is bookkeeping), in dump order.
CONTENT_TABLES = ("articles", "rejects", "events", "event_dyads", "entities", "evidence",
                  "merged_events", "merged_dyads", "states")


def current_version(backend: Backend) -> int:
    if "schema_version" not in backend.tables():
        return 0
    rows = backend.query("SELECT MAX(version) FROM schema_version")
    return int(rows[0][0] or 0)


def migrate(backend: Backend, target: int = LATEST_VERSION) -> list[int]:
    """Bring the database to schema ``target``; return the versions applied.

    Raises ``StoreError`` when the database is newer than this eventwire knows.
    """
    applied: list[int] = []
    with backend.migration_lock():
        backend.execute(backend.ddl(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version {int} PRIMARY KEY, description {text} NOT NULL, applied {text} NOT NULL)"))
        version = current_version(backend)
        if version > LATEST_VERSION:
            raise StoreError(f"the store has schema version {version}, newer than this "
                             f"eventwire knows ({LATEST_VERSION}); upgrade eventwire")
        for migration in MIGRATIONS:
            if version < migration.version <= target:
                log.info("migrating the store to schema version %d: %s",
                         migration.version, migration.description)
                for statement in migration.statements:
                    backend.execute(backend.ddl(statement))
                backend.execute(
                    "INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)",
                    (migration.version, migration.description, _now()))
                applied.append(migration.version)
    return applied


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
