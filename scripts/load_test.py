"""Bounded load test of the embedded service (``ichseg serve``) on 127.0.0.1.

Several users sign up and upload scans at the same time; the script then waits until the
queue drains and checks that no job was lost (every upload ends ``done``), and prints
latency percentiles. Hard caps on the number of HTTP requests and on wall time keep it
from running away. By default it starts its own server on a free port with a fresh data
folder and stops it afterwards; ``--url`` points it at a running one instead.

    uv run python scripts/load_test.py --users 4 --uploads 3 --workers 2
    uv run python scripts/load_test.py --url http://127.0.0.1:8765 --users 8

Exit status: 0 when every job ended ``done``, 1 otherwise (lost, failed, or a cap hit).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

FINAL = ("done", "failed")


class CapReached(RuntimeError):
    """The request or time cap was hit; the run stops and reports what it saw."""


@dataclass
class Budget:
    """Shared caps: total HTTP requests and a wall-clock deadline."""

    max_requests: int
    deadline: float
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def spend(self) -> None:
        """Count one request, or raise :class:`CapReached`."""
        with self._lock:
            if time.monotonic() > self.deadline:
                raise CapReached("time cap reached")
            if self.requests >= self.max_requests:
                raise CapReached("request cap reached")
            self.requests += 1


@dataclass
class UserRun:
    """What one simulated user did and saw."""

    email: str
    uploads: list[str] = field(default_factory=list)
    upload_s: list[float] = field(default_factory=list)
    end_to_end_s: dict[str, float] = field(default_factory=dict)
    final: dict[str, dict[str, Any]] = field(default_factory=dict)
    error: str | None = None


@dataclass
class LoadResult:
    """The outcome of a load run."""

    users: list[UserRun]
    wall_s: float
    requests: int
    capped: str | None
    queue_left: int

    @property
    def jobs(self) -> list[str]:
        """Every job id that an upload created."""
        return [j for u in self.users for j in u.uploads]

    @property
    def done(self) -> int:
        """Jobs that ended ``done``."""
        return sum(1 for u in self.users for j in u.uploads if _status(u, j) == "done")

    @property
    def failed(self) -> int:
        """Jobs that ended ``failed``."""
        return sum(1 for u in self.users for j in u.uploads if _status(u, j) == "failed")

    @property
    def lost(self) -> int:
        """Jobs that were uploaded but never reached a final state."""
        return len(self.jobs) - self.done - self.failed

    @property
    def ok(self) -> bool:
        """Every upload accepted and done, nothing capped, the queue empty."""
        return (
            self.capped is None
            and self.lost == 0
            and self.failed == 0
            and self.queue_left == 0
            and all(u.error is None for u in self.users)
        )


def _status(user: UserRun, job_id: str) -> str | None:
    job = user.final.get(job_id)
    return None if job is None else str(job["status"])


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p90 and p99 of ``values`` (NaN when empty)."""
    if not values:
        return float("nan"), float("nan"), float("nan")
    p50, p90, p99 = np.percentile(np.asarray(values, dtype=np.float64), [50, 90, 99])
    return float(p50), float(p90), float(p99)


def _user(
    base_url: str,
    index: int,
    scan: bytes,
    scan_name: str,
    uploads: int,
    budget: Budget,
    poll_s: float,
    result: UserRun,
    start: threading.Barrier,
) -> None:
    import httpx

    try:
        with httpx.Client(base_url=base_url, timeout=60.0) as client:

            def call(method: str, url: str, **kwargs: Any) -> httpx.Response:
                budget.spend()
                return client.request(method, url, **kwargs)

            csrf = call("GET", "/api/session").json()["csrf"]
            resp = call(
                "POST",
                "/api/signup",
                json={"email": result.email, "password": f"load-test-pass-{index}"},
                headers={"X-CSRF-Token": csrf},
            )
            resp.raise_for_status()
            csrf = resp.json()["csrf"]
            start.wait(timeout=60)  # every user uploads at the same moment
            sent_at: dict[str, float] = {}
            for n in range(uploads):
                t0 = time.monotonic()
                resp = call(
                    "POST",
                    "/api/scans",
                    files={"file": (f"{n}-{scan_name}", scan, "application/octet-stream")},
                    headers={"X-CSRF-Token": csrf},
                )
                result.upload_s.append(time.monotonic() - t0)
                if resp.status_code != 201:
                    raise RuntimeError(f"upload refused: {resp.status_code} {resp.text[:200]}")
                job_id = resp.json()["id"]
                result.uploads.append(job_id)
                sent_at[job_id] = t0
            while len(result.final) < len(result.uploads):
                time.sleep(poll_s)
                scans = call("GET", "/api/scans").json()["scans"]
                now = time.monotonic()
                for job in scans:
                    jid = job["id"]
                    if jid in sent_at and jid not in result.final and job["status"] in FINAL:
                        result.final[jid] = job
                        result.end_to_end_s[jid] = now - sent_at[jid]
    except CapReached:
        raise
    except Exception as exc:  # one user's failure is reported, not fatal to the run
        result.error = f"{type(exc).__name__}: {exc}"


