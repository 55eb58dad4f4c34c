"""CloudFormation assertions on the synthesized stack: security, wiring, GPU, least privilege."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Match
from cfn_template import logical_id, resources

from ichseg.cloud.settings import CloudSettings
from infra.config import InfraConfig


def role_statements(template: Any, role_id: str) -> list[dict[str, Any]]:
    out = []
    for res in resources(template, "AWS::IAM::Policy").values():
        roles = res["Properties"].get("Roles", [])
        if {"Ref": role_id} in roles:
            out += res["Properties"]["PolicyDocument"]["Statement"]
    return out


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_data_buckets_are_private_encrypted_versioned_and_logged(template):
    for name in ("Storage/Uploads", "Storage/Results"):
        lid = logical_id(template, "AWS::S3::Bucket", name + "/Resource")
        props = resources(template, "AWS::S3::Bucket")[lid]["Properties"]
        sse = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert sse["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
        assert "KMSMasterKeyID" in sse["ServerSideEncryptionByDefault"]
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        assert props["VersioningConfiguration"] == {"Status": "Enabled"}
        assert "DestinationBucketName" in props["LoggingConfiguration"]
        rule = props["LifecycleConfiguration"]["Rules"][0]
        assert rule["Status"] == "Enabled" and rule["ExpirationInDays"] > 0
        assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] > 0
        cors = props["CorsConfiguration"]["CorsRules"][0]
        assert cors["AllowedOrigins"] == [InfraConfig().app_origin]


def test_every_bucket_refuses_plain_http(template):
    buckets = set(resources(template, "AWS::S3::Bucket"))
    denied = set()
    for policy in resources(template, "AWS::S3::BucketPolicy").values():
        for st in policy["Properties"]["PolicyDocument"]["Statement"]:
            if (
                st["Effect"] == "Deny"
                and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
            ):
                denied.add(policy["Properties"]["Bucket"]["Ref"])
    assert denied == buckets


def test_uploads_trigger_the_segment_function_with_prefix_and_suffix_filters(template):
    fn = logical_id(template, "AWS::Lambda::Function", "Processing/Segment/Resource")
    uploads = logical_id(template, "AWS::S3::Bucket", "Storage/Uploads/Resource")
    (notif,) = resources(template, "Custom::S3BucketNotifications").values()
    assert notif["Properties"]["BucketName"] == {"Ref": uploads}
    configs = notif["Properties"]["NotificationConfiguration"]["LambdaFunctionConfigurations"]
    suffixes = set()
    for cfg in configs:
        assert cfg["Events"] == ["s3:ObjectCreated:*"]
        assert cfg["LambdaFunctionArn"] == {"Fn::GetAtt": [fn, "Arn"]}
        rules = {r["Name"]: r["Value"] for r in cfg["Filter"]["Key"]["FilterRules"]}
        assert rules["prefix"] == "uploads/"
        suffixes.add(rules["suffix"])
    assert suffixes == set(InfraConfig().upload_suffixes)


def test_segment_function_retries_then_dead_letters_with_bounded_concurrency(template):
    fn = logical_id(template, "AWS::Lambda::Function", "Processing/Segment/Resource")
    dlq = logical_id(template, "AWS::SQS::Queue", "Processing/Dlq/Resource")
    props = resources(template, "AWS::Lambda::Function")[fn]["Properties"]
    assert props["DeadLetterConfig"] == {"TargetArn": {"Fn::GetAtt": [dlq, "Arn"]}}
    assert props["ReservedConcurrentExecutions"] == InfraConfig().segment_reserved_concurrency
    assert props["PackageType"] == "Image"
    template.has_resource_properties(
        "AWS::Lambda::EventInvokeConfig",
        {"FunctionName": {"Ref": fn}, "MaximumRetryAttempts": 2},
    )
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [dlq, "QueueName"]}}],
            "AlarmActions": Match.any_value(),
        },
    )


def test_gpu_task_requires_one_gpu_on_gpu_capacity_that_scales_from_zero(template):
    (taskdef,) = resources(template, "AWS::ECS::TaskDefinition").values()
    (container,) = taskdef["Properties"]["ContainerDefinitions"]
    assert container["Name"] == "segment"
    assert {"Type": "GPU", "Value": "1"} in container["ResourceRequirements"]
    assert taskdef["Properties"]["RequiresCompatibilities"] == ["EC2"]
    (lt,) = resources(template, "AWS::EC2::LaunchTemplate").values()
    data = lt["Properties"]["LaunchTemplateData"]
    assert data["InstanceType"] == InfraConfig().gpu_instance_type
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    assert data["BlockDeviceMappings"][0]["Ebs"]["Encrypted"] is True
    assert "gpu" in json.dumps(template.to_json()["Parameters"]).lower()
    (asg,) = resources(template, "AWS::AutoScaling::AutoScalingGroup").values()
    assert asg["Properties"]["MinSize"] == "0"
    template.has_resource_properties(
        "AWS::ECS::CapacityProvider",
        {"AutoScalingGroupProvider": {"ManagedScaling": {"Status": "ENABLED"}}},
    )


def test_gpu_task_batches_more_slices_per_call_than_the_lambda(template):
    """The GPU task raises the per-call pixel cap; the Lambda keeps the one-slice default."""
    config = InfraConfig()
    (taskdef,) = resources(template, "AWS::ECS::TaskDefinition").values()
    env = {
        e["Name"]: e["Value"]
        for e in taskdef["Properties"]["ContainerDefinitions"][0]["Environment"]
    }
    assert env["ICHSEG_MAX_BATCH_PIXELS"] == str(config.gpu_max_batch_pixels)
    assert env["ICHSEG_BATCH_SIZE"] == str(config.gpu_batch_size)
    assert config.gpu_max_batch_pixels > CloudSettings().max_batch_pixels
    fn = logical_id(template, "AWS::Lambda::Function", "Processing/Segment/Resource")
    fn_env = resources(template, "AWS::Lambda::Function")[fn]["Properties"]["Environment"]
    assert "ICHSEG_MAX_BATCH_PIXELS" not in fn_env["Variables"]


def test_segment_function_reads_uploads_and_writes_results_nothing_more(template):
    fn = logical_id(template, "AWS::Lambda::Function", "Processing/Segment/Resource")
    role = resources(template, "AWS::Lambda::Function")[fn]["Properties"]["Role"]["Fn::GetAtt"][0]
    uploads = logical_id(template, "AWS::S3::Bucket", "Storage/Uploads/Resource")
    results = logical_id(template, "AWS::S3::Bucket", "Storage/Results/Resource")
    s3_grants: dict[str, set[str]] = {}
    for st in role_statements(template, role):
        assert st["Effect"] == "Allow"
        actions = as_list(st["Action"])
        assert not any(a in ("*", "s3:*") or a.startswith("s3:Delete") for a in actions)
        s3_actions = [a for a in actions if a.startswith("s3:")]
        if not s3_actions:
            continue
        for res in as_list(st["Resource"]):
            assert res != "*", st
            s3_grants.setdefault(json.dumps(res, sort_keys=True), set()).update(s3_actions)

    def obj(bucket: str, prefix: str) -> str:
        return json.dumps(
            {"Fn::Join": ["", [{"Fn::GetAtt": [bucket, "Arn"]}, f"/{prefix}*"]]}, sort_keys=True
        )

    assert s3_grants == {
        obj(uploads, "uploads/"): {"s3:GetObject", "s3:GetObjectVersion"},
        obj(results, "results/"): {"s3:GetObject", "s3:PutObject"},
        json.dumps({"Fn::GetAtt": [results, "Arn"]}, sort_keys=True): {"s3:ListBucket"},
    }
    run_task = [
        st for st in role_statements(template, role) if "ecs:RunTask" in as_list(st["Action"])
    ]
    assert len(run_task) == 1 and run_task[0]["Resource"] != "*"
    assert "ecs:cluster" in json.dumps(run_task[0]["Condition"])


def test_upload_api_can_only_sign_list_and_delete_within_its_prefixes(template):
    fn = logical_id(template, "AWS::Lambda::Function", "Api/UploadApi/Resource")
    role = resources(template, "AWS::Lambda::Function")[fn]["Properties"]["Role"]["Fn::GetAtt"][0]
    s3_statements = [
        st
        for st in role_statements(template, role)
        if any(a.startswith("s3:") for a in as_list(st["Action"]))
    ]
    by_sid = {st["Sid"]: st for st in s3_statements}
    assert set(by_sid) == {
        "SignUploads",
        "SignResultLinks",
        "DeleteUploads",
        "DeleteResults",
        "ListVersionsOfUploads",
        "ListVersionsOfResults",
    }
    assert by_sid["SignUploads"]["Action"] == "s3:PutObject"
    assert "/uploads/*" in json.dumps(by_sid["SignUploads"]["Resource"])
    assert by_sid["SignResultLinks"]["Action"] == "s3:GetObject"
    assert "/results/*" in json.dumps(by_sid["SignResultLinks"]["Resource"])
    for name, prefix in (("Uploads", "uploads/"), ("Results", "results/")):
        delete = by_sid[f"Delete{name}"]
        assert sorted(as_list(delete["Action"])) == ["s3:DeleteObject", "s3:DeleteObjectVersion"]
        bucket_arn, suffix = delete["Resource"]["Fn::Join"][1]
        assert bucket_arn["Fn::GetAtt"][0].startswith(f"Storage{name}")
        assert suffix == f"/{prefix}*"
        listing = by_sid[f"ListVersionsOf{name}"]
        assert listing["Action"] == "s3:ListBucketVersions"
        assert listing["Resource"] == bucket_arn
        assert listing["Condition"] == {"StringLike": {"s3:prefix": [f"{prefix}*"]}}


def test_http_api_routes_require_a_firebase_jwt(template):
    config = InfraConfig()
    (auth,) = resources(template, "AWS::ApiGatewayV2::Authorizer").values()
    assert auth["Properties"]["AuthorizerType"] == "JWT"
    assert auth["Properties"]["JwtConfiguration"] == {
        "Audience": [config.firebase_project_id],
        "Issuer": f"https://securetoken.google.com/{config.firebase_project_id}",
    }
    routes = resources(template, "AWS::ApiGatewayV2::Route").values()
    assert sorted(r["Properties"]["RouteKey"] for r in routes) == [
        "DELETE /scans/{scan_id}",
        "GET /scans",
        "PATCH /scans/{scan_id}",
        "POST /scans/{scan_id}/links",
        "POST /uploads",
    ]
    assert all(r["Properties"]["AuthorizationType"] == "JWT" for r in routes)
    (stage,) = resources(template, "AWS::ApiGatewayV2::Stage").values()
    assert "DestinationArn" in stage["Properties"]["AccessLogSettings"]


def test_function_environment_names_are_real_settings(template):
    fields = set(CloudSettings.model_fields)
    for res in resources(template, "AWS::Lambda::Function").values():
        env = res["Properties"].get("Environment", {}).get("Variables", {})
        for name in env:
            if name.startswith("ICHSEG_"):
                assert name.removeprefix("ICHSEG_").lower() in fields, name
    (taskdef,) = resources(template, "AWS::ECS::TaskDefinition").values()
    env = taskdef["Properties"]["ContainerDefinitions"][0]["Environment"]
    names = {e["Name"] for e in env if e["Name"].startswith("ICHSEG_")}
    assert names and {n.removeprefix("ICHSEG_").lower() for n in names} <= fields


def test_secret_value_is_not_in_the_template(template):
    (secret,) = resources(template, "AWS::SecretsManager::Secret").values()
    assert "SecretString" not in secret["Properties"]
    assert "KmsKeyId" in secret["Properties"]


def test_image_assets_are_staged_small_without_big_folders(synth):
    assets = [p for p in synth.outdir.glob("asset.*") if (p / "pyproject.toml").exists()]
    assert assets, "no image asset staged"
    for asset in assets:
        names = {p.name for p in asset.iterdir()}
        allowed = {"pyproject.toml", "uv.lock", "README.md", "ichseg", "functions", ".dockerignore"}
        assert names <= allowed, names
        size = sum(f.stat().st_size for f in asset.rglob("*") if f.is_file())
        assert size < 50 * 1024 * 1024
        assert not any(".venv" in p.parts or "node_modules" in p.parts for p in asset.rglob("*"))


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"upload_suffixes": [".gz", ".nii.gz"]}, "overlapping"),
        ({"app_origin": "http://example.com"}, "https"),
        ({"no_such_setting": 1}, "Extra inputs"),
    ],
)
def test_bad_context_is_refused(override, message):
    with pytest.raises(ValueError, match=message):
        InfraConfig.from_context(override)


def test_dead_letter_consumer_reads_the_dlq_and_the_secret_nothing_more(template):
    fn = logical_id(template, "AWS::Lambda::Function", "Processing/DeadLetter/Resource")
    dlq = logical_id(template, "AWS::SQS::Queue", "Processing/Dlq/Resource")
    secret = logical_id(template, "AWS::SecretsManager::Secret", "Secrets/FirebaseServiceAccount")
    key = logical_id(template, "AWS::KMS::Key", "Storage/")
    props = resources(template, "AWS::Lambda::Function")[fn]["Properties"]
    assert props["PackageType"] == "Image"
    assert props["ImageConfig"]["Command"] == ["functions.dead_letter.handler.lambda_handler"]
    assert 1 <= props["ReservedConcurrentExecutions"] <= 5
    assert set(props["Environment"]["Variables"]) == {
        "ICHSEG_FIREBASE_PROJECT_ID",
        "ICHSEG_FIREBASE_SECRET_ID",
        "POWERTOOLS_SERVICE_NAME",
    }
    (mapping,) = [
        m["Properties"]
        for m in resources(template, "AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["FunctionName"] == {"Ref": fn}
    ]
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [dlq, "Arn"]}
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    queue = resources(template, "AWS::SQS::Queue")[dlq]["Properties"]
    assert queue["VisibilityTimeout"] >= 6 * props["Timeout"]

    role = props["Role"]["Fn::GetAtt"][0]
    grants: dict[str, set[str]] = {}
    for st in role_statements(template, role):
        assert st["Effect"] == "Allow"
        for res in as_list(st["Resource"]):
            grants.setdefault(json.dumps(res, sort_keys=True), set()).update(as_list(st["Action"]))
    xray = grants.pop('"*"')
    assert all(a.startswith("xray:") for a in xray)
    actions = set().union(*grants.values())
    assert not any(a.startswith(("s3:", "dynamodb:", "ecs:", "iam:")) for a in actions)
    assert "sqs:SendMessage" not in actions
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage"} <= grants[
        json.dumps({"Fn::GetAtt": [dlq, "Arn"]}, sort_keys=True)
    ]
    assert {"secretsmanager:GetSecretValue"} <= grants[json.dumps({"Ref": secret})]
    assert grants[json.dumps({"Fn::GetAtt": [key, "Arn"]}, sort_keys=True)] == {"kms:Decrypt"}
    assert len(grants) == 3, sorted(grants)
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "MetricName": "Errors",
            "Dimensions": [{"Name": "FunctionName", "Value": {"Ref": fn}}],
            "AlarmActions": Match.any_value(),
        },
    )
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "MetricName": "NumberOfMessagesSent",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [dlq, "QueueName"]}}],
            "AlarmActions": Match.any_value(),
        },
    )
