"""ECS GPU task entry point: segment one uploaded object with the same service code.

The segment Lambda starts this task for large scans with the object's bucket, key and
version as environment overrides; command-line arguments override the environment::

    python -m functions.gpu_task.main --bucket B --key uploads/u/s/scan.zip --version V

Exit status: 0 when the scan ended ``done`` or ``failed`` (bad scan), 1 on an
infrastructure failure (the scan is marked failed so the user is not left waiting), 2 on
bad arguments, 3 when the GPU was not usable (ONNX Runtime fell back to the CPU; the scan is
marked failed with that reason, unless ``ICHSEG_GPU_ALLOW_CPU=true``). A non-zero exit
reaches the GPU-job watcher as a STOPPED event and counts in the ``GpuTaskFailures`` alarm.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from pydantic_settings import BaseSettings, SettingsConfigDict

from ichseg.cloud.factory import build_process_deps
from ichseg.cloud.gpu_jobs import GpuUnavailableError, require_cuda
from ichseg.cloud.keys import parse_upload_key
from ichseg.cloud.process import Outcome, ProcessDeps, process_upload
from ichseg.cloud.settings import CloudSettings
from ichseg.cloud.telemetry import METRICS_NAMESPACE, SliceTimer, record_outcome, time_model
from ichseg.ports import Segmenter
from ichseg.records import ScanRecord

log = logging.getLogger("ichseg.gpu_task")


class SourceSettings(BaseSettings):
    """The object to process, from ``ICHSEG_SOURCE_BUCKET/KEY/VERSION``.

    Attributes:
        bucket: Upload bucket.
        key: Upload key (not URL-encoded).
        version: Object version; empty for unversioned buckets.
    """

    model_config = SettingsConfigDict(env_prefix="ICHSEG_SOURCE_", extra="ignore")

    bucket: str = ""
    key: str = ""
    version: str = ""


EXIT_NO_GPU = 3


@functools.cache
def _preload_cuda() -> None:
    """Load the CUDA and cuDNN libraries of the pip ``nvidia-*`` wheels (the image has no CUDA)."""
    try:
        import onnxruntime

        onnxruntime.preload_dlls()
    except Exception:  # the provider check below reports what is missing
        log.warning("could not preload the CUDA libraries", exc_info=True)


class CudaChecked:
    """Wraps the segmenter loader: the loaded session must run on CUDA (or CPU be allowed).

    Attributes:
        refused: Set when the check refused the session.
    """

    def __init__(self, load: Callable[[], Segmenter], allow_cpu: bool) -> None:
        self._load = load
        self._allow_cpu = allow_cpu
        self.refused = False

    def __call__(self) -> Segmenter:
        """The segmenter, once its providers were checked."""
        _preload_cuda()
        segmenter = self._load()
        try:
            require_cuda(list(getattr(segmenter, "providers", [])), self._allow_cpu)
        except GpuUnavailableError:
            self.refused = True
            raise
        return segmenter


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line arguments (each defaults to the environment)."""
    parser = argparse.ArgumentParser(prog="ichseg-gpu-task", description=__doc__.splitlines()[0])
    parser.add_argument("--bucket", help="upload bucket (env ICHSEG_SOURCE_BUCKET)")
    parser.add_argument("--key", help="upload key (env ICHSEG_SOURCE_KEY)")
    parser.add_argument("--version", help="object version (env ICHSEG_SOURCE_VERSION)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the task; returns the exit status."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    args = parse_args(argv)
    env = SourceSettings()
    bucket = args.bucket or env.bucket
    key = args.key or env.key
    version = args.version or env.version or None
    if not bucket or not key:
        print(
            "error: bucket and key are required (--bucket/--key or ICHSEG_SOURCE_*)",
            file=sys.stderr,
        )
        return 2
    settings = CloudSettings()
    deps = build_process_deps(settings, with_launcher=False)
    checked = CudaChecked(deps.segmenter, settings.gpu_allow_cpu)
    deps.segmenter = checked
    timer = SliceTimer()
    time_model(deps, timer)
    try:
        outcome = process_upload(bucket, key, version, deps, allow_offload=False)
    except Exception as exc:
        log.exception("GPU task failed for s3://%s/%s", bucket, key)
        _mark_failed(deps, key, exc)
        return 1
    _emit_metrics(outcome, timer)
    print(json.dumps(outcome.to_dict()))  # the last line of stdout: the outcome
    if checked.refused:  # the scan is failed with the reason; the exit code makes it an alarm
        log.error("the CUDA provider is not active; the scan was refused")
        return EXIT_NO_GPU
    return 0


def _emit_metrics(outcome: Outcome, timer: SliceTimer) -> None:
    """Print the scan's metrics as one EMF line (best effort; see infra/README.md)."""
    try:
        from aws_lambda_powertools import Metrics

        metrics = Metrics(namespace=METRICS_NAMESPACE, service="ichseg-gpu-task")
        record_outcome(metrics, outcome, timer)
        metrics.flush_metrics()
    except Exception:
        log.warning("could not emit metrics", exc_info=True)


def _mark_failed(deps: ProcessDeps, key: str, exc: Exception) -> None:
    """Tell the user the scan failed (ECS does not retry tasks); best effort."""
    try:
        upload = parse_upload_key(key)
        record = ScanRecord.failed(
            "processing failed on the GPU worker; please upload the scan again",
            "internal",
            datetime.fromtimestamp(deps.clock(), tz=UTC),
        )
        deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
    except Exception:
        log.exception("could not mark the scan failed (%s)", type(exc).__name__)


if __name__ == "__main__":
    sys.exit(main())
