"""Lambda entry point: S3 ``ObjectCreated`` under ``uploads/`` -> :func:`process_upload`.

S3 invokes the function asynchronously; a raised exception makes Lambda retry the event and,
after the retries, send it to the on-failure destination (the dead-letter queue). A bad scan
is not an exception: it ends as status ``failed`` in the scan index.

Cold start: an on-demand environment builds its SDK clients and loads the model on its first
event (about 2.5 s on a 2-core AVX2 CPU before the first slice, ``benchmarks/cold_start.py
--entry lambda``), which that event waits for either way, and a failure there is a logged,
retried invocation error. An environment that Lambda prepares ahead of traffic (provisioned
concurrency, ``InfraConfig.segment_provisioned_concurrency``) does all of it at init, the
model's first run included, so no event pays any of it.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.typing import LambdaContext

from ichseg.cloud.factory import build_process_deps
from ichseg.cloud.process import ProcessDeps, process_upload
from ichseg.cloud.settings import CloudSettings, LambdaEnvironment
from ichseg.cloud.telemetry import (
    METRICS_NAMESPACE,
    SliceTimer,
    instrument,
    record_outcome,
    tracer_spans,
)
from ichseg.predict import warm_up

SERVICE = "ichseg-segment"
logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)  # X-Ray (active tracing); boto3 calls are patched too
metrics = Metrics(namespace=METRICS_NAMESPACE, service=SERVICE)
#: Model seconds and slices of the current record (the deps' model adds to it).
slices = SliceTimer()


#: Lambda prepares this environment before any event (provisioned concurrency): build
#: everything at init, below. Read at import because init is when it matters.
PREPARED_AHEAD = LambdaEnvironment().prepared_ahead


@functools.cache
def get_deps() -> ProcessDeps:
    """Adapters built from the environment on first use, then reused by warm invocations.

    S3, Firestore and the model run inside X-Ray spans; the model is timed per slice. In an
    environment prepared ahead of traffic the model is also loaded and run once here, before
    the spans wrap it (X-Ray has no segment to record them in during init).
    """
    deps = build_process_deps(CloudSettings())
    if PREPARED_AHEAD:
        warm_up(deps.segmenter())
    instrument(deps, tracer_spans(tracer), slices)
    return deps


@logger.inject_lambda_context(log_event=False)
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Process every record of an S3 notification.

    Returns:
        ``{"outcomes": [...]}``, one per record.

    Raises:
        RuntimeError: At least one record hit a transient failure (the event is retried;
            records already handled are no-ops the second time).
    """
    if "Records" not in event:  # s3:TestEvent when the notification is configured
        logger.info("ignoring an event without records")
        return {"outcomes": []}
    deps = get_deps()
    outcomes: list[dict[str, Any]] = []
    failures: list[str] = []
    for record in S3Event(event).records:
        bucket = record.s3.bucket.name
        obj = record.s3.get_object
        key = unquote_plus(obj.key)  # S3 notifications carry URL-encoded keys
        try:
            slices.take()  # start the record's model time from zero
            outcome = process_upload(bucket, key, obj.version_id, deps)
        except Exception as exc:
            logger.exception("processing failed; the event will be retried", extra={"key": key})
            failures.append(f"{key}: {type(exc).__name__}: {exc}")
            continue
        record_outcome(metrics, outcome, slices)
        logger.info("processed upload", extra={"outcome": outcome.to_dict()})
        outcomes.append(outcome.to_dict())
    if failures:
        raise RuntimeError(f"{len(failures)} record(s) failed: " + " | ".join(failures))
    return {"outcomes": outcomes}


if PREPARED_AHEAD:
    get_deps()
