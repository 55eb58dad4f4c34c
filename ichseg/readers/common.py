"""Helpers shared by the readers: input members, natural sort and size budgets."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers.limits import Limits

#: Bytes read from the start of a file to recognise its format.
HEAD_BYTES = 4096

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers by value (``2.png`` before ``10.png``).

    Args:
        name: A file or entry name.

    Returns:
        A tuple usable as a ``sorted`` key; numbers and text never compare with each other.
    """
    parts = _DIGITS.split(name.replace("\\", "/").lower())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p != "")


@dataclass(frozen=True)
class Member:
    """One file inside an input folder or zip archive.

    Attributes:
        name: Relative name inside the folder or archive (``/``-separated).
        size: Declared size in bytes.
        read: Returns the whole content (may raise ``InputError``/``LimitExceeded``).
        head: Returns up to the first ``n`` bytes.
    """

    name: str
    size: int
    read: Callable[[], bytes]
    head: Callable[[int], bytes]


def skip_name(rel: str) -> bool:
    """Whether a member is metadata from an archiver or OS rather than a slice."""
    parts = rel.split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1] in (
        "Thumbs.db",
        "desktop.ini",
    )


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc

    return read


def _file_head(path: Path) -> Callable[[int], bytes]:
    def head(n: int) -> bytes:
        try:
            with path.open("rb") as fh:
                return fh.read(n)
        except OSError as exc:
            raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from exc

    return head


def folder_members(root: Path, limits: Limits) -> list[Member]:
    """List the files of an input folder, recursively, without following links out of it.

    Hidden files, ``__MACOSX`` and links that point outside ``root`` are skipped.

    Args:
        root: The input folder.
        limits: Caps on the number of files and their total size.

    Returns:
        Members in natural order of their relative names.

    Raises:
        LimitExceeded: Too many files, or more bytes than ``limits.max_input_bytes``.
    """
    real_root = root.resolve()
    members: list[Member] = []
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not skip_name(d)]
        for fname in filenames:
            path = Path(dirpath) / fname
            rel = path.relative_to(root).as_posix()
            if skip_name(rel):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    continue
            if not path.is_file():
                continue
            size = path.stat().st_size
            total += size
            if len(members) + 1 > limits.max_zip_entries:
                raise LimitExceeded(
                    f"folder {root.name} has more than {limits.max_zip_entries} files"
                )
            if total > limits.max_input_bytes:
                raise LimitExceeded(
                    f"folder {root.name} holds more than {limits.max_input_bytes} bytes"
                )
            members.append(Member(rel, size, _file_reader(path), _file_head(path)))
    members.sort(key=lambda m: natural_key(m.name))
    return members


def file_member(path: Path) -> Member:
    """Wrap a single input file as a member.

    Args:
        path: An existing file.

    Returns:
        The member, named by the file name only.
    """
    return Member(path.name, path.stat().st_size, _file_reader(path), _file_head(path))


class ByteBudget:
    """Counts decoded bytes against ``limits.max_total_bytes``.

    Args:
        limits: The limits in force.
        what: Name of the input, for the error message.
    """

    def __init__(self, limits: Limits, what: str) -> None:
        self.limit = limits.max_total_bytes
        self.used = 0
        self.what = what

    def take(self, nbytes: int) -> None:
        """Account for ``nbytes`` more decoded bytes.

        Raises:
            LimitExceeded: When the total would pass the limit.
        """
        self.used += int(nbytes)
        if self.used > self.limit:
            raise LimitExceeded(
                f"{self.what} decodes to more than {self.limit} bytes (max_total_bytes)"
            )


def check_slice_size(width: int, height: int, limits: Limits, what: str) -> None:
    """Refuse a slice that is too small or has too many pixels, before decoding it.

    Args:
        width: Declared width in pixels.
        height: Declared height in pixels.
        limits: The limits in force.
        what: Name of the slice or input, for the error message.

    Raises:
        InputError: A side is shorter than ``limits.min_side``.
        LimitExceeded: ``width * height`` exceeds ``limits.max_pixels_per_slice``.
    """
    if width * height > limits.max_pixels_per_slice:
        raise LimitExceeded(
            f"{what} is {width}x{height} pixels, more than the limit of "
            f"{limits.max_pixels_per_slice} pixels per slice"
        )
    if width < limits.min_side or height < limits.min_side:
        raise InputError(
            f"{what} is {width}x{height} pixels, too small "
            f"(minimum {limits.min_side}x{limits.min_side})"
        )


def check_slice_count(n: int, limits: Limits, what: str) -> None:
    """Refuse more slices than ``limits.max_slices``.

    Raises:
        LimitExceeded: ``n > limits.max_slices``.
    """
    if n > limits.max_slices:
        raise LimitExceeded(f"{what} has more than {limits.max_slices} slices (max_slices)")


def one_line(text: object, max_len: int = 200) -> str:
    """Squash any message to one short line for a user-facing error.

    Args:
        text: An exception or message.
        max_len: Longest returned length.

    Returns:
        The first non-empty line, whitespace collapsed, truncated with an ellipsis.
    """
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    line = " ".join(lines[0].split()) if lines else type(text).__name__
    return line if len(line) <= max_len else line[: max_len - 1] + "…"


def iter_chunks(data: bytes, size: int) -> Iterator[bytes]:
    """Yield ``data`` in pieces of ``size`` bytes."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
