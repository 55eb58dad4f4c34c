"""Knowledge distillation: a student U-Net trained on its teachers' probability maps.

The cross-validation's fold models (teachers) average to an ensemble that costs one
network per fold at serving time. A student (one network, possibly narrower) learns from
the mask target ``(1 - w) * ground truth + w * mean teacher probability`` (``w`` =
``distill_weight``) on the same augmented patches; the slice and subtype heads keep their
labels. :func:`teacher_maps` runs the teachers once over the student's training slices
and keeps the maps as ``uint8`` beside the run (``teacher.npz``, never committed: it is
derived from CT-ICH pixels).

Honest figures: in ``training.cv`` with ``teacher_cv_dir`` each fold's student learns
from the teacher of the same fold only, which never saw that fold's held-out patients,
so the students' out-of-fold predictions are as honest as the teachers'. A final student
for all patients learns from every fold's teacher (``teachers`` in the config).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: The teachers' maps kept in a run folder (``uint8``, probability x 255).
TEACHER_NAME = "teacher.npz"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def average_probabilities(models: Sequence[Any], x: np.ndarray, batch_size: int = 8) -> np.ndarray:
    """Mean ``prob`` output of several Keras models, as ``uint8`` probability x 255.

    Args:
        models: Keras models whose first (or only) output is ``prob`` ``(n, h, w, 1)``.
        x: ``(N, H, W, C)`` inputs (``float16`` or ``float32``).
        batch_size: Slices per call.

    Returns:
        ``(N, H, W)`` ``uint8``.
    """
    if not models:
        raise ValueError("no teacher models")
    out = np.empty(x.shape[:3], np.uint8)
    for start in range(0, len(x), batch_size):
        xb = np.asarray(x[start : start + batch_size], np.float32)
        total = np.zeros(xb.shape[:3], np.float32)
        for model in models:
            pred = model.predict_on_batch(xb)
            if isinstance(pred, dict):
                pred = pred["prob"]
            elif isinstance(pred, (list, tuple)):
                pred = pred[0]
            total += np.asarray(pred, np.float32)[..., 0]
        out[start : start + len(xb)] = np.clip(np.rint(total / len(models) * 255.0), 0, 255).astype(
            np.uint8
        )
    return out


def teacher_maps(
    teachers: Sequence[Path], x: np.ndarray, out_dir: Path, patients: Sequence[str]
) -> np.ndarray:
    """The teachers' mean probability maps on the training slices, computed once per run.

    Kept in ``out_dir / TEACHER_NAME`` with the teachers' sha256 digests, the patients and
    the input shape; a resumed run reuses them, any change recomputes them.

    Args:
        teachers: Keras model files (``.keras``).
        x: ``(N, H, W, C)`` the student's training inputs, in the order of ``patients``.
        out_dir: The student's run folder.
        patients: The training patients ``x`` came from (part of the cache key).

    Returns:
        ``(N, H, W)`` ``uint8`` (probability x 255).

    Raises:
        FileNotFoundError: When a teacher file is missing.
    """
    missing = [str(p) for p in teachers if not Path(p).is_file()]
    if missing:
        raise FileNotFoundError(f"teacher model not found: {', '.join(missing)}")
    key = json.dumps(
        {
            "teachers": [_digest(Path(p)) for p in teachers],
            "patients": list(patients),
            "shape": list(x.shape),
        },
        sort_keys=True,
    )
    path = out_dir / TEACHER_NAME
    if path.is_file():
        with np.load(path) as z:
            if str(z["key"]) == key:
                log.info("teacher maps from %s", path)
                return np.asarray(z["soft"])
    import keras

    log.info("teacher maps: %d slices through %d teacher(s)", len(x), len(teachers))
    models = [keras.models.load_model(p, compile=False) for p in teachers]
    soft = average_probabilities(models, x)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / (TEACHER_NAME + ".tmp.npz")
    np.savez(tmp, soft=soft, key=np.array(key))
    tmp.replace(path)
    return soft
