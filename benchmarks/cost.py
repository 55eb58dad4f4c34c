"""Inference cost as ratios measured in one run: head box, int8, writers beside the model.

On one synthetic study (the phantom at 512x512, no patient pixels) and one machine, in one
process:

1. FLOPs per slice of the whole frame (counted from the graph) and the GFLOP-equivalent
   of the head boxes (frame FLOPs x the share of pixels the boxes hold: the net is fully
   convolutional, so its work is proportional to the pixels it runs on);
2. the model alone, A/B interleaved (each repeat runs every variant once, in rotating
   order; medians): float32 and int8, whole frame and head box, seconds per slice, the
   speed-ups over float32 whole frame, and float32 GFLOP/s as a share of the numpy
   float32 matmul peak measured in the same run;
3. end to end through ``segment_scan`` (default variant: what the spec serves, on head
   boxes, writers beside the model) against float32 whole frames, interleaved, with each
   run's total over its own model time.

The CPU flags are printed above every table: int8 speed depends on AVX-512 VNNI, float32
speed on AVX-512 vs AVX2.

    uv run python benchmarks/cost.py [--slices 36] [--model-slices 12] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import cpu_flags, machine
from flops import count_flops, native_matmul_peak

from ichseg.adapters.onnx_segmenter import OnnxSegmenter, default_model_path
from ichseg.headbox import area_fraction, crop, paste, plan_calls
from ichseg.preprocess import model_input
from ichseg.readers import read_scan
from ichseg.service import segment_scan
from ichseg.spec import int8_path_for


class _WholeFrames(OnnxSegmenter):
    """The same session, but the service is told it takes whole frames only."""

    @property
    def any_input_size(self) -> bool:
        return False


def _header(title: str) -> None:
    print(f"\n== {title} ==")
    print(f"cpu flags: {cpu_flags()}")


def _run_model(seg: OnnxSegmenter, x: np.ndarray, boxed: bool) -> float:
    """Seconds to run the model over ``x`` (``(N, h, w, C)``) as the service would."""
    _, h, w, _ = x.shape
    calls = plan_calls(x[..., seg.spec.context_slices], seg.spec.context_slices, 8,
                       512 * 512, boxed)  # fmt: skip
    t0 = time.perf_counter()
    for c in calls:
        paste(seg.predict(crop(x[c.start : c.stop], c.box)), c.box, h, w)
    return time.perf_counter() - t0


def main() -> None:
    """Print the tables."""
    from pipeline import make_png_study

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=default_model_path(), help="float model")
    ap.add_argument("--slices", type=int, default=36, help="slices of the end-to-end study")
    ap.add_argument("--model-slices", type=int, default=12, help="middle slices, model A/B")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--e2e-repeats", type=int, default=2)
    args = ap.parse_args()

    print(f"machine: {machine()}")
    int8_path = int8_path_for(args.model)
    variants: dict[str, tuple[OnnxSegmenter, bool]] = {}
    f32 = OnnxSegmenter.from_path(args.model, precision="float32", prefer_gpu=False)
    variants["float32 frame"] = (f32, False)
    variants["float32 box"] = (f32, True)
    if int8_path.is_file():
        q8 = OnnxSegmenter.from_path(args.model, precision="int8", prefer_gpu=False)
        variants["int8 frame"] = (q8, False)
        variants["int8 box"] = (q8, True)
    spec = f32.spec
    size = (spec.input_height, spec.input_width)

    with tempfile.TemporaryDirectory() as tmp:
        study = make_png_study(Path(tmp), args.slices)
        scan = read_scan(study)
        x = model_input(scan.slices, spec)
        n, h, w, _ = x.shape
        lo = max(0, (n - args.model_slices) // 2)
        xm = np.ascontiguousarray(x[lo : lo + args.model_slices])
        calls = plan_calls(x[..., spec.context_slices], spec.context_slices, 8, 512 * 512, True)
        area = area_fraction(calls, n, h, w)
        flops = count_flops(args.model, 1, size)[0] / 1e9

        _header("work per slice")
        print(f"study: {n} synthetic slices of {h}x{w} (phantom); model {spec.model_version}")
        print(f"whole frame: {flops:.2f} GFLOP per slice (counted from the float32 graph)")
        print(f"head boxes: {area:.3f} of the frame's pixels -> {flops * area:.2f} "
              f"GFLOP-equivalent per slice ({1 / area:.2f}x less arithmetic)")  # fmt: skip

        _header(f"model alone, {len(xm)} slices, {args.repeats} interleaved repeats")
        peak, kernel = native_matmul_peak()
        print(f"numpy float32 matmul peak: {peak:.1f} GFLOP/s ({kernel})")
        names = list(variants)
        for name in names:  # warm-up: sessions allocate per shape on first use
            _run_model(variants[name][0], xm[:2], variants[name][1])
        times: dict[str, list[float]] = {k: [] for k in names}
        for r in range(args.repeats):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                seg, boxed = variants[name]
                times[name].append(_run_model(seg, xm, boxed) / len(xm))
        base = statistics.median(times["float32 frame"])
        print(f"{'variant':<14} {'s/slice':>8} {'slices/s':>8} {'speed-up':>8} {'GFLOP/s':>8}"
              f" {'% peak':>7}")  # fmt: skip
        for name in names:
            med = statistics.median(times[name])
            note = ""
            if name.startswith("float32"):
                work = flops * (area if name.endswith("box") else 1.0)
                note = f" {work / med:>8.1f} {100 * work / med / peak:>6.1f}%"
            print(f"{name:<14} {med:>8.3f} {1 / med:>8.2f} {base / med:>7.2f}x{note}")

        _header(f"end to end, {n}-slice study, {args.e2e_repeats} interleaved repeats")
        default = OnnxSegmenter.from_path(args.model, prefer_gpu=False)
        whole = _WholeFrames(args.model, spec, prefer_gpu=False)
        runs: dict[str, list[dict[str, Any]]] = {"default (spec, box)": [], "float32 frame": []}
        segs = {"default (spec, box)": default, "float32 frame": whole}
        for r in range(args.e2e_repeats):
            order = list(segs) if r % 2 == 0 else list(segs)[::-1]
            for name in order:
                rep = segment_scan(study, Path(tmp) / "out", segs[name], overwrite=True)
                runs[name].append(rep["timings_s"])
        print(f"default serves: {Path(default.info.path).name}")
        print(f"{'run':<20} {'total s':>8} {'model s':>8} {'total/model':>11} {'writers s':>9}"
              f" {'box area':>8}")  # fmt: skip
        for name, rows in runs.items():
            tot = statistics.median(t["total"] for t in rows)
            mod = statistics.median(t["inference"] for t in rows)
            wr = statistics.median(t.get("writers_busy", 0.0) for t in rows)
            ar = statistics.median(t.get("head_box_area", 1.0) for t in rows)
            print(f"{name:<20} {tot:>8.2f} {mod:>8.2f} {tot / mod:>11.2f} {wr:>9.2f} {ar:>8.3f}")
        t_new = statistics.median(t["total"] for t in runs["default (spec, box)"])
        t_old = statistics.median(t["total"] for t in runs["float32 frame"])
        print(f"end-to-end speed-up of the default over float32 whole frames: {t_old / t_new:.2f}x")


if __name__ == "__main__":
    main()
