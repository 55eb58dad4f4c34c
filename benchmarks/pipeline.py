"""End-to-end pipeline benchmark: a 36-slice 512x512 study through ``segment_scan``.

The study is the synthetic phantom as brain-window PNGs (default: no Hounsfield units, so
both videos are encoded) or as NIfTI (``--input nifti``: Hounsfield units, so the HU
volume is written and only ``overlay.mp4`` is encoded). Prints per-stage seconds,
the writer thread's busy seconds and images/s for each repeat and the median. With ``--baseline``
(another model, for example the previous release) both run interleaved in one process,
each in the variant its spec serves, and the ratio of their median end-to-end times is
printed: the side-by-side cost of a new model. Run on demand:

    uv run python benchmarks/pipeline.py [--model PATH] [--baseline PATH] [--slices 36]
        [--repeats 3] [--input png|nifti]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from typing import Any

from common import cpu_flags, machine
from PIL import Image

from ichseg.phantom import write_phantom
from ichseg.preprocess import window_hu
from ichseg.readers import read_scan
from ichseg.runtimes import load_model
from ichseg.service import segment_scan


def make_png_study(folder: Path, n_slices: int, size: int = 512) -> Path:
    """Write the synthetic phantom as ``n_slices`` brain-window PNGs of ``size`` x ``size``."""
    phantom = write_phantom(folder / "phantom", n_slices=n_slices, size=size, seed=1)
    scan = read_scan(Path(phantom["nifti"]))
    out = folder / "pngs"
    out.mkdir()
    for i, hu in enumerate(scan.slices, start=1):
        Image.fromarray(window_hu(hu, 40, 120)).save(out / f"{i:03d}.png")
    return out


def make_nifti_study(folder: Path, n_slices: int, size: int = 512) -> Path:
    """Write the synthetic phantom as one NIfTI volume in Hounsfield units."""
    phantom = write_phantom(folder / "phantom", n_slices=n_slices, size=size, seed=1)
    return Path(phantom["nifti"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--slices", type=int, default=36)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--baseline", type=Path, help="another model, run interleaved")
    parser.add_argument("--input", choices=("png", "nifti"), default="png")
    args = parser.parse_args()

    models: dict[str, Any] = {"model": load_model(args.model, threads=args.threads)}
    if args.baseline:
        models["baseline"] = load_model(args.baseline, threads=args.threads)
    print(f"machine: {machine()}")
    print(f"cpu flags: {cpu_flags()}")
    for label, seg in models.items():
        print(
            f"{label}: {seg.info.name} {seg.info.version} {Path(seg.info.path).name} "
            f"({seg.spec.input_height}x{seg.spec.input_width}x{seg.spec.channels}), "
            f"providers {seg.providers}"
        )
    stages = ["read", "preprocess", "inference", "postprocess", "video", "total", "writers_busy"]
    with tempfile.TemporaryDirectory() as tmp:
        make = make_nifti_study if args.input == "nifti" else make_png_study
        study = make(Path(tmp), args.slices)
        print(f"{'':>8} {'run':>4} " + " ".join(f"{s:>11}" for s in stages) + f" {'images/s':>9}")
        rows: dict[str, list[dict]] = {label: [] for label in models}
        for run in range(args.repeats):
            for label, seg in models.items():  # interleaved: both see the same machine
                report = segment_scan(study, Path(tmp) / "out", seg, overwrite=True)
                videos = [report["files"]["overlay"], report["files"].get("slices_video")]
                t = report["timings_s"]
                rows[label].append(t)
                rate = args.slices / t["total"]
                print(
                    f"{label:>8} {run + 1:>4} "
                    + " ".join(f"{t[s]:>11.3f}" for s in stages)
                    + f" {rate:>9.1f}"
                )
        med = {
            label: {s: statistics.median(r[s] for r in rs) for s in stages}
            for label, rs in rows.items()
        }
        for label, m in med.items():
            print(
                f"{label:>8} {'med':>4} "
                + " ".join(f"{m[s]:>11.3f}" for s in stages)
                + f" {args.slices / m['total']:>9.1f}"
            )
            print(
                f"{label}: inference alone {args.slices / m['inference']:.1f} images/s; slices "
                f"{args.slices} of 512x512; share of total in inference "
                f"{m['inference'] / m['total']:.0%}; end to end / inference "
                f"{m['total'] / m['inference']:.2f}"
            )
        print(f"input: {args.input}; videos encoded: {', '.join(v for v in videos if v)}")
        if args.baseline:
            print(
                f"model / baseline, median end to end: "
                f"{med['model']['total'] / med['baseline']['total']:.2f}; inference: "
                f"{med['model']['inference'] / med['baseline']['inference']:.2f}"
            )


if __name__ == "__main__":
    main()
