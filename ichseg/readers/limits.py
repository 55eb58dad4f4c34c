"""Safety limits that every scan reader enforces before and while decoding."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

GIB = 1024**3


class Limits(BaseModel):
    """Caps on what a reader will accept; exceeding one raises ``LimitExceeded``.

    Attributes:
        max_input_bytes: Size of the input file, or of all files in an input folder.
        max_slices: Number of slices (video frames, images, DICOM files, NIfTI slices).
        max_pixels_per_slice: ``width * height`` of one slice, checked from the header
            before the pixels are decoded.
        max_total_bytes: Decoded bytes of all slices together, and decompressed bytes read
            out of a zip archive.
        max_zip_entries: Entries in a zip archive (folders included).
        max_zip_ratio: Uncompressed / compressed size of a zip archive (and of any one large
            entry) above which it is treated as a zip bomb.
        min_side: Smallest accepted slice width and height in pixels.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_input_bytes: int = Field(2 * GIB, gt=0)
    max_slices: int = Field(1000, gt=0)
    max_pixels_per_slice: int = Field(4096 * 4096, gt=0)
    max_total_bytes: int = Field(2 * GIB, gt=0)
    max_zip_entries: int = Field(5000, gt=0)
    max_zip_ratio: float = Field(200.0, gt=1.0)
    min_side: int = Field(16, ge=1)
