from __future__ import annotations

import io
import json
import logging
import re
import time
import zipfile
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image
from starlette.testclient import TestClient

from tests.server.helpers import Api, png_zip_bytes

MakeApi = Callable[..., Api]


# -- accounts ------------------------------------------------------------------------------


def test_signup_sets_httponly_samesite_strict_session_cookie(make_api: MakeApi) -> None:
    api = make_api()
    response = api.signup()
    cookie = response.headers["set-cookie"]
    assert "ichseg_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert response.json()["user"] == {"email": "ann@example.org"}
    assert api.get("/api/session").json()["user"] == {"email": "ann@example.org"}


def test_secure_cookie_when_configured(make_api: MakeApi) -> None:
    api = make_api(cookie_secure=True, base_url="https://testserver")
    cookie = api.post("/api/signup", json={"email": "a@b.co", "password": "long enough"}).headers[
        "set-cookie"
    ]
    assert "Secure" in cookie


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"email": "not-an-email", "password": "long enough"}, 400, "valid e-mail"),
        ({"email": "a@b.co", "password": "short"}, 400, "at least 8"),
        ({"email": "a@b.co"}, 400, "password is required"),
        ({"email": "ann@example.org", "password": "another one"}, 409, "already exists"),
    ],
)
def test_signup_rejects_bad_or_duplicate_accounts(
    make_api: MakeApi, body: dict[str, str], status: int, message: str
) -> None:
    api = make_api()
    api.signup()
    response = api.post("/api/signup", json=body)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_oversized_json_bodies_are_refused(make_api: MakeApi) -> None:
    api = make_api()
    response = api.post("/api/login", json={"email": "a@b.co", "password": "x" * 20_000})
    assert response.status_code == 413 and "too large" in response.json()["error"]


def test_unsafe_requests_without_csrf_token_are_refused(make_api: MakeApi) -> None:
    api = make_api()
    bare = api.client.post("/api/signup", json={"email": "a@b.co", "password": "long enough"})
    assert bare.status_code == 403 and "CSRF" in bare.json()["error"]
    api.signup()
    forged = api.client.post(
        "/api/scans",
        files={"file": ("x.zip", png_zip_bytes(2), "application/zip")},
        headers={"X-CSRF-Token": "guess"},
    )
    assert forged.status_code == 403
    assert api.client.post("/api/logout").status_code == 403
    assert api.get("/api/session").json()["user"] is not None


