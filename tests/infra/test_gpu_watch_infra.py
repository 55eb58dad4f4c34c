"""GPU jobs that fail are seen: the task-state rule, the sweep, the alarm; the GPU instances."""

from __future__ import annotations

import json

from cfn_template import by_path, resources

from ichseg.cloud.telemetry import GPU_TASK_FAILURES, METRICS_NAMESPACE
from ichseg.ports import STARTED_BY
from infra.config import InfraConfig


def test_stopped_gpu_tasks_reach_the_watcher(template):
    watcher, _ = by_path(template, "AWS::Lambda::Function", "GpuWatch/Watch/")
    _, rule = by_path(template, "AWS::Events::Rule", "GpuWatch/TaskStopped")
    pattern = rule["Properties"]["EventPattern"]
    assert pattern["source"] == ["aws.ecs"]
    assert pattern["detail-type"] == ["ECS Task State Change"]
    assert pattern["detail"]["lastStatus"] == ["STOPPED"]
    assert pattern["detail"]["startedBy"] == [STARTED_BY]
    assert "Cluster" in json.dumps(pattern["detail"]["clusterArn"])
    (target,) = rule["Properties"]["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": [watcher, "Arn"]}
    assert target["RetryPolicy"]["MaximumRetryAttempts"] >= 1


def test_overdue_tasks_are_swept_on_a_schedule_with_the_configured_timeout(template):
    watcher, fn = by_path(template, "AWS::Lambda::Function", "GpuWatch/Watch/")
    _, sweep = by_path(template, "AWS::Events::Rule", "GpuWatch/Sweep")
    assert sweep["Properties"]["ScheduleExpression"].startswith("rate(")
    assert sweep["Properties"]["Targets"][0]["Arn"] == {"Fn::GetAtt": [watcher, "Arn"]}
    env = fn["Properties"]["Environment"]["Variables"]
    assert env["ICHSEG_GPU_TASK_TIMEOUT_S"] == str(InfraConfig().gpu_task_timeout_s)
    # The GPU task's lease is as long as its timeout (a hung task is not overtaken early).
    (taskdef,) = resources(template, "AWS::ECS::TaskDefinition").values()
    task_env = {
        e["Name"]: e["Value"]
        for e in taskdef["Properties"]["ContainerDefinitions"][0]["Environment"]
    }
    assert int(task_env["ICHSEG_LEASE_S"]) > InfraConfig().gpu_task_timeout_s
    assert task_env["ICHSEG_GPU_ALLOW_CPU"] == "false"


def test_the_watcher_may_only_list_describe_and_stop_tasks_in_the_gpu_cluster(template):
    _, fn = by_path(template, "AWS::Lambda::Function", "GpuWatch/Watch/")
    role = fn["Properties"]["Role"]["Fn::GetAtt"][0]
    statements = [
        s
        for res in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in res["Properties"].get("Roles", [])
        for s in res["Properties"]["PolicyDocument"]["Statement"]
    ]
    (ecs,) = [s for s in statements if "ecs:StopTask" in json.dumps(s["Action"])]
    assert set(ecs["Action"]) == {"ecs:ListTasks", "ecs:DescribeTasks", "ecs:StopTask"}
    assert "ecs:cluster" in json.dumps(ecs["Condition"])
    assert not any("s3:" in json.dumps(s["Action"]) for s in statements)


def test_gpu_task_failures_page_the_alarm_topic(template):
    alarms = resources(template, "AWS::CloudWatch::Alarm").values()
    (alarm,) = [a for a in alarms if a["Properties"].get("MetricName") == GPU_TASK_FAILURES]
    assert alarm["Properties"]["Namespace"] == METRICS_NAMESPACE
    assert alarm["Properties"]["Dimensions"] == [{"Name": "service", "Value": "ichseg-gpu-watch"}]
    assert alarm["Properties"]["AlarmActions"]


def test_gpu_instances_run_the_al2023_gpu_ami_and_block_imds_for_tasks(template):
    params = json.dumps(template.to_json()["Parameters"])
    assert "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/" in params
    assert "amazon-linux-2/" not in params
    (lt,) = resources(template, "AWS::EC2::LaunchTemplate").values()
    user_data = json.dumps(lt["Properties"]["LaunchTemplateData"]["UserData"])
    assert "ECS_AWSVPC_BLOCK_IMDS=true" in user_data
    assert "ECS_CLUSTER=" in user_data
