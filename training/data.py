"""CT-ICH data: reading both release layouts into per-patient model-ready volumes.

Two layouts are understood:

* the shared layout ``images/PPP/SSS.png``, ``masks/PPP/SSS.png`` and ``slices.csv``
  (slices already brain-windowed 8-bit grey);
* the PhysioNet release layout ``ct_scans/PPP.nii``, ``masks/PPP.nii`` and
  ``hemorrhage_diagnosis_raw_ct.csv`` (Hounsfield units, windowed here with
  :func:`ichseg.preprocess.to_display`).

Both end in the same place: each patient's display slices go through
:func:`ichseg.preprocess.model_input`, the function the serving path calls, so training
sees a slice exactly as serving does.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ichseg.preprocess import model_input, resize_float, to_display
from ichseg.spec import PreprocessSpec

#: A change of one scan's display slices and masks before preprocessing
#: (:func:`load_patient`'s ``alter``): ``(displays, masks) -> (displays, masks)``.
Alter = Callable[[list[np.ndarray], list[np.ndarray]], tuple[list[np.ndarray], list[np.ndarray]]]

SUBTYPES: tuple[str, ...] = (
    "Intraventricular",
    "Intraparenchymal",
    "Subarachnoid",
    "Epidural",
    "Subdural",
)
SHARED_CSV = "slices.csv"
PHYSIONET_CSV = "hemorrhage_diagnosis_raw_ct.csv"


@dataclass
class PatientVolume:
    """One patient's slices, ready for the model.

    Attributes:
        patient: Patient id as a zero-padded string (``"049"``).
        x: ``(N, h, w, C)`` ``float32`` model input from :func:`model_input`.
        y: ``(N, h, w)`` ``uint8`` 0/1 masks at model resolution.
        slice_numbers: ``(N,)`` ``int`` slice numbers in scan order.
        subtypes: ``(N, 5)`` ``uint8`` per-slice subtype labels (order of :data:`SUBTYPES`).
    """

    patient: str
    x: np.ndarray
    y: np.ndarray
    slice_numbers: np.ndarray
    subtypes: np.ndarray = field(default_factory=lambda: np.zeros((0, 5), np.uint8))

    @property
    def bleeding(self) -> np.ndarray:
        """``(N,)`` ``bool``: whether each slice's mask shows haemorrhage."""
        return np.asarray(self.y.reshape(len(self.y), -1).any(axis=1))


def mask_to_model(mask: np.ndarray, spec: PreprocessSpec) -> np.ndarray:
    """Resize a full-size mask to model resolution.

    Args:
        mask: ``(H, W)`` mask, non-zero is haemorrhage.
        spec: The preprocessing spec (input size).

    Returns:
        ``(input_height, input_width)`` ``uint8`` 0/1 (bilinear of the 0/1 mask, then
        ``>= 0.5``).
    """
    unit = (np.asarray(mask) > 0).astype(np.float32)
    small = resize_float(unit, spec.input_height, spec.input_width)
    return (small >= 0.5).astype(np.uint8)


def _read_png(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("L"), dtype=np.uint8)


def subtype_labels(csv_path: Path) -> dict[tuple[int, int], np.ndarray]:
    """Per-slice subtype labels from ``slices.csv`` (or the PhysioNet CSV).

    Args:
        csv_path: CSV with ``PatientNumber``, ``SliceNumber`` and one 0/1 column per
            :data:`SUBTYPES` name.

    Returns:
        ``(patient number, slice number)`` -> ``(5,)`` ``uint8`` in :data:`SUBTYPES` order.
    """
    rows: dict[tuple[int, int], np.ndarray] = {}
    with csv_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (int(row["PatientNumber"]), int(row["SliceNumber"]))
            rows[key] = np.array([int(float(row.get(s) or 0)) for s in SUBTYPES], np.uint8)
    return rows


def detect_layout(root: Path) -> str:
    """Tell which CT-ICH layout a folder holds.

    Args:
        root: Dataset folder.

    Returns:
        ``"shared"`` or ``"physionet"``.

    Raises:
        ValueError: When neither layout is recognised.
    """
    if (root / "images").is_dir() and (root / "masks").is_dir():
        return "shared"
    if (root / "ct_scans").is_dir() and (root / "masks").is_dir():
        return "physionet"
    raise ValueError(f"{root}: neither images/+masks/ nor ct_scans/+masks/ found")


