"""int8 export: a reusable step that keeps the first/last conv in float and agrees with float."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ichseg.adapters.onnx_segmenter import OnnxSegmenter, default_model_path
from ichseg.errors import ModelError
from ichseg.runtimes import load_model, load_segmenter, serving_file
from ichseg.settings import PipelineSettings
from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for
from model_export.quantize import (
    INT8_MASK_AGREEMENT_MIN,
    INT8_SUBTYPE_DIFF_MAX,
    first_last_convs,
    int8_parity,
    quantize_int8,
)
from model_export.reference import load_reference


def _calibration(n: int = 6, size: int = 64) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [rng.random((1, size, size, 3), dtype=np.float32) for _ in range(n)]


def test_tiny_unet_int8_keeps_its_first_and_last_conv_in_float(
    tiny_unet: Path, tmp_path: Path
) -> None:
    import onnx

    out = tmp_path / "tiny.int8.onnx"
    facts = quantize_int8(tiny_unet, out, _calibration(10), stride=4)
    assert facts["calibration_inputs"] == 8  # whole strides only
    float_convs = facts["kept_float"]
    assert len(float_convs) == 2
    graph = onnx.load(str(out)).graph
    assert first_last_convs(onnx.load(str(out))) == float_convs
    ops = [n.op_type for n in graph.node]
    assert "QuantizeLinear" in ops and "DequantizeLinear" in ops
    # the kept convolutions read float weights straight from initializers, the others
    # read dequantised int8 weights
    inits = {i.name: i for i in graph.initializer}
    by_name = {n.name: n for n in graph.node}
    for name in float_convs:
        assert inits[by_name[name].input[1]].data_type == onnx.TensorProto.FLOAT
    middle = [n for n in graph.node if n.op_type == "Conv" and n.name not in float_convs]
    assert middle and all(n.input[1] not in inits for n in middle)
    assert spec_path_for(out).is_file()


def test_tiny_unet_int8_stays_close_to_float(tiny_unet: Path, tmp_path: Path) -> None:
    out = quantize_int8(tiny_unet, tmp_path / "t.int8.onnx", _calibration()) and (
        tmp_path / "t.int8.onnx"
    )
    x = _calibration(2)[0]
    parity = int8_parity(tiny_unet, out, np.concatenate([x, x[:, ::-1]]), 0.5)
    assert parity["mean_abs"] < 0.02
    assert parity["max_abs"] < 0.2


def test_percentile_calibration_on_crops_of_several_shapes_says_why_it_cannot(
    tiny_unet: Path, tmp_path: Path
) -> None:
    crops = _calibration(2, size=64) + _calibration(2, size=32)
    with pytest.raises(ValueError, match="one shape"):
        quantize_int8(tiny_unet, tmp_path / "p.int8.onnx", crops, method="percentile")
    assert not (tmp_path / "p.int8.onnx").exists()


def test_spec_serve_int8_picks_the_int8_file_and_precision_overrides(
    tiny_unet: Path, tmp_path: Path
) -> None:
    model = tmp_path / "m.onnx"
    shutil.copy(tiny_unet, model)
    spec = PreprocessSpec.load(spec_path_for(tiny_unet))
    spec.model_copy(update={"serve_int8": True}).save(spec_path_for(model))
    # no int8 file yet: the default falls back to the float model, asking for int8 fails
    assert load_model(model, prefer_gpu=False).info.path == str(model)
    with pytest.raises(ModelError, match="int8 model file not found"):
        load_model(model, precision="int8")
    quantize_int8(model, int8_path_for(model), _calibration())
    assert load_model(model, prefer_gpu=False).info.path == str(int8_path_for(model))
    assert load_model(model, precision="float32").info.path == str(model)
    # the settings (ICHSEG_PRECISION, --precision) reach the one factory
    settings = PipelineSettings(model_path=model, prefer_gpu=False, precision="float32")
    assert load_segmenter(settings).info.path == str(model)
    spec.save(spec_path_for(model))  # serve_int8 false: float by default
    assert load_model(model, prefer_gpu=False).info.path == str(model)
    with pytest.raises(ModelError, match="precision"):
        load_model(model, precision="fp16")  # type: ignore[arg-type]


def test_a_gpu_serves_the_float_model_by_default(
    tiny_unet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "m.onnx"
    shutil.copy(tiny_unet, model)
    spec = PreprocessSpec.load(spec_path_for(tiny_unet))
    spec.model_copy(update={"serve_int8": True}).save(spec_path_for(model))
    shutil.copy(model, int8_path_for(model))  # any file will do: only the choice is tested
    spec.save(spec_path_for(int8_path_for(model)))
    monkeypatch.setattr(OnnxSegmenter, "gpu_available", staticmethod(lambda: True))
    assert serving_file(model, on_gpu=True) == model
    assert load_model(model, prefer_gpu=True).info.path == str(model)
    assert load_model(model, prefer_gpu=False).info.path == str(int8_path_for(model))
    assert serving_file(model, "int8", on_gpu=True) == int8_path_for(model)


SHIPPED = default_model_path()
INT8 = int8_path_for(SHIPPED)
REFERENCE = SHIPPED.parent / "ichseg-unet.reference.npz"


@pytest.mark.skipif(not INT8.exists(), reason="no int8 export shipped")
def test_shipped_int8_model_serves_only_if_it_agrees_with_its_float_reference() -> None:
    """The int8 parity check on the synthetic reference (masks match float's, subtypes close)
    holds for the shipped int8 file whenever its spec serves it by default."""
    x, y = load_reference(REFERENCE)
    seg = load_model(SHIPPED, precision="int8", prefer_gpu=False)
    assert isinstance(seg, OnnxSegmenter) and seg.any_input_size
    probs, subtypes = seg.predict_with_subtypes(x)
    spec = seg.spec
    a, b = probs >= spec.threshold, y[..., 0] >= spec.threshold
    union = np.logical_or(a, b).sum()
    agrees = bool(union == 0 or np.logical_and(a, b).sum() / union >= INT8_MASK_AGREEMENT_MIN)
    from model_export.reference import load_reference_subtype

    stored = load_reference_subtype(REFERENCE)
    if stored is not None:
        assert subtypes is not None
        agrees = agrees and bool(np.abs(subtypes - stored).max() <= INT8_SUBTYPE_DIFF_MAX)
    assert agrees or not PreprocessSpec.load(spec_path_for(SHIPPED)).serve_int8
    assert INT8.stat().st_size <= 4 * 1024 * 1024
