"""Results as DICOM: a binary SEG, a TID 1500 measurement report (SR) and key images.

Pure functions of explicit inputs: the source CT datasets in scan order (headers are
enough), the masks as a numpy array, and the report dictionary that the pipeline already
builds (:mod:`ichseg.report`). highdicom builds the objects; nothing here talks to a network
or reads files, so the DICOM node and ``ichseg segment`` share it.

Every object gets its own Series/SOP Instance UIDs, copies the patient and study from the
source series (so it files into the same study in the PACS), carries the model's name and
version as the device (Manufacturer ``ichseg``, ManufacturerModelName = model name and
version, SoftwareVersions = ichseg version) and algorithm identification, and is marked
as derived (SEG and key images: ImageType ``DERIVED``; the SR references the SEG and the
source images as evidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ichseg import __version__

#: Series numbers of the objects ichseg writes (high, to sort after the source series).
SEG_SERIES_NUMBER = 9901
SR_SERIES_NUMBER = 9902
KEY_IMAGES_SERIES_NUMBER = 9903
#: Private coding scheme for concepts without a standard code (slice score, subtypes).
PRIVATE_SCHEME = "99ICHSEG"
SEGMENT_LABEL = "Haemorrhage"
MANUFACTURER = "ichseg"


@dataclass(frozen=True)
class DeviceInfo:
    """Who made the results: the model and the software.

    Attributes:
        model_name: Model name (spec ``model_name``).
        model_version: Model version (spec ``model_version``).
        model_sha256: Hex digest of the model file; seeds the device UID.
    """

    model_name: str
    model_version: str
    model_sha256: str = ""

    @property
    def model_label(self) -> str:
        """``"<model name> <model version>"`` for ManufacturerModelName."""
        return f"{self.model_name} {self.model_version}"[:64]

    @property
    def software_versions(self) -> str:
        """The ichseg version, for SoftwareVersions."""
        return f"ichseg {__version__}"

    @property
    def device_uid(self) -> str:
        """A UID that names this model file (the same for every run of it)."""
        from pydicom.uid import generate_uid

        return str(
            generate_uid(
                entropy_srcs=[
                    "ichseg-device",
                    self.model_name,
                    self.model_version,
                    self.model_sha256,
                ]
            )
        )


def _algorithm(device: DeviceInfo) -> Any:
    import highdicom as hd
    from pydicom.sr.codedict import codes

    return hd.AlgorithmIdentificationSequence(
        name=device.model_name,
        version=device.model_version,
        family=codes.cid7162.ArtificialIntelligence,
        source=MANUFACTURER,
    )


#: Type 2 patient/study attributes that highdicom copies from the source; real series
#: sometimes lack them, and an empty value is what the standard asks for then.
_TYPE2 = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "PatientSex",
    "StudyDate",
    "StudyTime",
    "StudyID",
    "AccessionNumber",
    "ReferringPhysicianName",
)


def complete_sources(sources: Sequence[Any]) -> list[Any]:
    """Copies of the source headers with missing type 2 patient/study attributes empty.

    Args:
        sources: pydicom datasets.

    Returns:
        Shallow copies (the originals are not modified).
    """
    import copy

    out = []
    for ds in sources:
        c = copy.copy(ds)
        for key in _TYPE2:
            if key not in c:
                setattr(c, key, "")
        out.append(c)
    return out


def _check_inputs(sources: Sequence[Any], masks: np.ndarray) -> np.ndarray:
    arr = np.asarray(masks)
    if arr.ndim != 3:
        raise ValueError(f"masks must be (N, H, W), got shape {arr.shape}")
    if len(sources) != arr.shape[0]:
        raise ValueError(f"{arr.shape[0]} masks for {len(sources)} source images")
    for ds in sources:
        if (int(ds.Rows), int(ds.Columns)) != arr.shape[1:]:
            raise ValueError(
                f"source image is {ds.Rows}x{ds.Columns}, masks are {arr.shape[1]}x{arr.shape[2]}"
            )
    return arr.astype(bool)


def build_seg(sources: Sequence[Any], masks: np.ndarray, device: DeviceInfo) -> Any:
    """Build a binary DICOM SEG with one segment, "Haemorrhage", one frame per source image.

    Args:
        sources: ``N`` CT datasets (pydicom; headers are enough) in scan order, one per mask.
        masks: ``(N, H, W)`` ``bool`` or 0/255 ``uint8`` masks at the sources' own size.
        device: The model and software identity.

    Returns:
        A ``highdicom.seg.Segmentation`` (a pydicom ``Dataset``). Frame ``k`` references
        source ``k`` (DerivationImageSequence); empty slices keep their (empty) frame so that
        every source instance is referenced.

    Raises:
        ValueError: When the masks do not match the sources in number or size.
    """
    import highdicom as hd
    from pydicom.sr.codedict import codes

    arr = _check_inputs(sources, masks)
    sources = complete_sources(sources)
    segment = hd.seg.SegmentDescription(
        segment_number=1,
        segment_label=SEGMENT_LABEL,
        segmented_property_category=codes.SCT.MorphologicallyAbnormalStructure,
        segmented_property_type=codes.SCT.Hemorrhage,
        algorithm_type=hd.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
        algorithm_identification=_algorithm(device),
        anatomic_regions=[codes.SCT.Brain],
    )
    return hd.seg.Segmentation(
        source_images=list(sources),
        pixel_array=arr,
        segmentation_type=hd.seg.SegmentationTypeValues.BINARY,
        segment_descriptions=[segment],
        series_instance_uid=hd.UID(),
        series_number=SEG_SERIES_NUMBER,
        sop_instance_uid=hd.UID(),
        instance_number=1,
        manufacturer=MANUFACTURER,
        manufacturer_model_name=device.model_label,
        software_versions=device.software_versions,
        device_serial_number=device.model_sha256[:16] or "unknown",
        series_description=f"ichseg {SEGMENT_LABEL} SEG ({device.model_label})",
        content_label="HAEMORRHAGE",
        content_description="Automatic haemorrhage segmentation (research use)",
        omit_empty_frames=False,
    )


def _private(value: str, meaning: str) -> Any:
    from pydicom.sr.coding import Code

    return Code(value, PRIVATE_SCHEME, meaning)


def build_sr(sources: Sequence[Any], seg: Any, report: dict[str, Any], device: DeviceInfo) -> Any:
    """Build a TID 1500 measurement report (Comprehensive 3D SR) that references the SEG.

    One volumetric measurement group (TID 1411) for the "Haemorrhage" segment holds: the
    verdict (Hemorrhage: Present/Absent), the highest slice score (``scan.probability``,
    private code ``99ICHSEG/slice-score``), the bleed volume in mL (SCT Volume, UCUM ``mL``;
    left out when the spacing is unknown), the number of bleeding slices and one qualitative
    evaluation per likely subtype (private codes ``99ICHSEG/subtype-<name>``).

    Args:
        sources: The CT datasets the SEG was made from.
        seg: The SEG from :func:`build_seg`.
        report: The pipeline's report dictionary (its ``scan`` section is used).
        device: The model and software identity.

    Returns:
        A ``highdicom.sr.Comprehensive3DSR``.
    """
    import highdicom as hd
    from pydicom.sr.codedict import codes
    from pydicom.sr.coding import Code

    scan = report["scan"]
    sources = complete_sources(sources)
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(
            uid=device.device_uid,
            name=device.model_name,
            manufacturer_name=MANUFACTURER,
            model_name=f"{device.model_name} {device.model_version}",
        ),
    )
    algorithm = hd.sr.AlgorithmIdentification(name=device.model_name, version=device.model_version)
    measurements = [
        hd.sr.Measurement(
            name=_private("slice-score", "Highest slice haemorrhage score"),
            value=float(scan["probability"]),
            unit=codes.UCUM.NoUnits,
            algorithm_id=algorithm,
        ),
        hd.sr.Measurement(
            name=_private("bleeding-slices", "Slices called bleeding"),
            value=float(len(scan["bleeding_slices"])),
            unit=Code("{slices}", "UCUM", "slices"),
            algorithm_id=algorithm,
        ),
    ]
    if scan.get("volume_ml") is not None:
        measurements.append(
            hd.sr.Measurement(
                name=codes.SCT.Volume,
                value=float(scan["volume_ml"]),
                unit=Code("mL", "UCUM", "milliliter"),
                algorithm_id=algorithm,
            )
        )
    present = codes.SCT.Present if scan["haemorrhage"] else codes.SCT.Absent
    evaluations = [hd.sr.QualitativeEvaluation(name=codes.SCT.Hemorrhage, value=present)]
    for name in scan.get("likely_subtypes") or []:
        evaluations.append(
            hd.sr.QualitativeEvaluation(
                name=_private(f"subtype-{name.lower()}", f"{name} haemorrhage (likely)"),
                value=codes.SCT.Present,
            )
        )
    group = hd.sr.VolumetricROIMeasurementsAndQualitativeEvaluations(
        tracking_identifier=hd.sr.TrackingIdentifier(uid=hd.UID(), identifier=SEGMENT_LABEL),
        referenced_segment=hd.sr.ReferencedSegment(
            sop_class_uid=seg.SOPClassUID,
            sop_instance_uid=seg.SOPInstanceUID,
            segment_number=1,
            source_images=[
                hd.sr.SourceImageForSegmentation(ds.SOPClassUID, ds.SOPInstanceUID)
                for ds in sources
            ],
        ),
        finding_type=codes.SCT.Hemorrhage,
        algorithm_id=algorithm,
        finding_sites=[hd.sr.FindingSite(anatomic_location=codes.SCT.Brain)],
        measurements=measurements,
        qualitative_evaluations=evaluations,
    )
    content = hd.sr.MeasurementReport(
        observation_context=hd.sr.ObservationContext(observer_device_context=observer),
        procedure_reported=Code("24725-4", "LN", "CT Head"),
        imaging_measurements=[group],
    )
    sr = hd.sr.Comprehensive3DSR(
        evidence=[*sources, seg],
        content=content[0],
        series_instance_uid=hd.UID(),
        series_number=SR_SERIES_NUMBER,
        sop_instance_uid=hd.UID(),
        instance_number=1,
        manufacturer=MANUFACTURER,
        series_description=f"ichseg report ({device.model_name} {device.model_version})",
        is_complete=True,
        is_final=False,
        is_verified=False,
    )
    sr.ManufacturerModelName = device.model_label
    sr.SoftwareVersions = device.software_versions
    return sr


def build_key_images(
    sources: Sequence[Any], frames: Sequence[tuple[int, np.ndarray]], device: DeviceInfo
) -> list[Any]:
    """Build a secondary-capture series of overlay frames (one instance per frame).

    Args:
        sources: The CT datasets in scan order.
        frames: ``(index, rgb)`` pairs: the 0-based source index and a ``(H, W, 3)``
            ``uint8`` overlay frame of that slice.
        device: The model and software identity.

    Returns:
        ``highdicom.sc.SCImage`` datasets with ImageType ``DERIVED/SECONDARY/OVERLAY``, each
        referencing its source image (SourceImageSequence), in one new series.
    """
    import highdicom as hd

    sources = complete_sources(sources)
    series_uid = hd.UID()
    out: list[Any] = []
    for number, (index, rgb) in enumerate(frames, start=1):
        src = sources[index]
        image = hd.sc.SCImage.from_ref_dataset(
            ref_dataset=src,
            pixel_array=np.ascontiguousarray(rgb, dtype=np.uint8),
            photometric_interpretation=hd.PhotometricInterpretationValues.RGB,
            bits_allocated=8,
            coordinate_system=hd.CoordinateSystemNames.PATIENT,
            series_instance_uid=series_uid,
            series_number=KEY_IMAGES_SERIES_NUMBER,
            sop_instance_uid=hd.UID(),
            instance_number=number,
            manufacturer=MANUFACTURER,
            patient_orientation=("L", "P"),
            transfer_syntax_uid="1.2.840.10008.1.2.1",
        )
        image.ImageType = ["DERIVED", "SECONDARY", "OVERLAY"]
        image.ManufacturerModelName = device.model_label
        image.SoftwareVersions = device.software_versions
        image.SeriesDescription = f"ichseg key images ({device.model_name})"
        image.DerivationDescription = f"haemorrhage overlay by {device.model_name}"
        ref = _source_reference(src)
        image.SourceImageSequence = [ref]
        out.append(image)
    return out


def _source_reference(src: Any) -> Any:
    from pydicom.dataset import Dataset

    ref = Dataset()
    ref.ReferencedSOPClassUID = src.SOPClassUID
    ref.ReferencedSOPInstanceUID = src.SOPInstanceUID
    return ref
