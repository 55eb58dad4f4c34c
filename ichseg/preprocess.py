"""Slice preprocessing shared by training and serving (numpy and Pillow only).

A scan arrives as a list of 2-D slices that are either Hounsfield units (DICOM, NIfTI) or
already-display 8-bit grey (video frames, PNG/JPEG). :func:`to_display` brings both to
8-bit brain-window grey, exactly as the CT-ICH training PNGs were made; :func:`model_input`
resizes, scales and stacks neighbouring slices into the model's input tensor. Training calls
the same two functions on the CT-ICH slices.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

from ichseg.spec import PreprocessSpec


def window_hu(hu: np.ndarray, level: float, width: float) -> np.ndarray:
    """Apply a CT window and return 8-bit grey.

    Matches the CT-ICH release: ``(hu - (level - width/2)) * 255 / width``, clipped to
    [0, 255] and truncated to ``uint8``.

    Args:
        hu: Hounsfield units, any shape, any real dtype.
        level: Window centre in HU.
        width: Window width in HU (> 0).

    Returns:
        ``uint8`` array of the same shape.
    """
    low = level - width / 2.0
    scaled = (np.asarray(hu, dtype=np.float32) - np.float32(low)) * np.float32(255.0 / width)
    scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    return np.clip(scaled, 0.0, 255.0).astype(np.uint8)


def to_grey(image: np.ndarray) -> np.ndarray:
    """Turn an 8-bit grey or colour image into 8-bit grey.

    Args:
        image: ``(H, W)``, ``(H, W, 1)``, ``(H, W, 3)`` or ``(H, W, 4)`` array. Non-``uint8``
            input is clipped to [0, 255].

    Returns:
        ``(H, W)`` ``uint8``; colour uses ITU-R BT.601 luma, alpha is ignored.

    Raises:
        ValueError: For any other shape.
    """
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[2] in (3, 4):
        rgb = arr[..., :3].astype(np.float32)
        arr = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        arr = np.rint(arr)
    elif arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    elif arr.ndim != 2:
        raise ValueError(f"expected a 2-D grey or colour image, got shape {arr.shape}")
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    return arr


def to_display(pixels: np.ndarray, is_hu: bool, spec: PreprocessSpec) -> np.ndarray:
    """Bring one slice to the 8-bit brain-window grey that the model was trained on.

    Args:
        pixels: ``(H, W)`` HU (``is_hu``) or ``(H, W[, C])`` 8-bit grey/colour.
        is_hu: Whether ``pixels`` are Hounsfield units.
        spec: The model's preprocessing spec (window level and width).

    Returns:
        ``(H, W)`` ``uint8``.
    """
    if is_hu:
        return window_hu(pixels, spec.window_level, spec.window_width)
    return to_grey(pixels)


def resize_float(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Resize a 2-D float image with Pillow's antialiased bilinear filter.

    Args:
        image: ``(H, W)`` array, any real dtype.
        height: Output height.
        width: Output width.

    Returns:
        ``(height, width)`` ``float32``.
    """
    arr = np.ascontiguousarray(image, dtype=np.float32)
    if arr.shape == (height, width):
        return arr.copy()
    out = Image.fromarray(arr, mode="F").resize((width, height), Image.Resampling.BILINEAR)
    return np.asarray(out, dtype=np.float32)


def scale_slice(display: np.ndarray, spec: PreprocessSpec) -> np.ndarray:
    """Resize and scale one display slice to a model-input plane.

    Args:
        display: ``(H, W)`` ``uint8`` display grey.
        spec: The preprocessing spec.

    Returns:
        ``(input_height, input_width)`` ``float32`` in [0, 1].
    """
    plane = resize_float(display, spec.input_height, spec.input_width)
    return np.clip(plane / np.float32(255.0), 0.0, 1.0)


def context_distance(native_mm: float | None, spec: PreprocessSpec) -> float:
    """Distance, in native slices, at which the context channels are taken.

    The model was trained with neighbours ``spec.slice_thickness_mm`` apart. A thinner
    series (1.25 mm, 2.5 mm) would show it neighbours that are almost the centre slice, so
    the neighbours are taken ``spec.slice_thickness_mm / native_mm`` slices away instead.
    Series as thick as the training data or thicker, and inputs of unknown spacing
    (video, PNG), keep the adjacent slices.

    Args:
        native_mm: Distance between the input's slice centres in mm, or ``None``.
        spec: The preprocessing spec.

    Returns:
        ``1.0`` or more; a fraction means linear interpolation between two slices.
    """
    if native_mm is None or not np.isfinite(native_mm) or native_mm <= 0:
        return 1.0
    ratio = spec.slice_thickness_mm / float(native_mm)
    if ratio <= 1.25:  # within a quarter of the training spacing: adjacent slices
        return 1.0
    nearest = round(ratio)
    return float(nearest) if abs(ratio - nearest) < 0.05 else round(ratio, 4)


def stack_context(
    planes: np.ndarray,
    context: int,
    start: int = 0,
    stop: int | None = None,
    distance: float = 1.0,
) -> np.ndarray:
    """Stack slices ``start:stop`` with their neighbours as channels.

    Args:
        planes: ``(N, h, w)`` ``float32`` scaled planes of the whole scan, in scan order.
        context: Neighbours on each side; slices at the ends of the scan repeat themselves.
        start: First slice to return (0-based).
        stop: One past the last slice to return (``None``: ``N``).
        distance: Slices between the centre and its first neighbour (``1``: adjacent; ``4``:
            a 1.25 mm series shown as 5 mm, see :func:`context_distance`). A fractional
            position is interpolated linearly between the two slices around it; positions
            past the ends take the end slice.

    Returns:
        ``(stop - start, h, w, 2 * context + 1)`` ``float32``; channel ``context`` is the slice
        itself, lower channels are earlier slices.
    """
    n = planes.shape[0]
    stop = n if stop is None else stop
    offsets = np.arange(-context, context + 1, dtype=np.float64) * float(distance)
    pos = np.clip(np.arange(start, stop, dtype=np.float64)[:, None] + offsets[None, :], 0, n - 1)
    low = np.floor(pos).astype(np.intp)
    frac = (pos - low).astype(np.float32)
    if not frac.any():
        return np.ascontiguousarray(np.moveaxis(planes[low], 1, -1))
    high = np.minimum(low + 1, n - 1)
    f = frac[:, :, None, None]
    mixed = planes[low] * (np.float32(1.0) - f) + planes[high] * f
    return np.ascontiguousarray(np.moveaxis(mixed.astype(np.float32), 1, -1))


def model_input(
    displays: Sequence[np.ndarray], spec: PreprocessSpec, distance: float = 1.0
) -> np.ndarray:
    """Build the model input for a whole scan.

    Args:
        displays: ``N`` display slices, each ``(H_i, W_i)`` ``uint8``, in scan order. Sizes
            may differ between slices.
        spec: The preprocessing spec.
        distance: Context distance in slices (:func:`context_distance`).

    Returns:
        ``(N, input_height, input_width, channels)`` ``float32``.
    """
    if len(displays) == 0:
        return np.zeros((0, spec.input_height, spec.input_width, spec.channels), np.float32)
    planes = np.stack([scale_slice(d, spec) for d in displays])
    return stack_context(planes, spec.context_slices, distance=distance)
