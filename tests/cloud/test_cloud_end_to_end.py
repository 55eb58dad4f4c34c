"""The real entry points and factories, with moto for AWS and the Firebase emulators.

Only the boto3 endpoints are simulated; the Firestore documents, ID tokens and rules are real.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

pytestmark = pytest.mark.emulator

UPLOADS, RESULTS, TABLE = "e2e-uploads", "e2e-results", "e2e-markers"


@pytest.fixture
def cloud(firebase_env, band_model: Path, tmp_path: Path, monkeypatch):
    import boto3
    from moto import mock_aws

    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
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
    with mock_aws():
        s3 = boto3.client("s3")
        for bucket in (UPLOADS, RESULTS):
            s3.create_bucket(Bucket=bucket)
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        boto3.client("dynamodb").create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield {"s3": s3, "segment": segment, "api": api, "emu": firebase_env}
    segment.get_deps.cache_clear()
    api.get_deps.cache_clear()


class Ctx:
    function_name = "fn"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:fn"
    aws_request_id = "req"


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
    resp = api.lambda_handler(event, Ctx())
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
    record = {
        "eventSource": "aws:s3",
        "eventName": "ObjectCreated:Post",
        "s3": {
            "bucket": {"name": UPLOADS, "arn": f"arn:aws:s3:::{UPLOADS}"},
            "object": {"key": quote_plus(key, safe="/"), "size": 1, "versionId": version},
        },
    }

    out = cloud["segment"].lambda_handler({"Records": [record]}, Ctx())

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
