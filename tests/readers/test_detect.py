"""Format detection from content, and the empty/missing/unknown input errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest
from scan_builders import assert_one_line, png_bytes, write_dicom, write_video

from ichseg.errors import InputError
from ichseg.readers import detect_format, read_scan
from ichseg.readers.detect import sniff


def _nifti_bytes() -> bytes:
    img = nib.Nifti1Image(np.zeros((16, 16, 2), np.int16), np.eye(4))
    return img.to_bytes()


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 40, "image"),
        (b"\0" * 128 + b"DICM" + b"\0" * 40, "dicom"),
        (b"PK\x03\x04" + b"\0" * 40, "zip"),
        (b"PK\x05\x06" + b"\0" * 40, "zip"),
        (b"\0\0\0\x20ftypisom" + b"\0" * 40, "video"),
        (b"\0\0\0\x14ftypqt  " + b"\0" * 40, "video"),
        (b"RIFF\0\0\0\0AVI LIST" + b"\0" * 40, "video"),
        (b"\x1a\x45\xdf\xa3" + b"\0" * 40, "video"),
        (b"\0\0\0\x1cftypavif" + b"\0" * 40, None),
        (bytes(range(256)) * 4, None),
        (b"", None),
    ],
)
def test_sniff_recognises_magic_bytes(head: bytes, kind: str | None) -> None:
    assert sniff(head) == kind


def test_sniff_recognises_plain_and_gzipped_nifti() -> None:
    raw = _nifti_bytes()
    assert sniff(raw[:4096]) == "nifti"
    assert sniff(gzip.compress(raw)[:4096]) == "nifti"


def test_sniff_accepts_dicom_without_preamble_only_when_named_dcm() -> None:
    head = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100" + b"\0" * 40
    assert sniff(head, "slice.dcm") == "dicom"
    assert sniff(head, "slice.bin") is None


def test_png_named_mp4_is_read_as_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.mp4"
    path.write_bytes(png_bytes(np.full((20, 24), 99, np.uint8)))
    assert detect_format(path) == "images"
    scan = read_scan(path)
    assert scan.source["format"] == "images" and len(scan) == 1
    assert scan.slices[0].shape == (20, 24) and int(scan.slices[0][0, 0]) == 99


def test_mp4_named_png_is_read_as_video(tmp_path: Path) -> None:
    path = tmp_path / "slice.png"
    write_video(path, 3, fmt="mp4")
    assert detect_format(path) == "video"
    assert len(read_scan(path)) == 3


def test_nifti_gz_with_odd_name_is_read_as_nifti(tmp_path: Path) -> None:
    path = tmp_path / "volume.dat"
    path.write_bytes(gzip.compress(_nifti_bytes()))
    assert detect_format(path) == "nifti"


def test_dicom_without_extension_is_detected(tmp_path: Path) -> None:
    folder = tmp_path / "series"
    for i in range(2):
        write_dicom(folder / f"IMG{i}", np.zeros((16, 16)), position=(0, 0, i), instance=i + 1)
    assert detect_format(folder) == "dicom"


@pytest.mark.parametrize("name", ["scan.mp4", "scan.dcm", "scan.nii", "scan.zip", "scan.png"])
def test_random_bytes_are_refused_whatever_the_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "unsupported or empty input", name)


def test_rejects_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    path.touch()
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "unsupported or empty input", "empty")


def test_rejects_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"junk")
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "unsupported or empty input")


def test_rejects_folder_without_slices(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.txt").write_text("hello")
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "unsupported or empty input", "notes")


def test_missing_input_names_only_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_scan(tmp_path / "deep" / "absent.nii")
    message = assert_one_line(exc, "not found", "absent.nii")
    assert str(tmp_path) not in message


def test_rejects_input_larger_than_max_input_bytes(tmp_path: Path) -> None:
    from ichseg.errors import LimitExceeded
    from ichseg.readers import Limits

    path = tmp_path / "big.png"
    path.write_bytes(png_bytes(np.zeros((64, 64), np.uint8)) + b"\0" * 2000)
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_input_bytes=1000))
    assert_one_line(exc, "big.png")


def test_importing_readers_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ichseg.readers; "
        "print(sorted(m for m in ('av', 'pydicom', 'nibabel') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_limits_are_frozen_and_validated() -> None:
    from pydantic import ValidationError

    from ichseg.readers import Limits

    limits = Limits()
    assert limits.max_slices == 1000 and limits.max_pixels_per_slice == 4096 * 4096
    assert limits.max_zip_entries == 5000 and limits.min_side == 16
    with pytest.raises(ValidationError):
        limits.max_slices = 5  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Limits(max_slices=0)
