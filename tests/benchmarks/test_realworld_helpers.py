"""The real-patient benchmark's pure helpers on synthetic arrays (no patient pixels)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture(scope="module")
def rw(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("realworld")


def test_repeat_series_keeps_each_slice_four_times(rw: ModuleType) -> None:
    vol = np.arange(3, dtype=np.uint8)[:, None, None] * np.ones((3, 4, 5), np.uint8)
    thin = rw.repeat_series(vol, 4)
    assert thin.shape == (12, 4, 5)
    for j in range(12):
        assert np.array_equal(thin[j], vol[rw.source_slice(j, 4)])


def test_interpolated_series_sits_at_thin_slice_centres(rw: ModuleType) -> None:
    vol = np.stack([np.full((2, 2), v, np.uint8) for v in (0, 100, 200)])
    thin = rw.interpolated_series(vol, 4)
    assert thin.shape == (12, 2, 2)
    # positions (j + 0.5) / 4 - 0.5, clipped to [0, 2]: 0, 0, 0.125, 0.375, 0.625, ...
    expected = np.clip((np.arange(12) + 0.5) / 4 - 0.5, 0, 2) * 100
    assert np.allclose(thin[:, 0, 0], np.rint(expected))
    assert thin[0, 0, 0] == 0 and thin[-1, 0, 0] == 200


def test_frame_placement_and_inverse_mapping_round_trip(rw: ModuleType) -> None:
    image = np.zeros((512, 512), np.uint8)
    image[100:300, 150:260] = 200
    frame = rw.place_in_frame(image)
    assert frame.shape == rw.FRAME
    top, left = rw.PLACE
    assert frame[top + 10, left + 10] == 0  # black corner of the image
    assert frame[5, rw.BAR_LEFT + 5] == 64  # grey bar
    inner = frame[top : top + rw.SHOWN, left : left + rw.SHOWN]
    assert inner[int(200 * rw.SHOWN / 512), int(200 * rw.SHOWN / 512)] == 200
    mask = np.where(frame >= 100, 255, 0).astype(np.uint8)  # the "prediction" in the frame
    back = rw.frame_mask_to_slice(mask, (512, 512))
    truth = image > 0
    assert rw.dice(back > 0, truth) > 0.98


def test_recording_frame_is_rgb_with_text_in_the_bar(rw: ModuleType) -> None:
    image = np.full((512, 512), 90, np.uint8)
    rgb = rw.recording_frame(image, "Im 1/30")
    assert rgb.shape == (*rw.FRAME, 3)
    bar = rgb[:60, rw.BAR_LEFT :, 0]
    assert (bar > 200).any()  # white (antialiased) text drawn on the grey bar
    with pytest.raises(ValueError):
        rw.place_in_frame(image, frame=(600, 800))


def test_node_series_keeps_the_5mm_slices_every_fourth_slice(rw: ModuleType) -> None:
    vol = np.stack([np.full((2, 2), 10 * k, np.uint8) for k in range(5)])
    thin = rw.node_series(vol, 4)
    assert thin.shape == (20, 2, 2)
    for k in range(5):
        assert np.array_equal(thin[4 * k], vol[k])
    assert thin[2, 0, 0] == 5 and thin[19, 0, 0] == 40  # midway; the end repeats
    assert [rw.source_slice(j, 4, n=5, nodes=True) for j in (0, 1, 2, 5, 19)] == [0, 0, 1, 1, 4]
