"""A tiny CT-ICH-shaped data set and training config, built in the test (no patient data)."""

from pathlib import Path

import numpy as np
from PIL import Image

from training.config import TrainConfig


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
