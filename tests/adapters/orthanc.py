"""A throw-away Orthanc (Debian's ``orthanc`` + ``orthanc-dicomweb``) on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ORTHANC = shutil.which("Orthanc") or "/usr/sbin/Orthanc"
DICOMWEB_PLUGIN = Path("/usr/share/orthanc/plugins/libOrthancDicomWeb.so")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Orthanc:
    http_port: int
    dicom_port: int
    aet: str = "ORTHANC"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def dicomweb(self) -> str:
        return f"{self.url}/dicom-web"

    def get(self, path: str) -> Any:
        r = httpx.get(self.url + path, timeout=30)
        r.raise_for_status()
        return r.json()

    def post(self, path: str, body: Any = None, content: bytes | None = None) -> Any:
        if content is not None:
            r = httpx.post(self.url + path, content=content, timeout=60)
        else:
            r = httpx.post(self.url + path, json=body, timeout=60)
        r.raise_for_status()
        return r.json() if r.content else None

    def put(self, path: str, body: Any) -> None:
        httpx.put(self.url + path, json=body, timeout=30).raise_for_status()

    def file(self, instance_id: str) -> bytes:
        r = httpx.get(f"{self.url}/instances/{instance_id}/file", timeout=30)
        r.raise_for_status()
        return r.content

    def series_with_modality(self, modality: str) -> list[str]:
        return list(self.post("/tools/find", {"Level": "Series", "Query": {"Modality": modality}}))


@contextmanager
def run_orthanc(workdir: Path) -> Iterator[Orthanc]:
    """Run Orthanc with its storage in ``workdir``; always stopped on exit."""
    orthanc = Orthanc(free_port(), free_port())
    config = {
        "Name": "ichseg-test",
        "StorageDirectory": str(workdir / "storage"),
        "IndexDirectory": str(workdir / "index"),
        "HttpPort": orthanc.http_port,
        "DicomPort": orthanc.dicom_port,
        "DicomAet": orthanc.aet,
        "RemoteAccessAllowed": False,
        "AuthenticationEnabled": False,
        "DicomAlwaysAllowStore": True,
        "DicomCheckCalledAet": False,
        "StorageCompression": False,
        "Plugins": [str(DICOMWEB_PLUGIN)],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/"},
    }
    path = workdir / "orthanc.json"
    path.write_text(json.dumps(config))
    log = (workdir / "orthanc.log").open("wb")
    proc = subprocess.Popen([ORTHANC, str(path)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"Orthanc exited: {(workdir / 'orthanc.log').read_text()[-2000:]}"
                )
            try:
                orthanc.get("/system")
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield orthanc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
