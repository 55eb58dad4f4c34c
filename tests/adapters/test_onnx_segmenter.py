"""The ONNX Runtime segmenter adapter."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ichseg.adapters.onnx_segmenter import (
    OnnxSegmenter,
    choose_providers,
    default_model_path,
    file_sha256,
)
from ichseg.errors import ModelError
from ichseg.spec import PreprocessSpec, spec_path_for


def test_tiny_unet_predicts_probabilities_for_any_batch_size(tiny_unet: Path) -> None:
    """input (N, 64, 64, 3) float32 -> output (N, 64, 64) float32 in [0, 1]."""
    seg = OnnxSegmenter.from_path(tiny_unet, threads=1)
    for n in (1, 5):
        out = seg.predict(np.random.default_rng(0).random((n, 64, 64, 3), dtype=np.float32))
        assert out.shape == (n, 64, 64)
        assert out.dtype == np.float32
        assert out.min() >= 0.0 and out.max() <= 1.0


def test_info_names_the_model_and_its_sha256(tiny_unet: Path) -> None:
    seg = OnnxSegmenter.from_path(tiny_unet)
    assert seg.info.name == "tiny"
    assert seg.info.sha256 == file_sha256(tiny_unet)
    assert seg.providers[-1] == "CPUExecutionProvider"


def test_band_model_marks_blood_grey_only(band_segmenter: OnnxSegmenter) -> None:
    x = np.zeros((1, 256, 256, 3), np.float32)
    x[0, :, :128, 1] = 0.75  # blood-range grey in the centre channel
    x[0, :, 128:, 1] = 1.0  # bone
    out = band_segmenter.predict(x)
    assert out[0, :, :128].min() > 0.9
    assert out[0, :, 128:].max() < 0.1


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        OnnxSegmenter.from_path(tmp_path / "none.onnx")


def test_model_without_its_spec_is_a_clear_error(tmp_path: Path, tiny_unet: Path) -> None:
    lone = tmp_path / "lone.onnx"
    shutil.copy(tiny_unet, lone)
    with pytest.raises(ModelError, match="spec file not found"):
        OnnxSegmenter.from_path(lone)


def test_spec_that_disagrees_with_the_model_is_refused(tmp_path: Path, tiny_unet: Path) -> None:
    model = tmp_path / "m.onnx"
    shutil.copy(tiny_unet, model)
    PreprocessSpec(input_height=64, input_width=64, context_slices=0).save(spec_path_for(model))
    with pytest.raises(ModelError, match="does not match its spec"):
        OnnxSegmenter.from_path(model)


def test_corrupt_model_file_is_a_clear_error(tmp_path: Path) -> None:
    model = tmp_path / "bad.onnx"
    model.write_bytes(b"not a model")
    PreprocessSpec().save(spec_path_for(model))
    with pytest.raises(ModelError, match="cannot load model"):
        OnnxSegmenter.from_path(model)


def test_cuda_comes_first_only_when_available_and_wanted() -> None:
    both = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    assert choose_providers(both) == both
    assert choose_providers(both, prefer_gpu=False) == ["CPUExecutionProvider"]
    assert choose_providers(["CPUExecutionProvider"]) == ["CPUExecutionProvider"]


def test_default_model_lives_in_the_package() -> None:
    assert default_model_path().parts[-2:] == ("models", "ichseg-unet.onnx")


def _subtype_spec(band_spec: PreprocessSpec, names: tuple[str, ...]) -> PreprocessSpec:
    return band_spec.model_copy(update={"subtypes": names})


def test_subtype_head_scores_each_slice(
    tmp_path: Path, band_spec: PreprocessSpec, onnx_builders
) -> None:  # type: ignore[no-untyped-def]
    """(2, 256, 256, 3) float32 -> probs (2, 256, 256), subtypes (2, 2) float32."""
    spec = _subtype_spec(band_spec, ("Epidural", "Subdural"))
    seg = OnnxSegmenter.from_path(onnx_builders.band_subtype(tmp_path / "s.onnx", spec), threads=1)
    x = np.zeros((2, 256, 256, 3), np.float32)
    x[0, 100:120, 100:120, 1] = 0.75  # blood grey on the first slice only
    probs, subtypes = seg.predict_with_subtypes(x)
    assert probs.shape == (2, 256, 256) and probs.dtype == np.float32
    assert subtypes is not None and subtypes.shape == (2, 2) and subtypes.dtype == np.float32
    assert subtypes[0, 0] > 0.9 and subtypes[1, 1] > 0.9
    np.testing.assert_array_equal(seg.predict(x), probs)


def test_spec_naming_subtypes_needs_a_subtype_output(
    tmp_path: Path, band_spec: PreprocessSpec, onnx_builders
) -> None:  # type: ignore[no-untyped-def]
    path = onnx_builders.band(tmp_path / "b.onnx", _subtype_spec(band_spec, ("Epidural",)))
    with pytest.raises(ModelError, match="no 'subtype' output"):
        OnnxSegmenter.from_path(path)


def test_subtype_count_must_match_the_spec(
    tmp_path: Path, band_spec: PreprocessSpec, onnx_builders
) -> None:  # type: ignore[no-untyped-def]
    path = onnx_builders.band_subtype(tmp_path / "s.onnx", _subtype_spec(band_spec, ("A", "B")))
    _subtype_spec(band_spec, ("A", "B", "C")).save(spec_path_for(path))
    with pytest.raises(ModelError, match="does not match the spec's 3 subtypes"):
        OnnxSegmenter.from_path(path)


def test_model_with_a_head_but_no_subtype_names_serves_masks_only(
    tmp_path: Path, band_spec: PreprocessSpec, onnx_builders
) -> None:  # type: ignore[no-untyped-def]
    path = onnx_builders.band_subtype(tmp_path / "s.onnx", _subtype_spec(band_spec, ("A", "B")))
    band_spec.save(spec_path_for(path))
    probs, subtypes = OnnxSegmenter.from_path(path).predict_with_subtypes(
        np.zeros((1, 256, 256, 3), np.float32)
    )
    assert probs.shape == (1, 256, 256) and subtypes is None


def test_predict_heads_returns_the_slice_head_as_n_scores(
    band_slice_segmenter,
    band_subtype_segmenter,  # type: ignore[no-untyped-def]
) -> None:
    x = np.random.default_rng(1).random((3, 256, 256, 3), dtype=np.float32)
    out = band_slice_segmenter.predict_heads(x)
    assert out.prob.shape == (3, 256, 256) and out.subtype is None
    assert out.slice is not None and out.slice.shape == (3,) and out.slice.dtype == np.float32
    np.testing.assert_allclose(out.slice, 1.0 - out.prob.reshape(3, -1).max(axis=1), atol=1e-6)
    np.testing.assert_array_equal(band_slice_segmenter.predict(x), out.prob)
    both = band_subtype_segmenter.predict_heads(x)
    assert band_subtype_segmenter.heads == ("prob", "subtype")
    assert both.subtype is not None and both.subtype.shape == (3, 2) and both.slice is None
