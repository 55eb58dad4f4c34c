"""Export a Keras 3 U-Net to ONNX with tf2onnx and check it against Keras."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ichseg.spec import PreprocessSpec, spec_path_for

INPUT_NAME = "image"
OUTPUT_NAME = "prob"
DEFAULT_OPSET = 17


def export_onnx(
    model: Any,
    onnx_path: Path,
    spec: PreprocessSpec,
    opset: int = DEFAULT_OPSET,
    write_spec: bool = True,
    flip_tta: bool = False,
) -> Path:
    """Convert a Keras model to ONNX with a dynamic batch axis.

    The graph takes ``image``: ``(N, input_height, input_width, channels)`` ``float32`` and
    returns ``prob``: ``(N, input_height, input_width, 1)`` ``float32``. BatchNorm runs in
    inference mode.

    Args:
        model: A ``keras.Model`` (TensorFlow backend).
        onnx_path: Destination ``.onnx`` file.
        spec: Preprocessing spec; fixes H, W and C and is written beside the model.
        opset: ONNX opset (17 or newer).
        write_spec: Also write ``<model>.spec.json`` beside the model.
        flip_tta: Build left-right flip test-time augmentation into the graph: the output is
            the mean of the model on the image and (flipped back) on its mirror image.

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
        prob = model(image, training=False)
        if flip_tta:
            mirrored = model(tf.reverse(image, axis=[2]), training=False)
            prob = (prob + tf.reverse(mirrored, axis=[2])) * 0.5
        return {OUTPUT_NAME: prob}

    proto, _ = tf2onnx.convert.from_function(forward, input_signature=signature, opset=opset)
    # Name the graph's single output plainly (tf2onnx keeps TensorFlow's "Identity:0").
    old = proto.graph.output[0].name
    if old != OUTPUT_NAME:
        for node in proto.graph.node:
            node.output[:] = [OUTPUT_NAME if o == old else o for o in node.output]
            node.input[:] = [OUTPUT_NAME if i == old else i for i in node.input]
        proto.graph.output[0].name = OUTPUT_NAME
    proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param = "N"
    proto.graph.output[0].type.tensor_type.shape.dim[0].dim_param = "N"
    proto.doc_string = f"{spec.model_name} {spec.model_version}"
    onnx.checker.check_model(proto)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(proto, str(onnx_path))
    if write_spec:
        spec.save(spec_path_for(onnx_path))
    return onnx_path


def onnx_predict(onnx_path: Path, x: np.ndarray, batch_size: int = 16) -> np.ndarray:
    """Run an exported model with ONNX Runtime on CPU.

    Args:
        onnx_path: The ``.onnx`` file.
        x: ``(N, H, W, C)`` ``float32``.
        batch_size: Images per run.

    Returns:
        ``(N, H, W, 1)`` ``float32``.
    """
    import onnxruntime as ort

    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    outs = [
        np.asarray(sess.run(None, {name: x[i : i + batch_size].astype(np.float32)})[0])
        for i in range(0, len(x), batch_size)
    ]
    return np.concatenate(outs) if outs else np.zeros((0, *x.shape[1:3], 1), np.float32)


def keras_predict(model: Any, x: np.ndarray, flip_tta: bool = False) -> np.ndarray:
    """Keras ``predict``, optionally with the flip TTA that :func:`export_onnx` builds in.

    Args:
        model: The Keras model.
        x: ``(N, H, W, C)`` ``float32``.
        flip_tta: Average with the prediction on the mirrored image.

    Returns:
        ``(N, H, W, 1)`` ``float32``.
    """
    prob = np.asarray(model.predict(x, verbose=0), dtype=np.float32)
    if flip_tta:
        mirrored = np.asarray(model.predict(x[:, :, ::-1], verbose=0), dtype=np.float32)
        prob = (prob + mirrored[:, :, ::-1]) * np.float32(0.5)
    return prob


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
        ``max |keras(x) - onnx(x)|``.
    """
    keras_out = keras_predict(model, x, flip_tta)
    onnx_out = onnx_predict(onnx_path, x)
    return float(np.abs(keras_out - onnx_out).max())
