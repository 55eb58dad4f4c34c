"""Overlay rendering and H.264 video writing with PyAV (numpy, Pillow, PyAV)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ichseg.postprocess import outline

#: Colours (RGB) for the bleed tint and outline.
TINT = np.array([255, 40, 40], dtype=np.float32)
EDGE = np.array([255, 230, 0], dtype=np.uint8)


def frame_size(
    height: int, width: int, max_side: int = 1024, min_side: int = 256
) -> tuple[int, int]:
    """Choose the video frame size for slices of a given size.

    Keeps the aspect ratio, fits the longer side into ``[min_side, max_side]`` and rounds both
    sides up to even numbers (yuv420p needs even dimensions).

    Args:
        height: Slice height.
        width: Slice width.
        max_side: Largest allowed side.
        min_side: Smallest longer side (small slices are enlarged).

    Returns:
        ``(frame_height, frame_width)``, both even.
    """
    longest = max(height, width)
    scale = 1.0
    if longest > max_side:
        scale = max_side / longest
    elif longest < min_side:
        scale = min_side / longest
    h = max(2, round(height * scale))
    w = max(2, round(width * scale))
    return h + (h % 2), w + (w % 2)


def render_frame(
    display: np.ndarray,
    mask: np.ndarray | None,
    size: tuple[int, int],
    label: str,
    tint_alpha: float = 0.35,
) -> np.ndarray:
    """Render one video frame: grey slice, optional tinted and outlined bleed, a label.

    Args:
        display: ``(H, W)`` ``uint8`` display grey.
        mask: ``(H, W)`` ``uint8`` 0/255 mask, or ``None`` for a plain frame.
        size: ``(frame_height, frame_width)``.
        label: Text burned into the top-left corner (for example ``"12/36"``).
        tint_alpha: Opacity of the red tint inside the bleed.

    Returns:
        ``(frame_height, frame_width, 3)`` ``uint8`` RGB.
    """
    fh, fw = size
    grey = Image.fromarray(display).resize((fw, fh), Image.Resampling.BILINEAR)
    rgb = np.repeat(np.asarray(grey, dtype=np.uint8)[..., None], 3, axis=2)
    if mask is not None and mask.any():
        m = np.asarray(
            Image.fromarray(mask).resize((fw, fh), Image.Resampling.NEAREST), dtype=np.uint8
        ).astype(bool)
        blended = rgb.astype(np.float32)
        blended[m] = blended[m] * (1.0 - tint_alpha) + TINT * tint_alpha
        rgb = blended.astype(np.uint8)
        rgb[outline(m)] = EDGE
    image = Image.fromarray(rgb)
    draw = ImageDraw.Draw(image)
    font_size = max(12, fh // 24)
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = ImageFont.load_default(size=font_size)
    except (TypeError, OSError):  # Pillow without FreeType
        font = ImageFont.load_default()
    pad = max(4, font_size // 3)
    draw.text(
        (pad, pad), label, fill=(255, 255, 255), font=font, stroke_width=2, stroke_fill=(0, 0, 0)
    )
    return np.asarray(image, dtype=np.uint8)


def write_video(frames: Iterable[np.ndarray], path: Path, fps: int = 5, crf: int = 18) -> int:
    """Encode RGB frames as H.264 (yuv420p) in an MP4 that browsers play.

    Args:
        frames: ``(H, W, 3)`` ``uint8`` frames, all the same even size.
        path: Destination ``.mp4``.
        fps: Frames per second.
        crf: x264 constant rate factor (lower is better quality).

    Returns:
        Number of frames written.
    """
    stream = VideoStream(path, fps, crf)
    try:
        for frame_rgb in frames:
            stream.write(frame_rgb)
    finally:
        count = stream.close()
    return count


class VideoStream:
    """An H.264 (yuv420p) MP4 written one RGB frame at a time (PyAV, imported on first use).

    The file is opened with the first frame, whose size fixes the video's; :meth:`close`
    flushes the encoder and returns the number of frames.
    """

    def __init__(self, path: Path, fps: int = 5, crf: int = 18) -> None:
        """Prepare the writer (nothing is opened until the first frame).

        Args:
            path: Destination ``.mp4``.
            fps: Frames per second.
            crf: x264 constant rate factor (lower is better quality).
        """
        self._path = Path(path)
        self._fps = fps
        self._crf = crf
        self._container: Any = None
        self._stream: Any = None
        self.frames = 0

    def write(self, frame_rgb: np.ndarray) -> None:
        """Encode one frame.

        Args:
            frame_rgb: ``(H, W, 3)`` ``uint8``, the same even size for every frame.
        """
        import av

        if self._container is None:
            h, w = frame_rgb.shape[:2]
            self._container = av.open(
                str(self._path), mode="w", format="mp4", options={"movflags": "+faststart"}
            )
            stream = self._container.add_stream("libx264", rate=self._fps)
            stream.width = w
            stream.height = h
            stream.pix_fmt = "yuv420p"
            stream.options = {"crf": str(self._crf), "preset": "veryfast", "profile": "high"}
            self._stream = stream
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame_rgb), format="rgb24")
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self.frames += 1

    def close(self) -> int:
        """Flush and close the file.

        Returns:
            Frames written (0 writes no file).
        """
        if self._container is not None:
            for packet in self._stream.encode():
                self._container.mux(packet)
            self._container.close()
            self._container = None
        return self.frames


def probe_video(path: Path) -> dict:
    """Decode a video fully and describe it (used by tests and checks).

    Args:
        path: A video file.

    Returns:
        Dict with ``codec``, ``pix_fmt``, ``width``, ``height``, ``frames``.
    """
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return {
            "codec": stream.codec_context.name,
            "pix_fmt": stream.codec_context.pix_fmt,
            "width": stream.codec_context.width,
            "height": stream.codec_context.height,
            "frames": frames,
        }
