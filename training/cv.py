"""Patient-wise k-fold cross-validation: fold assignment, resumable fold training, OOF output.

``python -m training.cv --config configs/cv.yaml`` trains every fold (a finished fold is
skipped, an interrupted one resumes from its last epoch), exports each fold's model to ONNX
and writes its out-of-fold (OOF) predictions: every held-out patient of the fold run through
the serving path (``ichseg.preprocess.model_input`` inputs, ONNX Runtime, raw outputs kept so
that ``ichseg.postprocess`` choices can be made afterwards on OOF data only).

Layout under ``cv_dir``::

    folds.json                 fold -> patient ids (the assignment, fixed before training)
    fold0/ best.keras last.keras history.jsonl summary.json model.onnx model.spec.json
    fold0/oof/PPP.npz          prob (N, H, W) float16, slice (N,), subtype (N, K), truth (N, H, W)
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from training.cli import add_arithmetic_arguments, arithmetic_updates
from training.config import TrainConfig
from training.progress import SUMMARY, save_run, seed_from

log = logging.getLogger(__name__)

FOLDS_NAME = "folds.json"
OOF_DIR = "oof"
#: Out-of-fold predictions of the fold's int8 export (``write_oof(..., int8=True)``).
OOF_INT8_DIR = "oof-int8"
#: How the OOF predictions were made, written beside them (``oof/made.json``); a fold whose
#: OOF was made another way (whole frames, before head boxes served) is written again.
OOF_MADE = {"path": "serving: ichseg.headbox calls through ichseg.predict.run_calls", "v": 2}
OOF_MADE_NAME = "made.json"
#: Beside a fold's int8 export: the :data:`model_export.quantize.INT8_RECIPE` it was made with.
INT8_MADE_NAME = "model.int8.made.json"
ONNX_NAME = "model.onnx"
#: Subtypes ordered from rarest in CT-ICH to commonest: the spread over folds is decided
#: in this order, so the few epidural, subdural and subarachnoid patients go to different
#: folds first.
STRATA = ("Subdural", "Subarachnoid", "Intraventricular", "Epidural", "Intraparenchymal")


def assign_folds(
    bleed_slices: Mapping[str, int],
    subtypes: Mapping[str, Sequence[str]],
    k: int,
    seed: int,
) -> list[list[str]]:
    """Split patients into ``k`` folds, stratified by subtype and by bleed burden.

    Bleeding patients are placed first, those with the rarest subtype first (see
    :data:`STRATA`) and, within a subtype, from the largest bleed to the smallest; each
    goes to the fold that holds the fewest patients of its subtype so far, then the fewest
    bleeding patients, then the least bleed (ties broken by a seeded shuffle). Clean
    patients then fill the folds to equal size.

    Args:
        bleed_slices: Patient id -> number of slices with haemorrhage (0: clean).
        subtypes: Patient id -> subtype names present in any of its slices.
        k: Number of folds (2 or more, at most the number of patients).
        seed: Seed for tie-breaking.

    Returns:
        ``k`` sorted lists of patient ids, disjoint, together all patients.

    Raises:
        ValueError: When ``k`` is out of range.
    """
    ids = sorted(bleed_slices)
    if not 2 <= k <= len(ids):
        raise ValueError(f"k must be in 2..{len(ids)}, got {k}")
    rng = np.random.default_rng(seed)
    tie = {p: float(r) for p, r in zip(ids, rng.random(len(ids)), strict=True)}

    def stratum(p: str) -> int:
        have = set(subtypes.get(p, ()))
        return next((i for i, s in enumerate(STRATA) if s in have), len(STRATA))

    bleeders = sorted(
        (p for p in ids if bleed_slices[p] > 0),
        key=lambda p: (stratum(p), -bleed_slices[p], tie[p]),
    )
    folds: list[list[str]] = [[] for _ in range(k)]
    per_stratum = np.zeros((k, len(STRATA) + 1), int)
    burden = np.zeros(k)
    order = [int(i) for i in rng.permutation(k)]
    for p in bleeders:
        s = stratum(p)
        f = min(order, key=lambda i: (per_stratum[i, s], len(folds[i]), burden[i]))
        folds[f].append(p)
        per_stratum[f, s] += 1
        burden[f] += bleed_slices[p]
    clean = sorted((p for p in ids if bleed_slices[p] == 0), key=lambda p: tie[p])
    for p in clean:
        f = min(order, key=lambda i: len(folds[i]))
        folds[f].append(p)
    return [sorted(f) for f in folds]


def fold_config(cfg: TrainConfig, cv_dir: Path, fold: int, patients: list[str]) -> TrainConfig:
    """The training config of one fold: its own run folder and held-out patients.

    Args:
        cfg: The cross-validation's base config.
        cv_dir: Cross-validation folder.
        fold: Fold index.
        patients: The fold's held-out patients.

    Returns:
        The fold's config (with ``teacher_cv_dir``: its teacher is that folder's same fold).
    """
    from training.train import LAST_NAME

    update: dict[str, object] = {"out_dir": cv_dir / f"fold{fold}", "val_patients": patients}
    if cfg.teacher_cv_dir is not None and not cfg.teachers:
        # The fold's own teacher only: it never saw this fold's held-out patients.
        update["teachers"] = [cfg.teacher_cv_dir / f"fold{fold}" / LAST_NAME]
    return cfg.model_copy(update=update)


def write_oof(cfg: TrainConfig, fold_dir: Path, patients: list[str], int8: bool = False) -> Path:
    """Export a finished fold to ONNX and write its held-out patients' raw predictions.

    The inputs are the cached ``ichseg.preprocess.model_input`` arrays of the training data
    reader (the serving function), run through ONNX Runtime as serving runs them: the same
    model calls as :func:`ichseg.predict.predict_scan` (head boxes of
    :func:`ichseg.headbox.plan_calls` for a graph of any input size, the serving batch size
    and pixel cap), so the learned slice score is the one a served scan gets (on a head
    box it differs from the whole frame's by up to 0.3 on fold 0).

    With ``int8`` the fold's float export is quantised as a shipped model is
    (:func:`model_export.quantize.quantize_int8`, calibrated on head-box crops of the
    fold's TRAINING patients only) and its predictions go to ``oof-int8/``: the int8
    export's Dice on patients no part of it has seen (``python -m training.oof --oof
    oof-int8 --against`` compares the two).

    Args:
        cfg: The fold's config.
        fold_dir: The fold's run folder (holds ``best.keras`` and ``split.json``).
        patients: The fold's held-out patients.
        int8: Score the int8 export instead of the float one.

    Returns:
        The ``oof`` (or ``oof-int8``) folder.
    """
    import keras

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from model_export.onnx_export import export_onnx
    from training.data import load_dataset
    from training.train import spec_for

    spec = spec_for(cfg)
    onnx_path = fold_dir / ONNX_NAME
    if not onnx_path.exists():
        model = keras.models.load_model(fold_dir / "best.keras", compile=False)
        onnx_path = export_onnx(model, onnx_path, spec)
    if int8:
        onnx_path = _int8_export(cfg, fold_dir, onnx_path)
    segmenter = OnnxSegmenter.from_path(onnx_path, prefer_gpu=False)
    out = fold_dir / (OOF_INT8_DIR if int8 else OOF_DIR)
    out.mkdir(exist_ok=True)
    (out / OOF_MADE_NAME).unlink(missing_ok=True)
    volumes = load_dataset(cfg.data_dir, spec, cfg.cache_dir, patients=patients)
    for pid, v in volumes.items():
        arrays = served_outputs(segmenter, np.asarray(v.x, np.float32), spec)
        arrays |= {
            "truth": v.y.astype(np.uint8),
            "subtype_truth": v.subtypes,
            "slice_numbers": v.slice_numbers,
        }
        save_npz(out / f"{pid}.npz", arrays)
    (out / OOF_MADE_NAME).write_text(json.dumps(_oof_made(int8)) + "\n")
    return out


def served_outputs(segmenter: Any, x: np.ndarray, spec: Any) -> dict[str, np.ndarray]:
    """One scan's raw model outputs, called as serving calls the model.

    The same model calls as :func:`ichseg.predict.predict_scan`: head boxes of
    :func:`ichseg.headbox.plan_calls` for a graph of any input size, the serving batch
    size and pixel cap (the defaults of :class:`ichseg.settings.PipelineSettings`).

    Args:
        segmenter: An :class:`ichseg.adapters.onnx_segmenter.OnnxSegmenter`.
        x: ``(N, H, W, C)`` ``float32`` model input (``ichseg.preprocess.model_input``).
        spec: The model's :class:`ichseg.spec.PreprocessSpec`.

    Returns:
        ``prob`` ``(N, H, W)`` ``float16``; ``slice`` ``(N,)`` and ``subtype`` ``(N, K)``
        ``float32`` where the model has those heads.
    """
    from ichseg.headbox import plan_calls
    from ichseg.predict import run_calls
    from ichseg.settings import PipelineSettings

    serving = PipelineSettings.model_construct()  # the defaults, whatever the environment
    calls = plan_calls(
        x[..., spec.context_slices],
        spec.context_slices,
        serving.batch_size,
        serving.max_batch_pixels,
        segmenter.any_input_size,
    )
    parts = [
        o
        for _, o in run_calls(
            calls, partial(_rows, x), segmenter, spec.input_height, spec.input_width
        )
    ]
    arrays: dict[str, np.ndarray] = {
        "prob": np.concatenate([p.prob for p in parts]).astype(np.float16)
    }
    slice_head = _joined([p.slice for p in parts])
    if slice_head is not None:
        arrays["slice"] = slice_head.reshape(len(x))
    subtype_head = _joined([p.subtype for p in parts])
    if subtype_head is not None:
        arrays["subtype"] = subtype_head
    return arrays


def save_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write a compressed ``.npz`` whole or not at all (a killed run leaves no partial file).

    Args:
        path: Destination ``.npz``.
        arrays: Name -> array.
    """
    tmp = path.with_name(path.stem + ".tmp.npz")
    savez: Any = np.savez_compressed  # numpy's stubs reject **arrays
    savez(tmp, **arrays)
    tmp.replace(path)


def _oof_made(int8: bool) -> dict:
    """What a fold's OOF ``made.json`` records: :data:`OOF_MADE`, and the int8 recipe."""
    if not int8:
        return OOF_MADE
    from model_export.quantize import INT8_RECIPE

    return OOF_MADE | {"int8": INT8_RECIPE}


def _int8_export(cfg: TrainConfig, fold_dir: Path, float_path: Path) -> Path:
    """The fold's int8 export, calibrated on its training patients (made once per recipe).

    An existing export is kept only when :data:`INT8_MADE_NAME` beside it records the
    current :data:`model_export.quantize.INT8_RECIPE`.
    """
    from ichseg.spec import int8_path_for, spec_path_for
    from model_export.quantize import INT8_RECIPE, calibration_inputs, quantize_int8
    from training.train import spec_for

    path = int8_path_for(float_path)
    made = fold_dir / INT8_MADE_NAME
    if not (path.exists() and _records(made, INT8_RECIPE)):
        made.unlink(missing_ok=True)
        train_ids = json.loads((fold_dir / "split.json").read_text())["train"]
        inputs = calibration_inputs(cfg.data_dir, train_ids, spec_for(cfg))
        tmp = path.with_name("tmp-" + path.name)  # renamed once whole: a killed run redoes it
        quantize_int8(float_path, tmp, inputs)
        spec_path_for(tmp).replace(spec_path_for(path))
        tmp.replace(path)
        made.write_text(json.dumps(INT8_RECIPE) + "\n")
    return path


def _rows(x: np.ndarray, start: int, stop: int) -> np.ndarray:
    return x[start:stop]


def _joined(values: list[np.ndarray | None]) -> np.ndarray | None:
    """The calls' outputs of one head, joined in slice order (``None`` without the head)."""
    present = [np.asarray(v, np.float32) for v in values if v is not None]
    return np.concatenate(present) if present and len(present) == len(values) else None


def oof_current(fold_dir: Path, int8: bool = False) -> bool:
    """Whether a fold's OOF predictions exist and were made the current way (:data:`OOF_MADE`)."""
    return _records(fold_dir / (OOF_INT8_DIR if int8 else OOF_DIR) / OOF_MADE_NAME, _oof_made(int8))


def _records(made: Path, how: dict) -> bool:
    """Whether the JSON file ``made`` exists and records exactly ``how``."""
    try:
        return bool(json.loads(made.read_text()) == how)
    except (OSError, ValueError):
        return False


def load_folds(cv_dir: Path) -> list[list[str]]:
    """Read ``folds.json``.

    Args:
        cv_dir: Cross-validation folder.

    Returns:
        Fold -> patient ids.
    """
    return [list(f) for f in json.loads((cv_dir / FOLDS_NAME).read_text())["folds"]]


def make_folds(cfg: TrainConfig, cv_dir: Path, k: int) -> list[list[str]]:
    """Assign the folds once and keep them: an existing ``folds.json`` is reused.

    Args:
        cfg: Base config (data folder, seed).
        cv_dir: Cross-validation folder.
        k: Number of folds.

    Returns:
        Fold -> patient ids.

    Raises:
        ValueError: When an existing ``folds.json`` has another number of folds.
    """
    path = cv_dir / FOLDS_NAME
    if cfg.teacher_cv_dir is not None:
        # Students must hold out exactly what their teachers held out.
        teacher_folds = load_folds(cfg.teacher_cv_dir)
        if path.exists() and load_folds(cv_dir) != teacher_folds:
            raise ValueError(f"{path} differs from the teachers' {cfg.teacher_cv_dir / FOLDS_NAME}")
        if not path.exists():
            cv_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(cfg.teacher_cv_dir / FOLDS_NAME, path)
    if path.exists():
        folds = load_folds(cv_dir)
        if len(folds) != k:
            raise ValueError(f"{path} has {len(folds)} folds, not {k}")
        return folds
    from training.data import SUBTYPES, load_dataset
    from training.train import spec_for

    volumes = load_dataset(cfg.data_dir, spec_for(cfg), cfg.cache_dir)
    burden = {p: int(v.bleeding.sum()) for p, v in volumes.items()}
    kinds = {
        p: [s for i, s in enumerate(SUBTYPES) if v.subtypes[:, i].any()] for p, v in volumes.items()
    }
    folds = assign_folds(burden, kinds, k, cfg.seed)
    cv_dir.mkdir(parents=True, exist_ok=True)
    record = {
        "k": k,
        "seed": cfg.seed,
        "folds": folds,
        "bleeding": [[p for p in f if burden[p]] for f in folds],
        "subtypes": [{s: [p for p in f if s in kinds[p]] for s in SUBTYPES} for f in folds],
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return folds


def save_progress(cv_dir: Path, dest: Path) -> list[Path]:
    """Copy what a later session needs to go on (or to export) into a folder that is kept.

    A session ends at its time limit and its machine may not come back; the fold weights,
    the resume point of an unfinished fold and the fold assignment are copied into
    ``dest`` (committed with the project), and ``python -m training.cv`` started on a fresh
    machine with ``--cv-dir`` seeded from ``dest`` resumes where the run stopped.
    Out-of-fold predictions are recomputed from the weights and never copied.

    Args:
        cv_dir: The running cross-validation folder.
        dest: The kept folder (``cv/`` at the repository root).

    Returns:
        The files written.
    """
    written = []
    dest.mkdir(parents=True, exist_ok=True)
    for name in (FOLDS_NAME,):
        if (cv_dir / name).exists():
            shutil.copy2(cv_dir / name, dest / name)
            written.append(dest / name)
    for fold in sorted(cv_dir.glob("fold*")):
        written += save_run(fold, dest / fold.name)
    return written


def run_cv(
    cfg: TrainConfig,
    cv_dir: Path,
    k: int,
    only: Sequence[int] | None = None,
    int8: bool = False,
) -> None:
    """Train every (or the given) fold, resuming where a run stopped, then write its OOF.

    Args:
        cfg: Base config (``out_dir`` and ``val_patients`` are set per fold).
        cv_dir: Cross-validation folder.
        k: Number of folds.
        only: Fold indices to run (default all).
        int8: Also write each finished fold's int8 OOF (``oof-int8/``).
    """
    from training.train import train

    folds = make_folds(cfg, cv_dir, k)
    for i in only if only is not None else range(k):
        fcfg = fold_config(cfg, cv_dir, i, folds[i])
        fold_dir = fcfg.out_dir
        if not (fold_dir / SUMMARY).exists():
            log.info("fold %d: training (held out %s)", i, folds[i])
            train(fcfg, show_progress=False)
        if not oof_current(fold_dir):
            log.info("fold %d: ONNX export and out-of-fold predictions", i)
            write_oof(fcfg, fold_dir, folds[i])
        if int8 and not oof_current(fold_dir, int8=True):
            log.info("fold %d: int8 export and its out-of-fold predictions", i)
            write_oof(fcfg, fold_dir, folds[i], int8=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m training.cv --config configs/cv.yaml [--folds 0,1] [--k 5]``.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status: 0 on success, 2 on a bad config or data folder.
    """
    p = argparse.ArgumentParser(prog="python -m training.cv", description=__doc__)
    p.add_argument("--config", type=Path, required=True, help="YAML training config")
    p.add_argument("--cv-dir", type=Path, default=Path("runs/cv"), help="output folder")
    p.add_argument("--k", type=int, default=5, help="number of folds")
    p.add_argument("--folds", help="comma-separated fold indices to run (default all)")
    p.add_argument(
        "--int8",
        action="store_true",
        help="also score each finished fold's int8 export out of fold (FOLD/oof-int8/)",
    )
    p.add_argument(
        "--kept",
        type=Path,
        help="folder of committed progress (cv/): seeds --cv-dir before the run",
    )
    p.add_argument(
        "--save-progress",
        type=Path,
        metavar="DEST",
        help="only copy the weights and resume points of --cv-dir into DEST, then exit",
    )
    add_arithmetic_arguments(p)
    args = p.parse_args(argv)
    if args.save_progress:
        for path in save_progress(args.cv_dir, args.save_progress):
            print(path)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        cfg = TrainConfig.from_yaml(args.config)
        cfg = cfg.model_copy(update=arithmetic_updates(args))
        only = [int(f) for f in args.folds.split(",")] if args.folds else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not cfg.data_dir.is_dir():
        print(f"error: data folder not found: {cfg.data_dir}", file=sys.stderr)
        return 2
    if args.kept:
        seed_from(args.kept, args.cv_dir)
    run_cv(cfg, args.cv_dir, args.k, only, int8=args.int8)
    return 0


if __name__ == "__main__":
    sys.exit(main())
