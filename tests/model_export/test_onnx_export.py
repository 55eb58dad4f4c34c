import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tf2onnx")
pytestmark = [pytest.mark.tf, pytest.mark.slow]

from ichseg.adapters.onnx_segmenter import OnnxSegmenter, default_model_path  # noqa: E402
from ichseg.runtimes import load_model  # noqa: E402
from ichseg.spec import PreprocessSpec, spec_path_for  # noqa: E402
from model_export.onnx_export import (  # noqa: E402
    INPUT_NAME,
    OUTPUT_NAME,
    SUBTYPE_NAME,
    export_onnx,
    keras_predict_all,
    onnx_predict,
    onnx_predict_all,
    parity_max_abs_diff,
)
from model_export.reference import (  # noqa: E402
    load_reference,
    load_reference_subtype,
    save_reference,
    synthetic_input,
)
from training.model import build_unet  # noqa: E402

SPEC = PreprocessSpec(input_height=32, input_width=32, context_slices=1, model_version="t")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[object, Path]:
    import keras

    keras.utils.set_random_seed(0)
    model = build_unet(None, None, 3, base_width=4, depth=2)
    # Move BatchNorm statistics away from their defaults so inference mode matters.
    x = np.random.default_rng(1).random((8, 32, 32, 3), np.float32)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(x, (x[..., :1] > 0.5).astype(np.float32), epochs=1, verbose=0)
    path = tmp_path_factory.mktemp("onnx") / "m.onnx"
    export_onnx(model, path, SPEC)
    return model, path


@pytest.fixture(scope="module")
def exported_with_head(tmp_path_factory) -> tuple[object, Path]:
    """A depth-2 U-Net with a 5-class subtype head, its BatchNorm moved off the defaults."""
    import keras

    keras.utils.set_random_seed(0)
    model = build_unet(None, None, 3, base_width=4, depth=2, subtype_classes=5)
    x = np.random.default_rng(1).random((8, 32, 32, 3), np.float32)
    labels = (np.random.default_rng(2).random((8, 5)) > 0.5).astype(np.float32)
    model.compile(optimizer="adam", loss=["binary_crossentropy", "binary_crossentropy"])
    model.fit(x, [(x[..., :1] > 0.5).astype(np.float32), labels], epochs=1, verbose=0)
    path = tmp_path_factory.mktemp("onnx") / "head.onnx"
    export_onnx(model, path, SPEC.model_copy(update={"subtypes": tuple("ABCDE")}))
    return model, path


def test_subtype_head_exports_as_a_second_named_output_matching_keras(exported_with_head):
    """(3, 32, 32, 3) -> prob (3, 32, 32, 1) and subtype (3, 5), both within 1e-4 of Keras."""
    import onnx

    model, path = exported_with_head
    names = [o.name for o in onnx.load(str(path)).graph.output]
    assert sorted(names) == sorted([OUTPUT_NAME, SUBTYPE_NAME])
    x = np.random.default_rng(3).random((3, 32, 32, 3), np.float32)
    prob, sub = onnx_predict_all(path, x)
    assert prob.shape == (3, 32, 32, 1) and sub is not None and sub.shape == (3, 5)
    assert parity_max_abs_diff(model, path, x) <= 1e-4
    _, k_sub = keras_predict_all(model, x)
    assert k_sub is not None and np.abs(k_sub - sub).max() <= 1e-4
    seg = OnnxSegmenter.from_path(path)
    probs, scores = seg.predict_with_subtypes(x)
    assert probs.shape == (3, 32, 32) and scores is not None and scores.shape == (3, 5)


def test_flip_tta_export_averages_subtype_scores_too(exported_with_head, tmp_path):
    model, _ = exported_with_head
    path = export_onnx(model, tmp_path / "tta.onnx", SPEC, write_spec=False, flip_tta=True)
    x = np.random.default_rng(5).random((2, 32, 32, 3), np.float32)
    assert parity_max_abs_diff(model, path, x, flip_tta=True) <= 1e-4
    _, sub = onnx_predict_all(path, x)
    _, sub_mirror = onnx_predict_all(path, np.ascontiguousarray(x[:, :, ::-1]))
    assert sub is not None and sub_mirror is not None
    np.testing.assert_allclose(sub, sub_mirror, atol=1e-5)


def test_reference_keeps_the_subtype_output(exported_with_head, tmp_path):
    model, path = exported_with_head
    x = synthetic_input(SPEC, seed=0)
    y, sub = keras_predict_all(model, x)
    save_reference(tmp_path / "ref.npz", x, y, sub)
    stored = load_reference_subtype(tmp_path / "ref.npz")
    assert stored is not None and stored.shape == (1, 5)
    assert np.abs(onnx_predict_all(path, x)[1] - stored).max() <= 1e-4
    save_reference(tmp_path / "plain.npz", x, y)
    assert load_reference_subtype(tmp_path / "plain.npz") is None


