"""Results in the input's own format: DICOM SEG + SR (+ key images), or a NIfTI mask.

One entry point, :func:`write_derived`, with explicit inputs (the input path and format,
the masks, the display slices for key images, the report dictionary and the model's
identity); :func:`ichseg.write.write_outputs` calls it after building the report. Files
land under ``out_dir``, named in :mod:`ichseg.outputs`:

- DICOM input: ``dicom/seg.dcm`` (binary SEG), ``dicom/sr.dcm`` (TID 1500 SR) and, when
  asked, ``dicom/key_images/001.dcm``… (secondary capture of the overlay frames);
- NIfTI input: ``mask.nii.gz`` (0/1 on the input's voxel grid and affine).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ichseg.outputs import (
    DICOM_DIR,
    KEY_IMAGES_DIR,
    NIFTI_MASK_NAME,
    SEG_NAME,
    SR_NAME,
    key_image_name,
)
from ichseg.ports import ModelInfo

log = logging.getLogger(__name__)


class DerivedOptions(BaseModel):
    """Which format-native results to write.

    Attributes:
        dicom: SEG and SR for DICOM inputs.
        key_images: Secondary-capture overlay frames for DICOM inputs: ``"off"``,
            ``"bleeding"`` (the slices called bleeding) or ``"all"``.
        nifti: A NIfTI mask for NIfTI inputs.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dicom: bool = True
    key_images: Literal["off", "bleeding", "all"] = "off"
    nifti: bool = True


def dicom_available() -> bool:
    """Whether highdicom (the ``dicom`` extra) is installed."""
    try:
        import highdicom  # noqa: F401
    except ImportError:
        return False
    return True


def write_derived(
    source: Path,
    fmt: str,
    masks: Sequence[np.ndarray],
    displays: Sequence[np.ndarray],
    report: dict[str, Any],
    model: ModelInfo,
    out_dir: Path,
    options: DerivedOptions | None = None,
) -> dict[str, Any]:
    """Write the format-native results of one scan.

    Args:
        source: The input path (a DICOM file/folder/zip or a NIfTI file).
        fmt: The input format from ``report["input"]["format"]``.
        masks: ``N`` ``(H, W)`` ``uint8`` 0/255 masks in scan order.
        displays: ``N`` ``(H, W)`` ``uint8`` display slices (for key images).
        report: The report dictionary (its ``scan`` and ``slices`` sections).
        model: The model's identity.
        out_dir: The (staging) output folder.
        options: What to write (defaults: SEG + SR, NIfTI mask, no key images).

    Returns:
        Entries for ``report["files"]``: ``dicom_seg``, ``dicom_sr``, ``key_images`` or
        ``nifti_mask`` (paths relative to ``out_dir``), or ``dicom_skipped`` with a reason.
    """
    options = options or DerivedOptions()
    if fmt == "nifti" and options.nifti:
        from ichseg.nifti_out import write_nifti_mask

        write_nifti_mask(source, np.stack(list(masks)), out_dir / NIFTI_MASK_NAME)
        return {"nifti_mask": NIFTI_MASK_NAME}
    if fmt != "dicom" or not options.dicom:
        return {}
    if not dicom_available():
        return {"dicom_skipped": "highdicom is not installed (install ichseg[dicom])"}
    return write_dicom_results(source, masks, displays, report, model, out_dir, options)


def write_dicom_results(
    source: Path,
    masks: Sequence[np.ndarray],
    displays: Sequence[np.ndarray],
    report: dict[str, Any],
    model: ModelInfo,
    out_dir: Path,
    options: DerivedOptions,
) -> dict[str, Any]:
    """Write SEG, SR and optional key images for a DICOM input (see :func:`write_derived`)."""
    from ichseg.dicom_out import DeviceInfo, build_key_images, build_seg, build_sr
    from ichseg.readers import read_dicom_datasets
    from ichseg.video import render_frame

    sources = read_dicom_datasets(source)
    device = DeviceInfo(model.name, model.version, model.sha256)
    (out_dir / DICOM_DIR).mkdir(exist_ok=True)
    seg = build_seg(sources, np.stack(list(masks)), device)
    seg.save_as(out_dir / SEG_NAME, enforce_file_format=True)
    sr = build_sr(sources, seg, report, device)
    sr.save_as(out_dir / SR_NAME, enforce_file_format=True)
    files: dict[str, Any] = {"dicom_seg": SEG_NAME, "dicom_sr": SR_NAME}
    if options.key_images != "off":
        wanted = [
            s["index"] - 1
            for s in report["slices"]
            if options.key_images == "all" or s["haemorrhage"]
        ]
        n = len(masks)
        frames = []
        for i in wanted:
            h, w = displays[i].shape  # source size, so the key image's geometry holds
            label = f"{i + 1}/{n}" + ("  bleed" if masks[i].any() else "")
            frames.append((i, render_frame(displays[i], masks[i], (h, w), label)))
        names = []
        if frames:
            (out_dir / KEY_IMAGES_DIR).mkdir(parents=True, exist_ok=True)
            for k, image in enumerate(build_key_images(sources, frames, device), start=1):
                name = key_image_name(k)
                image.save_as(out_dir / name, enforce_file_format=True)
                names.append(name)
        files["key_images"] = names
    return files
