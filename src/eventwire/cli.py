"""Command-line interface: each command parses options, calls one library function, prints."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NoReturn, Optional

import click

from . import __version__
from .errors import InputError
from .ingest import check_date, read_paths
from .model import Article, Event, Rejection
from .output import FORMATS, write_events

if TYPE_CHECKING:
    from tqdm import tqdm

    from .pipeline import Coder

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

    if date is not None:
        try:
            check_date(date)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint="'--date'") from None
    try:
        coder = Coder.load()
    except Exception as exc:
        log.debug("loading the coder failed", exc_info=True)
        _fail(f"cannot load the coder: {type(exc).__name__}: {exc}")

    tally = _Tally()
    show_bar = not quiet and sys.stderr.isatty()
    with _progress(show_bar) as bar:
        def report(rejection: Rejection) -> None:
            message = f"eventwire: rejected {rejection.origin}: {rejection.reason}"
            if bar is None:
                click.echo(message, err=True)
            else:
                bar.write(message, file=sys.stderr)

        events = _code_all(coder, read_paths(paths, date), tally, report, bar)
        try:
            write_events(events, fmt, sys.stdout)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_FAILURE)
        except Exception as exc:
            log.debug("writing events failed", exc_info=True)
            _fail(f"{type(exc).__name__}: {exc}")

    if tally.rejected or not quiet:
        click.echo(f"{tally.articles} articles coded, {tally.events} events, "
                   f"{tally.rejected} rejected", err=True)
    sys.exit(EXIT_REJECTS if tally.rejected else EXIT_OK)


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


def _code_all(coder: "Coder", items: Iterable[Article | Rejection], tally: _Tally,
              report: Callable[[Rejection], None],
              bar: Optional["tqdm"]) -> Iterator[Event]:
    """Code each Article into events, in input order. A Rejection from reading, or an
    article whose coding raises, is counted and reported, and the batch goes on."""
    for item in items:
        if not isinstance(item, Rejection):
            try:
                events = list(coder.extract(item))
            except Exception as exc:  # one bad article must not sink the batch
                log.debug("coding %s failed", item.origin or item.id, exc_info=True)
                item = Rejection(item.origin or item.id,
                                 f"coding failed: {type(exc).__name__}: {exc}", item.id)
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
    non-political sentences (--data may name another category<TAB>sentence file).
    """
    from .errors import EventwireError
    from .eval import run_dataset

    try:
        code = run_dataset(dataset, data_dir=data_dir, report_path=report_path,
                           check_floors=check_floors, out=sys.stdout, fields=fields)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
