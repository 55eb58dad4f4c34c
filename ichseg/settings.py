"""Typed settings for the pipeline, read from ``ICHSEG_*`` environment variables.

The root of the one settings tree: :class:`ichseg.server.settings.ServeSettings` and
:class:`ichseg.cloud.settings.CloudSettings` extend :class:`PipelineSettings`, so the
model, runtime, batching and size limits are defined (and read from the environment) in
one place, for the CLI, the embedded server, the Lambda and the GPU task alike. Entry
points build these once (CLI arguments override them); nothing reads the environment at
import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ichseg.defaults import MAX_BATCH_PIXELS

MIB = 1024 * 1024
#: Largest upload accepted by default (the embedded server, the presigned POST policy and
#: the GPU task's download cap).
MAX_UPLOAD_BYTES = 2048 * MIB
#: Which variant of a model to serve (see :attr:`PipelineSettings.precision`).
Precision = Literal["default", "float32", "int8"]


class PipelineSettings(BaseSettings):
    """Settings shared by every entry point that runs the pipeline.

    Attributes:
        model_path: The model file (its spec beside it); ``None`` uses the shipped model.
        threads: Model runtime intra-op threads (0: let it decide).
        prefer_gpu: Use the GPU execution provider when present.
        batch_size: Slices per model call (capped by ``max_batch_pixels``).
        max_batch_pixels: Most model-input pixels per model call (default
            :data:`MAX_BATCH_PIXELS`, one 512x512 slice, which bounds memory on small
            machines and Lambda; raise it where memory allows, as on a GPU).
        fps: Slices per second in the output videos.
        max_upload_bytes: Largest accepted upload (checked in the browser, the embedded
            server, the presigned upload form and the GPU task's download).
        precision: Which variant of the model to serve: ``default`` (the int8 export
            beside the model when its spec says ``serve_int8`` and the model runs on the
            CPU; a GPU serves float32), ``float32`` (the model file itself) or ``int8``
            (the int8 export, which must exist).
    """

    model_config = SettingsConfigDict(env_prefix="ICHSEG_", extra="ignore")

    model_path: Path | None = None
    threads: int = Field(0, ge=0, le=256)
    prefer_gpu: bool = True
    batch_size: int = Field(8, ge=1, le=256)
    max_batch_pixels: int = Field(MAX_BATCH_PIXELS, gt=0)
    fps: int = Field(5, ge=1, le=60)
    max_upload_bytes: int = Field(MAX_UPLOAD_BYTES, gt=0)
    precision: Precision = "default"
