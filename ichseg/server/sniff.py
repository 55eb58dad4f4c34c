"""Recognise an upload's type from its first bytes, not its name.

Only the kinds that :func:`ichseg.readers.read_scan` can open are accepted; everything
else is refused before a job is queued.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from pathlib import PurePath

#: Kinds of upload and the file name each is stored under.
STORED_NAMES = {
    "mp4": "input.mp4",
    "mov": "input.mov",
    "webm": "input.webm",
    "avi": "input.avi",
    "zip": "input.zip",
    "nifti": "input.nii",
    "nifti-gz": "input.nii.gz",
    "dicom": "input/slice.dcm",
}

ACCEPTED = (
    "a video (mp4, mov, avi, webm), a .zip of DICOM or PNG/JPEG slices, a DICOM file, "
    "or NIfTI (.nii, .nii.gz)"
)


def stored_name(kind: str, filename: str) -> str:
    """The relative path an upload is stored under: the user's name, made safe.

    The readers name the input by its file name in their messages, so keeping the user's
    name (letters, digits, ``._-`` only, with the extension of the sniffed kind) makes a
    failed job's message name the file the user chose.

    Args:
        kind: A key of :data:`STORED_NAMES`.
        filename: The name the user gave the file.

    Returns:
        For example ``"head_ct.nii.gz"``, or ``"input/head.dcm"`` for a single DICOM file.
    """
    default = STORED_NAMES[kind]
    folder, _, base = default.rpartition("/")
    ext = base[base.index(".") :]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePath(filename.replace("\\", "/")).name)
    for known in (ext, *(n[n.index(".") :] for n in STORED_NAMES.values())):
        if stem.lower().endswith(known):
            stem = stem[: -len(known)]
            break
    stem = stem.strip("._-")[:100] or "input"
    return f"{folder}/{stem}{ext}" if folder else f"{stem}{ext}"


def _is_nifti(header: bytes) -> bool:
    if len(header) >= 348 and header[344:348] in (b"n+1\x00", b"ni1\x00"):
        return True
    return len(header) >= 540 and header[4:8] in (b"n+2\x00", b"ni2\x00")


def sniff(head: bytes, filename: str = "") -> str | None:
    """Name the kind of an upload from its first bytes.

    Args:
        head: At least the first 4 KiB of the file (fewer if the file is shorter).
        filename: The name the user gave it; only used to tell ``.mov`` from ``.mp4``.

    Returns:
        A key of :data:`STORED_NAMES`, or ``None`` when the content is not accepted.
    """
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "mov" if brand == b"qt  " or PurePath(filename).suffix.lower() == ".mov" else "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if head[128:132] == b"DICM":
        return "dicom"
    if _is_nifti(head):
        return "nifti"
    if head[:2] == b"\x1f\x8b":
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(540)
        except (OSError, EOFError, zlib.error):
            inner = b""
        if _is_nifti(inner):
            return "nifti-gz"
    return None