def list_patients(root: Path) -> list[str]:
    """List patient ids of a dataset folder in either layout.

    Args:
        root: Dataset folder.

    Returns:
        Sorted zero-padded patient ids.
    """
    if detect_layout(root) == "shared":
        return sorted(p.name for p in (root / "images").iterdir() if p.is_dir())
    return sorted(
        f"{int(p.name.split('.')[0]):03d}"
        for p in (root / "ct_scans").iterdir()
        if p.name.endswith((".nii", ".nii.gz"))
    )


def _shared_patient(
    root: Path,
    patient: str,
    spec: PreprocessSpec,
    subtypes: dict[tuple[int, int], np.ndarray],
    alter: Alter | None = None,
) -> PatientVolume:
    img_dir = root / "images" / patient
    files = sorted(img_dir.glob("*.png"), key=lambda p: int(p.stem))
    if not files:
        raise ValueError(f"patient {patient}: no slices in {img_dir}")
    displays = [_read_png(f) for f in files]
    masks = []
    for f in files:
        mpath = root / "masks" / patient / f.name
        masks.append(_read_png(mpath) if mpath.exists() else np.zeros_like(displays[0]))
    numbers = np.array([int(f.stem) for f in files])
    return _volume(patient, displays, masks, numbers, spec, subtypes, alter)


def _volume(
    patient: str,
    displays: Sequence[np.ndarray],
    masks: Sequence[np.ndarray],
    numbers: np.ndarray,
    spec: PreprocessSpec,
    subtypes: dict[tuple[int, int], np.ndarray],
    alter: Alter | None = None,
) -> PatientVolume:
    if alter is not None:
        displays, masks = alter(list(displays), list(masks))
    x = model_input(displays, spec)
    y = np.stack([mask_to_model(m, spec) for m in masks])
    pid = int(patient)
    sub = np.stack([subtypes.get((pid, int(n)), np.zeros(5, np.uint8)) for n in numbers])
    return PatientVolume(patient, x, y, numbers, sub)


def nifti_slices(path: Path) -> list[np.ndarray]:
    """Read a NIfTI volume as axial slices displayed anterior-up, patient-right-on-left.

    Args:
        path: ``.nii`` or ``.nii.gz`` file.

    Returns:
        List of ``(rows, cols)`` ``float32`` slices, inferior to superior.
    """
    import nibabel as nib

    img = nib.as_closest_canonical(nib.load(str(path)))
    vol = np.asarray(img.dataobj, dtype=np.float32)
    if vol.ndim == 4:
        vol = vol[..., 0]
    # Canonical RAS+ (x grows to the patient's right, y to anterior): image row r is
    # y = Y-1-r (anterior at the top), column c is x = X-1-c (patient's right on the left).
    return [np.ascontiguousarray(vol[::-1, ::-1, k].T) for k in range(vol.shape[2])]


def _physionet_patient(
    root: Path,
    patient: str,
    spec: PreprocessSpec,
    subtypes: dict[tuple[int, int], np.ndarray],
    alter: Alter | None = None,
) -> PatientVolume:
    pid = int(patient)
    ct = _find_nifti(root / "ct_scans", pid)
    mask_path = _find_nifti(root / "masks", pid)
    displays = [to_display(s, True, spec) for s in nifti_slices(ct)]
    masks = nifti_slices(mask_path)
    if len(masks) != len(displays):
        raise ValueError(f"patient {patient}: {len(displays)} CT slices but {len(masks)} masks")
    numbers = np.arange(1, len(displays) + 1)
    return _volume(patient, displays, masks, numbers, spec, subtypes, alter)


def _find_nifti(folder: Path, pid: int) -> Path:
    for name in (f"{pid:03d}.nii", f"{pid:03d}.nii.gz", f"{pid}.nii", f"{pid}.nii.gz"):
        if (folder / name).exists():
            return folder / name
    raise ValueError(f"patient {pid:03d}: no NIfTI file in {folder}")


