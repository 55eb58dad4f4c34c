"""Shared fixtures: tiny ONNX models (built here, no TensorFlow) and the synthetic phantom."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ichseg.spec import PreprocessSpec, spec_path_for


def _save_nhwc_model(nodes: list, init: list, name: str, spec: PreprocessSpec, path: Path) -> Path:
    """Check and save a graph ``input (N, H, W, C) -> output (N, H, W, 1)`` with its spec."""
    import onnx
    from onnx import TensorProto, helper

    h, w, ch = spec.input_height, spec.input_width, spec.channels
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", h, w, ch])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", h, w, 1])],
        init,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    spec.save(spec_path_for(path))
    return path


def build_band_model(
    path: Path, spec: PreprocessSpec, low: float = 0.62, high: float = 0.93
) -> Path:
    """Write an ONNX model that marks pixels whose centre-channel grey is in a band.

    Inputs ``(N, H, W, C)`` ``float32`` in [0, 1]; outputs ``(N, H, W, 1)``
    ``sigmoid(k (x - low)) * sigmoid(k (high - x))`` of the centre channel. With the brain
    window (level 40, width 120) the band [0.62, 0.93] is about 53-90 HU: fresh blood, not
    brain (20-45 HU) and not bone (saturated at 1.0).
    """
    from onnx import TensorProto, helper

    c = spec.context_slices
    k = 60.0
    init = [
        helper.make_tensor("starts", TensorProto.INT64, [1], [c]),
        helper.make_tensor("ends", TensorProto.INT64, [1], [c + 1]),
        helper.make_tensor("axes", TensorProto.INT64, [1], [3]),
        helper.make_tensor("k", TensorProto.FLOAT, [], [k]),
        helper.make_tensor("low", TensorProto.FLOAT, [], [low]),
        helper.make_tensor("high", TensorProto.FLOAT, [], [high]),
    ]
    nodes = [
        helper.make_node("Slice", ["input", "starts", "ends", "axes"], ["x"]),
        helper.make_node("Sub", ["x", "low"], ["d1"]),
        helper.make_node("Mul", ["d1", "k"], ["e1"]),
        helper.make_node("Sigmoid", ["e1"], ["s1"]),
        helper.make_node("Sub", ["high", "x"], ["d2"]),
        helper.make_node("Mul", ["d2", "k"], ["e2"]),
        helper.make_node("Sigmoid", ["e2"], ["s2"]),
        helper.make_node("Mul", ["s1", "s2"], ["output"]),
    ]
    return _save_nhwc_model(nodes, init, "band", spec, path)


def build_context_band_model(
    path: Path, spec: PreprocessSpec, low: float = 0.62, high: float = 0.93
) -> Path:
    """Write a model that needs its context channels: the band of *every* channel, multiplied.

    A pixel is haemorrhage only where the slice and its neighbours (at the context distance)
    are all blood-grey, so the output changes when the neighbours are taken 1.25 mm instead
    of 5 mm away: the thin-slice failure in miniature.
    """
    from onnx import TensorProto, helper

    init = [
        helper.make_tensor("k", TensorProto.FLOAT, [], [60.0]),
        helper.make_tensor("low", TensorProto.FLOAT, [], [low]),
        helper.make_tensor("high", TensorProto.FLOAT, [], [high]),
    ]
    nodes = [
        helper.make_node("Sub", ["input", "low"], ["d1"]),
        helper.make_node("Mul", ["d1", "k"], ["e1"]),
        helper.make_node("Sigmoid", ["e1"], ["s1"]),
        helper.make_node("Sub", ["high", "input"], ["d2"]),
        helper.make_node("Mul", ["d2", "k"], ["e2"]),
        helper.make_node("Sigmoid", ["e2"], ["s2"]),
        helper.make_node("Mul", ["s1", "s2"], ["band"]),
        helper.make_node("ReduceProd", ["band"], ["output"], axes=[3], keepdims=1),
    ]
    return _save_nhwc_model(nodes, init, "context_band", spec, path)


def build_opened_band_model(path: Path, spec: PreprocessSpec, k: int = 5) -> Path:
    """The band model followed by a ``k x k`` grey opening (erode, then dilate).

    The thin rings that any resampling blurs into the blood band at the skull's edges
    vanish, blobs of blood stay: a toy model that, like a trained one, tolerates resized
    input (a screen recording), so recording and plain slices can be compared.
    """
    import onnx
    from onnx import helper

    band = onnx.load(str(build_band_model(path, spec)))
    graph = band.graph
    graph.node[-1].output[0] = "band_nhwc"
    pads = [k // 2] * 4
    graph.node.extend(
        [
            helper.make_node("Transpose", ["band_nhwc"], ["b"], perm=[0, 3, 1, 2]),
            helper.make_node("Neg", ["b"], ["nb"]),
            helper.make_node("MaxPool", ["nb"], ["enb"], kernel_shape=[k, k], pads=pads),
            helper.make_node("Neg", ["enb"], ["eroded"]),
            helper.make_node("MaxPool", ["eroded"], ["opened"], kernel_shape=[k, k], pads=pads),
            helper.make_node("Transpose", ["opened"], ["output"], perm=[0, 2, 3, 1]),
        ]
    )
    onnx.checker.check_model(band)
    onnx.save(band, str(path))
    return path


def build_band_subtype_model(path: Path, spec: PreprocessSpec) -> Path:
    """Write the band model plus a two-class ``subtype`` output (``spec.subtypes``: 2 names).

    Outputs ``prob`` ``(N, H, W, 1)`` as :func:`build_band_model`, and ``subtype``
    ``(N, 2)`` ``float32``: ``[m, 1 - m]`` with ``m`` the slice's largest band probability,
    so a slice with blood-grey pixels scores the first subtype, a clean one the second.
    """
    import onnx
    from onnx import TensorProto, helper

    band = build_band_model(path, spec)
    model = onnx.load(str(band))
    graph = model.graph
    graph.node[-1].output[0] = "prob"
    graph.initializer.extend([helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])])
    graph.node.extend(
        [
            helper.make_node("ReduceMax", ["prob"], ["m4"], axes=[1, 2, 3], keepdims=0),
            helper.make_node("Unsqueeze", ["m4", "ax1"], ["m"]),
            helper.make_node("Sub", ["one", "m"], ["rest"]),
            helper.make_node("Concat", ["m", "rest"], ["subtype"], axis=1),
        ]
    )
    graph.initializer.extend([helper.make_tensor("ax1", TensorProto.INT64, [1], [1])])
    del graph.output[:]
    h, w = spec.input_height, spec.input_width
    graph.output.extend(
        [
            helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["N", h, w, 1]),
            helper.make_tensor_value_info("subtype", TensorProto.FLOAT, ["N", 2]),
        ]
    )
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def build_band_slice_model(path: Path, spec: PreprocessSpec) -> Path:
    """Write the band model plus a learned-slice-head stand-in: output ``slice`` ``(N, 1)``.

    ``slice`` is ``1 - m`` with ``m`` the slice's largest band probability, so it disagrees
    with the max-pixel score on purpose (a slice with blood scores low, a clean one high).
    """
    import onnx
    from onnx import TensorProto, helper

    band = build_band_model(path, spec)
    model = onnx.load(str(band))
    graph = model.graph
    graph.node[-1].output[0] = "prob"
    graph.initializer.extend(
        [
            helper.make_tensor("one", TensorProto.FLOAT, [], [1.0]),
            helper.make_tensor("ax1", TensorProto.INT64, [1], [1]),
        ]
    )
    graph.node.extend(
        [
            helper.make_node("ReduceMax", ["prob"], ["m4"], axes=[1, 2, 3], keepdims=0),
            helper.make_node("Unsqueeze", ["m4", "ax1"], ["m"]),
            helper.make_node("Sub", ["one", "m"], ["slice"]),
        ]
    )
    del graph.output[:]
    h, w = spec.input_height, spec.input_width
    graph.output.extend(
        [
            helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["N", h, w, 1]),
            helper.make_tensor_value_info("slice", TensorProto.FLOAT, ["N", 1]),
        ]
    )
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def build_tiny_unet(path: Path, spec: PreprocessSpec, seed: int = 0) -> Path:
    """Write a two-level U-Net-shaped ONNX model with random weights.

    ``(N, H, W, C)`` -> transpose -> conv/relu -> maxpool -> conv/relu -> upsample ->
    concat skip -> conv -> sigmoid -> ``(N, H, W, 1)``.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    ch = spec.channels

    def weight(name: str, shape: tuple[int, ...]) -> onnx.TensorProto:
        return numpy_helper.from_array((rng.standard_normal(shape) * 0.3).astype(np.float32), name)

    init = [
        weight("w1", (4, ch, 3, 3)),
        weight("w2", (4, 4, 3, 3)),
        weight("w3", (1, 8, 3, 3)),
        helper.make_tensor("scales", TensorProto.FLOAT, [4], [1, 1, 2, 2]),
    ]
    pads = [1, 1, 1, 1]
    nodes = [
        helper.make_node("Transpose", ["input"], ["nchw"], perm=[0, 3, 1, 2]),
        helper.make_node("Conv", ["nchw", "w1"], ["c1"], pads=pads),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "w2"], ["c2"], pads=pads),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("Resize", ["r2", "", "scales"], ["u2"], mode="nearest"),
        helper.make_node("Concat", ["r1", "u2"], ["cat"], axis=1),
        helper.make_node("Conv", ["cat", "w3"], ["c3"], pads=pads),
        helper.make_node("Sigmoid", ["c3"], ["s"]),
        helper.make_node("Transpose", ["s"], ["output"], perm=[0, 2, 3, 1]),
    ]
    return _save_nhwc_model(nodes, init, "tiny_unet", spec, path)


