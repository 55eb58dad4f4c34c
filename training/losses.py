"""Losses for a tiny foreground: soft Dice plus binary cross-entropy (``keras.ops`` only)."""

from __future__ import annotations

from typing import Any

_EPS = 1e-6


def soft_dice_loss(y_true: Any, y_pred: Any, smooth: float = 1.0) -> Any:
    """Batch-global soft Dice loss ``1 - (2 sum(yp) + s) / (sum(y) + sum(p) + s)``.

    Summing over the whole batch (not per image) keeps the loss defined and smooth when
    most images of a batch have no haemorrhage.

    Args:
        y_true: ``(N, H, W, 1)`` 0/1 targets.
        y_pred: ``(N, H, W, 1)`` probabilities.
        smooth: Additive smoothing.

    Returns:
        Scalar tensor.
    """
    from keras import ops

    y_true = ops.cast(y_true, y_pred.dtype)
    inter = ops.sum(y_true * y_pred)
    denom = ops.sum(y_true) + ops.sum(y_pred)
    return 1.0 - (2.0 * inter + smooth) / (denom + smooth)


def image_dice_loss(y_true: Any, y_pred: Any, smooth: float = 1.0) -> Any:
    """Soft Dice per image, averaged over the images that show haemorrhage.

    The Hssayeni protocol averages Dice over bleeding slices, so a 20-pixel bleed counts
    as much as a 20,000-pixel one; this loss does the same. Images without haemorrhage
    add nothing here (the BCE term keeps them clean); a batch without any gives 0.

    Args:
        y_true: ``(N, H, W, 1)`` 0/1 targets.
        y_pred: ``(N, H, W, 1)`` probabilities.
        smooth: Additive smoothing.

    Returns:
        Scalar tensor.
    """
    from keras import ops

    y_true = ops.cast(y_true, y_pred.dtype)
    inter = ops.sum(y_true * y_pred, axis=(1, 2, 3))
    truth = ops.sum(y_true, axis=(1, 2, 3))
    denom = truth + ops.sum(y_pred, axis=(1, 2, 3))
    per_image = 1.0 - (2.0 * inter + smooth) / (denom + smooth)
    has = ops.cast(truth > 0, y_pred.dtype)
    return ops.sum(per_image * has) / ops.maximum(ops.sum(has), 1.0)


def bce_loss(y_true: Any, y_pred: Any) -> Any:
    """Mean binary cross-entropy on probabilities (clipped for stability).

    Args:
        y_true: ``(N, H, W, 1)`` 0/1 targets.
        y_pred: ``(N, H, W, 1)`` probabilities.

    Returns:
        Scalar tensor.
    """
    from keras import ops

    y_true = ops.cast(y_true, y_pred.dtype)
    p = ops.clip(y_pred, _EPS, 1.0 - _EPS)
    return -ops.mean(y_true * ops.log(p) + (1.0 - y_true) * ops.log(1.0 - p))


def dice_bce_loss(
    y_true: Any, y_pred: Any, bce_weight: float = 1.0, dice_mode: str = "batch"
) -> Any:
    """Soft Dice + weighted BCE.

    Args:
        y_true: ``(N, H, W, 1)`` 0/1 targets.
        y_pred: ``(N, H, W, 1)`` probabilities.
        bce_weight: Weight of the BCE term.
        dice_mode: ``"batch"`` (:func:`soft_dice_loss`) or ``"image"``
            (:func:`image_dice_loss`).

    Returns:
        Scalar tensor.
    """
    if dice_mode == "image":
        dice = image_dice_loss(y_true, y_pred)
    elif dice_mode == "batch":
        dice = soft_dice_loss(y_true, y_pred)
    else:
        raise ValueError(f"unknown dice_mode {dice_mode!r}")
    return dice + bce_weight * bce_loss(y_true, y_pred)
