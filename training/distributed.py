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
        Dict with ``worker``, ``workers``, per-step global ``losses``, ``seconds`` and the
        ``compute_dtype`` of the hidden layers (``bfloat16`` under ``mixed_bfloat16``).
        The chief (worker 0) saves ``last.keras`` in ``cfg.out_dir``; every worker writes
        ``worker-<i>.json`` and ``worker-<i>.weights.npz`` there.
    """
    if cfg.teachers or cfg.teacher_cv_dir is not None:
        raise ValueError("distillation (teachers) runs in the single-process loop only")
    import keras
    import tensorflow as tf

    from training.data import SUBTYPES
    from training.train import (
        BalancedBatches,
        float32_copy,
        load_compact,
        spec_for,
        split_patients,
        unet_for,
    )

    index, count = worker_index()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    if cfg.batch_size % count:
        raise ValueError(f"batch_size {cfg.batch_size} is not divisible by {count} workers")
    local = cfg.batch_size // count
    keras.utils.set_random_seed(cfg.seed)
    spec = spec_for(cfg)
    volumes = load_compact(cfg, spec)
    train_ids, _ = split_patients(cfg, volumes)
    x = np.concatenate([volumes[p].x for p in train_ids])
    y = np.concatenate([volumes[p].y for p in train_ids])
    k = len(SUBTYPES)
    sub = np.concatenate([volumes[p].subtypes for p in train_ids])
    sampler = BalancedBatches(
        x,
        y,
        cfg.batch_size,
        cfg.bleed_fraction,
        Augment(cfg.augment) if augment else None,
        cfg.seed + 1,
        crop=cfg.train_crop,
        subtypes=sub,
        negative_focus=cfg.negative_focus,
        focus_range=cfg.focus_range,
    )
    with strategy.scope():
        model = unet_for(cfg, synchronized_bn=True)
        optimizer = keras.optimizers.AdamW(
            learning_rate=cfg.learning_rate, weight_decay=cfg.weight_decay
        )
        optimizer.build(model.trainable_variables)
    bce_weight = float(cfg.bce_weight)
    side = cfg.train_crop or cfg.input_size
    n_pixels = float(cfg.batch_size * side * side)
    head = cfg.subtype_head
    sub_weight = float(cfg.subtype_weight)
    slice_head = cfg.slice_head
    slice_weight = float(cfg.slice_weight)
    image_dice = cfg.dice_mode == "image"

    def step_fn(xb: Any, yb: Any, sb: Any) -> Any:
        """One replica's step; every mean is over the GLOBAL batch (all-reduced sums).

        The loss is that of :func:`training.losses.dice_bce_loss` (plus the subtype BCE)
        on the global batch; each replica differentiates a surrogate whose gradients,
        summed over replicas, equal the global loss's gradient.
        """
        ctx = tf.distribute.get_replica_context()
        with tf.GradientTape() as tape:
            out = model(xb, training=True)
            outs = list(out) if isinstance(out, (list, tuple)) else [out]
            p = outs[0]
            s = outs[1] if head else None
            q = outs[-1] if slice_head else None
            pc = tf.clip_by_value(p, EPS, 1.0 - EPS)
            bce_r = -tf.reduce_sum(yb * tf.math.log(pc) + (1.0 - yb) * tf.math.log(1.0 - pc))
            if image_dice:
                inter_i = tf.reduce_sum(yb * p, axis=[1, 2, 3])
                truth_i = tf.reduce_sum(yb, axis=[1, 2, 3])
                denom_i = truth_i + tf.reduce_sum(p, axis=[1, 2, 3])
                has = tf.cast(truth_i > 0, p.dtype)
                a_r = tf.reduce_sum(has * (1.0 - (2.0 * inter_i + SMOOTH) / (denom_i + SMOOTH)))
                b_r = tf.reduce_sum(has)
            else:
                a_r = tf.reduce_sum(yb * p)
                b_r = tf.reduce_sum(yb) + tf.reduce_sum(p)
            sub_r = tf.constant(0.0)
            if s is not None:
                sc = tf.clip_by_value(s, EPS, 1.0 - EPS)
                sub_r = -tf.reduce_sum(sb * tf.math.log(sc) + (1.0 - sb) * tf.math.log(1.0 - sc))
            slice_r = tf.constant(0.0)
            if q is not None:
                qt = tf.cast(tf.reduce_max(yb, axis=[1, 2, 3]) > 0, q.dtype)[:, None]
                qc = tf.clip_by_value(q, EPS, 1.0 - EPS)
                slice_r = -tf.reduce_sum(qt * tf.math.log(qc) + (1.0 - qt) * tf.math.log(1.0 - qc))
            totals = ctx.all_reduce(
                tf.distribute.ReduceOp.SUM,
                tf.stop_gradient(tf.stack([a_r, b_r, bce_r, sub_r, slice_r])),
            )
            a, b, bce, sub_total, slice_total = (totals[i] for i in range(5))
            if image_dice:
                dice_surrogate = a_r / tf.maximum(b, 1.0)
                dice = a / tf.maximum(b, 1.0)
            else:
                d_inter = -2.0 / (b + SMOOTH)
                d_denom = (2.0 * a + SMOOTH) / (b + SMOOTH) ** 2
                dice_surrogate = d_inter * a_r + d_denom * b_r
                dice = 1.0 - (2.0 * a + SMOOTH) / (b + SMOOTH)
            n_sub = float(cfg.batch_size * k)
            n_img = float(cfg.batch_size)
            surrogate = (
                dice_surrogate
                + bce_weight * bce_r / n_pixels
                + sub_weight * sub_r / n_sub
                + slice_weight * slice_r / n_img
            )
        grads = tape.gradient(surrogate, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return (
            dice
            + bce_weight * bce / n_pixels
            + sub_weight * sub_total / n_sub
            + slice_weight * slice_total / n_img
        )

    @tf.function
    def train_step(xb: Any, yb: Any, sb: Any) -> Any:
        per_replica = strategy.run(step_fn, args=(xb, yb, sb))
        return strategy.reduce(tf.distribute.ReduceOp.MEAN, per_replica, axis=None)

    losses = []
    t0 = time.monotonic()
    for _ in range(steps):
        xb, yb, sb = next(sampler)
        shard = slice(index * local, (index + 1) * local)
        loss = train_step(tf.constant(xb[shard]), tf.constant(yb[shard]), tf.constant(sb[shard]))
        losses.append(float(loss))
    seconds = time.monotonic() - t0
    out = cfg.out_dir
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / f"worker-{index}.weights.npz", *[np.asarray(v) for v in model.weights])
    result = {
        "worker": index,
        "workers": count,
        "losses": losses,
        "seconds": seconds,
        "compute_dtype": model.get_layer("down0_conv1").compute_dtype,
    }
    (out / f"worker-{index}.json").write_text(json.dumps(result) + "\n")
    if index == 0:
        float32_copy(model, cfg).save(out / "last.keras")
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
