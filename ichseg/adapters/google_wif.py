"""Google credentials without a key: Workload Identity Federation from the AWS role.

The Lambda functions and the GPU task run as IAM roles. A Google workload identity pool with
an AWS provider trusts this AWS account; google-auth's external-account credential signs an
``sts:GetCallerIdentity`` request with the role's temporary AWS credentials (locally, nothing
is sent to AWS), Google's STS verifies it and returns a federated token, which is exchanged
for a short-lived token of the service account the pool may impersonate. No long-lived key
exists anywhere.

The AWS credentials come from boto3's chain (Lambda's environment, the ECS task-role
endpoint), not from the instance metadata service that google-auth's default AWS source
reads: ECS tasks are blocked from IMDS, and IMDS would give the instance role anyway.
"""

from __future__ import annotations

from typing import Any

#: The scope firebase-admin and Firestore need.
CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
AWS_SUBJECT_TOKEN_TYPE = "urn:ietf:params:aws:token-type:aws4_request"
GOOGLE_STS = "https://sts.googleapis.com/v1/token"


def impersonation_url(service_account: str) -> str:
    """IAM Credentials ``generateAccessToken`` URL of ``service_account`` (an e-mail)."""
    return (
        "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
        f"{service_account}:generateAccessToken"
    )


def workload_identity_credentials(
    audience: str, service_account: str, session: Any | None = None
) -> Any:
    """An external-account (AWS) credential for Firestore and firebase-admin.

    Args:
        audience: The provider's full name,
            ``//iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>``.
        service_account: The service account to impersonate (its e-mail); empty to use the
            federated identity directly (grant the pool's principal the roles instead).
        session: A boto3 session (default: a new one, the standard credential chain).

    Returns:
        A ``google.auth.aws.Credentials``.
    """
    import boto3
    from google.auth import aws

    boto = session if session is not None else boto3.Session()

    class Boto3Supplier(aws.AwsSecurityCredentialsSupplier):
        """The role's current credentials and region, from boto3."""

        def get_aws_security_credentials(self, context: Any, request: Any) -> Any:
            creds = boto.get_credentials()
            if creds is None:
                raise RuntimeError("no AWS credentials for Workload Identity Federation")
            frozen = creds.get_frozen_credentials()
            return aws.AwsSecurityCredentials(frozen.access_key, frozen.secret_key, frozen.token)

        def get_aws_region(self, context: Any, request: Any) -> str:
            region = boto.region_name
            if not region:
                raise RuntimeError("no AWS region for Workload Identity Federation")
            return str(region)

    kwargs: dict[str, Any] = {}
    if service_account:
        kwargs["service_account_impersonation_url"] = impersonation_url(service_account)
    return aws.Credentials(
        audience=audience,
        subject_token_type=AWS_SUBJECT_TOKEN_TYPE,
        token_url=GOOGLE_STS,
        aws_security_credentials_supplier=Boto3Supplier(),
        scopes=[CLOUD_PLATFORM],
        **kwargs,
    )


def firebase_credential(google_credentials: Any) -> Any:
    """A firebase-admin credential backed by any google-auth credential."""
    from firebase_admin import credentials

    class _Federated(credentials.Base):
        def get_credential(self) -> Any:
            return google_credentials

    return _Federated()
