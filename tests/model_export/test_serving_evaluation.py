import numpy as np
import pytest

from ichseg.spec import PreprocessSpec
from model_export.evaluate import PatientSlices, predict_probabilities, score, tune
from model_export.model_card import render_card

SPEC = PreprocessSpec(input_height=16, input_width=16, context_slices=0, min_component_px=0)


def _patients() -> list[PatientSlices]:
    # Patient A: slice 1 bleeds (a 16x16 box at 64x64); patient B: clean.
    disp = np.full((3, 64, 64), 50, np.uint8)
    masks = np.zeros((3, 64, 64), bool)
    masks[1, 16:32, 16:32] = True
    disp[1][masks[1]] = 220
    clean = PatientSlices("B", np.full((2, 64, 64), 50, np.uint8), np.zeros((2, 64, 64), bool))
    return [PatientSlices("A", disp, masks), clean]


def _bright(x: np.ndarray) -> np.ndarray:
    return (x[..., 0] > 0.6).astype(np.float32) * 0.9 + 0.05


def test_perfect_model_scores_one_through_the_serving_path():
    patients = _patients()
    probs = predict_probabilities(patients, SPEC, _bright)
    assert probs["A"].shape == (3, 16, 16)
    r = score(probs, patients, SPEC)
    # Bilinear upsampling of the 16x16 map softens the box edges by a pixel or so.
    assert r["dice"] == pytest.approx(1.0, abs=0.02)
    assert r["iou"] == pytest.approx(1.0, abs=0.03)
    assert r["slice_auc"] == pytest.approx(1.0)
    assert r["scan_sensitivity"] == 1.0 and r["scan_specificity"] == 1.0
    assert r["per_patient"]["A"]["flagged"] and not r["per_patient"]["B"]["flagged"]
    assert r["per_patient"]["B"]["dice"] is None


def test_a_false_positive_speck_flags_a_clean_scan_unless_removed():
    patients = _patients()
    probs = predict_probabilities(patients, SPEC, _bright)
    probs["B"][0, 2, 2] = 0.95
    assert score(probs, patients, SPEC)["scan_specificity"] == 0.0
    spec = SPEC.model_copy(update={"min_component_px": 2})
    assert score(probs, patients, spec)["scan_specificity"] == 1.0


def test_tune_picks_thresholds_that_remove_specks_and_never_go_below_threshold():
    patients = _patients()
    probs = predict_probabilities(patients, SPEC, _bright)
    probs["B"][0, 2, 2] = 0.95
    tuned, grid = tune(probs, patients, SPEC, thresholds=(0.5,), min_components=(0, 2))
    assert tuned.min_component_px == 2
    assert tuned.slice_threshold >= tuned.threshold
    assert any("slice_threshold" in row for row in grid)


def test_model_card_reports_metrics_split_and_citations():
    patients = _patients()
    val = score(predict_probabilities(patients, SPEC, _bright), patients, SPEC)
    facts = {
        "spec": SPEC.model_dump(),
        "sha256": "ab" * 32,
        "size_bytes": 1234567,
        "params": 1000,
        "date": "2026-01-01 00:00 UTC",
        "command": "python -m training --config configs/default.yaml",
        "export_command": "python -m model_export --run-dir runs/train",
        "train": {
            "train_patients": ["C"],
            "val_patients": ["A", "B"],
            "seed": 1,
            "batch_size": 16,
            "bleed_fraction": 0.45,
            "steps": 10,
            "wall_minutes": 1.0,
            "train_images_per_s": 5.0,
            "best_epoch": 1,
        },
        "val": val,
        "parity": {"random": 1e-6, "reference": 2e-6},
        "failure_modes": ["tiny bleeds"],
        "limits": ["data"],
        "improvements": ["more data"],
    }
    card = render_card(facts)
    assert "doi.org/10.13026/4nae-zg36" in card and "Data*, 5(1), 14" in card
    assert "Creative Commons Attribution 4.0" in card
    assert "Not a diagnostic device" in card
    assert "| A | 3 | 1 | 0.99" in card
    assert "ab" * 32 in card
    assert "Dice >= 0.60: met" in card
