"""Metrics (EMF) and trace spans around S3, Firestore and the model in the segment function."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aws_helpers import UPLOADS, s3_event

from functions.segment import handler
from ichseg.cloud.process import Outcome
from ichseg.cloud.telemetry import SliceTimer, instrument, record_outcome

KEY = "uploads/user-a/scan1/phantom.nii.gz"


class Recorder:
    def __init__(self) -> None:
        self.spans: list[str] = []
        self.metrics: list[tuple[str, Any, float]] = []

    @contextmanager
    def __call__(self, name: str):
        self.spans.append(name)
        yield

    def add_metric(self, name: str, unit: Any, value: float) -> None:
        self.metrics.append((name, unit, value))


def emf_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in out.splitlines() if ln.startswith("{") and '"_aws"' in ln]


def test_storage_index_and_model_calls_run_inside_named_spans(aws, make_deps, upload, phantom_dir):
    deps = make_deps()
    rec, timer = Recorder(), SliceTimer()
    instrument(deps, rec, timer)
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())

    from ichseg.cloud.process import process_upload

    outcome = process_upload(UPLOADS, KEY, version, deps)

    assert outcome.status == "done"
    spans = set(rec.spans)
    assert {"s3.head", "s3.download", "s3.upload", "firestore.set_scan", "model.predict"} <= spans
    assert timer.slices > 0 and timer.seconds > 0
    record_outcome(rec, outcome, timer)
    names = {m[0] for m in rec.metrics}
    assert names == {"ScansDone", "SecondsPerSlice"}
    assert timer.slices == 0  # taken


@pytest.mark.parametrize(
    ("status", "duplicate", "expected"),
    [
        ("done", False, {"ScansDone"}),
        ("failed", False, {"ScansFailed"}),
        ("queued", False, {"GpuOffloads"}),
        ("done", True, set()),
    ],
)
def test_each_outcome_counts_once(status, duplicate, expected):
    rec = Recorder()
    outcome = Outcome(status=status, bucket="b", key="k", duplicate=duplicate)
    record_outcome(rec, outcome, SliceTimer())
    assert {m[0] for m in rec.metrics} == expected


def test_segment_handler_emits_embedded_metrics(
    aws, make_deps, upload, phantom_dir: Path, lambda_context, monkeypatch, capsys
):
    deps = make_deps()
    instrument(deps, Recorder(), handler.slices)
    monkeypatch.setattr(handler, "get_deps", lambda: deps)
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())

    handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)

    (emf,) = emf_lines(capsys.readouterr().out)
    directive = emf["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "Ichseg"
    assert {m["Name"] for m in directive["Metrics"]} == {"ScansDone", "SecondsPerSlice"}
    assert emf["service"] == "ichseg-segment"
    (per_slice,) = emf["SecondsPerSlice"]
    assert 0 < per_slice < 60
