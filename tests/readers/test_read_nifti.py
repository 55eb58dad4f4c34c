"""NIfTI volumes: orientation to radiological view, HU scaling, spacing, bad volumes."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest
from nibabel.orientations import axcodes2ornt, ornt_transform
from scan_builders import assert_one_line

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers import Limits, read_scan

X, Y, Z = 20, 24, 6
ZOOMS = (0.5, 0.7, 3.0)


def _canonical() -> nib.Nifti1Image:
    """RAS+ volume: slice k has baseline k; an anterior and a right-sided marker."""
    data = np.zeros((X, Y, Z), np.float32)
    data += np.arange(Z, dtype=np.float32)[None, None, :]
    data[8:12, Y - 4 :, :] += 100.0  # anterior: high Y
    data[X - 4 :, 10:14, :] += 200.0  # patient's right: high X
    affine = np.diag([*ZOOMS, 1.0])
    affine[:3, 3] = (-5.0, -8.0, 20.0)
    return nib.Nifti1Image(data, affine)


def _expected() -> list[np.ndarray]:
    data = np.asarray(_canonical().dataobj)
    return [data[::-1, ::-1, k].T for k in range(Z)]


@pytest.mark.parametrize("axcodes", ["RAS", "LPS", "LAS", "PSR", "IRP"])
def test_slices_are_radiological_whatever_the_storage_order(tmp_path: Path, axcodes: str) -> None:
    canonical = _canonical()
    img = canonical.as_reoriented(ornt_transform(axcodes2ornt("RAS"), axcodes2ornt(axcodes)))
    assert "".join(nib.aff2axcodes(img.affine)) == axcodes
    path = tmp_path / f"{axcodes}.nii.gz"
    nib.save(img, str(path))
    scan = read_scan(path)
    assert len(scan) == Z and scan.is_hu
    for got, want in zip(scan.slices, _expected(), strict=True):
        np.testing.assert_array_equal(got, want)
    first = scan.slices[0]
    assert first.shape == (Y, X)
    # The anterior marker is in the top rows, the right-sided one in the left columns.
    assert first[:4, X - 12 : X - 8].min() == 100.0 and first[4:, X - 12 : X - 8].max() < 100
    assert first[Y - 14 : Y - 10, :4].min() == 200.0 and first[:, 4:].max() < 200
    assert scan.pixel_spacing_mm == pytest.approx((0.7, 0.5))
    assert scan.slice_thickness_mm == pytest.approx(3.0)
    assert scan.source["original_axcodes"] == axcodes and scan.source["format"] == "nifti"


def _raw_nifti(tmp_path: Path, data: np.ndarray, name: str = "vol.nii") -> Path:
    path = tmp_path / name
    nib.save(nib.Nifti1Image(data, np.diag([*ZOOMS, 1.0])), str(path))
    return path


def test_scl_slope_and_inter_give_hu(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.full((X, Y, Z), 520, np.int16))
    raw = bytearray(path.read_bytes())
    struct.pack_into("<ff", raw, 112, 2.0, -1000.0)  # scl_slope, scl_inter
    path.write_bytes(bytes(raw))
    scan = read_scan(path)
    assert scan.slices[0].dtype == np.float32 and float(scan.slices[0][0, 0]) == 40.0


def test_header_without_orientation_keeps_the_stored_axes(tmp_path: Path) -> None:
    data = np.random.default_rng(0).normal(size=(X, Y, Z)).astype(np.float32)
    path = _raw_nifti(tmp_path, data)
    raw = bytearray(path.read_bytes())
    struct.pack_into("<hh", raw, 252, 0, 0)  # qform_code, sform_code
    path.write_bytes(bytes(raw))
    scan = read_scan(path)
    np.testing.assert_array_equal(scan.slices[2], data[:, :, 2])
    assert scan.source["orientation"].startswith("as stored")
    assert scan.pixel_spacing_mm == pytest.approx((0.5, 0.7))


def test_fourth_dimension_of_one_is_squeezed(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.zeros((X, Y, Z, 1), np.int16))
    assert len(read_scan(path)) == Z


def test_rejects_4d_volume(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.zeros((X, Y, Z, 3), np.int16), "fmri.nii")
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "fmri.nii", "4-D")


def test_rejects_all_nan_volume(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.full((X, Y, Z), np.nan, np.float32), "nan.nii.gz")
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "nan.nii.gz", "no finite values")


def test_some_nan_voxels_become_air(tmp_path: Path) -> None:
    data = np.full((X, Y, Z), 30.0, np.float32)
    data[0, 0, 0] = np.inf
    scan = read_scan(_raw_nifti(tmp_path, data))
    assert np.isfinite(scan.slices[0]).all() and float(scan.slices[0].min()) == -1024.0


def test_rejects_truncated_nifti(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.ones((X, Y, Z), np.float32), "cut.nii")
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "cut.nii", "truncated or corrupt")


def test_rejects_truncated_gzip_stream(tmp_path: Path) -> None:
    noise = np.random.default_rng(0).normal(size=(X, Y, Z)).astype(np.float32)
    path = _raw_nifti(tmp_path, noise, "cut.nii")
    gz = tmp_path / "cut.nii.gz"
    gz.write_bytes(gzip.compress(path.read_bytes())[:3000])
    with pytest.raises(InputError) as exc:
        read_scan(gz)
    assert_one_line(exc, "cut.nii.gz")


def test_rejects_more_slices_than_max_slices(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.zeros((X, Y, Z), np.int16))
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_slices=Z - 1))
    assert_one_line(exc, "more than 5 slices")


def test_rejects_volume_decoding_to_more_than_max_total_bytes(tmp_path: Path) -> None:
    path = _raw_nifti(tmp_path, np.zeros((X, Y, Z), np.int16))
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_total_bytes=X * Y * Z))
    assert_one_line(exc, "max_total_bytes")
