"""Run the model on the head's box instead of the whole frame (numpy; SciPy imported lazily).

A head CT frame is mostly air, table and headrest around the head. The U-Net is fully
convolutional (trained on 256x256 patches, served on whole slices), so it can run on any
crop whose sides are multiples of its stride. This module finds each slice's head box on
the model-input planes, groups neighbouring slices into model calls under a pixel budget,
crops their input to the group's box and pastes the probabilities back into the frame.

Everything here is pure: numpy arrays in, numpy arrays out, no model and no I/O.

Box convention: ``(y0, y1, x0, x1)`` half-open pixel bounds in model-input coordinates,
``0 <= y0 < y1 <= h``, ``0 <= x0 < x1 <= w``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Default brain-window input level (of 1.0) above which a pixel is head, not air: 12/255,
#: about -14 HU, so skin, brain and bone count and air, foam and fat do not.
HEAD_LEVEL = 12.0 / 255.0
#: Pixels of background kept around the head on each side (model-input pixels).
MARGIN_PX = 16
#: The net's stride: 2 ** (pooling levels); crop sides are multiples of it.
STRIDE = 16
#: A connected part of the foreground counts as head when it holds at least this share of
#: the largest part's pixels (drops the table arc and loose specks, keeps a split skull base).
MIN_PART_SHARE = 0.1
#: Foreground is analysed on a grid this many times coarser than the frame (speed).
COARSE = 4

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class BoxedBatch:
    """One model call: slices ``start:stop`` cropped to ``box``.

    Attributes:
        start: First slice (0-based).
        stop: One past the last slice.
        box: ``(y0, y1, x0, x1)``; sides are multiples of the stride unless the frame is
            smaller.
    """

    start: int
    stop: int
    box: Box

    @property
    def pixels(self) -> int:
        """Model-input pixels of this call: slices x box area."""
        y0, y1, x0, x1 = self.box
        return (self.stop - self.start) * (y1 - y0) * (x1 - x0)


def _parts_box(fg: np.ndarray, min_share: float) -> Box | None:
    """Bounding box (in ``fg``'s pixels) of the large 8-connected parts of ``fg``."""
    if not fg.any():
        return None
    from scipy import ndimage

    labels, _count = ndimage.label(fg, structure=np.ones((3, 3), dtype=bool))
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    keep = sizes >= max(1, min_share * sizes.max())
    keep[0] = False
    head = keep[labels]
    rows = np.flatnonzero(head.any(axis=1))
    cols = np.flatnonzero(head.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def fit_to_stride(box: Box, height: int, width: int, stride: int = STRIDE) -> Box:
    """Grow a box to the net's stride grid of the frame, kept inside the frame.

    Both ends move outwards to multiples of ``stride`` in frame coordinates, so the crop's
    pooling windows are the frame's own: inside the crop the net then computes what it
    computes on the whole frame, except near the crop's edges (this model's output moves
    with shifts that are not multiples of its stride). An axis whose grid would leave the
    frame (a frame side that is not a multiple of ``stride``) stays whole.

    Args:
        box: ``(y0, y1, x0, x1)`` inside the frame.
        height: Frame height.
        width: Frame width.
        stride: The net's stride.

    Returns:
        The grown box.
    """

    def axis(lo: int, hi: int, size: int) -> tuple[int, int]:
        lo = (lo // stride) * stride
        hi = -(-hi // stride) * stride
        if hi > size:
            return 0, size
        return lo, hi

    y0, y1 = axis(box[0], box[1], height)
    x0, x1 = axis(box[2], box[3], width)
    return y0, y1, x0, x1


def union(boxes: np.ndarray) -> Box:
    """The smallest box holding every box.

    Args:
        boxes: ``(K, 4)`` ``int`` boxes, ``K >= 1``.

    Returns:
        ``(y0, y1, x0, x1)``.
    """
    b = np.asarray(boxes)
    return int(b[:, 0].min()), int(b[:, 1].max()), int(b[:, 2].min()), int(b[:, 3].max())


def head_boxes(
    planes: np.ndarray,
    *,
    context: int = 1,
    level: float = HEAD_LEVEL,
    margin: int = MARGIN_PX,
    stride: int = STRIDE,
    min_side: int = 4 * STRIDE,
    min_part_share: float = MIN_PART_SHARE,
) -> np.ndarray:
    """Each slice's head box, covering the slice and its ``context`` neighbours.

    The head is every 8-connected part of ``planes > level`` holding at least
    ``min_part_share`` of the largest part (on a grid :data:`COARSE` times coarser), so the
    table arc and loose specks below the head do not widen the box. The box of slice ``i``
    is the union of the head boxes of slices ``i - context .. i + context`` (the model sees
    them as channels), grown by ``margin``, then to sides that are multiples of ``stride``
    and at least ``min_side``. A slice without any head (blank) gets a ``min_side`` box in
    the frame's centre.

    Args:
        planes: ``(N, h, w)`` ``float32`` model-input planes in [0, 1] (brain window).
        context: Neighbouring slices on each side that the model stacks as channels.
        level: Input level above which a pixel is head.
        margin: Background pixels kept around the head on each side.
        stride: The net's stride.
        min_side: Smallest box side.
        min_part_share: Smallest head part, as a share of the largest part.

    Returns:
        ``(N, 4)`` ``int64`` boxes ``(y0, y1, x0, x1)``.
    """
    planes = np.asarray(planes)
    n, h, w = planes.shape
    own = np.full((n, 4), -1, dtype=np.int64)
    ch, cw = -(-h // COARSE), -(-w // COARSE)
    for i in range(n):
        fg = planes[i] > level
        pad = np.zeros((ch * COARSE, cw * COARSE), dtype=bool)
        pad[:h, :w] = fg
        coarse = np.asarray(pad.reshape(ch, COARSE, cw, COARSE).any(axis=(1, 3)))
        found = _parts_box(coarse, min_part_share)
        if found is not None:
            y0, y1, x0, x1 = found
            own[i] = (y0 * COARSE, min(h, y1 * COARSE), x0 * COARSE, min(w, x1 * COARSE))
    boxes = np.zeros((n, 4), dtype=np.int64)
    for i in range(n):
        near = own[max(0, i - context) : i + context + 1]
        near = near[near[:, 0] >= 0]
        if len(near) == 0:
            cy, cx = h // 2, w // 2
            box: Box = (cy, cy + 1, cx, cx + 1)
        else:
            y0, y1, x0, x1 = union(near)
            box = (
                max(0, y0 - margin),
                min(h, y1 + margin),
                max(0, x0 - margin),
                min(w, x1 + margin),
            )
        y0, y1, x0, x1 = box
        grow_y, grow_x = max(0, min_side - (y1 - y0)), max(0, min_side - (x1 - x0))
        box = (
            max(0, y0 - grow_y // 2),
            min(h, y1 + grow_y - grow_y // 2),
            max(0, x0 - grow_x // 2),
            min(w, x1 + grow_x - grow_x // 2),
        )
        boxes[i] = fit_to_stride(box, h, w, stride)
    return boxes


def plan_batches(
    boxes: np.ndarray,
    max_pixels: int,
    max_slices: int,
    height: int,
    width: int,
    stride: int = STRIDE,
) -> list[BoxedBatch]:
    """Group consecutive slices into model calls under a pixel budget.

    Each call's box is the union of its slices' boxes; a slice joins the current call while
    ``slices x union area <= max_pixels`` and the call holds fewer than ``max_slices``.
    A single slice always makes a call, whatever its size.

    Args:
        boxes: ``(N, 4)`` boxes from :func:`head_boxes`.
        max_pixels: Most model-input pixels per call.
        max_slices: Most slices per call.
        height: Frame height.
        width: Frame width.
        stride: The net's stride (unions are re-fitted to it).

    Returns:
        Calls in slice order, covering ``0..N`` without gaps.
    """
    out: list[BoxedBatch] = []
    n = len(boxes)
    start = 0
    while start < n:
        stop = start + 1
        box = fit_to_stride(union(boxes[start:stop]), height, width, stride)
        while stop < n and stop - start < max_slices:
            cand = fit_to_stride(union(boxes[start : stop + 1]), height, width, stride)
            if BoxedBatch(start, stop + 1, cand).pixels > max_pixels:
                break
            stop, box = stop + 1, cand
        out.append(BoxedBatch(start, stop, box))
        start = stop
    return out


def plan_calls(
    planes: np.ndarray,
    context: int,
    max_slices: int,
    max_pixels: int,
    crops: bool,
    *,
    margin: int = MARGIN_PX,
) -> list[BoxedBatch]:
    """The model calls of a scan: head boxes when the model takes crops, else whole frames.

    Without crops this is the plain pixel cap (as :func:`ichseg.predict.batch_cap`).
    :func:`ichseg.predict.predict_scan` runs the calls (crop, model, paste back).

    Args:
        planes: ``(N, h, w)`` ``float32`` model-input planes of the scan.
        context: Neighbouring slices per side stacked as channels.
        max_slices: Most slices per call.
        max_pixels: Most model-input pixels per call.
        crops: Whether the model accepts any input size (else every box is the frame).
        margin: Background pixels kept around the head on each side.

    Returns:
        Calls in slice order, covering every slice once.
    """
    n, h, w = planes.shape
    if crops:
        boxes = head_boxes(planes, context=context, margin=margin)
    else:
        boxes = np.tile(np.array([0, h, 0, w], dtype=np.int64), (n, 1))
    return plan_batches(boxes, max_pixels, max_slices, h, w)


def crop(batch: np.ndarray, box: Box) -> np.ndarray:
    """Crop a model-input batch to a box.

    Args:
        batch: ``(n, h, w, C)`` ``float32``.
        box: ``(y0, y1, x0, x1)``.

    Returns:
        ``(n, y1 - y0, x1 - x0, C)`` ``float32``, contiguous.
    """
    y0, y1, x0, x1 = box
    return np.ascontiguousarray(batch[:, y0:y1, x0:x1])


def paste(probs: np.ndarray, box: Box, height: int, width: int, fill: float = 0.0) -> np.ndarray:
    """Put cropped probabilities back into full frames.

    Args:
        probs: ``(n, y1 - y0, x1 - x0)`` ``float32`` probabilities of the crop.
        box: ``(y0, y1, x0, x1)`` the crop came from.
        height: Frame height.
        width: Frame width.
        fill: Probability outside the box (0: no haemorrhage outside the head).

    Returns:
        ``(n, height, width)`` ``float32``.
    """
    y0, y1, x0, x1 = box
    out = np.full((probs.shape[0], height, width), fill, dtype=np.float32)
    out[:, y0:y1, x0:x1] = probs
    return out


def area_fraction(batches: list[BoxedBatch], n_slices: int, height: int, width: int) -> float:
    """Model-input pixels actually run, as a share of running every whole frame.

    Args:
        batches: The calls from :func:`plan_batches`.
        n_slices: Slices in the scan.
        height: Frame height.
        width: Frame width.

    Returns:
        A float in (0, 1].
    """
    total = n_slices * height * width
    return sum(b.pixels for b in batches) / total if total else 1.0
