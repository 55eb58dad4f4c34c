"""Per-user limits on upload forms: verified callers only, a pending scan, 429 past the quota."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aws_helpers import RESULTS, UPLOADS
from test_upload_api import REQUEST, FakeVerifier, call

from functions.upload_api import handler
from ichseg.adapters.memory import MemoryScanIndex
from ichseg.ports import Caller

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
MB = 1_000_000


@pytest.fixture
def api(aws, monkeypatch):
    from ichseg.adapters.s3 import S3BlobStore
    from ichseg.cloud.settings import CloudSettings
    from ichseg.cloud.uploads import UploadDeps

    ids = iter(f"scan{i}" for i in range(1, 100))
    deps = UploadDeps(
        settings=CloudSettings(
            uploads_bucket=UPLOADS,
            results_bucket=RESULTS,
            max_upload_bytes=100 * MB,
            max_scans_per_day=3,
            max_bytes_in_flight=150 * MB,
        ),
        uploads=S3BlobStore(aws["s3"], UPLOADS),
        results=S3BlobStore(aws["s3"], RESULTS),
        index=MemoryScanIndex(),
        new_id=lambda: next(ids),
        clock=NOW.timestamp,
    )
    monkeypatch.setattr(handler, "get_deps", lambda: (deps, FakeVerifier()))
    return deps


def upload(token: str = "token-a", size: int = 1234):
    return call("POST", "/uploads", "/uploads", token=token, body={**REQUEST, "size": size})


def test_an_unverified_account_gets_no_upload_form(api):
    status, body = upload("token-unverified")
    assert status == 403
    assert body["error"] == "unverified"
    assert "verify your e-mail" in body["message"]
    assert api.index.list_scans("user-u") == []


def test_a_phone_user_counts_as_verified(api):
    assert upload("token-phone")[0] == 201


def test_a_form_records_a_pending_scan_with_its_size(api):
    status, body = upload(size=5 * MB)
    assert status == 201
    doc = api.index.get_scan("user-a", body["scan_id"])
    assert doc["status"] == "pending"
    assert doc["size"] == 5 * MB
    assert doc["filename"] == "head.nii.gz"
    assert doc["created_at"] == NOW


def test_forms_past_the_daily_quota_get_429_with_a_clear_message(api):
    for _ in range(3):
        api.index.set_scan("user-a", f"old{_}", {"status": "done"})  # no created_at: legacy
        assert upload()[0] == 201
    status, body = upload()
    assert status == 429
    assert body["error"] == "quota_exceeded"
    assert "3 scans in the last 24 hours" in body["message"]
    # Another user is not affected.
    assert upload("token-b")[0] == 201


def test_the_daily_quota_frees_up_after_24_hours(api):
    for i in range(3):
        api.index.set_scan(
            "user-a",
            f"y{i}",
            {"status": "done", "created_at": NOW - timedelta(hours=25), "updated_at": NOW},
        )
    assert upload()[0] == 201


def test_bytes_in_flight_are_capped(api):
    assert upload(size=100 * MB)[0] == 201  # pending, its form still usable
    status, body = upload(size=60 * MB)
    assert status == 429
    assert "100 MB of your uploads are still being processed" in body["message"]
    assert upload(size=40 * MB)[0] == 201


def test_finished_failed_and_abandoned_scans_do_not_hold_bytes(api):
    old_form = NOW - timedelta(seconds=api.settings.upload_url_ttl_s) - timedelta(hours=1)
    stuck = NOW - timedelta(seconds=api.settings.in_flight_window_s + 60)
    for sid, status, created in [
        ("d", "done", NOW),
        ("f", "failed", NOW),
        ("abandoned", "pending", old_form),
        ("stuck", "queued", stuck),
    ]:
        api.index.set_scan(
            "user-a", sid, {"status": status, "size": 100 * MB, "created_at": created,
                            "updated_at": created},
        )  # fmt: skip
    api.settings.max_scans_per_day = 50
    assert upload(size=100 * MB)[0] == 201


def test_queued_and_processing_scans_hold_their_bytes(api):
    for sid, status in [("q", "queued"), ("p", "processing")]:
        api.index.set_scan(
            "user-a", sid, {"status": status, "size": 70 * MB, "created_at": NOW, "updated_at": NOW}
        )
    assert upload(size=20 * MB)[0] == 429


def test_caller_claims_map_to_verification():
    assert Caller.from_claims("u", {"email_verified": True}).verified
    assert Caller.from_claims("u", {"phone_number": "+15550100"}).verified
    assert not Caller.from_claims("u", {"email_verified": "true"}).verified
    assert not Caller.from_claims("u", {"firebase": {"sign_in_provider": "anonymous"}}).verified
