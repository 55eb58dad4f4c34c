"""Fixtures of the robustness tests: the bad-input corpus, built once per session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from robustness.corpus import CASES, build_all

UPLOADS = "robust-uploads"
RESULTS = "robust-results"
TABLE = "robust-markers"
EVENT = Path(__file__).resolve().parents[1] / "events" / "s3_object_created.json"


def s3_event(bucket: str, key: str, version_id: str | None, size: int = 0) -> dict[str, Any]:
    """The canned S3 ``ObjectCreated`` event for one object, its key URL-encoded as S3 does."""
    event = json.loads(EVENT.read_text())
    record = event["Records"][0]["s3"]
    record["bucket"]["name"] = bucket
    record["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
    obj = record["object"]
    obj["key"] = quote_plus(key, safe="/")
    obj["size"] = size
    if version_id is None:
        obj.pop("versionId", None)
    else:
        obj["versionId"] = version_id
    return event


@dataclass
class FakeContext:
    """The attributes of a Lambda context that the handler's logger reads."""

    function_name: str = "ichseg-segment"
    memory_limit_in_mb: int = 3008
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:ichseg-segment"
    aws_request_id: str = "robustness"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bad input of :data:`robustness.corpus.CASES`, by case name."""
    return build_all(tmp_path_factory.mktemp("bad-inputs"))


def case_ids() -> list[str]:
    """Test ids of the corpus table."""
    return [case.name for case in CASES]


# -- the cloud path on moto ----------------------------------------------------------------


@dataclass
class Cloud:
    """moto S3 + DynamoDB and a way to build the segment function's dependencies."""

    s3: Any
    dynamodb: Any
    band_model: Path
    work_dir: Path
    segmented: list[str] = field(default_factory=list)

    def deps(self, index: Any = None, launcher: Any = None, **overrides: Any) -> Any:
        """:class:`ProcessDeps` on moto with an in-memory (Firestore-like) scan index."""
        from ichseg.adapters.dynamodb import DynamoMarkerStore
        from ichseg.adapters.memory import MemoryScanIndex
        from ichseg.adapters.onnx_segmenter import OnnxSegmenter
        from ichseg.adapters.s3 import S3BlobStore
        from ichseg.cloud.process import ProcessDeps
        from ichseg.cloud.settings import CloudSettings

        settings = CloudSettings(
            results_bucket=RESULTS,
            uploads_bucket=UPLOADS,
            markers_table=TABLE,
            work_dir=self.work_dir,
            model_path=self.band_model,
            **overrides,
        )
        segmenter = OnnxSegmenter.from_path(self.band_model, threads=1)

        def load() -> Any:
            self.segmented.append("x")
            return segmenter

        return ProcessDeps(
            settings=settings,
            sources=lambda bucket: S3BlobStore(self.s3, bucket),
            results=S3BlobStore(self.s3, RESULTS),
            index=index if index is not None else MemoryScanIndex(),
            markers=DynamoMarkerStore(self.dynamodb, TABLE),
            launcher=launcher,
            segmenter=load,
        )

    def put(self, key: str, data: bytes) -> str:
        """Upload bytes; returns the version id."""
        return str(self.s3.put_object(Bucket=UPLOADS, Key=key, Body=data)["VersionId"])

    def result_keys(self) -> list[str]:
        """Every key in the results bucket."""
        resp = self.s3.list_objects_v2(Bucket=RESULTS)
        return sorted(o["Key"] for o in resp.get("Contents", []))


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch, band_model: Path, tmp_path: Path) -> Iterator[Cloud]:
    """Fresh moto buckets (versioned) and markers table for one test."""
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
        yield Cloud(s3, ddb, band_model, tmp_path / "work")
