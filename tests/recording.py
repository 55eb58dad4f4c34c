"""Test helpers that wrap a segmenter (imported as ``from recording import ...``: the
``tests`` folder is on the path, and a package named ``tests`` elsewhere must not shadow it)."""

from __future__ import annotations

import numpy as np


class BatchRecorder:
    """A segmenter that passes every call on to another and records each batch's size.

    Args:
        inner: The segmenter that answers (``spec``, ``info``, ``predict``).
    """

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.spec = inner.spec
        self.info = inner.info
        self.sizes: list[int] = []

    def predict(self, batch: np.ndarray):  # type: ignore[no-untyped-def]
        """The inner segmenter's outputs for ``batch`` ``(N, H, W, C)``; records ``N``."""
        self.sizes.append(len(batch))
        return self.inner.predict(batch)
