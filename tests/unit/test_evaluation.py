"""Evaluation of segment outputs against truth masks, with hand-computed values."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.errors import InputError
from ichseg.evaluation import evaluate_case, find_cases, summarise


def _write_case(
    root: Path,
    preds: list[np.ndarray],
    truths: list[np.ndarray],
    probs: list[float],
    positive: bool,
) -> tuple[Path, Path]:
    pred_dir, truth_dir = root / "pred", root / "truth"
    (pred_dir / "masks").mkdir(parents=True)
    truth_dir.mkdir(parents=True)
    for i, (p, t) in enumerate(zip(preds, truths, strict=True), start=1):
        Image.fromarray(p.astype(np.uint8) * 255).save(pred_dir / "masks" / f"{i:03d}.png")
        Image.fromarray(t.astype(np.uint8) * 255).save(truth_dir / f"{i}.png")
    report = {
        "slices": [{"index": i + 1, "probability": p} for i, p in enumerate(probs)],
        "scan": {"haemorrhage": positive, "probability": max(probs)},
    }
    (pred_dir / "report.json").write_text(json.dumps(report))
    return pred_dir, truth_dir


def test_case_metrics_match_hand_computed_values(tmp_path: Path) -> None:
    """Slice 1 clean (ignored by the bleeding-slice Dice); slice 2: pred 3 px, truth 2 px,
    overlap 1 -> Dice 0.4, IoU 0.25; slice 10 (natural order after 2): exact -> Dice 1."""
    empty = np.zeros((4, 4), bool)
    pred2, truth2 = empty.copy(), empty.copy()
    pred2[0, 0] = pred2[0, 1] = pred2[1, 1] = True
    truth2[0, 0] = truth2[2, 2] = True
    full = empty.copy()
    full[1:3, 1:3] = True
    pred_dir, truth_dir = _write_case(
        tmp_path, [empty, pred2, full], [empty, truth2, full], [0.1, 0.7, 0.9], True
    )
    case = evaluate_case("A", pred_dir, truth_dir)
    assert case.bleeding_slices == 2
    assert case.dice_bleeding == pytest.approx((0.4 + 1.0) / 2)
    assert case.iou_bleeding == pytest.approx((0.25 + 1.0) / 2)
    summary = summarise([case])
    assert summary["hssayeni_dice"] == pytest.approx(0.7)
    assert summary["slice_auc"] == 1.0
    assert summary["scan_confusion"]["tp"] == 1


def test_mismatched_slice_counts_are_a_clear_error(tmp_path: Path) -> None:
    empty = np.zeros((4, 4), bool)
    pred_dir, truth_dir = _write_case(tmp_path, [empty], [empty], [0.1], False)
    Image.fromarray(np.zeros((4, 4), np.uint8)).save(truth_dir / "2.png")
    with pytest.raises(InputError, match="1 predicted masks"):
        evaluate_case("A", pred_dir, truth_dir)


def test_find_cases_lists_patient_folders_or_a_single_case(tmp_path: Path) -> None:
    for name in ("10", "2"):
        (tmp_path / "multi" / name).mkdir(parents=True)
    assert find_cases(tmp_path / "multi") == ["2", "10"]
    (tmp_path / "single").mkdir()
    Image.fromarray(np.zeros((2, 2), np.uint8)).save(tmp_path / "single" / "1.png")
    assert find_cases(tmp_path / "single") == [""]
    with pytest.raises(InputError):
        find_cases(tmp_path / "missing")
