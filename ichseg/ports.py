"""Small interfaces that adapters implement (ONNX, local/S3 storage, SQLite/Firestore).

The core depends only on these protocols; entry points choose the adapters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from ichseg.spec import PreprocessSpec

#: ``progress(stage, done, total)``: called as a stage advances.
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ModelInfo:
    """Identity of a model file.

    Attributes:
        name: Model name (from the spec).
        version: Model version (from the spec).
        sha256: Hex digest of the model file.
        path: Where the model was loaded from.
    """

    name: str
    version: str
    sha256: str
    path: str


@runtime_checkable
class Segmenter(Protocol):
    """Turns model inputs into per-pixel haemorrhage probabilities."""

    @property
    def spec(self) -> PreprocessSpec:
        """The preprocessing spec stored beside the model."""
        ...

    @property
    def info(self) -> ModelInfo:
        """The model's identity."""
        ...

    def predict(self, batch: np.ndarray) -> np.ndarray:
        """Run the model.

        Args:
            batch: ``(N, h, w, C)`` ``float32`` from :func:`ichseg.preprocess.model_input`.

        Returns:
            ``(N, h, w)`` ``float32`` probabilities in [0, 1].
        """
        ...


@runtime_checkable
class SubtypeSegmenter(Segmenter, Protocol):
    """A segmenter whose model also scores haemorrhage subtypes per slice."""

    def predict_with_subtypes(self, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Run the model once for both outputs.

        Args:
            batch: ``(N, h, w, C)`` ``float32`` from :func:`ichseg.preprocess.model_input`.

        Returns:
            ``(probs, subtypes)``: ``(N, h, w)`` ``float32`` probabilities and
            ``(N, len(spec.subtypes))`` ``float32`` subtype probabilities (``None`` when
            the model has no subtype head).
        """
        ...


class BlobStore(Protocol):
    """Where job inputs and outputs live (a folder, or an S3 bucket)."""

    def put_file(self, key: str, path: str, content_type: str | None = None) -> None:
        """Store a local file under ``key``."""
        ...

    def get_file(self, key: str, path: str, max_bytes: int | None = None) -> None:
        """Copy the object at ``key`` to a local file, refusing more than ``max_bytes``."""
        ...

    def exists(self, key: str) -> bool:
        """Whether an object exists at ``key``."""
        ...
