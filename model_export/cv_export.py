"""Ship the cross-validation: the fold models' ensemble with the out-of-fold recipe and card.

``python -m model_export.cv_export --cv-dir runs/cv --out ichseg/models --version 2.0.0``

- the ensemble averages every output of the fold models in one ONNX graph
  (:func:`model_export.ensemble.average_models`), parity-checked against Keras;
- its spec takes the post-processing recipe chosen on all out-of-fold predictions
  (:func:`training.oof.select`);
- its card reports the nested out-of-fold figures (:func:`training.oof.report`): each
  patient scored by the one fold model that did not train on it, with a recipe chosen on
  the other folds. They estimate a single fold model on a new patient; the ensemble of all
  folds cannot be scored out of fold (every patient trained four of its five members).

``--int8`` also writes the int8 export beside it (:mod:`model_export.quantize`, calibrated on
head-box slices of the patients the shipped model trained on) and makes it the served
default (``spec.serve_int8``) only when the folds' own int8 exports, scored out of fold
(``python -m training.cv --int8``: ``foldK/oof-int8/``), kept the Dice within
:data:`model_export.pipeline.INT8_DICE_TOLERANCE` and flagged every bleeding patient the
float folds did, and its parity on the reference input holds.

``--folds 0`` ships fold 0's model alone: the cross-validation's own unit, whose figures the
out-of-fold figures are (trained on the other folds' patients; its own fold's patients are
among them, scored by it).

``--model runs/student-final/last.keras`` ships one model trained on every patient instead
(the distilled student of ``configs/student-final.yaml``), with the recipe and the figures
of its cross-validation (``--cv-dir runs/cv-student``: per-fold students trained the same way).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for
from training.config import TrainConfig

log = logging.getLogger(__name__)


def export_cv(
    cv_dir: Path,
    out_dir: Path,
    version: str,
    folds: list[int] | None = None,
    command: str = "",
    model: Path | None = None,
    int8: bool = False,
    ablation: Path | None = None,
) -> dict:
    """Export the fold ensemble (or one model) with its OOF recipe, parity check and card.

    Args:
        cv_dir: Cross-validation folder (``folds.json``, ``foldK/best.keras``, OOF files).
        out_dir: Destination (``ichseg/models``).
        version: Model version for the spec.
        folds: Fold models to put in the ensemble (default: every fold); one fold ships that
            fold's model alone.
        command: The training command, for the card.
        model: Ship this one Keras model instead of the ensemble: a model trained on every
            patient the way ``cv_dir``'s fold models were (its run's ``config.json`` beside
            it describes it); the recipe and figures still come from ``cv_dir``'s OOF.
        int8: Also write, check and (when its folds' OOF allow) serve the int8 export
            (:func:`export_int8`).
        ablation: The augmentation ablation's report (``python -m training.stress
            --against``: the recipe without its robustness augmentation against the
            recipe), for the card's section on what the augmentation did.

    Returns:
        The facts written to the card (also saved as ``cv_dir/export_facts.json``).

    Raises:
        ValueError: When a fold is missing or parity fails.
    """
    import keras

    from model_export.ensemble import average_models
    from model_export.model_card import CITATIONS
    from model_export.onnx_export import DEFAULT_OPSET, export_onnx, onnx_heads
    from model_export.pipeline import (
        CARD_FILE,
        MODEL_FILE,
        PARITY_LIMIT,
        REFERENCE_FILE,
        file_sha256,
    )
    from model_export.reference import save_reference, synthetic_input
    from training.cv import load_folds
    from training.data import SUBTYPES
    from training.oof import Choice, load_cv, report
    from training.train import json_safe

    all_folds = load_folds(cv_dir)
    chosen = folds if folds is not None else list(range(len(all_folds)))
    paths = [model] if model is not None else [cv_dir / f"fold{k}" / "best.keras" for k in chosen]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ValueError(f"models missing: {missing}")
    config_path = (
        model.parent / "config.json"
        if model is not None
        else cv_dir / f"fold{chosen[0]}" / "config.json"
    )
    cfg = TrainConfig.model_validate(json.loads(config_path.read_text()))
    fold_cfg: TrainConfig | None = None  # the folds' recipe, read once for a single model
    if model is not None:
        fold_cfg = TrainConfig.model_validate_json((cv_dir / "fold0" / "config.json").read_text())
        _check_same_recipe(cfg, fold_cfg, cv_dir, model)
    records = load_cv(cv_dir)
    if len({r.fold for r in records}) < 2:
        raise ValueError("out-of-fold predictions of at least two folds are needed")
    rep = report(records)
    recipe = Choice(**rep["shipped_choice"])
    spec = PreprocessSpec(
        model_name="ichseg-unet",
        model_version=version,
        input_height=cfg.input_size,
        input_width=cfg.input_size,
        context_slices=cfg.context_slices,
        subtypes=SUBTYPES if cfg.subtype_head else (),
        **recipe.spec_fields(),
    )
    members = [keras.models.load_model(p, compile=False) for p in paths]
    net = members[0] if len(members) == 1 else average_models(members)
    trained_on = sorted(
        {pid for p in paths for pid in json.loads((p.parent / "split.json").read_text())["train"]}
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = export_onnx(net, out_dir / MODEL_FILE, spec)
    x_ref = synthetic_input(spec, seed=0)
    keras_out = [np.asarray(t) for t in net(x_ref, training=False)]
    names = [n.split("/")[0] for n in net.output_names]
    got = onnx_heads(onnx_path, x_ref)
    parity = max(float(np.abs(got[n] - k).max()) for n, k in zip(names, keras_out, strict=True))
    if parity > PARITY_LIMIT:
        raise ValueError(f"ONNX differs from Keras by {parity:.2e} > {PARITY_LIMIT}")
    heads = dict(zip(names, keras_out, strict=True))
    save_reference(
        out_dir / REFERENCE_FILE, x_ref, heads["prob"], heads.get("subtype"), heads.get("slice")
    )
    facts: dict[str, Any] = {
        "spec": spec.model_dump(),
        "sha256": file_sha256(onnx_path),
        "size_bytes": onnx_path.stat().st_size,
        "opset": DEFAULT_OPSET,
        "members": [str(p if model is not None else p.relative_to(cv_dir)) for p in paths],
        "single": model is not None,
        "fold": chosen[0] if model is None and len(chosen) == 1 else None,
        "trained_on": len(trained_on),
        "params": int(sum(m.count_params() for m in members)),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "config": cfg.model_dump(mode="json"),
        "folds": all_folds,
        "oof": rep,
        "parity": parity,
        "citations": list(CITATIONS),
        "int8": None,
        "arithmetic": "",
        "ablation": json.loads(ablation.read_text()) if ablation is not None else None,
    }
    history = (model.parent / "history.jsonl") if model is not None else None
    if history is not None and history.exists() and fold_cfg is not None:
        epochs = [json.loads(x) for x in history.read_text().splitlines() if x.strip()]
        facts["arithmetic"] = arithmetic_line(epochs, fold_cfg.precision)
    if int8:
        facts["int8"] = export_int8(onnx_path, cfg.data_dir, trained_on, cv_dir, records)
        if facts["int8"]["serves"]:
            spec = spec.model_copy(update={"serve_int8": True})
            spec.save(spec_path_for(onnx_path))
            facts["spec"] = spec.model_dump()
    (out_dir / CARD_FILE).write_text(render_cv_card(facts), encoding="utf-8")
    (cv_dir / "export_facts.json").write_text(json.dumps(json_safe(facts), indent=2) + "\n")
    return facts


def export_int8(
    onnx_path: Path,
    data_dir: Path,
    patients: list[str],
    cv_dir: Path,
    float_records: list,
) -> dict[str, Any]:
    """Quantise the shipped model, check parity, and decide from the folds' int8 OOF.

    The shipped int8 file alone could be scored out of fold on few patients or none (a fold
    model's own fold; an all-patient model's none); the folds' int8 exports cover every
    patient (each quantised like this one, calibrated on its fold's training patients only:
    ``python -m training.cv --int8``). Their OOF Dice against the float folds', with the
    same nested recipes, decides whether int8 serves.

    Args:
        onnx_path: The exported float model (its spec and reference beside it).
        data_dir: CT-ICH in the shared layout (calibration slices).
        patients: The patients the shipped model trained on (calibration: never a patient
            whose out-of-fold figures it gives).
        cv_dir: Cross-validation folder (``foldK/oof-int8/``).
        float_records: The float folds' OOF records (:func:`training.oof.load_cv`).

    Returns:
        ``quantize_int8``'s facts, ``parity`` (:func:`model_export.quantize.int8_parity`),
        ``oof`` (:func:`training.oof.paired` of the folds' int8 against float OOF, or
        ``None`` when no fold has int8 OOF), ``serves`` and ``why`` (one line), ``sha256``.
    """
    from model_export.pipeline import REFERENCE_FILE, file_sha256
    from model_export.quantize import calibration_inputs, int8_parity, quantize_int8
    from model_export.reference import load_reference
    from training.cv import OOF_INT8_DIR
    from training.oof import load_cv, paired

    spec = PreprocessSpec.load(spec_path_for(onnx_path))
    int8_path = int8_path_for(onnx_path)
    facts = quantize_int8(onnx_path, int8_path, calibration_inputs(data_dir, patients, spec))
    facts["calibration_patients"] = len(patients)
    x_ref, _ = load_reference(onnx_path.parent / REFERENCE_FILE)
    facts["parity"] = int8_parity(onnx_path, int8_path, x_ref, spec.threshold)
    int8_records = load_cv(cv_dir, OOF_INT8_DIR)
    facts["oof"] = paired(int8_records, float_records) if int8_records else None
    facts["serves"], facts["why"] = int8_verdict(facts["parity"], facts["oof"])
    facts["sha256"] = file_sha256(int8_path)
    log.info("int8: %s; serves %s", facts["why"], facts["serves"])
    return facts


def int8_verdict(parity: dict, oof: dict | None) -> tuple[bool, str]:
    """Whether the int8 export serves by default, and why, in one line.

    Args:
        parity: :func:`model_export.quantize.int8_parity` on the reference input.
        oof: :func:`training.oof.paired` of the folds' int8 OOF against their float OOF, or
            ``None`` when no fold has int8 OOF.

    Returns:
        ``(serves, why)``: serves only when parity holds and, out of fold, the mean paired
        Dice difference is within :data:`model_export.pipeline.INT8_DICE_TOLERANCE` and
        no bleeding patient the float folds flagged goes unflagged.
    """
    from model_export.pipeline import INT8_DICE_TOLERANCE
    from model_export.quantize import INT8_MASK_AGREEMENT_MIN, INT8_SUBTYPE_DIFF_MAX, parity_holds

    if not parity_holds(parity):
        return False, (
            f"int8 parity on the reference input failed (mask agreement "
            f"{parity['mask_agreement']:.4f}, limit {INT8_MASK_AGREEMENT_MIN}; subtype "
            f"{parity['subtype_max_abs']:.3f}, limit {INT8_SUBTYPE_DIFF_MAX})"
        )
    if oof is None:
        return False, "no fold has int8 out-of-fold predictions"
    diff = oof["dice_difference"]["mean"]
    lost = [
        p["pid"]
        for p in oof["patients"]
        if p["has_bleed"] and p["flagged"][1] and not p["flagged"][0]
    ]
    changed = sum(p["flagged"][0] != p["flagged"][1] for p in oof["patients"])
    serves = bool(diff >= -INT8_DICE_TOLERANCE and not lost)
    why = (
        f"folds {oof['folds']}: out-of-fold Dice difference {diff:+.4f} (tolerance "
        f"-{INT8_DICE_TOLERANCE}), {changed} of {len(oof['patients'])} scan calls changed, "
        + (
            f"bleeding patients no longer flagged: {', '.join(lost)}"
            if lost
            else "no bleeding patient lost"
        )
    )
    return serves, why


#: Config fields in which a model trained on every patient may differ from the cross-
#: validation's fold models and still be "the same recipe": where it writes, which patients
#: it holds out (none), and which teachers it learns from (every fold's, not its own fold's).
RUN_FIELDS = frozenset({"out_dir", "n_val", "val_patients", "teachers", "teacher_cv_dir"})
# How the steps were computed, not what the model learns from: a run may finish in another
# precision than it started (the card says so, from the run's history).
ARITHMETIC_FIELDS = frozenset({"precision", "jit_compile"})


def arithmetic_line(history: list[dict], fold_precision: str) -> str:
    """The card's line on a single model's training arithmetic, when it is not the folds'.

    Args:
        history: The run's ``history.jsonl`` records (``epoch``, ``steps``, ``precision``;
            records written before the precision was kept have none).
        fold_precision: The precision of the cross-validation's fold models.

    Returns:
        ``""`` when every epoch used the folds' precision, else a Markdown bullet naming the
        precision of each run of steps.
    """
    spans: list[list] = []  # [precision, first step, last step]
    last = 0
    for rec in sorted(history, key=lambda r: r["steps"]):
        kind = rec.get("precision") or "unrecorded"
        if spans and spans[-1][0] == kind:
            spans[-1][2] = rec["steps"]
        else:
            spans.append([kind, last + 1, rec["steps"]])
        last = rec["steps"]
    if all(kind == fold_precision for kind, _, _ in spans):
        return ""
    parts = ", ".join(f"{kind} for steps {a:,}-{b:,}" for kind, a, b in spans)
    return (
        f"- Arithmetic: {parts} (the fold models: {fold_precision} throughout); the weights "
        "are float32 either way, and the out-of-fold figures are taken to estimate it."
    )


def _check_same_recipe(cfg: TrainConfig, fold: TrainConfig, cv_dir: Path, model: Path) -> None:
    """Refuse a single model whose figures the cross-validation in ``cv_dir`` does not estimate.

    Args:
        cfg: The model's run config.
        fold: The config of ``cv_dir``'s fold 0 (the folds' recipe).
        cv_dir: The cross-validation whose OOF figures the card will report (for the message).
        model: The model's path (for the message).

    Raises:
        ValueError: When it held patients out, or its recipe differs from fold 0's.
    """
    if cfg.n_val or cfg.val_patients:
        raise ValueError(f"{model} held patients out; ship a model trained on every patient")
    differs = sorted(
        f
        for f in TrainConfig.model_fields
        if f not in RUN_FIELDS | ARITHMETIC_FIELDS and getattr(cfg, f) != getattr(fold, f)
    )
    if differs:
        raise ValueError(
            f"{model} was not trained with the recipe of {cv_dir}'s folds (differs in "
            f"{', '.join(differs)}): their out-of-fold figures would not estimate it"
        )


def _ci(rep: dict, key: str) -> str:
    low, high = rep["intervals_95"][key]
    return f"{rep['pooled'][key]:.3f} (95 % CI {low:.3f}-{high:.3f})"


def _interval(pair: list[float] | None) -> str:
    return f"{pair[0]:.2f}-{pair[1]:.2f}" if pair else "n/a"


def _alternative_triage(alt: dict | None) -> list[str]:
    """The card's lines on the fixed-sensitivity operating point (none for older reports)."""
    if not alt:
        return []
    ci = alt["intervals_95"]
    return [
        "",
        f"For comparison, not shipped: with the scan threshold set to flag "
        f"{alt['sensitivity_target']:.0%} of the choosing folds' bleeding patients instead of "
        f"all of them (nested the same way), {alt['bleeding_flagged']} / {alt['bleeding']} "
        f"bleeding patients (sensitivity 95 % CI {_interval(ci['sensitivity'])}) and "
        f"{alt['clean_flagged']} / {alt['clean']} clean patients (specificity 95 % CI "
        f"{_interval(ci['specificity'])}) are flagged.",
    ]


