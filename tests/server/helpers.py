"""Helpers for the server and browser tests: synthetic scans and a CSRF-aware client."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import numpy as np
from PIL import Image
from starlette.testclient import TestClient


def png_zip_bytes(n: int = 6, size: int = 64, bleed: tuple[int, int] = (2, 4)) -> bytes:
    """A zip of ``n`` grey PNG slices; slices ``bleed[0]..bleed[1]`` (1-based) have a disc
    of grey 200 (inside the band model's band) on a grey-60 head."""
    buf = io.BytesIO()
    yy, xx = np.mgrid[:size, :size]
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(1, n + 1):
            img = np.full((size, size), 10, np.uint8)
            img[(yy - size / 2) ** 2 + (xx - size / 2) ** 2 < (size * 0.4) ** 2] = 60
            if bleed[0] <= i <= bleed[1]:
                img[(yy - size * 0.4) ** 2 + (xx - size * 0.6) ** 2 < (size * 0.12) ** 2] = 200
            png = io.BytesIO()
            Image.fromarray(img).save(png, format="PNG")
            zf.writestr(f"slice_{i}.png", png.getvalue())
    return buf.getvalue()


class Api:
    """A TestClient that signs in and sends the CSRF header on unsafe requests."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = client.get("/api/session").json()["csrf"]

    def post(self, url: str, **kwargs: Any) -> Any:
        headers = {"X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        response = self.client.post(url, headers=headers, **kwargs)
        if response.status_code == 200 and url in ("/api/signup", "/api/login"):
            self.csrf = response.json()["csrf"]
        return response

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def signup(self, email: str = "ann@example.org", password: str = "correct horse") -> Any:
        response = self.post("/api/signup", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return response

    def upload(self, data: bytes, name: str = "scan.zip") -> Any:
        return self.post("/api/scans", files={"file": (name, data, "application/octet-stream")})

    def wait_for(self, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(f"/api/scans/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return dict(job)
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not finish: {job}")
