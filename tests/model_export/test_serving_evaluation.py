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
    assert "Subtype head" not in card
    head_spec = SPEC.model_copy(update={"subtypes": ("Epidural", "Subdural")}).model_dump()
    facts |= {
        "spec": head_spec,
        "subtypes": {
            "auc": {"Epidural": 0.875, "Subdural": float("nan")},
            "positives": {"Epidural": 3, "Subdural": 0},
            "slices": 5,
        },
    }
    card = render_card(facts)
    assert "output `subtype` (N, 2) float32 (Epidural, Subdural)" in card
    assert "| Epidural | 3 | 0.875 |" in card and "| Subdural | 0 | nan |" in card


def test_subtype_auc_per_class_uses_slices_csv_labels_by_slice_number():
    """Scores (N, 2) per patient; labels keyed by (patient number, slice number)."""
    from model_export.evaluate import subtype_scores_auc

    a = PatientSlices("001", np.zeros((3, 4, 4), np.uint8), np.zeros((3, 4, 4), bool))
    a.slice_numbers = np.array([10, 11, 12])
    b = PatientSlices("002", np.zeros((2, 4, 4), np.uint8), np.zeros((2, 4, 4), bool))
    b.slice_numbers = np.array([1, 2])
    labels = {(1, 11): np.array([1, 0], np.uint8), (2, 2): np.array([1, 0], np.uint8)}
    scores = {
        "001": np.array([[0.1, 0.5], [0.9, 0.5], [0.2, 0.5]], np.float32),
        "002": np.array([[0.3, 0.5], [0.8, 0.5]], np.float32),
    }
    r = subtype_scores_auc(scores, [a, b], labels, ("Epidural", "Subdural"))
    assert r["auc"]["Epidural"] == pytest.approx(1.0)
    assert np.isnan(r["auc"]["Subdural"])  # no positive slice
    assert r["positives"] == {"Epidural": 2, "Subdural": 0} and r["slices"] == 5
    scores["002"][1, 0] = 0.0  # a positive now ranks below every negative but one
    assert subtype_scores_auc(scores, [a, b], labels, ("Epidural", "Subdural"))["auc"][
        "Epidural"
    ] == pytest.approx(0.5)
