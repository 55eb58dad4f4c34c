"""The segment Lambda: S3 event -> outputs in the results bucket -> scan document."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from aws_helpers import RESULTS, UPLOADS, load_event, s3_event
from botocore.stub import ANY, Stubber

from functions.segment import handler
from ichseg.adapters.memory import MemoryScanIndex

KEY = "uploads/user-a/scan1/phantom.nii.gz"


@pytest.fixture
def phantom_bytes(phantom_dir: Path) -> bytes:
    return (phantom_dir / "phantom.nii.gz").read_bytes()


def result_keys(aws: dict[str, Any], prefix: str = "results/") -> list[str]:
    resp = aws["s3"].list_objects_v2(Bucket=RESULTS, Prefix=prefix)
    return sorted(o["Key"] for o in resp.get("Contents", []))


def report_versions(aws: dict[str, Any], key: str) -> int:
    resp = aws["s3"].list_object_versions(Bucket=RESULTS, Prefix=key)
    return len([v for v in resp.get("Versions", []) if v["Key"] == key])


def use(monkeypatch: pytest.MonkeyPatch, deps: Any) -> None:
    monkeypatch.setattr(handler, "get_deps", lambda: deps)


def record_uploads(monkeypatch: pytest.MonkeyPatch, deps: Any) -> list[str]:
    """Keys the results store is asked to upload, in order."""
    order: list[str] = []
    original = deps.results.upload

    def upload(key: str, *args: Any, **kwargs: Any) -> None:
        order.append(key)
        original(key, *args, **kwargs)

    monkeypatch.setattr(deps.results, "upload", upload)
    return order


def test_uploaded_phantom_produces_outputs_and_done_document(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    order = record_uploads(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)

    out = handler.lambda_handler(
        s3_event(UPLOADS, KEY, version, len(phantom_bytes)), lambda_context
    )

    assert [o["status"] for o in out["outcomes"]] == ["done"]
    keys = result_keys(aws)
    prefix = "results/user-a/scan1/"
    assert {prefix + "overlay.mp4", prefix + "report.json", prefix + "hu.npy.gz"} <= set(keys)
    assert prefix + "slices.mp4" not in keys  # the viewer draws an HU scan from hu.npy.gz
    assert prefix + "masks/001.png" in keys
    assert len([k for k in keys if "/masks/" in k]) == 24
    head = aws["s3"].head_object(Bucket=RESULTS, Key=prefix + "report.json")
    assert head["Metadata"] == {"source-key": KEY, "source-version": version}
    assert aws["s3"].head_object(Bucket=RESULTS, Key=prefix + "overlay.mp4")["ContentType"] == (
        "video/mp4"
    )
    doc = deps.index.get_scan("user-a", "scan1")
    assert doc["status"] == "done"
    assert doc["error"] is None
    assert doc["outputs"]["overlay"] == prefix + "overlay.mp4"
    assert doc["outputs"]["mask_count"] == 24
    assert doc["summary"]["haemorrhage"] is True
    assert doc["summary"]["slices"] == 24
    assert doc["summary"]["model"]["name"] == "band-test"
    assert doc["outputs"]["masks_zip"] == prefix + "masks.zip"
    assert set(doc["links"]) == {"overlay", "masks_zip", "report", "hu", "nifti_mask"}
    assert RESULTS in doc["links"]["overlay"] and "Signature" in doc["links"]["overlay"]
    assert RESULTS in doc["links"]["masks_zip"]
    assert f"/{prefix}masks.zip?" in doc["links"]["masks_zip"]
    assert doc["links_expire_at"] > doc["updated_at"]
    assert doc["source"] == {"bucket": UPLOADS, "key": KEY, "version_id": version}
    assert order[-1] == prefix + "report.json"
    assert order.index(prefix + "masks.zip") < order.index(prefix + "report.json")


def test_masks_zip_holds_every_mask_deflated(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)

    handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)

    prefix = "results/user-a/scan1/"
    obj = aws["s3"].get_object(Bucket=RESULTS, Key=prefix + "masks.zip")
    assert obj["ContentType"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(obj["Body"].read()))
    masks = result_keys(aws, prefix + "masks/")
    assert archive.namelist() == [k.removeprefix(prefix) for k in masks]
    assert len(masks) == 24
    assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    for key in masks:
        stored = aws["s3"].get_object(Bucket=RESULTS, Key=key)["Body"].read()
        assert archive.read(key.removeprefix(prefix)) == stored


def test_same_event_twice_gives_one_result_and_one_document(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    event = s3_event(UPLOADS, KEY, version)

    first = handler.lambda_handler(event, lambda_context)
    writes = deps.index.writes
    keys = result_keys(aws)
    second = handler.lambda_handler(event, lambda_context)

    assert first["outcomes"][0]["duplicate"] is False
    assert second["outcomes"][0]["duplicate"] is True
    assert second["outcomes"][0]["status"] == "done"
    assert make_deps.loader.calls == 1
    assert result_keys(aws) == keys
    assert report_versions(aws, "results/user-a/scan1/report.json") == 1
    assert deps.index.writes == writes
    assert len(deps.index.docs) == 1


def test_new_version_of_the_same_key_is_processed_again(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    v1 = upload(KEY, phantom_bytes)
    handler.lambda_handler(s3_event(UPLOADS, KEY, v1), lambda_context)
    v2 = upload(KEY, phantom_bytes)
    out = handler.lambda_handler(s3_event(UPLOADS, KEY, v2), lambda_context)

    assert out["outcomes"][0]["duplicate"] is False
    assert make_deps.loader.calls == 2
    assert deps.index.get_scan("user-a", "scan1")["source"]["version_id"] == v2


def test_corrupt_upload_ends_failed_without_raising(
    aws, make_deps, upload, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    key = "uploads/user-a/scan2/broken.zip"
    version = upload(key, b"PK\x03\x04 this is not really a zip archive")

    out = handler.lambda_handler(s3_event(UPLOADS, key, version), lambda_context)

    assert out["outcomes"][0]["status"] == "failed"
    doc = deps.index.get_scan("user-a", "scan2")
    assert doc["status"] == "failed"
    assert doc["error"] and "\n" not in doc["error"]
    assert doc["error_code"] == "bad_input"
    assert result_keys(aws) == []
    # A redelivery does not flip-flop or retry the bad scan.
    again = handler.lambda_handler(s3_event(UPLOADS, key, version), lambda_context)
    assert again["outcomes"][0] == {**out["outcomes"][0], "duplicate": True}


def test_key_outside_the_upload_layout_is_refused_cleanly(
    aws, make_deps, upload, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    key = "uploads/../../results/x.zip"
    version = upload(key, b"data")

    out = handler.lambda_handler(s3_event(UPLOADS, key, version), lambda_context)

    assert out["outcomes"][0]["status"] == "failed"
    assert "not an upload key" in out["outcomes"][0]["message"]
    assert deps.index.docs == {}


def test_url_encoded_key_is_decoded(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    deps = make_deps()
    use(monkeypatch, deps)
    key = "uploads/user-a/scan3/my head scan.nii.gz"
    version = upload(key, phantom_bytes)
    event = s3_event(UPLOADS, key, version)
    assert event["Records"][0]["s3"]["object"]["key"].endswith("my+head+scan.nii.gz")

    out = handler.lambda_handler(event, lambda_context)

    assert out["outcomes"][0]["status"] == "done"
    assert deps.index.get_scan("user-a", "scan3")["filename"] == "my head scan.nii.gz"


def test_large_scan_starts_the_gpu_task_with_overrides(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    import boto3

    from ichseg.adapters.ecs import EcsTaskLauncher

    ecs = boto3.client("ecs", region_name="us-east-1")
    launcher = EcsTaskLauncher(
        ecs,
        cluster="ichseg-gpu",
        task_definition="ichseg-gpu-task",
        container_name="segment",
        capacity_provider="ichseg-gpu-asg",
        subnets=["subnet-1", "subnet-2"],
        security_groups=["sg-1"],
    )
    deps = make_deps(launcher=launcher, lambda_max_bytes=1000)
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    arn = "arn:aws:ecs:us-east-1:123456789012:task/ichseg-gpu/abc"
    with Stubber(ecs) as stub:
        stub.add_response(
            "run_task",
            {"tasks": [{"taskArn": arn}], "failures": []},
            expected_params={
                "cluster": "ichseg-gpu",
                "taskDefinition": "ichseg-gpu-task",
                "count": 1,
                "startedBy": "ichseg-segment",
                "clientToken": ANY,
                "capacityProviderStrategy": [{"capacityProvider": "ichseg-gpu-asg", "weight": 1}],
                "networkConfiguration": {
                    "awsvpcConfiguration": {
                        "subnets": ["subnet-1", "subnet-2"],
                        "securityGroups": ["sg-1"],
                        "assignPublicIp": "DISABLED",
                    }
                },
                "overrides": {
                    "containerOverrides": [
                        {
                            "name": "segment",
                            "environment": [
                                {"name": "ICHSEG_SOURCE_BUCKET", "value": UPLOADS},
                                {"name": "ICHSEG_SOURCE_KEY", "value": KEY},
                                {"name": "ICHSEG_SOURCE_VERSION", "value": version},
                            ],
                        }
                    ]
                },
            },
        )
        out = handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)
        stub.assert_no_pending_responses()

    assert out["outcomes"][0]["status"] == "queued"
    assert out["outcomes"][0]["task_arn"] == arn
    doc = deps.index.get_scan("user-a", "scan1")
    assert doc["status"] == "queued"
    assert doc["task_arn"] == arn
    assert make_deps.loader.calls == 0
    assert result_keys(aws) == []


def test_scan_with_many_slices_goes_to_the_gpu_task(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[Any, ...]] = []

        def launch(self, bucket, key, version_id, token):
            self.calls.append((bucket, key, version_id))
            return "arn:task/1"

    launcher = Recorder()
    deps = make_deps(launcher=launcher, lambda_max_slices=10)
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)

    out = handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)

    assert out["outcomes"][0]["status"] == "queued"
    assert launcher.calls == [(UPLOADS, KEY, version)]
    assert make_deps.loader.calls == 0


def test_upload_over_the_cap_without_gpu_fails_with_a_clear_message(
    aws, make_deps, upload, lambda_context, monkeypatch
):
    deps = make_deps(lambda_max_bytes=100)
    use(monkeypatch, deps)
    key = "uploads/user-a/scan4/big.zip"
    version = upload(key, b"x" * 500)

    out = handler.lambda_handler(s3_event(UPLOADS, key, version), lambda_context)

    assert out["outcomes"][0]["status"] == "failed"
    doc = deps.index.get_scan("user-a", "scan4")
    assert doc["error_code"] == "too_large"
    assert "limit" in doc["error"]


class FlakyIndex(MemoryScanIndex):
    """Refuses the first ``done`` write, as a Firestore outage would."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0

    def set_scan(self, uid, scan_id, fields):
        if fields.get("status") == "done" and self.refused == 0:
            self.refused += 1
            raise ConnectionError("firestore unavailable")
        super().set_scan(uid, scan_id, fields)