def load_patient(
    root: Path, patient: str, spec: PreprocessSpec, alter: Alter | None = None
) -> PatientVolume:
    """Read one patient from a dataset folder in either layout.

    Args:
        root: Dataset folder.
        patient: Zero-padded patient id.
        spec: Preprocessing spec (input size, context slices, window).
        alter: Changes the full-size display slices (``(H, W)`` ``uint8``) and their masks
            (non-zero is haemorrhage), all of one scan at once, before preprocessing
            (:mod:`training.stress`); ``None`` reads them as they are.

    Returns:
        The patient's volume.
    """
    layout = detect_layout(root)
    csv_name = SHARED_CSV if layout == "shared" else PHYSIONET_CSV
    csv_path = root / csv_name
    subtypes = subtype_labels(csv_path) if csv_path.exists() else {}
    if layout == "shared":
        return _shared_patient(root, patient, spec, subtypes, alter)
    return _physionet_patient(root, patient, spec, subtypes, alter)


def _cache_key(root: Path, spec: PreprocessSpec) -> str:
    parts = [
        str(root.resolve()),
        str(spec.input_height),
        str(spec.input_width),
        str(spec.context_slices),
        str(spec.window_level),
        str(spec.window_width),
        "v1",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def load_dataset(
    root: Path,
    spec: PreprocessSpec,
    cache_dir: Path | None = None,
    patients: Sequence[str] | None = None,
) -> dict[str, PatientVolume]:
    """Read every (or the given) patient, using an on-disk cache when one is given.

    Args:
        root: Dataset folder in either layout.
        spec: Preprocessing spec.
        cache_dir: Folder for ``.npz`` caches (one per patient and spec); ``None`` disables.
        patients: Patient ids to read; all when ``None``.

    Returns:
        Patient id -> volume, in sorted id order.
    """
    ids = list(patients) if patients is not None else list_patients(root)
    out: dict[str, PatientVolume] = {}
    key = _cache_key(root, spec)
    for pid in sorted(ids):
        cpath = cache_dir / f"{key}-{pid}.npz" if cache_dir is not None else None
        if cpath is not None and cpath.exists():
            z = np.load(cpath)
            out[pid] = PatientVolume(pid, z["x"], z["y"], z["numbers"], z["subtypes"])
            continue
        vol = load_patient(root, pid, spec)
        if cpath is not None:
            cpath.parent.mkdir(parents=True, exist_ok=True)
            tmp = cpath.with_suffix(".tmp.npz")
            np.savez(tmp, x=vol.x, y=vol.y, numbers=vol.slice_numbers, subtypes=vol.subtypes)
            tmp.replace(cpath)
        out[pid] = vol
    return out


def patient_split(
    bleed_slices: dict[str, int], n_val: int, seed: int
) -> tuple[list[str], list[str]]:
    """Split patients into training and held-out sets, stratified by bleed burden.

    Half of the held-out patients (rounded down) are clean; the rest have bleeds and are
    drawn one from each of equal-size bins of patients sorted by their number of bleeding
    slices, so small and large bleeds are both held out.

    Args:
        bleed_slices: Patient id -> number of slices with haemorrhage.
        n_val: Number of held-out patients (0: every patient trains).
        seed: Random seed.

    Returns:
        ``(train_ids, val_ids)``, both sorted, disjoint, together all patients.
    """
    if n_val == 0:
        return sorted(bleed_slices), []
    if not 0 < n_val < len(bleed_slices):
        raise ValueError(f"n_val must be in 0..{len(bleed_slices) - 1}, got {n_val}")
    rng = np.random.default_rng(seed)
    bleeders = sorted((n, p) for p, n in bleed_slices.items() if n > 0)
    clean = sorted(p for p, n in bleed_slices.items() if n == 0)
    n_bleed_val = min(len(bleeders), n_val - min(len(clean), n_val // 2))
    n_clean_val = n_val - n_bleed_val
    val: list[str] = []
    if n_bleed_val:
        for chunk in np.array_split(np.arange(len(bleeders)), n_bleed_val):
            val.append(bleeders[int(rng.choice(chunk))][1])
    if n_clean_val:
        val.extend(str(p) for p in rng.choice(clean, size=n_clean_val, replace=False))
    val_set = set(val)
    train = sorted(p for p in bleed_slices if p not in val_set)
    return train, sorted(val_set)
