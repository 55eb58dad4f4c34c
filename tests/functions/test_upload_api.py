"""The upload API: token checks, presigned POST policy, the caller's scans, renewed links."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aws_helpers import RESULTS, UPLOADS, load_event

from functions.upload_api import handler
from ichseg.adapters.memory import MemoryScanIndex
from ichseg.errors import AuthError
from ichseg.ports import Caller

TOKENS = {
    "token-a": Caller("user-a", email_verified=True),
    "token-b": Caller("user-b", email_verified=True),
    "token-phone": Caller("user-p", phone_number="+447700900123"),
    "token-unverified": Caller("user-u", email_verified=False),
}
MAX = 50 * 1024 * 1024


class FakeVerifier:
    """Stands in for firebase-admin here; the real one is tested against the Auth emulator."""

    def verify(self, token: str) -> str:
        return self.verify_caller(token).uid

    def verify_caller(self, token: str) -> Caller:
        if token not in TOKENS:
            raise AuthError("invalid ID token")
        return TOKENS[token]


@pytest.fixture
def api(aws, monkeypatch):
    from ichseg.adapters.s3 import S3BlobStore
    from ichseg.cloud.settings import CloudSettings
    from ichseg.cloud.uploads import UploadDeps

    ids = iter(f"scan{i}" for i in range(1, 100))
    deps = UploadDeps(
        settings=CloudSettings(
            uploads_bucket=UPLOADS, results_bucket=RESULTS, max_upload_bytes=MAX
        ),
        uploads=S3BlobStore(aws["s3"], UPLOADS),
        results=S3BlobStore(aws["s3"], RESULTS),
        index=MemoryScanIndex(),
        new_id=lambda: next(ids),
    )
    monkeypatch.setattr(handler, "get_deps", lambda: (deps, FakeVerifier()))
    return deps


def call(method: str, path: str, route: str, token: str | None = None, body: Any = None):
    event = load_event("http_api_request", METHOD=method, PATH=path, ROUTE=f"{method} {route}")
    if token is not None:
        event["headers"]["authorization"] = f"Bearer {token}"
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    if "{scan_id}" in route:
        event["pathParameters"] = {"scan_id": path.split("/")[2]}
    resp = handler.lambda_handler(event, FakeContextForApi())
    return resp["statusCode"], json.loads(resp["body"]) if resp.get("body") else None


class FakeContextForApi:
    function_name = "ichseg-upload-api"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ichseg-upload-api"
    aws_request_id = "req-2"


REQUEST = {"filename": "head.nii.gz", "content_type": "application/gzip", "size": 1234}


def policy_of(form: dict[str, Any]) -> dict[str, Any]:
    return json.loads(base64.b64decode(form["fields"]["policy"]))


def s3_would_accept(policy: dict[str, Any], form: dict[str, str], size: int) -> bool:
    """Evaluate a POST policy's conditions the way S3 does (eq, starts-with, length range)."""
    fields = {k.lower(): v for k, v in form.items()}
    for cond in policy["conditions"]:
        if isinstance(cond, dict):
            ((name, value),) = cond.items()
            if name.lower() == "bucket":
                continue
            if fields.get(name.lower()) != value:
                return False
        elif cond[0] == "content-length-range":
            if not cond[1] <= size <= cond[2]:
                return False
        else:
            op, name, value = cond
            got = fields.get(name.lstrip("$").lower(), "")
            if (op == "eq" and got != value) or (op == "starts-with" and not got.startswith(value)):
                return False
    return True


@pytest.mark.parametrize(
    "headers",
    [None, "not-a-token", ""],
    ids=["no header", "unknown token", "empty token"],
)
def test_upload_form_needs_a_valid_token(api, headers):
    status, body = call("POST", "/uploads", "/uploads", token=headers, body=REQUEST)
    assert status == 401
    assert body["error"] == "unauthorised"


