"""Typed records of a scan's state: the summary shown in scan lists, and the cloud record.

The embedded server's records (:class:`User`, :class:`Job`) are here too, below the ports
that carry them (:class:`ichseg.ports.ServerIndex`) and the SQLite adapter that stores them.

:func:`summarise` is the one summary of a ``report.json`` (the embedded server's job list
and the cloud scan index show the same fields). :class:`ScanRecord` is the one shape of the
document the cloud writes to the scan index (Firestore ``users/{uid}/scans/{scan_id}``):
the segment Lambda, the GPU task, the dead-letter consumer and the upload API build it with
the constructors below, each of which stamps ``updated_at``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ichseg.errors import InputError

#: Longest name a user may give a scan.
MAX_NAME_CHARS = 120

#: The states a scan passes through.
Status = Literal["pending", "queued", "processing", "done", "failed"]
#: Where a cloud scan is segmented.
Runner = Literal["lambda", "gpu"]


def clean_name(value: Any) -> str | None:
    """A scan name as typed: printable, trimmed, at most :data:`MAX_NAME_CHARS`.

    Args:
        value: The name from the request (``None`` or ``""`` clears it).

    Returns:
        The name, or ``None`` to go back to the upload's file name.

    Raises:
        InputError: When the value is not a string or is too long.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("the name must be text")
    name = " ".join("".join(ch for ch in value if ch.isprintable()).split())
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"the name is longer than {MAX_NAME_CHARS} characters")
    return name or None


class ScanSummary(BaseModel):
    """The part of ``report.json`` a scan list shows without downloading the report.

    Attributes:
        haemorrhage: The scan verdict.
        probability: The scan probability (highest slice score).
        volume_ml: Bleed volume, or ``None`` without spacing.
        slices: Number of slices.
        slices_with_bleed: Slices whose mask is not empty.
        likely_subtypes: Subtypes at or above the subtype threshold, most probable first.
        model: ``name``, ``version`` and ``sha256`` of the model.
        peak_slice: The 1-based slice a reader should see first (:func:`peak_slice`), or
            ``None`` without slices.
        study: What identifies the study (:func:`study_facts`); never the patient.
    """

    haemorrhage: bool
    probability: float
    volume_ml: float | None
    slices: int
    slices_with_bleed: int
    likely_subtypes: list[str]
    model: dict[str, Any]
    peak_slice: int | None
    study: dict[str, Any]


#: The summary fields the embedded server keeps per job (its scan list shows these).
BRIEF_FIELDS = frozenset(
    {
        "haemorrhage",
        "probability",
        "volume_ml",
        "slices",
        "slices_with_bleed",
        "peak_slice",
        "study",
    }
)

#: ``report.json`` ``input`` keys that describe the study, copied into the summary.
#: Patient name and ID are deliberately absent: the scan list, the cloud scan document and
#: the logs must not show them (the viewer reads them from ``report.json`` only when the
#: user asks to see them).
STUDY_KEYS = (
    "format",
    "study_date",
    "study_description",
    "series_description",
    "modality",
    "n_slices",
    "pixel_spacing_mm",
    "slice_thickness_mm",
)


def study_facts(report: Mapping[str, Any]) -> dict[str, Any]:
    """The study facts of a report that the scans list shows (no patient identity).

    Args:
        report: A parsed ``report.json``.

    Returns:
        The :data:`STUDY_KEYS` that the report's ``input`` holds with a value.
    """
    source = report.get("input") or {}
    return {k: source[k] for k in STUDY_KEYS if source.get(k) not in (None, "")}


def peak_slice(report: Mapping[str, Any]) -> int | None:
    """The slice a reader should see first: the largest bleed, else the highest score.

    The slice score is read generically: ``score`` when the model reports one, else
    ``probability``.

    Args:
        report: A parsed ``report.json``.

    Returns:
        The 1-based slice index, or ``None`` for a report without slices.
    """
    slices = list(report.get("slices") or [])
    if not slices:
        return None

    def score(s: Mapping[str, Any]) -> float:
        value = s.get("score", s.get("probability"))
        return float(value) if isinstance(value, int | float) else 0.0

    best = max(slices, key=lambda s: (int(s.get("area_px") or 0), score(s)))
    return int(best.get("index") or slices.index(best) + 1)


