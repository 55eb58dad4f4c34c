"""S3 bucket adapter: :class:`ichseg.ports.ObjectStore` (a BlobStore plus what the cloud needs).

Every botocore/boto3 failure leaves this module as a domain error
(:func:`ichseg.adapters.aws.translate`): :class:`~ichseg.errors.StorageRefused` when no
retry can cure it, else :class:`~ichseg.errors.TransientError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import ClientError

from ichseg.adapters.aws import is_sdk_error, translate
from ichseg.errors import LimitExceeded, StorageRefused
from ichseg.ports import ObjectInfo

_CHUNK = 8 * 1024 * 1024


@contextmanager
def _sdk_errors(operation: str) -> Iterator[None]:
    """Raise the domain error for any SDK failure inside the block."""
    try:
        yield
    except Exception as exc:
        if is_sdk_error(exc):
            raise translate(exc, "S3", operation) from exc
        raise


class S3BlobStore:
    """One S3 bucket.

    Args:
        client: A boto3 S3 client.
        bucket: The bucket name.
    """

    def __init__(self, client: Any, bucket: str) -> None:
        self._s3 = client
        self._bucket = bucket

    @property
    def bucket(self) -> str:
        """The bucket name."""
        return self._bucket

    def put_file(self, key: str, path: str, content_type: str | None = None) -> None:
        """Store a local file under ``key``."""
        self.upload(key, path, content_type=content_type)

    def upload(
        self,
        key: str,
        path: str,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """Store a local file under ``key`` with user metadata (multipart when large)."""
        extra: dict[str, Any] = {}
        if content_type:
            extra["ContentType"] = content_type
        if metadata:
            extra["Metadata"] = dict(metadata)
        with _sdk_errors("PutObject"):
            self._s3.upload_file(path, self._bucket, key, ExtraArgs=extra or None)

    def get_file(self, key: str, path: str, max_bytes: int | None = None) -> None:
        """Copy the latest version of ``key`` to ``path``, refusing more than ``max_bytes``."""
        self.download(key, path, max_bytes=max_bytes)

    def download(
        self, key: str, path: str, max_bytes: int | None = None, version_id: str | None = None
    ) -> None:
        """Stream one version of ``key`` to ``path``; stop once ``max_bytes`` is passed.

        Raises:
            LimitExceeded: The object is larger than ``max_bytes``.
        """
        args: dict[str, Any] = {"Bucket": self._bucket, "Key": key}
        if version_id:
            args["VersionId"] = version_id
        with _sdk_errors("GetObject"):
            resp = self._s3.get_object(**args)
            length = int(resp.get("ContentLength") or 0)
            if max_bytes is not None and length > max_bytes:
                resp["Body"].close()
                raise LimitExceeded(_too_big(length, max_bytes))
            total = 0
            with open(path, "wb") as fh:
                for chunk in resp["Body"].iter_chunks(_CHUNK):
                    total += len(chunk)
                    if max_bytes is not None and total > max_bytes:
                        resp["Body"].close()
                        raise LimitExceeded(_too_big(total, max_bytes))
                    fh.write(chunk)

    def exists(self, key: str) -> bool:
        """Whether an object exists at ``key``."""
        return self.head(key) is not None

    def head(self, key: str, version_id: str | None = None) -> ObjectInfo | None:
        """Describe ``key`` (one version of it), or ``None`` when absent."""
        args: dict[str, Any] = {"Bucket": self._bucket, "Key": key}
        if version_id:
            args["VersionId"] = version_id
        try:
            resp = self._s3.head_object(**args)
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            code = exc.response.get("Error", {}).get("Code")
            if status in (404, 400) and code in ("404", "NoSuchKey", "NoSuchVersion", "400"):
                return None
            raise translate(exc, "S3", "HeadObject") from exc
        except Exception as exc:
            if is_sdk_error(exc):
                raise translate(exc, "S3", "HeadObject") from exc
            raise
        return ObjectInfo(
            size=int(resp["ContentLength"]),
            version_id=resp.get("VersionId"),
            metadata=dict(resp.get("Metadata") or {}),
            content_type=resp.get("ContentType"),
        )

    def get_bytes(self, key: str, max_bytes: int) -> bytes:
        """Read a small object whole.

        Raises:
            LimitExceeded: The object is larger than ``max_bytes``.
        """
        with _sdk_errors("GetObject"):
            resp = self._s3.get_object(Bucket=self._bucket, Key=key)
            if int(resp.get("ContentLength") or 0) > max_bytes:
                resp["Body"].close()
                raise LimitExceeded(_too_big(int(resp["ContentLength"]), max_bytes))
            data: bytes = resp["Body"].read(max_bytes + 1)
        if len(data) > max_bytes:
            raise LimitExceeded(_too_big(len(data), max_bytes))
        return data

    def presign_get(self, key: str, expires_s: int) -> str:
        """A download URL for ``key`` valid for ``expires_s`` seconds."""
        with _sdk_errors("GetObject"):
            url: str = self._s3.generate_presigned_url(
                "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_s
            )
        return url

    def presign_post(
        self,
        key: str,
        key_prefix: str,
        content_type: str,
        max_bytes: int,
        expires_s: int,
    ) -> dict[str, Any]:
        """A browser upload form that S3 accepts only inside ``key_prefix``.

        The signed policy pins the key prefix, the exact content type and the size range
        ``1..max_bytes``; S3 refuses a form that breaks any of them.

        Returns:
            ``{"url": ..., "fields": {...}}`` as boto3 builds it.
        """
        if not key.startswith(key_prefix):
            raise ValueError(f"key {key!r} is outside {key_prefix!r}")
        with _sdk_errors("PostObject"):
            form: dict[str, Any] = self._s3.generate_presigned_post(
                Bucket=self._bucket,
                Key=key,
                Fields={"Content-Type": content_type},
                Conditions=[
                    ["starts-with", "$key", key_prefix],
                    {"Content-Type": content_type},
                    ["content-length-range", 1, max_bytes],
                ],
                ExpiresIn=expires_s,
            )
        return form

    def delete_all(self, prefix: str) -> int:
        """Remove every version and delete marker under ``prefix`` (plain objects if unversioned).

        Args:
            prefix: A folder-like key prefix; an empty one is refused.

        Returns:
            How many versions were removed.

        Raises:
            ValueError: ``prefix`` is empty (it would empty the bucket).
            StorageRefused: S3 refused to delete one of them.
        """
        if not prefix:
            raise ValueError("refusing to delete a whole bucket")
        removed = 0
        with _sdk_errors("DeleteObjectVersion"):
            pages = self._s3.get_paginator("list_object_versions").paginate(
                Bucket=self._bucket, Prefix=prefix
            )
            for page in pages:
                items = [
                    {"Key": v["Key"], "VersionId": v["VersionId"]}
                    for v in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
                ]
                for start in range(0, len(items), 1000):
                    batch = items[start : start + 1000]
                    resp = self._s3.delete_objects(
                        Bucket=self._bucket, Delete={"Objects": batch, "Quiet": True}
                    )
                    errors = resp.get("Errors") or []
                    if errors:
                        first = errors[0]
                        raise StorageRefused(
                            f"S3 refused to delete {first.get('Key')}: {first.get('Code')}",
                            operation="DeleteObjectVersion",
                            reason=str(first.get("Code") or ""),
                        )
                    removed += len(batch)
        return removed


def _too_big(size: int, cap: int) -> str:
    return f"the upload is {size / 1e6:.1f} MB; the limit is {cap / 1e6:.1f} MB"
