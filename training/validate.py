"""Validation metrics on held-out patients, computed the way serving post-processes.

The post-processing and the slice calls are serving's own
(:func:`ichseg.predict.predict_from_heads`, :func:`ichseg.postprocess.scan_verdict`), run
at model resolution.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ichseg.metrics import confusion_at, hssayeni_dice, iou, per_class_auc, roc_auc
from ichseg.ports import ModelOutput
from ichseg.predict import predict_from_heads
from ichseg.spec import PreprocessSpec


def volume_metrics(
    probs: Mapping[str, np.ndarray],
    truths: Mapping[str, np.ndarray],
    spec: PreprocessSpec,
) -> dict:
    """Segmentation and detection metrics over patients at model resolution.

    Args:
        probs: Patient id -> ``(N, h, w)`` ``float32`` model probabilities.
        truths: Patient id -> ``(N, h, w)`` 0/1 masks at the same resolution.
        spec: Threshold, speck size and slice threshold to apply.

    Returns:
        Dict with ``dice`` (Hssayeni protocol), ``iou`` (same averaging), ``slice_auc``,
        ``slice_sensitivity``/``slice_specificity`` of serving's slice calls (score at or
        above ``spec.slice_threshold`` and a non-empty mask) and
        ``per_patient`` (id -> dice, iou, bleeding slices, max slice probability).
    """
    pairs: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    scores: list[float] = []
    calls: list[float] = []
    labels: list[int] = []
    per_patient: dict[str, dict] = {}
    ious: list[float] = []
    for pid in sorted(probs):
        prob, truth = probs[pid], truths[pid]
        plist = []
        result = predict_from_heads(
            ModelOutput(prob=np.asarray(prob, np.float32)),
            [t.shape for t in truth],
            spec,
            keep_probabilities=False,
        )
        pat_scores = [float(s) for s in result.slice_scores]
        for mask, t, s, called in zip(
            result.masks, truth, pat_scores, result.verdict.slice_calls, strict=True
        ):
            plist.append((mask > 0, t.astype(bool)))
            scores.append(s)
            calls.append(float(called))
            labels.append(int(t.any()))
        pairs[pid] = plist
        bleeding = [(p, t) for p, t in plist if t.any()]
        pdice = hssayeni_dice({pid: plist}) if bleeding else float("nan")
        piou = float(np.mean([iou(p, t) for p, t in bleeding])) if bleeding else float("nan")
        if bleeding:
            ious.append(piou)
        per_patient[pid] = {
            "dice": pdice,
            "iou": piou,
            "bleeding_slices": len(bleeding),
            "max_slice_prob": float(max(pat_scores)) if pat_scores else 0.0,
        }
    conf = confusion_at(calls, labels, 0.5)
    return {
        "dice": hssayeni_dice(pairs),
        "iou": float(np.mean(ious)) if ious else float("nan"),
        "slice_auc": roc_auc(scores, labels),
        "slice_sensitivity": conf["sensitivity"],
        "slice_specificity": conf["specificity"],
        "per_patient": per_patient,
    }


def subtype_aucs(
    scores: Mapping[str, np.ndarray],
    labels: Mapping[str, np.ndarray],
    names: Sequence[str] | None = None,
) -> dict[str, float]:
    """Per-class slice-level ROC AUC of a subtype head.

    Args:
        scores: Patient id -> ``(N, K)`` ``float32`` subtype probabilities.
        labels: Patient id -> ``(N, K)`` 0/1 labels, same order.
        names: Class names (default: :data:`training.data.SUBTYPES`).

    Returns:
        Class name -> AUC over all slices of all patients (``nan`` where the held-out
        slices hold no positive or no negative of that class).
    """
    if names is None:
        from training.data import SUBTYPES

        names = SUBTYPES
    ids = sorted(scores)
    if not ids:
        return {n: float("nan") for n in names}
    s = np.concatenate([np.asarray(scores[p], np.float64) for p in ids])
    y = np.concatenate([np.asarray(labels[p]) for p in ids])
    return per_class_auc(s, y, names)


def slice_head_auc(scores: Mapping[str, np.ndarray], truths: Mapping[str, np.ndarray]) -> float:
    """Slice-level ROC AUC of the learned slice score against the masks.

    Args:
        scores: Patient id -> ``(N,)`` ``float32`` slice probabilities.
        truths: Patient id -> ``(N, h, w)`` 0/1 masks (a slice bleeds when non-empty).

    Returns:
        The AUC over all slices of all patients (``nan`` without both classes).
    """
    ids = sorted(scores)
    s = [float(v) for p in ids for v in np.asarray(scores[p]).ravel()]
    y = [int(t.any()) for p in ids for t in truths[p]]
    return roc_auc(s, y)
