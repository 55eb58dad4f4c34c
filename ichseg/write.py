"""Write a prediction's outputs: masks, videos, format-native results, HU volume, report.

The names are those of :mod:`ichseg.outputs`; the report is :func:`ichseg.report.build_report`;
the results in the input's own format (DICOM SEG/SR, NIfTI mask) are
:func:`ichseg.derived.write_derived`'s. Mask PNGs and video frames are written by a
:class:`SliceWriter` on a background thread (:class:`ichseg.writers.BackgroundWriter`):
:func:`ichseg.service.segment_scan` hands it each mask as :func:`ichseg.predict.predict_scan`
finishes it, so the writing overlaps the next model call; :func:`write_outputs` finishes it
and writes the report.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
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
from ichseg.video import VideoStream, frame_size, render_frame
from ichseg.writers import BackgroundWriter


def _noop(stage: str, done: int, total: int) -> None:
    return None


class SliceWriter:
    """Writes each slice's mask PNG and its video frames, in order, on one thread.

    Use as a context manager around the prediction; leaving the block by an exception
    drops what is not written yet (the caller removes the partial folder).
    """

    def __init__(
        self,
        out_dir: Path,
        displays: list[np.ndarray],
        fps: int = 5,
        *,
        hu: np.ndarray | None = None,
        plain_video: bool | None = None,
    ) -> None:
        """Prepare the folder and the videos; queue the HU volume's file first.

        Args:
            out_dir: Destination folder; created if missing.
            displays: ``N`` ``(H_i, W_i)`` ``uint8`` brain-window slices (the frames).
            fps: Frames (slices) per second of the videos.
            hu: The scan's :func:`ichseg.hu_volume.hu_volume` (``(N, H, W)`` ``int16``), or
                ``None``: written as ``hu.npy.gz`` on the writer thread while the model runs
                (gzip releases the GIL), not after it.
            plain_video: Also encode ``slices.mp4`` (the frames without overlay); by default
                only without an HU volume (:func:`needs_plain_video`): with one the web
                viewer draws the slice from the volume and the masks over it.
        """
        self.out_dir = Path(out_dir)
        (self.out_dir / MASKS_DIR).mkdir(parents=True, exist_ok=True)
        self.displays = displays
        self.fps = fps
        self.size = frame_size(*displays[0].shape) if displays else (0, 0)
        self.written = 0
        self._overlay = VideoStream(self.out_dir / OVERLAY_NAME, fps)
        if plain_video is None:
            plain_video = needs_plain_video(hu is not None)
        self._plain = VideoStream(self.out_dir / SLICES_VIDEO_NAME, fps) if plain_video else None
        self._writer = BackgroundWriter()
        self._hu = hu is not None
        if hu is not None:
            self._writer.submit(save_hu_volume, hu, self.out_dir / HU_VOLUME_NAME)

    def add(self, i: int, mask: np.ndarray) -> None:
        """Queue slice ``i``'s (0-based; slices come in order) mask and frames.

        Raises:
            BaseException: The error of an earlier write, as soon as it is known.
        """
        self._writer.submit(self._write_slice, i, self.displays[i], mask)
        self.written += 1

    def _write_slice(self, i: int, display: np.ndarray, mask: np.ndarray) -> None:
        n = len(self.displays)
        Image.fromarray(mask).save(self.out_dir / mask_name(i + 1, n), compress_level=1)
        label = f"{i + 1}/{n}"
        bleed = bool(mask.any())
        overlay = render_frame(display, mask, self.size, label + ("  bleed" if bleed else ""))
        self._overlay.write(overlay)
        if self._plain is not None:
            self._plain.write(render_frame(display, None, self.size, label))

    def finish(self) -> int:
        """Wait for every write and close the videos.

        Returns:
            Frames per video.

        Raises:
            BaseException: The first write error.
        """
        self._writer.submit(self._overlay.close)
        if self._plain is not None:
            self._writer.submit(self._plain.close)
        self._writer.close()
        return self._overlay.frames

    @property
    def hu_volume(self) -> bool:
        """Whether ``hu.npy.gz`` is written (queued at the start, done by :meth:`finish`)."""
        return self._hu

    @property
    def plain_video(self) -> bool:
        """Whether ``slices.mp4`` is written."""
        return self._plain is not None

    @property
    def busy_s(self) -> float:
        """Seconds the writer thread has spent writing (mostly beside the model)."""
        return self._writer.busy_s

    def __enter__(self) -> SliceWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._writer.close()
            return
        self._writer.abort()
        for video in (self._overlay, self._plain):
            if video is None:
                continue
            with contextlib.suppress(Exception):  # the run failed already; its folder goes
                video.close()


def needs_plain_video(has_hu_volume: bool) -> bool:
    """Whether a scan's results need ``slices.mp4`` beside ``overlay.mp4``.

    The web viewer draws the masks over a clean picture of each slice. A scan in Hounsfield
    units has its HU volume (``hu.npy.gz``), which the viewer windows itself; until that has
    downloaded it plays ``overlay.mp4``. Only scans without one (videos, PNG/JPEG) need
    the plain video as the viewer's picture, so only they pay for a second encode.

    Args:
        has_hu_volume: Whether ``hu.npy.gz`` is written for the scan.

    Returns:
        ``True`` when ``slices.mp4`` is to be written.
    """
    return not has_hu_volume


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
    writer: SliceWriter | None = None,
) -> dict[str, Any]:
    """Write a prediction into a folder; ``report.json`` is written last.

    Writes ``masks/001.png`` … (one per slice, the slice's own size, 0/255),
    ``overlay.mp4`` (H.264, bleed tinted and outlined, slice number burned in),
    for a scan without an HU volume ``slices.mp4`` (the same frames without overlay; see
    :func:`needs_plain_video`), given the input file the results in
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
        fps: Frames (slices) per second of the videos (a ``writer``'s own when given).
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
        writer: A :class:`SliceWriter` into ``out_dir`` that was handed every slice while
            predicting (``predict_scan(on_slice=writer.add)``); ``None`` writes them all now.

    Returns:
        The report dictionary (also written as ``report.json``).

    Raises:
        ValueError: The prediction has no display slices or no model identity, or the
            writer was not handed every slice.
    """
    progress = progress or _noop
    if len(prediction.displays) != len(prediction) or prediction.model is None:
        raise ValueError("write_outputs needs a prediction from predict_scan (displays, model)")
    out_dir = Path(out_dir)
    timings = {**(timings_s or {}), **prediction.timings_s}
    n = len(prediction)
    if writer is None:
        if hu is None and scan.is_hu and scan.slices:
            hu = hu_volume(scan.slices)
        with SliceWriter(out_dir, prediction.displays, fps, hu=hu) as own:
            for i, mask in enumerate(prediction.masks):
                own.add(i, mask)
            return _finish(prediction, scan, own, progress, timings, started, source, derived, hu)
    if writer.written != n or writer.out_dir != out_dir:
        raise ValueError(f"the writer holds {writer.written} of {n} slices for {writer.out_dir}")
    return _finish(prediction, scan, writer, progress, timings, started, source, derived, hu)


def _finish(
    prediction: Prediction,
    scan: Scan,
    writer: SliceWriter,
    progress: ProgressFn,
    timings: dict[str, float],
    started: float | None,
    source: Path | None,
    derived: DerivedOptions | None,
    hu: np.ndarray | None,
) -> dict[str, Any]:
    """Wait for the writer, write the HU volume and format-native results, then the report."""
    t0 = time.perf_counter()
    progress("video", 0, 2)
    frames = writer.finish()
    progress("video", 2, 2)
    timings["video"] = time.perf_counter() - t0  # the writer's tail after the last slice
    if not writer.hu_volume:  # a writer made without it (the volume is written once)
        if hu is None and scan.is_hu and scan.slices:
            hu = hu_volume(scan.slices)
        if hu is not None:
            save_hu_volume(hu, writer.out_dir / HU_VOLUME_NAME)
    has_hu = writer.hu_volume or hu is not None
    timings["total"] = (
        time.perf_counter() - started if started is not None else sum(timings.values())
    )
    timings["writers_busy"] = writer.busy_s  # its whole time, mostly beside the model
    timings["head_box_area"] = prediction.head_box_area  # a share, not seconds
    fh, fw = writer.size
    report = build_report(
        scan,
        slice_results(prediction),
        prediction.spec,
        _model(prediction),
        timings,
        video={"fps": writer.fps, "width": fw, "height": fh, "frames": frames},
        framing=None if prediction.framing is None else prediction.framing.as_dict(),
        context_distance=prediction.context_distance,
        slab_slices=prediction.slab_slices,
        slab_kind=prediction.slab_kind,
        verdict=prediction.verdict,
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
                writer.out_dir,
                derived,
            )
        )
        report["timings_s"]["derived"] = round(time.perf_counter() - t0, 4)
        if started is not None:
            report["timings_s"]["total"] = round(time.perf_counter() - started, 4)
    report["files"]["hu_volume"] = HU_VOLUME_NAME if has_hu else None
    report["files"]["slices_video"] = SLICES_VIDEO_NAME if writer.plain_video else None
    tmp = writer.out_dir / (REPORT_NAME + ".tmp")
    tmp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, writer.out_dir / REPORT_NAME)
    return report


def _model(prediction: Prediction) -> ModelInfo:
    assert prediction.model is not None
    return prediction.model
