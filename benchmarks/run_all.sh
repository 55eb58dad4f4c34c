#!/usr/bin/env bash
# Run every benchmark once, in order, each printing its table (run on demand, not in CI).
#   bash benchmarks/run_all.sh [--model PATH]       (or: make bench)
# Without --model the shipped model is used (ichseg/models/ichseg-unet.onnx), else a
# randomly initialised training U-Net exported to ONNX. Takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(command -v uv >/dev/null 2>&1 && echo "uv run --frozen --no-sync python" || echo python)}"
MODEL_ARGS=("$@")

section() { printf '\n== %s ==\n' "$1"; }

section "end to end: 36-slice study, per-stage timings (benchmarks/pipeline.py)"
$PY benchmarks/pipeline.py --slices 36 --repeats 3 "${MODEL_ARGS[@]}"

if [ -f benchmarks/onnx_vs_keras.py ]; then
  section "ONNX Runtime vs Keras predict, same weights (benchmarks/onnx_vs_keras.py)"
  $PY benchmarks/onnx_vs_keras.py
fi

section "model GFLOP/s vs numpy float32 matmul peak (benchmarks/flops.py)"
$PY benchmarks/flops.py "${MODEL_ARGS[@]}"

section "cold start: import + model load in a fresh process (benchmarks/cold_start.py)"
$PY benchmarks/cold_start.py --repeats 5 "${MODEL_ARGS[@]}"

section "training images/s (benchmarks/train_throughput.py)"
$PY benchmarks/train_throughput.py --steps 8

section "load: concurrent users on the embedded service (scripts/load_test.py)"
$PY scripts/load_test.py --users 4 --uploads 3 --workers 2 "${MODEL_ARGS[@]}"