def test_index_outage_keeps_outputs_and_the_retry_only_mirrors(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    index = FlakyIndex()
    deps = make_deps(index=index)
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    event = s3_event(UPLOADS, KEY, version)

    with pytest.raises(RuntimeError, match="firestore unavailable"):
        handler.lambda_handler(event, lambda_context)
    assert "results/user-a/scan1/report.json" in result_keys(aws)
    assert index.get_scan("user-a", "scan1")["status"] == "processing"

    out = handler.lambda_handler(event, lambda_context)

    assert out["outcomes"][0]["status"] == "done"
    assert make_deps.loader.calls == 1  # not segmented again
    assert report_versions(aws, "results/user-a/scan1/report.json") == 1
    doc = index.get_scan("user-a", "scan1")
    assert doc["status"] == "done"
    assert set(doc["links"]) == {"overlay", "masks_zip", "report", "hu", "nifti_mask"}


def test_mirroring_results_stored_without_masks_zip_links_no_masks_zip(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    index = FlakyIndex()
    deps = make_deps(index=index)
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    event = s3_event(UPLOADS, KEY, version)
    with pytest.raises(RuntimeError, match="firestore unavailable"):
        handler.lambda_handler(event, lambda_context)
    # as results written before masks.zip existed
    aws["s3"].delete_object(Bucket=RESULTS, Key="results/user-a/scan1/masks.zip")

    out = handler.lambda_handler(event, lambda_context)

    assert out["outcomes"][0]["status"] == "done"
    doc = index.get_scan("user-a", "scan1")
    assert set(doc["links"]) == {"overlay", "report", "hu", "nifti_mask"}
    assert "masks_zip" not in doc["outputs"]


def test_event_while_another_attempt_holds_the_lease_is_retried(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    from ichseg.cloud.process import marker_key

    deps = make_deps()
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    mkey = marker_key("lambda", UPLOADS, KEY, version)
    assert deps.markers.acquire(mkey, deps.clock(), 600).state == "acquired"

    with pytest.raises(RuntimeError, match="ScanBusyError"):
        handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)
    assert make_deps.loader.calls == 0


def test_crashed_attempt_is_taken_over_after_its_lease_expires(
    aws, make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    from ichseg.cloud.process import marker_key

    deps = make_deps()
    use(monkeypatch, deps)
    version = upload(KEY, phantom_bytes)
    mkey = marker_key("lambda", UPLOADS, KEY, version)
    deps.markers.acquire(mkey, deps.clock() - 2000, 960)  # a crash long ago

    out = handler.lambda_handler(s3_event(UPLOADS, KEY, version), lambda_context)

    assert out["outcomes"][0]["status"] == "done"


def test_s3_test_event_is_ignored(lambda_context, monkeypatch):
    monkeypatch.setattr(handler, "get_deps", lambda: pytest.fail("no deps needed"))
    assert handler.lambda_handler(load_event("s3_test_event"), lambda_context) == {"outcomes": []}


def test_batch_settings_reach_the_model_calls(
    make_deps, upload, phantom_bytes, lambda_context, monkeypatch
):
    """ICHSEG_BATCH_SIZE / ICHSEG_MAX_BATCH_PIXELS (the GPU task's larger cap) set how many
    slices each model call gets: 24 slices of a 256x256 model -> 3 calls of 8."""
    deps = make_deps(batch_size=8, max_batch_pixels=8 * 256 * 256)
    use(monkeypatch, deps)
    segmenter = make_deps.loader.segmenter
    assert segmenter.spec.input_height == segmenter.spec.input_width == 256
    sizes: list[int] = []
    original = segmenter.predict

    def predict(batch: Any) -> Any:
        sizes.append(len(batch))
        return original(batch)

    monkeypatch.setattr(segmenter, "predict", predict)
    version = upload(KEY, phantom_bytes)
    out = handler.lambda_handler(
        s3_event(UPLOADS, KEY, version, len(phantom_bytes)), lambda_context
    )
    assert [o["status"] for o in out["outcomes"]] == ["done"]
    assert sizes == [8, 8, 8]


def test_spacing_given_with_the_upload_form_reaches_the_segmenter(
    aws, make_deps, upload, lambda_context, monkeypatch
):
    from tests.server.helpers import png_zip_bytes

    key = "uploads/user-a/scan1/slices.zip"
    deps = make_deps()
    use(monkeypatch, deps)
    deps.index.set_scan(
        "user-a", "scan1", {"status": "pending", "pixel_spacing_mm": 0.5, "slice_thickness_mm": 5.0}
    )
    data = png_zip_bytes(6)
    version = upload(key, data)

    out = handler.lambda_handler(s3_event(UPLOADS, key, version, len(data)), lambda_context)

    assert [o["status"] for o in out["outcomes"]] == ["done"]
    report = json.loads(
        aws["s3"].get_object(Bucket=RESULTS, Key="results/user-a/scan1/report.json")["Body"].read()
    )
    assert report["input"]["pixel_spacing_mm"] == [0.5, 0.5]
    assert report["input"]["slice_thickness_mm"] == 5.0
    assert report["input"]["spacing_from"] == "user"
    assert isinstance(report["scan"]["volume_ml"], float)


def test_an_environment_prepared_ahead_builds_and_warms_everything_at_init(make_deps, monkeypatch):
    import importlib

    import ichseg.cloud.factory as factory
    import ichseg.predict

    deps = make_deps()
    loader = deps.segmenter
    built: list[Any] = []
    warmed: list[Any] = []
    monkeypatch.setattr(factory, "build_process_deps", lambda s: built.append(s) or deps)
    monkeypatch.setattr(ichseg.predict, "warm_up", warmed.append)
    try:
        monkeypatch.setenv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        importlib.reload(handler)
        assert not handler.PREPARED_AHEAD and built == [] and warmed == []

        monkeypatch.setenv("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")
        importlib.reload(handler)  # Lambda's init phase
        assert handler.PREPARED_AHEAD and len(built) == 1
        assert warmed == [loader.segmenter] and loader.calls == 1  # the raw model, before spans
        assert handler.get_deps() is deps and len(built) == 1  # the first event reuses it
        assert handler.slices.take() is None  # the warm-up is no scan's model time
    finally:
        monkeypatch.undo()
        importlib.reload(handler)
