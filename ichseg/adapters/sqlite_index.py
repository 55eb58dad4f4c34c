"""SQLite index of the embedded server: users, sessions, reset tokens and jobs.

One database file in WAL mode; each thread gets its own connection (SQLite connections
must not be shared across threads). Every state change that races (claiming a job,
consuming a reset token, finishing a job) is a single ``UPDATE ... RETURNING`` statement,
so it is atomic without explicit locking, across threads and processes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from ichseg.records import Job, User

__all__ = ["JOB_STATES", "Job", "SqliteIndex", "User"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS reset_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL,
    used_at REAL
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    input_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    message TEXT,
    stage TEXT,
    progress_done INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    worker_id TEXT,
    lease_until REAL,
    summary TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS jobs_user ON jobs(user_id, created_at);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, created_at);
"""

#: Job states, in the order a job passes through them.
JOB_STATES = ("queued", "processing", "done", "failed")


def _job(row: sqlite3.Row | None) -> Job | None:
    if row is None:
        return None
    values = dict(row)
    values["summary"] = json.loads(values["summary"]) if values["summary"] else None
    return Job(**values)


class SqliteIndex:
    """Users, sessions, reset tokens and jobs in one SQLite file.

    Args:
        path: Database file; its folder is created and the schema applied.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._conn().executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Add columns that databases made by older versions lack."""
        conn = self._conn()
        columns = {row["name"] for row in conn.execute("PRAGMA table_info(jobs)")}
        if "display_name" not in columns:
            conn.execute("ALTER TABLE jobs ADD COLUMN display_name TEXT")

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- users -------------------------------------------------------------------------

    def create_user(self, email: str, password_hash: str) -> User | None:
        """Add an account.

        Returns:
            The new user, or ``None`` when the e-mail is taken.
        """
        try:
            row = (
                self._conn()
                .execute(
                    "INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) "
                    "RETURNING id, email, password_hash",
                    (email, password_hash, time.time()),
                )
                .fetchone()
            )
        except sqlite3.IntegrityError:
            return None
        return User(**dict(row))

    def user_by_email(self, email: str) -> User | None:
        """Look up an account by e-mail (case-insensitive)."""
        row = (
            self._conn()
            .execute("SELECT id, email, password_hash FROM users WHERE email = ?", (email,))
            .fetchone()
        )
        return User(**dict(row)) if row else None

    def set_password(self, user_id: int, password_hash: str) -> None:
        """Replace an account's password hash."""
        self._conn().execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id)
        )

    # -- sessions ----------------------------------------------------------------------

    def create_session(self, token_hash: str, user_id: int, csrf: str, ttl_s: float) -> None:
        """Store a login session (only the token's hash is kept)."""
        now = time.time()
        self._conn().execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
        self._conn().execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token_hash, user_id, csrf, now, now + ttl_s),
        )

    def session_user(self, token_hash: str) -> tuple[User, str] | None:
        """The user and CSRF token of a live session, or ``None``."""
        row = (
            self._conn()
            .execute(
                "SELECT u.id, u.email, u.password_hash, s.csrf FROM sessions s "
                "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
                (token_hash, time.time()),
            )
            .fetchone()
        )
        if row is None:
            return None
        return User(id=row["id"], email=row["email"], password_hash=row["password_hash"]), row[
            "csrf"
        ]

    def delete_session(self, token_hash: str) -> None:
        """End one session."""
        self._conn().execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    def delete_user_sessions(self, user_id: int) -> None:
        """End every session of a user (after a password reset)."""
        self._conn().execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))

    # -- password reset ----------------------------------------------------------------

    def create_reset(self, token_hash: str, user_id: int, ttl_s: float) -> None:
        """Store a one-time reset token (only its hash is kept); drops expired ones."""
        self._conn().execute("DELETE FROM reset_tokens WHERE expires_at < ?", (time.time(),))
        self._conn().execute(
            "INSERT INTO reset_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
            (token_hash, user_id, time.time() + ttl_s),
        )

    def consume_reset(self, token_hash: str) -> int | None:
        """Use a reset token once.

        Returns:
            The user id, or ``None`` when the token is unknown, used or expired.
        """
        now = time.time()
        row = (
            self._conn()
            .execute(
                "UPDATE reset_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                "AND expires_at > ? RETURNING user_id",
                (now, token_hash, now),
            )
            .fetchone()
        )
        return int(row["user_id"]) if row else None

    # -- jobs --------------------------------------------------------------------------

    def create_job(
        self, job_id: str, user_id: int, filename: str, size_bytes: int, input_key: str
    ) -> Job:
        """Queue a job for an uploaded file."""
        now = time.time()
        row = (
            self._conn()
            .execute(
                "INSERT INTO jobs (id, user_id, filename, size_bytes, input_key, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING *",
                (job_id, user_id, filename, size_bytes, input_key, now, now),
            )
            .fetchone()
        )
        job = _job(row)
        assert job is not None
        return job

    def get_job(self, job_id: str, user_id: int | None = None) -> Job | None:
        """A job by id; with ``user_id``, only if that user owns it."""
        if user_id is None:
            row = self._conn().execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        else:
            row = (
                self._conn()
                .execute("SELECT * FROM jobs WHERE id = ? AND user_id = ?", (job_id, user_id))
                .fetchone()
            )
        return _job(row)

    def list_jobs(self, user_id: int) -> list[Job]:
        """A user's jobs, newest first."""
        rows = (
            self._conn()
            .execute(
                "SELECT * FROM jobs WHERE user_id = ? ORDER BY created_at DESC, rowid DESC",
                (user_id,),
            )
            .fetchall()
        )
        return [j for j in map(_job, rows) if j is not None]

    def rename_job(self, job_id: str, user_id: int, name: str | None) -> bool:
        """Set the name a user gave a scan (``None`` goes back to the file name).

        Returns:
            Whether the user owns such a job.
        """
        cur = self._conn().execute(
            "UPDATE jobs SET display_name = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (name, time.time(), job_id, user_id),
        )
        return cur.rowcount == 1

    def delete_job(self, job_id: str, user_id: int) -> bool:
        """Remove a job's row unless a worker holds it (``processing``).

        Returns:
            Whether a row was removed.
        """
        cur = self._conn().execute(
            "DELETE FROM jobs WHERE id = ? AND user_id = ? AND status != 'processing'",
            (job_id, user_id),
        )
        return cur.rowcount == 1

    def claim_job(self, worker_id: str, lease_s: float) -> Job | None:
        """Atomically move the oldest queued job to ``processing`` for this worker.

        Returns:
            The claimed job, or ``None`` when nothing is queued.
        """
        now = time.time()
        row = (
            self._conn()
            .execute(
                "UPDATE jobs SET status = 'processing', worker_id = ?, lease_until = ?, "
                "attempts = attempts + 1, message = NULL, stage = NULL, progress_done = 0, "
                "progress_total = 0, updated_at = ? "
                "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
                "ORDER BY created_at, rowid LIMIT 1) AND status = 'queued' RETURNING *",
                (worker_id, now + lease_s, now),
            )
            .fetchone()
        )
        return _job(row)

    def heartbeat(
        self,
        job_id: str,
        worker_id: str,
        lease_s: float,
        stage: str | None = None,
        done: int | None = None,
        total: int | None = None,
    ) -> bool:
        """Extend a worker's lease and record progress.

        Returns:
            Whether the worker still holds the job.
        """
        now = time.time()
        cur = self._conn().execute(
            "UPDATE jobs SET lease_until = ?, stage = COALESCE(?, stage), "
            "progress_done = COALESCE(?, progress_done), "
            "progress_total = COALESCE(?, progress_total), updated_at = ? "
            "WHERE id = ? AND worker_id = ? AND status = 'processing'",
            (now + lease_s, stage, done, total, now, job_id, worker_id),
        )
        return cur.rowcount == 1

    def finish_job(
        self,
        job_id: str,
        worker_id: str | None,
        status: str,
        message: str | None = None,
        summary: dict[str, Any] | None = None,
    ) -> bool:
        """End a job as ``done`` or ``failed``.

        Args:
            job_id: The job.
            worker_id: The worker that must still hold it; ``None`` ends a job in any
                unfinished state (used for results found already complete).
            status: ``"done"`` or ``"failed"``.
            message: One-line reason for a failure.
            summary: Verdict summary of a done job.

        Returns:
            Whether this call ended the job (``False`` if it was already ended or the
            worker had lost its lease).
        """
        if status not in ("done", "failed"):
            raise ValueError(f"not a final job state: {status}")
        now = time.time()
        values = (status, message, json.dumps(summary) if summary else None, now, now, job_id)
        if worker_id is None:
            cur = self._conn().execute(
                "UPDATE jobs SET status = ?, message = ?, summary = ?, worker_id = NULL, "
                "lease_until = NULL, updated_at = ?, finished_at = ? "
                "WHERE id = ? AND status IN ('queued', 'processing')",
                values,
            )
        else:
            cur = self._conn().execute(
                "UPDATE jobs SET status = ?, message = ?, summary = ?, worker_id = NULL, "
                "lease_until = NULL, updated_at = ?, finished_at = ? "
                "WHERE id = ? AND status = 'processing' AND worker_id = ?",
                (*values, worker_id),
            )
        return cur.rowcount == 1

    def requeue_expired(self, max_attempts: int, now: float | None = None) -> tuple[int, int]:
        """Recover jobs whose worker died (lease ran out while processing).

        Jobs with attempts left go back to the queue; the others fail with a message.

        Returns:
            ``(requeued, failed)`` counts.
        """
        now = time.time() if now is None else now
        conn = self._conn()
        failed = conn.execute(
            "UPDATE jobs SET status = 'failed', worker_id = NULL, lease_until = NULL, "
            "message = 'processing stopped ' || attempts || ' times without finishing; "
            "the file may be too large or damaged', updated_at = ?, finished_at = ? "
            "WHERE status = 'processing' AND lease_until < ? AND attempts >= ?",
            (now, now, now, max_attempts),
        ).rowcount
        requeued = conn.execute(
            "UPDATE jobs SET status = 'queued', worker_id = NULL, lease_until = NULL, "
            "stage = NULL, progress_done = 0, progress_total = 0, updated_at = ? "
            "WHERE status = 'processing' AND lease_until < ?",
            (now, now),
        ).rowcount
        return requeued, failed
