"""The DICOM node against a real PACS (Orthanc): series in, SEG + SR back, bad input refused."""

from __future__ import annotations

import copy
import io
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
from PIL import Image

from ichseg.adapters.dicom_scp import DicomNode
from ichseg.adapters.dicom_senders import sender_for
from ichseg.dicom_node import (
    STATUS_BROKEN,
    STATUS_MIXED,
    STATUS_NOT_ACCEPTED,
    NodeSettings,
    pipeline,
    series_key,
)

from .orthanc import Orthanc, run_orthanc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Orthanc]:
    with run_orthanc(tmp_path_factory.mktemp("orthanc")) as server:
        yield server


def _start_node(orthanc: Orthanc, spool: Path, segmenter, **kw) -> DicomNode:  # type: ignore[no-untyped-def]
    settings = NodeSettings(
        port=0,
        spool_dir=spool,
        series_timeout_s=1.0,
        poll_s=0.2,
        dest_host="127.0.0.1",
        dest_port=orthanc.dicom_port,
        dest_ae_title=orthanc.aet,
        stow_url=orthanc.dicomweb,
        **kw,
    )
    node = DicomNode(settings, pipeline(segmenter), sender_for(settings))
    node.start()
    return node


@pytest.fixture(scope="module")
def cstore_node(orthanc: Orthanc, band_segmenter, tmp_path_factory) -> Iterator[DicomNode]:  # type: ignore[no-untyped-def]
    node = _start_node(
        orthanc,
        tmp_path_factory.mktemp("spool"),
        band_segmenter,
        destination="cstore",
        allowed_calling_aets=["ORTHANC", "TESTSCU"],
    )
    orthanc.put("/modalities/ichseg", {"AET": "ICHSEG", "Host": "127.0.0.1", "Port": node.port})
    yield node
    node.stop()


def _wait_for(check: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.3)


def _send(port: int, datasets: list[pydicom.Dataset], aet: str = "TESTSCU") -> list[int]:
    from pynetdicom import AE

    ae = AE(ae_title=aet)
    for uid in {str(ds.SOPClassUID) for ds in datasets}:
        ae.add_requested_context(uid)
    assoc = ae.associate("127.0.0.1", port, ae_title="ICHSEG")
    assert assoc.is_established
    try:
        return [int(assoc.send_c_store(ds).Status) for ds in datasets]
    finally:
        assoc.release()


def _series_files(folder: Path) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(p) for p in sorted(folder.glob("*.dcm"))]


def _derived_of(orthanc: Orthanc, modality: str, study_uid: str) -> list[pydicom.Dataset]:
    out = []
    for series in orthanc.series_with_modality(modality):
        info = orthanc.get(f"/series/{series}")
        for inst in info["Instances"]:
            ds = pydicom.dcmread(io.BytesIO(orthanc.file(inst)))
            if ds.StudyInstanceUID == study_uid:
                out.append(ds)
    return out