def test_upload_form_is_restricted_to_the_callers_new_scan_prefix(api):
    status, body = call("POST", "/uploads", "/uploads", token="token-a", body=REQUEST)

    assert status == 201
    assert body["scan_id"] == "scan1"
    assert body["key"] == "uploads/user-a/scan1/head.nii.gz"
    assert body["fields"]["key"] == body["key"]
    assert body["max_bytes"] == MAX
    policy = policy_of(body)
    conditions = policy["conditions"]
    assert ["starts-with", "$key", "uploads/user-a/scan1/"] in conditions
    assert ["content-length-range", 1, MAX] in conditions
    assert {"Content-Type": "application/gzip"} in conditions
    assert {"bucket": UPLOADS} in conditions
    expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert expires <= datetime.now(UTC) + timedelta(seconds=api.settings.upload_url_ttl_s + 5)

    form = dict(body["fields"])
    assert s3_would_accept(policy, form, 1234)
    assert not s3_would_accept(policy, {**form, "key": "uploads/user-b/scan1/head.nii.gz"}, 1234)
    assert not s3_would_accept(policy, {**form, "key": "results/user-a/scan1/report.json"}, 1234)
    assert not s3_would_accept(policy, form, MAX + 1)
    assert not s3_would_accept(policy, form, 0)
    assert not s3_would_accept(policy, {**form, "Content-Type": "text/html"}, 1234)


def test_two_users_get_disjoint_prefixes(api):
    _, a = call("POST", "/uploads", "/uploads", token="token-a", body=REQUEST)
    _, b = call("POST", "/uploads", "/uploads", token="token-b", body=REQUEST)
    assert a["key"].startswith("uploads/user-a/") and b["key"].startswith("uploads/user-b/")
    assert ["starts-with", "$key", "uploads/user-a/scan1/"] not in policy_of(b)["conditions"]


def test_upload_ending_is_lowercased_so_the_s3_filter_matches(api):
    body = {**REQUEST, "filename": "Head Scan.NII.GZ"}
    status, out = call("POST", "/uploads", "/uploads", token="token-a", body=body)
    assert status == 201
    assert out["key"].endswith("/Head Scan.nii.gz")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({**REQUEST, "size": MAX + 1}, 413, "too_large"),
        ({**REQUEST, "content_type": "text/html"}, 400, "bad_input"),
        ({**REQUEST, "filename": "../../etc/passwd"}, 400, "bad_input"),
        ({**REQUEST, "filename": "notes.txt"}, 400, "bad_input"),
        ({**REQUEST, "size": 0}, 400, "bad_input"),
        ({"filename": "a.zip"}, 400, "bad_input"),
        ("{not json", 400, "bad_input"),
    ],
    ids=["oversize", "content type", "traversal", "unsupported type", "empty", "missing", "json"],
)
def test_bad_upload_requests_are_refused_with_a_clear_message(api, body, status, code):
    got, out = call("POST", "/uploads", "/uploads", token="token-a", body=body)
    assert got == status
    assert out["error"] == code
    assert out["message"] and "\n" not in out["message"]


def test_form_fields_work_against_s3(api, aws):
    import requests

    _, out = call("POST", "/uploads", "/uploads", token="token-a", body=REQUEST)
    resp = requests.post(
        out["url"], data=out["fields"], files={"file": ("head.nii.gz", b"x" * 1234)}, timeout=10
    )
    assert resp.status_code in (200, 201, 204)
    head = aws["s3"].head_object(Bucket=UPLOADS, Key=out["key"])
    assert head["ContentLength"] == 1234


def test_scan_list_holds_only_the_callers_scans(api):
    now = datetime.now(UTC)
    api.index.set_scan("user-a", "s1", {"status": "done", "updated_at": now})
    api.index.set_scan("user-a", "s2", {"status": "queued", "updated_at": now + timedelta(1)})
    api.index.set_scan("user-b", "s3", {"status": "done", "updated_at": now})

    status, body = call("GET", "/scans", "/scans", token="token-a")

    assert status == 200
    assert [s["id"] for s in body["scans"]] == ["s2", "s1"]
    assert body["scans"][0]["updated_at"] == (now + timedelta(1)).isoformat()
    assert call("GET", "/scans", "/scans")[0] == 401


