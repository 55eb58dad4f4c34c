"""AWS fakes shared by the cloud tests: canned events, a Lambda context, moto S3 + DynamoDB.

The entry-point tests (``tests/functions``) and the robustness tests (``tests/robustness``)
both drive the segment function on moto; they differ only in their bucket and table names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

EVENTS = Path(__file__).resolve().parent / "events"
REGION = "us-east-1"


def load_event(name: str, **subs: str) -> dict[str, Any]:
    """Load ``tests/events/<name>.json`` with string placeholders replaced."""
    data = json.loads((EVENTS / f"{name}.json").read_text())

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
    """The attributes of a Lambda context that the handlers' logger reads."""

    function_name: str = "ichseg-segment"
    memory_limit_in_mb: int = 3008
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:ichseg-segment"
    aws_request_id: str = "req-1"


@contextmanager
def moto_aws(
    monkeypatch: pytest.MonkeyPatch, uploads: str, results: str, table: str
) -> Iterator[tuple[Any, Any]]:
    """moto S3 with two versioned buckets and the markers table in DynamoDB.

    Args:
        monkeypatch: Sets fake credentials and the region for the test.
        uploads: Uploads bucket name.
        results: Results bucket name.
        table: Markers table name (hash key ``pk``).

    Yields:
        ``(s3, dynamodb)`` boto3 clients.
    """
    import boto3
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        for bucket in (uploads, results):
            s3.create_bucket(Bucket=bucket)
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        ddb = boto3.client("dynamodb", region_name=REGION)
        ddb.create_table(
            TableName=table,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield s3, ddb


def process_deps(
    s3: Any,
    dynamodb: Any,
    *,
    uploads: str,
    results: str,
    table: str,
    work_dir: Path,
    model_path: Path,
    segmenter: Callable[[], Any],
    index: Any = None,
    launcher: Any = None,
    **overrides: Any,
) -> Any:
    """The segment function's :class:`ProcessDeps` on moto with an in-memory scan index.

    Args:
        s3: boto3 S3 client (moto).
        dynamodb: boto3 DynamoDB client (moto).
        uploads: Uploads bucket name.
        results: Results bucket name.
        table: Markers table name.
        work_dir: Scratch folder of the function.
        model_path: The ONNX model the settings name.
        segmenter: Loader of the segmenter (called once per scan segmented).
        index: Scan index; a fresh :class:`MemoryScanIndex` (Firestore-like) when ``None``.
        launcher: GPU task launcher, or ``None``.
        **overrides: Further :class:`CloudSettings` fields.

    Returns:
        The dependencies of ``ichseg.cloud.process``.
    """
    from ichseg.adapters.dynamodb import DynamoMarkerStore
    from ichseg.adapters.memory import MemoryScanIndex
    from ichseg.adapters.s3 import S3BlobStore
    from ichseg.cloud.process import ProcessDeps
    from ichseg.cloud.settings import CloudSettings

    settings = CloudSettings(
        results_bucket=results,
        uploads_bucket=uploads,
        markers_table=table,
        work_dir=work_dir,
        model_path=model_path,
        **overrides,
    )
    return ProcessDeps(
        settings=settings,
        sources=lambda bucket: S3BlobStore(s3, bucket),
        results=S3BlobStore(s3, results),
        index=index if index is not None else MemoryScanIndex(),
        markers=DynamoMarkerStore(dynamodb, table),
        launcher=launcher,
        segmenter=segmenter,
    )
