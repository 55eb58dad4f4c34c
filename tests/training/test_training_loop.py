import json

import numpy as np
import pytest

pytest.importorskip("keras")
pytestmark = pytest.mark.tf

from tiny_training import make_dataset, tiny_config  # noqa: E402

from training.cli import main as train_main  # noqa: E402
from training.config import TrainConfig  # noqa: E402
from training.model import build_unet  # noqa: E402
from training.train import BalancedBatches, cosine_lr, train  # noqa: E402


def test_default_unet_shape_and_size():
    model = build_unet(None, None, 3, base_width=16, depth=4)
    x = np.random.default_rng(0).random((2, 64, 64, 3), np.float32)
    y = np.asarray(model(x, training=False))
    assert y.shape == (2, 64, 64, 1)
    assert y.min() >= 0.0 and y.max() <= 1.0
    assert model.count_params() * 4 <= 10 * 1024 * 1024


def test_balanced_batches_hold_the_bleeding_share():
    y = np.zeros((20, 8, 8), np.uint8)
    y[:3, 2:4, 2:4] = 1
    x = np.zeros((20, 8, 8, 3), np.float32)
    batches = BalancedBatches(x, y, 10, 0.4, None, seed=0)
    xb, yb = next(batches)
    assert xb.shape == (10, 8, 8, 3) and yb.shape == (10, 8, 8, 1)
    assert int(yb.reshape(10, -1).any(axis=1).sum()) == 4


def test_patches_of_bleeding_slices_contain_the_bleed():
    """x (40, 64, 64, 3) float16, y (40, 64, 64) uint8 -> patches (8, 32, 32, 3) float32 with
    their masks; every bleeding patch keeps some bleed pixels, subtypes travel along."""
    rng = np.random.default_rng(0)
    y = np.zeros((40, 64, 64), np.uint8)
    for i in range(10):
        r, c = rng.integers(0, 60, size=2)
        y[i, r : r + 3, c : c + 3] = 1
    x = np.zeros((40, 64, 64, 3), np.float16)
    x[:, 16:48, 16:48, :] = 0.4  # a "head" in the middle; air around it
    x[y > 0] = 0.8
    sub = np.zeros((40, 5), np.uint8)
    sub[:10, 3] = 1
    batches = BalancedBatches(x, y, 8, 0.5, None, seed=1, crop=32, subtypes=sub)
    for _ in range(20):
        xb, yb, sb = next(batches)
        assert xb.shape == (8, 32, 32, 3) and xb.dtype == np.float32
        assert yb.shape == (8, 32, 32, 1) and sb.shape == (8, 5)
        bleeding = yb.reshape(8, -1).any(axis=1)
        assert int(bleeding.sum()) == 4
        np.testing.assert_array_equal(sb[:, 3], bleeding.astype(np.float32))
        # the image under the mask is the bleed's grey: the patch and mask stay aligned
        assert np.all(xb[..., 1][yb[..., 0] > 0] == pytest.approx(0.8, abs=1e-3))
        # clean patches are centred in the head, so they are never all air
        assert all(xb[i].max() > 0 for i in np.flatnonzero(~bleeding))


def test_focused_clean_patches_hold_blood_like_density():
    """x (30, 64, 64, 3) float32 with one blood-like spot per clean slice in a corner of
    the head, y (30, 64, 64) uint8 all clean -> with negative_focus 1 every (16, 16) clean
    patch contains its slice's spot; with 0 most patches miss it."""
    rng = np.random.default_rng(3)
    x = np.zeros((30, 64, 64, 3), np.float32)
    x[:, 4:60, 4:60, :] = 0.45  # brain-like head
    spots = rng.integers(6, 56, size=(30, 2))
    for i, (r, c) in enumerate(spots):
        x[i, r, c, :] = 0.7  # one pixel of blood-like density
    y = np.zeros((30, 64, 64), np.uint8)

    def spot_share(focus: float) -> float:
        batches = BalancedBatches(x, y, 10, 0.0, None, seed=5, crop=16, negative_focus=focus)
        hits = [
            bool(np.isclose(xb[..., 1], 0.7).any(axis=(1, 2)).all())
            for xb, _ in (next(batches) for _ in range(10))
        ]
        return float(np.mean(hits))

    assert spot_share(1.0) == 1.0
    assert spot_share(0.0) < 0.5
    with pytest.raises(ValueError, match="negative_focus"):
        BalancedBatches(x, y, 10, 0.0, None, seed=5, crop=16, negative_focus=1.5)


