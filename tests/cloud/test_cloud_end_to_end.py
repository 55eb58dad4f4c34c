"""The real entry points and factories, with moto for AWS and the Firebase emulators.

Only the boto3 endpoints are simulated; the Firestore documents, ID tokens and rules are real.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from moto_aws import FakeContext, moto_aws, s3_event

pytestmark = pytest.mark.emulator

UPLOADS, RESULTS, TABLE = "e2e-uploads", "e2e-results", "e2e-markers"


@pytest.fixture
def cloud(firebase_env, band_model: Path, tmp_path: Path, monkeypatch):
    env = {
        "ICHSEG_UPLOADS_BUCKET": UPLOADS,
        "ICHSEG_RESULTS_BUCKET": RESULTS,
        "ICHSEG_MARKERS_TABLE": TABLE,
        "ICHSEG_MODEL_PATH": str(band_model),
        "ICHSEG_WORK_DIR": str(tmp_path / "work"),
        "ICHSEG_FIREBASE_PROJECT_ID": firebase_env.project,
        "ICHSEG_GPU_ENABLED": "false",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from functions.segment import handler as segment
    from functions.upload_api import handler as api

    segment.get_deps.cache_clear()
    api.get_deps.cache_clear()
    with moto_aws(monkeypatch, UPLOADS, RESULTS, TABLE) as (s3, _):
        yield {"s3": s3, "segment": segment, "api": api, "emu": firebase_env}
    segment.get_deps.cache_clear()
    api.get_deps.cache_clear()


def http(api: Any, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    event = {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"authorization": f"Bearer {token}", "content-type": "application/json"},
        "requestContext": {"http": {"method": method, "path": path}, "stage": "$default"},
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }
    resp = api.lambda_handler(event, FakeContext())
    return resp["statusCode"], json.loads(resp["body"])


def test_upload_to_results_to_firestore_readable_only_by_its_owner(cloud, phantom_dir: Path):
    emu = cloud["emu"]
    uid, token = emu.sign_up_verified("owner@example.com")
    _, other_token = emu.sign_up("other@example.com")

    status, form = http(
        cloud["api"], "POST", "/uploads", token,
        {"filename": "phantom.nii.gz", "content_type": "application/gzip", "size": 10_000},
    )  # fmt: skip
    assert status == 201
    key = form["key"]
    assert key.startswith(f"uploads/{uid}/")
    version = cloud["s3"].put_object(
        Bucket=UPLOADS, Key=key, Body=(phantom_dir / "phantom.nii.gz").read_bytes()
    )["VersionId"]
    event = s3_event(UPLOADS, key, version, size=1)

    out = cloud["segment"].lambda_handler(event, FakeContext())

    assert out["outcomes"][0]["status"] == "done"
    scan_id = form["scan_id"]
    doc_path = f"users/{uid}/scans/{scan_id}"
    assert emu.client_get(doc_path, token) == 200
    assert emu.client_get(doc_path, other_token) == 403
    status, listing = http(cloud["api"], "GET", "/scans", token)
    assert status == 200
    (scan,) = listing["scans"]
    assert scan["id"] == scan_id and scan["status"] == "done"
    assert scan["summary"]["haemorrhage"] is True
    assert set(scan["links"]) == {"overlay", "masks_zip", "report", "hu", "nifti_mask"}
    assert scan["outputs"]["masks_zip"].endswith(f"/{scan_id}/masks.zip")
    status, renewed = http(cloud["api"], "POST", f"/scans/{scan_id}/links", token)
    assert status == 200
    assert set(renewed["links"]) == {"overlay", "masks_zip", "report", "hu", "nifti_mask"}
    assert http(cloud["api"], "GET", "/scans", other_token)[1]["scans"] == []


def test_upload_api_refuses_a_forged_token(cloud):
    status, _ = http(
        cloud["api"], "POST", "/uploads", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        {"filename": "a.zip", "content_type": "application/zip", "size": 10},
    )  # fmt: skip
    assert status == 401
