"""Dead letters: an upload event that failed every retry ends its scan as ``failed``.

The segment function's dead-letter queue receives an S3 event that raised through all of
Lambda's retries (S3 answering 5xx for good, a broken model...). Without this, the user's
scan document would stay ``processing`` forever. :func:`mark_dead_letter` reads one queue
message and writes status ``failed`` with a user-readable message to every scan it names.

Two message forms are understood:
    * a Lambda dead-letter-queue message (what the infrastructure configures): the body is
      the original S3 event, ``{"Records": [{"s3": ...}]}``;
    * a Lambda on-failure destination record: ``{"requestContext": ..., "requestPayload":
      <the original S3 event>, ...}``.

A document that is already ``done`` or ``failed`` (a late dead letter after a successful
retry or redrive), or ``queued`` (the GPU task owns it), is left as it is, and so is one
that now describes another object version. Messages that cannot be understood raise
:class:`MalformedDeadLetter`; the entry point logs and drops them (a retry cannot cure them).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import unquote_plus

from ichseg.cloud.keys import parse_upload_key
from ichseg.errors import IchsegError, InputError
from ichseg.ports import ScanIndex
from ichseg.records import ScanRecord, SourceRef

log = logging.getLogger(__name__)

DEAD_LETTER_MESSAGE = (
    "processing failed after several attempts because of a problem on our side; "
    "please upload the scan again"
)
DEAD_LETTER_CODE = "processing_failed"
#: Statuses a dead letter never overwrites.
FINAL_STATUSES = frozenset({"done", "failed", "queued"})


class MalformedDeadLetter(InputError):
    """A dead-letter message that names no upload event (logged and dropped)."""


@dataclass
class DeadLetterDeps:
    """What :func:`mark_dead_letter` talks to.

    Attributes:
        index: The scan index users read (Firestore).
        clock: Seconds since the epoch.
    """

    index: ScanIndex
    clock: Callable[[], float] = field(default=time.time)


@dataclass(frozen=True)
class DeadLetterOutcome:
    """What became of one record of a dead-lettered event.

    Attributes:
        action: ``marked`` (now ``failed``), ``kept`` (the document's status stands) or
            ``skipped`` (the key is not an upload).
        bucket: Source bucket.
        key: URL-decoded source key.
        uid: Owner, or empty for a skipped key.
        scan_id: Scan id, or empty for a skipped key.
        previous: The document's status before, or empty when there was no document.
    """

    action: Literal["marked", "kept", "skipped"]
    bucket: str
    key: str
    uid: str = ""
    scan_id: str = ""
    previous: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return asdict(self)


def upload_records(body: str | Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """The ``(bucket, key, version_id)`` of each S3 record in a dead-letter message.

    Args:
        body: The SQS message body (JSON text) or its parsed form.

    Returns:
        One tuple per record, keys URL-decoded; empty for an S3 test event.

    Raises:
        MalformedDeadLetter: The body is not JSON or not an S3 event in either form.
    """
    if isinstance(body, str):
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise MalformedDeadLetter(f"dead letter is not JSON: {exc}") from exc
    else:
        data = body
    if not isinstance(data, Mapping):
        raise MalformedDeadLetter("dead letter is not a JSON object")
    event = data.get("requestPayload", data)
    if not isinstance(event, Mapping):
        raise MalformedDeadLetter("dead letter's requestPayload is not a JSON object")
    if "Records" not in event:
        if event.get("Event") == "s3:TestEvent":
            return []
        raise MalformedDeadLetter("dead letter holds no S3 records")
    records = event["Records"]
    if not isinstance(records, list):
        raise MalformedDeadLetter("dead letter's Records is not a list")
    out = []
    for record in records:
        try:
            s3 = record["s3"]
            bucket = s3["bucket"]["name"]
            raw_key = s3["object"]["key"]
            version = s3["object"].get("versionId")
        except (KeyError, TypeError, AttributeError) as exc:
            raise MalformedDeadLetter(f"dead letter record is not an S3 record: {exc!r}") from exc
        if not isinstance(bucket, str) or not isinstance(raw_key, str):
            raise MalformedDeadLetter("dead letter record has a non-text bucket or key")
        out.append((bucket, unquote_plus(raw_key), version if isinstance(version, str) else None))
    return out


def mark_dead_letter(
    body: str | Mapping[str, Any], deps: DeadLetterDeps
) -> list[DeadLetterOutcome]:
    """Mark every scan named by a dead-lettered upload event as ``failed``.

    Args:
        body: The SQS message body (JSON text) or its parsed form.
        deps: The scan index and a clock.

    Returns:
        One outcome per S3 record.

    Raises:
        MalformedDeadLetter: The message names no upload event (drop it).
        Exception: A scan-index failure (retry the message).
    """
    outcomes = []
    for bucket, key, version_id in upload_records(body):
        try:
            upload = parse_upload_key(key)
        except IchsegError as exc:
            log.warning("dead letter for an object outside the upload layout: %s", exc)
            outcomes.append(DeadLetterOutcome(action="skipped", bucket=bucket, key=key))
            continue
        doc = deps.index.get_scan(upload.uid, upload.scan_id)
        previous = str((doc or {}).get("status") or "")
        found = DeadLetterOutcome(
            action="kept",
            bucket=bucket,
            key=key,
            uid=upload.uid,
            scan_id=upload.scan_id,
            previous=previous,
        )
        if previous in FINAL_STATUSES or not _same_source(doc, bucket, key, version_id):
            log.info("dead letter for %s left the scan as it is (%s)", key, previous or "none")
            outcomes.append(found)
            continue
        record = ScanRecord.failed(
            DEAD_LETTER_MESSAGE,
            DEAD_LETTER_CODE,
            datetime.fromtimestamp(deps.clock(), tz=UTC),
            filename=upload.filename,
            source=SourceRef(bucket=bucket, key=key, version_id=version_id),
        )
        deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
        log.warning(
            "scan %s/%s marked failed after its event dead-lettered", upload.uid, upload.scan_id
        )
        outcomes.append(
            DeadLetterOutcome(
                action="marked",
                bucket=bucket,
                key=key,
                uid=upload.uid,
                scan_id=upload.scan_id,
                previous=previous,
            )
        )
    return outcomes


def _same_source(
    doc: Mapping[str, Any] | None, bucket: str, key: str, version_id: str | None
) -> bool:
    """Whether the document (if it names its source) describes this object version."""
    source = (doc or {}).get("source")
    if not isinstance(source, Mapping):
        return True
    return (
        source.get("bucket", bucket) == bucket
        and source.get("key", key) == key
        and source.get("version_id", version_id) == version_id
    )
