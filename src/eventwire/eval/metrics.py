"""Scoring arithmetic for labelled predictions: P/R/F1, per-label and averaged, confusion, bootstrap.

The functions are dataset-agnostic. A data set's scorer turns its matches into two lists:

* *gold outcomes* ``(gold_label, found)`` — one per gold item, ``found`` when a prediction
  recovered it with the right label (recall's numerator and denominator);
* *prediction outcomes* ``(predicted_label, correct)`` — one per prediction that was judged
  against the gold, ``correct`` when its label is right (precision's).

In ordinary one-prediction-per-item classification the two lists count the same matches; keeping
them apart lets a scorer judge several predictions against one gold item.

Undefined ratios (nothing predicted, nothing in gold) are 0.0, scikit-learn's ``zero_division=0``.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

Unit = TypeVar("Unit")

GoldOutcome = tuple[str, bool]
PredictionOutcome = tuple[str, bool]


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 with the counts they come from."""

    correct_predicted: int      # predictions with the right label
    predicted: int              # predictions judged
    found: int                  # gold items recovered with the right label
    support: int                # gold items

    @property
    def precision(self) -> float:
        return ratio(self.correct_predicted, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.support)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support, "predicted": self.predicted,
                "correct_predicted": self.correct_predicted, "found": self.found}


@dataclass(frozen=True)
class LabelScores:
    """Per-label scores plus their micro and macro averages."""

    per_label: dict[str, Score]
    micro: Score
    macro_f1: float             # mean F1 over the labels that occur in gold
    macro_precision: float
    macro_recall: float


def score_labels(gold: Iterable[GoldOutcome], predictions: Iterable[PredictionOutcome],
                 labels: Sequence[str] = ()) -> LabelScores:
    """Per-label P/R/F1 and micro/macro averages from gold and prediction outcomes.

    ``per_label`` holds every label in ``labels`` (in that order, even with no support) and then
    any other label met in gold or predictions. Macro averages run over the labels with gold
    support only, so a label nobody annotated cannot drag them down or up.
    """
    support: Counter[str] = Counter()
    found: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for label, hit in gold:
        support[label] += 1
        found[label] += bool(hit)
    for label, right in predictions:
        predicted[label] += 1
        correct[label] += bool(right)

    ordered = list(dict.fromkeys([*labels, *support, *predicted]))
    per_label = {label: Score(correct[label], predicted[label], found[label], support[label])
                 for label in ordered}
    micro = Score(sum(correct.values()), sum(predicted.values()),
                  sum(found.values()), sum(support.values()))
    in_gold = [per_label[label] for label in ordered if support[label]]
    return LabelScores(
        per_label=per_label,
        micro=micro,
        macro_f1=ratio(sum(s.f1 for s in in_gold), len(in_gold)),
        macro_precision=ratio(sum(s.precision for s in in_gold), len(in_gold)),
        macro_recall=ratio(sum(s.recall for s in in_gold), len(in_gold)),
    )


def classification_outcomes(pairs: Iterable[tuple[str, str]], none_label: str = "NONE",
                            ) -> tuple[list[GoldOutcome], list[PredictionOutcome]]:
    """Gold and prediction outcomes for one-prediction-per-item classification.

    ``pairs`` are ``(gold_label, predicted_label)``; a predicted ``none_label`` means nothing was
    predicted for that item: a miss for recall, and no prediction for precision.
    """
    gold: list[GoldOutcome] = []
    predictions: list[PredictionOutcome] = []
    for gold_label, predicted_label in pairs:
        gold.append((gold_label, predicted_label == gold_label))
        if predicted_label != none_label:
            predictions.append((predicted_label, predicted_label == gold_label))
    return gold, predictions


def confusion(pairs: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, dict[Hashable, int]]:
    """Counts of ``(gold, predicted)`` pairs as ``{gold: {predicted: n}}``, omitting zero cells.

    Rows and columns keep the order in which labels are first met.
    """
    table: dict[Hashable, dict[Hashable, int]] = defaultdict(dict)
    for gold_label, predicted_label in pairs:
        row = table[gold_label]
        row[predicted_label] = row.get(predicted_label, 0) + 1
    return dict(table)


def bootstrap_interval(units: Sequence[Unit], statistic: Callable[[Sequence[Unit]], float],
                       resamples: int = 1000, seed: int = 0, level: float = 0.95,
                       ) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic`` over ``units`` resampled with replacement.

    The same units, statistic, resample count and seed give the same interval on every run (the
    generator is private, so other code's use of ``random`` does not disturb it). With no units
    the interval is ``(0.0, 0.0)``.
    """
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must lie strictly between 0 and 1, got {level}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}")
    if not units:
        return (0.0, 0.0)
    rng = random.Random(seed)
    n = len(units)
    values = sorted(statistic([units[rng.randrange(n)] for _ in range(n)])
                    for _ in range(resamples))
    tail = (1.0 - level) / 2.0
    return (_percentile(values, tail), _percentile(values, 1.0 - tail))


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolated ``q`` quantile (0..1) of already sorted values."""
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    weight = position - low
    return sorted_values[low] * (1.0 - weight) + sorted_values[high] * weight
