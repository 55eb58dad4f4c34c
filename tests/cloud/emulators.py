"""Start and stop the Firestore emulator (gcloud jar on Java) and the Firebase Auth emulator.

Used by the session fixture in ``conftest.py``; ``scripts/emulators/setup.sh`` installs
what they need. Both bind to 127.0.0.1 on free ports.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIREBASE_BIN = ROOT / "scripts" / "emulators" / "node_modules" / ".bin" / "firebase"
JAR_CANDIDATES = [
    Path(
        "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"
    ),
    Path(
        "/usr/share/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"
    ),
]
FIRESTORE_MAIN = "com.google.cloud.datastore.emulator.firestore.CloudFirestore"
PROJECT = "demo-ichseg"
SETUP_HINT = "run `bash scripts/emulators/setup.sh` (needs Java 17+, Node 20+, npm)"


class EmulatorError(RuntimeError):
    """A prerequisite is missing or an emulator did not come up."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def firestore_jar() -> Path:
    """The Firestore emulator jar (``ICHSEG_FIRESTORE_EMULATOR_JAR`` overrides)."""
    override = os.environ.get("ICHSEG_FIRESTORE_EMULATOR_JAR")
    for path in ([Path(override)] if override else []) + JAR_CANDIDATES:
        if path.is_file():
            return path
    raise EmulatorError(
        "Firestore emulator jar not found (apt package google-cloud-cli-firestore-emulator); "
        + SETUP_HINT
    )


def check_prerequisites() -> Path:
    """Raise :class:`EmulatorError` naming what is missing; return the jar."""
    if shutil.which("java") is None:
        raise EmulatorError("java not found; " + SETUP_HINT)
    if shutil.which("node") is None:
        raise EmulatorError("node not found; " + SETUP_HINT)
    if not FIREBASE_BIN.exists():
        raise EmulatorError(f"firebase-tools not installed at {FIREBASE_BIN}; " + SETUP_HINT)
    return firestore_jar()


def wait_http(url: str, timeout_s: float, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise EmulatorError(f"emulator exited early: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise EmulatorError(
        f"emulator not ready at {url} after {timeout_s}s: {log.read_text()[-2000:]}"
    )


@dataclass
class Emulators:
    """Running emulators; ``stop()`` ends the processes this object started."""

    workdir: Path
    project: str = PROJECT
    firestore_port: int = 0
    auth_port: int = 0
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def firestore_host(self) -> str:
        return f"127.0.0.1:{self.firestore_port}"

    @property
    def auth_host(self) -> str:
        return f"127.0.0.1:{self.auth_port}"

    def start(self, rules: Path, timeout_s: float = 90) -> Emulators:
        jar = check_prerequisites()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.firestore_port, self.auth_port = free_port(), free_port()
        fs_log = self.workdir / "firestore.log"
        fs = subprocess.Popen(
            [
                "java", "-Duser.language=en", "-cp", str(jar), FIRESTORE_MAIN, "start",
                "--host", "127.0.0.1", "--port", str(self.firestore_port),
                "--rules", str(rules), "--project_id", self.project,
            ],
            stdout=fs_log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.procs.append(fs)
        config = self.workdir / "firebase.json"
        config.write_text(
            json.dumps(
                {
                    "emulators": {
                        "auth": {"host": "127.0.0.1", "port": self.auth_port},
                        "hub": {"host": "127.0.0.1", "port": free_port()},
                        "logging": {"host": "127.0.0.1", "port": free_port()},
                        "ui": {"enabled": False},
                    }
                }
            )
        )
        auth_log = self.workdir / "auth.log"
        env = {**os.environ, "FIREBASE_CLI_DISABLE_UPDATE_CHECK": "true", "CI": "true"}
        auth = subprocess.Popen(
            [str(FIREBASE_BIN), "emulators:start", "--only", "auth", "--project", self.project,
             "--config", str(config)],
            cwd=self.workdir, env=env,
            stdout=auth_log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.procs.append(auth)
        try:
            wait_http(f"http://{self.firestore_host}/", timeout_s, fs, fs_log)
            wait_http(f"http://{self.auth_host}/", timeout_s, auth, auth_log)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)  # our own process group only
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        self.procs.clear()

    # --- Auth emulator REST helpers ---------------------------------------------------------

    def _auth_post(
        self, path: str, body: dict[str, object], admin: bool = False
    ) -> dict[str, object]:
        headers = {"content-type": "application/json"}
        if admin:
            headers["authorization"] = "Bearer owner"
        req = urllib.request.Request(
            f"http://{self.auth_host}/identitytoolkit.googleapis.com/v1/{path}?key=fake-api-key",
            data=json.dumps(body).encode(),
            headers=headers,
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return dict(json.loads(resp.read()))

    def sign_up(self, email: str, password: str = "secret-password") -> tuple[str, str]:
        """Create a user; returns ``(uid, id_token)``."""
        out = self._auth_post(
            "accounts:signUp", {"email": email, "password": password, "returnSecureToken": True}
        )
        return str(out["localId"]), str(out["idToken"])

    def sign_up_verified(self, email: str, password: str = "secret-password") -> tuple[str, str]:
        """Create a user, mark the e-mail verified, sign in again; returns ``(uid, id_token)``."""
        uid, _ = self.sign_up(email, password)
        self._auth_post(
            f"projects/{self.project}/accounts:update",
            {"localId": uid, "emailVerified": True},
            admin=True,
        )
        out = self._auth_post(
            "accounts:signInWithPassword",
            {"email": email, "password": password, "returnSecureToken": True},
        )
        return uid, str(out["idToken"])

    def disable(self, uid: str) -> None:
        """Disable a user (their tokens then fail the revocation check)."""
        self._auth_post(
            f"projects/{self.project}/accounts:update",
            {"localId": uid, "disableUser": True},
            admin=True,
        )

    # --- Firestore REST as a client (rules apply) --------------------------------------------

    def client_get(self, path: str, id_token: str | None) -> int:
        """GET a document as a client with ``id_token``; returns the HTTP status."""
        url = (
            f"http://{self.firestore_host}/v1/projects/{self.project}"
            f"/databases/(default)/documents/{path}"
        )
        headers = {"authorization": f"Bearer {id_token}"} if id_token else {}
        return _status(urllib.request.Request(url, headers=headers))

    def client_patch(self, path: str, id_token: str, fields: dict[str, str]) -> int:
        """Try to write string fields as a client; returns the HTTP status."""
        url = (
            f"http://{self.firestore_host}/v1/projects/{self.project}"
            f"/databases/(default)/documents/{path}"
        )
        body = {"fields": {k: {"stringValue": v} for k, v in fields.items()}}
        req = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            method="PATCH",
            headers={"authorization": f"Bearer {id_token}", "content-type": "application/json"},
        )
        return _status(req)


def _status(req: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
