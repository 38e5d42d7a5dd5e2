"""The event store: articles, rejects, events, merged events and states in SQLite or
PostgreSQL, with one schema and forward migrations. See docs/STORE.md."""

from .backends import DEFAULT_DB, describe_url
from .schema import CONTENT_TABLES, LATEST_VERSION, MIGRATIONS
from .store import Store, StoredArticle, dyad_key, event_dyads, merged_record

__all__ = [
    "CONTENT_TABLES",
    "DEFAULT_DB",
    "LATEST_VERSION",
    "MIGRATIONS",
    "Store",
    "StoredArticle",
    "describe_url",
    "dyad_key",
    "event_dyads",
    "merged_record",
]
