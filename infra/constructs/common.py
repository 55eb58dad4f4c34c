"""Small building blocks several constructs share: encrypted log groups and dead-letter queues."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.nag import acknowledge


def encrypted_logs(scope: Construct, construct_id: str, key: kms.IKey) -> logs.LogGroup:
    """A log group kept one year, encrypted with the stack's key, removed with the stack.

    Args:
        scope: The construct that owns it.
        construct_id: Its id within ``scope``.
        key: The KMS key (``Storage.key``).

    Returns:
        The log group.
    """
    return logs.LogGroup(
        scope,
        construct_id,
        retention=logs.RetentionDays.ONE_YEAR,
        encryption_key=key,
        removal_policy=RemovalPolicy.DESTROY,
    )


def dead_letter_queue(
    scope: Construct,
    key: kms.IKey,
    why: str,
    visibility_timeout: Duration | None = None,
) -> sqs.Queue:
    """An encrypted, TLS-only dead-letter queue ``Dlq`` keeping messages 14 days.

    Args:
        scope: The construct that owns it.
        key: The KMS key (``Storage.key``).
        why: The cdk-nag acknowledgement of SQS3 (a dead-letter queue has none of its own).
        visibility_timeout: Where a consumer reads it (Lambda advises six times its timeout).

    Returns:
        The queue.
    """
    queue = sqs.Queue(
        scope,
        "Dlq",
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=key,
        enforce_ssl=True,
        retention_period=Duration.days(14),
        visibility_timeout=visibility_timeout,
    )
    acknowledge(queue, {"AwsSolutions::AwsSolutions-SQS3": why})
    return queue
