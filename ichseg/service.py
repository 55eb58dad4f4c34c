"""The segmentation service: one scan in, overlay video, masks and report out.

This is the one function that every entry point calls (CLI, embedded worker, Lambda, ECS).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ichseg.errors import IchsegError
from ichseg.headbox import area_fraction, crop, paste, plan_calls
from ichseg.ports import ProgressFn, Segmenter, SubtypeSegmenter
from ichseg.postprocess import clean_probability, mask_at_size, slice_probability
from ichseg.preprocess import scale_slice, stack_context, to_display
from ichseg.readers import Limits, read_scan
from ichseg.report import SliceResult, build_report, mask_name
from ichseg.video import VideoStream, frame_size, render_frame
from ichseg.writers import BackgroundWriter

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
) -> dict[str, Any]:
    """Segment one scan and write its results.

    Mask PNGs and video frames are written on a background thread while the model runs the
    next call (:class:`ichseg.writers.BackgroundWriter`).

    Writes into ``out_dir``: ``overlay.mp4`` (H.264, bleed tinted and outlined, slice number
    burned in), ``slices.mp4`` (the same frames without overlay), ``masks/001.png`` … (one
    per input slice, the slice's own size, 0/255) and ``report.json``. Everything is written
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
            at 512x512 -> 1), which bounds memory on small machines and Lambda. A model that
            takes any input size runs on each slice's head box (:mod:`ichseg.headbox`), and
            neighbouring slices share a call while their common box fits the cap.
        overwrite: Replace an existing non-empty ``out_dir``.
        fps: Frames (slices) per second of the videos.
        max_batch_pixels: The cap per model call (default :data:`MAX_BATCH_PIXELS`);
            raise it where memory allows larger batches (a GPU).

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
            max(1, batch_size),
            fps,
            max_batch_pixels,
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
    max_batch_pixels: int,
) -> dict[str, Any]:
    spec = segmenter.spec
    timings: dict[str, float] = {}
    t_start = time.perf_counter()

    t0 = time.perf_counter()
    scan = read_scan(source, limits)
    displays = [to_display(s, scan.is_hu, spec) for s in scan.slices]
    scan.slices = []  # the raw pixels are no longer needed; free them early
    n = len(displays)
    timings["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    planes = np.stack([scale_slice(d, spec) for d in displays])
    timings["preprocess"] = time.perf_counter() - t0

    (stage / "masks").mkdir()
    results: list[SliceResult] = []
    t_model = 0.0
    t_post = 0.0
    typed: SubtypeSegmenter | None = None
    if spec.subtypes and isinstance(segmenter, SubtypeSegmenter):
        typed = segmenter
    height, width = planes.shape[1:]
    calls = plan_calls(
        planes, spec.context_slices, batch_size, max_batch_pixels, _takes_crops(segmenter)
    )
    fh, fw = frame_size(*displays[0].shape)
    overlay_video = VideoStream(stage / "overlay.mp4", fps)
    plain_video = VideoStream(stage / "slices.mp4", fps)
    progress("segment", 0, n)
    with BackgroundWriter() as writer:
        for call in calls:
            start, stop = call.start, call.stop
            t0 = time.perf_counter()
            batch = crop(stack_context(planes, spec.context_slices, start, stop), call.box)
            subtypes: np.ndarray | None = None
            if typed is not None:
                probs, subtypes = typed.predict_with_subtypes(batch)
            else:
                probs = segmenter.predict(batch)
            probs = paste(probs, call.box, height, width)
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
                writer.submit(
                    _write_slice,
                    displays[i],
                    mask,
                    i,
                    n,
                    (fh, fw),
                    stage,
                    overlay_video,
                    plain_video,
                )
            t_post += time.perf_counter() - t0
            progress("segment", stop, n)
        t0 = time.perf_counter()
        progress("video", 0, 2)
        writer.submit(overlay_video.close)
        writer.submit(plain_video.close)
    progress("video", 2, 2)
    timings["inference"] = t_model
    timings["postprocess"] = t_post
    timings["video"] = time.perf_counter() - t0  # the writers' tail after the last batch
    timings["writers_busy"] = writer.busy_s  # their whole time, mostly beside the model
    timings["head_box_area"] = area_fraction(calls, n, height, width)
    timings["total"] = time.perf_counter() - t_start
    frames = overlay_video.frames

    report = build_report(
        scan,
        results,
        spec,
        segmenter.info,
        timings,
        video={"fps": fps, "width": fw, "height": fh, "frames": frames},
    )
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


def _takes_crops(segmenter: Segmenter) -> bool:
    """Whether the segmenter's model accepts inputs of any height and width."""
    return bool(getattr(segmenter, "any_input_size", False))


def _write_slice(
    display: np.ndarray,
    mask: np.ndarray,
    i: int,
    n: int,
    size: tuple[int, int],
    stage: Path,
    overlay_video: VideoStream,
    plain_video: VideoStream,
) -> None:
    """Write slice ``i``'s mask PNG and its frame of both videos (on the writer thread)."""
    Image.fromarray(mask).save(stage / mask_name(i + 1, n), compress_level=1)
    label = f"{i + 1}/{n}"
    bleed = bool(mask.any())
    overlay_video.write(render_frame(display, mask, size, label + ("  bleed" if bleed else "")))
    plain_video.write(render_frame(display, None, size, label))


def _publish(stage: Path, out_dir: Path) -> None:
    """Move a finished staging folder into place, replacing ``out_dir`` if it exists."""
    if out_dir.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, trash / "old")
        os.replace(stage, out_dir)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(stage, out_dir)
