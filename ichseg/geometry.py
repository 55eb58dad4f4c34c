"""Pixel spacing and slice thickness that the user gives for inputs that carry none."""

from __future__ import annotations

import math

from ichseg.errors import InputError
from ichseg.scan import Scan

#: Plausible ranges (mm) for a head CT; anything outside is a typing error.
PIXEL_SPACING_RANGE_MM = (0.05, 5.0)
SLICE_THICKNESS_RANGE_MM = (0.1, 20.0)


def check_spacing(pixel_mm: float, thickness_mm: float) -> tuple[float, float]:
    """Validate a user-given spacing.

    Args:
        pixel_mm: In-plane pixel spacing (square pixels), in mm.
        thickness_mm: Distance between slice centres, in mm.

    Returns:
        ``(pixel_mm, thickness_mm)`` as floats.

    Raises:
        InputError: When a value is not a finite number in its plausible range.
    """
    values = []
    for name, value, (low, high) in (
        ("pixel spacing", pixel_mm, PIXEL_SPACING_RANGE_MM),
        ("slice thickness", thickness_mm, SLICE_THICKNESS_RANGE_MM),
    ):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{name} must be a number of millimetres") from None
        if not math.isfinite(number) or not low <= number <= high:
            raise InputError(f"{name} must be between {low} and {high} mm")
        values.append(number)
    return values[0], values[1]


def apply_spacing(scan: Scan, pixel_mm: float, thickness_mm: float) -> None:
    """Give a scan without spacing the user's pixel spacing and slice thickness.

    A spacing read from the file itself (DICOM, NIfTI) is kept; the user's values only
    fill what is missing, and ``scan.source["spacing_from"]`` records ``"user"`` when used.

    Args:
        scan: The scan, changed in place.
        pixel_mm: In-plane pixel spacing in mm (square pixels).
        thickness_mm: Slice thickness in mm.
    """
    pixel_mm, thickness_mm = check_spacing(pixel_mm, thickness_mm)
    used = False
    if scan.pixel_spacing_mm is None:
        scan.pixel_spacing_mm = (pixel_mm, pixel_mm)
        used = True
    if scan.slice_thickness_mm is None:
        scan.slice_thickness_mm = thickness_mm
        used = True
    if used:
        scan.source["spacing_from"] = "user"
