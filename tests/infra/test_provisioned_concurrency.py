"""Provisioned concurrency for the segment function: off by default; when set, uploads invoke
a ``live`` alias whose environments Lambda keeps initialised, with the same retries."""

from __future__ import annotations

from typing import Any

import pytest
from cfn_template import as_json, logical_id, resources

from infra.config import InfraConfig


def segment_function(template: Any) -> str:
    return logical_id(template, "AWS::Lambda::Function", "Processing/Segment/Resource")


def notified_arns(template: Any) -> list[Any]:
    (notif,) = resources(template, "Custom::S3BucketNotifications").values()
    configs = notif["Properties"]["NotificationConfiguration"]["LambdaFunctionConfigurations"]
    return [c["LambdaFunctionArn"] for c in configs]


def test_by_default_uploads_invoke_the_function_and_nothing_is_provisioned(template):
    fn = segment_function(template)
    assert InfraConfig().segment_provisioned_concurrency == 0
    assert resources(template, "AWS::Lambda::Alias") == {}
    assert set(map(str, notified_arns(template))) == {str({"Fn::GetAtt": [fn, "Arn"]})}


@pytest.fixture(scope="module")
def provisioned(synth_with: Any) -> dict[str, Any]:
    return synth_with(segment_provisioned_concurrency=2)


def test_provisioned_environments_serve_every_upload_with_the_same_retries(provisioned):
    fn = segment_function(provisioned)
    ((alias_id, alias),) = resources(provisioned, "AWS::Lambda::Alias").items()
    props = alias["Properties"]
    assert props["Name"] == "live" and props["FunctionName"] == {"Ref": fn}
    assert props["ProvisionedConcurrencyConfig"] == {"ProvisionedConcurrentExecutions": 2}
    (version,) = resources(provisioned, "AWS::Lambda::Version")
    assert props["FunctionVersion"] == {"Fn::GetAtt": [version, "Version"]}
    assert notified_arns(provisioned) and all(
        arn == {"Ref": alias_id} for arn in notified_arns(provisioned)
    )
    permissions = resources(provisioned, "AWS::Lambda::Permission").values()
    assert any(
        p["Properties"]["FunctionName"] == {"Ref": alias_id}
        and p["Properties"]["Principal"] == "s3.amazonaws.com"
        for p in permissions
    )
    invoke = {
        "live" if alias_id in str(c["Properties"]["Qualifier"]) else c["Properties"]["Qualifier"]: (
            c["Properties"]
        )
        for c in resources(provisioned, "AWS::Lambda::EventInvokeConfig").values()
        if c["Properties"]["FunctionName"] == {"Ref": fn}
    }
    assert set(invoke) == {"$LATEST", "live"}
    assert invoke["live"]["MaximumRetryAttempts"] == invoke["$LATEST"]["MaximumRetryAttempts"]
    assert (
        invoke["live"]["MaximumEventAgeInSeconds"] == invoke["$LATEST"]["MaximumEventAgeInSeconds"]
    )
    function = as_json(provisioned)["Resources"][fn]["Properties"]
    assert "DeadLetterConfig" in function  # published with the version the alias points to


def test_provisioned_concurrency_cannot_exceed_the_reserved_concurrency():
    assert InfraConfig(segment_provisioned_concurrency=3).segment_provisioned_concurrency == 3
    with pytest.raises(ValueError, match="segment_reserved_concurrency"):
        InfraConfig(segment_reserved_concurrency=2, segment_provisioned_concurrency=3)
    with pytest.raises(ValueError):
        InfraConfig(segment_provisioned_concurrency=-1)
