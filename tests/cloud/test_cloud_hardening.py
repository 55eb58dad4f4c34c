"""Small hardening fixes of issue 15: key regexes, scan ids on the links route, deleted users."""

from __future__ import annotations

from typing import Any

import pytest

from ichseg.adapters.memory import MemoryScanIndex
from ichseg.cloud.keys import check_filename, check_scan_id, check_uid, parse_upload_key
from ichseg.cloud.settings import CloudSettings
from ichseg.cloud.uploads import UploadDeps, renew_links
from ichseg.errors import AuthError, InputError


@pytest.mark.parametrize(
    "key",
    [
        "uploads/u1/s1/scan.zip\n",
        "uploads/u1\n/s1/scan.zip",
        "uploads/u1/s1\n/scan.zip",
    ],
)
def test_keys_with_a_trailing_newline_in_any_part_are_refused(key):
    with pytest.raises(InputError):
        parse_upload_key(key)


def test_checks_refuse_a_trailing_newline():
    for check, value in ((check_uid, "u1\n"), (check_filename, "scan.zip\n")):
        with pytest.raises(InputError):
            check(value)


@pytest.mark.parametrize("scan_id", ["..", ".", "a/b", "s1\n", "", "x" * 65, "s 1"])
def test_scan_ids_outside_the_layout_are_refused(scan_id):
    with pytest.raises(InputError):
        check_scan_id(scan_id)


class RecordingIndex(MemoryScanIndex):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get_scan(self, uid: str, scan_id: str) -> dict[str, Any] | None:
        self.asked.append(scan_id)
        return super().get_scan(uid, scan_id)


@pytest.mark.parametrize("scan_id", ["..", "../other", "s1\n"])
def test_renew_links_refuses_a_bad_scan_id_before_the_index_sees_it(scan_id):
    index = RecordingIndex()
    deps = UploadDeps(settings=CloudSettings(), uploads=None, results=None, index=index)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="scan id"):
        renew_links("user-a", scan_id, deps)
    assert index.asked == []


def test_a_deleted_users_unexpired_token_is_unauthorised_not_a_500(monkeypatch):
    from firebase_admin import auth

    from ichseg.adapters.firestore import FirebaseTokenVerifier

    def deleted(*_: Any, **__: Any) -> dict[str, Any]:
        raise auth.UserNotFoundError("No user record found for the given identifier")

    monkeypatch.setattr(auth, "verify_id_token", deleted)
    with pytest.raises(AuthError, match="UserNotFoundError"):
        FirebaseTokenVerifier(app=object()).verify("a-token")
