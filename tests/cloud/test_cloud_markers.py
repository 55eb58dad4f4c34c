"""Idempotency markers: one winner per key, done is final, expired leases can be taken over."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["memory", "dynamodb"])
def markers(request, monkeypatch):
    from ichseg.adapters.dynamodb import DynamoMarkerStore
    from ichseg.adapters.memory import MemoryMarkerStore

    if request.param == "memory":
        yield MemoryMarkerStore()
        return
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        ddb.create_table(
            TableName="m",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield DynamoMarkerStore(ddb, "m")


def test_first_claim_wins_and_a_live_lease_is_busy(markers):
    assert markers.acquire("k", now=1000, lease_s=60).state == "acquired"
    assert markers.acquire("k", now=1010, lease_s=60).state == "busy"


def test_done_is_final_and_returns_the_outcome(markers):
    markers.acquire("k", now=1000, lease_s=60)
    markers.complete("k", {"status": "done", "scan_id": "s"}, now=1005)
    claim = markers.acquire("k", now=99999, lease_s=60)
    assert claim.state == "done"
    assert claim.outcome == {"status": "done", "scan_id": "s"}


def test_expired_lease_of_a_crashed_attempt_is_taken_over(markers):
    markers.acquire("k", now=1000, lease_s=60)
    assert markers.acquire("k", now=1061, lease_s=60).state == "acquired"
    assert markers.acquire("k", now=1062, lease_s=60).state == "busy"


def test_released_claim_can_be_taken_at_once(markers):
    markers.acquire("k", now=1000, lease_s=60)
    markers.release("k")
    assert markers.acquire("k", now=1001, lease_s=60).state == "acquired"


def test_release_never_undoes_a_finished_marker(markers):
    markers.acquire("k", now=1000, lease_s=60)
    markers.complete("k", {"status": "done"}, now=1001)
    markers.release("k")
    assert markers.acquire("k", now=1002, lease_s=60).state == "done"


def test_keys_are_independent(markers):
    assert markers.acquire("a", now=1000, lease_s=60).state == "acquired"
    assert markers.acquire("b", now=1000, lease_s=60).state == "acquired"
