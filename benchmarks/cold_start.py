"""Cold start: a fresh Python process importing ichseg and loading the model.

Each repeat is a new interpreter (as a Lambda cold start, a CLI run or a server start
would be): it times the imports a segmentation needs, the model load (ONNX Runtime session
and spec), and the first prediction of one batch; the process's whole wall time is timed
from outside. The first repeat also pays for a cold OS file cache; the median is of all.

    uv run python benchmarks/cold_start.py [--model PATH] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import machine, resolve_model

CHILD = """
import json, sys, time
t0 = time.perf_counter()
import numpy as np
from ichseg.service import segment_scan
from ichseg.adapters.onnx_segmenter import OnnxSegmenter
t1 = time.perf_counter()
seg = OnnxSegmenter.from_path(__import__("pathlib").Path(sys.argv[1]), prefer_gpu=False)
t2 = time.perf_counter()
s = seg.spec
seg.predict(np.zeros((8, s.input_height, s.input_width, s.channels), np.float32))
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first_batch": t3 - t2}))
"""


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    model_path, origin = resolve_model(args.model)
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    print(f"machine: {machine()}")
    print(f"model: {origin} ({model_path.stat().st_size / 1e6:.1f} MB)")
    cols = ("import", "load", "first_batch", "process")
    print(f"{'run':>4} " + " ".join(f"{c + ' s':>14}" for c in cols))
    rows = []
    for run in range(1, args.repeats + 1):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(model_path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["process"] = time.perf_counter() - t0
        rows.append(row)
        print(f"{run:>4} " + " ".join(f"{row[c]:>14.3f}" for c in cols))
    print(
        f"{'med':>4} " + " ".join(f"{statistics.median(r[c] for r in rows):>14.3f}" for c in cols)
    )
    print("(first_batch: 8 slices; process: interpreter start to exit, timed from outside)")


if __name__ == "__main__":
    main()
