"""Read a CT volume from NIfTI (``.nii``/``.nii.gz``) with nibabel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ichseg.errors import InputError
from ichseg.readers.common import ByteBudget, check_slice_count, check_slice_size, one_line
from ichseg.readers.limits import Limits
from ichseg.scan import Scan


def radiological_slice(canonical: np.ndarray) -> np.ndarray:
    """Turn one axial RAS+ slice into a display image in radiological convention.

    Args:
        canonical: ``(X, Y)`` slice of a RAS+ volume: the first index grows towards the
            patient's right, the second towards anterior.

    Returns:
        ``(Y, X)`` view: anterior at the top row, the patient's right on the left column.
    """
    return np.ascontiguousarray(canonical[::-1, ::-1].T)


def _load(path: Path) -> Any:
    import nibabel as nib

    try:
        return nib.load(str(path))
    except Exception as exc:  # nibabel raises several types for bad headers
        raise InputError(f"{path.name} is not a readable NIfTI file: {one_line(exc)}") from exc


def header_slice_count(path: Path) -> int:
    """Slices along the superior axis, from the header alone (no voxel data is read).

    Args:
        path: A ``.nii`` or ``.nii.gz`` file.

    Returns:
        The number of axial slices :func:`read_nifti` would return for a 3-D volume.
    """
    import nibabel as nib

    img = nib.as_closest_canonical(nib.squeeze_image(_load(path)))
    shape = img.shape
    return int(shape[2]) if len(shape) >= 3 else 1


def read_nifti(path: Path, limits: Limits) -> Scan:
    """Read a 3-D NIfTI volume as axial slices in Hounsfield units.

    The volume is reoriented to RAS+ (``nibabel.as_closest_canonical``) and cut along the
    superior axis, inferior slice first; each slice is shown with anterior at the top and
    the patient's right on the image left, like the CT-ICH PNGs. When the header carries no
    orientation at all (qform and sform codes both 0), the stored axes are used as they are,
    which is what the CT-ICH release script does with its ``ct_scans/NNN.nii``.
    ``scl_slope``/``scl_inter`` are applied by nibabel.

    Args:
        path: The ``.nii`` or ``.nii.gz`` file.
        limits: Caps on slice count, pixels per slice and decoded bytes.

    Returns:
        A scan of ``(H, W)`` ``float32`` HU slices with spacing from the voxel sizes,
        ``is_hu=True``.

    Raises:
        InputError: Unreadable or truncated file, not 3-D, all values non-finite.
        LimitExceeded: Too many slices, pixels or bytes.
    """
    import nibabel as nib

    img = _load(path)
    shape = tuple(int(n) for n in img.shape)
    if len(shape) == 4 and shape[3] == 1:
        shape = shape[:3]
    if len(shape) != 3:
        raise InputError(
            f"{path.name} is a {len(shape)}-D NIfTI volume {shape}; a 3-D CT volume is needed"
        )
    header = img.header
    qcode = int(header["qform_code"]) if "qform_code" in header else 0
    scode = int(header["sform_code"]) if "sform_code" in header else 0
    oriented = qcode > 0 or scode > 0
    axcodes = "".join(str(c) for c in nib.aff2axcodes(img.affine)) if oriented else None
    if oriented:
        img = nib.as_closest_canonical(nib.squeeze_image(img))
        shape = tuple(int(n) for n in img.shape[:3])
    nx, ny, nz = shape
    check_slice_count(nz, limits, path.name)
    width, height = (nx, ny) if oriented else (ny, nx)
    check_slice_size(width, height, limits, path.name)
    ByteBudget(limits, path.name).take(nx * ny * nz * 4)
    try:
        data = np.asarray(img.get_fdata(dtype=np.float32))
    except Exception as exc:  # truncated data, bad gzip stream, memory
        raise InputError(f"{path.name} is truncated or corrupt: {one_line(exc)}") from exc
    data = data.reshape(shape)
    finite = np.isfinite(data)
    if not finite.any():
        raise InputError(f"{path.name} holds no finite values (all NaN/inf)")
    if not finite.all():
        data = np.where(finite, data, np.float32(-1024.0))
    zooms = [round(float(z), 6) for z in img.header.get_zooms()[:3]]
    if oriented:
        slices = [radiological_slice(data[:, :, k]) for k in range(nz)]
        # Display rows run along Y (anterior-posterior), columns along X.
        row_mm, col_mm = zooms[1], zooms[0]
    else:
        slices = [np.ascontiguousarray(data[:, :, k]) for k in range(nz)]
        row_mm, col_mm = zooms[0], zooms[1]
    spacing_ok = all(np.isfinite(z) and z > 0 for z in zooms)
    source: dict[str, Any] = {
        "format": "nifti",
        "name": path.name,
        "container": "file",
        "n_slices": nz,
        "width": int(slices[0].shape[1]),
        "height": int(slices[0].shape[0]),
        "orientation": "RAS+ radiological" if oriented else "as stored (no orientation)",
        "original_axcodes": axcodes,
    }
    return Scan(
        slices=slices,
        is_hu=True,
        pixel_spacing_mm=(row_mm, col_mm) if spacing_ok else None,
        slice_thickness_mm=zooms[2] if spacing_ok else None,
        source=source,
    )
