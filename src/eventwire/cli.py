"""Command-line interface: each command parses options, calls one library function, prints."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NoReturn, Optional

import click

from . import __version__
from .errors import InputError
from .ingest import check_date, read_paths
from .model import Article, Event, Rejection
from .output import FORMATS, write_events

if TYPE_CHECKING:
    from tqdm import tqdm

    from .pipeline import Coder
    from .store import Store

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_REJECTS = 0, 1, 2, 3

log = logging.getLogger(__name__)


@click.group()
@click.version_option(__version__, prog_name="eventwire")
@click.option("--verbose", "-v", is_flag=True, help="Log debugging detail to stderr.")
def main(verbose: bool) -> None:
    """eventwire: dated news articles in, PLOVER-coded political events out."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              default="jsonl", show_default=True, help="Output format on stdout.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none (plain text, undated records).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary when all is well.")
def extract(paths: tuple[str, ...], fmt: str, date: str | None, quiet: bool) -> None:
    """Code the articles in PATHS (files, folders or - for stdin) into events.

    Events go to stdout; progress, warnings and one line per rejected input go to stderr.
    Exit status: 0 every input coded, 3 some inputs rejected, 2 usage error, 1 failure.
    """
    from .pipeline import Coder  # imported late: loading it may pull in spaCy

    coder = _coder_for(date, Coder)

    tally = _Tally()
    show_bar = not quiet and sys.stderr.isatty()
    with _progress(show_bar) as bar:
        def report(rejection: Rejection) -> None:
            _report_rejection(rejection, bar)

        events = _code_all(coder, read_paths(paths, date), tally, report, bar)
        try:
            write_events(events, fmt, sys.stdout)
        except BrokenPipeError:
            _stdout_gone()
        except Exception as exc:
            log.debug("writing events failed", exc_info=True)
            _fail(f"{type(exc).__name__}: {exc}")

    if tally.rejected or not quiet:
        click.echo(f"{tally.articles} articles coded, {tally.events} events, "
                   f"{tally.rejected} rejected", err=True)
    sys.exit(EXIT_REJECTS if tally.rejected else EXIT_OK)


def _coder_for(date: Optional[str], coder_class) -> "Coder":
    """Check --date, then load the coder (slow: spaCy and the gazetteer); exit on failure."""
    if date is not None:
        try:
            check_date(date)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint="'--date'") from None
    try:
        return coder_class.load()
    except Exception as exc:
        log.debug("loading the coder failed", exc_info=True)
        _fail(f"cannot load the coder: {type(exc).__name__}: {exc}")


def _report_rejection(rejection: Rejection, bar) -> None:
    """One line on stderr naming the input and why it was rejected, around the progress bar."""
    message = f"eventwire: rejected {rejection.origin}: {rejection.reason}"
    if bar is None:
        click.echo(message, err=True)
    else:
        bar.write(message, file=sys.stderr)


def _stdout_gone() -> NoReturn:
    """The reader went away (`| head`): stop quietly, as other Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_FAILURE)


@dataclass
class _Tally:
    articles: int = 0
    events: int = 0
    rejected: int = 0


def _fail(message: str) -> NoReturn:
    click.echo(f"eventwire: error: {message}", err=True)
    sys.exit(EXIT_FAILURE)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Optional["tqdm"]]:
    """A tqdm bar on stderr (None when disabled), with log records routed around it."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with tqdm(file=sys.stderr, unit=" articles", dynamic_ncols=True) as bar, \
            logging_redirect_tqdm(tqdm_class=tqdm):
        yield bar


def _attempt(article: Article, work: Callable[[Article], Any], what: str
             ) -> tuple[Any, Article | Rejection]:
    """``work(article)`` and the article; when the work raises, None and a Rejection naming
    the article and the reason ("coding failed: …"), so one bad article does not sink a batch."""
    try:
        return work(article), article
    except Exception as exc:
        log.debug("%s of %s failed", what, article.origin or article.id, exc_info=True)
        return None, Rejection(article.origin or article.id,
                               f"{what} failed: {type(exc).__name__}: {exc}", article.id)


