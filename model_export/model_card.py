"""Write the model card (Markdown) from the export's measured facts."""

from __future__ import annotations

from typing import Any

CITATIONS = (
    "Hssayeni, M. (2020). *Computed Tomography Images for Intracranial Hemorrhage Detection "
    "and Segmentation* (version 1.3.0). PhysioNet. https://doi.org/10.13026/4nae-zg36",
    "Hssayeni, M. D., Croock, M. S., Salman, A. D., Al-khafaji, H. F., Yahya, Z. A., & "
    "Ghoraani, B. (2020). Intracranial Hemorrhage Segmentation Using A Deep Convolutional "
    "Model. *Data*, 5(1), 14. https://doi.org/10.3390/data5010014",
)


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return "nan" if v != v else f"{v:.{digits}f}"
    return str(v)


def render_card(facts: dict) -> str:
    """Render ``MODEL_CARD.md``.

    Args:
        facts: Keys ``spec`` (dict), ``sha256``, ``size_bytes``, ``date``, ``command``,
            ``export_command``, ``train`` (summary: patients, steps, wall minutes, images/s,
            best epoch), ``val`` (serving-path metrics with ``per_patient``), ``parity``
            (max abs differences), ``params``, ``limits`` (list of str),
            ``failure_modes`` (list of str), ``improvements`` (list of str).

    Returns:
        Markdown text.
    """
    spec = facts["spec"]
    tr = facts["train"]
    val = facts["val"]
    lines = [
        f"# Model card: {spec['model_name']} {spec['model_version']}",
        "",
        "A 2.5-D U-Net (Keras 3, exported to ONNX) that outlines intracranial haemorrhage on "
        "axial head-CT slices and scores each slice and scan.",
        "",
        "## Intended use",
        "Research, teaching and a *triage aid* that draws attention to slices that may show "
        "bleeding. **Not a diagnostic device**: it is not cleared or validated for clinical "
        "decisions; a qualified reader must review every scan, flagged or not.",
        "",
        "## Files",
        f"- `ichseg-unet.onnx`: {facts['size_bytes'] / 1e6:.2f} MB, opset "
        f"{facts.get('opset', 17)}, input `image` (N, {spec['input_height']}, "
        f"{spec['input_width']}, {2 * spec['context_slices'] + 1}) float32, output `prob` "
        f"(N, {spec['input_height']}, {spec['input_width']}, 1)"
        + (
            f", output `subtype` (N, {len(spec['subtypes'])}) float32 "
            f"({', '.join(spec['subtypes'])})"
            if spec.get("subtypes")
            else ""
        )
        + f"; {facts['params']:,} parameters.",
        f"- sha256: `{facts['sha256']}`",
        "- `ichseg-unet.spec.json`: preprocessing and thresholds (read by `ichseg`).",
        "- `ichseg-unet.reference.npz`: reference input/output pair made from a SYNTHETIC "
        "phantom (no patient pixels), used by the parity test.",
        f"- Exported: {facts['date']}",
        "",
        "## Data and licence",
        "CT-ICH: 60 patients of the dataset below (2,241 axial slices, brain window "
        "level 40 / width 120 HU, 512x512), released under the Creative Commons Attribution "
        "4.0 International licence (versions 1.2.0 and 1.3.0). No image or mask ships with "
        "the model. Please cite both works when you use or describe this model:",
        "",
        *[f"- {c}" for c in CITATIONS],
        "",
        "## Patient-wise split",
        f"- Held out ({len(tr['val_patients'])}, never trained on): "
        + ", ".join(tr["val_patients"]),
        f"- Trained on ({len(tr['train_patients'])}): " + ", ".join(tr["train_patients"]),
        "- The held-out set is a seeded draw stratified by bleed burden (see "
        "`training.data.patient_split`). It also chose the best epoch and the post-processing "
        "thresholds below, so its figures are optimistic for a truly unseen patient; the "
        "dataset's 15 further patients are the independent test.",
        "",
        "## Training",
        f"- Command: `{facts['command']}`",
        f"- Export/evaluation: `{facts['export_command']}`",
        f"- Input {spec['input_height']}x{spec['input_width']}, context "
        f"{spec['context_slices']} slice each side (3 channels), batch {tr['batch_size']}"
        + (
            f" of {tr['train_crop']}x{tr['train_crop']} patches (a bleeding slice's patch "
            "holds haemorrhage; whole slices at inference)"
            if tr.get("train_crop")
            else ""
        )
        + f", {tr['bleed_fraction']:.0%} bleeding slices per batch, "
        + ("per-image " if tr.get("dice_mode") == "image" else "")
        + "Dice+BCE loss"
        + (" plus 0.2 x subtype BCE" if spec.get("subtypes") else "")
        + ", AdamW with cosine decay, flips/rotations/scales/shifts/intensity jitter, seed "
        f"{tr['seed']}.",
        f"- {tr['steps']} steps ({tr['steps'] * tr['batch_size']:,} images) in "
        f"{tr['wall_minutes']:.1f} min on a shared 2-core CPU "
        f"({tr['train_images_per_s']:.1f} training images/s); best epoch {tr['best_epoch']}.",
        *(
            [
                "- Per-epoch validation at model resolution: `runs/train/history.jsonl`; best "
                f"epoch Dice {_fmt(bm.get('dice'))}, IoU {_fmt(bm.get('iou'))}, slice AUC "
                f"{_fmt(bm.get('slice_auc'))} (threshold 0.5, before tuning)."
            ]
            if (bm := tr.get("best_model_res"))
            else []
        ),
        "",
        "## Post-processing (tuned on the held-out patients)",
        f"- pixel threshold {spec['threshold']}, speck removal below "
        f"{spec['min_component_px']} px (model resolution), slice threshold "
        f"{spec['slice_threshold']}.",
        "- Scan rule: a scan is flagged when any slice has slice probability >= "
        f"{spec['slice_threshold']} and a non-empty mask (slice probability: the largest "
        "pixel probability left after speck removal).",
        "- Chosen by grid search maximising Hssayeni Dice + slice-level balanced accuracy + "
        "scan-level balanced accuracy (then the slice threshold by scan-level sensitivity + "
        "specificity), on the same held-out patients reported below.",
        "",
        *(
            [
                "- Left-right flip test-time augmentation is built into the ONNX graph (the "
                "output is the mean over the image and its mirror), chosen on the held-out "
                "patients over the plain model: "
                + "; ".join(
                    f"{name}: Dice {_fmt(v['dice'])}, slice AUC {_fmt(v['slice_auc'])}"
                    for name, v in facts.get("variants", {}).items()
                )
                + "."
            ]
            if facts.get("flip_tta")
            else []
        ),
        "",
        "## Held-out results (serving path, 512x512 masks)",
        "Dice by the Hssayeni et al. protocol: Dice on slices with haemorrhage, averaged per "
        "patient, then over patients with haemorrhage. Published baseline on this data "
        "(5-fold by patient): Dice 0.31.",
        "",
        "| metric | value |",
        "|---|---|",
        f"| Hssayeni Dice | {_fmt(val['dice'])} |",
        f"| IoU (same averaging) | {_fmt(val['iou'])} |",
        f"| slice ROC AUC | {_fmt(val['slice_auc'])} |",
        f"| slice sensitivity / specificity | {_fmt(val['slice_sensitivity'])} / "
        f"{_fmt(val['slice_specificity'])} |",
        f"| scan sensitivity / specificity | {_fmt(val['scan_sensitivity'])} / "
        f"{_fmt(val['scan_specificity'])} (TP, FP, TN, FN = "
        f"{', '.join(str(v) for v in val['scan_tp_fp_tn_fn'])}) |",
        "",
        "| patient | slices | bleeding slices | Dice | IoU | max slice prob | flagged |",
        "|---|---|---|---|---|---|---|",
    ]
    for pid, row in val["per_patient"].items():
        lines.append(
            f"| {pid} | {row['slices']} | {row['bleeding_slices']} | {_fmt(row['dice'])} | "
            f"{_fmt(row['iou'])} | {_fmt(row['max_slice_prob'])} | {_fmt(row['flagged'])} |"
        )
    goals = [
        f"- Dice >= 0.60: {'met' if val['dice'] >= 0.60 else 'NOT met'} ({_fmt(val['dice'])}).",
        f"- Slice AUC >= 0.95: {'met' if val['slice_auc'] >= 0.95 else 'NOT met'} "
        f"({_fmt(val['slice_auc'])}).",
    ]
    parity = facts["parity"]
    sub = facts.get("subtypes")
    if sub:
        lines += [
            "",
            "## Subtype head (per slice, held-out patients, serving path)",
            "Slice-level ROC AUC of each subtype score against `slices.csv` over all "
            f"{sub['slices']} held-out slices; `report.json` carries the scores per slice "
            "and the likely subtypes per scan. A class with no positive held-out slice has no "
            "AUC (the held-out set was drawn by bleed burden, not by subtype).",
            "",
            "| subtype | positive slices | AUC |",
            "|---|---|---|",
            *[
                f"| {name} | {sub['positives'][name]} | {_fmt(auc)} |"
                for name, auc in sub["auc"].items()
            ],
        ]
    lines += [
        "",
        "## Goals",
        *goals,
        "",
        "## Export checks",
        f"- Keras vs ONNX Runtime max |difference|: {parity['random']:.2e} on random input, "
        f"{parity['reference']:.2e} on the synthetic reference input (limit 1e-4).",
        "",
        *int8_section(facts.get("int8")),
        "## Known failure modes",
        *[f"- {s}" for s in facts["failure_modes"]],
        "",
        "## What limits it and what would improve it",
        *[f"- {s}" for s in facts["limits"]],
        *[f"- {s}" for s in facts["improvements"]],
        "",
    ]
    return "\n".join(lines)


