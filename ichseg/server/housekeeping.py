"""Where a job's files live, and scan housekeeping: names, deletion and user-given spacing.

Kept apart from the routes so that they stay thin: each route checks the caller and the
request, then calls one function here. Typed against the ports
(:class:`ichseg.ports.JobQueue`, :class:`ichseg.ports.FolderStore`), not the adapters.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ichseg.errors import InputError
from ichseg.geometry import check_spacing
from ichseg.ports import FolderStore, JobQueue
from ichseg.records import MAX_NAME_CHARS, Job, clean_name

log = logging.getLogger("ichseg.server")

__all__ = [
    "MAX_NAME_CHARS",
    "clean_name",
    "delete_scan",
    "load_spacing",
    "parse_spacing",
    "result_key",
    "save_spacing",
    "spacing_key",
]


def result_key(job_id: str) -> str:
    """Storage key of a job's results folder."""
    return f"results/{job_id}"


def spacing_key(job_id: str) -> str:
    """Storage key of the spacing the user gave at upload (beside the upload, not in it)."""
    return f"uploads/{job_id}.spacing.json"


def parse_spacing(pixel: Any, thickness: Any) -> tuple[float, float] | None:
    """The optional spacing fields of an upload form.

    Args:
        pixel: ``pixel_spacing_mm`` as sent (``None`` or blank: not given).
        thickness: ``slice_thickness_mm`` as sent.

    Returns:
        ``(pixel_mm, thickness_mm)``, or ``None`` when neither was given.

    Raises:
        InputError: When only one is given or a value is not plausible.
    """
    given = [v for v in (pixel, thickness) if isinstance(v, str) and v.strip()]
    if not given:
        return None
    if len(given) != 2:
        raise InputError("give both the pixel spacing and the slice thickness, or neither")
    return check_spacing(float_or_nan(pixel), float_or_nan(thickness))


def float_or_nan(value: Any) -> float:
    """``float(value)``, or NaN when it is not a number (rejected by the range check)."""
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return float("nan")


def save_spacing(store: FolderStore, job_id: str, spacing: tuple[float, float]) -> None:
    """Keep the spacing the user gave until the worker reads it."""
    path = store.path_for(spacing_key(job_id))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"pixel_spacing_mm": spacing[0], "slice_thickness_mm": spacing[1]}),
        encoding="utf-8",
    )


def load_spacing(store: FolderStore, job_id: str) -> tuple[float, float] | None:
    """The spacing saved by :func:`save_spacing`, or ``None`` (none given, or unreadable)."""
    path = store.path_for(spacing_key(job_id))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return check_spacing(data["pixel_spacing_mm"], data["slice_thickness_mm"])
    except (OSError, ValueError, KeyError, TypeError, InputError):
        return None


def delete_scan(index: JobQueue, store: FolderStore, job: Job) -> bool:
    """Delete a scan: its index row, the upload, the user's spacing and every result file.

    The row goes first (a worker then cannot claim it); a scan being processed is refused.

    Args:
        index: The job index.
        store: Where uploads and results live.
        job: The caller's job.

    Returns:
        Whether it was deleted (``False``: a worker is processing it).
    """
    if not index.delete_job(job.id, job.user_id):
        return False
    upload = job.input_key
    folder = f"uploads/{job.id}"
    store.delete_prefix(folder if upload.startswith(folder) else upload)
    store.delete_prefix(spacing_key(job.id))
    store.delete_prefix(result_key(job.id))
    parent = store.path_for(result_key(job.id)).parent
    for stale in parent.glob(f".{job.id}.*"):  # staging left by a crashed run
        store.delete_prefix(f"results/{stale.name}")
    log.info("job %s deleted", job.id)
    return True
