"""The upload API's logic: upload forms, the caller's scans, renewed links, rename, delete."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ichseg.cloud.keys import (
    check_filename,
    check_scan_id,
    check_uid,
    results_prefix,
    upload_prefix,
)
from ichseg.cloud.process import output_links
from ichseg.cloud.quota import check_upload_allowed
from ichseg.cloud.settings import CloudSettings
from ichseg.errors import IchsegError, InputError, LimitExceeded
from ichseg.geometry import check_spacing
from ichseg.outputs import LINKED_OUTPUTS
from ichseg.ports import Caller, ObjectStore, ScanIndex
from ichseg.records import ScanRecord, clean_name


class ScanNotFoundError(IchsegError):
    """The caller has no scan with that id."""

    code = "not_found"


class UploadRequest(BaseModel):
    """Body of ``POST /uploads``.

    Attributes:
        filename: Name of the file to upload (letters, digits, ``._- ``).
        content_type: Content type the browser will send.
        size: Size of the file in bytes.
        pixel_spacing_mm: Optional in-plane pixel spacing (mm) for an input that carries
            none (PNG/JPEG, video); give it with ``slice_thickness_mm`` or not at all.
        slice_thickness_mm: Optional slice thickness (mm), with ``pixel_spacing_mm``.
    """

    model_config = ConfigDict(extra="forbid")

    filename: str = Field(min_length=1, max_length=200)
    content_type: str = Field(min_length=1, max_length=100)
    size: int = Field(gt=0)
    pixel_spacing_mm: float | None = None
    slice_thickness_mm: float | None = None

    def spacing(self) -> tuple[float, float] | None:
        """The checked ``(pixel_mm, thickness_mm)``, or ``None`` when neither was given.

        Raises:
            InputError: Only one was given, or a value is out of its plausible range.
        """
        given = [v for v in (self.pixel_spacing_mm, self.slice_thickness_mm) if v is not None]
        if not given:
            return None
        if len(given) != 2:
            raise InputError("give both the pixel spacing and the slice thickness, or neither")
        return check_spacing(given[0], given[1])


class RenameRequest(BaseModel):
    """Body of ``PATCH /scans/{scan_id}``.

    Attributes:
        name: The new display name (``None`` or blank: show the file name again).
    """

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=1000)


@dataclass
class UploadDeps:
    """What the upload API talks to.

    Attributes:
        settings: Size cap, content types, lifetimes.
        uploads: The uploads bucket.
        results: The results bucket (for renewed links).
        index: The scan index.
        new_id: Makes a fresh scan id.
        clock: Seconds since the epoch.
    """

    settings: CloudSettings
    uploads: ObjectStore
    results: ObjectStore
    index: ScanIndex
    new_id: Callable[[], str] = field(default=lambda: uuid.uuid4().hex)
    clock: Callable[[], float] = field(default=time.time)


def issue_upload(caller: Caller, request: UploadRequest, deps: UploadDeps) -> dict[str, Any]:
    """A presigned POST form that only accepts this user's new scan, recorded as ``pending``.

    Args:
        caller: The verified caller (see :mod:`ichseg.cloud.quota` for the limits).
        request: What the caller wants to upload.
        deps: Adapters and settings.

    Returns:
        ``scan_id``, ``key``, ``url``, ``fields`` (send them with the file as
        ``multipart/form-data``), ``expires_in`` and ``max_bytes``.

    Raises:
        InputError: Bad file name or content type.
        LimitExceeded: The file is larger than the upload cap.
        UnverifiedCallerError: The caller has no verified e-mail address or phone number.
        QuotaExceededError: The caller is past the scans-per-day or bytes-in-flight limit.
    """
    settings = deps.settings
    uid = check_uid(caller.uid)
    check_filename(request.filename)
    if request.content_type not in settings.content_types:
        raise InputError(
            f"content type {request.content_type!r} is not accepted; "
            f"use one of: {', '.join(settings.content_types)}"
        )
    if request.size > settings.max_upload_bytes:
        raise LimitExceeded(
            f"the file is {request.size / 1e6:.0f} MB; "
            f"the limit is {settings.max_upload_bytes / 1e6:.0f} MB"
        )
    filename = normalise_suffix(request.filename, settings.upload_suffixes)
    spacing = request.spacing()
    now = datetime.fromtimestamp(deps.clock(), tz=UTC)
    recent = deps.index.list_scans(
        uid, limit=max(settings.quota_scan_window, 2 * settings.max_scans_per_day)
    )
    check_upload_allowed(caller, request.size, recent, settings, now)
    scan_id = deps.new_id()
    prefix = upload_prefix(uid, scan_id)
    key = prefix + filename
    deps.index.set_scan(uid, scan_id, pending_scan(filename, request, now, spacing))
    form = deps.uploads.presign_post(
        key,
        prefix,
        request.content_type,
        settings.max_upload_bytes,
        settings.upload_url_ttl_s,
    )
    return {
        "scan_id": scan_id,
        "key": key,
        "url": form["url"],
        "fields": form["fields"],
        "expires_in": settings.upload_url_ttl_s,
        "max_bytes": settings.max_upload_bytes,
    }


def pending_scan(
    filename: str,
    request: UploadRequest,
    now: datetime,
    spacing: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """The scan document written when a form is issued (counted by the per-user limits)."""
    record = ScanRecord.pending(filename, request.size, request.content_type, now, spacing)
    return record.fields()


def normalise_suffix(filename: str, suffixes: tuple[str, ...]) -> str:
    """``filename`` with its ending in lower case, if the ending is one that gets processed.

    Raises:
        InputError: The file's ending would not trigger processing.
    """
    lower = filename.lower()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return filename[: -len(suffix)] + suffix
    raise InputError(f"unsupported file type; upload one of: {', '.join(suffixes)}")


def list_user_scans(uid: str, deps: UploadDeps, limit: int = 100) -> list[dict[str, Any]]:
    """The caller's scan documents, newest first, JSON-ready."""
    check_uid(uid)
    return [jsonable(doc) for doc in deps.index.list_scans(uid, limit=limit)]