def run_load(
    base_url: str,
    scan: bytes,
    scan_name: str,
    *,
    users: int = 4,
    uploads: int = 3,
    max_requests: int = 5000,
    max_seconds: float = 600.0,
    poll_s: float = 0.25,
) -> LoadResult:
    """Drive ``users`` concurrent users, each uploading ``uploads`` copies of ``scan``.

    Args:
        base_url: The server, for example ``http://127.0.0.1:8765``.
        scan: The file to upload.
        scan_name: Its file name.
        users: Concurrent users (one thread and one account each).
        uploads: Uploads per user, sent back to back.
        max_requests: Cap on HTTP requests of the whole run.
        max_seconds: Cap on the run's wall time.
        poll_s: How often each user polls its scan list.

    Returns:
        What happened; ``capped`` names the cap that stopped the run, if any.
    """
    import httpx

    budget = Budget(max_requests=max_requests, deadline=time.monotonic() + max_seconds)
    stamp = int(time.time() * 1000)
    runs = [UserRun(email=f"load-{stamp}-{i}@example.org") for i in range(users)]
    barrier = threading.Barrier(users)
    capped: list[str] = []

    def target(i: int) -> None:
        try:
            _user(base_url, i, scan, scan_name, uploads, budget, poll_s, runs[i], barrier)
        except CapReached as exc:
            capped.append(str(exc))
            barrier.abort()
        except threading.BrokenBarrierError:
            runs[i].error = "another user stopped before the uploads started"

    t0 = time.monotonic()
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, budget.deadline - time.monotonic()) + 5.0)
    wall = time.monotonic() - t0
    if any(t.is_alive() for t in threads) and not capped:
        capped.append("time cap reached")

    queue_left = 0  # each account sees only its own jobs: ask as every user in turn
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        for run in runs:
            with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
                queue_left += _unfinished(client, run)
    return LoadResult(runs, wall, budget.requests, capped[0] if capped else None, queue_left)


def _unfinished(client: Any, run: UserRun) -> int:
    """Jobs of ``run`` still queued or processing, seen through its own login."""
    csrf = client.get("/api/session").json()["csrf"]
    index = int(run.email.rsplit("-", 1)[1].split("@")[0])
    resp = client.post(
        "/api/login",
        json={"email": run.email, "password": f"load-test-pass-{index}"},
        headers={"X-CSRF-Token": csrf},
    )
    if resp.status_code != 200:
        return 0
    csrf = resp.json()["csrf"]
    scans = client.get("/api/scans").json()["scans"]
    client.post("/api/logout", headers={"X-CSRF-Token": csrf})
    return sum(1 for s in scans if s["status"] not in FINAL)


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path,
    model: Path | None,
    workers: int,
    startup_s: float = 60.0,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``python -m ichseg serve`` and wait until it answers.

    Args:
        data_dir: Data folder for the server (kept across restarts).
        model: ONNX model to serve (``None``: the packaged one).
        workers: Worker threads (``ICHSEG_WORKERS``).
        startup_s: How long to wait for the server to answer.
        env: Further ``ICHSEG_*`` settings.
        port: Port to bind; a free one when ``None``.

    Returns:
        ``(process, base URL)``; the caller stops the process.
    """
    import httpx

    port = port or free_port()
    cmd = [sys.executable, "-m", "ichseg", "serve", "--port", str(port)]
    cmd += ["--data-dir", str(data_dir)]
    if model is not None:
        cmd += ["--model", str(model)]
    full_env = {**os.environ, "ICHSEG_WORKERS": str(workers), "ICHSEG_POLL_INTERVAL_S": "0.1"}
    full_env.update(env or {})
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir.parent / f"{data_dir.name}-server.log").open("ab") as log:
        proc = subprocess.Popen(cmd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + startup_s
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + "/api/session", timeout=2.0).status_code == 200:
                return proc, url
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the server did not answer within {startup_s:.0f} s")
        time.sleep(0.2)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_server` (SIGTERM, then SIGKILL)."""
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def spawn_server(
    data_dir: Path, model: Path | None, workers: int, startup_s: float = 60.0
) -> Iterator[str]:
    """Run ``python -m ichseg serve`` on a free port for a ``with`` block; yields its URL.

    Args:
        data_dir: Fresh data folder for the server.
        model: ONNX model to serve (``None``: the packaged one).
        workers: Worker threads (``ICHSEG_WORKERS``).
        startup_s: How long to wait for the server to answer.
    """
    proc, url = start_server(data_dir, model, workers, startup_s)
    try:
        yield url
    finally:
        stop_server(proc)