def _code_all(coder: "Coder", items: Iterable[Article | Rejection], tally: _Tally,
              report: Callable[[Rejection], None],
              bar: Optional["tqdm"]) -> Iterator[Event]:
    """Code each Article into events, in input order. A Rejection from reading, or an
    article whose coding raises, is counted and reported, and the batch goes on."""
    for item in items:
        if not isinstance(item, Rejection):
            events, item = _attempt(item, lambda a: list(coder.extract(a)), "coding")
        if isinstance(item, Rejection):
            tally.rejected += 1
            report(item)
        else:
            tally.articles += 1
            tally.events += len(events)
            yield from events
        if bar is not None:  # the bar counts coded articles; events and rejects ride along
            coded = not isinstance(item, Rejection)
            bar.set_postfix(events=tally.events, rejected=tally.rejected, refresh=not coded)
            if coded:
                bar.update(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format on stdout: one JSON object per article.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none (plain text, undated records).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary when all is well.")
def annotate(paths: tuple[str, ...], fmt: str, date: str | None, quiet: bool) -> None:
    """Show what extraction sees in the articles in PATHS: times, places, quantities, actors.

    One JSON object per article goes to stdout (every item with its text and span); progress,
    warnings and one line per rejected input go to stderr. Accepts every input `extract`
    does. Exit status: 0 every input read, 3 some inputs rejected, 2 usage error, 1 failure.
    """
    import json

    from .annotate import annotate as annotate_article
    from .pipeline import Coder  # imported late: loading it may pull in spaCy

    coder = _coder_for(date, Coder)

    tally = _Tally()
    with _progress(not quiet and sys.stderr.isatty()) as bar:
        for item in read_paths(paths, date):
            if not isinstance(item, Rejection):
                record, item = _attempt(item, lambda a: annotate_article(coder, a), "annotation")
            if isinstance(item, Rejection):
                tally.rejected += 1
                _report_rejection(item, bar)
                continue
            tally.articles += 1
            try:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            except BrokenPipeError:
                _stdout_gone()
            if bar is not None:
                bar.update(1)
    if tally.rejected or not quiet:
        click.echo(f"{tally.articles} articles annotated, {tally.rejected} rejected", err=True)
    sys.exit(EXIT_REJECTS if tally.rejected else EXIT_OK)


@main.command(name="eval")
@click.argument("dataset", type=click.Choice(["plover-gsr", "meantime", "geowebnews", "trnews",
                                                 "upetr", "nonpolitical"]))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Gold data folder (default: $EVENTWIRE_GOLD or ../shared/gold).")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default=None,
              help="Where to write the JSON report (default: eval-report-DATASET.json).")
@click.option("--check-floors", is_flag=True, help="Exit 1 when a score is below its recorded floor.")
@click.option("--fields", is_flag=True,
              help="plover-gsr only: also gate the field scores (killed/injured counts).")
def eval_command(dataset: str, data_dir: Path | None, report_path: Path | None,
                 check_floors: bool, fields: bool) -> None:
    """Score eventwire against a gold data set and print the figures.

    plover-gsr: event types and actors; meantime: time values; geowebnews, trnews: places;
    upetr: CAMEO codings (reported, not gated); nonpolitical: false positives on our own
    non-political sentences, the held-out set gated and the development set reported (--data
    may name another category<TAB>sentence file, or a folder holding either set's file).
    """
    from .errors import EventwireError
    from .eval import run_dataset

    try:
        code = run_dataset(dataset, data_dir=data_dir, report_path=report_path,
                           check_floors=check_floors, out=sys.stdout, fields=fields)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


# ---------------------------------------------------------------------------------------
# The store: ingest, events, states, alerts, export (library: eventwire.service)

DB_HELP = ("The store: a SQLite file path, sqlite:///PATH or postgresql://… "
           "(default: eventwire.db).")


_dyad_option = click.option("--dyad", default=None, metavar="ID-ID",
                            help="Only this dyad (AFG-PAK).")


def _db_option(command: Callable) -> Callable:
    return click.option("--db", "db", default=None, metavar="URL", help=DB_HELP)(command)


def _date_value(option: str, value: Optional[str]) -> Optional[str]:
    if value is not None:
        try:
            check_date(value)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None
    return value


def _open_store(db: Optional[str], *, create: bool = False) -> "Store":
    from .errors import StoreError
    from .store import Store

    try:
        return Store.open(db, create=create)
    except StoreError as exc:
        _fail(str(exc))


