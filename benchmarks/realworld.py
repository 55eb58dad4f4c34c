"""Issue 13's thin-slice and screen-recording goals measured on real CT-ICH patients.

For the held-out patients of the shipped model (1.2.0: ``training.data.patient_split``,
seed 1234, 12 patients, listed in ``ichseg/models/MODEL_CARD.md``) the 8-bit brain-window
PNG slices are scored through the public API (``load_model`` + ``predict_scan``) as:

1. ``plain``: the slices as a 5 mm scan (pixel spacing assumed 0.45 mm; the PNGs keep none);
2. ``thin-repeat``: the same volume as a 1.25 mm series, each 5 mm slice repeated 4 times;
   ``thin-interp``: 4 slices per 5 mm slab, linearly interpolated between the 5 mm slices
   at the thin slices' centres (the end slabs' outer halves repeat the end slice); both with
   ``slice_thickness_mm=1.25``; ``thin-nodes``: linear interpolation with the 5 mm slices
   themselves at every 4th thin slice (thin slice ``j`` at ``j / 4``; the last 3 repeat the
   last slice). The ``-old`` rows force the old behaviour (adjacent slices 1.25 mm apart as
   context: a spec with ``slice_thickness_mm=1.25``);
3. ``recording``: each slice resized to 700x700, placed off-centre in a 1280x720 frame beside
   a grey side bar with a burned-in text line (PIL default font, the slice number changing),
   encoded as H.264 MP4 with PyAV, read back with ``ichseg.readers.read_scan`` and scored;
   masks are mapped back to 512x512 by inverting the known placement. ``recording-old``
   switches the head crop off (``reframe=False``: the whole frame squashed into the model).

Dice is the Hssayeni protocol against the ground-truth masks (mean over bleeding patients of
the mean Dice over their bleeding slices; thin series against the 5 mm mask each thin slice
came from), plus agreement with ``plain``. Everything is rendered in a temporary folder that
is deleted: no image, mask or derived pixel is kept. Run on demand (CPU heavy):

    uv run python benchmarks/realworld.py [--data /work/shared/data/ct-ich]
        [--patients 050 071 ...] [--variants plain thin-repeat ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from common import cpu_flags, machine
from PIL import Image, ImageDraw, ImageFont

from ichseg import load_model, predict_scan
from ichseg.metrics import dice, hssayeni_dice
from ichseg.readers import read_scan
from ichseg.video import write_video

#: Held-out patients of model 1.2.0 (MODEL_CARD.md; patient_split seed 1234, n_val 12).
HELD_OUT = ("050", "068", "071", "085", "088", "095", "096", "097", "098", "102", "105", "112")
DATA = Path("/work/shared/data/ct-ich")
PIXEL_MM = 0.45  # assumed in-plane spacing of the 512x512 PNGs (not kept in the files)
THICK_MM = 5.0
THIN = 4  # 5 mm -> 1.25 mm
FRAME = (720, 1280)  # recording frame (height, width)
SHOWN = 700  # side of the image in the frame
PLACE = (12, 48)  # (top, left) of the image in the frame: off-centre, left of the bar
BAR_LEFT = 790  # grey side bar from this column to the right edge
VARIANTS = (
    "plain",
    "thin-repeat",
    "thin-repeat-old",
    "thin-interp",
    "thin-interp-old",
    "thin-nodes",
    "recording",
    "recording-old",
)


# ---------------------------------------------------------------- pure helpers (tested)


def repeat_series(volume: np.ndarray, factor: int = THIN) -> np.ndarray:
    """``(N, H, W)`` -> ``(N * factor, H, W)``: each slice repeated ``factor`` times."""
    return np.repeat(np.asarray(volume), factor, axis=0)


def interp_positions(n: int, factor: int = THIN) -> np.ndarray:
    """Positions, in 5 mm slice units, of the centres of ``n * factor`` thin slices.

    Thin slice ``j`` sits at ``(j + 0.5) / factor - 0.5`` (slab ``j // factor``), clipped to
    ``[0, n - 1]`` so that the outer halves of the end slabs repeat the end slice.
    """
    pos = (np.arange(n * factor, dtype=np.float64) + 0.5) / factor - 0.5
    return np.clip(pos, 0.0, n - 1.0)


def interpolated_series(volume: np.ndarray, factor: int = THIN) -> np.ndarray:
    """``(N, H, W)`` ``uint8`` -> ``(N * factor, H, W)`` ``uint8`` linearly interpolated."""
    vol = np.asarray(volume)
    pos = interp_positions(vol.shape[0], factor)
    low = np.floor(pos).astype(np.intp)
    high = np.minimum(low + 1, vol.shape[0] - 1)
    f = (pos - low)[:, None, None]
    mixed = vol[low].astype(np.float64) * (1.0 - f) + vol[high].astype(np.float64) * f
    return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)


def node_series(volume: np.ndarray, factor: int = THIN) -> np.ndarray:
    """``(N, H, W)`` ``uint8`` -> ``(N * factor, H, W)``: thin slice ``j`` at ``j / factor``.

    The 5 mm slices are thin slices ``0, factor, 2 * factor ...``; those between are linear
    interpolations; past the last 5 mm slice the series repeats it.
    """
    vol = np.asarray(volume)
    pos = np.clip(np.arange(vol.shape[0] * factor, dtype=np.float64) / factor, 0, vol.shape[0] - 1)
    low = np.floor(pos).astype(np.intp)
    high = np.minimum(low + 1, vol.shape[0] - 1)
    f = (pos - low)[:, None, None]
    mixed = vol[low].astype(np.float64) * (1.0 - f) + vol[high].astype(np.float64) * f
    return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)


def source_slice(j: int, factor: int = THIN, n: int | None = None, nodes: bool = False) -> int:
    """The 5 mm slice a thin slice belongs to: its slab, or (``nodes``) the nearest node."""
    if not nodes:
        return j // factor
    k = int(np.floor(j / factor + 0.5))
    return k if n is None else min(k, n - 1)


def place_in_frame(
    image: np.ndarray,
    frame: tuple[int, int] = FRAME,
    shown: int = SHOWN,
    place: tuple[int, int] = PLACE,
    bar_left: int | None = BAR_LEFT,
    bar_grey: int = 64,
) -> np.ndarray:
    """Resize a grey slice to ``shown`` x ``shown`` and put it at ``place`` in a black frame.

    Returns:
        ``frame`` ``uint8`` grey, with a ``bar_grey`` side bar from column ``bar_left``.
    """
    h, w = frame
    top, left = place
    if top < 0 or left < 0 or top + shown > h or left + shown > w:
        raise ValueError("the image must fit in the frame")
    out = np.zeros((h, w), np.uint8)
    if bar_left is not None:
        out[:, bar_left:] = bar_grey
    resized = Image.fromarray(np.asarray(image, np.uint8)).resize(
        (shown, shown), Image.Resampling.BILINEAR
    )
    out[top : top + shown, left : left + shown] = np.asarray(resized, np.uint8)
    return out


def frame_mask_to_slice(
    mask: np.ndarray,
    size: tuple[int, int] = (512, 512),
    shown: int = SHOWN,
    place: tuple[int, int] = PLACE,
) -> np.ndarray:
    """Invert :func:`place_in_frame` for a frame-sized 0/255 mask: ``size`` ``uint8`` 0/255."""
    top, left = place
    part = np.asarray(mask, np.uint8)[top : top + shown, left : left + shown]
    back = Image.fromarray(part).resize((size[1], size[0]), Image.Resampling.BILINEAR)
    return np.where(np.asarray(back) >= 128, 255, 0).astype(np.uint8)


def recording_frame(image: np.ndarray, text: str) -> np.ndarray:
    """One RGB recording frame: the placed slice, the grey bar and a white text line."""
    grey = place_in_frame(image)
    canvas = Image.fromarray(np.repeat(grey[..., None], 3, axis=2))
    ImageDraw.Draw(canvas).text(
        (BAR_LEFT + 20, 24), text, fill=(255, 255, 255), font=ImageFont.load_default()
    )
    return np.asarray(canvas, np.uint8)


# ---------------------------------------------------------------- scoring


@dataclass
class Result:
    """One variant on one patient, at the 5 mm slices' grid where it applies."""

    flagged: bool
    volume_ml: float
    truth_pairs: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    agree: float = float("nan")  # whole-volume Dice against plain
    slice_identical: float = float("nan")  # share of slices whose mask equals plain's
    seconds: float = 0.0
    note: str = ""


def read_patient(root: Path, patient: str) -> tuple[np.ndarray, np.ndarray]:
    """``(N, 512, 512)`` images and 0/255 masks of one patient, slices in order."""
    names = sorted((root / "images" / patient).glob("*.png"), key=lambda p: int(p.stem))
    images = np.stack([np.asarray(Image.open(p).convert("L"), np.uint8) for p in names])
    masks = np.stack(
        [
            np.where(np.asarray(Image.open(root / "masks" / patient / p.name)) > 0, 255, 0)
            for p in names
        ]
    ).astype(np.uint8)
    return images, masks


def volume_dice(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    """Dice of two mask stacks as volumes (1.0 when both are empty)."""
    return dice(np.stack(a) > 0, np.stack(b) > 0)


def calls_volume(masks: list[np.ndarray], calls: tuple[bool, ...], thickness_mm: float) -> float:
    """Volume (mL) of the called slices' masks at PIXEL_MM spacing."""
    px = sum(int((m > 0).sum()) for m, c in zip(masks, calls, strict=True) if c)
    return px * PIXEL_MM * PIXEL_MM * thickness_mm / 1000.0


def run_variant(
    variant: str, images: np.ndarray, truth: np.ndarray, model: Any, tmp: Path, patient: str
) -> tuple[Result, list[np.ndarray]]:
    """Score one variant; returns the result and the masks on the 5 mm grid (N, 512, 512)."""
    spec_old = model.spec.model_copy(update={"slice_thickness_mm": THICK_MM / THIN})
    t0 = time.perf_counter()
    spacing = (PIXEL_MM, PIXEL_MM)
    if variant == "plain":
        pred = predict_scan(
            images, model, pixel_spacing_mm=spacing, slice_thickness_mm=THICK_MM,
            keep_probabilities=False,
        )  # fmt: skip
        masks = list(pred.masks)
        res = Result(pred.haemorrhage, float(pred.volume_ml or 0.0))
        res.note = f"framing {'none' if pred.framing is None else 'crop'}"
        res.truth_pairs = list(zip(masks, truth, strict=True))
    elif variant.startswith("thin"):
        if "repeat" in variant:
            series = repeat_series(images)
        elif "nodes" in variant:
            series = node_series(images)
        else:
            series = interpolated_series(images)
        old = variant.endswith("-old")
        pred = predict_scan(
            series, model, spec_old if old else None, pixel_spacing_mm=spacing,
            slice_thickness_mm=THICK_MM / THIN, keep_probabilities=False,
        )  # fmt: skip
        thin_masks = list(pred.masks)
        res = Result(pred.haemorrhage, float(pred.volume_ml or 0.0))
        res.note = f"slabs of {pred.slab_slices} ({pred.slab_kind})"
        nodes = "nodes" in variant
        res.truth_pairs = [
            (m, truth[source_slice(j, n=len(truth), nodes=nodes)]) for j, m in enumerate(thin_masks)
        ]
        masks = thin_masks  # thin grid; agreement computed by the caller
    else:
        video = tmp / f"{patient}.mp4"
        n = len(images)
        frames = (
            recording_frame(img, f"CT HEAD  Pt {patient}  Im {i + 1}/{n}  W:120 L:40")
            for i, img in enumerate(images)
        )
        write_video(frames, video)
        scan = read_scan(video)
        pred = predict_scan(
            scan, model, reframe=False if variant.endswith("-old") else None,
            keep_probabilities=False,
        )  # fmt: skip
        masks = [frame_mask_to_slice(m, images.shape[1:]) for m in pred.masks]
        res = Result(pred.haemorrhage, calls_volume(masks, pred.verdict.slice_calls, THICK_MM))
        fr = pred.framing
        res.note = "no crop" if fr is None else f"crop {fr.size}px at ({fr.top},{fr.left})"
        res.truth_pairs = list(zip(masks, truth, strict=True))
        video.unlink()
    res.seconds = time.perf_counter() - t0
    return res, masks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--patients", nargs="+", default=list(HELD_OUT))
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    variants = ["plain"] + [v for v in args.variants if v != "plain"]

    model: Any = load_model(args.model, threads=args.threads)
    print(f"machine: {machine()}")
    print(f"cpu flags: {cpu_flags()}")
    print(f"model: {model.info.name} {model.info.version}; patients: {' '.join(args.patients)}")
    print(f"assumed pixel spacing {PIXEL_MM} mm, 5 mm slices; thin = {THICK_MM / THIN} mm")
    results: dict[str, dict[str, Result]] = {v: {} for v in variants}
    bleeders: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="ichseg-realworld-") as tmp_name:
        tmp = Path(tmp_name)
        for patient in args.patients:
            images, truth = read_patient(args.data, patient)
            if truth.any():
                bleeders.add(patient)
            plain_masks: list[np.ndarray] = []
            for variant in variants:
                res, masks = run_variant(variant, images, truth, model, tmp, patient)
                if variant == "plain":
                    plain_masks = masks
                elif variant.startswith("thin"):
                    thin = masks
                    nodes = "nodes" in variant
                    n5 = len(plain_masks)
                    src = [source_slice(j, n=n5, nodes=nodes) for j in range(len(thin))]
                    res.agree = volume_dice(thin, [plain_masks[k] for k in src])
                    if "repeat" in variant or nodes:
                        same = [
                            np.array_equal(m > 0, plain_masks[k] > 0)
                            for m, k in zip(thin, src, strict=True)
                        ]
                        res.slice_identical = float(np.mean(same))
                else:
                    res.agree = volume_dice(masks, plain_masks)
                results[variant][patient] = res
                print(
                    f"  {patient} {variant:<16} flagged {'yes' if res.flagged else 'no ':<3} "
                    f"volume {res.volume_ml:7.2f} mL  {res.seconds:6.1f} s  {res.note}",
                    flush=True,
                )
    report(results, args.patients, bleeders)


def report(results: dict[str, dict[str, Result]], patients: list[str], bleeders: set[str]) -> None:
    plain = results["plain"]
    base_dice = hssayeni_dice({p: plain[p].truth_pairs for p in patients})
    print("\n## Summary (Dice: Hssayeni, against the ground truth)")
    print(
        "| variant | Dice | Dice - plain | flagged bleeding / clean patients | same calls as plain "
        "| volume ratio (sum) | agreement Dice with plain | s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for variant, rows in results.items():
        d = hssayeni_dice({p: rows[p].truth_pairs for p in patients})
        fb = sum(rows[p].flagged for p in patients if p in bleeders)
        fc = sum(rows[p].flagged for p in patients if p not in bleeders)
        same = sum(rows[p].flagged == plain[p].flagged for p in patients)
        vol = sum(rows[p].volume_ml for p in patients)
        pvol = sum(plain[p].volume_ml for p in patients)
        ratio = vol / pvol if pvol else float("nan")
        agree = [rows[p].agree for p in patients if not np.isnan(rows[p].agree)]
        agree_s = f"{np.mean(agree):.4f}" if agree else "-"
        secs = sum(rows[p].seconds for p in patients)
        print(
            f"| {variant} | {d:.4f} | {d - base_dice:+.4f} | {fb}/{len(bleeders)} / "
            f"{fc}/{len(patients) - len(bleeders)} | {same}/{len(patients)} | {ratio:.3f} "
            f"| {agree_s} | {secs:.0f} |"
        )
    for variant, rows in results.items():
        print(f"\n## {variant}: per patient (delta = variant - plain)")
        print(
            "| patient | bleeding slices | flagged | plain flagged | volume mL | plain mL "
            "| ratio | Dice | Dice delta | agreement | identical slices | note |"
        )
        print("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for p in patients:
            r, b = rows[p], plain[p]
            n_bleed = sum(1 for _, t in b.truth_pairs if t.any())
            d = hssayeni_dice({p: r.truth_pairs})
            bd = hssayeni_dice({p: b.truth_pairs})
            ratio = r.volume_ml / b.volume_ml if b.volume_ml else float("nan")
            dtxt = "-" if np.isnan(d) else f"{d:.3f}"
            ddtxt = "-" if np.isnan(d) else f"{d - bd:+.3f}"
            ident = "-" if np.isnan(r.slice_identical) else f"{r.slice_identical:.3f}"
            agree_txt = "-" if np.isnan(r.agree) else f"{r.agree:.3f}"
            print(
                f"| {p} | {n_bleed} | {'yes' if r.flagged else 'no'} | "
                f"{'yes' if b.flagged else 'no'} | {r.volume_ml:.2f} | {b.volume_ml:.2f} | "
                f"{ratio:.3f} | {dtxt} | {ddtxt} | {agree_txt} | {ident} | {r.note} |"
            )


if __name__ == "__main__":
    main()
