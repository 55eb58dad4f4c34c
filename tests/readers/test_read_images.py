"""PNG/JPEG stacks: natural order, colour, 16-bit, zip, and bad images."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scan_builders import (
    assert_one_line,
    huge_png_header,
    png_bytes,
    write_dicom,
    write_png_stack,
)

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers import Limits, read_scan


def test_folder_is_read_in_natural_order(tmp_path: Path) -> None:
    folder = tmp_path / "slices"
    names = ["1.png", "2.png", "10.png", "slice_3.png"]
    write_png_stack(folder, ["10.png", "1.png", "2.png", "slice_3.png"])
    scan = read_scan(folder)
    # write order gave 10.png value 10, 1.png 20, 2.png 30, slice_3.png 40.
    values = {"10.png": 10, "1.png": 20, "2.png": 30, "slice_3.png": 40}
    assert [int(s[0, 0]) for s in scan.slices] == [values[n] for n in names]
    assert scan.is_hu is False and scan.pixel_spacing_mm is None
    assert scan.slices[0].dtype == np.uint8 and scan.slices[0].shape == (32, 40)
    src = scan.source
    assert src["format"] == "images" and src["name"] == "slices" and src["n_slices"] == 4
    assert (src["width"], src["height"], src["container"]) == (40, 32, "folder")


def test_zip_of_pngs_skips_archiver_junk_and_counts_other_files(tmp_path: Path) -> None:
    path = tmp_path / "stack.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in (10, 9, 1):
            zf.writestr(f"scan/{i}.png", png_bytes(np.full((20, 20), i, np.uint8)))
        zf.writestr("__MACOSX/scan/._1.png", b"\0\5\26\7junk")
        zf.writestr("scan/notes.txt", "radiologist notes")
        zf.writestr("scan/", "")
    scan = read_scan(path)
    assert [int(s[0, 0]) for s in scan.slices] == [1, 9, 10]
    assert scan.source["container"] == "zip" and scan.source["ignored_files"] == 1


def test_colour_is_kept_and_grey_rgb_collapses(tmp_path: Path) -> None:
    folder = tmp_path / "rgb"
    folder.mkdir()
    colour = np.zeros((20, 20, 3), np.uint8)
    colour[..., 0] = 200
    grey_rgb = np.repeat(np.full((20, 20, 1), 77, np.uint8), 3, axis=2)
    Image.fromarray(colour).save(folder / "1.png")
    Image.fromarray(grey_rgb).save(folder / "2.png")
    Image.fromarray(np.full((20, 20), 50, np.uint8)).convert("P").save(folder / "3.png")
    scan = read_scan(folder)
    assert scan.slices[0].shape == (20, 20, 3) and scan.slices[0][0, 0, 0] == 200
    assert scan.slices[1].shape == (20, 20) and scan.slices[1][0, 0] == 77
    assert scan.slices[2].shape == (20, 20) and scan.slices[2][0, 0] == 50
    assert scan.source["colour"] is True


def test_sixteen_bit_pngs_are_scaled_with_one_factor_for_the_stack(tmp_path: Path) -> None:
    folder = tmp_path / "wide"
    folder.mkdir()
    for i, peak in enumerate((4095, 2048)):
        arr = np.zeros((20, 20), np.uint16)
        arr[0, 0] = peak
        Image.fromarray(arr).save(folder / f"{i + 1}.png")
    scan = read_scan(folder)
    assert all(s.dtype == np.uint8 for s in scan.slices)
    assert int(scan.slices[0][0, 0]) == 255  # 12-bit full scale
    assert int(scan.slices[1][0, 0]) == 128  # same factor, not stretched per slice
    assert scan.source["sixteen_bit_full_scale"] == 4095


def test_jpeg_is_read(tmp_path: Path) -> None:
    path = tmp_path / "slice.jpg"
    Image.fromarray(np.full((32, 32), 128, np.uint8)).save(path, quality=95)
    scan = read_scan(path)
    assert scan.slices[0].shape == (32, 32) and abs(int(scan.slices[0][5, 5]) - 128) <= 2


def test_rejects_one_pixel_image(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    path.write_bytes(png_bytes(np.zeros((1, 1), np.uint8)))
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "too small", "1x1")


def test_rejects_png_declaring_50000_by_50000_cheaply(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(huge_png_header(50000, 50000))
    start = time.perf_counter()
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path)
    assert time.perf_counter() - start < 2.0
    assert_one_line(exc, "bomb.png")


def test_slice_size_is_checked_from_the_header_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(huge_png_header(5000, 3000))  # under Pillow's own bomb limit
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_pixels_per_slice=1000 * 1000))
    assert_one_line(exc, "5000x3000")


def test_rejects_truncated_png(tmp_path: Path) -> None:
    data = png_bytes(np.random.default_rng(0).integers(0, 255, (64, 64), dtype=np.uint8))
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "cut.png", "truncated or corrupt")


def test_rejects_more_slices_than_max_slices(tmp_path: Path) -> None:
    write_png_stack(tmp_path / "many", [f"{i}.png" for i in range(5)])
    with pytest.raises(LimitExceeded) as exc:
        read_scan(tmp_path / "many", Limits(max_slices=4))
    assert_one_line(exc, "more than 4 slices")


def test_rejects_stack_decoding_to_more_than_max_total_bytes(tmp_path: Path) -> None:
    write_png_stack(tmp_path / "heavy", [f"{i}.png" for i in range(4)], size=64)
    with pytest.raises(LimitExceeded) as exc:
        read_scan(tmp_path / "heavy", Limits(max_total_bytes=3 * 64 * 72))
    assert_one_line(exc, "max_total_bytes")


def test_rejects_folder_mixing_images_and_dicom(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_png_stack(folder, ["1.png"])
    write_dicom(folder / "2.dcm", np.zeros((16, 16)))
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "mixes", "DICOM")


def test_rejects_tiff_disguised_by_a_png_name(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.fromarray(np.zeros((20, 20), np.uint8)).save(buf, format="TIFF")
    path = tmp_path / "slice.png"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "unsupported or empty input")


def test_links_pointing_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "private.png"
    outside.write_bytes(png_bytes(np.full((20, 20), 99, np.uint8)))
    folder = tmp_path / "upload"
    write_png_stack(folder, ["1.png"])
    (folder / "2.png").symlink_to(outside)
    (folder / "3.png").symlink_to(folder / "1.png")  # inside: fine
    scan = read_scan(folder)
    assert [int(s[0, 0]) for s in scan.slices] == [10, 10]
