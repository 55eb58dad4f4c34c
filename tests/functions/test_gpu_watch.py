"""GPU jobs end in a visible state: canned ECS task-state events, overdue tasks on moto ECS."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from aws_helpers import load_event

from functions.gpu_watch import handler
from ichseg.adapters.memory import MemoryScanIndex
from ichseg.cloud.gpu_jobs import GpuJobDeps, handle_task_stopped, stop_overdue_tasks

KEY = "uploads/user-a/big1/head.nii.gz"
TASK = "arn:aws:ecs:us-east-1:123456789012:task/ichseg-gpu/t1"


def stopped_event(task_id: str = "t1", **detail: Any) -> dict[str, Any]:
    event = load_event("ecs_task_stopped", SRCKEY=KEY, SRCVERSION="v1", TASKID=task_id)
    for name, value in detail.items():
        if value is None:
            event["detail"].pop(name, None)
        else:
            event["detail"][name] = value
    return event


def queued(index: MemoryScanIndex, task_arn: str = TASK, status: str = "queued") -> None:
    index.set_scan(
        "user-a",
        "big1",
        {
            "status": status,
            "runner": "gpu",
            "task_arn": task_arn,
            "source": {"bucket": "ichseg-uploads", "key": KEY, "version_id": "v1"},
            "updated_at": datetime.now(UTC),
        },
    )


@pytest.fixture
def deps() -> GpuJobDeps:
    index = MemoryScanIndex()
    queued(index)
    return GpuJobDeps(index=index, timeout_s=3600)


def container(exit_code: int | None = None, reason: str | None = None) -> list[dict[str, Any]]:
    c: dict[str, Any] = {"name": "segment", "lastStatus": "STOPPED"}
    if exit_code is not None:
        c["exitCode"] = exit_code
    if reason is not None:
        c["reason"] = reason
    return [c]


def test_an_oom_killed_task_marks_its_queued_scan_failed(deps):
    event = stopped_event(
        containers=container(137, "OutOfMemoryError: Container killed due to memory usage")
    )
    outcome = handle_task_stopped(event, deps)
    doc = deps.index.get_scan("user-a", "big1")
    assert outcome.action == "marked"
    assert doc["status"] == "failed" and doc["error_code"] == "out_of_memory"
    assert "more memory" in doc["error"]


def test_a_task_that_never_found_gpu_capacity_marks_its_scan_failed(deps):
    event = stopped_event(
        stopCode="TaskFailedToStart",
        stoppedReason="Capacity provider IchsegGpuCapacity: no container instance met requirements",
        startedAt=None,
        containers=container(),
    )
    handle_task_stopped(event, deps)
    doc = deps.index.get_scan("user-a", "big1")
    assert doc["status"] == "failed" and doc["error_code"] == "gpu_unavailable"
    assert "no GPU worker could be started" in doc["error"]
    assert "Capacity provider" in doc["error"]


def test_a_non_zero_exit_marks_a_scan_that_is_still_processing(deps):
    queued(deps.index, status="processing")
    handle_task_stopped(stopped_event(containers=container(139)), deps)
    doc = deps.index.get_scan("user-a", "big1")
    assert doc["status"] == "failed" and "exit code 139" in doc["error"]


def test_an_interrupted_instance_marks_the_scan_failed(deps):
    event = stopped_event(
        stopCode="TerminationNotice",
        stoppedReason="Host EC2 instance terminated",
        containers=container(),
    )
    handle_task_stopped(event, deps)
    assert deps.index.get_scan("user-a", "big1")["error_code"] == "interrupted"


def test_a_clean_exit_leaves_the_scan_alone(deps):
    queued(deps.index, status="done")
    outcome = handle_task_stopped(stopped_event(containers=container(0)), deps)
    assert outcome.action == "ignored"
    assert deps.index.get_scan("user-a", "big1")["status"] == "done"


@pytest.mark.parametrize("status", ["done", "failed"])
def test_a_finished_scan_is_never_overwritten(deps, status):
    queued(deps.index, status=status)
    outcome = handle_task_stopped(stopped_event(containers=container(1)), deps)
    assert outcome.action == "kept"
    assert deps.index.get_scan("user-a", "big1")["status"] == status


def test_a_scan_now_run_by_another_task_is_kept(deps):
    queued(deps.index, task_arn="arn:aws:ecs:us-east-1:123456789012:task/ichseg-gpu/newer")
    outcome = handle_task_stopped(stopped_event(containers=container(1)), deps)
    assert outcome.action == "kept"
    assert deps.index.get_scan("user-a", "big1")["status"] == "queued"


def test_a_task_without_source_overrides_is_ignored(deps):
    event = stopped_event(containers=container(1), overrides={"containerOverrides": []})
    assert handle_task_stopped(event, deps).action == "ignored"


@pytest.fixture
def ecs(aws):
    import boto3

    ec2 = boto3.client("ec2", region_name="us-east-1")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]
    client = boto3.client("ecs", region_name="us-east-1")
    cluster = client.create_cluster(clusterName="ichseg-gpu")["cluster"]["clusterArn"]
    client.register_container_instance(
        cluster=cluster,
        instanceIdentityDocument=json.dumps({"instanceId": instance["InstanceId"]}),
    )
    client.register_task_definition(
        family="IchsegGpuTaskDef",
        networkMode="bridge",
        containerDefinitions=[
            {"name": "segment", "image": "ichseg:gpu", "essential": True, "memory": 256}
        ],
    )
    # moto leaves ``createdAt`` out of DescribeTasks; ECS always sends it.
    describe = client.describe_tasks
    created = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)

    def describe_with_created_at(**kwargs: Any) -> dict[str, Any]:
        resp = describe(**kwargs)
        for task in resp["tasks"]:
            task.setdefault("createdAt", created)
        return resp

    client.describe_tasks = describe_with_created_at
    return client, cluster


def run(client: Any, cluster: str, started_by: str = "ichseg-segment") -> str:
    resp = client.run_task(
        cluster=cluster,
        taskDefinition="IchsegGpuTaskDef",
        launchType="EC2",
        startedBy=started_by,
        overrides={
            "containerOverrides": [
                {
                    "name": "segment",
                    "environment": [
                        {"name": "ICHSEG_SOURCE_BUCKET", "value": "ichseg-uploads"},
                        {"name": "ICHSEG_SOURCE_KEY", "value": KEY},
                        {"name": "ICHSEG_SOURCE_VERSION", "value": "v1"},
                    ],
                }
            ]
        },
    )
    return str(resp["tasks"][0]["taskArn"])


def test_an_overdue_task_is_stopped_and_its_stop_event_fails_the_scan(ecs, deps):
    from ichseg.adapters.ecs_tasks import EcsTaskControl

    client, cluster = ecs
    arn = run(client, cluster)
    other = run(client, cluster, started_by="someone-else")
    queued(deps.index, task_arn=arn)
    control = EcsTaskControl(client, cluster)
    created = next(iter(control.unfinished_tasks())).created_at

    assert stop_overdue_tasks(control, created + 600, timeout_s=3600) == []
    assert stop_overdue_tasks(control, created + 3601, timeout_s=3600) == [arn]

    (task,) = client.describe_tasks(cluster=cluster, tasks=[arn])["tasks"]
    assert task["desiredStatus"] == "STOPPED"
    assert client.describe_tasks(cluster=cluster, tasks=[other])["tasks"][0]["desiredStatus"] == (
        "RUNNING"
    )
    # The STOPPED event ECS then emits carries the task as DescribeTasks shows it.
    detail = json.loads(json.dumps(task, default=str))
    detail.update(lastStatus="STOPPED", containers=container(137))
    event = {"detail-type": "ECS Task State Change", "source": "aws.ecs", "detail": detail}
    handle_task_stopped(event, deps)
    doc = deps.index.get_scan("user-a", "big1")
    assert doc["status"] == "failed" and doc["error_code"] == "timeout"
    assert "60-minute limit" in doc["error"]


def test_handler_counts_the_failure_and_marks_the_scan(deps, lambda_context, monkeypatch, capsys):
    monkeypatch.setattr(handler, "get_deps", lambda: (deps, None))
    event = stopped_event(containers=container(137, "OutOfMemoryError: killed"))

    result = handler.lambda_handler(event, lambda_context)

    assert result["action"] == "marked"
    emf = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    assert any(m.get("GpuTaskFailures") == [1.0] or m.get("GpuTaskFailures") == 1.0 for m in emf)
    assert emf[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Ichseg"


def test_handler_sweeps_on_the_schedule(ecs, deps, lambda_context, monkeypatch):
    from ichseg.adapters.ecs_tasks import EcsTaskControl

    client, cluster = ecs
    arn = run(client, cluster)
    monkeypatch.setattr(handler, "get_deps", lambda: (deps, EcsTaskControl(client, cluster)))
    monkeypatch.setattr(handler.time, "time", lambda: 4e9)

    result = handler.lambda_handler(load_event("scheduled_event"), lambda_context)

    assert result == {"stopped": [arn]}