def test_a_series_forwarded_by_orthanc_comes_back_as_seg_and_sr(
    orthanc: Orthanc, cstore_node: DicomNode, phantom_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ichseg.dicom_node")
    folder = phantom_dir / "phantom_dicom"
    sources = _series_files(folder)
    for path in sorted(folder.glob("*.dcm")):
        orthanc.post("/instances", content=path.read_bytes())
    series_id = orthanc.post("/tools/find", {"Level": "Series", "Query": {"Modality": "CT"}})[0]
    orthanc.post("/modalities/ichseg/store", {"Resources": [series_id], "Synchronous": True})
    study = str(sources[0].StudyInstanceUID)
    _wait_for(lambda: bool(_derived_of(orthanc, "SR", study)))
    (seg_ds,) = _derived_of(orthanc, "SEG", study)
    (sr_ds,) = _derived_of(orthanc, "SR", study)
    seg = hd.seg.Segmentation.from_dataset(seg_ds)
    key = series_key(str(sources[0].SeriesInstanceUID))
    out = cstore_node.spool.jobs / key / "output"
    png = np.stack([np.asarray(Image.open(p)) for p in sorted((out / "masks").glob("*.png"))])
    from ichseg.readers import read_dicom_datasets

    uids = [ds.SOPInstanceUID for ds in read_dicom_datasets(folder)]
    pixels = seg.get_pixels_by_source_instance(source_sop_instance_uids=uids, segment_numbers=[1])
    assert png.any()
    np.testing.assert_array_equal(pixels[..., 0].astype(bool), png > 0)
    referenced = {
        g.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
        for g in seg_ds.PerFrameFunctionalGroupsSequence
    }
    assert referenced == set(uids)
    sr = hd.sr.Comprehensive3DSR.from_dataset(sr_ds)
    (group,) = sr.content.get_volumetric_roi_measurement_groups()
    assert group.referenced_segment.referenced_sop_instance_uid == seg_ds.SOPInstanceUID
    assert cstore_node.spool.state(key)["state"] == "done"
    # no patient data in the logs
    text = caplog.text
    assert "PHANTOM" not in text and "ICHSEG-PHANTOM" not in text
    assert str(sources[0].SeriesInstanceUID) not in text
    assert f"series {key}: done" in text

    # the same series resent: acknowledged, not processed twice
    orthanc.post("/modalities/ichseg/store", {"Resources": [series_id], "Synchronous": True})
    time.sleep(2.5)
    assert len(_derived_of(orthanc, "SEG", study)) == 1
    assert "already has a job; resent instance ignored" in caplog.text


def test_a_series_sent_to_the_node_goes_to_orthanc_over_stow_rs(
    orthanc: Orthanc, band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from ichseg.phantom import write_phantom

    write_phantom(tmp_path / "ph", n_slices=12, seed=7)
    datasets = _series_files(tmp_path / "ph" / "phantom_dicom")
    node = _start_node(orthanc, tmp_path / "spool", band_segmenter, destination="stow")
    try:
        assert set(_send(node.port, datasets)) == {0}
        study = str(datasets[0].StudyInstanceUID)
        _wait_for(lambda: bool(_derived_of(orthanc, "SR", study)))
        (seg_ds,) = _derived_of(orthanc, "SEG", study)
        assert int(seg_ds.NumberOfFrames) == 12
    finally:
        node.stop()


def test_bad_input_is_refused_with_a_status_and_nothing_reaches_the_pacs(
    orthanc: Orthanc, cstore_node: DicomNode, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from ichseg.phantom import write_phantom

    caplog.set_level(logging.INFO, logger="ichseg.dicom_node")
    write_phantom(tmp_path / "ph", n_slices=8, seed=11)
    good = _series_files(tmp_path / "ph" / "phantom_dicom")
    study = str(good[0].StudyInstanceUID)

    mr = copy.deepcopy(good[0])
    mr.Modality = "MR"
    mr.SeriesInstanceUID = pydicom.uid.generate_uid()
    chest = copy.deepcopy(good[1])
    chest.BodyPartExamined = "CHEST"
    chest.SeriesInstanceUID = pydicom.uid.generate_uid()
    broken = copy.deepcopy(good[2])
    broken.PixelData = broken.PixelData[:100]
    mixed = copy.deepcopy(good[3])
    mixed.Rows, mixed.Columns = 128, 128
    mixed.PixelData = np.zeros((128, 128), "<i2").tobytes()
    statuses = _send(cstore_node.port, [*good[:2], mr, chest, broken, *good[4:], mixed])
    assert statuses[:2] == [0, 0]
    assert statuses[2:5] == [STATUS_NOT_ACCEPTED, STATUS_NOT_ACCEPTED, STATUS_BROKEN]
    assert statuses[-1] == STATUS_MIXED
    key = series_key(str(good[0].SeriesInstanceUID))
    _wait_for(lambda: (cstore_node.spool.jobs / key / "state.json").exists(), 30)
    _wait_for(lambda: cstore_node.spool.state(key)["state"] != "queued", 30)
    assert cstore_node.spool.state(key)["state"] == "failed"
    time.sleep(1.0)
    assert _derived_of(orthanc, "SEG", study) == []
    assert _derived_of(orthanc, "SR", study) == []
    assert "modality MR is not accepted" in caplog.text
    assert "body part CHEST is not a head" in caplog.text
    assert "pixel data cannot be decoded" in caplog.text
    assert "mixed series: columns, rows differ" in caplog.text
    assert f"series {key}: not processed" in caplog.text


def test_a_calling_ae_title_not_on_the_allow_list_cannot_associate(
    cstore_node: DicomNode,
) -> None:
    from pynetdicom import AE
    from pynetdicom.sop_class import CTImageStorage  # type: ignore[attr-defined]

    ae = AE(ae_title="STRANGER")
    ae.add_requested_context(CTImageStorage)
    assoc = ae.associate("127.0.0.1", cstore_node.port, ae_title="ICHSEG")
    assert not assoc.is_established
    assert assoc.is_rejected
