"""The training loop: patient-wise split, balanced sampling, augmentation, validation.

The loop is plain Python around ``model.train_on_batch`` so that it can stop on a
wall-clock budget between any two steps and always keeps the best checkpoint.
"""

from __future__ import annotations

import json
import logging
import math
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any

import numpy as np

from ichseg.spec import PreprocessSpec
from training.augment import Augment
from training.config import TrainConfig
from training.data import PatientVolume, load_dataset, patient_split
from training.progress import RESUME_STATE, RESUME_WEIGHTS, SUMMARY
from training.validate import slice_head_auc, subtype_aucs, volume_metrics

log = logging.getLogger(__name__)

VAL_KEYS = ("dice", "iou", "slice_auc", "slice_sensitivity", "slice_specificity")
BEST_NAME = "best.keras"
LAST_NAME = "last.keras"
LR_ALPHA = 0.02


def spec_for(cfg: TrainConfig, **overrides: Any) -> PreprocessSpec:
    """The preprocessing spec a config trains with.

    Args:
        cfg: Training config.
        **overrides: Further spec fields (thresholds, name, version).

    Returns:
        The spec.
    """
    return PreprocessSpec(
        input_height=cfg.input_size,
        input_width=cfg.input_size,
        context_slices=cfg.context_slices,
        threshold=cfg.val_threshold,
        min_component_px=cfg.val_min_component_px,
        **overrides,
    )


def split_patients(cfg: TrainConfig, volumes: dict[str, PatientVolume]) -> tuple[list, list]:
    """Train/held-out patient ids for a config (explicit list or seeded stratified split).

    Args:
        cfg: Training config.
        volumes: All patients.

    Returns:
        ``(train_ids, val_ids)``.
    """
    if cfg.val_patients:
        missing = sorted(set(cfg.val_patients) - set(volumes))
        if missing:
            raise ValueError(f"val_patients not in the data: {missing}")
        val = sorted(cfg.val_patients)
        return sorted(p for p in volumes if p not in set(val)), val
    counts = {p: int(v.bleeding.sum()) for p, v in volumes.items()}
    return patient_split(counts, cfg.n_val, cfg.seed)


