"""The report's stable keys and verdict rules."""

from __future__ import annotations

import numpy as np
import pytest

from ichseg.ports import ModelInfo
from ichseg.report import SliceResult, build_report, mask_name
from ichseg.scan import Scan
from ichseg.spec import PreprocessSpec

MODEL = ModelInfo(name="m", version="1", sha256="ab" * 32, path="/m.onnx")


def _scan(spacing: tuple[float, float] | None, thickness: float | None) -> Scan:
    return Scan(
        slices=[np.zeros((4, 4))] * 3,
        is_hu=True,
        pixel_spacing_mm=spacing,
        slice_thickness_mm=thickness,
        source={"format": "dicom", "name": "x"},
    )


def test_report_has_the_stable_keys_and_volume_in_ml() -> None:
    """Spacing 0.5 x 0.5 mm, 5 mm slices: a voxel is 1.25 uL; 2000 px bleed -> 2.5 mL."""
    results = [SliceResult(0.1, 0), SliceResult(0.9, 1200), SliceResult(0.8, 800)]
    r = build_report(_scan((0.5, 0.5), 5.0), results, PreprocessSpec(), MODEL, {"total": 1.0})
    assert [s["index"] for s in r["slices"]] == [1, 2, 3]
    assert r["slices"][1]["probability"] == 0.9
    assert r["slices"][1]["area_px"] == 1200
    assert r["slices"][1]["area_mm2"] == 300.0
    assert r["scan"]["haemorrhage"] is True
    assert r["scan"]["probability"] == 0.9
    assert r["scan"]["volume_ml"] == pytest.approx(2.5)
    assert r["scan"]["bleeding_slices"] == [2, 3]
    assert r["model"] == r["model"] | {"name": "m", "version": "1", "sha256": "ab" * 32}
    assert r["input"]["format"] == "dicom"
    assert r["timings_s"] == {"total": 1.0}


def test_volume_is_null_without_spacing() -> None:
    r = build_report(_scan(None, None), [SliceResult(0.9, 10)] * 3, PreprocessSpec(), MODEL, {})
    assert r["scan"]["volume_ml"] is None
    assert r["slices"][0]["area_mm2"] is None
    assert r["scan"]["haemorrhage"] is True


def test_low_probability_scan_is_negative() -> None:
    r = build_report(_scan(None, None), [SliceResult(0.2, 0)] * 3, PreprocessSpec(), MODEL, {})
    assert r["scan"]["haemorrhage"] is False
    assert r["scan"]["bleeding_slices"] == []


def test_mask_names_sort_in_slice_order() -> None:
    assert mask_name(7, 36) == "masks/007.png"
    assert mask_name(7, 1200) == "masks/0007.png"


def test_scan_subtypes_come_from_the_bleeding_slices_only() -> None:
    """A clean slice's high Subdural score does not make the scan's subtypes; likely
    subtypes are listed most probable first."""
    spec = PreprocessSpec(subtypes=("Epidural", "Subdural", "Intraventricular"))
    results = [
        SliceResult(0.1, 0, (0.0, 0.95, 0.0)),
        SliceResult(0.9, 500, (0.6, 0.1, 0.8)),
        SliceResult(0.8, 300, (0.7, 0.2, 0.3)),
    ]
    r = build_report(_scan(None, None), results, spec, MODEL, {})
    assert r["slices"][0]["subtypes"] == {
        "Epidural": 0.0,
        "Subdural": 0.95,
        "Intraventricular": 0.0,
    }
    assert r["scan"]["subtypes"] == {"Epidural": 0.7, "Subdural": 0.2, "Intraventricular": 0.8}
    assert r["scan"]["likely_subtypes"] == ["Intraventricular", "Epidural"]


def test_scan_without_bleeding_slices_has_empty_subtypes() -> None:
    spec = PreprocessSpec(subtypes=("Epidural",))
    r = build_report(_scan(None, None), [SliceResult(0.2, 0, (0.9,))], spec, MODEL, {})
    assert r["scan"]["subtypes"] == {} and r["scan"]["likely_subtypes"] == []


def test_subtype_scores_must_match_the_spec() -> None:
    spec = PreprocessSpec(subtypes=("Epidural", "Subdural"))
    with pytest.raises(ValueError, match="1 subtype scores for 2 subtypes"):
        build_report(_scan(None, None), [SliceResult(0.9, 5, (0.5,))], spec, MODEL, {})
