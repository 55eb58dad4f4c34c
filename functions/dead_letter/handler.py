"""Lambda entry point: the segment function's dead-letter queue -> scans marked ``failed``.

Each SQS message is an upload event that failed every retry (see
:mod:`ichseg.cloud.dead_letters`). Messages are processed one by one with partial batch
failure reporting: a scan-index outage fails only the messages it touched, which SQS
delivers again after the visibility timeout; a malformed message is logged and dropped.
"""

from __future__ import annotations

import functools
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ichseg.cloud.dead_letters import DeadLetterDeps, MalformedDeadLetter, mark_dead_letter
from ichseg.cloud.factory import build_dead_letter_deps
from ichseg.cloud.settings import CloudSettings

logger = Logger(service="ichseg-dead-letter")
processor = BatchProcessor(event_type=EventType.SQS)


@functools.cache
def get_deps() -> DeadLetterDeps:
    """Adapters built from the environment on first use, then reused by warm invocations."""
    return build_dead_letter_deps(CloudSettings())


def handle_record(record: SQSRecord) -> list[dict[str, Any]]:
    """Mark the scans of one dead letter ``failed``; drop it if it is malformed.

    Raises:
        Exception: A scan-index failure (the message is reported as failed and redelivered).
    """
    attributes = {
        name: value.get("stringValue")
        for name, value in (record.get("messageAttributes") or {}).items()
        if isinstance(value, dict)
    }
    try:
        outcomes = mark_dead_letter(record.body or "", get_deps())
    except MalformedDeadLetter as exc:
        logger.error(
            "dropping a malformed dead letter",
            extra={"message_id": record.message_id, "reason": str(exc)},
        )
        return []
    result = [o.to_dict() for o in outcomes]
    logger.info(
        "dead letter handled",
        extra={"message_id": record.message_id, "outcomes": result, "attributes": attributes},
    )
    return result


@logger.inject_lambda_context(log_event=False)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Handle a batch of dead letters.

    Returns:
        ``{"batchItemFailures": [...]}``: the messages to deliver again.
    """
    response = process_partial_response(
        event=event, record_handler=handle_record, processor=processor, context=context
    )
    return dict(response)
