"""Recognise a scan's format from its content (magic bytes), not its file name.

The formats and their magic bytes are those of the registry, :mod:`ichseg.formats`.
"""

from __future__ import annotations

from pathlib import Path

from ichseg.errors import InputError
from ichseg.formats import FAMILIES, family_of
from ichseg.formats import sniff as sniff_format
from ichseg.readers.common import HEAD_BYTES, Member

#: What a single file holds: ``"image"``, ``"dicom"``, ``"nifti"``, ``"video"``, ``"zip"``
#: (a registry family; the PNG/JPEG family's single file is an ``"image"``).
Kind = str
#: What :func:`detect_format` reports for a whole input: a registry family name
#: (``"video"``, ``"images"``, ``"dicom"``, ``"nifti"``).
Format = str

_SINGLE = {"images": "image"}


def sniff(head: bytes, name: str = "") -> Kind | None:
    """Classify a file from its first bytes.

    Args:
        head: The first bytes of the file (``HEAD_BYTES`` is plenty; gzip needs ~1 KiB).
        name: The file name; only used where content cannot decide (a DICOM file written
            without its 128-byte preamble is accepted when it is named ``*.dcm``).

    Returns:
        ``"image"`` (PNG/JPEG), ``"dicom"``, ``"nifti"`` (also gzipped), ``"video"``
        (MP4/MOV, AVI, WebM/MKV), ``"zip"``, or ``None`` when unknown.
    """
    fmt = sniff_format(head, name)
    if fmt is None:
        return None
    return _SINGLE.get(fmt.family, fmt.family)


def classify_members(members: list[Member], what: str) -> tuple[Format, list[Member], int]:
    """Decide which slice family (PNG/JPEG images or a DICOM series) a folder or archive holds.

    Files of other kinds (text, thumbnails, a stray video) are ignored and counted.

    Args:
        members: The folder's or archive's files.
        what: Name of the input, for the error message.

    Returns:
        ``(format, slice members in natural order, number of ignored files)``.

    Raises:
        InputError: Nothing usable, or files of two slice families mixed.
    """
    found: dict[str, list[Member]] = {f.name: [] for f in FAMILIES.values() if f.members}
    for member in members:
        fmt = sniff_format(member.head(HEAD_BYTES), member.name)
        if fmt is not None and fmt.family in found:
            found[fmt.family].append(member)
    present = {name: files for name, files in found.items() if files}
    if len(present) > 1:
        counts = " and ".join(f"{len(v)} {FAMILIES[k].slices}" for k, v in present.items())
        raise InputError(f"{what} mixes {counts}; give one kind")
    if present:
        ((family, slices),) = present.items()
        return family, slices, len(members) - len(slices)
    nouns = " or ".join(FAMILIES[k].slices for k in found)
    raise InputError(f"unsupported or empty input: {what} holds no {nouns}")


def detect_format(path: Path) -> Format:
    """Say what kind of scan ``path`` is, from its content.

    Args:
        path: A video file, an image or DICOM file, a NIfTI file, or a folder or ``.zip``
            of PNG/JPEG slices or DICOM files.

    Returns:
        ``"video"``, ``"images"``, ``"dicom"`` or ``"nifti"`` (a registry family).

    Raises:
        InputError: Missing, empty or unrecognised input.
    """
    from ichseg.readers import open_input  # here: the package imports this module

    with open_input(path, None) as opened:
        return opened.format


__all__ = ["Format", "Kind", "classify_members", "detect_format", "family_of", "sniff"]
