"""Distillation: teacher maps travel with the masks, mix into the target, stay honest in CV."""

import json

import numpy as np
import pytest

from training.augment import Augment, AugmentConfig
from training.config import TrainConfig
from training.data import patient_split


def _blob(size: int = 64) -> tuple[np.ndarray, np.ndarray]:
    img = np.full((size, size, 3), 0.3, np.float32)
    mask = np.zeros((size, size), np.uint8)
    mask[20:36, 12:30] = 1
    img[mask > 0] = 0.7
    return img, mask


@pytest.mark.parametrize("seed", range(5))
def test_teacher_map_moves_with_the_mask_under_augmentation(seed):
    img, mask = _blob()
    soft = mask * np.uint8(200)
    aug = Augment(AugmentConfig(p_geometric=1.0, max_rotate_deg=30, scale_range=0.2))
    out_img, out = aug(img, np.stack([mask, soft], axis=-1), np.random.default_rng(seed))
    assert out.shape == (64, 64, 2) and out.dtype == np.uint8 and out_img.shape == img.shape
    hard, moved = out[..., 0] > 0, out[..., 1] >= 100
    assert set(np.unique(out[..., 0])) <= {0, 1}
    assert (hard & moved).sum() / (hard | moved).sum() > 0.85
    # The same draw without the teacher channel gives the same image and mask.
    img2, mask2 = aug(img, mask, np.random.default_rng(seed))
    np.testing.assert_array_equal(mask2, out[..., 0])
    np.testing.assert_allclose(img2, out_img)


def test_hypodense_redraw_uses_the_mask_not_the_teacher_map():
    img, mask = _blob()
    soft = np.full_like(mask, 30)  # the teacher is faintly positive everywhere
    aug = Augment(
        AugmentConfig(
            p_geometric=0,
            flip_lr=0,
            contrast_range=0,
            brightness_range=0,
            p_hypodense=1.0,
            hypodense_range=(0.5, 0.5),
        )
    )
    out_img, _ = aug(img, np.stack([mask, soft], axis=-1), np.random.default_rng(0))
    outside = mask == 0
    ring_far = outside.copy()
    ring_far[12:44, 4:38] = False
    np.testing.assert_allclose(out_img[ring_far], img[ring_far])
    assert out_img[mask > 0].mean() < img[mask > 0].mean()


def test_balanced_batches_carry_the_teacher_map_beside_the_mask():
    from training.train import BalancedBatches

    img, mask = _blob()
    x = np.stack([img, img * 0.5])
    y = np.stack([mask, np.zeros_like(mask)])
    soft = np.stack([mask * np.uint8(255), np.full_like(mask, 51)])
    batches = BalancedBatches(x, y, 4, 0.5, None, seed=0, crop=32, soft=soft)
    xb, yb = next(batches)
    assert xb.shape == (4, 32, 32, 3) and yb.shape == (4, 32, 32, 2)
    for i in range(4):
        if yb[i, ..., 0].any():  # a bleeding slice's patch: the teacher agrees pixel for pixel
            np.testing.assert_allclose(yb[i, ..., 1], yb[i, ..., 0])
        else:
            np.testing.assert_allclose(yb[i, ..., 1], 0.2)
    with pytest.raises(ValueError, match="do not match"):
        BalancedBatches(x, y, 4, 0.5, None, seed=0, soft=soft[:1])


def test_targets_mix_mask_and_teacher_and_slice_label_follows_the_mask():
    from training.train import batch_targets

    cfg = TrainConfig(slice_head=True, distill_weight=0.25)
    masks = np.zeros((2, 4, 4, 2), np.float32)
    masks[0, 1, 1, 0] = 1.0
    masks[0, 1, 1, 1] = 0.6
    masks[1, 2, 2, 1] = 0.8  # the teacher sees something on a clean slice
    out = batch_targets(cfg, [masks])
    np.testing.assert_allclose(out["prob"][0, 1, 1, 0], 0.75 + 0.25 * 0.6)
    np.testing.assert_allclose(out["prob"][1, 2, 2, 0], 0.25 * 0.8)
    assert out["prob"].shape == (2, 4, 4, 1)
    np.testing.assert_array_equal(out["slice"][:, 0], [1.0, 0.0])
    plain = batch_targets(TrainConfig(), [masks[..., :1]])
    np.testing.assert_array_equal(plain, masks[..., :1])


