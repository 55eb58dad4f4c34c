"""A synthetic head-CT phantom with a known haemorrhage, as DICOM and NIfTI.

The repository may ship this data (CT-ICH pixels may never be committed), so the demo and
the tests have a real scan with real Hounsfield units, spacing and a known bleed: air
outside the head, a skull ring, brain with mild noise, two ventricles and an ellipsoidal
intraparenchymal haematoma spanning several middle slices.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

#: Geometry and densities of the phantom (HU).
AIR_HU = -1000.0
BRAIN_HU = 35.0
VENTRICLE_HU = 5.0
BLEED_HU = 70.0
SKULL_HU = (700.0, 1000.0)
PIXEL_SPACING_MM = 0.8
SLICE_THICKNESS_MM = 5.0
RESCALE_INTERCEPT = -1024.0

_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"  # CT Image Storage SOP class
_UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's root for generated UIDs


def make_volume(
    n_slices: int = 24,
    size: int = 256,
    seed: int = 0,
    slice_mm: float = SLICE_THICKNESS_MM,
    bleed: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Build the phantom volume and its bleed mask.

    Slices run inferior to superior; in each slice rows run anterior to posterior and
    columns from the patient's right to left (radiological view, as DICOM axial images).

    Args:
        n_slices: Number of axial slices (>= 5).
        size: Width and height of each slice in pixels (>= 64).
        seed: Seed of the noise and of the bleed's exact placement.
        bleed: Put the bleed in; ``False`` gives the same head without one.
        slice_mm: Distance between slice centres (a thin series: 1.25 with 4x the slices).

    Returns:
        ``(hu, mask)``: ``(n_slices, size, size)`` ``float32`` HU and ``bool`` bleed mask.
    """
    if n_slices < 5 or size < 64:
        raise ValueError("the phantom needs at least 5 slices of 64x64 pixels")
    rng = np.random.default_rng(seed)
    sp = PIXEL_SPACING_MM * 256.0 / size  # keep the head's physical size for any `size`
    centre = (size - 1) / 2.0
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
    y_mm = (yy - centre) * sp  # + posterior
    x_mm = (xx - centre) * sp  # + patient's left
    z_mm = (np.arange(n_slices) - (n_slices - 1) / 2.0) * slice_mm
    z_half = max(abs(z_mm[0]), 1.0) + slice_mm
    # Bleed: an ellipsoid in the right hemisphere (image left), spanning the middle slices.
    bleed_c = (
        float(rng.uniform(-8.0, 8.0)),
        float(-28.0 + rng.uniform(-3.0, 3.0)),
        float(rng.uniform(-1.0, 1.0)),
    )  # (y, x, z) in mm
    bleed_r = (24.0, 17.0, 12.0)  # semi-axes (y, x, z) in mm: about 20 mL
    hu = np.empty((n_slices, size, size), np.float32)
    mask = np.zeros((n_slices, size, size), bool)
    for k, z in enumerate(z_mm):
        shrink = np.sqrt(max(1.0 - (z / z_half) ** 2, 0.05))
        a_out, b_out = 90.0 * shrink, 75.0 * shrink  # head semi-axes (y, x)
        r_out = (y_mm / a_out) ** 2 + (x_mm / b_out) ** 2
        r_in = (y_mm / (a_out - 6.0)) ** 2 + (x_mm / (b_out - 6.0)) ** 2
        head = r_out <= 1.0
        brain = r_in <= 1.0
        s = np.full((size, size), AIR_HU, np.float32)
        skull = head & ~brain
        s[skull] = rng.uniform(*SKULL_HU, size=int(skull.sum())).astype(np.float32)
        s[brain] = (BRAIN_HU + rng.normal(0.0, 2.5, size=int(brain.sum()))).astype(np.float32)
        if abs(z) <= 10.0:
            for side in (-1.0, 1.0):
                vent = ((y_mm + 5.0) / 22.0) ** 2 + ((x_mm - side * 9.0) / 5.0) ** 2 <= 1.0
                s[vent & brain] = VENTRICLE_HU + rng.normal(0.0, 2.0, int((vent & brain).sum()))
        blood = (
            ((y_mm - bleed_c[0]) / bleed_r[0]) ** 2
            + ((x_mm - bleed_c[1]) / bleed_r[1]) ** 2
            + ((z - bleed_c[2]) / bleed_r[2]) ** 2
        ) <= 1.0
        blood &= brain & bleed
        s[blood] = (BLEED_HU + rng.normal(0.0, 2.0, int(blood.sum()))).astype(np.float32)
        hu[k] = np.rint(s)  # whole HU, as scanners store them
        mask[k] = blood
    return hu, mask