@pytest.fixture(scope="session")
def band_spec() -> PreprocessSpec:
    """Spec of the band model: 256x256 (the phantom's size, so no resize blurs the skull edge
    into the blood band), 3 channels, thresholds at 0.5, specks < 4 px dropped."""
    return PreprocessSpec(
        model_name="band-test",
        model_version="test",
        input_height=256,
        input_width=256,
        context_slices=1,
        min_component_px=4,
    )


@pytest.fixture(scope="session")
def band_model(tmp_path_factory: pytest.TempPathFactory, band_spec: PreprocessSpec) -> Path:
    """Path of the band ONNX model (its ``.spec.json`` beside it)."""
    return build_band_model(tmp_path_factory.mktemp("models") / "band.onnx", band_spec)


@pytest.fixture(scope="session")
def band_segmenter(band_model: Path):  # type: ignore[no-untyped-def]
    """An :class:`~ichseg.adapters.onnx_segmenter.OnnxSegmenter` on the band model."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    return OnnxSegmenter.from_path(band_model, threads=1)


@pytest.fixture(scope="session")
def band_subtype_segmenter(tmp_path_factory: pytest.TempPathFactory, band_spec: PreprocessSpec):  # type: ignore[no-untyped-def]
    """The band model with a two-class subtype head (``Epidural``: blood-grey present)."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    spec = band_spec.model_copy(update={"subtypes": ("Epidural", "Subdural")})
    path = build_band_subtype_model(tmp_path_factory.mktemp("models") / "bandsub.onnx", spec)
    return OnnxSegmenter.from_path(path, threads=1)


