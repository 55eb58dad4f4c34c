"""Training images/s: the real training step (``training/``) on synthetic batches.

Builds and compiles the U-Net exactly as ``training.train.build_model`` does for a config
(default ``configs/default.yaml``), feeds it batches from the real sampler with the real
augmentation (``BalancedBatches`` + ``Augment``) over synthetic slices, and times
``train_on_batch`` after a warm-up. It also times the sampler alone, to show whether data
preparation or the step limits the rate. No CT-ICH data is read.

    uv run python benchmarks/train_throughput.py [--config configs/default.yaml] [--steps 8]
        [--precision float32|mixed_bfloat16] [--[no-]jit-compile]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np
from common import cpu_flags, machine

from training.cli import add_arithmetic_arguments


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("configs/default.yaml"))
    parser.add_argument("--steps", type=int, default=8, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed first steps")
    parser.add_argument("--batch-size", type=int, help="override the config's batch size")
    add_arithmetic_arguments(parser)
    args = parser.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras

    from training.augment import Augment
    from training.cli import arithmetic_updates
    from training.config import TrainConfig
    from training.train import BalancedBatches, batch_targets, build_model

    cfg = TrainConfig.from_yaml(args.config) if args.config.is_file() else TrainConfig()
    if args.batch_size:
        cfg = cfg.model_copy(update={"batch_size": args.batch_size})
    cfg = cfg.model_copy(update=arithmetic_updates(args))
    keras.utils.set_random_seed(cfg.seed)
    size, ch = cfg.input_size, 2 * cfg.context_slices + 1
    rng = np.random.default_rng(0)
    n = 64
    x = rng.random((n, size, size, ch), np.float32)
    y = np.zeros((n, size, size), np.uint8)
    y[: n // 2, size // 3 : size // 2, size // 3 : size // 2] = 1  # half the slices bleed
    subtypes = np.zeros((n, 5), np.uint8) if cfg.subtype_head else None
    if subtypes is not None:
        subtypes[: n // 2, 4] = 1
    sampler = BalancedBatches(
        x,
        y,
        cfg.batch_size,
        cfg.bleed_fraction,
        Augment(cfg.augment),
        cfg.seed,
        crop=cfg.train_crop,
        subtypes=subtypes,
        negative_focus=cfg.negative_focus,
        focus_range=cfg.focus_range,
    )
    model = build_model(cfg, total_steps=1000)
    print(f"machine: {machine()}")
    print(
        f"backend {keras.backend.backend()} (keras {keras.__version__}); config {args.config}: "
        f"{size}x{size}x{ch}"
        + (f" in {cfg.train_crop}x{cfg.train_crop} patches" if cfg.train_crop else "")
        + (" + subtype head" if cfg.subtype_head else "")
        + (" + slice head" if cfg.slice_head else "")
        + f", base width {cfg.base_width}, depth {cfg.depth}, "
        f"batch {cfg.batch_size}, {model.count_params() / 1e6:.2f} M parameters; "
        f"{cfg.precision}, XLA {'on' if cfg.jit_compile else 'off'}"
    )
    print(f"cpu flags: {cpu_flags()}")
    t0 = time.perf_counter()
    batches = [next(sampler) for _ in range(args.warmup + args.steps)]
    t_data = (time.perf_counter() - t0) / len(batches)
    step_s = []
    for i, (xb, *targets) in enumerate(batches):
        yb = batch_targets(cfg, targets)
        t0 = time.perf_counter()
        model.train_on_batch(xb, yb)
        if i >= args.warmup:
            step_s.append(time.perf_counter() - t0)
    med = statistics.median(step_s)
    print(f"{'stage':<34}{'s/batch':>10}{'images/s':>10}")
    print(f"{'sampler + augmentation':<34}{t_data:>10.3f}{cfg.batch_size / t_data:>10.1f}")
    print(f"{'train_on_batch (median)':<34}{med:>10.3f}{cfg.batch_size / med:>10.1f}")
    print(f"{'train_on_batch (best)':<34}{min(step_s):>10.3f}{cfg.batch_size / min(step_s):>10.1f}")
    overlap = cfg.batch_size / max(med, t_data)
    print(f"training loop with prefetch (max of the two): {overlap:.1f} images/s")


if __name__ == "__main__":
    main()
