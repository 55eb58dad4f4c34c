"""GPU jobs that end in a visible state: stopped tasks, overdue tasks, a GPU that is not used.

The segment Lambda hands a large scan to an ECS task and marks it ``queued``. Three things
can then go wrong without the task itself being able to say so:

* the task never starts (no GPU capacity, the G-instance quota) or is killed (out of
  memory, the instance goes away): ECS emits a *Task State Change* event with
  ``lastStatus = STOPPED`` and an EventBridge rule hands it to
  :func:`handle_task_stopped`, which marks the scan ``failed`` with a reason the user reads;
* the task hangs: :func:`stop_overdue_tasks` (run on a schedule) stops tasks older than the
  task timeout with a reason that :func:`failure_of` recognises, and the STOPPED event of
  that stop marks the scan;
* CUDA does not load and ONNX Runtime falls back to the CPU: :func:`require_cuda` makes the
  task refuse the scan (failed, clear reason) unless CPU is explicitly allowed.

A scan that is already ``done`` or ``failed`` is never overwritten, nor one whose document
now names another task or object version (a newer upload of the same scan id).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ichseg.cloud.keys import parse_upload_key
from ichseg.errors import IchsegError
from ichseg.ports import ScanIndex, TaskControl
from ichseg.records import ScanRecord, SourceRef

log = logging.getLogger(__name__)

#: Environment overrides that name the task's object (see :mod:`ichseg.adapters.ecs`).
ENV_BUCKET = "ICHSEG_SOURCE_BUCKET"
ENV_KEY = "ICHSEG_SOURCE_KEY"
ENV_VERSION = "ICHSEG_SOURCE_VERSION"
#: Prefix of the stop reason :func:`stop_overdue_tasks` gives (ECS keeps at most 255 chars).
TIMEOUT_REASON = "ichseg: task timeout"
#: Statuses a stopped task never overwrites.
FINAL_STATUSES = frozenset({"done", "failed"})
CUDA_PROVIDER = "CUDAExecutionProvider"


class GpuUnavailableError(IchsegError):
    """The GPU task could not use its GPU (ONNX Runtime did not load the CUDA provider)."""

    code = "gpu_unavailable"


@dataclass(frozen=True)
class TaskFailure:
    """Why a GPU task ended without a result.

    Attributes:
        code: Machine-readable code stored as the scan's ``error_code``.
        message: What the user reads.
    """

    code: str
    message: str


def failure_of(detail: Mapping[str, Any], timeout_s: int | None = None) -> TaskFailure | None:
    """The user-facing failure of a STOPPED task, or ``None`` when every container exited 0.

    Args:
        detail: The ``detail`` of an ECS *Task State Change* event (or a ``DescribeTasks`` task).
        timeout_s: The task timeout, for the message of a task stopped as overdue.
    """
    stop_code = str(detail.get("stopCode") or "")
    stopped_reason = str(detail.get("stoppedReason") or "")
    containers = [c for c in detail.get("containers") or [] if isinstance(c, Mapping)]
    exit_codes = [c.get("exitCode") for c in containers]
    reasons = " ".join(str(c.get("reason") or "") for c in containers)
    if stopped_reason.startswith(TIMEOUT_REASON):
        limit = f"the {timeout_s // 60}-minute limit" if timeout_s else "the time limit"
        return TaskFailure(
            "timeout",
            f"processing on the GPU worker took longer than {limit} and was stopped; "
            "please upload the scan again, or report it if this repeats",
        )
    exited = [e for e in exit_codes if e is not None]
    why = (stopped_reason or stop_code or "no reason given")[:160]
    if stop_code == "TaskFailedToStart" or (not exited and not detail.get("startedAt")):
        return TaskFailure(
            "gpu_unavailable",
            f"no GPU worker could be started for this scan ({why}); please upload it again later",
        )
    if "OutOfMemory" in reasons or "OutOfMemory" in stopped_reason:
        return TaskFailure(
            "out_of_memory",
            "the scan needed more memory than the GPU worker has; "
            "please report this scan to the administrator",
        )
    if not exited:
        return TaskFailure(
            "interrupted",
            f"the GPU worker stopped before the scan was finished ({why}); "
            "please upload the scan again",
        )
    bad = [e for e in exited if e != 0]
    if not bad:
        return None
    return TaskFailure(
        "internal",
        f"processing failed on the GPU worker (exit code {bad[0]}"
        f"{'; ' + stopped_reason[:120] if stopped_reason else ''}); please upload the scan again",
    )


def task_source(detail: Mapping[str, Any]) -> tuple[str, str, str | None] | None:
    """``(bucket, key, version_id)`` from the task's environment overrides, if present."""
    env: dict[str, str] = {}
    overrides = detail.get("overrides") or {}
    for container in overrides.get("containerOverrides") or []:
        for pair in container.get("environment") or []:
            if isinstance(pair, Mapping) and isinstance(pair.get("name"), str):
                env[pair["name"]] = str(pair.get("value") or "")
    if not env.get(ENV_BUCKET) or not env.get(ENV_KEY):
        return None
    return env[ENV_BUCKET], env[ENV_KEY], env.get(ENV_VERSION) or None