def test_zero_held_out_trains_on_every_patient():
    counts = {f"{i:03d}": i % 3 for i in range(10)}
    train, val = patient_split(counts, 0, seed=1)
    assert val == [] and train == sorted(counts)


class _Const:
    def __init__(self, value: float) -> None:
        self.value = value

    def predict_on_batch(self, x):
        return [np.full((*x.shape[:3], 1), self.value, np.float32), np.zeros((len(x), 5))]


def test_teachers_are_averaged_into_uint8_maps():
    from training.distill import average_probabilities

    x = np.zeros((5, 8, 8, 3), np.float16)
    soft = average_probabilities([_Const(0.2), _Const(0.6)], x, batch_size=2)
    assert soft.shape == (5, 8, 8) and soft.dtype == np.uint8
    assert np.all(soft == round(0.4 * 255))
    with pytest.raises(ValueError, match="no teacher"):
        average_probabilities([], x)


def test_teacher_maps_are_kept_and_remade_when_a_teacher_changes(tmp_path, monkeypatch):
    import keras

    from training import distill

    loads = []

    def fake_load(path, compile=False):
        loads.append(path)
        return _Const(float(path.read_text()))

    monkeypatch.setattr(keras.models, "load_model", fake_load)
    teacher = tmp_path / "t.keras"
    teacher.write_text("0.5")
    x = np.zeros((3, 4, 4, 3), np.float16)
    first = distill.teacher_maps([teacher], x, tmp_path / "run", ["001"])
    assert np.all(first == 128) and len(loads) == 1
    again = distill.teacher_maps([teacher], x, tmp_path / "run", ["001"])
    np.testing.assert_array_equal(again, first)
    assert len(loads) == 1  # read from teacher.npz
    teacher.write_text("1.0")
    assert np.all(distill.teacher_maps([teacher], x, tmp_path / "run", ["001"]) == 255)
    assert len(loads) == 2
    with pytest.raises(FileNotFoundError, match="teacher model not found"):
        distill.teacher_maps([tmp_path / "missing.keras"], x, tmp_path / "run", ["001"])


@pytest.mark.tf
def test_each_fold_student_learns_from_its_own_fold_teacher_only(tmp_path):
    pytest.importorskip("keras")
    from tiny_training import make_dataset, tiny_config

    from training.cv import load_folds, run_cv

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    teacher_cfg = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(teacher_cfg, tmp_path / "cv", k=3, only=[1])
    student_cfg = teacher_cfg.model_copy(
        update={"base_width": 2, "teacher_cv_dir": tmp_path / "cv", "distill_weight": 0.5}
    )
    run_cv(student_cfg, tmp_path / "student", k=3, only=[1])
    assert load_folds(tmp_path / "student") == load_folds(tmp_path / "cv")
    fold = tmp_path / "student" / "fold1"
    recorded = json.loads((fold / "config.json").read_text())
    assert recorded["teachers"] == [str(tmp_path / "cv" / "fold1" / "last.keras")]
    split = json.loads((fold / "split.json").read_text())
    with np.load(fold / "teacher.npz") as z:
        assert z["soft"].shape == (4 * len(split["train"]), 32, 32)
        assert json.loads(str(z["key"]))["patients"] == split["train"]
    assert (fold / "oof").is_dir() and (fold / "last.keras").exists()
    # A student folder whose folds differ from its teachers' is refused.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "folds.json").write_text(json.dumps({"folds": [["001"]] * 3}))
    with pytest.raises(ValueError, match="differs from the teachers"):
        run_cv(student_cfg, tmp_path / "other", k=3, only=[1])
