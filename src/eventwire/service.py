"""Library entry points over the store: ingest inputs (read, code, store, link versions and
near-duplicates, then recompute merged events and states) and answer queries.

The CLI commands ``ingest``, ``events``, ``states``, ``alerts`` and ``export`` each call one
function here; the HTTP API can call the same ones.

Ingestion guarantees (docs/STORE.md):

* idempotent: an input whose text is already stored is skipped before coding, a rejection
  already stored is not stored again, and merged events and states are rewritten only where
  they change, so ingesting the same inputs twice leaves the store's content unchanged;
* each article is written with its events in one transaction, and the merged events and
  states it affects are marked pending in that transaction, so a run killed at any point
  and run again ends with the same content as one clean run;
* a changed version of a stored article (same url, or same id and source, new text)
  supersedes the old one, whose events are kept but marked superseded;
* a near-duplicate of a stored article (a syndicated copy with small edits) is stored,
  coded and linked (``near_duplicate_of``) but left out of merging and states.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import uuid
from dataclasses import dataclass, field
from typing import (TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Optional,
                    Sequence, TextIO, Union)

from . import __version__
from .errors import StoreError
from .model import Article, Event, MergedEvent, Rejection, State, dyad_of
from .store import Store, dyad_key
from .store.store import content_hash

if TYPE_CHECKING:
    from .pipeline import Coder

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16
PENDING_MERGE = "merge"
PENDING_STATES = "states"
ALL = "*"
# Fallback near-duplicate test (when eventwire.ingest.dedup is absent): word 5-gram
# shingles, Jaccard similarity at or above this.
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
WORD = re.compile(r"\w+")

Item = Union[Article, Rejection]


@dataclass
class IngestReport:
    """What one ingestion did. ``rejected`` counts inputs rejected in this run, including
    ones already on record from an earlier run."""

    run_id: Optional[str] = None
    articles: int = 0          # articles newly stored
    events: int = 0            # events stored with them
    rejected: int = 0
    unchanged: int = 0         # inputs whose text was already stored
    superseded: int = 0        # stored articles replaced by a newer version
    near_duplicates: int = 0   # new articles linked to an article they nearly copy
    merged_changes: int = 0    # merged-event rows inserted, changed or deleted
    state_changes: int = 0     # state rows inserted, changed or deleted
    rejections: list[Rejection] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"articles": self.articles, "events": self.events, "rejects": self.rejected,
                "unchanged": self.unchanged, "superseded": self.superseded,
                "near_duplicates": self.near_duplicates}

    def summary(self) -> str:
        parts = [f"{self.articles} articles stored", f"{self.events} events",
                 f"{self.rejected} rejected", f"{self.unchanged} unchanged"]
        if self.superseded:
            parts.append(f"{self.superseded} superseded")
        if self.near_duplicates:
            parts.append(f"{self.near_duplicates} near-duplicates")
        return ", ".join(parts)


# ---------------------------------------------------------------------------------------
# Ingestion


CoderSource = Union["Coder", Callable[[], "Coder"]]


def ingest_paths(paths: Sequence[str], store: Store, coder: CoderSource, *,
                 date: Optional[str] = None, stdin: Optional[BinaryIO] = None,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 progress: Optional[Callable[[IngestReport], None]] = None,
                 on_reject: Optional[Callable[[Rejection], None]] = None) -> IngestReport:
    """Read ``paths`` (files, folders, ``-``), code what is new with ``coder`` and store it.

    ``coder`` is a Coder, or a function returning one, called only when some article
    needs coding (so re-ingesting stored inputs does not load the models). ``date`` dates
    inputs that carry none. ``progress(report)`` is called after each input;
    ``on_reject(rejection)`` for each rejected input. Raises ``StoreError`` when the store
    fails (what was written before stays written: running again resumes); an error
    loading the coder propagates as it is.
    """
    from .ingest import read_paths

    return ingest_items(read_paths(list(paths), date, stdin=stdin), store, coder,
                        inputs=list(paths), batch_size=batch_size, progress=progress,
                        on_reject=on_reject)


def ingest_items(items: Iterable[Item], store: Store, coder: CoderSource, *,
                 inputs: Sequence[str] = (), batch_size: int = DEFAULT_BATCH_SIZE,
                 progress: Optional[Callable[[IngestReport], None]] = None,
                 on_reject: Optional[Callable[[Rejection], None]] = None) -> IngestReport:
    """Ingest Articles and Rejections already read (see ``ingest_paths``)."""
    run = _Ingestion(store, coder, inputs, progress, on_reject)
    try:
        for article, result in _code(run.coder, run.new_articles(items), batch_size):
            if isinstance(result, Rejection):
                run.reject(result)
            else:
                run.store_article(article, result)
        run.recompute()
    except BaseException:
        run.finish("failed")
        raise
    run.finish("finished")
    return run.report


class _Ingestion:
    """The state of one run: the report, hashes seen, the near-duplicate index."""

    def __init__(self, store: Store, coder: CoderSource, inputs: Sequence[str],
                 progress: Optional[Callable[[IngestReport], None]],
                 on_reject: Optional[Callable[[Rejection], None]]):
        self.store = store
        self._coder: Any = None if _is_factory(coder) else coder
        self._load_coder = coder if _is_factory(coder) else None
        self.inputs = list(inputs)
        self.progress = progress
        self.on_reject = on_reject
        self.report = IngestReport()
        self.seen: set[str] = set()
        self._index: Optional[Any] = None
        self._indexed_seq = 0
        self._dyads_in = _optional("eventwire.link.states", "dyads_in")

    # A run leaves a row in `runs` only once it writes something: a run that finds
    # everything already stored changes nothing at all.
    def run_id(self) -> str:
        if self.report.run_id is None:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            run_id = f"run-{stamp}-{uuid.uuid4().hex[:8]}"
            coder_version = getattr(getattr(self._coder, "provenance", None), "coder_version",
                                    None) or __version__
            with self.store.transaction():
                self.store.create_run(run_id, self.inputs, coder_version)
            self.report.run_id = run_id
        return self.report.run_id

    def coder(self) -> Any:
        if self._coder is None:
            self._coder = self._load_coder()
        return self._coder

    def finish(self, status: str) -> None:
        if self.report.run_id is None:
            return
        try:
            self.store.finish_run(self.report.run_id, self.report.counts(), status)
        except Exception:  # the store may be what failed; the run stays "running"
            log.debug("could not record the end of run %s", self.report.run_id, exc_info=True)

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    def new_articles(self, items: Iterable[Item]) -> Iterator[Article]:
        """The articles not stored yet; rejections are stored (once) and reported."""
        for item in items:
            if isinstance(item, Rejection):
                self.reject(item)
                continue
            key = content_hash(item.text)
            if key in self.seen or self.store.has_article(key):
                self.report.unchanged += 1
                self._tick()
                continue
            self.seen.add(key)
            yield item

    def reject(self, rejection: Rejection) -> None:
        self.report.rejected += 1
        self.report.rejections.append(rejection)
        if not self.store.has_rejection(rejection):
            run_id = self.run_id()
            with self.store.transaction():
                self.store.insert_rejection(rejection, run_id)
        if self.on_reject is not None:
            self.on_reject(rejection)
        self._tick()

    def store_article(self, article: Article, events: list[Event]) -> None:
        """Write one article and its events in one transaction."""
        run_id = self.run_id()
        sha = article.sha256
        with self.store.transaction():
            versions = [v for v in self.store.current_versions(article.id, article.url)
                        if v.sha256 != sha and _same_story(v, article)]
            newer = [v for v in versions if article.date and v.date and article.date < v.date]
            superseded_by = newer[-1].sha256 if newer else None
            index = self.index()
            if self.store.has_article(content_hash(article.text)):  # stored meanwhile
                self.report.unchanged += 1
                return
            match = index.add(sha, article.text)
            near = self._root(match) if match is not None and not versions else None
            if not self.store.insert_article(article, run_id, near_duplicate_of=near,
                                             superseded_by=superseded_by):
                raise StoreError(f"article {article.id} could not be stored")
            self._indexed_seq += 1  # the index holds it already
            touched: set[tuple[str, str]] = set()
            if superseded_by is None:
                for old in versions:
                    touched.update(self.store.supersede(old.sha256, sha))
                    self.report.superseded += 1
            touched.update(self.store.insert_events(article, events,
                                                    superseded=superseded_by is not None,
                                                    duplicate=near is not None))
            if self._dyads_in is not None and events:
                touched.update(tuple(dyad_of(*d)) for d in self._dyads_in(events))
            counted = superseded_by is None and near is None
            if (counted and events) or (superseded_by is None and versions):
                self.store.mark_pending(PENDING_MERGE, [ALL])
                self.store.mark_pending(PENDING_STATES, sorted(_dyad_token(d) for d in touched))
        self.report.articles += 1
        self.report.events += len(events)
        if near is not None:
            self.report.near_duplicates += 1
        self._tick()

    def _root(self, sha: str) -> str:
        """Follow supersession and near-duplicate links to the article that counts."""
        seen = set()
        while sha not in seen:
            seen.add(sha)
            row = self.store.article_row(sha)
            if row is None:
                break
            nxt = row.superseded_by or row.near_duplicate_of
            if nxt is None:
                break
            sha = nxt
        return sha

    def index(self) -> Any:
        """The near-duplicate index, holding every stored article in storage order (called
        inside the write transaction: it catches up with articles another process stored)."""
        if self._index is None:
            self._index = _near_duplicate_index()
        for seq, sha, text in self.store.article_texts(after=self._indexed_seq):
            self._index.add(sha, text)
            self._indexed_seq = seq
        return self._index

    def recompute(self) -> None:
        if self.store.pending():
            merged, states = recompute(self.store)
            self.report.merged_changes += merged
            self.report.state_changes += states


def _same_story(stored: Any, article: Article) -> bool:
    """Two texts are versions of one article when they share a url, or an id and source
    (ids alone are not unique across outlets: file stems, feed item numbers)."""
    if article.url and stored.url == article.url:
        return True
    return stored.id == article.id and stored.source == article.source


def _is_factory(coder: Any) -> bool:
    return callable(coder) and not hasattr(coder, "extract")


def _code(get_coder: Callable[[], Any], articles: Iterable[Article], batch_size: int
          ) -> Iterator[tuple[Article, Union[list[Event], Rejection]]]:
    """(article, events) in input order; an article whose coding raises gives a Rejection
    instead, and the others are coded all the same. The coder is fetched (perhaps loaded)
    when the first batch is ready."""
    batch: list[Article] = []

    def flush() -> Iterator[tuple[Article, Union[list[Event], Rejection]]]:
        coder = get_coder()
        many = getattr(coder, "extract_many", None)
        if many is not None:
            try:
                results = list(many(batch, batch_size=len(batch)))
            except Exception:
                log.debug("coding a batch failed; coding its articles one by one", exc_info=True)
            else:
                for article, events in results:
                    yield article, list(events)
                return
        for article in batch:
            try:
                yield article, list(coder.extract(article))
            except Exception as exc:  # one bad article must not sink the run
                log.debug("coding %s failed", article.origin or article.id, exc_info=True)
                yield article, Rejection(article.origin or article.id,
                                         f"coding failed: {type(exc).__name__}: {exc}",
                                         article.id)

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


# ---------------------------------------------------------------------------------------
# Merged events and states


def recompute(store: Store) -> tuple[int, int]:
    """Recompute what ingestion left pending: the merged events (from the current events of
    articles that are not near-duplicates) and the states of the affected dyads, as of the
    latest publication date that concerns each. Returns (merged rows changed, state rows
    changed); rows that come out the same are not rewritten.

    Reads and writes happen in one transaction, so a concurrent ingestion cannot slip an
    article in between what was read and what is written."""
    if not store.pending():
        return 0, 0
    merged_changes = state_changes = 0
    dyad_states = _optional("eventwire.link.states", "dyad_states")
    with store.transaction():
        pending = store.pending()
        events = store.current_events()
        published = store.published_dates()
        done: list[tuple[str, str]] = []
        if PENDING_MERGE in pending:
            merged_changes = store.replace_merged(merge(events, published))
            done.append((PENDING_MERGE, ALL))
        if PENDING_STATES in pending and dyad_states is None:
            log.warning("states are not computed: eventwire.link.states is not available")
        elif PENDING_STATES in pending:
            near = _EventsNear(events)
            for token in pending[PENDING_STATES]:
                dyad = _dyad_from_token(token)
                as_of = store.latest_date(dyad)
                states = (list(dyad_states(near(dyad), dyad, as_of, published=published))
                          if as_of else [])
                state_changes += store.replace_states(dyad, states)
                done.append((PENDING_STATES, token))
        store.clear_pending(done)
    return merged_changes, state_changes


class _EventsNear:
    """The events a dyad's states are read from: every event of each article that names one
    of its members as a party (a state reads the other events of such an article too), in the
    order given. Indexed once, so that each dyad costs what concerns it, not all events."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.by_article: dict[str, list[int]] = {}
        self.articles_of: dict[str, set[str]] = {}
        for index, event in enumerate(events):
            self.by_article.setdefault(event.article_id, []).append(index)
            for party in event.actors + event.recipients:
                if party.id:
                    self.articles_of.setdefault(party.id, set()).add(event.article_id)

    def __call__(self, dyad: Sequence[str]) -> list[Event]:
        articles = set().union(*(self.articles_of.get(member, ()) for member in dyad))
        indices = sorted(i for article in articles for i in self.by_article[article])
        return [self.events[i] for i in indices]


