"""The one model factory: a model file in, a :class:`~ichseg.ports.Segmenter` out.

:data:`RUNTIMES` maps a model file's ending to the adapter class that runs it (imported
only when such a model is loaded, so the core needs no runtime library). A new runtime is
one adapter class with a ``from_path(path, *, threads, prefer_gpu)`` class method (and,
optionally, a ``gpu_available()`` static method) and one entry here; the CLI, the embedded
server and the cloud all load models through :func:`load_segmenter`.

The precision is chosen here, once: a model whose spec says ``serve_int8`` is served as its
int8 export (``<stem>.int8.onnx`` beside it) on a CPU, as itself on a GPU (int8 kernels are
CPU kernels); :attr:`ichseg.settings.PipelineSettings.precision` (``ICHSEG_PRECISION``,
``--precision``) overrides that.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from ichseg.errors import ModelError
from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for

if TYPE_CHECKING:
    from ichseg.ports import Segmenter
    from ichseg.settings import PipelineSettings, Precision

#: Model file ending -> ``"module:Class"`` of the adapter that loads it.
RUNTIMES: dict[str, str] = {
    ".onnx": "ichseg.adapters.onnx_segmenter:OnnxSegmenter",
}
#: The model shipped inside the package, relative to it.
DEFAULT_MODEL = Path("models") / "ichseg-unet.onnx"


def default_model_path() -> Path:
    """The model shipped inside the package (``ichseg/models/ichseg-unet.onnx``)."""
    return Path(__file__).resolve().parent / DEFAULT_MODEL


def serving_file(model: Path, precision: Precision = "default", *, on_gpu: bool = False) -> Path:
    """The file that serves ``model``: the model itself or its int8 export.

    Args:
        model: The float model file (its spec beside it).
        precision: ``"default"``: the int8 export when the model's spec says ``serve_int8``,
            the export exists and the model runs on the CPU, else the model itself;
            ``"float32"``: the model itself; ``"int8"``: the int8 export (it must exist).
        on_gpu: Whether the model would run on a GPU.

    Returns:
        The file to load.

    Raises:
        ModelError: An unknown precision, an int8 export asked for but missing, or an
            invalid spec.
    """
    if precision not in ("default", "float32", "int8"):
        raise ModelError(f"unknown precision {precision!r} (default, float32, int8)")
    int8 = int8_path_for(model)
    if precision == "int8":
        if not int8.is_file():
            raise ModelError(f"int8 model file not found: {int8}")
        return int8
    if precision == "float32" or on_gpu or not (model.is_file() and int8.is_file()):
        return model
    return int8 if PreprocessSpec.load(spec_path_for(model)).serve_int8 else model


def load_model(
    path: Path | str | None = None,
    *,
    threads: int = 0,
    prefer_gpu: bool = True,
    precision: Precision = "default",
) -> Segmenter:
    """Load a model (or its int8 export, see :func:`serving_file`) and the spec beside it.

    Example:
        >>> from ichseg import load_model
        >>> model = load_model()  # the shipped model
        >>> model.spec.input_height, model.info.name  # doctest: +SKIP
        (512, 'ichseg-unet')

    Args:
        path: The model file; ``None`` uses :func:`default_model_path`.
        threads: Runtime intra-op threads (0 lets the runtime decide).
        prefer_gpu: Use the GPU execution provider when present.
        precision: ``"default"``, ``"float32"`` or ``"int8"`` (see :func:`serving_file`).

    Returns:
        A ready segmenter.

    Raises:
        ModelError: The file is missing, of an unknown kind, or inconsistent with its spec;
            an unknown precision; an int8 export asked for but missing.
    """
    model = Path(path) if path is not None else default_model_path()
    ref = next((v for k, v in RUNTIMES.items() if model.name.lower().endswith(k)), None)
    if ref is None:
        known = ", ".join(sorted(RUNTIMES))
        raise ModelError(f"no runtime for model {model.name}: use a model file ending in {known}")
    module, _, name = ref.partition(":")
    adapter = getattr(importlib.import_module(module), name)
    gpu_available = getattr(adapter, "gpu_available", None)
    on_gpu = prefer_gpu and precision == "default" and bool(gpu_available and gpu_available())
    model = serving_file(model, precision, on_gpu=on_gpu)
    segmenter: Segmenter = adapter.from_path(model, threads=threads, prefer_gpu=prefer_gpu)
    return segmenter


def load_segmenter(settings: PipelineSettings) -> Segmenter:
    """The segmenter that ``settings`` name (model file, precision, threads, GPU preference).

    Args:
        settings: Pipeline settings, or the server's or cloud's (which extend them).

    Returns:
        A ready segmenter.

    Raises:
        ModelError: See :func:`load_model`.
    """
    return load_model(
        settings.model_path,
        threads=settings.threads,
        prefer_gpu=settings.prefer_gpu,
        precision=settings.precision,
    )


def model_path(settings: PipelineSettings) -> Path:
    """The model file ``settings`` name (the shipped model when none is set)."""
    return Path(settings.model_path) if settings.model_path is not None else default_model_path()