def _dyad_value(store: "Store", value: Optional[str]) -> Optional[tuple[str, str]]:
    from .service import resolve_dyad

    if value is None:
        return None
    try:
        return resolve_dyad(store, value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--dyad'") from None


def _to_stdout(write: Callable[[], object]) -> None:
    """Run a writer on stdout; a reader that went away (`| head`) ends us quietly."""
    from .errors import StoreError

    try:
        write()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FAILURE)
    except StoreError as exc:
        _fail(str(exc))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none (plain text, undated records).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary when all is well.")
def ingest(paths: tuple[str, ...], db: Optional[str], date: Optional[str], quiet: bool) -> None:
    """Read PATHS (files, folders or - for stdin), code what is new and store it.

    Ingesting the same inputs again changes nothing; a run that was interrupted resumes
    where it stopped. A changed version of a stored article supersedes it; a near-copy of
    one is linked to it. Merged events and states are brought up to date at the end.
    Exit status: 0 every input read, 3 some inputs rejected, 2 usage error, 1 failure.
    """
    from .errors import StoreError
    from .service import ingest_paths

    _date_value("--date", date)

    def load_coder() -> "Coder":
        from .pipeline import Coder  # imported late: loading it pulls in spaCy

        try:
            return Coder.load()
        except Exception as exc:
            log.debug("loading the coder failed", exc_info=True)
            _fail(f"cannot load the coder: {type(exc).__name__}: {exc}")

    store = _open_store(db, create=True)
    show_bar = not quiet and sys.stderr.isatty()
    with store, _progress(show_bar) as bar:
        def on_reject(rejection: Rejection) -> None:
            message = f"eventwire: rejected {rejection.origin}: {rejection.reason}"
            if bar is None:
                click.echo(message, err=True)
            else:
                bar.write(message, file=sys.stderr)

        done = [0]

        def progress(report) -> None:  # the bar counts inputs; the rest rides along
            if bar is None:
                return
            total = report.articles + report.unchanged + report.rejected
            bar.set_postfix(events=report.events, rejected=report.rejected,
                            unchanged=report.unchanged, refresh=False)
            bar.update(total - done[0])
            done[0] = total

        try:
            report = ingest_paths(paths, store, load_coder, date=date, progress=progress,
                                  on_reject=on_reject)
        except StoreError as exc:
            _fail(f"{exc} (what was stored is kept; run again to resume)")
    if report.rejected or not quiet:
        click.echo(report.summary(), err=True)
    sys.exit(EXIT_REJECTS if report.rejected else EXIT_OK)


@main.command()
@_db_option
@click.option("--dyad", default=None, metavar="ID-ID", help="Only events of this dyad (AFG-PAK).")
@click.option("--type", "event_type", default=None, metavar="T",
              help="Only events of this PLOVER type (ASSAULT, AGREE, …).")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Events ending on or after.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Events starting on or before.")
@click.option("--merged", is_flag=True, help="Merged events (reports folded together).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format on stdout.")
def events(db: Optional[str], dyad: Optional[str], event_type: Optional[str],
           since: Optional[str], until: Optional[str], merged: bool, fmt: str) -> None:
    """Print stored events (current versions of articles), oldest first."""
    from .model import EVENT_TYPES
    from .service import query_events
    from .store.export import MERGED_COLUMNS, write_records

    _date_value("--since", since)
    _date_value("--until", until)
    if event_type is not None and event_type.upper() not in EVENT_TYPES:
        raise click.BadParameter(f"not a PLOVER event type: {event_type} (one of "
                                 f"{', '.join(EVENT_TYPES)})", param_hint="'--type'")
    with _open_store(db) as store:
        items = query_events(store, dyad=_dyad_value(store, dyad), event_type=event_type,
                             since=since, until=until, merged=merged)
        if merged:
            _to_stdout(lambda: write_records(items, fmt, sys.stdout, columns=MERGED_COLUMNS))
        else:
            _to_stdout(lambda: write_events(items, fmt, sys.stdout))


@main.command()
@_db_option
@_dyad_option
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The states on this day (event time).")
@click.option("--known-by", "known_by", default=None, metavar="YYYY-MM-DD",
              help="Only what had been published by this day.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format on stdout.")
