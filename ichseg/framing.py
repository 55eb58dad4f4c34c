"""Screen recordings and viewer exports: find the head in the frame, crop it, map masks back.

A recording of a viewer (1280x720 with the image at 700x700, letterbox, a burned-in text
line, window/level overlays, a browser frame) squashed whole into the model input makes the
head small, narrow and off-centre. :func:`find_framing` looks at all frames of the scan at
once: the head is the bright connected region whose pixels change from slice to slice,
while letterbox, text and browser chrome stay still. One square crop around the head's
extent over the whole scan (so every slice keeps the same scale) is then what the model
sees; :func:`paste_mask` puts each slice's mask back into the frame. Pure numpy/SciPy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Share of the crop's side that the head's largest extent fills (CT-ICH slices: ~0.8-0.9).
HEAD_FILL = 0.85
#: Frames whose square crop would cover at least this share of both sides are left alone.
FULL_FRAME = 0.9


@dataclass(frozen=True)
class Framing:
    """A square crop of the frame (it may reach past the edges; outside is black).

    Attributes:
        top: First row of the crop in frame coordinates (may be negative).
        left: First column (may be negative).
        size: Side of the square crop in frame pixels.
        frame_height: Height of the frames.
        frame_width: Width of the frames.
        head: ``(top, left, bottom, right)`` of the head's extent over the scan.
    """

    top: int
    left: int
    size: int
    frame_height: int
    frame_width: int
    head: tuple[int, int, int, int]

    def as_dict(self) -> dict[str, object]:
        """What the report says was cropped."""
        return {
            "crop_top": self.top,
            "crop_left": self.left,
            "crop_size": self.size,
            "frame": [self.frame_height, self.frame_width],
            "head_box": list(self.head),
        }


def _head_region(displays: Sequence[np.ndarray]) -> np.ndarray | None:
    """``(H, W)`` ``bool`` of the head over the scan, or ``None`` when none is found."""
    high = np.asarray(displays[0]).copy()
    low = high.copy()
    for d in displays[1:]:  # running extremes: no (N, H, W) copy of a long recording
        np.maximum(high, d, out=high)
        np.minimum(low, d, out=low)
    bright = high > 30
    moving = (high.astype(np.int16) - low) > 12
    changing = moving if len(displays) >= 3 else bright
    from scipy import ndimage  # on first use: keeps SciPy out of the cold start

    grown = ndimage.binary_closing(bright, structure=np.ones((5, 5), bool))
    labels, count = ndimage.label(grown, structure=np.ones((3, 3), bool))
    if count == 0:
        return None
    votes = np.bincount(labels[changing], minlength=count + 1)
    votes[0] = 0
    best = int(np.argmax(votes))
    if votes[best] == 0:
        return None
    return labels == best


def find_framing(displays: Sequence[np.ndarray], head_fill: float = HEAD_FILL) -> Framing | None:
    """Find the crop that shows the model the head at its training scale.

    Args:
        displays: ``N`` ``(H, W)`` ``uint8`` display frames of one scan, all the same size.
        head_fill: Share of the crop's side the head's largest extent should fill.

    Returns:
        The framing, or ``None`` when the frames already are the image (square within 10 %
        with the head centred within 10 %, or the square crop would cover most of the
        frame; slices exported as they are keep exactly their old result) or no head is
        found.
    """
    if not displays or len({d.shape for d in displays}) != 1:
        return None
    h, w = displays[0].shape
    head = _head_region(displays)
    if head is None:
        return None
    rows = np.flatnonzero(head.any(axis=1))
    cols = np.flatnonzero(head.any(axis=0))
    top, bottom, left, right = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    extent = max(bottom - top, right - left)
    size = max(16, round(extent / head_fill))
    if size >= FULL_FRAME * h and size >= FULL_FRAME * w:
        return None
    cy, cx = (top + bottom) / 2.0, (left + right) / 2.0
    square = abs(h - w) <= 0.1 * max(h, w)
    centred = abs(cy - h / 2.0) <= 0.1 * h and abs(cx - w / 2.0) <= 0.1 * w
    if square and centred:
        return None
    return Framing(
        top=round(cy - size / 2.0),
        left=round(cx - size / 2.0),
        size=size,
        frame_height=h,
        frame_width=w,
        head=(top, left, bottom, right),
    )


def crop(display: np.ndarray, framing: Framing) -> np.ndarray:
    """Cut the square crop out of one frame, black where it reaches past the edges.

    Args:
        display: ``(H, W)`` ``uint8`` frame.
        framing: From :func:`find_framing`.

    Returns:
        ``(size, size)`` ``uint8``.
    """
    out = np.zeros((framing.size, framing.size), np.uint8)
    y0, x0 = max(0, framing.top), max(0, framing.left)
    y1 = min(display.shape[0], framing.top + framing.size)
    x1 = min(display.shape[1], framing.left + framing.size)
    if y1 > y0 and x1 > x0:
        out[y0 - framing.top : y1 - framing.top, x0 - framing.left : x1 - framing.left] = display[
            y0:y1, x0:x1
        ]
    return out


def paste_mask(mask: np.ndarray, framing: Framing) -> np.ndarray:
    """Put a crop's mask back into a frame-sized mask (zero outside the crop).

    Args:
        mask: ``(size, size)`` ``uint8`` 0/255 mask of the crop.
        framing: From :func:`find_framing`.

    Returns:
        ``(frame_height, frame_width)`` ``uint8`` 0/255.
    """
    out = np.zeros((framing.frame_height, framing.frame_width), np.uint8)
    y0, x0 = max(0, framing.top), max(0, framing.left)
    y1 = min(framing.frame_height, framing.top + framing.size)
    x1 = min(framing.frame_width, framing.left + framing.size)
    if y1 > y0 and x1 > x0:
        out[y0:y1, x0:x1] = mask[
            y0 - framing.top : y1 - framing.top, x0 - framing.left : x1 - framing.left
        ]
    return out
