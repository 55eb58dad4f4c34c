"""Small synthetic inputs for the reader tests, built on the fly (no real patient data)."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.errors import IchsegError


def assert_one_line(exc: pytest.ExceptionInfo[IchsegError], *fragments: str) -> str:
    """The error message is one short line and names what went wrong."""
    message = str(exc.value)
    assert message and "\n" not in message and len(message) < 300, message
    assert "Traceback" not in message
    for fragment in fragments:
        assert fragment.lower() in message.lower(), message
    return message


def png_bytes(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def write_png_stack(folder: Path, names: Sequence[str], size: int = 32) -> list[np.ndarray]:
    """Write one grey PNG per name; slice ``i`` is filled with value ``10 * (i + 1)``."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = []
    for i, name in enumerate(names):
        arr = np.full((size, size + 8), 10 * (i + 1), np.uint8)
        (folder / name).write_bytes(png_bytes(arr))
        arrays.append(arr)
    return arrays


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR declares ``width x height`` grey pixels, with one tiny IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def write_dicom(
    path: Path,
    pixels: np.ndarray,
    *,
    position: Sequence[float] | None = (0.0, 0.0, 0.0),
    orientation: Sequence[float] | None = (1, 0, 0, 0, 1, 0),
    instance: int | None = 1,
    series_uid: str = "1.2.3.4.5.1",
    sop_uid: str | None = None,
    slope: float = 1.0,
    intercept: float = -1024.0,
    spacing: tuple[float, float] | None = (0.7, 0.6),
    thickness: float | None = 5.0,
    modality: str = "CT",
    with_pixels: bool = True,
    preamble: bool = True,
) -> Path:
    """Write a minimal CT Image Storage file with int16 stored pixels."""
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID("1.2.840.10008.5.1.4.1.1.2")
    meta.MediaStorageSOPInstanceUID = UID(sop_uid) if sop_uid else generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.SeriesInstanceUID = series_uid
    ds.StudyInstanceUID = "1.2.3.4.5"
    ds.Modality = modality
    ds.PatientName = "Doe^Jane"
    ds.PatientID = "SECRET-ID-42"
    ds.PatientBirthDate = "19700101"
    if instance is not None:
        ds.InstanceNumber = instance
    if position is not None:
        ds.ImagePositionPatient = [f"{v:g}" for v in position]
    if orientation is not None:
        ds.ImageOrientationPatient = [f"{v:g}" for v in orientation]
    if spacing is not None:
        ds.PixelSpacing = [f"{spacing[0]:g}", f"{spacing[1]:g}"]
    if thickness is not None:
        ds.SliceThickness = f"{thickness:g}"
    ds.RescaleSlope = f"{slope:g}"
    ds.RescaleIntercept = f"{intercept:g}"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    if with_pixels:
        ds.PixelData = np.ascontiguousarray(pixels, dtype="<i2").tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=preamble)
    if not preamble:
        path.write_bytes(path.read_bytes()[132:])  # strip preamble + "DICM"
    return path


def write_video(
    path: Path,
    n_frames: int,
    *,
    codec: str = "libx264",
    fmt: str | None = None,
    size: tuple[int, int] = (64, 48),
    colour: bool = False,
    fps: int = 10,
    faststart: bool = False,
) -> list[int]:
    """Write a video whose frame ``i`` is flat grey ``20 + 8 * i`` (mod 200); return levels."""
    import av

    width, height = size
    levels = [20 + (8 * i) % 200 for i in range(n_frames)]
    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(path), "w", format=fmt, options=options) as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        for level in levels:
            if colour:
                arr = np.zeros((height, width, 3), np.uint8)
                arr[...] = (level, level, level)
                arr[:, : width // 4, 0] = 250  # a red stripe
                frame = av.VideoFrame.from_ndarray(arr, format="rgb24")
            else:
                frame = av.VideoFrame.from_ndarray(
                    np.full((height, width), level, np.uint8), format="gray"
                )
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return levels


def encoder_available(name: str) -> bool:
    import av

    try:
        av.codec.Codec(name, "w")
    except Exception:
        return False
    return True
