"""S3, ECS and Secrets Manager adapters on moto / botocore stubs."""

from __future__ import annotations

import json

import pytest
from botocore.stub import Stubber

from ichseg.errors import LimitExceeded, TransientError


@pytest.fixture
def s3(monkeypatch):
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="bkt-a")
        client.put_bucket_versioning(Bucket="bkt-a", VersioningConfiguration={"Status": "Enabled"})
        yield client


def test_download_refuses_more_than_the_cap_and_keeps_the_version(s3, tmp_path):
    from ichseg.adapters.s3 import S3BlobStore

    store = S3BlobStore(s3, "bkt-a")
    v1 = s3.put_object(Bucket="bkt-a", Key="k", Body=b"first")["VersionId"]
    s3.put_object(Bucket="bkt-a", Key="k", Body=b"second version")
    out = tmp_path / "f"

    store.download("k", str(out), max_bytes=5, version_id=v1)
    assert out.read_bytes() == b"first"
    with pytest.raises(LimitExceeded, match="limit"):
        store.download("k", str(out), max_bytes=5)


def test_head_distinguishes_missing_from_present(s3, tmp_path):
    from ichseg.adapters.s3 import S3BlobStore

    store = S3BlobStore(s3, "bkt-a")
    assert store.head("nope") is None
    assert not store.exists("nope")
    path = tmp_path / "r.json"
    path.write_text("{}")
    store.upload("r.json", str(path), "application/json", {"source-version": "v1"})
    info = store.head("r.json")
    assert info.size == 2 and info.metadata == {"source-version": "v1"}
    assert info.content_type == "application/json"
    assert store.get_bytes("r.json", 10) == b"{}"
    with pytest.raises(LimitExceeded):
        store.get_bytes("r.json", 1)


def test_presigned_post_refuses_a_key_outside_its_prefix(s3):
    from ichseg.adapters.s3 import S3BlobStore

    with pytest.raises(ValueError, match="outside"):
        S3BlobStore(s3, "bkt-a").presign_post(
            "uploads/b/x", "uploads/a/", "application/zip", 10, 60
        )


def test_delete_all_removes_every_version_and_marker_under_the_prefix_only(s3):
    from ichseg.adapters.s3 import S3BlobStore

    store = S3BlobStore(s3, "bkt-a")
    for i in range(3):
        s3.put_object(Bucket="bkt-a", Key="p/a/x.png", Body=b"%d" % i)
    s3.delete_object(Bucket="bkt-a", Key="p/a/x.png")
    s3.put_object(Bucket="bkt-a", Key="p/a/deep/y.json", Body=b"{}")
    s3.put_object(Bucket="bkt-a", Key="p/ab/keep", Body=b"k")

    assert store.delete_all("p/a/") == 5
    versions = s3.list_object_versions(Bucket="bkt-a")
    left = [v["Key"] for v in [*versions.get("Versions", []), *versions.get("DeleteMarkers", [])]]
    assert left == ["p/ab/keep"]
    assert store.delete_all("p/a/") == 0
    with pytest.raises(ValueError, match="whole bucket"):
        store.delete_all("")


def test_delete_all_in_an_unversioned_bucket_removes_the_objects(s3):
    from ichseg.adapters.s3 import S3BlobStore

    s3.create_bucket(Bucket="bkt-plain")
    store = S3BlobStore(s3, "bkt-plain")
    s3.put_object(Bucket="bkt-plain", Key="r/1", Body=b"1")

    assert store.delete_all("r/") == 1
    assert "Contents" not in s3.list_objects_v2(Bucket="bkt-plain")


def test_memory_index_delete_removes_only_that_document_and_tolerates_a_missing_one():
    from ichseg.adapters.memory import MemoryScanIndex

    index = MemoryScanIndex()
    index.set_scan("u", "s1", {"status": "done"})
    index.set_scan("u", "s2", {"status": "done"})
    index.set_scan("v", "s1", {"status": "done"})

    index.delete_scan("u", "s1")
    index.delete_scan("u", "s1")

    assert index.get_scan("u", "s1") is None
    assert [d["id"] for d in index.list_scans("u")] == ["s2"]
    assert index.get_scan("v", "s1") is not None


def test_run_task_without_placement_is_a_transient_error():
    import boto3

    from ichseg.adapters.ecs import EcsTaskLauncher

    ecs = boto3.client("ecs", region_name="us-east-1", aws_access_key_id="x",
                       aws_secret_access_key="x")  # fmt: skip
    launcher = EcsTaskLauncher(ecs, "c", "td", "segment")
    with Stubber(ecs) as stub:
        stub.add_response(
            "run_task", {"tasks": [], "failures": [{"arn": "i-1", "reason": "RESOURCE:GPU"}]}
        )
        with pytest.raises(TransientError, match="RESOURCE:GPU"):
            launcher.launch("b", "uploads/u/s/f.zip", None, "t")
    params = launcher.request("b", "k", None, "x" * 100)
    assert len(params["clientToken"]) == 64
    assert "networkConfiguration" not in params and "capacityProviderStrategy" not in params
    env = params["overrides"]["containerOverrides"][0]["environment"]
    assert {"name": "ICHSEG_SOURCE_VERSION", "value": ""} in env


def test_secret_is_cached_for_its_max_age_then_reread_and_must_be_a_json_object(monkeypatch):
    import boto3
    from moto import mock_aws

    from ichseg.adapters.secrets import SecretsManagerSource

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="fb", SecretString=json.dumps({"project_id": "p"}))
        sm.create_secret(Name="bad", SecretString="[1, 2]")
        source = SecretsManagerSource(sm, max_age_s=300)
        assert source.get_json("fb") == {"project_id": "p"}
        sm.put_secret_value(SecretId="fb", SecretString=json.dumps({"project_id": "q"}))
        assert source.get_json("fb") == {"project_id": "p"}  # cached within max_age
        # Past max_age the value is read again (a rotated secret is picked up).
        from datetime import datetime, timedelta

        from aws_lambda_powertools.utilities.parameters import base

        later = datetime.now() + timedelta(seconds=301)
        monkeypatch.setattr(
            base, "datetime", type("Later", (datetime,), {"now": staticmethod(lambda: later)})
        )
        assert source.get_json("fb") == {"project_id": "q"}
        with pytest.raises(ValueError, match="JSON object"):
            source.get_json("bad")


def test_settings_come_from_the_environment_not_import(monkeypatch):
    from ichseg.cloud.settings import CloudSettings

    monkeypatch.setenv("ICHSEG_ECS_SUBNETS", '["subnet-1", "subnet-2"]')
    monkeypatch.setenv("ICHSEG_LAMBDA_MAX_BYTES", "1234")
    settings = CloudSettings()
    assert settings.ecs_subnets == ["subnet-1", "subnet-2"]
    assert settings.lambda_max_bytes == 1234
    monkeypatch.setenv("ICHSEG_LINK_TTL_S", "99999999")
    with pytest.raises(ValueError):
        CloudSettings()
