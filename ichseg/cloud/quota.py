"""Per-user limits on upload forms: a verified caller, scans per day, bytes in flight.

An upload form is the only way into the pipeline, and each upload may start a GPU task, so
the limits are applied when a form is issued (:func:`check_upload_allowed`), against the
caller's scan documents: every form records a ``pending`` scan (with its declared size and
``created_at``) before it is returned.

* **Verified caller**: an e-mail address the user has verified, or a phone number (phone
  sign-in verifies it); an anonymous or unverified account gets 403.
* **Scans per day**: forms issued in the last 24 hours (``created_at``), whatever became of
  them; past ``max_scans_per_day`` the caller gets 429.
* **Bytes in flight**: declared sizes of the caller's scans still ``pending`` (only while
  their form can still be used), ``queued`` or ``processing`` (for ``in_flight_window_s``);
  a form that would take the sum past ``max_bytes_in_flight`` gets 429.

The count is read, then the ``pending`` scan is written: two forms requested at the same
instant can both pass. The upload function's reserved concurrency bounds that overshoot (a
handful of forms), which is acceptable for a brake on abuse; it is not a billing ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from ichseg.cloud.settings import CloudSettings
from ichseg.errors import IchsegError
from ichseg.ports import Caller

#: Scan statuses that still hold an upload's bytes.
IN_FLIGHT = frozenset({"pending", "queued", "processing"})
DAY = timedelta(days=1)
#: How long after its form expired a ``pending`` scan still counts (S3 event delivery).
PENDING_GRACE = timedelta(minutes=10)


class UnverifiedCallerError(IchsegError):
    """The caller has neither a verified e-mail address nor a phone number."""

    code = "unverified"


class QuotaExceededError(IchsegError):
    """The caller is past a per-user limit; try again later."""

    code = "quota_exceeded"


def check_upload_allowed(
    caller: Caller, size: int, scans: Iterable[Mapping[str, Any]], settings: CloudSettings,
    now: datetime,
) -> None:  # fmt: skip
    """Refuse a new upload form past the caller's limits.

    Args:
        caller: The verified token's user.
        size: The declared size of the new upload.
        scans: The caller's recent scan documents (newest first is not required).
        settings: The limits.
        now: The current time (aware).

    Raises:
        UnverifiedCallerError: No verified e-mail address or phone number.
        QuotaExceededError: Past the scans-per-day or bytes-in-flight limit.
    """
    if not caller.verified:
        raise UnverifiedCallerError(
            "please verify your e-mail address (use the link we sent you) or sign in with "
            "a phone number before uploading scans"
        )
    today = 0
    in_flight = 0
    form_life = timedelta(seconds=settings.upload_url_ttl_s) + PENDING_GRACE
    window = timedelta(seconds=settings.in_flight_window_s)
    for doc in scans:
        created = _time(doc.get("created_at"))
        if created is None:
            continue  # written before limits existed
        age = now - created
        if age < DAY:
            today += 1
        status = doc.get("status")
        if status in IN_FLIGHT and age < (form_life if status == "pending" else window):
            in_flight += int(doc.get("size") or 0)
    if today >= settings.max_scans_per_day:
        raise QuotaExceededError(
            f"you have started {today} scans in the last 24 hours, the most allowed; "
            "please try again later"
        )
    if in_flight + size > settings.max_bytes_in_flight:
        raise QuotaExceededError(
            f"{in_flight / 1e6:.0f} MB of your uploads are still being processed and this "
            f"file is {size / 1e6:.0f} MB; the limit is "
            f"{settings.max_bytes_in_flight / 1e6:.0f} MB at a time. Please wait for your "
            "scans to finish"
        )


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
