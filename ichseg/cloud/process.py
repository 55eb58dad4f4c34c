"""Process one uploaded object: the work behind the S3 event and the GPU task.

``process_upload`` is idempotent per object version: a conditional marker makes a duplicate
or retried event for the same version a no-op, a crashed attempt's lease expires so a later
retry can take over, and results already in the results bucket are mirrored, not recomputed.

Failure policy:
    * a bad key or a bad scan (:class:`ichseg.errors.IchsegError`) ends as status ``failed``
      with a user-readable message and the event succeeds (no retry loop);
    * anything else (S3, Firestore, ECS, or a missing/broken model: ``ModelError``)
      propagates after releasing the lease, so the event is retried and, after the
      retries, lands in the dead-letter queue;
    * outputs are stored before the scan index is told; a retry after an index outage
      finds ``report.json`` for this object version and only mirrors it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from ichseg.cloud.archive import MASKS_ZIP_NAME, write_masks_zip
from ichseg.cloud.keys import UploadKey, parse_upload_key
from ichseg.cloud.ports import (
    MarkerStore,
    ObjectStore,
    ScanBusyError,
    ScanIndex,
    TaskLauncher,
)
from ichseg.cloud.settings import CloudSettings
from ichseg.errors import IchsegError, LimitExceeded, ModelError
from ichseg.hu_volume import HU_VOLUME_NAME
from ichseg.ports import Segmenter
from ichseg.scan_identity import peak_slice, study_facts

log = logging.getLogger(__name__)

Status = Literal["queued", "processing", "done", "failed"]
REPORT_NAME = "report.json"
#: Outputs that get a presigned download link in the scan document.
LINKED_OUTPUTS = {
    "overlay": "overlay.mp4",
    "slices": "slices.mp4",
    "masks_zip": MASKS_ZIP_NAME,
    "report": REPORT_NAME,
    "hu": HU_VOLUME_NAME,
}
_CONTENT_TYPES = {
    ".mp4": "video/mp4",
    ".json": "application/json",
    ".png": "image/png",
    ".zip": "application/zip",
}


@dataclass(frozen=True)
class Outcome:
    """What became of one uploaded object.

    Attributes:
        status: ``done``, ``failed`` or ``queued`` (handed to the GPU task).
        bucket: Source bucket.
        key: Source key.
        uid: Owner, or empty when the key could not be parsed.
        scan_id: Scan id, or empty when the key could not be parsed.
        message: User-readable error for ``failed``; empty otherwise.
        duplicate: Whether an earlier attempt had already handled this version.
        task_arn: The GPU task that will do the work, for ``queued``.
    """

    status: Status
    bucket: str
    key: str
    uid: str = ""
    scan_id: str = ""
    message: str = ""
    duplicate: bool = False
    task_arn: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return asdict(self)


@dataclass
class ProcessDeps:
    """Everything :func:`process_upload` talks to.

    Attributes:
        settings: Thresholds, caps and lifetimes.
        sources: Opens the bucket named in an event.
        results: The results bucket.
        index: The scan index users read (Firestore).
        markers: Idempotency markers (DynamoDB).
        launcher: Starts the GPU task, or ``None`` where offloading is impossible.
        segmenter: Returns the (cached) model; called only when a scan is segmented.
        clock: Seconds since the epoch.
    """

    settings: CloudSettings
    sources: Callable[[str], ObjectStore]
    results: ObjectStore
    index: ScanIndex
    markers: MarkerStore
    launcher: TaskLauncher | None
    segmenter: Callable[[], Segmenter]
    clock: Callable[[], float] = field(default=time.time)


def marker_key(runner: str, bucket: str, key: str, version_id: str | None) -> str:
    """The idempotency key of one unit of work: runner + object version."""
    return f"{runner}#{bucket}/{key}#{version_id or 'null'}"


def process_upload(
    bucket: str,
    key: str,
    version_id: str | None,
    deps: ProcessDeps,
    *,
    allow_offload: bool = True,
) -> Outcome:
    """Segment one uploaded scan (or hand it to the GPU task) and publish the results.

    Args:
        bucket: Bucket of the upload.
        key: URL-decoded object key, ``uploads/{uid}/{scan_id}/{filename}``.
        version_id: Object version from the event (``None`` for unversioned buckets).
        deps: Adapters and settings.
        allow_offload: ``True`` in Lambda (large scans go to the GPU task); ``False`` in the
            GPU task itself, which processes whatever it is given up to the upload cap.

    Returns:
        The outcome; a failed scan is an outcome, not an exception.

    Raises:
        ScanBusyError: Another attempt holds this version's lease (retry later).
        Exception: Any infrastructure failure, after releasing the lease (retry).
    """
    try:
        upload = parse_upload_key(key)
    except IchsegError as exc:
        log.warning("ignoring object outside the upload layout: %s", exc)
        return Outcome(status="failed", bucket=bucket, key=key, message=str(exc))

    runner = "lambda" if allow_offload else "gpu"
    mkey = marker_key(runner, bucket, key, version_id)
    claim = deps.markers.acquire(mkey, deps.clock(), deps.settings.lease_s)
    if claim.state == "done":
        log.info("duplicate event for %s; already handled", mkey)
        stored = dict(claim.outcome)
        stored["duplicate"] = True
        return Outcome(**{k: v for k, v in stored.items() if k in Outcome.__dataclass_fields__})
    if claim.state == "busy":
        raise ScanBusyError(f"another attempt is processing {mkey}")

    try:
        try:
            outcome = _run(upload, bucket, key, version_id, deps, allow_offload, runner)
        except Exception as exc:
            refusal = permanent_storage_refusal(exc)
            if refusal is None:
                raise
            log.exception("storage refused a request for %s; not retrying", key)
            base = Outcome(
                status="failed", bucket=bucket, key=key, uid=upload.uid, scan_id=upload.scan_id
            )
            source_doc = {"bucket": bucket, "key": key, "version_id": version_id}
            outcome = _fail(deps, upload, base, source_doc, refusal, code="storage_error")
    except BaseException:
        deps.markers.release(mkey)
        raise
    deps.markers.complete(mkey, outcome.to_dict(), deps.clock())
    return outcome


#: 4xx S3 codes that a retry can cure (throttling, clock skew, timeouts).
_RETRYABLE_CODES = frozenset(
    {"RequestTimeout", "RequestTimeTooSkewed", "SlowDown", "Throttling", "ThrottlingException"}
)


def permanent_storage_refusal(exc: BaseException) -> str | None:
    """A user-readable line when ``exc`` is an AWS refusal that no retry can cure.

    An ``AccessDenied`` or ``NoSuchBucket`` (a 4xx answer other than throttling or a
    timeout), also when wrapped (boto3's ``S3UploadFailedError``), would fail every retry
    and leave the user's scan ``processing`` until the event reaches the dead-letter queue;
    it ends the scan as ``failed`` instead. 5xx answers and network errors stay retryable.

    Returns:
        The message, or ``None`` when the error may be transient (or is not AWS's).
    """
    from botocore.exceptions import ClientError

    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, ClientError):
        seen = seen.__cause__ or seen.__context__
    if seen is None:
        return None
    status = int(seen.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
    code = str(seen.response.get("Error", {}).get("Code") or status)
    if not 400 <= status < 500 or status in (408, 429) or code in _RETRYABLE_CODES:
        return None
    operation = getattr(seen, "operation_name", "") or "a request"
    return (
        f"the service's storage refused {operation} ({code}); the scan was not processed. "
        "Please report this to the administrator"
    )


def _run(
    upload: UploadKey,
    bucket: str,
    key: str,
    version_id: str | None,
    deps: ProcessDeps,
    allow_offload: bool,
    runner: str,
) -> Outcome:
    settings = deps.settings
    base = Outcome(status="done", bucket=bucket, key=key, uid=upload.uid, scan_id=upload.scan_id)
    source_doc = {"bucket": bucket, "key": key, "version_id": version_id}
    source = deps.sources(bucket)

    info = source.head(key, version_id)
    if info is None:
        return _fail(deps, upload, base, source_doc, "the uploaded file no longer exists")

    report_key = upload.results_prefix + REPORT_NAME
    existing = deps.results.head(report_key)
    if (
        existing is not None
        and existing.metadata.get("source-key") == key
        and existing.metadata.get("source-version") == (version_id or "null")
    ):
        log.info("results for %s already stored; mirroring only", key)
        report = json.loads(deps.results.get_bytes(report_key, 64 * 1024 * 1024))
        outputs = _list_outputs_from_report(report, upload, deps.results)
        _publish_done(deps, upload, source_doc, report, outputs, runner)
        return base

    cap = settings.max_upload_bytes
    if allow_offload and info.size > settings.lambda_max_bytes:
        if deps.launcher is not None and settings.gpu_enabled:
            return _offload(deps, upload, base, source_doc, version_id, "size")
        cap = settings.lambda_max_bytes
    if info.size > cap:
        return _fail(
            deps,
            upload,
            base,
            source_doc,
            f"the upload is {info.size / 1e6:.0f} MB; the limit is {cap / 1e6:.0f} MB",
            code=LimitExceeded.code,
        )

    deps.index.set_scan(
        upload.uid,
        upload.scan_id,
        {
            "status": "processing",
            "filename": upload.filename,
            "source": source_doc,
            "runner": runner,
            "error": None,
            "updated_at": _now(deps),
        },
    )
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ichseg-", dir=settings.work_dir) as tmp:
        local = Path(tmp) / upload.filename
        try:
            source.download(key, str(local), max_bytes=cap, version_id=version_id)
        except IchsegError as exc:
            return _fail(deps, upload, base, source_doc, str(exc), code=exc.code)
        try:
            if allow_offload and deps.launcher is not None and settings.gpu_enabled:
                slices = count_slices(local)
                if slices > settings.lambda_max_slices:
                    return _offload(deps, upload, base, source_doc, version_id, "slices")
            out_dir = Path(tmp) / "out"
            report = _segment(local, out_dir, deps)
        except ModelError:
            raise  # our fault, not the scan's: retry, then the dead-letter queue
        except IchsegError as exc:
            log.info("scan %s failed: %s", key, exc)
            return _fail(deps, upload, base, source_doc, str(exc), code=exc.code)
        write_masks_zip(out_dir)
        outputs = _store_outputs(deps.results, out_dir, upload, key, version_id)
    _publish_done(deps, upload, source_doc, report, outputs, runner)
    return base


def count_slices(path: Path) -> int:
    """Slice count of a scan file from its headers, without decoding pixels.

    Raises:
        IchsegError: The file is unsupported or unsafe.
    """
    from ichseg.readers import count_slices as estimate

    return estimate(path)


def _segment(local: Path, out_dir: Path, deps: ProcessDeps) -> dict[str, Any]:
    from ichseg.service import segment_scan

    segmenter = deps.segmenter()  # ModelError here is an infrastructure failure
    return segment_scan(
        local,
        out_dir,
        segmenter,
        batch_size=deps.settings.batch_size,
        max_batch_pixels=deps.settings.max_batch_pixels,
    )


def _store_outputs(
    results: ObjectStore, out_dir: Path, upload: UploadKey, key: str, version_id: str | None
) -> list[str]:
    """Upload every output file (``masks.zip`` included), ``report.json`` last.

    ``report.json`` marks the set complete: a retry that finds it only mirrors the results.
    """
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    report = out_dir / REPORT_NAME
    if report not in files:
        raise RuntimeError(f"segment_scan wrote no {REPORT_NAME}")
    files.remove(report)
    keys = []
    for path in [*files, report]:
        rel = path.relative_to(out_dir).as_posix()
        out_key = upload.results_prefix + rel
        meta = {}
        if path == report:
            meta = {"source-key": key, "source-version": version_id or "null"}
        content_type = _CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        results.upload(out_key, str(path), content_type=content_type, metadata=meta)
        keys.append(out_key)
    return keys


def _list_outputs_from_report(
    report: Mapping[str, Any], upload: UploadKey, results: ObjectStore
) -> list[str]:
    """Output keys of an earlier run (videos, masks.zip, report; masks under ``masks/``).

    ``masks.zip`` is listed only if it is stored: results written before it existed have none.
    """
    keys = [
        upload.results_prefix + name
        for name in LINKED_OUTPUTS.values()
        if name != MASKS_ZIP_NAME or results.head(upload.results_prefix + name) is not None
    ]
    n = len(report.get("slices", []))
    keys += [f"{upload.results_prefix}masks/{i:03d}.png" for i in range(1, n + 1)]
    return keys


def output_links(
    results: ObjectStore, outputs: Mapping[str, str], ttl_s: int, now: datetime
) -> dict[str, Any]:
    """Presigned GET links for the linked outputs, and when they expire."""
    links = {name: results.presign_get(k, ttl_s) for name, k in outputs.items()}
    return {"links": links, "links_expire_at": now + timedelta(seconds=ttl_s)}


def summarise(report: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``report.json`` the app lists without downloading the report."""
    scan = report.get("scan", {})
    slices = report.get("slices", [])
    model = report.get("model", {})
    return {
        "haemorrhage": bool(scan.get("haemorrhage", False)),
        "probability": float(scan.get("probability", 0.0)),
        "volume_ml": scan.get("volume_ml"),
        "slices": len(slices),
        "slices_with_bleed": sum(1 for s in slices if (s.get("area_px") or 0) > 0),
        "likely_subtypes": list(scan.get("likely_subtypes") or []),
        "model": {k: model.get(k) for k in ("name", "version", "sha256")},
        "peak_slice": peak_slice(report),
        "study": study_facts(report),
    }


def _publish_done(
    deps: ProcessDeps,
    upload: UploadKey,
    source_doc: Mapping[str, Any],
    report: Mapping[str, Any],
    outputs: list[str],
    runner: str,
) -> None:
    present = set(outputs)
    linked = {
        name: upload.results_prefix + fname
        for name, fname in LINKED_OUTPUTS.items()
        if upload.results_prefix + fname in present
    }
    now = _now(deps)
    masks = sorted(k for k in outputs if k.startswith(upload.results_prefix + "masks/"))
    fields: dict[str, Any] = {
        "status": "done",
        "error": None,
        "error_code": None,
        "filename": upload.filename,
        "source": dict(source_doc),
        "runner": runner,
        "outputs": {
            "prefix": upload.results_prefix,
            **linked,
            "masks_prefix": upload.results_prefix + "masks/",
            "mask_count": len(masks),
        },
        "summary": summarise(report),
        "updated_at": now,
        **output_links(deps.results, linked, deps.settings.link_ttl_s, now),
    }
    deps.index.set_scan(upload.uid, upload.scan_id, fields)


def _offload(
    deps: ProcessDeps,
    upload: UploadKey,
    base: Outcome,
    source_doc: Mapping[str, Any],
    version_id: str | None,
    reason: str,
) -> Outcome:
    assert deps.launcher is not None
    token = hashlib.sha256(
        marker_key("gpu", base.bucket, base.key, version_id).encode()
    ).hexdigest()[:64]
    arn = deps.launcher.launch(base.bucket, base.key, version_id, token)
    log.info("scan %s sent to the GPU task (%s): %s", base.key, reason, arn)
    deps.index.set_scan(
        upload.uid,
        upload.scan_id,
        {
            "status": "queued",
            "filename": upload.filename,
            "source": dict(source_doc),
            "runner": "gpu",
            "task_arn": arn,
            "error": None,
            "updated_at": _now(deps),
        },
    )
    return Outcome(
        status="queued",
        bucket=base.bucket,
        key=base.key,
        uid=upload.uid,
        scan_id=upload.scan_id,
        task_arn=arn,
    )


def _fail(
    deps: ProcessDeps,
    upload: UploadKey,
    base: Outcome,
    source_doc: Mapping[str, Any],
    message: str,
    code: str = "bad_input",
) -> Outcome:
    deps.index.set_scan(
        upload.uid,
        upload.scan_id,
        {
            "status": "failed",
            "error": message,
            "error_code": code,
            "filename": upload.filename,
            "source": dict(source_doc),
            "updated_at": _now(deps),
        },
    )
    return Outcome(
        status="failed",
        bucket=base.bucket,
        key=base.key,
        uid=upload.uid,
        scan_id=upload.scan_id,
        message=message,
    )


def _now(deps: ProcessDeps) -> datetime:
    return datetime.fromtimestamp(deps.clock(), tz=UTC)
