"""Object keys of the cloud layout: ``uploads/{uid}/{scan_id}/{filename}`` -> ``results/...``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ichseg.errors import InputError

UPLOADS_PREFIX = "uploads/"
RESULTS_PREFIX = "results/"

# Matched with ``fullmatch``: ``$`` alone would also accept a trailing newline.
_UID = re.compile(r"[A-Za-z0-9_-]{1,128}")
_SCAN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,199}")


@dataclass(frozen=True)
class UploadKey:
    """A parsed upload key.

    Attributes:
        uid: Firebase user id (owner of the scan).
        scan_id: Scan id chosen by the upload API.
        filename: The uploaded file's name.
    """

    uid: str
    scan_id: str
    filename: str

    @property
    def key(self) -> str:
        """The upload object key."""
        return f"{upload_prefix(self.uid, self.scan_id)}{self.filename}"

    @property
    def results_prefix(self) -> str:
        """Where this scan's outputs live in the results bucket (ends with ``/``)."""
        return results_prefix(self.uid, self.scan_id)


def upload_prefix(uid: str, scan_id: str) -> str:
    """The key prefix a user's upload form is restricted to (ends with ``/``)."""
    return f"{UPLOADS_PREFIX}{uid}/{scan_id}/"


def results_prefix(uid: str, scan_id: str) -> str:
    """The key prefix of a scan's outputs (ends with ``/``)."""
    return f"{RESULTS_PREFIX}{uid}/{scan_id}/"


def check_uid(uid: str) -> str:
    """Return ``uid`` if it is safe to use in a key, else raise :class:`InputError`."""
    if not _UID.fullmatch(uid):
        raise InputError("user id is not valid")
    return uid


def check_scan_id(scan_id: str) -> str:
    """Return ``scan_id`` if it is safe to use in a key or a document path, else raise.

    Raises:
        InputError: The id is not 1-64 letters, digits, ``_`` or ``-``.
    """
    if not _SCAN_ID.fullmatch(scan_id):
        raise InputError("scan id is not valid")
    return scan_id


def check_filename(filename: str) -> str:
    """Return ``filename`` if it is a plain, safe file name, else raise :class:`InputError`."""
    if not _FILENAME.fullmatch(filename) or ".." in filename:
        raise InputError(
            "file name must be 1-200 letters, digits, spaces, '.', '_' or '-' "
            "and start with a letter or digit"
        )
    return filename


def parse_upload_key(key: str) -> UploadKey:
    """Parse ``uploads/{uid}/{scan_id}/{filename}`` (already URL-decoded).

    Raises:
        InputError: The key does not follow the layout.
    """
    parts = key.split("/")
    if len(parts) != 4 or f"{parts[0]}/" != UPLOADS_PREFIX:
        raise InputError(f"not an upload key (expected uploads/<uid>/<scan>/<file>): {key!r}")
    _, uid, scan_id, filename = parts
    if not _UID.fullmatch(uid) or not _SCAN_ID.fullmatch(scan_id):
        raise InputError(f"upload key has an invalid user or scan id: {key!r}")
    check_filename(filename)
    return UploadKey(uid=uid, scan_id=scan_id, filename=filename)
