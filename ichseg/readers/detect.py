"""Recognise a scan's format from its content (magic bytes), not its file name."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Literal

from ichseg.errors import InputError
from ichseg.readers.common import HEAD_BYTES, Member

#: What a single file holds.
Kind = Literal["image", "dicom", "nifti", "video", "zip"]
#: What :func:`detect_format` reports for a whole input.
Format = Literal["video", "images", "dicom", "nifti"]

_QUICKTIME_ATOMS = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
#: ISO-BMFF brands that are still images, not video.
_IMAGE_BRANDS = (b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1")


def _is_nifti_header(head: bytes) -> bool:
    if len(head) >= 348:
        for order in ("<", ">"):
            if struct.unpack(order + "i", head[:4])[0] == 348 and head[344:348] == b"n+1\x00":
                return True
    if len(head) >= 8:
        for order in ("<", ">"):
            if struct.unpack(order + "i", head[:4])[0] == 540 and head[4:8] == b"n+2\x00":
                return True
    return False


def _gunzip_head(head: bytes, n: int = 600) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, n)
    except zlib.error:
        return b""


def sniff(head: bytes, name: str = "") -> Kind | None:
    """Classify a file from its first bytes.

    Args:
        head: The first bytes of the file (``HEAD_BYTES`` is plenty; gzip needs ~1 KiB).
        name: The file name; only used to accept a DICOM file written without its
            128-byte preamble when it is named ``*.dcm``.

    Returns:
        ``"image"`` (PNG/JPEG), ``"dicom"``, ``"nifti"`` (also gzipped), ``"video"``
        (MP4/MOV, AVI, WebM/MKV), ``"zip"``, or ``None`` when unknown.
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return "image"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if len(head) >= 12 and head[4:8] in _QUICKTIME_ATOMS:
        if head[4:8] == b"ftyp" and head[8:12] in _IMAGE_BRANDS:
            return None
        return "video"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "video"
    if _is_nifti_header(head):
        return "nifti"
    if head[:2] == b"\x1f\x8b" and _is_nifti_header(_gunzip_head(head)):
        return "nifti"
    # A DICOM data set without preamble starts with a group 0x0002 or 0x0008 tag.
    if name.lower().endswith(".dcm") and head[:2] in (b"\x02\x00", b"\x08\x00"):
        return "dicom"
    return None


def classify_members(members: list[Member], what: str) -> tuple[Format, list[Member], int]:
    """Decide whether a folder or archive holds image slices or a DICOM series.

    Files of other kinds (text, thumbnails, a stray video) are ignored and counted.

    Args:
        members: The folder's or archive's files.
        what: Name of the input, for the error message.

    Returns:
        ``(format, slice members in natural order, number of ignored files)``.

    Raises:
        InputError: Nothing usable, or images and DICOM files mixed.
    """
    images: list[Member] = []
    dicoms: list[Member] = []
    for member in members:
        kind = sniff(member.head(HEAD_BYTES), member.name)
        if kind == "image":
            images.append(member)
        elif kind == "dicom":
            dicoms.append(member)
    if images and dicoms:
        raise InputError(
            f"{what} mixes {len(images)} PNG/JPEG images and {len(dicoms)} DICOM files; "
            "give one kind"
        )
    if dicoms:
        return "dicom", dicoms, len(members) - len(dicoms)
    if images:
        return "images", images, len(members) - len(images)
    raise InputError(f"unsupported or empty input: {what} holds no PNG/JPEG slices or DICOM files")


def detect_format(path: Path) -> Format:
    """Say what kind of scan ``path`` is, from its content.

    Args:
        path: A video file, an image or DICOM file, a NIfTI file, or a folder or ``.zip``
            of PNG/JPEG slices or DICOM files.

    Returns:
        ``"video"``, ``"images"``, ``"dicom"`` or ``"nifti"``.

    Raises:
        InputError: Missing, empty or unrecognised input.
    """
    from ichseg.readers import open_input  # here: the package imports this module

    with open_input(path, None) as opened:
        return opened.format
