"""Small interfaces that adapters implement: the model, storage, indexes, markers, tasks.

Every layer above (the core pipeline, ``ichseg.server``, ``ichseg.cloud``) depends only on
these protocols and on :mod:`ichseg.errors`; the modules in :mod:`ichseg.adapters`
implement them and own their SDKs (ONNX Runtime, boto3, Firebase, SQLite). Entry points
choose the adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from ichseg.records import Job, User
from ichseg.spec import PreprocessSpec

#: ``progress(stage, done, total)``: called as a stage advances.
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ModelInfo:
    """Identity of a model file.

    Attributes:
        name: Model name (from the spec).
        version: Model version (from the spec).
        sha256: Hex digest of the model file.
        path: Where the model was loaded from.
    """

    name: str
    version: str
    sha256: str
    path: str


@dataclass(frozen=True)
class ModelOutput:
    """Every head of one model call, for a batch of ``N`` slices.

    Attributes:
        prob: ``(N, h, w)`` ``float32`` per-pixel haemorrhage probabilities in [0, 1].
        subtype: ``(N, K)`` ``float32`` subtype probabilities, ``K = len(spec.subtypes)``
            (``None`` when the model has no subtype head).
        slice: ``(N,)`` ``float32`` learned per-slice "any haemorrhage" probabilities
            (``None`` when the model has no slice head).
    """

    prob: np.ndarray
    subtype: np.ndarray | None = None
    slice: np.ndarray | None = None


@runtime_checkable
class Segmenter(Protocol):
    """Turns model inputs into per-pixel haemorrhage probabilities.

    The minimum a model adapter (or a test double) provides. An adapter whose model has
    more heads also implements :class:`MultiHeadSegmenter`.
    """

    @property
    def spec(self) -> PreprocessSpec:
        """The preprocessing spec stored beside the model."""
        ...

    @property
    def info(self) -> ModelInfo:
        """The model's identity."""
        ...

    def predict(self, batch: np.ndarray) -> np.ndarray:
        """Run the model.

        Args:
            batch: ``(N, h, w, C)`` ``float32`` from :func:`ichseg.preprocess.model_input`.

        Returns:
            ``(N, h, w)`` ``float32`` probabilities in [0, 1].
        """
        ...


@runtime_checkable
class MultiHeadSegmenter(Segmenter, Protocol):
    """A segmenter that returns all of its model's heads from one call."""

    @property
    def heads(self) -> tuple[str, ...]:
        """Names of the model's outputs: ``"prob"``, then ``"subtype"``/``"slice"`` if any."""
        ...

    def predict_heads(self, batch: np.ndarray) -> ModelOutput:
        """Run the model once for every head.

        Args:
            batch: ``(N, h, w, C)`` ``float32`` from :func:`ichseg.preprocess.model_input`.

        Returns:
            The heads; see :class:`ModelOutput`.
        """
        ...


@runtime_checkable
class AnySizeSegmenter(Segmenter, Protocol):
    """A segmenter that can say whether its model takes inputs of any height and width.

    :func:`ichseg.predict.predict_scan` runs such a model on head boxes
    (:mod:`ichseg.headbox`) when :attr:`any_input_size` is true.
    """

    @property
    def any_input_size(self) -> bool:
        """Whether the model takes any input height and width (sides multiples of its stride)."""
        ...


class BlobStore(Protocol):
    """Where job inputs and outputs live (a folder, or an S3 bucket)."""

    def put_file(self, key: str, path: str, content_type: str | None = None) -> None:
        """Store a local file under ``key``."""
        ...

    def get_file(self, key: str, path: str, max_bytes: int | None = None) -> None:
        """Copy the object at ``key`` to a local file, refusing more than ``max_bytes``."""
        ...

    def exists(self, key: str) -> bool:
        """Whether an object exists at ``key``."""
        ...


class FolderStore(BlobStore, Protocol):
    """A :class:`BlobStore` whose objects are local files (the embedded server's store)."""

    def path_for(self, key: str) -> Path:
        """The local path of ``key`` (the file need not exist); refuses keys that escape."""
        ...

    def delete_prefix(self, prefix: str) -> None:
        """Remove the object or every object under a folder-like prefix (none: no error)."""
        ...


@dataclass(frozen=True)
class ObjectInfo:
    """What a HEAD request says about an object.

    Attributes:
        size: Size in bytes.
        version_id: Object version, or ``None`` in an unversioned bucket.
        metadata: User metadata (``x-amz-meta-*`` without the prefix).
        content_type: The stored content type.
    """

    size: int
    version_id: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    content_type: str | None = None


