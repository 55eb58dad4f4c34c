"""Data-parallel training with ``tf.distribute.MultiWorkerMirroredStrategy``.

Every worker runs this module with its own ``TF_CONFIG`` (see :mod:`training.launch`).
The loop is a custom one (Keras 3 models train under ``strategy.run``):

* each step, every worker draws the same seeded global batch and keeps its own shard;
* BatchNorm is synchronised, so batch statistics are those of the global batch;
* the batch-global soft Dice is not a sum over samples, so each replica minimises a
  surrogate whose gradients sum (Keras all-reduces gradients with SUM) to the gradient of
  the global-batch Dice + BCE; the reported loss is the exact global-batch loss.

The result equals a single-process run on the global batch up to float rounding; the
test ``tests/training/test_distributed.py`` checks this with two local workers.

Horovod is not used: horovod 0.28.1 (its last release) does not build against TensorFlow
2.21 without patches, and patched, its DistributedOptimizer does not average gradients
under Keras 3. See ``training/README.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from training.augment import Augment
from training.config import TrainConfig

log = logging.getLogger(__name__)
SMOOTH = 1.0
EPS = 1e-6


def worker_index() -> tuple[int, int]:
    """This process's worker index and the number of workers, from ``TF_CONFIG``.

    Returns:
        ``(index, count)``; ``(0, 1)`` without ``TF_CONFIG``.
    """
    raw = os.environ.get("TF_CONFIG")
    if not raw:
        return 0, 1
    conf = json.loads(raw)
    return int(conf["task"]["index"]), len(conf["cluster"]["worker"])


def run(cfg: TrainConfig, steps: int, augment: bool = True) -> dict:
    """Train for ``steps`` steps on this worker's shard of each global batch.

    Args:
        cfg: Training config; ``batch_size`` is the GLOBAL batch (split across workers).
        steps: Optimisation steps.
        augment: Apply the config's augmentation.

    Returns:
        Dict with ``worker``, ``workers``, per-step global ``losses`` and ``seconds``.
        The chief (worker 0) saves ``last.keras`` in ``cfg.out_dir``; every worker writes
        ``worker-<i>.json`` and ``worker-<i>.weights.npz`` there.
    """
    import keras
    import tensorflow as tf

    from training.data import load_dataset
    from training.model import build_unet
    from training.train import BalancedBatches, spec_for, split_patients

    index, count = worker_index()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    if cfg.batch_size % count:
        raise ValueError(f"batch_size {cfg.batch_size} is not divisible by {count} workers")
    local = cfg.batch_size // count
    keras.utils.set_random_seed(cfg.seed)
    spec = spec_for(cfg)
    volumes = load_dataset(cfg.data_dir, spec, cfg.cache_dir)
    train_ids, _ = split_patients(cfg, volumes)
    x = np.concatenate([volumes[p].x for p in train_ids])
    y = np.concatenate([volumes[p].y for p in train_ids])
    sampler = BalancedBatches(
        x,
        y,
        cfg.batch_size,
        cfg.bleed_fraction,
        Augment(cfg.augment) if augment else None,
        cfg.seed + 1,
    )
    with strategy.scope():
        model = build_unet(
            None,
            None,
            2 * cfg.context_slices + 1,
            base_width=cfg.base_width,
            depth=cfg.depth,
            synchronized_bn=True,
        )
        optimizer = keras.optimizers.AdamW(
            learning_rate=cfg.learning_rate, weight_decay=cfg.weight_decay
        )
        optimizer.build(model.trainable_variables)
    bce_weight = float(cfg.bce_weight)
    n_pixels = float(cfg.batch_size * cfg.input_size * cfg.input_size)

    def step_fn(xb: Any, yb: Any) -> Any:
        ctx = tf.distribute.get_replica_context()
        with tf.GradientTape() as tape:
            p = model(xb, training=True)
            inter_r = tf.reduce_sum(yb * p)
            denom_r = tf.reduce_sum(yb) + tf.reduce_sum(p)
            pc = tf.clip_by_value(p, EPS, 1.0 - EPS)
            bce_r = -tf.reduce_sum(yb * tf.math.log(pc) + (1.0 - yb) * tf.math.log(1.0 - pc))
            totals = ctx.all_reduce(
                tf.distribute.ReduceOp.SUM, tf.stop_gradient(tf.stack([inter_r, denom_r, bce_r]))
            )
            inter, denom, bce = totals[0], totals[1], totals[2]
            d_inter = -2.0 / (denom + SMOOTH)
            d_denom = (2.0 * inter + SMOOTH) / (denom + SMOOTH) ** 2
            surrogate = d_inter * inter_r + d_denom * denom_r + bce_weight * bce_r / n_pixels
        grads = tape.gradient(surrogate, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return 1.0 - (2.0 * inter + SMOOTH) / (denom + SMOOTH) + bce_weight * bce / n_pixels

    @tf.function
    def train_step(xb: Any, yb: Any) -> Any:
        per_replica = strategy.run(step_fn, args=(xb, yb))
        return strategy.reduce(tf.distribute.ReduceOp.MEAN, per_replica, axis=None)

    losses = []
    t0 = time.monotonic()
    for _ in range(steps):
        xb, yb = next(sampler)
        shard = slice(index * local, (index + 1) * local)
        loss = train_step(tf.constant(xb[shard]), tf.constant(yb[shard]))
        losses.append(float(loss))
    seconds = time.monotonic() - t0
    out = cfg.out_dir
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / f"worker-{index}.weights.npz", *[np.asarray(v) for v in model.weights])
    result = {"worker": index, "workers": count, "losses": losses, "seconds": seconds}
    (out / f"worker-{index}.json").write_text(json.dumps(result) + "\n")
    if index == 0:
        model.save(out / "last.keras")
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m training.distributed --config C --steps N`` (one worker).

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status.
    """
    p = argparse.ArgumentParser(prog="python -m training.distributed")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--out-dir", type=Path)
    p.add_argument("--no-augment", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        cfg = TrainConfig.from_yaml(args.config)
        if args.out_dir:
            cfg = cfg.model_copy(update={"out_dir": args.out_dir})
        result = run(cfg, args.steps, augment=not args.no_augment)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: v for k, v in result.items() if k != "losses"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
