"""One model factory: load_model / load_segmenter pick the runtime by the model file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ichseg import runtimes
from ichseg.errors import ModelError
from ichseg.runtimes import (
    default_model_path,
    load_model,
    load_segmenter,
    model_path,
    serving_file,
)
from ichseg.settings import PipelineSettings
from ichseg.spec import PreprocessSpec, int8_path_for, spec_path_for


def test_load_model_defaults_to_the_shipped_model() -> None:
    model = load_model(threads=1, precision="float32")
    assert Path(model.info.path) == default_model_path()
    served = serving_file(default_model_path())  # on a CPU: the int8 export, if the spec says
    assert load_model(threads=1, prefer_gpu=False).info.path == str(served)
    spec = PreprocessSpec.load(spec_path_for(default_model_path()))
    assert (served == int8_path_for(default_model_path())) == spec.serve_int8


def test_load_segmenter_passes_threads_and_gpu_preference(
    band_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    class Fake:
        @classmethod
        def from_path(cls, path: Path, *, threads: int, prefer_gpu: bool) -> str:
            seen.update(path=path, threads=threads, prefer_gpu=prefer_gpu)
            return "segmenter"

    import ichseg.adapters.onnx_segmenter as onnx_adapter

    monkeypatch.setattr(onnx_adapter, "OnnxSegmenter", Fake)
    settings = PipelineSettings(model_path=band_model, threads=2, prefer_gpu=False)
    assert load_segmenter(settings) == "segmenter"
    assert seen == {"path": band_model, "threads": 2, "prefer_gpu": False}


def test_a_model_file_of_unknown_kind_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no runtime"):
        load_model(tmp_path / "model.engine")


def test_every_runtime_names_an_importable_adapter() -> None:
    import importlib

    for suffix, ref in runtimes.RUNTIMES.items():
        module, _, name = ref.partition(":")
        assert suffix.startswith(".")
        assert hasattr(getattr(importlib.import_module(module), name), "from_path")


def test_model_path_of_settings() -> None:
    assert model_path(PipelineSettings()) == default_model_path()
    assert model_path(PipelineSettings(model_path=Path("x.onnx"))) == Path("x.onnx")
