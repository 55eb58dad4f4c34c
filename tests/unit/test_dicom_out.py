"""DICOM SEG + SR (+ key images) from segment_scan, decoded back with highdicom."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
from PIL import Image

from ichseg.derived import DerivedOptions
from ichseg.dicom_out import DeviceInfo, build_seg
from ichseg.readers import read_dicom_datasets
from ichseg.service import segment_scan


@pytest.fixture(scope="module")
def dicom_result(phantom_dir: Path, band_segmenter, tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("dicom_out") / "out"
    report = segment_scan(
        phantom_dir / "phantom_dicom",
        out,
        band_segmenter,
        derived=DerivedOptions(key_images="bleeding"),
    )
    return out, report


def _png_masks(out: Path) -> np.ndarray:
    return np.stack([np.asarray(Image.open(p)) for p in sorted((out / "masks").glob("*.png"))])


def test_seg_frames_equal_the_png_masks_and_reference_the_source_instances(
    dicom_result, phantom_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    out, report = dicom_result
    assert report["files"]["dicom_seg"] == "dicom/seg.dcm"
    seg = hd.seg.segread(out / "dicom" / "seg.dcm")
    sources = read_dicom_datasets(phantom_dir / "phantom_dicom")
    uids = [ds.SOPInstanceUID for ds in sources]
    pixels = seg.get_pixels_by_source_instance(source_sop_instance_uids=uids, segment_numbers=[1])
    png = _png_masks(out)
    assert png.any()
    np.testing.assert_array_equal(pixels[..., 0].astype(bool), png > 0)
    # every frame derives from one source instance, and its pixels are that slice's PNG
    frames = seg.pixel_array.reshape(-1, *png.shape[1:])
    index = {uid: i for i, uid in enumerate(uids)}
    referenced = []
    for k, group in enumerate(seg.PerFrameFunctionalGroupsSequence):
        uid = group.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
        referenced.append(uid)
        np.testing.assert_array_equal(frames[k].astype(bool), png[index[uid]] > 0)
    assert sorted(referenced) == sorted(uids)
    assert seg.SegmentationType == "BINARY"
    (segment,) = seg.SegmentSequence
    assert segment.SegmentLabel == "Haemorrhage"
    assert segment.SegmentedPropertyTypeCodeSequence[0].CodeValue == "50960005"
    assert segment.SegmentedPropertyTypeCodeSequence[0].CodingSchemeDesignator == "SCT"
    assert segment.SegmentAlgorithmName == "band-test"


def test_seg_and_sr_are_derived_objects_in_the_source_study_with_the_model_as_device(
    dicom_result, phantom_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    out, _ = dicom_result
    source = read_dicom_datasets(phantom_dir / "phantom_dicom")[0]
    seg = pydicom.dcmread(out / "dicom" / "seg.dcm")
    sr = pydicom.dcmread(out / "dicom" / "sr.dcm")
    assert seg.ImageType[0] == "DERIVED"
    for ds in (seg, sr):
        assert ds.StudyInstanceUID == source.StudyInstanceUID
        assert ds.PatientID == source.PatientID
        assert ds.SeriesInstanceUID != source.SeriesInstanceUID
        assert ds.Manufacturer == "ichseg"
        assert ds.ManufacturerModelName == "band-test test"
    assert seg.SeriesInstanceUID != sr.SeriesInstanceUID
    assert seg.SOPInstanceUID != sr.SOPInstanceUID


def test_sr_carries_verdict_score_volume_and_references_the_seg(dicom_result) -> None:  # type: ignore[no-untyped-def]
    out, report = dicom_result
    sr = hd.sr.srread(out / "dicom" / "sr.dcm")
    seg = pydicom.dcmread(out / "dicom" / "seg.dcm")
    assert sr.SOPClassUID == "1.2.840.10008.5.1.4.1.1.88.34"  # Comprehensive 3D SR
    assert sr.ContentTemplateSequence[0].TemplateIdentifier == "1500"
    (group,) = sr.content.get_volumetric_roi_measurement_groups()
    assert group.referenced_segment.referenced_sop_instance_uid == seg.SOPInstanceUID
    values = {m.name.meaning: m.value for m in group.get_measurements()}
    assert values["Volume"] == pytest.approx(report["scan"]["volume_ml"], abs=1e-3)
    assert values["Highest slice haemorrhage score"] == pytest.approx(
        report["scan"]["probability"], abs=1e-6
    )
    assert values["Slices called bleeding"] == len(report["scan"]["bleeding_slices"])
    evaluations = {e.name.meaning: e.value.meaning for e in group.get_qualitative_evaluations()}
    assert evaluations["Hemorrhage"] == "Present"
    evidence = {
        ref.ReferencedSOPInstanceUID
        for study in sr.CurrentRequestedProcedureEvidenceSequence
        for series in study.ReferencedSeriesSequence
        for ref in series.ReferencedSOPSequence
    }
    assert seg.SOPInstanceUID in evidence


def test_key_images_are_secondary_captures_of_the_bleeding_slices(dicom_result) -> None:  # type: ignore[no-untyped-def]
    out, report = dicom_result
    names = report["files"]["key_images"]
    assert len(names) == len(report["scan"]["bleeding_slices"]) > 0
    image = pydicom.dcmread(out / names[0])
    assert image.SOPClassUID == "1.2.840.10008.5.1.4.1.1.7"
    assert list(image.ImageType)[:2] == ["DERIVED", "SECONDARY"]
    assert image.pixel_array.shape[-1] == 3
    red = image.pixel_array[..., 0].astype(int) - image.pixel_array[..., 1].astype(int)
    assert (red > 40).any()  # the tinted bleed is in the picture


def test_a_clean_scan_still_gets_a_seg_with_empty_frames_and_an_absent_verdict(
    phantom_dir: Path, tmp_path: Path
) -> None:
    sources = read_dicom_datasets(phantom_dir / "phantom_dicom")
    masks = np.zeros((len(sources), 256, 256), np.uint8)
    seg = build_seg(sources, masks, DeviceInfo("m", "1"))
    assert int(seg.NumberOfFrames) == len(sources)
    from ichseg.dicom_out import build_sr

    sr = build_sr(
        sources,
        seg,
        {
            "scan": {
                "probability": 0.1,
                "bleeding_slices": [],
                "volume_ml": 0.0,
                "haemorrhage": False,
                "likely_subtypes": [],
            }
        },
        DeviceInfo("m", "1"),
    )
    sr.save_as(tmp_path / "sr.dcm", enforce_file_format=True)
    (group,) = hd.sr.srread(tmp_path / "sr.dcm").content.get_volumetric_roi_measurement_groups()
    evaluations = {e.name.meaning: e.value.meaning for e in group.get_qualitative_evaluations()}
    assert evaluations["Hemorrhage"] == "Absent"


def test_masks_that_do_not_match_the_sources_are_refused(phantom_dir: Path) -> None:
    sources = read_dicom_datasets(phantom_dir / "phantom_dicom")
    with pytest.raises(ValueError, match="masks for"):
        build_seg(sources, np.zeros((3, 256, 256), bool), DeviceInfo("m", "1"))


def test_nifti_input_gets_a_mask_on_its_own_grid_and_affine(
    phantom_dir: Path, band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import nibabel as nib

    out = tmp_path / "out"
    report = segment_scan(phantom_dir / "phantom.nii.gz", out, band_segmenter)
    assert report["files"]["nifti_mask"] == "mask.nii.gz"
    src = nib.load(str(phantom_dir / "phantom.nii.gz"))
    mask = nib.load(str(out / "mask.nii.gz"))
    assert mask.shape == src.shape
    np.testing.assert_allclose(mask.affine, src.affine)
    m = np.asarray(mask.dataobj) > 0
    hu = np.asarray(src.dataobj)
    assert m.sum() == sum(int(s["area_px"]) for s in report["slices"])
    assert np.median(hu[m]) > 60  # the mask lies on the blood voxels of the input
    assert "dicom_seg" not in report["files"]
