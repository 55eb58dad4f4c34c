"""A stored reference input/output pair for the shipped model, from SYNTHETIC input only.

The input is a synthetic head-like phantom (an ellipse of "brain" grey inside a bright
"skull" ring with a blood-grey blob), quantised to k/255 like every real model input, and
its neighbouring-slice channels shifted slightly. No CT-ICH pixel is involved.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ichseg.spec import PreprocessSpec


def synthetic_input(spec: PreprocessSpec, seed: int = 0) -> np.ndarray:
    """Build a deterministic synthetic model input.

    Args:
        spec: Gives H, W and channels.
        seed: Seed of the noise and blob position.

    Returns:
        ``(1, H, W, C)`` ``float32`` with values ``k / 255``.
    """
    rng = np.random.default_rng(seed)
    h, w, c = spec.input_height, spec.input_width, spec.channels
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    planes = []
    cy0, cx0 = rng.uniform(0.35, 0.6) * h, rng.uniform(0.35, 0.65) * w
    for k in range(c):
        r = ((yy - h / 2) / (0.42 * h)) ** 2 + ((xx - w / 2) / (0.36 * w)) ** 2
        grey = np.where(r < 1.0, 0.35, 0.0)
        grey = np.where((r >= 0.85) & (r < 1.0), 1.0, grey)
        blob = ((yy - cy0 - 2 * k) ** 2 + (xx - cx0) ** 2) < (0.06 * h) ** 2
        grey = np.where(blob & (r < 0.8), 0.75, grey)
        grey = grey + rng.normal(0, 0.03, size=(h, w)) * (r < 1.0)
        planes.append(np.clip(np.rint(grey * 255), 0, 255) / 255.0)
    return np.stack(planes, axis=-1)[None].astype(np.float32)


def save_reference(
    path: Path,
    x: np.ndarray,
    y: np.ndarray,
    subtype: np.ndarray | None = None,
    slice_score: np.ndarray | None = None,
) -> None:
    """Write a reference pair (input stored as exact 8-bit grey, output as ``float32``).

    Args:
        path: Destination ``.npz``.
        x: ``(N, H, W, C)`` ``float32`` with values ``k / 255``.
        y: ``(N, H, W, 1)`` ``float32`` model output.
        subtype: ``(N, K)`` ``float32`` subtype output, for a model with a subtype head.
        slice_score: ``(N, 1)`` ``float32`` slice output, for a model with a slice head.
    """
    grey = np.rint(x * 255.0)
    if not np.allclose(grey / 255.0, x, atol=1e-6):
        raise ValueError("reference input must be 8-bit grey scaled by 1/255")
    arrays: dict[str, np.ndarray] = {"x_uint8": grey.astype(np.uint8), "y": y.astype(np.float32)}
    if subtype is not None:
        arrays["subtype"] = subtype.astype(np.float32)
    if slice_score is not None:
        arrays["slice"] = slice_score.astype(np.float32)
    np.savez_compressed(path, allow_pickle=False, **arrays)


def load_reference(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read a reference pair written by :func:`save_reference`.

    Args:
        path: The ``.npz`` file.

    Returns:
        ``(x, y)``: ``float32`` input (``uint8 / 255``) and expected output.
    """
    with np.load(path) as z:
        x = z["x_uint8"].astype(np.float32) / np.float32(255.0)
        return x, z["y"].astype(np.float32)


def load_reference_subtype(path: Path) -> np.ndarray | None:
    """The stored subtype output of a reference pair, if the model has a subtype head.

    Args:
        path: The ``.npz`` file.

    Returns:
        ``(N, K)`` ``float32``, or ``None``.
    """
    with np.load(path) as z:
        return z["subtype"].astype(np.float32) if "subtype" in z.files else None
