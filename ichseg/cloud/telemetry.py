"""Metric names the entry points emit (CloudWatch embedded metric format, via Powertools).

The infrastructure alarms on these names, so they live in one place.
"""

from __future__ import annotations

#: CloudWatch namespace of every ichseg metric.
METRICS_NAMESPACE = "Ichseg"
#: GPU tasks that stopped without a result (non-zero exit, OOM, never placed, overdue).
GPU_TASK_FAILURES = "GpuTaskFailures"