def _ablation_section(rep: dict | None) -> list[str]:
    """The card's lines on what the robustness augmentation did (none without the ablation).

    Args:
        rep: :func:`training.stress.stress_report` of the recipe without its robustness
            augmentation (candidate) against the recipe (baseline).
    """
    from training.stress import CONDITIONS

    if not rep:
        return []
    rows = rep["rows"]
    plain = rows["plain"]
    n_bleed = plain["dice_difference"]["bleeding_patients"]
    lines = [
        "## What the robustness augmentation did",
        "- The recipe adds to model 1.2.0's augmentation: hypo/isodense blood, gamma, blur, "
        "noise, JPEG round trips and a wider scale range (`configs/cv.yaml`). Folds "
        f"{', '.join(str(k) for k in plain['folds'])} were trained again without them "
        f"(`configs/cv-noaug.yaml`, `make ablation`; {plain['baseline']['bleeding']} bleeding "
        f"and {plain['baseline']['clean']} clean patients) and both runs scored out of fold "
        "on plain slices and on slices changed as the product meets them "
        "(`training.stress`), every row with the recipes chosen on the plain out-of-fold "
        "predictions of the other folds.",
        "- The changes were trained together: each row tests the one aimed at that "
        "condition, not a run without it alone. Differences are per bleeding patient "
        f"({n_bleed}), with bootstrap 95 % intervals over patients.",
        "",
        "| condition | Dice with | Dice without | with - without (95 % CI) "
        "| bleeding flagged with / without | clean flagged with / without |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        b, c, d = row["baseline"], row["candidate"], row["dice_difference"]
        what = "plain slices" if name == "plain" else CONDITIONS[name].what
        lines.append(
            f"| {what} | {b['dice']:.3f} | {c['dice']:.3f} | {-d['mean']:+.3f} "
            f"({-d['ci95'][1]:+.3f} to {-d['ci95'][0]:+.3f}) | {b['bleeding_flagged']} / "
            f"{c['bleeding_flagged']} of {b['bleeding']} | {b['clean_flagged']} / "
            f"{c['clean_flagged']} of {b['clean']} |"
        )
    return [*lines, ""]


def _int8_section(int8: dict | None) -> list[str]:
    """The card's lines on the int8 export (none when it was not made)."""
    from model_export.quantize import (
        CALIBRATION_PER_PATIENT,
        INT8_MASK_AGREEMENT_MIN,
        INT8_SUBTYPE_DIFF_MAX,
    )

    if not int8:
        return []
    par = int8["parity"]
    lines = [
        "## The int8 export",
        f"- `ichseg-unet.int8.onnx` (sha256 `{int8['sha256']}`): ONNX Runtime static "
        "quantisation, QDQ, per-channel 7-bit weights (AVX2 computes what AVX-512-VNNI does), "
        f"uint8 activations calibrated (min/max) on {int8['calibration_inputs']} head-box slices "
        f"of the {int8['calibration_patients']} patients the model trained on (up to "
        f"{CALIBRATION_PER_PATIENT} a patient, its bleeding slices first); the first and last "
        "convolution stay float32.",
        f"- Parity on the synthetic reference input: mask agreement (IoU) "
        f"{par['mask_agreement']:.4f} (limit {INT8_MASK_AGREEMENT_MIN}), mean |difference| "
        f"{par['mean_abs']:.1e}, subtype max |difference| {par['subtype_max_abs']:.3f} "
        f"(limit {INT8_SUBTYPE_DIFF_MAX}).",
    ]
    oof = int8["oof"]
    if oof:
        d, b, c = oof["dice_difference"], oof["baseline"], oof["candidate"]
        lines += [
            f"- Out of fold: each fold model quantised the same way, calibrated on its own "
            f"training patients only, scored on its held-out patients (folds {oof['folds']}, "
            f"same nested recipes): Dice {c['dice']:.3f} against float's {b['dice']:.3f}, "
            f"slice AUC {c['slice_auc']:.3f} against {b['slice_auc']:.3f}; paired per-patient "
            f"Dice difference {d['mean']:+.4f} (95 % CI {d['ci95'][0]:+.4f} to "
            f"{d['ci95'][1]:+.4f}, {d['bleeding_patients']} bleeding patients).",
        ]
    lines += [
        f"- **Served by default: {'yes' if int8['serves'] else 'no'}** "
        + (
            "(`serve_int8` in the spec; float32 on a GPU or with `--precision float32`)"
            if int8["serves"]
            else "(the float model serves; `--precision int8` serves this file)"
        )
        + f": {int8['why']}.",
        "",
    ]
    return lines


def _shipped(facts: dict, cfg: dict, teachers: list) -> tuple[str, str, str]:
    """What ships, in the card's words.

    Returns:
        The first sentence's subject, the training line ("" for none), and how the
        out-of-fold figures relate to the shipped model.
    """
    n = sum(len(f) for f in facts["folds"])
    if facts.get("fold") is not None:
        k = facts["fold"]
        return (
            f"One fold model of a {len(facts['folds'])}-fold cross-validation (fold {k}: a "
            f"2.5-D U-Net, Keras 3, base width {cfg['base_width']}, trained on the "
            f"{facts['trained_on']} patients of the other folds)",
            f"- Shipped model: fold {k}'s, as trained (fold {k} by a rule fixed before any "
            "figure was seen, not the best-scoring fold).",
            "Each patient is scored by the one fold model that did not train on it; the "
            f"shipped model is one of them (it scored fold {k}'s patients) and the others were "
            "trained the same way on as many patients, so these estimate the shipped model on "
            "a new patient.",
        )
    if facts.get("single"):
        return (
            f"A 2.5-D U-Net (Keras 3, base width {cfg['base_width']}) trained on all {n} "
            "patients"
            + (
                f", distilled from {len(teachers)} cross-validation fold models,"
                if teachers
                else ""
            ),
            "- Shipped model: the same recipe on every patient"
            + (
                f", its mask target mixing the ground truth with the mean of {len(teachers)} "
                f"teachers' maps (weight {cfg['distill_weight']})"
                if teachers
                else ""
            )
            + ".",
            "Each patient is scored by the one fold model that did not train on it (trained "
            "the way the shipped model was, on the other folds' patients"
            + (
                ", and distilled from the one teacher that did not see the patient either"
                if teachers
                else ""
            )
            + "), so these estimate the shipped model on a new patient; it trained on every "
            "patient and cannot itself be scored out of fold.",
        )
    return (
        f"An ensemble of {len(facts['members'])} 2.5-D U-Nets (Keras 3, one ONNX graph "
        "averaging their outputs)",
        "",
        "Each patient is scored by the one fold model that did not train on it, so these "
        "estimate a single fold model on a new patient; the shipped ensemble is expected to "
        "do at least as well, and cannot itself be scored out of fold.",
    )


def slice_score_words(source: str) -> str:
    """How the card's first sentence names the slice score the spec serves.

    Args:
        source: The spec's ``slice_source``: ``"head"`` (the learned slice output) or
            ``"pixels"`` (the slice's largest pixel probability).

    Returns:
        The words inside the sentence's parentheses.
    """
    if source == "head":
        return "a learned slice head, temperature-calibrated"
    return (
        "its largest pixel probability, temperature-calibrated: out of fold it ranked "
        "slices better than the model's learned slice head"
    )


def render_cv_card(facts: dict) -> str:
    """The model card of a cross-validation's export.

    The export is a fold model, the ensemble of the fold models, or one model trained the
    same way on every patient.

    Args:
        facts: What :func:`export_cv` measured.

    Returns:
        Markdown.
    """
    spec = facts["spec"]
    rep = facts["oof"]
    pooled = rep["pooled"]
    cfg = facts["config"]
    teachers = cfg.get("teachers") or []
    what, shipped, oof_text = _shipped(facts, cfg, teachers)
    lines = [
        f"# Model card: {spec['model_name']} {spec['model_version']}",
        "",
        f"{what} that outlines intracranial haemorrhage on axial head-CT "
        f"slices, scores each slice ({slice_score_words(spec['slice_source'])}) and flags "
        "scans for triage.",
        "",
        "## Intended use",
        "Research, teaching and a *triage aid* that draws attention to slices that may show "
        "bleeding. **Not a diagnostic device**; a qualified reader reviews every scan.",
        "",
        "## Files",
        f"- `ichseg-unet.onnx`: {facts['size_bytes'] / 1e6:.2f} MB, opset {facts['opset']}, "
        f"{facts['params']:,} parameters in all; outputs `prob`, `subtype`, `slice`.",
        f"- sha256: `{facts['sha256']}`; exported {facts['date']}; Keras-vs-ONNX parity "
        f"{facts['parity']:.1e}.",
        "",
        "## Data and licence",
        "CT-ICH, 60 patients (2,241 slices), CC BY 4.0. No image or mask ships. Cite:",
        "",
        *[f"- {c}" for c in facts["citations"]],
        "",
        "## Training",
        f"- {len(facts['folds'])}-fold patient-wise cross-validation over all 60 patients, "
        "folds stratified by subtype and bleed burden (`training.cv.assign_folds`).",
        f"- Per fold: {cfg['epochs'] * cfg['steps_per_epoch']} steps of {cfg['batch_size']} "
        f"{cfg['train_crop']}x{cfg['train_crop']} patches; the last checkpoint (no epoch "
        "chosen on held-out patients).",
        *([shipped] if shipped else []),
        *([facts["arithmetic"]] if facts.get("arithmetic") else []),
        f"- Command: `{facts['command']}`",
        "",
        "## Post-processing (chosen on out-of-fold predictions only)",
        f"- pixel threshold {spec['threshold']}, specks below {spec['min_component_px']} px; "
        f"slice score `{spec['slice_source']}`"
        + (
            f", at least {spec['slice_context']:g} of its stronger neighbour's "
            "(`ichseg.postprocess.with_neighbours`),"
            if spec.get("slice_context")
            else ""
        )
        + f" calibrated with temperature {spec['slice_temperature']:.3f}; "
        f"slice threshold {spec['slice_threshold']:.3f}.",
        f"- Scan rule `{spec['scan_rule']}` at {spec['scan_threshold']:.3f}: the threshold "
        "below which no out-of-fold bleeding patient scored (every bleeding patient "
        "flagged first), then the rule that flags the fewest clean patients.",
        "",
        "## Out-of-fold figures (nested: each fold scored with a recipe chosen on the others)",
        oof_text,
        "",
        "Every out-of-fold prediction went through the serving path: `ichseg.preprocess` "
        "inputs, ONNX Runtime on each slice's head box (`ichseg.headbox`), the raw outputs "
        "post-processed by `ichseg.postprocess` with the recipe; masks scored at 512x512.",
        "",
        "| metric | value |",
        "|---|---|",
        f"| Hssayeni Dice | {_ci(rep, 'dice')} |",
        f"| per-patient 3-D Dice | {_ci(rep, 'dice_3d')} |",
        f"| pooled Dice | {_ci(rep, 'pooled_dice')} |",
        f"| slice ROC AUC | {_ci(rep, 'slice_auc')} |",
        *(
            [f"| scan ROC AUC (patients, any threshold) | {_ci(rep, 'scan_auc')} |"]
            if "scan_auc" in rep["intervals_95"]
            else []
        ),
        f"| bleeding patients flagged | {pooled['bleeding_flagged']} / {pooled['bleeding']} "
        f"(sensitivity 95 % CI {_interval(rep['intervals_95'].get('sensitivity'))}) |",
        f"| clean patients flagged | {pooled['clean_flagged']} / {pooled['clean']} "
        f"(specificity 95 % CI {_interval(rep['intervals_95'].get('specificity'))}) |",
        *_alternative_triage(rep.get("alternative_triage")),
        "",
        "Per fold:",
        "",
        "| fold | Dice | slice AUC | bleeding flagged | clean flagged |",
        "|---|---|---|---|---|",
    ]
    for k, f in rep["per_fold"].items():
        lines.append(
            f"| {k} | {f['dice']:.3f} | {f['slice_auc']:.3f} | {f['bleeding_flagged']}/"
            f"{f['bleeding']} | {f['clean_flagged']}/{f['clean']} |"
        )
    lines += ["", "Per subtype (bleeding patients with the subtype on any slice):", ""]
    lines += ["| subtype | patients flagged | slices detected |", "|---|---|---|"]
    for name, s in pooled["subtypes"].items():
        lines.append(
            f"| {name} | {s['patients_flagged']} / {s['patients']} | "
            f"{s.get('slices_detected', 0)} / {s.get('slices', 0)} |"
        )
    lines += ["", *_int8_section(facts.get("int8")), *_ablation_section(facts.get("ablation"))]
    lines += [
        "## Limits",
        "- 60 patients from one dataset; intervals are bootstrap over patients and wide.",
        f"- The scan verdict puts sensitivity first: out of fold it flagged "
        f"{pooled['clean_flagged']} of {pooled['clean']} clean patients (and "
        f"{pooled['bleeding_flagged']} of {pooled['bleeding']} bleeding ones). A flag says "
        '"read this scan first", not "bleeding"; no flag never rules a bleed out.',
        "- Subtype scores are a hint, not a classification.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m model_export.cv_export --cv-dir runs/cv --version 2.0.0``.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        0, or 2 on missing folds or failed parity.
    """
    p = argparse.ArgumentParser(prog="python -m model_export.cv_export", description=__doc__)
    p.add_argument("--cv-dir", type=Path, default=Path("runs/cv"))
    p.add_argument("--out", type=Path, default=Path("ichseg/models"))
    p.add_argument("--version", required=True)
    p.add_argument("--folds", help="comma-separated fold models to ship (default all)")
    p.add_argument("--train-command", default="python -m training.cv --config configs/cv.yaml")
    p.add_argument("--model", type=Path, help="ship this one .keras model instead of the ensemble")
    p.add_argument(
        "--int8",
        action="store_true",
        help="also write the int8 export; it serves when the folds' int8 OOF (oof-int8/) allow",
    )
    p.add_argument(
        "--ablation",
        type=Path,
        help="the augmentation ablation's report (python -m training.stress --against), "
        "for the card",
    )
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    folds = [int(f) for f in args.folds.split(",")] if args.folds else None
    try:
        facts = export_cv(
            args.cv_dir,
            args.out,
            args.version,
            folds,
            args.train_command,
            model=args.model,
            int8=args.int8,
            ablation=args.ablation,
        )
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: facts[k] for k in ("sha256", "parity", "members")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
