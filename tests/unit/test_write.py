"""write_outputs: a prediction becomes masks, the videos, the HU volume and report.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from ichseg.hu_volume import read_hu_volume
from ichseg.outputs import HU_VOLUME_NAME, OVERLAY_NAME, REPORT_NAME, SLICES_VIDEO_NAME, mask_name
from ichseg.ports import ModelOutput
from ichseg.predict import predict_from_heads, predict_scan
from ichseg.readers import read_scan
from ichseg.records import summarise
from ichseg.write import write_outputs


def test_write_outputs_writes_every_named_output(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_segmenter)
    report = write_outputs(pred, scan, tmp_path / "out", fps=4, timings_s={"read": 0.5})
    out = tmp_path / "out"
    assert (out / OVERLAY_NAME).is_file()
    # an HU scan's viewer draws from hu.npy.gz: no plain video
    assert not (out / SLICES_VIDEO_NAME).exists() and report["files"]["slices_video"] is None
    assert json.loads((out / REPORT_NAME).read_text()) == report
    assert report["scan"]["bleeding_slices"] == pred.verdict.bleeding_slices
    assert report["video"]["fps"] == 4 and report["timings_s"]["read"] == 0.5
    for i, mask in enumerate(pred.masks, start=1):
        with Image.open(out / mask_name(i, len(pred))) as im:
            np.testing.assert_array_equal(np.asarray(im), mask)
    assert report["files"]["hu_volume"] == HU_VOLUME_NAME
    # the patient's name reaches report.json (the viewer's opt-in), never the summary
    assert report["input"]["patient_name"] == "PHANTOM^SYNTHETIC"
    assert "PHANTOM^" not in repr(summarise(report)) and "PHANTOM^" not in repr(scan.source)
    volume = read_hu_volume(out / HU_VOLUME_NAME)
    assert volume.shape == (len(scan.slices), *scan.slices[0].shape)
    np.testing.assert_array_equal(volume[3], np.clip(np.rint(scan.slices[3]), -1024, 3071))


def test_a_scan_without_hounsfield_units_gets_no_hu_volume(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    scan = read_scan(phantom_dir / "truth_masks")  # PNG slices
    report = write_outputs(predict_scan(scan, band_segmenter), scan, tmp_path / "out")
    assert report["files"]["hu_volume"] is None
    assert not (tmp_path / "out" / HU_VOLUME_NAME).exists()
    assert report["files"]["slices_video"] == SLICES_VIDEO_NAME
    assert (tmp_path / "out" / SLICES_VIDEO_NAME).is_file()


def test_the_report_names_the_plain_video_only_when_the_writer_wrote_it(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    from ichseg.write import SliceWriter, needs_plain_video

    assert needs_plain_video(False) and not needs_plain_video(True)
    scan = read_scan(phantom_dir / "truth_masks")  # PNG slices: no HU volume
    pred = predict_scan(scan, band_segmenter)
    out = tmp_path / "out"
    with SliceWriter(out, pred.displays, plain_video=False) as writer:
        for i, mask in enumerate(pred.masks):
            writer.add(i, mask)
        report = write_outputs(pred, scan, out, writer=writer)
    assert not writer.plain_video and not (out / SLICES_VIDEO_NAME).exists()
    assert report["files"]["slices_video"] is None and (out / OVERLAY_NAME).is_file()


def test_write_outputs_needs_the_displays_of_predict_scan(tmp_path: Path, band_spec) -> None:  # type: ignore[no-untyped-def]
    pred = predict_from_heads(
        ModelOutput(prob=np.zeros((1, 256, 256), np.float32)), [(8, 8)], band_spec
    )
    with pytest.raises(ValueError, match="predict_scan"):
        write_outputs(pred, None, tmp_path)  # type: ignore[arg-type]


def test_write_outputs_writes_the_format_native_results_given_the_source(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    from ichseg.derived import DerivedOptions
    from ichseg.outputs import NIFTI_MASK_NAME, SEG_NAME, SR_NAME, derived_names

    source = phantom_dir / "phantom_dicom"
    scan = read_scan(source)
    pred = predict_scan(scan, band_segmenter)
    plain = write_outputs(pred, scan, tmp_path / "plain")
    assert "dicom_seg" not in plain["files"] and not (tmp_path / "plain" / SEG_NAME).exists()
    report = write_outputs(
        pred, scan, tmp_path / "dicom", source=source, derived=DerivedOptions(key_images="off")
    )
    assert derived_names(report["files"]) == [SEG_NAME, SR_NAME]
    assert (tmp_path / "dicom" / SEG_NAME).is_file() and "derived" in report["timings_s"]
    assert report["model"]["context_distance_slices"] == 1.0
    assert report["input"]["framing"] is None
    nifti = phantom_dir / "phantom.nii.gz"
    nscan = read_scan(nifti)
    nreport = write_outputs(
        predict_scan(nscan, band_segmenter), nscan, tmp_path / "nifti", source=nifti
    )
    assert derived_names(nreport["files"]) == [NIFTI_MASK_NAME]


def test_a_streamed_writer_must_hold_every_slice(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    from ichseg.write import SliceWriter

    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_segmenter)
    with SliceWriter(tmp_path / "out", pred.displays) as writer:
        writer.add(0, pred.masks[0])
        with pytest.raises(ValueError, match="1 of 24"):
            write_outputs(pred, scan, tmp_path / "out", writer=writer)


def test_the_hu_volume_is_written_by_the_writer_thread_once(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ichseg.write as write_mod
    from ichseg.hu_volume import hu_volume
    from ichseg.write import SliceWriter

    calls: list[str] = []
    real = write_mod.save_hu_volume

    def spy(volume: np.ndarray, path: Path) -> None:
        import threading

        calls.append(threading.current_thread().name)
        real(volume, path)

    monkeypatch.setattr(write_mod, "save_hu_volume", spy)
    scan = read_scan(phantom_dir / "phantom_dicom")
    hu = hu_volume(scan.slices)
    pred = predict_scan(scan, band_segmenter)
    out = tmp_path / "out"
    with SliceWriter(out, pred.displays, hu=hu) as writer:
        for i, mask in enumerate(pred.masks):
            writer.add(i, mask)
        report = write_outputs(pred, scan, out, hu=hu, writer=writer)
    assert calls == ["ichseg-writer"]  # beside the model, not after it
    assert report["files"]["hu_volume"] == HU_VOLUME_NAME
    assert report["files"]["slices_video"] is None and not (out / SLICES_VIDEO_NAME).exists()
    np.testing.assert_array_equal(read_hu_volume(out / HU_VOLUME_NAME), hu)
