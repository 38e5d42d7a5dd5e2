"""Scoring arithmetic, checked against small cases computed by hand."""

from __future__ import annotations

import pytest

from eventwire.eval.metrics import (
    Score,
    bootstrap_interval,
    classification_outcomes,
    confusion,
    f1,
    ratio,
    score_labels,
)


def test_ratio_and_f1_by_hand():
    assert ratio(1, 4) == 0.25
    assert ratio(3, 0) == 0.0
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert f1(0.0, 0.0) == 0.0


def test_score_properties():
    score = Score(correct_predicted=3, predicted=4, found=3, support=6)
    assert score.precision == 0.75
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(0.6)
    assert score.to_dict()["support"] == 6


# gold: A twice (one found), B once (found), C once (missed)
# predictions: A right, B right, B wrong, D wrong (D never in gold)
GOLD = [("A", True), ("A", False), ("B", True), ("C", False)]
PREDICTIONS = [("A", True), ("B", True), ("B", False), ("D", False)]


def test_per_label_scores_by_hand():
    scores = score_labels(GOLD, PREDICTIONS)
    a, b, c, d = (scores.per_label[k] for k in "ABCD")
    assert (a.precision, a.recall) == (1.0, 0.5)
    assert a.f1 == pytest.approx(2 / 3)
    assert (b.precision, b.recall) == (0.5, 1.0)
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)
    assert (d.precision, d.support, d.predicted) == (0.0, 0, 1)


def test_micro_and_macro_differ_and_macro_ignores_labels_absent_from_gold():
    scores = score_labels(GOLD, PREDICTIONS)
    assert scores.micro.precision == 0.5            # 2 right of 4 predictions
    assert scores.micro.recall == 0.5               # 2 found of 4 gold
    assert scores.micro.f1 == 0.5
    # over A, B, C only: (2/3 + 2/3 + 0) / 3; with D it would be 1/3
    assert scores.macro_f1 == pytest.approx(4 / 9)
    assert scores.macro_precision == pytest.approx((1.0 + 0.5 + 0.0) / 3)
    assert scores.macro_recall == pytest.approx((0.5 + 1.0 + 0.0) / 3)


def test_macro_rewards_rare_labels_that_micro_hides():
    gold = [("BIG", True)] * 9 + [("RARE", False)]
    predictions = [("BIG", True)] * 9 + [("BIG", False)]
    scores = score_labels(gold, predictions)
    assert scores.micro.recall == 0.9
    assert scores.macro_f1 == pytest.approx((2 * 0.9 * 1.0 / 1.9 + 0.0) / 2)


def test_requested_labels_come_first_even_without_support():
    scores = score_labels(GOLD, PREDICTIONS, labels=("Z", "B"))
    assert list(scores.per_label) == ["Z", "B", "A", "C", "D"]
    assert scores.per_label["Z"].support == 0
    assert scores.macro_f1 == pytest.approx(4 / 9)


def test_classification_outcomes_treat_none_as_no_prediction():
    gold, predictions = classification_outcomes([("A", "A"), ("A", "NONE"), ("B", "A")])
    assert gold == [("A", True), ("A", False), ("B", False)]
    assert predictions == [("A", True), ("A", False)]


def test_confusion_counts_pairs_and_omits_empty_cells():
    table = confusion([("A", "A"), ("A", "B"), ("A", "A"), ("C", "NONE")])
    assert table == {"A": {"A": 2, "B": 1}, "C": {"NONE": 1}}
    assert list(table) == ["A", "C"]


def _mean(values):
    return sum(values) / len(values)


def test_bootstrap_is_deterministic_for_a_seed():
    units = [1.0] * 30 + [0.0] * 20
    first = bootstrap_interval(units, _mean, resamples=500, seed=0)
    again = bootstrap_interval(units, _mean, resamples=500, seed=0)
    other = bootstrap_interval(units, _mean, resamples=500, seed=1)
    assert first == again
    assert first != other


def test_bootstrap_interval_contains_the_point_estimate():
    units = [1.0] * 30 + [0.0] * 20
    low, high = bootstrap_interval(units, _mean)
    assert low < _mean(units) < high
    assert 0.4 < low and high < 0.8      # roughly 0.6 +- 2 * sqrt(0.24 / 50)


def test_bootstrap_of_constant_data_is_a_point_and_empty_data_is_zero():
    assert bootstrap_interval([0.7] * 10, _mean) == pytest.approx((0.7, 0.7))
    assert bootstrap_interval([], _mean) == (0.0, 0.0)


def test_bootstrap_is_not_disturbed_by_the_global_random_state():
    import random

    units = list(range(20))
    random.seed(123)
    first = bootstrap_interval(units, _mean, resamples=200)
    random.seed(999)
    assert bootstrap_interval(units, _mean, resamples=200) == first


@pytest.mark.parametrize("kwargs", [{"level": 1.0}, {"level": 0.0}, {"resamples": 0}])
def test_bootstrap_rejects_bad_parameters(kwargs):
    with pytest.raises(ValueError):
        bootstrap_interval([1.0], _mean, **kwargs)
