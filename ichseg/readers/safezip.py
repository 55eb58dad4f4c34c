"""Read slices out of a zip archive without trusting it.

The archive is never extracted: members are read into memory through a counter. Entries that
would escape a folder (``..``, absolute paths, drive letters), links, encrypted entries, too
many entries and zip bombs (declared or actual decompressed size, compression ratio) are
refused before any slice is decoded.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path
from types import TracebackType

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers.common import Member, natural_key, one_line, skip_name
from ichseg.readers.limits import Limits

_CHUNK = 1 << 20
#: Entries smaller than this are not held to the per-entry ratio (a blank slice compresses
#: very well); the whole archive still is.
_RATIO_MIN_ENTRY = 8 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    """Say why an entry must not be read, or ``None`` when it is safe.

    Args:
        info: The entry from the central directory.

    Returns:
        A short reason, or ``None``.
    """
    name = info.filename.replace("\\", "/")
    if "\x00" in name:
        return "has a NUL byte in its name"
    if name.startswith("/") or _DRIVE.match(name):
        return "has an absolute path"
    if ".." in name.split("/"):
        return "escapes the archive with '..'"
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    return None


class SafeZip:
    """A zip archive opened for reading under :class:`Limits`.

    Args:
        path: The archive.
        limits: Caps on entries, declared and actual decompressed bytes, ratio.

    Raises:
        InputError: Not a readable zip, or an entry is unsafe (see :func:`unsafe_reason`).
        LimitExceeded: Too many entries, too many bytes, or a suspicious compression ratio.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.name = path.name
        self.limits = limits
        self._read_total = 0
        try:
            self._zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{path.name} is not a readable zip archive: {one_line(exc)}") from exc
        try:
            self._check()
        except BaseException:
            self._zf.close()
            raise

    def _check(self) -> None:
        infos = self._zf.infolist()
        lim = self.limits
        if len(infos) > lim.max_zip_entries:
            raise LimitExceeded(
                f"zip {self.name} has {len(infos)} entries, more than {lim.max_zip_entries}"
            )
        declared = 0
        compressed = 0
        for info in infos:
            reason = unsafe_reason(info)
            if reason is not None:
                raise InputError(f"zip {self.name}: entry {info.filename!r} {reason}")
            declared += info.file_size
            compressed += info.compress_size
            if info.file_size >= _RATIO_MIN_ENTRY and info.file_size > lim.max_zip_ratio * max(
                info.compress_size, 1
            ):
                raise LimitExceeded(
                    f"zip {self.name}: entry {info.filename!r} expands more than "
                    f"{lim.max_zip_ratio:g} times (zip bomb?)"
                )
        if declared > lim.max_total_bytes:
            raise LimitExceeded(
                f"zip {self.name} declares {declared} uncompressed bytes, more than "
                f"{lim.max_total_bytes}"
            )
        if declared > _RATIO_MIN_ENTRY and declared > lim.max_zip_ratio * max(compressed, 1):
            raise LimitExceeded(
                f"zip {self.name} expands more than {lim.max_zip_ratio:g} times (zip bomb?)"
            )
        self._infos = [i for i in infos if not i.is_dir()]

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        self._zf.close()

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Read one entry through the byte counter.

        Args:
            info: An entry of this archive.

        Returns:
            The decompressed content.

        Raises:
            InputError: The entry is corrupt (CRC, truncated, unsupported method).
            LimitExceeded: The entry yields more than it declared, or the archive more than
                ``limits.max_total_bytes`` in all.
        """
        parts: list[bytes] = []
        got = 0
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self._read_total += len(chunk)
                    if got > info.file_size:
                        raise LimitExceeded(
                            f"zip {self.name}: entry {info.filename!r} is larger than declared"
                        )
                    if self._read_total > self.limits.max_total_bytes:
                        raise LimitExceeded(
                            f"zip {self.name} expands to more than "
                            f"{self.limits.max_total_bytes} bytes"
                        )
                    parts.append(chunk)
        except _READ_ERRORS as exc:
            raise InputError(
                f"zip {self.name}: entry {info.filename!r} is corrupt: {one_line(exc)}"
            ) from exc
        return b"".join(parts)

    def head(self, info: zipfile.ZipInfo, n: int) -> bytes:
        """Read up to the first ``n`` bytes of an entry (for format detection)."""
        try:
            with self._zf.open(info) as fh:
                return fh.read(min(n, info.file_size))
        except _READ_ERRORS as exc:
            raise InputError(
                f"zip {self.name}: entry {info.filename!r} is corrupt: {one_line(exc)}"
            ) from exc

    def _member(self, info: zipfile.ZipInfo, name: str) -> Member:
        def read() -> bytes:
            return self.read(info)

        def head(n: int) -> bytes:
            return self.head(info, n)

        return Member(name, info.file_size, read, head)

    def members(self) -> list[Member]:
        """The archive's files (no folders, no OS metadata) in natural order of name."""
        out = []
        for info in self._infos:
            name = info.filename.replace("\\", "/")
            if not skip_name(name):
                out.append(self._member(info, name))
        out.sort(key=lambda m: natural_key(m.name))
        return out
