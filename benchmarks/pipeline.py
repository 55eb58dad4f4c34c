"""End-to-end pipeline benchmark: a 36-slice 512x512 PNG study through ``segment_scan``.

Prints per-stage seconds and images/s for each repeat and the median. Run on demand:

    uv run python benchmarks/pipeline.py [--model PATH] [--slices 36] [--repeats 3]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--slices", type=int, default=36)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    segmenter: Any = load_model(args.model, threads=args.threads)  # the variant served
    print(f"machine: {machine()}")
    print(f"cpu flags: {cpu_flags()}")
    print(
        f"model: {segmenter.info.name} {segmenter.info.version} "
        f"({segmenter.spec.input_height}x{segmenter.spec.input_width}x{segmenter.spec.channels}), "
        f"providers {segmenter.providers}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        study = make_png_study(Path(tmp), args.slices)
        stages = ["read", "preprocess", "inference", "postprocess", "video", "total"]
        print(f"{'run':>4} " + " ".join(f"{s:>11}" for s in stages) + f" {'images/s':>9}")
        rows = []
        for run in range(args.repeats):
            report = segment_scan(study, Path(tmp) / "out", segmenter, overwrite=True)
            t = report["timings_s"]
            rows.append(t)
            rate = args.slices / t["total"]
            print(f"{run + 1:>4} " + " ".join(f"{t[s]:>11.3f}" for s in stages) + f" {rate:>9.1f}")
        med = {s: statistics.median(r[s] for r in rows) for s in stages}
        print(
            f"{'med':>4} "
            + " ".join(f"{med[s]:>11.3f}" for s in stages)
            + f" {args.slices / med['total']:>9.1f}"
        )
        print(
            f"inference alone: {args.slices / med['inference']:.1f} images/s; "
            f"slices {args.slices} of 512x512; share of total in inference "
            f"{med['inference'] / med['total']:.0%}"
        )


if __name__ == "__main__":
    main()
