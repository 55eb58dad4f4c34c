"""Export a Keras 3 U-Net to ONNX with tf2onnx and check it against Keras."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.spec import PreprocessSpec, spec_path_for

INPUT_NAME = "image"
OUTPUT_NAME = "prob"
SUBTYPE_NAME = "subtype"
SLICE_NAME = "slice"
DEFAULT_OPSET = 17


def export_onnx(
    model: Any,
    onnx_path: Path,
    spec: PreprocessSpec,
    opset: int = DEFAULT_OPSET,
    write_spec: bool = True,
    flip_tta: bool = False,
    any_size: bool = True,
) -> Path:
    """Convert a Keras model to ONNX with a dynamic batch axis.

    The graph takes ``image``: ``(N, input_height, input_width, channels)`` ``float32`` and
    returns ``prob``: ``(N, input_height, input_width, 1)`` ``float32`` and, for a model
    with a subtype head, ``subtype``: ``(N, K)`` ``float32``. BatchNorm runs in inference
    mode.

    Args:
        model: A ``keras.Model`` (TensorFlow backend).
        onnx_path: Destination ``.onnx`` file.
        spec: Preprocessing spec; fixes H, W and C and is written beside the model.
        opset: ONNX opset (17 or newer).
        write_spec: Also write ``<model>.spec.json`` beside the model.
        flip_tta: Build left-right flip test-time augmentation into the graph: the output is
            the mean of the model on the image and (flipped back) on its mirror image
            (subtype scores: the plain mean).
        any_size: Name the input's and mask's sides ``H``/``W`` so that serving can run the
            net on the head's box (:func:`model_export.dynamic.spatially_dynamic`); a graph
            whose reshapes depend on the size stays fixed (logged).

    Returns:
        ``onnx_path``.
    """
    import onnx
    import tensorflow as tf
    import tf2onnx

    if opset < 17:
        raise ValueError(f"opset must be >= 17, got {opset}")
    signature = (
        tf.TensorSpec(
            (None, spec.input_height, spec.input_width, spec.channels),
            tf.float32,
            name=INPUT_NAME,
        ),
    )

    @tf.function(input_signature=signature)
    def forward(image: Any) -> Any:
        out = _heads(model, model(image, training=False))
        if flip_tta:
            mirror = _heads(model, model(tf.reverse(image, axis=[2]), training=False))
            out = {
                k: (v + (tf.reverse(mirror[k], axis=[2]) if k == OUTPUT_NAME else mirror[k])) * 0.5
                for k, v in out.items()
            }
        return out

    proto, _ = tf2onnx.convert.from_function(forward, input_signature=signature, opset=opset)
    # Name the graph's outputs plainly (tf2onnx keeps TensorFlow's "Identity:0" names):
    # the rank-4 output is the mask, a rank-2 one of width 1 the slice score, any other
    # rank-2 one the subtype scores.
    for out in proto.graph.output:
        dims = out.type.tensor_type.shape.dim
        if len(dims) == 4:
            new = OUTPUT_NAME
        elif dims[-1].dim_value == 1:
            new = SLICE_NAME
        else:
            new = SUBTYPE_NAME
        old = out.name
        if old != new:
            for node in proto.graph.node:
                node.output[:] = [new if o == old else o for o in node.output]
                node.input[:] = [new if i == old else i for i in node.input]
            out.name = new
        out.type.tensor_type.shape.dim[0].dim_param = "N"
    proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param = "N"
    proto.doc_string = f"{spec.model_name} {spec.model_version}"
    if any_size:
        from model_export.dynamic import spatially_dynamic

        try:
            spatially_dynamic(proto, OUTPUT_NAME)
        except ValueError as exc:
            logging.getLogger(__name__).warning("input size stays fixed: %s", exc)
    onnx.checker.check_model(proto)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(proto, str(onnx_path))
    if write_spec:
        spec.save(spec_path_for(onnx_path))
    return onnx_path


def _heads(model: Any, out: Any) -> dict[str, Any]:
    """A model's outputs by name (``prob``, and ``subtype``/``slice`` where it has them)."""
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    names = [n.split("/")[0] for n in model.output_names]
    return dict(zip(names, outs, strict=True))


def onnx_heads(onnx_path: Path, x: np.ndarray, batch_size: int = 16) -> dict[str, np.ndarray]:
    """Run an exported model with ONNX Runtime on CPU and keep every output.

    Args:
        onnx_path: The ``.onnx`` file.
        x: ``(N, H, W, C)`` ``float32``.
        batch_size: Images per run.

    Returns:
        Output name -> array over the ``N`` images: ``prob`` ``(N, H, W, 1)``, and
        ``subtype`` ``(N, K)`` / ``slice`` ``(N, 1)`` where the model has them.
    """
    import onnxruntime as ort

    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    names = [o.name for o in sess.get_outputs()]
    parts: dict[str, list[np.ndarray]] = {n: [] for n in names}
    for i in range(0, len(x), batch_size):
        res = sess.run(names, {name: x[i : i + batch_size].astype(np.float32)})
        for n, r in zip(names, res, strict=True):
            parts[n].append(np.asarray(r))
    return {
        n: np.concatenate(v) if v else np.zeros((0, *x.shape[1:3], 1), np.float32)
        for n, v in parts.items()
    }


