"""One Keras model (and so one ONNX graph) averaging the outputs of several fold models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def average_models(models: Sequence[Any], name: str = "ichseg_ensemble") -> Any:
    """Wrap models with the same inputs and outputs into one that averages each output.

    The pixel probabilities, subtype scores and slice scores of the members are averaged
    output by output (probabilities, not logits: what each fold model would report), so
    the exported graph reads one input and returns the same named outputs as a member.

    Args:
        models: Keras models with one input ``(N, H, W, C)`` and the same output names
            (``prob``, optionally ``subtype`` and ``slice``).
        name: Name of the wrapper model.

    Returns:
        A ``keras.Model`` with the members' output names, in their order.

    Raises:
        ValueError: With no models, or members whose outputs differ.
    """
    import keras
    from keras import layers

    if not models:
        raise ValueError("an ensemble needs at least one model")
    names = [n.split("/")[0] for n in models[0].output_names]
    for m in models[1:]:
        if [n.split("/")[0] for n in m.output_names] != names:
            raise ValueError("the ensemble's models have different outputs")
    shape = tuple(models[0].inputs[0].shape[1:])
    inputs = keras.Input(shape, name="image")
    per_model = []
    for i, m in enumerate(models):
        m.name = f"fold{i}"
        out = m(inputs, training=False)
        per_model.append(list(out) if isinstance(out, (list, tuple)) else [out])
    outputs = []
    for j, out_name in enumerate(names):
        parts = [outs[j] for outs in per_model]
        outputs.append(parts[0] if len(parts) == 1 else layers.Average(name=out_name)(parts))
    return keras.Model(inputs, outputs if len(outputs) > 1 else outputs[0], name=name)
