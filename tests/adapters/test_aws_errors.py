"""AWS adapters turn botocore errors into domain errors (nothing of botocore crosses a port)."""

from __future__ import annotations

from typing import Any

import pytest
from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError, EndpointConnectionError

from ichseg.adapters.aws import translate
from ichseg.adapters.dynamodb import DynamoMarkerStore
from ichseg.adapters.ecs import EcsTaskLauncher
from ichseg.adapters.s3 import S3BlobStore
from ichseg.errors import IchsegError, StorageRefused, TransientError


def client_error(status: int, code: str, operation: str = "GetObject") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": code}, "ResponseMetadata": {"HTTPStatusCode": status}},
        operation,
    )


class Refusing:
    """A boto3 client stand-in whose every call raises ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        return call


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (client_error(403, "AccessDenied"), StorageRefused),
        (client_error(404, "NoSuchBucket", "PutObject"), StorageRefused),
        (client_error(503, "SlowDown"), TransientError),
        (client_error(400, "RequestTimeout"), TransientError),
        (client_error(429, "TooManyRequests"), TransientError),
        (client_error(500, "InternalError"), TransientError),
        (EndpointConnectionError(endpoint_url="https://s3"), TransientError),
    ],
)
def test_translate_sorts_permanent_refusals_from_retryable_failures(
    error: Exception, expected: type[Exception]
) -> None:
    out = translate(error, "S3", "GetObject")
    assert isinstance(out, expected)


def test_a_refusal_is_a_one_line_user_error_naming_the_code() -> None:
    out = translate(client_error(403, "AccessDenied", "PutObject"), "S3", "PutObject")
    assert isinstance(out, StorageRefused) and isinstance(out, IchsegError)
    assert out.code == "storage_error" and out.reason == "AccessDenied"
    assert "PutObject" in out.message and "\n" not in out.message


def test_s3_store_raises_domain_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = S3BlobStore(Refusing(client_error(403, "AccessDenied")), "b")
    with pytest.raises(StorageRefused, match="AccessDenied"):
        store.download("k", str(tmp_path / "f"))
    with pytest.raises(StorageRefused):
        store.head("k")
    wrapped = S3UploadFailedError("Failed to upload")
    wrapped.__cause__ = client_error(404, "NoSuchBucket", "PutObject")
    with pytest.raises(StorageRefused, match="NoSuchBucket"):
        S3BlobStore(Refusing(wrapped), "b").upload("k", str(tmp_path / "f"))
    with pytest.raises(TransientError, match="SlowDown"):
        S3BlobStore(Refusing(client_error(503, "SlowDown")), "b").get_bytes("k", 10)


def test_ecs_and_dynamodb_failures_are_transient() -> None:
    with pytest.raises(TransientError, match="RunTask"):
        EcsTaskLauncher(Refusing(client_error(400, "AccessDeniedException")), "c", "t", "x").launch(
            "b", "k", None, "tok"
        )
    markers = DynamoMarkerStore(Refusing(client_error(500, "InternalServerError")), "t")
    with pytest.raises(TransientError, match="DynamoDB PutItem"):
        markers.acquire("key", 0.0, 10)
    with pytest.raises(TransientError):
        markers.release("key")
