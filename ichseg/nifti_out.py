"""Masks of a NIfTI input as a NIfTI label volume on the input's own voxel grid and affine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def masks_to_volume(masks: np.ndarray, source_img: Any) -> np.ndarray:
    """Put the pipeline's slice masks back on the input's stored voxel grid.

    Undoes what :func:`ichseg.readers.nifti.read_nifti` did: an oriented volume was turned
    RAS+ and each axial slice shown radiologically; an unoriented one was cut along its
    third axis as stored.

    Args:
        masks: ``(N, H, W)`` ``bool`` or 0/255 ``uint8`` masks in the reader's slice order.
        source_img: The input as loaded by nibabel (``nibabel.load``).

    Returns:
        ``uint8`` 0/1 volume of the input's 3-D shape, in its stored axis order.

    Raises:
        ValueError: When the masks do not fit the volume.
    """
    import nibabel as nib

    arr = np.asarray(masks).astype(bool)
    shape = tuple(int(n) for n in source_img.shape[:3])
    header = source_img.header
    qcode = int(header["qform_code"]) if "qform_code" in header else 0
    scode = int(header["sform_code"]) if "sform_code" in header else 0
    if qcode <= 0 and scode <= 0:
        vol = np.stack(list(arr), axis=2)  # (X, Y, Z) as stored
        if vol.shape != shape:
            raise ValueError(f"masks give a {vol.shape} volume, the input is {shape}")
        return vol.astype(np.uint8)
    # Radiological (Y, X) view -> canonical RAS+ (X, Y) slice: the inverse of
    # ``canonical[::-1, ::-1].T``.
    canonical = np.stack([m.T[::-1, ::-1] for m in arr], axis=2)
    ornt = nib.orientations.io_orientation(source_img.affine)
    to_stored = nib.orientations.ornt_transform(
        nib.orientations.axcodes2ornt(("R", "A", "S")), ornt
    )
    vol = nib.orientations.apply_orientation(canonical, to_stored)
    if vol.shape != shape:
        raise ValueError(f"masks give a {vol.shape} volume, the input is {shape}")
    return np.ascontiguousarray(vol).astype(np.uint8)


def write_nifti_mask(source: Path, masks: np.ndarray, dest: Path) -> None:
    """Write the masks as ``uint8`` 0/1 NIfTI with the input's affine, qform and sform.

    Args:
        source: The input ``.nii``/``.nii.gz`` file.
        masks: ``(N, H, W)`` masks in the reader's slice order.
        dest: Output path (``.nii.gz``).
    """
    import nibabel as nib

    img: Any = nib.load(str(source))
    vol = masks_to_volume(masks, img)
    out = nib.Nifti1Image(vol, img.affine)
    qform, qcode = img.get_qform(coded=True)
    sform, scode = img.get_sform(coded=True)
    if qform is not None:
        out.set_qform(qform, code=int(qcode))
    if sform is not None:
        out.set_sform(sform, code=int(scode))
    out.header.set_xyzt_units(*img.header.get_xyzt_units())
    out.header["descrip"] = b"ichseg haemorrhage mask (1 = bleed)"
    nib.save(out, str(dest))
