"""Evaluation entry point: score eventwire on a gold data set, write the report, check the floors.

``run_dataset`` is what ``eventwire eval DATASET`` calls. Floors (the lowest score each gate
accepts) are recorded per data set in the packaged ``floors.yaml``; a floor is raised only to a
score that has been measured.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Optional, TextIO

import yaml

from ..errors import GoldDataError
from . import plover_gsr
from .gold import find_dataset_dir

log = logging.getLogger(__name__)

DATASETS = (plover_gsr.DATASET,)
FLOORS_RESOURCE = "floors.yaml"
# Scores are floats written to a few decimals; a score equal to its floor passes.
_TOLERANCE = 1e-9

__all__ = ["run_dataset", "load_floors", "floor_failures", "FloorFailure", "DATASETS"]


@dataclass(frozen=True)
class FloorFailure:
    """A metric below its recorded floor, or a floor that cannot be checked."""

    metric: str
    value: Optional[float]
    floor: float
    reason: str = "below floor"

    def __str__(self) -> str:
        if self.reason != "below floor":
            return f"{self.metric}: {self.reason}"
        shown = "none scored" if self.value is None else f"{self.value:.4f}"
        return f"{self.metric} {shown} < floor {self.floor:.4f}"


def load_floors(path: Optional[Path] = None) -> dict[str, dict[str, float]]:
    """The recorded floors ``{dataset: {metric: floor}}`` from ``path`` or the packaged file.

    Raises ``GoldDataError`` when the file is unreadable or not a mapping of mappings of numbers.
    """
    try:
        if path is None:
            text = resources.files(__name__).joinpath(FLOORS_RESOURCE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GoldDataError(f"cannot read the floors file {path or FLOORS_RESOURCE}: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldDataError(f"floors file {path or FLOORS_RESOURCE} is not a mapping")
    floors: dict[str, dict[str, float]] = {}
    for dataset, entries in data.items():
        if not isinstance(entries, dict):
            raise GoldDataError(f"floors for {dataset!r} are not a mapping of metric: number")
        try:
            floors[str(dataset)] = {str(k): float(v) for k, v in entries.items()}
        except (TypeError, ValueError) as exc:
            raise GoldDataError(f"floors for {dataset!r} must be numbers: {exc}") from exc
    return floors


def floor_failures(scores: Mapping[str, Optional[float]],
                   floors: Mapping[str, float]) -> list[FloorFailure]:
    """Every floor in ``floors`` that ``scores`` do not reach, in the floors' order.

    A score that is None (nothing could be scored) counts as 0.0. A floor for a metric the report
    does not have is a failure too, so a misspelt floor cannot pass unnoticed.
    """
    failures: list[FloorFailure] = []
    for metric, floor in floors.items():
        if metric not in scores:
            failures.append(FloorFailure(metric, None, floor, "no such metric in the report"))
            continue
        value = scores[metric]
        if (0.0 if value is None else value) < floor - _TOLERANCE:
            failures.append(FloorFailure(metric, value, floor))
    return failures


def run_dataset(dataset: str, data_dir: Optional[Path] = None, report_path: Optional[Path] = None,
                check_floors: bool = False, out: TextIO = sys.stdout, *, coder: Any = None,
                floors: Optional[Mapping[str, Mapping[str, float]]] = None,
                progress: Optional[bool] = None) -> int:
    """Score ``dataset``, print the readable report to ``out``, write the JSON report.

    The report goes to ``report_path`` (default ``eval-report-DATASET.json`` in the current
    directory); it records the floor check under ``"floors"``. ``coder`` defaults to
    ``Coder.load()``; ``floors`` to the packaged floors. Returns 0, or 1 when ``check_floors``
    is set and a metric is below its floor (or the data set has no floors). Raises
    ``GoldDataError`` for an unknown data set or missing gold data.
    """
    if dataset != plover_gsr.DATASET:
        raise GoldDataError(f"unknown data set {dataset!r}; known: {', '.join(DATASETS)}")
    folder = find_dataset_dir(plover_gsr.FOLDER, plover_gsr.FILENAME, data_dir)
    gold = plover_gsr.load_gold(folder / plover_gsr.FILENAME)
    if coder is None:
        from ..pipeline import Coder

        log.info("loading the coder")
        coder = Coder.load()
    report = plover_gsr.evaluate(coder, gold, progress=progress)
    plover_gsr.print_report(report, out)

    code = 0
    if check_floors:
        recorded = load_floors() if floors is None else floors
        dataset_floors = recorded.get(dataset)
        if not dataset_floors:
            failures = [FloorFailure("(all)", None, 0.0, f"no floors recorded for {dataset}")]
        else:
            failures = floor_failures(report["metrics"], dataset_floors)
        report["floors"] = {"checked": True, "floors": dict(dataset_floors or {}),
                            "failures": [str(f) for f in failures]}
        out.write("\n")
        if failures:
            out.write(f"FLOORS FAILED for {dataset}:\n")
            out.writelines(f"  {failure}\n" for failure in failures)
            code = 1
        else:
            out.write(f"floors met for {dataset}: " + ", ".join(
                f"{metric} >= {floor:g}" for metric, floor in dataset_floors.items()) + "\n")
    else:
        report["floors"] = {"checked": False}

    path = Path(report_path) if report_path is not None else Path.cwd() / f"eval-report-{dataset}.json"
    plover_gsr.write_report(report, path)
    out.write(f"report written to {path}\n")
    return code
