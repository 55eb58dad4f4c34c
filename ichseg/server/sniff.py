"""Recognise an upload's type from its first bytes, not its name.

Only the formats of the registry (:mod:`ichseg.formats`) that are accepted as uploads pass;
everything else is refused before a job is queued.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ichseg.formats import BY_NAME, describe_uploads, upload_formats
from ichseg.formats import sniff as sniff_format

#: The accepted uploads in words, for the refusal message.
ACCEPTED = describe_uploads()


def stored_name(kind: str, filename: str) -> str:
    """The relative path an upload is stored under: the user's name, made safe.

    The readers name the input by its file name in their messages, so keeping the user's
    name (letters, digits, ``._-`` only, with the first ending of the sniffed format) makes
    a failed job's message name the file the user chose.

    Args:
        kind: A registry format name (what :func:`sniff` returned).
        filename: The name the user gave the file.

    Returns:
        For example ``"head_ct.nii.gz"``, or ``"input/head.dcm"`` for a single DICOM file.
    """
    fmt = BY_NAME[kind]
    ext = fmt.suffixes[0]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePath(filename.replace("\\", "/")).name)
    endings = sorted({s for f in upload_formats() for s in f.suffixes}, key=len, reverse=True)
    for known in (ext, *endings):
        if stem.lower().endswith(known):
            stem = stem[: -len(known)]
            break
    stem = stem.strip("._-")[:100] or "input"
    return f"{fmt.stored_folder}/{stem}{ext}" if fmt.stored_folder else f"{stem}{ext}"


def sniff(head: bytes, filename: str = "") -> str | None:
    """Name the format of an upload from its first bytes.

    Args:
        head: At least the first 4 KiB of the file (fewer if the file is shorter).
        filename: The name the user gave it; only used where content cannot decide (a
            ``.mov`` with an ISO brand).

    Returns:
        The registry name of an accepted upload format (``"mp4"``, ``"nifti-gz"`` …), or
        ``None`` when the content is not accepted.
    """
    fmt = sniff_format(head, filename)
    return fmt.name if fmt is not None and fmt.upload else None
