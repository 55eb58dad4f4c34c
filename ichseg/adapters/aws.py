"""What every AWS adapter shares: boto3 clients and the translation of botocore errors.

The adapters (:mod:`~ichseg.adapters.s3`, :mod:`~ichseg.adapters.dynamodb`,
:mod:`~ichseg.adapters.ecs`, :mod:`~ichseg.adapters.secrets`) own boto3; what crosses a
port is a domain error of :mod:`ichseg.errors`, never a botocore type.
"""

from __future__ import annotations

from typing import Any

#: 4xx codes that a retry can cure (throttling, clock skew, timeouts).
RETRYABLE_CODES = frozenset(
    {"RequestTimeout", "RequestTimeTooSkewed", "SlowDown", "Throttling", "ThrottlingException"}
)


def boto_client(service: str) -> Any:
    """A boto3 client; S3 clients sign with SigV4 and virtual-hosted addressing."""
    import boto3
    from botocore.config import Config

    if service == "s3":
        cfg = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
        return boto3.client("s3", config=cfg)
    return boto3.client(service)


def _client_error(exc: BaseException) -> Any:
    """The botocore ``ClientError`` behind ``exc`` (also when wrapped), or ``None``."""
    from botocore.exceptions import ClientError

    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, ClientError):
        seen = seen.__cause__ or seen.__context__
    return seen


def is_sdk_error(exc: BaseException) -> bool:
    """Whether ``exc`` comes from botocore or boto3 (and so must be translated)."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return isinstance(exc, ClientError | BotoCoreError | Boto3Error)


def translate(exc: BaseException, service: str, operation: str) -> Exception:
    """The domain error for an AWS SDK failure.

    An ``AccessDenied`` or ``NoSuchBucket`` (a 4xx answer other than throttling or a
    timeout), also when wrapped (boto3's ``S3UploadFailedError``), would fail every retry:
    it becomes :class:`~ichseg.errors.StorageRefused`. 5xx answers, throttling and network
    errors become :class:`~ichseg.errors.TransientError`.

    Args:
        exc: The SDK's exception.
        service: ``"S3"``, ``"ECS"`` ... (for the message).
        operation: The operation attempted, used when the error names none.

    Returns:
        The error to raise ``from exc``.
    """
    from ichseg.errors import StorageRefused, TransientError

    seen = _client_error(exc)
    if seen is None:
        return TransientError(f"{service} {operation} failed: {type(exc).__name__}: {exc}")
    status = int(seen.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
    code = str(seen.response.get("Error", {}).get("Code") or status)
    if not 400 <= status < 500 or status in (408, 429) or code in RETRYABLE_CODES:
        return TransientError(f"{service} {operation} failed: {type(seen).__name__}: {seen}")
    name = getattr(seen, "operation_name", "") or operation or "a request"
    return StorageRefused(
        f"the service's storage refused {name} ({code}); the scan was not processed. "
        "Please report this to the administrator",
        operation=name,
        reason=code,
    )