def make_scan(folder: Path, slices: int) -> tuple[bytes, str]:
    """The synthetic phantom as ``.nii.gz`` bytes (256 x 256 x ``slices``)."""
    from ichseg.phantom import write_phantom

    info = write_phantom(folder / "phantom", n_slices=slices)
    path = Path(info["nifti"])
    return path.read_bytes(), path.name


def print_report(result: LoadResult, users: int, uploads: int, workers: int | None) -> None:
    """Print the run's table."""
    ups = [s for u in result.users for s in u.upload_s]
    e2e = [s for u in result.users for s in u.end_to_end_s.values()]
    server = [
        float(j["finished_at"]) - float(j["created_at"])
        for u in result.users
        for j in u.final.values()
        if j.get("finished_at") is not None
    ]
    jobs = len(result.jobs)
    print(
        f"users {users}, uploads/user {uploads}, workers {workers if workers else '?'}: "
        f"{jobs} jobs in {result.wall_s:.1f} s, {result.requests} requests"
    )
    print(
        f"done {result.done}, failed {result.failed}, lost {result.lost}, "
        f"left in queue {result.queue_left}, "
        f"throughput {result.done / result.wall_s if result.wall_s else 0:.2f} scans/s"
    )
    print(f"{'latency (s)':<34}{'p50':>8}{'p90':>8}{'p99':>8}{'n':>6}")
    for label, values in (
        ("upload request", ups),
        ("upload -> seen done (client)", e2e),
        ("queued -> finished (server)", server),
    ):
        p50, p90, p99 = percentiles(values)
        print(f"{label:<34}{p50:>8.2f}{p90:>8.2f}{p99:>8.2f}{len(values):>6}")
    for u in result.users:
        if u.error:
            print(f"user {u.email}: {u.error}")
    if result.capped:
        print(f"stopped early: {result.capped}")
    print("OK: no job lost, queue drained" if result.ok else "NOT OK")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the load, print the table; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server; default: start one on a free port")
    parser.add_argument("--model", type=Path, help="model for the started server")
    parser.add_argument("--workers", type=int, default=2, help="worker threads (started server)")
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--uploads", type=int, default=3, help="uploads per user")
    parser.add_argument("--scan", type=Path, help="file to upload; default: a phantom .nii.gz")
    parser.add_argument("--slices", type=int, default=24, help="slices of the default phantom")
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ichseg-load-") as tmp:
        if args.scan is not None:
            scan, name = args.scan.read_bytes(), args.scan.name
        else:
            scan, name = make_scan(Path(tmp), args.slices)
        kwargs = {
            "users": args.users,
            "uploads": args.uploads,
            "max_requests": args.max_requests,
            "max_seconds": args.max_seconds,
        }
        if args.url:
            result = run_load(args.url.rstrip("/"), scan, name, **kwargs)
            workers = None
        else:
            with spawn_server(Path(tmp) / "data", args.model, args.workers) as url:
                result = run_load(url, scan, name, **kwargs)
            workers = args.workers
    print_report(result, args.users, args.uploads, workers)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
