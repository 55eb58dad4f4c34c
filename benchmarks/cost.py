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

With ``--baseline OTHER.onnx`` (for example model 1.2.0 against a distilled student) the
other model's float32 whole frame runs in the same interleaved loops and every speed-up is
taken over it: the issue's "today".

The CPU flags are printed above every table: int8 speed depends on AVX-512 VNNI, float32
speed on AVX-512 vs AVX2.

    uv run python benchmarks/cost.py [--slices 36] [--model-slices 12] [--repeats 3]
        [--baseline path/to/today.onnx]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

import numpy as np
from common import cpu_flags, machine
from flops import count_flops, native_matmul_peak

from ichseg.adapters.onnx_segmenter import OnnxSegmenter, default_model_path
from ichseg.headbox import area_fraction, plan_calls
from ichseg.ports import Segmenter
from ichseg.predict import run_calls
from ichseg.preprocess import model_input
from ichseg.readers import read_scan
from ichseg.runtimes import load_model
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


def _run_model(seg: Segmenter, x: np.ndarray, boxed: bool, cpu: bool = False) -> float:
    """Seconds to run the model over ``x`` (``(N, h, w, C)``) as the service would.

    ``cpu``: the calling thread's CPU seconds instead of wall seconds (for a one-thread
    session, which computes in the calling thread: robust to other jobs on the machine).
    """
    _, h, w, _ = x.shape
    calls = plan_calls(x[..., seg.spec.context_slices], seg.spec.context_slices, 8,
                       512 * 512, boxed)  # fmt: skip
    clock = time.thread_time if cpu else time.perf_counter
    t0 = clock()
    for _call in run_calls(calls, lambda a, b: x[a:b], seg.predict, h, w):
        pass
    return clock() - t0


