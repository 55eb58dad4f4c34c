"""Postprocessing: speck removal, masks at slice size, outlines, slice and scan verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from ichseg.postprocess import (
    clean_probability,
    drop_small_components,
    mask_at_size,
    outline,
    scan_verdict,
    slice_probability,
    slice_score,
)
from ichseg.spec import PreprocessSpec


def test_small_components_are_dropped_and_large_kept() -> None:
    m = np.zeros((10, 10), bool)
    m[0, 0] = True  # 1 px speck
    m[5:8, 5:8] = True  # 9 px blob
    out = drop_small_components(m, 4)
    assert not out[0, 0]
    assert out[5:8, 5:8].all()
    assert out.sum() == 9


def test_diagonal_pixels_count_as_one_component() -> None:
    m = np.eye(4, dtype=bool)
    assert drop_small_components(m, 4).sum() == 4


def test_cleaned_probability_cannot_threshold_a_speck() -> None:
    spec = PreprocessSpec(threshold=0.5, min_component_px=3)
    prob = np.zeros((8, 8), np.float32)
    prob[0, 0] = 0.99
    prob[4:6, 4:6] = 0.8
    clean = clean_probability(prob, spec)
    assert clean[0, 0] < 0.5
    assert slice_probability(clean) == np.float32(0.8)


def test_mask_at_size_returns_0_255_at_the_slice_size() -> None:
    prob = np.zeros((4, 4), np.float32)
    prob[1:3, 1:3] = 1.0
    mask = mask_at_size(prob, 16, 12, 0.5)
    assert mask.shape == (16, 12)
    assert mask.dtype == np.uint8
    assert set(np.unique(mask).tolist()) == {0, 255}


def test_outline_is_the_inner_boundary() -> None:
    m = np.zeros((7, 7), bool)
    m[1:6, 1:6] = True
    edge = outline(m)
    assert edge.sum() == 16
    assert not edge[3, 3]


# -- scan_verdict: the one rule for slices and scans ----------------------------------------


@pytest.mark.parametrize(
    ("scores", "areas", "spacing", "thickness", "min_ml", "calls", "positive", "volume"),
    [
        ([0.1, 0.9, 0.8], [0, 1200, 800], (0.5, 0.5), 5.0, 0.0, (0, 1, 1), True, 2.5),
        ([0.9, 0.9], [10, 0], None, None, 0.0, (1, 0), True, None),  # an empty mask: no call
        ([0.4, 0.49], [50, 50], None, None, 0.0, (0, 0), False, None),  # below the threshold
        ([0.9], [100], (1.0, 1.0), 1.0, 0.5, (1,), False, 0.1),  # under the minimum volume
        ([0.9], [600], (1.0, 1.0), 1.0, 0.5, (1,), True, 0.6),
        ([], [], None, None, 0.0, (), False, None),
    ],
)
def test_scan_verdict_calls_slices_and_scans(
    scores, areas, spacing, thickness, min_ml, calls, positive, volume
) -> None:
    spec = PreprocessSpec(scan_min_volume_ml=min_ml)
    v = scan_verdict(scores, areas, spec, spacing, thickness)
    assert v.slice_calls == tuple(bool(c) for c in calls)
    assert v.haemorrhage is positive
    assert v.volume_ml == (None if volume is None else pytest.approx(volume))
    assert v.probability == max(scores, default=0.0)
    assert v.bleeding_slices == [i + 1 for i, c in enumerate(calls) if c]


def test_scan_verdict_refuses_mismatched_inputs() -> None:
    with pytest.raises(ValueError, match="2 slice scores for 1"):
        scan_verdict([0.1, 0.2], [3], PreprocessSpec())


def test_slice_score_prefers_the_learned_head() -> None:
    clean = np.array([[0.2, 0.7]], np.float32)
    assert slice_score(clean) == pytest.approx(0.7)
    assert slice_score(clean, 0.05) == pytest.approx(0.05)


def test_triage_rule_flags_a_scan_from_slice_scores_even_without_a_mask():
    from ichseg.postprocess import scan_verdict
    from ichseg.spec import PreprocessSpec

    spec = PreprocessSpec(scan_rule="max", scan_threshold=0.3, slice_threshold=0.4)
    verdict = scan_verdict([0.1, 0.45, 0.2], [0, 0, 0], spec)
    assert verdict.haemorrhage and verdict.probability == pytest.approx(0.45)
    assert verdict.slice_calls == (False, True, False)  # the learned score, no mask needed
    today = scan_verdict([0.1, 0.45, 0.2], [0, 0, 0], PreprocessSpec(slice_threshold=0.4))
    assert not today.haemorrhage  # "any_slice" still needs a mask


def test_pair_rule_prefers_consecutive_slices_to_an_isolated_one():
    from ichseg.postprocess import scan_score, scan_verdict
    from ichseg.spec import PreprocessSpec

    assert scan_score([0.1, 0.9, 0.1, 0.6, 0.7], "pair") == pytest.approx(0.65)
    assert scan_score([0.8], "pair") == pytest.approx(0.8)
    spec = PreprocessSpec(scan_rule="pair", scan_threshold=0.6)
    assert not scan_verdict([0.1, 0.9, 0.1], [0, 9, 0], spec).haemorrhage
    assert scan_verdict([0.1, 0.6, 0.7], [0, 9, 9], spec).haemorrhage
    with pytest.raises(ValueError, match="unknown scan rule"):
        scan_score([0.5], "vote")


def test_slice_score_uses_the_learned_head_calibrated_by_the_spec():
    from ichseg.postprocess import calibrate, slice_score
    from ichseg.spec import PreprocessSpec

    clean = np.zeros((4, 4), np.float32)
    clean[1, 1] = 0.9
    assert slice_score(clean, 0.2) == pytest.approx(0.2)
    assert slice_score(clean, 0.2, PreprocessSpec(slice_source="pixels")) == pytest.approx(0.9)
    sharp = slice_score(clean, 0.7, PreprocessSpec(slice_temperature=0.5))
    assert sharp == pytest.approx(calibrate(0.7, 0.5)) and sharp > 0.8
    assert calibrate(0.5, 3.0) == pytest.approx(0.5)


def test_a_slice_takes_its_stronger_neighbours_score_at_the_given_weight():
    from ichseg.postprocess import with_neighbours

    s = [0.1, 0.9, 0.2, 0.05, 0.6]
    np.testing.assert_allclose(with_neighbours(s, 0.5), [0.45, 0.9, 0.45, 0.3, 0.6])
    np.testing.assert_allclose(with_neighbours(s, 1.0), [0.9, 0.9, 0.9, 0.6, 0.6])
    np.testing.assert_array_equal(with_neighbours(s, 0.0), s)  # weight 0: own scores
    assert with_neighbours([0.3], 1.0).tolist() == [0.3]  # a one-slice scan has no neighbour
    assert with_neighbours([], 0.5).size == 0
    assert (with_neighbours(s, 0.75) >= np.asarray(s)).all()  # never below its own score


def test_a_scans_slice_scores_see_neighbours_before_calibration():
    from ichseg.postprocess import calibrate, calibrate_all, slice_scores, with_neighbours
    from ichseg.spec import PreprocessSpec

    raw = [0.02, 0.8, 0.1]
    spec = PreprocessSpec(slice_context=0.5, slice_temperature=2.0)
    expected = [calibrate(v, 2.0) for v in with_neighbours(raw, 0.5)]
    np.testing.assert_allclose(slice_scores(raw, spec), expected, rtol=1e-12)
    assert slice_scores(raw, spec)[0] > slice_scores(raw, PreprocessSpec(slice_temperature=2.0))[0]
    np.testing.assert_array_equal(slice_scores(raw, None), raw)
    np.testing.assert_array_equal(slice_scores(raw, PreprocessSpec()), raw)  # the defaults
    grid = np.array([[0.0, 0.3], [0.5, 1.0]])
    np.testing.assert_allclose(
        calibrate_all(grid, 0.7), [[calibrate(v, 0.7) for v in row] for row in grid]
    )
    assert PreprocessSpec.model_validate({"slice_temperature": 1.5}).slice_context == 0.0
    with pytest.raises(ValueError):
        PreprocessSpec(slice_context=1.5)