def test_onnx_matches_keras_on_random_input(exported):
    model, path = exported
    x = np.random.default_rng(2).random((3, 32, 32, 3), np.float32)
    assert parity_max_abs_diff(model, path, x) <= 1e-4


def test_flip_tta_export_matches_keras_and_is_mirror_symmetric(exported, tmp_path):
    model, _ = exported
    path = export_onnx(model, tmp_path / "tta.onnx", SPEC, write_spec=False, flip_tta=True)
    x = np.random.default_rng(4).random((2, 32, 32, 3), np.float32)
    assert parity_max_abs_diff(model, path, x, flip_tta=True) <= 1e-4
    out = onnx_predict(path, x)
    mirrored = onnx_predict(path, np.ascontiguousarray(x[:, :, ::-1]))
    np.testing.assert_allclose(out, mirrored[:, :, ::-1], atol=1e-5)


def test_onnx_has_dynamic_batch_named_io_and_opset_17(exported):
    import onnx

    _, path = exported
    proto = onnx.load(str(path))
    assert proto.graph.input[0].name == INPUT_NAME
    assert proto.graph.output[0].name == OUTPUT_NAME
    dims = proto.graph.input[0].type.tensor_type.shape.dim
    # any-size graph (export_onnx(any_size=True)): symbolic N, H, W; fixed channels
    assert [d.dim_param for d in dims[:3]] == ["N", "H", "W"] and dims[3].dim_value == 3
    assert max(o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")) >= 17
    for n, h, w in ((1, 32, 32), (5, 32, 32), (2, 48, 64)):
        out = onnx_predict(path, np.zeros((n, h, w, 3), np.float32))
        assert out.shape == (n, h, w, 1)


def test_spec_is_written_beside_the_model_and_serving_loads_it(exported):
    _, path = exported
    assert json.loads(spec_path_for(path).read_text())["model_version"] == "t"
    seg = OnnxSegmenter.from_path(path)
    probs = seg.predict(np.zeros((2, 32, 32, 3), np.float32))
    assert probs.shape == (2, 32, 32)


def test_reference_pair_round_trip_matches_onnx(exported, tmp_path):
    model, path = exported
    x = synthetic_input(SPEC, seed=0)
    assert x.shape == (1, 32, 32, 3)
    y = np.asarray(model.predict(x, verbose=0))
    save_reference(tmp_path / "ref.npz", x, y)
    x2, y2 = load_reference(tmp_path / "ref.npz")
    np.testing.assert_array_equal(x2, x)
    assert np.abs(onnx_predict(path, x2) - y2).max() <= 1e-4


def test_reference_rejects_non_8bit_input(tmp_path):
    x = np.full((1, 4, 4, 3), 0.123456, np.float32)
    with pytest.raises(ValueError, match="8-bit"):
        save_reference(tmp_path / "r.npz", x, x[..., :1])


def test_export_refuses_old_opsets(exported, tmp_path):
    model, _ = exported
    with pytest.raises(ValueError, match="opset"):
        export_onnx(model, tmp_path / "x.onnx", SPEC, opset=13)


SHIPPED = default_model_path()
REFERENCE = SHIPPED.parent / "ichseg-unet.reference.npz"


@pytest.mark.skipif(not REFERENCE.exists(), reason="shipped model not exported yet")
def test_shipped_model_reproduces_its_keras_reference_pair():
    x, y = load_reference(REFERENCE)
    seg = load_model(SHIPPED, precision="float32")
    assert isinstance(seg, OnnxSegmenter) and seg.info.path == str(SHIPPED)
    assert x.shape[1:] == (seg.spec.input_height, seg.spec.input_width, seg.spec.channels)
    probs, subtypes = seg.predict_with_subtypes(x)
    assert np.abs(probs[..., None] - y).max() <= 1e-4
    stored = load_reference_subtype(REFERENCE)
    assert (stored is None) == (not seg.spec.subtypes)
    if stored is not None:
        assert subtypes is not None and np.abs(subtypes - stored).max() <= 1e-4
    with np.load(REFERENCE) as z:
        stored_slice = z["slice"] if "slice" in z.files else None
    heads = seg.predict_heads(x)
    assert (stored_slice is None) == (heads.slice is None)
    if stored_slice is not None and heads.slice is not None:
        assert np.abs(np.ravel(heads.slice) - np.ravel(stored_slice)).max() <= 1e-4
    assert SHIPPED.stat().st_size <= 10 * 1024 * 1024
