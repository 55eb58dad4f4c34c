"""Turning model probabilities into masks (numpy and SciPy only; SciPy imported on first use)."""

from __future__ import annotations

import numpy as np

from ichseg.preprocess import resize_float
from ichseg.spec import PreprocessSpec


def drop_small_components(mask: np.ndarray, min_px: int) -> np.ndarray:
    """Remove 8-connected components smaller than ``min_px`` pixels.

    Args:
        mask: ``(H, W)`` ``bool``.
        min_px: Minimum component size to keep; 0 or 1 keeps everything.

    Returns:
        ``(H, W)`` ``bool``.
    """
    if min_px <= 1 or not mask.any():
        return mask.copy()
    from scipy import ndimage

    labels, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return mask.copy()
    sizes = np.bincount(labels.ravel())
    keep = sizes >= min_px
    keep[0] = False
    return keep[labels]


def clean_probability(prob: np.ndarray, spec: PreprocessSpec) -> np.ndarray:
    """Zero the probabilities outside components that survive speck removal.

    Args:
        prob: ``(h, w)`` ``float32`` model output for one slice, at model resolution.
        spec: The spec (threshold, min_component_px).

    Returns:
        ``(h, w)`` ``float32``; pixels outside kept components are set to
        ``min(prob, threshold - 1e-3)`` so they can never threshold to haemorrhage.
    """
    mask = drop_small_components(prob >= spec.threshold, spec.min_component_px)
    below = np.minimum(prob, np.float32(spec.threshold - 1e-3))
    return np.where(mask, prob, below).astype(np.float32)


def slice_probability(clean_prob: np.ndarray) -> float:
    """Slice-level haemorrhage probability: the maximum cleaned pixel probability.

    Args:
        clean_prob: ``(h, w)`` ``float32`` output of :func:`clean_probability`.

    Returns:
        A float in [0, 1].
    """
    return float(clean_prob.max()) if clean_prob.size else 0.0


def mask_at_size(clean_prob: np.ndarray, height: int, width: int, threshold: float) -> np.ndarray:
    """Resize a cleaned probability map to a slice's own size and threshold it.

    Args:
        clean_prob: ``(h, w)`` ``float32``.
        height: The slice's height.
        width: The slice's width.
        threshold: Pixel threshold.

    Returns:
        ``(height, width)`` ``uint8`` with values 0 and 255.
    """
    big = resize_float(clean_prob, height, width)
    return np.where(big >= threshold, np.uint8(255), np.uint8(0)).astype(np.uint8)


def outline(mask: np.ndarray) -> np.ndarray:
    """Inner boundary of a binary mask, two pixels thick on large slices.

    Args:
        mask: ``(H, W)`` ``bool`` or 0/255 ``uint8``.

    Returns:
        ``(H, W)`` ``bool``.
    """
    m = np.asarray(mask).astype(bool)
    if not m.any():
        return m
    from scipy import ndimage

    iterations = 2 if max(m.shape) >= 384 else 1
    eroded = ndimage.binary_erosion(m, iterations=iterations, border_value=0)
    return m & ~eroded
