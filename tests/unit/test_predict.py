"""predict_scan: the model on a scan or an array, in memory; no files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from recording import BatchRecorder

from ichseg.errors import InputError
from ichseg.ports import ModelOutput
from ichseg.predict import Prediction, as_scan, model_heads, predict_from_heads, predict_scan
from ichseg.readers import read_scan
from ichseg.service import segment_scan


def test_public_api_is_importable_from_the_package_top() -> None:
    import ichseg
    from ichseg import load_model, predict_scan, segment_scan, write_outputs

    assert predict_scan is ichseg.predict.predict_scan
    assert callable(load_model) and callable(segment_scan) and callable(write_outputs)
    with pytest.raises(AttributeError):
        ichseg.no_such_name  # noqa: B018


def test_predict_scan_on_a_read_scan_writes_nothing_and_finds_the_bleed(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_segmenter)
    assert list(tmp_path.iterdir()) == []
    assert isinstance(pred, Prediction) and len(pred) == 24 == len(scan)
    assert pred.masks[0].shape == scan.slices[0].shape and pred.masks[0].dtype == np.uint8
    assert set(np.unique(np.concatenate([m.ravel() for m in pred.masks]))) <= {0, 255}
    assert pred.haemorrhage and pred.verdict.bleeding_slices
    assert pred.volume_ml is not None and pred.volume_ml > 0
    assert pred.probabilities is not None and pred.probabilities.shape == (24, 256, 256)
    assert pred.areas_px.tolist() == [int(np.count_nonzero(m)) for m in pred.masks]
    assert set(pred.timings_s) == {"preprocess", "inference", "postprocess"}
    assert pred.model == band_segmenter.info


def test_predict_scan_matches_the_report_of_segment_scan(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    report = segment_scan(phantom_dir / "phantom_dicom", tmp_path / "out", band_segmenter)
    pred = predict_scan(read_scan(phantom_dir / "phantom_dicom"), band_segmenter)
    assert report["scan"]["haemorrhage"] == pred.verdict.haemorrhage
    assert report["scan"]["bleeding_slices"] == pred.verdict.bleeding_slices
    assert report["scan"]["volume_ml"] == pred.volume_ml
    assert report["scan"]["probability"] == round(pred.verdict.probability, 6)
    assert [s["probability"] for s in report["slices"]] == [
        round(float(v), 6) for v in pred.slice_scores
    ]
    assert [s["area_px"] for s in report["slices"]] == pred.areas_px.tolist()


def test_predict_scan_takes_an_hu_array_with_spacing(band_segmenter: Any) -> None:
    hu = np.full((5, 96, 80), 30.0, np.float32)  # brain grey
    hu[2, 40:60, 30:50] = 70.0  # fresh blood
    pred = predict_scan(hu, band_segmenter, pixel_spacing_mm=(0.5, 0.5), slice_thickness_mm=5.0)
    assert [m.shape for m in pred.masks] == [(96, 80)] * 5
    assert pred.verdict.slice_calls == (False, False, True, False, False)
    assert pred.volume_ml == pytest.approx(pred.areas_px[2] * 0.5 * 0.5 * 5.0 / 1000, abs=1e-3)


def test_without_a_slice_head_slice_scores_are_the_max_pixel_scores(
    phantom_dir: Path, band_segmenter: Any
) -> None:
    pred = predict_scan(read_scan(phantom_dir / "phantom_dicom"), band_segmenter)
    assert band_segmenter.heads == ("prob",)
    np.testing.assert_array_equal(pred.slice_scores, pred.pixel_scores)


def test_with_a_slice_head_slice_scores_are_the_learned_ones(
    phantom_dir: Path, band_slice_segmenter: Any
) -> None:
    """The stand-in head scores 1 - max band probability: the verdict follows it."""
    assert band_slice_segmenter.heads == ("prob", "slice")
    pred = predict_scan(read_scan(phantom_dir / "phantom_dicom"), band_slice_segmenter)
    raw = model_heads(pred.displays, band_slice_segmenter, band_slice_segmenter.spec)
    assert raw.slice is not None and raw.slice.shape == (24,)
    np.testing.assert_allclose(pred.slice_scores, raw.slice, atol=1e-6)
    assert not np.allclose(pred.slice_scores, pred.pixel_scores)
    expected = tuple(
        bool(s >= pred.spec.slice_threshold and a > 0)
        for s, a in zip(pred.slice_scores, pred.areas_px, strict=True)
    )
    assert pred.verdict.slice_calls == expected


def test_a_spec_that_scores_slices_by_pixels_ignores_the_learned_head(
    phantom_dir: Path, band_slice_segmenter: Any, tmp_path: Path
) -> None:
    """Model 2.1.1 has a slice head, but its out-of-fold recipe scores slices by pixels."""
    import shutil

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from ichseg.spec import spec_path_for

    path = Path(shutil.copy(band_slice_segmenter.info.path, tmp_path / "m.onnx"))
    band_slice_segmenter.spec.model_copy(update={"slice_source": "pixels"}).save(
        spec_path_for(path)
    )
    model = OnnxSegmenter.from_path(path, threads=1)
    assert model.spec.slice_source == "pixels"
    assert model.heads == ("prob", "slice")
    pred = predict_scan(read_scan(phantom_dir / "phantom_dicom"), model)
    np.testing.assert_array_equal(pred.slice_scores, pred.pixel_scores)
    raw = model_heads(pred.displays, model, model.spec)
    assert raw.slice is not None and not np.allclose(pred.slice_scores, raw.slice)


def test_slice_scores_take_their_neighbours_across_model_calls(
    phantom_dir: Path, band_slice_segmenter: Any
) -> None:
    """One slice per call: the neighbours' evidence is added once every slice is in."""
    from ichseg.postprocess import calibrated_slice_scores, scan_verdict

    spec = band_slice_segmenter.spec.model_copy(
        update={"slice_context": 0.5, "slice_temperature": 2.0}
    )
    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_slice_segmenter, spec, batch_size=1)
    raw = model_heads(pred.displays, band_slice_segmenter, spec)
    assert raw.slice is not None
    expected = calibrated_slice_scores(raw.slice, 0.5, 2.0)
    np.testing.assert_allclose(pred.slice_scores, expected, atol=1e-6)
    alone = calibrated_slice_scores(raw.slice, 0.0, 2.0)
    assert (pred.slice_scores > alone + 1e-3).any()  # some slice took a neighbour's evidence
    again = scan_verdict(pred.slice_scores, pred.areas_px, spec)
    assert pred.verdict.slice_calls == again.slice_calls


