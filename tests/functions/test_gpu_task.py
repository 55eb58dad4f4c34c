"""The GPU ECS task entry: same service code, arguments or environment overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aws_helpers import RESULTS

from functions.gpu_task import main as task
from ichseg.adapters.memory import MemoryScanIndex

KEY = "uploads/user-a/big1/phantom.nii.gz"


@pytest.fixture
def deps(make_deps, monkeypatch):
    made = make_deps(lambda_max_bytes=100)  # "too large for Lambda", irrelevant to the task
    monkeypatch.setenv("ICHSEG_GPU_ALLOW_CPU", "true")  # these tests run on the CPU provider
    captured = {}

    def build(settings, *, index=None, with_launcher=True):
        captured["with_launcher"] = with_launcher
        return made

    monkeypatch.setattr(task, "build_process_deps", build)
    made.captured = captured
    return made


def test_task_processes_the_object_named_by_the_environment(
    aws, deps, upload, phantom_dir: Path, monkeypatch, capsys
):
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())
    monkeypatch.setenv("ICHSEG_SOURCE_BUCKET", "ichseg-uploads")
    monkeypatch.setenv("ICHSEG_SOURCE_KEY", KEY)
    monkeypatch.setenv("ICHSEG_SOURCE_VERSION", version)

    assert task.main([]) == 0

    outcome = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert outcome["status"] == "done"
    assert deps.captured["with_launcher"] is False
    assert deps.index.get_scan("user-a", "big1")["runner"] == "gpu"
    keys = aws["s3"].list_objects_v2(Bucket=RESULTS, Prefix="results/user-a/big1/")["Contents"]
    assert any(k["Key"].endswith("report.json") for k in keys)


def test_arguments_override_the_environment(aws, deps, upload, phantom_dir, monkeypatch):
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())
    monkeypatch.setenv("ICHSEG_SOURCE_KEY", "uploads/nobody/none/none.zip")
    code = task.main(["--bucket", "ichseg-uploads", "--key", KEY, "--version", version])
    assert code == 0
    assert deps.index.get_scan("user-a", "big1")["status"] == "done"


def test_missing_arguments_exit_2_with_one_line(deps, monkeypatch, capsys):
    for name in ("ICHSEG_SOURCE_BUCKET", "ICHSEG_SOURCE_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert task.main([]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err


def test_infrastructure_failure_marks_the_scan_failed_and_exits_1(
    aws, deps, upload, phantom_dir, monkeypatch
):
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())

    def broken():
        raise RuntimeError("GPU fell off the bus")

    deps.segmenter = broken
    code = task.main(["--bucket", "ichseg-uploads", "--key", KEY, "--version", version])

    assert code == 1
    doc = deps.index.get_scan("user-a", "big1")
    assert doc["status"] == "failed" and doc["error_code"] == "internal"
    assert isinstance(deps.index, MemoryScanIndex)


def test_task_refuses_to_segment_on_the_cpu_with_a_clear_reason(
    aws, deps, upload, phantom_dir, monkeypatch
):
    monkeypatch.delenv("ICHSEG_GPU_ALLOW_CPU")
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())

    code = task.main(["--bucket", "ichseg-uploads", "--key", KEY, "--version", version])

    assert code == task.EXIT_NO_GPU
    doc = deps.index.get_scan("user-a", "big1")
    assert doc["status"] == "failed"
    assert doc["error_code"] == "gpu_unavailable"
    assert "could not use its GPU" in doc["error"]
    assert not aws["s3"].list_objects_v2(Bucket=RESULTS).get("Contents")


def test_cpu_is_used_only_when_the_setting_allows_it(aws, deps, upload, phantom_dir, monkeypatch):
    monkeypatch.setenv("ICHSEG_GPU_ALLOW_CPU", "true")
    version = upload(KEY, (phantom_dir / "phantom.nii.gz").read_bytes())
    assert task.main(["--bucket", "ichseg-uploads", "--key", KEY, "--version", version]) == 0
    assert deps.index.get_scan("user-a", "big1")["status"] == "done"