def summarise(report: Mapping[str, Any], fields: Collection[str] | None = None) -> dict[str, Any]:
    """The summary of a parsed ``report.json`` (see :class:`ScanSummary`).

    Args:
        report: A report as :func:`ichseg.report.build_report` writes it.
        fields: Keep only these fields (for example :data:`BRIEF_FIELDS`); all by default.

    Returns:
        The summary as a JSON-ready dict.
    """
    scan = report.get("scan", {})
    slices = report.get("slices", [])
    model = report.get("model", {})
    return ScanSummary(
        haemorrhage=bool(scan.get("haemorrhage", False)),
        probability=float(scan.get("probability") or 0.0),
        volume_ml=scan.get("volume_ml"),
        slices=len(slices),
        slices_with_bleed=sum(1 for s in slices if (s.get("area_px") or 0) > 0),
        likely_subtypes=list(scan.get("likely_subtypes") or []),
        model={k: model.get(k) for k in ("name", "version", "sha256")},
        peak_slice=peak_slice(report),
        study=study_facts(report),
    ).model_dump(include=set(fields) if fields is not None else None)


class SourceRef(BaseModel):
    """The uploaded object a scan was made from.

    Attributes:
        bucket: Upload bucket.
        key: Upload key.
        version_id: Object version, or ``None`` in an unversioned bucket.
    """

    bucket: str
    key: str
    version_id: str | None = None


class ScanRecord(BaseModel):
    """Fields merged into a cloud scan document; only the fields set are written.

    Attributes:
        status: ``pending``, ``queued``, ``processing``, ``done`` or ``failed``.
        filename: The uploaded file's name.
        source: The uploaded object.
        runner: ``lambda`` or ``gpu``.
        task_arn: The GPU task that owns a ``queued`` scan.
        error: User-readable error of a failed scan (``None`` clears it).
        error_code: Machine-readable error code (``None`` clears it).
        outputs: Result keys (``prefix``, linked outputs, ``masks_prefix``, ``mask_count``).
        summary: :func:`summarise` of the report.
        links: Presigned download links by output name.
        links_expire_at: When ``links`` expire.
        size: Declared upload size in bytes (``pending`` scans; counted by the per-user
            limits).
        content_type: Declared content type of the upload (``pending`` scans).
        name: The display name the user gave the scan (``None`` clears it: the file name
            is shown).
        pixel_spacing_mm: In-plane pixel spacing the user gave at upload, for inputs that
            carry none (PNG/JPEG, video); the segmenting runner applies it.
        slice_thickness_mm: Slice thickness the user gave at upload (with the above).
        created_at: When the upload form was issued.
        updated_at: When the record changed (orders the scan list).
    """

    model_config = ConfigDict(extra="forbid")

    status: Status | None = None
    filename: str | None = None
    source: SourceRef | None = None
    runner: Runner | None = None
    task_arn: str | None = None
    error: str | None = None
    error_code: str | None = None
    outputs: dict[str, Any] | None = None
    summary: dict[str, Any] | None = None
    links: dict[str, str] | None = None
    links_expire_at: datetime | None = None
    size: int | None = None
    content_type: str | None = None
    name: str | None = None
    pixel_spacing_mm: float | None = None
    slice_thickness_mm: float | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def fields(self) -> dict[str, Any]:
        """The fields to merge into the document (those set, ``None`` included)."""
        return self.model_dump(exclude_unset=True)

    @classmethod
    def processing(
        cls, filename: str, source: SourceRef, runner: Runner, at: datetime
    ) -> ScanRecord:
        """A scan being segmented (clears an earlier error)."""
        return cls(
            status="processing",
            filename=filename,
            source=source,
            runner=runner,
            error=None,
            updated_at=at,
        )

    @classmethod
    def queued(cls, filename: str, source: SourceRef, task_arn: str, at: datetime) -> ScanRecord:
        """A scan handed to the GPU task."""
        return cls(
            status="queued",
            filename=filename,
            source=source,
            runner="gpu",
            task_arn=task_arn,
            error=None,
            updated_at=at,
        )

    @classmethod
    def pending(
        cls,
        filename: str,
        size: int,
        content_type: str,
        at: datetime,
        spacing: tuple[float, float] | None = None,
    ) -> ScanRecord:
        """A scan whose upload form was issued and whose file has not arrived yet.

        Args:
            filename: The file name the upload will have.
            size: Declared size in bytes.
            content_type: Declared content type.
            at: When the form was issued.
            spacing: ``(pixel_spacing_mm, slice_thickness_mm)`` the user gave, if any.
        """
        extra: dict[str, Any] = {}
        if spacing is not None:
            extra = {"pixel_spacing_mm": spacing[0], "slice_thickness_mm": spacing[1]}
        return cls(
            status="pending",
            filename=filename,
            size=size,
            content_type=content_type,
            error=None,
            created_at=at,
            updated_at=at,
            **extra,
        )

    @classmethod
    def renamed(cls, name: str | None, at: datetime) -> ScanRecord:
        """A new display name (``None``: back to the file name)."""
        return cls(name=name, updated_at=at)

    @classmethod
    def failed(
        cls,
        message: str,
        code: str,
        at: datetime,
        filename: str | None = None,
        source: SourceRef | None = None,
        task_arn: str | None = None,
    ) -> ScanRecord:
        """A scan that ended without results; ``message`` is shown to the user."""
        known: dict[str, Any] = {"filename": filename, "source": source, "task_arn": task_arn}
        return cls(
            status="failed",
            error=message,
            error_code=code,
            updated_at=at,
            **{k: v for k, v in known.items() if v is not None},
        )

    @classmethod
    def done(
        cls,
        filename: str,
        source: SourceRef,
        runner: Runner,
        outputs: Mapping[str, Any],
        summary: Mapping[str, Any],
        links: Mapping[str, str],
        links_expire_at: datetime,
        at: datetime,
    ) -> ScanRecord:
        """A scan with stored results and fresh download links."""
        return cls(
            status="done",
            error=None,
            error_code=None,
            filename=filename,
            source=source,
            runner=runner,
            outputs=dict(outputs),
            summary=dict(summary),
            updated_at=at,
            links=dict(links),
            links_expire_at=links_expire_at,
        )

    @classmethod
    def renewed_links(cls, links: Mapping[str, str], expire_at: datetime) -> ScanRecord:
        """Fresh download links for a finished scan (nothing else changes)."""
        return cls(links=dict(links), links_expire_at=expire_at)


