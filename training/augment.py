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
        p_gamma: Probability of a gamma change ``x ** g``, ``log g`` uniform in
            ``+/- log(1 + gamma_range)`` (scanner and window differences).
        gamma_range: See ``p_gamma``.
        p_blur: Probability of a Gaussian blur with sigma drawn from ``(0.3, blur_sigma)``
            pixels (soft reconstruction kernels, resampled videos).
        blur_sigma: See ``p_blur``.
        p_noise: Probability of additive Gaussian noise with sigma drawn from
            ``(0, noise_sigma)`` (low-dose scans).
        noise_sigma: See ``p_noise``.
        p_jpeg: Probability of a JPEG round trip of every channel at a quality drawn from
            ``jpeg_quality`` (the product takes H.264 videos and JPEG slices; both leave
            8x8 block artefacts and lose fine edges).
        jpeg_quality: ``(low, high)`` JPEG quality.
        p_hypodense: Probability, for an image with haemorrhage, of redrawing the blood's
            density between ``hypodense_range`` times the surrounding brain's grey level
            (iso- and hypodense subacute/hyperacute collections, which are darker than or
            as dark as brain in the brain window; the mask is unchanged).
        hypodense_range: ``(low, high)`` factor of the brain's grey level.
    """

    model_config = ConfigDict(extra="forbid")

    flip_lr: float = Field(0.5, ge=0, le=1)
    max_rotate_deg: float = Field(15.0, ge=0, le=180)
    scale_range: float = Field(0.1, ge=0, lt=1)
    max_shift_frac: float = Field(0.05, ge=0, lt=0.5)
    contrast_range: float = Field(0.1, ge=0, lt=1)
    brightness_range: float = Field(0.05, ge=0, lt=1)
    p_geometric: float = Field(0.8, ge=0, le=1)
    p_gamma: float = Field(0.0, ge=0, le=1)
    gamma_range: float = Field(0.3, ge=0, lt=2)
    p_blur: float = Field(0.0, ge=0, le=1)
    blur_sigma: float = Field(1.2, gt=0.3, le=5)
    p_noise: float = Field(0.0, ge=0, le=1)
    noise_sigma: float = Field(0.03, ge=0, le=0.5)
    p_jpeg: float = Field(0.0, ge=0, le=1)
    jpeg_quality: tuple[int, int] = (30, 90)
    p_hypodense: float = Field(0.0, ge=0, le=1)
    hypodense_range: tuple[float, float] = (0.55, 1.0)


class Augment:
    """Randomly flip, rotate, scale, shift and intensity-jitter an image with its mask.

    The same geometric transform is applied to every channel and to the mask, so they stay
    aligned; the image is resampled bilinearly, the mask by nearest neighbour. A mask may
    carry a second channel, a teacher's probability map for distillation
    (:mod:`training.distill`), which moves with it and is resampled bilinearly.

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
            mask: ``(H, W)`` ``uint8`` 0/1, or ``(H, W, 2)`` ``uint8``: the 0/1 mask and a
                teacher's probability times 255.
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
        hard = msk if msk.ndim == 2 else msk[..., 0]
        contrast = 1.0 + rng.uniform(-cfg.contrast_range, cfg.contrast_range)
        bright = rng.uniform(-cfg.brightness_range, cfg.brightness_range)
        img = np.clip(img * np.float32(contrast) + np.float32(bright), 0.0, 1.0)
        if cfg.p_hypodense and hard.any() and rng.random() < cfg.p_hypodense:
            img = hypodense_blood(img, hard, rng.uniform(*cfg.hypodense_range), rng)
        if cfg.p_gamma and rng.random() < cfg.p_gamma:
            g = np.exp(rng.uniform(-np.log1p(cfg.gamma_range), np.log1p(cfg.gamma_range)))
            img = np.power(img, np.float32(g))
        if cfg.p_blur and rng.random() < cfg.p_blur:
            sigma = rng.uniform(0.3, cfg.blur_sigma)
            img = ndimage.gaussian_filter(img, sigma=(sigma, sigma, 0), mode="nearest")
        if cfg.p_noise and rng.random() < cfg.p_noise:
            sigma = rng.uniform(0.0, cfg.noise_sigma)
            img = np.clip(img + rng.normal(0.0, sigma, img.shape).astype(np.float32), 0.0, 1.0)
        if cfg.p_jpeg and rng.random() < cfg.p_jpeg:
            low, high = cfg.jpeg_quality
            img = jpeg_round_trip(img, int(rng.integers(low, high + 1)))
        return np.ascontiguousarray(img, dtype=np.float32), np.ascontiguousarray(msk)

    def _affine(
        self, img: np.ndarray, msk: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        cfg = self.config
        h, w = msk.shape[:2]
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
        planes = [msk] if msk.ndim == 2 else [msk[..., i] for i in range(msk.shape[2])]
        moved = [
            ndimage.affine_transform(
                np.ascontiguousarray(plane, np.float32 if i else plane.dtype),
                matrix,
                offset=offset,
                order=1 if i else 0,  # the 0/1 mask by nearest neighbour, soft maps bilinearly
                mode="constant",
                cval=0,
            )
            for i, plane in enumerate(planes)
        ]
        new_mask = (
            moved[0]
            if msk.ndim == 2
            else np.stack([np.clip(np.rint(m), 0, 255) for m in moved], axis=-1)
        )
        return out, new_mask.astype(msk.dtype)


def hypodense_blood(
    image: np.ndarray, mask: np.ndarray, factor: float, rng: np.random.Generator
) -> np.ndarray:
    """Redraw the haemorrhage as iso- or hypodense blood (darker than acute blood).

    Acute blood is brighter than brain in the brain window; subacute or hyperacute
    collections (and blood in anaemic patients) are as dark as brain or darker. The
    pixels under the mask are set to ``factor`` times the median grey of the brain around
    the bleed, keeping their own texture (deviation from their mean, halved), in every
    channel where the mask applies (the centre channel and the context channels alike,
    since neighbouring slices of one collection share its density).

    Args:
        image: ``(H, W, C)`` ``float32`` in [0, 1].
        mask: ``(H, W)`` 0/1 haemorrhage mask of the centre slice.
        factor: Target grey as a fraction of the surrounding brain's grey (about 0.5-1.0).
        rng: Random generator (only for a slight blur of the mask's edge).

    Returns:
        ``(H, W, C)`` ``float32`` in [0, 1].
    """
    m = mask.astype(bool)
    ring = ndimage.binary_dilation(m, iterations=6) & ~ndimage.binary_dilation(m, iterations=2)
    out = image.copy()
    for c in range(image.shape[2]):
        ch = image[..., c]
        around = ch[ring & (ch > 0.15) & (ch < 0.9)]
        if not around.size:
            continue
        brain = float(np.median(around))
        inside = ch[m]
        target = brain * factor + 0.5 * (inside - inside.mean())
        soft = ndimage.gaussian_filter(m.astype(np.float32), rng.uniform(0.5, 1.5))
        new = ch.copy()
        new[m] = target
        out[..., c] = np.clip(soft * new + (1.0 - soft) * ch, 0.0, 1.0)
    return out


def jpeg_round_trip(image: np.ndarray, quality: int) -> np.ndarray:
    """Encode and decode every channel as 8-bit JPEG (lossy-compression artefacts).

    Args:
        image: ``(H, W, C)`` ``float32`` in [0, 1].
        quality: JPEG quality, 1-95.

    Returns:
        ``(H, W, C)`` ``float32`` in [0, 1], quantised to 1/255.
    """
    import io

    from PIL import Image

    out = np.empty_like(image, dtype=np.float32)
    for c in range(image.shape[2]):
        grey = np.clip(np.rint(image[..., c] * 255.0), 0, 255).astype(np.uint8)
        buf = io.BytesIO()
        Image.fromarray(grey).save(buf, format="JPEG", quality=quality)
        buf.seek(0)
        with Image.open(buf) as im:
            out[..., c] = np.asarray(im.convert("L"), np.float32) / 255.0
    return out
