"""The per-scan Hounsfield volume that the web viewer windows itself (``hu.npy.gz``).

The file name is :data:`ichseg.outputs.HU_VOLUME_NAME`; :func:`ichseg.write.write_outputs`
writes the file.

Scans that carry Hounsfield units (DICOM, NIfTI) get one extra result file: the slices as
a gzip-compressed NumPy ``.npy`` array, ``int16`` ``(N, H, W)`` in scan order (index 0 is
slice 1), clipped to ``[-1024, 3071]`` HU. The browser inflates it with
``DecompressionStream('gzip')`` and renders any window/level from it, reads the HU under the
pointer and measures regions, none of which the 8-bit video allows.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["HU_MAX", "HU_MIN", "hu_volume", "read_hu_volume", "save_hu_volume", "write_hu_volume"]

#: Clip range of the stored values (12-bit CT range).
HU_MIN, HU_MAX = -1024, 3071


def hu_volume(slices: Sequence[np.ndarray]) -> np.ndarray | None:
    """Stack HU slices into the stored ``int16`` volume.

    Args:
        slices: ``(H, W)`` float HU slices in scan order.

    Returns:
        ``(N, H, W)`` ``int16`` (rounded, clipped to ``[HU_MIN, HU_MAX]``), or ``None`` when
        there are no slices, a slice is not 2-D or the slices differ in size.
    """
    if not slices or any(s.ndim != 2 or s.shape != slices[0].shape for s in slices):
        return None
    out = np.empty((len(slices), *slices[0].shape), dtype=np.int16)
    for i, s in enumerate(slices):
        out[i] = np.clip(np.rint(np.nan_to_num(s, nan=HU_MIN)), HU_MIN, HU_MAX)
    return out


def write_hu_volume(slices: Sequence[np.ndarray], path: Path) -> bool:
    """Write :func:`hu_volume` of ``slices`` as a gzip-compressed ``.npy`` file.

    Args:
        slices: ``(H, W)`` float HU slices in scan order.
        path: Destination (normally ``out_dir /`` :data:`ichseg.outputs.HU_VOLUME_NAME`).

    Returns:
        Whether a file was written (``False`` when :func:`hu_volume` gives ``None``).
    """
    volume = hu_volume(slices)
    if volume is None:
        return False
    save_hu_volume(volume, path)
    return True


def save_hu_volume(volume: np.ndarray, path: Path) -> None:
    """Write a volume made by :func:`hu_volume` as a gzip-compressed ``.npy`` file.

    Args:
        volume: ``(N, H, W)`` ``int16``.
        path: Destination (normally ``out_dir /`` :data:`ichseg.outputs.HU_VOLUME_NAME`).
    """
    buffer = io.BytesIO()
    np.save(buffer, volume, allow_pickle=False)
    with gzip.open(path, "wb", compresslevel=3) as out:
        out.write(buffer.getbuffer())


def read_hu_volume(path: Path) -> np.ndarray:
    """Read a file written by :func:`write_hu_volume`.

    Args:
        path: The ``hu.npy.gz`` file.

    Returns:
        ``(N, H, W)`` ``int16``.
    """
    with gzip.open(path, "rb") as src:
        return np.asarray(np.load(io.BytesIO(src.read()), allow_pickle=False))