def _uid(seed: int, *parts: object) -> Any:
    """A UID derived from the seed and ``parts`` (the same every run)."""
    from pydicom.uid import generate_uid

    return generate_uid(prefix=_UID_ROOT, entropy_srcs=[str(seed), *map(str, parts)])


def _write_dicom(
    folder: Path,
    hu: np.ndarray,
    spacing: float,
    seed: int,
    rng: np.random.Generator,
    slice_mm: float = SLICE_THICKNESS_MM,
    series_tag: str = "",
) -> list[str]:
    """Write one CT Image Storage file per slice, named in a shuffled order."""
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import PYDICOM_IMPLEMENTATION_UID, UID, ExplicitVRLittleEndian

    n, rows, cols = hu.shape
    folder.mkdir(parents=True, exist_ok=True)
    study, frame = _uid(seed, "study"), _uid(seed, "frame")
    series = _uid(seed, "series", series_tag) if series_tag else _uid(seed, "series")
    file_for_slice = rng.permutation(n)  # slice k is written as IM{file_for_slice[k]+1}
    names = []
    x0 = -(cols - 1) / 2.0 * spacing
    y0 = -(rows - 1) / 2.0 * spacing
    for k in range(n):
        sop = _uid(seed, "image", series_tag, k) if series_tag else _uid(seed, "image", k)
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = UID(_CT_IMAGE_STORAGE)
        meta.MediaStorageSOPInstanceUID = sop
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
        name = f"IM{int(file_for_slice[k]) + 1:04d}.dcm"
        ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = UID(_CT_IMAGE_STORAGE)
        ds.SOPInstanceUID = sop
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.FrameOfReferenceUID = frame
        ds.Modality = "CT"
        ds.PatientName = "PHANTOM^SYNTHETIC"
        ds.PatientID = "ICHSEG-PHANTOM"
        ds.StudyDate = "20000101"
        ds.SeriesDescription = "ichseg synthetic head phantom"
        ds.Manufacturer = "ichseg"
        ds.ImageType = ["DERIVED", "SECONDARY", "AXIAL"]
        ds.SeriesNumber = 1
        ds.InstanceNumber = k + 1
        ds.ImagePositionPatient = [
            f"{x0:.4f}",
            f"{y0:.4f}",
            f"{(k - (n - 1) / 2.0) * slice_mm:.4f}",
        ]
        ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
        ds.PixelSpacing = [f"{spacing:.6g}", f"{spacing:.6g}"]
        ds.SliceThickness = f"{slice_mm:g}"
        ds.SpacingBetweenSlices = f"{slice_mm:g}"
        ds.RescaleIntercept = f"{RESCALE_INTERCEPT:g}"
        ds.RescaleSlope = "1"
        ds.RescaleType = "HU"
        ds.WindowCenter = "40"
        ds.WindowWidth = "120"
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows, ds.Columns = rows, cols
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        stored = np.clip(np.rint(hu[k] - RESCALE_INTERCEPT), -32768, 32767).astype("<i2")
        ds.PixelData = stored.tobytes()
        ds.save_as(folder / name, enforce_file_format=True)
        names.append(name)
    return names


