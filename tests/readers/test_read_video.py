"""Videos: every container we can encode here, frame order, and bad videos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scan_builders import assert_one_line, encoder_available, write_video

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers import Limits, read_scan

FORMATS = [
    ("mp4", "libx264", "mp4", "h264"),
    ("mov", "libx264", "mov", "h264"),
    ("webm", "libvpx-vp9", "webm", "vp9"),
    ("avi", "mpeg4", "avi", "mpeg4"),
]


@pytest.mark.parametrize(("ext", "encoder", "fmt", "codec"), FORMATS)
def test_frames_are_read_in_order_as_grey(
    tmp_path: Path, ext: str, encoder: str, fmt: str, codec: str
) -> None:
    if not encoder_available(encoder):
        pytest.skip(f"this FFmpeg build has no {encoder} encoder")
    path = tmp_path / f"scan.{ext}"
    levels = write_video(path, 12, codec=encoder, fmt=fmt)
    scan = read_scan(path)
    assert len(scan) == 12 and scan.is_hu is False and scan.pixel_spacing_mm is None
    assert all(s.shape == (48, 64) and s.dtype == np.uint8 for s in scan.slices)
    got = [float(s.mean()) for s in scan.slices]
    assert got == pytest.approx(levels, abs=4.0)
    src = scan.source
    assert src["format"] == "video" and src["codec"] == codec and src["n_slices"] == 12
    assert (src["width"], src["height"]) == (64, 48) and src["fps"] == pytest.approx(10.0)


def test_colour_video_becomes_grey(tmp_path: Path) -> None:
    path = tmp_path / "colour.mp4"
    write_video(path, 3, colour=True)
    scan = read_scan(path)
    assert scan.slices[0].ndim == 2
    assert scan.slices[0][:, :16].mean() != pytest.approx(scan.slices[0][:, 32:].mean(), abs=5)


@pytest.mark.parametrize("faststart", [False, True])
def test_rejects_truncated_video(tmp_path: Path, faststart: bool) -> None:
    path = tmp_path / "cut.mp4"
    write_video(path, 60, size=(128, 96), faststart=faststart)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    message = assert_one_line(exc, "cut.mp4", "truncated or corrupt")
    assert str(tmp_path) not in message


def test_rejects_mp4_header_followed_by_garbage(tmp_path: Path) -> None:
    path = tmp_path / "junk.mp4"
    path.write_bytes(b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41" + b"\x13" * 5000)
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "junk.mp4")


def test_rejects_more_frames_than_max_slices(tmp_path: Path) -> None:
    path = tmp_path / "long.mp4"
    write_video(path, 20)
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_slices=5))
    assert_one_line(exc, "long.mp4", "5")


def test_frame_limit_stops_decoding_when_the_count_is_not_declared(tmp_path: Path) -> None:
    if not encoder_available("libvpx-vp9"):
        pytest.skip("no VP9 encoder")
    path = tmp_path / "long.webm"  # WebM does not declare a frame count
    write_video(path, 20, codec="libvpx-vp9", fmt="webm")
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_slices=5))
    assert_one_line(exc, "more than 5 frames")


def test_rejects_frames_with_too_many_pixels(tmp_path: Path) -> None:
    path = tmp_path / "wide.mp4"
    write_video(path, 2, size=(128, 96))
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_pixels_per_slice=100 * 100))
    assert_one_line(exc, "128x96")


def test_rejects_video_decoding_to_more_than_max_total_bytes(tmp_path: Path) -> None:
    path = tmp_path / "heavy.mp4"
    write_video(path, 10)
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_total_bytes=64 * 48 * 5))
    assert_one_line(exc, "max_total_bytes")


def test_rejects_tiny_frames(tmp_path: Path) -> None:
    path = tmp_path / "tiny.mp4"
    write_video(path, 2, size=(8, 8))
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "too small")
