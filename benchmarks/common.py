"""Shared helpers of the benchmark scripts: the machine description and the model to use."""

from __future__ import annotations

import os
import platform
import tempfile
from pathlib import Path


def cpu_name() -> str:
    """The CPU model name (Linux ``/proc/cpuinfo``), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_flags() -> str:
    """The CPU's vector-arithmetic flags that decide the model's speed, as one line.

    AVX2/FMA (float32 on every x86 server of the last decade), AVX-512F, AVX-512 VNNI
    (int8 dot products), AVX-512 BF16 and AMX, each ``yes`` or ``no`` (Linux
    ``/proc/cpuinfo``; ``unknown`` elsewhere).
    """
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return "unknown"
    flags: set[str] = set()
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    names = [
        ("AVX2", "avx2"),
        ("FMA", "fma"),
        ("AVX-512F", "avx512f"),
        ("AVX-512 VNNI", "avx512_vnni"),
        ("AVX-512 BF16", "avx512_bf16"),
        ("AMX", "amx_tile"),
    ]
    return ", ".join(f"{label} {'yes' if flag in flags else 'no'}" for label, flag in names)


def memory_gib() -> float | None:
    """Installed memory in GiB (Linux), or ``None``."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except (OSError, ValueError):
        pass
    return None


def machine() -> str:
    """One line describing the machine and the load on it right now."""
    import numpy as np

    parts = [cpu_name(), f"{os.cpu_count()} logical cores"]
    mem = memory_gib()
    if mem:
        parts.append(f"{mem:.0f} GiB RAM")
    parts.append(f"Python {platform.python_version()}, numpy {np.__version__}")
    try:
        import onnxruntime as ort

        parts.append(f"onnxruntime {ort.__version__}")
    except ImportError:
        pass
    try:
        load = os.getloadavg()
        parts.append(f"load avg {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}")
    except OSError:
        pass
    return ", ".join(parts)


def resolve_model(path: Path | None) -> tuple[Path, str]:
    """The ONNX model to benchmark and where it came from.

    Order: ``path`` if given; the shipped model (``ichseg/models/ichseg-unet.onnx``) if it
    exists; otherwise a randomly initialised training U-Net (``configs/default.yaml``
    architecture) exported to ONNX in a temporary folder, which needs the ``train`` and
    ``export`` extras. Random weights cost exactly as much compute as trained ones.

    Returns:
        ``(model path, description)``.
    """
    from ichseg.adapters.onnx_segmenter import default_model_path

    if path is not None:
        return path, f"given: {path}"
    shipped = default_model_path()
    if shipped.is_file():
        return shipped, f"shipped: {shipped.name}"
    return random_training_model(), "randomly initialised training U-Net (no shipped model)"


def random_training_model(out_dir: Path | None = None) -> Path:
    """Export a randomly initialised U-Net of the default training config to ONNX."""
    from model_export.onnx_export import export_onnx
    from training.config import TrainConfig
    from training.model import build_unet
    from training.train import spec_for

    cfg = TrainConfig()
    spec = spec_for(cfg, model_name="ichseg-unet-random", model_version="bench")
    model = build_unet(
        cfg.input_size,
        cfg.input_size,
        2 * cfg.context_slices + 1,
        base_width=cfg.base_width,
        depth=cfg.depth,
    )
    folder = out_dir or Path(tempfile.mkdtemp(prefix="ichseg-bench-"))
    return export_onnx(model, folder / "random-unet.onnx", spec)