def test_cross_origin_posts_are_refused(make_api: MakeApi) -> None:
    api = make_api()
    response = api.post(
        "/api/signup",
        json={"email": "a@b.co", "password": "long enough"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403 and "cross-origin" in response.json()["error"]


def test_login_logout_round_trip(make_api: MakeApi) -> None:
    api = make_api()
    api.signup()
    assert api.post("/api/logout").status_code == 200
    assert api.get("/api/session").json()["user"] is None
    assert api.get("/api/scans").status_code == 401
    api.csrf = api.get("/api/session").json()["csrf"]
    wrong = api.post("/api/login", json={"email": "ann@example.org", "password": "wrong pass"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "wrong e-mail or password"
    unknown = api.post("/api/login", json={"email": "bob@example.org", "password": "whatever1"})
    assert unknown.status_code == 401 and unknown.json() == wrong.json()
    ok = api.post("/api/login", json={"email": "ANN@example.org", "password": "correct horse"})
    assert ok.status_code == 200
    assert api.get("/api/scans").status_code == 200


def test_login_is_rate_limited_per_account_and_ip(make_api: MakeApi) -> None:
    api = make_api(login_max_failures=3)
    api.signup()
    api.signup("bob@example.org", "bob password")
    for _ in range(3):
        r = api.post("/api/login", json={"email": "ann@example.org", "password": "wrong pass"})
        assert r.status_code == 401
    limited = api.post("/api/login", json={"email": "ann@example.org", "password": "correct horse"})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0
    assert "too many failed logins" in limited.json()["error"]
    other = api.post("/api/login", json={"email": "bob@example.org", "password": "bob password"})
    assert other.status_code == 200


def test_forgot_password_logs_a_one_time_link_that_resets(
    make_api: MakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    api = make_api(public_base_url="http://viewer.test/")
    api.signup()
    old_session = api.client.cookies.get("ichseg_session")
    with caplog.at_level(logging.INFO, logger="ichseg.server"):
        unknown = api.post("/api/forgot", json={"email": "nobody@example.org"})
        known = api.post("/api/forgot", json={"email": "ann@example.org"})
    assert unknown.json() == known.json()
    links = re.findall(r"(http://viewer\.test/#/reset\?token=(\S+))", caplog.text)
    assert len(links) == 1
    token = links[0][1]
    response = api.post("/api/reset", json={"token": token, "password": "new password"})
    assert response.status_code == 200
    # the reset ended the session; the page asks for a fresh (anonymous) CSRF token
    assert api.get("/api/session").json()["user"] is None
    api.csrf = api.get("/api/session").json()["csrf"]
    again = api.post("/api/reset", json={"token": token, "password": "third password"})
    assert again.status_code == 400 and "invalid, used or expired" in again.json()["error"]
    # the reset ended the old session
    fresh = TestClient(api.client.app)
    fresh.cookies.set("ichseg_session", old_session or "")
    assert fresh.get("/api/session").json()["user"] is None
    api.client.cookies.clear()
    api.csrf = api.get("/api/session").json()["csrf"]
    assert (
        api.post(
            "/api/login", json={"email": "ann@example.org", "password": "correct horse"}
        ).status_code
        == 401
    )
    assert (
        api.post(
            "/api/login", json={"email": "ann@example.org", "password": "new password"}
        ).status_code
        == 200
    )


def test_reset_link_expires(make_api: MakeApi, caplog: pytest.LogCaptureFixture) -> None:
    api = make_api(reset_ttl_s=1)
    api.signup()
    with caplog.at_level(logging.INFO, logger="ichseg.server"):
        api.post("/api/forgot", json={"email": "ann@example.org"})
    token = re.search(r"token=(\S+)", caplog.text)
    assert token is not None
    time.sleep(1.2)
    response = api.post("/api/reset", json={"token": token.group(1), "password": "new password"})
    assert response.status_code == 400


# -- uploads -------------------------------------------------------------------------------


def test_upload_requires_login(make_api: MakeApi) -> None:
    api = make_api()
    response = api.upload(png_zip_bytes(2))
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        (b"", "empty.zip", 400, "empty"),
        (b"<html>not a scan</html>" * 10, "scan.mp4", 415, "unsupported file type"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "one.png", 415, "unsupported file type"),
        (b"\x1f\x8b" + b"\0" * 100, "fake.nii.gz", 415, "unsupported file type"),
    ],
)
def test_upload_rejects_wrong_types_by_content(
    make_api: MakeApi, data: bytes, name: str, status: int, message: str
) -> None:
    api = make_api()
    api.signup()
    response = api.upload(data, name)
    assert response.status_code == status
    assert message in response.json()["error"]
    assert api.get("/api/scans").json()["scans"] == []


def test_upload_rejects_files_over_the_size_limit(make_api: MakeApi) -> None:
    api = make_api(max_upload_bytes=1000)
    api.signup()
    response = api.upload(png_zip_bytes(4))
    assert response.status_code == 413 and "too large" in response.json()["error"]
    huge = api.post(
        "/api/scans",
        content=b"x" * 10,
        headers={"Content-Type": "multipart/form-data; boundary=x", "Content-Length": "999999"},
    )
    assert huge.status_code == 413


def test_upload_without_file_field_is_a_clear_error(make_api: MakeApi) -> None:
    api = make_api()
    api.signup()
    response = api.post("/api/scans", data={"other": "value"}, files={"x": ("a", b"b")})
    assert response.status_code == 400 and "'file'" in response.json()["error"]


def test_upload_is_segmented_and_files_are_served(make_api: MakeApi) -> None:
    api = make_api(workers=1)
    api.signup()
    created = api.upload(png_zip_bytes(6), "my scan.zip")
    assert created.status_code == 201, created.text
    job = created.json()
    assert job["status"] in ("queued", "processing") and job["filename"] == "my scan.zip"
    done = api.wait_for(job["id"])
    assert done["status"] == "done", done
    assert done["summary"]["haemorrhage"] is True and done["summary"]["slices"] == 6
    assert [s["id"] for s in api.get("/api/scans").json()["scans"]] == [job["id"]]

    base = f"/api/scans/{job['id']}/files"
    report = api.get(f"{base}/report.json").json()
    assert [s["index"] for s in report["slices"]] == [1, 2, 3, 4, 5, 6]
    assert report["video"]["frames"] == 6 and report["video"]["fps"] > 0

    mask = api.get(f"{base}/masks/003.png")
    assert mask.status_code == 200 and mask.headers["content-type"] == "image/png"
    pixels = np.asarray(Image.open(io.BytesIO(mask.content)))
    assert pixels.shape == (64, 64) and set(np.unique(pixels)) == {0, 255}

    for name in ("overlay.mp4", "slices.mp4"):
        full = api.get(f"{base}/{name}")
        assert full.status_code == 200 and full.headers["accept-ranges"] == "bytes"
        size = len(full.content)
        part = api.get(f"{base}/{name}", headers={"Range": "bytes=10-109"})
        assert part.status_code == 206
        assert part.headers["content-range"] == f"bytes 10-109/{size}"
        assert part.content == full.content[10:110]
    assert api.get(f"{base}/overlay.mp4", headers={"Range": "bytes=999999999-"}).status_code == 416

    download = api.get(f"{base}/overlay.mp4?download=1")
    assert "attachment" in download.headers["content-disposition"]
    zipped = api.get(f"{base}/masks.zip")
    assert zipped.status_code == 200 and "attachment" in zipped.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert names == [f"masks/{i:03d}.png" for i in range(1, 7)]

    for bad in (
        "..%2F..%2Fichseg.sqlite3",
        "masks%2F..%2F..%2Freport.json",
        "input.zip",
        "masks/7.png",
    ):
        assert api.get(f"{base}/{bad}").status_code == 404


def test_unreadable_upload_fails_with_one_line_message(make_api: MakeApi) -> None:
    api = make_api(workers=1)
    api.signup()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "no slices here")
    job = api.upload(buf.getvalue(), "notes.zip").json()
    failed = api.wait_for(job["id"])
    assert failed["status"] == "failed"
    assert failed["message"] and "\n" not in failed["message"]
    assert api.get(f"/api/scans/{job['id']}/files/report.json").status_code == 404


def test_other_users_scans_are_not_found(make_api: MakeApi) -> None:
    api = make_api(workers=1)
    api.signup()
    job = api.upload(png_zip_bytes(3)).json()
    assert api.wait_for(job["id"])["status"] == "done"
    api.post("/api/logout")
    api.csrf = api.get("/api/session").json()["csrf"]
    api.signup("mallory@example.org", "mallory pass")
    assert api.get("/api/scans").json()["scans"] == []
    for url in (
        f"/api/scans/{job['id']}",
        f"/api/scans/{job['id']}/files/report.json",
        f"/api/scans/{job['id']}/files/overlay.mp4",
        f"/api/scans/{job['id']}/files/masks/001.png",
        f"/api/scans/{job['id']}/files/masks.zip",
        "/api/scans/not-an-id",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"error": "no such scan"}


def test_events_stream_sends_the_users_scans(make_api: MakeApi) -> None:
    api = make_api(events_max_s=0.5)
    api.signup()
    job = api.upload(png_zip_bytes(2)).json()
    with api.client.stream("GET", "/api/events") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    assert body.startswith("retry: 1000")
    events = [json.loads(line[6:]) for line in body.splitlines() if line.startswith("data: ")]
    assert events and events[0]["scans"][0]["id"] == job["id"]
    assert events[0]["scans"][0]["status"] == "queued"


def test_events_stream_stops_when_the_session_ends(make_api: MakeApi) -> None:
    from ichseg.server.auth import token_hash

    api = make_api(events_max_s=30)
    api.signup()
    token = api.client.cookies.get("ichseg_session") or ""
    index = api.client.app.state.ichseg.index  # type: ignore[attr-defined]
    started = time.monotonic()
    with api.client.stream("GET", "/api/events") as response:
        lines = response.iter_lines()
        assert next(lines).startswith("retry:")
        index.delete_session(token_hash(token))  # logged out in another tab
        rest = list(lines)
    assert "event: signed-out" in rest
    assert time.monotonic() - started < 10


def test_pages_and_headers(make_api: MakeApi) -> None:
    api = make_api(max_upload_bytes=12345)
    page = api.get("/")
    assert page.status_code == 200 and "<html" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert api.get("/config.json").json() == {"mode": "local", "maxUploadBytes": 12345}
    assert api.get("/api/nothing").status_code == 404
