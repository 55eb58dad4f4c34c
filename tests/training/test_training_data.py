import csv
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.preprocess import model_input, window_hu
from ichseg.spec import PreprocessSpec
from training.data import (
    detect_layout,
    list_patients,
    load_dataset,
    mask_to_model,
    nifti_slices,
    patient_split,
)

SPEC = PreprocessSpec(input_height=32, input_width=32, context_slices=1)
CSV_COLS = [
    "PatientNumber",
    "SliceNumber",
    "Intraventricular",
    "Intraparenchymal",
    "Subarachnoid",
    "Epidural",
    "Subdural",
    "No_Hemorrhage",
    "Fracture_Yes_No",
]


def _slices(n: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    imgs = rng.integers(0, 256, size=(n, size, size), dtype=np.uint8)
    masks = np.zeros((n, size, size), np.uint8)
    masks[1, 16:40, 8:24] = 255  # slice 2 bleeds
    return imgs, masks


def _write_csv(path: Path, patients: dict[int, int]) -> None:
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLS)
        for pid, n in patients.items():
            for s in range(1, n + 1):
                bleed = int(s == 2)
                w.writerow([pid, s, 0, bleed, 0, 0, 0, 1 - bleed, 0])


def make_shared(root: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    data = {}
    for pid, seed in ((49, 0), (50, 1)):
        imgs, masks = _slices(4, 64, seed)
        for sub, arr in (("images", imgs), ("masks", masks)):
            d = root / sub / f"{pid:03d}"
            d.mkdir(parents=True)
            for i, a in enumerate(arr, start=1):
                Image.fromarray(a).save(d / f"{i:03d}.png")
        data[f"{pid:03d}"] = (imgs, masks)
    _write_csv(root / "slices.csv", {49: 4, 50: 4})
    return data


def test_reads_shared_layout_like_serving(tmp_path):
    data = make_shared(tmp_path)
    assert detect_layout(tmp_path) == "shared"
    assert list_patients(tmp_path) == ["049", "050"]
    vols = load_dataset(tmp_path, SPEC)
    v = vols["049"]
    imgs, _ = data["049"]
    assert v.x.shape == (4, 32, 32, 3) and v.x.dtype == np.float32
    np.testing.assert_array_equal(v.x, model_input(list(imgs), SPEC))
    assert v.y.shape == (4, 32, 32) and v.y.dtype == np.uint8
    assert v.bleeding.tolist() == [False, True, False, False]
    assert v.y[1].sum() == (24 * 16) // 4  # box halves exactly in each direction
    assert v.subtypes[1].tolist() == [0, 1, 0, 0, 0]
    assert v.slice_numbers.tolist() == [1, 2, 3, 4]


def test_cache_round_trip_returns_same_arrays(tmp_path):
    make_shared(tmp_path / "d")
    first = load_dataset(tmp_path / "d", SPEC, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.npz"))) == 2
    second = load_dataset(tmp_path / "d", SPEC, cache_dir=tmp_path / "cache")
    for pid in first:
        np.testing.assert_array_equal(first[pid].x, second[pid].x)
        np.testing.assert_array_equal(first[pid].y, second[pid].y)


def _write_nifti(path: Path, vol: np.ndarray) -> None:
    import nibabel as nib

    nib.save(nib.Nifti1Image(vol, np.eye(4)), str(path))


def test_reads_physionet_layout_with_hu_windowing(tmp_path):
    rng = np.random.default_rng(0)
    hu = rng.uniform(-100, 200, size=(64, 64, 3)).astype(np.float32)
    mask = np.zeros((64, 64, 3), np.uint8)
    mask[20:40, 10:30, 1] = 1
    (tmp_path / "ct_scans").mkdir()
    (tmp_path / "masks").mkdir()
    _write_nifti(tmp_path / "ct_scans" / "058.nii", hu)
    _write_nifti(tmp_path / "masks" / "058.nii", mask)
    _write_csv(tmp_path / "hemorrhage_diagnosis_raw_ct.csv", {58: 3})
    assert detect_layout(tmp_path) == "physionet"
    assert list_patients(tmp_path) == ["058"]
    v = load_dataset(tmp_path, SPEC)["058"]
    displays = [window_hu(s, 40, 120) for s in nifti_slices(tmp_path / "ct_scans" / "058.nii")]
    np.testing.assert_array_equal(v.x, model_input(displays, SPEC))
    assert v.bleeding.tolist() == [False, True, False]
    assert v.subtypes[1].tolist() == [0, 1, 0, 0, 0]


def test_nifti_slices_put_anterior_up_and_patient_right_on_the_left(tmp_path):
    vol = np.zeros((8, 6, 2), np.float32)  # RAS: x (0..7) to the right, y (0..5) anterior
    vol[7, 5, 0] = 1.0  # most right, most anterior voxel
    _write_nifti(tmp_path / "v.nii", vol)
    s = nifti_slices(tmp_path / "v.nii")[0]
    assert s.shape == (6, 8)
    assert s[0, 0] == 1.0  # top row (anterior), left column (patient's right)


def test_mask_to_model_thresholds_bilinear_at_half():
    m = np.zeros((64, 64), np.uint8)
    m[0:32, :] = 255
    small = mask_to_model(m, SPEC)
    assert small.dtype == np.uint8
    assert small[:15].all() and not small[17:].any()


def test_rejects_unknown_layout(tmp_path):
    with pytest.raises(ValueError, match="neither"):
        detect_layout(tmp_path)


def _counts() -> dict[str, int]:
    counts = {f"{i:03d}": 0 for i in range(32)}
    counts.update({f"{i:03d}": (i % 15) + 1 for i in range(32, 60)})
    return counts


def test_patient_split_has_no_leakage_and_is_stratified():
    counts = _counts()
    train, val = patient_split(counts, 12, seed=1)
    assert set(train).isdisjoint(val)
    assert set(train) | set(val) == set(counts)
    assert len(val) == 12
    assert sum(counts[p] > 0 for p in val) == 6
    burdens = sorted(counts[p] for p in val if counts[p] > 0)
    assert burdens[0] <= 4 and burdens[-1] >= 11  # small and large bleeds held out


def test_patient_split_is_reproducible_and_seed_dependent():
    counts = _counts()
    assert patient_split(counts, 12, 1) == patient_split(counts, 12, 1)
    assert patient_split(counts, 12, 1) != patient_split(counts, 12, 2)


def test_patient_split_rejects_bad_size():
    with pytest.raises(ValueError, match="n_val"):
        patient_split(_counts(), 60, 0)
