"""DynamoDB adapter: the idempotency markers of :class:`ichseg.ports.MarkerStore`.

One conditional put per unit of work. A conditional-check failure is the expected answer
"someone else has it"; any other DynamoDB error is translated into
:class:`ichseg.errors.TransientError` (the event is retried).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ichseg.errors import TransientError
from ichseg.ports import MarkerClaim

_CONDITION_FAILED = "ConditionalCheckFailedException"


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


@contextmanager
def _translated(operation: str) -> Iterator[None]:
    """Turn DynamoDB errors into :class:`TransientError` (the caller retries)."""
    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        raise TransientError(f"DynamoDB {operation} failed: {exc}") from exc


class DynamoMarkerStore:
    """Markers in a DynamoDB table with string partition key ``pk`` and TTL on ``expires_at``.

    A claim is a conditional put that succeeds only when no marker exists, or when the
    existing one is an unfinished attempt whose lease has run out (the attempt crashed).

    Args:
        client: A boto3 DynamoDB client.
        table: Table name.
        ttl_s: How long finished markers are kept.
    """

    def __init__(self, client: Any, table: str, ttl_s: int = 14 * 24 * 3600) -> None:
        self._db = client
        self._table = table
        self._ttl_s = ttl_s

    def acquire(self, key: str, now: float, lease_s: int) -> MarkerClaim:
        """Claim ``key``; see :class:`ichseg.ports.MarkerStore`."""
        try:
            self._db.put_item(
                TableName=self._table,
                Item={
                    "pk": {"S": key},
                    "state": {"S": "running"},
                    "lease_until": {"N": str(int(now + lease_s))},
                    "expires_at": {"N": str(int(now + self._ttl_s))},
                },
                ConditionExpression=(
                    "attribute_not_exists(pk) OR (#s = :running AND lease_until < :now)"
                ),
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues={
                    ":running": {"S": "running"},
                    ":now": {"N": str(int(now))},
                },
            )
            return MarkerClaim(state="acquired")
        except ClientError as exc:
            if _code(exc) != _CONDITION_FAILED:
                raise TransientError(f"DynamoDB PutItem failed: {exc}") from exc
        except BotoCoreError as exc:
            raise TransientError(f"DynamoDB PutItem failed: {exc}") from exc
        with _translated("GetItem"):
            item = self._db.get_item(
                TableName=self._table, Key={"pk": {"S": key}}, ConsistentRead=True
            ).get("Item")
        if item is None:  # released between the put and the get: let the retry claim it
            return MarkerClaim(state="busy")
        if item["state"]["S"] == "done":
            return MarkerClaim(state="done", outcome=json.loads(item["outcome"]["S"]))
        return MarkerClaim(state="busy")

    def complete(self, key: str, outcome: Mapping[str, Any], now: float) -> None:
        """Mark ``key`` done and store its outcome."""
        with _translated("PutItem"):
            self._put_done(key, outcome, now)

    def _put_done(self, key: str, outcome: Mapping[str, Any], now: float) -> None:
        self._db.put_item(
            TableName=self._table,
            Item={
                "pk": {"S": key},
                "state": {"S": "done"},
                "outcome": {"S": json.dumps(dict(outcome))},
                "expires_at": {"N": str(int(now + self._ttl_s))},
            },
        )

    def release(self, key: str) -> None:
        """Drop an unfinished claim so a retry can start at once."""
        try:
            self._db.delete_item(
                TableName=self._table,
                Key={"pk": {"S": key}},
                ConditionExpression="#s = :running",
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues={":running": {"S": "running"}},
            )
        except ClientError as exc:
            if _code(exc) != _CONDITION_FAILED:
                raise TransientError(f"DynamoDB DeleteItem failed: {exc}") from exc
        except BotoCoreError as exc:
            raise TransientError(f"DynamoDB DeleteItem failed: {exc}") from exc
