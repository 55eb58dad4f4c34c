"""Secrets: the Firebase service-account JSON, filled in after deploy, read at run time."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.constructs.nag import acknowledge

ROTATION_REASON = (
    "A Google service-account key cannot be rotated by a Secrets Manager rotation Lambda; it "
    "is rotated in Google Cloud and written here with put-secret-value."
)


class Secrets(Construct):
    """The Firebase service-account secret (never in the image or the repository).

    Attributes:
        firebase: The secret; set its value with
            ``aws secretsmanager put-secret-value --secret-id <arn> --secret-string file://sa.json``.
    """

    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey) -> None:
        super().__init__(scope, construct_id)
        self.firebase = secretsmanager.Secret(
            self,
            "FirebaseServiceAccount",
            description="Firebase service-account JSON for Firestore and ID-token checks",
            encryption_key=key,
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            self.firebase,
            {
                "AwsSolutions::AwsSolutions-SMG4": ROTATION_REASON,
                "HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled": ROTATION_REASON,
            },
        )

    def grant_read(self, grantee: iam.IGrantable) -> None:
        """Let ``grantee`` read the secret value."""
        self.firebase.grant_read(grantee)
