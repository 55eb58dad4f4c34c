"""Idempotency markers: a DynamoDB conditional put per unit of work, and an in-memory twin."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError

from ichseg.cloud.ports import MarkerClaim


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
        """Claim ``key``; see :class:`ichseg.cloud.ports.MarkerStore`."""
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
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
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
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise


class MemoryMarkerStore:
    """Markers in a dict, for a single process (local runs and tests)."""

    def __init__(self) -> None:
        self._items: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str, now: float, lease_s: int) -> MarkerClaim:
        """Claim ``key``; see :class:`ichseg.cloud.ports.MarkerStore`."""
        with self._lock:
            item = self._items.get(key)
            if item is None or (item["state"] == "running" and item["lease_until"] < now):
                self._items[key] = {"state": "running", "lease_until": now + lease_s}
                return MarkerClaim(state="acquired")
            if item["state"] == "done":
                return MarkerClaim(state="done", outcome=item["outcome"])
            return MarkerClaim(state="busy")

    def complete(self, key: str, outcome: Mapping[str, Any], now: float) -> None:
        """Mark ``key`` done."""
        with self._lock:
            self._items[key] = {"state": "done", "outcome": dict(outcome)}

    def release(self, key: str) -> None:
        """Drop an unfinished claim."""
        with self._lock:
            if self._items.get(key, {}).get("state") == "running":
                del self._items[key]
