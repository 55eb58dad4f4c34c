"""Images/s of ONNX Runtime vs Keras ``predict`` on the same weights, in one run.

    .venv/bin/python benchmarks/onnx_vs_keras.py --keras runs/train/best.keras \
        --onnx ichseg/models/ichseg-unet.onnx --images 64 --batch 16

Without ``--onnx`` the Keras checkpoint is exported to a temporary file first. Input is
synthetic (random k/255 grey); timing excludes one warm-up batch. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--keras", type=Path, required=True)
    p.add_argument("--onnx", type=Path)
    p.add_argument("--images", type=int, default=64)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()

    import keras
    import onnxruntime as ort

    model = keras.saving.load_model(args.keras, compile=False)
    onnx_path = args.onnx
    if onnx_path is None:
        from ichseg.spec import PreprocessSpec
        from model_export.onnx_export import export_onnx

        spec = PreprocessSpec(
            input_height=args.size, input_width=args.size, context_slices=(args.channels - 1) // 2
        )
        onnx_path = Path(tempfile.mkdtemp()) / "bench.onnx"
        export_onnx(model, onnx_path, spec, write_spec=False)
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    rng = np.random.default_rng(0)
    x = (rng.integers(0, 256, (args.images, args.size, args.size, args.channels)) / 255.0).astype(
        np.float32
    )

    def run_keras() -> np.ndarray:
        return np.asarray(model.predict(x, batch_size=args.batch, verbose=0))

    def run_onnx() -> np.ndarray:
        outs = [
            sess.run(None, {name: x[i : i + args.batch]})[0] for i in range(0, len(x), args.batch)
        ]
        return np.concatenate(outs)

    rows = []
    outputs = {}
    for label, fn in (("Keras predict (TF backend)", run_keras), ("ONNX Runtime CPU", run_onnx)):
        model.predict(x[: args.batch], verbose=0) if "Keras" in label else sess.run(
            None, {name: x[: args.batch]}
        )
        best = float("inf")
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            outputs[label] = fn()
            best = min(best, time.perf_counter() - t0)
        rows.append((label, args.images / best, best * 1000 / args.images))
    diff = float(np.abs(outputs[rows[0][0]] - outputs[rows[1][0]]).max())
    print(
        f"# {args.images} images {args.size}x{args.size}x{args.channels}, batch {args.batch}, "
        f"best of {args.repeats}; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    print("| runtime | images/s | ms/image |\n|---|---|---|")
    for label, ips, ms in rows:
        print(f"| {label} | {ips:.1f} | {ms:.1f} |")
    print(f"\nmax |Keras - ONNX| = {diff:.2e}; ONNX/Keras speed = {rows[1][1] / rows[0][1]:.2f}x")


if __name__ == "__main__":
    main()
