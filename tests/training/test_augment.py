import numpy as np
import pytest

from training.augment import Augment, AugmentConfig


def _pair(size: int = 64) -> tuple[np.ndarray, np.ndarray]:
    mask = np.zeros((size, size), np.uint8)
    mask[10:30, 35:50] = 1
    img = np.repeat((0.2 + 0.7 * mask.astype(np.float32))[..., None], 3, axis=2)
    return img, mask


@pytest.mark.parametrize("seed", range(8))
def test_augment_keeps_image_and_mask_aligned(seed):
    img, mask = _pair()
    cfg = AugmentConfig(contrast_range=0.0, brightness_range=0.0, p_geometric=1.0)
    out_img, out_mask = Augment(cfg)(img, mask, np.random.default_rng(seed))
    bright = out_img[..., 1] > 0.55
    # Everywhere except the bilinear edge band, the bright pixels are the mask pixels.
    agree = (bright == out_mask.astype(bool)).mean()
    assert agree > 0.98
    assert out_mask.sum() > 0.7 * mask.sum()


def test_augment_keeps_shapes_dtypes_and_range():
    img, mask = _pair()
    out_img, out_mask = Augment()(img, mask, np.random.default_rng(0))
    assert out_img.shape == img.shape and out_img.dtype == np.float32
    assert out_mask.shape == mask.shape and out_mask.dtype == np.uint8
    assert out_img.min() >= 0.0 and out_img.max() <= 1.0
    assert set(np.unique(out_mask)) <= {0, 1}


def test_flip_only_mirrors_left_right():
    img, mask = _pair()
    cfg = AugmentConfig(flip_lr=1.0, p_geometric=0.0, contrast_range=0.0, brightness_range=0.0)
    out_img, out_mask = Augment(cfg)(img, mask, np.random.default_rng(0))
    np.testing.assert_array_equal(out_mask, mask[:, ::-1])
    np.testing.assert_allclose(out_img, img[:, ::-1])


def test_same_seed_gives_same_sample():
    img, mask = _pair()
    a = Augment()(img, mask, np.random.default_rng(3))
    b = Augment()(img, mask, np.random.default_rng(3))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_channels_share_one_transform():
    img, mask = _pair()
    cfg = AugmentConfig(contrast_range=0.0, brightness_range=0.0, p_geometric=1.0)
    out_img, _ = Augment(cfg)(img, mask, np.random.default_rng(5))
    np.testing.assert_allclose(out_img[..., 0], out_img[..., 2])
