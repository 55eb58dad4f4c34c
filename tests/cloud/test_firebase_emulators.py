"""Against the real Firestore and Auth emulators: the scan index, ID tokens, firestore.rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ichseg.errors import AuthError

pytestmark = pytest.mark.emulator


@pytest.fixture
def index(firebase_env):
    from ichseg.adapters.firestore import FirestoreScanIndex, firestore_client

    return FirestoreScanIndex(firestore_client(firebase_env.project, None))


@pytest.fixture
def verifier(firebase_env):
    from ichseg.adapters.firestore import FirebaseTokenVerifier, firebase_app

    return FirebaseTokenVerifier(firebase_app(firebase_env.project, None))


def test_scan_documents_are_written_merged_and_read_back(index):
    now = datetime.now(UTC).replace(microsecond=0)
    index.set_scan("u-doc", "s1", {"status": "processing", "updated_at": now, "error": None})
    index.set_scan(
        "u-doc",
        "s1",
        {"status": "done", "summary": {"haemorrhage": True, "volume_ml": 4.5}, "updated_at": now},
    )

    doc = index.get_scan("u-doc", "s1")

    assert doc["id"] == "s1"
    assert doc["status"] == "done"
    assert doc["error"] is None
    assert doc["summary"] == {"haemorrhage": True, "volume_ml": 4.5}
    assert doc["updated_at"] == now
    assert index.get_scan("u-doc", "missing") is None


def test_scan_list_is_newest_first_and_per_user(index):
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(3):
        index.set_scan("u-list", f"s{i}", {"status": "done", "updated_at": t0 + timedelta(i)})
    index.set_scan("u-other", "x", {"status": "done", "updated_at": t0})

    assert [d["id"] for d in index.list_scans("u-list")] == ["s2", "s1", "s0"]
    assert [d["id"] for d in index.list_scans("u-list", limit=1)] == ["s2"]


def test_scan_document_delete_removes_it_and_a_second_delete_is_harmless(index):
    index.set_scan("u-del", "s1", {"status": "done", "updated_at": datetime.now(UTC)})
    index.set_scan("u-del", "s2", {"status": "done", "updated_at": datetime.now(UTC)})

    index.delete_scan("u-del", "s1")
    index.delete_scan("u-del", "s1")

    assert index.get_scan("u-del", "s1") is None
    assert [d["id"] for d in index.list_scans("u-del")] == ["s2"]


def test_emulator_id_token_is_accepted_and_names_its_user(firebase_env, verifier):
    uid, token = firebase_env.sign_up("alice@example.com")
    assert verifier.verify(token) == uid


def test_emulator_token_says_whether_the_email_is_verified(firebase_env, verifier):
    _, unverified = firebase_env.sign_up("new@example.com")
    uid, verified = firebase_env.sign_up_verified("checked@example.com")
    assert not verifier.verify_caller(unverified).verified
    caller = verifier.verify_caller(verified)
    assert caller.uid == uid and caller.verified


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c"], ids=["empty", "garbage", "shape"])
def test_malformed_tokens_are_rejected(verifier, token):
    with pytest.raises(AuthError):
        verifier.verify(token)


def test_token_of_a_disabled_user_is_rejected(firebase_env, verifier):
    uid, token = firebase_env.sign_up("mallory@example.com")
    firebase_env.disable(uid)
    with pytest.raises(AuthError):
        verifier.verify(token)


def test_token_for_another_project_is_rejected(firebase_env, verifier):
    import base64
    import json

    _, token = firebase_env.sign_up("eve@example.com")
    header, payload, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["aud"] = "someone-elses-project"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(AuthError):
        verifier.verify(f"{header}.{forged}.{sig}")


def test_rules_let_a_user_read_only_their_own_scans_and_write_nothing(firebase_env, index):
    uid_a, token_a = firebase_env.sign_up("a@example.com")
    uid_b, token_b = firebase_env.sign_up("b@example.com")
    index.set_scan(uid_a, "scan-a", {"status": "done", "updated_at": datetime.now(UTC)})
    index.set_scan(uid_b, "scan-b", {"status": "done", "updated_at": datetime.now(UTC)})

    assert firebase_env.client_get(f"users/{uid_a}/scans/scan-a", token_a) == 200
    assert firebase_env.client_get(f"users/{uid_b}/scans/scan-b", token_b) == 200
    assert firebase_env.client_get(f"users/{uid_b}/scans/scan-b", token_a) == 403
    assert firebase_env.client_get(f"users/{uid_a}/scans/scan-a", None) == 403
    assert firebase_env.client_patch(f"users/{uid_a}/scans/scan-a", token_a, {"status": "x"}) == 403
    assert firebase_env.client_patch(f"users/{uid_a}/scans/new", token_a, {"status": "x"}) == 403
    assert index.get_scan(uid_a, "scan-a")["status"] == "done"
