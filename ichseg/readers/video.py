"""Read the frames of a video (MP4/MOV, AVI, WebM/MKV) as grey slices with PyAV."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers.common import ByteBudget, check_slice_size, one_line
from ichseg.readers.limits import Limits
from ichseg.scan import Scan


def _corrupt(path: Path, exc: BaseException) -> InputError:
    # FFmpeg errors carry the full local path; keep only the reason.
    reason = getattr(exc, "strerror", None) or one_line(exc).replace(str(path), path.name)
    return InputError(f"{path.name}: video is truncated or corrupt: {one_line(reason)}")


def read_video(path: Path, limits: Limits) -> Scan:
    """Decode every frame of the first video stream as an 8-bit grey slice.

    Frames are converted to grey by FFmpeg (the luma plane at full range), which is what
    :func:`ichseg.preprocess.to_grey` would make of the colour frame. Decoding stops as soon
    as the frame count passes ``limits.max_slices``.

    Args:
        path: The video file.
        limits: Caps on frame count, pixels per frame and decoded bytes.

    Returns:
        A scan of ``(H, W)`` ``uint8`` slices, ``is_hu=False``, no spacing.

    Raises:
        InputError: Unreadable, truncated or corrupt video, no video stream, no frames.
        LimitExceeded: Too many frames, pixels per frame or decoded bytes.
    """
    import av

    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise _corrupt(path, exc) from exc
    try:
        return _decode(container, path, limits)
    finally:
        container.close()


def declared_frames(path: Path) -> int:
    """Frame count a video declares (or duration x rate), without decoding a frame.

    Args:
        path: A video file.

    Returns:
        The declared or estimated frame count; 0 when the container says nothing.

    Raises:
        InputError: The file cannot be opened as a video.
    """
    import av

    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise _corrupt(path, exc) from exc
    try:
        if not container.streams.video:
            raise InputError(f"{path.name} has no video stream (truncated, or not a video?)")
        stream = container.streams.video[0]
        if stream.frames:
            return int(stream.frames)
        if stream.duration and stream.time_base and stream.average_rate:
            return round(float(stream.duration * stream.time_base * stream.average_rate))
        if container.duration and stream.average_rate:
            return round(container.duration / 1_000_000 * float(stream.average_rate))
        return 0
    finally:
        container.close()


def _decode(container: Any, path: Path, limits: Limits) -> Scan:
    import av

    if not container.streams.video:
        raise InputError(f"{path.name} has no video stream (truncated, or not a video?)")
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    ctx = stream.codec_context
    if ctx.width and ctx.height:
        check_slice_size(int(ctx.width), int(ctx.height), limits, path.name)
    declared = int(stream.frames or 0)
    if declared > limits.max_slices:
        raise LimitExceeded(
            f"{path.name} has {declared} frames, more than {limits.max_slices} (max_slices)"
        )
    budget = ByteBudget(limits, path.name)
    slices: list[np.ndarray] = []
    try:
        for frame in container.decode(stream):
            if len(slices) + 1 > limits.max_slices:
                raise LimitExceeded(
                    f"{path.name} has more than {limits.max_slices} frames (max_slices)"
                )
            check_slice_size(int(frame.width), int(frame.height), limits, path.name)
            budget.take(int(frame.width) * int(frame.height))
            slices.append(np.ascontiguousarray(frame.to_ndarray(format="gray")))
    except (av.FFmpegError, EOFError, ValueError) as exc:
        raise _corrupt(path, exc) from exc
    if not slices:
        raise InputError(f"{path.name}: video has no frames")
    if declared and len(slices) < declared - max(1, declared // 50):
        raise InputError(
            f"{path.name}: video is truncated or corrupt "
            f"(decoded {len(slices)} of {declared} frames)"
        )
    rate = stream.average_rate or stream.guessed_rate
    fps = float(Fraction(rate)) if rate else None
    source: dict[str, Any] = {
        "format": "video",
        "name": path.name,
        "container": str(container.format.name),
        "codec": str(ctx.name),
        "pix_fmt": str(ctx.pix_fmt) if ctx.pix_fmt else None,
        "fps": fps,
        "n_slices": len(slices),
        "width": max(s.shape[1] for s in slices),
        "height": max(s.shape[0] for s in slices),
    }
    return Scan(slices=slices, is_hu=False, source=source)