def test_keep_probabilities_false_drops_the_model_resolution_maps(band_segmenter: Any) -> None:
    pred = predict_scan(np.zeros((2, 64, 64), np.uint8), band_segmenter, keep_probabilities=False)
    assert pred.probabilities is None and len(pred.masks) == 2


def test_batches_respect_the_pixel_cap(band_segmenter: Any) -> None:
    recorder = BatchRecorder(band_segmenter)
    predict_scan(np.zeros((10, 32, 32), np.uint8), recorder, batch_size=8)
    assert recorder.sizes == [4, 4, 2]  # 256x256 input: 4 slices per 512x512 pixels


def test_predict_from_heads_post_processes_like_predict_scan(
    phantom_dir: Path, band_segmenter: Any
) -> None:
    pred = predict_scan(read_scan(phantom_dir / "phantom_dicom"), band_segmenter)
    heads = model_heads(pred.displays, band_segmenter.predict, band_segmenter.spec)
    again = predict_from_heads(heads, [m.shape for m in pred.masks], band_segmenter.spec)
    assert again.verdict.slice_calls == pred.verdict.slice_calls
    np.testing.assert_array_equal(again.slice_scores, pred.slice_scores)
    assert all(np.array_equal(a, b) for a, b in zip(again.masks, pred.masks, strict=True))


def test_as_scan_wraps_arrays_and_refuses_an_empty_one() -> None:
    scan = as_scan(np.zeros((3, 8, 8), np.int16), pixel_spacing_mm=(1.0, 1.0))
    assert scan.is_hu and len(scan) == 3 and scan.source["format"] == "array"
    assert not as_scan(np.zeros((8, 8), np.uint8)).is_hu
    with pytest.raises(InputError):
        as_scan([])