def done_doc(uid: str, scan_id: str) -> dict[str, Any]:
    prefix = f"results/{uid}/{scan_id}/"
    return {
        "status": "done",
        "outputs": {
            "overlay": prefix + "overlay.mp4",
            "masks_zip": prefix + "masks.zip",
            "report": prefix + "report.json",
        },
        "links": {"overlay": "https://expired.example/overlay"},
        "links_expire_at": datetime(2020, 1, 1, tzinfo=UTC),
        "updated_at": datetime.now(UTC),
    }


def test_links_of_a_finished_scan_are_renewed(api):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1"))

    status, body = call("POST", "/scans/s1/links", "/scans/{scan_id}/links", token="token-a")

    assert status == 200
    assert set(body["links"]) == {"overlay", "masks_zip", "report"}
    assert "results/user-a/s1/overlay.mp4" in body["links"]["overlay"]
    assert "Signature" in body["links"]["overlay"]
    assert "results/user-a/s1/masks.zip" in body["links"]["masks_zip"]
    assert "Signature" in body["links"]["masks_zip"]
    doc = api.index.get_scan("user-a", "s1")
    assert doc["links"] == body["links"]
    assert doc["links_expire_at"] > datetime.now(UTC)


def test_links_of_another_users_scan_are_not_found(api):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1"))
    status, body = call("POST", "/scans/s1/links", "/scans/{scan_id}/links", token="token-b")
    assert status == 404
    assert body["error"] == "not_found"


def test_links_of_an_unfinished_scan_are_refused(api):
    api.index.set_scan("user-a", "s1", {"status": "processing", "updated_at": datetime.now(UTC)})
    status, body = call("POST", "/scans/s1/links", "/scans/{scan_id}/links", token="token-a")
    assert status == 400
    assert "processing" in body["message"]


def test_spacing_sent_with_the_upload_request_is_stored_on_the_pending_scan(api):
    body = {**REQUEST, "pixel_spacing_mm": 0.45, "slice_thickness_mm": 5}
    status, out = call("POST", "/uploads", "/uploads", token="token-a", body=body)

    assert status == 201
    doc = api.index.get_scan("user-a", out["scan_id"])
    assert doc["pixel_spacing_mm"] == 0.45
    assert doc["slice_thickness_mm"] == 5.0


@pytest.mark.parametrize(
    "extra",
    [
        {"pixel_spacing_mm": 0.45},
        {"slice_thickness_mm": 5},
        {"pixel_spacing_mm": 0, "slice_thickness_mm": 5},
        {"pixel_spacing_mm": 0.45, "slice_thickness_mm": 500},
        {"pixel_spacing": 0.45},
    ],
    ids=["pixel only", "thickness only", "zero pixel", "huge thickness", "misspelt field"],
)
def test_incomplete_or_implausible_spacing_is_refused(api, extra):
    status, out = call("POST", "/uploads", "/uploads", token="token-a", body={**REQUEST, **extra})
    assert status == 400
    assert out["error"] == "bad_input"
    assert api.index.list_scans("user-a") == []


def test_rename_sets_the_display_name_and_blank_clears_it(api):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1") | {"filename": "head.nii.gz"})

    status, out = call(
        "PATCH",
        "/scans/s1",
        "/scans/{scan_id}",
        token="token-a",
        body={"name": "  Ward 3,   bed 2 "},
    )

    assert status == 200
    assert out["name"] == "Ward 3, bed 2"
    assert out["filename"] == "head.nii.gz"
    assert api.index.get_scan("user-a", "s1")["name"] == "Ward 3, bed 2"
    status, out = call("PATCH", "/scans/s1", "/scans/{scan_id}", token="token-a", body={"name": ""})
    assert status == 200
    assert out["name"] is None


