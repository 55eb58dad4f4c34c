"""Typed settings of the embedded server (``ichseg serve``).

Values come from keyword arguments, then ``ICHSEG_*`` environment variables, then the
defaults below. Nothing is read at import time: the environment is read when
:class:`ServeSettings` is instantiated. The model, runtime, batching and upload limit are
the pipeline's (:class:`ichseg.settings.PipelineSettings`).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ichseg.settings import PipelineSettings


class ServeSettings(PipelineSettings):
    """Settings of the embedded job service and web app, beside the pipeline's.

    Attributes:
        host: Interface to bind; loopback by default so nothing is exposed by accident.
        port: TCP port.
        data_dir: Folder holding the SQLite index, uploads and results.
        workers: Number of background worker threads running segmentation jobs.
        cookie_secure: Mark cookies ``Secure`` (set when served over HTTPS).
        public_base_url: Base URL written into password-reset links; ``None`` uses
            ``http://{host}:{port}``.
        session_ttl_s: Lifetime of a login session in seconds.
        reset_ttl_s: Lifetime of a password-reset link in seconds.
        login_max_failures: Failed logins allowed per account and IP within the window.
        login_window_s: Length of the login rate-limit window in seconds.
        job_lease_s: How long a worker's claim on a job lasts without a heartbeat; a job
            whose lease ran out (its worker died) is queued again.
        job_max_attempts: Claims after which a job that keeps killing its worker fails.
        poll_interval_s: How often idle workers and status streams look for changes.
        events_max_s: Longest a status stream stays open before the browser reconnects.
    """

    host: str = "127.0.0.1"
    port: int = Field(8765, ge=0, le=65535)
    data_dir: Path = Path("ichseg-data")
    workers: int = Field(1, ge=0, le=16)
    cookie_secure: bool = False
    public_base_url: str | None = None
    session_ttl_s: int = Field(7 * 24 * 3600, gt=0)
    reset_ttl_s: int = Field(30 * 60, gt=0)
    login_max_failures: int = Field(5, ge=1)
    login_window_s: int = Field(15 * 60, gt=0)
    job_lease_s: float = Field(60.0, gt=0)
    job_max_attempts: int = Field(3, ge=1)
    poll_interval_s: float = Field(0.5, gt=0)
    events_max_s: float = Field(25.0, gt=0)

    @property
    def base_url(self) -> str:
        """The URL users reach the server at, without a trailing slash."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"
