"""Predict in memory: a scan (or an array) in, masks, scores and the verdict out; no files.

:func:`predict_scan` is the pipeline's one inference path: the CLI, the embedded server
and the cloud reach it through :func:`ichseg.service.segment_scan` (which adds
:func:`ichseg.write.write_outputs`); the export evaluation and the training validation
post-process raw model outputs with :func:`predict_from_heads`, the same code.

Example:
    >>> import numpy as np
    >>> from ichseg import load_model, predict_scan
    >>> model = load_model()
    >>> hu = np.full((24, 512, 512), 30.0, np.float32)  # (N, H, W) Hounsfield units
    >>> pred = predict_scan(hu, model, pixel_spacing_mm=(0.5, 0.5), slice_thickness_mm=5.0)
    >>> pred.verdict.haemorrhage, pred.masks[0].shape  # doctest: +SKIP
    (False, (512, 512))
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ichseg import framing as frames
from ichseg.defaults import MAX_BATCH_PIXELS
from ichseg.errors import InputError
from ichseg.framing import Framing, find_framing
from ichseg.headbox import MARGIN_PX, BoxedBatch, area_fraction, crop, paste, plan_calls
from ichseg.ports import (
    AnySizeSegmenter,
    ModelInfo,
    ModelOutput,
    MultiHeadSegmenter,
    ProgressFn,
    Segmenter,
)
from ichseg.postprocess import (
    ScanVerdict,
    clean_probability,
    mask_at_size,
    raw_slice_score,
    scan_verdict,
    slice_probability,
    slice_scores,
)
from ichseg.preprocess import (
    context_distance,
    mix_slices,
    plan_slabs,
    scale_slice,
    slab_size,
    stack_context,
    to_display,
)
from ichseg.scan import Scan, voxel_volume_ml
from ichseg.spec import PreprocessSpec

#: ``on_slice(i, mask)``: slice ``i``'s (0-based) finished mask, in scan order.
SliceFn = Callable[[int, np.ndarray], None]
#: A segmenter, or a function ``(N, h, w, C) -> (N, h, w[, 1])`` probabilities.
ModelLike = Segmenter | Callable[[np.ndarray], np.ndarray]


@dataclass
class Prediction:
    """What the model found in one scan, in memory.

    Attributes:
        masks: ``N`` masks, each ``(H_i, W_i)`` ``uint8`` (0/255) at its slice's own size.
        slice_scores: ``(N,)`` ``float64`` slice scores: the model's learned slice
            probability when it has a slice head and the spec's ``slice_source`` is
            ``"head"``, else ``pixel_scores``, with the
            neighbours' evidence and calibration of the spec
            (:func:`ichseg.postprocess.slice_scores`).
        pixel_scores: ``(N,)`` ``float64`` maximum pixel probability per slice after speck
            removal.
        areas_px: ``(N,)`` ``int64`` mask pixels per slice at its own size.
        verdict: Slice calls, scan verdict, probability and volume
            (:func:`ichseg.postprocess.scan_verdict`).
        spec: The spec that pre- and post-processed the scan.
        model: The model's identity, when known.
        subtypes: ``(N, K)`` ``float32`` subtype probabilities, or ``None`` without a
            subtype head.
        probabilities: ``(N, h, w)`` ``float32`` cleaned probabilities at model
            resolution, or ``None`` when not kept.
        displays: ``N`` ``(H_i, W_i)`` ``uint8`` brain-window slices (what the videos show;
            empty when built from model outputs alone).
        timings_s: Seconds per stage (``preprocess``, ``inference``, ``postprocess``).
        framing: The head crop the model saw (a screen recording or viewer export; see
            :mod:`ichseg.framing`), or ``None`` when it saw the whole slices. The masks are
            pasted back at the slices' own size either way.
        context_distance: Model slices between a slice and its context neighbours
            (:func:`ichseg.preprocess.context_distance`; 1 unless the series is slightly
            thinner than the training slices).
        slab_slices: Native slices per slice the model saw
            (:func:`ichseg.preprocess.slab_size`): above 1 for a thin series, whose every
            native slice then takes its slab's mask, score and call.
        slab_kind: How a thin series was shown (:class:`ichseg.preprocess.SlabPlan`):
            ``"average"`` (slabs of an acquisition), ``"repeat"``, ``"linear"`` or
            ``"linear-mid"`` (the thicker slices it was made from); ``None`` for other
            series.
        head_box_area: Model-input pixels run, as a share of running every whole frame
            (below 1 when the model ran on head boxes, :mod:`ichseg.headbox`).
    """

    masks: list[np.ndarray]
    slice_scores: np.ndarray
    pixel_scores: np.ndarray
    areas_px: np.ndarray
    verdict: ScanVerdict
    spec: PreprocessSpec
    model: ModelInfo | None = None
    subtypes: np.ndarray | None = None
    probabilities: np.ndarray | None = None
    displays: list[np.ndarray] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)
    framing: Framing | None = None
    context_distance: float = 1.0
    slab_slices: int = 1
    slab_kind: str | None = None
    head_box_area: float = 1.0

    def __len__(self) -> int:
        return len(self.masks)

    @property
    def haemorrhage(self) -> bool:
        """The scan verdict."""
        return self.verdict.haemorrhage

    @property
    def volume_ml(self) -> float | None:
        """Bleed volume in mL, or ``None`` without spacing."""
        return self.verdict.volume_ml


def as_scan(
    volume: Scan | np.ndarray | Sequence[np.ndarray],
    *,
    is_hu: bool | None = None,
    pixel_spacing_mm: tuple[float, float] | None = None,
    slice_thickness_mm: float | None = None,
) -> Scan:
    """Wrap an array as a :class:`~ichseg.scan.Scan` (a scan is returned as it is).

    Args:
        volume: A scan; an ``(N, H, W)`` array (``(H, W)`` is one slice); or ``N`` slices
            of ``(H_i, W_i)`` (or ``(H_i, W_i, 3)`` colour ``uint8``).
        is_hu: Whether the pixels are Hounsfield units; by default, all but ``uint8``.
        pixel_spacing_mm: ``(row, column)`` spacing in mm, for volumes.
        slice_thickness_mm: Distance between slice centres in mm, for volumes.

    Returns:
        The scan (``source.format`` is ``"array"``).

    Raises:
        InputError: No slices.
    """
    if isinstance(volume, Scan):
        return volume
    if isinstance(volume, np.ndarray):
        slices = [volume] if volume.ndim == 2 else list(volume)
    else:
        slices = [np.asarray(s) for s in volume]
    if not slices:
        raise InputError("the scan has no slices")
    hu = bool(slices[0].dtype != np.uint8) if is_hu is None else is_hu
    return Scan(
        slices=slices,
        is_hu=hu,
        pixel_spacing_mm=pixel_spacing_mm,
        slice_thickness_mm=slice_thickness_mm,
        source={"format": "array", "name": "array", "n_slices": len(slices)},
    )


def display_slices(scan: Scan, spec: PreprocessSpec) -> list[np.ndarray]:
    """A scan's slices as the 8-bit brain-window grey the model was trained on.

    Args:
        scan: The scan.
        spec: The spec (window level and width for Hounsfield units).

    Returns:
        ``N`` ``(H_i, W_i)`` ``uint8`` arrays.
    """
    return [to_display(s, scan.is_hu, spec) for s in scan.slices]


def run_model(segmenter: Segmenter, batch: np.ndarray) -> ModelOutput:
    """Run the model once for every head it has.

    Args:
        segmenter: The model adapter; one with more heads than ``prob``
            (:class:`~ichseg.ports.MultiHeadSegmenter`) is asked for all of them.
        batch: ``(N, h, w, C)`` ``float32`` model input.

    Returns:
        The heads, ``prob`` as ``(N, h, w)`` ``float32``.
    """
    if isinstance(segmenter, MultiHeadSegmenter) and len(segmenter.heads) > 1:
        out = segmenter.predict_heads(batch)
    else:
        out = ModelOutput(prob=segmenter.predict(batch))
    return _squeezed(out)


def warm_up(segmenter: Segmenter) -> None:
    """Run the model once on a blank frame, so that no scan pays for its first call.

    The first run touches every kernel's code and grows the session's buffers; on a local
    disk that costs little (a 512x512 frame of the int8 model: 0.13-0.14 s first, 0.12 s
    after, 2-core AVX2 CPU), but a Lambda container image is read lazily, page by page, on
    first use. Entry points that start ahead of their first scan (a Lambda environment
    prepared by provisioned concurrency) call this at start-up.

    Args:
        segmenter: A loaded model; its spec gives the frame, ``(1, h, w, C)`` zeros.
    """
    s = segmenter.spec
    run_model(segmenter, np.zeros((1, s.input_height, s.input_width, s.channels), np.float32))


def _squeezed(out: ModelOutput) -> ModelOutput:
    """``prob`` as ``(N, h, w)`` ``float32`` (models may answer ``(N, h, w, 1)``)."""
    prob = np.asarray(out.prob, dtype=np.float32)
    prob = prob[..., 0] if prob.ndim == 4 else prob
    return ModelOutput(prob=prob, subtype=out.subtype, slice=out.slice)


def model_heads(
    displays: Sequence[np.ndarray],
    model: ModelLike,
    spec: PreprocessSpec,
    *,
    batch_size: int | None = None,
    max_batch_pixels: int | None = None,
    distance: float = 1.0,
    head_boxes: bool = False,
) -> ModelOutput:
    """Raw model outputs of a whole scan, through the serving preprocessing; no cleaning.

    For evaluations that post-process one model run under several specs (see
    :func:`predict_from_heads`).

    Args:
        displays: ``N`` ``(H_i, W_i)`` ``uint8`` brain-window slices, in scan order.
        model: A segmenter, or a function ``(N, h, w, C) -> (N, h, w[, 1])`` probabilities
            (a Keras model's ``predict``).
        spec: The preprocessing spec.
        batch_size: Slices per model call (``None``: all in one call).
        max_batch_pixels: Cap on model-input pixels per call (``None``: no cap).
        distance: Context distance in slices (:func:`ichseg.preprocess.context_distance`;
            ``1``: adjacent slices).
        head_boxes: Run the model on head boxes (:mod:`ichseg.headbox`; the model must
            take any input size), as :func:`predict_scan` does for such a model.

    Returns:
        The heads of all ``N`` slices; ``prob`` is ``(N, h, w)`` ``float32``.
    """
    h, w = spec.input_height, spec.input_width
    n = len(displays)
    if n == 0:
        return ModelOutput(prob=np.zeros((0, h, w), np.float32))
    planes = np.stack([scale_slice(d, spec) for d in displays])
    calls = plan_calls(
        planes,
        spec.context_slices,
        n if batch_size is None else max(1, batch_size),
        n * h * w if max_batch_pixels is None else max_batch_pixels,
        head_boxes,
    )

    def batch_of(start: int, stop: int) -> np.ndarray:
        return stack_context(planes, spec.context_slices, start, stop, distance)

    parts = [heads for _call, heads in run_calls(calls, batch_of, model, h, w)]

    def joined(name: str) -> np.ndarray | None:
        values = [getattr(p, name) for p in parts]
        if any(v is None for v in values):
            return None
        return np.concatenate([np.asarray(v, np.float32) for v in values])

    prob = joined("prob")
    assert prob is not None
    return ModelOutput(prob=prob, subtype=joined("subtype"), slice=joined("slice"))


def run_calls(
    calls: Sequence[BoxedBatch],
    batch_of: Callable[[int, int], np.ndarray],
    model: ModelLike,
    height: int,
    width: int,
) -> Iterator[tuple[BoxedBatch, ModelOutput]]:
    """Run planned model calls: crop each call's input to its box, run, paste ``prob`` back.

    The one model loop of serving and evaluation (:func:`predict_scan`,
    :func:`model_heads`, :func:`predict_in_boxes`).

    Args:
        calls: From :func:`ichseg.headbox.plan_calls`.
        batch_of: ``batch_of(start, stop)``: the whole-frame ``(stop - start, h, w, C)``
            ``float32`` model input of those slices.
        model: A segmenter (every head is asked for), or a probability function.
        height: Frame (model input) height.
        width: Frame (model input) width.

    Yields:
        Each call and its heads; ``prob`` is ``(n, height, width)`` ``float32`` (zero
        outside the box).
    """
    for call in calls:
        batch = batch_of(call.start, call.stop)
        whole = call.box == (0, height, 0, width)
        if not whole:
            batch = crop(batch, call.box)
        if isinstance(model, Segmenter):
            heads = run_model(model, batch)
        else:
            heads = _squeezed(ModelOutput(prob=model(batch)))
        if not whole:
            heads = ModelOutput(
                prob=paste(heads.prob, call.box, height, width),
                subtype=heads.subtype,
                slice=heads.slice,
            )
        yield call, heads


def predict_in_boxes(
    inputs: np.ndarray,
    predict: Callable[[np.ndarray], np.ndarray],
    *,
    context: int = 1,
    max_pixels: int = MAX_BATCH_PIXELS,
    max_slices: int = 8,
    margin: int = MARGIN_PX,
) -> tuple[np.ndarray, float]:
    """Run a whole scan's model input through ``predict`` on head boxes only.

    For evaluations and benchmarks that hold model inputs already (any inputs, such as
    random ones); the same calls as :func:`predict_scan` makes for a model of any size.

    Args:
        inputs: ``(N, h, w, C)`` ``float32`` model input of one scan, in scan order (channel
            ``context`` is the slice itself).
        predict: ``(n, h', w', C)`` -> ``(n, h', w'[, 1])`` probabilities.
        context: Neighbours per side stacked as channels.
        max_pixels: Most model-input pixels per call.
        max_slices: Most slices per call.
        margin: Background pixels kept around the head on each side.

    Returns:
        ``(probs, area)``: ``(N, h, w)`` ``float32`` and the crop area fraction.
    """
    n, h, w, c = inputs.shape
    planes = inputs[..., min(context, c - 1)]
    calls = plan_calls(planes, context, max_slices, max_pixels, True, margin=margin)

    def batch_of(start: int, stop: int) -> np.ndarray:
        return inputs[start:stop]

    out = np.zeros((n, h, w), dtype=np.float32)
    for call, heads in run_calls(calls, batch_of, predict, h, w):
        out[call.start : call.stop] = heads.prob
    return out, area_fraction(calls, n, h, w)


def batch_cap(batch_size: int, height: int, width: int, max_pixels: int = MAX_BATCH_PIXELS) -> int:
    """Slices per model call: ``batch_size`` capped at ``max_pixels`` model-input pixels.

    Args:
        batch_size: Requested slices per call.
        height: Model input height.
        width: Model input width.
        max_pixels: Most model-input pixels per call.

    Returns:
        At least 1.
    """
    return max(1, min(batch_size, max_pixels // max(1, height * width)))


@dataclass
class _Slices:
    """Post-processed slices, accumulated batch by batch."""

    masks: list[np.ndarray] = field(default_factory=list)
    raw_scores: list[float] = field(default_factory=list)
    pixel_scores: list[float] = field(default_factory=list)
    areas: list[int] = field(default_factory=list)
    cleaned: list[np.ndarray] = field(default_factory=list)
    subtypes: list[np.ndarray] = field(default_factory=list)

    def add(
        self,
        heads: ModelOutput,
        sizes: Sequence[tuple[int, int]],
        spec: PreprocessSpec,
        keep_probabilities: bool,
        framing: Framing | None = None,
    ) -> None:
        for i, (prob, (h, w)) in enumerate(zip(heads.prob, sizes, strict=True)):
            clean = clean_probability(prob, spec)
            mask = mask_at_size(clean, h, w, spec.threshold)
            if framing is not None:  # the model saw the head crop: back into the frame
                mask = frames.paste_mask(mask, framing)
            learned = None if heads.slice is None else float(heads.slice[i])
            self.masks.append(mask)
            self.pixel_scores.append(slice_probability(clean))
            self.raw_scores.append(raw_slice_score(clean, learned, spec))
            self.areas.append(int(np.count_nonzero(mask)))
            if keep_probabilities:
                self.cleaned.append(clean)
        if heads.subtype is not None:
            self.subtypes.append(np.asarray(heads.subtype, dtype=np.float32))

    def prediction(
        self,
        spec: PreprocessSpec,
        pixel_spacing_mm: tuple[float, float] | None,
        slice_thickness_mm: float | None,
        keep_probabilities: bool,
    ) -> Prediction:
        scores = slice_scores(self.raw_scores, spec)  # neighbours seen once every slice is in
        verdict = scan_verdict(scores, self.areas, spec, pixel_spacing_mm, slice_thickness_mm)
        h, w = spec.input_height, spec.input_width
        probabilities = None
        if keep_probabilities:
            probabilities = (
                np.stack(self.cleaned) if self.cleaned else np.zeros((0, h, w), np.float32)
            )
        return Prediction(
            masks=self.masks,
            slice_scores=scores,
            pixel_scores=np.asarray(self.pixel_scores, dtype=np.float64),
            areas_px=np.asarray(self.areas, dtype=np.int64),
            verdict=verdict,
            spec=spec,
            subtypes=np.concatenate(self.subtypes) if self.subtypes else None,
            probabilities=probabilities,
        )


def predict_from_heads(
    heads: ModelOutput,
    sizes: Sequence[tuple[int, int]],
    spec: PreprocessSpec,
    *,
    pixel_spacing_mm: tuple[float, float] | None = None,
    slice_thickness_mm: float | None = None,
    keep_probabilities: bool = True,
) -> Prediction:
    """Post-process raw model outputs of a whole scan exactly as :func:`predict_scan` does.

    For evaluations that run the model once and post-process its outputs under several
    specs (threshold tuning).

    Args:
        heads: Raw heads of all ``N`` slices (``prob`` ``(N, h, w)`` at model resolution).
        sizes: ``N`` ``(H_i, W_i)`` sizes to produce the masks at.
        spec: Thresholds and speck size.
        pixel_spacing_mm: ``(row, column)`` spacing of the mask pixels in mm, or ``None``.
        slice_thickness_mm: Distance between slice centres in mm, or ``None``.
        keep_probabilities: Keep the cleaned model-resolution probabilities.

    Returns:
        The prediction (without ``displays``).
    """
    heads = _squeezed(heads)
    acc = _Slices()
    acc.add(heads, sizes, spec, keep_probabilities)
    return acc.prediction(spec, pixel_spacing_mm, slice_thickness_mm, keep_probabilities)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def predict_scan(
    scan: Scan | np.ndarray | Sequence[np.ndarray],
    segmenter: Segmenter,
    spec: PreprocessSpec | None = None,
    *,
    batch_size: int = 8,
    max_batch_pixels: int = MAX_BATCH_PIXELS,
    keep_probabilities: bool = True,
    progress: ProgressFn | None = None,
    pixel_spacing_mm: tuple[float, float] | None = None,
    slice_thickness_mm: float | None = None,
    reframe: bool | None = None,
    head_boxes: bool | None = None,
    on_slice: SliceFn | None = None,
) -> Prediction:
    """Segment one scan in memory: nothing is written.

    Each slice is windowed (HU) or turned grey, scaled to the model input, stacked with
    its neighbours, run through the model in batches of at most ``max_batch_pixels``
    model-input pixels, cleaned of specks, resized back to its own size and thresholded;
    :func:`ichseg.postprocess.scan_verdict` then calls the slices and the scan. A model
    that takes any input size runs on each slice's head box (:mod:`ichseg.headbox`):
    neighbouring slices share a call while their common box fits the pixel cap, and the
    probabilities are pasted back into the frame (zero outside the head).

    Two inputs are shown to the model as it was trained: a thin series (1.25 mm, 2.5 mm)
    is averaged into slabs ``spec.slice_thickness_mm`` thick (in Hounsfield units when it
    has them; :func:`ichseg.preprocess.plan_slabs`), or shown as the thicker slices it was
    made from when it was resampled from them, the slabs are segmented as a 5 mm scan, and
    every native slice takes its slab's mask, score and call (the volume uses the native
    spacing; ``Prediction.slab_slices``, ``Prediction.slab_kind``); a screen
    recording or viewer export (letterbox, burned-in text, browser frame) is cropped to the
    head (:func:`ichseg.framing.find_framing`) and its masks pasted back into the frame.
    ``Prediction.slab_slices`` and ``Prediction.framing`` say what was done.

    Example:
        >>> from ichseg import load_model, predict_scan
        >>> from ichseg.readers import read_scan
        >>> pred = predict_scan(read_scan("head_ct.zip"), load_model())  # doctest: +SKIP
        >>> pred.verdict.bleeding_slices, pred.volume_ml  # doctest: +SKIP
        ([11, 12, 13], 4.2)

    Args:
        scan: A :class:`~ichseg.scan.Scan` (from :func:`ichseg.readers.read_scan`), or an
            ``(N, H, W)`` array: float Hounsfield units, or ``uint8`` grey already in the
            brain window (see :func:`as_scan`).
        segmenter: The model (:func:`ichseg.load_model`).
        spec: Pre- and post-processing; ``None`` uses the model's own spec.
        batch_size: Slices per model call, capped by ``max_batch_pixels``.
        max_batch_pixels: Most model-input pixels per model call.
        keep_probabilities: Keep the cleaned model-resolution probabilities
            (``N * h * w * 4`` bytes) in the result.
        progress: Optional ``progress("segment", done, total)`` callback.
        pixel_spacing_mm: Spacing of an array input (a scan carries its own).
        slice_thickness_mm: Slice distance of an array input (a scan carries its own).
        reframe: Look for the head in the frames and crop to it; ``None`` does so for
            inputs not in Hounsfield units (videos, PNG/JPEG: what screen recordings are).
        head_boxes: Run the model on head boxes; ``None``: when the segmenter takes any
            input size (:class:`~ichseg.ports.AnySizeSegmenter`).
        on_slice: Optional ``on_slice(i, mask)``, called with each finished mask as soon
            as its model call is post-processed (so that writing overlaps the next call,
            see :class:`ichseg.write.SliceWriter`).

    Returns:
        The prediction.

    Raises:
        InputError: The scan has no slices.
    """
    spec = spec or segmenter.spec
    progress = progress or _noop
    scan = as_scan(scan, pixel_spacing_mm=pixel_spacing_mm, slice_thickness_mm=slice_thickness_mm)
    if len(scan) == 0:
        raise InputError("the scan has no slices")
    size = slab_size(scan.slice_thickness_mm, spec)
    if size > 1:
        return _predict_slabs(
            scan,
            size,
            segmenter,
            spec,
            progress,
            on_slice,
            batch_size=batch_size,
            max_batch_pixels=max_batch_pixels,
            keep_probabilities=keep_probabilities,
            reframe=reframe,
            head_boxes=head_boxes,
        )
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    displays = display_slices(scan, spec)
    reframe = not scan.is_hu if reframe is None else reframe
    framing = find_framing(displays) if reframe else None
    seen = displays if framing is None else [frames.crop(d, framing) for d in displays]
    planes = np.stack([scale_slice(d, spec) for d in seen])
    distance = context_distance(scan.slice_thickness_mm, spec)
    timings["preprocess"] = time.perf_counter() - t0

    n = len(displays)
    if head_boxes is None:
        head_boxes = isinstance(segmenter, AnySizeSegmenter) and segmenter.any_input_size
    h, w = spec.input_height, spec.input_width
    calls = plan_calls(
        planes, spec.context_slices, max(1, batch_size), max_batch_pixels, head_boxes
    )

    def batch_of(start: int, stop: int) -> np.ndarray:
        return stack_context(planes, spec.context_slices, start, stop, distance)

    acc = _Slices()
    t_model = t_post = 0.0
    progress("segment", 0, n)
    t0 = time.perf_counter()
    for call, heads in run_calls(calls, batch_of, segmenter, h, w):
        start, stop = call.start, call.stop
        t_model += time.perf_counter() - t0
        t0 = time.perf_counter()
        if heads.subtype is not None and not spec.subtypes:
            heads = ModelOutput(prob=heads.prob, slice=heads.slice)
        sizes = [d.shape[:2] for d in seen[start:stop]]
        acc.add(heads, sizes, spec, keep_probabilities, framing)
        t_post += time.perf_counter() - t0
        if on_slice is not None:
            for i in range(start, stop):
                on_slice(i, acc.masks[i])
        progress("segment", stop, n)
        t0 = time.perf_counter()
    timings["inference"] = t_model
    timings["postprocess"] = t_post
    result = acc.prediction(
        spec, scan.pixel_spacing_mm, scan.slice_thickness_mm, keep_probabilities
    )
    result.displays = displays
    result.model = segmenter.info
    result.timings_s = timings
    result.framing = framing
    result.context_distance = distance
    result.head_box_area = area_fraction(calls, n, h, w)
    return result


def _predict_slabs(
    scan: Scan,
    size: int,
    segmenter: Segmenter,
    spec: PreprocessSpec,
    progress: ProgressFn,
    on_slice: SliceFn | None,
    *,
    batch_size: int,
    max_batch_pixels: int,
    keep_probabilities: bool,
    reframe: bool | None,
    head_boxes: bool | None,
) -> Prediction:
    """Segment a thin series as 5 mm slices and expand the result to its native slices.

    The 5 mm slices come from :func:`ichseg.preprocess.plan_slabs`; every native slice takes
    its 5 mm slice's mask, score and call, and the verdict is the 5 mm one.
    """
    t0 = time.perf_counter()
    n = len(scan)
    plan = plan_slabs(scan.slices, size)
    sources, owner = plan.sources, plan.owner
    thickness = None if scan.slice_thickness_mm is None else scan.slice_thickness_mm * size
    slabs = Scan(
        mix_slices(scan.slices, sources, scan.is_hu),
        scan.is_hu,
        scan.pixel_spacing_mm,
        thickness,
        scan.source,
        scan.patient,
    )
    displays = display_slices(scan, spec)
    slab_s = time.perf_counter() - t0
    members = [np.flatnonzero(owner == j) for j in range(len(sources))]

    def on_slab(j: int, mask: np.ndarray) -> None:
        assert on_slice is not None
        for i in members[j]:
            on_slice(int(i), mask)

    def slab_progress(stage: str, done: int, total: int) -> None:
        if total == len(sources):
            done = int(sum(len(m) for m in members[:done]))
            total = n
        progress(stage, done, total)

    pred = predict_scan(
        slabs,
        segmenter,
        spec,
        progress=slab_progress,
        on_slice=None if on_slice is None else on_slab,
        batch_size=batch_size,
        max_batch_pixels=max_batch_pixels,
        keep_probabilities=keep_probabilities,
        reframe=reframe,
        head_boxes=head_boxes,
    )
    calls = np.asarray(pred.verdict.slice_calls, dtype=bool)[owner]
    areas = pred.areas_px[owner]
    voxel_ml = voxel_volume_ml(scan.pixel_spacing_mm, scan.slice_thickness_mm)
    volume = None if voxel_ml is None else round(float(areas[calls].sum()) * voxel_ml, 3)
    return Prediction(
        masks=[pred.masks[j] for j in owner],
        slice_scores=pred.slice_scores[owner],
        pixel_scores=pred.pixel_scores[owner],
        areas_px=areas,
        verdict=ScanVerdict(
            haemorrhage=pred.verdict.haemorrhage,
            probability=pred.verdict.probability,
            slice_calls=tuple(bool(c) for c in calls),
            volume_ml=volume,
        ),
        spec=pred.spec,
        model=pred.model,
        subtypes=None if pred.subtypes is None else pred.subtypes[owner],
        probabilities=None if pred.probabilities is None else pred.probabilities[owner],
        displays=displays,
        timings_s={**pred.timings_s, "preprocess": pred.timings_s.get("preprocess", 0) + slab_s},
        framing=pred.framing,
        context_distance=pred.context_distance,
        slab_slices=size,
        slab_kind=plan.kind,
        head_box_area=pred.head_box_area,
    )