def test_config_refuses_an_inverted_focus_range():
    with pytest.raises(ValueError, match="focus_range"):
        TrainConfig(focus_range=(0.9, 0.6))


def test_mixed_bfloat16_training_saves_float32_checkpoints(tmp_path):
    """A bf16-arithmetic run trains, validates and saves a float32 model whose
    (N, 32, 32, 1) output matches the bf16 network's within bf16 rounding."""
    import keras

    from training.train import build_model, float32_copy

    cfg = tiny_config(tmp_path, precision="mixed_bfloat16", subtype_head=True)
    model = build_model(cfg, 10)
    assert model.get_layer("down0_conv1").compute_dtype == "bfloat16"
    assert model.get_layer("down0_conv1").kernel.dtype == "float32"
    x = np.random.default_rng(0).random((2, 32, 32, 3), np.float32)
    prob, sub = model.predict(x, verbose=0)
    assert prob.dtype == np.float32 and sub.dtype == np.float32
    twin = float32_copy(model, cfg)
    assert twin.get_layer("down0_conv1").compute_dtype == "float32"
    np.testing.assert_allclose(twin.predict(x, verbose=0)[0], prob, atol=0.05)

    make_dataset(tmp_path / "data")
    train(cfg, show_progress=False)
    saved = keras.saving.load_model(tmp_path / "run" / "best.keras", compile=False)
    assert {layer.compute_dtype for layer in saved.layers} == {"float32"}


def test_patch_larger_than_the_slices_is_refused():
    y = np.zeros((4, 16, 16), np.uint8)
    with pytest.raises(ValueError, match="larger than the slices"):
        BalancedBatches(np.zeros((4, 16, 16, 3), np.float32), y, 2, 0.0, None, 0, crop=32)


def test_config_refuses_a_patch_that_does_not_fit_the_net():
    with pytest.raises(ValueError, match=r"multiple of 2\*\*depth"):
        TrainConfig(input_size=64, train_crop=40, depth=4)
    with pytest.raises(ValueError, match="must not exceed"):
        TrainConfig(input_size=64, train_crop=128)


def test_subtype_head_gives_per_slice_scores():
    """(2, 64, 64, 3) -> prob (2, 64, 64, 1) and subtype (2, 5), both in [0, 1]."""
    model = build_unet(None, None, 3, base_width=4, depth=2, subtype_classes=5)
    prob, sub = model(np.random.default_rng(0).random((2, 64, 64, 3), np.float32))
    assert tuple(prob.shape) == (2, 64, 64, 1) and tuple(sub.shape) == (2, 5)
    assert float(np.min(sub)) >= 0.0 and float(np.max(sub)) <= 1.0


def test_patch_training_with_subtype_head_and_image_dice_records_subtype_auc(tmp_path):
    """Trains on 32x32 patches of 48x48 slices, validates whole slices, logs per-class AUC."""
    make_dataset(tmp_path / "data", size=48)
    csv_rows = [
        "PatientNumber,SliceNumber,Intraventricular,Intraparenchymal,"
        "Subarachnoid,Epidural,Subdural,No_Hemorrhage,Fracture_Yes_No"
    ]
    for p in range(6):
        for s in range(1, 5):
            bleed = p % 2 == 0 and s in (2, 3)
            csv_rows.append(f"{p + 1},{s},0,0,0,{int(bleed)},0,{int(not bleed)},0")
    (tmp_path / "data" / "slices.csv").write_text("\n".join(csv_rows) + "\n")
    cfg = tiny_config(tmp_path, subtype_head=True, dice_mode="image").model_copy(
        update={"input_size": 48, "train_crop": 32}
    )
    summary = train(cfg, show_progress=False)

    def strict(token: str) -> None:
        raise ValueError(f"non-standard JSON constant {token}")

    history = [
        json.loads(line, parse_constant=strict)
        for line in (tmp_path / "run" / "history.jsonl").read_text().splitlines()
    ]
    assert history[-1]["subtype_auc"]["Subdural"] is None  # no held-out positives: null
    json.loads((tmp_path / "run" / "summary.json").read_text(), parse_constant=strict)
    assert set(history[-1]["subtype_auc"]) == {
        "Intraventricular",
        "Intraparenchymal",
        "Subarachnoid",
        "Epidural",
        "Subdural",
    }
    assert 0.0 <= history[-1]["subtype_auc"]["Epidural"] <= 1.0
    assert summary["steps"] == 2


