"""Domain errors: what every layer raises and catches (no SDK error types cross a port).

:class:`IchsegError` and its subclasses end a job with a user-readable line. The others
tell the cloud service how to treat an infrastructure failure: retry it
(:class:`TransientError`), give up on it (:class:`StorageRefused`) or refuse the caller
(:class:`AuthError`). Adapters translate their SDK's errors into these.
"""

from __future__ import annotations


class IchsegError(Exception):
    """Base class for every error that ends a job with a user-readable message.

    Attributes:
        code: A short machine-readable code (for example ``"bad_input"``).
    """

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(IchsegError):
    """The scan cannot be read: unreadable, truncated, empty, wrong type."""

    code = "bad_input"


class LimitExceeded(InputError):
    """The scan exceeds a safety limit (frames, pixels, decompressed bytes)."""

    code = "too_large"


class ModelError(IchsegError):
    """The model or its spec file is missing or inconsistent."""

    code = "model_error"


class SendError(IchsegError):
    """A DICOM destination (PACS) did not take every result object (C-STORE, STOW-RS)."""

    code = "send_failed"


class StorageRefused(IchsegError):
    """Storage refused a request in a way no retry can cure (access denied, no such bucket).

    Raised by the storage adapters for a 4xx answer other than throttling or a timeout; the
    cloud service ends the scan as ``failed`` instead of retrying until the dead-letter queue.

    Attributes:
        operation: The refused operation (for example ``"PutObject"``).
        reason: The service's error code (for example ``"AccessDenied"``).
    """

    code = "storage_error"

    def __init__(self, message: str, operation: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.operation = operation
        self.reason = reason


class TransientError(Exception):
    """A failure worth retrying (the event is redelivered; nothing user-visible yet)."""


class ScanBusyError(TransientError):
    """Another attempt holds this object version's lease; retry later."""


class AuthError(Exception):
    """A caller's ID token is missing, malformed, expired or revoked."""
