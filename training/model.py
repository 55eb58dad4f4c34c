"""A backend-agnostic Keras 3 U-Net (``keras.layers`` and ``keras.ops`` only)."""

from __future__ import annotations

from typing import Any


def build_unet(
    input_height: int | None = None,
    input_width: int | None = None,
    channels: int = 3,
    base_width: int = 16,
    depth: int = 4,
    name: str = "ichseg_unet",
    synchronized_bn: bool = False,
    subtype_classes: int = 0,
    dtype_policy: str = "float32",
    slice_head: bool = False,
) -> Any:
    """Build a U-Net with BatchNorm+ReLU blocks and a sigmoid output.

    Args:
        input_height: Input height (``None`` for any multiple of ``2**depth``).
        input_width: Input width (``None`` for any multiple of ``2**depth``).
        channels: Input channels (``spec.channels``).
        base_width: Filters of the first level; each pooling doubles them.
        depth: Number of 2x2 poolings.
        name: Model name.
        synchronized_bn: Compute BatchNorm statistics over the global batch of a
            ``tf.distribute`` strategy (TensorFlow backend only; a no-op for one replica).
            The weights are the same either way.
        subtype_classes: When non-zero, a second output ``subtype`` of shape
            ``(N, subtype_classes)`` gives per-slice subtype probabilities from the
            global maximum of the bottleneck features (a maximum, not a mean, so a patch
            and a whole slice score alike).
        dtype_policy: Keras dtype policy of the hidden layers: ``"float32"``, or
            ``"mixed_bfloat16"`` (bfloat16 arithmetic on float32 weights, for faster
            training where the CPU or GPU has bfloat16 units). The output layers always
            compute in float32, and the weights are float32 either way, so they load into
            a float32 model unchanged.
        slice_head: Add an output ``slice`` of shape ``(N, 1)``: the probability that the
            slice shows any haemorrhage, learned from the global maxima of the bottleneck
            features, of the last decoder features and of the pixel probabilities (so it
            sees the mask's evidence and the context beyond it; a maximum, so that a
            patch and a whole slice score alike).

    Returns:
        A ``keras.Model`` mapping ``(N, H, W, channels)`` ``float32`` to ``(N, H, W, 1)``
        probabilities (output ``prob``), plus ``subtype`` and then ``slice`` when asked
        for (outputs in that order).
    """
    import keras
    from keras import layers

    hidden = keras.dtype_policies.get(dtype_policy)

    def block(t: Any, filters: int, tag: str) -> Any:
        for i in (1, 2):
            t = layers.Conv2D(
                filters, 3, padding="same", use_bias=False, name=f"{tag}_conv{i}", dtype=hidden
            )(t)
            t = layers.BatchNormalization(
                synchronized=synchronized_bn, name=f"{tag}_bn{i}", dtype=hidden
            )(t)
            t = layers.ReLU(name=f"{tag}_relu{i}", dtype=hidden)(t)
        return t

    inputs = keras.Input((input_height, input_width, channels), name="image")
    skips = []
    t = inputs
    for level in range(depth):
        t = block(t, base_width * 2**level, f"down{level}")
        skips.append(t)
        t = layers.MaxPooling2D(2, name=f"pool{level}", dtype=hidden)(t)
    t = block(t, base_width * 2**depth, "bottom")
    bottom = t
    for level in reversed(range(depth)):
        filters = base_width * 2**level
        t = layers.Conv2DTranspose(filters, 2, strides=2, name=f"up{level}_tconv", dtype=hidden)(t)
        t = layers.Concatenate(name=f"up{level}_cat", dtype=hidden)([t, skips[level]])
        t = block(t, filters, f"up{level}")
    outputs = layers.Conv2D(1, 1, activation="sigmoid", name="prob", dtype="float32")(t)
    if not subtype_classes and not slice_head:
        return keras.Model(inputs, outputs, name=name)
    heads = [outputs]
    pooled = layers.GlobalMaxPooling2D(name="subtype_pool", dtype=hidden)(bottom)
    if subtype_classes:
        heads.append(
            layers.Dense(subtype_classes, activation="sigmoid", name="subtype", dtype="float32")(
                pooled
            )
        )
    if slice_head:
        evidence = layers.Concatenate(name="slice_evidence", dtype="float32")(
            [
                layers.GlobalMaxPooling2D(name="slice_pool_bottom", dtype="float32")(bottom),
                layers.GlobalMaxPooling2D(name="slice_pool_top", dtype="float32")(t),
                layers.GlobalMaxPooling2D(name="slice_pool_prob", dtype="float32")(outputs),
            ]
        )
        heads.append(layers.Dense(1, activation="sigmoid", name="slice", dtype="float32")(evidence))
    return keras.Model(inputs, heads, name=name)