def _write_nifti(
    path: Path, hu: np.ndarray, spacing: float, slice_mm: float = SLICE_THICKNESS_MM
) -> None:
    """Write the volume stored in LPS voxel order with its RAS affine (as converters do)."""
    import nibabel as nib

    n, rows, cols = hu.shape
    data = np.ascontiguousarray(np.transpose(hu, (2, 1, 0)))  # [col (x), row (y), slice (z)]
    x0 = -(cols - 1) / 2.0 * spacing
    y0 = -(rows - 1) / 2.0 * spacing
    z0 = -(n - 1) / 2.0 * slice_mm
    # DICOM LPS -> NIfTI RAS: negate x and y.
    affine = np.array(
        [
            [-spacing, 0.0, 0.0, -x0],
            [0.0, -spacing, 0.0, -y0],
            [0.0, 0.0, slice_mm, z0],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )
    img = nib.Nifti1Image(np.rint(data).astype(np.int16), affine)
    img.header.set_xyzt_units("mm", "sec")
    img.set_qform(affine, code=1)
    img.set_sform(affine, code=1)
    nib.save(img, str(path))


def write_phantom(
    out_dir: Path, n_slices: int = 24, size: int = 256, seed: int = 0
) -> dict[str, Any]:
    """Write the phantom as a DICOM series, a NIfTI volume and ground-truth masks.

    Layout under ``out_dir``: ``phantom_dicom/IM0001.dcm``… (one CT series; file names do
    not follow the slice order, InstanceNumber and ImagePositionPatient do),
    ``phantom.nii.gz`` (the same volume and geometry) and ``truth_masks/001.png``…
    (0/255, one per slice in anatomical order, inferior first). Deterministic for a seed.

    Args:
        out_dir: Destination folder (created if needed).
        n_slices: Number of axial slices (>= 5).
        size: Width and height of each slice (>= 64).
        seed: Seed of the noise, bleed placement and file-name shuffle.

    Returns:
        ``dicom``, ``nifti``, ``truth_masks`` (str paths), ``n_slices``, ``size``,
        ``pixel_spacing_mm`` (row, col), ``slice_thickness_mm``, ``bleed_volume_ml``
        (voxels of the bleed mask times voxel volume), ``bleed_slices`` (1-based indices of
        the slices that bleed) and ``seed``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    hu, mask = make_volume(n_slices, size, seed)
    spacing = PIXEL_SPACING_MM * 256.0 / size
    rng = np.random.default_rng(seed + 1)
    dicom_dir = out_dir / "phantom_dicom"
    _write_dicom(dicom_dir, hu, spacing, seed, rng)
    nifti_path = out_dir / "phantom.nii.gz"
    _write_nifti(nifti_path, hu, spacing)
    truth_dir = out_dir / "truth_masks"
    truth_dir.mkdir(parents=True, exist_ok=True)
    for k in range(n_slices):
        Image.fromarray((mask[k] * 255).astype(np.uint8)).save(truth_dir / f"{k + 1:03d}.png")
    voxel_ml = spacing * spacing * SLICE_THICKNESS_MM / 1000.0
    return {
        "dicom": str(dicom_dir),
        "nifti": str(nifti_path),
        "truth_masks": str(truth_dir),
        "n_slices": n_slices,
        "size": size,
        "pixel_spacing_mm": (spacing, spacing),
        "slice_thickness_mm": SLICE_THICKNESS_MM,
        "bleed_volume_ml": round(float(mask.sum()) * voxel_ml, 3),
        "bleed_slices": [int(k) + 1 for k in np.flatnonzero(mask.any(axis=(1, 2)))],
        "seed": seed,
    }


def write_thin_phantom(
    out_dir: Path,
    factor: int = 4,
    n_slices: int = 24,
    size: int = 256,
    seed: int = 0,
    resample: bool = False,
    interpolate: bool = False,
    bleed: bool = True,
) -> dict[str, Any]:
    """Write a thin-slice version of the phantom (``5 / factor`` mm) as DICOM and NIfTI.

    Two kinds: by default each 5 mm slice of :func:`make_volume` is repeated ``factor``
    times at ``5 / factor`` mm (a thin series made from the 5 mm slices, so that slices
    ``factor * k`` … ``factor * k + factor - 1`` have the pixels of 5 mm slice ``k``);
    with ``resample`` the same anatomy is sampled every ``5 / factor`` mm
    (``factor * n_slices`` new slices, own noise); with ``interpolate`` the thin slices lie
    at their centres inside each 5 mm slab, their HU interpolated linearly between the 5 mm
    slices around them (what resampling software makes of a 5 mm series; the outer halves
    of the end slabs repeat the end slice), each with the mask of the slab it lies in.

    Layout under ``out_dir``: ``thin_dicom/`` (its own series UID), ``thin.nii.gz`` and
    ``thin_truth_masks/001.png``….

    Args:
        out_dir: Destination folder (created if needed).
        factor: Thin slices per 5 mm (>= 1).
        n_slices: Slices of the 5 mm volume (>= 5).
        size: Width and height of each slice (>= 64).
        seed: Seed of the noise, bleed placement and file-name shuffle.
        resample: Sample the anatomy anew instead of repeating the 5 mm slices.
        interpolate: Interpolate between the 5 mm slices instead of repeating them.
        bleed: Put the bleed in (``False``: a clean head).

    Returns:
        The keys of :func:`write_phantom` (``dicom``, ``nifti``, ``truth_masks`` …) for
        the thin series.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    slice_mm = SLICE_THICKNESS_MM / factor
    if resample:
        hu, mask = make_volume(n_slices * factor, size, seed, slice_mm=slice_mm, bleed=bleed)
    else:
        hu5, mask5 = make_volume(n_slices, size, seed, bleed=bleed)
        hu, mask = np.repeat(hu5, factor, axis=0), np.repeat(mask5, factor, axis=0)
        if interpolate:
            pos = np.clip((np.arange(n_slices * factor) + 0.5) / factor - 0.5, 0, n_slices - 1)
            low = np.floor(pos).astype(int)
            high = np.minimum(low + 1, n_slices - 1)
            frac = (pos - low)[:, None, None]
            mixed = hu5[low].astype(np.float64) * (1 - frac) + hu5[high] * frac
            hu = np.rint(mixed).astype(hu5.dtype)
    spacing = PIXEL_SPACING_MM * 256.0 / size
    tag = f"thin{factor}{'r' if resample else 'i' if interpolate else ''}"
    dicom_dir = out_dir / "thin_dicom"
    _write_dicom(dicom_dir, hu, spacing, seed, np.random.default_rng(seed + 1), slice_mm, tag)
    nifti_path = out_dir / "thin.nii.gz"
    _write_nifti(nifti_path, hu, spacing, slice_mm)
    truth_dir = out_dir / "thin_truth_masks"
    truth_dir.mkdir(parents=True, exist_ok=True)
    width = max(3, len(str(len(hu))))
    for k in range(len(hu)):
        Image.fromarray((mask[k] * 255).astype(np.uint8)).save(truth_dir / f"{k + 1:0{width}d}.png")
    voxel_ml = spacing * spacing * slice_mm / 1000.0
    return {
        "dicom": str(dicom_dir),
        "nifti": str(nifti_path),
        "truth_masks": str(truth_dir),
        "n_slices": len(hu),
        "size": size,
        "pixel_spacing_mm": (spacing, spacing),
        "slice_thickness_mm": slice_mm,
        "bleed_volume_ml": round(float(mask.sum()) * voxel_ml, 3),
        "bleed_slices": [int(k) + 1 for k in np.flatnonzero(mask.any(axis=(1, 2)))],
        "seed": seed,
    }