def test_subtype_aucs_per_class():
    from training.validate import subtype_aucs

    scores = {"a": np.array([[0.9, 0.1], [0.2, 0.8]]), "b": np.array([[0.1, 0.3]])}
    labels = {"a": np.array([[1, 0], [0, 0]]), "b": np.array([[0, 0]])}
    aucs = subtype_aucs(scores, labels, ("X", "Y"))
    assert aucs["X"] == pytest.approx(1.0) and np.isnan(aucs["Y"])
    with pytest.raises(ValueError, match="do not match"):
        subtype_aucs(scores, labels, ("X",))


def test_cosine_lr_warms_up_then_decays_to_alpha():
    assert cosine_lr(1.0, 0, 10, 0.0, 0.02) == pytest.approx(0.01)
    assert cosine_lr(1.0, 10, 10, 0.0, 0.02) == pytest.approx(1.0)
    assert cosine_lr(1.0, 50, 10, 0.5, 0.02) == pytest.approx(0.51)
    assert cosine_lr(1.0, 99, 10, 1.5, 0.02) == pytest.approx(0.02)


def test_two_step_fit_writes_checkpoint_history_and_split(tmp_path):
    make_dataset(tmp_path / "data")
    summary = train(tiny_config(tmp_path), show_progress=False)
    run = tmp_path / "run"
    assert (run / "best.keras").exists() and (run / "last.keras").exists()
    history = [json.loads(line) for line in (run / "history.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in history] == [1, 2]
    assert all(np.isfinite(h["loss"]) for h in history)
    split = json.loads((run / "split.json").read_text())
    assert set(split["train"]).isdisjoint(split["val"])
    assert summary["steps"] == 2 and summary["val_patients"] == split["val"]


def test_an_xla_compiled_run_takes_the_same_first_step_and_says_how_it_ran(tmp_path):
    """``jit_compile`` changes how a step is computed, not what it computes."""
    import keras

    from training.train import build_model

    cfg = tiny_config(tmp_path, subtype_head=True)
    rng = np.random.default_rng(0)
    x = rng.random((4, 32, 32, 3), np.float32)
    y = {"prob": (rng.random((4, 32, 32, 1)) > 0.8).astype(np.float32),
         "subtype": np.zeros((4, 5), np.float32)}  # fmt: skip
    after = {}
    for jit in (False, True):
        keras.utils.set_random_seed(0)
        model = build_model(cfg.model_copy(update={"jit_compile": jit}), 10)
        assert model.jit_compile is jit
        model.train_on_batch(x, y)
        after[jit] = model.get_layer("down0_conv1").kernel.numpy()
    np.testing.assert_allclose(after[True], after[False], atol=1e-5)

    make_dataset(tmp_path / "data")
    train(cfg.model_copy(update={"jit_compile": True}), show_progress=False)
    history = [json.loads(line) for line in (tmp_path / "run" / "history.jsonl").open()]
    assert [h["jit_compile"] for h in history] == [True, True]
    assert all(np.isfinite(h["loss"]) for h in history)


def test_float32_checkpoints_hold_the_network_without_the_optimizer(tmp_path):
    import zipfile

    import h5py
    import keras

    make_dataset(tmp_path / "data")
    train(tiny_config(tmp_path), show_progress=False)
    for name in ("best.keras", "last.keras"):
        path = tmp_path / "run" / name
        with zipfile.ZipFile(path) as z, z.open("model.weights.h5") as f, h5py.File(f) as h5:
            assert "optimizer" not in h5  # the resume point keeps that, not the checkpoint
        model = keras.saving.load_model(path)
        assert getattr(model, "optimizer", None) is None  # saved uncompiled
        assert {layer.compute_dtype for layer in model.layers} == {"float32"}


def test_wall_clock_budget_stops_cleanly_and_keeps_best(tmp_path):
    make_dataset(tmp_path / "data")
    cfg = tiny_config(tmp_path, max_minutes=1e-6, lr_schedule="time")
    summary = train(cfg.model_copy(update={"epochs": 50}), show_progress=False)
    assert summary["stopped_by_budget"] is True
    assert summary["steps"] == 1
    assert (tmp_path / "run" / "best.keras").exists()


def test_cli_reports_a_missing_data_folder(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"data_dir: {tmp_path / 'nope'}\n")
    assert train_main(["--config", str(cfg), "--no-progress"]) == 2
    assert "data folder not found" in capsys.readouterr().err


def test_cli_rejects_an_invalid_config(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("batch_size: 0\n")
    assert train_main(["--config", str(cfg)]) == 2
    assert "batch_size" in capsys.readouterr().err