def states(db: Optional[str], dyad: Optional[str], as_of: Optional[str],
           known_by: Optional[str], fmt: str) -> None:
    """Print the ceasefire, talks and border states of each dyad.

    Without dates: the current states, as of the latest report on each dyad."""
    from .service import query_states
    from .store.export import STATE_COLUMNS, write_records

    _date_value("--as-of", as_of)
    _date_value("--known-by", known_by)
    with _open_store(db) as store:
        _to_stdout(lambda: write_records(
            query_states(store, dyad=_dyad_value(store, dyad), as_of=as_of, known_by=known_by),
            fmt, sys.stdout, columns=STATE_COLUMNS))


@main.command()
@_db_option
@_dyad_option
@click.option("--min-mentions", default=1, show_default=True, type=click.IntRange(min=1),
              help="Leave out merged events reported fewer times than this.")
@click.option("--min-events", default=1, show_default=True, type=click.IntRange(min=1),
              help="Leave out dyads with fewer merged events than this.")
def timeline(db: Optional[str], dyad: Optional[str], min_mentions: int, min_events: int) -> None:
    """Print each dyad's timeline (its merged events, oldest first) and current states."""
    from .service import query_events, query_states
    from .store.export import MERGED_COLUMNS, STATE_COLUMNS, write_records

    with _open_store(db) as store:
        dyads = [_dyad_value(store, dyad)] if dyad else store.dyads()
        for pair in dyads:
            items = [m for m in query_events(store, dyad=pair, merged=True)
                     if m.mentions >= min_mentions]
            if not dyad and len(items) < min_events:
                continue
            click.echo(f"\n== {'-'.join(pair)}: {len(items)} events ==")
            _to_stdout(lambda: write_records(items, "table", sys.stdout, columns=MERGED_COLUMNS))
            click.echo("")
            _to_stdout(lambda: write_records(query_states(store, dyad=pair), "table", sys.stdout,
                                             columns=STATE_COLUMNS))


@main.command()
@_db_option
@_dyad_option
@click.option("--window", default=14, show_default=True, type=click.IntRange(min=1),
              help="Days of baseline the daily series is compared with.")
@click.option("--threshold", default=2.0, show_default=True, type=click.FloatRange(min=0),
              help="How far from its baseline a day must be to raise an alert.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format on stdout.")
def alerts(db: Optional[str], dyad: Optional[str], window: int, threshold: float,
           fmt: str) -> None:
    """Print escalation alerts: days when a dyad's conflict-cooperation series departs
    from its own baseline."""
    from .service import query_alerts
    from .store.export import write_records

    with _open_store(db) as store:
        _to_stdout(lambda: write_records(
            query_alerts(store, dyad=_dyad_value(store, dyad), window=window,
                         threshold=threshold), fmt, sys.stdout))


@main.command(name="export")
@_db_option
@click.option("--what", type=click.Choice(["events", "merged", "states"]), required=True,
              help="What to export.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "plover", "parquet"]),
              required=True, help="File format (plover: PLOVER/POLECAT-style JSON).")
@_dyad_option
@click.argument("out")
def export_command(db: Optional[str], what: str, fmt: str, dyad: Optional[str],
                   out: str) -> None:
    """Write the stored events, merged events or states to OUT (- for stdout, except
    parquet)."""
    from .service import export
    from .store.export import ExportError

    if fmt == "parquet" and out == "-":
        raise click.BadParameter("parquet is written to a file, not stdout",
                                 param_hint="'OUT'")
    with _open_store(db) as store:
        selected = _dyad_value(store, dyad)
        try:
            if out == "-":
                count = 0

                def write() -> None:
                    nonlocal count
                    count = export(store, what, fmt, sys.stdout, dyad=selected)

                _to_stdout(write)
            else:
                count = export(store, what, fmt, out, dyad=selected)
        except ExportError as exc:
            raise click.BadParameter(str(exc), param_hint="'--format'") from None
        except OSError as exc:
            _fail(f"cannot write {out}: {exc.strerror or exc}")
    click.echo(f"{count} {what} records written to {out if out != '-' else 'stdout'}",
               err=True)



if __name__ == "__main__":  # pragma: no cover
    main()
