"""The bad-input corpus: code that builds each hostile or broken scan in a folder.

Every input is generated (nothing opaque is stored in the repository) and small: the whole
corpus is a few MB and builds in about a second. Each :class:`Case` names the input, how to
build it, and a fragment that the one-line error must contain, so the CLI, the embedded
service and the Lambda path can all be held to the same table.

Build one by hand to look at it::

    python -m tests.robustness.corpus OUT_DIR
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

#: Seed of every random byte string, so a failure reproduces byte for byte.
SEED = 6
SIDE = 32  # slice side of the well-formed parts (above the readers' 16 px minimum)


# -- small well-formed pieces ------------------------------------------------------------


def png_bytes(array: np.ndarray) -> bytes:
    """Encode a ``uint8`` grey ``(H, W)`` array as PNG."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def grey_slice(value: int = 90, side: int = SIDE) -> np.ndarray:
    """A ``(side, side)`` ``uint8`` slice with a brighter square in the middle."""
    img = np.full((side, side), value, np.uint8)
    img[side // 4 : 3 * side // 4, side // 4 : 3 * side // 4] = 200
    return img


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` x ``height`` but whose data is a few bytes.

    A decoder that trusts the header would allocate ``width * height`` bytes.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def small_video(path: Path, frames: int = 8, fmt: str = "mp4") -> Path:
    """Encode a short, valid ``SIDE`` x ``SIDE`` MPEG-4 video with PyAV."""
    import av

    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream("mpeg4", rate=5)
        stream.width = stream.height = SIDE
        stream.pix_fmt = "yuv420p"
        for i in range(frames):
            rgb = np.repeat(grey_slice(40 + 10 * i)[:, :, None], 3, axis=2)
            out.mux(stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")))
        out.mux(stream.encode(None))
    return path


def many_frame_video(path: Path, frames: int, fmt: str) -> Path:
    """A real, decodable video of ``frames`` 16x16 frames, built in well under a second.

    One intra-coded MPEG-4 frame (17 bytes) is encoded once and its packet is muxed
    ``frames`` times with increasing timestamps: every frame decodes, no encoder runs per
    frame. In MP4 the header (``stsz``) declares the frame count; Matroska does not, so a
    reader only finds out by decoding.
    """
    import av

    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream("mpeg4", rate=25)
        stream.width = stream.height = 16
        stream.pix_fmt = "yuv420p"
        frame = av.VideoFrame.from_ndarray(np.full((16, 16, 3), 128, np.uint8), format="rgb24")
        packets = [*stream.encode(frame), *stream.encode(None)]
        data = bytes(packets[0])
        for i in range(frames):
            packet = av.Packet(data)
            packet.stream = stream
            packet.pts = packet.dts = i
            packet.time_base = Fraction(1, 25)
            packet.is_keyframe = True
            out.mux(packet)
    return path


def ct_dataset(
    *,
    series_uid: str,
    instance: int,
    pixels: bool = True,
    side: int = SIDE,
) -> bytes:
    """One CT DICOM file (explicit VR little endian) as bytes.

    Args:
        series_uid: SeriesInstanceUID of the file.
        instance: InstanceNumber (also sets the slice position).
        pixels: Whether to include PixelData.
        side: Rows and Columns.
    """
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    ct_image = "1.2.840.10008.5.1.4.1.1.2"
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ct_image
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[series_uid, str(instance)])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset("slice.dcm", {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = ct_image
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid(entropy_srcs=["study"])
    ds.SeriesInstanceUID = series_uid
    ds.Modality = "CT"
    ds.InstanceNumber = instance
    ds.ImagePositionPatient = [0.0, 0.0, 5.0 * instance]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [0.5, 0.5]
    ds.Rows = ds.Columns = side
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.RescaleSlope = 1
    ds.RescaleIntercept = 0
    if pixels:
        ds.PixelData = np.full((side, side), 40, np.int16).tobytes()
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()


def nifti_bytes(data: np.ndarray, gz: bool = False) -> bytes:
    """A NIfTI-1 image of ``data`` (float32, 1 mm voxels, RAS) as bytes."""
    import gzip

    import nibabel as nib

    img = nib.Nifti1Image(data.astype(np.float32), np.eye(4))
    raw = img.to_bytes()
    return gzip.compress(raw, compresslevel=1) if gz else raw


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return path


def _good_slices(n: int = 3) -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    return [(f"{i:03d}.png", png_bytes(grey_slice(60 + 20 * i))) for i in range(1, n + 1)]


# -- the corpus --------------------------------------------------------------------------


def truncated_mp4(d: Path) -> Path:
    """A valid MP4 cut in half: the ``moov`` index at its end is gone."""
    path = small_video(d / "truncated.mp4", frames=12)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_mp4(d: Path) -> Path:
    """An MP4 whose ``ftyp`` header is intact and everything after it is random bytes."""
    path = small_video(d / "corrupt.mp4", frames=12)
    data = path.read_bytes()
    size = struct.unpack(">I", data[:4])[0]  # the ftyp box
    rng = np.random.default_rng(SEED)
    path.write_bytes(data[:size] + rng.bytes(len(data) - size))
    return path


def random_bytes(suffix: str) -> Callable[[Path], Path]:
    """Builder of 64 KiB of random bytes named ``noise{suffix}``."""

    def build(d: Path) -> Path:
        path = d / f"noise{suffix}"
        path.write_bytes(np.random.default_rng(SEED).bytes(64 * 1024))
        return path

    build.__name__ = f"random_bytes{suffix.replace('.', '_')}"
    return build


def huge_png(d: Path) -> Path:
    """A 1 KB PNG whose header declares 50000 x 50000 pixels (2.5 G pixels)."""
    path = d / "huge.png"
    path.write_bytes(png_declaring(50_000, 50_000))
    return path


def huge_png_zip(d: Path) -> Path:
    """Two good slices and the 50000 x 50000 PNG, zipped (uploads take zips, not PNGs)."""
    return _zip(d / "huge_png.zip", [*_good_slices(2), ("003.png", png_declaring(50_000, 50_000))])


def zip_bomb(d: Path) -> Path:
    """A 64 KB zip that expands to 64 MiB of zeros (ratio ~1000, declared honestly)."""
    path = d / "bomb.zip"
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("001.png", "w", force_zip64=True) as fh,
    ):
        for _ in range(64):
            fh.write(chunk)
    return path


def lying_zip_bomb(d: Path) -> Path:
    """A zip whose directory declares a 100-byte entry that really inflates to 16 MiB.

    A reader that trusted the stream instead of the declared size would inflate it all.
    """
    payload = b"\0" * (16 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = comp.compress(payload) + comp.flush()
    name = b"001.png"
    crc = zlib.crc32(payload) & 0xFFFFFFFF
    declared = 100
    local = (
        struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), declared,
                    len(name), 0)
        + name
        + body
    )  # fmt: skip
    central = (
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(body),
                    declared, len(name), 0, 0, 0, 0, 0, 0)
        + name
    )  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    path = d / "lying_bomb.zip"
    path.write_bytes(local + central + end)
    return path


def zip_dotdot(d: Path) -> Path:
    """Good slices plus an entry named ``../../evil.png``."""
    return _zip(d / "dotdot.zip", [*_good_slices(), ("../../evil.png", png_bytes(grey_slice()))])


def zip_absolute(d: Path) -> Path:
    """Good slices plus an entry with an absolute path."""
    return _zip(d / "absolute.zip", [*_good_slices(), ("/tmp/evil.png", png_bytes(grey_slice()))])


def zip_symlink(d: Path) -> Path:
    """Good slices plus a symbolic-link entry pointing at ``/etc/passwd``."""
    link = zipfile.ZipInfo("004.png")
    link.create_system = 3  # Unix, so the mode bits in external_attr count
    link.external_attr = (0o120777 << 16) & 0xFFFF0000
    return _zip(d / "symlink.zip", [*_good_slices(), (link, b"/etc/passwd")])


def video_100k_mp4(d: Path) -> Path:
    """A decodable MP4 of 100,000 frames whose header declares the count (1.7 MB)."""
    return many_frame_video(d / "frames100k.mp4", 100_000, "mp4")


def video_100k_mkv(d: Path) -> Path:
    """A decodable Matroska video of 100,000 frames with no declared frame count."""
    return many_frame_video(d / "frames100k.mkv", 100_000, "matroska")


def dicom_no_pixels(d: Path) -> Path:
    """A CT DICOM file with every tag but PixelData."""
    path = d / "nopixels.dcm"
    path.write_bytes(ct_dataset(series_uid="1.2.3.4.1", instance=1, pixels=False))
    return path


def dicom_two_series(d: Path) -> Path:
    """A zip of four CT slices from two different series."""
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (f"{s}/{i}.dcm", ct_dataset(series_uid=f"1.2.3.4.{s}", instance=i))
        for s in (1, 2)
        for i in (1, 2)
    ]
    return _zip(d / "two_series.zip", entries)


def nifti_4d(d: Path) -> Path:
    """A 4-D NIfTI volume (32 x 32 x 4 x 3): a time series, not one CT."""
    path = d / "four_d.nii"
    path.write_bytes(nifti_bytes(np.zeros((SIDE, SIDE, 4, 3), np.float32)))
    return path


def nifti_nan(d: Path) -> Path:
    """A gzipped 3-D NIfTI volume whose every voxel is NaN."""
    path = d / "nan.nii.gz"
    path.write_bytes(nifti_bytes(np.full((SIDE, SIDE, 4), np.nan, np.float32), gz=True))
    return path


def nifti_truncated(d: Path) -> Path:
    """A NIfTI file whose header is intact and whose voxel data stops half way."""
    data = nifti_bytes(np.zeros((SIDE, SIDE, 8), np.float32))
    path = d / "truncated.nii"
    path.write_bytes(data[: 352 + (len(data) - 352) // 2])
    return path


def empty_file(d: Path) -> Path:
    """A file of zero bytes named like a video."""
    path = d / "empty.mp4"
    path.write_bytes(b"")
    return path


def one_pixel_png(d: Path) -> Path:
    """A 1 x 1 PNG image."""
    path = d / "one_pixel.png"
    path.write_bytes(png_bytes(np.zeros((1, 1), np.uint8)))
    return path


def one_pixel_zip(d: Path) -> Path:
    """A zip holding a single 1 x 1 PNG (uploads take zips, not PNGs)."""
    return _zip(d / "one_pixel.zip", [("001.png", png_bytes(np.zeros((1, 1), np.uint8)))])


def truncated_png_zip(d: Path) -> Path:
    """A zip of slices whose second PNG stops half way through its pixel data."""
    good = _good_slices(3)
    cut = png_bytes(np.random.default_rng(SEED).integers(0, 255, (SIDE, SIDE), np.uint8))
    good[1] = ("002.png", cut[: len(cut) // 2])
    return _zip(d / "truncated_png.zip", good)


def png_stack_bomb(d: Path) -> Path:
    """A 3 MB zip of 200 blank 4096 x 4096 PNGs: 3.4 GB once decoded.

    Every slice is within the per-slice pixel cap; only the running byte budget
    (``max_total_bytes``) can stop it, after holding up to that many decoded bytes.
    """
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.zeros((4096, 4096), np.uint8)).save(buf, format="PNG", optimize=True)
    png = buf.getvalue()
    path = d / "png_stack_bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for i in range(1, 201):
            zf.writestr(f"{i:03d}.png", png)
    return path


@dataclass(frozen=True)
class Case:
    """One bad input and what every entry point must say about it.

    Attributes:
        name: Test id.
        build: Writes the input into a folder and returns its path.
        expect: Lower-case fragment the one-line error must contain.
        upload_refused: The embedded server refuses it at upload time (its type sniffing
            or size checks), so no job is created; otherwise a job is created and fails.
        too_large: The error is a limit (``LimitExceeded``, error code ``too_large``).
        upload_expect: What the server's refusal says, when ``upload_refused`` and it
            differs from ``expect`` (the server sniffs the type before any reader runs).
    """

    name: str
    build: Callable[[Path], Path]
    expect: str
    upload_refused: bool = False
    too_large: bool = False
    upload_expect: str | None = None


#: Inputs that are refused only after decoding up to ``Limits.max_total_bytes`` (2 GiB):
#: run through the CLI, whose subprocess measures the peak (too heavy to repeat in-process
#: for the server and Lambda tables, which share the same readers).
HEAVY_CASES: list[Case] = [
    Case("png_stack_bomb", png_stack_bomb, "decodes to more than", too_large=True),
]


CASES: list[Case] = [
    Case("truncated_mp4", truncated_mp4, "no video stream"),
    Case("corrupt_mp4", corrupt_mp4, "corrupt"),
    Case("random_bytes_mp4", random_bytes(".mp4"), "unsupported", upload_refused=True),
    Case("random_bytes_dcm", random_bytes(".dcm"), "unsupported", upload_refused=True),
    Case("random_bytes_nii", random_bytes(".nii"), "unsupported", upload_refused=True),
    Case(
        "huge_png",
        huge_png,
        "too many pixels",
        upload_refused=True,
        too_large=True,
        upload_expect="unsupported file type",
    ),
    Case("huge_png_in_zip", huge_png_zip, "too many pixels", too_large=True),
    Case("zip_bomb", zip_bomb, "zip bomb", too_large=True),
    Case("zip_bomb_lying_header", lying_zip_bomb, "corrupt"),
    Case("zip_dotdot_entry", zip_dotdot, "escapes the archive"),
    Case("zip_absolute_entry", zip_absolute, "absolute path"),
    Case("zip_symlink_entry", zip_symlink, "symbolic link"),
    Case("video_100k_frames_mp4", video_100k_mp4, "100000 frames", too_large=True),
    Case("video_100k_frames_mkv", video_100k_mkv, "more than", too_large=True),
    Case("dicom_without_pixels", dicom_no_pixels, "without pixel data"),
    Case("zip_two_dicom_series", dicom_two_series, "mixes 2 dicom series"),
    Case("nifti_4d", nifti_4d, "4-d nifti"),
    Case("nifti_all_nan", nifti_nan, "no finite values"),
    Case("nifti_truncated", nifti_truncated, "truncated"),
    Case("empty_file", empty_file, "empty", upload_refused=True),
    Case(
        "one_pixel_png",
        one_pixel_png,
        "too small",
        upload_refused=True,
        upload_expect="unsupported file type",
    ),
    Case("one_pixel_png_in_zip", one_pixel_zip, "too small"),
    Case("truncated_png_in_zip", truncated_png_zip, "truncated or corrupt"),
]

BY_NAME = {case.name: case for case in [*CASES, *HEAVY_CASES]}


def build_all(out: Path) -> dict[str, Path]:
    """Build every case in its own sub-folder of ``out``.

    Returns:
        Case name -> input path.
    """
    paths = {}
    for case in [*CASES, *HEAVY_CASES]:
        folder = out / case.name
        folder.mkdir(parents=True, exist_ok=True)
        paths[case.name] = case.build(folder)
    return paths


if __name__ == "__main__":  # pragma: no cover - a helper for looking at the inputs
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for name, p in build_all(target).items():
        print(f"{name:28} {p.stat().st_size:>10} {p}")