def merge(events: Sequence[Event], published: dict[str, Optional[str]]) -> list[MergedEvent]:
    """Merged events from ``eventwire.link.merge``; one per event when it is absent."""
    merge_events = _optional("eventwire.link.merge", "merge_events")
    if merge_events is None:
        log.info("eventwire.link.merge is not available: each event stands alone")
        return [MergedEvent(event=e, mentions=1, sources=(e.article_id,), members=(e.id,))
                for e in events]
    return list(merge_events(list(events), published))


def _dyad_token(dyad: Sequence[str]) -> str:
    # JSON, not "A-B": entity ids (slugs) may hold hyphens themselves.
    return json.dumps(list(dyad_of(dyad[0], dyad[1])))


def _dyad_from_token(token: str) -> tuple[str, str]:
    a, b = json.loads(token)
    return dyad_of(a, b)


def _optional(module: str, name: str) -> Optional[Callable[..., Any]]:
    """``module.name`` when that module exists (it is written in a later step), else None."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as exc:
        if exc.name is not None and not module.startswith(exc.name):
            raise  # the module exists but one of its own imports failed: a real error
        return None
    except AttributeError:
        return None


class _ShingleIndex:
    """Near-duplicates by word-shingle overlap (used when eventwire.ingest.dedup is absent)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, frozenset[int]]] = []

    def add(self, key: str, text: str) -> Optional[str]:
        words = WORD.findall(text.lower())
        shingles = frozenset(
            int.from_bytes(hashlib.blake2b(" ".join(words[i:i + SHINGLE_WORDS]).encode(),
                                           digest_size=8).digest(), "big")
            for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))
        match = None
        for other, theirs in self.items:
            union = len(shingles | theirs)
            if union and len(shingles & theirs) / union >= NEAR_DUPLICATE_JACCARD:
                match = other
                break
        self.items.append((key, shingles))
        return match


