"""ichseg: intracranial haemorrhage segmentation on head CT.

The Python API (the CLI, the embedded server and the cloud call the same functions)::

    import numpy as np
    from ichseg import load_model, predict_scan, read_scan

    model = load_model()                         # the shipped ONNX model and its spec
    pred = predict_scan(read_scan("ct.zip"), model)   # in memory: nothing is written
    pred.verdict.haemorrhage, pred.volume_ml, pred.verdict.bleeding_slices
    pred.masks[0]                                # (H, W) uint8 0/255 at the slice's size

    hu = np.zeros((24, 512, 512), np.float32)    # or an (N, H, W) array in HU
    pred = predict_scan(hu, model, pixel_spacing_mm=(0.5, 0.5), slice_thickness_mm=5.0)

    from ichseg import segment_scan              # read + predict + write_outputs
    report = segment_scan("ct.zip", "out/", model)

Names are imported on first use, so ``import ichseg`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ichseg.predict import Prediction, predict_scan
    from ichseg.readers import read_scan
    from ichseg.runtimes import load_model, load_segmenter
    from ichseg.service import segment_scan
    from ichseg.write import write_outputs

#: Public name -> module that defines it.
_API = {
    "Prediction": "ichseg.predict",
    "predict_scan": "ichseg.predict",
    "read_scan": "ichseg.readers",
    "load_model": "ichseg.runtimes",
    "load_segmenter": "ichseg.runtimes",
    "segment_scan": "ichseg.service",
    "write_outputs": "ichseg.write",
}

__all__ = [
    "Prediction",
    "__version__",
    "load_model",
    "load_segmenter",
    "predict_scan",
    "read_scan",
    "segment_scan",
    "write_outputs",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ichseg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
