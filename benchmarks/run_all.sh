#!/usr/bin/env bash
# Run every benchmark once, in order, each printing its table (run on demand, not in CI).
#   bash benchmarks/run_all.sh [--model PATH]       (or: make bench)
# Without --model the shipped model is used (ichseg/models/ichseg-unet.onnx), else a
# randomly initialised training U-Net exported to ONNX. Takes a few minutes on 2 cores.
# ONNX-vs-Keras needs the Keras checkpoint the ONNX model came from (ICHSEG_BENCH_KERAS,
# default runs/train/best.keras). PYTHON overrides the interpreter (default: uv run).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(command -v uv >/dev/null 2>&1 && echo "uv run --frozen --no-sync python" || echo python)}"
MODEL_ARGS=("$@")

section() { printf '\n== %s ==\n' "$1"; }

section "end to end: 36-slice study, per-stage timings (benchmarks/pipeline.py)"
$PY benchmarks/pipeline.py --slices 36 --repeats 3 "${MODEL_ARGS[@]}"

section "ONNX Runtime vs Keras predict, same weights (benchmarks/onnx_vs_keras.py)"
KERAS="${ICHSEG_BENCH_KERAS:-runs/train/best.keras}"
if [ -f "$KERAS" ]; then
  ONNX_ARGS=()
  [ -f ichseg/models/ichseg-unet.onnx ] && ONNX_ARGS=(--onnx ichseg/models/ichseg-unet.onnx)
  $PY benchmarks/onnx_vs_keras.py --keras "$KERAS" "${ONNX_ARGS[@]}"
else
  echo "skipped: no Keras checkpoint at $KERAS (train one, or set ICHSEG_BENCH_KERAS)"
fi

section "model GFLOP/s vs numpy float32 matmul peak (benchmarks/flops.py)"
$PY benchmarks/flops.py "${MODEL_ARGS[@]}"

section "cold start: import + model load in a fresh process (benchmarks/cold_start.py)"
$PY benchmarks/cold_start.py --repeats 5 "${MODEL_ARGS[@]}"

section "training images/s (benchmarks/train_throughput.py)"
$PY benchmarks/train_throughput.py --steps 8

section "load: concurrent users on the embedded service (scripts/load_test.py)"
$PY scripts/load_test.py --users 4 --uploads 3 --workers 2 "${MODEL_ARGS[@]}"
