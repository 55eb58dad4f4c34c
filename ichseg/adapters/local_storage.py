"""A :class:`ichseg.ports.BlobStore` backed by a local folder.

Keys are ``/``-separated relative paths (``uploads/<job>/input.zip``); each maps to a file
under the root folder. Keys that would escape the root (absolute paths, ``..``, drive
letters, backslashes, NUL) are refused, so a key taken from a request can never reach a
file outside the store.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from ichseg.errors import InputError, LimitExceeded


class LocalBlobStore:
    """Files under one root folder, addressed by relative keys.

    Args:
        root: The folder; created if missing.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, key: str) -> Path:
        """Map a key to its file path, refusing keys that leave the root.

        Args:
            key: Relative ``/``-separated key.

        Returns:
            The absolute path under the root (the file need not exist).

        Raises:
            InputError: If the key is empty, absolute, or escapes the root.
        """
        if not key or "\x00" in key or "\\" in key or ":" in key:
            raise InputError(f"invalid storage key: {key!r}")
        pure = PurePosixPath(key)
        if pure.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
            raise InputError(f"invalid storage key: {key!r}")
        path = self.root.joinpath(*pure.parts)
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise InputError(f"invalid storage key: {key!r}")
        return path

    def put_file(self, key: str, path: str, content_type: str | None = None) -> None:
        """Copy a local file into the store atomically (temp file, then rename).

        Args:
            key: Destination key.
            path: Source file.
            content_type: Ignored here (files carry no metadata).
        """
        dest = self.path_for(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out, 1024 * 1024)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get_file(self, key: str, path: str, max_bytes: int | None = None) -> None:
        """Copy the object at ``key`` to a local file.

        Args:
            key: Source key.
            path: Destination file.
            max_bytes: Refuse objects larger than this.

        Raises:
            InputError: If the object does not exist.
            LimitExceeded: If the object is larger than ``max_bytes``.
        """
        src = self.path_for(key)
        if not src.is_file():
            raise InputError(f"no such object: {key}")
        size = src.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise LimitExceeded(f"object {key} is {size} bytes, more than {max_bytes}")
        shutil.copyfile(src, path)

    def exists(self, key: str) -> bool:
        """Whether a file exists at ``key``."""
        return self.path_for(key).is_file()

    def delete_prefix(self, prefix: str) -> None:
        """Remove every object under a folder-like prefix (no error when absent).

        Args:
            prefix: A key naming a folder, for example ``results/<job>``.
        """
        path = self.path_for(prefix)
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