def test_rename_of_another_users_or_a_missing_scan_is_not_found(api):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1"))
    for token, path in (("token-b", "/scans/s1"), ("token-a", "/scans/nope")):
        status, out = call("PATCH", path, "/scans/{scan_id}", token=token, body={"name": "x"})
        assert (status, out["error"]) == (404, "not_found")
    assert "name" not in api.index.get_scan("user-a", "s1")
    assert api.index.get_scan("user-b", "s1") is None


@pytest.mark.parametrize(
    "body", [{"name": "x" * 121}, {"name": 3}, {"title": "x"}], ids=["long", "number", "field"]
)
def test_bad_rename_requests_are_refused(api, body):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1"))
    status, out = call("PATCH", "/scans/s1", "/scans/{scan_id}", token="token-a", body=body)
    assert status == 400
    assert out["error"] == "bad_input"


def test_rename_and_delete_need_a_valid_token(api):
    assert call("PATCH", "/scans/s1", "/scans/{scan_id}", body={"name": "x"})[0] == 401
    assert call("DELETE", "/scans/s1", "/scans/{scan_id}", token="nope")[0] == 401


def _put_versions(aws, bucket: str, key: str, count: int) -> None:
    for i in range(count):
        aws["s3"].put_object(Bucket=bucket, Key=key, Body=b"v%d" % i)


def _all_versions(aws, bucket: str, prefix: str) -> list[str]:
    page = aws["s3"].list_object_versions(Bucket=bucket, Prefix=prefix)
    return [v["Key"] for v in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]]


def test_delete_removes_every_version_of_the_upload_and_results_and_the_document(api, aws):
    api.index.set_scan("user-a", "s1", done_doc("user-a", "s1"))
    _put_versions(aws, UPLOADS, "uploads/user-a/s1/head.nii.gz", 2)
    aws["s3"].delete_object(Bucket=UPLOADS, Key="uploads/user-a/s1/head.nii.gz")  # a marker
    for name in ("report.json", "overlay.mp4", "masks/001.png"):
        _put_versions(aws, RESULTS, f"results/user-a/s1/{name}", 2)
    _put_versions(aws, UPLOADS, "uploads/user-a/s10/head.nii.gz", 1)  # same prefix start
    _put_versions(aws, RESULTS, "results/user-b/s1/report.json", 1)  # another user's

    status, out = call("DELETE", "/scans/s1", "/scans/{scan_id}", token="token-a")

    assert status == 204
    assert out is None
    assert _all_versions(aws, UPLOADS, "uploads/user-a/s1/") == []
    assert _all_versions(aws, RESULTS, "results/user-a/s1/") == []
    assert api.index.get_scan("user-a", "s1") is None
    assert _all_versions(aws, UPLOADS, "uploads/user-a/s10/") == ["uploads/user-a/s10/head.nii.gz"]
    assert _all_versions(aws, RESULTS, "results/user-b/") == ["results/user-b/s1/report.json"]


def test_delete_of_a_scan_already_gone_succeeds(api):
    assert call("DELETE", "/scans/s1", "/scans/{scan_id}", token="token-a")[0] == 204
    assert call("DELETE", "/scans/s1", "/scans/{scan_id}", token="token-a")[0] == 204


@pytest.mark.parametrize("state", ["queued", "processing"])
def test_delete_is_refused_while_the_scan_is_being_segmented(api, aws, state):
    api.index.set_scan("user-a", "s1", {"status": state, "updated_at": datetime.now(UTC)})
    _put_versions(aws, UPLOADS, "uploads/user-a/s1/head.nii.gz", 1)

    status, out = call("DELETE", "/scans/s1", "/scans/{scan_id}", token="token-a")

    assert status == 409
    assert out["error"] == "busy"
    assert state in out["message"]
    assert api.index.get_scan("user-a", "s1")["status"] == state
    assert _all_versions(aws, UPLOADS, "uploads/user-a/s1/") == ["uploads/user-a/s1/head.nii.gz"]


def test_delete_with_a_malformed_id_is_refused(api):
    status, out = call("DELETE", "/scans/a.b", "/scans/{scan_id}", token="token-a")
    assert status == 400
    assert out["error"] == "bad_input"
