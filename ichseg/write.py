"""Write a prediction's outputs: masks, videos, format-native results, HU volume, report.

The names are those of :mod:`ichseg.outputs`; the report is :func:`ichseg.report.build_report`;
the results in the input's own format (DICOM SEG/SR, NIfTI mask) are
:func:`ichseg.derived.write_derived`'s.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ichseg.derived import DerivedOptions, write_derived
from ichseg.hu_volume import hu_volume, save_hu_volume
from ichseg.outputs import (
    HU_VOLUME_NAME,
    MASKS_DIR,
    OVERLAY_NAME,
    REPORT_NAME,
    SLICES_VIDEO_NAME,
    mask_name,
)
from ichseg.ports import ModelInfo, ProgressFn
from ichseg.predict import Prediction
from ichseg.report import SliceResult, build_report
from ichseg.scan import Scan
from ichseg.video import frame_size, render_frame, write_video


def _noop(stage: str, done: int, total: int) -> None:
    return None


def slice_results(prediction: Prediction) -> list[SliceResult]:
    """The report's per-slice results of a prediction."""
    subtypes = prediction.subtypes
    return [
        SliceResult(
            probability=float(prediction.slice_scores[i]),
            area_px=int(prediction.areas_px[i]),
            subtypes=None if subtypes is None else tuple(float(v) for v in subtypes[i]),
        )
        for i in range(len(prediction))
    ]


def write_outputs(
    prediction: Prediction,
    scan: Scan,
    out_dir: Path,
    *,
    fps: int = 5,
    progress: ProgressFn | None = None,
    timings_s: Mapping[str, float] | None = None,
    started: float | None = None,
    source: Path | None = None,
    derived: DerivedOptions | None = None,
    hu: np.ndarray | None = None,
) -> dict[str, Any]:
    """Write a prediction into a folder; ``report.json`` is written last.

    Writes ``masks/001.png`` … (one per slice, the slice's own size, 0/255),
    ``overlay.mp4`` (H.264, bleed tinted and outlined, slice number burned in),
    ``slices.mp4`` (the same frames without overlay), given the input file the results in
    its own format (DICOM: ``dicom/seg.dcm``, ``dicom/sr.dcm``, optional key images; NIfTI:
    ``mask.nii.gz``; see :func:`ichseg.derived.write_derived`), for a scan in Hounsfield
    units ``hu.npy.gz`` (:mod:`ichseg.hu_volume`; ``report["files"]["hu_volume"]`` names it,
    or is ``None``) and ``report.json``.

    Args:
        prediction: From :func:`ichseg.predict.predict_scan` (its ``displays`` and
            ``model`` are needed).
        scan: The scan it was made from (the report names its source and spacing; its
            pixels are not used and may have been released).
        out_dir: Destination folder; created if missing.
        fps: Frames (slices) per second of the videos.
        progress: Optional ``progress("video", done, 2)`` callback.
        timings_s: Seconds of earlier stages (``read``) to report beside the prediction's.
        started: ``time.perf_counter()`` at the start of the whole run, for ``total``
            (default: the sum of the stages).
        source: The input file or folder the scan was read from; needed for the
            format-native results (``None``: none are written).
        derived: Which format-native results to write (defaults when ``None``).
        hu: The scan's :func:`ichseg.hu_volume.hu_volume`, made before its pixels were
            released; by default it is made from ``scan.slices`` when the scan is in
            Hounsfield units and still holds them (else no HU volume is written).

    Returns:
        The report dictionary (also written as ``report.json``).

    Raises:
        ValueError: The prediction has no display slices or no model identity.
    """
    progress = progress or _noop
    if len(prediction.displays) != len(prediction) or prediction.model is None:
        raise ValueError("write_outputs needs a prediction from predict_scan (displays, model)")
    out_dir = Path(out_dir)
    (out_dir / MASKS_DIR).mkdir(parents=True, exist_ok=True)
    timings = {**(timings_s or {}), **prediction.timings_s}
    n = len(prediction)
    t0 = time.perf_counter()
    for i, mask in enumerate(prediction.masks, start=1):
        Image.fromarray(mask).save(out_dir / mask_name(i, n), compress_level=1)
    timings["postprocess"] = timings.get("postprocess", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    displays, masks = prediction.displays, prediction.masks
    fh, fw = frame_size(*displays[0].shape)
    progress("video", 0, 2)
    frames = write_video(_frames(displays, masks, (fh, fw), True), out_dir / OVERLAY_NAME, fps)
    progress("video", 1, 2)
    write_video(_frames(displays, masks, (fh, fw), False), out_dir / SLICES_VIDEO_NAME, fps)
    progress("video", 2, 2)
    timings["video"] = time.perf_counter() - t0
    if hu is None and scan.is_hu and scan.slices:
        hu = hu_volume(scan.slices)
    if hu is not None:
        save_hu_volume(hu, out_dir / HU_VOLUME_NAME)
    timings["total"] = (
        time.perf_counter() - started if started is not None else sum(timings.values())
    )
    report = build_report(
        scan,
        slice_results(prediction),
        prediction.spec,
        _model(prediction),
        timings,
        video={"fps": fps, "width": fw, "height": fh, "frames": frames},
        framing=None if prediction.framing is None else prediction.framing.as_dict(),
        context_distance=prediction.context_distance,
    )
    if source is not None:
        t0 = time.perf_counter()
        report["files"].update(
            write_derived(
                Path(source),
                str(scan.source.get("format")),
                prediction.masks,
                prediction.displays,
                report,
                _model(prediction),
                out_dir,
                derived,
            )
        )
        report["timings_s"]["derived"] = round(time.perf_counter() - t0, 4)
        if started is not None:
            report["timings_s"]["total"] = round(time.perf_counter() - started, 4)
    report["files"]["hu_volume"] = HU_VOLUME_NAME if hu is not None else None
    tmp = out_dir / (REPORT_NAME + ".tmp")
    tmp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / REPORT_NAME)
    return report


def _model(prediction: Prediction) -> ModelInfo:
    assert prediction.model is not None
    return prediction.model


def _frames(
    displays: list[np.ndarray], masks: list[np.ndarray], size: tuple[int, int], overlay: bool
) -> Iterator[np.ndarray]:
    n = len(displays)
    for i, (display, mask) in enumerate(zip(displays, masks, strict=True), start=1):
        label = f"{i}/{n}"
        if overlay and mask.any():
            label += "  bleed"
        yield render_frame(display, mask if overlay else None, size, label)
