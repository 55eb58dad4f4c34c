"""segment_scan end to end on synthetic scans with the band model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from recording import BatchRecorder

from ichseg.errors import InputError
from ichseg.metrics import dice
from ichseg.service import OutputExists, segment_scan
from ichseg.video import probe_video


def _truth(phantom_dir: Path) -> list[np.ndarray]:
    files = sorted((phantom_dir / "truth_masks").glob("*.png"))
    return [np.asarray(Image.open(f)) > 0 for f in files]


def test_segments_the_dicom_phantom_into_video_masks_and_report(
    phantom_dir: Path,
    band_segmenter,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """24-slice DICOM phantom -> 24 masks (slice size, 0/255), H.264 videos of 24 frames."""
    out = tmp_path / "out"
    report = segment_scan(phantom_dir / "phantom_dicom", out, band_segmenter)
    truth = _truth(phantom_dir)
    masks = sorted((out / "masks").glob("*.png"))
    assert [m.name for m in masks] == [f"{i:03d}.png" for i in range(1, 25)]
    pred = [np.asarray(Image.open(m)) for m in masks]
    assert all(p.dtype == np.uint8 and set(np.unique(p)) <= {0, 255} for p in pred)
    assert all(p.shape == t.shape for p, t in zip(pred, truth, strict=True))
    bleeding = [i for i, t in enumerate(truth) if t.any()]
    scores = [dice(pred[i], truth[i]) for i in bleeding]
    assert np.mean(scores) > 0.9
    assert report == json.loads((out / "report.json").read_text())
    assert report["scan"]["haemorrhage"] is True
    assert report["input"]["format"] == "dicom"
    assert report["scan"]["volume_ml"] is not None
    assert set(report["scan"]["bleeding_slices"]) >= {i + 1 for i in bleeding[1:-1]}
    info = probe_video(out / "overlay.mp4")
    assert info["codec"] == "h264" and info["pix_fmt"] == "yuv420p"
    assert info["frames"] == 24
    assert info["width"] % 2 == 0 and info["height"] % 2 == 0
    # in Hounsfield units: the viewer draws from hu.npy.gz, so no plain video is encoded
    assert report["files"]["hu_volume"] == "hu.npy.gz" and (out / "hu.npy.gz").is_file()
    assert report["files"]["slices_video"] is None and not (out / "slices.mp4").exists()
    assert set(report["timings_s"]) >= {"read", "inference", "video", "total"}
    assert not list(tmp_path.glob(".out.*"))  # no staging folder left behind


def test_volume_and_areas_use_the_scans_spacing(
    band_segmenter,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """NIfTI phantom, spacing 0.8 x 0.8 x 5 mm: a voxel is 3.2 uL, a pixel 0.64 mm^2."""
    from ichseg.phantom import write_phantom

    info = write_phantom(tmp_path / "p", n_slices=24, seed=0)
    report = segment_scan(Path(info["nifti"]), tmp_path / "out", band_segmenter)
    assert report["input"]["format"] == "nifti"
    assert report["input"]["n_slices"] == 24
    row, col = info["pixel_spacing_mm"]
    voxel_ml = row * col * info["slice_thickness_mm"] / 1000.0
    bleeding = [s for s in report["slices"] if s["haemorrhage"]]
    expected = sum(s["area_px"] for s in bleeding) * voxel_ml
    assert report["scan"]["volume_ml"] == pytest.approx(expected, abs=1e-3)
    assert report["scan"]["volume_ml"] == pytest.approx(info["bleed_volume_ml"], rel=0.1)
    assert report["scan"]["bleeding_slices"] == info["bleed_slices"]
    for s in report["slices"]:
        assert s["area_mm2"] == pytest.approx(s["area_px"] * row * col, abs=1e-3)


def test_a_scan_without_hounsfield_units_gets_the_plain_video_the_viewer_draws_on(
    phantom_dir: Path,
    band_segmenter,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """PNG slices have no HU volume: slices.mp4 (frames without overlay) is the viewer's picture."""
    out = tmp_path / "out"
    report = segment_scan(phantom_dir / "truth_masks", out, band_segmenter)
    assert report["files"]["hu_volume"] is None
    assert report["files"]["slices_video"] == "slices.mp4"
    overlay, plain = probe_video(out / "overlay.mp4"), probe_video(out / "slices.mp4")
    assert plain["codec"] == "h264" and plain["frames"] == overlay["frames"] == 24
    assert (plain["width"], plain["height"]) == (overlay["width"], overlay["height"])