class ObjectStore(BlobStore, Protocol):
    """A bucket: the :class:`ichseg.ports.BlobStore` operations plus what the cloud needs."""

    @property
    def bucket(self) -> str:
        """The bucket name."""
        ...

    def head(self, key: str, version_id: str | None = None) -> ObjectInfo | None:
        """Describe the object at ``key``, or ``None`` when there is none."""
        ...

    def download(
        self, key: str, path: str, max_bytes: int | None = None, version_id: str | None = None
    ) -> None:
        """Copy one version of an object to a local file, refusing more than ``max_bytes``."""
        ...

    def upload(
        self,
        key: str,
        path: str,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """Store a local file under ``key`` with user metadata."""
        ...

    def get_bytes(self, key: str, max_bytes: int) -> bytes:
        """Read a small object."""
        ...

    def presign_get(self, key: str, expires_s: int) -> str:
        """A time-limited download URL for ``key``."""
        ...

    def presign_post(
        self,
        key: str,
        key_prefix: str,
        content_type: str,
        max_bytes: int,
        expires_s: int,
    ) -> dict[str, Any]:
        """A presigned POST form (``url``, ``fields``) restricted to ``key_prefix``."""
        ...

    def delete_all(self, prefix: str) -> int:
        """Remove every object under ``prefix``: every version and delete marker if versioned.

        Returns:
            How many versions (or objects) were removed; ``0`` when none was there.
        """
        ...


class ScanIndex(Protocol):
    """Where users read their scans' status and links (Firestore ``users/{uid}/scans``)."""

    def set_scan(self, uid: str, scan_id: str, fields: Mapping[str, Any]) -> None:
        """Merge ``fields`` into the scan document (creating it if needed)."""
        ...

    def get_scan(self, uid: str, scan_id: str) -> dict[str, Any] | None:
        """The scan document, or ``None``."""
        ...

    def list_scans(self, uid: str, limit: int = 100) -> list[dict[str, Any]]:
        """The user's scans, newest first, each with an ``id``."""
        ...

    def delete_scan(self, uid: str, scan_id: str) -> None:
        """Remove the scan document (none: no error)."""
        ...


MarkerState = Literal["acquired", "done", "busy"]


@dataclass(frozen=True)
class MarkerClaim:
    """The answer to an attempt to claim an object version.

    Attributes:
        state: ``acquired`` (this attempt does the work), ``done`` (an earlier attempt
            finished; ``outcome`` says how) or ``busy`` (another attempt holds a live lease).
        outcome: The stored outcome of a finished attempt.
    """

    state: MarkerState
    outcome: Mapping[str, Any] = field(default_factory=dict)


class MarkerStore(Protocol):
    """One conditional marker per unit of work, so duplicate events do the work once."""

    def acquire(self, key: str, now: float, lease_s: int) -> MarkerClaim:
        """Claim ``key`` unless it is done or leased by a live attempt."""
        ...

    def complete(self, key: str, outcome: Mapping[str, Any], now: float) -> None:
        """Mark ``key`` done with its outcome."""
        ...

    def release(self, key: str) -> None:
        """Give up a claim after a failed attempt so a retry can start at once."""
        ...


#: ``startedBy`` of every GPU task the segment function starts (the EventBridge rule filters on it).
STARTED_BY = "ichseg-segment"


@dataclass(frozen=True)
class RunningTask:
    """A GPU task that has not stopped yet.

    Attributes:
        arn: Task ARN.
        created_at: When it was created (seconds since the epoch).
    """

    arn: str
    created_at: float


class TaskControl(Protocol):
    """Lists and stops the GPU tasks (an ECS adapter)."""

    def unfinished_tasks(self) -> Iterable[RunningTask]:
        """Tasks started by the segment function that have not stopped."""
        ...

    def stop(self, arn: str, reason: str) -> None:
        """Stop a task, giving ``reason`` (it reappears as the STOPPED event's reason)."""
        ...


class TaskLauncher(Protocol):
    """Starts the GPU task for one uploaded object."""

    def launch(self, bucket: str, key: str, version_id: str | None, token: str) -> str:
        """Start the task; ``token`` makes repeated launches for one version idempotent.

        Returns:
            The task ARN.
        """
        ...


@dataclass(frozen=True)
class Caller:
    """A verified ID token's user and what the token says about them.

    Attributes:
        uid: Firebase user id.
        email_verified: The token's ``email_verified`` claim.
        phone_number: The token's ``phone_number`` claim (phone sign-in), if any.
    """

    uid: str
    email_verified: bool = False
    phone_number: str | None = None

    @property
    def verified(self) -> bool:
        """Whether the user proved an e-mail address or a phone number."""
        return self.email_verified or bool(self.phone_number)

    @classmethod
    def from_claims(cls, uid: str, claims: Mapping[str, Any]) -> Caller:
        """Build from decoded ID-token claims."""
        phone = claims.get("phone_number")
        return cls(
            uid=uid,
            email_verified=claims.get("email_verified") is True,
            phone_number=phone if isinstance(phone, str) and phone else None,
        )


class TokenVerifier(Protocol):
    """Checks a Firebase ID token."""

    def verify(self, token: str) -> str:
        """Return the token's user id, or raise :class:`AuthError`."""
        ...

    def verify_caller(self, token: str) -> Caller:
        """The token's user with its verification claims, or raise :class:`AuthError`."""
        ...


class AccountIndex(Protocol):
    """Local accounts, sessions and reset tokens of the embedded server (SQLite)."""

    def create_user(self, email: str, password_hash: str) -> User | None:
        """Add an account; ``None`` when the e-mail is taken."""
        ...

    def user_by_email(self, email: str) -> User | None:
        """The account with this e-mail (case-insensitive), or ``None``."""
        ...

    def set_password(self, user_id: int, password_hash: str) -> None:
        """Replace an account's password hash."""
        ...

    def create_session(self, token_hash: str, user_id: int, csrf: str, ttl_s: float) -> None:
        """Store a login session under the hash of its token."""
        ...

    def session_user(self, token_hash: str) -> tuple[User, str] | None:
        """The user and CSRF token of a live session, or ``None``."""
        ...

    def delete_session(self, token_hash: str) -> None:
        """End one session."""
        ...

    def delete_user_sessions(self, user_id: int) -> None:
        """End every session of an account."""
        ...

    def create_reset(self, token_hash: str, user_id: int, ttl_s: float) -> None:
        """Store a one-time password-reset token."""
        ...

    def consume_reset(self, token_hash: str) -> int | None:
        """Use a reset token once; the account's id, or ``None`` if invalid or used."""
        ...


class JobQueue(Protocol):
    """The embedded server's jobs: queued by uploads, claimed and finished by workers."""

    def create_job(
        self, job_id: str, user_id: int, filename: str, size_bytes: int, input_key: str
    ) -> Job:
        """Queue a job for an uploaded file."""
        ...

    def get_job(self, job_id: str, user_id: int | None = None) -> Job | None:
        """A job (of ``user_id`` when given), or ``None``."""
        ...

    def list_jobs(self, user_id: int) -> list[Job]:
        """A user's jobs, newest first."""
        ...

    def rename_job(self, job_id: str, user_id: int, name: str | None) -> bool:
        """Set the name a user gave a job (``None``: the file name); whether they own it."""
        ...

    def delete_job(self, job_id: str, user_id: int) -> bool:
        """Remove a user's job unless a worker is processing it; whether a row went."""
        ...

    def claim_job(self, worker_id: str, lease_s: float) -> Job | None:
        """Atomically claim the oldest queued job, or ``None``."""
        ...

    def heartbeat(
        self,
        job_id: str,
        worker_id: str,
        lease_s: float,
        stage: str | None = None,
        done: int | None = None,
        total: int | None = None,
    ) -> bool:
        """Extend a worker's lease and record progress; whether it still holds the job."""
        ...

    def finish_job(
        self,
        job_id: str,
        worker_id: str | None,
        status: str,
        message: str | None = None,
        summary: dict[str, Any] | None = None,
    ) -> bool:
        """End a job as ``done`` or ``failed``; whether this worker still held it."""
        ...

    def requeue_expired(self, max_attempts: int, now: float | None = None) -> tuple[int, int]:
        """Requeue (or fail) jobs whose lease ran out: ``(requeued, failed)``."""
        ...

    def close(self) -> None:
        """Release this thread's resources."""
        ...


class ServerIndex(AccountIndex, JobQueue, Protocol):
    """Everything the embedded server keeps in its index (accounts and jobs)."""


class ResultSender(Protocol):
    """Sends finished DICOM objects (SEG, SR, key images) to a PACS: C-STORE or STOW-RS.

    Implemented in :mod:`ichseg.adapters.dicom_senders`; the DICOM node
    (:mod:`ichseg.dicom_node`) retries a job whose send raised.
    """

    def send(self, files: list[Path]) -> None:
        """Send every file, or raise (:class:`ichseg.errors.SendError` when refused)."""
        ...
