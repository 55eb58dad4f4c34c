"""Out-of-fold figures on changed images: what the robustness augmentation is for (issue 16).

Each fold model scores its held-out patients again, with every slice of the scan changed
one way before preprocessing (:data:`CONDITIONS`), through the serving path as the plain
out-of-fold (OOF) predictions are (:func:`training.cv.served_outputs`). Every condition
stands for something the product meets and one part of the robustness augmentation
(``configs/cv.yaml``) was added for:

========================  ===================================  ========================
condition                 what it stands for                   augmentation it tests
========================  ===================================  ========================
``jpeg-40``               JPEG slices exported by a viewer     ``p_jpeg``
``h264-crf28``            a screen or phone video of the scan  ``p_jpeg`` (no H.264 in
                          (PyAV, then ``ichseg.readers``)      training)
``blur-1.0``              a soft reconstruction kernel         ``p_blur``
``noise-0.03``            a low-dose scan                      ``p_noise``
``gamma-0.7/1.4``         another window or monitor curve      ``p_gamma``
``zoom-0.85/1.15``        another pixel spacing (field of      ``scale_range``
                          view), mask changed with the image
``hypodense-0.8``         subacute (darker) blood: the         ``p_hypodense`` (the same
                          collection redrawn at 0.8 times the  redraw as in training, a
                          surrounding brain's grey             fixed factor)
========================  ===================================  ========================

The recipe that scores a fold (threshold, speck size, slice and scan thresholds) is the
one chosen on the *plain* OOF predictions of the baseline's other folds
(:func:`training.oof.fold_choices`), as a served scan is scored: the condition
is never looked at to choose it. Comparing a run trained without the robustness
augmentation (``configs/cv-noaug.yaml``) with the one trained with it, condition by
condition, says what the augmentation did for each.

    python -m training.stress --cv-dir runs/cv --folds 0,2
    python -m training.stress --cv-dir runs/cv-noaug --folds 0,2 --against runs/cv

Layout: ``cv_dir/foldK/stress/<condition>/PPP.npz`` (the arrays of ``oof/``) and
``made.json`` beside them. Nothing derived from CT-ICH pixels leaves ``cv_dir``.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import ndimage

log = logging.getLogger(__name__)

STRESS_DIR = "stress"
#: Bumped when a condition's definition changes: predictions made another way are redone.
STRESS_VERSION = 1

Change = Callable[
    [list[np.ndarray], list[np.ndarray], np.random.Generator],
    tuple[list[np.ndarray], list[np.ndarray]],
]


@dataclass(frozen=True)
class Condition:
    """One way of changing a scan's slices.

    Attributes:
        name: Folder name and report key.
        change: ``(displays, masks, rng) -> (displays, masks)``; displays are ``(H, W)``
            ``uint8`` brain-window slices, masks ``(H, W)`` (non-zero is haemorrhage).
        what: One line for the report.
    """

    name: str
    change: Change
    what: str


def _each(fn: Callable[[np.ndarray], np.ndarray]) -> Change:
    """A change of every display slice on its own (masks kept)."""

    def change(
        displays: list[np.ndarray], masks: list[np.ndarray], rng: np.random.Generator
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return [fn(d) for d in displays], masks

    return change


def _to_uint8(unit: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(unit * 255.0), 0, 255).astype(np.uint8)


def jpeg(quality: int) -> Change:
    """Every slice through an 8-bit JPEG round trip at ``quality``."""
    from training.augment import jpeg_round_trip

    return _each(
        lambda d: _to_uint8(
            jpeg_round_trip(d[..., None].astype(np.float32) / 255.0, quality)[..., 0]
        )
    )


def h264(crf: int) -> Change:
    """The scan encoded as an H.264 MP4 (``ichseg.video``) and read back as the product reads it."""

    def change(
        displays: list[np.ndarray], masks: list[np.ndarray], rng: np.random.Generator
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        from ichseg.preprocess import to_grey
        from ichseg.readers import read_scan
        from ichseg.video import write_video

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scan.mp4"
            write_video((np.repeat(d[..., None], 3, axis=2) for d in displays), path, crf=crf)
            scan = read_scan(path)
        if len(scan) != len(displays):
            raise ValueError(f"H.264 round trip: {len(scan)} frames for {len(displays)} slices")
        return [to_grey(s) for s in scan.slices], masks

    return change


def blur(sigma: float) -> Change:
    """A Gaussian blur of ``sigma`` pixels."""
    return _each(lambda d: _to_uint8(ndimage.gaussian_filter(d.astype(np.float32) / 255.0, sigma)))


def noise(sigma: float) -> Change:
    """Additive Gaussian noise, ``sigma`` on the [0, 1] grey scale."""

    def change(
        displays: list[np.ndarray], masks: list[np.ndarray], rng: np.random.Generator
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return [
            _to_uint8(d.astype(np.float32) / 255.0 + rng.normal(0.0, sigma, d.shape))
            for d in displays
        ], masks

    return change


def gamma(g: float) -> Change:
    """Grey ``x`` becomes ``x ** g`` on the [0, 1] scale."""
    return _each(lambda d: _to_uint8((d.astype(np.float32) / 255.0) ** g))


def zoom(factor: float) -> Change:
    """Magnified by ``factor`` about the centre, same frame size; the masks move with the image."""

    def warp(a: np.ndarray, order: int) -> np.ndarray:
        centre = (np.array(a.shape, np.float64) - 1.0) / 2.0
        return ndimage.affine_transform(
            a, np.eye(2) / factor, offset=centre - centre / factor, order=order, mode="constant"
        )

    def change(
        displays: list[np.ndarray], masks: list[np.ndarray], rng: np.random.Generator
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return (
            [_to_uint8(warp(d.astype(np.float32) / 255.0, 1)) for d in displays],
            [warp((np.asarray(m) > 0).astype(np.uint8), 0) for m in masks],
        )

    return change


def hypodense(factor: float) -> Change:
    """Every slice's haemorrhage redrawn at ``factor`` times the surrounding brain's grey."""
    from training.augment import hypodense_blood

    def change(
        displays: list[np.ndarray], masks: list[np.ndarray], rng: np.random.Generator
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        out = []
        for d, m in zip(displays, masks, strict=True):
            bleed = np.asarray(m) > 0
            if bleed.any():
                unit = d[..., None].astype(np.float32) / 255.0
                d = _to_uint8(hypodense_blood(unit, bleed, factor, rng)[..., 0])
            out.append(d)
        return out, masks

    return change


#: The conditions, in report order (one place: the folder names, the report and the card).
CONDITIONS: dict[str, Condition] = {
    c.name: c
    for c in (
        Condition("jpeg-40", jpeg(40), "JPEG quality 40"),
        Condition("h264-crf28", h264(28), "H.264 MP4, CRF 28, read back by ichseg.readers"),
        Condition("blur-1.0", blur(1.0), "Gaussian blur, sigma 1 pixel"),
        Condition("noise-0.03", noise(0.03), "Gaussian noise, sigma 0.03 of the grey range"),
        Condition("gamma-0.7", gamma(0.7), "gamma 0.7 (brighter)"),
        Condition("gamma-1.4", gamma(1.4), "gamma 1.4 (darker)"),
        Condition("zoom-0.85", zoom(0.85), "head 0.85 times as large"),
        Condition("zoom-1.15", zoom(1.15), "head 1.15 times as large"),
        Condition("hypodense-0.8", hypodense(0.8), "blood at 0.8 times the brain's grey"),
    )
}


def condition_rng(condition: str, pid: str) -> np.random.Generator:
    """The same random draws for a patient and condition in every run (paired comparisons)."""
    return np.random.default_rng(zlib.crc32(f"{condition}/{pid}".encode()))


def _made(condition: str) -> dict:
    return {"condition": condition, "v": STRESS_VERSION}


def write_stress(cv_dir: Path, fold: int, condition: str) -> Path:
    """Score one fold's held-out patients under one condition (kept; done again only when stale).

    Args:
        cv_dir: Cross-validation folder whose fold has its ONNX export (``training.cv``).
        fold: Fold index.
        condition: A key of :data:`CONDITIONS`.

    Returns:
        The condition's folder under the fold.

    Raises:
        FileNotFoundError: When the fold has no ONNX export yet.
    """
    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from training.config import TrainConfig
    from training.cv import ONNX_NAME, OOF_MADE_NAME, load_folds, save_npz, served_outputs
    from training.data import load_patient
    from training.train import spec_for

    fold_dir = cv_dir / f"fold{fold}"
    onnx_path = fold_dir / ONNX_NAME
    if not onnx_path.exists():
        raise FileNotFoundError(f"{onnx_path}: train the fold first (python -m training.cv)")
    out = fold_dir / STRESS_DIR / condition
    made = out / OOF_MADE_NAME
    how = _made(condition)
    recorded = json.loads(made.read_text()) if made.exists() else None
    if recorded == how | {"complete": True}:
        return out
    if recorded != how | {"complete": False}:  # made another way (or never): start over
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    made.write_text(json.dumps(how | {"complete": False}) + "\n")
    cfg = TrainConfig.model_validate_json((fold_dir / "config.json").read_text())
    spec = spec_for(cfg)
    change = CONDITIONS[condition].change
    segmenter = OnnxSegmenter.from_path(onnx_path, prefer_gpu=False)
    for pid in load_folds(cv_dir)[fold]:
        target = out / f"{pid}.npz"
        if target.exists():  # an interrupted run of the same definition goes on
            continue
        rng = condition_rng(condition, pid)

        def alter(
            d: list[np.ndarray], m: list[np.ndarray], rng: np.random.Generator = rng
        ) -> tuple[list[np.ndarray], list[np.ndarray]]:
            return change(d, m, rng)

        v = load_patient(cfg.data_dir, pid, spec, alter=alter)
        arrays = served_outputs(segmenter, np.asarray(v.x, np.float32), spec)
        arrays |= {
            "truth": v.y.astype(np.uint8),
            "subtype_truth": v.subtypes,
            "slice_numbers": v.slice_numbers,
        }
        save_npz(target, arrays)
        log.info("fold %d %s %s", fold, condition, pid)
    made.write_text(json.dumps(how | {"complete": True}) + "\n")
    return out


def stress_report(
    cv_dir: Path, baseline_dir: Path | None, conditions: list[str], folds: list[int]
) -> dict:
    """Paired figures per condition (and plain), recipes chosen on the baseline's plain OOF.

    Args:
        cv_dir: The run to report (the candidate).
        baseline_dir: The run to compare with; ``None``: the candidate's plain OOF is the
            baseline, so each row says what the condition does to the one model.
        conditions: Keys of :data:`CONDITIONS` whose predictions exist in both runs.
        folds: The folds scored (the ``plain`` row keeps to them too).

    Returns:
        ``{"baseline", "candidate", "rows": {condition: training.oof.paired(...)}}``; the
        ``plain`` row compares the two runs' unchanged OOF predictions.
    """
    from training.oof import fold_choices, load_cv, paired

    base_dir = baseline_dir or cv_dir
    base_plain = load_cv(base_dir)
    choosing = fold_choices(base_plain, folds)  # chosen once, for every row
    rows: dict[str, dict] = {}
    plain = [r for r in load_cv(cv_dir) if r.fold in folds]
    if baseline_dir is not None:
        rows["plain"] = paired(plain, base_plain, choices=choosing)
    for name in conditions:
        cand = [r for r in load_cv(cv_dir, f"{STRESS_DIR}/{name}") if r.fold in folds]
        base = load_cv(base_dir, f"{STRESS_DIR}/{name}") if baseline_dir else plain
        rows[name] = paired(cand, base, choices=choosing)
    return {"candidate": str(cv_dir), "baseline": str(base_dir), "rows": rows}


def format_report(rep: dict) -> str:
    """A Markdown table of :func:`stress_report`."""
    lines = [
        f"candidate {rep['candidate']} against baseline {rep['baseline']}",
        "",
        "| condition | Dice baseline | Dice candidate | difference (95 % CI) "
        "| bleeding flagged b / c | clean flagged b / c |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in rep["rows"].items():
        b, c, d = row["baseline"], row["candidate"], row["dice_difference"]
        lines.append(
            f"| {name} | {b['dice']:.3f} | {c['dice']:.3f} | {d['mean']:+.3f} "
            f"({d['ci95'][0]:+.3f} to {d['ci95'][1]:+.3f}) "
            f"| {b['bleeding_flagged']}/{b['bleeding']} / {c['bleeding_flagged']}/{c['bleeding']} "
            f"| {b['clean_flagged']}/{b['clean']} / {c['clean_flagged']}/{c['clean']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m training.stress --cv-dir DIR --folds 0,2 [--against BASELINE]``.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        0; 2 when a fold has no export or no plain OOF predictions.
    """
    from training.train import json_safe

    ap = argparse.ArgumentParser(prog="python -m training.stress", description=__doc__)
    ap.add_argument("--cv-dir", type=Path, required=True)
    ap.add_argument("--folds", required=True, help="comma-separated fold indices")
    ap.add_argument(
        "--conditions",
        default=",".join(CONDITIONS),
        help=f"comma-separated, of: {', '.join(CONDITIONS)}",
    )
    ap.add_argument("--against", type=Path, metavar="BASELINE_CV_DIR")
    ap.add_argument("--out", type=Path, help="JSON report (default CV_DIR/stress_report.json)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    conditions = [c for c in args.conditions.split(",") if c]
    unknown = sorted(set(conditions) - set(CONDITIONS))
    if unknown:
        print(f"error: unknown conditions {unknown}", file=sys.stderr)
        return 2
    folds = [int(f) for f in args.folds.split(",") if f != ""]
    try:
        for run in [args.cv_dir, *([args.against] if args.against else [])]:
            for k in folds:
                for name in conditions:
                    write_stress(run, k, name)
        rep = stress_report(args.cv_dir, args.against, conditions, folds)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = args.out or args.cv_dir / "stress_report.json"
    out.write_text(json.dumps(json_safe(rep), indent=2) + "\n")
    print(format_report(rep))
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
