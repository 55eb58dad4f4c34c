"""Turning model outputs into masks, slice calls and the scan verdict (numpy and SciPy only).

SciPy is imported on first use (cold start).

:func:`scan_verdict` is the one rule that decides whether a slice and a scan show
haemorrhage; the report, :func:`ichseg.predict.predict_scan`, the export evaluation and
the training validation all call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ichseg.preprocess import resize_float
from ichseg.scan import voxel_volume_ml
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


def raw_slice_score(
    clean_prob: np.ndarray,
    learned: float | None = None,
    spec: PreprocessSpec | None = None,
) -> float:
    """A slice's own haemorrhage score, before neighbours and calibration.

    Args:
        clean_prob: ``(h, w)`` ``float32`` output of :func:`clean_probability`.
        learned: The model's slice-head probability for this slice, or ``None`` for a
            model without a slice head.
        spec: Where given, its ``slice_source`` applies (``"pixels"`` ignores ``learned``).

    Returns:
        ``learned``, else :func:`slice_probability` (the largest cleaned pixel probability).
    """
    use_learned = learned is not None and (spec is None or spec.slice_source == "head")
    return float(learned) if use_learned and learned is not None else slice_probability(clean_prob)


def with_neighbours(scores: Sequence[float] | np.ndarray, weight: float) -> np.ndarray:
    """Slice scores that also see the neighbouring slices: ``max(s_i, weight * s_nb)``.

    ``s_nb`` is the higher of slice ``i - 1``'s and slice ``i + 1``'s score. A bleed runs
    over consecutive slices, and a slice next to a confident one often holds the bleed's
    thin edge (partial volume) that its own score ranks low; ``weight`` (chosen on
    out-of-fold predictions, ``PreprocessSpec.slice_context``) says how much of the
    neighbour's evidence a slice takes. A slice never scores lower than its own score.

    Args:
        scores: ``(N,)`` slice scores in [0, 1], in slice order.
        weight: In [0, 1]; 0 returns the scores unchanged.

    Returns:
        ``(N,)`` ``float64``.
    """
    s = np.asarray(scores, dtype=np.float64).ravel()
    if weight <= 0.0 or s.size < 2:
        return s.copy()
    neighbour = np.zeros_like(s)
    neighbour[1:] = s[:-1]
    neighbour[:-1] = np.maximum(neighbour[:-1], s[1:])
    return np.asarray(np.maximum(s, weight * neighbour))


def calibrated_slice_scores(
    raw: Sequence[float] | np.ndarray, context: float, temperature: float
) -> np.ndarray:
    """A scan's slice scores from its slices' own scores: neighbours, then calibration.

    The one composition serving (:func:`slice_scores`) and the out-of-fold selection
    (``training.oof``) both use.

    Args:
        raw: ``(N,)`` :func:`raw_slice_score` values, in slice order.
        context: :func:`with_neighbours`'s weight.
        temperature: :func:`calibrate`'s ``T``; 1 leaves the scores as they are.

    Returns:
        ``(N,)`` ``float64`` in [0, 1].
    """
    s = with_neighbours(raw, context)
    if temperature == 1.0:
        return s
    return calibrate_all(s, temperature)


def slice_scores(raw: Sequence[float] | np.ndarray, spec: PreprocessSpec | None) -> np.ndarray:
    """A scan's slice scores under a spec (its ``slice_context`` and ``slice_temperature``).

    Args:
        raw: ``(N,)`` :func:`raw_slice_score` values, in slice order.
        spec: The model's spec; ``None`` returns the raw scores.

    Returns:
        ``(N,)`` ``float64``.
    """
    if spec is None:
        return np.asarray(raw, dtype=np.float64).ravel().copy()
    return calibrated_slice_scores(raw, spec.slice_context, spec.slice_temperature)


def slice_score(
    clean_prob: np.ndarray,
    learned: float | None = None,
    spec: PreprocessSpec | None = None,
) -> float:
    """One slice's haemorrhage score on its own (no neighbours): :func:`slice_scores` of one.

    Args:
        clean_prob: ``(h, w)`` ``float32`` output of :func:`clean_probability`.
        learned: The model's slice-head probability for this slice, or ``None`` for a
            model without a slice head.
        spec: Where given, its ``slice_source`` (``"pixels"`` ignores ``learned``) and
            ``slice_temperature`` (calibration) apply.

    Returns:
        ``learned``, else :func:`slice_probability` (the maximum cleaned pixel
        probability), calibrated with the spec's temperature.
    """
    return float(slice_scores([raw_slice_score(clean_prob, learned, spec)], spec)[0])


def calibrate(score: float, temperature: float) -> float:
    """Temperature scaling of a probability: ``sigmoid(logit(score) / temperature)``.

    Args:
        score: A probability in [0, 1].
        temperature: ``T > 0``; above 1 softens, below 1 sharpens.

    Returns:
        The calibrated probability.
    """
    return float(calibrate_all(np.array([score]), temperature)[0])


def calibrate_all(scores: np.ndarray, temperature: float) -> np.ndarray:
    """:func:`calibrate` of every element.

    Args:
        scores: Probabilities, any shape.
        temperature: ``T > 0``.

    Returns:
        ``float64`` calibrated probabilities of the same shape.
    """
    q = np.clip(np.asarray(scores, dtype=np.float64), 1e-6, 1.0 - 1e-6)
    return np.asarray(1.0 / (1.0 + np.exp(-np.log(q / (1.0 - q)) / temperature)))


def scan_score(scores: Sequence[float] | np.ndarray, rule: str) -> float:
    """A scan's score from its slice scores, in slice order.

    Args:
        scores: ``(N,)`` (calibrated) slice scores.
        rule: ``"max"`` or ``"any_slice"``: the highest slice; ``"pair"``: the highest mean
            of a slice and its higher neighbour (a bleed seen on two consecutive slices
            outranks one isolated bright slice; a one-slice scan scores its slice).

    Returns:
        The scan score (0 for no slices).

    Raises:
        ValueError: For an unknown rule.
    """
    s = np.asarray(scores, dtype=np.float64).ravel()
    if rule not in ("any_slice", "max", "pair"):
        raise ValueError(f"unknown scan rule {rule!r}")
    if not s.size:
        return 0.0
    if rule != "pair" or s.size == 1:
        return float(s.max())
    left = np.concatenate([[-np.inf], s[:-1]])
    right = np.concatenate([s[1:], [-np.inf]])
    return float(((s + np.maximum(left, right)) / 2.0).max())


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


@dataclass(frozen=True)
class ScanVerdict:
    """What the slice scores and masks say about a scan.

    Attributes:
        haemorrhage: The scan verdict.
        probability: The scan probability: the highest slice score, or the scan score of
            the spec's ``scan_rule`` (0 for no slices).
        slice_calls: Per slice, whether it is called bleeding.
        volume_ml: Volume of the bleeding slices' masks in mL (rounded to 0.001 mL, as
            reported), or ``None`` when the spacing is unknown.
    """

    haemorrhage: bool
    probability: float
    slice_calls: tuple[bool, ...]
    volume_ml: float | None

    @property
    def bleeding_slices(self) -> list[int]:
        """1-based indices of the slices called bleeding."""
        return [i for i, called in enumerate(self.slice_calls, start=1) if called]


def scan_verdict(
    slice_scores: Sequence[float] | np.ndarray,
    mask_areas_px: Sequence[int] | np.ndarray,
    spec: PreprocessSpec,
    pixel_spacing_mm: tuple[float, float] | None = None,
    slice_thickness_mm: float | None = None,
) -> ScanVerdict:
    """The one rule for calling slices and a scan bleeding.

    With ``spec.scan_rule == "any_slice"`` (models without an out-of-fold recipe): a slice
    is bleeding when its score reaches ``spec.slice_threshold`` and its mask is not empty,
    and a scan is positive when a slice is bleeding and, where the spacing is known, the
    bleeding slices' mask volume reaches ``spec.scan_min_volume_ml``. With ``"max"`` or
    ``"pair"`` (the triage rules chosen on out-of-fold predictions): the scan is positive
    when :func:`scan_score` reaches ``spec.scan_threshold``, and a slice is bleeding when
    its score reaches ``spec.slice_threshold``.

    Args:
        slice_scores: ``(N,)`` slice scores in [0, 1] (see :func:`slice_scores`).
        mask_areas_px: ``(N,)`` mask pixels per slice, at the resolution the volume is
            measured at (the slice's own size for the report).
        spec: Thresholds (``slice_threshold``, ``scan_min_volume_ml``).
        pixel_spacing_mm: ``(row, column)`` spacing of those pixels in mm, or ``None``.
        slice_thickness_mm: Distance between slice centres in mm, or ``None``.

    Returns:
        The verdict.
    """
    scores = [float(v) for v in np.asarray(slice_scores, dtype=np.float64).ravel()]
    areas = [int(v) for v in np.asarray(mask_areas_px).ravel()]
    if len(scores) != len(areas):
        raise ValueError(f"{len(scores)} slice scores for {len(areas)} mask areas")
    need_mask = spec.scan_rule == "any_slice"
    calls = tuple(
        s >= spec.slice_threshold and (a > 0 or not need_mask)
        for s, a in zip(scores, areas, strict=True)
    )
    voxel_ml = voxel_volume_ml(pixel_spacing_mm, slice_thickness_mm)
    volume_ml = None
    if voxel_ml is not None:
        volume_ml = round(sum(a for a, c in zip(areas, calls, strict=True) if c) * voxel_ml, 3)
    if need_mask:
        positive = any(calls) and (volume_ml is None or volume_ml >= spec.scan_min_volume_ml)
        probability = max(scores, default=0.0)
    else:
        probability = scan_score(scores, spec.scan_rule)
        positive = probability >= spec.scan_threshold
    return ScanVerdict(
        haemorrhage=positive,
        probability=probability,
        slice_calls=calls,
        volume_ml=volume_ml,
    )
