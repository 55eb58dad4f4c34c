"""Read a stack of PNG/JPEG slices (a folder, a zip, or a single image)."""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers.common import (
    ByteBudget,
    Member,
    check_slice_count,
    check_slice_size,
    one_line,
)
from ichseg.readers.limits import Limits
from ichseg.scan import Scan

_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N", "I")


def _decode(
    member: Member, data: bytes, limits: Limits, budget: ByteBudget | None, decode: bool = True
) -> np.ndarray | None:
    """Check one slice's declared size and, when ``decode``, decode it.

    Args:
        member: The slice file (for its name).
        data: Its bytes.
        limits: Caps on pixels per slice.
        budget: Decoded-bytes budget to charge, or ``None`` when already charged.
        decode: Decode the pixels (``False``: read the header only).

    Returns:
        ``(H, W)`` ``uint8`` grey, ``(H, W, 3)`` ``uint8`` colour, or ``(H, W)`` ``uint16``
        for 16-bit grey (scaled to 8 bits by the caller, for the whole stack at once);
        ``None`` when not decoding.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img: Image.Image = Image.open(io.BytesIO(data))
            width, height = img.size
            check_slice_size(width, height, limits, member.name)
            bands = len(img.getbands())
            per_px = 2 if img.mode in _SIXTEEN_BIT else (1 if bands == 1 else 3)
            if budget is not None:
                budget.take(width * height * per_px)
            fmt = img.format
            if fmt not in ("PNG", "JPEG", "MPO"):
                raise InputError(f"{member.name} is {fmt}, not PNG or JPEG")
            if not decode:
                return None
            if fmt != "PNG":
                img = ImageOps.exif_transpose(img)
            img.load()
    except Image.DecompressionBombError as exc:
        raise LimitExceeded(
            f"{member.name} declares too many pixels (more than "
            f"{limits.max_pixels_per_slice} per slice)"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(
            f"{member.name} is truncated or corrupt and cannot be decoded: {one_line(exc)}"
        ) from exc
    return _to_array(img)


def _to_array(img: Image.Image) -> np.ndarray:
    mode = img.mode
    if mode in _SIXTEEN_BIT:
        arr = np.asarray(img)
        if arr.dtype != np.uint16:
            arr = np.clip(arr, 0, 65535).astype(np.uint16)
        return arr
    if mode == "1" or mode == "L":
        return np.asarray(img.convert("L"), dtype=np.uint8)
    if mode in ("LA", "La"):
        return np.asarray(img.getchannel(0), dtype=np.uint8)
    if mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    rgb = np.asarray(img.convert("RGB"), dtype=np.uint8)
    if np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 1], rgb[..., 2]):
        return np.ascontiguousarray(rgb[..., 0])
    return rgb


def _scale_16bit(slices: list[np.ndarray]) -> tuple[list[np.ndarray], int | None]:
    """Bring 16-bit slices to 8 bits with one factor for the whole stack.

    The full-scale value is the smallest ``2**k - 1`` that holds the stack's maximum
    (12-bit data maps 4095 to 255, 16-bit 65535 to 255); data that already fits 8 bits is
    kept as it is.
    """
    wide = [s for s in slices if s.dtype == np.uint16]
    if not wide:
        return slices, None
    peak = max(int(s.max()) for s in wide)
    full = 255 if peak <= 255 else (1 << int(peak).bit_length()) - 1
    out = []
    for s in slices:
        if s.dtype == np.uint16:
            s = np.rint(s.astype(np.float32) * (255.0 / full)).astype(np.uint8)
        out.append(s)
    return out, full


def read_images(members: list[Member], limits: Limits, what: str, container: str) -> Scan:
    """Read PNG/JPEG slices in the given (natural) order.

    Args:
        members: Slice files, already in natural order of their names.
        limits: Caps on slice count, pixels per slice and decoded bytes.
        what: Name of the input (file or folder name only).
        container: ``"folder"``, ``"zip"`` or ``"file"``.

    Returns:
        A scan of ``uint8`` ``(H, W)`` grey or ``(H, W, 3)`` colour slices, ``is_hu=False``.

    Raises:
        InputError: A slice is corrupt, too small, or not PNG/JPEG.
        LimitExceeded: Too many slices, pixels or bytes.
    """
    if not members:
        raise InputError(f"unsupported or empty input: {what} holds no slices")
    check_slice_count(len(members), limits, what)
    budget = ByteBudget(limits, what)
    datas = [m.read() for m in members]
    # Headers first: a stack whose declared sizes pass the byte budget is refused before a
    # single slice is decoded, so a small zip of huge blank PNGs costs no memory.
    for member, data in zip(members, datas, strict=True):
        _decode(member, data, limits, budget, decode=False)
    raw: list[np.ndarray] = []
    for member, data in zip(members, datas, strict=True):
        arr = _decode(member, data, limits, None)
        assert arr is not None
        raw.append(arr)
    slices, full_scale = _scale_16bit(raw)
    heights = {s.shape[0] for s in slices}
    widths = {s.shape[1] for s in slices}
    source: dict[str, Any] = {
        "format": "images",
        "name": what,
        "container": container,
        "n_slices": len(slices),
        "width": max(widths),
        "height": max(heights),
        "same_size": len(heights) == 1 and len(widths) == 1,
        "colour": any(s.ndim == 3 for s in slices),
    }
    if full_scale is not None:
        source["sixteen_bit_full_scale"] = full_scale
    return Scan(slices=slices, is_hu=False, source=source)
