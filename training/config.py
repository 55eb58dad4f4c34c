"""Typed training configuration, read from a YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from training.augment import AugmentConfig


class TrainConfig(BaseModel):
    """Everything a training run depends on.

    Attributes:
        data_dir: CT-ICH folder (shared or PhysioNet layout).
        cache_dir: Folder for preprocessed per-patient arrays (``None`` disables caching).
        out_dir: Run folder: checkpoints, ``history.jsonl``, ``split.json``.
        input_size: Model input height and width (serving resizes every slice to this).
        train_crop: Side of the square patches cut from the ``input_size`` slices for
            training (``None``: whole slices). The U-Net is fully convolutional, so it
            trains on patches at full resolution and serves whole slices; bleeding slices
            give patches that contain haemorrhage.
        context_slices: Neighbouring slices on each side stacked as channels.
        base_width: Filters of the first U-Net level.
        depth: Number of poolings.
        batch_size: Images per step.
        learning_rate: Peak AdamW learning rate (cosine decay after a linear warm-up).
        lr_schedule: ``"steps"`` decays over ``epochs * steps_per_epoch`` steps; ``"time"``
            decays over the wall-clock budget ``max_minutes`` (for shared machines whose
            speed varies), so the run always ends annealed.
        warmup_steps: Linear warm-up steps.
        weight_decay: AdamW weight decay.
        steps_per_epoch: Steps between validations.
        epochs: Maximum number of epochs (also sets the cosine schedule's length).
        max_minutes: Wall-clock budget; training stops cleanly after it (``None``: no limit).
        bleed_fraction: Share of each batch drawn from slices with haemorrhage.
        bce_weight: Weight of BCE in the Dice+BCE loss.
        dice_mode: ``"batch"``: one soft Dice over the whole batch (large bleeds dominate);
            ``"image"``: soft Dice per image with haemorrhage, averaged, which weighs a
            small bleed like a large one, as the Hssayeni protocol does.
        subtype_head: Add a per-slice head scoring the five haemorrhage subtypes
            (second model output ``subtype``).
        subtype_weight: Weight of the subtype head's binary cross-entropy.
        slice_head: Add a per-slice "any haemorrhage" output ``slice`` (the learned slice
            score), trained with BCE against whether the (augmented) patch's mask shows
            haemorrhage.
        slice_weight: Weight of the slice head's binary cross-entropy.
        select: Which checkpoint ``best.keras`` holds: ``"best"`` is the epoch with the
            best held-out ``Dice + 0.5 * AUC`` (a choice made on the held-out patients, so
            their figures are then optimistic); ``"last"`` is the last epoch (a rule fixed
            before looking: what cross-validation uses).
        validate_every: Validate on the held-out patients every this many epochs (0: only
            after the last epoch). With ``select: last`` validation only reports.
        precision: ``"float32"``, or ``"mixed_bfloat16"``: bfloat16 arithmetic on float32
            weights during training (1.24x the images/s on this AVX512-BF16 CPU). Validation
            and the saved checkpoints use a float32 copy of the weights, so metrics, export
            and serving are float32 whatever was chosen (in the multi-worker loop too).
        jit_compile: Compile the training step with XLA. On a 2-core AVX2 CPU it made a
            float32 step 1.4x faster (width 16: 3.6 s against 5.1 s a batch; width 8: 1.5
            against 2.1), and a ``mixed_bfloat16`` step, which TensorFlow's own kernels
            emulate there at 10.8 s, as fast as float32 (1.5 s); it costs a few seconds of
            compiling per run (``benchmarks/train_throughput.py --jit-compile``). How the
            steps are computed, not the recipe, like ``precision``.
        negative_focus: Share of clean slices' patches (with ``train_crop``) placed around a
            pixel of blood-like density (``focus_range``) instead of a random point of the
            head: hard negatives such as dense sinuses, the tentorium and partial-volume
            skull, where a bleed detector's false positives come from.
        focus_range: Brain-window input range ``[low, high)`` counted as blood-like
            (haemorrhage pixels of CT-ICH: 5th-95th percentile 0.47-0.83; bone is 1.0).
        teachers: Keras model files whose mean probability map the mask output learns
            from beside the ground truth (distillation, :mod:`training.distill`); empty:
            no teacher.
        teacher_cv_dir: A cross-validation folder of teachers: in ``training.cv`` fold ``k``
            learns from ``teacher_cv_dir/fold{k}/last.keras`` alone (a teacher that never
            saw fold ``k``'s held-out patients) with the same fold assignment.
        distill_weight: ``w`` in the mask target ``(1 - w) * mask + w * teacher``.
        n_val: Number of held-out patients (used when ``val_patients`` is empty; 0 trains
            on every patient, for a final model whose figures come from cross-validation).
        val_patients: Explicit held-out patient ids; overrides the seeded split.
        seed: Seed for the split, sampling, augmentation and weight initialisation.
        augment: Augmentation settings.
        val_threshold: Pixel threshold for validation metrics.
        val_min_component_px: Speck size for validation metrics.
    """

    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Path("/work/shared/data/ct-ich")
    cache_dir: Path | None = Path("runs/cache")
    out_dir: Path = Path("runs/train")
    input_size: int = Field(256, ge=32, le=1024)
    train_crop: int | None = Field(None, ge=16)
    context_slices: int = Field(1, ge=0, le=4)
    base_width: int = Field(16, ge=2, le=128)
    depth: int = Field(4, ge=1, le=6)
    batch_size: int = Field(16, ge=1)
    learning_rate: float = Field(2e-3, gt=0)
    lr_schedule: Literal["steps", "time"] = "steps"
    warmup_steps: int = Field(100, ge=0)
    weight_decay: float = Field(1e-4, ge=0)
    steps_per_epoch: int = Field(100, ge=1)
    epochs: int = Field(40, ge=1)
    max_minutes: float | None = Field(None, gt=0)
    bleed_fraction: float = Field(0.45, ge=0, le=1)
    bce_weight: float = Field(1.0, ge=0)
    dice_mode: Literal["batch", "image"] = "batch"
    subtype_head: bool = False
    subtype_weight: float = Field(0.2, ge=0)
    slice_head: bool = False
    slice_weight: float = Field(0.2, ge=0)
    select: Literal["best", "last"] = "best"
    validate_every: int = Field(1, ge=0)
    precision: Literal["float32", "mixed_bfloat16"] = "float32"
    jit_compile: bool = False
    negative_focus: float = Field(0.0, ge=0, le=1)
    focus_range: tuple[float, float] = (0.6, 0.95)
    teachers: list[Path] = Field(default_factory=list)
    teacher_cv_dir: Path | None = None
    distill_weight: float = Field(0.5, ge=0, le=1)
    n_val: int = Field(12, ge=0)
    val_patients: list[str] = Field(default_factory=list)
    seed: int = 1234
    augment: AugmentConfig = Field(default_factory=AugmentConfig)
    val_threshold: float = Field(0.5, gt=0, lt=1)
    val_min_component_px: int = Field(8, ge=0)

    @model_validator(mode="after")
    def _time_schedule_needs_budget(self) -> TrainConfig:
        if self.lr_schedule == "time" and self.max_minutes is None:
            raise ValueError("lr_schedule 'time' needs max_minutes")
        return self

    @model_validator(mode="after")
    def _crop_fits(self) -> TrainConfig:
        if self.train_crop is not None:
            if self.train_crop > self.input_size:
                raise ValueError("train_crop must not exceed input_size")
            if self.train_crop % 2**self.depth:
                raise ValueError(f"train_crop must be a multiple of 2**depth = {2**self.depth}")
        return self

    @model_validator(mode="after")
    def _focus_range_ordered(self) -> TrainConfig:
        low, high = self.focus_range
        if not 0 <= low < high <= 1:
            raise ValueError("focus_range must be [low, high) with 0 <= low < high <= 1")
        return self

    @classmethod
    def from_yaml(cls, path: Path) -> TrainConfig:
        """Load and validate a YAML config file.

        A file may start from another: ``base: cv.yaml`` (relative to the file) takes that
        file's settings and overrides the keys given here (nested ``augment`` keys one by
        one), so a recipe's variants name only what differs.

        Args:
            path: The YAML file.

        Returns:
            The validated config.

        Raises:
            ValueError: When ``base`` files refer to each other in a loop.
        """
        return cls.model_validate(_raw_yaml(path, ()))


def _raw_yaml(path: Path, seen: tuple[Path, ...]) -> dict:
    """A config file's settings with its ``base`` chain merged in (see ``from_yaml``)."""
    import yaml

    path = path.resolve()
    if path in seen:
        raise ValueError(f"config base loop at {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    base = data.pop("base", None)
    if base is None:
        return dict(data)
    merged = _raw_yaml(path.parent / str(base), (*seen, path))
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged
