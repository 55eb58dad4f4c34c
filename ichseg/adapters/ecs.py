"""ECS adapter: start the GPU segmentation task for one uploaded object."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ichseg.errors import TransientError
from ichseg.ports import STARTED_BY

#: Environment variables the GPU task reads (see ``functions/gpu_task/main.py``).
ENV_BUCKET = "ICHSEG_SOURCE_BUCKET"
ENV_KEY = "ICHSEG_SOURCE_KEY"
ENV_VERSION = "ICHSEG_SOURCE_VERSION"


class EcsTaskLauncher:
    """Runs the GPU task definition with the object's bucket, key and version as overrides.

    Args:
        client: A boto3 ECS client.
        cluster: Cluster name or ARN.
        task_definition: Task definition family, family:revision or ARN.
        container_name: The container that receives the environment overrides.
        capacity_provider: GPU capacity provider; empty uses the cluster default.
        subnets: Subnets for awsvpc networking; empty for bridge/host networking.
        security_groups: Security groups for awsvpc networking.
    """

    def __init__(
        self,
        client: Any,
        cluster: str,
        task_definition: str,
        container_name: str,
        capacity_provider: str = "",
        subnets: Sequence[str] = (),
        security_groups: Sequence[str] = (),
    ) -> None:
        self._ecs = client
        self._cluster = cluster
        self._task_definition = task_definition
        self._container = container_name
        self._capacity_provider = capacity_provider
        self._subnets = list(subnets)
        self._security_groups = list(security_groups)

    def request(self, bucket: str, key: str, version_id: str | None, token: str) -> dict[str, Any]:
        """The RunTask parameters for one object (``token`` becomes the client token)."""
        env = [
            {"name": ENV_BUCKET, "value": bucket},
            {"name": ENV_KEY, "value": key},
            {"name": ENV_VERSION, "value": version_id or ""},
        ]
        params: dict[str, Any] = {
            "cluster": self._cluster,
            "taskDefinition": self._task_definition,
            "count": 1,
            "startedBy": STARTED_BY,  # the task-state rule and the watcher filter on it
            "clientToken": token[:64],
            "overrides": {"containerOverrides": [{"name": self._container, "environment": env}]},
        }
        if self._capacity_provider:
            params["capacityProviderStrategy"] = [
                {"capacityProvider": self._capacity_provider, "weight": 1}
            ]
        if self._subnets:
            params["networkConfiguration"] = {
                "awsvpcConfiguration": {
                    "subnets": self._subnets,
                    "securityGroups": self._security_groups,
                    "assignPublicIp": "DISABLED",
                }
            }
        return params

    def launch(self, bucket: str, key: str, version_id: str | None, token: str) -> str:
        """Start the task and return its ARN.

        Raises:
            TransientError: ECS could not place the task (no GPU capacity yet, etc.) or
                refused the request (the event is retried).
        """
        try:
            resp = self._ecs.run_task(**self.request(bucket, key, version_id, token))
        except (ClientError, BotoCoreError) as exc:
            raise TransientError(f"ECS RunTask failed: {type(exc).__name__}: {exc}") from exc
        tasks = resp.get("tasks") or []
        if not tasks:
            reasons = "; ".join(
                f"{f.get('arn', '')} {f.get('reason', '')}".strip()
                for f in resp.get("failures") or []
            )
            raise TransientError(f"RunTask placed no task: {reasons or 'no reason given'}")
        arn: str = tasks[0]["taskArn"]
        return arn
