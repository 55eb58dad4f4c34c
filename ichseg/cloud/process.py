"""Process one uploaded object: the work behind the S3 event and the GPU task.

``process_upload`` is idempotent per object version: a conditional marker makes a duplicate
or retried event for the same version a no-op, a crashed attempt's lease expires so a later
retry can take over, and results already in the results bucket are mirrored, not recomputed.

Failure policy:
    * a bad key or a bad scan (:class:`ichseg.errors.IchsegError`) ends as status ``failed``
      with a user-readable message and the event succeeds (no retry loop);
    * storage refusing a request for good (:class:`ichseg.errors.StorageRefused`, which
      the S3 adapter raises for ``AccessDenied``, ``NoSuchBucket``...) ends as ``failed``
      with code ``storage_error``: no retry could cure it;
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
from typing import Any

from ichseg.cloud.archive import write_masks_zip
from ichseg.cloud.keys import UploadKey, parse_upload_key
from ichseg.cloud.settings import CloudSettings
from ichseg.errors import (
    IchsegError,
    InputError,
    LimitExceeded,
    ModelError,
    ScanBusyError,
    StorageRefused,
)
from ichseg.geometry import check_spacing
from ichseg.outputs import (
    CONTENT_TYPES,
    LINKED_OUTPUTS,
    MASKS_DIR,
    OPTIONAL_OUTPUTS,
    REPORT_NAME,
    derived_names,
    mask_name,
)
from ichseg.ports import MarkerStore, ObjectStore, ScanIndex, Segmenter, TaskLauncher
from ichseg.records import Runner, ScanRecord, SourceRef, Status, summarise

log = logging.getLogger(__name__)


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

    runner: Runner = "lambda" if allow_offload else "gpu"
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
        except StorageRefused as exc:
            log.exception("storage refused a request for %s; not retrying", key)
            base = Outcome(
                status="failed", bucket=bucket, key=key, uid=upload.uid, scan_id=upload.scan_id
            )
            ref = SourceRef(bucket=bucket, key=key, version_id=version_id)
            outcome = _fail(deps, upload, base, ref, exc.message, code=exc.code)
    except BaseException:
        deps.markers.release(mkey)
        raise
    deps.markers.complete(mkey, outcome.to_dict(), deps.clock())
    return outcome


def _run(
    upload: UploadKey,
    bucket: str,
    key: str,
    version_id: str | None,
    deps: ProcessDeps,
    allow_offload: bool,
    runner: Runner,
) -> Outcome:
    settings = deps.settings
    base = Outcome(status="done", bucket=bucket, key=key, uid=upload.uid, scan_id=upload.scan_id)
    source_doc = SourceRef(bucket=bucket, key=key, version_id=version_id)
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

    spacing = user_spacing(deps.index.get_scan(upload.uid, upload.scan_id))
    record = ScanRecord.processing(upload.filename, source_doc, runner, _now(deps))
    deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
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
            report = _segment(local, out_dir, deps, spacing)
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


def user_spacing(doc: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """The spacing the user gave with the upload form (see :class:`ichseg.records.ScanRecord`).

    Args:
        doc: The scan document, or ``None``.

    Returns:
        ``(pixel_spacing_mm, slice_thickness_mm)``, or ``None`` when none (or no valid one)
        was given; a spacing in the file itself still wins in :func:`segment_scan`.
    """
    if not doc:
        return None
    pixel, thickness = doc.get("pixel_spacing_mm"), doc.get("slice_thickness_mm")
    if pixel is None or thickness is None:
        return None
    try:
        return check_spacing(pixel, thickness)
    except InputError:
        log.warning("ignoring an invalid stored spacing: %r, %r", pixel, thickness)
        return None


def _segment(
    local: Path, out_dir: Path, deps: ProcessDeps, spacing: tuple[float, float] | None = None
) -> dict[str, Any]:
    from ichseg.service import segment_scan

    segmenter = deps.segmenter()  # ModelError here is an infrastructure failure
    return segment_scan(
        local,
        out_dir,
        segmenter,
        batch_size=deps.settings.batch_size,
        max_batch_pixels=deps.settings.max_batch_pixels,
        fps=deps.settings.fps,
        spacing=spacing,
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
        content_type = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        results.upload(out_key, str(path), content_type=content_type, metadata=meta)
        keys.append(out_key)
    return keys


def _list_outputs_from_report(
    report: Mapping[str, Any], upload: UploadKey, results: ObjectStore
) -> list[str]:
    """Output keys of an earlier run (videos, masks.zip, report, HU volume; masks).

    An optional output (:data:`ichseg.outputs.OPTIONAL_OUTPUTS`) is listed only if it is
    stored: results written before ``masks.zip`` existed have none, and inputs without
    Hounsfield units have no HU volume. Results in the input's own format (DICOM SEG/SR,
    NIfTI mask) are those the report lists.
    """
    keys = [
        upload.results_prefix + name
        for name in LINKED_OUTPUTS.values()
        if name not in OPTIONAL_OUTPUTS or results.head(upload.results_prefix + name) is not None
    ]
    n = len(report.get("slices", []))
    keys += [upload.results_prefix + mask_name(i, n) for i in range(1, n + 1)]
    keys += [upload.results_prefix + name for name in derived_names(report.get("files", {}))]
    return list(dict.fromkeys(keys))  # a linked SEG/SR is also a listed derived result


def output_links(
    results: ObjectStore, outputs: Mapping[str, str], ttl_s: int, now: datetime
) -> dict[str, Any]:
    """Presigned GET links for the linked outputs, and when they expire."""
    links = {name: results.presign_get(k, ttl_s) for name, k in outputs.items()}
    return {"links": links, "links_expire_at": now + timedelta(seconds=ttl_s)}


def _publish_done(
    deps: ProcessDeps,
    upload: UploadKey,
    source: SourceRef,
    report: Mapping[str, Any],
    outputs: list[str],
    runner: Runner,
) -> None:
    present = set(outputs)
    linked = {
        name: upload.results_prefix + fname
        for name, fname in LINKED_OUTPUTS.items()
        if upload.results_prefix + fname in present
    }
    now = _now(deps)
    masks_prefix = f"{upload.results_prefix}{MASKS_DIR}/"
    masks = sorted(k for k in outputs if k.startswith(masks_prefix))
    links = output_links(deps.results, linked, deps.settings.link_ttl_s, now)
    record = ScanRecord.done(
        filename=upload.filename,
        source=source,
        runner=runner,
        outputs={
            "prefix": upload.results_prefix,
            **linked,
            "masks_prefix": masks_prefix,
            "mask_count": len(masks),
        },
        summary=summarise(report),
        links=links["links"],
        links_expire_at=links["links_expire_at"],
        at=now,
    )
    deps.index.set_scan(upload.uid, upload.scan_id, record.fields())


def _offload(
    deps: ProcessDeps,
    upload: UploadKey,
    base: Outcome,
    source: SourceRef,
    version_id: str | None,
    reason: str,
) -> Outcome:
    assert deps.launcher is not None
    token = hashlib.sha256(
        marker_key("gpu", base.bucket, base.key, version_id).encode()
    ).hexdigest()[:64]
    arn = deps.launcher.launch(base.bucket, base.key, version_id, token)
    log.info("scan %s sent to the GPU task (%s): %s", base.key, reason, arn)
    record = ScanRecord.queued(upload.filename, source, arn, _now(deps))
    deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
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
    source: SourceRef,
    message: str,
    code: str = "bad_input",
) -> Outcome:
    record = ScanRecord.failed(message, code, _now(deps), filename=upload.filename, source=source)
    deps.index.set_scan(upload.uid, upload.scan_id, record.fields())
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
