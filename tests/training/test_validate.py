"""training.validate calls slices with serving's one verdict rule (no TensorFlow needed)."""

from __future__ import annotations

import numpy as np

from ichseg.postprocess import scan_verdict
from ichseg.spec import PreprocessSpec
from model_export.evaluate import PatientSlices, score
from training.validate import volume_metrics

# slice_threshold below the pixel threshold: a slice can score 0.4 with an empty mask
SPEC = PreprocessSpec(
    input_height=16, input_width=16, context_slices=0, min_component_px=0, slice_threshold=0.3
)


def _probs() -> np.ndarray:
    probs = np.full((3, 16, 16), 0.05, np.float32)
    probs[1, 4:8, 4:8] = 0.9  # a bleed: mask and score
    probs[2, 4:8, 4:8] = 0.4  # scores above slice_threshold, but no pixel reaches 0.5
    return probs


def test_validation_evaluation_and_serving_call_the_same_slices() -> None:
    probs = _probs()
    truth = np.zeros((3, 16, 16), np.uint8)
    truth[1, 4:8, 4:8] = 1
    truth[2, 4:8, 4:8] = 1  # a bleed the model scores 0.4: a miss, as serving says
    serving = scan_verdict(probs.reshape(3, -1).max(axis=1), [0, 16, 0], SPEC)
    assert serving.slice_calls == (False, True, False)

    val = volume_metrics({"p": probs}, {"p": truth}, SPEC)
    assert val["slice_sensitivity"] == 0.5 and val["slice_specificity"] == 1.0

    patients = [PatientSlices("p", np.zeros((3, 16, 16), np.uint8), truth.astype(bool))]
    ev = score({"p": probs}, patients, SPEC)
    assert ev["slice_sensitivity"] == val["slice_sensitivity"]
    assert ev["slice_specificity"] == val["slice_specificity"]