class BalancedBatches:
    """Endless augmented batches with a fixed share of bleeding slices.

    Args:
        x: ``(N, H, W, C)`` ``float32`` (or ``float16``) training inputs.
        y: ``(N, H, W)`` ``uint8`` masks.
        batch_size: Images per batch.
        bleed_fraction: Share of each batch drawn from slices whose mask is non-empty.
        augment: Callable applied to each ``(image, mask, rng)``; ``None`` for none.
        seed: Random seed.
        crop: Side of square patches to cut before augmenting (``None``: whole slices).
            A bleeding slice's patch is placed around a randomly chosen haemorrhage
            pixel (kept at least ``crop // 8`` from the patch edge where the slice
            allows); a clean slice's patch is centred on a random point of the head.
        subtypes: ``(N, K)`` per-slice labels; when given, batches are
            ``(x, y, subtypes)`` instead of ``(x, y)``.
        negative_focus: With ``crop``, the share of clean slices' patches placed around a
            pixel whose middle channel lies in ``focus_range`` (blood-like density: hard
            negatives) rather than around a random point of the head. A slice with no such
            pixel falls back to the random point.
        focus_range: ``(low, high)`` input range counted as blood-like.
        soft: ``(N, H, W)`` ``uint8`` teacher probabilities times 255 (distillation,
            :mod:`training.distill`); when given, the masks of a batch are ``(n, h, w, 2)``:
            the 0/1 mask and the teacher's probability in [0, 1], cropped and augmented
            together (:func:`batch_targets` mixes them).
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        batch_size: int,
        bleed_fraction: float,
        augment: Callable[..., tuple[np.ndarray, np.ndarray]] | None,
        seed: int,
        crop: int | None = None,
        subtypes: np.ndarray | None = None,
        negative_focus: float = 0.0,
        focus_range: tuple[float, float] = (0.6, 0.95),
        soft: np.ndarray | None = None,
    ) -> None:
        if soft is not None and soft.shape != y.shape:
            raise ValueError(f"teacher maps {soft.shape} do not match the masks {y.shape}")
        self.soft = soft
        if not 0.0 <= negative_focus <= 1.0:
            raise ValueError(f"negative_focus must be in [0, 1], got {negative_focus}")
        self.negative_focus = negative_focus
        self.focus_range = focus_range
        self.x = x
        self.y = y
        self.batch_size = batch_size
        self.augment = augment
        self.rng = np.random.default_rng(seed)
        self.subtypes = subtypes
        if crop is not None and (crop > y.shape[1] or crop > y.shape[2]):
            raise ValueError(f"crop {crop} is larger than the slices {y.shape[1:]}")
        self.crop = crop
        flags = y.reshape(len(y), -1).any(axis=1)
        self.pos = np.flatnonzero(flags)
        self.neg = np.flatnonzero(~flags)
        n_pos = round(batch_size * bleed_fraction) if len(self.pos) else 0
        self.n_pos = min(n_pos, batch_size) if len(self.neg) else batch_size
        if self.n_pos and not len(self.pos):
            raise ValueError("no bleeding slices to sample")

    def __iter__(self) -> Iterator[tuple[np.ndarray, ...]]:
        return self

    def _patch(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        img, msk = self.x[j], self.y[j]
        if self.soft is not None:
            msk = np.stack([msk, self.soft[j]], axis=-1)
        c = self.crop
        if c is None:
            return img, msk
        h, w = msk.shape[:2]
        rng = self.rng
        rows, cols = np.nonzero(self.y[j])
        if not len(rows) and self.negative_focus and rng.random() < self.negative_focus:
            mid = img[..., img.shape[-1] // 2]
            rows, cols = np.nonzero((mid >= self.focus_range[0]) & (mid < self.focus_range[1]))
        if len(rows):
            k = int(rng.integers(len(rows)))
            margin = c // 8
            top = int(rows[k]) - int(rng.integers(margin, c - margin))
            left = int(cols[k]) - int(rng.integers(margin, c - margin))
        else:
            head = img[..., img.shape[-1] // 2] > 0.1
            r = np.flatnonzero(head.any(axis=1))
            q = np.flatnonzero(head.any(axis=0))
            r0, r1 = (int(r[0]), int(r[-1])) if len(r) else (0, h - 1)
            q0, q1 = (int(q[0]), int(q[-1])) if len(q) else (0, w - 1)
            top = int(rng.integers(r0, r1 + 1)) - c // 2
            left = int(rng.integers(q0, q1 + 1)) - c // 2
        top = min(max(top, 0), h - c)
        left = min(max(left, 0), w - c)
        return img[top : top + c, left : left + c], msk[top : top + c, left : left + c]

    def __next__(self) -> tuple[np.ndarray, ...]:
        idx = np.concatenate(
            [
                self.rng.choice(self.pos, self.n_pos) if self.n_pos else np.zeros(0, int),
                self.rng.choice(self.neg, self.batch_size - self.n_pos)
                if self.batch_size > self.n_pos
                else np.zeros(0, int),
            ]
        ).astype(int)
        self.rng.shuffle(idx)
        side = (self.crop, self.crop) if self.crop is not None else self.y.shape[1:]
        xb = np.empty((len(idx), *side, self.x.shape[-1]), np.float32)
        yb = np.empty((len(idx), *side, 1 if self.soft is None else 2), np.float32)
        for i, j in enumerate(idx):
            img, msk = self._patch(int(j))
            if self.augment is not None:
                img, msk = self.augment(np.asarray(img, np.float32), msk, self.rng)
            xb[i] = img
            if msk.ndim == 2:
                yb[i, ..., 0] = msk
            else:
                yb[i, ..., 0] = msk[..., 0]
                yb[i, ..., 1] = msk[..., 1] / np.float32(255.0)
        if self.subtypes is not None:
            return xb, yb, self.subtypes[idx].astype(np.float32)
        return xb, yb


def prefetch(batches: Iterator, depth: int = 4) -> Generator:
    """Produce batches on a background thread (keeps order, so runs stay reproducible).

    Args:
        batches: Source iterator (must be endless or end with ``StopIteration``).
        depth: Queue size.

    Yields:
        The source's items.
    """
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        for item in batches:
            while not stop.is_set():
                try:
                    q.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if stop.is_set():
                return

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        while True:
            yield q.get()
    finally:
        stop.set()


def predict_volumes(model: Any, volumes: dict[str, PatientVolume], batch_size: int = 16) -> dict:
    """Run a Keras model over patient volumes.

    Args:
        model: Keras model.
        volumes: Patient id -> volume.
        batch_size: Prediction batch size.

    Returns:
        Patient id -> ``(N, h, w)`` ``float32`` probabilities.
    """
    return predict_outputs(model, volumes, batch_size)[0]


def predict_outputs(
    model: Any, volumes: dict[str, PatientVolume], batch_size: int = 16
) -> tuple[dict, dict | None]:
    """Run a Keras model over patient volumes, keeping the subtype output if it has one.

    Args:
        model: Keras model with output ``prob`` and optionally ``subtype``/``slice``.
        volumes: Patient id -> volume.
        batch_size: Prediction batch size.

    Returns:
        ``(probs, subtypes)``: patient id -> ``(N, h, w)`` ``float32`` probabilities, and
        patient id -> ``(N, K)`` ``float32`` subtype probabilities (``None`` without a
        subtype head).
    """
    heads = predict_heads(model, volumes, batch_size)
    return heads["prob"], heads.get("subtype")


def predict_heads(
    model: Any, volumes: dict[str, PatientVolume], batch_size: int = 16
) -> dict[str, dict[str, np.ndarray]]:
    """Run a Keras model over patient volumes and keep every output by name.

    Args:
        model: Keras model (outputs ``prob``, optionally ``subtype`` and ``slice``).
        volumes: Patient id -> volume.
        batch_size: Prediction batch size.

    Returns:
        Output name -> patient id -> array: ``prob`` ``(N, h, w)``, ``subtype`` ``(N, K)``,
        ``slice`` ``(N,)``, all ``float32``.
    """
    names = [n.split("/")[0] for n in model.output_names]
    out: dict[str, dict[str, np.ndarray]] = {n: {} for n in names}
    for pid, v in volumes.items():
        pred = model.predict(np.asarray(v.x, np.float32), batch_size=batch_size, verbose=0)
        preds = list(pred) if isinstance(pred, (list, tuple)) else [pred]
        for name, arr in zip(names, preds, strict=True):
            a = np.asarray(arr, np.float32)
            out[name][pid] = a[..., 0] if name in ("prob", "slice") else a
    return out


def cosine_lr(peak: float, step: int, warmup_steps: int, progress: float, alpha: float) -> float:
    """Learning rate: linear warm-up by steps, then cosine decay by progress.

    Args:
        peak: Peak learning rate.
        step: Steps done so far.
        warmup_steps: Warm-up length in steps.
        progress: Fraction of the run done, in [0, 1] (steps or wall-clock).
        alpha: Final learning rate as a fraction of ``peak``.

    Returns:
        The learning rate for the next step.
    """
    if step < warmup_steps:
        return peak * (0.01 + 0.99 * step / warmup_steps)
    p = min(max(progress, 0.0), 1.0)
    return peak * (alpha + (1.0 - alpha) * 0.5 * (1.0 + math.cos(math.pi * p)))


def json_safe(value: Any) -> Any:
    """A copy of nested dicts/lists with non-finite floats as ``None`` (JSON ``null``).

    Metrics are ``nan`` where they are undefined (for example a subtype's AUC when no
    held-out slice has it); strict JSON has no ``NaN``.

    Args:
        value: A JSON-like value.

    Returns:
        The value with every ``nan``/``inf`` float replaced by ``None``.
    """
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def float32_copy(model: Any, cfg: TrainConfig) -> Any:
    """The same network in float32 with the same weights (for validation and saving).

    A ``mixed_bfloat16`` model already holds float32 weights; this rebuilds the graph with
    float32 arithmetic so that validation metrics and checkpoints match what the float32
    ONNX export serves. A float32 model is copied too: the copy is uncompiled, so a
    checkpoint saved from it holds the network only (about 8 MB), not the optimizer's
    state as well (three times that); resuming reads the resume point, not a checkpoint.

    Args:
        model: The training model.
        cfg: Its config.

    Returns:
        An uncompiled float32 ``keras.Model``.
    """
    twin = unet_for(cfg, dtype_policy="float32")
    twin.set_weights(model.get_weights())
    return twin


def unet_for(
    cfg: TrainConfig, dtype_policy: str | None = None, synchronized_bn: bool = False
) -> Any:
    """The (uncompiled) U-Net a config describes: channels, width, depth, subtype head.

    Args:
        cfg: Training config.
        dtype_policy: Override of ``cfg.precision``.
        synchronized_bn: BatchNorm over the global batch of a ``tf.distribute`` strategy.

    Returns:
        A ``keras.Model`` from :func:`training.model.build_unet` (any input size).
    """
    from training.data import SUBTYPES
    from training.model import build_unet

    return build_unet(
        None,
        None,
        2 * cfg.context_slices + 1,
        base_width=cfg.base_width,
        depth=cfg.depth,
        synchronized_bn=synchronized_bn,
        subtype_classes=len(SUBTYPES) if cfg.subtype_head else 0,
        dtype_policy=dtype_policy or cfg.precision,
        slice_head=cfg.slice_head,
    )


def build_model(cfg: TrainConfig, total_steps: int) -> Any:
    """Build and compile the U-Net for a config.

    Args:
        cfg: Training config.
        total_steps: Planned optimisation steps (length of the cosine schedule).

    Returns:
        The compiled ``keras.Model``.
    """
    import keras

    from training.losses import dice_bce_loss

    model = unet_for(cfg)
    schedule: Any = cfg.learning_rate  # "time": set before each step by the loop
    if cfg.lr_schedule == "steps":
        schedule = keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=cfg.learning_rate * 0.01
            if cfg.warmup_steps
            else cfg.learning_rate,
            decay_steps=max(1, total_steps - cfg.warmup_steps),
            alpha=LR_ALPHA,
            warmup_target=cfg.learning_rate if cfg.warmup_steps else None,
            warmup_steps=cfg.warmup_steps,
        )
    opt = keras.optimizers.AdamW(learning_rate=schedule, weight_decay=cfg.weight_decay)
    bce_weight = cfg.bce_weight
    dice_mode = cfg.dice_mode

    def loss(y_true: Any, y_pred: Any) -> Any:
        return dice_bce_loss(y_true, y_pred, bce_weight, dice_mode)

    if not cfg.subtype_head and not cfg.slice_head:
        model.compile(optimizer=opt, loss=loss, jit_compile=cfg.jit_compile)
        return model
    from training.losses import bce_loss

    losses: dict[str, Any] = {"prob": loss}
    weights = {"prob": 1.0}
    if cfg.subtype_head:
        losses["subtype"] = bce_loss
        weights["subtype"] = cfg.subtype_weight
    if cfg.slice_head:
        losses["slice"] = bce_loss
        weights["slice"] = cfg.slice_weight
    model.compile(optimizer=opt, loss=losses, loss_weights=weights, jit_compile=cfg.jit_compile)
    return model


def batch_targets(cfg: TrainConfig, targets: list[np.ndarray]) -> Any:
    """The Keras targets of one batch: the masks, or a dict per output head.

    Args:
        cfg: Training config (which heads the model has).
        targets: ``[masks (N, h, w, 1)]`` plus ``subtypes (N, K)`` with a subtype head;
            when distilling, masks are ``(N, h, w, 2)``: the 0/1 mask and the teacher's
            probability.

    Returns:
        The masks alone, or ``{"prob": ..., "subtype": ..., "slice": (N, 1)}``; the
        slice target is whether the (augmented) patch's mask shows haemorrhage. With a
        teacher's map the ``prob`` target is ``(1 - w) * mask + w * teacher`` with
        ``w = cfg.distill_weight``; the slice target still comes from the mask.
    """
    masks = targets[0]
    prob = masks
    if masks.shape[-1] == 2:
        w = np.float32(cfg.distill_weight)
        prob = (np.float32(1.0) - w) * masks[..., :1] + w * masks[..., 1:]
        masks = masks[..., :1]
    if not cfg.subtype_head and not cfg.slice_head:
        return prob
    out = {"prob": prob}
    if cfg.subtype_head:
        out["subtype"] = targets[1]
    if cfg.slice_head:
        out["slice"] = (masks.reshape(len(masks), -1).max(axis=1) > 0).astype(np.float32)[:, None]
    return out


def save_resume(model: Any, out: Any, state: dict) -> None:
    """Save what an interrupted run needs to go on: weights, optimizer state, counters.

    Written to temporary names and renamed, so a run killed mid-save keeps the previous
    resume point.

    Args:
        model: The compiled training model.
        out: Run folder (``pathlib.Path``).
        state: JSON-able counters (epoch, steps, train seconds, best so far).
    """
    arrays = {f"w{i}": np.asarray(v) for i, v in enumerate(model.weights)}
    arrays.update({f"o{i}": np.asarray(v) for i, v in enumerate(model.optimizer.variables)})
    tmp = out / (RESUME_WEIGHTS + ".tmp.npz")
    savez: Any = np.savez  # numpy's stubs reject **arrays beside allow_pickle
    savez(tmp, **arrays)
    tmp.replace(out / RESUME_WEIGHTS)
    tmp_state = out / (RESUME_STATE + ".tmp")
    tmp_state.write_text(json.dumps(json_safe(state), indent=2) + "\n")
    tmp_state.replace(out / RESUME_STATE)


def load_resume(model: Any, out: Any) -> dict | None:
    """Restore a run saved by :func:`save_resume` into a freshly compiled model.

    Args:
        model: The compiled training model (same config).
        out: Run folder.

    Returns:
        The saved counters, or ``None`` when the folder has no resume point.
    """
    state_path, weights_path = out / RESUME_STATE, out / RESUME_WEIGHTS
    if not (state_path.exists() and weights_path.exists()):
        return None
    z = np.load(weights_path)
    for i, v in enumerate(model.weights):
        v.assign(z[f"w{i}"])
    model.optimizer.build(model.trainable_variables)
    for i, v in enumerate(model.optimizer.variables):
        v.assign(z[f"o{i}"])
    return dict(json.loads(state_path.read_text()))


def _score(metrics: dict) -> float:
    dice = metrics["dice"]
    auc = metrics["slice_auc"]
    dice = 0.0 if np.isnan(dice) else dice
    auc = 0.5 if np.isnan(auc) else auc
    return float(dice + 0.5 * auc)


def load_compact(cfg: TrainConfig, spec: PreprocessSpec) -> dict[str, PatientVolume]:
    """Read every patient, keeping inputs as ``float16`` (a 512x512x3 slice is 1.5 MB).

    Inputs are 8-bit grey divided by 255, so ``float16`` changes them by less than
    0.0005; batches are ``float32`` again.

    Args:
        cfg: Training config (data and cache folders).
        spec: Preprocessing spec.

    Returns:
        Patient id -> volume with ``float16`` inputs.
    """
    from training.data import list_patients

    out = {}
    for pid in list_patients(cfg.data_dir):
        v = load_dataset(cfg.data_dir, spec, cfg.cache_dir, patients=[pid])[pid]
        v.x = v.x.astype(np.float16)
        out[pid] = v
    return out


def train(cfg: TrainConfig, show_progress: bool = True) -> dict:
    """Train a U-Net as configured and keep the best checkpoint.

    The best checkpoint maximises ``Hssayeni Dice + 0.5 * slice AUC`` on the held-out
    patients at model resolution.

    Args:
        cfg: Training config.
        show_progress: Show a tqdm progress bar.

    Returns:
        Summary dict: split, best epoch and metrics, steps, wall time, images/s.
    """
    import keras
    from tqdm import tqdm

    t_start = time.monotonic()
    keras.utils.set_random_seed(cfg.seed)
    spec = spec_for(cfg)
    out = cfg.out_dir
    out.mkdir(parents=True, exist_ok=True)
    volumes = load_compact(cfg, spec)
    train_ids, val_ids = split_patients(cfg, volumes)
    (out / "split.json").write_text(
        json.dumps({"train": train_ids, "val": val_ids, "seed": cfg.seed}, indent=2) + "\n"
    )
    (out / "config.json").write_text(cfg.model_dump_json(indent=2) + "\n")
    x = np.concatenate([volumes[p].x for p in train_ids])
    y = np.concatenate([volumes[p].y for p in train_ids])
    sub = np.concatenate([volumes[p].subtypes for p in train_ids]) if cfg.subtype_head else None
    val = {p: volumes[p] for p in val_ids}
    truths = {p: v.y for p, v in val.items()}
    del volumes
    soft = None
    if cfg.teachers:
        from training.distill import teacher_maps

        soft = teacher_maps(cfg.teachers, x, out, train_ids)
    log.info(
        "train %d patients / %d slices (%d bleeding); held out %s",
        len(train_ids),
        len(x),
        int(y.reshape(len(y), -1).any(axis=1).sum()),
        val_ids,
    )
    total_steps = cfg.epochs * cfg.steps_per_epoch
    model = build_model(cfg, total_steps)
    augment = Augment(cfg.augment)
    deadline = t_start + cfg.max_minutes * 60 if cfg.max_minutes else None
    best: dict = {"score": -1.0}
    history = out / "history.jsonl"
    steps = 0
    train_seconds = 0.0
    first_epoch = 1
    resumed = load_resume(model, out)
    if resumed is not None:
        steps = int(resumed["steps"])
        train_seconds = float(resumed["train_seconds"])
        first_epoch = int(resumed["epoch"]) + 1
        best = resumed.get("best") or best
        best["score"] = best.get("score") if best.get("score") is not None else -1.0
        log.info("resuming %s after epoch %d (%d steps)", out, first_epoch - 1, steps)
    else:
        history.write_text("")
    stopped_by_budget = False
    bar = tqdm(
        total=total_steps, initial=steps, disable=not show_progress, mininterval=5.0, desc="train"
    )
    for epoch in range(first_epoch, cfg.epochs + 1):
        # A sampler per epoch, seeded by the epoch: a resumed run draws the same batches.
        sampler = BalancedBatches(
            x,
            y,
            cfg.batch_size,
            cfg.bleed_fraction,
            augment,
            (cfg.seed + 1) * 1000 + epoch,
            crop=cfg.train_crop,
            subtypes=sub,
            negative_focus=cfg.negative_focus,
            focus_range=cfg.focus_range,
            soft=soft,
        )
        batches = prefetch(sampler)
        losses = []
        for _ in range(cfg.steps_per_epoch):
            xb, *targets = next(batches)
            yb = batch_targets(cfg, targets)
            if cfg.lr_schedule == "time" and deadline is not None:
                progress = (time.monotonic() - t_start) / (deadline - t_start)
                lr = cosine_lr(cfg.learning_rate, steps, cfg.warmup_steps, progress, LR_ALPHA)
                model.optimizer.learning_rate.assign(lr)
            t0 = time.monotonic()
            loss = float(np.asarray(model.train_on_batch(xb, yb)).ravel()[0])
            train_seconds += time.monotonic() - t0
            losses.append(loss)
            steps += 1
            bar.update(1)
            bar.set_postfix(loss=f"{np.mean(losses[-20:]):.4f}", epoch=epoch)
            if deadline is not None and time.monotonic() >= deadline:
                stopped_by_budget = True
                break
        batches.close()
        last_epoch = stopped_by_budget or epoch == cfg.epochs
        evaluated = float32_copy(model, cfg)
        record: dict[str, Any] = {
            "epoch": epoch,
            "steps": steps,
            "loss": float(np.mean(losses)),
            "elapsed_min": (time.monotonic() - t_start) / 60,
            "precision": cfg.precision,
            "jit_compile": cfg.jit_compile,
        }
        validate = last_epoch or (cfg.validate_every and epoch % cfg.validate_every == 0)
        metrics: dict | None = None
        if validate and val:
            heads = predict_heads(evaluated, val)
            metrics = volume_metrics(heads["prob"], truths, spec)
            record.update({k: metrics[k] for k in VAL_KEYS})
            if "subtype" in heads:
                record["subtype_auc"] = subtype_aucs(
                    heads["subtype"], {p: v.subtypes for p, v in val.items()}
                )
            if "slice" in heads:
                record["slice_head_auc"] = slice_head_auc(heads["slice"], truths)
        with history.open("a") as fh:
            fh.write(json.dumps(json_safe(record), allow_nan=False) + "\n")
        bar.write(
            f"epoch {epoch} step {steps} loss {record['loss']:.4f} "
            + " ".join(f"{k} {record[k]:.4f}" for k in ("dice", "iou", "slice_auc") if k in record)
            + f" ({record['elapsed_min']:.1f} min)"
        )
        if cfg.select == "last":
            if last_epoch:
                best = {"score": _score(metrics) if metrics else None, **record}
                if metrics:
                    best["per_patient"] = metrics["per_patient"]
                evaluated.save(out / BEST_NAME)
        elif metrics is not None:
            score = _score(metrics)
            if score > best["score"]:
                best = {"score": score, **record, "per_patient": metrics["per_patient"]}
                evaluated.save(out / BEST_NAME)
        evaluated.save(out / LAST_NAME)
        if not last_epoch:
            state = {"epoch": epoch, "steps": steps, "train_seconds": train_seconds, "best": best}
            save_resume(model, out, state)
        if stopped_by_budget:
            bar.write(f"wall-clock budget of {cfg.max_minutes} min reached; stopping")
            break
    bar.close()
    for name in (RESUME_WEIGHTS, RESUME_STATE):
        (out / name).unlink(missing_ok=True)
    summary = {
        "train_patients": train_ids,
        "val_patients": val_ids,
        "best": best,
        "steps": steps,
        "stopped_by_budget": stopped_by_budget,
        "wall_minutes": (time.monotonic() - t_start) / 60,
        "train_images_per_s": steps * cfg.batch_size / train_seconds if train_seconds else 0.0,
    }
    (out / SUMMARY).write_text(json.dumps(json_safe(summary), indent=2) + "\n")
    return summary