def int8_section(int8: dict | None) -> list[str]:
    """Card lines for the int8 export (none when there is none).

    Args:
        int8: Facts from the export's int8 step: ``kept_float``, ``calibration_inputs``,
            ``reduce_range``, ``size_bytes``, ``sha256``, ``parity``, ``val`` (held-out metrics
            on head boxes), ``serves``.

    Returns:
        Markdown lines.
    """
    if not int8:
        return []
    par = int8["parity"]
    val = int8["val"]
    return [
        "## int8 export (`ichseg-unet.int8.onnx`)",
        f"- ONNX Runtime static quantisation, QDQ, weights per output channel "
        f"({'7' if int8['reduce_range'] else '8'}-bit), uint8 activations calibrated "
        f"(min/max) on {int8['calibration_inputs']} head-box slices of training patients only; "
        f"kept in float: {', '.join(int8['kept_float']) or 'nothing'}.",
        f"- {int8['size_bytes'] / 1e6:.2f} MB, sha256 `{int8['sha256']}`.",
        f"- Parity with the float model on the synthetic reference input: mask agreement "
        f"(IoU) {par['mask_agreement']:.3f}, mean |difference| {par['mean_abs']:.2e}, subtype "
        f"max |difference| {par['subtype_max_abs']:.3f}.",
        f"- Held-out, head boxes, same thresholds: Dice {val['dice']:.3f}, IoU {val['iou']:.3f}, "
        f"slice AUC {val['slice_auc']:.3f}.",
        f"- Served by default: {'yes' if int8['serves'] else 'no'} (`serve_int8` in the spec).",
        "",
    ]
