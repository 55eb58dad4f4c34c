"""The preprocessing spec file: round trip and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from ichseg.errors import ModelError
from ichseg.spec import PreprocessSpec, spec_path_for


def test_spec_round_trips_through_its_file(tmp_path: Path) -> None:
    spec = PreprocessSpec(
        model_name="m",
        model_version="1.2.3",
        input_height=192,
        input_width=160,
        context_slices=2,
        threshold=0.4,
        min_component_px=12,
    )
    path = tmp_path / "m.spec.json"
    spec.save(path)
    loaded = PreprocessSpec.load(path)
    assert loaded == spec
    assert loaded.channels == 5


def test_spec_path_sits_beside_the_model() -> None:
    assert spec_path_for(Path("/x/ichseg-unet.onnx")) == Path("/x/ichseg-unet.spec.json")


def test_missing_spec_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        PreprocessSpec.load(tmp_path / "none.spec.json")


@pytest.mark.parametrize(
    "content",
    ["not json", '{"threshold": 2.0}', '{"unknown_key": 1}', '{"input_height": 4}'],
)
def test_invalid_spec_is_a_model_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.spec.json"
    path.write_text(content)
    with pytest.raises(ModelError, match="invalid"):
        PreprocessSpec.load(path)
