"""The synthetic head-CT phantom: geometry, HU, known bleed, files and determinism."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from ichseg.phantom import make_volume, write_phantom
from ichseg.readers import read_scan


@pytest.fixture(scope="module")
def phantom(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return write_phantom(tmp_path_factory.mktemp("phantom"), n_slices=24, size=256, seed=0)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            if path.suffix == ".gz":  # the gzip header holds a time stamp
                import gzip

                h.update(gzip.decompress(path.read_bytes()))
            else:
                h.update(path.read_bytes())
    return h.hexdigest()


def test_hu_ranges_match_head_ct() -> None:
    hu, mask = make_volume(n_slices=12, size=128, seed=3)
    assert hu.shape == mask.shape == (12, 128, 128) and hu.dtype == np.float32
    assert hu[:, 0, 0].tolist() == [-1000.0] * 12  # air in the corners
    assert 65.0 <= float(np.median(hu[mask])) <= 75.0
    brain = (hu > 15) & (hu < 55) & ~mask
    assert 30.0 <= float(np.median(hu[brain])) <= 40.0
    assert float(hu.max()) >= 700.0 and float((hu >= 700).mean()) > 0.01  # a skull ring
    assert ((hu > -10) & (hu < 15)).any()  # ventricles near +5 HU


def test_writes_dicom_nifti_and_truth_masks(phantom: dict) -> None:
    dicom_dir = Path(phantom["dicom"])
    files = sorted(dicom_dir.iterdir())
    assert [f.name for f in files] == [f"IM{i:04d}.dcm" for i in range(1, 25)]
    assert Path(phantom["nifti"]).name == "phantom.nii.gz"
    masks = sorted(Path(phantom["truth_masks"]).iterdir())
    assert [m.name for m in masks] == [f"{i:03d}.png" for i in range(1, 25)]
    values = set()
    for m in masks:
        values |= set(np.unique(np.asarray(Image.open(m))).tolist())
    assert values == {0, 255}


def test_dicom_files_are_valid_ct_of_one_series_in_shuffled_name_order(phantom: dict) -> None:
    datasets = [pydicom.dcmread(f) for f in sorted(Path(phantom["dicom"]).iterdir())]
    assert {ds.SOPClassUID for ds in datasets} == {"1.2.840.10008.5.1.4.1.1.2"}
    assert {ds.Modality for ds in datasets} == {"CT"}
    assert len({ds.SeriesInstanceUID for ds in datasets}) == 1
    assert len({ds.SOPInstanceUID for ds in datasets}) == 24
    assert all(float(ds.RescaleIntercept) == -1024.0 for ds in datasets)
    assert all(ds.pixel_array.dtype == np.int16 for ds in datasets[:2])
    instance_by_name = [int(ds.InstanceNumber) for ds in datasets]
    assert instance_by_name != sorted(instance_by_name)  # names do not follow the slices
    z = {int(ds.InstanceNumber): float(ds.ImagePositionPatient[2]) for ds in datasets}
    assert [z[i] for i in range(1, 25)] == sorted(z.values())


def test_dicom_and_nifti_read_back_the_same_volume(phantom: dict) -> None:
    hu, _ = make_volume(n_slices=24, size=256, seed=0)
    dicom = read_scan(Path(phantom["dicom"]))
    nifti = read_scan(Path(phantom["nifti"]))
    for scan in (dicom, nifti):
        assert scan.is_hu and len(scan) == 24
        np.testing.assert_array_equal(np.stack(scan.slices), hu)
        assert scan.pixel_spacing_mm == pytest.approx((0.8, 0.8))
        assert scan.slice_thickness_mm == pytest.approx(5.0)
    assert dicom.source["order"] == "position"


def test_bleed_is_known_and_in_the_middle_slices(phantom: dict) -> None:
    _, mask = make_volume(n_slices=24, size=256, seed=0)
    bleeding = phantom["bleed_slices"]
    assert 3 <= len(bleeding) <= 8
    assert bleeding == list(range(bleeding[0], bleeding[-1] + 1))  # contiguous
    assert bleeding[0] >= 6 and bleeding[-1] <= 19
    assert 15.0 <= phantom["bleed_volume_ml"] <= 30.0
    assert phantom["bleed_volume_ml"] == pytest.approx(mask.sum() * 0.8 * 0.8 * 5.0 / 1000, 1e-3)
    truth = np.stack(
        [np.asarray(Image.open(p)) > 0 for p in sorted(Path(phantom["truth_masks"]).iterdir())]
    )
    np.testing.assert_array_equal(truth, mask)
    # The bleed lies in the patient's right hemisphere: the image's left half.
    cols = np.nonzero(mask.any(axis=(0, 1)))[0]
    assert cols.max() < 128


def test_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = write_phantom(tmp_path / "a", n_slices=6, size=64, seed=7)
    b = write_phantom(tmp_path / "b", n_slices=6, size=64, seed=7)
    c = write_phantom(tmp_path / "c", n_slices=6, size=64, seed=8)
    assert a["bleed_volume_ml"] == b["bleed_volume_ml"]
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert c["bleed_slices"]


def test_rejects_a_phantom_too_small_to_hold_a_head() -> None:
    with pytest.raises(ValueError, match="at least"):
        make_volume(n_slices=2, size=64)
