"""Metrics and trace spans for the entry points, without touching the service logic.

The entry points own Powertools' ``Metrics`` (CloudWatch embedded metric format) and
``Tracer`` (X-Ray); this module only wraps the adapters of a :class:`ProcessDeps` so that
every call to storage, the scan index and the model runs inside a named span, and times the
model per slice:

* spans ``s3.<method>``, ``firestore.<method>``, ``model.predict`` (Firestore speaks gRPC,
  which X-Ray's auto-patching does not see; S3 calls are named by what they are for);
* metrics, per processed object: ``ScansDone``, ``ScansFailed``, ``GpuOffloads`` and
  ``SecondsPerSlice`` (model time divided by slices; a duplicate event counts nothing).

The infrastructure alarms on these names, so they live here too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ichseg.cloud.process import Outcome, ProcessDeps

#: CloudWatch namespace of every ichseg metric.
METRICS_NAMESPACE = "Ichseg"
#: GPU tasks that stopped without a result (non-zero exit, OOM, never placed, overdue).
GPU_TASK_FAILURES = "GpuTaskFailures"
SCANS_DONE = "ScansDone"
SCANS_FAILED = "ScansFailed"
GPU_OFFLOADS = "GpuOffloads"
SECONDS_PER_SLICE = "SecondsPerSlice"

STORE_METHODS = frozenset(
    {"head", "download", "upload", "get_bytes", "put_bytes", "presign_get", "presign_post"}
)
INDEX_METHODS = frozenset({"set_scan", "get_scan", "list_scans"})


class Spans(Protocol):
    """Opens named trace spans (Powertools: ``tracer.provider.in_subsegment``)."""

    def __call__(self, name: str, /) -> AbstractContextManager[Any]:
        """A context manager that records one span."""
        ...


class MetricSink(Protocol):
    """Where metrics go (Powertools ``Metrics``)."""

    def add_metric(self, name: str, unit: Any, value: float) -> None:
        """Add one data point."""
        ...


@contextmanager
def no_span(name: str) -> Iterator[None]:
    """A span that records nothing."""
    yield


class _Traced:
    """Proxies ``target``; the named methods run inside ``spans(f"{prefix}.{method}")``."""

    def __init__(self, target: Any, prefix: str, methods: frozenset[str], spans: Spans) -> None:
        self._target = target
        self._prefix = prefix
        self._methods = methods
        self._spans = spans

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name not in self._methods or not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._spans(f"{self._prefix}.{name}"):
                return value(*args, **kwargs)

        return call


@dataclass
class SliceTimer:
    """Model time and slices, summed over ``predict`` calls since the last :meth:`take`."""

    seconds: float = 0.0
    slices: int = 0

    def take(self) -> float | None:
        """Seconds per slice since the last call (``None`` if no slice ran); resets."""
        per_slice = self.seconds / self.slices if self.slices else None
        self.seconds, self.slices = 0.0, 0
        return per_slice


class _TimedSegmenter(_Traced):
    """A segmenter whose ``predict`` is spanned and timed."""

    def __init__(self, target: Any, spans: Spans, timer: SliceTimer) -> None:
        super().__init__(target, "model", frozenset(), spans)
        self._timer = timer

    def predict(self, batch: Any) -> Any:
        """Run the model inside a ``model.predict`` span, adding to the timer."""
        with self._spans("model.predict"):
            start = time.perf_counter()
            out = self._target.predict(batch)
        self._timer.seconds += time.perf_counter() - start
        self._timer.slices += int(getattr(batch, "shape", (len(batch),))[0])
        return out


def time_model(deps: ProcessDeps, timer: SliceTimer, spans: Spans = no_span) -> None:
    """Wrap ``deps``' model: each ``predict`` runs in a span and adds to ``timer``."""
    load = deps.segmenter
    deps.segmenter = lambda: _TimedSegmenter(load(), spans, timer)


def instrument(deps: ProcessDeps, spans: Spans, timer: SliceTimer) -> None:
    """Wrap ``deps``' storage, index and model in spans, and time the model per slice."""
    sources = deps.sources
    deps.sources = lambda bucket: _Traced(sources(bucket), "s3", STORE_METHODS, spans)
    deps.results = _Traced(deps.results, "s3", STORE_METHODS, spans)
    deps.index = _Traced(deps.index, "firestore", INDEX_METHODS, spans)
    time_model(deps, timer, spans)


def record_outcome(metrics: MetricSink, outcome: Outcome, timer: SliceTimer) -> None:
    """Count one processed object and its model time per slice."""
    per_slice = timer.take()
    if outcome.duplicate:
        return
    name = {"done": SCANS_DONE, "failed": SCANS_FAILED, "queued": GPU_OFFLOADS}.get(outcome.status)
    if name:
        metrics.add_metric(name=name, unit="Count", value=1)
    if per_slice is not None:
        metrics.add_metric(name=SECONDS_PER_SLICE, unit="Seconds", value=per_slice)


def tracer_spans(tracer: Any) -> Callable[[str], AbstractContextManager[Any]]:
    """:class:`Spans` from a Powertools ``Tracer`` (a no-op where tracing is disabled)."""

    def spans(name: str) -> AbstractContextManager[Any]:
        return tracer.provider.in_subsegment(f"## {name}")

    return spans
