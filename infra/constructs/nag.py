"""cdk-nag acknowledgements, each with its reason (cdk-nag 3: ``Validations.acknowledge``)."""

from __future__ import annotations

from aws_cdk import Acknowledgment, CfnResource, Stack, Validations
from aws_cdk import aws_s3 as s3
from constructs import IConstruct


def acknowledge(scope: IConstruct, reasons: dict[str, str]) -> None:
    """Acknowledge findings on ``scope`` (and its children): ``{rule id: reason}``."""
    Validations.of(scope).acknowledge(
        *(Acknowledgment(id=rule, reason=reason) for rule, reason in reasons.items())
    )


def object_wildcard(bucket: s3.IBucket, prefix: str) -> str:
    """The IAM5 finding id of a grant on ``<bucket>/<prefix>*`` (cdk-nag names it by logical id)."""
    cfn = bucket.node.default_child
    assert isinstance(cfn, CfnResource)
    logical = Stack.of(bucket).resolve(cfn.logical_id)
    return f"AwsSolutions::AwsSolutions-IAM5[Resource::<{logical}.Arn>/{prefix}*]"


PREFIX_REASON = (
    "Object access is limited to one key prefix; object keys are per user and scan, so they "
    "cannot be listed in advance."
)
XRAY_REASON = "X-Ray PutTraceSegments/PutTelemetryRecords only accept Resource '*'."