def test_the_shipped_model_has_every_head_and_its_card_names_the_slice_score_it_serves() -> None:
    """Models from 2.0.0 on have prob, subtype and slice heads; the out-of-fold recipe picks
    the slice score (2.0.x: the learned head; 2.1.1: the largest pixel probability, which
    ranked its slices better), and the card says which."""
    from ichseg import load_model
    from ichseg.spec import PreprocessSpec, spec_path_for
    from model_export.cv_export import slice_score_words

    model = load_model(threads=1, precision="float32")
    assert getattr(model, "heads", ()) == ("prob", "subtype", "slice")
    assert os.path.basename(model.info.path) == "ichseg-unet.onnx"
    source = PreprocessSpec.load(spec_path_for(Path(model.info.path))).slice_source
    first = (Path(model.info.path).parent / "MODEL_CARD.md").read_text().split("\n\n")[1]
    assert f"({slice_score_words(source)})" in first
    served = load_model(threads=1, prefer_gpu=False)  # the int8 export where the spec says
    assert getattr(served, "heads", ()) == ("prob", "subtype", "slice")


def test_model_output_of_a_plain_function_is_squeezed() -> None:
    from ichseg.spec import PreprocessSpec

    spec = PreprocessSpec(input_height=16, input_width=16, context_slices=0)
    heads = model_heads([np.zeros((16, 16), np.uint8)] * 3, lambda x: x[..., :1], spec)
    assert isinstance(heads, ModelOutput) and heads.prob.shape == (3, 16, 16)


def test_predict_scan_says_how_it_showed_a_thin_series_to_the_model(
    phantom_dir: Path, context_band_segmenter: Any, tmp_path: Path
) -> None:
    from ichseg.phantom import write_thin_phantom

    thin = write_thin_phantom(tmp_path, factor=4)
    pred = predict_scan(read_scan(Path(thin["dicom"])), context_band_segmenter)
    assert pred.slab_slices == 4 and pred.context_distance == 1.0 and pred.framing is None
    thick = predict_scan(read_scan(phantom_dir / "phantom_dicom"), context_band_segmenter)
    assert thick.context_distance == 1.0
    assert pred.verdict.haemorrhage == thick.verdict.haemorrhage is True


def test_predict_scan_crops_a_letterboxed_grey_array_and_pastes_masks_back(
    band_segmenter: Any,
) -> None:
    from ichseg.phantom import make_volume
    from ichseg.preprocess import window_hu

    hu, _ = make_volume(12, 128, seed=1)
    grey = window_hu(hu, 40.0, 120.0)
    frames = np.zeros((12, 200, 360), np.uint8)
    frames[:, 40:168, 20:148] = grey  # a letterboxed, off-centre viewer export
    pred = predict_scan(frames, band_segmenter)
    assert pred.framing is not None
    assert pred.masks[0].shape == (200, 360)
    bleed = np.concatenate([m for m in pred.masks if m.any()])
    assert bleed.size and not np.stack(pred.masks)[:, :, 170:].any()  # nothing outside the head
    # Hounsfield units are never reframed; nor is anything when asked not to.
    assert predict_scan(frames, band_segmenter, reframe=False).framing is None


def test_on_slice_sees_every_finished_mask_in_order(phantom_dir: Path, band_segmenter: Any) -> None:
    seen: list[tuple[int, np.ndarray]] = []
    pred = predict_scan(
        read_scan(phantom_dir / "phantom_dicom"),
        band_segmenter,
        on_slice=lambda i, mask: seen.append((i, mask)),
    )
    assert [i for i, _ in seen] == list(range(len(pred)))
    assert all(m is pred.masks[i] for i, m in seen)
    assert pred.head_box_area == 1.0  # a fixed-size model runs on whole frames


def test_warm_up_runs_the_model_once_on_one_blank_frame(band_segmenter: Any) -> None:
    from ichseg.predict import warm_up

    seen: list[np.ndarray] = []

    class Keep(BatchRecorder):
        def predict(self, batch: np.ndarray):  # type: ignore[no-untyped-def]
            seen.append(batch)
            return super().predict(batch)

    warm_up(Keep(band_segmenter))
    s = band_segmenter.spec
    assert [b.shape for b in seen] == [(1, s.input_height, s.input_width, s.channels)]
    assert seen[0].dtype == np.float32 and not seen[0].any()
