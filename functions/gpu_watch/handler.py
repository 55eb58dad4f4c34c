"""Lambda entry point: GPU tasks that end without a result become ``failed`` scans.

Two EventBridge rules invoke it (see ``infra/constructs/gpu_watch.py``):
    * *ECS Task State Change* with ``lastStatus = STOPPED`` for tasks the segment function
      started: a non-zero exit, an out-of-memory kill, a task that never started (no GPU
      capacity, instance quota) or an interrupted one marks its scan ``failed`` with a reason
      (:func:`ichseg.cloud.gpu_jobs.handle_task_stopped`) and counts ``GpuTaskFailures``;
    * a schedule: tasks older than the task timeout are stopped
      (:func:`ichseg.cloud.gpu_jobs.stop_overdue_tasks`); their STOPPED events follow.
"""

from __future__ import annotations

import functools
import time
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ichseg.cloud.factory import boto_client, scan_index
from ichseg.cloud.gpu_jobs import (
    GpuJobDeps,
    TaskControl,
    failure_of,
    handle_task_stopped,
    stop_overdue_tasks,
)
from ichseg.cloud.settings import CloudSettings
from ichseg.cloud.telemetry import GPU_TASK_FAILURES, METRICS_NAMESPACE

logger = Logger(service="ichseg-gpu-watch")
metrics = Metrics(namespace=METRICS_NAMESPACE, service="ichseg-gpu-watch")

TASK_STATE_CHANGE = "ECS Task State Change"
SCHEDULED = "Scheduled Event"


@functools.cache
def get_deps() -> tuple[GpuJobDeps, TaskControl]:
    """The scan index and the ECS task control, built on first use."""
    from ichseg.adapters.ecs_tasks import EcsTaskControl

    settings = CloudSettings()
    deps = GpuJobDeps(index=scan_index(settings), timeout_s=settings.gpu_task_timeout_s)
    return deps, EcsTaskControl(boto_client("ecs"), settings.ecs_cluster)


@logger.inject_lambda_context(log_event=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Handle one EventBridge event (a task state change, or the schedule's tick).

    Raises:
        Exception: A scan-index or ECS failure (EventBridge retries, then the rule's DLQ).
    """
    deps, control = get_deps()
    kind = event.get("detail-type")
    if kind == TASK_STATE_CHANGE:
        detail = event.get("detail") or {}
        if detail.get("lastStatus") == "STOPPED" and failure_of(detail) is not None:
            metrics.add_metric(name=GPU_TASK_FAILURES, unit=MetricUnit.Count, value=1)
        outcome = handle_task_stopped(event, deps)
        logger.info("GPU task state change handled", extra={"outcome": outcome.to_dict()})
        return outcome.to_dict()
    if kind == SCHEDULED:
        stopped = stop_overdue_tasks(control, time.time(), deps.timeout_s)
        metrics.add_metric(name="GpuTasksTimedOut", unit=MetricUnit.Count, value=len(stopped))
        return {"stopped": stopped}
    logger.warning("ignoring an event of another kind", extra={"detail_type": kind})
    return {}
