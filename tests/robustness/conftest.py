"""Fixtures of the robustness tests: the bad-input corpus, built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from moto_aws import FakeContext, moto_aws, process_deps, s3_event

from robustness.corpus import CASES, build_all

UPLOADS = "robust-uploads"
RESULTS = "robust-results"
TABLE = "robust-markers"

__all__ = ["FakeContext", "s3_event"]


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
        from ichseg.adapters.onnx_segmenter import OnnxSegmenter

        segmenter = OnnxSegmenter.from_path(self.band_model, threads=1)

        def load() -> Any:
            self.segmented.append("x")
            return segmenter

        return process_deps(
            self.s3,
            self.dynamodb,
            uploads=UPLOADS,
            results=RESULTS,
            table=TABLE,
            work_dir=self.work_dir,
            model_path=self.band_model,
            segmenter=load,
            index=index,
            launcher=launcher,
            **overrides,
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
    with moto_aws(monkeypatch, UPLOADS, RESULTS, TABLE) as (s3, ddb):
        yield Cloud(s3, ddb, band_model, tmp_path / "work")
