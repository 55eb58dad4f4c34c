"""Helpers and fixtures for the cloud entry-point tests: moto AWS, canned events, deps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from moto_aws import FakeContext, load_event, moto_aws, process_deps, s3_event

UPLOADS = "ichseg-uploads"
RESULTS = "ichseg-results"
TABLE = "ichseg-markers"

__all__ = ["FakeContext", "load_event", "s3_event"]


@pytest.fixture
def lambda_context() -> FakeContext:
    return FakeContext()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """moto-backed S3 (two versioned buckets) and DynamoDB (the markers table)."""
    with moto_aws(monkeypatch, UPLOADS, RESULTS, TABLE) as (s3, ddb):
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
    loader = CountingLoader(band_model)

    def make(launcher: Any = None, index: Any = None, **overrides: Any) -> Any:
        return process_deps(
            aws["s3"],
            aws["dynamodb"],
            uploads=UPLOADS,
            results=RESULTS,
            table=TABLE,
            work_dir=tmp_path / "work",
            model_path=band_model,
            segmenter=loader,
            index=index,
            launcher=launcher,
            **overrides,
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
