"""Export a training run: ONNX + spec, parity checks, serving-path evaluation, model card."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for
from model_export.evaluate import (
    predict_probabilities,
    read_shared_patient,
    score,
    subtype_scores_auc,
    tune,
)
from model_export.model_card import render_card
from model_export.onnx_export import (
    DEFAULT_OPSET,
    export_onnx,
    keras_predict_all,
    max_abs_diff,
    onnx_predict_all,
)
from model_export.reference import (
    load_reference,
    load_reference_subtype,
    save_reference,
    synthetic_input,
)

log = logging.getLogger(__name__)

MODEL_FILE = "ichseg-unet.onnx"
REFERENCE_FILE = "ichseg-unet.reference.npz"
CARD_FILE = "MODEL_CARD.md"
PARITY_LIMIT = 1e-4

FAILURE_MODES = [
    "Very small bleeds (a few pixels at 512x512, e.g. thin subdural or subarachnoid blood) "
    "are often missed or only partly outlined; they dominate the Dice loss of the protocol.",
    "Bright non-blood structures (calcified choroid plexus or pineal gland, falx, "
    "beam-hardening next to the skull base, partial-volume bone) can be marked as blood.",
    "Only brain-window 8-bit input is seen: images windowed differently (bone window, "
    "screenshots with annotations, inverted grey) are out of distribution.",
    "Trained on 48 patients of one source; scanners, slice thickness and populations "
    "outside CT-ICH are untested. Children and post-operative heads are not represented.",
    "Subtype scores (when the model has the head) learn from slice labels of 48 patients, "
    "with few subarachnoid and intraventricular examples; mixed bleeds, and a subtype on "
    "a slice whose bleed the mask misses, are often scored wrongly. They are a hint for the "
    "reader, not a classification.",
]


def _limits(cfg: dict, summary: dict) -> list[str]:
    crop = cfg.get("train_crop")
    size = cfg["input_size"]
    shape = f"{crop}x{crop} patches of {size}x{size} slices" if crop else f"{size}x{size} input"
    return [
        "Data: 48 training patients with about 180 bleeding slices; the held-out estimate "
        "rests on 6 patients with bleeds, so each figure carries wide uncertainty.",
        f"Compute: the shipped run is sized to about {cfg.get('max_minutes') or 0:.0f} minutes "
        f"on a shared 2-core CPU ({shape}, base width {cfg['base_width']}; "
        f"{summary.get('steps', 0):,} steps).",
    ]


IMPROVEMENTS = [
    "5-fold patient-wise cross-validation with an ensemble of the fold models.",
    "A wider or deeper network trained longer on a GPU (`training/README.md`: JAX backend "
    "or multi-worker TensorFlow).",
    "More data (RSNA ICH detection slices for the slice-level and subtype heads, further "
    "segmentation sets).",
]


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file.

    Args:
        path: The file.

    Returns:
        64 hex characters.
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Largest drop of held-out Dice (int8 on head boxes vs float on whole frames) at which the
#: int8 export becomes the served default.
INT8_DICE_TOLERANCE = 0.005


def _export_int8(
    onnx_path: Path,
    data_dir: Path,
    split: dict,
    patients: list,
    spec: PreprocessSpec,
    float_val: dict,
) -> dict[str, Any]:
    """Quantise, parity-check and evaluate the int8 export; facts for the card."""
    from ichseg.predict import predict_in_boxes
    from model_export.quantize import calibration_inputs, int8_parity, quantize_int8

    int8_path = int8_path_for(onnx_path)
    facts = quantize_int8(onnx_path, int8_path, calibration_inputs(data_dir, split["train"], spec))
    spec.save(spec_path_for(int8_path))
    x_ref, _ = load_reference(onnx_path.parent / REFERENCE_FILE)
    facts["parity"] = int8_parity(onnx_path, int8_path, x_ref, spec.threshold)

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    seg = OnnxSegmenter(int8_path, spec, prefer_gpu=False)

    def predict(x: np.ndarray) -> np.ndarray:
        return predict_in_boxes(x, seg.predict, context=spec.context_slices)[0]

    val = score(predict_probabilities(patients, spec, predict), patients, spec)
    facts["val"] = {k: v for k, v in val.items() if k != "per_patient"}
    facts["serves"] = bool(val["dice"] >= float_val["dice"] - INT8_DICE_TOLERANCE)
    facts["sha256"] = file_sha256(int8_path)
    log.info("int8: dice %.4f (float %.4f), serves %s", val["dice"], float_val["dice"],
             facts["serves"])  # fmt: skip
    return facts


def export_run(
    run_dir: Path,
    out_dir: Path,
    data_dir: Path,
    version: str,
    checkpoint: str = "best.keras",
    command: str = "",
    export_command: str = "",
    tune_thresholds: bool = True,
    flip_tta: bool | None = None,
    notes: str = "",
    int8: bool = False,
) -> dict:
    """Export, check and evaluate a training run; write model, spec, reference and card.

    Args:
        run_dir: Training output folder (``config.json``, ``split.json``, ``summary.json``,
            the checkpoint).
        out_dir: Destination folder (``ichseg/models``).
        data_dir: CT-ICH folder (shared layout) to evaluate the held-out patients on.
        version: Model version written into the spec.
        checkpoint: Checkpoint file name inside ``run_dir``.
        command: Training command for the card.
        export_command: Export command for the card.
        tune_thresholds: Tune threshold/min_component_px/slice_threshold on held-out data.
        flip_tta: Build flip test-time augmentation into the ONNX graph; ``None`` tries both
            and keeps the one with the higher held-out ``Dice + 0.5 * slice AUC``.
        notes: Markdown appended to the model card (observations on this model).
        int8: Also write the int8 export beside the model (:mod:`model_export.quantize`,
            calibrated on the training patients), evaluate it on the held-out patients on
            head boxes with the same thresholds, and make it the served default
            (``spec.serve_int8``) when its Dice is within :data:`INT8_DICE_TOLERANCE` of
            float's.

    Returns:
        Facts dict (also written to ``out_dir/export_facts.json`` only under ``run_dir``).

    Raises:
        ValueError: When parity with Keras exceeds :data:`PARITY_LIMIT`.
    """
    import keras

    cfg = json.loads((run_dir / "config.json").read_text())
    split = json.loads((run_dir / "split.json").read_text())
    from training.progress import SUMMARY

    summary_path = run_dir / SUMMARY
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    model = keras.saving.load_model(run_dir / checkpoint, compile=False)
    from training.data import SUBTYPES, subtype_labels

    names = SUBTYPES if cfg.get("subtype_head") else ()
    spec = PreprocessSpec(
        model_name="ichseg-unet",
        model_version=version,
        input_height=cfg["input_size"],
        input_width=cfg["input_size"],
        context_slices=cfg["context_slices"],
        threshold=cfg["val_threshold"],
        min_component_px=cfg["val_min_component_px"],
        subtypes=names,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / MODEL_FILE
    patients = [read_shared_patient(data_dir, p) for p in split["val"]]
    variants = [False, True] if flip_tta is None else [flip_tta]
    candidates: dict[bool, dict[str, Any]] = {}
    for tta in variants:
        cand_path = run_dir / f"candidate{'-tta' if tta else ''}.onnx"
        export_onnx(model, cand_path, spec, write_spec=False, flip_tta=tta)

        subtype_out: list[np.ndarray | None] = []

        def predict(x: np.ndarray, path: Path = cand_path, keep: list = subtype_out) -> Any:
            prob, sub = onnx_predict_all(path, x)
            keep.append(sub)
            return prob

        probs = predict_probabilities(patients, spec, predict)
        cand_spec, grid = tune(probs, patients, spec) if tune_thresholds else (spec, [])
        val = score(probs, patients, cand_spec)
        objective = val["dice"] + 0.5 * val["slice_auc"]
        log.info("flip_tta=%s: dice %.4f auc %.4f", tta, val["dice"], val["slice_auc"])
        candidates[tta] = {
            "spec": cand_spec,
            "grid": grid,
            "val": val,
            "objective": objective,
            "subtype_scores": {
                p.patient: sub for p, sub in zip(patients, subtype_out, strict=True)
            },
        }
    chosen = max(candidates, key=lambda k: candidates[k]["objective"])
    spec = candidates[chosen]["spec"]
    val = candidates[chosen]["val"]
    grid = candidates[chosen]["grid"]
    export_onnx(model, onnx_path, spec, flip_tta=chosen)
    subtypes: dict[str, Any] | None = None
    if names:
        csv_path = data_dir / "slices.csv"
        labels = subtype_labels(csv_path) if csv_path.exists() else {}
        subtypes = subtype_scores_auc(candidates[chosen]["subtype_scores"], patients, labels, names)
        log.info("subtype AUC: %s", subtypes["auc"])

    rng = np.random.default_rng(7)
    x_rand = rng.random((2, spec.input_height, spec.input_width, spec.channels), np.float32)
    d_rand = max_abs_diff(
        keras_predict_all(model, x_rand, chosen), onnx_predict_all(onnx_path, x_rand)
    )
    x_ref = synthetic_input(spec, seed=0)
    y_ref, sub_ref = keras_predict_all(model, x_ref, chosen)
    save_reference(out_dir / REFERENCE_FILE, x_ref, y_ref, sub_ref)
    x_ref2, y_ref2 = load_reference(out_dir / REFERENCE_FILE)
    d_ref = max_abs_diff(
        (y_ref2, load_reference_subtype(out_dir / REFERENCE_FILE)),
        onnx_predict_all(onnx_path, x_ref2),
    )
    log.info("parity: random %.2e, reference %.2e", d_rand, d_ref)
    if max(d_rand, d_ref) > PARITY_LIMIT:
        raise ValueError(f"ONNX differs from Keras by {max(d_rand, d_ref):.2e} > {PARITY_LIMIT}")
    int8_facts = _export_int8(onnx_path, data_dir, split, patients, spec, val) if int8 else None
    if int8_facts is not None and int8_facts["serves"]:
        spec = spec.model_copy(update={"serve_int8": True})
        spec.save(spec_path_for(onnx_path))
    best = summary.get("best", {})
    facts: dict[str, Any] = {
        "spec": spec.model_dump(),
        "sha256": file_sha256(onnx_path),
        "size_bytes": onnx_path.stat().st_size,
        "opset": DEFAULT_OPSET,
        "params": int(model.count_params()),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "export_command": export_command,
        "train": {
            "train_patients": split["train"],
            "val_patients": split["val"],
            "seed": cfg["seed"],
            "batch_size": cfg["batch_size"],
            "train_crop": cfg.get("train_crop"),
            "dice_mode": cfg.get("dice_mode", "batch"),
            "bleed_fraction": cfg["bleed_fraction"],
            "steps": summary.get("steps", 0),
            "wall_minutes": summary.get("wall_minutes", 0.0),
            "train_images_per_s": summary.get("train_images_per_s", 0.0),
            "best_epoch": best.get("epoch"),
            "best_model_res": {k: best.get(k) for k in ("dice", "iou", "slice_auc")},
        },
        "val": val,
        "parity": {"random": d_rand, "reference": d_ref},
        "subtypes": subtypes,
        "failure_modes": FAILURE_MODES,
        "limits": _limits(cfg, summary),
        "improvements": IMPROVEMENTS,
        "tuning_grid": grid,
        "int8": int8_facts,
        "flip_tta": chosen,
        "variants": {
            ("flip_tta" if k else "plain"): {
                key: c["val"][key]
                for key in ("dice", "iou", "slice_auc", "scan_sensitivity", "scan_specificity")
            }
            | {"threshold": c["spec"].threshold, "min_component_px": c["spec"].min_component_px}
            for k, c in candidates.items()
        },
    }
    card = render_card(facts) + (("\n" + notes.strip() + "\n") if notes.strip() else "")
    (out_dir / CARD_FILE).write_text(card, encoding="utf-8")
    (run_dir / "export_facts.json").write_text(json.dumps(facts, indent=2, default=float) + "\n")
    return facts
