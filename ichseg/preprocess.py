"""Slice preprocessing shared by training and serving (numpy and Pillow only).

A scan arrives as a list of 2-D slices that are either Hounsfield units (DICOM, NIfTI) or
already-display 8-bit grey (video frames, PNG/JPEG). :func:`to_display` brings both to
8-bit brain-window grey, exactly as the CT-ICH training PNGs were made; :func:`model_input`
resizes, scales and stacks neighbouring slices into the model's input tensor. Training calls
the same two functions on the CT-ICH slices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def slab_size(native_mm: float | None, spec: PreprocessSpec) -> int:
    """Native slices averaged into one model slice (a slab as thick as the training slices).

    A series thinner than the training slices (1.25 mm, 2.5 mm against 5 mm) is shown to
    the model as slabs: consecutive native slices averaged in Hounsfield units, the way a
    scanner reconstructs a thick series from a thin one (nnU-Net and TotalSegmentator
    likewise resample to the model's spacing and back). Each slab is
    ``round(spec.slice_thickness_mm / native_mm)`` slices; series within a quarter of the
    training thickness, thicker ones and those of unknown spacing keep their slices.

    Args:
        native_mm: Distance between the input's slice centres in mm, or ``None``.
        spec: The preprocessing spec.

    Returns:
        ``1`` (no slabs) or more.
    """
    if native_mm is None or not np.isfinite(native_mm) or native_mm <= 0:
        return 1
    ratio = spec.slice_thickness_mm / float(native_mm)
    return 1 if ratio <= 1.25 else max(1, round(ratio))


def slab_groups(n: int, size: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, stop)`` native index ranges of ``size`` slices (the last shorter).

    Args:
        n: Native slices.
        size: Slices per slab (:func:`slab_size`).

    Returns:
        ``ceil(n / size)`` ranges covering ``0 .. n`` in order.
    """
    size = max(1, int(size))
    return [(a, min(a + size, n)) for a in range(0, n, size)]


#: One model slice of a thin series: ``(native index, weight)`` pairs summed.
Source = tuple[tuple[int, float], ...]


def mix_slices(
    slices: Sequence[np.ndarray], sources: Sequence[Source], is_hu: bool
) -> list[np.ndarray]:
    """Build model slices as weighted sums of native slices.

    Args:
        slices: ``N`` ``(H, W)`` slices: float Hounsfield units (``is_hu``) or ``uint8``
            grey, all of one size.
        sources: Per model slice, its ``(native index, weight)`` pairs
            (:attr:`SlabPlan.sources`; an average has weights ``1 / size``).
        is_hu: Whether the slices are Hounsfield units (summed as ``float32``); grey sums
            are rounded back to ``uint8``.

    Returns:
        One ``(H, W)`` slice per source: ``float32`` HU or ``uint8`` grey.
    """
    out: list[np.ndarray] = []
    for source in sources:
        acc = np.zeros(np.shape(slices[source[0][0]]), np.float32)
        for i, w in source:
            acc += np.float32(w) * np.asarray(slices[i], dtype=np.float32)
        out.append(acc if is_hu else np.clip(np.rint(acc), 0, 255).astype(np.uint8))
    return out


#: Largest mean absolute error (HU or grey levels, after rounding) of rebuilding the thin
#: slices from thicker ones for a series to count as made from them.
UPSAMPLED_TOLERANCE = 1.0


@dataclass(frozen=True)
class SlabPlan:
    """How a thin series is shown to the model.

    Attributes:
        sources: Per model slice, the ``(native index, weight)`` pairs it sums
            (:func:`mix_slices`): ``size`` slices at ``1 / size`` (a slab of an
            acquisition), or the thicker slice a resampled series was made from.
        owner: ``(N,)`` ``intp``: the model slice whose mask, score and call each native
            slice takes.
        kind: ``"average"`` (slabs of a thin acquisition), ``"repeat"`` (each thick slice
            repeated), ``"linear"`` (linear between thick slices that are native slices)
            or ``"linear-mid"`` (linear, the thick slices' centres midway between two
            native slices: thin slices centred in each thick slab).
    """

    sources: tuple[Source, ...]
    owner: np.ndarray
    kind: str


def _thumbs(slices: Sequence[np.ndarray]) -> np.ndarray:
    step = max(1, min(np.shape(slices[0])) // 128)  # every few pixels: enough, and cheap
    return np.stack([np.asarray(s)[::step, ::step] for s in slices]).astype(np.float32)


def _mean_abs(a: np.ndarray) -> np.ndarray:
    return np.abs(a).mean(axis=(1, 2)) if len(a) else np.zeros(0, np.float32)


def upsampled_phase(
    slices: Sequence[np.ndarray], size: int, tolerance: float = UPSAMPLED_TOLERANCE
) -> tuple[int, str] | None:
    """Whether a thin series was made from slices ``size`` times thicker, and how.

    Software that resamples a 5 mm series to 1.25 mm repeats each slice or interpolates
    linearly between them; the thin slices then carry nothing beyond the thick slices they
    were made from, and averaging them into slabs would blur those together. A real thin
    acquisition differs from any such rebuild by its noise.

    Args:
        slices: ``N`` ``(H, W)`` slices (HU or grey).
        size: Native slices per training-thickness slice (:func:`slab_size`).
        tolerance: Largest mean absolute rebuild error of any thin slice.

    Returns:
        ``(phase, kind)``: for ``"repeat"`` and ``"linear"`` the thick slices are native
        slices ``phase, phase + size, ...``; for ``"linear-mid"`` their centres lie
        between native slices ``phase`` and ``phase + 1``, then every ``size``; ``None``
        for an acquisition (or too few slices).
    """
    n = len(slices)
    if size < 2 or n < 3 * size or any(np.shape(s) != np.shape(slices[0]) for s in slices):
        return None
    vol = _thumbs(slices)
    idx = np.arange(n)
    for phase in range(size):
        nodes = idx[phase::size]
        inner = (idx > nodes[0]) & (idx < nodes[-1]) & ((idx - phase) % size != 0)
        left = nodes[np.searchsorted(nodes, idx[inner], side="right") - 1]
        frac = ((idx[inner] - left) / size).astype(np.float32)[:, None, None]
        if _mean_abs(vol[inner] - vol[left]).max(initial=0.0) <= tolerance:
            return phase, "repeat"
        linear = vol[left] * (1 - frac) + vol[np.minimum(left + size, n - 1)] * frac
        if _mean_abs(vol[inner] - linear).max(initial=0.0) <= tolerance:
            return phase, "linear"
    d2 = vol[:-2] - 2 * vol[1:-1] + vol[2:]  # second difference at slices 1 .. n - 2
    err = _mean_abs(d2)
    for phase in range(size):
        # breaks between slices phase + k * size and the next: linear away from the breaks
        at = idx[1:-1]
        straight = ((at - phase) % size != 0) & ((at - phase - 1) % size != 0)
        if straight.sum() >= max(3, (n - 2) // size) and float(err[straight].max()) <= tolerance:
            return phase, "linear-mid"
    return None


def plan_slabs(slices: Sequence[np.ndarray], size: int) -> SlabPlan:
    """Plan the model slices of a thin series (``size`` native slices per training slice).

    A series made from thicker slices (:func:`upsampled_phase`) is shown as those slices;
    a thin acquisition is averaged into consecutive slabs of ``size`` slices, the way a
    scanner reconstructs a thick series from a thin one (nnU-Net and TotalSegmentator
    likewise resample to the model's spacing and back). Every native slice takes the
    result of its slab, or of the thick slice it was made from (the nearest).

    Args:
        slices: ``N`` ``(H, W)`` slices.
        size: Native slices per model slice (>= 1).

    Returns:
        The plan.
    """
    n = len(slices)
    idx = np.arange(n)
    found = upsampled_phase(slices, size)
    if found is None:
        groups = slab_groups(n, size)
        slabs = tuple(tuple((i, 1.0 / (b - a)) for i in range(a, b)) for a, b in groups)
        return SlabPlan(slabs, (idx // max(1, size)).astype(np.intp), "average")
    phase, kind = found
    if kind == "repeat":  # slices node .. node + size - 1 repeat the node
        nodes = np.arange(phase, n, size)
        owner = np.clip(np.searchsorted(nodes, idx, side="right") - 1, 0, len(nodes) - 1)
        return SlabPlan(tuple(((int(k), 1.0),) for k in nodes), owner.astype(np.intp), kind)
    if kind == "linear":  # the nearest node; a slice midway takes the later one
        nodes = np.arange(phase, n, size)
        owner = np.clip(np.searchsorted(nodes, idx - size / 2.0, side="right"), 0, len(nodes) - 1)
        return SlabPlan(tuple(((int(k), 1.0),) for k in nodes), owner.astype(np.intp), kind)
    # linear-mid: a thick slice's centre lies between native slices b and b + 1; each side's
    # straight line, extended half a slice, reaches it (1.5 x[b] - 0.5 x[b - 1]); both
    # sides are averaged where both exist
    sources: list[Source] = []
    breaks = [b for b in range(phase - size, n, size) if b + 1 >= 0 and b < n]
    for b in breaks:
        sides: list[list[tuple[int, float]]] = []
        if b >= 1:
            sides.append([(b, 1.5), (b - 1, -0.5)])
        if b + 2 <= n - 1:
            sides.append([(b + 1, 1.5), (b + 2, -0.5)])
        if not sides:
            sides.append([(min(max(b, 0), n - 1), 1.0)])
        sources.append(tuple((i, w / len(sides)) for side in sides for i, w in side))
    centres = np.asarray(breaks, dtype=np.float64) + 0.5
    owner = np.abs(idx[:, None] - centres[None, :]).argmin(axis=1)
    return SlabPlan(tuple(sources), owner.astype(np.intp), kind)


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
