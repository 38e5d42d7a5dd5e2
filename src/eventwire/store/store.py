"""``Store``: eventwire's records in a SQLite or PostgreSQL database, written and read back.

The store knows rows, not policy: which article supersedes which, or what counts as a
near-duplicate, is decided by the caller (``eventwire.service``), which groups the writes
for one article in one ``transaction()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence

from ..errors import StoreError
from ..model import Article, Event, MergedEvent, Rejection, State, dyad_of
from ..output import event_record
from .backends import Backend, connect, describe_url
from .schema import CONTENT_TABLES, current_version, migrate

if TYPE_CHECKING:
    import pandas

log = logging.getLogger(__name__)

DYAD_SEPARATOR = "-"
PARTY_ROLES = ("actors", "recipients", "mediators")
# Columns that say which run wrote a row: bookkeeping, left out of content comparisons.
RUN_COLUMNS = frozenset({"ingested_run", "run"})


def dyad_key(dyad: Sequence[str]) -> str:
    """``("AFG", "PAK")`` -> ``"AFG-PAK"`` (the two ids put in alphabetical order first)."""
    a, b = dyad_of(dyad[0], dyad[1])
    return f"{a}{DYAD_SEPARATOR}{b}"


def event_dyads(event: Event) -> list[tuple[str, str]]:
    """The dyads an event belongs to, sorted (``eventwire.link.dyads.event_dyads``, so that
    filters and states agree on them)."""
    try:
        from ..link.dyads import event_dyads as link_event_dyads
    except ImportError:  # pragma: no cover - link.dyads ships with eventwire
        parties = list(dict.fromkeys(e.id for e in (*event.actors, *event.recipients)))
        return sorted({dyad_of(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]})
    return list(link_event_dyads(event))


def content_hash(text: str) -> str:
    """The key that makes ingestion idempotent: ``eventwire.ingest.dedup.content_hash``
    (text up to whitespace and Unicode composition), or the text's SHA-256 without it."""
    try:
        from ..ingest.dedup import content_hash as normalised_hash
    except ImportError:  # pragma: no cover - ingest.dedup ships with eventwire
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    return normalised_hash(text)


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class StoredArticle:
    """An article row, without its text."""

    sha256: str
    id: str
    seq: int
    date: Optional[str]
    published: Optional[str]
    title: Optional[str]
    url: Optional[str]
    source: Optional[str]
    origin: Optional[str]
    superseded_by: Optional[str]
    near_duplicate_of: Optional[str]
    ingested_run: Optional[str]

    COLUMNS = ("sha256", "id", "seq", "date", "published", "title", "url", "source",
               "origin", "superseded_by", "near_duplicate_of", "ingested_run")


_ARTICLE_COLUMNS = ", ".join(StoredArticle.COLUMNS)


