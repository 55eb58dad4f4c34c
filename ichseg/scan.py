"""The in-memory scan that every reader produces and the pipeline consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Scan:
    """A head-CT scan as an ordered list of slices.

    Attributes:
        slices: ``N`` arrays in scan order (index 0 is slice 1). Each is ``(H, W)`` float HU
            when ``is_hu``, else ``(H, W)`` or ``(H, W, 3)`` ``uint8`` grey/colour.
        is_hu: Whether the pixels are Hounsfield units.
        pixel_spacing_mm: ``(row, column)`` spacing in mm, or ``None`` when unknown.
        slice_thickness_mm: Distance between slice centres in mm, or ``None``.
        source: What the input was: at least ``format`` and ``name``; readers add details.
            It never holds patient identifiers.
        patient: Patient identity read from the file (DICOM ``patient_name``,
            ``patient_id``), kept apart from ``source``: only ``report.json`` carries it
            (the viewer shows it when the user asks), never a summary or a log line.
    """

    slices: list[np.ndarray]
    is_hu: bool
    pixel_spacing_mm: tuple[float, float] | None = None
    slice_thickness_mm: float | None = None
    source: dict[str, Any] = field(default_factory=dict)
    patient: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.slices)

    @property
    def voxel_volume_ml(self) -> float | None:
        """Volume of one voxel in millilitres, or ``None`` when spacing is unknown."""
        return voxel_volume_ml(self.pixel_spacing_mm, self.slice_thickness_mm)


def voxel_volume_ml(
    pixel_spacing_mm: tuple[float, float] | None, slice_thickness_mm: float | None
) -> float | None:
    """Volume of one voxel in millilitres.

    Args:
        pixel_spacing_mm: ``(row, column)`` spacing in mm, or ``None``.
        slice_thickness_mm: Distance between slice centres in mm, or ``None``.

    Returns:
        ``row * column * thickness / 1000``, or ``None`` when either is unknown.
    """
    if pixel_spacing_mm is None or slice_thickness_mm is None:
        return None
    row, col = pixel_spacing_mm
    return row * col * slice_thickness_mm / 1000.0
