"""The dead-letter Lambda: upload events that failed every retry end their scans as failed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from aws_helpers import UPLOADS, s3_event

from functions.dead_letter import handler
from ichseg.adapters.memory import MemoryScanIndex
from ichseg.cloud.dead_letters import (
    DEAD_LETTER_CODE,
    DeadLetterDeps,
    MalformedDeadLetter,
    mark_dead_letter,
    upload_records,
)

KEY = "uploads/user-a/scan1/head ct.nii.gz"  # a space: S3 sends it as "head+ct.nii.gz"
VERSION = "v1"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:ichseg-dlq"


def destination_record(event: dict[str, Any]) -> dict[str, Any]:
    """What a Lambda on-failure destination delivers: the event under ``requestPayload``."""
    return {
        "version": "1.0",
        "timestamp": "2026-11-27T11:20:00.000Z",
        "requestContext": {
            "requestId": "req-9",
            "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:segment:$LATEST",
            "condition": "RetriesExhausted",
            "approximateInvokeCount": 3,
        },
        "requestPayload": event,
        "responseContext": {"statusCode": 200, "functionError": "Unhandled"},
        "responsePayload": {"errorMessage": "1 record(s) failed: ClientError 503"},
    }


def sqs_message(body: str, message_id: str = "m-1") -> dict[str, Any]:
    return {
        "messageId": message_id,
        "receiptHandle": f"rh-{message_id}",
        "body": body,
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1764242400000"},
        "messageAttributes": {
            "ErrorCode": {"stringValue": "200", "dataType": "Number"},
            "ErrorMessage": {"stringValue": "1 record(s) failed", "dataType": "String"},
        },
        "md5OfBody": "0" * 32,
        "eventSource": "aws:sqs",
        "eventSourceARN": QUEUE_ARN,
        "awsRegion": "us-east-1",
    }


def sqs_batch(*bodies: str) -> dict[str, Any]:
    return {"Records": [sqs_message(b, f"m-{i}") for i, b in enumerate(bodies, 1)]}


@pytest.fixture
def index(monkeypatch: pytest.MonkeyPatch) -> MemoryScanIndex:
    index = MemoryScanIndex()
    deps = DeadLetterDeps(index=index, clock=lambda: 1_764_242_400.0)
    monkeypatch.setattr(handler, "get_deps", lambda: deps)
    return index


def processing(index: MemoryScanIndex, version: str = VERSION) -> None:
    index.set_scan(
        "user-a",
        "scan1",
        {
            "status": "processing",
            "filename": "head ct.nii.gz",
            "source": {"bucket": UPLOADS, "key": KEY, "version_id": version},
        },
    )


def test_plain_dlq_message_marks_processing_scan_failed(index, lambda_context):
    processing(index)
    body = json.dumps(s3_event(UPLOADS, KEY, VERSION))

    out = handler.lambda_handler(sqs_batch(body), lambda_context)

    assert out == {"batchItemFailures": []}
    doc = index.get_scan("user-a", "scan1")
    assert doc["status"] == "failed"
    assert "please upload the scan again" in doc["error"]
    assert doc["error_code"] == DEAD_LETTER_CODE
    assert doc["source"] == {"bucket": UPLOADS, "key": KEY, "version_id": VERSION}
    assert doc["updated_at"] == datetime.fromtimestamp(1_764_242_400, tz=UTC)


def test_on_failure_destination_record_marks_scan_failed(index, lambda_context):
    processing(index)
    body = json.dumps(destination_record(s3_event(UPLOADS, KEY, VERSION)))

    out = handler.lambda_handler(sqs_batch(body), lambda_context)

    assert out == {"batchItemFailures": []}
    assert index.get_scan("user-a", "scan1")["status"] == "failed"


def test_scan_without_a_document_yet_is_marked_failed(index, lambda_context):
    body = json.dumps(s3_event(UPLOADS, KEY, None))

    handler.lambda_handler(sqs_batch(body), lambda_context)

    doc = index.get_scan("user-a", "scan1")
    assert doc["status"] == "failed"
    assert doc["filename"] == "head ct.nii.gz"


@pytest.mark.parametrize("status", ["done", "failed", "queued"])
def test_late_dead_letter_does_not_overwrite_a_settled_scan(index, lambda_context, status):
    index.set_scan("user-a", "scan1", {"status": status, "error": "earlier words"})
    writes = index.writes
    body = json.dumps(s3_event(UPLOADS, KEY, VERSION))

    out = handler.lambda_handler(sqs_batch(body), lambda_context)

    assert out == {"batchItemFailures": []}
    assert index.writes == writes
    doc = index.get_scan("user-a", "scan1")
    assert doc["status"] == status and doc["error"] == "earlier words"


def test_dead_letter_for_an_older_version_leaves_the_newer_upload_alone(index):
    processing(index, version="v2")

    outcomes = mark_dead_letter(
        s3_event(UPLOADS, KEY, VERSION), DeadLetterDeps(index=index, clock=lambda: 0.0)
    )

    assert [o.action for o in outcomes] == ["kept"]
    assert index.get_scan("user-a", "scan1")["status"] == "processing"


@pytest.mark.parametrize(
    "body",
    [
        "not json {",
        json.dumps([1, 2]),
        json.dumps({"hello": "world"}),
        json.dumps({"requestPayload": "text"}),
        json.dumps({"Records": "nope"}),
        json.dumps({"Records": [{"eventSource": "aws:s3"}]}),
        json.dumps({"Records": [{"s3": {"bucket": {"name": 5}, "object": {"key": "k"}}}]}),
    ],
)
def test_malformed_dead_letter_is_dropped_not_retried(index, lambda_context, body):
    with pytest.raises(MalformedDeadLetter):
        upload_records(body)

    out = handler.lambda_handler(sqs_batch(body), lambda_context)

    assert out == {"batchItemFailures": []}
    assert index.writes == 0


def test_s3_test_event_and_foreign_keys_write_nothing(index, lambda_context):
    test_event = json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent"})
    foreign = json.dumps(s3_event(UPLOADS, "elsewhere/file.zip", VERSION))

    out = handler.lambda_handler(sqs_batch(test_event, foreign), lambda_context)

    assert out == {"batchItemFailures": []}
    assert index.writes == 0
    assert [o.action for o in mark_dead_letter(foreign, handler.get_deps())] == ["skipped"]


def test_index_outage_fails_only_its_message_for_redelivery(index, lambda_context, monkeypatch):
    processing(index)
    other = "uploads/user-b/scan2/b.zip"
    original = index.set_scan

    def flaky(uid: str, scan_id: str, fields: Any) -> None:
        if uid == "user-a":
            raise ConnectionError("firestore unavailable")
        original(uid, scan_id, fields)

    monkeypatch.setattr(index, "set_scan", flaky)
    bodies = [json.dumps(s3_event(UPLOADS, k, VERSION)) for k in (KEY, other)]

    out = handler.lambda_handler(sqs_batch(*bodies), lambda_context)

    assert out == {"batchItemFailures": [{"itemIdentifier": "m-1"}]}
    assert index.get_scan("user-a", "scan1")["status"] == "processing"
    assert index.get_scan("user-b", "scan2")["status"] == "failed"
