"""The names of a scan's outputs: the one list every writer and reader of results uses.

``ichseg segment`` writes a folder (``overlay.mp4``, ``masks/001.png`` …, ``report.json``
and, for inputs in Hounsfield units, ``hu.npy.gz``, for inputs without them ``slices.mp4``),
plus results in the input's own format (:mod:`ichseg.derived`): for a DICOM input ``dicom/seg.dcm``,
``dicom/sr.dcm`` and optional ``dicom/key_images/001.dcm`` …, for a NIfTI input
``mask.nii.gz``; the cloud adds ``masks.zip`` and stores the folder under a results prefix;
the embedded server and the web app serve these names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

REPORT_NAME = "report.json"
OVERLAY_NAME = "overlay.mp4"
SLICES_VIDEO_NAME = "slices.mp4"
MASKS_DIR = "masks"
MASKS_ZIP_NAME = "masks.zip"
#: Results in the input's own format (:func:`ichseg.derived.write_derived`).
DICOM_DIR = "dicom"
SEG_NAME = f"{DICOM_DIR}/seg.dcm"
SR_NAME = f"{DICOM_DIR}/sr.dcm"
KEY_IMAGES_DIR = f"{DICOM_DIR}/key_images"
NIFTI_MASK_NAME = "mask.nii.gz"
#: ``report["files"]`` keys of the format-native results that name one file.
DERIVED_FILE_KEYS = ("dicom_seg", "dicom_sr", "nifti_mask")
#: The Hounsfield volume the web viewer windows itself (:mod:`ichseg.hu_volume`); written
#: only for inputs in Hounsfield units (DICOM, NIfTI).
HU_VOLUME_NAME = "hu.npy.gz"
#: Outputs that a scan's results may lack (``masks.zip`` of results stored before it
#: existed; the HU volume of inputs without Hounsfield units; the plain slices video of
#: inputs with them, whose viewer draws from the HU volume (:func:`ichseg.write.needs_plain_video`);
#: the format-native results of inputs of another format).
OPTIONAL_OUTPUTS = frozenset(
    {MASKS_ZIP_NAME, HU_VOLUME_NAME, SLICES_VIDEO_NAME, SEG_NAME, SR_NAME, NIFTI_MASK_NAME}
)

#: Outputs that get a download link (the cloud scan record's presigned links, the viewer's
#: download buttons), by link name.
LINKED_OUTPUTS = {
    "overlay": OVERLAY_NAME,
    "slices": SLICES_VIDEO_NAME,
    "masks_zip": MASKS_ZIP_NAME,
    "report": REPORT_NAME,
    "hu": HU_VOLUME_NAME,
    "dicom_seg": SEG_NAME,
    "dicom_sr": SR_NAME,
    "nifti_mask": NIFTI_MASK_NAME,
}

#: Whole-file outputs the embedded server serves by name, with their media types.
RESULT_FILES = {
    OVERLAY_NAME: "video/mp4",
    SLICES_VIDEO_NAME: "video/mp4",
    REPORT_NAME: "application/json",
    HU_VOLUME_NAME: "application/gzip",
    SEG_NAME: "application/dicom",
    SR_NAME: "application/dicom",
    NIFTI_MASK_NAME: "application/gzip",
}

#: Content type of each output, by file ending.
CONTENT_TYPES = {
    ".mp4": "video/mp4",
    ".json": "application/json",
    ".png": "image/png",
    ".zip": "application/zip",
    ".dcm": "application/dicom",
    ".gz": "application/gzip",
}

#: A mask's relative path, as :func:`mask_name` writes it.
MASK_RE = re.compile(rf"^{MASKS_DIR}/\d{{3,6}}\.png$")


def mask_name(index: int, total: int) -> str:
    """Relative path of a slice's mask: ``masks/001.png`` (more digits past 999 slices).

    Args:
        index: 1-based slice index in input order.
        total: Number of slices in the scan.

    Returns:
        The path relative to the output folder.
    """
    width = max(3, len(str(total)))
    return f"{MASKS_DIR}/{index:0{width}d}.png"


def key_image_name(index: int) -> str:
    """Relative path of the ``index``-th (1-based) key image: ``dicom/key_images/001.dcm``."""
    return f"{KEY_IMAGES_DIR}/{index:03d}.dcm"


def derived_names(files: Mapping[str, Any]) -> list[str]:
    """The format-native results a report's ``files`` section lists (SEG, SR, key images, NIfTI).

    Args:
        files: ``report["files"]``.

    Returns:
        Relative paths, in the order they were written.
    """
    names = [str(files[k]) for k in DERIVED_FILE_KEYS if isinstance(files.get(k), str)]
    return names + [str(n) for n in files.get("key_images") or []]
