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


def _bleed_image():
    img = np.full((64, 64, 3), 0.45, np.float32)
    mask = np.zeros((64, 64), np.uint8)
    mask[20:34, 24:40] = 1
    img[mask > 0] = 0.75
    return img, mask


def test_hypodense_blood_is_redrawn_darker_than_the_brain_around_it():
    from training.augment import hypodense_blood

    img, mask = _bleed_image()
    out = hypodense_blood(img, mask, 0.6, np.random.default_rng(0))
    inside = out[22:32, 26:38, 1]
    assert inside.mean() == pytest.approx(0.45 * 0.6, abs=0.02)
    assert out[mask == 0].mean() == pytest.approx(0.45, abs=0.01)  # brain untouched


def test_jpeg_round_trip_keeps_shape_range_and_roughly_the_picture():
    from training.augment import jpeg_round_trip

    img = np.random.default_rng(1).random((32, 32, 3)).astype(np.float32)
    out = jpeg_round_trip(img, 50)
    assert out.shape == img.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not np.array_equal(out, img) and np.abs(out - img).mean() < 0.2


@pytest.mark.parametrize("seed", range(5))
def test_robustness_augmentations_keep_the_mask_and_the_range(seed):
    cfg = AugmentConfig(
        p_geometric=0.0,
        flip_lr=0.0,
        p_gamma=1.0,
        p_blur=1.0,
        p_noise=1.0,
        p_jpeg=1.0,
        p_hypodense=1.0,
    )
    img, mask = _bleed_image()
    out, out_mask = Augment(cfg)(img, mask, np.random.default_rng(seed))
    np.testing.assert_array_equal(out_mask, mask)  # intensity changes only
    assert out.shape == img.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
