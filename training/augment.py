"""Augmentation for image/mask pairs (numpy and SciPy), configured callables."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from scipy import ndimage


class AugmentConfig(BaseModel):
    """Augmentation settings.

    Attributes:
        flip_lr: Probability of a left-right flip.
        max_rotate_deg: Rotations are drawn uniformly from +/- this angle.
        scale_range: Isotropic zoom drawn uniformly from ``[1 - s, 1 + s]``.
        max_shift_frac: Translation drawn uniformly from +/- this fraction of the size.
        contrast_range: Multiplicative intensity jitter from ``[1 - c, 1 + c]``.
        brightness_range: Additive intensity jitter from ``[-b, b]`` (input is in [0, 1]).
        p_geometric: Probability of applying the rotation/scale/shift.
    """

    model_config = ConfigDict(extra="forbid")

    flip_lr: float = Field(0.5, ge=0, le=1)
    max_rotate_deg: float = Field(15.0, ge=0, le=180)
    scale_range: float = Field(0.1, ge=0, lt=1)
    max_shift_frac: float = Field(0.05, ge=0, lt=0.5)
    contrast_range: float = Field(0.1, ge=0, lt=1)
    brightness_range: float = Field(0.05, ge=0, lt=1)
    p_geometric: float = Field(0.8, ge=0, le=1)


class Augment:
    """Randomly flip, rotate, scale, shift and intensity-jitter an image with its mask.

    The same geometric transform is applied to every channel and to the mask, so they stay
    aligned; the image is resampled bilinearly, the mask by nearest neighbour.

    Args:
        config: Augmentation settings.
    """

    def __init__(self, config: AugmentConfig | None = None) -> None:
        self.config = config or AugmentConfig()

    def __call__(
        self, image: np.ndarray, mask: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """Augment one sample.

        Args:
            image: ``(H, W, C)`` ``float32`` in [0, 1].
            mask: ``(H, W)`` ``uint8`` 0/1.
            rng: Random generator (the only source of randomness).

        Returns:
            ``(image, mask)`` with the same shapes and dtypes.
        """
        cfg = self.config
        img = image
        msk = mask
        if rng.random() < cfg.flip_lr:
            img = img[:, ::-1, :]
            msk = msk[:, ::-1]
        if rng.random() < cfg.p_geometric:
            img, msk = self._affine(img, msk, rng)
        contrast = 1.0 + rng.uniform(-cfg.contrast_range, cfg.contrast_range)
        bright = rng.uniform(-cfg.brightness_range, cfg.brightness_range)
        img = np.clip(img * np.float32(contrast) + np.float32(bright), 0.0, 1.0)
        return np.ascontiguousarray(img, dtype=np.float32), np.ascontiguousarray(msk)

    def _affine(
        self, img: np.ndarray, msk: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        cfg = self.config
        h, w = msk.shape
        angle = np.deg2rad(rng.uniform(-cfg.max_rotate_deg, cfg.max_rotate_deg))
        scale = 1.0 + rng.uniform(-cfg.scale_range, cfg.scale_range)
        shift = rng.uniform(-cfg.max_shift_frac, cfg.max_shift_frac, size=2) * (h, w)
        cos, sin = np.cos(angle), np.sin(angle)
        # Output pixel o maps to input pixel matrix @ o + offset (rotation about the centre).
        matrix = np.array([[cos, -sin], [sin, cos]]) / scale
        centre = np.array([(h - 1) / 2.0, (w - 1) / 2.0])
        offset = centre - matrix @ (centre + shift)
        out = np.empty_like(img, dtype=np.float32)
        for c in range(img.shape[2]):
            ndimage.affine_transform(
                np.ascontiguousarray(img[:, :, c]),
                matrix,
                offset=offset,
                order=1,
                mode="constant",
                cval=0.0,
                output=out[:, :, c],
            )
        new_mask = ndimage.affine_transform(
            np.ascontiguousarray(msk), matrix, offset=offset, order=0, mode="constant", cval=0
        )
        return out, new_mask.astype(msk.dtype)
