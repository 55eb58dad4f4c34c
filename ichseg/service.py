"""The segmentation service: one scan file in, overlay video, masks and report out.

:func:`segment_scan` is the one function that every entry point calls (CLI, embedded
worker, Lambda, ECS): it reads the scan, predicts in memory
(:func:`ichseg.predict.predict_scan`) and writes the outputs
(:func:`ichseg.write.write_outputs`) into a staging folder that replaces ``out_dir`` only
when complete. The two overlap: each mask goes to a background
:class:`ichseg.write.SliceWriter` (mask PNG, both videos' frames) as soon as its model call
is post-processed, while the model runs the next call.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.defaults import MAX_BATCH_PIXELS
from ichseg.derived import DerivedOptions
from ichseg.errors import IchsegError
from ichseg.geometry import apply_spacing
from ichseg.hu_volume import hu_volume
from ichseg.ports import ProgressFn, Segmenter
from ichseg.predict import batch_cap, display_slices, predict_scan
from ichseg.preprocess import slab_size
from ichseg.readers import Limits, read_scan
from ichseg.scan import Scan
from ichseg.write import SliceWriter, write_outputs

__all__ = ["MAX_BATCH_PIXELS", "OutputExists", "batch_cap", "segment_scan"]


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
    derived: DerivedOptions | None = None,
    spacing: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Segment one scan and write its results.

    Writes into ``out_dir``: ``overlay.mp4`` (H.264, bleed tinted and outlined, slice number
    burned in), for inputs without Hounsfield units ``slices.mp4`` (the same frames without
    overlay: the web viewer's picture; with an HU volume it draws from that,
    :func:`ichseg.write.needs_plain_video`), ``masks/001.png`` … (one
    per input slice, the slice's own size, 0/255), for a DICOM input ``dicom/seg.dcm`` and
    ``dicom/sr.dcm`` (SEG and TID 1500 SR), for a NIfTI input ``mask.nii.gz``, for inputs in
    Hounsfield units ``hu.npy.gz`` (:mod:`ichseg.hu_volume`), and ``report.json``.
    Everything is written to a staging folder beside ``out_dir`` and moved into place at the
    end, so a failed run leaves no output that looks complete.

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
        derived: Format-native results (:mod:`ichseg.derived`): DICOM SEG + SR (+ key
            images) for DICOM inputs, ``mask.nii.gz`` for NIfTI; defaults when ``None``.
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
            batch_size,
            max_batch_pixels,
            fps,
            derived,
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
    max_batch_pixels: int,
    fps: int,
    derived: DerivedOptions | None = None,
    spacing: tuple[float, float] | None = None,
) -> dict[str, Any]:
    spec = segmenter.spec
    t_start = time.perf_counter()
    scan = read_scan(source, limits)
    if spacing is not None:
        apply_spacing(scan, *spacing)  # before prediction: the volume needs it
    hu = hu_volume(scan.slices) if scan.is_hu else None  # int16, half the float pixels
    displays = display_slices(scan, spec)
    scan.slices = []  # the raw pixels are no longer needed; free them early
    read_s = time.perf_counter() - t_start
    # A thin series is averaged into slabs in Hounsfield units (windowing first would turn
    # bone beside brain into blood-grey); the int16 volume is already in memory.
    slabbed = hu is not None and slab_size(scan.slice_thickness_mm, spec) > 1
    pixels: list[np.ndarray] = list(hu) if slabbed and hu is not None else displays
    view = Scan(pixels, slabbed, scan.pixel_spacing_mm, scan.slice_thickness_mm, scan.source)
    with SliceWriter(stage, displays, fps, hu=hu) as writer:
        prediction = predict_scan(
            view,
            segmenter,
            spec,
            batch_size=batch_size,
            max_batch_pixels=max_batch_pixels,
            keep_probabilities=False,
            progress=progress,
            reframe=not scan.is_hu,  # the view is grey; screen recordings are what was not HU
            on_slice=writer.add,
        )
        del view
        return write_outputs(
            prediction,
            scan,
            stage,
            fps=fps,
            progress=progress,
            timings_s={"read": read_s},
            started=t_start,
            source=source,
            derived=derived,
            hu=hu,
            writer=writer,
        )


def _publish(stage: Path, out_dir: Path) -> None:
    """Move a finished staging folder into place, replacing ``out_dir`` if it exists."""
    if out_dir.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, trash / "old")
        os.replace(stage, out_dir)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(stage, out_dir)
