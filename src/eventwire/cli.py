"""Command-line interface: each command parses options, calls one library function, prints."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_REJECTS = 0, 1, 2, 3


@click.group()
@click.version_option(__version__, prog_name="eventwire")
@click.option("--verbose", "-v", is_flag=True, help="Log debugging detail to stderr.")
def main(verbose: bool) -> None:
    """eventwire: dated news articles in, PLOVER-coded political events out."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "table"]),
              default="jsonl", show_default=True, help="Output format on stdout.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for plain-text inputs that carry none.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(paths: tuple[str, ...], fmt: str, date: str | None, quiet: bool) -> None:
    """Code the articles in PATHS (files, folders or - for stdin) into events."""
    raise click.ClickException("extract: not wired yet")


@main.command(name="eval")
@click.argument("dataset", type=click.Choice(["plover-gsr"]))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Gold data folder (default: $EVENTWIRE_GOLD or ../shared/gold).")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default=None,
              help="Where to write the JSON report (default: eval-report-DATASET.json).")
@click.option("--check-floors", is_flag=True, help="Exit 1 when a score is below its recorded floor.")
def eval_command(dataset: str, data_dir: Path | None, report_path: Path | None,
                 check_floors: bool) -> None:
    """Score eventwire against a gold data set and print the figures."""
    from .eval import run_dataset

    code = run_dataset(dataset, data_dir=data_dir, report_path=report_path,
                       check_floors=check_floors, out=sys.stdout)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
