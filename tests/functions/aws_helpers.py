"""Helpers and fixtures for the cloud entry-point tests: moto AWS, canned events, deps."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

EVENTS = Path(__file__).resolve().parents[1] / "events"
UPLOADS = "ichseg-uploads"
RESULTS = "ichseg-results"
TABLE = "ichseg-markers"


def load_event(name: str, **subs: str) -> dict[str, Any]:
    """Load ``tests/events/<name>.json`` with string placeholders replaced."""
    text = (EVENTS / f"{name}.json").read_text()
    data = json.loads(text)

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str):
            for old, new in subs.items():
                value = value.replace(old, new)
        return value

    return fill(data)


def s3_event(bucket: str, key: str, version_id: str | None, size: int = 0) -> dict[str, Any]:
    """An ObjectCreated event for one object, its key URL-encoded as S3 sends it."""
    event = load_event("s3_object_created", BUCKET=bucket, KEY=quote_plus(key, safe="/"))
    obj = event["Records"][0]["s3"]["object"]
    obj["size"] = size
    if version_id is None:
        del obj["versionId"]
    else:
        obj["versionId"] = version_id
    return event


@dataclass
class FakeContext:
    function_name: str = "ichseg-segment"
    memory_limit_in_mb: int = 3008
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:ichseg-segment"
    aws_request_id: str = "req-1"


@pytest.fixture
def lambda_context() -> FakeContext:
    return FakeContext()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """moto-backed S3 (two versioned buckets) and DynamoDB (the markers table)."""
    import boto3
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        for bucket in (UPLOADS, RESULTS):
            s3.create_bucket(Bucket=bucket)
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        ddb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield {"s3": s3, "dynamodb": ddb}


class CountingLoader:
    """A segmenter loader that counts how often scans are segmented."""

    def __init__(self, model_path: Path) -> None:
        from ichseg.adapters.onnx_segmenter import OnnxSegmenter

        self.segmenter = OnnxSegmenter.from_path(model_path, threads=1)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.segmenter


@pytest.fixture
def make_deps(aws: dict[str, Any], band_model: Path, tmp_path: Path) -> Callable[..., Any]:
    """Build :class:`ProcessDeps` on moto with an in-memory scan index; settings overridable."""
    from ichseg.adapters.dynamodb import DynamoMarkerStore
    from ichseg.adapters.memory import MemoryScanIndex
    from ichseg.adapters.s3 import S3BlobStore
    from ichseg.cloud.process import ProcessDeps
    from ichseg.cloud.settings import CloudSettings

    loader = CountingLoader(band_model)

    def make(launcher: Any = None, index: Any = None, **overrides: Any) -> ProcessDeps:
        settings = CloudSettings(
            results_bucket=RESULTS,
            uploads_bucket=UPLOADS,
            markers_table=TABLE,
            work_dir=tmp_path / "work",
            model_path=band_model,
            **overrides,
        )
        s3 = aws["s3"]
        return ProcessDeps(
            settings=settings,
            sources=lambda bucket: S3BlobStore(s3, bucket),
            results=S3BlobStore(s3, RESULTS),
            index=index if index is not None else MemoryScanIndex(),
            markers=DynamoMarkerStore(aws["dynamodb"], TABLE),
            launcher=launcher,
            segmenter=loader,
        )

    make.loader = loader  # type: ignore[attr-defined]
    return make


@pytest.fixture
def upload(aws: dict[str, Any]) -> Callable[[str, bytes], str]:
    """Put bytes into the uploads bucket; returns the new version id."""

    def put(key: str, data: bytes) -> str:
        resp = aws["s3"].put_object(Bucket=UPLOADS, Key=key, Body=data)
        return str(resp["VersionId"])

    return put
