"""Fault injection on the cloud path: S3 failing for a moment or for good.

Errors are injected with a ``before-send`` hook registered ahead of moto's, so each call
really goes through botocore's retry handler (the production client's default retry
configuration) before moto answers. The Firestore outage, the crashed attempt, duplicate
events and routing big scans to the GPU task before any work are covered in
``tests/functions/test_segment_handler.py``; this file adds S3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from moto.core.botocore_stubber import MockRawResponse

from functions.segment import handler
from robustness.conftest import UPLOADS, Cloud, FakeContext, s3_event

KEY = "uploads/user-f/scan1/phantom.nii.gz"
REPORT = "results/user-f/scan1/report.json"


@dataclass
class Injector:
    """Answers the first ``times`` calls of one S3 operation with an error.

    Attributes:
        operation: The API operation (``GetObject``, ``PutObject``...).
        status: HTTP status of the injected error.
        code: S3 error code.
        times: How many calls fail; ``None`` for every call.
        calls: Calls seen so far (failed or passed on).
    """

    operation: str
    status: int
    code: str
    times: int | None
    calls: int = 0
    failed: int = 0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self, request: Any, **kwargs: Any) -> Any:
        from botocore.awsrequest import AWSResponse

        self.calls += 1
        if self.times is not None and self.failed >= self.times:
            return None  # let moto answer
        self.failed += 1
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{self.code}</Code>'
            f"<Message>injected</Message><RequestId>fault</RequestId></Error>"
        ).encode()
        headers = {"Content-Type": "application/xml", "Content-Length": str(len(body))}
        return AWSResponse(request.url, self.status, headers, MockRawResponse(body))


def inject(cloud: Cloud, operation: str, status: int, code: str, times: int | None) -> Injector:
    """Make ``operation`` on the cloud's S3 client fail ``times`` times (``None``: always)."""
    injector = Injector(operation, status, code, times)
    cloud.s3.meta.events.register_first(f"before-send.s3.{operation}", injector)
    return injector


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record botocore's retry sleeps instead of sleeping them."""
    import botocore.endpoint

    slept: list[float] = []

    class _Time:
        @staticmethod
        def sleep(seconds: float) -> None:
            slept.append(seconds)

    monkeypatch.setattr(botocore.endpoint, "time", _Time)
    return slept


@pytest.fixture
def scan(phantom_dir: Path) -> bytes:
    return (phantom_dir / "phantom.nii.gz").read_bytes()


def _run(cloud: Cloud, deps: Any, monkeypatch: pytest.MonkeyPatch, version: str) -> Any:
    monkeypatch.setattr(handler, "get_deps", lambda: deps)
    return handler.lambda_handler(s3_event(UPLOADS, KEY, version), FakeContext())


@pytest.mark.parametrize(
    ("operation", "status", "code"),
    [
        ("HeadObject", 500, "InternalError"),
        ("GetObject", 503, "SlowDown"),
        ("PutObject", 503, "SlowDown"),
        ("PutObject", 500, "InternalError"),
    ],
)
def test_transient_s3_errors_are_retried_and_the_scan_completes(
    cloud: Cloud,
    scan: bytes,
    no_backoff: list[float],
    monkeypatch: pytest.MonkeyPatch,
    operation: str,
    status: int,
    code: str,
) -> None:
    deps = cloud.deps()
    version = cloud.put(KEY, scan)
    injector = inject(cloud, operation, status, code, times=2)

    out = _run(cloud, deps, monkeypatch, version)

    assert injector.failed == 2 and injector.calls > 2
    assert len(no_backoff) >= 2, "botocore did not back off between attempts"
    assert out["outcomes"][0]["status"] == "done"
    doc = deps.index.get_scan("user-f", "scan1")
    assert doc["status"] == "done" and doc["error"] is None
    assert REPORT in cloud.result_keys()
    assert len(cloud.segmented) == 1


