"""Cloud mode of the web app in headless Chromium: Firebase Auth and Firestore emulators,
with a stand-in for the upload API and S3 (presigned POST, result links) in this process.

The stand-in stores results as the processing Lambda does (``masks.zip`` from
:func:`ichseg.cloud.archive.write_masks_zip`), so the viewer unzips the real archive. It
checks requests with the upload API's own models (:class:`ichseg.cloud.uploads.UploadRequest`,
:class:`~ichseg.cloud.uploads.RenameRequest`), writes the same pending document, applies
the stored spacing as :func:`ichseg.cloud.process.user_spacing` reads it, and refuses to
delete a scan that is being processed, as the real API does.

Needs the Auth emulator (``scripts/emulators``: firebase-tools) and the Firestore emulator
(``gcloud emulators firestore``, from google-cloud-cli-firestore-emulator) and Java.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ichseg.cloud.archive import write_masks_zip
from ichseg.cloud.process import user_spacing
from ichseg.cloud.uploads import BUSY_STATES, RenameRequest, UploadRequest, pending_scan
from ichseg.errors import IchsegError
from ichseg.outputs import LINKED_OUTPUTS
from ichseg.records import ScanRecord, clean_name
from ichseg.server.app import STATIC_DIR
from ichseg.service import segment_scan
from tests.browser.conftest import RESULTS

pytestmark = [pytest.mark.browser, pytest.mark.emulator]

ROOT = Path(__file__).resolve().parents[2]
FIREBASE = ROOT / "scripts" / "emulators" / "node_modules" / ".bin" / "firebase"
PROJECT = "demo-ichseg"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with status {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.25)
    pytest.fail(f"{what} did not open port {port} within {timeout} s")


@pytest.fixture(scope="module")
def emulators(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    """Auth emulator (firebase-tools) and Firestore emulator (gcloud) on free ports."""
    if not FIREBASE.exists():
        pytest.fail("firebase-tools missing: run scripts/setup_test_deps.sh")
    if shutil.which("gcloud") is None or shutil.which("java") is None:
        pytest.fail("the Firestore emulator needs gcloud and Java: run scripts/setup_test_deps.sh")
    work = tmp_path_factory.mktemp("emulators")
    ports = {"auth": _free_port(), "firestore": _free_port(), "hub": _free_port()}
    (work / "firebase.json").write_text(
        json.dumps(
            {
                "emulators": {
                    "auth": {"host": "127.0.0.1", "port": ports["auth"]},
                    "hub": {"host": "127.0.0.1", "port": ports["hub"]},
                    "logging": {"host": "127.0.0.1", "port": _free_port()},
                    "ui": {"enabled": False},
                    "singleProjectMode": True,
                }
            }
        )
    )
    env = {**os.environ, "FIREBASE_CLI_DISABLE_UPDATE_CHECK": "true", "CI": "1"}
    auth = subprocess.Popen(
        [str(FIREBASE), "emulators:start", "--only", "auth", "--project", PROJECT],
        cwd=work,
        env=env,
        stdout=(work / "auth.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    store = subprocess.Popen(
        [
            "gcloud",
            "emulators",
            "firestore",
            "start",
            f"--host-port=127.0.0.1:{ports['firestore']}",
            "--quiet",
        ],
        cwd=work,
        env=env,
        stdout=(work / "firestore.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_port(ports["auth"], auth, "Auth emulator")
        _wait_port(ports["firestore"], store, "Firestore emulator")
        yield ports
    finally:
        for proc in (auth, store):
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
        for proc in (auth, store):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)


def _fs_value(value: Any) -> dict[str, Any]:
    if value is None:
        return {"nullValue": None}
    if isinstance(value, bool):
        return {"booleanValue": value}
    if isinstance(value, int):
        return {"integerValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    if isinstance(value, datetime):
        return {"timestampValue": value.isoformat().replace("+00:00", "Z")}
    if isinstance(value, dict):
        return {"mapValue": {"fields": {k: _fs_value(v) for k, v in value.items()}}}
    if isinstance(value, list):
        return {"arrayValue": {"values": [_fs_value(v) for v in value]}}
    return {"stringValue": str(value)}


class FakeCloud:
    """The upload API, S3 and the processing Lambda, as far as the browser sees them."""

    def __init__(self, root: Path, firestore_port: int, segmenter: Any) -> None:
        self.root = root
        self.firestore = f"http://127.0.0.1:{firestore_port}"
        self.segmenter = segmenter
        self.url = ""
        self.pending: dict[str, tuple[str, str]] = {}
        self.uploads: list[dict[str, Any]] = []
        self.threads: list[threading.Thread] = []
        self.fetched: list[str] = []
        self.deleted: list[str] = []

    def result_links(self, uid: str, scan_id: str) -> dict[str, str]:
        """Links as the scan document holds them: every linked output that was stored."""
        base = f"{self.url}/results/{uid}/{scan_id}"
        folder = self.root / "results" / uid / scan_id
        return {
            name: f"{base}/{fname}"
            for name, fname in LINKED_OUTPUTS.items()
            if (folder / fname).is_file()
        }

    def doc_url(self, uid: str, scan_id: str) -> str:
        docs = f"{self.firestore}/v1/projects/{PROJECT}/databases/(default)/documents"
        return f"{docs}/users/{uid}/scans/{scan_id}"

    def get_scan(self, uid: str, scan_id: str) -> dict[str, Any] | None:
        """The document's scalar fields (what the stand-in needs), or ``None``."""
        req = urllib.request.Request(
            self.doc_url(uid, scan_id), headers={"Authorization": "Bearer owner"}
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                fields = json.loads(response.read()).get("fields", {})
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise
        out: dict[str, Any] = {}
        for name, value in fields.items():
            if "doubleValue" in value:
                out[name] = float(value["doubleValue"])
            elif "integerValue" in value:
                out[name] = int(value["integerValue"])
            elif "stringValue" in value:
                out[name] = value["stringValue"]
        return out

    def delete_doc(self, uid: str, scan_id: str) -> None:
        req = urllib.request.Request(
            self.doc_url(uid, scan_id), method="DELETE", headers={"Authorization": "Bearer owner"}
        )
        urllib.request.urlopen(req, timeout=10).read()

    def set_scan(self, uid: str, scan_id: str, fields: dict[str, Any]) -> None:
        doc = self.doc_url(uid, scan_id)
        mask = "&".join(f"updateMask.fieldPaths={k}" for k in fields)
        body = json.dumps({"fields": {k: _fs_value(v) for k, v in fields.items()}}).encode()
        req = urllib.request.Request(
            f"{doc}?{mask}",
            data=body,
            method="PATCH",
            headers={"Authorization": "Bearer owner", "Content-Type": "application/json"},
        )
        urllib.request.urlopen(req, timeout=10).read()

    @staticmethod
    def uid_of(request: Request) -> str | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or token.count(".") != 2:
            return None
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return claims.get("user_id") or claims.get("sub")

    async def create_upload(self, request: Request) -> Response:
        uid = self.uid_of(request)
        if uid is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        body = await request.json()
        try:
            checked = UploadRequest.model_validate(body)
            spacing = checked.spacing()
        except (ValueError, IchsegError) as exc:
            return JSONResponse({"error": "bad_input", "message": str(exc)}, status_code=400)
        scan_id = f"scan{len(self.pending) + 1:04d}"
        key = f"uploads/{uid}/{scan_id}/{body['filename']}"
        self.pending[key] = (uid, scan_id)
        self.uploads.append(body)
        now = datetime.now(UTC)
        self.set_scan(uid, scan_id, pending_scan(body["filename"], checked, now, spacing))
        return JSONResponse(
            {
                "scan_id": scan_id,
                "key": key,
                "url": f"{self.url}/s3",
                "fields": {
                    "key": key,
                    "Content-Type": body["content_type"],
                    "policy": "p",
                    "x-amz-signature": "s",
                },
                "expires_in": 900,
                "max_bytes": 10**9,
            },
            status_code=201,
        )

    async def s3_post(self, request: Request) -> Response:
        form = await request.form()
        names = list(form.keys())
        key = str(form["key"])
        if names[-1] != "file" or key not in self.pending:
            return Response("bad form", status_code=400)
        uid, scan_id = self.pending[key]
        dest = self.root / key
        dest.parent.mkdir(parents=True, exist_ok=True)
        upload = form["file"]
        dest.write_bytes(await upload.read())  # type: ignore[union-attr]
        created = datetime.now(UTC)
        self.set_scan(
            uid,
            scan_id,
            {
                "status": "processing",
                "filename": dest.name,
                "created_at": created,
                "source": {"size": dest.stat().st_size},
            },
        )
        thread = threading.Thread(target=self.process, args=(uid, scan_id, dest), daemon=True)
        thread.start()
        self.threads.append(thread)
        return Response(status_code=204)

    def process(self, uid: str, scan_id: str, source: Path) -> None:
        out = self.root / "results" / uid / scan_id
        spacing = user_spacing(self.get_scan(uid, scan_id))
        report = segment_scan(source, out, self.segmenter, spacing=spacing)
        write_masks_zip(out)
        self.set_scan(
            uid,
            scan_id,
            {
                "status": "done",
                "summary": {
                    "haemorrhage": report["scan"]["haemorrhage"],
                    "volume_ml": report["scan"]["volume_ml"],
                    "slices": len(report["slices"]),
                },
                "links": self.result_links(uid, scan_id),
            },
        )

    async def links(self, request: Request) -> Response:
        uid = self.uid_of(request)
        if uid is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        scan_id = request.path_params["scan_id"]
        return JSONResponse({"id": scan_id, "links": self.result_links(uid, scan_id)})

    async def rename(self, request: Request) -> Response:
        uid = self.uid_of(request)
        if uid is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        scan_id = request.path_params["scan_id"]
        try:
            name = clean_name(RenameRequest.model_validate(await request.json()).name)
        except (ValueError, IchsegError) as exc:
            return JSONResponse({"error": "bad_input", "message": str(exc)}, status_code=400)
        if self.get_scan(uid, scan_id) is None:
            return JSONResponse({"error": "not_found", "message": "no such scan"}, 404)
        self.set_scan(uid, scan_id, ScanRecord.renamed(name, datetime.now(UTC)).fields())
        return JSONResponse({"id": scan_id, **(self.get_scan(uid, scan_id) or {}), "name": name})

    async def delete(self, request: Request) -> Response:
        uid = self.uid_of(request)
        if uid is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        scan_id = request.path_params["scan_id"]
        doc = self.get_scan(uid, scan_id)
        if doc is not None and doc.get("status") in BUSY_STATES:
            message = f"the scan is {doc['status']}; delete it once it is done or has failed"
            return JSONResponse({"error": "busy", "message": message}, status_code=409)
        for folder in ("uploads", "results"):
            shutil.rmtree(self.root / folder / uid / scan_id, ignore_errors=True)
        self.delete_doc(uid, scan_id)
        self.deleted.append(scan_id)
        return Response(status_code=204)

    async def scans(self, request: Request) -> Response:
        return JSONResponse({"scans": []})

    async def result(self, request: Request) -> Response:
        self.fetched.append(request.path_params["path"])
        path = (self.root / "results" / request.path_params["path"]).resolve()
        if not path.is_file() or self.root.resolve() not in path.parents:
            return Response(status_code=404)
        return FileResponse(path)


@pytest.fixture(scope="module")
def cloud_site(
    emulators: dict[str, int], tmp_path_factory: pytest.TempPathFactory, band_segmenter: Any
) -> Iterator[tuple[str, FakeCloud]]:
    """The static app with a cloud config.json, plus the fake cloud, on one free port."""
    import uvicorn

    port = _free_port()
    fake = FakeCloud(tmp_path_factory.mktemp("cloud"), emulators["firestore"], band_segmenter)
    fake.url = f"http://127.0.0.1:{port}"
    config = {
        "mode": "firebase",
        "firebase": {
            "apiKey": "demo-key",
            "authDomain": f"{PROJECT}.firebaseapp.com",
            "projectId": PROJECT,
            "appId": "1:1:web:1",
        },
        "apiUrl": f"{fake.url}/api",
        "maxUploadBytes": 100 * 1024 * 1024,
        "emulators": {
            "auth": f"http://127.0.0.1:{emulators['auth']}",
            "firestore": f"127.0.0.1:{emulators['firestore']}",
        },
    }

    async def index(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html")

    async def config_json(request: Request) -> Response:
        return JSONResponse(config)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/config.json", config_json),
            Route("/api/uploads", fake.create_upload, methods=["POST"]),
            Route("/api/scans", fake.scans),
            Route("/api/scans/{scan_id}/links", fake.links, methods=["POST"]),
            Route("/api/scans/{scan_id}", fake.rename, methods=["PATCH"]),
            Route("/api/scans/{scan_id}", fake.delete, methods=["DELETE"]),
            Route("/s3", fake.s3_post, methods=["POST"]),
            Route("/results/{path:path}", fake.result),
            Mount("/static", StaticFiles(directory=STATIC_DIR)),
        ]
    )
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield fake.url, fake
    server.should_exit = True
    thread.join(10)


