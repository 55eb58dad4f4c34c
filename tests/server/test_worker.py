from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from ichseg.adapters.local_storage import LocalBlobStore
from ichseg.adapters.sqlite_index import SqliteIndex
from ichseg.errors import InputError
from ichseg.ports import Segmenter
from ichseg.server.worker import JobWorker, SegmenterProvider, result_key
from ichseg.service import segment_scan
from tests.server.helpers import png_zip_bytes


class Recorder:
    """A segment function that counts calls and delegates to the real service."""

    def __init__(self, fail: BaseException | None = None) -> None:
        self.calls = 0
        self.fail = fail

    def __call__(self, source: Path, out_dir: Path, segmenter: Segmenter, **kw: Any) -> Any:
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return segment_scan(source, out_dir, segmenter, **kw)


def _setup(tmp_path: Path, n_jobs: int = 1) -> tuple[SqliteIndex, LocalBlobStore, list[str]]:
    index = SqliteIndex(tmp_path / "ichseg.sqlite3")
    store = LocalBlobStore(tmp_path / "store")
    user = index.create_user("ann@example.org", "h")
    assert user is not None
    ids = []
    for i in range(n_jobs):
        job_id = f"{i:032x}"
        key = f"uploads/{job_id}/input.zip"
        path = store.path_for(key)
        path.parent.mkdir(parents=True)
        path.write_bytes(png_zip_bytes(4))
        index.create_job(job_id, user.id, "scan.zip", path.stat().st_size, key)
        ids.append(job_id)
    return index, store, ids


def _worker(index: SqliteIndex, store: LocalBlobStore, seg: Any, fn: Any, **kw: Any) -> JobWorker:
    return JobWorker(index, store, SegmenterProvider(lambda: seg), segment_fn=fn, **kw)


def test_runs_a_queued_job_to_done(tmp_path: Path, band_segmenter: Any) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    fn = Recorder()
    worker = _worker(index, store, band_segmenter, fn)
    assert worker.run_once() and not worker.run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "done" and fn.calls == 1
    assert job.summary == {
        "haemorrhage": True,
        "probability": job.summary["probability"],
        "volume_ml": None,
        "slices": 4,
        "slices_with_bleed": 3,
        "peak_slice": 2,
        "study": {"format": "images", "n_slices": 4},
    }
    assert job.progress_total > 0 and job.stage is not None
    assert (store.path_for(result_key(job_id)) / "report.json").is_file()


def test_input_error_fails_the_job_with_its_one_line_message(
    tmp_path: Path, band_segmenter: Any
) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    worker = _worker(
        index, store, band_segmenter, Recorder(InputError("scan.zip: no slices\n in it"))
    )
    worker.run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "failed" and job.message == "scan.zip: no slices in it"


def test_unexpected_error_fails_the_job_without_leaking_details(
    tmp_path: Path, band_segmenter: Any
) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    worker = _worker(index, store, band_segmenter, Recorder(RuntimeError("secret /path")))
    worker.run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "failed"
    assert job.message == "internal error while processing the scan (see the server log)"


def test_missing_model_fails_jobs_with_the_model_error(tmp_path: Path) -> None:
    from ichseg.errors import ModelError

    def load() -> Segmenter:
        raise ModelError("model file not found: /nowhere/model.onnx")

    index, store, (job_id,) = _setup(tmp_path)
    JobWorker(index, store, SegmenterProvider(load), segment_fn=Recorder()).run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "failed"
    assert job.message == "model file not found: /nowhere/model.onnx"


def test_dead_workers_job_is_requeued_and_done_once(tmp_path: Path, band_segmenter: Any) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    # a worker claims the job and dies: its lease runs out, a staging folder is left behind
    assert index.claim_job("dead-worker", lease_s=0.01) is not None
    stale = store.path_for("results") / f".{job_id}.partial-abc"
    stale.mkdir(parents=True)
    time.sleep(0.05)
    fn = Recorder()
    worker = _worker(index, store, band_segmenter, fn, lease_s=5)
    worker.reap()
    assert worker.run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "done" and job.attempts == 2 and fn.calls == 1
    assert not stale.exists()
    assert sorted(p.name for p in store.path_for("results").iterdir()) == [job_id]


def test_job_whose_results_exist_is_not_run_again(tmp_path: Path, band_segmenter: Any) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    # the results were published but the worker died before recording "done"
    claimed = index.claim_job("dead-worker", lease_s=0.01)
    assert claimed is not None
    segment_scan(
        store.path_for(claimed.input_key), store.path_for(result_key(job_id)), band_segmenter
    )
    time.sleep(0.05)
    fn = Recorder()
    worker = _worker(index, store, band_segmenter, fn)
    worker.reap()
    assert worker.run_once()
    job = index.get_job(job_id)
    assert job is not None and job.status == "done" and fn.calls == 0
    assert job.summary is not None and job.summary["slices"] == 4


def test_background_thread_drains_the_queue_and_stops(tmp_path: Path, band_segmenter: Any) -> None:
    index, store, ids = _setup(tmp_path, n_jobs=3)
    fn = Recorder()
    worker = _worker(index, store, band_segmenter, fn, poll_interval_s=0.02)
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        statuses = {j.status for j in (index.get_job(i) for i in ids) if j}
        if statuses == {"done"}:
            break
        time.sleep(0.05)
    worker.stop()
    assert statuses == {"done"} and fn.calls == 3


_DYING_WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ichseg.adapters.local_storage import LocalBlobStore
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from ichseg.adapters.sqlite_index import SqliteIndex
    from ichseg.server.worker import JobWorker, SegmenterProvider

    data, model = Path(sys.argv[1]), Path(sys.argv[2])
    real = OnnxSegmenter.from_path(model, threads=1)

    class Slow:
        spec, info = real.spec, real.info
        def predict(self, batch):
            time.sleep(120)  # killed long before this returns
            return real.predict(batch)

    worker = JobWorker(SqliteIndex(data / "ichseg.sqlite3"), LocalBlobStore(data / "store"),
                       SegmenterProvider(lambda: Slow()), lease_s=1.0)
    worker.run_once()
    """
)


def test_killed_worker_process_loses_and_duplicates_nothing(
    tmp_path: Path, band_model: Path, band_segmenter: Any
) -> None:
    index, store, (job_id,) = _setup(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _DYING_WORKER, str(tmp_path), str(band_model)], env=env
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = index.get_job(job_id)
            if job is not None and job.status == "processing" and job.stage == "segment":
                break
            assert proc.poll() is None, "worker process exited early"
            time.sleep(0.05)
        else:
            pytest.fail("worker process never started the job")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert index.get_job(job_id).status == "processing"  # type: ignore[union-attr]

    # a new server starts: its worker reaps the expired lease and finishes the job once
    fn = Recorder()
    worker = _worker(index, store, band_segmenter, fn, lease_s=5, poll_interval_s=0.05)
    time.sleep(1.1)
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and index.get_job(job_id).status != "done":  # type: ignore[union-attr]
        time.sleep(0.05)
    worker.stop()
    job = index.get_job(job_id)
    assert job is not None and job.status == "done" and job.attempts == 2 and fn.calls == 1
    results = sorted(p.name for p in store.path_for("results").iterdir())
    assert results == [job_id]
    report = json.loads((store.path_for(result_key(job_id)) / "report.json").read_text())
    assert len(report["slices"]) == 4
