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
from typing import Any, Callable, Mapping, Optional, TextIO

import yaml

from ..errors import GoldDataError
from . import geo, meantime, nonpolitical, plover_gsr, upetr
from .gold import find_dataset_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Dataset:
    """How to load, score and print one gold data set."""

    name: str
    folder: Optional[str]                           # None: packaged set, `load` gets --data or None
    filename: str
    load: Callable[[Path], Any]                     # data set folder -> gold
    evaluate: Callable[..., dict[str, Any]]         # (coder, gold, progress=…) -> report
    print_report: Callable[[dict[str, Any], TextIO], None]
    write_report: Callable[[dict[str, Any], Path], None]


_REGISTRY = {
    d.name: d for d in (
        _Dataset(plover_gsr.DATASET, plover_gsr.FOLDER, plover_gsr.FILENAME,
                 lambda folder: plover_gsr.load_gold(folder / plover_gsr.FILENAME),
                 plover_gsr.evaluate, plover_gsr.print_report, plover_gsr.write_report),
        _Dataset(meantime.DATASET, meantime.FOLDER, meantime.FILENAME, meantime.load_gold,
                 meantime.evaluate, meantime.print_report, meantime.write_report),
        _Dataset(geo.GEOWEBNEWS.name, geo.GEOWEBNEWS.folder, geo.GEOWEBNEWS.filename,
                 geo.GEOWEBNEWS.load_gold, geo.GEOWEBNEWS.evaluate, geo.print_report,
                 geo.write_report),
        _Dataset(geo.TRNEWS.name, geo.TRNEWS.folder, geo.TRNEWS.filename,
                 geo.TRNEWS.load_gold, geo.TRNEWS.evaluate, geo.print_report,
                 geo.write_report),
        _Dataset(upetr.DATASET, upetr.FOLDER, upetr.FILENAME, upetr.load_gold,
                 upetr.evaluate, upetr.print_report, upetr.write_report),
        _Dataset(nonpolitical.DATASET, None, nonpolitical.RESOURCE, nonpolitical.load_gold,
                 nonpolitical.evaluate, nonpolitical.print_report, nonpolitical.write_report),
    )
}
DATASETS = tuple(_REGISTRY)
# Extra floors checked by `eval plover-gsr --fields` (field-level scores of the same run).
FIELDS_SECTION = "plover-gsr-fields"
FLOORS_RESOURCE = "floors.yaml"
# Scores are floats written to a few decimals; a score equal to its floor passes.
_TOLERANCE = 1e-9
# A floors key "max_METRIC" caps METRIC from above (false-positive rates).
MAX_PREFIX = "max_"

__all__ = ["run_dataset", "load_floors", "floor_failures", "FloorFailure", "DATASETS"]


@dataclass(frozen=True)
class FloorFailure:
    """A metric below its recorded floor, or a floor that cannot be checked."""

    metric: str
    value: Optional[float]
    floor: float
    reason: str = "below floor"

    def __str__(self) -> str:
        shown = "none scored" if self.value is None else f"{self.value:.4f}"
        if self.reason == "above maximum":
            return f"{self.metric} {shown} > maximum {self.floor:.4f}"
        if self.reason != "below floor":
            return f"{self.metric}: {self.reason}"
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

    A key ``max_METRIC`` is a ceiling instead: ``METRIC`` must not exceed it (error rates).
    A score that is None (nothing could be scored) counts as 0.0 against a floor and fails a
    ceiling. A floor for a metric the report does not have is a failure too, so a misspelt floor
    cannot pass unnoticed.
    """
    failures: list[FloorFailure] = []
    for key, floor in floors.items():
        ceiling = key.startswith(MAX_PREFIX)
        metric = key[len(MAX_PREFIX):] if ceiling else key
        if metric not in scores:
            failures.append(FloorFailure(key, None, floor, "no such metric in the report"))
            continue
        value = scores[metric]
        if ceiling:
            if value is None or value > floor + _TOLERANCE:
                failures.append(FloorFailure(metric, value, floor, "above maximum"))
        elif (0.0 if value is None else value) < floor - _TOLERANCE:
            failures.append(FloorFailure(metric, value, floor))
    return failures


def run_dataset(dataset: str, data_dir: Optional[Path] = None, report_path: Optional[Path] = None,
                check_floors: bool = False, out: TextIO = sys.stdout, *, coder: Any = None,
                floors: Optional[Mapping[str, Mapping[str, float]]] = None,
                progress: Optional[bool] = None, fields: bool = False) -> int:
    """Score ``dataset``, print the readable report to ``out``, write the JSON report.

    ``dataset`` is one of ``DATASETS``. The report goes to ``report_path`` (default
    ``eval-report-DATASET.json`` in the current directory); it records the floor check under
    ``"floors"``. ``coder`` defaults to ``Coder.load()``; ``floors`` to the packaged floors.
    ``fields`` (plover-gsr only) also checks the field-level floors (``plover-gsr-fields``:
    casualty counts). Returns 0, or 1 when ``check_floors`` is set and a metric is below its
    floor (or the data set has no floors). Raises ``GoldDataError`` for an unknown data set or
    missing gold data.
    """
    spec = _REGISTRY.get(dataset)
    if spec is None:
        raise GoldDataError(f"unknown data set {dataset!r}; known: {', '.join(DATASETS)}")
    if fields and dataset != plover_gsr.DATASET:
        raise GoldDataError(f"--fields applies to {plover_gsr.DATASET} only, not {dataset}")
    folder = find_dataset_dir(spec.folder, spec.filename, data_dir) if spec.folder else data_dir
    gold = spec.load(folder)
    if coder is None:
        from ..pipeline import Coder

        log.info("loading the coder")
        coder = Coder.load()
    report = spec.evaluate(coder, gold, progress=progress)
    spec.print_report(report, out)

    code = 0
    if check_floors:
        recorded = load_floors() if floors is None else floors
        sections = [dataset] + ([FIELDS_SECTION] if fields else [])
        dataset_floors: dict[str, float] = {}
        failures: list[FloorFailure] = []
        for section in sections:
            section_floors = dict(recorded.get(section) or {})
            if not section_floors:
                failures.append(FloorFailure("(all)", None, 0.0, f"no floors recorded for {section}"))
            dataset_floors.update(section_floors)
            failures += floor_failures(report["metrics"], section_floors)
        report["floors"] = {"checked": True, "floors": dataset_floors,
                            "failures": [str(f) for f in failures]}
        out.write("\n")
        if failures:
            out.write(f"FLOORS FAILED for {dataset}:\n")
            out.writelines(f"  {failure}\n" for failure in failures)
            code = 1
        else:
            out.write(f"floors met for {dataset}: " + ", ".join(
                f"{metric[len(MAX_PREFIX):]} <= {floor:g}" if metric.startswith(MAX_PREFIX)
                else f"{metric} >= {floor:g}" for metric, floor in dataset_floors.items()) + "\n")
    else:
        report["floors"] = {"checked": False}

    path = Path(report_path) if report_path is not None else Path.cwd() / f"eval-report-{dataset}.json"
    spec.write_report(report, path)
    out.write(f"report written to {path}\n")
    return code