def main() -> None:
    """Print the tables."""
    from pipeline import make_png_study

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=default_model_path(), help="float model")
    ap.add_argument("--slices", type=int, default=36, help="slices of the end-to-end study")
    ap.add_argument("--model-slices", type=int, default=12, help="middle slices, model A/B")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--e2e-repeats", type=int, default=2)
    ap.add_argument("--baseline", type=Path, help="another float model: speed-ups over it")
    args = ap.parse_args()

    print(f"machine: {machine()}")
    int8_path = int8_path_for(args.model)
    variants: dict[str, tuple[Segmenter, Segmenter, bool]] = {}
    precisions: list[Literal["float32", "int8"]] = ["float32"]
    precisions += ["int8"] if int8_path.is_file() else []
    for prec in precisions:
        both = load_model(args.model, precision=prec, prefer_gpu=False)
        one = load_model(args.model, precision=prec, prefer_gpu=False, threads=1)
        variants[f"{prec} frame"] = (both, one, False)
        variants[f"{prec} box"] = (both, one, True)
    base_name = "float32 frame"
    if args.baseline is not None:
        base_name = "baseline float32 frame"
        variants[base_name] = (
            load_model(args.baseline, precision="float32", prefer_gpu=False),
            load_model(args.baseline, precision="float32", prefer_gpu=False, threads=1),
            False,
        )
    f32 = variants["float32 frame"][0]
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
        base_flops = flops

        _header("work per slice")
        print(f"study: {n} synthetic slices of {h}x{w} (phantom); model {spec.model_version}")
        print(f"whole frame: {flops:.2f} GFLOP per slice (counted from the float32 graph)")
        if args.baseline is not None:
            base_flops = count_flops(args.baseline, 1, size)[0] / 1e9
            print(f"baseline {args.baseline}: {base_flops:.2f} GFLOP per slice; this model "
                  f"{flops / base_flops:.3f} of it, on head boxes "
                  f"{flops * area / base_flops:.3f}")  # fmt: skip
        print(f"head boxes: {area:.3f} of the frame's pixels -> {flops * area:.2f} "
              f"GFLOP-equivalent per slice ({1 / area:.2f}x less arithmetic)")  # fmt: skip

        _header(f"model alone, {len(xm)} slices, {args.repeats} interleaved repeats")
        peak, kernel = native_matmul_peak()
        print(f"numpy float32 matmul peak: {peak:.1f} GFLOP/s ({kernel})")
        names = list(variants)
        for name in names:  # warm-up: sessions allocate per shape on first use
            both, one, boxed = variants[name]
            _run_model(both, xm[:2], boxed)
            _run_model(one, xm[:2], boxed)
        wall: dict[str, list[float]] = {k: [] for k in names}
        cpu: dict[str, list[float]] = {k: [] for k in names}
        for r in range(args.repeats):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                both, one, boxed = variants[name]
                wall[name].append(_run_model(both, xm, boxed) / len(xm))
                cpu[name].append(_run_model(one, xm, boxed, cpu=True) / len(xm))
        base_w = statistics.median(wall[base_name])
        base_c = statistics.median(cpu[base_name])
        print(f"speed-ups over: {base_name}")
        print("wall: all cores, wall seconds; cpu: one thread, its CPU seconds (robust to load)")
        print(f"{'variant':<22} {'wall s':>7} {'speed-up':>8} {'cpu s':>7} {'speed-up':>8}"
              f" {'GFLOP/s':>8} {'% peak':>7}")  # fmt: skip
        for name in names:
            mw, mc = statistics.median(wall[name]), statistics.median(cpu[name])
            note = ""
            work = base_flops if name == base_name else flops
            if name.endswith("box"):
                work *= area
            if "float32" in name:
                note = f" {work / mw:>8.1f} {100 * work / mw / peak:>6.1f}%"
            print(f"{name:<22} {mw:>7.3f} {base_w / mw:>7.2f}x {mc:>7.3f} {base_c / mc:>7.2f}x"
                  f"{note}")  # fmt: skip

        if args.e2e_repeats < 1:
            return
        _header(f"end to end, {n}-slice study, {args.e2e_repeats} interleaved repeats")
        default = load_model(args.model, prefer_gpu=False)
        print("wall seconds; the end-to-end figure moves with the machine's load")
        whole = _WholeFrames(args.model, spec, prefer_gpu=False)
        runs: dict[str, list[dict[str, Any]]] = {"default (spec, box)": [], "float32 frame": []}
        segs: dict[str, Segmenter] = {"default (spec, box)": default, "float32 frame": whole}
        if args.baseline is not None:
            runs[base_name] = []
            segs[base_name] = _WholeFrames(args.baseline, load_model(args.baseline).spec,
                                           prefer_gpu=False)  # fmt: skip
        for r in range(args.e2e_repeats):
            order = list(segs) if r % 2 == 0 else list(segs)[::-1]
            for name in order:
                rep = segment_scan(study, Path(tmp) / "out", segs[name], overwrite=True)
                runs[name].append(rep["timings_s"])
        print(f"default serves: {Path(default.info.path).name}")
        print(f"{'run':<22} {'total s':>8} {'model s':>8} {'total/model':>11} {'writers s':>9}"
              f" {'box area':>8}")  # fmt: skip
        for name, rows in runs.items():
            tot = statistics.median(t["total"] for t in rows)
            mod = statistics.median(t["inference"] for t in rows)
            wr = statistics.median(t.get("writers_busy", 0.0) for t in rows)
            ar = statistics.median(t.get("head_box_area", 1.0) for t in rows)
            print(f"{name:<22} {tot:>8.2f} {mod:>8.2f} {tot / mod:>11.2f} {wr:>9.2f} {ar:>8.3f}")
        t_new = statistics.median(t["total"] for t in runs["default (spec, box)"])
        t_old = statistics.median(t["total"] for t in runs[base_name])
        print(f"end-to-end speed-up of the default over {base_name}: {t_old / t_new:.2f}x")


if __name__ == "__main__":
    main()
