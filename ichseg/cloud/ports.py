"""Interfaces the cloud service logic needs; adapters live in :mod:`ichseg.adapters`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ichseg.ports import BlobStore

if TYPE_CHECKING:
    from ichseg.cloud.quota import Caller


class TransientError(Exception):
    """A failure worth retrying (the event is redelivered; nothing user-visible yet)."""


class ScanBusyError(TransientError):
    """Another attempt holds this object version's lease; retry later."""


class AuthError(Exception):
    """A caller's ID token is missing, malformed, expired or revoked."""


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


class TaskLauncher(Protocol):
    """Starts the GPU task for one uploaded object."""

    def launch(self, bucket: str, key: str, version_id: str | None, token: str) -> str:
        """Start the task; ``token`` makes repeated launches for one version idempotent.

        Returns:
            The task ARN.
        """
        ...


class TokenVerifier(Protocol):
    """Checks a Firebase ID token."""

    def verify(self, token: str) -> str:
        """Return the token's user id, or raise :class:`AuthError`."""
        ...

    def verify_caller(self, token: str) -> Caller:
        """The token's user with its verification claims, or raise :class:`AuthError`."""
        ...