def renew_links(uid: str, scan_id: str, deps: UploadDeps) -> dict[str, Any]:
    """Fresh download links for a finished scan, written back to the index.

    Every output in :data:`ichseg.outputs.LINKED_OUTPUTS` that the scan document
    records under this caller's results prefix gets a link: ``overlay``, ``slices``,
    ``masks_zip``, ``report`` and ``hu`` (a scan stored before ``masks.zip`` existed has
    none; a scan without Hounsfield units has no ``hu``).

    Raises:
        ScanNotFoundError: The caller has no such scan.
        InputError: The scan id is malformed, or the scan has no outputs yet.
    """
    check_uid(uid)
    check_scan_id(scan_id)
    doc = deps.index.get_scan(uid, scan_id)
    if doc is None:
        raise ScanNotFoundError("no such scan")
    if doc.get("status") != "done":
        raise InputError(f"the scan is {doc.get('status', 'unknown')}; it has no results yet")
    outputs: Mapping[str, Any] = doc.get("outputs") or {}
    prefix = results_prefix(uid, scan_id)
    linked = {
        name: outputs[name]
        for name in LINKED_OUTPUTS
        if isinstance(outputs.get(name), str) and outputs[name].startswith(prefix)
    }
    now = datetime.fromtimestamp(deps.clock(), tz=UTC)
    fields = output_links(deps.results, linked, deps.settings.link_ttl_s, now)
    record = ScanRecord.renewed_links(fields["links"], fields["links_expire_at"])
    deps.index.set_scan(uid, scan_id, record.fields())
    return jsonable({"id": scan_id, **fields})


#: States in which a runner may still write the scan's results: deletion waits.
BUSY_STATES = frozenset({"queued", "processing"})


class ScanBusyDeleteError(IchsegError):
    """The scan is being segmented; it can be deleted once it is done or failed."""

    code = "busy"


def rename_scan(uid: str, scan_id: str, request: RenameRequest, deps: UploadDeps) -> dict[str, Any]:
    """Set (or clear) the display name of one of the caller's scans.

    Args:
        uid: The caller.
        scan_id: The scan.
        request: The new name; blank or ``None`` shows the file name again.
        deps: Adapters and settings.

    Returns:
        The updated scan document, JSON-ready.

    Raises:
        ScanNotFoundError: The caller has no such scan.
        InputError: A malformed id, or a name that is not text or is too long.
    """
    check_uid(uid)
    check_scan_id(scan_id)
    name = clean_name(request.name)
    if deps.index.get_scan(uid, scan_id) is None:
        raise ScanNotFoundError("no such scan")
    now = datetime.fromtimestamp(deps.clock(), tz=UTC)
    deps.index.set_scan(uid, scan_id, ScanRecord.renamed(name, now).fields())
    doc = deps.index.get_scan(uid, scan_id)
    return jsonable(doc or {"id": scan_id, "name": name})


def delete_user_scan(uid: str, scan_id: str, deps: UploadDeps) -> dict[str, Any]:
    """Delete one of the caller's scans: its upload, every result object and its document.

    Objects go first (every version in a versioned bucket), the document last, so a
    failure half-way leaves a scan the user can delete again. Deleting a scan that is
    already gone succeeds (its prefixes are emptied again, which costs nothing).

    Args:
        uid: The caller.
        scan_id: The scan.
        deps: Adapters and settings.

    Returns:
        ``{"id", "deleted": {"uploads": n, "results": n}}``.

    Raises:
        InputError: A malformed id.
        ScanBusyDeleteError: The scan is ``queued`` or ``processing``.
    """
    check_uid(uid)
    check_scan_id(scan_id)
    doc = deps.index.get_scan(uid, scan_id)
    if doc is not None and doc.get("status") in BUSY_STATES:
        raise ScanBusyDeleteError(
            f"the scan is {doc['status']}; delete it once it is done or has failed"
        )
    uploads = deps.uploads.delete_all(upload_prefix(uid, scan_id))
    results = deps.results.delete_all(results_prefix(uid, scan_id))
    deps.index.delete_scan(uid, scan_id)
    return {"id": scan_id, "deleted": {"uploads": uploads, "results": results}}


def jsonable(value: Any) -> Any:
    """``value`` with datetimes (Firestore timestamps included) as ISO-8601 strings."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
