"""ONNX Runtime segmenter: the serving adapter for :class:`ichseg.ports.Segmenter`."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ichseg.errors import ModelError
from ichseg.ports import ModelInfo, ModelOutput
from ichseg.runtimes import DEFAULT_MODEL, default_model_path
from ichseg.spec import PreprocessSpec, spec_path_for

__all__ = ["DEFAULT_MODEL_NAME", "OnnxSegmenter", "choose_providers", "default_model_path"]

DEFAULT_MODEL_NAME = DEFAULT_MODEL.name


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


class OnnxSegmenter:
    """Runs an exported U-Net with ONNX Runtime.

    The model takes ``(N, h, w, C)`` ``float32`` and returns ``(N, h, w, 1)`` or ``(N, h, w)``
    sigmoid probabilities (output ``prob``, else the first output); ``h, w, C`` come from
    the spec file stored beside the model. A model with a subtype head has an output
    ``subtype`` of shape ``(N, K)``, ``K = len(spec.subtypes)``; one with a slice head has
    an output ``slice`` of shape ``(N, 1)`` (the learned per-slice probability of any
    haemorrhage). :meth:`predict_heads` returns every head from one run.
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
        self._slice_name: str | None = None
        out = outputs.get("slice")
        if out is not None and self._prob_name != "slice":
            k = out.shape[-1] if out.shape else None
            if len(out.shape) != 2 or (isinstance(k, int) and k != 1):
                raise ModelError(f"model slice output shape {out.shape} is not (N, 1)")
            self._slice_name = "slice"

    @classmethod
    def from_path(
        cls, model_path: Path | None = None, *, threads: int = 0, prefer_gpu: bool = True
    ) -> OnnxSegmenter:
        """Load a model file and the spec stored beside it (exactly that file).

        Which file to serve (the float model or its int8 export) is chosen by
        :func:`ichseg.runtimes.load_model`.

        Args:
            model_path: The ``.onnx`` file; ``None`` uses :func:`default_model_path`.
            threads: Intra-op threads (0 lets ONNX Runtime decide).
            prefer_gpu: Use the CUDA provider when available.

        Returns:
            A ready segmenter.

        Raises:
            ModelError: When the model or its spec is missing or invalid.
        """
        path = Path(model_path) if model_path is not None else default_model_path()
        if not path.is_file():
            raise ModelError(f"model file not found: {path}")
        spec = PreprocessSpec.load(spec_path_for(path))
        return cls(path, spec, threads=threads, prefer_gpu=prefer_gpu)

    @staticmethod
    def gpu_available() -> bool:
        """Whether ONNX Runtime has its CUDA provider here (a model would run on the GPU)."""
        import onnxruntime as ort

        return "CUDAExecutionProvider" in ort.get_available_providers()

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

    @property
    def heads(self) -> tuple[str, ...]:
        """The outputs :meth:`predict_heads` fills: ``prob``, then ``subtype``/``slice``."""
        names = ["prob"]
        if self._subtype_name is not None:
            names.append("subtype")
        if self._slice_name is not None:
            names.append("slice")
        return tuple(names)

    def predict(self, batch: np.ndarray) -> np.ndarray:
        """Run the model on a batch for the mask head only.

        Args:
            batch: ``(N, h, w, C)`` ``float32``.

        Returns:
            ``(N, h, w)`` ``float32`` probabilities.
        """
        return self._run(batch, [self._prob_name]).prob

    def predict_heads(self, batch: np.ndarray) -> ModelOutput:
        """Run the model once for every head it has.

        Args:
            batch: ``(N, h, w, C)`` ``float32``.

        Returns:
            ``prob`` ``(N, h, w)``, ``subtype`` ``(N, K)`` and ``slice`` ``(N,)``, all
            ``float32`` (``None`` for a head the model lacks).
        """
        names = [self._prob_name]
        names += [n for n in (self._subtype_name, self._slice_name) if n is not None]
        return self._run(batch, names)

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
        names = [self._prob_name]
        if subtypes and self._subtype_name is not None:
            names.append(self._subtype_name)
        out = self._run(batch, names)
        return out.prob, out.subtype

    def _run(self, batch: np.ndarray, names: list[str]) -> ModelOutput:
        x = np.ascontiguousarray(batch, dtype=np.float32)
        values: list[Any] = self._session.run(names, {self._input_name: x})
        got = dict(zip(names, values, strict=True))
        probs = np.asarray(got[self._prob_name], dtype=np.float32)
        if probs.ndim == 4:
            probs = probs[..., 0]
        subtype = got.get(self._subtype_name) if self._subtype_name else None
        slice_ = got.get(self._slice_name) if self._slice_name else None
        return ModelOutput(
            prob=probs,
            subtype=None if subtype is None else np.asarray(subtype, dtype=np.float32),
            slice=None if slice_ is None else np.asarray(slice_, dtype=np.float32).reshape(-1),
        )
