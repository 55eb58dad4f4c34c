"""Evaluate predicted masks and reports against ground-truth masks (numpy + Pillow).

Ground truth is laid out as in CT-ICH: ``TRUTH/PPP/SSS.png`` (one folder per patient) or a
single folder of mask PNGs. Predictions are ``ichseg segment`` output folders
(``PRED/PPP/masks/*.png`` + ``PRED/PPP/report.json``, or one output folder). Masks are
matched by position in natural sort order, which is the order ``ichseg segment`` reads a
folder of slices in.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ichseg.errors import InputError
from ichseg.metrics import confusion_at, dice, hssayeni_dice, iou, roc_auc
from ichseg.outputs import MASKS_DIR, REPORT_NAME

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


def natural_key(name: str) -> list[Any]:
    """Sort key that orders ``2.png`` before ``10.png``.

    Args:
        name: A file name.

    Returns:
        A list of alternating text and integer parts.
    """
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def list_images(folder: Path) -> list[Path]:
    """Image files of a folder in natural order.

    Args:
        folder: A folder.

    Returns:
        Paths of PNG/JPEG files, naturally sorted.
    """
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    return sorted(files, key=lambda p: natural_key(p.name))


def load_mask(path: Path) -> np.ndarray:
    """Read a mask PNG as ``bool`` ``(H, W)`` (non-zero is foreground)."""
    with Image.open(path) as im:
        return np.asarray(im.convert("L")) > 0


@dataclass
class CaseResult:
    """Metrics of one scan (patient).

    Attributes:
        case: Patient/scan id.
        n_slices: Slices compared.
        bleeding_slices: Slices whose ground truth shows haemorrhage.
        dice_bleeding: Mean Dice over bleeding slices (``nan`` when none).
        iou_bleeding: Mean IoU over bleeding slices (``nan`` when none).
        predicted_positive: The report's scan verdict.
        scan_probability: The report's scan probability.
        truth_positive: Whether any ground-truth slice bleeds.
        slice_scores: Per-slice probabilities from the report.
        slice_labels: Per-slice ground truth (0/1).
        pairs: ``(pred, truth)`` masks of bleeding slices (for the Hssayeni Dice).
        slice_rows: One row per slice: ``index``, ``truth_bleeding``, ``probability``,
            ``dice``, ``iou`` (Dice/IoU of two empty masks are 1.0).
    """

    case: str
    n_slices: int
    bleeding_slices: int
    dice_bleeding: float
    iou_bleeding: float
    predicted_positive: bool
    scan_probability: float
    truth_positive: bool
    slice_scores: list[float] = field(default_factory=list)
    slice_labels: list[int] = field(default_factory=list)
    pairs: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list, repr=False)
    slice_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)


def evaluate_case(case: str, pred_dir: Path, truth_dir: Path) -> CaseResult:
    """Compare one ``ichseg segment`` output folder with a folder of truth masks.

    Args:
        case: Name of the case.
        pred_dir: Folder with ``masks/`` and ``report.json``.
        truth_dir: Folder of ground-truth mask PNGs.

    Returns:
        The case's metrics.

    Raises:
        InputError: When files are missing or slice counts differ.
    """
    report_path = pred_dir / REPORT_NAME
    if not report_path.is_file():
        raise InputError(f"no report.json in {pred_dir}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    masks_dir = pred_dir / MASKS_DIR
    preds = list_images(masks_dir) if masks_dir.is_dir() else []
    truths = list_images(truth_dir)
    if len(preds) != len(truths) or len(preds) != len(report["slices"]):
        raise InputError(
            f"{case}: {len(preds)} predicted masks, {len(report['slices'])} report slices, "
            f"{len(truths)} truth masks"
        )
    scores, labels, dices, ious, pairs = [], [], [], [], []
    rows: list[dict[str, Any]] = []
    for index, (pred_path, truth_path, entry) in enumerate(
        zip(preds, truths, report["slices"], strict=True), start=1
    ):
        pred = load_mask(pred_path)
        truth = load_mask(truth_path)
        if pred.shape != truth.shape:
            raise InputError(f"{case}: {pred_path.name} is {pred.shape}, truth {truth.shape}")
        bleeding = bool(truth.any())
        rows.append(
            {
                "index": index,
                "truth_bleeding": bleeding,
                "probability": float(entry["probability"]),
                "dice": dice(pred, truth),
                "iou": iou(pred, truth),
            }
        )
        scores.append(float(entry["probability"]))
        labels.append(int(bleeding))
        if bleeding:
            dices.append(dice(pred, truth))
            ious.append(iou(pred, truth))
            pairs.append((pred, truth))
    return CaseResult(
        case=case,
        n_slices=len(truths),
        bleeding_slices=len(dices),
        dice_bleeding=float(np.mean(dices)) if dices else math.nan,
        iou_bleeding=float(np.mean(ious)) if ious else math.nan,
        predicted_positive=bool(report["scan"]["haemorrhage"]),
        scan_probability=float(report["scan"]["probability"]),
        truth_positive=bool(dices),
        slice_scores=scores,
        slice_labels=labels,
        pairs=pairs,
        slice_rows=rows,
    )


def summarise(cases: list[CaseResult]) -> dict[str, Any]:
    """Aggregate case metrics.

    Args:
        cases: Per-case results.

    Returns:
        Dict with ``hssayeni_dice`` (Dice over bleeding slices, averaged per patient, then
        across patients), ``mean_iou_bleeding`` (likewise for IoU), the same two pooled over
        all bleeding slices, ``slices`` (per-slice Dice/IoU rows), ``slice_auc``, slice-level
        sensitivity/specificity of the reported probabilities at 0.5, scan-level confusion of
        the reported verdicts, and ``cases`` (per-case rows).
    """
    scores = [s for c in cases for s in c.slice_scores]
    labels = [y for c in cases for y in c.slice_labels]
    ious = [c.iou_bleeding for c in cases if not math.isnan(c.iou_bleeding)]
    bleeding_rows = [r for c in cases for r in c.slice_rows if r["truth_bleeding"]]
    scan = confusion_at(
        [1.0 if c.predicted_positive else 0.0 for c in cases],
        [c.truth_positive for c in cases],
        0.5,
    )
    return {
        "cases": [
            {
                "case": c.case,
                "n_slices": c.n_slices,
                "bleeding_slices": c.bleeding_slices,
                "dice_bleeding": c.dice_bleeding,
                "iou_bleeding": c.iou_bleeding,
                "truth_positive": c.truth_positive,
                "predicted_positive": c.predicted_positive,
                "scan_probability": c.scan_probability,
            }
            for c in cases
        ],
        "hssayeni_dice": hssayeni_dice({c.case: c.pairs for c in cases}),
        "mean_iou_bleeding": float(np.mean(ious)) if ious else math.nan,
        "pooled_dice_bleeding_slices": (
            float(np.mean([r["dice"] for r in bleeding_rows])) if bleeding_rows else math.nan
        ),
        "pooled_iou_bleeding_slices": (
            float(np.mean([r["iou"] for r in bleeding_rows])) if bleeding_rows else math.nan
        ),
        "slices": [{"case": c.case, **r} for c in cases for r in c.slice_rows],
        "slice_auc": roc_auc(scores, labels),
        "slice_confusion_at_0.5": confusion_at(scores, labels, 0.5),
        "scan_confusion": scan,
        "n_cases": len(cases),
        "n_slices": len(labels),
    }


def find_cases(truth_root: Path) -> list[str]:
    """Case names under a truth root: its sub-folders, or ``""`` when it holds masks itself.

    Args:
        truth_root: Folder of masks, or of per-patient folders of masks.

    Returns:
        Sorted case names (``[""]`` for a single-case folder).
    """
    if not truth_root.is_dir():
        raise InputError(f"truth folder not found: {truth_root}")
    subdirs = sorted((p.name for p in truth_root.iterdir() if p.is_dir()), key=natural_key)
    if subdirs:
        return subdirs
    if list_images(truth_root):
        return [""]
    raise InputError(f"no masks found in {truth_root}")