def onnx_predict(onnx_path: Path, x: np.ndarray, batch_size: int = 16) -> np.ndarray:
    """Run an exported model with ONNX Runtime on CPU.

    Args:
        onnx_path: The ``.onnx`` file.
        x: ``(N, H, W, C)`` ``float32``.
        batch_size: Images per run.

    Returns:
        ``(N, H, W, 1)`` ``float32`` (the ``prob`` output).
    """
    prob, _ = onnx_predict_all(onnx_path, x, batch_size)
    return prob


def onnx_predict_all(
    onnx_path: Path, x: np.ndarray, batch_size: int = 16
) -> tuple[np.ndarray, np.ndarray | None]:
    """Run an exported model with ONNX Runtime on CPU, both outputs.

    Args:
        onnx_path: The ``.onnx`` file.
        x: ``(N, H, W, C)`` ``float32``.
        batch_size: Images per run.

    Returns:
        ``(prob, subtype)``: ``(N, H, W, 1)`` ``float32`` and ``(N, K)`` ``float32``
        (``None`` when the model has no ``subtype`` output).
    """
    heads = onnx_heads(onnx_path, x, batch_size)
    prob = heads[OUTPUT_NAME] if OUTPUT_NAME in heads else next(iter(heads.values()))
    return prob, heads.get(SUBTYPE_NAME)


def keras_predict(model: Any, x: np.ndarray, flip_tta: bool = False) -> np.ndarray:
    """Keras ``predict``, optionally with the flip TTA that :func:`export_onnx` builds in.

    Args:
        model: The Keras model.
        x: ``(N, H, W, C)`` ``float32``.
        flip_tta: Average with the prediction on the mirrored image.

    Returns:
        ``(N, H, W, 1)`` ``float32`` (the mask output).
    """
    return keras_predict_all(model, x, flip_tta)[0]


def keras_predict_all(
    model: Any, x: np.ndarray, flip_tta: bool = False
) -> tuple[np.ndarray, np.ndarray | None]:
    """Keras ``predict`` of both outputs, with the same flip TTA as :func:`export_onnx`.

    Args:
        model: The Keras model.
        x: ``(N, H, W, C)`` ``float32``.
        flip_tta: Average with the prediction on the mirrored image.

    Returns:
        ``(prob, subtype)``: ``(N, H, W, 1)`` and ``(N, K)`` ``float32`` (``None``
        without a subtype head).
    """
    heads = _heads(model, model.predict(x, verbose=0))
    prob = np.asarray(heads[OUTPUT_NAME], np.float32)
    sub = None if SUBTYPE_NAME not in heads else np.asarray(heads[SUBTYPE_NAME], np.float32)
    if flip_tta:
        mirror = _heads(model, model.predict(x[:, :, ::-1], verbose=0))
        prob = (prob + np.asarray(mirror[OUTPUT_NAME], np.float32)[:, :, ::-1]) * np.float32(0.5)
        if sub is not None:
            sub = (sub + np.asarray(mirror[SUBTYPE_NAME], np.float32)) * np.float32(0.5)
    return prob, sub


def parity_max_abs_diff(
    model: Any, onnx_path: Path, x: np.ndarray, flip_tta: bool = False
) -> float:
    """Largest absolute difference between Keras and ONNX Runtime outputs.

    Args:
        model: The Keras model.
        onnx_path: Its export.
        x: ``(N, H, W, C)`` ``float32`` input.
        flip_tta: Whether the export has flip TTA built in.

    Returns:
        ``max |keras(x) - onnx(x)|`` over every output.
    """
    return max_abs_diff(keras_predict_all(model, x, flip_tta), onnx_predict_all(onnx_path, x))


def max_abs_diff(
    a: tuple[np.ndarray, np.ndarray | None], b: tuple[np.ndarray, np.ndarray | None]
) -> float:
    """Largest absolute difference between two ``(prob, subtype)`` output pairs.

    Args:
        a: ``(prob, subtype)`` of one model (``subtype`` ``None`` without a head).
        b: The same from the other model.

    Returns:
        The maximum over both outputs.

    Raises:
        ValueError: When only one of them has a subtype output.
    """
    if (a[1] is None) != (b[1] is None):
        raise ValueError("one model has a subtype output and the other does not")
    diff = float(np.abs(a[0] - b[0]).max())
    if a[1] is not None and b[1] is not None:
        diff = max(diff, float(np.abs(a[1] - b[1]).max()))
    return diff
