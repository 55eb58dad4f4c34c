"""``ichseg serve`` killed with SIGKILL in the middle of a job, then started again.

End-to-end twin of ``tests/server/test_worker.py::test_killed_worker_process_...`` (which
drives a bare worker): here the whole server process dies while the job is ``processing``,
a new server starts on the same data folder, the job's lease runs out, it runs again and
ends ``done`` with exactly one result and no staging folder left.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import sys
import time
from pathlib import Path
from types import ModuleType

import httpx
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def load_test() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ichseg_load_test_3", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _client(url: str, signup: bool) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=30.0)
    csrf = client.get("/api/session").json()["csrf"]
    resp = client.post(
        "/api/signup" if signup else "/api/login",
        json={"email": "kill@example.org", "password": PASSWORD},
        headers={"X-CSRF-Token": csrf},
    )
    assert resp.status_code == 200, resp.text
    return client, str(resp.json()["csrf"])


@pytest.mark.slow
def test_server_killed_mid_job_runs_it_again_once_after_restart(
    load_test: ModuleType, band_model: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = {"ICHSEG_JOB_LEASE_S": "2"}
    scan, name = load_test.make_scan(tmp_path, slices=120)  # a few seconds of work
    proc, url = load_test.start_server(data, band_model, 1, env=env)
    try:
        client, csrf = _client(url, signup=True)
        resp = client.post(
            "/api/scans",
            files={"file": (name, scan, "application/octet-stream")},
            headers={"X-CSRF-Token": csrf},
        )
        assert resp.status_code == 201, resp.text
        job_id = resp.json()["id"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = client.get(f"/api/scans/{job_id}").json()
            if job["status"] == "processing" and job["stage"] == "segment":
                break
            assert job["status"] in ("queued", "processing"), job
            time.sleep(0.05)
        else:
            pytest.fail("the job never started")
        client.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    results = data / "store" / "results"
    assert not (results / job_id / "report.json").exists()

    proc, url = load_test.start_server(data, band_model, 1, env=env)
    try:
        client, _ = _client(url, signup=False)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job = client.get(f"/api/scans/{job_id}").json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        client.close()
    finally:
        load_test.stop_server(proc)

    assert job["status"] == "done", job
    assert sorted(p.name for p in results.iterdir()) == [job_id]  # one result, no staging
    report = json.loads((results / job_id / "report.json").read_text())
    assert len(report["slices"]) == 120
    assert len(list((results / job_id / "masks").glob("*.png"))) == 120
