"""Evaluate an exported model through the serving path at full slice resolution.

Each held-out patient's 512x512 display slices go through the serving preprocessing and
the model (:func:`ichseg.predict.model_heads`), then the serving post-processing and verdict
(:func:`ichseg.predict.predict_from_heads`, which :func:`ichseg.predict_scan` runs too),
exactly as ``ichseg segment`` does, and are compared with the original 512x512 masks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ichseg.metrics import confusion_at, dice, iou, per_class_auc, roc_auc
from ichseg.ports import ModelOutput
from ichseg.predict import model_heads, predict_from_heads
from ichseg.spec import PreprocessSpec

PredictFn = Callable[[np.ndarray], np.ndarray]


@dataclass
class PatientSlices:
    """One patient's full-size display slices and masks.

    Attributes:
        patient: Patient id.
        displays: ``(N, H, W)`` ``uint8`` brain-window grey.
        masks: ``(N, H, W)`` ``bool`` ground truth.
        slice_numbers: ``(N,)`` ``int`` slice numbers (file names), in scan order.
    """

    patient: str
    displays: np.ndarray
    masks: np.ndarray
    slice_numbers: np.ndarray | None = None


def read_shared_patient(root: Path, patient: str) -> PatientSlices:
    """Read one patient of the shared CT-ICH layout at full size.

    Args:
        root: Folder with ``images/`` and ``masks/``.
        patient: Zero-padded patient id.

    Returns:
        The patient's slices in slice-number order.
    """
    from PIL import Image

    files = sorted((root / "images" / patient).glob("*.png"), key=lambda p: int(p.stem))
    displays, masks = [], []
    for f in files:
        with Image.open(f) as img:
            displays.append(np.asarray(img.convert("L"), np.uint8))
        mpath = root / "masks" / patient / f.name
        if mpath.exists():
            with Image.open(mpath) as img:
                masks.append(np.asarray(img.convert("L")) > 0)
        else:
            masks.append(np.zeros(displays[-1].shape, bool))
    numbers = np.array([int(f.stem) for f in files])
    return PatientSlices(patient, np.stack(displays), np.stack(masks), numbers)


def predict_probabilities(
    patients: Iterable[PatientSlices], spec: PreprocessSpec, predict: PredictFn
) -> dict[str, np.ndarray]:
    """Model-resolution probabilities for each patient, via the serving preprocessing.

    Args:
        patients: Patients to run.
        spec: The model's spec.
        predict: ``(N, h, w, C)`` -> ``(N, h, w)`` or ``(N, h, w, 1)`` probabilities.

    Returns:
        Patient id -> ``(N, h, w)`` ``float32``.
    """
    out = {}
    for p in patients:
        heads = model_heads(list(p.displays), predict, spec, batch_size=len(p.displays))
        out[p.patient] = heads.prob
    return out


def score(
    probs: dict[str, np.ndarray],
    patients: Sequence[PatientSlices],
    spec: PreprocessSpec,
) -> dict:
    """Serving-path metrics at full resolution for one set of thresholds.

    Slices and scans are called by :func:`ichseg.postprocess.scan_verdict`, as in
    ``report.json`` (no spacing: a scan is flagged when any slice is called).

    Args:
        probs: Patient id -> ``(N, h, w)`` model-resolution probabilities.
        patients: The patients with full-size masks.
        spec: Thresholds to apply.

    Returns:
        Dict: ``dice`` (Hssayeni), ``iou``, ``slice_auc``, slice and scan
        ``sensitivity``/``specificity``, ``per_patient`` rows.
    """
    scores: list[float] = []
    labels: list[int] = []
    calls: list[bool] = []
    rows: dict[str, dict] = {}
    dices: list[float] = []
    ious: list[float] = []
    for p in patients:
        pd, pi = [], []
        n_pos = 0
        pred = predict_from_heads(
            ModelOutput(prob=probs[p.patient]),
            [t.shape for t in p.masks],
            spec,
            keep_probabilities=False,
        )
        flagged = pred.verdict.haemorrhage
        pscores = [float(v) for v in pred.slice_scores]
        for mask8, truth, s, called in zip(
            pred.masks, p.masks, pscores, pred.verdict.slice_calls, strict=True
        ):
            mask = mask8 > 0
            scores.append(s)
            labels.append(int(truth.any()))
            calls.append(called)
            if truth.any():
                n_pos += 1
                pd.append(dice(mask, truth))
                pi.append(iou(mask, truth))
        row = {
            "slices": len(p.masks),
            "bleeding_slices": n_pos,
            "dice": float(np.mean(pd)) if pd else None,
            "iou": float(np.mean(pi)) if pi else None,
            "max_slice_prob": float(max(pscores)) if pscores else 0.0,
            "flagged": flagged,
        }
        rows[p.patient] = row
        if pd:
            dices.append(float(np.mean(pd)))
            ious.append(float(np.mean(pi)))
    slice_conf = confusion_at([float(c) for c in calls], labels, 0.5)
    has = [rows[p.patient]["bleeding_slices"] > 0 for p in patients]
    flags = [rows[p.patient]["flagged"] for p in patients]
    scan_conf = confusion_at([float(f) for f in flags], has, 0.5)
    return {
        "dice": float(np.mean(dices)) if dices else float("nan"),
        "iou": float(np.mean(ious)) if ious else float("nan"),
        "slice_auc": roc_auc(scores, labels),
        "slice_sensitivity": slice_conf["sensitivity"],
        "slice_specificity": slice_conf["specificity"],
        "scan_sensitivity": scan_conf["sensitivity"],
        "scan_specificity": scan_conf["specificity"],
        "scan_tp_fp_tn_fn": [scan_conf[k] for k in ("tp", "fp", "tn", "fn")],
        "per_patient": rows,
    }


def _zero_nan(v: float) -> float:
    return 0.0 if v != v else v


def tune(
    probs: dict[str, np.ndarray],
    patients: Sequence[PatientSlices],
    spec: PreprocessSpec,
    thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7),
    min_components: Sequence[int] = (0, 8, 16, 32, 64, 128, 256),
    slice_thresholds: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99),
) -> tuple[PreprocessSpec, list[dict]]:
    """Grid-search the post-processing thresholds.

    ``threshold`` and ``min_component_px`` maximise Hssayeni Dice + slice-level balanced
    accuracy + scan-level balanced accuracy (Dice alone ignores false positives on clean
    slices and scans); ties prefer larger speck removal, then the lower threshold. Then
    ``slice_threshold`` (never below ``threshold``) maximises scan-level sensitivity +
    specificity, ties broken by slice-level sensitivity + specificity, then by the lower
    slice threshold.

    Args:
        probs: Patient id -> model-resolution probabilities.
        patients: The patients with full-size masks.
        spec: The starting spec.
        thresholds: Pixel thresholds to try.
        min_components: Speck sizes to try.
        slice_thresholds: Slice thresholds to try.

    Returns:
        ``(tuned spec, grid rows)``.
    """
    grid: list[dict] = []
    best_seg: tuple[float, int, float] | None = None
    for t, m in itertools.product(thresholds, min_components):
        cand = spec.model_copy(update={"threshold": t, "min_component_px": m, "slice_threshold": t})
        r = score(probs, patients, cand)
        slice_bal = (r["slice_sensitivity"] + r["slice_specificity"]) / 2
        scan_bal = (r["scan_sensitivity"] + r["scan_specificity"]) / 2
        objective = r["dice"] + _zero_nan(slice_bal) + _zero_nan(scan_bal)
        grid.append(
            {
                "threshold": t,
                "min_component_px": m,
                "dice": r["dice"],
                "iou": r["iou"],
                "slice_sens": r["slice_sensitivity"],
                "slice_spec": r["slice_specificity"],
                "scan_sens": r["scan_sensitivity"],
                "scan_spec": r["scan_specificity"],
                "objective": objective,
            }
        )
        key = (round(objective, 9), m, -t)
        if best_seg is None or key > best_seg:
            best_seg = key
    assert best_seg is not None
    _, m_best, neg_t = best_seg
    t_best = -neg_t
    best_det: tuple[float, float, float] | None = None
    for st in sorted({max(s, t_best) for s in slice_thresholds}):
        cand = spec.model_copy(
            update={"threshold": t_best, "min_component_px": m_best, "slice_threshold": st}
        )
        r = score(probs, patients, cand)
        scan = r["scan_sensitivity"] + r["scan_specificity"]
        sl = r["slice_sensitivity"] + r["slice_specificity"]
        grid.append(
            {
                "threshold": t_best,
                "min_component_px": m_best,
                "slice_threshold": st,
                "scan_sens": r["scan_sensitivity"],
                "scan_spec": r["scan_specificity"],
                "slice_sens": r["slice_sensitivity"],
                "slice_spec": r["slice_specificity"],
            }
        )
        key = (scan, sl, -st)
        if best_det is None or key > best_det:
            best_det = key
    assert best_det is not None
    tuned = spec.model_copy(
        update={"threshold": t_best, "min_component_px": m_best, "slice_threshold": -best_det[2]}
    )
    return tuned, grid


def subtype_scores_auc(
    scores: dict[str, np.ndarray],
    patients: Sequence[PatientSlices],
    labels: dict[tuple[int, int], np.ndarray],
    names: Sequence[str],
) -> dict:
    """Per-class slice-level ROC AUC of a subtype head on held-out patients.

    Args:
        scores: Patient id -> ``(N, K)`` ``float32`` subtype probabilities.
        patients: The patients (their ``slice_numbers`` key the labels).
        labels: ``(patient number, slice number)`` -> ``(K,)`` 0/1 labels (``slices.csv``);
            slices missing from it count as all-negative.
        names: Class names, in output order.

    Returns:
        ``{"auc": {name: AUC}, "positives": {name: positive slices}, "slices": N}``;
        an AUC is ``nan`` where the held-out slices hold no positive of that class.
    """
    s_all, y_all = [], []
    for p in patients:
        if p.slice_numbers is None:
            raise ValueError(f"patient {p.patient}: slice numbers unknown")
        s_all.append(np.asarray(scores[p.patient], np.float64))
        pid = int(p.patient)
        zero = np.zeros(len(names), np.uint8)
        y_all.append(np.stack([labels.get((pid, int(n)), zero) for n in p.slice_numbers]))
    s = np.concatenate(s_all)
    y = np.concatenate(y_all)
    return {
        "auc": per_class_auc(s, y, names),
        "positives": {n: int(y[:, k].sum()) for k, n in enumerate(names)},
        "slices": len(y),
    }
