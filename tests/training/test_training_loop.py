import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest.importorskip("keras")
pytestmark = pytest.mark.tf

from training.cli import main as train_main  # noqa: E402
from training.config import TrainConfig  # noqa: E402
from training.model import build_unet  # noqa: E402
from training.train import BalancedBatches, cosine_lr, train  # noqa: E402


def make_dataset(root: Path, n_patients: int = 6, size: int = 48) -> None:
    rng = np.random.default_rng(0)
    for p in range(n_patients):
        for sub in ("images", "masks"):
            (root / sub / f"{p + 1:03d}").mkdir(parents=True)
        for s in range(1, 5):
            img = rng.integers(0, 90, size=(size, size), dtype=np.uint8)
            mask = np.zeros((size, size), np.uint8)
            if p % 2 == 0 and s in (2, 3):
                mask[10:22, 14:30] = 255
                img[mask > 0] = 200
            Image.fromarray(img).save(root / "images" / f"{p + 1:03d}" / f"{s:03d}.png")
            Image.fromarray(mask).save(root / "masks" / f"{p + 1:03d}" / f"{s:03d}.png")


def tiny_config(tmp_path: Path, **kw) -> TrainConfig:
    return TrainConfig(
        data_dir=tmp_path / "data",
        cache_dir=None,
        out_dir=tmp_path / "run",
        input_size=32,
        base_width=4,
        depth=2,
        batch_size=4,
        steps_per_epoch=1,
        epochs=2,
        warmup_steps=0,
        n_val=2,
        **kw,
    )


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