@dataclass(frozen=True)
class User:
    """A local account.

    Attributes:
        id: Row id.
        email: Login e-mail (unique, case-insensitive).
        password_hash: Encoded KDF hash (argon2id).
    """

    id: int
    email: str
    password_hash: str


@dataclass(frozen=True)
class Job:
    """One uploaded scan and the state of its segmentation.

    Attributes:
        id: Job id (URL-safe random string).
        user_id: Owner.
        filename: Name of the uploaded file as the user chose it.
        size_bytes: Upload size.
        input_key: Storage key of the uploaded file.
        status: ``pending``, ``queued``, ``processing``, ``done`` or ``failed``.
        message: One-line error for failed jobs.
        stage: Current pipeline stage while processing.
        progress_done: Units of the stage done.
        progress_total: Units of the stage in all.
        attempts: How many times a worker claimed the job.
        worker_id: Worker holding the job while processing.
        lease_until: Epoch seconds when the worker's claim runs out.
        summary: :func:`summarise` of a done job's report (:data:`BRIEF_FIELDS`).
        created_at: Epoch seconds of the upload.
        updated_at: Epoch seconds of the last change.
        finished_at: Epoch seconds when the job ended.
        display_name: The name the user gave the scan (``None``: the upload's file name).
    """

    id: str
    user_id: int
    filename: str
    size_bytes: int
    input_key: str
    status: str
    message: str | None
    stage: str | None
    progress_done: int
    progress_total: int
    attempts: int
    worker_id: str | None
    lease_until: float | None
    summary: dict[str, Any] | None
    created_at: float
    updated_at: float
    finished_at: float | None
    display_name: str | None = None

    def public(self) -> dict[str, Any]:
        """The fields a user may see, as JSON-ready values."""
        return {
            "id": self.id,
            "filename": self.filename,
            "name": self.display_name or self.filename,
            "size_bytes": self.size_bytes,
            "status": self.status,
            "message": self.message,
            "stage": self.stage,
            "progress": {"done": self.progress_done, "total": self.progress_total},
            "summary": self.summary,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "finished_at": self.finished_at,
        }