def _near_duplicate_index() -> Any:
    index_class = _optional("eventwire.ingest.dedup", "NearDuplicateIndex")
    return index_class() if index_class is not None else _ShingleIndex()


# ---------------------------------------------------------------------------------------
# Queries


def resolve_dyad(store: Store, text: str) -> tuple[str, str]:
    """``"AFG-PAK"`` (either order) -> ``("AFG", "PAK")``. Ids may hold hyphens, so when
    ``text`` splits more than one way the split naming a stored dyad wins.

    Raises ``ValueError`` when ``text`` is not two ids joined by ``-``."""
    splits = [(text[:i], text[i + 1:]) for i, ch in enumerate(text) if ch == "-"]
    splits = [(a.strip(), b.strip()) for a, b in splits if a.strip() and b.strip()]
    if not splits:
        raise ValueError(f"not a dyad: {text!r} (write two entity ids joined by -, "
                         "like AFG-PAK)")
    if len(splits) == 1:
        return dyad_of(*splits[0])
    known = {dyad_key(d): d for d in store.dyads()}
    known.update({dyad_key(s.dyad): tuple(s.dyad) for s in store.states()})
    for a, b in splits:
        found = known.get(dyad_key((a, b)))
        if found is not None:
            return dyad_of(found[0], found[1])
    return dyad_of(*splits[0])


