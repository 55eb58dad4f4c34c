"""Thin series: averaged into slabs as thick as the training slices, masks and volume native."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from recording import BatchRecorder

from ichseg.preprocess import (
    context_distance,
    mix_slices,
    slab_groups,
    slab_size,
    stack_context,
)
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


@pytest.mark.parametrize(
    ("native", "expected"),
    [(None, 1), (5.0, 1), (4.5, 1), (4.0, 1), (3.0, 2), (2.5, 2), (1.25, 4), (1.0, 5), (0.625, 8)],
)
def test_slab_size_is_the_training_thickness_in_native_slices(
    native: float | None, expected: int
) -> None:
    assert slab_size(native, PreprocessSpec()) == expected


def test_slab_groups_cover_every_slice_once_in_order() -> None:
    assert slab_groups(10, 4) == [(0, 4), (4, 8), (8, 10)]
    assert slab_groups(8, 4) == [(0, 4), (4, 8)]
    assert slab_groups(3, 1) == [(0, 1), (1, 2), (2, 3)]


def test_slabs_average_hounsfield_units_before_any_window() -> None:
    bone, brain = np.full((2, 2), 1000.0), np.full((2, 2), 30.0)
    quarter = tuple((i, 0.25) for i in range(4))
    slabs = mix_slices([bone, brain, brain, brain, brain], [quarter, ((4, 1.0),)], is_hu=True)
    assert slabs[0].dtype == np.float32
    np.testing.assert_allclose(slabs[0], 272.5)  # bone partial volume, not blood-grey
    np.testing.assert_allclose(slabs[1], 30.0)
    grey_slices = [np.full((2, 2), 10, np.uint8), np.full((2, 2), 13, np.uint8)]
    grey = mix_slices(grey_slices, [((0, 0.5), (1, 0.5))], False)
    assert grey[0].dtype == np.uint8 and grey[0][0, 0] == 12


def test_a_thin_array_runs_the_model_once_per_slab(context_band_segmenter) -> None:  # type: ignore[no-untyped-def]
    from ichseg.phantom import make_volume
    from ichseg.predict import predict_scan

    counting = BatchRecorder(context_band_segmenter)
    hu5, _ = make_volume(12, 128, 0)
    thin = np.repeat(hu5, 4, axis=0).astype(np.float32)
    mm = (1.0, 1.0)
    pred = predict_scan(thin, counting, pixel_spacing_mm=mm, slice_thickness_mm=1.25)
    assert sum(counting.sizes) == 12 and len(pred) == 48 and pred.slab_slices == 4
    thick = predict_scan(
        hu5.astype(np.float32), context_band_segmenter, pixel_spacing_mm=mm, slice_thickness_mm=5.0
    )
    assert pred.verdict.haemorrhage == thick.verdict.haemorrhage
    assert pred.volume_ml == pytest.approx(thick.volume_ml)
    for i in range(48):
        np.testing.assert_array_equal(pred.masks[i], thick.masks[i // 4])
    assert pred.verdict.bleeding_slices == [
        4 * (k - 1) + j + 1 for k in thick.verdict.bleeding_slices for j in range(4)
    ]


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
    assert report["model"]["slab_slices"] == 4 and report["model"]["slab_kind"] == "repeat"
    assert report["model"]["context_distance_slices"] == 1.0
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
    assert report["model"]["slab_slices"] == 1
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
    assert report["model"]["slab_slices"] == 4
    # Unlike the 5 mm phantom (anatomy sampled at each slice's centre), a slab averages the
    # bleed's upper and lower edges with brain, as a scanner's 5 mm reconstruction does; the
    # band model, which wants blood-grey in all three channels, drops such partial slabs.
    assert report["scan"]["volume_ml"] == pytest.approx(thick["scan"]["volume_ml"], rel=0.20)


@pytest.mark.parametrize("kind", ["dicom", "nifti"])
def test_a_thin_series_interpolated_from_5mm_slices_keeps_the_5mm_call_and_volume(
    kind: str, thick_report, context_band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Resampling software's 1.25 mm series: thin slices between two 5 mm slices mix both."""
    _, thick = thick_report
    from ichseg.phantom import write_thin_phantom

    info = write_thin_phantom(tmp_path / "ph", factor=4, interpolate=True)
    report = segment_scan(Path(info[kind]), tmp_path / "out", context_band_segmenter)
    assert report["model"]["slab_slices"] == 4 and report["model"]["slab_kind"] == "linear-mid"
    assert report["scan"]["haemorrhage"] is True
    assert report["scan"]["bleeding_slices"] == [
        4 * (k - 1) + j + 1 for k in thick["scan"]["bleeding_slices"] for j in range(4)
    ]
    assert report["scan"]["volume_ml"] == pytest.approx(thick["scan"]["volume_ml"], rel=0.10)
    assert len(report["slices"]) == 4 * len(thick["slices"])


