"""An upload cut off mid-body against a real ``ichseg serve``: no job, no debris, still up."""

from __future__ import annotations

import importlib.util
import socket
import sys
import time
from pathlib import Path
from types import ModuleType

import httpx
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"


@pytest.fixture(scope="module")
def load_test() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ichseg_load_test_2", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _signed_in(url: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=10.0)
    csrf = client.get("/api/session").json()["csrf"]
    resp = client.post(
        "/api/signup",
        json={"email": "cut@example.org", "password": "correct horse battery"},
        headers={"X-CSRF-Token": csrf},
    )
    assert resp.status_code == 200, resp.text
    return client, str(resp.json()["csrf"])


def test_upload_cut_off_mid_body_creates_no_job(
    load_test: ModuleType, band_model: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    with load_test.spawn_server(data_dir, band_model, workers=1) as url:
        client, csrf = _signed_in(url)
        port = int(url.rsplit(":", 1)[1])
        boundary = "----cut"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="scan.nii"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        declared = len(head) + 1_000_000
        cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        request = (
            f"POST /api/scans HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {declared}\r\nX-CSRF-Token: {csrf}\r\nCookie: {cookies}\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(request + head + b"\x00" * 50_000)  # 5% of the body, then hang up
        time.sleep(1.0)

        assert client.get("/api/scans").json()["scans"] == []
        uploads = data_dir / "store" / "uploads"
        leftovers = [p for p in uploads.rglob("*") if p.is_file()] if uploads.is_dir() else []
        assert leftovers == []
        # the server is still healthy and takes the next, complete upload
        scan, name = load_test.make_scan(tmp_path, slices=5)
        resp = client.post(
            "/api/scans",
            files={"file": (name, scan, "application/octet-stream")},
            headers={"X-CSRF-Token": csrf},
        )
        assert resp.status_code == 201, resp.text
        client.close()