@dataclass(frozen=True)
class StoppedOutcome:
    """What a STOPPED event did.

    Attributes:
        action: ``marked`` (the scan is now failed), ``kept`` (its status stands),
            ``ignored`` (the task succeeded, or names no upload).
        task_arn: The stopped task.
        uid: Owner, when known.
        scan_id: Scan id, when known.
        code: The failure code, for ``marked``.
        previous: The scan's status before.
    """

    action: Literal["marked", "kept", "ignored"]
    task_arn: str
    uid: str = ""
    scan_id: str = ""
    code: str = ""
    previous: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return asdict(self)


@dataclass
class GpuJobDeps:
    """What the GPU-job watcher talks to.

    Attributes:
        index: The scan index.
        timeout_s: The GPU task timeout (for messages).
        clock: Seconds since the epoch.
    """

    index: ScanIndex
    timeout_s: int = 3600
    clock: Callable[[], float] = field(default=time.time)


def handle_task_stopped(event: Mapping[str, Any], deps: GpuJobDeps) -> StoppedOutcome:
    """Mark the scan of a GPU task that stopped without a result as ``failed``.

    Args:
        event: An EventBridge *ECS Task State Change* event.
        deps: The scan index and settings.
    """
    detail = event.get("detail") or {}
    arn = str(detail.get("taskArn") or "")
    if detail.get("lastStatus") != "STOPPED":
        return StoppedOutcome(action="ignored", task_arn=arn)
    failure = failure_of(detail, deps.timeout_s)
    source = task_source(detail)
    if failure is None or source is None:
        return StoppedOutcome(action="ignored", task_arn=arn)
    bucket, key, version_id = source
    try:
        upload = parse_upload_key(key)
    except IchsegError:
        log.warning("stopped task %s names a key outside the upload layout: %r", arn, key)
        return StoppedOutcome(action="ignored", task_arn=arn)
    doc = deps.index.get_scan(upload.uid, upload.scan_id) or {}
    previous = str(doc.get("status") or "")
    kept = StoppedOutcome(
        action="kept", task_arn=arn, uid=upload.uid, scan_id=upload.scan_id, previous=previous
    )
    if previous in FINAL_STATUSES or not _same_job(doc, arn, bucket, key, version_id):
        return kept
    record = ScanRecord.failed(
        failure.message,
        failure.code,
        datetime.fromtimestamp(deps.clock(), tz=UTC),
        filename=upload.filename,
        source=SourceRef(bucket=bucket, key=key, version_id=version_id),
        task_arn=arn,
    )
    deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
    log.warning("GPU task %s stopped without a result (%s); scan marked failed", arn, failure.code)
    return StoppedOutcome(
        action="marked",
        task_arn=arn,
        uid=upload.uid,
        scan_id=upload.scan_id,
        code=failure.code,
        previous=previous,
    )


def _same_job(
    doc: Mapping[str, Any], arn: str, bucket: str, key: str, version_id: str | None
) -> bool:
    """Whether the scan document still describes this task's job."""
    task = doc.get("task_arn")
    if isinstance(task, str) and task and task != arn:
        return False
    source = doc.get("source")
    if not isinstance(source, Mapping):
        return True
    return (
        source.get("bucket", bucket) == bucket
        and source.get("key", key) == key
        and source.get("version_id", version_id) == version_id
    )


def stop_overdue_tasks(control: TaskControl, now: float, timeout_s: int) -> list[str]:
    """Stop every GPU task created more than ``timeout_s`` ago (hung, or never placed).

    Returns:
        The ARNs stopped.
    """
    stopped = []
    for task in control.unfinished_tasks():
        if now - task.created_at > timeout_s:
            control.stop(task.arn, f"{TIMEOUT_REASON} ({timeout_s} s)")
            stopped.append(task.arn)
    if stopped:
        log.warning("stopped %d overdue GPU task(s): %s", len(stopped), ", ".join(stopped))
    return stopped


def require_cuda(providers: Sequence[str], allow_cpu: bool) -> None:
    """Refuse to segment on the CPU in the GPU task, unless that is explicitly allowed.

    Raises:
        GpuUnavailableError: ``CUDAExecutionProvider`` is not the session's first provider.
    """
    if providers and providers[0] == CUDA_PROVIDER:
        return
    if allow_cpu:
        log.warning("the CUDA provider is not active (%s); running on the CPU", providers)
        return
    raise GpuUnavailableError(
        "the GPU worker could not use its GPU (the CUDA runtime did not load), so the scan "
        "was not processed; please report this to the administrator"
    )
