"""No long-lived key: Google credentials by Workload Identity Federation from the AWS role."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest

from ichseg.cloud.settings import CloudSettings

AUDIENCE = (
    "//iam.googleapis.com/projects/123456789/locations/global/"
    "workloadIdentityPools/ichseg-aws/providers/aws-account"
)
SA = "ichseg-backend@ichseg-prod.iam.gserviceaccount.com"


@pytest.fixture
def session():
    import boto3

    return boto3.Session(
        aws_access_key_id="ASIAROLEKEY",
        aws_secret_access_key="role-secret",
        aws_session_token="role-session-token",
        region_name="eu-west-1",
    )


class FakeResponse:
    def __init__(self, body: dict[str, Any]) -> None:
        self.status = 200
        self.headers: dict[str, str] = {}
        self.data = json.dumps(body).encode()


class FakeGoogle:
    """Google's STS and IAM Credentials, as a google-auth transport; records the calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, url, method="GET", body=None, headers=None, timeout=None, **_):
        self.calls.append((url, method, body))
        if url.startswith("https://sts.googleapis.com/"):
            return FakeResponse(
                {"access_token": "federated", "issued_token_type": "x", "token_type": "Bearer",
                 "expires_in": 3600}
            )  # fmt: skip
        if "iamcredentials.googleapis.com" in url:
            return FakeResponse(
                {"accessToken": "impersonated", "expireTime": "2099-01-01T00:00:00Z"}
            )
        raise AssertionError(f"unexpected request to {url}")


def test_subject_token_is_the_roles_signed_get_caller_identity_made_locally(session):
    from ichseg.adapters.google_wif import workload_identity_credentials

    creds = workload_identity_credentials(AUDIENCE, SA, session=session)
    token = json.loads(urllib.parse.unquote(creds.retrieve_subject_token(FakeGoogle())))

    assert token["url"].startswith("https://sts.eu-west-1.amazonaws.com?Action=GetCallerIdentity")
    headers = {h["key"].lower(): h["value"] for h in token["headers"]}
    assert headers["x-goog-cloud-target-resource"] == AUDIENCE
    assert "Credential=ASIAROLEKEY/" in headers["authorization"]
    assert headers["x-amz-security-token"] == "role-session-token"


def test_refresh_exchanges_the_aws_identity_then_impersonates_the_service_account(session):
    from ichseg.adapters.google_wif import workload_identity_credentials

    creds = workload_identity_credentials(AUDIENCE, SA, session=session)
    google = FakeGoogle()
    creds.refresh(google)

    assert creds.token == "impersonated"
    (sts, iam) = google.calls
    form = urllib.parse.parse_qs(sts[2].decode() if isinstance(sts[2], bytes) else sts[2])
    assert form["audience"] == [AUDIENCE]
    assert form["subject_token_type"] == ["urn:ietf:params:aws:token-type:aws4_request"]
    assert iam[0].endswith(f"/serviceAccounts/{SA}:generateAccessToken")


def test_factory_prefers_federation_and_never_reads_the_key_secret(monkeypatch):
    from google.auth import aws

    from ichseg.cloud import factory

    def no_secrets(service: str) -> Any:
        raise AssertionError(f"{service} must not be called")

    monkeypatch.setattr(factory, "boto_client", no_secrets)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings = CloudSettings(
        google_wif_audience=AUDIENCE, google_service_account=SA, firebase_secret_id="arn:secret"
    )
    assert factory.firebase_service_account(settings) is None
    assert isinstance(factory.google_credentials(settings), aws.Credentials)
    assert factory.google_credentials(CloudSettings()) is None


def test_firebase_app_and_firestore_use_the_federated_credential(session, monkeypatch):
    monkeypatch.delenv("FIRESTORE_EMULATOR_HOST", raising=False)
    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
    from ichseg.adapters.firestore import firebase_app, firestore_client
    from ichseg.adapters.google_wif import workload_identity_credentials

    creds = workload_identity_credentials(AUDIENCE, SA, session=session)
    app = firebase_app("ichseg-wif-test", None, credentials=creds)
    assert app.credential.get_credential() is creds
    client = firestore_client("ichseg-wif-test", None, credentials=creds)
    assert client._credentials is creds