def query_events(store: Store, *, dyad: Optional[Sequence[str]] = None,
                 event_type: Optional[str] = None, since: Optional[str] = None,
                 until: Optional[str] = None, merged: bool = False
                 ) -> Iterator[Union[Event, MergedEvent]]:
    """Stored events (or merged events), oldest first, filtered."""
    if merged:
        return store.merged_events(dyad=dyad, event_type=event_type, since=since, until=until)
    return store.events(dyad=dyad, event_type=event_type, since=since, until=until)


def query_states(store: Store, *, dyad: Optional[Sequence[str]] = None,
                 as_of: Optional[str] = None, known_by: Optional[str] = None) -> list[State]:
    """States of ``dyad`` (every dyad when None).

    Without dates: the stored current states. With ``as_of`` (event time) and/or
    ``known_by`` (publication time): computed from the stored events, counting only
    articles published by ``known_by`` (and the versions current then); ``as_of`` defaults
    to ``known_by``. Raises ``StoreError`` when state tracking is not available.
    """
    if as_of is None and known_by is None:
        return store.states(dyad)
    dyad_states = _optional("eventwire.link.states", "dyad_states")
    if dyad_states is None:
        raise StoreError("states for a date need eventwire.link.states, which is not "
                         "available in this installation")
    as_of = as_of or known_by
    if known_by is not None:
        events = store.events_known_by(known_by)
        published = store.published_known_by(known_by)
    else:
        events = store.current_events()
        published = store.published_dates()
    dyads = [dyad_of(dyad[0], dyad[1])] if dyad is not None else store.dyads()
    out: list[State] = []
    for each in dyads:
        out.extend(dyad_states(events, each, as_of, known_by=known_by, published=published))
    return out


