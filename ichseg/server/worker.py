"""Background workers that run queued segmentation jobs.

A worker claims the oldest queued job atomically in the SQLite index, runs
:func:`ichseg.service.segment_scan` on it, and records ``done`` or ``failed`` with a
one-line message. While a job runs the worker renews a lease; a worker that dies leaves
its job ``processing`` with a lease that runs out, and the next reap (at start and then
periodically, by any worker) puts it back in the queue. A job whose ``report.json``
already exists (the service writes it last) is marked done without being run again, so a
crash between writing the results and recording them never runs a scan twice.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ichseg.errors import IchsegError
from ichseg.outputs import REPORT_NAME
from ichseg.ports import FolderStore, JobQueue, ProgressFn, Segmenter
from ichseg.records import BRIEF_FIELDS, Job, summarise
from ichseg.server.housekeeping import load_spacing, result_key
from ichseg.settings import MAX_BATCH_PIXELS

log = logging.getLogger("ichseg.server.worker")


class SegmentFn(Protocol):
    """The signature of :func:`ichseg.service.segment_scan` that workers call."""

    def __call__(
        self,
        source: Path,
        out_dir: Path,
        segmenter: Segmenter,
        *,
        progress: ProgressFn | None = ...,
        batch_size: int = ...,
        max_batch_pixels: int = ...,
        fps: int = ...,
        spacing: tuple[float, float] | None = ...,
    ) -> dict[str, Any]:
        """Segment ``source`` into ``out_dir`` and return the report."""
        ...


def _default_segment_fn() -> SegmentFn:
    from ichseg.service import segment_scan

    return segment_scan


class SegmenterProvider:
    """Loads the segmenter once, on first use, and reuses it across jobs and threads.

    Args:
        load: Builds the segmenter; a failure (for example a missing model) is raised
            to the job that needed it and retried for the next job.
    """

    def __init__(self, load: Callable[[], Segmenter]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._segmenter: Segmenter | None = None

    def __call__(self) -> Segmenter:
        """Return the segmenter, loading it if needed."""
        with self._lock:
            if self._segmenter is None:
                self._segmenter = self._load()
            return self._segmenter


class JobWorker:
    """One thread that runs queued jobs until stopped.

    Args:
        index: The job index.
        store: Where uploads and results live.
        segmenter: Provides the segmenter (loaded lazily).
        lease_s: Lease length; renewed every third of it while a job runs.
        max_attempts: Claims after which a job whose worker keeps dying fails.
        poll_interval_s: Idle wait between looks at the queue (a wake-up cuts it short).
        batch_size: Slices per model call.
        max_batch_pixels: Most model-input pixels per model call.
        fps: Slices per second in the videos.
        segment_fn: The pipeline to call; defaults to :func:`ichseg.service.segment_scan`.
    """

    def __init__(
        self,
        index: JobQueue,
        store: FolderStore,
        segmenter: Callable[[], Segmenter],
        *,
        lease_s: float = 60.0,
        max_attempts: int = 3,
        poll_interval_s: float = 0.5,
        batch_size: int = 8,
        max_batch_pixels: int = MAX_BATCH_PIXELS,
        fps: int = 5,
        segment_fn: SegmentFn | None = None,
    ) -> None:
        self.index = index
        self.store = store
        self.segmenter = segmenter
        self.lease_s = lease_s
        self.max_attempts = max_attempts
        self.poll_interval_s = poll_interval_s
        self.batch_size = batch_size
        self.max_batch_pixels = max_batch_pixels
        self.fps = fps
        self._segment_fn = segment_fn
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread (daemon, so it never blocks interpreter exit)."""
        self._thread = threading.Thread(target=self.run, name=f"ichseg-{self.worker_id}")
        self._thread.daemon = True
        self._thread.start()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Ask the worker to stop after its current job and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def wake(self) -> None:
        """Cut the idle wait short (a job was just queued)."""
        self._wake.set()

    def run(self) -> None:
        """Loop: reap dead workers' jobs, claim the next job, run it; until stopped."""
        last_reap = 0.0
        try:
            while not self._stop.is_set():
                now = time.time()
                if now - last_reap >= min(self.lease_s / 2, 5.0):
                    self.reap()
                    last_reap = now
                if not self.run_once():
                    self._wake.wait(self.poll_interval_s)
                    self._wake.clear()
        finally:
            self.index.close()

    def reap(self) -> None:
        """Requeue (or fail) jobs left ``processing`` by a worker whose lease ran out."""
        requeued, failed = self.index.requeue_expired(self.max_attempts)
        if requeued or failed:
            log.warning("recovered jobs of dead workers: %d requeued, %d failed", requeued, failed)

    # -- one job -----------------------------------------------------------------------

    def run_once(self) -> bool:
        """Claim and run one job.

        Returns:
            Whether a job was claimed.
        """
        job = self.index.claim_job(self.worker_id, self.lease_s)
        if job is None:
            return False
        log.info("job %s claimed by %s (attempt %d)", job.id, self.worker_id, job.attempts)
        self.process(job)
        return True

    def process(self, job: Job) -> None:
        """Run one claimed job and record how it ended; never raises."""
        out_dir = self.store.path_for(result_key(job.id))
        existing = self._read_report(out_dir)
        if existing is not None:
            log.info("job %s already has results; marking done without running it", job.id)
            self.index.finish_job(
                job.id, self.worker_id, "done", summary=summarise(existing, BRIEF_FIELDS)
            )
            return
        if job.attempts > 1:
            self._remove_stale_staging(out_dir)
        beat = _Heartbeat(self.index, job.id, self.worker_id, self.lease_s)
        beat.start()
        try:
            segment = self._segment_fn or _default_segment_fn()
            report = segment(
                self.store.path_for(job.input_key),
                out_dir,
                self.segmenter(),
                progress=beat.progress,
                batch_size=self.batch_size,
                max_batch_pixels=self.max_batch_pixels,
                fps=self.fps,
                spacing=load_spacing(self.store, job.id),
            )
        except IchsegError as exc:
            beat.stop()
            message = " ".join(str(exc).split()) or exc.__class__.__name__
            log.info("job %s failed: %s", job.id, message)
            self.index.finish_job(job.id, self.worker_id, "failed", message=message)
            return
        except Exception:
            beat.stop()
            log.exception("job %s crashed", job.id)
            self.index.finish_job(
                job.id,
                self.worker_id,
                "failed",
                message="internal error while processing the scan (see the server log)",
            )
            return
        beat.stop()
        if not self.index.finish_job(
            job.id, self.worker_id, "done", summary=summarise(report, BRIEF_FIELDS)
        ):
            log.warning("job %s finished after its lease was lost; result kept", job.id)
        else:
            log.info("job %s done", job.id)

    @staticmethod
    def _remove_stale_staging(out_dir: Path) -> None:
        """Delete staging folders that an earlier, dead attempt left beside ``out_dir``."""
        if out_dir.parent.is_dir():
            for stale in out_dir.parent.glob(f".{out_dir.name}.partial-*"):
                shutil.rmtree(stale, ignore_errors=True)

    @staticmethod
    def _read_report(out_dir: Path) -> dict[str, Any] | None:
        path = out_dir / REPORT_NAME
        if not path.is_file():
            return None
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return report if isinstance(report, dict) else None


class _Heartbeat:
    """Renews a job's lease on a timer and records progress, throttled."""

    def __init__(self, index: JobQueue, job_id: str, worker_id: str, lease_s: float) -> None:
        self.index = index
        self.job_id = job_id
        self.worker_id = worker_id
        self.lease_s = lease_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._last_write = 0.0
        self._last_stage: str | None = None
        self._thread = threading.Thread(target=self._run, name=f"lease-{job_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5.0)

    def progress(self, stage: str, done: int, total: int) -> None:
        """A :data:`ichseg.ports.ProgressFn` that records progress at most 4 times/s."""
        now = time.monotonic()
        with self._lock:
            due = stage != self._last_stage or done >= total or now - self._last_write >= 0.25
            if not due:
                return
            self._last_stage, self._last_write = stage, now
        self.index.heartbeat(self.job_id, self.worker_id, self.lease_s, stage, done, total)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.lease_s / 3):
                self.index.heartbeat(self.job_id, self.worker_id, self.lease_s)
        finally:
            self.index.close()
