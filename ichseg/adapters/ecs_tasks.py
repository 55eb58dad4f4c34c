"""ECS adapter for the GPU-job watcher: list the unfinished GPU tasks, stop one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ichseg.ports import STARTED_BY, RunningTask


class EcsTaskControl:
    """The GPU tasks the segment function started in one cluster.

    Args:
        client: A boto3 ECS client.
        cluster: Cluster name or ARN.
        started_by: The ``startedBy`` the launcher gives its tasks.
    """

    def __init__(self, client: Any, cluster: str, started_by: str = STARTED_BY) -> None:
        self._ecs = client
        self._cluster = cluster
        self._started_by = started_by

    def unfinished_tasks(self) -> Iterator[RunningTask]:
        """Tasks whose desired status is RUNNING (provisioning, pending or running)."""
        arns: list[str] = []
        for page in self._ecs.get_paginator("list_tasks").paginate(
            cluster=self._cluster, startedBy=self._started_by, desiredStatus="RUNNING"
        ):
            arns.extend(page.get("taskArns") or [])
        for i in range(0, len(arns), 100):
            resp = self._ecs.describe_tasks(cluster=self._cluster, tasks=arns[i : i + 100])
            for task in resp.get("tasks") or []:
                created = task.get("createdAt")
                if isinstance(created, datetime):
                    yield RunningTask(arn=task["taskArn"], created_at=created.timestamp())

    def stop(self, arn: str, reason: str) -> None:
        """Stop ``arn``; ECS reports ``reason`` as the task's ``stoppedReason``."""
        self._ecs.stop_task(cluster=self._cluster, task=arn, reason=reason[:255])
