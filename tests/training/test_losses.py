import numpy as np
import pytest

pytest.importorskip("keras")
pytestmark = pytest.mark.tf

from training.losses import bce_loss, dice_bce_loss, soft_dice_loss  # noqa: E402


def _mask(shape: tuple[int, ...], box: tuple[slice, slice]) -> np.ndarray:
    m = np.zeros(shape, np.float32)
    m[(0, *box, 0)] = 1.0
    return m


def test_soft_dice_is_zero_for_a_perfect_prediction():
    y = _mask((1, 8, 8, 1), (slice(2, 5), slice(2, 5)))
    assert float(soft_dice_loss(y, y)) == pytest.approx(0.0, abs=1e-6)


def test_soft_dice_is_near_one_for_disjoint_masks():
    y = _mask((1, 8, 8, 1), (slice(0, 3), slice(0, 3)))
    p = _mask((1, 8, 8, 1), (slice(5, 8), slice(5, 8)))
    # 1 - (0 + 1) / (9 + 9 + 1)
    assert float(soft_dice_loss(y, p)) == pytest.approx(1 - 1 / 19, abs=1e-6)


def test_soft_dice_half_overlap_matches_hand_value():
    y = _mask((1, 4, 4, 1), (slice(0, 2), slice(0, 2)))  # 4 px
    p = _mask((1, 4, 4, 1), (slice(0, 2), slice(1, 3)))  # 4 px, 2 shared
    assert float(soft_dice_loss(y, p)) == pytest.approx(1 - (2 * 2 + 1) / (8 + 1), abs=1e-6)


def test_bce_matches_hand_value():
    y = np.array([[[[1.0], [0.0]]]], np.float32)
    p = np.array([[[[0.8], [0.1]]]], np.float32)
    expected = -(np.log(0.8) + np.log(0.9)) / 2
    assert float(bce_loss(y, p)) == pytest.approx(expected, rel=1e-5)


def test_dice_bce_weights_the_bce_term():
    y = _mask((1, 8, 8, 1), (slice(2, 5), slice(2, 5)))
    p = np.clip(y * 0.7 + 0.1, 0, 1).astype(np.float32)
    both = float(dice_bce_loss(y, p, bce_weight=2.0))
    assert both == pytest.approx(float(soft_dice_loss(y, p)) + 2 * float(bce_loss(y, p)), rel=1e-5)


def test_empty_batch_gives_finite_loss():
    y = np.zeros((2, 8, 8, 1), np.float32)
    p = np.full((2, 8, 8, 1), 0.01, np.float32)
    assert np.isfinite(float(dice_bce_loss(y, p)))


def test_image_dice_weighs_a_small_bleed_like_a_large_one():
    """Two images (1, 16, 16, 1): one 64-px bleed fully found, one 1-px bleed missed.
    Batch Dice barely notices the miss; per-image Dice averages 0 and 1."""
    from training.losses import image_dice_loss

    y = np.zeros((2, 16, 16, 1), np.float32)
    y[0, 2:10, 2:10] = 1.0
    y[1, 5, 5] = 1.0
    p = y.copy()
    p[1, 5, 5] = 0.0
    assert float(soft_dice_loss(y, p)) < 0.05
    assert float(image_dice_loss(y, p, smooth=1e-6)) == pytest.approx(0.5, abs=1e-3)


def test_image_dice_ignores_clean_images_and_is_zero_without_bleeds():
    from training.losses import image_dice_loss

    y = np.zeros((2, 8, 8, 1), np.float32)
    y[0, 2:4, 2:4] = 1.0
    p = y.copy()
    p[1] = 0.9  # a clean image's false positives are the BCE term's job
    assert float(image_dice_loss(y, p)) == pytest.approx(0.0, abs=1e-6)
    assert float(image_dice_loss(np.zeros_like(y), p)) == 0.0


def test_dice_bce_rejects_an_unknown_dice_mode():
    y = np.zeros((1, 4, 4, 1), np.float32)
    with pytest.raises(ValueError, match="dice_mode"):
        dice_bce_loss(y, y, dice_mode="pixel")
