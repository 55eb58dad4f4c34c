"""The fold ensemble: one graph that averages every output of its members."""

import numpy as np
import pytest

pytest.importorskip("tensorflow")
pytestmark = pytest.mark.tf


def _members(n):
    import keras

    from training.model import build_unet

    out = []
    for seed in range(n):
        keras.utils.set_random_seed(seed)
        out.append(
            build_unet(None, None, 3, base_width=4, depth=2, subtype_classes=5, slice_head=True)
        )
    return out


def test_ensemble_averages_each_output_and_exports_the_same_names(tmp_path):
    from ichseg.spec import PreprocessSpec
    from model_export.ensemble import average_models
    from model_export.onnx_export import export_onnx, onnx_heads

    members = _members(3)
    x = np.random.default_rng(0).random((2, 32, 32, 3), np.float32)
    singles = [[np.asarray(t) for t in m(x, training=False)] for m in members]
    ens = average_models(members)
    got = [np.asarray(t) for t in ens(x, training=False)]
    for j in range(3):
        np.testing.assert_allclose(got[j], np.mean([s[j] for s in singles], axis=0), atol=1e-6)
    heads = onnx_heads(
        export_onnx(ens, tmp_path / "e.onnx", PreprocessSpec(input_height=32, input_width=32)), x
    )
    assert set(heads) == {"prob", "subtype", "slice"}
    np.testing.assert_allclose(heads["prob"], got[0], atol=1e-5)
    np.testing.assert_allclose(heads["slice"], got[2], atol=1e-5)


def test_ensemble_refuses_members_with_different_outputs():
    from model_export.ensemble import average_models
    from training.model import build_unet

    a = build_unet(None, None, 3, base_width=4, depth=2)
    b = build_unet(None, None, 3, base_width=4, depth=2, slice_head=True)
    with pytest.raises(ValueError, match="different outputs"):
        average_models([a, b])
    with pytest.raises(ValueError, match="at least one"):
        average_models([])
