"""Thin series: context channels at the spec's slice distance, masks and volume native."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.preprocess import context_distance, stack_context
from ichseg.service import segment_scan
from ichseg.spec import PreprocessSpec


@pytest.mark.parametrize(
    ("native", "expected"),
    [
        (None, 1.0),
        (5.0, 1.0),
        (6.0, 1.0),
        (4.5, 1.0),
        (2.5, 2.0),
        (1.25, 4.0),
        (0.625, 8.0),
        (3.0, 1.6667),
    ],
)
def test_context_distance_is_the_training_spacing_in_native_slices(
    native: float | None, expected: float
) -> None:
    assert context_distance(native, PreprocessSpec()) == pytest.approx(expected, abs=1e-4)


def test_old_spec_files_load_with_the_5mm_training_thickness(tmp_path: Path) -> None:
    path = tmp_path / "old.spec.json"
    path.write_text('{"model_name": "old", "context_slices": 1}')
    assert PreprocessSpec.load(path).slice_thickness_mm == 5.0


def test_stack_context_takes_neighbours_at_a_distance_and_interpolates_fractions() -> None:
    planes = np.arange(10, dtype=np.float32)[:, None, None] * np.ones((1, 2, 2), np.float32)
    out = stack_context(planes, 1, distance=4.0)
    assert out[5, 0, 0].tolist() == [1.0, 5.0, 9.0]
    assert out[1, 0, 0].tolist() == [0.0, 1.0, 5.0]  # clipped at the first slice
    assert out[8, 0, 0].tolist() == [4.0, 8.0, 9.0]
    frac = stack_context(planes, 1, 4, 5, distance=1.5)
    assert frac[0, 0, 0].tolist() == pytest.approx([2.5, 4.0, 5.5])
    np.testing.assert_array_equal(stack_context(planes, 1, distance=1.0), stack_context(planes, 1))


@pytest.fixture(scope="module")
def thin(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from ichseg.phantom import write_thin_phantom

    return write_thin_phantom(tmp_path_factory.mktemp("thin"), factor=4)


@pytest.fixture(scope="module")
def thick_report(phantom_dir: Path, context_band_segmenter, tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("thick") / "out"
    return out, segment_scan(phantom_dir / "phantom_dicom", out, context_band_segmenter)


@pytest.mark.parametrize("kind", ["dicom", "nifti"])
def test_a_1_25mm_series_made_from_5mm_slices_gives_the_5mm_calls_and_volume(
    kind: str, thin: dict, thick_report, context_band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    thick_out, thick = thick_report
    out = tmp_path / "out"
    report = segment_scan(Path(thin[kind]), out, context_band_segmenter)
    assert report["input"]["slice_thickness_mm"] == pytest.approx(1.25)
    assert report["model"]["context_distance_slices"] == 4.0
    assert report["scan"]["haemorrhage"] == thick["scan"]["haemorrhage"] is True
    # every 5 mm bleeding slice k shows up as its 4 thin copies
    expected = [4 * (k - 1) + j + 1 for k in thick["scan"]["bleeding_slices"] for j in range(4)]
    assert report["scan"]["bleeding_slices"] == expected
    assert report["scan"]["volume_ml"] == pytest.approx(thick["scan"]["volume_ml"], rel=0.10)
    assert len(report["slices"]) == 4 * len(thick["slices"])  # a mask per native slice
    # the thin copies of a 5 mm slice get the 5 mm slice's mask (both are the radiological view)
    thick_masks = sorted((thick_out / "masks").glob("*.png"))
    thin_masks = sorted((out / "masks").glob("*.png"))
    for k in thick["scan"]["bleeding_slices"]:
        ref = np.asarray(Image.open(thick_masks[k - 1]))
        for j in range(4):
            np.testing.assert_array_equal(np.asarray(Image.open(thin_masks[4 * (k - 1) + j])), ref)


def test_without_the_distance_the_same_thin_series_overcalls(
    thin: dict, thick_report, context_band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The control: neighbours 1.25 mm away change the result (what the issue measured)."""
    _, thick = thick_report
    spec = context_band_segmenter.spec.model_copy(update={"slice_thickness_mm": 1.25})

    class Naive:
        info = context_band_segmenter.info

        @property
        def spec(self) -> PreprocessSpec:
            return spec

        def predict(self, batch: np.ndarray) -> np.ndarray:
            return context_band_segmenter.predict(batch)

    report = segment_scan(Path(thin["dicom"]), tmp_path / "out", Naive())  # type: ignore[arg-type]
    assert report["model"]["context_distance_slices"] == 1.0
    assert report["scan"]["volume_ml"] > 1.3 * thick["scan"]["volume_ml"]


def test_a_resampled_thin_phantom_measures_the_5mm_volume(
    thick_report, context_band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Anatomy sampled anew every 1.25 mm: same call and volume as the 5 mm series."""
    _, thick = thick_report
    from ichseg.phantom import write_thin_phantom

    info = write_thin_phantom(tmp_path / "ph", factor=4, resample=True)
    report = segment_scan(Path(info["dicom"]), tmp_path / "out", context_band_segmenter)
    assert report["scan"]["haemorrhage"] is True
    assert report["model"]["context_distance_slices"] == 4.0
    assert report["scan"]["volume_ml"] == pytest.approx(thick["scan"]["volume_ml"], rel=0.10)
