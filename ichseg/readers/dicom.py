"""Read a CT series from DICOM files (a folder, a zip, or a single file) with pydicom."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from ichseg.errors import InputError
from ichseg.readers.common import (
    ByteBudget,
    Member,
    check_slice_count,
    check_slice_size,
    one_line,
)
from ichseg.readers.limits import Limits
from ichseg.scan import Scan

_DICOMDIR_SOP = "1.2.840.10008.1.3.10"
_PIXEL_TAGS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


@dataclass
class _Slice:
    name: str
    ds: Any  # pydicom.Dataset
    instance: int | None
    position: np.ndarray | None
    orientation: np.ndarray | None


def _floats(value: Any, n: int) -> np.ndarray | None:
    try:
        arr = np.asarray([float(v) for v in value], dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return arr if arr.shape == (n,) and np.all(np.isfinite(arr)) else None


def _parse(member: Member) -> Any:
    import pydicom
    from pydicom.errors import InvalidDicomError

    data = member.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(io.BytesIO(data), force=True)
    except (InvalidDicomError, ValueError, TypeError, EOFError, OSError, KeyError) as exc:
        raise InputError(f"{member.name} is not a readable DICOM file: {one_line(exc)}") from exc
    if not any(key in ds for key in ("SOPClassUID", "Modality", "Rows", *_PIXEL_TAGS)):
        raise InputError(f"{member.name} is not a readable DICOM file (no image attributes)")
    return ds


def _instance_number(ds: Any) -> int | None:
    try:
        value = ds.get("InstanceNumber")
        return None if value is None or value == "" else int(value)
    except (TypeError, ValueError):
        return None


def _collect(members: list[Member], limits: Limits, what: str) -> list[_Slice]:
    """Parse every file, drop DICOMDIRs and duplicates, and check series and modality."""
    check_slice_count(len(members), limits, what)
    slices: list[_Slice] = []
    seen: set[str] = set()
    for member in members:
        ds = _parse(member)
        if str(ds.get("SOPClassUID", "")) == _DICOMDIR_SOP:
            continue
        sop = str(ds.get("SOPInstanceUID", ""))
        if sop and sop in seen:
            continue  # the same image twice (a copied file): harmless
        seen.add(sop)
        if not any(tag in ds for tag in _PIXEL_TAGS):
            raise InputError(f"{member.name} is a DICOM file without pixel data")
        slices.append(
            _Slice(
                member.name,
                ds,
                _instance_number(ds),
                _floats(ds.get("ImagePositionPatient"), 3),
                _floats(ds.get("ImageOrientationPatient"), 6),
            )
        )
    if not slices:
        raise InputError(f"unsupported or empty input: {what} holds no DICOM images")
    series = {str(s.ds.get("SeriesInstanceUID", "")) for s in slices}
    if len(series) > 1:
        raise InputError(f"{what} mixes {len(series)} DICOM series; give one series at a time")
    modalities = {str(s.ds.get("Modality", "") or "") for s in slices} - {""}
    if modalities - {"CT"}:
        raise InputError(
            f"{what} is a {'/'.join(sorted(modalities))} series, not CT; only CT is supported"
        )
    if len(slices) > 1:
        # A localizer (scout) stored in the axial series is not a slice of the volume.
        axial = [s for s in slices if "LOCALIZER" not in _image_type(s.ds)]
        slices = axial or slices
    return slices


def _image_type(ds: Any) -> list[str]:
    value = ds.get("ImageType")
    if value is None:
        return []
    if isinstance(value, str):
        return [value.upper()]
    return [str(v).upper() for v in value]


def _order(slices: list[_Slice], what: str) -> tuple[list[_Slice], str, np.ndarray | None]:
    """Sort by position along the slice normal, else InstanceNumber, else file name.

    Returns:
        ``(sorted slices, how they were ordered, positions along the normal or None)``.
    """
    if all(s.position is not None and s.orientation is not None for s in slices):
        first = slices[0].orientation
        assert first is not None
        for s in slices[1:]:
            assert s.orientation is not None
            if not np.allclose(s.orientation, first, atol=1e-3):
                raise InputError(f"{what}: slices have different orientations")
        normal = np.cross(first[:3], first[3:])
        if np.linalg.norm(normal) < 1e-6:
            raise InputError(f"{what}: ImageOrientationPatient is degenerate")
        normal = normal / np.linalg.norm(normal)
        pos = np.array([float(np.dot(s.position, normal)) for s in slices])  # type: ignore[arg-type]
        inst = [s.instance if s.instance is not None else 0 for s in slices]
        idx = sorted(range(len(slices)), key=lambda i: (pos[i], inst[i]))
        return [slices[i] for i in idx], "position", pos[idx]
    if all(s.instance is not None for s in slices):
        return sorted(slices, key=lambda s: s.instance or 0), "instance_number", None
    return slices, "file_name", None


def _hu(s: _Slice) -> np.ndarray:
    ds = s.ds
    try:
        pixels = ds.pixel_array
    except Exception as exc:  # pydicom raises many types for unsupported/corrupt pixel data
        syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
        name = getattr(syntax, "name", None) or str(syntax or "unknown transfer syntax")
        reason = (
            "no decoder for this compression is installed"
            if "missing dependencies" in str(exc) or "no pixel data handler" in str(exc).lower()
            else one_line(exc)
        )
        raise InputError(f"{s.name}: cannot decode pixel data ({name}): {reason}") from exc
    if pixels.ndim != 2:
        raise InputError(f"{s.name}: expected one grey frame, got pixel array {pixels.shape}")
    try:
        slope = float(ds.get("RescaleSlope", 1.0) or 1.0)
        intercept = float(ds.get("RescaleIntercept", 0.0) or 0.0)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{s.name}: RescaleSlope/RescaleIntercept are not numbers") from exc
    hu = pixels.astype(np.float32) * np.float32(slope) + np.float32(intercept)
    return np.ascontiguousarray(hu)


def _thickness(positions: np.ndarray | None, first: Any) -> float | None:
    if positions is not None and len(positions) > 1:
        steps = np.abs(np.diff(positions))
        steps = steps[steps > 1e-3]
        if steps.size:
            return float(np.median(steps))
    for key in ("SpacingBetweenSlices", "SliceThickness"):
        try:
            value = float(first.get(key) or 0.0)
        except (TypeError, ValueError):
            continue
        if value > 0 and np.isfinite(value):
            return value
    return None


def read_dicom(members: list[Member], limits: Limits, what: str, container: str) -> Scan:
    """Read one CT series in anatomical order, in Hounsfield units.

    Slices are ordered by ImagePositionPatient projected on the slice normal (the cross
    product of the ImageOrientationPatient row and column directions), falling back to
    InstanceNumber and then to the natural order of the file names. HU come from
    RescaleSlope/RescaleIntercept; the slice thickness is the median distance between
    neighbouring positions (falling back to SpacingBetweenSlices, then SliceThickness).

    Args:
        members: DICOM files in natural order of their names.
        limits: Caps on slice count, pixels per slice and decoded bytes.
        what: Name of the input (file or folder name only).
        container: ``"folder"``, ``"zip"`` or ``"file"``.

    Returns:
        A scan of ``(H, W)`` ``float32`` HU slices, ``is_hu=True``.

    Raises:
        InputError: Unreadable files, no pixel data, several series, not CT, multi-frame
            or colour images, undecodable pixel data.
        LimitExceeded: Too many slices, pixels or bytes.
    """
    slices = _collect(members, limits, what)
    budget = ByteBudget(limits, what)
    for s in slices:
        ds = s.ds
        try:
            rows, cols = int(ds.Rows), int(ds.Columns)
            frames = int(ds.get("NumberOfFrames", 1) or 1)
            samples = int(ds.get("SamplesPerPixel", 1) or 1)
        except (AttributeError, TypeError, ValueError) as exc:
            raise InputError(f"{s.name}: Rows/Columns missing or invalid") from exc
        check_slice_size(cols, rows, limits, s.name)
        if frames != 1:
            raise InputError(f"{s.name}: multi-frame DICOM ({frames} frames) is not supported")
        if samples != 1:
            raise InputError(f"{s.name}: colour DICOM ({samples} samples per pixel) is not CT")
        budget.take(rows * cols * 4)
    ordered, order, positions = _order(slices, what)
    hu = [_hu(s) for s in ordered]
    first = ordered[0].ds
    spacing = _floats(first.get("PixelSpacing"), 2)
    pixel_spacing = (
        (float(spacing[0]), float(spacing[1]))
        if spacing is not None and np.all(spacing > 0)
        else None
    )
    source: dict[str, Any] = {
        "format": "dicom",
        "name": what,
        "container": container,
        "n_slices": len(hu),
        "width": max(h.shape[1] for h in hu),
        "height": max(h.shape[0] for h in hu),
        "order": order,
        "modality": str(first.get("Modality", "") or "") or None,
        "series_description": str(first.get("SeriesDescription", "") or "") or None,
        "study_date": _dicom_date(first.get("StudyDate")),
        "study_description": str(first.get("StudyDescription", "") or "") or None,
        "transfer_syntax": str(getattr(first.file_meta, "TransferSyntaxUID", "") or "")
        if hasattr(first, "file_meta")
        else None,
    }
    return Scan(
        slices=hu,
        is_hu=True,
        pixel_spacing_mm=pixel_spacing,
        slice_thickness_mm=_thickness(positions, first),
        source=source,
        # shown by the viewer only when the user asks; never summarised or logged
        patient=_patient(first),
    )


def ordered_datasets(members: list[Member], limits: Limits, what: str) -> list[Any]:
    """The series' datasets in the order :func:`read_dicom` gives its slices.

    Used to write DICOM results (SEG, SR) that reference the source instances: mask ``k``
    of the pipeline belongs to dataset ``k`` here. Pixel data is not decoded.

    Args:
        members: DICOM files in natural order of their names.
        limits: Caps on slice count.
        what: Name of the input (file or folder name only).

    Returns:
        pydicom datasets, localizers and duplicates dropped, in scan order.

    Raises:
        InputError: As :func:`read_dicom` for unreadable, mixed or non-CT series.
    """
    ordered, _, _ = _order(_collect(members, limits, what), what)
    return [s.ds for s in ordered]


def _patient(ds: Any) -> dict[str, str]:
    """The patient name and ID of a DICOM data set, those present."""
    found = {
        "patient_name": str(ds.get("PatientName", "") or "").strip(),
        "patient_id": str(ds.get("PatientID", "") or "").strip(),
    }
    return {k: v for k, v in found.items() if v}


def _dicom_date(value: Any) -> str | None:
    """A DICOM DA value (``YYYYMMDD``) as ISO ``YYYY-MM-DD``; ``None`` when absent or odd."""
    text = str(value or "").strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None
