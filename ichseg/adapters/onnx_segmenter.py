"""ONNX Runtime segmenter: the serving adapter for :class:`ichseg.ports.Segmenter`."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.errors import ModelError
from ichseg.ports import ModelInfo
from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for

DEFAULT_MODEL_NAME = "ichseg-unet.onnx"


def default_model_path() -> Path:
    """Return the model shipped inside the package (``ichseg/models/ichseg-unet.onnx``)."""
    return Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks.

    Args:
        path: The file.

    Returns:
        64 hex characters.
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def choose_providers(available: list[str], prefer_gpu: bool = True) -> list[str]:
    """Pick execution providers: CUDA first when present and wanted, CPU always last.

    Args:
        available: ``onnxruntime.get_available_providers()``.
        prefer_gpu: Whether to use the CUDA provider when it is available.

    Returns:
        Provider names in priority order.
    """
    providers = []
    if prefer_gpu and "CUDAExecutionProvider" in available:
        providers.append("CUDAExecutionProvider")
    providers.append("CPUExecutionProvider")
    return providers


def _cuda_available() -> bool:
    import onnxruntime as ort

    return "CUDAExecutionProvider" in ort.get_available_providers()


class OnnxSegmenter:
    """Runs an exported U-Net with ONNX Runtime.

    The model takes ``(N, h, w, C)`` ``float32`` and returns ``(N, h, w, 1)`` or ``(N, h, w)``
    sigmoid probabilities (output ``prob``, else the first output); ``h, w, C`` come from
    the spec file stored beside the model. A model with a subtype head has a second output
    ``subtype`` of shape ``(N, K)``, ``K = len(spec.subtypes)``.
    """

    def __init__(
        self, model_path: Path, spec: PreprocessSpec, *, threads: int = 0, prefer_gpu: bool = True
    ) -> None:
        """Load the model.

        Args:
            model_path: The ``.onnx`` file.
            spec: Its preprocessing spec.
            threads: Intra-op threads (0 lets ONNX Runtime decide).
            prefer_gpu: Use the CUDA provider when available.

        Raises:
            ModelError: When the model cannot be loaded or does not match the spec.
        """
        import onnxruntime as ort

        self._path = Path(model_path)
        self._spec = spec
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(
                str(self._path),
                sess_options=options,
                providers=choose_providers(ort.get_available_providers(), prefer_gpu),
            )
        except Exception as exc:  # onnxruntime raises several private exception types
            raise ModelError(f"cannot load model {self._path.name}: {exc}") from exc
        inputs = self._session.get_inputs()
        if len(inputs) != 1:
            raise ModelError(f"model {self._path.name} must have one input, has {len(inputs)}")
        self._input_name = inputs[0].name
        shape = inputs[0].shape
        if len(shape) != 4:
            raise ModelError(f"model input must be NHWC, got shape {shape}")
        expected = (spec.input_height, spec.input_width, spec.channels)
        for got, want in zip(shape[1:], expected, strict=True):
            if isinstance(got, int) and got != want:
                raise ModelError(
                    f"model input shape {shape} does not match its spec (H, W, C) = {expected}"
                )
        self._any_size = not any(isinstance(d, int) for d in shape[1:3])
        outputs = {o.name: o for o in self._session.get_outputs()}
        self._prob_name = "prob" if "prob" in outputs else next(iter(outputs))
        self._subtype_name: str | None = None
        if spec.subtypes:
            out = outputs.get("subtype")
            if out is None:
                raise ModelError(
                    f"spec lists subtypes {list(spec.subtypes)} but model "
                    f"{self._path.name} has no 'subtype' output"
                )
            k = out.shape[-1] if out.shape else None
            if len(out.shape) != 2 or (isinstance(k, int) and k != len(spec.subtypes)):
                raise ModelError(
                    f"model subtype output shape {out.shape} does not match the spec's "
                    f"{len(spec.subtypes)} subtypes"
                )
            self._subtype_name = "subtype"

    @classmethod
    def from_path(
        cls,
        model_path: Path | None = None,
        *,
        threads: int = 0,
        prefer_gpu: bool = True,
        precision: str = "default",
    ) -> OnnxSegmenter:
        """Load a model and the spec stored beside it.

        Args:
            model_path: The ``.onnx`` file; ``None`` uses :func:`default_model_path`.
            threads: Intra-op threads (0 lets ONNX Runtime decide).
            prefer_gpu: Use the CUDA provider when available.
            precision: ``"default"``: the int8 export beside the model when its spec says
                ``serve_int8``, the file exists and the model runs on the CPU (int8 kernels
                are CPU kernels; a GPU serves float32), else the model itself;
                ``"float32"``: the model itself; ``"int8"``: the int8 export (it must exist).

        Returns:
            A ready segmenter.

        Raises:
            ModelError: When the model or its spec is missing or invalid.
        """
        path = Path(model_path) if model_path is not None else default_model_path()
        if not path.is_file():
            raise ModelError(f"model file not found: {path}")
        if precision not in ("default", "float32", "int8"):
            raise ModelError(f"unknown precision {precision!r} (default, float32, int8)")
        spec = PreprocessSpec.load(spec_path_for(path))
        int8 = int8_path_for(path)
        on_cpu = not (prefer_gpu and _cuda_available())
        if precision == "int8" or (
            precision == "default" and spec.serve_int8 and int8.is_file() and on_cpu
        ):
            if not int8.is_file():
                raise ModelError(f"int8 model file not found: {int8}")
            path, spec = int8, PreprocessSpec.load(spec_path_for(int8))
        return cls(path, spec, threads=threads, prefer_gpu=prefer_gpu)

    @property
    def spec(self) -> PreprocessSpec:
        """The preprocessing spec stored beside the model."""
        return self._spec

    @cached_property
    def info(self) -> ModelInfo:
        """Name, version and sha256 of the model file."""
        return ModelInfo(
            name=self._spec.model_name,
            version=self._spec.model_version,
            sha256=file_sha256(self._path),
            path=str(self._path),
        )

    @property
    def any_input_size(self) -> bool:
        """Whether the model takes any input height and width (then it runs on head boxes)."""
        return self._any_size

    @property
    def providers(self) -> list[str]:
        """Execution providers the session actually uses."""
        return list(self._session.get_providers())

    def predict(self, batch: np.ndarray) -> np.ndarray:
        """Run the model on a batch.

        Args:
            batch: ``(N, h, w, C)`` ``float32``.

        Returns:
            ``(N, h, w)`` ``float32`` probabilities.
        """
        return self.predict_with_subtypes(batch, subtypes=False)[0]

    def predict_with_subtypes(
        self, batch: np.ndarray, subtypes: bool = True
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Run the model once for the mask and (when it has one) the subtype output.

        Args:
            batch: ``(N, h, w, C)`` ``float32``.
            subtypes: Also compute the subtype output.

        Returns:
            ``(probs, subtypes)``: ``(N, h, w)`` ``float32`` and ``(N, K)`` ``float32``
            (``None`` without a subtype head or when not asked for).
        """
        x = np.ascontiguousarray(batch, dtype=np.float32)
        names = [self._prob_name]
        if subtypes and self._subtype_name is not None:
            names.append(self._subtype_name)
        outputs: list[Any] = self._session.run(names, {self._input_name: x})
        probs = np.asarray(outputs[0], dtype=np.float32)
        if probs.ndim == 4:
            probs = probs[..., 0]
        scores = np.asarray(outputs[1], dtype=np.float32) if len(outputs) > 1 else None
        return probs, scores