def test_masks_keep_each_slices_own_size(band_segmenter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "pngs"
    src.mkdir()
    for i, (h, w) in enumerate([(100, 120), (64, 64), (90, 40)], start=1):
        Image.fromarray(np.full((h, w), 90, np.uint8)).save(src / f"s{i}.png")
    segment_scan(src, tmp_path / "out", band_segmenter)
    sizes = [Image.open(p).size for p in sorted((tmp_path / "out" / "masks").glob("*.png"))]
    assert sizes == [(120, 100), (64, 64), (40, 90)]


def test_refuses_a_non_empty_output_folder_unless_overwriting(
    phantom_dir: Path,
    band_segmenter,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    with pytest.raises(OutputExists):
        segment_scan(phantom_dir / "phantom_dicom", out, band_segmenter)
    assert (out / "keep.txt").exists()
    segment_scan(phantom_dir / "phantom_dicom", out, band_segmenter, overwrite=True)
    assert (out / "report.json").exists()
    assert not (out / "keep.txt").exists()


def test_bad_input_leaves_nothing_behind(band_segmenter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "scan.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 300)
    with pytest.raises(InputError):
        segment_scan(bad, tmp_path / "out", band_segmenter)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.mp4"]


def test_progress_reports_every_slice(phantom_dir: Path, band_segmenter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, int, int]] = []
    segment_scan(
        phantom_dir / "phantom_dicom",
        tmp_path / "o",
        band_segmenter,
        batch_size=5,  # capped to 4 slices per call for a 256x256 model
        progress=lambda *a: calls.append(a),
    )
    seg = [c for c in calls if c[0] == "segment"]
    assert seg[0] == ("segment", 0, 24) and seg[-1] == ("segment", 24, 24)
    assert [c[1] for c in seg] == [0, 4, 8, 12, 16, 20, 24]


def test_subtype_head_is_carried_into_the_report(
    phantom_dir: Path,
    band_spec,  # type: ignore[no-untyped-def]
    onnx_builders,
    tmp_path: Path,
) -> None:
    """A model with a 2-class subtype head: each slice gets {name: prob}; the scan lists the
    subtype that is likely on its bleeding slices."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    spec = band_spec.model_copy(update={"subtypes": ("Epidural", "Subdural")})
    seg = OnnxSegmenter.from_path(onnx_builders.band_subtype(tmp_path / "s.onnx", spec), threads=1)
    report = segment_scan(phantom_dir / "phantom_dicom", tmp_path / "out", seg)
    assert report["model"]["subtypes"] == ["Epidural", "Subdural"]
    assert all(set(s["subtypes"]) == {"Epidural", "Subdural"} for s in report["slices"])
    bleeding = report["scan"]["bleeding_slices"]
    assert bleeding
    assert report["slices"][bleeding[0] - 1]["subtypes"]["Epidural"] > 0.9
    assert report["scan"]["likely_subtypes"] == ["Epidural"]
    assert report["scan"]["subtypes"]["Epidural"] > 0.9


def test_report_has_no_subtypes_without_a_head(
    phantom_dir: Path, band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    report = segment_scan(phantom_dir / "phantom_dicom", tmp_path / "out", band_segmenter)
    assert report["model"]["subtypes"] == []
    assert all(s["subtypes"] is None for s in report["slices"])
    assert report["scan"]["subtypes"] is None and report["scan"]["likely_subtypes"] == []


def test_batches_are_capped_by_model_input_pixels() -> None:
    """8 slices per call at 256x256 is 4 (512x512 pixels); at 512x512 it is 1."""
    from ichseg.service import batch_cap

    assert batch_cap(8, 256, 256) == 4
    assert batch_cap(8, 512, 512) == 1
    assert batch_cap(2, 64, 64) == 2
    assert batch_cap(8, 1024, 1024) == 1
    assert batch_cap(16, 512, 512, max_pixels=16 * 512 * 512) == 16


def test_cloud_default_batch_cap_is_the_service_default() -> None:
    from ichseg.cloud.settings import CloudSettings
    from ichseg.service import MAX_BATCH_PIXELS

    assert CloudSettings().max_batch_pixels == MAX_BATCH_PIXELS


def test_the_service_calls_the_model_with_capped_batches(
    phantom_dir: Path,
    band_segmenter,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """24 slices of a 256x256 model with batch_size 8: six calls of 4 slices."""
    small, large = BatchRecorder(band_segmenter), BatchRecorder(band_segmenter)
    segment_scan(phantom_dir / "phantom_dicom", tmp_path / "out", small, batch_size=8)
    assert small.sizes == [4] * 6
    segment_scan(
        phantom_dir / "phantom_dicom",
        tmp_path / "out2",
        large,
        batch_size=8,
        max_batch_pixels=8 * 256 * 256,  # a GPU deployment's larger cap
    )
    assert large.sizes == [8] * 3


def test_a_model_of_any_input_size_runs_on_head_boxes_with_the_same_masks(
    phantom_dir: Path, band_model: Path, tmp_path: Path
) -> None:
    """The band model with symbolic H/W: same masks as on whole frames, less than a frame run."""
    import shutil

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from ichseg.spec import spec_path_for
    from model_export.dynamic import make_dynamic_file

    any_size = make_dynamic_file(band_model, tmp_path / "band-any.onnx")
    shutil.copy(spec_path_for(band_model), spec_path_for(any_size))
    whole = OnnxSegmenter.from_path(band_model, threads=1)
    boxed = OnnxSegmenter.from_path(any_size, threads=1)
    assert not whole.any_input_size and boxed.any_input_size
    src = phantom_dir / "phantom_dicom"
    a = segment_scan(src, tmp_path / "a", whole)
    b = segment_scan(src, tmp_path / "b", boxed)
    assert a["timings_s"]["head_box_area"] == 1.0
    assert 0 < b["timings_s"]["head_box_area"] < 0.9
    for ma, mb in zip(
        sorted((tmp_path / "a" / "masks").glob("*.png")),
        sorted((tmp_path / "b" / "masks").glob("*.png")),
        strict=True,
    ):
        assert np.array_equal(np.asarray(Image.open(ma)), np.asarray(Image.open(mb)))
    assert [s["probability"] for s in a["slices"]] == [s["probability"] for s in b["slices"]]
