"""The model's achieved GFLOP/s against a numpy float32 matmul peak, measured in one run.

The model's work is counted from its ONNX graph: every ``Conv``/``ConvTranspose`` (and
``MatMul``/``Gemm``, if any) contributes 2 x its multiply-accumulates, with shapes from ONNX
shape inference at the benchmark's batch size. The peak is the best of several
``float32`` ``2048 x 2048`` matrix products through numpy's BLAS on all cores; ONNX Runtime
also runs on all cores (its default), so the ratio says how much of the machine's dense
arithmetic the convolutions reach.

    uv run python benchmarks/flops.py [--model PATH] [--batches 1,8] [--repeats 10]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from common import cpu_flags, machine, resolve_model


def _shapes(model: Any) -> dict[str, list[int]]:
    shapes: dict[str, list[int]] = {}
    graph = model.graph
    for vi in [*graph.input, *graph.value_info, *graph.output]:
        dims = vi.type.tensor_type.shape.dim
        if dims and all(d.HasField("dim_value") for d in dims):
            shapes[vi.name] = [d.dim_value for d in dims]
    for init in graph.initializer:
        shapes[init.name] = list(init.dims)
    return shapes


def count_flops(
    model_path: Path, batch: int = 1, size: tuple[int, int] | None = None
) -> tuple[int, Counter[str], int]:
    """Floating-point operations of one forward pass over ``batch`` images.

    Args:
        model_path: The ONNX model (input ``(N, H, W, C)``, dynamic ``N``).
        batch: The batch size ``N``.
        size: ``(H, W)`` of the input, for a model whose sides are symbolic (then the mask
            output's sides too); ``None`` keeps the graph's.

    Returns:
        ``(FLOPs, FLOPs per op type, ops whose shape could not be inferred)``.
    """
    import onnx

    model = onnx.load(str(model_path))
    for tensor in (*model.graph.input, *model.graph.output):
        dim0 = tensor.type.tensor_type.shape.dim[0]
        dim0.Clear()
        dim0.dim_value = batch
        dims = tensor.type.tensor_type.shape.dim
        if size is not None and len(dims) == 4:
            for d, v in zip(dims[1:3], size, strict=True):
                d.Clear()
                d.dim_value = v
    inferred = onnx.shape_inference.infer_shapes(model)
    shapes = _shapes(inferred)
    per_op: Counter[str] = Counter()
    unknown = 0
    for node in inferred.graph.node:
        if node.op_type not in ("Conv", "ConvTranspose", "MatMul", "Gemm"):
            continue
        out = shapes.get(node.output[0])
        w = shapes.get(node.input[1])
        if out is None or w is None:
            unknown += 1
            continue
        group = next((a.i for a in node.attribute if a.name == "group"), 1)
        if node.op_type == "Conv":  # W: (Cout, Cin/group, kh, kw); out: (N, Cout, Ho, Wo)
            macs = int(np.prod(out)) * int(np.prod(w[1:]))
        elif node.op_type == "ConvTranspose":  # W: (Cin, Cout/group, kh, kw)
            inp = shapes.get(node.input[0])
            if inp is None:
                unknown += 1
                continue
            macs = int(np.prod(inp)) * int(np.prod(w[1:]))
        else:  # MatMul/Gemm: out (..., M, N), reduction over K = w[-2] (or w[-1] if transB)
            trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
            k = w[-1] if trans_b else w[-2]
            macs = int(np.prod(out)) * int(k)
        del group  # a grouped conv's weight already holds Cin/group
        per_op[node.op_type] += 2 * macs
    return sum(per_op.values()), per_op, unknown


def blas_kernel() -> str:
    """The CPU kernel numpy's OpenBLAS picked at run time (``Haswell`` = AVX2), if known."""
    import ctypes
    import glob
    import os

    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*blas*"))
    for lib in libs:
        try:
            handle = ctypes.CDLL(lib)
        except OSError:
            continue
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_",
                     "openblas_get_corename"):  # fmt: skip
            func = getattr(handle, name, None)
            if func is not None:
                func.restype = ctypes.c_char_p
                return f"OpenBLAS kernel {func().decode()}"
    return "BLAS kernel unknown"


def matmul_peak(n: int = 2048, repeats: int = 5) -> float:
    """Best float32 ``n x n`` matmul rate through numpy, in GFLOP/s."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    a @ b  # warm-up: thread pool start, page faults
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    return 2.0 * n**3 / best / 1e9


def native_matmul_peak() -> tuple[float, str]:
    """The matmul peak in a fresh process without ``OPENBLAS_CORETYPE``/``OPENBLAS_L2_SIZE``.

    Some machines pin OpenBLAS to an older kernel through those variables (a guard for old
    OpenBLAS builds); unset together, a current numpy picks its native kernel (AVX-512 where
    the CPU has it). Returns ``(GFLOP/s, kernel description)``.
    """
    import json
    import os
    import subprocess
    import sys

    env = {
        k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
    }
    code = (
        "import json, sys; sys.path.insert(0, 'benchmarks'); import flops; "
        "print(json.dumps([flops.matmul_peak(), flops.blas_kernel()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    peak, kernel = json.loads(out.strip().splitlines()[-1])
    return float(peak), str(kernel)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--batches", default="1,8", help="comma-separated batch sizes")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads (0: all)")
    args = parser.parse_args()

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter

    model_path, origin = resolve_model(args.model)
    seg = OnnxSegmenter.from_path(model_path, threads=args.threads, prefer_gpu=False)
    spec = seg.spec
    size = (spec.input_height, spec.input_width)
    flops1, per_op, unknown = count_flops(model_path, 1, size)
    print(f"machine: {machine()}")
    print(f"cpu flags: {cpu_flags()}")
    print(
        f"model: {origin}; {spec.input_height}x{spec.input_width}x{spec.channels}; "
        f"{flops1 / 1e9:.2f} GFLOP per image ("
        + ", ".join(f"{op} {v / 1e9:.2f}" for op, v in per_op.most_common())
        + (f"; {unknown} ops of unknown shape not counted" if unknown else "")
        + ")"
    )
    configured = matmul_peak()
    print(f"numpy float32 matmul 2048^3, as configured: {configured:.1f} GFLOP/s ({blas_kernel()})")
    peak, kernel = native_matmul_peak()
    print(f"numpy float32 matmul 2048^3, native kernel: {peak:.1f} GFLOP/s ({kernel}); % below")
    print(f"{'batch':>5} {'s/batch (med)':>14} {'images/s':>9} {'GFLOP/s':>8} {'% of peak':>9}")
    rng = np.random.default_rng(0)
    for batch in (int(b) for b in args.batches.split(",")):
        x = rng.random((batch, spec.input_height, spec.input_width, spec.channels), np.float32)
        seg.predict(x)  # warm-up
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            seg.predict(x)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        flops = count_flops(model_path, batch, size)[0]
        rate = flops / med / 1e9
        print(
            f"{batch:>5} {med:>14.4f} {batch / med:>9.1f} {rate:>8.1f} {100 * rate / peak:>8.1f}%"
        )


if __name__ == "__main__":
    main()
