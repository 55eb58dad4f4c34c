"""The one model factory: a model file in, a :class:`~ichseg.ports.Segmenter` out.

:data:`RUNTIMES` maps a model file's ending to the adapter class that runs it (imported
only when such a model is loaded, so the core needs no runtime library). A new runtime is
one adapter class with a ``from_path(path, *, threads, prefer_gpu)`` class method and one
entry here; the CLI, the embedded server and the cloud all load models through
:func:`load_segmenter`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from ichseg.errors import ModelError

if TYPE_CHECKING:
    from ichseg.ports import Segmenter
    from ichseg.settings import PipelineSettings

#: Model file ending -> ``"module:Class"`` of the adapter that loads it.
RUNTIMES: dict[str, str] = {
    ".onnx": "ichseg.adapters.onnx_segmenter:OnnxSegmenter",
}
#: The model shipped inside the package, relative to it.
DEFAULT_MODEL = Path("models") / "ichseg-unet.onnx"


def default_model_path() -> Path:
    """The model shipped inside the package (``ichseg/models/ichseg-unet.onnx``)."""
    return Path(__file__).resolve().parent / DEFAULT_MODEL


def load_model(
    path: Path | str | None = None, *, threads: int = 0, prefer_gpu: bool = True
) -> Segmenter:
    """Load a model and the spec stored beside it.

    Example:
        >>> from ichseg import load_model
        >>> model = load_model()  # the shipped model
        >>> model.spec.input_height, model.info.name  # doctest: +SKIP
        (512, 'ichseg-unet')

    Args:
        path: The model file; ``None`` uses :func:`default_model_path`.
        threads: Runtime intra-op threads (0 lets the runtime decide).
        prefer_gpu: Use the GPU execution provider when present.

    Returns:
        A ready segmenter.

    Raises:
        ModelError: The file is missing, of an unknown kind, or inconsistent with its spec.
    """
    model = Path(path) if path is not None else default_model_path()
    ref = next((v for k, v in RUNTIMES.items() if model.name.lower().endswith(k)), None)
    if ref is None:
        known = ", ".join(sorted(RUNTIMES))
        raise ModelError(f"no runtime for model {model.name}: use a model file ending in {known}")
    module, _, name = ref.partition(":")
    adapter = getattr(importlib.import_module(module), name)
    segmenter: Segmenter = adapter.from_path(model, threads=threads, prefer_gpu=prefer_gpu)
    return segmenter


def load_segmenter(settings: PipelineSettings) -> Segmenter:
    """The segmenter that ``settings`` name (model file, threads, GPU preference).

    Args:
        settings: Pipeline settings, or the server's or cloud's (which extend them).

    Returns:
        A ready segmenter.

    Raises:
        ModelError: See :func:`load_model`.
    """
    return load_model(settings.model_path, threads=settings.threads, prefer_gpu=settings.prefer_gpu)


def model_path(settings: PipelineSettings) -> Path:
    """The model file ``settings`` name (the shipped model when none is set)."""
    return Path(settings.model_path) if settings.model_path is not None else default_model_path()
