"""Scan readers: video, PNG/JPEG stacks, DICOM series and NIfTI, detected from content.

The formats, their magic bytes and the reader of each are those of the registry,
:mod:`ichseg.formats`; this package opens the input (a file, a folder or a zip) and hands
it to the reader of its family.

``read_scan`` is the one entry point; every failure is an :class:`~ichseg.errors.InputError`
(or its subclass :class:`~ichseg.errors.LimitExceeded`) with a one-line message that names
the input by its file or folder name only. Heavy libraries (PyAV, pydicom, nibabel) are
imported by the reader that needs them, so importing this package stays light.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ichseg.errors import IchsegError, InputError, LimitExceeded
from ichseg.formats import FAMILIES, describe_readable
from ichseg.formats import sniff as sniff_format
from ichseg.readers.common import HEAD_BYTES, Member, file_member, folder_members, one_line
from ichseg.readers.detect import Format, classify_members, detect_format
from ichseg.readers.limits import Limits
from ichseg.readers.safezip import SafeZip
from ichseg.scan import Scan

__all__ = [
    "Limits",
    "Opened",
    "count_slices",
    "detect_format",
    "open_input",
    "read_dicom_datasets",
    "read_scan",
]

log = logging.getLogger(__name__)


@dataclass
class Opened:
    """An input whose format is known, ready for its reader.

    Attributes:
        format: The registry family: ``"video"``, ``"images"``, ``"dicom"`` or ``"nifti"``.
        path: The input path.
        container: ``"file"``, ``"folder"`` or ``"zip"``.
        members: Slice files (images and DICOM only), in natural order.
        ignored: Files in a folder or zip that are neither slices nor DICOM.
    """

    format: Format
    path: Path
    container: str
    members: list[Member] = field(default_factory=list)
    ignored: int = 0


def _unsupported(path: Path, why: str) -> InputError:
    return InputError(f"unsupported or empty input: {path.name or str(path)} {why}")


@contextmanager
def open_input(path: Path, limits: Limits | None) -> Iterator[Opened]:
    """Recognise an input and hold it open (a zip stays open) while it is read.

    Args:
        path: A file, folder or zip archive.
        limits: The limits in force (defaults when ``None``).

    Yields:
        The recognised input.

    Raises:
        InputError: Missing, empty, unsafe or unrecognised input.
        LimitExceeded: The input is larger than ``limits.max_input_bytes``, or its zip
            breaks a zip limit.
    """
    limits = limits or Limits()
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        members = folder_members(path, limits)
        if not members:
            raise _unsupported(path, "is an empty folder")
        fmt, slices, ignored = classify_members(members, name)
        yield Opened(fmt, path, "folder", slices, ignored)
        return
    if not path.is_file():
        raise InputError(f"input not found: {name}")
    size = path.stat().st_size
    if size == 0:
        raise _unsupported(path, "is an empty file")
    if size > limits.max_input_bytes:
        raise LimitExceeded(
            f"{name} is {size} bytes, more than the limit of {limits.max_input_bytes}"
        )
    member = file_member(path)
    found = sniff_format(member.head(HEAD_BYTES), path.name)
    if found is None:
        raise _unsupported(path, f"is not {describe_readable()}")
    if found.family == "zip":
        with SafeZip(path, limits) as archive:
            members = archive.members()
            if not members:
                raise _unsupported(path, "is an empty zip archive")
            fmt, slices, ignored = classify_members(members, name)
            yield Opened(fmt, path, "zip", slices, ignored)
        return
    if FAMILIES[found.family].members:
        yield Opened(found.family, path, "file", [member])
    else:
        yield Opened(found.family, path, "file")


def read_scan(path: Path, limits: Limits | None = None) -> Scan:
    """Read a head-CT scan from a video, image stack, DICOM series or NIfTI volume.

    The format is recognised from the content (magic bytes), not from the extension.

    Args:
        path: A video file (MP4/MOV, AVI, WebM/MKV); a PNG/JPEG file or a folder or ``.zip``
            of them (natural sort of the names); a DICOM file or a folder or ``.zip`` of a
            DICOM series; a ``.nii``/``.nii.gz`` volume.
        limits: Safety limits; :class:`Limits` defaults when ``None``.

    Returns:
        The scan. ``scan.source`` says what the input was: ``format``, ``name`` (no local
        path), ``container``, ``n_slices``, ``width``, ``height`` and format details; it
        never holds patient identifiers. A DICOM series' patient name and ID are in
        ``scan.patient``, which only ``report.json`` carries.

    Raises:
        InputError: Unreadable, truncated, empty, unsafe or unsupported input.
        LimitExceeded: The input breaks one of ``limits``.
    """
    limits = limits or Limits()
    path = Path(path)
    try:
        with open_input(path, limits) as opened:
            scan = _read(opened, limits)
    except IchsegError as exc:
        scrubbed = _scrub(exc.message, path)
        if scrubbed != exc.message:
            raise type(exc)(scrubbed) from exc
        raise
    except MemoryError as exc:
        raise LimitExceeded(f"{path.name}: not enough memory to decode this input") from exc
    except Exception as exc:  # a library failure we did not foresee: still one clear line
        log.debug("reader failed on %s", path.name, exc_info=True)
        raise InputError(f"cannot read {path.name}: {_scrub(one_line(exc), path)}") from exc
    if opened.ignored:
        scan.source["ignored_files"] = opened.ignored
    return scan


def count_slices(path: Path, limits: Limits | None = None) -> int:
    """Estimate a scan's slice count from its container and headers, without decoding pixels.

    Used to route large scans before reading them. Image stacks and DICOM series count their
    files (an upper bound: localizers and DICOMDIR files are dropped later); NIfTI counts the
    slices along the superior axis from the header; video uses the declared frame count, or
    duration times frame rate when none is declared.

    Args:
        path: Any input :func:`read_scan` accepts.
        limits: Safety limits for opening archives; :class:`Limits` defaults when ``None``.

    Returns:
        The estimated number of slices (0 when a video declares nothing).

    Raises:
        InputError: The input is unsupported, unsafe or unreadable.
        LimitExceeded: The archive breaks one of ``limits``.
    """
    limits = limits or Limits()
    path = Path(path)
    with open_input(path, limits) as opened:
        family = FAMILIES[opened.format]
        if family.members:
            return len(opened.members)
        return family.count(opened.path)


def read_dicom_datasets(path: Path, limits: Limits | None = None) -> list[Any]:
    """The datasets of a DICOM input, in the order :func:`read_scan` gives its slices.

    Args:
        path: A DICOM file, or a folder or zip of one series.
        limits: Safety limits; :class:`Limits` defaults when ``None``.

    Returns:
        pydicom datasets in scan order (slice ``k`` of :func:`read_scan` is dataset ``k``).

    Raises:
        InputError: The input is not a readable DICOM series.
    """
    from ichseg.readers.dicom import ordered_datasets

    limits = limits or Limits()
    path = Path(path)
    with open_input(path, limits) as opened:
        if opened.format != "dicom":
            raise InputError(f"{path.name} is not a DICOM series")
        return ordered_datasets(opened.members, limits, path.name or str(path))


def _scrub(message: str, path: Path) -> str:
    """Remove the local folders from a message (library errors quote full paths)."""
    for folder in {str(path.parent), str(path.absolute().parent), str(path.resolve().parent)}:
        if folder not in ("", "."):
            message = message.replace(folder.rstrip("/") + "/", "")
    return message


def _read(opened: Opened, limits: Limits) -> Scan:
    family = FAMILIES[opened.format]
    scan: Scan
    if family.members:
        name = opened.path.name or str(opened.path)
        scan = family.read(opened.members, limits, name, opened.container)
    else:
        scan = family.read(opened.path, limits)
    return scan
