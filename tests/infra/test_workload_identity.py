"""No long-lived key: with Workload Identity configured, no secret exists or is readable."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cfn_template import resources

from infra.config import InfraConfig

AUDIENCE = (
    "//iam.googleapis.com/projects/123456789/locations/global/"
    "workloadIdentityPools/ichseg-aws/providers/aws-account"
)
SA = "ichseg-backend@ichseg-dev.iam.gserviceaccount.com"


@pytest.fixture(scope="module")
def federated(synth_with: Any) -> dict[str, Any]:
    return synth_with(google_wif_audience=AUDIENCE, google_service_account=SA)


def envs(template: dict[str, Any]) -> list[dict[str, str]]:
    out = [
        fn["Properties"].get("Environment", {}).get("Variables", {})
        for fn in resources(template, "AWS::Lambda::Function").values()
    ]
    for task in resources(template, "AWS::ECS::TaskDefinition").values():
        env = task["Properties"]["ContainerDefinitions"][0]["Environment"]
        out.append({e["Name"]: e["Value"] for e in env})
    return out


def test_federated_stack_has_no_secret_and_no_secret_permissions(federated):
    types = {res["Type"] for res in federated["Resources"].values()}
    assert "AWS::SecretsManager::Secret" not in types
    assert "secretsmanager:" not in json.dumps(federated["Resources"])
    assert "FirebaseSecretArn" not in federated["Outputs"]


def test_every_google_caller_gets_the_audience_and_the_service_account(federated):
    callers = [e for e in envs(federated) if "ICHSEG_FIREBASE_PROJECT_ID" in e]
    assert len(callers) == 5  # segment, upload API, dead letters, GPU watcher, GPU task
    for env in callers:
        assert env["ICHSEG_GOOGLE_WIF_AUDIENCE"] == AUDIENCE
        assert env["ICHSEG_GOOGLE_SERVICE_ACCOUNT"] == SA
        assert "ICHSEG_FIREBASE_SECRET_ID" not in env
    roles = json.dumps(federated["Outputs"]["GoogleFederatedRoleArns"])
    assert roles.count("Arn") == 5


def test_the_key_secret_is_only_an_opt_in_fallback():
    assert InfraConfig(google_wif_audience=AUDIENCE).uses_key_secret is False
    assert InfraConfig(google_wif_audience=AUDIENCE, firebase_key_secret=True).uses_key_secret
    assert InfraConfig().uses_key_secret  # a development stack without federation
    with pytest.raises(ValueError, match="workloadIdentityPools"):
        InfraConfig(google_wif_audience="projects/1/pools/x")
