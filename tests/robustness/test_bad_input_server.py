"""Every bad input uploaded to the embedded service through its HTTP API.

Contract: the upload is either refused at once (4xx with a one-line ``error``) or queued
and then ends ``failed`` with a one-line, user-readable message; in both cases nothing that
looks like a result exists (no ``report.json``, result files answer 404, no staging
folder), and the service goes on to segment a good scan afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from ichseg.server import ServeSettings, create_app
from robustness.corpus import CASES, Case
from tests.server.helpers import Api, png_zip_bytes

RESULT_FILES = ("report.json", "overlay.mp4", "slices.mp4", "masks/001.png", "masks.zip")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, band_segmenter: Any
) -> Iterator[tuple[Api, Path]]:
    """One server with one worker thread and one signed-in user, shared by the module."""
    data = tmp_path_factory.mktemp("served")
    settings = ServeSettings(data_dir=data, workers=1, poll_interval_s=0.05)
    with TestClient(create_app(settings, segmenter=band_segmenter)) as client:
        api = Api(client)
        api.signup("robust@example.org", "correct horse battery")
        yield api, data


def _one_line(message: Any) -> str:
    assert isinstance(message, str) and message.strip(), message
    assert "\n" not in message and "Traceback" not in message, message
    return message.lower()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_service_fails_bad_upload_with_a_readable_message(
    case: Case, corpus: dict[str, Path], served: tuple[Api, Path]
) -> None:
    api, data = served
    before = {s["id"] for s in api.get("/api/scans").json()["scans"]}
    path = corpus[case.name]
    response = api.upload(path.read_bytes(), path.name)

    if case.upload_refused:
        assert 400 <= response.status_code < 500, response.text
        message = _one_line(response.json()["error"])
        assert (case.upload_expect or case.expect) in message
        after = {s["id"] for s in api.get("/api/scans").json()["scans"]}
        assert after == before, "a refused upload still created a job"
        return

    assert response.status_code == 201, response.text
    job = api.wait_for(response.json()["id"], timeout=60)
    assert job["status"] == "failed"
    message = _one_line(job["message"])
    assert case.expect in message
    assert str(data) not in message and str(path.parent) not in message
    assert job["summary"] is None
    for name in RESULT_FILES:
        got = api.get(f"/api/scans/{job['id']}/files/{name}")
        assert got.status_code == 404, name
    results = data / "store" / "results"
    assert not (results / job["id"] / "report.json").exists()
    assert not list(results.glob(f".{job['id']}.partial-*")) if results.is_dir() else True


def test_service_still_segments_after_the_whole_corpus(served: tuple[Api, Path]) -> None:
    api, _ = served
    response = api.upload(png_zip_bytes(), "good.zip")
    assert response.status_code == 201, response.text
    job = api.wait_for(response.json()["id"], timeout=60)
    assert job["status"] == "done", job
    assert api.get(f"/api/scans/{job['id']}/files/report.json").status_code == 200
