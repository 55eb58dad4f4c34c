"""The segmentation service: one scan in, overlay video, masks and report out.

This is the one function that every entry point calls (CLI, embedded worker, Lambda, ECS).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ichseg.errors import IchsegError
from ichseg.geometry import apply_spacing
from ichseg.hu_volume import HU_VOLUME_NAME, write_hu_volume
from ichseg.ports import ProgressFn, Segmenter, SubtypeSegmenter
from ichseg.postprocess import clean_probability, mask_at_size, slice_probability
from ichseg.preprocess import scale_slice, stack_context, to_display
from ichseg.readers import Limits, read_scan
from ichseg.report import SliceResult, build_report, mask_name
from ichseg.video import frame_size, render_frame, write_video

REPORT_NAME = "report.json"
#: Model-input pixels per model call at most: one 512x512 slice. Measured with the
#: 512x512 model 1.1.0 (flip TTA in the graph) on a 24-slice scan: peak RSS 0.63 GB at batch 1,
#: 1.9 GB at batch 4, 3.7 GB at batch 8, and batch 1 was also the fastest on 2 cores.
MAX_BATCH_PIXELS = 512 * 512


class OutputExists(IchsegError):
    """The output folder already holds files and overwriting was not asked for."""

    code = "output_exists"


def _noop(stage: str, done: int, total: int) -> None:
    return None


def segment_scan(
    source: Path,
    out_dir: Path,
    segmenter: Segmenter,
    *,
    limits: Limits | None = None,
    progress: ProgressFn | None = None,
    batch_size: int = 8,
    overwrite: bool = False,
    fps: int = 5,
    max_batch_pixels: int = MAX_BATCH_PIXELS,
    spacing: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Segment one scan and write its results.

    Writes into ``out_dir``: ``overlay.mp4`` (H.264, bleed tinted and outlined, slice number
    burned in), ``slices.mp4`` (the same frames without overlay), ``masks/001.png`` … (one
    per input slice, the slice's own size, 0/255), ``report.json`` and, for inputs in
    Hounsfield units, ``hu.npy.gz`` (:mod:`ichseg.hu_volume`). Everything is written
    to a staging folder beside ``out_dir`` and moved into place at the end, so a failed run
    leaves no output that looks complete.

    Args:
        source: A video, a folder or zip of PNG/JPEG or DICOM files, or a NIfTI file.
        out_dir: Output folder; created, or replaced when ``overwrite``.
        segmenter: The model adapter.
        limits: Input safety limits (defaults when ``None``).
        progress: Optional ``progress(stage, done, total)`` callback.
        batch_size: Slices per model call, capped so that a call holds at most
            ``max_batch_pixels`` model-input pixels (by default 8 slices at 256x256 -> 4;
            at 512x512 -> 1), which bounds memory on small machines and Lambda.
        overwrite: Replace an existing non-empty ``out_dir``.
        fps: Frames (slices) per second of the videos.
        max_batch_pixels: The cap per model call (default :data:`MAX_BATCH_PIXELS`);
            raise it where memory allows larger batches (a GPU).
        spacing: ``(pixel_spacing_mm, slice_thickness_mm)`` the user gave for an input
            that carries none (PNG/JPEG, video); a spacing in the file itself wins.

    Returns:
        The report dictionary (also written as ``report.json``).

    Raises:
        InputError: When the scan is unreadable, empty or over a limit.
        OutputExists: When ``out_dir`` is not empty and ``overwrite`` is false.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputExists(f"output path exists and is not a folder: {out_dir}")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise OutputExists(f"output folder is not empty (use overwrite): {out_dir}")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        report = _segment_into(
            Path(source),
            stage,
            segmenter,
            limits,
            progress or _noop,
            batch_cap(
                max(1, batch_size),
                segmenter.spec.input_height,
                segmenter.spec.input_width,
                max_batch_pixels,
            ),
            fps,
            spacing,
        )
        _publish(stage, out_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return report


def _segment_into(
    source: Path,
    stage: Path,
    segmenter: Segmenter,
    limits: Limits | None,
    progress: ProgressFn,
    batch_size: int,
    fps: int,
    spacing: tuple[float, float] | None = None,
) -> dict[str, Any]:
    spec = segmenter.spec
    timings: dict[str, float] = {}
    t_start = time.perf_counter()

    t0 = time.perf_counter()
    scan = read_scan(source, limits)
    if spacing is not None:
        apply_spacing(scan, *spacing)
    hu_file = scan.is_hu and write_hu_volume(scan.slices, stage / HU_VOLUME_NAME)
    displays = [to_display(s, scan.is_hu, spec) for s in scan.slices]
    scan.slices = []  # the raw pixels are no longer needed; free them early
    n = len(displays)
    timings["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    planes = np.stack([scale_slice(d, spec) for d in displays])
    timings["preprocess"] = time.perf_counter() - t0

    (stage / "masks").mkdir()
    results: list[SliceResult] = []
    masks: list[np.ndarray] = []
    t_model = 0.0
    t_post = 0.0
    typed: SubtypeSegmenter | None = None
    if spec.subtypes and isinstance(segmenter, SubtypeSegmenter):
        typed = segmenter
    progress("segment", 0, n)
    for start in range(0, n, batch_size):
        stop = min(n, start + batch_size)
        t0 = time.perf_counter()
        batch = stack_context(planes, spec.context_slices, start, stop)
        subtypes: np.ndarray | None = None
        if typed is not None:
            probs, subtypes = typed.predict_with_subtypes(batch)
        else:
            probs = segmenter.predict(batch)
        t_model += time.perf_counter() - t0
        t0 = time.perf_counter()
        for offset, prob in enumerate(probs):
            i = start + offset
            clean = clean_probability(prob, spec)
            h, w = displays[i].shape
            mask = mask_at_size(clean, h, w, spec.threshold)
            area = int(np.count_nonzero(mask))
            scores = None if subtypes is None else tuple(float(v) for v in subtypes[offset])
            results.append(
                SliceResult(probability=slice_probability(clean), area_px=area, subtypes=scores)
            )
            masks.append(mask)
            Image.fromarray(mask).save(stage / mask_name(i + 1, n), compress_level=1)
        t_post += time.perf_counter() - t0
        progress("segment", stop, n)
    timings["inference"] = t_model
    timings["postprocess"] = t_post

    t0 = time.perf_counter()
    fh, fw = frame_size(*displays[0].shape)
    progress("video", 0, 2)
    frames = write_video(
        _frames(displays, masks, (fh, fw), overlay=True), stage / "overlay.mp4", fps
    )
    progress("video", 1, 2)
    write_video(_frames(displays, masks, (fh, fw), overlay=False), stage / "slices.mp4", fps)
    progress("video", 2, 2)
    timings["video"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - t_start

    report = build_report(
        scan,
        results,
        spec,
        segmenter.info,
        timings,
        video={"fps": fps, "width": fw, "height": fh, "frames": frames},
    )
    report["files"]["hu_volume"] = HU_VOLUME_NAME if hu_file else None
    tmp = stage / (REPORT_NAME + ".tmp")
    tmp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, stage / REPORT_NAME)
    return report


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


def _frames(
    displays: list[np.ndarray], masks: list[np.ndarray], size: tuple[int, int], overlay: bool
) -> Iterator[np.ndarray]:
    n = len(displays)
    for i, (display, mask) in enumerate(zip(displays, masks, strict=True), start=1):
        label = f"{i}/{n}"
        if overlay and mask.any():
            label += "  bleed"
        yield render_frame(display, mask if overlay else None, size, label)


def _publish(stage: Path, out_dir: Path) -> None:
    """Move a finished staging folder into place, replacing ``out_dir`` if it exists."""
    if out_dir.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, trash / "old")
        os.replace(stage, out_dir)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(stage, out_dir)