def test_an_interpolated_clean_thin_series_stays_clean(  # type: ignore[no-untyped-def]
    context_band_segmenter, tmp_path: Path
) -> None:
    """Bone beside brain, averaged in HU, must not turn blood-grey (the real-data failure)."""
    from ichseg.phantom import write_thin_phantom

    info = write_thin_phantom(tmp_path / "ph", factor=4, interpolate=True, bleed=False)
    report = segment_scan(Path(info["dicom"]), tmp_path / "out", context_band_segmenter)
    assert report["scan"]["haemorrhage"] is False
    assert report["scan"]["volume_ml"] == 0


def _noisy_head(n: int, seed: int = 0) -> np.ndarray:
    from ichseg.phantom import make_volume

    hu, _ = make_volume(n, 64, seed)
    return hu


def test_a_series_made_by_repeating_or_interpolating_thick_slices_is_shown_as_those() -> None:
    from ichseg.preprocess import plan_slabs, upsampled_phase

    thick = _noisy_head(8)
    repeated = list(np.repeat(thick, 4, axis=0))
    assert upsampled_phase(repeated, 4) == (0, "repeat")
    plan = plan_slabs(repeated, 4)
    assert plan.kind == "repeat" and plan.sources == tuple(((4 * k, 1.0),) for k in range(8))
    assert plan.owner.tolist() == [i // 4 for i in range(32)]
    # nodes every 4th slice from slice 2, linear in between (what resampling software makes)
    pos = (np.arange(31) - 2) / 4.0
    low = np.clip(np.floor(pos).astype(int), 0, 7)
    frac = np.clip(pos - low, 0, 1)[:, None, None]
    high = np.minimum(low + 1, 7)
    linear = list(np.rint(thick[low] * (1 - frac) + thick[high] * frac))
    assert upsampled_phase(linear, 4) == (2, "linear")
    plan = plan_slabs(linear, 4)
    assert (
        plan.kind == "linear" and plan.sources[0] == ((2, 1.0),) and plan.sources[1] == ((6, 1.0),)
    )
    np.testing.assert_array_equal(mix_slices(linear, plan.sources, True)[3], thick[3])
    assert plan.owner[:9].tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 2]  # nearest node


def test_a_thin_acquisition_is_averaged_into_slabs() -> None:
    from ichseg.preprocess import plan_slabs, upsampled_phase

    acquired = list(_noisy_head(30, seed=3))  # anatomy with its own noise on every slice
    assert upsampled_phase(acquired, 4) is None
    plan = plan_slabs(acquired, 4)
    assert plan.kind == "average" and len(plan.sources) == 8
    assert plan.sources[0] == tuple((i, 0.25) for i in range(4))
    assert plan.sources[-1] == ((28, 0.5), (29, 0.5))
    assert plan.owner.tolist() == [i // 4 for i in range(30)]


def test_a_series_interpolated_at_thin_slice_centres_is_shown_as_its_thick_slices() -> None:
    """Thin slice j at (j + 0.5) / 4 - 0.5: no native slice equals a thick one."""
    from ichseg.preprocess import plan_slabs, upsampled_phase

    thick = _noisy_head(10)
    pos = np.clip((np.arange(40) + 0.5) / 4 - 0.5, 0, 9)
    low = np.floor(pos).astype(int)
    high = np.minimum(low + 1, 9)
    frac = (pos - low)[:, None, None]
    centred = list(np.rint(thick[low] * (1 - frac) + thick[high] * frac).astype(np.float32))
    assert upsampled_phase(centred, 4) == (1, "linear-mid")
    plan = plan_slabs(centred, 4)
    assert plan.kind == "linear-mid" and len(plan.sources) == 10
    rebuilt = mix_slices(centred, plan.sources, True)
    for k in range(10):
        assert np.abs(rebuilt[k] - thick[k]).mean() < 1.0  # rounding of the thin slices only
    assert plan.owner.tolist() == [i // 4 for i in range(40)]