def query_alerts(store: Store, *, dyad: Optional[Sequence[str]] = None,
                 window: int = 14, threshold: float = 2.0) -> list[Any]:
    """Escalation alerts over the stored merged events (see eventwire.analyze.alerts)."""
    escalation_alerts = _optional("eventwire.analyze.alerts", "escalation_alerts")
    if escalation_alerts is None:
        raise StoreError("alerts need eventwire.analyze.alerts, which is not available in "
                         "this installation")
    merged = list(store.merged_events())
    return list(escalation_alerts(merged, dyad=tuple(dyad) if dyad else None, window=window,
                                  threshold=threshold))


def export(store: Store, what: str, fmt: str, out: Union[str, TextIO], *,
           dyad: Optional[Sequence[str]] = None) -> int:
    """Write the stored ``what`` (events | merged | states) as ``fmt`` (jsonl | csv |
    plover | parquet) to ``out`` (a path, or a text stream for the text formats). Returns
    the number of records written."""
    from .store import export as formats

    if what not in formats.EXPORT_WHAT:
        raise ValueError(f"cannot export {what!r}; choose one of "
                         f"{', '.join(formats.EXPORT_WHAT)}")
    if fmt not in formats.EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(formats.EXPORT_FORMATS)}")
    if fmt == "plover" and what == "states":
        raise formats.ExportError("states have no PLOVER form; export them as jsonl, csv "
                                  "or parquet")
    items: Iterable[Any]
    if what == "events":
        items = store.events(dyad=dyad)
    elif what == "merged":
        items = store.merged_events(dyad=dyad)
    else:
        items = store.states(dyad)
    if fmt == "parquet":
        if not isinstance(out, str):
            raise ValueError("parquet is written to a file: give a path")
        return formats.write_parquet(items, out, what)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(formats, items, fmt, stream, what)
    return _write_text(formats, items, fmt, out, what)


def _write_text(formats: Any, items: Iterable[Any], fmt: str, stream: TextIO, what: str) -> int:
    if fmt == "plover":
        return formats.write_plover(items, stream)
    return formats.write_records(items, fmt, stream, columns=formats.columns_for(what))
