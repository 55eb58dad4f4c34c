r"""Held-out Dice of serving variants: float or int8 model, whole frame or head box.

Runs each variant over the held-out patients through the serving preprocessing and
post-processing (:mod:`model_export.evaluate`), with the thresholds of the model's spec (no
re-tuning), and prints one table; ``--json`` also writes the figures (never pixels).

    python -m model_export.compare --data-dir /work/shared/data/ct-ich \\
        --variant float-frame=ichseg/models/ichseg-unet.onnx:frame \\
        --variant float-box=ichseg/models/ichseg-unet.onnx:box \\
        --variant int8-box=ichseg/models/ichseg-unet.int8.onnx:box
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.headbox import MARGIN_PX
from ichseg.predict import predict_in_boxes
from ichseg.preprocess import model_input
from ichseg.spec import PreprocessSpec, spec_path_for
from model_export.evaluate import PatientSlices, read_shared_patient, score, subtype_scores_auc

SEED = 1234
N_VAL = 12


def split_patients(data_dir: Path, n_val: int = N_VAL, seed: int = SEED) -> tuple[list, list]:
    """The training split of a shared-layout CT-ICH folder, as ``training.train`` draws it.

    Args:
        data_dir: Folder with ``images/`` and ``masks/``.
        n_val: Held-out patients.
        seed: Split seed.

    Returns:
        ``(train_ids, val_ids)``.
    """
    from PIL import Image

    from training.data import patient_split

    counts: dict[str, int] = {}
    for pdir in sorted(p for p in (data_dir / "images").iterdir() if p.is_dir()):
        n = 0
        for f in (data_dir / "masks" / pdir.name).glob("*.png"):
            with Image.open(f) as img:
                n += bool(np.asarray(img.convert("L")).any())
        counts[pdir.name] = n
    return patient_split(counts, n_val, seed)


def run_variant(
    model: Path,
    mode: str,
    patients: Sequence[PatientSlices],
    spec: PreprocessSpec,
    margin: int = MARGIN_PX,
) -> dict[str, Any]:
    """Probabilities and subtype scores of one variant over the patients.

    Args:
        model: The ``.onnx`` file.
        mode: ``"frame"`` (whole 512x512 slices, one per call) or ``"box"`` (head boxes).
        margin: Head-box margin in pixels.
        patients: Held-out patients.
        spec: Thresholds and preprocessing.

    Returns:
        Dict with ``probs`` and ``subtypes`` (patient -> array), ``area`` (pixels run over
        whole frames), ``seconds``.
    """
    import onnxruntime as ort

    sess = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    in_name = sess.get_inputs()[0].name
    probs: dict[str, np.ndarray] = {}
    subs: dict[str, np.ndarray] = {}
    ran = total = 0.0
    t0 = time.perf_counter()
    for p in patients:
        kept: list[np.ndarray] = []

        def predict(x: np.ndarray, keep: list[np.ndarray] = kept) -> np.ndarray:
            out = dict(zip(names, sess.run(names, {in_name: x}), strict=True))
            if "subtype" in out:
                keep.append(np.asarray(out["subtype"], np.float32))
            return np.asarray(out["prob"], np.float32)[..., 0]

        x = model_input(list(p.displays), spec)
        n, _h, _w, _ = x.shape
        if mode == "box":
            prob, area = predict_in_boxes(x, predict, context=spec.context_slices, margin=margin)
        else:
            prob, area = np.concatenate([predict(x[i : i + 1]) for i in range(n)]), 1.0
        probs[p.patient] = prob
        if kept:
            subs[p.patient] = np.concatenate(kept)
        ran += area * n
        total += n
    return {
        "probs": probs,
        "subtypes": subs,
        "area": ran / total,
        "seconds": time.perf_counter() - t0,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the comparison table.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        0.
    """
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/work/shared/data/ct-ich"))
    ap.add_argument("--variant", action="append", required=True, help="NAME=MODEL.onnx:frame|box")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--margin", type=int, default=MARGIN_PX, help="head-box margin, pixels")
    ap.add_argument("--patients", help="comma-separated subset of the held-out patients")
    args = ap.parse_args(argv)
    _, val = split_patients(args.data_dir)
    if args.patients:
        val = [p for p in val if p in set(args.patients.split(","))]
    patients = [read_shared_patient(args.data_dir, p) for p in val]
    from training.data import SUBTYPES, subtype_labels

    labels = subtype_labels(args.data_dir / "slices.csv")
    rows: dict[str, Any] = {"held_out": val}
    print(f"held-out patients: {' '.join(val)}")
    print(
        f"{'variant':<14} {'Dice':>6} {'IoU':>6} {'AUC':>6} {'sl sens':>7} {'sl spec':>7} "
        f"{'scan TP/FP/TN/FN':>16} {'area':>5} {'s':>6}"
    )
    for item in args.variant:
        name, rest = item.split("=", 1)
        path, mode = rest.rsplit(":", 1)
        spec = PreprocessSpec.load(spec_path_for(Path(path)))
        res = run_variant(Path(path), mode, patients, spec, args.margin)
        val_scores = score(res["probs"], patients, spec)
        sub = None
        if res["subtypes"] and spec.subtypes:
            sub = subtype_scores_auc(res["subtypes"], patients, labels, SUBTYPES)["auc"]
        rows[name] = {k: v for k, v in val_scores.items() if k != "per_patient"} | {
            "per_patient_dice": {k: r["dice"] for k, r in val_scores["per_patient"].items()},
            "flagged": [k for k, r in val_scores["per_patient"].items() if r["flagged"]],
            "subtype_auc": sub,
            "area_fraction": res["area"],
            "seconds": res["seconds"],
            "model": path,
            "mode": mode,
        }
        r = rows[name]
        print(
            f"{name:<14} {r['dice']:>6.4f} {r['iou']:>6.4f} {r['slice_auc']:>6.4f} "
            f"{r['slice_sensitivity']:>7.3f} {r['slice_specificity']:>7.3f} "
            f"{'/'.join(str(v) for v in r['scan_tp_fp_tn_fn']):>16} {r['area_fraction']:>5.3f} "
            f"{r['seconds']:>6.0f}",
            flush=True,
        )
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2, default=float) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
