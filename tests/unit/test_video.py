"""Overlay frames and the H.264 writer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ichseg.video import frame_size, probe_video, render_frame, write_video


@pytest.mark.parametrize(
    ("h", "w", "expected"),
    [
        (512, 512, (512, 512)),
        (511, 333, (512, 334)),
        (64, 32, (256, 128)),
        (2048, 1024, (1024, 512)),
    ],
)
def test_frame_size_is_even_and_bounded(h: int, w: int, expected: tuple[int, int]) -> None:
    assert frame_size(h, w) == expected


def test_render_frame_tints_the_bleed_and_leaves_the_rest_grey() -> None:
    """display (64, 64) uint8 grey 100; mask square 20..40 -> frame (256, 256, 3) uint8."""
    display = np.full((64, 64), 100, np.uint8)
    mask = np.zeros((64, 64), np.uint8)
    mask[20:40, 20:40] = 255
    frame = render_frame(display, mask, (256, 256), "1/1")
    assert frame.shape == (256, 256, 3)
    assert frame.dtype == np.uint8
    centre = frame[120, 120]
    assert centre[0] > centre[1]  # red tint inside
    corner = frame[250, 250]
    assert corner[0] == corner[1] == corner[2] == 100  # untouched grey outside


def test_plain_frame_has_no_tint() -> None:
    display = np.full((64, 64), 100, np.uint8)
    frame = render_frame(display, None, (64, 64), "")
    assert (frame == 100).all()


def test_written_video_is_h264_yuv420p_and_has_every_frame(tmp_path: Path) -> None:
    frames = [np.full((130, 98, 3), i * 20, np.uint8) for i in range(7)]
    path = tmp_path / "v.mp4"
    assert write_video(iter(frames), path, fps=5) == 7
    info = probe_video(path)
    assert info == {"codec": "h264", "pix_fmt": "yuv420p", "width": 98, "height": 130, "frames": 7}
    # faststart: the moov atom comes before mdat, so browsers start playing at once
    head = path.read_bytes()
    assert head.index(b"moov") < head.index(b"mdat")