class Store:
    """An open store. ``Store.open(url)`` connects and migrates; use it as a context manager
    or call ``close()``. One Store is one connection: share it within a thread only."""

    def __init__(self, backend: Backend, url: str):
        self.backend = backend
        self.url = url

    @classmethod
    def open(cls, url: Optional[str] = None, *, create: bool = True) -> "Store":
        """Open the store at ``url`` and bring its schema up to date; a new SQLite file is
        created unless ``create`` is False.

        ``url``: a SQLite file path, ``sqlite:///PATH``, or ``postgresql://…``; None is
        ``eventwire.db``. Raises ``StoreError`` when it cannot be opened or migrated.
        """
        backend = connect(url, create=create)
        try:
            applied = migrate(backend)
        except StoreError:
            backend.close()
            raise
        except Exception as exc:
            backend.close()
            raise StoreError(f"cannot prepare the store at {describe_url(url or '')}: "
                             f"{type(exc).__name__}: {exc}") from exc
        if applied:
            log.info("store %s: applied schema migrations %s", describe_url(url or ""), applied)
        return cls(backend, url or "")

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    def schema_version(self) -> int:
        return current_version(self.backend)

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        return self.backend.transaction()

    # -----------------------------------------------------------------------------------
    # Runs

    def create_run(self, run_id: str, inputs: Sequence[str], coder_version: Optional[str]) -> None:
        self.backend.execute(
            "INSERT INTO runs (id, started, status, inputs, coder_version) VALUES (?, ?, ?, ?, ?)",
            (run_id, _now(), "running", compact_json(list(inputs)), coder_version))

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None:
        columns = ("articles", "events", "rejects", "unchanged", "superseded", "near_duplicates")
        sets = ", ".join(f"{c} = ?" for c in columns)
        self.backend.execute(f"UPDATE runs SET finished = ?, status = ?, {sets} WHERE id = ?",
                             (_now(), status, *(int(counts.get(c, 0)) for c in columns), run_id))

    def runs(self) -> list[dict[str, Any]]:
        columns = ("id", "started", "finished", "status", "inputs", "coder_version", "articles",
                   "events", "rejects", "unchanged", "superseded", "near_duplicates")
        rows = self.backend.query(f"SELECT {', '.join(columns)} FROM runs ORDER BY started, id")
        out = []
        for row in rows:
            record = dict(zip(columns, row))
            record["inputs"] = json.loads(record["inputs"])
            out.append(record)
        return out

    # -----------------------------------------------------------------------------------
    # Articles and rejects

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` (content hashes, see ``content_hash``) already stored."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.backend.query(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def has_article(self, content: str) -> bool:
        """True when an article with this content hash is stored."""
        return bool(self.stored_hashes([content]))

    def article_row(self, sha256: str) -> Optional[StoredArticle]:
        rows = self.backend.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE sha256 = ?",
                                  (sha256,))
        return StoredArticle(*rows[0]) if rows else None

    def current_versions(self, article_id: str, url: Optional[str]) -> list[StoredArticle]:
        """Current (not superseded) articles with this id or this url, oldest first."""
        if url:
            rows = self.backend.query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE superseded_by IS NULL "
                "AND (id = ? OR url = ?) ORDER BY seq", (article_id, url))
        else:
            rows = self.backend.query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE superseded_by IS NULL "
                "AND id = ? ORDER BY seq", (article_id,))
        return [StoredArticle(*r) for r in rows]

    def insert_article(self, article: Article, run_id: str, *,
                       near_duplicate_of: Optional[str] = None,
                       superseded_by: Optional[str] = None) -> bool:
        """Store ``article``; False (and nothing written) when its text is already stored."""
        seq = self.backend.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles")[0][0]
        changed = self.backend.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, content_hash, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (article.sha256, article.id, int(seq), article.date, article.published,
             article.title, article.url, article.source, article.origin, superseded_by,
             near_duplicate_of, run_id, content_hash(article.text), article.text))
        return changed != 0

    def supersede(self, old_sha256: str, new_sha256: str) -> list[tuple[str, str]]:
        """Mark the article ``old_sha256`` and its events superseded by ``new_sha256``;
        return the dyads of the events that were current until now."""
        dyads = self.backend.query(
            "SELECT DISTINCT d.party_a, d.party_b FROM event_dyads d "
            "JOIN events e ON e.id = d.event_id WHERE e.article_sha256 = ? AND e.superseded = 0 "
            "ORDER BY d.party_a, d.party_b", (old_sha256,))
        self.backend.execute("UPDATE articles SET superseded_by = ? WHERE sha256 = ?",
                             (new_sha256, old_sha256))
        self.backend.execute("UPDATE events SET superseded = 1 WHERE article_sha256 = ?",
                             (old_sha256,))
        return [(a, b) for a, b in dyads]

    def article_texts(self, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """(seq, sha256, text) of the articles stored after storage number ``after``, in the
        order they were stored."""
        yield from self.backend.iterate(
            "SELECT seq, sha256, text FROM articles WHERE seq > ? ORDER BY seq", (after,))

    def articles(self, *, include_superseded: bool = True) -> list[StoredArticle]:
        where = "" if include_superseded else " WHERE superseded_by IS NULL"
        rows = self.backend.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles{where} ORDER BY seq")
        return [StoredArticle(*r) for r in rows]

    def article(self, sha256: str) -> Optional[Article]:
        rows = self.backend.query(
            "SELECT id, text, date, title, url, source, published, origin FROM articles "
            "WHERE sha256 = ?", (sha256,))
        if not rows:
            return None
        keys = ("id", "text", "date", "title", "url", "source", "published", "origin")
        return Article(**dict(zip(keys, rows[0])))

    def insert_rejection(self, rejection: Rejection, run_id: str) -> bool:
        """Store a rejection once per (origin, reason); True when it is new."""
        key = hashlib.sha256(f"{rejection.origin}\n{rejection.reason}".encode()).hexdigest()[:32]
        changed = self.backend.execute(
            "INSERT INTO rejects (id, origin, reason, article_id, run) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (key, rejection.origin, rejection.reason, rejection.article_id, run_id))
        return changed != 0

    def has_rejection(self, rejection: Rejection) -> bool:
        key = hashlib.sha256(f"{rejection.origin}\n{rejection.reason}".encode()).hexdigest()[:32]
        return bool(self.backend.query("SELECT 1 FROM rejects WHERE id = ?", (key,)))

    def rejects(self) -> list[Rejection]:
        rows = self.backend.query("SELECT origin, reason, article_id FROM rejects "
                                  "ORDER BY origin, reason")
        return [Rejection(origin, reason, article_id) for origin, reason, article_id in rows]

    # -----------------------------------------------------------------------------------
    # Events

    def insert_events(self, article: Article, events: Sequence[Event], *,
                      superseded: bool = False, duplicate: bool = False) -> list[tuple[str, str]]:
        """Store one article's events with their parties, evidence and dyads; return the
        dyads they touch. Events already stored (same id) are left as they are."""
        if not events:
            return []
        rows, dyad_rows, entity_rows, evidence_rows = [], [], [], []
        touched: set[tuple[str, str]] = set()
        for position, event in enumerate(events):
            when = event.date
            rows.append((event.id, article.sha256, event.article_id, event.event_type,
                         event.quad, event.plover_score, event.factuality,
                         when.start if when else None, when.end if when else None,
                         when.precision if when else None, article.date, position,
                         int(superseded), int(duplicate), compact_json(event_record(event))))
            for a, b in event_dyads(event):
                dyad_rows.append((event.id, dyad_key((a, b)), a, b))
                touched.add((a, b))
            for role in PARTY_ROLES:
                for index, party in enumerate(getattr(event, role)):
                    span = party.span or (None, None)
                    entity_rows.append((event.id, role[:-1], index, party.id, party.name,
                                        party.country, party.sector, party.wikidata,
                                        party.text, span[0], span[1]))
            for index, evidence in enumerate(event.evidence):
                evidence_rows.append((event.id, index, evidence.text, evidence.span[0],
                                      evidence.span[1]))
        self.backend.executemany(
            "INSERT INTO events (id, article_sha256, article_id, event_type, quad, plover_score, "
            "factuality, date_start, date_end, date_precision, published, position, superseded, "
            "duplicate, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING", rows)
        self.backend.executemany(
            "INSERT INTO event_dyads (event_id, dyad, party_a, party_b) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING", dyad_rows)
        self.backend.executemany(
            "INSERT INTO entities (event_id, role, position, entity_id, name, country, sector, "
            "wikidata, text, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING", entity_rows)
        self.backend.executemany(
            "INSERT INTO evidence (event_id, position, text, span_start, span_end) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", evidence_rows)
        return sorted(touched)

    def events(self, *, dyad: Optional[Sequence[str]] = None, event_type: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None,
               include_superseded: bool = False,
               include_duplicates: bool = True) -> Iterator[Event]:
        """Article-level events, oldest first (by event start, then publication).

        ``since``/``until`` (YYYY-MM-DD) keep events whose period overlaps them; events
        without a date are left out when either is given. Superseded events (of an older
        version of an article) are left out unless ``include_superseded``.
        """
        where, params = self._event_filters("e", "event_dyads", "event_id", dyad, event_type,
                                            since, until)
        if not include_superseded:
            where.append("e.superseded = 0")
        if not include_duplicates:
            where.append("e.duplicate = 0")
        sql = ("SELECT e.record FROM events e JOIN articles a ON a.sha256 = e.article_sha256"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(e.date_start, ''), COALESCE(e.published, ''), a.seq, "
                 "e.position")
        for (record,) in self.backend.iterate(sql, params):
            yield Event.from_dict(json.loads(record))

    def _event_filters(self, alias: str, dyad_table: str, dyad_column: str,
                       dyad: Optional[Sequence[str]], event_type: Optional[str],
                       since: Optional[str], until: Optional[str]) -> tuple[list[str], list]:
        where: list[str] = []
        params: list[Any] = []
        if dyad is not None:
            where.append(f"{alias}.id IN (SELECT {dyad_column} FROM {dyad_table} WHERE dyad = ?)")
            params.append(dyad_key(dyad))
        if event_type is not None:
            where.append(f"{alias}.event_type = ?")
            params.append(event_type.upper())
        if since is not None:
            where.append(f"COALESCE({alias}.date_end, {alias}.date_start) >= ?")
            params.append(since)
        if until is not None:
            where.append(f"{alias}.date_start <= ?")
            params.append(until)
        return where, params

    def current_events(self) -> list[Event]:
        """The events merging and states work from: not superseded, not from a near-duplicate
        article; in the order their articles were stored."""
        rows = self.backend.query(
            "SELECT e.record FROM events e JOIN articles a ON a.sha256 = e.article_sha256 "
            "WHERE e.superseded = 0 AND e.duplicate = 0 ORDER BY a.seq, e.position")
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    # Versions as they stood on a day: dated articles published by then, not superseded by
    # a version also published by then.
    _KNOWN_BY = ("FROM articles a LEFT JOIN articles n ON n.sha256 = a.superseded_by "
                 "WHERE a.date IS NOT NULL AND a.date <= ? "
                 "AND (a.superseded_by IS NULL OR n.date IS NULL OR n.date > ?)")

    def events_known_by(self, known_by: str) -> list[Event]:
        """The events merging and states would have worked from on ``known_by``: of articles
        published by then (dated ones only), in the version current then, not duplicates."""
        rows = self.backend.query(
            "SELECT e.record FROM events e JOIN (SELECT a.sha256, a.seq "
            + self._KNOWN_BY + ") k ON k.sha256 = e.article_sha256 "
            "WHERE e.duplicate = 0 ORDER BY k.seq, e.position", (known_by, known_by))
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def published_known_by(self, known_by: str) -> dict[str, Optional[str]]:
        """Publication date by article id of the versions current on ``known_by``."""
        rows = self.backend.query("SELECT a.id, a.date " + self._KNOWN_BY + " ORDER BY a.seq",
                                  (known_by, known_by))
        return {article_id: date for article_id, date in rows}

    def published_dates(self) -> dict[str, Optional[str]]:
        """Publication date (YYYY-MM-DD) of each current article, by article id."""
        rows = self.backend.query("SELECT id, date FROM articles WHERE superseded_by IS NULL "
                                  "ORDER BY seq")
        return {article_id: date for article_id, date in rows}

    def dyads(self) -> list[tuple[str, str]]:
        """Every dyad with at least one current event, sorted."""
        rows = self.backend.query(
            "SELECT DISTINCT d.party_a, d.party_b FROM event_dyads d "
            "JOIN events e ON e.id = d.event_id WHERE e.superseded = 0 "
            "ORDER BY d.party_a, d.party_b")
        return [(a, b) for a, b in rows]

    def latest_date(self, dyad: Sequence[str]) -> Optional[str]:
        """The latest publication date of a current, non-duplicate article about ``dyad``."""
        rows = self.backend.query(
            "SELECT MAX(e.published) FROM events e JOIN event_dyads d ON d.event_id = e.id "
            "WHERE d.dyad = ? AND e.superseded = 0 AND e.duplicate = 0", (dyad_key(dyad),))
        return rows[0][0] if rows else None

    # -----------------------------------------------------------------------------------
    # Merged events and states

    def mark_pending(self, kind: str, keys: Iterable[str]) -> None:
        self.backend.executemany(
            "INSERT INTO pending (kind, key) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(kind, key) for key in keys])

    def pending(self) -> dict[str, list[str]]:
        rows = self.backend.query("SELECT kind, key FROM pending ORDER BY kind, key")
        out: dict[str, list[str]] = {}
        for kind, key in rows:
            out.setdefault(kind, []).append(key)
        return out

    def clear_pending(self, done: Iterable[tuple[str, str]]) -> None:
        """Forget the (kind, key) items that have been recomputed."""
        self.backend.executemany("DELETE FROM pending WHERE kind = ? AND key = ?", list(done))

    def replace_merged(self, merged: Sequence[MergedEvent]) -> int:
        """Make the merged events exactly ``merged``, touching only rows that change;
        return how many rows were inserted, changed or deleted."""
        wanted = {m.event.id: m for m in merged}
        if len(wanted) != len(merged):
            raise StoreError("merged events must have distinct ids")
        stored = dict(self.backend.query("SELECT id, record FROM merged_events"))
        gone = [key for key in stored if key not in wanted]
        changes = 0
        for key in sorted(gone):
            self.backend.execute("DELETE FROM merged_dyads WHERE merged_id = ?", (key,))
            self.backend.execute("DELETE FROM merged_events WHERE id = ?", (key,))
            changes += 1
        for key in sorted(wanted):
            item = wanted[key]
            record = compact_json(merged_record(item))
            if stored.get(key) == record:
                continue
            if key in stored:
                self.backend.execute("DELETE FROM merged_dyads WHERE merged_id = ?", (key,))
                self.backend.execute("DELETE FROM merged_events WHERE id = ?", (key,))
            when = item.event.date
            self.backend.execute(
                "INSERT INTO merged_events (id, event_type, date_start, date_end, mentions, "
                "sources, members, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, item.event.event_type, when.start if when else None,
                 when.end if when else None, item.mentions, compact_json(list(item.sources)),
                 compact_json(list(item.members)), record))
            self.backend.executemany(
                "INSERT INTO merged_dyads (merged_id, dyad, party_a, party_b) VALUES (?, ?, ?, ?)",
                [(key, dyad_key((a, b)), a, b) for a, b in event_dyads(item.event)])
            changes += 1
        return changes

    def merged_events(self, *, dyad: Optional[Sequence[str]] = None,
                      event_type: Optional[str] = None, since: Optional[str] = None,
                      until: Optional[str] = None) -> Iterator[MergedEvent]:
        """Merged events, oldest first; filters as for ``events``."""
        where, params = self._event_filters("m", "merged_dyads", "merged_id", dyad, event_type,
                                            since, until)
        sql = ("SELECT m.record FROM merged_events m"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(m.date_start, ''), m.id")
        for (record,) in self.backend.iterate(sql, params):
            yield MergedEvent.from_dict(json.loads(record))

    def replace_states(self, dyad: Sequence[str], states: Sequence[State]) -> int:
        """Make the stored states of ``dyad`` exactly ``states`` (one per kind)."""
        key = dyad_key(dyad)
        a, b = dyad_of(dyad[0], dyad[1])
        stored = {row[0]: row[1:] for row in self.backend.query(
            "SELECT kind, value, since, as_of, events FROM states WHERE dyad = ?", (key,))}
        wanted = {}
        for state in states:
            wanted[state.kind] = (state.value, state.since, state.as_of,
                                  compact_json(list(state.events)))
        changes = 0
        for kind in sorted(set(stored) - set(wanted)):
            self.backend.execute("DELETE FROM states WHERE dyad = ? AND kind = ?", (key, kind))
            changes += 1
        for kind in sorted(wanted):
            if stored.get(kind) == wanted[kind]:
                continue
            if kind in stored:
                self.backend.execute("DELETE FROM states WHERE dyad = ? AND kind = ?", (key, kind))
            self.backend.execute(
                "INSERT INTO states (dyad, party_a, party_b, kind, value, since, as_of, events) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (key, a, b, kind, *wanted[kind]))
            changes += 1
        return changes

    def states(self, dyad: Optional[Sequence[str]] = None) -> list[State]:
        """The stored (current) states, by dyad and kind."""
        sql = "SELECT party_a, party_b, kind, value, since, as_of, events FROM states"
        params: tuple = ()
        if dyad is not None:
            sql += " WHERE dyad = ?"
            params = (dyad_key(dyad),)
        rows = self.backend.query(sql + " ORDER BY dyad, kind", params)
        return [State(dyad=(a, b), kind=kind, value=value, since=since, as_of=as_of,
                      events=tuple(json.loads(events)))
                for a, b, kind, value, since, as_of, events in rows]

    # -----------------------------------------------------------------------------------
    # Whole-store views

    def events_frame(self, *, merged: bool = False, **filters: Any) -> "pandas.DataFrame":
        """A pandas DataFrame of events (or merged events), one flat row each, with the
        columns of ``eventwire.store.export.FLAT_COLUMNS``; ``filters`` as for ``events``."""
        from .export import frame

        items = self.merged_events(**filters) if merged else self.events(**filters)
        return frame(items, merged=merged)

    def counts(self) -> dict[str, int]:
        """Rows per content table."""
        return {table: int(self.backend.query(f"SELECT COUNT(*) FROM {table}")[0][0])
                for table in CONTENT_TABLES}

    def snapshot(self, *, with_runs: bool = False) -> dict[str, list[tuple]]:
        """Every content row, sorted, per table: two stores hold the same content exactly
        when their snapshots are equal. Which run wrote a row is left out unless
        ``with_runs``."""
        out: dict[str, list[tuple]] = {}
        for table in CONTENT_TABLES:
            columns = [c for c in self._columns(table) if with_runs or c not in RUN_COLUMNS]
            rows = self.backend.query(f"SELECT {', '.join(columns)} FROM {table}")
            out[table] = sorted((tuple(r) for r in rows), key=_sort_key)
        return out

    def _columns(self, table: str) -> list[str]:
        if self.dialect == "sqlite":
            return [r[1] for r in self.backend.query(f"PRAGMA table_info({table})")]
        rows = self.backend.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema() ORDER BY ordinal_position", (table,))
        return [r[0] for r in rows]


def merged_record(item: MergedEvent) -> dict[str, Any]:
    """A merged event's JSON record: the event record (SPEC key order), then what the merged
    record adds (``mentions``, ``sources``, ``members``, …)."""
    out = event_record(item.event)
    for key, value in item.to_dict().items():
        out.setdefault(key, value)
    return out


def _sort_key(row: tuple) -> tuple:
    return tuple((value is not None, str(value)) for value in row)
