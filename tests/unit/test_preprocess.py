"""Preprocessing shared by training and serving."""

from __future__ import annotations

import numpy as np
import pytest

from ichseg.preprocess import (
    model_input,
    resize_float,
    stack_context,
    to_display,
    to_grey,
    window_hu,
)
from ichseg.spec import PreprocessSpec


def test_brain_window_maps_hu_like_the_ct_ich_release() -> None:
    """Level 40, width 120: -20 HU -> 0, 100 HU -> 255, 40 HU -> 127 (truncated 127.5)."""
    hu = np.array([-1000.0, -20.0, 40.0, 100.0, 2000.0, np.nan], dtype=np.float32)
    out = window_hu(hu, 40, 120)
    assert out.dtype == np.uint8
    assert out.tolist() == [0, 0, 127, 255, 255, 0]


def test_colour_becomes_bt601_grey() -> None:
    rgb = np.zeros((2, 2, 3), np.uint8)
    rgb[0, 0] = (255, 0, 0)
    rgb[0, 1] = (0, 255, 0)
    rgb[1, 0] = (0, 0, 255)
    rgb[1, 1] = (200, 200, 200)
    grey = to_grey(rgb)
    assert grey.shape == (2, 2)
    assert grey.tolist() == [[76, 150], [29, 200]]


def test_to_grey_rejects_a_volume() -> None:
    with pytest.raises(ValueError, match="2-D"):
        to_grey(np.zeros((2, 2, 2, 2), np.uint8))


def test_to_display_windows_hu_and_passes_grey_through() -> None:
    spec = PreprocessSpec()
    assert to_display(np.full((3, 3), 100.0), True, spec).max() == 255
    grey = np.arange(9, dtype=np.uint8).reshape(3, 3)
    assert np.array_equal(to_display(grey, False, spec), grey)


def test_resize_keeps_constant_images_constant() -> None:
    out = resize_float(np.full((512, 512), 0.25, np.float32), 128, 96)
    assert out.shape == (128, 96)
    assert np.allclose(out, 0.25)


def test_stack_context_puts_neighbours_in_channels_and_repeats_edges() -> None:
    """planes (4, 1, 1) valued 0..3; context 1 -> channels (prev, self, next)."""
    planes = np.arange(4, dtype=np.float32).reshape(4, 1, 1)
    out = stack_context(planes, 1)
    assert out.shape == (4, 1, 1, 3)
    assert out[:, 0, 0, :].tolist() == [[0, 0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 3]]
    part = stack_context(planes, 1, 1, 3)
    assert part[:, 0, 0, :].tolist() == [[0, 1, 2], [1, 2, 3]]


def test_model_input_has_spec_shape_and_unit_range() -> None:
    spec = PreprocessSpec(input_height=64, input_width=48, context_slices=1)
    slices = [np.full((100, 80), v, np.uint8) for v in (0, 255, 51)]
    x = model_input(slices, spec)
    assert x.shape == (3, 64, 48, 3)
    assert x.dtype == np.float32
    assert np.allclose(x[1, ..., 1], 1.0)
    assert np.allclose(x[2, ..., 1], 0.2)
    assert np.allclose(x[0, ..., 2], 1.0)  # next slice of slice 0 is slice 1


def test_model_input_of_no_slices_is_empty() -> None:
    assert model_input([], PreprocessSpec()).shape == (0, 256, 256, 3)