def _emulator_get(port: int, what: str) -> list[dict[str, Any]]:
    url = f"http://127.0.0.1:{port}/emulator/v1/projects/{PROJECT}/{what}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return list(json.loads(response.read())[what])


def _set_range(page: Any, selector: str, value: float) -> None:
    page.eval_on_selector(
        selector,
        "(el, v) => { el.value = String(v); "
        "el.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


def _mask_alpha(page: Any) -> int:
    """How red the drawn slice is (sum of red over green): 0 when no overlay is drawn."""
    return int(
        page.eval_on_selector(
            "#view",
            """c => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
                     const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                     let s = 0;
                     for (let i = 0; i < d.length; i += 4) s += Math.max(0, d[i] - d[i + 1] - 4);
                     r(s); })))""",
        )
    )


_DRAWN = "() => document.querySelector('#view').dataset.drawn === 'true'"


def test_cloud_mode_accounts_direct_upload_and_live_status(
    new_page: Any,
    cloud_site: tuple[str, FakeCloud],
    emulators: dict[str, int],
    phantom_dir: Path,
) -> None:
    url, fake = cloud_site
    page = new_page()
    page.goto(f"{url}/#/signup")
    page.get_by_label("E-mail").fill("cloud@example.org")
    page.get_by_label("Password").fill("cloud password")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your scans").wait_for()

    # direct upload with the presigned form; the list follows Firestore without a reload
    page.set_input_files("#file-input", str(phantom_dir / "phantom.nii.gz"))
    page.get_by_text('Uploaded "phantom.nii.gz"').wait_for()
    assert fake.uploads[-1]["filename"] == "phantom.nii.gz"
    assert fake.uploads[-1]["content_type"] == "application/gzip"
    item = page.locator('#scan-list li[data-status="done"]', has_text="phantom.nii.gz")
    item.wait_for(timeout=60_000)
    item.get_by_role("link").click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    assert "Haemorrhage detected" in page.locator("#verdict").inner_text()

    # an HU scan has one video: overlay.mp4 until hu.npy.gz has loaded, then masks from
    # masks.zip (one download) drawn on the slice from Hounsfield units, as embedded
    assert page.eval_on_selector("#scan-video", "v => v.src").endswith("/overlay.mp4")
    assert "slices" not in fake.result_links(*list(fake.pending.values())[-1])
    page.wait_for_function("() => document.querySelector('#view').dataset.source === 'hu'")
    report = page.evaluate("fetch(document.querySelector('#dl-report').href).then(r => r.json())")
    bleed = max(report["slices"], key=lambda s: s["area_px"])["index"]
    _set_range(page, "#slice", bleed)
    page.wait_for_function(_DRAWN)
    shown = _mask_alpha(page)
    assert shown > 0
    page.get_by_label("Show bleed overlay").uncheck()
    assert _mask_alpha(page) == 0
    page.get_by_label("Show bleed overlay").check()
    page.wait_for_function(_DRAWN)
    assert _mask_alpha(page) == shown
    _set_range(page, "#opacity", 1.0)
    assert _mask_alpha(page) > shown
    _set_range(page, "#opacity", 0.1)
    assert 0 < _mask_alpha(page) < shown
    other = bleed + 3 if bleed + 3 <= len(report["slices"]) else bleed - 3
    _set_range(page, "#slice", other)
    page.wait_for_function(f"() => document.querySelector('#view').dataset.slice === '{other}'")
    assert len([f for f in fake.fetched if f.endswith("/masks.zip")]) == 1
    assert page.locator("#mask-error").is_hidden()
    href = page.eval_on_selector("#dl-masks", "a => a.href")
    assert href.endswith("/masks.zip")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("application/zip")
    names = zipfile.ZipFile(io.BytesIO(response.body())).namelist()
    assert names == [f"masks/{i:03d}.png" for i in range(1, len(report["slices"]) + 1)]
    # the NIfTI input's mask in its own format has a link too; a DICOM SEG does not exist
    href = page.eval_on_selector("#dl-nifti", "a => a.href")
    assert href.endswith("/mask.nii.gz") and page.request.get(href).ok
    assert page.locator("#dl-seg").count() == 0

    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => document.querySelector('#scan-video').currentTime > 0.3")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "cloud-viewer.png"), full_page=True)

    # results stored before masks.zip existed (and when every scan had slices.mp4): the
    # toggle switches between the two videos
    uid, scan_id = list(fake.pending.values())[-1]
    legacy = fake.root / "results" / uid / "legacy1"
    shutil.copytree(
        fake.root / "results" / uid / scan_id, legacy, ignore=shutil.ignore_patterns("masks.zip")
    )
    shutil.copy(legacy / "overlay.mp4", legacy / "slices.mp4")  # a stand-in: only its src counts
    old = json.loads((legacy / "report.json").read_text())
    old["files"]["slices_video"] = "slices.mp4"
    (legacy / "report.json").write_text(json.dumps(old))
    fake.set_scan(
        uid,
        "legacy1",
        {
            "status": "done",
            "filename": "legacy.nii.gz",
            "created_at": datetime.now(UTC),
            "links": fake.result_links(uid, "legacy1"),
        },
    )
    page.goto(f"{url}/#/scans/legacy1")
    page.get_by_role("heading", name="legacy.nii.gz").wait_for()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    assert page.eval_on_selector("#scan-video", "v => v.src").endswith("/overlay.mp4")
    assert page.locator("#dl-masks").count() == 0
    assert page.locator("#opacity").is_disabled()
    page.get_by_label("Show bleed overlay").uncheck()
    page.wait_for_function(
        "() => document.querySelector('#scan-video').src.endsWith('/slices.mp4')"
    )

    # log out; forgot password through the emulator's out-of-band code
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in").wait_for()
    page.get_by_role("link", name="Forgot password?").click()
    # the log-in form has an E-mail field too: fill only once the reset form is shown
    page.get_by_role("heading", name="Forgot password").wait_for()
    page.get_by_label("E-mail").fill("cloud@example.org")
    page.get_by_role("button", name="Send reset link").click()
    page.get_by_text("we sent it an e-mail").wait_for()
    codes = [
        c
        for c in _emulator_get(emulators["auth"], "oobCodes")
        if c["email"] == "cloud@example.org" and c["requestType"] == "PASSWORD_RESET"
    ]
    assert codes
    page.goto(f"{url}/?mode=resetPassword&oobCode={codes[-1]['oobCode']}")
    page.get_by_label("New password").fill("fresh cloud password")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Password changed").wait_for()
    page.goto(f"{url}/#/login")
    page.get_by_label("E-mail").fill("cloud@example.org")
    page.get_by_label("Password").fill("cloud password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("alert").filter(has_text="wrong e-mail or password").wait_for()
    page.get_by_label("Password").fill("fresh cloud password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    page.locator("#scan-list li", has_text="phantom.nii.gz").wait_for()


def test_cloud_mode_phone_sign_in_with_sms_code(
    new_page: Any, cloud_site: tuple[str, FakeCloud], emulators: dict[str, int]
) -> None:
    url, _ = cloud_site
    page = new_page(375, 812)
    page.goto(f"{url}/#/login")
    page.get_by_role("link", name="Sign in with a phone number").click()
    page.get_by_label("Phone number").fill("+15555550123")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("We sent a code by SMS").wait_for()
    codes = [
        c
        for c in _emulator_get(emulators["auth"], "verificationCodes")
        if c["phoneNumber"] == "+15555550123"
    ]
    assert codes
    page.get_by_label("Code from the SMS").fill(codes[-1]["code"])
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    assert "+15555550123" in page.locator("#nav").inner_text()


def test_cloud_viewer_overlay_lands_on_the_bleed_at_every_window_size(
    new_page: Any, cloud_site: tuple[str, FakeCloud], phantom_dir: Path
) -> None:
    from tests.browser.overlay_geometry import MIN_IOU, SIZES, overlay_placement

    url, _ = cloud_site
    page = new_page(*SIZES[0])
    page.goto(f"{url}/#/signup")
    page.get_by_label("E-mail").fill("cloud-overlay@example.org")
    page.get_by_label("Password").fill("cloud password")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    page.set_input_files("#file-input", str(phantom_dir / "phantom.nii.gz"))
    item = page.locator('#scan-list li[data-status="done"]', has_text="phantom.nii.gz")
    item.wait_for(timeout=60_000)
    item.get_by_role("link").click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    page.wait_for_function(
        "() => { const n = document.querySelector('#window-note');"
        " return !n || !n.textContent.startsWith('Loading'); }"
    )
    report = page.evaluate("fetch(document.querySelector('#dl-report').href).then(r => r.json())")
    bleed = max(report["slices"], key=lambda s: s["area_px"])["index"]
    body = page.request.get(page.eval_on_selector("#dl-masks", "a => a.href")).body()
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        png = zf.read(report["files"]["masks"][bleed - 1])
    mask = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    _set_range(page, "#slice", bleed)
    page.wait_for_function(_DRAWN)
    bad = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        page.wait_for_function(_DRAWN)
        placement, _, _ = overlay_placement(page, mask)
        if placement.iou < MIN_IOU or placement.shift_px > 3:
            bad[(width, height)] = placement
    assert not bad, f"overlay off the bleed: {bad}"
    assert page.console_errors == []


def test_cloud_mode_rename_delete_and_spacing_at_upload(
    new_page: Any, cloud_site: tuple[str, FakeCloud]
) -> None:
    from tests.server.helpers import png_zip_bytes

    url, fake = cloud_site
    page = new_page()
    page.goto(f"{url}/#/signup")
    page.get_by_label("E-mail").fill("cloud-manage@example.org")
    page.get_by_label("Password").fill("cloud password")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your scans").wait_for()

    # spacing for PNG slices travels with the upload request and reaches the report
    page.locator("details.spacing summary").click()
    page.get_by_label("Pixel spacing (mm)").fill("0,5")
    page.get_by_label("Slice thickness (mm)").fill("5")
    pngs = fake.root / "slices.zip"
    pngs.write_bytes(png_zip_bytes(6))
    page.set_input_files("#file-input", str(pngs))
    page.get_by_text('Uploaded "slices.zip"').wait_for()
    assert fake.uploads[-1]["pixel_spacing_mm"] == 0.5
    assert fake.uploads[-1]["slice_thickness_mm"] == 5
    uid, scan_id = list(fake.pending.values())[-1]
    item = page.locator(f'#scan-list li[data-id="{scan_id}"][data-status="done"]')
    item.wait_for(timeout=60_000)
    report = json.loads((fake.root / "results" / uid / scan_id / "report.json").read_text())
    assert report["input"]["pixel_spacing_mm"] == [0.5, 0.5]
    assert report["input"]["spacing_from"] == "user"
    assert " mL" in item.inner_text()

    # rename: the heading and the list show the new name, the upload name stays
    item.get_by_role("link").click()
    page.get_by_role("button", name="Rename").click()
    page.get_by_label("New name").fill("  Ward 3,   bed 2 ")
    page.get_by_role("button", name="Save name").click()
    page.get_by_role("heading", name="Ward 3, bed 2").wait_for()
    assert fake.get_scan(uid, scan_id)["name"] == "Ward 3, bed 2"
    page.goto(f"{url}/#/scans")
    row = page.locator(f'#scan-list li[data-id="{scan_id}"]')
    row.filter(has_text="Ward 3, bed 2").wait_for(timeout=60_000)  # Firestore's live list
    assert "uploaded as slices.zip" in row.inner_text()

    # delete: refused while processing, then gone from the list, the store and Firestore
    fake.set_scan(uid, scan_id, {"status": "processing"})
    row.get_by_role("link").click()
    page.get_by_role("button", name="Delete", exact=True).click()
    page.get_by_role("button", name="Delete permanently").click()
    page.locator("#action-error").filter(has_text="the scan is processing").wait_for()
    assert (fake.root / "results" / uid / scan_id).exists()
    fake.set_scan(uid, scan_id, {"status": "done"})
    page.get_by_role("button", name="Delete permanently").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    page.locator(f'#scan-list li[data-id="{scan_id}"]').wait_for(state="detached")
    assert fake.deleted == [scan_id]
    assert fake.get_scan(uid, scan_id) is None
    assert not (fake.root / "results" / uid / scan_id).exists()
    assert not (fake.root / "uploads" / uid / scan_id).exists()
    assert page.console_errors == []
