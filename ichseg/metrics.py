"""Segmentation and detection metrics (numpy only).

Conventions:
    * Masks are compared as booleans (non-zero is foreground).
    * Dice and IoU of two empty masks are 1.0 (perfect agreement on "no bleed").
    * The Hssayeni et al. (2020) protocol: Dice is computed on the slices whose ground
      truth shows haemorrhage, averaged per patient, then averaged across patients that have
      at least one such slice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np


def dice(pred: np.ndarray, truth: np.ndarray) -> float:
    """Dice coefficient ``2|A∩B| / (|A|+|B|)``.

    Args:
        pred: Predicted mask, any shape.
        truth: Ground-truth mask, same shape.

    Returns:
        Dice in [0, 1]; 1.0 when both are empty.
    """
    p = np.asarray(pred).astype(bool)
    t = np.asarray(truth).astype(bool)
    if p.shape != t.shape:
        raise ValueError(f"mask shapes differ: {p.shape} vs {t.shape}")
    total = int(p.sum()) + int(t.sum())
    if total == 0:
        return 1.0
    return 2.0 * int(np.logical_and(p, t).sum()) / total


def iou(pred: np.ndarray, truth: np.ndarray) -> float:
    """Intersection over union ``|A∩B| / |A∪B|``.

    Args:
        pred: Predicted mask, any shape.
        truth: Ground-truth mask, same shape.

    Returns:
        IoU in [0, 1]; 1.0 when both are empty.
    """
    p = np.asarray(pred).astype(bool)
    t = np.asarray(truth).astype(bool)
    if p.shape != t.shape:
        raise ValueError(f"mask shapes differ: {p.shape} vs {t.shape}")
    union = int(np.logical_or(p, t).sum())
    if union == 0:
        return 1.0
    return int(np.logical_and(p, t).sum()) / union


def hssayeni_dice(per_patient: Mapping[str, Iterable[tuple[np.ndarray, np.ndarray]]]) -> float:
    """Patient-averaged Dice over bleeding slices (Hssayeni et al. 2020).

    Args:
        per_patient: Patient id -> iterable of ``(pred, truth)`` mask pairs.

    Returns:
        Mean over patients (with at least one bleeding slice) of the mean Dice over that
        patient's bleeding slices; ``nan`` when no patient has a bleeding slice.
    """
    means = []
    for pairs in per_patient.values():
        scores = [dice(p, t) for p, t in pairs if np.asarray(t).any()]
        if scores:
            means.append(float(np.mean(scores)))
    return float(np.mean(means)) if means else float("nan")


def per_class_auc(scores: np.ndarray, labels: np.ndarray, names: Sequence[str]) -> dict[str, float]:
    """ROC AUC of each column of a multi-label score matrix.

    Args:
        scores: ``(N, K)`` scores, higher means more likely positive.
        labels: ``(N, K)`` 0/1 ground truth.
        names: ``K`` class names, in column order.

    Returns:
        Class name -> AUC (``nan`` where a class has no positive or no negative).

    Raises:
        ValueError: When the shapes disagree with each other or with ``names``.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    if s.shape != y.shape or s.ndim != 2 or s.shape[1] != len(names):
        raise ValueError(f"scores {s.shape} and labels {y.shape} do not match {len(names)} names")
    return {n: roc_auc(s[:, k].tolist(), y[:, k].tolist()) for k, n in enumerate(names)}


def roc_auc(scores: Sequence[float], labels: Sequence[int | bool]) -> float:
    """Area under the ROC curve (Mann-Whitney U with mid-ranks for ties).

    Args:
        scores: Predicted scores, higher means more likely positive.
        labels: 0/1 ground truth, same length.

    Returns:
        AUC in [0, 1]; ``nan`` when only one class is present.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels).astype(bool)
    if s.shape != y.shape:
        raise ValueError("scores and labels differ in length")
    n_pos = int(y.sum())
    n_neg = int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    u = ranks[y].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def confusion_at(scores: Sequence[float], labels: Sequence[int | bool], threshold: float) -> dict:
    """Sensitivity/specificity counts at a threshold.

    Args:
        scores: Predicted scores.
        labels: 0/1 ground truth.
        threshold: Scores at or above it are called positive.

    Returns:
        Dict with ``tp, fp, tn, fn, sensitivity, specificity`` (rates ``nan`` if undefined).
    """
    s = np.asarray(scores, dtype=np.float64) >= threshold
    y = np.asarray(labels).astype(bool)
    tp = int((s & y).sum())
    fp = int((s & ~y).sum())
    tn = int((~s & ~y).sum())
    fn = int((~s & y).sum())
    sens = tp / (tp + fn) if tp + fn else float("nan")
    spec = tn / (tn + fp) if tn + fp else float("nan")
    return {"tp": tp, "fp": fp, "tn": tn, "fn": fn, "sensitivity": sens, "specificity": spec}
