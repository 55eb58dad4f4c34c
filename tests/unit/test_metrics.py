"""Metrics against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ichseg.metrics import confusion_at, dice, hssayeni_dice, iou, roc_auc


def _mask(cells: list[tuple[int, int]], shape: tuple[int, int] = (4, 4)) -> np.ndarray:
    m = np.zeros(shape, dtype=bool)
    for r, c in cells:
        m[r, c] = True
    return m


def test_dice_and_iou_match_hand_computed_values() -> None:
    """pred has 3 px, truth 2 px, overlap 1: Dice 2*1/5 = 0.4, IoU 1/4 = 0.25."""
    pred = _mask([(0, 0), (0, 1), (1, 1)])
    truth = _mask([(0, 0), (2, 2)])
    assert dice(pred, truth) == pytest.approx(0.4)
    assert iou(pred, truth) == pytest.approx(0.25)


def test_two_empty_masks_agree_perfectly() -> None:
    empty = np.zeros((3, 3), np.uint8)
    assert dice(empty, empty) == 1.0
    assert iou(empty, empty) == 1.0


def test_dice_accepts_0_255_masks() -> None:
    pred = np.array([[255, 0], [0, 0]], np.uint8)
    assert dice(pred, pred) == 1.0


def test_dice_rejects_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="shapes differ"):
        dice(np.zeros((2, 2)), np.zeros((3, 3)))


def test_hssayeni_dice_averages_bleeding_slices_per_patient_then_patients() -> None:
    """Patient A: bleeding slices with Dice 1.0 and 0.0 (mean 0.5); a clean slice is ignored
    even though the prediction there is wrong. Patient B: one slice, Dice 0.4. Patient C has
    no bleeding slice and does not count. Expected (0.5 + 0.4) / 2 = 0.45."""
    t1 = _mask([(0, 0)])
    a = [(t1, t1), (np.zeros((4, 4), bool), _mask([(1, 1)])), (_mask([(3, 3)]), np.zeros((4, 4)))]
    b = [(_mask([(0, 0), (0, 1), (1, 1)]), _mask([(0, 0), (2, 2)]))]
    c = [(_mask([(0, 0)]), np.zeros((4, 4)))]
    assert hssayeni_dice({"A": a, "B": b, "C": c}) == pytest.approx(0.45)


def test_hssayeni_dice_is_nan_without_bleeding_slices() -> None:
    assert math.isnan(hssayeni_dice({"A": [(np.zeros((2, 2)), np.zeros((2, 2)))]}))


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75),  # the classic sklearn example
        ([0.9, 0.8, 0.1], [1, 1, 0], 1.0),
        ([0.1, 0.2, 0.9], [1, 1, 0], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5),  # all ties
        ([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1], 0.875),  # one tie across classes counts 1/2
    ],
)
def test_roc_auc_matches_hand_computed_values(scores, labels, expected) -> None:  # type: ignore[no-untyped-def]
    assert roc_auc(scores, labels) == pytest.approx(expected)


def test_roc_auc_is_nan_with_one_class() -> None:
    assert math.isnan(roc_auc([0.1, 0.2], [1, 1]))


def test_confusion_counts_at_threshold() -> None:
    c = confusion_at([0.9, 0.6, 0.4, 0.1], [1, 0, 1, 0], 0.5)
    assert (c["tp"], c["fp"], c["tn"], c["fn"]) == (1, 1, 1, 1)
    assert c["sensitivity"] == 0.5
    assert c["specificity"] == 0.5


def test_per_class_auc_scores_each_column_and_checks_shapes() -> None:
    """scores/labels (3, 2): column A separates perfectly, column B has no positive."""
    from ichseg.metrics import per_class_auc

    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.3]])
    labels = np.array([[1, 0], [0, 0], [0, 0]])
    aucs = per_class_auc(scores, labels, ("A", "B"))
    assert aucs["A"] == pytest.approx(1.0) and np.isnan(aucs["B"])
    with pytest.raises(ValueError, match="do not match"):
        per_class_auc(scores, labels, ("A",))