@pytest.fixture(scope="session")
def band_slice_segmenter(tmp_path_factory: pytest.TempPathFactory, band_spec: PreprocessSpec):  # type: ignore[no-untyped-def]
    """The band model with a ``slice`` head scoring ``1 - max band probability``."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    path = build_band_slice_model(tmp_path_factory.mktemp("models") / "bandslice.onnx", band_spec)
    return OnnxSegmenter.from_path(path, threads=1)


@pytest.fixture(scope="session")
def context_band_segmenter(tmp_path_factory: pytest.TempPathFactory, band_spec: PreprocessSpec):  # type: ignore[no-untyped-def]
    """:func:`build_context_band_model` (trained, per its spec, on 5 mm slices)."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    path = build_context_band_model(tmp_path_factory.mktemp("models") / "ctx.onnx", band_spec)
    return OnnxSegmenter.from_path(path, threads=1)


@pytest.fixture(scope="session")
def opened_band_segmenter(tmp_path_factory: pytest.TempPathFactory, band_spec: PreprocessSpec):  # type: ignore[no-untyped-def]
    """:func:`build_opened_band_model`: the band model that tolerates resized input."""
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    path = build_opened_band_model(tmp_path_factory.mktemp("models") / "open.onnx", band_spec)
    return OnnxSegmenter.from_path(path, threads=1)


@pytest.fixture(scope="session")
def tiny_unet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a 64x64, 3-channel random-weight U-Net ONNX model with its spec."""
    spec = PreprocessSpec(
        model_name="tiny", model_version="test", input_height=64, input_width=64, context_slices=1
    )
    return build_tiny_unet(tmp_path_factory.mktemp("models") / "tiny.onnx", spec)


@pytest.fixture(scope="session")
def phantom_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder written by :func:`ichseg.phantom.write_phantom` (24 slices, seed 0)."""
    from ichseg.phantom import write_phantom

    out = tmp_path_factory.mktemp("phantom")
    write_phantom(out, n_slices=24, seed=0)
    return out


@pytest.fixture(scope="session")
def onnx_builders():  # type: ignore[no-untyped-def]
    """The test-model builders: ``.band``, ``.band_subtype`` and ``.band_slice`` (path, spec)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        band=build_band_model,
        band_subtype=build_band_subtype_model,
        band_slice=build_band_slice_model,
    )
