"""Errors that ichseg reports to a user as one clear line."""

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