def test_s3_read_failing_for_good_raises_for_a_retry_and_leaves_no_results(
    cloud: Cloud, scan: bytes, no_backoff: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    deps = cloud.deps()
    version = cloud.put(KEY, scan)
    injector = inject(cloud, "GetObject", 503, "SlowDown", times=None)

    with pytest.raises(RuntimeError, match="SlowDown"):
        _run(cloud, deps, monkeypatch, version)

    assert injector.failed >= 3, "the client gave up without retrying"
    assert cloud.result_keys() == []
    # the attempt released its lease: Lambda's own retry starts at once and succeeds
    cloud.s3.meta.events.unregister("before-send.s3.GetObject", injector)
    out = _run(cloud, deps, monkeypatch, version)
    assert out["outcomes"][0]["status"] == "done"
    assert deps.index.get_scan("user-f", "scan1")["status"] == "done"


@pytest.mark.parametrize(
    ("operation", "status", "code"),
    [
        ("GetObject", 403, "AccessDenied"),
        ("PutObject", 403, "AccessDenied"),
        ("PutObject", 404, "NoSuchBucket"),
    ],
)
def test_s3_refusing_for_good_marks_the_scan_failed_without_a_retry_loop(
    cloud: Cloud,
    scan: bytes,
    no_backoff: list[float],
    monkeypatch: pytest.MonkeyPatch,
    operation: str,
    status: int,
    code: str,
) -> None:
    deps = cloud.deps()
    version = cloud.put(KEY, scan)
    inject(cloud, operation, status, code, times=None)

    out = _run(cloud, deps, monkeypatch, version)  # no exception: retrying cannot help

    assert out["outcomes"][0]["status"] == "failed"
    doc = deps.index.get_scan("user-f", "scan1")
    assert doc["status"] == "failed"
    assert doc["error_code"] == "storage_error"
    assert code in doc["error"] and "\n" not in doc["error"]
    assert REPORT not in cloud.result_keys()
    again = _run(cloud, deps, monkeypatch, version)
    assert again["outcomes"][0]["duplicate"] is True


class DownIndex:
    """A scan index (Firestore) that refuses every write until ``up`` is set."""

    def __init__(self) -> None:
        from ichseg.adapters.memory import MemoryScanIndex

        self.inner = MemoryScanIndex()
        self.up = False
        self.refused = 0

    def set_scan(self, uid: str, scan_id: str, fields: Any) -> None:
        if not self.up:
            self.refused += 1
            raise ConnectionError("503 firestore.googleapis.com unavailable")
        self.inner.set_scan(uid, scan_id, fields)

    def get_scan(self, uid: str, scan_id: str) -> Any:
        return self.inner.get_scan(uid, scan_id)

    def list_scans(self, uid: str, limit: int = 100) -> Any:
        return self.inner.list_scans(uid, limit)


def test_firestore_down_for_a_bad_scan_retries_then_records_failed(
    cloud: Cloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = DownIndex()
    deps = cloud.deps(index=index)
    key = "uploads/user-f/scan2/noise.nii"
    version = cloud.put(key, b"\x00" * 4096)
    monkeypatch.setattr(handler, "get_deps", lambda: deps)
    event = s3_event(UPLOADS, key, version)

    with pytest.raises(RuntimeError, match="firestore"):
        handler.lambda_handler(event, FakeContext())  # the failed status could not be saved
    assert index.refused >= 1 and index.get_scan("user-f", "scan2") is None

    index.up = True  # Lambda's retry, once Firestore is back
    out = handler.lambda_handler(event, FakeContext())

    assert out["outcomes"][0]["status"] == "failed"
    doc = index.get_scan("user-f", "scan2")
    assert doc["status"] == "failed" and "unsupported" in doc["error"]
    assert cloud.result_keys() == []


def test_gpu_task_infrastructure_failure_marks_the_scan_failed(
    cloud: Cloud, scan: bytes, no_backoff: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.gpu_task import main as gpu_task

    deps = cloud.deps()
    version = cloud.put(KEY, scan)
    monkeypatch.setattr(gpu_task, "build_process_deps", lambda *a, **k: deps)
    inject(cloud, "GetObject", 503, "SlowDown", times=None)  # S3 down for the whole task

    code = gpu_task.main(["--bucket", UPLOADS, "--key", KEY, "--version", version])

    assert code == 1  # ECS does not retry: the user must not be left waiting
    doc = deps.index.get_scan("user-f", "scan1")
    assert doc["status"] == "failed" and "\n" not in doc["error"]
    assert cloud.result_keys() == []


class RecordingLauncher:
    """A GPU task launcher that records its launches."""

    def __init__(self) -> None:
        self.launched: list[tuple[str, str, str | None]] = []

    def launch(self, bucket: str, key: str, version_id: str | None, token: str) -> str:
        self.launched.append((bucket, key, version_id))
        return f"arn:aws:ecs:us-east-1:123456789012:task/ichseg-gpu/{len(self.launched)}"


def test_oversized_scan_goes_to_the_gpu_task_before_a_byte_is_downloaded(
    cloud: Cloud, scan: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = RecordingLauncher()
    deps = cloud.deps(launcher=launcher, lambda_max_bytes=len(scan) - 1)
    version = cloud.put(KEY, scan)
    downloads = inject(cloud, "GetObject", 500, "InternalError", times=None)  # must not matter

    out = _run(cloud, deps, monkeypatch, version)

    assert out["outcomes"][0]["status"] == "queued"
    assert launcher.launched == [(UPLOADS, KEY, version)]
    assert downloads.calls == 0, "the Lambda downloaded a scan it was going to hand over"
    assert cloud.segmented == [] and cloud.result_keys() == []
    doc = deps.index.get_scan("user-f", "scan1")
    assert doc["status"] == "queued" and doc["runner"] == "gpu"
    # a redelivered event does not start a second GPU task
    again = _run(cloud, deps, monkeypatch, version)
    assert again["outcomes"][0]["duplicate"] is True
    assert len(launcher.launched) == 1
