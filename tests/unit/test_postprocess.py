"""Postprocessing: speck removal, masks at slice size, outlines."""

from __future__ import annotations

import numpy as np

from ichseg.postprocess import (
    clean_probability,
    drop_small_components,
    mask_at_size,
    outline,
    slice_probability,
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
