"""Typed settings for the pipeline, read from ``ICHSEG_*`` environment variables.

Entry points build these once (CLI arguments override them); nothing reads the environment
at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PipelineSettings(BaseSettings):
    """Settings shared by every entry point that runs the pipeline.

    Attributes:
        model_path: The ONNX model (its spec beside it); ``None`` uses the shipped model.
        batch_size: Slices per model call.
        threads: ONNX Runtime intra-op threads (0: let it decide).
        fps: Slices per second in the output videos.
        prefer_gpu: Use the CUDA provider when present.
        precision: ``default`` (the variant the model's spec names), ``float32`` or ``int8``.
    """

    model_config = SettingsConfigDict(env_prefix="ICHSEG_", extra="ignore")

    model_path: Path | None = None
    batch_size: int = Field(8, ge=1, le=256)
    threads: int = Field(0, ge=0, le=256)
    fps: int = Field(5, ge=1, le=60)
    prefer_gpu: bool = True
    precision: Literal["default", "float32", "int8"] = "default"
